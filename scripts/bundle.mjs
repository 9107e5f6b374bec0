// Writes the production bundles into dist/ (built, never committed):
//
//   dist/mca-attest.js  everything web/index.js exports (the elements, the
//                       client, both languages), minified ES module
//   dist/bulk.js        the mca-attest/bulk entry; the code it shares with
//   dist/mca-shared.js  dist/mca-attest.js is in this one chunk, so a page
//                       using both entries gets one copy of each module
//                       (one McaError class, one cached core)
//   dist/mca-core.js    the core alone (loadCore, McaError), one file, for a
//                       page that only validates
//   dist/wasm/mca-core.wasm  the .wasm the bundles load (a copy of web/wasm/)
//
// Usage: node scripts/bundle.mjs [--out <dir>]   (scripts/build.sh runs it)
import { copyFile, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** esbuild options shared by both builds: browser ES modules, minified. */
const COMMON = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  // The core reads its .wasm from disk under Node only (a dynamic import a browser never runs).
  external: ['node:*'],
  legalComments: 'eof',
  logLevel: 'warning',
  metafile: true,
  absWorkingDir: ROOT,
};

/**
 * The element's stylesheet (web/element/styles.js, one template literal
 * `const CSS = \`…\`;`) minified as CSS: the same rules without their
 * layout whitespace.
 */
const STYLES = resolve(ROOT, 'web/element/styles.js');
const minifyStyles = {
  name: 'minify-styles',
  setup(build) {
    build.onLoad({ filter: /[\\/]web[\\/]element[\\/]styles\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (resolve(args.path) !== STYLES) return undefined;
      const found = /const CSS = `([^`$\\]*)`;/.exec(source);
      if (!found) throw new Error('bundle: web/element/styles.js has no plain `const CSS = `…`;` to minify');
      const { code } = await esbuild.transform(found[1], { loader: 'css', minify: true, logLevel: 'warning' });
      return { contents: source.replace(found[0], () => `const CSS = ${JSON.stringify(code.trim())};`), loader: 'js' };
    });
  },
};

/** The bundles' file names, relative to the output folder. */
export const BUNDLES = Object.freeze({
  main: 'mca-attest.js', bulk: 'bulk.js', shared: 'mca-shared.js', core: 'mca-core.js', wasm: 'wasm/mca-core.wasm',
});

/**
 * Builds every bundle into outDir. Resolves to the list of files written,
 * relative to outDir. The files are written beside it first and then each
 * renamed into place, so a reader of outDir (a test, a server) never sees a
 * missing or half-written file; files of earlier builds not written again
 * are removed.
 */
export async function bundle(outDir = resolve(ROOT, 'dist')) {
  const work = `${outDir}.tmp-${process.pid}`;
  await rm(work, { recursive: true, force: true });
  try {
    const files = await bundleInto(work);
    for (const f of files) {
      await mkdir(dirname(join(outDir, f)), { recursive: true });
      await rename(join(work, f), join(outDir, f));
    }
    const all = await readdir(outDir, { recursive: true, withFileTypes: true });
    const stale = all.filter((e) => e.isFile()).map((e) => relative(outDir, join(e.parentPath ?? e.path, e.name)))
      .filter((f) => !files.includes(f));
    for (const f of stale) await rm(join(outDir, f), { force: true });
    return files;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function bundleInto(outDir) {
  const split = await esbuild.build({
    ...COMMON,
    entryPoints: { 'mca-attest': resolve(ROOT, 'web/index.js'), bulk: resolve(ROOT, 'web/bulk/index.js') },
    splitting: true,
    chunkNames: 'mca-shared',
    plugins: [minifyStyles],
    outdir: outDir,
  });
  const core = await esbuild.build({
    ...COMMON,
    entryPoints: { 'mca-core': resolve(ROOT, 'web/core.js') },
    outdir: outDir,
  });
  const written = [split, core].flatMap((r) => Object.keys(r.metafile.outputs))
    .map((f) => resolve(ROOT, f).slice(outDir.length + 1)).sort();
  const expected = [BUNDLES.bulk, BUNDLES.core, BUNDLES.main, BUNDLES.shared].sort();
  if (JSON.stringify(written) !== JSON.stringify(expected)) {
    throw new Error(`bundle: expected ${expected.join(', ')}, esbuild wrote ${written.join(', ')}`);
  }
  await mkdir(resolve(outDir, 'wasm'), { recursive: true });
  const wasm = resolve(ROOT, 'web/wasm/mca-core.wasm');
  await readFile(wasm).catch(() => { throw new Error('bundle: web/wasm/mca-core.wasm is missing (run scripts/build.sh)'); });
  await copyFile(wasm, resolve(outDir, BUNDLES.wasm));
  return [...written, BUNDLES.wasm];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const out = at > 0 ? resolve(process.argv[at + 1] ?? '') : undefined;
  bundle(out).then((files) => process.stdout.write(`${files.join('\n')}\n`), (e) => {
    process.stderr.write(`${e?.message ?? e}\n`);
    process.exit(1);
  });
}
