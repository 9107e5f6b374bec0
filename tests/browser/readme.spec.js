// The html blocks of README.md and docs/*.md, each loaded as a page in
// Chromium under the strict CSP, with the browser modules of the docs (js
// blocks starting `// /path/file.js`) served at their paths, the package's
// web/ and dist/ at /mca-attest/web/ and /mca-attest/dist/ (as a page serves
// node_modules/mca-attest/), and
// the emulator behind the reference proxy at /pc/. A page passes when every
// mca-* element on it is defined and has rendered a settled state (its
// `state` property), with no CSP violation, console error or page error
// (fixtures.js); a page without such an element passes when its modules add
// to the page.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { test, expect } from './fixtures.js';
import { startEmulator } from '../../emulator/index.js';
import { createProxy } from '../../proxy/index.js';
import { CSP } from '../../demo/server.mjs';
import { ROOT, docBlocks } from '../js/doc-blocks.js';

const blocks = await docBlocks();
// Pages that sign in with msal-browser need Entra answered by the emulator: msal.spec.js runs them.
const pages = blocks.filter((b) => b.kind === 'page' && !b.code.includes('/msal-browser/'));
const modules = new Map(blocks.filter((b) => b.kind === 'browser-module').map((b) => [b.path, b.code]));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8' };
/** The package's folders a page may load, at /mca-attest/<folder>/. */
const SERVED = ['web', 'dist'];
/** States an element passes through on its way to one a user acts on. */
const TRANSIENT = ['idle', 'loading', 'reading', 'checking', 'submitting'];

function pageText(code) {
  if (/^\s*<!doctype/i.test(code)) return code;
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>docs page</title></head>\n<body>\n${code}</body></html>\n`;
}

async function startSite(page) {
  const emulator = await startEmulator({ port: 0 });
  const proxy = createProxy({ upstream: emulator.url, prefix: '/pc', getToken: ({ kind }) => emulator.issueToken({ kind }),
    checkSession: () => true });
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    if (path.startsWith('/pc/')) { proxy(req, res); return; }
    const send = (status, type, body) => {
      res.writeHead(status, { 'content-type': type, 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' });
      res.end(body);
    };
    if (path === '/favicon.ico') { res.writeHead(204); res.end(); return; }
    if (path === '/') { send(200, TYPES['.html'], pageText(page.code)); return; }
    if (modules.has(path)) { send(200, TYPES['.js'], modules.get(path)); return; }
    const folder = SERVED.find((f) => path.startsWith(`/mca-attest/${f}/`));
    const file = folder && normalize(join(ROOT, folder, path.slice(`/mca-attest/${folder}/`.length)));
    if (folder && file.startsWith(join(ROOT, folder) + sep)) {
      try {
        if ((await stat(file)).isFile()) { send(200, TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file)); return; }
      } catch { /* not found below */ }
    }
    send(404, 'text/plain; charset=utf-8', 'Not found');
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: async () => {
      await new Promise((done) => { server.close(done); server.closeAllConnections(); });
      await emulator.close();
    },
  };
}

test('the docs have html blocks', () => {
  expect(pages.length).toBeGreaterThan(0);
});

for (const block of pages) {
  test(`${block.id} renders under the strict CSP`, async ({ page }) => {
    const site = await startSite(block);
    try {
      await page.goto(site.url);
      const tags = await page.evaluate(() => [...document.querySelectorAll('*')].map((e) => e.localName)
        .filter((n, i, all) => n.startsWith('mca-') && all.indexOf(n) === i));
      if (tags.length === 0) {
        // A page without an element shows what its modules made: more elements than its own markup.
        const own = await page.evaluate((html) => new DOMParser().parseFromString(html, 'text/html').body
          .querySelectorAll('*').length, pageText(block.code));
        await expect.poll(() => page.evaluate(() => document.body.querySelectorAll('*').length),
          { message: 'the page\'s modules add to it' }).toBeGreaterThan(own);
      }
      for (const tag of tags) {
        await expect.poll(() => page.evaluate((t) => customElements.get(t) !== undefined, tag), { message: `<${tag}> is defined` })
          .toBe(true);
        const elements = page.locator(tag);
        for (let i = 0; i < await elements.count(); i++) {
          const element = elements.nth(i);
          await expect.poll(() => element.evaluate((e) => String(e.state ?? '')), { message: `<${tag}> settles` })
            .not.toMatch(new RegExp(`^(${TRANSIENT.join('|')})?$`));
          expect(await element.evaluate((e) => e.state), `<${tag}> is not in error`).not.toBe('error');
          expect(await element.evaluate((e) => e.shadowRoot?.textContent.trim().length ?? 0), `<${tag}> rendered`)
            .toBeGreaterThan(0);
        }
      }
    } finally {
      await site.close();
    }
  });
}
