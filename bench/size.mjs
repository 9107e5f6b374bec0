// Bytes a page loads to use the component, and the peer bundle's bytes.
// Each set is found by following an entry's static and dynamic imports and
// the files it locates with new URL('…', import.meta.url) (the .wasm), so it
// stays true as modules are added: the shipped component (the bundles in
// dist/ of the main and bulk entries), what loadCore and one validation need
// (dist/mca-core.js), and the unbundled sources (web/index.js).
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w*${}\s,]+?\s*from\s*)?["']([^"']+)["']/g;
const DYNAMIC_IMPORT = /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g;
const ASSET_URL = /\bnew\s+URL\s*\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g;

/** Source text without comments (good enough for finding import specifiers). */
function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

const isRelative = (spec) => spec.startsWith('./') || spec.startsWith('../');
const isScheme = (spec) => /^[a-z][a-z0-9+.-]*:/i.test(spec);

/**
 * Files reached from entry: { files: [absolute paths], missing: [...] }.
 * Bare specifiers (packages) and URLs with a scheme are not followed.
 */
export async function moduleGraph(entry, { minified = false } = {}) {
  const seen = new Set();
  const missing = [];
  const queue = (Array.isArray(entry) ? entry : [entry]).map((e) => resolve(e));
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    if (!existsSync(file)) { missing.push(relative(ROOT, file)); continue; }
    seen.add(file);
    if (!/\.(m?js)$/.test(file)) continue;           // an asset: counted, not read
    // esbuild's output has no comments, but may hold "/*" in a string.
    const text = minified ? await readFile(file, 'utf8') : stripComments(await readFile(file, 'utf8'));
    const specs = [];
    for (const re of [STATIC_IMPORT, DYNAMIC_IMPORT]) {
      for (const m of text.matchAll(re)) if (isRelative(m[1])) specs.push(m[1]);
    }
    for (const m of text.matchAll(ASSET_URL)) if (!isScheme(m[1]) && !m[1].startsWith('/')) specs.push(m[1]);
    for (const spec of specs) queue.push(resolve(dirname(file), spec));
  }
  return { files: [...seen].sort(), missing };
}

/** Raw and gzip -9 bytes of each file (each compressed on its own, as served). */
export async function measureFiles(files) {
  const rows = [];
  for (const file of files) {
    const bytes = await readFile(file);
    rows.push({ file: relative(ROOT, file), raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length });
  }
  return {
    files: rows,
    raw: rows.reduce((a, r) => a + r.raw, 0),
    gz: rows.reduce((a, r) => a + r.gz, 0),
  };
}

/** The sets measured: entries, and whether they are bundles. */
export const SETS = Object.freeze({
  shipped: { entries: ['dist/mca-attest.js', 'dist/bulk.js'], minified: true },
  validate: { entries: ['dist/mca-core.js'], minified: true },
  source: { entries: ['web/index.js'], minified: false },
});

/** The size of one set (SETS): { files, raw, gz, missing }. */
export async function setSize(name) {
  const { entries, minified } = SETS[name];
  const { files, missing } = await moduleGraph(entries.map((e) => resolve(ROOT, e)), { minified });
  return { ...(await measureFiles(files)), missing };
}

/** The component as shipped: the bundles of the main and bulk entries and the .wasm. */
export const componentSize = () => setSize('shipped');

/**
 * Bundles the peer stack (bench/peer.mjs: Zod + libphonenumber-js) the way a
 * page would load it: esbuild, minified, ESM, for browsers. Returns its path.
 */
export async function buildPeerBundle(outfile = resolve(ROOT, 'bench/out/peer.bundle.mjs')) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [resolve(ROOT, 'bench/peer.mjs')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

export async function peerSize() {
  const bundle = await buildPeerBundle();
  return { bundle, ...(await measureFiles([bundle])) };
}
