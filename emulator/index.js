/**
 * The Partner Center emulator: a small Node HTTP server on 127.0.0.1 with the
 * endpoints listed in docs/emulator.md, for tests (the project's and partners')
 * and the demo. Around the resources of routes.js it plays the service's
 * edges: bearer tokens, a per-partner rate limit, de-duplication of retried
 * POSTs by MS-RequestId, and seeded fault injection. Hooks that play the
 * customer live under /_emulator/, apart from the Partner Center paths.
 *
 *   node emulator/index.js [port] [--classic-retired]   prints its URL
 */
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERRORS, errorBody, throttleBody } from './assumed.js';
import { PartnerCenterState, route, tokenKindFor } from './routes.js';
import { createIdentity, emulatorNetworkClient, ENTRA_HOST } from './identity.js';
import { seeded } from './seeded.js';
import { generateCustomers } from './generate.js';

/** The sample customers and templates the emulator starts with (customers.json). */
export const fixture = Object.freeze(JSON.parse(readFileSync(new URL('./customers.json', import.meta.url), 'utf8')));
export { ERRORS } from './assumed.js';
export { generateCustomers } from './generate.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './customer-list.js';

const MAX_BODY = 1024 * 1024;
const LOG_LIMIT = 500;
/** The kinds drawn when faults.kinds is not given. */
const DEFAULT_KINDS = ['429', '500', '503', 'timeout', 'reset', 'malformed', '401'];
const FAULT_KINDS = [...DEFAULT_KINDS, '408', '500-final'];


function normaliseFaults(faults) {
  if (!faults) return null;
  const kinds = faults.kinds ?? DEFAULT_KINDS;
  for (const k of kinds) if (!FAULT_KINDS.includes(k)) throw new TypeError(`unknown fault kind ${k}`);
  const once = (faults.once ?? []).map(({ kind, at }) => {
    if (!FAULT_KINDS.includes(kind)) throw new TypeError(`unknown fault kind ${kind}`);
    if (!Number.isInteger(at) || at < 1) throw new TypeError('faults.once: at is the 1-based number of a request');
    return { kind, at };
  });
  return { rate: faults.rate ?? 0, kinds, random: seeded(faults.seed ?? 1), once, count: 0,
    delayMs: faults.delayMs ?? 5000, retryAfter: faults.retryAfter ?? 1 };
}

/**
 * Starts an emulator. Resolves to the handle described in index.d.ts.
 * @param {import('./index.js').EmulatorOptions} [options]
 */
export async function startEmulator(options = {}) {
  const { port = 0, host = '127.0.0.1', templates = fixture.templates, generate = null,
    faults = null, classicRetired = false, descriptions = null, separateDocumentOrigin = false } = options;
  // generate: N customers made from a seed, after the given ones (instead of the sample data when none are given).
  const customers = generate ? [...(options.customers ?? []), ...generateCustomers(generate)]
    : options.customers ?? fixture.customers;
  let rateLimit = options.rateLimit ?? null;
  let clockOffset = 0;
  const now = () => Date.now() + clockOffset;
  const state = new PartnerCenterState({ customers, templates, classicRetired, now });
  const identity = createIdentity({ now, tenantId: options.tenantId, clientId: options.clientId,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds, signIn: options.signIn });
  const windows = new Map();              // partnerId → timestamps of answered requests
  const replays = new Map();              // MS-RequestId + path → stored answer
  const stats = { requests: 0, posts: {}, postsByRequestId: {}, attestations: 0, faults: {}, throttled: 0 };
  const log = [];
  const timers = new Set();
  let faultPlan = normaliseFaults(faults);
  let baseUrl = '';
  let documentsUrl = '';                  // the origin of downloadUri (baseUrl, or a second server)
  const documentLog = [];

  /** The token's signature, audience, expiry and (App+User) MFA: { claims, partnerId } or { error }. */
  function authenticate(req) {
    const m = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    const checked = m ? identity.verify(m[1]) : { error: 'unauthenticated' };
    if (checked.error) {
      return { error: { ...answer(checked.error), headers: { 'www-authenticate': 'Bearer realm="PartnerEmulator"' } } };
    }
    if (checked.claims.idtyp === 'user' && !checked.claims.amr?.includes('mfa')) return { error: answer('mfaRequired') };
    return { claims: checked.claims, partnerId: checked.claims.tid };
  }

  /** Sliding window per partner (real time: Retry-After is a real wait). */
  function throttle(partnerId) {
    if (!rateLimit?.perMinute) return null;
    const windowMs = rateLimit.windowMs ?? 60_000;
    const t = Date.now();
    const stamps = (windows.get(partnerId) ?? []).filter((s) => s > t - windowMs);
    windows.set(partnerId, stamps);
    if (stamps.length < rateLimit.perMinute) { stamps.push(t); return null; }
    const seconds = Math.max(1, Math.ceil((stamps[0] + windowMs - t) / 1000));
    return { status: 429, body: throttleBody(seconds), headers: { 'retry-after': String(seconds) } };
  }

  /** The fault of this request: one planned for its number (faults.once), else a seeded draw. */
  function drawFault() {
    if (!faultPlan) return null;
    faultPlan.count += 1;
    const planned = faultPlan.once.find((o) => o.at === faultPlan.count);
    if (planned) return planned.kind;
    if (faultPlan.rate <= 0) return null;
    if (faultPlan.random() >= faultPlan.rate) return null;
    return faultPlan.kinds[Math.floor(faultPlan.random() * faultPlan.kinds.length)];
  }

  /** An error answer with the description a test chose for it (options.descriptions). */
  function described(result) {
    const text = result.body?.description;
    if (!descriptions || typeof text !== 'string') return result;
    const name = Object.keys(ERRORS).find((n) => ERRORS[n].description === text);
    if (!name || typeof descriptions[name] !== 'string') return result;
    const body = { ...result.body, description: descriptions[name] };
    if (body.message === text) body.message = descriptions[name];
    return { ...result, body };
  }

  function faultAnswer(kind) {
    if (kind === '429') {
      return { status: 429, body: throttleBody(faultPlan.retryAfter), headers: { 'retry-after': String(faultPlan.retryAfter) } };
    }
    if (kind === '500') return answer('internal');
    if (kind === '503') return answer('unavailable');
    if (kind === '401') return answer('unauthenticated');
    if (kind === '408') return answer('requestTimeout');
    if (kind === '500-final') return answer('internalFinal');
    return null;
  }

  /** Runs the Partner Center part of a request: auth, throttle, faults, replay, handler. */
  function partnerCenter(req, url, rawBody) {
    const auth = authenticate(req);
    if (auth.error) return { result: auth.error };
    const throttled = throttle(auth.partnerId);
    if (throttled) { stats.throttled += 1; return { result: throttled }; }
    const fault = drawFault();
    const early = fault && faultAnswer(fault);
    if (early) return { result: early, fault };
    const found = route(req.method, url.pathname);
    if (found.error) return { result: found.error, fault };
    const requestId = req.headers['ms-requestid'];
    const isPost = req.method === 'POST';
    let body;
    if (isPost) { try { body = JSON.parse(rawBody); } catch { body = undefined; } }
    const kind = tokenKindFor(found, body);
    if (kind !== 'either' && auth.claims.idtyp !== kind) return { result: answer(kind === 'app' ? 'appOnlyRequired' : 'userRequired'), fault };
    const replayKey = isPost && requestId ? `${requestId} ${url.pathname}` : null;
    if (replayKey && replays.has(replayKey)) return { result: replays.get(replayKey), fault, replayed: true };
    if (isPost) {
      if (found.handler === 'createAgreement') {
        const id = found.params.id.toLowerCase();
        stats.posts[id] = (stats.posts[id] ?? 0) + 1;
      } else stats.attestations += 1;
    }
    const result = state[found.handler]({ params: found.params, query: url.searchParams, body, baseUrl: documentsUrl,
      headers: req.headers });
    if (replayKey) replays.set(replayKey, result);
    return { result, fault };
  }

  function answer(name) {
    return { status: ERRORS[name].status, body: errorBody(name) };
  }

  function emulatorHook(req, url) {
    const m = /^\/_emulator\/attestations\/([^/]+)\/(accept|expire)$/.exec(url.pathname);
    if (m && req.method === 'POST') {
      const view = m[2] === 'accept' ? state.accept(m[1]) : state.expire(m[1]);
      return view ? { status: 200, body: view } : answer('attestationNotFound');
    }
    const d = /^\/_emulator\/documents\/([^/]+)$/.exec(url.pathname);
    if (d && req.method === 'GET') return state.download(d[1]);
    if (url.pathname === '/_emulator/stats' && req.method === 'GET') return { status: 200, body: snapshot() };
    return answer('notFound');
  }

  function send(req, res, result, extra = {}) {
    const headers = { ...extra, ...(result.headers ?? {}) };
    let payload = '';
    if (result.text !== undefined) {
      payload = result.text;
      headers['content-type'] = result.type;
    } else if (result.body !== undefined) {
      payload = JSON.stringify(result.body);
      headers['content-type'] = 'application/json; charset=utf-8';
    }
    headers['content-length'] = Buffer.byteLength(payload);
    res.writeHead(result.status, headers);
    res.end(payload);
  }

  /** Delivers an answer, spoiled the way an injected fault says. */
  function deliver(req, res, result, fault, ids) {
    if (fault === 'reset') { req.socket.destroy(); return; }
    if (fault === 'malformed') {
      const text = JSON.stringify(result.body ?? {}).slice(0, -1);   // cut short: never valid JSON
      send(req, res, { status: 200, text, type: 'application/json; charset=utf-8' }, ids);
      return;
    }
    if (fault === 'timeout') {
      const timer = setTimeout(() => { timers.delete(timer); if (!res.destroyed) send(req, res, result, ids); },
        faultPlan.delayMs);
      timers.add(timer);
      return;
    }
    send(req, res, result, ids);
  }

  /**
   * POSTs held on the way in (holdPosts): not yet arrived, as a request on a
   * slow network. Released, those whose connection is still open arrive;
   * one whose client went away (killed) never does.
   */
  let holding = null;
  function hold(req, res, rawBody) {
    holding.held.push({ req, res, rawBody });
    for (const done of holding.waiters.splice(0)) done(holding.held.length);
  }

  function handle(req, res, rawBody) {
    const url = new URL(req.url, 'http://emulator');
    if (url.pathname.startsWith('/_emulator/')) { send(req, res, emulatorHook(req, url)); return; }
    if (holding && req.method === 'POST') { hold(req, res, rawBody); return; }
    if (!url.pathname.startsWith('/v1/')) {
      const signIn = identity.handle(req.method, url, rawBody);
      if (signIn) { send(req, res, signIn); return; }
    }
    stats.requests += 1;
    const ids = { 'ms-requestid': req.headers['ms-requestid'] ?? randomUUID() };
    if (req.headers['ms-correlationid']) ids['ms-correlationid'] = req.headers['ms-correlationid'];
    const entry = { method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams),
      headers: redact(req.headers), body: rawBody, status: 0 };
    log.push(entry);
    if (log.length > LOG_LIMIT) log.shift();
    if (rawBody === null) { entry.status = 413; send(req, res, answer('tooLarge'), ids); return; }
    const requestId = req.headers['ms-requestid'];
    if (req.method === 'POST' && requestId) stats.postsByRequestId[requestId] = (stats.postsByRequestId[requestId] ?? 0) + 1;
    const { result: answered, fault, replayed } = partnerCenter(req, url, rawBody);
    const result = described(answered);
    entry.status = result.status;
    entry.fault = fault ?? null;
    if (fault) stats.faults[fault] = (stats.faults[fault] ?? 0) + 1;
    entry.replayed = replayed === true;
    deliver(req, res, result, fault, ids);
  }

  const server = createServer((req, res) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        handle(req, res, size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        if (!res.headersSent) send(req, res, { status: 500, body: { code: 0, description: String(error?.message ?? error) } });
      }
    });
  });

  function snapshot() {
    return { requests: stats.requests, posts: { ...stats.posts }, postsByRequestId: { ...stats.postsByRequestId },
      attestations: stats.attestations, faults: { ...stats.faults }, throttled: stats.throttled,
      tokenRequests: identity.stats().tokenRequests };
  }

  await new Promise((done, reject) => {
    server.once('error', reject);
    server.listen(port, host, done);
  });
  baseUrl = `http://${host}:${server.address().port}`;
  documentsUrl = baseUrl;
  // Partner Center's downloadUri is on another host than the API: this second
  // server serves only the documents, and logs what reaches it.
  const documentServer = separateDocumentOrigin ? createServer((req, res) => {
    const url = new URL(req.url, 'http://documents');
    documentLog.push({ method: req.method, path: url.pathname, headers: redact(req.headers) });
    const d = /^\/_emulator\/documents\/([^/]+)$/.exec(url.pathname);
    send(req, res, d && req.method === 'GET' ? state.download(d[1]) : answer('notFound'));
  }) : null;
  if (documentServer) {
    await new Promise((done, reject) => { documentServer.once('error', reject); documentServer.listen(0, host, done); });
    documentsUrl = `http://${host}:${documentServer.address().port}`;
  }

  return {
    url: baseUrl,
    /** The origin of the documents' downloadUri: url, or a second server (separateDocumentOrigin). */
    documentsUrl,
    /** Requests that reached the separate document server (Authorization redacted, but its presence shows). */
    documentRequests: () => documentLog.map((e) => ({ ...e, headers: { ...e.headers } })),
    /**
     * A Partner Center access token (an RS256 JWT): kind 'user' (App+User, the
     * default; `mfa: false` gives 401 with code 900421) or 'app' (App-only).
     */
    async issueToken({ kind = 'user', mfa = true, partnerId, expiresInMs = 3_600_000 } = {}) {
      return identity.issue({ kind, mfa, partnerId, expiresInMs });
    },
    /** A user's sign-in token for the registered app itself (aud: its client id), to exchange on behalf of the user. */
    async issueUserAssertion({ mfa = true, expiresInMs = 3_600_000 } = {}) {
      return identity.issueUserAssertion({ mfa, expiresInMs });
    },
    /** What an MSAL confidential client needs; its networkClient sends Entra's requests here. */
    identity: Object.freeze({ authority: `${ENTRA_HOST}/${identity.tenantId}`, tenantId: identity.tenantId,
      clientId: identity.clientId, clientSecret: identity.clientSecret, networkClient: emulatorNetworkClient(baseUrl) }),
    /** A self-signed certificate registered for the app: { certificate, privateKey, thumbprintSha256 } (PEM, hex). */
    createCertificate: () => identity.createCertificate(),
    /** Makes a token unknown (the next call with it answers 401). */
    revokeToken(token) { identity.revoke(token); },
    /** Revokes the user's sign-in sessions: every refresh token issued so far is refused (AADSTS50173). */
    revokeSignInSessions() { identity.revokeSignInSessions(); },
    stats: snapshot,
    /** The last requests (up to 500): method, path, query, headers (Authorization redacted), status. */
    requests: () => log.map((e) => ({ ...e, headers: { ...e.headers } })),
    /** Plays the customer accepting on Microsoft's page. */
    acceptAttestation: (id) => state.accept(id),
    expireAttestation: (id) => state.expire(id),
    /** Every enhanced attestation created so far, as GET /v1/attestations/enhanced/{id} shows it, oldest first. */
    attestations: () => [...state.attestations.values()].map((a) => state.view(a)),
    /** The customer record as the emulator holds it now (a copy), or null. */
    customer: (id) => { const c = state.customers.get(String(id).toLowerCase()); return c ? JSON.parse(JSON.stringify(c)) : null; },
    setFaults(next) { faultPlan = normaliseFaults(next); },
    /**
     * Holds every POST before it arrives, until releasePosts(). Resolves with
     * the number held once at least one is (a test then kills the client
     * whose write is in flight, and the write never reaches the service).
     */
    holdPosts() {
      holding ??= { held: [], waiters: [] };
      const h = holding;
      return h.held.length > 0 ? Promise.resolve(h.held.length) : new Promise((done) => h.waiters.push(done));
    },
    /** Lets the held POSTs arrive (those whose client is still connected); returns how many did. */
    releasePosts() {
      const held = holding?.held ?? [];
      holding = null;
      const alive = held.filter(({ req, res }) => !req.socket.destroyed && !res.destroyed);
      for (const { req, res, rawBody } of alive) handle(req, res, rawBody);
      return alive.length;
    },
    setRateLimit(next) { rateLimit = next; windows.clear(); },
    setClassicRetired(value) { state.classicRetired = value === true; },
    /** Moves the emulator's clock (expiry of links, tokens and attestations). */
    advanceTime(ms) { clockOffset += ms; },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closing = [server, documentServer].filter(Boolean)
        .map((s) => new Promise((done) => { s.close(() => done()); s.closeAllConnections(); }));
      return Promise.all(closing).then(() => {});
    },
  };
}

function redact(headers) {
  const out = { ...headers };
  if (out.authorization) out.authorization = out.authorization.replace(/^(Bearer) .*/s, '$1 [redacted]');
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? process.env.PORT ?? 0);
  const em = await startEmulator({ port, classicRetired: process.argv.includes('--classic-retired') });
  console.log(`Partner Center emulator: ${em.url}`);
  console.log(`token (App+User, MFA, 1 hour): ${await em.issueToken({ mfa: true })}`);
  console.log(`token (App-only, 1 hour): ${await em.issueToken({ kind: 'app' })}`);
  const stop = () => { em.close().then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
