// The benchmark's size figures count what a page really loads: the files
// reached from an entry (the bundles in dist/, or web/index.js) through its
// imports and import.meta.url assets. And its goals: fixed or relative bounds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { moduleGraph, setSize } from '../../bench/size.mjs';
import { GOALS, bound, status } from '../../bench/goals.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

test('the component set holds the entry, its modules and the .wasm (no Emscripten glue)', async () => {
  const { files, missing } = await moduleGraph(join(ROOT, 'web/index.js'));
  const names = files.map((f) => relative(ROOT, f));
  for (const f of ['web/index.js', 'web/core.js', 'web/errors.js', 'web/wasm/mca-core.wasm']) {
    assert.ok(names.includes(f), `${f} not in ${names.join(', ')}`);
  }
  assert.ok(!names.some((f) => f.endsWith('.mjs')), 'the core loads the .wasm itself, without Emscripten glue');
  assert.ok(!names.some((f) => f.startsWith('demo/')), 'the demo is not part of the component');
  assert.deepEqual(missing, []);
});

test('web/index.js imports every module of the component itself, so a browser fetches them in one round trip', async () => {
  const { files } = await moduleGraph(join(ROOT, 'web/index.js'));
  const entry = await readFile(join(ROOT, 'web/index.js'), 'utf8');
  const direct = new Set([...entry.matchAll(/^(?:import|export)\b[^'"]*['"](\.[^'"]+)['"]/gm)]
    .map((m) => relative(ROOT, resolve(ROOT, 'web', m[1]))));
  const modules = files.map((f) => relative(ROOT, f)).filter((f) => f.endsWith('.js') && f !== 'web/index.js');
  assert.deepEqual(modules.filter((f) => !direct.has(f)), [], 'modules web/index.js does not import itself');
});

test('static, re-exported and dynamic imports and new URL assets are followed; packages and comments are not', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mca-graph-'));
  try {
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'entry.js'), [
      "import { a } from './a.js';",
      "export { b } from './sub/b.js';",
      "import 'some-package';",
      "// import './commented.js';",
      "/* import('./also-commented.js') */",
      'export const later = () => import("./lazy.js");',
    ].join('\n'));
    await writeFile(join(dir, 'a.js'), "export const a = new URL('data.bin', import.meta.url);");
    await writeFile(join(dir, 'sub/b.js'), "export * from '../a.js'; export const b = 1;");
    await writeFile(join(dir, 'lazy.js'), "import './gone.js';");
    await writeFile(join(dir, 'data.bin'), 'x');
    const { files, missing } = await moduleGraph(join(dir, 'entry.js'));
    assert.deepEqual(files.map((f) => relative(dir, f)).sort(), ['a.js', 'data.bin', 'entry.js', 'lazy.js', 'sub/b.js']);
    assert.deepEqual(missing.map((f) => f.split('/').pop()), ['gone.js']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the shipped set is the bundles of the main and bulk entries and the .wasm; the validation set the core bundle', async () => {
  const shipped = await setSize('shipped');
  assert.deepEqual(shipped.files.map((f) => f.file),
    ['dist/bulk.js', 'dist/mca-attest.js', 'dist/mca-shared.js', 'dist/wasm/mca-core.wasm']);
  assert.deepEqual(shipped.missing, []);
  const validate = await setSize('validate');
  assert.deepEqual(validate.files.map((f) => f.file), ['dist/mca-core.js', 'dist/wasm/mca-core.wasm']);
  const source = await setSize('source');
  assert.ok(source.files.length > 30, 'the unbundled set holds every module');
  assert.ok(shipped.gz < source.gz, `bundled (${shipped.gz} B gzip) is smaller than unbundled (${source.gz} B)`);
  for (const set of [shipped, validate, source]) {
    assert.equal(set.gz, set.files.reduce((a, f) => a + f.gz, 0));
    assert.ok(set.files.every((f) => f.gz > 0 && f.gz < f.raw + 64));
  }
});

test('a minified module is read as it is: "/*" in a string hides no import', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mca-graph-min-'));
  try {
    await writeFile(join(dir, 'entry.js'), 'const a="/*";import"./b.js";const c="*/";import"./c.js";');
    await writeFile(join(dir, 'b.js'), '');
    await writeFile(join(dir, 'c.js'), '');
    const min = await moduleGraph(join(dir, 'entry.js'), { minified: true });
    assert.deepEqual(min.files.map((f) => relative(dir, f)).sort(), ['b.js', 'c.js', 'entry.js']);
    const source = await moduleGraph(join(dir, 'entry.js'));   // source text: comments stripped first
    assert.deepEqual(source.files.map((f) => relative(dir, f)).sort(), ['c.js', 'entry.js']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('goals: a fixed bound, a bound relative to another figure of the run, and a figure not measured', () => {
  assert.equal(status('size_gz', 90_000), 'met');
  assert.equal(status('size_gz', 90_001), 'missed');
  assert.equal(status('start_ms', 40, { peer_start_ms: 80 }), 'met');
  assert.equal(status('start_ms', 41, { peer_start_ms: 80 }), 'missed');
  assert.equal(status('size_validate_gz', 50_000, { peer_size_gz: 55_749 }), 'met');
  assert.equal(status('size_validate_gz', 60_000, { peer_size_gz: 55_749 }), 'missed');
  assert.equal(status('start_ms', 40, {}), 'not measured');
  assert.equal(status('ratio_js', null), 'not measured');
  assert.equal(status('ratio_js', 3.2), 'met');
  assert.equal(status('rows_per_s', 1), '');
  assert.equal(bound(GOALS.start_ms, { peer_start_ms: 100 }), 50);
  for (const key of ['ratio_js', 'native_us_per_row', 'ratio_native', 'start_ms', 'size_validate_gz', 'size_gz',
    'heap_growth_bytes', 'bulk_efficiency']) assert.ok(GOALS[key], `${key} has a goal`);
});
