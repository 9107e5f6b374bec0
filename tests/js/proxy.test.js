// The reference backend proxy between the client and the emulator:
// client → proxy → emulator, over loopback.
import { test, before, after } from 'node:test';
import { createServer, request as httpRequest } from 'node:http';
import assert from 'node:assert/strict';
import { createClient } from 'mca-attest';
import { startEmulator, fixture } from 'mca-attest/emulator';
import { createProxy, startProxy } from 'mca-attest/proxy';

const CONFIRMED = fixture.customers.find((c) => c.note.includes('Already confirmed')).id;
const SESSION = 'session=valid';

let em;
let proxy;
let tokens;        // what the token source handed out
let refreshes;
before(async () => {
  em = await startEmulator({ port: 0 });
  tokens = [];
  refreshes = 0;
  let current = null;
  proxy = await startProxy({ port: 0, upstream: em.url, prefix: '/pc', maxBodyBytes: 4096,
    getToken: async ({ refresh }) => {
      if (refresh) refreshes += 1;
      if (refresh || !current) { current = await em.issueToken(); tokens.push(current); }
      return current;
    },
    checkSession: (req) => (req.headers.cookie ?? '').split(/;\s*/).includes(SESSION) });
});
after(async () => { await proxy.close(); await em.close(); });

const viaProxy = (path, init = {}) => fetch(`${new URL(proxy.url).origin}${path}`, { ...init,
  headers: { cookie: SESSION, accept: 'application/json', ...(init.headers ?? {}) } });

test('the client without a token reaches the emulator through the proxy, which adds its own token', async () => {
  const events = [];
  const client = createClient({ baseUrl: proxy.url, fetch: (url, init) => fetch(url, { ...init, headers: { ...init.headers, cookie: SESSION } }),
    onEvent: (e) => events.push(e) });
  const r = await client.getCustomerAgreements(CONFIRMED);
  assert.equal(r.totalCount, 1);
  const [upstream] = em.requests().slice(-1);
  assert.equal(upstream.headers.authorization, 'Bearer [redacted]');
  const sent = events.find((e) => e.type === 'request');
  assert.equal(upstream.headers['ms-requestid'], sent.requestId, 'MS-RequestId passed through');
  assert.equal(upstream.headers['ms-correlationid'], sent.correlationId, 'MS-CorrelationId passed through');
  assert.equal(upstream.headers['ms-contract-version'], 'v1');
});

test('no session: 401 proxy.noSession, nothing forwarded', async () => {
  const before = em.stats().requests;
  const r = await fetch(`${proxy.url}/v1/agreements?agreementType=*`);
  assert.equal(r.status, 401);
  assert.equal((await r.json()).code, 'proxy.noSession');
  assert.equal(em.stats().requests, before);
});

test('createProxy refuses to exist without a session check', () => {
  assert.throws(() => createProxy({ upstream: em.url, getToken: async () => 't' }), TypeError);
});

test('only allowlisted methods, paths and query parameters are forwarded', async () => {
  const before = em.stats().requests;
  for (const [method, path] of [['GET', `/pc/v1/customers/${CONFIRMED}/orders`], ['DELETE', `/pc/v1/customers/${CONFIRMED}/agreements`],
    ['GET', '/pc/v1/customers/%2e%2e%2fusers/agreements'], ['GET', '/v1/agreements'],
    ['GET', '/pc/_emulator/stats']]) {
    const r = await viaProxy(path, { method });
    assert.equal(r.status, 404, `${method} ${path}`);
    assert.equal((await r.json()).code, 'proxy.notAllowed');
  }
  assert.equal(em.stats().requests, before, 'nothing reached Partner Center');
  const ok = await viaProxy(`/pc/v1/customers/${CONFIRMED}/agreements?agreementType=MicrosoftCustomerAgreement&$expand=secrets`);
  assert.equal(ok.status, 200);
  assert.deepEqual(em.requests().at(-1).query, { agreementType: 'MicrosoftCustomerAgreement' });
});

test('a body over the limit answers 413, a POST that is not JSON 415; neither is forwarded', async () => {
  const before = em.stats().requests;
  const big = await viaProxy('/pc/v1/attestations/enhanced', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ companyName: 'x'.repeat(5000) }) });
  assert.equal(big.status, 413);
  const form = await viaProxy('/pc/v1/attestations/enhanced', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
  assert.equal(form.status, 415);
  assert.equal(em.stats().requests, before);
});

test('answers pass through with status, Retry-After and ids; the token never appears in them', async () => {
  const r = await viaProxy(`/pc/v1/customers/${fixture.unknownCustomerId}/agreements?agreementType=*`,
    { headers: { 'ms-correlationid': '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0', authorization: 'Bearer browser-token' } });
  assert.equal(r.status, 404);
  assert.equal(r.headers.get('ms-correlationid'), '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0');
  const text = await r.text();
  const all = text + JSON.stringify([...r.headers]);
  for (const t of tokens) assert.ok(!all.includes(t), 'the proxy token is not in the answer');
  assert.equal(JSON.parse(text).code, 600008);
});

test('an upstream 401 makes the proxy refresh its token once', async () => {
  em.revokeToken(tokens.at(-1));
  const before = refreshes;
  const r = await viaProxy('/pc/v1/agreements?agreementType=MicrosoftCustomerAgreement');
  assert.equal(r.status, 200);
  assert.equal(refreshes - before, 1);
});

test('throttling passes through: the client waits Retry-After through the proxy', async () => {
  const limited = await startEmulator({ port: 0, rateLimit: { perMinute: 1, windowMs: 1000 } });
  const p = await startProxy({ port: 0, upstream: limited.url, getToken: () => limited.issueToken(), checkSession: () => true });
  try {
    const client = createClient({ baseUrl: p.url });
    await client.getAgreementTemplates();
    const started = Date.now();
    await client.getAgreementTemplates();
    assert.ok(Date.now() - started >= 900);
    assert.deepEqual(limited.requests().map((r) => r.status), [200, 429, 200]);
  } finally { await p.close(); await limited.close(); }
});

test('an unreachable upstream answers 502, a token source failure 502 without forwarding', async () => {
  const dead = await startProxy({ port: 0, upstream: 'http://127.0.0.1:1', getToken: async () => 't', checkSession: () => true });
  const noToken = await startProxy({ port: 0, upstream: em.url, getToken: async () => { throw new Error('no'); }, checkSession: () => true });
  try {
    const a = await fetch(`${dead.url}/v1/agreements?agreementType=*`);
    assert.deepEqual([a.status, (await a.json()).code], [502, 'proxy.upstreamUnavailable']);
    const b = await fetch(`${noToken.url}/v1/agreements?agreementType=*`);
    assert.deepEqual([b.status, (await b.json()).code], [502, 'proxy.tokenUnavailable']);
  } finally { await dead.close(); await noToken.close(); }
});

/** A raw HTTP request on its own connection (any method, any path as written, chunked bodies): { status, body, headers }. */
function raw(url, { method = 'GET', path, headers = {}, chunks = [] }) {
  return new Promise((done, reject) => {
    const req = httpRequest(url, { method, path, agent: false, headers: { cookie: SESSION, ...headers } }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => done({ status: res.statusCode, body, headers: res.headers }));
    });
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

test('methods outside the allowlist and path tricks are refused (404 proxy.notAllowed), nothing forwarded', async () => {
  const origin = new URL(proxy.url).origin;
  const before = em.stats().requests;
  const id = CONFIRMED;
  const cases = [];
  for (const method of ['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']) {
    cases.push([method, `/pc/v1/customers/${id}/agreements`], [method, '/pc/v1/attestations/enhanced']);
  }
  cases.push(['POST', '/pc/v1/agreements'], ['POST', `/pc/v1/customers/${id}/directSignedMicrosoftCustomerAgreementStatus`],
    ['GET', '/pc/v1/agreements/'], ['GET', '/pc//v1/agreements'], ['GET', '/PC/v1/agreements'], ['GET', '/pc/v1/%61greements'],
    ['GET', `/pc/v1/customers/${id}/agreements/..`], ['GET', `/pc/v1/customers/${id}%2Fagreements`],
    ['GET', `/pc/v1/customers/${id}/agreements/../../users`], ['GET', `/pc/v1/customers/${id}.evil/agreements`],
    ['GET', '/pc/v1/customers/*/agreements'], ['GET', '/pc/v2/agreements'], ['GET', '/pc'], ['GET', '/pc/v1/agreementtemplates/x/document']);
  for (const [method, path] of cases) {
    const r = await raw(origin, { method, path });
    assert.equal(r.status, 404, `${method} ${path}`);
    if (method !== 'HEAD') assert.equal(JSON.parse(r.body).code, 'proxy.notAllowed', `${method} ${path}`);
  }
  assert.equal(em.stats().requests, before, 'nothing reached Partner Center');
});

test('bodies: a chunked body over the limit (no Content-Length) is 413, one at the limit is forwarded', async () => {
  const origin = new URL(proxy.url).origin;
  const before = em.stats().requests;
  const over = await raw(origin, { method: 'POST', path: '/pc/v1/attestations/enhanced',
    headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, chunks: ['{"companyName":"', 'x'.repeat(4096), '"}'] });
  assert.deepEqual([over.status, JSON.parse(over.body).code], [413, 'proxy.tooLarge']);
  const lying = await raw(origin, { method: 'POST', path: '/pc/v1/attestations/enhanced',
    headers: { 'content-type': 'application/json', 'content-length': '99999' }, chunks: ['{}'] }).catch((e) => ({ status: 0, error: e }));
  assert.ok([413, 0].includes(lying.status), 'a declared length over the limit is refused unread');
  assert.equal(em.stats().requests, before, 'neither was forwarded');
  const body = JSON.stringify({ companyName: 'x'.repeat(4096 - 18) });
  assert.equal(Buffer.byteLength(body), 4096);
  const at = await raw(origin, { method: 'POST', path: '/pc/v1/attestations/enhanced', headers: { 'content-type': 'application/json' }, chunks: [body] });
  assert.notEqual(at.status, 413);
  assert.equal(em.stats().requests, before + 1, 'the body at the limit was forwarded');
});

test('no session on any allowlisted call, a failing or async-false session check: 401, nothing forwarded', async () => {
  const before = em.stats().requests;
  const id = CONFIRMED;
  const calls = [['GET', '/pc/v1/agreements?agreementType=MicrosoftCustomerAgreement'],
    ['GET', `/pc/v1/agreementtemplates/117a77b0-9360-443b-8795-c6dedc750cf9/document`],
    ['GET', `/pc/v1/customers/${id}/agreements`], ['POST', `/pc/v1/customers/${id}/agreements`],
    ['GET', `/pc/v1/customers/${id}/directSignedMicrosoftCustomerAgreementStatus`], ['POST', '/pc/v1/attestations/enhanced'],
    ['GET', `/pc/v1/attestations/enhanced/${id}`]];
  const origin = new URL(proxy.url).origin;
  for (const [method, path] of calls) {
    const r = await raw(origin, { method, path, headers: { cookie: 'session=forged', 'content-type': 'application/json' }, chunks: method === 'POST' ? ['{}'] : [] });
    assert.deepEqual([r.status, JSON.parse(r.body).code], [401, 'proxy.noSession'], `${method} ${path}`);
  }
  for (const checkSession of [() => { throw new Error('session store down'); }, async () => false, () => 'yes']) {
    const p = await startProxy({ port: 0, upstream: em.url, getToken: () => em.issueToken(), checkSession });
    try {
      const r = await fetch(`${p.url}/v1/agreements?agreementType=*`);
      assert.equal(r.status, checkSession.toString().includes("'yes'") ? 200 : 401);
    } finally { await p.close(); }
  }
  assert.equal(em.stats().requests, before + 1, 'only the request with a (truthy) session went through');
});

test('an upstream that reflects the token (body, id headers, redirect) never gets it to the browser', async () => {
  const TOKEN = 'proxy-secret-token-9f8e7d';
  const reflector = createServer((req, res) => {
    const auth = req.headers.authorization ?? '';
    if (req.url.includes('directSigned')) { res.writeHead(302, { location: `http://evil.example/?t=${auth}` }); res.end(); return; }
    res.writeHead(req.url.includes('attestations') ? 401 : 400, { 'content-type': 'application/json', 'ms-correlationid': auth,
      'ms-requestid': TOKEN, 'retry-after': auth });
    res.end(JSON.stringify({ code: 600003, description: `bad request; you sent ${auth}`, echo: req.headers }));
  });
  await new Promise((r) => reflector.listen(0, '127.0.0.1', r));
  const p = await startProxy({ port: 0, upstream: `http://127.0.0.1:${reflector.address().port}`, getToken: async () => TOKEN,
    checkSession: () => true });
  try {
    for (const path of ['/v1/agreements?agreementType=*', `/v1/customers/${CONFIRMED}/directSignedMicrosoftCustomerAgreementStatus`,
      `/v1/attestations/enhanced/${CONFIRMED}`]) {
      const r = await fetch(`${p.url}${path}`);
      const all = `${r.status} ${JSON.stringify([...r.headers])} ${await r.text()}`;
      assert.ok(!all.includes(TOKEN), `${path}: the token is not in the answer: ${all.slice(0, 200)}`);
      if (path.includes('agreements?')) assert.match(all, /you sent Bearer \[redacted\]/, 'the rest of the answer is passed on');
    }
  } finally { await p.close(); await new Promise((r) => { reflector.close(r); reflector.closeAllConnections(); }); }
});
