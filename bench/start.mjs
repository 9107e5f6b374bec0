// Start-up time in Debian's Chromium: a fresh browser context per load (no
// HTTP cache, no code cache), the pages bench/start/core.html (the core
// bundle, dist/mca-core.js, and its .wasm, preloaded), peer.html (the
// peer bundle) and floor.html (the page's module script alone) served on
// 127.0.0.1 (any free port) under the component's strict CSP; each page
// measures from navigation start, and from its import of the bundle, to the
// first validation result.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CSP } from '../demo/server.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SERVED = ['web', 'dist', 'bench/start', 'bench/out'].map((d) => resolve(ROOT, d) + sep);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm' };
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking'];

/** A static server for web/, dist/, bench/start/ and bench/out/ only; resolves to { url, close }. */
export function startBenchServer() {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    if (path === '/favicon.ico') { res.writeHead(204); res.end(); return; }
    const file = normalize(resolve(ROOT, `.${path.endsWith('/') ? `${path}index.html` : path}`));
    if (!SERVED.some((dir) => file.startsWith(dir))) { res.writeHead(404); res.end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CSP, 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404); res.end();
    }
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done({
      url: `http://127.0.0.1:${server.address().port}`,
      close: () => new Promise((closed) => { server.closeAllConnections(); server.close(closed); }),
    }));
  });
}

/** One fresh page load; resolves to the page's { ms, fromImport, ok } or { error }. */
async function loadOnce(browser, url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    await page.goto(url);
    const handle = await page.waitForFunction(() => document.body?.dataset.result, null, { timeout: 20_000 });
    const result = JSON.parse(await handle.jsonValue());
    if (problems.length > 0 && !result.error) result.error = problems.join('; ');
    return result;
  } finally {
    await context.close();
  }
}

/**
 * Loads the page `loads` times per stack, the stacks alternating, in one
 * browser. Returns { core: [ms…], peer: [ms…], floor: [ms…], coreImport:
 * [ms…], … , errors: [...] } (ms from navigation start, and from the
 * bundle's import).
 */
export async function measureStart({ loads = 20, stacks = ['core', 'peer', 'floor'] } = {}) {
  const { chromium } = await import('@playwright/test');
  const server = await startBenchServer();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const times = Object.fromEntries(stacks.flatMap((s) => [[s, []], [`${s}Import`, []]]));
  const errors = [];
  try {
    for (const stack of stacks) await loadOnce(browser, `${server.url}/bench/start/${stack}.html`); // warm the server
    for (let i = 0; i < loads; i += 1) {
      for (const stack of stacks) {
        const r = await loadOnce(browser, `${server.url}/bench/start/${stack}.html`);
        if (r.error || !Number.isFinite(r.ms) || r.ok !== true) errors.push(`${stack}: ${r.error ?? (r.ok !== true ? 'not ok' : 'no time')}`);
        else { times[stack].push(r.ms); times[`${stack}Import`].push(r.fromImport); }
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { ...times, errors: [...new Set(errors)] };
}
