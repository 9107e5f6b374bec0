// The benchmark's size figure counts what a page really loads: the files
// reached from web/index.js through its imports and import.meta.url assets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { moduleGraph } from '../../bench/size.mjs';

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
