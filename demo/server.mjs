// Serves the component (web/, at /web/) and the demo dashboard (demo/, at
// /demo/) on 127.0.0.1 with the strict Content-Security-Policy the
// component promises to work under, together with the Partner Center
// emulator behind the reference proxy at /pc/ (same origin, so the page's
// connect-src 'self' holds). Used by `npm start` and the browser tests.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../emulator/index.js';
import { createProxy } from '../proxy/index.js';
import { demoCustomers, demoTemplates } from './data.mjs';

const ROOT = resolve(fileURLToPath(new URL('../', import.meta.url)));
/** The folders served, each at its own path: the component and the demo page. */
const SERVED = ['web', 'demo'].map((d) => join(ROOT, d) + sep);
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
  + "style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml', '.ts': 'text/plain; charset=utf-8',
};

async function serveFile(req, res, session) {
  const url = new URL(req.url, 'http://localhost');
  let path = decodeURIComponent(url.pathname);
  if (path === '/') { res.writeHead(302, { location: '/demo/' }); res.end(); return; }
  if (path === '/favicon.ico') { res.writeHead(204); res.end(); return; }
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(ROOT, path));
  if (!SERVED.some((dir) => file.startsWith(dir)) || extname(file) === '.mjs' && file.startsWith(SERVED[1])) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found');
    return;
  }
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    const body = await readFile(file);
    const headers = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    };
    // The demo's stand-in for the partner dashboard's sign-in: the page gets a session cookie.
    if (extname(file) === '.html') headers['set-cookie'] = `${session.name}=${session.value}; Path=/; HttpOnly; SameSite=Strict`;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found');
  }
}

/**
 * Starts the demo server and, behind it at /pc/, the emulator through the
 * reference proxy, seeded with the demo's customers (or `customers`).
 * `emulator` holds further options of startEmulator (descriptions,
 * separateDocumentOrigin, faults, …) for tests.
 * Resolves to { url, emulator, close() }.
 */
export async function startDemoServer({ port = 8080, host = '127.0.0.1', customers = demoCustomers,
  templates = demoTemplates, emulator: emulatorOptions = {} } = {}) {
  const emulator = await startEmulator({ ...emulatorOptions, port: 0, host, customers: structuredClone(customers), templates });
  const session = { name: 'mca_demo_session', value: randomBytes(18).toString('base64url') };
  const hasSession = (req) => (req.headers.cookie ?? '').split(/;\s*/).includes(`${session.name}=${session.value}`);
  // The demo's one user, signed in with MFA: its sign-in token for the app, renewed
  // before it expires, is what the proxy exchanges on behalf of the user (MSAL).
  let signIn = { token: null, until: 0 };
  const userAssertion = async () => {
    if (Date.now() >= signIn.until) signIn = { token: await emulator.issueUserAssertion({ mfa: true }), until: Date.now() + 50 * 60_000 };
    return signIn.token;
  };
  const proxy = createProxy({ upstream: emulator.url, prefix: '/pc', auth: emulator.identity, userAssertion, checkSession: hasSession });
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://localhost').pathname;
    if (path.startsWith('/pc/')) { proxy(req, res); return; }
    const hook = /^\/_emulator\/attestations\/([0-9a-f-]{36})\/(accept|expire)$/.exec(path);
    if (hook && req.method === 'POST' && hasSession(req)) {
      // The demo plays the customer accepting on Microsoft's page.
      const view = hook[2] === 'accept' ? emulator.acceptAttestation(hook[1]) : emulator.expireAttestation(hook[1]);
      res.writeHead(view ? 200 : 404, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(view ?? { code: 'notFound' }));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') { res.writeHead(405); res.end(); return; }
    serveFile(req, res, session).catch(() => { res.writeHead(500); res.end(); });
  });
  try {
    await new Promise((resolvePromise, reject) => {
      server.once('error', reject);
      server.listen(port, host, resolvePromise);
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  const { port: actual } = server.address();
  return {
    url: `http://${host}:${actual}`,
    emulator,
    close: async () => {
      await new Promise((done) => { server.close(done); server.closeAllConnections(); });
      await emulator.close();
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 8080);
  // DEMO_CUSTOMERS=2000: a large portfolio (the emulator generates that many customers besides the demo's).
  const count = Number(process.env.DEMO_CUSTOMERS ?? 0);
  const { url, emulator } = await startDemoServer({ port,
    emulator: Number.isInteger(count) && count > 0 ? { generate: { count, seed: 1 } } : {} });
  console.log(`mca-attest demo: ${url}/demo/`);
  console.log(`Partner Center emulator: ${emulator.url} (the demo reaches it through ${url}/pc/)`);
}
