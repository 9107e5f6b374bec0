// The attestation store: records in memory and in a JSON-lines file, the
// customer's pending one, step 3 at most once however many callers race,
// and the scan telling the customers already asked (awaiting-acceptance).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, fixture } from 'mca-attest/emulator';
import { loadCore, createClient, scanPortfolio, createAttestationStore, memoryAttestationBackend } from 'mca-attest';
import { openAttestationFile } from 'mca-attest/node';

const core = await loadCore();
const dir = await mkdtemp(join(tmpdir(), 'mca-store-'));
const opened = [];
after(async () => { await Promise.all(opened.map((em) => em.close())); await rm(dir, { recursive: true, force: true }); });
const CONTOSO = fixture.customers[0];
const ADMIN = { roles: ['AdminAgent'], indirectReseller: false };
const VALUES = { companyName: CONTOSO.companyName, country: 'NL', language: 'nl-NL', signatoryFirstName: 'Anne',
  signatoryLastName: 'de Vries', signatoryEmail: 'anne@contoso.nl' };

test('records are kept, the newest pending one is found per customer, bad records are refused', async () => {
  const store = createAttestationStore(memoryAttestationBackend());
  await store.add({ attestationId: 'A1', customerId: CONTOSO.id.toUpperCase(), link: 'https://x/1', createdAt: '2026-01-01T00:00:00Z' });
  await store.add({ attestationId: 'a2', customerId: CONTOSO.id, link: 'https://x/2', createdAt: '2026-01-02T00:00:00Z',
    values: VALUES });
  assert.equal((await store.pendingFor(CONTOSO.id)).attestationId, 'a2');
  await store.expire('a2');
  assert.equal((await store.pendingFor(CONTOSO.id)).attestationId, 'a1');
  assert.equal(await store.pendingFor(fixture.customers[1].id), null);
  assert.deepEqual((await store.list()).map((r) => [r.attestationId, r.state]), [['a2', 'expired'], ['a1', 'pending']]);
  assert.deepEqual((await store.get('a2')).values, VALUES);
  await assert.rejects(store.add({ attestationId: 'a3', customerId: CONTOSO.id }), (e) => e.code === 'store.invalidRecord');
});

test('recordOnce runs step 3 once, however many callers race for it', async () => {
  const store = createAttestationStore();
  await store.add({ attestationId: 'a1', customerId: CONTOSO.id, link: 'https://x/1' });
  let calls = 0;
  const step3 = async () => { calls += 1; await new Promise((r) => setTimeout(r, 20)); return { attestationId: 'a1' }; };
  const results = await Promise.all(Array.from({ length: 5 }, () => store.recordOnce('a1', step3)));
  assert.equal(calls, 1);
  assert.deepEqual(results.map((r) => r.recorded), [true, false, false, false, false]);
  assert.equal((await store.get('a1')).state, 'recorded');
  assert.equal(await store.pendingFor(CONTOSO.id), null);
  await assert.rejects(store.recordOnce('nope', step3), (e) => e.code === 'store.notFound');
  const failing = createAttestationStore();
  await failing.add({ attestationId: 'b1', customerId: CONTOSO.id, link: 'https://x/b' });
  await assert.rejects(failing.recordOnce('b1', async () => { throw new Error('network'); }), /network/);
  assert.equal((await failing.get('b1')).state, 'pending', 'a failed step 3 leaves it pending, to try again');
});

test('the JSON-lines file keeps every change durably; two stores on one file see each other; a torn line is ignored', async () => {
  const path = join(dir, 'attestations.jsonl');
  const a = openAttestationFile(path);
  const b = openAttestationFile(path);
  await a.add({ attestationId: 'f1', customerId: CONTOSO.id, link: 'https://x/f1', values: VALUES });
  assert.equal((await b.pendingFor(CONTOSO.id)).attestationId, 'f1');
  await b.recordOnce('f1', async () => ({ attestationId: 'f1' }));
  assert.equal((await a.get('f1')).state, 'recorded');
  await appendFile(path, '{"attestationId":"f2","custo');
  assert.equal((await a.list()).length, 1);
  const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
  assert.equal(lines.length, 3);
});

test('the scan shows the customers already asked: awaiting-acceptance with the link while Pending', async () => {
  const em = await startEmulator({ port: 0 });
  opened.push(em);
  const tokens = { user: await em.issueToken(), app: await em.issueToken({ kind: 'app' }) };
  const client = createClient({ baseUrl: em.url, core, getToken: async ({ kind }) => tokens[kind] });
  const created = await client.createAttestation({ ...VALUES, customerId: CONTOSO.id });
  const store = createAttestationStore();
  await store.add({ attestationId: created.id, customerId: CONTOSO.id, link: created.acceptanceLink,
    expiresAt: created.expirationDateTime, values: VALUES });
  const scan = async () => {
    const out = new Map();
    for await (const e of scanPortfolio({ core, client, partner: ADMIN, store })) out.set(e.customerId, e);
    return out;
  };
  let entries = await scan();
  const contoso = entries.get(CONTOSO.id);
  const expected = core.detectScenario({ customer: { id: CONTOSO.id, isNew: false }, priorPurchases: ['offer'],
    purchase: { kind: 'new', partner: 'existing' }, agreements: [], directSigned: false, partner: ADMIN,
    attestation: { status: 'Pending' } });
  assert.equal(expected.status, 'awaiting-acceptance');
  assert.equal(contoso.status, expected.status);
  assert.deepEqual(contoso.reasons, expected.reasons);
  assert.deepEqual(contoso.pending, { attestationId: created.id, link: created.acceptanceLink,
    expiresAt: created.expirationDateTime, status: 'Pending' });
  assert.equal(entries.get(fixture.customers[1].id).status, 'needs-attestation');
  assert.equal(entries.get(fixture.customers[1].id).pending, null);
  em.expireAttestation(created.id);
  entries = await scan();
  assert.equal(entries.get(CONTOSO.id).status, 'needs-attestation', 'an expired link asks for a new one');
  assert.equal(entries.get(CONTOSO.id).pending.status, 'Expired');
  assert.equal(em.stats().attestations, 1, 'the scan sent nothing');
  assert.throws(() => scanPortfolio({ core, client, store: {} }), (e) => e.code === 'scan.invalidOptions');
});

test('a bulk run\'s awaiting rows are kept with their input; a row it recorded is marked recorded', async () => {
  const { keepBulkAttestations } = await import('../../web/element/pending.js');
  const store = createAttestationStore();
  const inputs = [{ _line: 2, customerId: CONTOSO.id, ...VALUES }, { _line: 3, customerId: fixture.customers[1].id, ...VALUES }];
  await keepBulkAttestations(store, [
    { line: 2, customerId: CONTOSO.id, state: 'awaiting-acceptance', attestationId: 'b1', link: 'https://x/b1' },
    { line: 3, customerId: fixture.customers[1].id, state: 'invalid' },
  ], inputs);
  const kept = await store.pendingFor(CONTOSO.id);
  assert.equal(kept.attestationId, 'b1');
  assert.deepEqual(kept.values, { customerId: CONTOSO.id, ...VALUES });
  await keepBulkAttestations(store, [{ line: 2, customerId: CONTOSO.id, state: 'submitted', attestationId: 'b1', link: 'https://x/b1' }], inputs);
  assert.equal((await store.get('b1')).state, 'recorded');
  assert.equal((await store.list()).length, 1);
});
