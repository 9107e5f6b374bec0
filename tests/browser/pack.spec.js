// The element from the installed package, without a bundler: the tarball of
// npm pack installed into an empty folder, its node_modules/mca-attest/
// served as-is under the strict CSP, a page importing web/index.js, and
// <mca-attestation> reading a customer through the installed proxy and
// emulator until it renders its decision and form; then the same page
// importing the installed bundles (dist/) instead.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, expect } from './fixtures.js';
import { packAndInstall } from '../js/packed.js';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
  + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8' };
const CONTOSO = '3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04';
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mca-attest, installed</title>
<script type="module" src="/app.js"></script></head>
<body><mca-attestation customer-id="${CONTOSO}" base-url="/pc" purchase="new" purchase-partner="existing"
  prior-purchases="azure-subscription" partner-roles="AdminAgent" indirect-reseller="false"></mca-attestation></body></html>`;
const APP = `import { defineElement } from '/mca-attest/web/index.js';
import { runBulk } from '/mca-attest/web/bulk/index.js';
defineElement();
document.body.dataset.bulk = typeof runBulk;
`;
// The same from the installed bundles (what the package's browser condition resolves to).
const BUNDLED_APP = `import { defineElement } from '/mca-attest/dist/mca-attest.js';
import { runBulk } from '/mca-attest/dist/bulk.js';
defineElement();
document.body.dataset.bulk = typeof runBulk;
`;

let packed;
let emulator;
let server;
let url;

test.beforeAll(async () => {
  packed = await packAndInstall();
  const installed = (p) => import(pathToFileURL(join(packed.pkg, p)).href);
  const { startEmulator } = await installed('emulator/index.js');
  const { createProxy } = await installed('proxy/index.js');
  emulator = await startEmulator({ port: 0 });
  const proxy = createProxy({ upstream: emulator.url, prefix: '/pc', getToken: ({ kind }) => emulator.issueToken({ kind }),
    checkSession: () => true });
  const root = packed.pkg + sep;
  server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://localhost').pathname;
    if (path.startsWith('/pc/')) { proxy(req, res); return; }
    const send = (status, type, body) => {
      res.writeHead(status, { 'content-type': type, 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' });
      res.end(body);
    };
    if (path === '/favicon.ico') { res.writeHead(204); res.end(); return; }
    if (path === '/') { send(200, TYPES['.html'], PAGE); return; }
    if (path === '/app.js') { send(200, TYPES['.js'], APP); return; }
    if (path === '/bundled/') { send(200, TYPES['.html'], PAGE.replace('/app.js', '/bundled.js')); return; }
    if (path === '/bundled.js') { send(200, TYPES['.js'], BUNDLED_APP); return; }
    const file = normalize(join(packed.pkg, decodeURIComponent(path.slice('/mca-attest/'.length))));
    if (!path.startsWith('/mca-attest/') || !file.startsWith(root)) { send(404, 'text/plain', 'Not found'); return; }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      send(200, TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file));
    } catch {
      send(404, 'text/plain', 'Not found');
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${server.address().port}`;
});

test.afterAll(async () => {
  if (server) await new Promise((done) => { server.close(done); server.closeAllConnections(); });
  await emulator?.close();
  await packed?.cleanup();
});

test('the installed copy renders <mca-attestation> in Chromium, unbundled, under the strict CSP', async ({ page }) => {
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(`${url}/`);
  const element = page.locator('mca-attestation');
  await expect(element).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('body')).toHaveAttribute('data-bulk', 'function');
  await expect(element.locator('[part~="decision"]')).toContainText(/attest/i);
  await expect(element.locator('[part~="submit"]')).toBeVisible();
  expect(requested).toContain('/mca-attest/web/wasm/mca-core.wasm');
  expect(requested.filter((p) => p.startsWith('/pc/v1/customers/'))).not.toEqual([]);
  const own = ['/', '/app.js', '/favicon.ico'];
  expect(requested.filter((p) => !p.startsWith('/mca-attest/') && !p.startsWith('/pc/') && !own.includes(p))).toEqual([]);
});

test('the installed bundles render <mca-attestation> in Chromium, under the strict CSP', async ({ page }) => {
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(`${url}/bundled/`);
  const element = page.locator('mca-attestation');
  await expect(element).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('body')).toHaveAttribute('data-bulk', 'function');
  await expect(element.locator('[part~="decision"]')).toContainText(/attest/i);
  const files = requested.filter((p) => p.startsWith('/mca-attest/'));
  expect(files.sort()).toEqual(['/mca-attest/dist/bulk.js', '/mca-attest/dist/mca-attest.js',
    '/mca-attest/dist/mca-shared.js', '/mca-attest/dist/wasm/mca-core.wasm']);
});
