// The Partner Center emulator over loopback: every endpoint, its errors, tokens,
// the rate limit, seeded faults and the replay of retried POSTs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { startEmulator, fixture, ERRORS } from 'mca-attest/emulator';

const MCA_TEMPLATE = '117a77b0-9360-443b-8795-c6dedc750cf9';
const CLOUD_TEMPLATE = '998b88de-aa99-4388-a42c-1b3517d49490';
const byNote = (word) => fixture.customers.find((c) => c.note.includes(word)).id;
const C = {
  scenario1: byNote('Scenario 1'), scenario2: byNote('Scenario 2'), confirmed: byNote('Already confirmed'),
  direct: byNote('Direct-signed'), cloudOnly: byNote('Cloud agreement only'), noRelationship: byNote('No relationship'),
  unknown: fixture.unknownCustomerId,
};

let em;
let token;
let appToken;
before(async () => {
  em = await startEmulator({ port: 0 });
  token = await em.issueToken({ mfa: true });
  appToken = await em.issueToken({ kind: 'app' });
});
after(() => em.close());

/** The token kind Partner Center takes: App-only for the enhanced attestation and its step 3, else App+User. */
const tokenFor = (path, body) => (path.startsWith('/v1/attestations/enhanced') || body?.attestationId ? appToken : token);

async function call(method, path, { body, auth = tokenFor(path, body), headers = {} } = {}) {
  const h = { accept: 'application/json', ...headers };
  if (auth) h.authorization = `Bearer ${auth}`;
  if (body !== undefined) h['content-type'] = 'application/json';
  const res = await fetch(`${em.url}${path}`, { method, headers: h,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, json, text, headers: res.headers };
}

const confirmation = (over = {}) => ({
  primaryContact: { firstName: 'Anne', lastName: 'de Vries', email: 'anne@contoso.nl', phoneNumber: '+31201234567' },
  templateId: MCA_TEMPLATE, dateAgreed: '2026-01-20T09:30:00Z', type: 'MicrosoftCustomerAgreement', ...over });
const attestationBody = (over = {}) => ({ country: 'NL', language: 'nl-NL', companyName: 'Contoso Nederland B.V.',
  signatoryFirstName: 'Anne', signatoryLastName: 'de Vries', signatoryEmail: 'anne@contoso.nl', ...over });

test('agreement metadata: MCA, all types, and an omitted type answering the cloud agreement', async () => {
  const mca = await call('GET', '/v1/agreements?agreementType=MicrosoftCustomerAgreement');
  assert.equal(mca.status, 200);
  assert.deepEqual(mca.json.items, [{ templateId: MCA_TEMPLATE, agreementType: 'MicrosoftCustomerAgreement',
    agreementLink: 'https://aka.ms/customeragreement', versionRank: 0 }]);
  assert.equal((await call('GET', '/v1/agreements?agreementType=*')).json.totalCount, 2);
  assert.deepEqual((await call('GET', '/v1/agreements')).json.items.map((t) => t.templateId), [CLOUD_TEMPLATE]);
  const bad = await call('GET', '/v1/agreements?agreementType=microsoftcustomeragreement');
  assert.deepEqual([bad.status, bad.json.code], [400, 600006]);
});

test('agreement document: defaults en-US/US, case-sensitive parameters, downloadUri expiring after five minutes', async () => {
  const def = await call('GET', `/v1/agreementtemplates/${MCA_TEMPLATE}/document`);
  assert.equal(def.status, 200);
  assert.match(def.json.displayUri, /lang=en-US&country=US$/);
  const nl = await call('GET', `/v1/agreementtemplates/${MCA_TEMPLATE}/document?language=nl-NL&country=NL`);
  assert.match(nl.json.displayUri, /lang=nl-NL&country=NL$/);
  for (const q of ['language=nl-nl&country=NL', 'language=nl-NL&country=nl', 'language=nl&country=NL']) {
    const r = await call('GET', `/v1/agreementtemplates/${MCA_TEMPLATE}/document?${q}`);
    assert.deepEqual([r.status, r.json.code], [400, 600006], q);
  }
  const missing = await call('GET', '/v1/agreementtemplates/00000000-1111-2222-3333-444444444444/document');
  assert.deepEqual([missing.status, missing.json.code], [404, 600007]);
  const download = await fetch(nl.json.downloadUri);
  assert.equal(download.status, 200);
  assert.match(await download.text(), /MicrosoftCustomerAgreement \(nl-NL, NL\)/);
  em.advanceTime(5 * 60_000 + 1000);
  try {
    assert.equal((await fetch(nl.json.downloadUri)).status, 403, 'expired after five minutes');
  } finally { em.advanceTime(-(5 * 60_000 + 1000)); }
});

test('customer agreements: MCA items with the type, cloud agreement items without it (the trap), all with *', async () => {
  const mca = await call('GET', `/v1/customers/${C.confirmed}/agreements?agreementType=MicrosoftCustomerAgreement`);
  assert.equal(mca.json.totalCount, 1);
  assert.equal(mca.json.items[0].dateAgreed, '2024-03-12T10:15:00Z');
  assert.equal((await call('GET', `/v1/customers/${C.confirmed}/agreements`)).json.totalCount, 0,
    'omitted agreementType answers for MicrosoftCloudAgreement');
  const cloud = await call('GET', `/v1/customers/${C.cloudOnly}/agreements`);
  assert.deepEqual(cloud.json.items.map((i) => i.type), ['MicrosoftCloudAgreement']);
  assert.equal((await call('GET', `/v1/customers/${C.cloudOnly}/agreements?agreementType=MicrosoftCustomerAgreement`)).json.totalCount, 0);
  assert.equal((await call('GET', `/v1/customers/${C.cloudOnly}/agreements?agreementType=*`)).json.totalCount, 1);
});

test('direct-signed status of a direct-signed and a partner customer', async () => {
  assert.deepEqual((await call('GET', `/v1/customers/${C.direct}/directSignedMicrosoftCustomerAgreementStatus`)).json, { isSigned: true });
  assert.deepEqual((await call('GET', `/v1/customers/${C.scenario1}/directSignedMicrosoftCustomerAgreementStatus`)).json, { isSigned: false });
});

test('unknown customer answers 404 (assumed 600008), no relationship 403 with 20002', async () => {
  for (const path of ['agreements?agreementType=*', 'directSignedMicrosoftCustomerAgreementStatus']) {
    const unknown = await call('GET', `/v1/customers/${C.unknown}/${path}`);
    assert.deepEqual([unknown.status, unknown.json.code, unknown.json.source], [404, 600008, 'PartnerEmulator']);
    const none = await call('GET', `/v1/customers/${C.noRelationship}/${path}`);
    assert.deepEqual([none.status, none.json.code], [403, 20002]);
  }
  const post = await call('POST', `/v1/customers/${C.unknown}/agreements`, { body: confirmation() });
  assert.deepEqual([post.status, post.json.code], [404, 600008]);
});

test('classic confirmation: 201 with the stored item, then 600061 for the same data, read back by the GET', async () => {
  const customer = fixture.customers.find((c) => c.id === C.scenario2).id;
  const first = await call('POST', `/v1/customers/${customer}/agreements`, { body: confirmation() });
  assert.equal(first.status, 201);
  assert.deepEqual(first.json, { ...confirmation(), agreementLink: 'https://aka.ms/customeragreement' });
  const again = await call('POST', `/v1/customers/${customer}/agreements`, { body: confirmation() });
  assert.deepEqual([again.status, again.json.code, again.json.errorName, again.json.isRetryable],
    [409, 600061, 'PartnerConfirmedAgreementAlreadyExists', false]);
  const read = await call('GET', `/v1/customers/${customer}/agreements?agreementType=MicrosoftCustomerAgreement`);
  assert.equal(read.json.totalCount, 1);
});

test('classic confirmation errors: future date 600002, missing fields 600003, retired template, unknown template, bad JSON', async () => {
  const url = `/v1/customers/${C.scenario1}/agreements`;
  const future = new Date(Date.now() + 60 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const f = await call('POST', url, { body: confirmation({ dateAgreed: future }) });
  assert.deepEqual([f.status, f.json.code], [400, 600002]);
  const skew = new Date(Date.now() + 2 * 60_000).toISOString();
  assert.equal((await call('POST', url, { body: confirmation({ dateAgreed: skew, primaryContact:
    { firstName: 'Skew', lastName: 'Ok', email: 'skew@contoso.nl' } }) })).status, 201, 'two minutes ahead is clock skew');
  const noEmail = await call('POST', url, { body: confirmation({ primaryContact: { firstName: 'A', lastName: 'B' } }) });
  assert.deepEqual([noEmail.status, noEmail.json.code, noEmail.json.data], [400, 600003,
    [{ field: 'primaryContact.email', reason: 'required' }]]);
  const local = await call('POST', url, { body: confirmation({ dateAgreed: '2026-01-20T09:30:00' }) });
  assert.deepEqual([local.status, local.json.data[0].field], [400, 'dateAgreed']);
  const retired = await call('POST', url, { body: confirmation({ templateId: CLOUD_TEMPLATE }) });
  assert.equal(retired.status, 400);
  assert.match(retired.json.description, /no longer supported/);
  const unknown = await call('POST', url, { body: confirmation({ templateId: '00000000-1111-2222-3333-444444444444' }) });
  assert.deepEqual([unknown.status, unknown.json.code], [400, 600005]);
  const notJson = await call('POST', url, { body: '{"primaryContact":' });
  assert.deepEqual([notJson.status, notJson.json.code], [400, 600001]);
});

test('classicRetired refuses new classic confirmations (assumed 600070) and keeps the reads', async () => {
  const retired = await startEmulator({ port: 0, classicRetired: true });
  try {
    const t = await retired.issueToken();
    const headers = { authorization: `Bearer ${t}`, 'content-type': 'application/json' };
    const r = await fetch(`${retired.url}/v1/customers/${C.scenario1}/agreements`, { method: 'POST', headers,
      body: JSON.stringify(confirmation()) });
    assert.deepEqual([r.status, (await r.json()).code], [400, 600070]);
    const read = await fetch(`${retired.url}/v1/customers/${C.confirmed}/agreements?agreementType=MicrosoftCustomerAgreement`, { headers });
    assert.equal((await read.json()).totalCount, 1);
  } finally { await retired.close(); }
});

test('enhanced attestation: Pending, accepted through the /_emulator/ hook, then the agreement with attestationId', async () => {
  const created = await call('POST', '/v1/attestations/enhanced', { body: attestationBody() });
  assert.equal(created.status, 201);
  assert.equal(created.json.status, 'Pending');
  assert.match(created.json.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const id = created.json.id;
  const body = { templateId: MCA_TEMPLATE, type: 'MicrosoftCustomerAgreement', attestationId: id };
  const early = await call('POST', `/v1/customers/${C.scenario1}/agreements`, { body });
  assert.deepEqual([early.status, early.json.code], [400, 600081]);
  const accepted = await fetch(`${em.url}/_emulator/attestations/${id}/accept`, { method: 'POST' });
  assert.equal((await accepted.json()).status, 'Accepted');
  assert.equal((await call('GET', `/v1/attestations/enhanced/${id}`)).json.status, 'Accepted');
  const made = await call('POST', `/v1/customers/${C.scenario1}/agreements`, { body });
  assert.equal(made.status, 201);
  assert.equal(made.json.attestationId, id);
  assert.equal(made.json.primaryContact.email, 'anne@contoso.nl');
  const again = await call('POST', `/v1/customers/${C.scenario1}/agreements`, { body });
  assert.equal(again.json.code, 600061);
  const other = await call('POST', `/v1/customers/${C.scenario2}/agreements`, { body });
  assert.deepEqual([other.status, other.json.code], [409, 600083]);
});

test('enhanced attestation: expiry by expiryMinutes and by the hook, unknown id 404, field checks', async () => {
  const short = await call('POST', '/v1/attestations/enhanced', { body: attestationBody({ expiryMinutes: 5 }) });
  em.advanceTime(5 * 60_000);
  try {
    assert.equal((await call('GET', `/v1/attestations/enhanced/${short.json.id}`)).json.status, 'Expired');
    assert.equal(em.acceptAttestation(short.json.id).status, 'Expired', 'an expired link cannot be accepted');
  } finally { em.advanceTime(-5 * 60_000); }
  const other = await call('POST', '/v1/attestations/enhanced', { body: attestationBody() });
  assert.equal(em.expireAttestation(other.json.id).status, 'Expired');
  const late = await call('POST', `/v1/customers/${C.scenario2}/agreements`, { body:
    { templateId: MCA_TEMPLATE, type: 'MicrosoftCustomerAgreement', attestationId: other.json.id } });
  assert.deepEqual([late.status, late.json.code], [400, 600082]);
  const unknown = await call('GET', '/v1/attestations/enhanced/00000000-1111-2222-3333-444444444444');
  assert.deepEqual([unknown.status, unknown.json.code], [404, 600080]);
  for (const [over, field] of [[{ country: 'nl' }, 'country'], [{ language: 'nl_NL' }, 'language'],
    [{ companyName: ' ' }, 'companyName'], [{ signatoryEmail: undefined }, 'signatoryEmail'], [{ expiryMinutes: 4 }, 'expiryMinutes']]) {
    const r = await call('POST', '/v1/attestations/enhanced', { body: attestationBody(over) });
    assert.deepEqual([r.status, r.json.code, r.json.data[0].field], [400, 600003, field]);
  }
});

test('tokens: missing or unknown → 401, without MFA → 401 with 900421, expired → 401', async () => {
  for (const auth of [null, 'emu.not-issued']) {
    const r = await call('GET', '/v1/agreements?agreementType=*', { auth });
    assert.deepEqual([r.status, r.json.code], [401, 900401]);
    assert.match(r.headers.get('www-authenticate'), /^Bearer/);
  }
  const noMfa = await call('GET', '/v1/agreements?agreementType=*', { auth: await em.issueToken({ mfa: false }) });
  assert.deepEqual([noMfa.status, noMfa.json.code], [401, 900421]);
  const shortLived = await em.issueToken({ expiresInMs: 1000 });
  em.advanceTime(2000);
  try {
    assert.equal((await call('GET', '/v1/agreements?agreementType=*', { auth: shortLived })).status, 401);
  } finally { em.advanceTime(-2000); }
});

test('MS-RequestId and MS-CorrelationId are echoed on the answer', async () => {
  const r = await call('GET', '/v1/agreements?agreementType=*', { headers: { 'ms-requestid': 'r-1', 'ms-correlationid': 'c-1' } });
  assert.equal(r.headers.get('ms-requestid'), 'r-1');
  assert.equal(r.headers.get('ms-correlationid'), 'c-1');
});

test('unknown paths answer 404, a wrong method 405 with Allow', async () => {
  assert.equal((await call('GET', '/v1/users')).status, 404);
  assert.equal((await call('GET', `/v1/customers/${C.scenario1}/orders`)).status, 404);
  const r = await call('DELETE', `/v1/customers/${C.scenario1}/agreements`);
  assert.equal(r.status, 405);
  assert.equal(r.headers.get('allow'), 'GET, POST');
});

test('a retried POST with the same MS-RequestId is replayed, not stored again', async () => {
  const replay = await startEmulator({ port: 0 });
  try {
    const t = await replay.issueToken();
    const post = () => fetch(`${replay.url}/v1/customers/${C.scenario1}/agreements`, { method: 'POST',
      headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json', 'ms-requestid': 'aaaaaaaa-0000-4000-8000-000000000001' },
      body: JSON.stringify(confirmation()) });
    const [a, b] = [await post(), await post()];
    assert.deepEqual([a.status, b.status], [201, 201], 'the replay answers what the first answered');
    assert.deepEqual(await b.json(), await a.json());
    assert.deepEqual(replay.stats(), { requests: 2, posts: { [C.scenario1]: 1 },
      postsByRequestId: { 'aaaaaaaa-0000-4000-8000-000000000001': 2 }, attestations: 0, faults: {}, throttled: 0,
      tokenRequests: 0 });
    assert.equal(replay.customer(C.scenario1).agreements.length, 1);
    assert.deepEqual(replay.requests().map((r) => r.replayed), [false, true]);
  } finally { await replay.close(); }
});

test('rate limit per partner: 429 with Retry-After and the throttling body; another partner is not throttled', async () => {
  const limited = await startEmulator({ port: 0, rateLimit: { perMinute: 2, windowMs: 1000 } });
  try {
    const a = await limited.issueToken({ partnerId: 'a' });
    const b = await limited.issueToken({ partnerId: 'b' });
    const get = (t) => fetch(`${limited.url}/v1/agreements?agreementType=*`, { headers: { authorization: `Bearer ${t}` } });
    assert.deepEqual([(await get(a)).status, (await get(a)).status], [200, 200]);
    const third = await get(a);
    assert.equal(third.status, 429);
    assert.equal(third.headers.get('retry-after'), '1');
    assert.deepEqual(await third.json(), { statusCode: 429, message: 'Rate limit is exceeded. Try again in 1 seconds.' });
    assert.equal((await get(b)).status, 200);
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal((await get(a)).status, 200, 'answered again after the advertised wait');
  } finally { await limited.close(); }
});

test('fault injection is deterministic with the seed and gives each kind its answer', async () => {
  async function run(seed) {
    const faulty = await startEmulator({ port: 0, faults: { rate: 0.5, kinds: ['500', '503', '429', '401'], seed, retryAfter: 0 } });
    try {
      const t = await faulty.issueToken();
      const statuses = [];
      for (let i = 0; i < 12; i++) {
        statuses.push((await fetch(`${faulty.url}/v1/agreements?agreementType=*`, { headers: { authorization: `Bearer ${t}` } })).status);
      }
      return statuses;
    } finally { await faulty.close(); }
  }
  const first = await run(7);
  assert.deepEqual(await run(7), first, 'same seed, same faults');
  assert.ok(first.includes(200) && first.some((s) => s !== 200), `a mix of faults and answers: ${first}`);
  assert.ok(first.every((s) => [200, 500, 503, 429, 401].includes(s)));
  assert.notDeepEqual(await run(8), first, 'another seed, other faults');
});

test('faults reset, malformed and timeout spoil delivery; setFaults(null) turns them off', async () => {
  const faulty = await startEmulator({ port: 0, faults: { rate: 1, kinds: ['reset'] } });
  try {
    const t = await faulty.issueToken();
    const get = (signal) => fetch(`${faulty.url}/v1/agreements?agreementType=*`, { headers: { authorization: `Bearer ${t}` }, signal });
    await assert.rejects(get(), TypeError, 'reset: the connection closes without an answer');
    faulty.setFaults({ rate: 1, kinds: ['malformed'] });
    const bad = await get();
    assert.equal(bad.status, 200);
    await assert.rejects(bad.json(), SyntaxError);
    faulty.setFaults({ rate: 1, kinds: ['timeout'], delayMs: 300 });
    await assert.rejects(get(AbortSignal.timeout(100)), /abort|timeout/i);
    const slow = Date.now();
    assert.equal((await get()).status, 200, 'the held answer arrives after delayMs');
    assert.ok(Date.now() - slow >= 250);
    faulty.setFaults(null);
    assert.equal((await get()).status, 200);
  } finally { await faulty.close(); }
});

test('stats counts Partner Center requests, not the /_emulator/ hooks', async () => {
  const counted = await startEmulator({ port: 0 });
  try {
    await fetch(`${counted.url}/v1/agreements`);
    await fetch(`${counted.url}/_emulator/stats`);
    assert.equal(counted.stats().requests, 1);
    assert.equal((await (await fetch(`${counted.url}/_emulator/stats`)).json()).requests, 1);
  } finally { await counted.close(); }
});

test('the emulator runs on its own and prints its URL', async () => {
  const child = spawn(process.execPath, [new URL('../../emulator/index.js', import.meta.url).pathname, '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const line = await new Promise((resolve, reject) => {
      child.stdout.once('data', (d) => resolve(String(d)));
      child.once('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0];
    assert.ok(url, line);
    assert.equal((await fetch(`${url}/v1/agreements`)).status, 401, 'it answers, and wants a token');
  } finally { child.kill('SIGTERM'); }
});

test('docs/emulator.md lists every assumed status or code of the emulator', async () => {
  const readme = await readFile(new URL('../../docs/emulator.md', import.meta.url), 'utf8');
  for (const [name, row] of Object.entries(ERRORS)) {
    if (!row.assumed) continue;
    assert.match(readme, new RegExp(`\\| \`${name}\` \\| ${row.status} \\| ${row.code} \\|`), name);
  }
});

test('faults.once plans a fault for the n-th request (a 401 once); stats count faults per kind and rate-limit 429s', async () => {
  const em = await startEmulator({ port: 0, faults: { rate: 0, once: [{ kind: '401', at: 2 }, { kind: '503', at: 4 }] },
    rateLimit: { perMinute: 5, windowMs: 60_000 } });
  try {
    const t = await em.issueToken();
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await fetch(`${em.url}/v1/agreements?agreementType=*`, { headers: { authorization: `Bearer ${t}` } })).status);
    }
    assert.deepEqual(statuses, [200, 401, 200, 503, 200, 429]);
    assert.deepEqual([em.stats().faults, em.stats().throttled], [{ 401: 1, 503: 1 }, 1]);
    assert.throws(() => em.setFaults({ rate: 0, once: [{ kind: '401', at: 0 }] }), TypeError);
    assert.throws(() => em.setFaults({ rate: 0, once: [{ kind: '418', at: 1 }] }), TypeError);
  } finally { await em.close(); }
});

test('descriptions replace the text of an error answer (to test how a UI shows the service\'s words)', async () => {
  const words = '<img src=x onerror=alert(1)> "quoted" \u202Eevil';
  const litware = fixture.customers.find((c) => c.relationship === false).id;
  const em = await startEmulator({ port: 0, descriptions: { noRelationship: words } });
  try {
    const t = await em.issueToken();
    const r = await fetch(`${em.url}/v1/customers/${litware}/agreements?agreementType=*`, { headers: { authorization: `Bearer ${t}` } });
    const body = await r.json();
    assert.deepEqual([r.status, body.code, body.description], [403, 20002, words]);
  } finally { await em.close(); }
});
