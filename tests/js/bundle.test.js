// The production bundles in dist/ (scripts/bundle.mjs, run by the build):
// what is written, that the package's browser condition points at them, that
// they hold no module of web/ by path, that the .wasm went through wasm-opt,
// and that the minified core answers exactly as the source modules do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLES, bundle } from '../../scripts/bundle.mjs';
import { generateData, BENCH_NOW } from '../../bench/gen-data.mjs';
import { loadCore as loadSourceCore, McaError as SourceError } from '../../web/index.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const DIST = join(ROOT, 'dist');
const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
const importDist = (file) => import(pathToFileURL(join(DIST, file)).href);

test('the build wrote every bundle and the .wasm into dist/, and nothing else', async () => {
  const files = [];
  for (const e of await readdir(DIST, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) files.push(join(e.parentPath ?? e.path, e.name).slice(DIST.length + 1));
  }
  assert.deepEqual(files.sort(), Object.values(BUNDLES).sort());
  assert.deepEqual(await readFile(join(DIST, BUNDLES.wasm)), await readFile(join(ROOT, 'web/wasm/mca-core.wasm')),
    'dist/wasm/ holds the .wasm of web/wasm/');
});

test('the browser condition of each entry points at its bundle; Node keeps the source modules', () => {
  assert.deepEqual(Object.keys(pkg.exports['.']), ['types', 'browser', 'default']);
  assert.equal(pkg.exports['.'].browser, `./dist/${BUNDLES.main}`);
  assert.equal(pkg.exports['.'].default, './web/index.js');
  assert.equal(pkg.exports['./bulk'].browser, `./dist/${BUNDLES.bulk}`);
  assert.equal(pkg.exports['./bulk'].default, './web/bulk/index.js');
  assert.equal(pkg.exports['./core'].browser, `./dist/${BUNDLES.core}`);
  assert.equal(pkg.exports['./core'].default, './web/core.js');
  assert.ok(pkg.files.includes('dist/'), 'dist/ is in the package');
});

test('the bundles are minified ES modules that import only each other', async () => {
  for (const file of [BUNDLES.main, BUNDLES.bulk, BUNDLES.shared, BUNDLES.core]) {
    const text = await readFile(join(DIST, file), 'utf8');
    const specifiers = [...text.matchAll(/\b(?:import|from)\s*\(?\s*"([^"]+)"/g)].map((m) => m[1]);
    const outside = specifiers.filter((s) => s !== `./${BUNDLES.shared}` && s !== 'node:fs/promises');
    assert.deepEqual(outside, [], `${file} imports only ./${BUNDLES.shared} (and node:fs/promises under Node)`);
    assert.ok(!/\n\s*\/\/|\/\*\*/.test(text), `${file} has no comments`);
    // Minified: long lines (the line breaks left are inside template literals: the styles).
    assert.ok(text.length / text.split('\n').length > 200, `${file} is minified`);
  }
  const core = await readFile(join(DIST, BUNDLES.core), 'utf8');
  assert.ok(!core.includes('./mca-shared.js'), 'the core bundle is one file');
  assert.ok(core.includes('new URL("./wasm/mca-core.wasm",import.meta.url)'), 'the core bundle finds the .wasm beside it');
});

test('the main and bulk bundles share one copy of each module: one McaError class', async () => {
  const main = await importDist(BUNDLES.main);
  const bulk = await importDist(BUNDLES.bulk);
  const core = await main.loadCore();
  // runBulk refuses a call without rows with the McaError class the main entry exports.
  const failure = await Promise.resolve().then(() => bulk.runBulk({ core })).then(() => null, (e) => e);
  assert.ok(failure instanceof main.McaError, `runBulk's error (${failure}) is the main bundle's McaError`);
  assert.ok(!(failure instanceof SourceError), 'and not the source modules\' class (the bundles hold their own copy)');
});

test('the .wasm went through wasm-opt: no producers or debug name section', async () => {
  const module = await WebAssembly.compile(await readFile(join(ROOT, 'web/wasm/mca-core.wasm')));
  assert.deepEqual(WebAssembly.Module.customSections(module, 'producers'), []);
  assert.deepEqual(WebAssembly.Module.customSections(module, 'name'), []);
});

test('the minified core answers as the source modules do, row by row (2,000 generated rows)', async () => {
  const { loadCore, McaError } = await importDist(BUNDLES.core);
  const [bundled, source] = [await loadCore(), await loadSourceCore()];
  assert.notEqual(bundled, source);
  assert.equal(bundled.version, source.version);
  assert.deepEqual(bundled.messages, source.messages);
  const { csv } = generateData({ rows: 2000, seed: 7 });
  const rows = bundled.parseCsv(csv).rows;
  assert.deepEqual(rows, source.parseCsv(csv).rows);
  let accepted = 0;
  for (const row of rows) {
    const b = bundled.buildConfirmation(row, { now: BENCH_NOW });
    assert.deepEqual(b, source.buildConfirmation(row, { now: BENCH_NOW }), `line ${row._line}`);
    if (b.ok) accepted += 1;
  }
  assert.ok(accepted > 1000 && accepted < 2000, `a mix of valid and invalid rows (${accepted} accepted)`);
  assert.throws(() => bundled.parseCsv(42), (e) => e instanceof McaError && e.code === 'csv.notText');
});

test('bundle() writes the set into another folder, replaces each file and drops files of earlier builds', async () => {
  const out = await mkdtemp(join(tmpdir(), 'mca-dist-'));
  try {
    await mkdir(join(out, 'wasm'));
    await writeFile(join(out, 'mca-core.js'), 'old');
    await writeFile(join(out, 'chunk-old.js'), 'old');
    const files = await bundle(out);
    assert.deepEqual(files.sort(), Object.values(BUNDLES).sort());
    assert.deepEqual((await readdir(out)).sort(), ['bulk.js', 'mca-attest.js', 'mca-core.js', 'mca-shared.js', 'wasm']);
    assert.deepEqual((await readdir(dirname(out))).filter((f) => f.startsWith(`${basename(out)}.tmp-`)), [],
      'no work folder is left beside it');
    assert.deepEqual(await readFile(join(out, BUNDLES.core)), await readFile(join(DIST, BUNDLES.core)),
      'the same sources give the same bytes');
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});
