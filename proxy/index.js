/**
 * A reference backend for the component: the partner's own server forwards
 * the browser's Partner Center calls, adding its own token. It forwards only
 * the calls the component makes (an allowlist of methods, paths and query
 * parameters), checks the partner's own session first, limits body size,
 * passes MS-RequestId and MS-CorrelationId through, and never lets its token
 * reach the browser (it is neither echoed nor logged, and an answer that
 * repeats it has it replaced by [redacted]).
 *
 * Tokens: with `auth` (the app registration) it gets them with MSAL
 * (msal.js): App-only by client credentials for the calls the core says take
 * one (the enhanced attestation), App+User on behalf of the signed-in user
 * (`userAssertion(req)`: the dashboard's own token for that user) for the
 * others. Or `getToken({ kind, refresh })`, a partner's own source.
 * `rateLimit` paces what it sends: in memory, or shared by several instances
 * (redis-rate-limit.js).
 *
 *   import { createProxy } from 'mca-attest/proxy';
 *   const handle = createProxy({ upstream, auth, userAssertion, checkSession });
 *   http.createServer((req, res) => handle(req, res));
 */
import { createServer } from 'node:http';
import { loadCore } from '../web/core.js';
import { createRateLimiter } from '../web/rate-limit.js';
import { createTokenSource } from './msal.js';

export { createRedisRateLimiter } from './redis-rate-limit.js';
export { createTokenSource } from './msal.js';
export { createBearerSignIn } from './sign-in.js';

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** Method, path and the query parameters each Partner Center call may carry. */
export const ALLOWLIST = Object.freeze([
  ['GET', new RegExp('^/v1/customers$'), ['size', 'seekOperation']],
  ['GET', new RegExp(`^/v1/customers/${GUID}$`), []],
  ['GET', new RegExp(`^/v1/customers/${GUID}/subscriptions$`), []],
  ['GET', new RegExp('^/v1/agreements$'), ['agreementType']],
  ['GET', new RegExp(`^/v1/agreementtemplates/${GUID}/document$`), ['language', 'country']],
  ['GET', new RegExp(`^/v1/customers/${GUID}/agreements$`), ['agreementType']],
  ['POST', new RegExp(`^/v1/customers/${GUID}/agreements$`), []],
  ['GET', new RegExp(`^/v1/customers/${GUID}/directSignedMicrosoftCustomerAgreementStatus$`), []],
  ['POST', new RegExp('^/v1/attestations/enhanced$'), []],
  ['GET', new RegExp(`^/v1/attestations/enhanced/${GUID}$`), []],
]);
const ID_HEADER = new RegExp(`^${GUID}$`);
/** The list's MS-ContinuationToken: opaque, printable ASCII, bounded. */
const CONTINUATION = /^[\x21-\x7e]{1,4096}$/;
const PASS_BACK = ['content-type', 'retry-after', 'ms-requestid', 'ms-correlationid', 'ms-cv'];

/** The token source: a partner's getToken, or MSAL with the app registration and the user's assertion. */
function tokenSourceOf({ getToken, auth, userAssertion }) {
  if (typeof getToken === 'function') return (req, kind, refresh) => getToken({ kind, refresh });
  if (!auth) throw new TypeError('createProxy needs auth (the app registration, for MSAL) or getToken');
  if (typeof userAssertion !== 'function') {
    throw new TypeError('createProxy with auth needs userAssertion(req): the signed-in user\'s token, exchanged on behalf of the user');
  }
  const tokens = createTokenSource(auth);
  return async (req, kind, refresh) => (kind === 'app' ? tokens.app({ refresh }) : tokens.user(await userAssertion(req), { refresh }));
}

/**
 * @param {import('./index.js').ProxyOptions} options
 * @returns {import('./index.js').ProxyHandler}
 */
export function createProxy({ upstream, getToken, auth, userAssertion, checkSession, rateLimit = null, prefix = '',
  maxBodyBytes = 64 * 1024, timeoutMs = 30_000 } = {}) {
  if (typeof checkSession !== 'function') throw new TypeError('createProxy needs checkSession: without it every browser could use the token');
  const tokenFor = tokenSourceOf({ getToken, auth, userAssertion });
  const limiter = rateLimit ? (typeof rateLimit.acquire === 'function' ? rateLimit : createRateLimiter(rateLimit)) : null;
  const upstreamUrl = new URL(upstream);
  const upstreamBase = `${upstreamUrl.origin}${upstreamUrl.pathname.replace(/\/+$/, '')}`;
  let core = null;

  /** { ok, rateLimit: { ok, store } }: what a load balancer's health check asks. */
  async function health() {
    const store = limiter ? (typeof limiter.health === 'function' ? await limiter.health() : { ok: true, store: 'memory' })
      : { ok: true, store: 'none' };
    return { ok: store.ok, rateLimit: store };
  }

  async function handle(req, res) {
    try {
      const url0 = new URL(req.url, 'http://proxy.invalid');
      if (req.method === 'GET' && url0.pathname === `${prefix}/health`) {
        const h = await health();
        return replyJson(res, h.ok ? 200 : 503, { status: h.ok ? 'ok' : 'unavailable', rateLimit: h.rateLimit });
      }
      let session = false;
      try { session = await checkSession(req); } catch { session = false; }
      if (!session) return reply(res, 401, 'proxy.noSession', 'Sign in to the partner dashboard first.');
      const url = new URL(req.url, 'http://proxy.invalid');
      if (!url.pathname.startsWith(`${prefix}/`)) return reply(res, 404, 'proxy.notAllowed', 'Not a Partner Center path.');
      const path = url.pathname.slice(prefix.length);
      const rule = ALLOWLIST.find(([method, pattern]) => method === req.method && pattern.test(path));
      if (!rule) return reply(res, 404, 'proxy.notAllowed', 'This call is not forwarded.');
      const query = new URLSearchParams([...url.searchParams].filter(([k]) => rule[2].includes(k)));
      let body;
      if (req.method === 'POST') {
        if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
          return reply(res, 415, 'proxy.contentType', 'Send the body as application/json.');
        }
        body = await readBody(req, maxBodyBytes);
        if (body === null) return reply(res, 413, 'proxy.tooLarge', `The body is larger than ${maxBodyBytes} bytes.`);
      }
      const target = `${upstreamBase}${path}${query.size ? `?${query}` : ''}`;
      core ??= loadCore();
      const kind = (await core).tokenKind({ method: req.method, path, body: parsedBody(body) });
      await forward(req, res, target, body, kind.ok ? kind.token : 'user');
    } catch {
      if (!res.headersSent) reply(res, 500, 'proxy.failed', 'The proxy failed.');
    }
  }

  async function forward(req, res, target, body, kind) {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    res.on('close', () => { if (!res.writableFinished) abort.abort(); });   // the browser gave up
    try {
      let { answer, token } = await send(req, target, body, kind, false, abort.signal);
      // Once more with a fresh token after a 401, unless Partner Center wants MFA:
      // a new token for the same sign-in has none either (the user must sign in again).
      if (answer.status === 401 && !(await wantsMfa(answer))) ({ answer, token } = await send(req, target, body, kind, true, abort.signal));
      if (answer.status >= 300 && answer.status < 400) return reply(res, 502, 'proxy.redirect', 'Partner Center redirected; not followed.');
      // An answer that repeats the token (an upstream or a gateway reflecting the
      // request's headers) never carries it on to the browser.
      const headers = {};
      for (const name of PASS_BACK) {
        const value = answer.headers.get(name);
        if (value !== null && !value.includes(token)) headers[name] = value;
      }
      const text = (await answer.text()).replaceAll(token, '[redacted]');
      res.writeHead(answer.status, { ...headers, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    } catch (error) {
      if (error?.code === 'proxy.rateLimitUnavailable') {
        return reply(res, 503, 'proxy.rateLimitUnavailable', 'The shared rate-limit store cannot be reached: nothing was sent to Partner Center.');
      }
      if (error?.signInAgain) return reply(res, 401, 'proxy.signInAgain', 'Sign in again: the sign-in was refused or has expired.');
      if (error?.tokenFailure) return reply(res, 502, 'proxy.tokenUnavailable', 'The proxy could not get a Partner Center token.');
      if (abort.signal.aborted) return reply(res, 504, 'proxy.upstreamTimeout', 'Partner Center did not answer in time.');
      return reply(res, 502, 'proxy.upstreamUnavailable', 'Partner Center could not be reached.');
    } finally {
      clearTimeout(timer);
    }
  }

  async function send(req, target, body, kind, refresh, signal) {
    let token;
    try { token = await tokenFor(req, kind, refresh); } catch (e) {
      throw Object.assign(new Error('token'), { tokenFailure: true, signInAgain: e?.signInAgain === true });
    }
    if (typeof token !== 'string' || token === '') throw Object.assign(new Error('token'), { tokenFailure: true });
    const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json', 'MS-Contract-Version': 'v1' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    for (const name of ['ms-requestid', 'ms-correlationid']) {
      const value = req.headers[name];
      if (typeof value === 'string' && ID_HEADER.test(value)) headers[name === 'ms-requestid' ? 'MS-RequestId' : 'MS-CorrelationId'] = value;
    }
    const continuation = req.headers['ms-continuationtoken'];
    if (typeof continuation === 'string' && CONTINUATION.test(continuation)) headers['MS-ContinuationToken'] = continuation;
    const release = limiter ? await limiter.acquire(signal) : null;
    try {
      const answer = await fetch(target, { method: req.method, headers, body, redirect: 'manual', signal });
      const text = await answer.text();
      return { answer: { status: answer.status, headers: answer.headers, text: async () => text }, token };
    } finally {
      release?.();
    }
  }

  handle.health = health;
  return handle;
}

function parsedBody(body) {
  if (body === undefined) return undefined;
  try { return JSON.parse(body); } catch { return undefined; }
}

async function wantsMfa(answer) {
  try { return JSON.parse(await answer.text())?.code === 900421; } catch { return false; }
}

/** Reads a request body up to a limit; null when it is larger. */
function readBody(req, limit) {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) { req.resume(); return Promise.resolve(null); }
  return new Promise((done, reject) => {
    const chunks = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) over = true; else chunks.push(chunk);
    });
    req.on('end', () => done(over ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function reply(res, status, code, description) {
  replyJson(res, status, { code, description, source: 'proxy' });
}

function replyJson(res, status, value) {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Runs the proxy as its own server on 127.0.0.1 (port 0: any free port). */
export async function startProxy({ port = 0, host = '127.0.0.1', ...options }) {
  const handle = createProxy(options);
  const server = createServer((req, res) => { handle(req, res); });
  await new Promise((done, reject) => { server.once('error', reject); server.listen(port, host, done); });
  return {
    url: `http://${host}:${server.address().port}${options.prefix ?? ''}`,
    close: () => new Promise((done) => { server.close(() => done()); server.closeAllConnections(); }),
  };
}
