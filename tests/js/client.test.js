// The Partner Center client against the real emulator over loopback (no mocked
// fetch): headers, ids, retries, throttling, token refresh, cancelling, errors,
// and the token staying with baseUrl's origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createClient, McaError } from 'mca-attest';
import { startEmulator, fixture } from 'mca-attest/emulator';

const MCA_TEMPLATE = '117a77b0-9360-443b-8795-c6dedc750cf9';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const byNote = (word) => fixture.customers.find((c) => c.note.includes(word)).id;
const CONFIRMED = byNote('Already confirmed');
const CLOUD_ONLY = byNote('Cloud agreement only');
const DIRECT = byNote('Direct-signed');

let em;
before(async () => { em = await startEmulator({ port: 0 }); });
after(() => em.close());

/** A client with a token provider that records how it was asked. */
async function clientFor(emulator, options = {}) {
  const token = await emulator.issueToken();
  const asked = [];
  const client = createClient({ baseUrl: emulator.url, getToken: async ({ refresh }) => { asked.push(refresh); return token; },
    ...options });
  return { client, token, asked };
}
const lastRequests = (emulator, n) => emulator.requests().slice(-n);

async function withEmulator(options, fn) {
  const e = await startEmulator({ port: 0, ...options });
  try { return await fn(e); } finally { await e.close(); }
}

test('reads return Partner Center JSON as sent', async () => {
  const { client } = await clientFor(em);
  const templates = await client.getAgreementTemplates();
  assert.deepEqual(templates.items.map((t) => t.templateId), [MCA_TEMPLATE]);
  const agreements = await client.getCustomerAgreements(CONFIRMED);
  assert.equal(agreements.totalCount, 1);
  assert.equal(agreements.items[0].type, 'MicrosoftCustomerAgreement');
  assert.deepEqual(await client.getDirectSignedStatus(DIRECT), { isSigned: true });
  const doc = await client.getAgreementDocument(MCA_TEMPLATE, { country: 'NL', language: 'nl-NL' });
  assert.match(doc.displayUri, /lang=nl-NL&country=NL$/);
  assert.match(doc.downloadUri, /^http:\/\/127\.0\.0\.1:\d+\/_emulator\/documents\//);
  assert.match((await client.getAgreementDocument(MCA_TEMPLATE)).displayUri, /lang=en-US&country=US$/,
    'no parameters: the service defaults');
});

test('getCustomerAgreements always sends agreementType=MicrosoftCustomerAgreement (the cloud agreement trap)', async () => {
  const { client } = await clientFor(em);
  const r = await client.getCustomerAgreements(CLOUD_ONLY);
  assert.deepEqual(r.items, [], 'the cloud agreement is not an MCA acceptance');
  assert.deepEqual(lastRequests(em, 1)[0].query, { agreementType: 'MicrosoftCustomerAgreement' });
});

test('every request carries the Partner Center headers; Content-Type only with a body', async () => {
  const { client } = await clientFor(em);
  await client.getDirectSignedStatus(DIRECT);
  const [req] = lastRequests(em, 1);
  assert.equal(req.headers.accept, 'application/json');
  assert.equal(req.headers['ms-contract-version'], 'v1');
  assert.match(req.headers['ms-requestid'], GUID);
  assert.match(req.headers['ms-correlationid'], GUID);
  assert.equal(req.headers.authorization, 'Bearer [redacted]');
  assert.equal(req.headers['content-type'], undefined);
});

test('Authorization is sent only when getToken gives a token', async () => {
  for (const getToken of [undefined, async () => null, async () => '']) {
    const client = createClient({ baseUrl: em.url, getToken, maxRetries: 0 });
    const error = await client.getAgreementTemplates().catch((e) => e);
    assert.equal(error.status, 401);
    assert.equal(lastRequests(em, 1)[0].headers.authorization, undefined);
  }
});

test('a correlation id per method call, or the one passed; a new request id per request', async () => {
  const { client } = await clientFor(em);
  await client.getAgreementTemplates();
  await client.getAgreementTemplates();
  const [a, b] = lastRequests(em, 2).map((r) => r.headers);
  assert.notEqual(a['ms-correlationid'], b['ms-correlationid']);
  assert.notEqual(a['ms-requestid'], b['ms-requestid']);
  const correlationId = '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0';
  await client.getCustomerAgreements(CONFIRMED, { correlationId });
  await client.getDirectSignedStatus(CONFIRMED, { correlationId });
  const [c, d] = lastRequests(em, 2).map((r) => r.headers);
  assert.deepEqual([c['ms-correlationid'], d['ms-correlationid']], [correlationId, correlationId]);
  assert.notEqual(c['ms-requestid'], d['ms-requestid']);
});

test('a 5xx is retried with the same MS-RequestId, then answered', () => withEmulator(
  { faults: { rate: 0.5, kinds: ['503'], seed: 9 } },   // seed 9: fault, fault, then answers
  async (e) => {
    const events = [];
    const { client } = await clientFor(e, { onEvent: (ev) => events.push(ev) });
    const r = await client.getAgreementTemplates();
    assert.equal(r.totalCount, 1);
    const reqs = e.requests();
    assert.deepEqual(reqs.map((x) => x.status), [503, 503, 200]);
    assert.equal(new Set(reqs.map((x) => x.headers['ms-requestid'])).size, 1, 'one request id for the three attempts');
    assert.deepEqual(events.filter((ev) => ev.type === 'retry').map((ev) => ev.reason), ['503', '503']);
    await client.getAgreementTemplates();
    assert.notEqual(e.requests().at(-1).headers['ms-requestid'], reqs[0].headers['ms-requestid'], 'a new request, a new id');
  }));

test('5xx beyond maxRetries surfaces as McaError with the status and ids', () => withEmulator(
  { faults: { rate: 1, kinds: ['500'] } },
  async (e) => {
    const { client } = await clientFor(e, { maxRetries: 2 });
    const error = await client.getAgreementTemplates().catch((x) => x);
    assert.ok(error instanceof McaError);
    assert.equal(error.status, 500);
    assert.equal(error.retryable, true);
    assert.equal(e.requests().length, 3, 'the first try and two retries');
    assert.equal(error.requestId, e.requests()[0].headers['ms-requestid']);
    assert.equal(error.correlationId, e.requests()[0].headers['ms-correlationid']);
  }));

test('a 408 is retried because the core says so, under the same MS-RequestId', () => withEmulator(
  { faults: { rate: 1, kinds: ['408'] } },
  async (e) => {
    const { client } = await clientFor(e, { maxRetries: 2 });
    const error = await client.getAgreementTemplates().catch((x) => x);
    assert.deepEqual([error.status, error.code, error.retryable, error.outcome], [408, 'service.timeout', true, 'unknown']);
    const ids = e.requests().map((r) => r.headers['ms-requestid']);
    assert.equal(ids.length, 3, 'the first try and two retries');
    assert.equal(new Set(ids).size, 1);
  }));

test('a 500 whose body says isRetryable false is not retried', () => withEmulator(
  { faults: { rate: 1, kinds: ['500-final'] } },
  async (e) => {
    const { client } = await clientFor(e, { maxRetries: 3 });
    const error = await client.getAgreementTemplates().catch((x) => x);
    assert.deepEqual([error.status, error.retryable, error.outcome], [500, false, 'unknown']);
    assert.equal(e.requests().length, 1, 'sent once');
  }));

test('a timeout is retried with the same MS-RequestId, then surfaces with code timeout and status 0', () => withEmulator(
  { faults: { rate: 1, kinds: ['timeout'], delayMs: 2000 } },
  async (e) => {
    const { client } = await clientFor(e, { timeoutMs: 100, maxRetries: 1 });
    const started = Date.now();
    const error = await client.getAgreementTemplates().catch((x) => x);
    assert.equal(error.code, 'timeout');
    assert.equal(error.status, 0);
    assert.ok(Date.now() - started < 1500, 'it did not wait for the held answers');
    const ids = e.requests().map((r) => r.headers['ms-requestid']);
    assert.equal(ids.length, 2);
    assert.equal(ids[0], ids[1]);
  }));

test('a reset connection is retried, then surfaces with code network', () => withEmulator(
  { faults: { rate: 1, kinds: ['reset'] } },
  async (e) => {
    const { client } = await clientFor(e, { maxRetries: 1 });
    const error = await client.getAgreementTemplates().catch((x) => x);
    assert.deepEqual([error.code, error.status, e.requests().length], ['network', 0, 2]);
  }));

test('a malformed body becomes McaError response.malformed after its retries', () => withEmulator(
  { faults: { rate: 1, kinds: ['malformed'] } },
  async (e) => {
    const { client } = await clientFor(e, { maxRetries: 1 });
    const error = await client.getDirectSignedStatus(DIRECT).catch((x) => x);
    assert.ok(error instanceof McaError);
    assert.deepEqual([error.code, error.status, e.requests().length], ['response.malformed', 200, 2]);
  }));

test('429 waits the advertised Retry-After, then retries the same request', () => withEmulator(
  { rateLimit: { perMinute: 1, windowMs: 1000 } },
  async (e) => {
    const events = [];
    const { client } = await clientFor(e, { onEvent: (ev) => events.push(ev) });
    await client.getAgreementTemplates();
    const started = Date.now();
    await client.getAgreementTemplates();
    const waited = Date.now() - started;
    assert.ok(waited >= 950 && waited < 2500, `waited ${waited} ms for Retry-After: 1`);
    const reqs = e.requests().slice(1);
    assert.deepEqual(reqs.map((r) => r.status), [429, 200]);
    assert.equal(reqs[0].headers['ms-requestid'], reqs[1].headers['ms-requestid']);
    assert.deepEqual(events.filter((ev) => ev.type === 'retry').map((ev) => [ev.reason, ev.delayMs]), [['429', 1000]]);
  }));

test('after a 429 every request of the client waits for Retry-After (a shared pause, no flood)', () => withEmulator(
  { faults: { rate: 1, kinds: ['429'], retryAfter: 1 } },
  async (e) => {
    const events = [];
    const { client } = await clientFor(e, { onEvent: (ev) => events.push({ ...ev, at: Date.now() }) });
    const first = client.getAgreementTemplates();
    while (!events.some((ev) => ev.type === 'retry')) await new Promise((r) => setTimeout(r, 5));
    e.setFaults(null);
    const throttledAt = events.find((ev) => ev.type === 'retry').at;
    await client.getDirectSignedStatus(DIRECT);          // a new request during the pause
    await first;
    const sent = events.filter((ev) => ev.type === 'request' && ev.path.endsWith('Status'));
    assert.equal(sent.length, 1);
    assert.ok(sent[0].at - throttledAt >= 950, `the other request left ${sent[0].at - throttledAt} ms after the 429`);
    assert.deepEqual(e.requests().map((r) => r.status), [429, 200, 200]);
  }));

test('401 asks getToken({ refresh: true }) once and succeeds with the new token', async () => {
  const stale = await em.issueToken();
  em.revokeToken(stale);
  const fresh = await em.issueToken();
  const asked = [];
  const client = createClient({ baseUrl: em.url, getToken: async ({ refresh }) => { asked.push(refresh); return refresh ? fresh : stale; } });
  assert.equal((await client.getAgreementTemplates()).totalCount, 1);
  assert.deepEqual(asked, [false, true]);
  const [a, b] = lastRequests(em, 2);
  assert.deepEqual([a.status, b.status], [401, 200]);
  assert.equal(a.headers['ms-requestid'], b.headers['ms-requestid']);
});

test('401 again after the refresh fails, carrying 900421 for a token without MFA', async () => {
  const noMfa = await em.issueToken({ mfa: false });
  const asked = [];
  const client = createClient({ baseUrl: em.url, getToken: async ({ refresh }) => { asked.push(refresh); return noMfa; } });
  const before = em.stats().requests;
  const error = await client.getAgreementTemplates().catch((x) => x);
  assert.ok(error instanceof McaError);
  assert.deepEqual([error.status, error.serviceCode], [401, 900421]);
  assert.deepEqual(asked, [false, true], 'refreshed once, not more');
  assert.equal(em.stats().requests - before, 2);
});

test('a Partner Center error becomes McaError with status, service code and the ids sent', async () => {
  const { client } = await clientFor(em);
  const error = await client.getCustomerAgreements(fixture.unknownCustomerId, { correlationId: 'c0ffee00-0000-4000-8000-000000000000' })
    .catch((x) => x);
  assert.ok(error instanceof McaError);
  assert.deepEqual([error.status, error.serviceCode, error.correlationId], [404, 600008, 'c0ffee00-0000-4000-8000-000000000000']);
  assert.equal(error.requestId, lastRequests(em, 1)[0].headers['ms-requestid']);
  const bad = await client.getAgreementDocument(MCA_TEMPLATE, { language: 'nl-nl', country: 'NL' }).catch((x) => x);
  assert.deepEqual([bad.status, bad.serviceCode], [400, 600006]);
});

test('an AbortSignal cancels a call in flight, a Retry-After wait, and a client; aborted before sending sends nothing', async () => {
  await withEmulator({ faults: { rate: 1, kinds: ['timeout'], delayMs: 5000 } }, async (e) => {
    const { client } = await clientFor(e);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const error = await client.getAgreementTemplates({ signal: controller.signal }).catch((x) => x);
    assert.deepEqual([error.code, error.status], ['aborted', 0]);
    assert.ok(Date.now() - started < 1000);
  });
  await withEmulator({ rateLimit: { perMinute: 1, windowMs: 60_000 } }, async (e) => {
    const controller = new AbortController();
    const { client } = await clientFor(e, { signal: controller.signal });
    await client.getAgreementTemplates();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await client.getAgreementTemplates().catch((x) => x);
    assert.equal(error.code, 'aborted');
    assert.ok(Date.now() - started < 1000, 'the minute-long Retry-After wait was cancelled');
    const after = await client.getDirectSignedStatus(DIRECT).catch((x) => x);
    assert.equal(after.code, 'aborted', 'the client signal cancels later calls too');
    assert.equal(e.stats().requests, 2, 'nothing was sent after the abort');
  });
});

test('the token never reaches another origin: a redirect is not followed', async () => {
  const seen = [];
  const other = createServer((req, res) => { seen.push(req.headers); res.end('{}'); });
  await new Promise((r) => other.listen(0, '127.0.0.1', r));
  const otherUrl = `http://127.0.0.1:${other.address().port}`;
  const redirector = createServer((req, res) => { res.writeHead(307, { location: `${otherUrl}${req.url}` }); res.end(); });
  await new Promise((r) => redirector.listen(0, '127.0.0.1', r));
  try {
    const client = createClient({ baseUrl: `http://127.0.0.1:${redirector.address().port}`, getToken: () => 'secret-token-value' });
    const error = await client.getCustomerAgreements(CONFIRMED).catch((x) => x);
    assert.ok(error instanceof McaError);
    assert.deepEqual([error.code, error.status], ['redirect', 307]);
    assert.equal(seen.length, 0, 'the second server got no request');
    assert.ok(!JSON.stringify({ ...error, message: error.message, stack: error.stack }).includes('secret-token-value'));
  } finally {
    await Promise.all([new Promise((r) => other.close(r)), new Promise((r) => redirector.close(r))]);
  }
});

test('events and errors never carry the token', async () => {
  const events = [];
  const { client, token } = await clientFor(em, { onEvent: (ev) => events.push(ev) });
  await client.getAgreementTemplates();
  const error = await client.getCustomerAgreements(fixture.unknownCustomerId).catch((x) => x);
  assert.ok(events.length >= 4);
  assert.ok(!JSON.stringify(events).includes(token));
  assert.ok(!JSON.stringify({ ...error, message: error.message, stack: error.stack }).includes(token));
});

test('a baseUrl with a path prefix keeps it; a baseUrl that is not http(s) is refused', async () => {
  assert.throws(() => createClient({ baseUrl: 'ftp://example.com' }), (e) => e instanceof McaError && e.code === 'client.invalidBaseUrl');
  assert.throws(() => createClient({ baseUrl: 'not a url' }), (e) => e.code === 'client.invalidBaseUrl');
  const { client } = await clientFor(em, { baseUrl: `${em.url}/prefix/`, maxRetries: 0 });
  const error = await client.getAgreementTemplates().catch((x) => x);
  assert.equal(error.status, 404);
  assert.equal(lastRequests(em, 1)[0].path, '/prefix/v1/agreements');
});
