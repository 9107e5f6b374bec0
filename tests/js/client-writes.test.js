// The client's writes against the emulator: bodies from the core's builders,
// exactly as built; validation before sending; a POST retried after a lost
// answer stored once; the enhanced flow from attestation to agreement.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, loadCore, McaError } from 'mca-attest';
import { startEmulator, fixture } from 'mca-attest/emulator';

const core = await loadCore();
const byNote = (word) => fixture.customers.find((c) => c.note.includes(word)).id;
const SCENARIO1 = byNote('Scenario 1');
const SCENARIO2 = byNote('Scenario 2');
const contact = { firstName: 'Anne', lastName: 'de Vries', email: 'anne@contoso.nl', phoneNumber: '+31201234567',
  dateAgreed: '2026-01-20T09:30:00Z' };
const attestationInput = { customerId: SCENARIO1, companyName: 'Contoso Nederland B.V.', country: 'NL', language: 'nl-NL',
  signatoryFirstName: 'Anne', signatoryLastName: 'de Vries', signatoryEmail: 'anne@contoso.nl' };

let em;
let client;
before(async () => {
  em = await startEmulator({ port: 0 });
  const tokens = { user: await em.issueToken(), app: await em.issueToken({ kind: 'app' }) };
  client = createClient({ baseUrl: em.url, getToken: ({ kind }) => tokens[kind] });
});
after(() => em.close());

test('confirmAgreement posts the body of core.buildConfirmation as built, then 600061 for the same again', async () => {
  const stored = await client.confirmAgreement(SCENARIO2, contact);
  const [req] = em.requests().slice(-1);
  assert.equal(req.body, core.buildConfirmation({ ...contact, customerId: SCENARIO2 }).body);
  assert.equal(req.headers['content-type'], 'application/json');
  assert.equal(req.path, `/v1/customers/${SCENARIO2}/agreements`);
  assert.equal(stored.type, 'MicrosoftCustomerAgreement');
  const again = await client.confirmAgreement(SCENARIO2, contact).catch((e) => e);
  assert.ok(again instanceof McaError);
  assert.deepEqual([again.status, again.serviceCode], [409, 600061]);
});

test('confirmAgreement with invalid input throws code validation and sends nothing', async () => {
  const before = em.stats().requests;
  const error = await client.confirmAgreement(SCENARIO1, { ...contact, email: 'anne@@contoso' }).catch((e) => e);
  assert.ok(error instanceof McaError);
  assert.equal(error.code, 'validation');
  assert.ok(error.errors.some((e) => e.field === 'email'));
  assert.equal(em.stats().requests, before);
});

test('a confirmation whose answer was lost is retried with the same MS-RequestId and stored once', async () => {
  const e = await startEmulator({ port: 0, faults: { rate: 0.5, kinds: ['timeout'], seed: 7, delayMs: 2000 } }); // seed 7: the first request
  try {
    const token = await e.issueToken();
    const c = createClient({ baseUrl: e.url, getToken: () => token, timeoutMs: 150 });
    const stored = await c.confirmAgreement(SCENARIO1, contact);
    assert.equal(stored.primaryContact.email, 'anne@contoso.nl');
    const reqs = e.requests();
    assert.deepEqual(reqs.map((r) => [r.fault, r.replayed]), [['timeout', false], [null, true]]);
    const requestId = reqs[0].headers['ms-requestid'];
    assert.equal(reqs[1].headers['ms-requestid'], requestId);
    assert.deepEqual(e.stats().posts, { [SCENARIO1]: 1 });
    assert.deepEqual(e.stats().postsByRequestId, { [requestId]: 2 });
    assert.equal(e.customer(SCENARIO1).agreements.length, 1);
  } finally { await e.close(); }
});

test('enhanced flow: createAttestation (body as built), waitForAttestation, createAgreementFromAttestation', async () => {
  const attestation = await client.createAttestation(attestationInput);
  assert.equal(em.requests().at(-1).body, core.buildAttestation(attestationInput).body);
  assert.equal(attestation.status, 'Pending');
  setTimeout(() => em.acceptAttestation(attestation.id), 150);
  const correlationId = '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0';
  const accepted = await client.waitForAttestation(attestation.id, { intervalMs: 40, correlationId });
  assert.equal(accepted.status, 'Accepted');
  const polls = em.requests().filter((r) => r.path.endsWith(attestation.id));
  assert.ok(polls.length >= 2);
  assert.ok(polls.every((r) => r.headers['ms-correlationid'] === correlationId), 'one correlation id for the wait');
  const agreement = await client.createAgreementFromAttestation(SCENARIO1, attestation.id);
  assert.equal(em.requests().at(-1).body, core.buildAttestationAgreement({ attestationId: attestation.id }).body);
  assert.equal(agreement.attestationId, attestation.id);
  assert.equal(em.stats().attestations, 1);
});

test('waitForAttestation stops at Expired, and an abort ends the wait', async () => {
  const a = await client.createAttestation(attestationInput);
  setTimeout(() => em.expireAttestation(a.id), 100);
  assert.equal((await client.waitForAttestation(a.id, { intervalMs: 30 })).status, 'Expired');
  const b = await client.createAttestation(attestationInput);
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  const error = await client.waitForAttestation(b.id, { intervalMs: 30, signal: controller.signal }).catch((e) => e);
  assert.equal(error.code, 'aborted');
});

test('a retired classic confirmation surfaces the emulator\'s 600070', async () => {
  em.setClassicRetired(true);
  try {
    const error = await client.confirmAgreement(SCENARIO1, { ...contact, email: 'other@contoso.nl' }).catch((e) => e);
    assert.deepEqual([error.status, error.serviceCode], [400, 600070]);
  } finally { em.setClassicRetired(false); }
});

test('a caller-chosen requestId is sent as MS-RequestId, and a second call with it is replayed, not stored again', async () => {
  const e = await startEmulator({ port: 0 });
  try {
    const token = await e.issueToken();
    const c = createClient({ baseUrl: e.url, getToken: () => token });
    const requestId = '5a0c7e2f-9b14-4d3a-8e6f-1c2b3a4d5e6f';
    const first = await c.confirmAgreement(SCENARIO1, contact, { requestId });
    const again = await c.confirmAgreement(SCENARIO1, contact, { requestId });   // a resumed run: same id
    assert.deepEqual(again, first, 'the first answer, replayed');
    assert.deepEqual(e.requests().map((r) => [r.headers['ms-requestid'], r.replayed]), [[requestId, false], [requestId, true]]);
    assert.deepEqual(e.stats().posts, { [SCENARIO1]: 1 });
    const bad = await c.getAttestation('x', { requestId: 'not-a-guid' }).catch((err) => err);
    assert.ok(bad instanceof McaError);
    assert.equal(bad.code, 'client.invalidRequestId');
    assert.equal(e.requests().length, 2, 'an invalid requestId sends nothing');
  } finally { await e.close(); }
});
