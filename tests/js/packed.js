// Packs the package as `npm pack` would for a publish (web/wasm/mca-core.wasm
// must be built) and installs the tarball into an empty folder, as a user
// would: shared by tests/js/pack.test.js (Node) and tests/browser/pack.spec.js.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Resolves to { tarball, files (paths inside the package), app (the folder it
 * is installed in), pkg (app/node_modules/mca-attest), ms: { pack, install },
 * cleanup() }.
 */
export async function packAndInstall() {
  const work = await mkdtemp(join(tmpdir(), 'mca-pack-'));
  const cleanup = () => rm(work, { recursive: true, force: true });
  try {
    let t = performance.now();
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, maxBuffer: 1 << 24 });
    const info = JSON.parse(stdout)[0];
    const pack = performance.now() - t;
    const app = join(work, 'app');
    await mkdir(app);
    await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'mca-attest-install-check', private: true, type: 'module' }));
    t = performance.now();
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, info.filename)],
      { cwd: app, maxBuffer: 1 << 24 });
    const install = performance.now() - t;
    return { tarball: join(work, info.filename), files: info.files.map((f) => f.path), size: info.size,
      unpackedSize: info.unpackedSize, app, pkg: join(app, 'node_modules', 'mca-attest'), ms: { pack, install }, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
