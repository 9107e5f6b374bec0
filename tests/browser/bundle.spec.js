// The bundles in dist/ in Chromium, under the strict CSP: the page of
// docs/architecture.md with its modulepreload/preload lines requests each
// file once (so the preloads are used) and renders <mca-attestation>; the
// loader starts the .wasm download when it is evaluated, before loadCore();
// and a .wasm that fails to load early gives core.loadFailed, then a retry
// that works.
import { test as plain } from '@playwright/test';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { test, expect } from './fixtures.js';
import { startEmulator } from '../../emulator/index.js';
import { createProxy } from '../../proxy/index.js';
import { CSP } from '../../demo/server.mjs';
import { ROOT, docBlocks } from '../js/doc-blocks.js';

const blocks = await docBlocks();
const modules = new Map(blocks.filter((b) => b.kind === 'browser-module').map((b) => [b.path, b.code]));
const preloadPage = blocks.find((b) => b.kind === 'page' && b.file === 'docs/architecture.md'
  && b.code.includes('rel="preload"') && b.code.includes('<mca-attestation'));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm' };
const WASM = '/mca-attest/dist/wasm/mca-core.wasm';
/** Pages that import an entry and record its module, without calling loadCore(). */
const importing = (entry) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>import</title>
<script type="module" src="/import.js?entry=${encodeURIComponent(entry)}"></script></head><body></body></html>`;
const IMPORT_JS = `const entry = new URL(import.meta.url).searchParams.get('entry');
window.entry = await import(entry);
document.body.dataset.imported = 'yes';`;

/** A site: the package's web/ and dist/ at /mca-attest/, the docs' modules, the emulator at /pc/. */
async function startSite() {
  const emulator = await startEmulator({ port: 0 });
  const proxy = createProxy({ upstream: emulator.url, prefix: '/pc', getToken: ({ kind }) => emulator.issueToken({ kind }),
    checkSession: () => true });
  const site = { requests: [], wasmFails: false };
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    site.requests.push(path);
    if (path.startsWith('/pc/')) { proxy(req, res); return; }
    const send = (status, type, body) => {
      res.writeHead(status, { 'content-type': type, 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' });
      res.end(body);
    };
    if (path === '/favicon.ico') { res.writeHead(204); res.end(); return; }
    if (path === '/') { send(200, TYPES['.html'], preloadPage.code); return; }
    if (path.startsWith('/import/')) { send(200, TYPES['.html'], importing(path.slice('/import'.length))); return; }
    if (path === '/import.js') { send(200, TYPES['.js'], IMPORT_JS); return; }
    if (modules.has(path)) { send(200, TYPES['.js'], modules.get(path)); return; }
    if (path.endsWith('/mca-core.wasm') && site.wasmFails) { send(503, 'text/plain; charset=utf-8', 'Unavailable'); return; }
    const folder = ['web', 'dist'].find((f) => path.startsWith(`/mca-attest/${f}/`));
    const file = folder && normalize(join(ROOT, folder, path.slice(`/mca-attest/${folder}/`.length)));
    if (folder && file.startsWith(join(ROOT, folder) + sep)) {
      try {
        if ((await stat(file)).isFile()) { send(200, TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file)); return; }
      } catch { /* not found below */ }
    }
    send(404, 'text/plain; charset=utf-8', 'Not found');
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  site.url = `http://127.0.0.1:${server.address().port}`;
  site.count = (p) => site.requests.filter((r) => r === p).length;
  site.close = async () => {
    await new Promise((done) => { server.close(done); server.closeAllConnections(); });
    await emulator.close();
  };
  return site;
}

test('the docs\' page with the preload lines requests each bundle and the .wasm once and renders the element', async ({ page }) => {
  expect(preloadPage, 'docs/architecture.md has the page with the preload lines').toBeTruthy();
  const site = await startSite();
  try {
    await page.goto(`${site.url}/`);
    const element = page.locator('mca-attestation');
    await expect(element).toHaveAttribute('data-state', 'ready');
    await expect(element.locator('[part~="decision"]')).toContainText(/attest/i);
    for (const file of ['/mca-attest/dist/mca-attest.js', '/mca-attest/dist/mca-shared.js', WASM]) {
      expect(site.count(file), `${file} requested once (the preload is used)`).toBe(1);
    }
    expect(site.requests.filter((r) => r.startsWith('/mca-attest/web/')), 'nothing from the source modules').toEqual([]);
  } finally {
    await site.close();
  }
});

for (const [entry, wasm] of [['/mca-attest/dist/mca-core.js', WASM], ['/mca-attest/dist/mca-attest.js', WASM],
  ['/mca-attest/web/index.js', '/mca-attest/web/wasm/mca-core.wasm']]) {
  test(`importing ${entry} starts the .wasm download before loadCore(), which then uses it`, async ({ page }) => {
    const site = await startSite();
    try {
      const loaded = page.waitForResponse((r) => new URL(r.url()).pathname === wasm);
      await page.goto(`${site.url}/import${entry}`);
      await expect(page.locator('body')).toHaveAttribute('data-imported', 'yes');
      expect((await loaded).status()).toBe(200);   // no loadCore() call yet
      const codes = await page.evaluate(async () => (await window.entry.loadCore())
        .validateConfirmation({ customerId: 'not-a-guid' }).errors.map((e) => e.code));
      expect(codes).toContain('customerId.invalid');
      expect(site.count(wasm), 'the .wasm is fetched once').toBe(1);
    } finally {
      await site.close();
    }
  });
}

plain('a .wasm that fails to load early: loadCore() rejects with core.loadFailed, and the next call fetches it again', async ({ page }) => {
  const site = await startSite();
  site.wasmFails = true;
  try {
    const failed = page.waitForResponse((r) => new URL(r.url()).pathname === WASM);
    await page.goto(`${site.url}/import/mca-attest/dist/mca-core.js`);
    await expect(page.locator('body')).toHaveAttribute('data-imported', 'yes');
    expect((await failed).status()).toBe(503);
    const first = await page.evaluate(() => window.entry.loadCore().then(() => 'loaded', (e) => [e.name, e.code]));
    expect(first).toEqual(['McaError', 'core.loadFailed']);
    site.wasmFails = false;
    const valid = await page.evaluate(async () => (await window.entry.loadCore())
      .validateConfirmation({ customerId: '3F2B7A51-8C4D-4E6A-9B1F-2D5C8E7A1B04' }).normalized.customerId);
    expect(valid).toBe('3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04');
    expect(site.count(WASM)).toBe(2);
  } finally {
    await site.close();
  }
});
