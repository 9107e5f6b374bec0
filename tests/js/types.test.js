// The types layer (scripts/check-types.mjs: tsc --checkJs --strict over web/
// against the hand-written .d.ts) fails on drift: a copy of the package with
// a declaration renamed, a JavaScript value of the wrong type, a type error
// in a checked module and a stale entry on the list of unchecked modules
// fails with each of them named. And that list only shrinks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Modules on tests/types/unchecked.txt when it was made; lower it as modules leave the list, never raise it. */
const MOST_UNCHECKED = 29;

const unchecked = (text) => text.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);

async function edit(dir, file, from, to) {
  const text = await readFile(join(dir, file), 'utf8');
  assert.ok(text.includes(from), `${file} holds ${from}`);
  await writeFile(join(dir, file), text.replace(from, to));
}

function checkTypes(root) {
  return new Promise((done) => {
    execFile(process.execPath, [join(ROOT, 'scripts/check-types.mjs'), root], { maxBuffer: 1 << 26 },
      (error, stdout, stderr) => done({ code: error ? error.code : 0, out: `${stdout}${stderr}` }));
  });
}

test('the list of modules not yet type-checked only shrinks and names modules of web/', async () => {
  const list = unchecked(await readFile(join(ROOT, 'tests/types/unchecked.txt'), 'utf8'));
  assert.ok(list.length <= MOST_UNCHECKED, `${list.length} modules listed; at most ${MOST_UNCHECKED}`);
  assert.deepEqual(list.filter((f) => !/^web\/.+\.js$/.test(f)), []);
  assert.equal(new Set(list).size, list.length, 'each module listed once');
});

test('a drifted copy fails the types layer, each drift named', { timeout: 600_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mca-types-'));
  try {
    await cp(join(ROOT, 'web'), join(dir, 'web'), { recursive: true, filter: (src) => !src.includes('/web/wasm') });
    await cp(join(ROOT, 'tests/types'), join(dir, 'tests/types'), { recursive: true });
    await cp(join(ROOT, 'package.json'), join(dir, 'package.json'));
    const clean = await checkTypes(dir);
    assert.equal(clean.code, 0, `the copy as it is passes:\n${clean.out}`);

    // The declarations rename a method the element has.
    await edit(dir, 'web/index.d.ts', '  refresh(): void;\n', '  reload(): void;\n');
    // A checked module gives a value of the wrong type (a string status).
    await edit(dir, 'web/errors.js', 'this.status = fields.status ?? null;', 'this.status = String(fields.status);');
    // A type error inside a checked module.
    await appendFile(join(dir, 'web/acceptance.js'), "\nexport const pages = /** @type {number} */ ('a page');\n");
    // A module on the list that has no error left.
    await appendFile(join(dir, 'tests/types/unchecked.txt'), 'web/index.js\n');

    const drifted = await checkTypes(dir);
    assert.notEqual(drifted.code, 0, drifted.out);
    // One diagnostic: its first line and its indented lines of detail.
    const diagnostics = drifted.out.split(/\n(?!\s)/);
    const named = (file, pattern) => diagnostics.some((d) => d.startsWith(`${file}(`) && pattern.test(d));
    assert.ok(named('tests/types/conformance.ts', /'reload' is missing/), drifted.out);
    assert.ok(named('tests/types/conformance.ts', /types of 'status' are incompatible/), drifted.out);
    assert.ok(named('web/acceptance.js', /TS2352/), drifted.out);
    assert.ok(diagnostics.includes('web/index.js: no type error left; take it off tests/types/unchecked.txt'), drifted.out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
