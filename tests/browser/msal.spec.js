// docs/deployment.md, "MSAL in the browser", run as written: its page, its
// redirect page and their modules in Chromium under the page's CSP (the strict
// one with Entra's token endpoint added), msal-browser's own browser build,
// the authority Entra's real host with its requests answered by the emulator
// (context.route: the popup really opens and is served by the emulator's
// /authorize, tokens come from its /token), and the proxy taking the page's
// bearer token (createBearerSignIn) for a real read on behalf of the user.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { test, expect } from './fixtures.js';
import { startEmulator } from '../../emulator/index.js';
import { createBearerSignIn, createProxy } from '../../proxy/index.js';
import { CSP } from '../../demo/server.mjs';
import { ROOT, docBlocks } from '../js/doc-blocks.js';

const DOC = 'docs/deployment.md';
const blocks = (await docBlocks()).filter((b) => b.file === DOC);
const modules = new Map(blocks.filter((b) => b.kind === 'browser-module').map((b) => [b.path, b.code]));
const pages = blocks.filter((b) => b.kind === 'page');
const redirectPage = pages.find((b) => b.code.includes("'/app/redirect.js'") || b.code.includes('"/app/redirect.js"'));
const dashboardPage = pages.find((b) => b !== redirectPage);
const signInModule = modules.get('/app/sign-in.js') ?? '';
const registration = {
  tenantId: /const tenantId = '([0-9a-f-]{36})'/.exec(signInModule)?.[1],
  clientId: /const clientId = '([0-9a-f-]{36})'/.exec(signInModule)?.[1],
};
/** The page's CSP as the section gives it. */
const PAGE_CSP = `${CSP}; connect-src 'self' https://login.microsoftonline.com`;
const ENTRA = 'https://login.microsoftonline.com';
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8' };
/** Folders served: the package's web/ (as node_modules/mca-attest/web/) and msal-browser's browser build. */
const SERVED = [['/mca-attest/web/', join(ROOT, 'web')], ['/msal-browser/', join(ROOT, 'node_modules/@azure/msal-browser/lib')]];
const claimsOf = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

/** The emulator (with the section's app registration), the proxy taking the page's bearer, the pages. */
async function startSite() {
  // Tokens for 4 minutes: under msal-browser's 5-minute renewal margin, so each later read renews silently.
  const em = await startEmulator({ port: 0, ...registration, tokenLifetimeSeconds: 240 });
  const signIn = createBearerSignIn(em.identity);
  const proxy = createProxy({ upstream: em.url, prefix: '/pc', auth: em.identity,
    userAssertion: signIn.userAssertion, checkSession: signIn.checkSession });
  const bearers = [];                                     // what the page sent the backend
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    if (path.startsWith('/pc/')) {
      bearers.push(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null);
      proxy(req, res);
      return;
    }
    const send = (status, type, body) => {
      res.writeHead(status, { 'content-type': type, 'content-security-policy': PAGE_CSP, 'x-content-type-options': 'nosniff' });
      res.end(body);
    };
    if (path === '/favicon.ico') { res.writeHead(204); res.end(); return; }
    if (path === '/app/') return send(200, TYPES['.html'], dashboardPage.code);
    if (path === '/app/redirect.html') return send(200, TYPES['.html'], redirectPage.code);
    if (modules.has(path)) return send(200, TYPES['.js'], modules.get(path));
    const [prefix, dir] = SERVED.find(([p]) => path.startsWith(p)) ?? [];
    const file = prefix && normalize(join(dir, path.slice(prefix.length)));
    if (file?.startsWith(dir + sep)) {
      try {
        if ((await stat(file)).isFile()) return send(200, TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file));
      } catch { /* not found below */ }
    }
    return send(404, 'text/plain; charset=utf-8', 'Not found');
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { em, bearers, url: `http://127.0.0.1:${server.address().port}`,
    close: async () => {
      await new Promise((done) => { server.close(done); server.closeAllConnections(); });
      await em.close();
    } };
}

/** Entra's host answered by the emulator: every request, its grant (token requests) and status. */
async function routeEntra(context, em) {
  const seen = [];
  await context.route(`${ENTRA}/**`, async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const response = await route.fetch({ url: `${em.url}${url.pathname}${url.search}`, maxRedirects: 0 });
    seen.push({ method: request.method(), path: url.pathname, query: url.searchParams,
      grant: new URLSearchParams(request.postData() ?? '').get('grant_type'), status: response.status(),
      origin: request.headers().origin ?? null, allowOrigin: response.headers()['access-control-allow-origin'] ?? null });
    await route.fulfill({ response });
  });
  return seen;
}

test('the section has its page, redirect page and modules, and states the CSP the page is served with', async () => {
  expect(dashboardPage && redirectPage, 'two html blocks').toBeTruthy();
  expect(modules.has('/app/sign-in.js') && modules.has('/app/redirect.js')).toBe(true);
  expect(registration.tenantId && registration.clientId, 'the module names the app registration').toBeTruthy();
  expect(await readFile(join(ROOT, DOC), 'utf8')).toContain(PAGE_CSP);
});

test('msal-browser signs in by popup (code + PKCE), renews silently, signs in again on InteractionRequiredAuthError; the proxy reads on behalf of the user', async ({ page, context }) => {
  const site = await startSite();
  const problems = [];
  const popups = [];
  page.on('popup', (popup) => {
    popups.push(popup);
    popup.on('console', (m) => { if (m.type() === 'error') problems.push(`popup: ${m.text()}`); });
    popup.on('pageerror', (e) => problems.push(`popup: ${e}`));
  });
  const answers = [];                                      // what the backend answered the page
  page.on('response', async (r) => {
    if (new URL(r.url()).pathname.startsWith('/pc/')) answers.push(`${JSON.stringify(r.headers())} ${await r.text()}`);
  });
  try {
    const entra = await routeEntra(context, site.em);
    const response = await page.goto(`${site.url}/app/`);
    expect(response.headers()['content-security-policy']).toBe(PAGE_CSP);
    const out = page.locator('#agreements');
    const read = async () => {
      await out.evaluate((e) => { e.textContent = ''; });
      await page.locator('#read').click();
      await expect(out).toHaveText('Agreements on record: 1');
    };
    const grants = () => entra.filter((r) => r.grant).map((r) => `${r.grant} ${r.status}`);

    // 1. No account yet: the popup, served by the emulator's /authorize, then the code redeemed with PKCE.
    await read();
    expect(popups).toHaveLength(1);
    const authorize = entra.filter((r) => r.path === `/${registration.tenantId}/oauth2/v2.0/authorize`);
    expect(authorize).toHaveLength(1);
    expect(authorize[0].query.get('code_challenge_method')).toBe('S256');
    expect(authorize[0].query.get('scope')).toContain(`api://${registration.clientId}/access_as_user`);
    expect(authorize[0].status).toBe(302);
    expect(grants()).toEqual(['authorization_code 200']);
    // A cross-origin POST from the page, answered with the CORS header a browser needs.
    const redeemed = entra.find((r) => r.grant === 'authorization_code');
    expect(redeemed.origin).toBe(site.url);
    expect(redeemed.allowOrigin).toBe('*');

    // 2. A second read: the token renewed silently with the refresh token, no popup.
    await read();
    expect(popups).toHaveLength(1);
    expect(grants()).toEqual(['authorization_code 200', 'refresh_token 200']);

    // 3. The user's sessions revoked: Entra refuses the refresh token (invalid_grant), msal-browser throws
    //    InteractionRequiredAuthError and the page signs in again in a second popup.
    site.em.revokeSignInSessions();
    await read();
    expect(popups).toHaveLength(2);
    expect(grants()).toEqual(['authorization_code 200', 'refresh_token 200', 'refresh_token 400', 'authorization_code 200']);

    // What the page sent its backend: only its own sign-in (aud: the app), never a Partner Center token;
    // the proxy read on behalf of the user (App+User, MFA) and got Partner Center's answer.
    expect(site.bearers.length).toBeGreaterThanOrEqual(3);
    for (const token of site.bearers) expect(claimsOf(token).aud).toBe(registration.clientId);
    const reads = site.em.requests().filter((r) => r.path === '/v1/customers/a1d4f7c2-5b8e-4c3a-9f6d-0e2b4c6a8d13/agreements');
    expect(reads.map((r) => r.status)).toEqual([200, 200, 200]);
    await expect.poll(() => answers.length).toBe(site.bearers.length);
    for (const text of answers) expect(text, 'no token in an answer of the proxy').not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
    const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
    expect(stored).not.toContain('api.partnercenter.microsoft.com/user_impersonation');
    expect(problems).toEqual([]);
  } finally {
    await site.close();
  }
});

test('a page token the backend does not accept (expired, another app\'s, not Entra\'s) reads nothing: 401, nothing sent', async ({ page }) => {
  const site = await startSite();
  const other = await startEmulator({ port: 0, ...registration });
  try {
    await page.goto(`${site.url}/app/`);
    const tokens = [await site.em.issueUserAssertion({ expiresInMs: -60_000 }), await site.em.issueToken(),
      await other.issueUserAssertion()];
    const answers = await page.evaluate(async (list) => Promise.all(list.map(async (token) => {
      const r = await fetch('/pc/v1/customers/a1d4f7c2-5b8e-4c3a-9f6d-0e2b4c6a8d13/agreements',
        { headers: { authorization: `Bearer ${token}` } });
      return `${r.status} ${(await r.json()).code}`;
    })), tokens);
    expect(answers).toEqual(['401 proxy.noSession', '401 proxy.noSession', '401 proxy.noSession']);
    expect(site.em.stats().requests).toBe(0);
  } finally {
    await other.close();
    await site.close();
  }
});
