// The types layer's JavaScript half: tsc --checkJs --strict over web/ and
// tests/types/conformance.ts, which holds every export of the package's
// entries against the hand-written .d.ts (tests/types/tsconfig.checkjs.json).
//
// Every module of web/ is checked strictly except those listed in
// tests/types/unchecked.txt, a list that only shrinks: an error in a module
// not on it fails, and so does a listed module that has no error left (take
// it off the list). Errors of conformance.ts always fail: they are drift
// between the JavaScript and its declarations.
//
//   node scripts/check-types.mjs [root]     (root: a checkout, default this one)
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = resolve(fileURLToPath(new URL('..', import.meta.url)));
const root = resolve(process.argv[2] ?? HERE);
const tsc = createRequire(resolve(HERE, 'package.json')).resolve('typescript/bin/tsc');
const config = resolve(root, 'tests/types/tsconfig.checkjs.json');
const listFile = resolve(root, 'tests/types/unchecked.txt');

/** The modules not yet checked: one path (from the root) a line; # starts a comment. */
function readUnchecked(text) {
  return text.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
}

const output = await new Promise((done) => {
  execFile(process.execPath, [tsc, '-p', config, '--pretty', 'false'], { cwd: root, maxBuffer: 1 << 26 },
    (error, stdout, stderr) => done({ code: error ? error.code ?? 1 : 0, text: `${stdout}${stderr}` }));
});
const unchecked = new Set(readUnchecked(readFileSync(listFile, 'utf8')));
/** Errors by file (relative to the root; '' for errors of no file, such as the
 * configuration's), each with its indented lines of detail. */
const errors = new Map();
let last = null;
for (const line of output.text.split('\n')) {
  if (last && /^\s/.test(line)) { last.push(line); continue; }
  last = null;
  const m = /^(.*?)\(\d+,\d+\): error TS\d+: /.exec(line) ?? /^()error TS\d+: /.exec(line);
  if (!m) continue;
  const file = m[1] ? relative(root, resolve(root, m[1])) : '';
  if (!errors.has(file)) errors.set(file, []);
  errors.get(file).push(last = [line]);
}
if (output.code !== 0 && errors.size === 0) {
  process.stderr.write(`check-types: tsc failed without a diagnostic:\n${output.text}\n`);
  process.exit(1);
}

const failures = [];
for (const [file, lines] of errors) {
  if (!unchecked.has(file)) failures.push(...lines.map((diagnostic) => diagnostic.join('\n')));
}
for (const file of unchecked) {
  if (!existsSync(resolve(root, file))) failures.push(`${file}: listed in tests/types/unchecked.txt but does not exist`);
  else if (!errors.has(file)) failures.push(`${file}: no type error left; take it off tests/types/unchecked.txt`);
}
const listed = [...unchecked].reduce((n, f) => n + (errors.get(f)?.length ?? 0), 0);
process.stdout.write(`check-types: ${unchecked.size} module(s) of web/ not yet checked (${listed} error(s)); `
  + `every other module and conformance.ts checked strictly\n`);
if (failures.length > 0) {
  process.stdout.write(`${failures.join('\n')}\ncheck-types: ${failures.length} failure(s)\n`);
  process.exit(1);
}
process.stdout.write('check-types: passed\n');
