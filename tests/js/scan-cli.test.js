// mca-attest scan as a child process against the emulator in this test
// process: the Excel-safe CSV, filled in and given to bulk --flow enhanced,
// puts every row in awaiting-acceptance with its link; exit statuses; the
// list ending early still writes what was read.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, fixture } from 'mca-attest/emulator';
import { loadCore } from 'mca-attest';
import { resultsCsv } from '../../web/bulk/results.js';

const BIN = fileURLToPath(new URL('../../bin/mca-attest.js', import.meta.url));
const dir = await mkdtemp(join(tmpdir(), 'mca-scan-'));
const core = await loadCore();
const opened = [];
after(async () => { await Promise.all(opened.map((em) => em.close())); await rm(dir, { recursive: true, force: true }); });
let n = 0;
const path = (name) => join(dir, `${++n}-${name}`);

function cli(args, { token, env: extra = {} } = {}) {
  return new Promise((done) => {
    const env = { ...process.env, ...extra };
    delete env.MCA_TOKEN;
    delete env.MCA_APP_TOKEN;
    if (token?.user) env.MCA_TOKEN = token.user;
    if (token?.app) env.MCA_APP_TOKEN = token.app;
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

async function emulator(options = {}) {
  const em = await startEmulator({ port: 0, ...options });
  opened.push(em);
  return { em, token: { user: await em.issueToken(), app: await em.issueToken({ kind: 'app' }) } };
}

const SIGNATORY = { signatoryFirstName: 'Anne', signatoryLastName: 'de Vries', signatoryEmail: 'anne@example.com',
  signatoryPhoneNumber: '' };

test('scan CSV, filled in, is an input of bulk --flow enhanced: every row awaiting acceptance with its link', async () => {
  const { em, token } = await emulator({ generate: { count: 40, seed: 11 } });
  const out = path('portfolio.csv');
  const scan = await cli(['scan', '--base-url', em.url, '--out', out, '--partner-roles', 'AdminAgent', '--separator', ';'], { token });
  assert.equal(scan.code, 0, scan.stderr);
  assert.match(scan.stderr, /40\/40 customers/);
  const bytes = await readFile(out);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 BOM for Excel');
  const parsed = core.parseCsv(bytes, { flow: 'enhanced' });
  assert.equal(parsed.separator, ';');
  assert.equal(parsed.rows.length, 40);
  for (const column of ['customerId', 'companyName', 'country', 'language', 'signatoryFirstName', 'signatoryEmail']) {
    assert.ok(parsed.columns.includes(column), column);
  }
  const toAttest = parsed.rows.filter((r) => r.action === 'attest');
  assert.ok(toAttest.length >= 5, `${toAttest.length} to attest`);
  const filled = path('filled.csv');
  const columns = parsed.columns;
  await writeFile(filled, resultsCsv(toAttest.map((r) => ({ ...r, ...SIGNATORY })), { separator: ';', columns }));
  const bulk = await cli(['bulk', filled, '--base-url', em.url, '--flow', 'enhanced'], { token });
  assert.equal(bulk.code, 1, bulk.stderr);               // unfinished: customers have not accepted yet
  const results = core.parseCsv(await readFile(filled.replace(/\.csv$/, '.results.csv')));
  assert.equal(results.rows.length, toAttest.length);
  for (const row of results.rows) {
    assert.equal(row.state, 'awaiting-acceptance', `${row.customerId}: ${row.reason} ${row.detail}`);
    assert.match(row.link, /^https:\/\/cdn\.partner\.microsoft\.com\/mca\/\?attestationid=[0-9a-f-]{36}$/);
  }
  assert.equal(em.stats().attestations, toAttest.length);
});

test('formula cells are neutralised; standard output without --out; a scan never writes', async () => {
  const customers = [{ ...fixture.customers[0], companyName: '=HYPERLINK("http://x.example")' }, fixture.customers[2]];
  const { em, token } = await emulator({ customers });
  const all = await cli(['scan', '--base-url', em.url], { token });
  assert.equal(all.code, 0, all.stderr);
  assert.match(all.stdout, /'=HYPERLINK/, 'a formula cell starts with an apostrophe');
  assert.equal(core.parseCsv(all.stdout).rows.length, 2);
  assert.equal(em.stats().attestations, 0);
  assert.deepEqual(em.stats().posts, {});
});

test('--status keeps one status: the customers needing an attestation, the ones a pending attestation waits for', async () => {
  const { em, token } = await emulator({ generate: { count: 30, seed: 12 } });
  const all = core.parseCsv((await cli(['scan', '--base-url', em.url, '--partner-roles', 'AdminAgent'], { token })).stdout).rows;
  const needing = all.filter((r) => r.status === 'needs-attestation').map((r) => r.customerId).sort();
  assert.ok(needing.length >= 3, `${needing.length} need an attestation`);
  const one = await cli(['scan', '--base-url', em.url, '--partner-roles', 'AdminAgent', '--status', 'needs-attestation'], { token });
  assert.equal(one.code, 0, one.stderr);
  assert.deepEqual(core.parseCsv(one.stdout).rows.map((r) => r.customerId).sort(), needing);
  const none = await cli(['scan', '--base-url', em.url, '--status', 'no-such-status'], { token });
  assert.equal(none.code, 0);
  assert.match(none.stderr, /none has the status no-such-status/);

  const { openAttestationFile } = await import('mca-attest/node');
  const file = path('attestations.jsonl');
  const store = openAttestationFile(file);
  const target = all.find((r) => r.status === 'needs-attestation');
  const token2 = token.app;   // the enhanced attestation takes an App-only token
  const created = await fetch(`${em.url}/v1/attestations/enhanced`, { method: 'POST', headers: { authorization: `Bearer ${token2}`,
    'content-type': 'application/json' }, body: JSON.stringify({ country: target.country, language: target.language,
    companyName: target.companyName, signatoryFirstName: 'Anne', signatoryEmail: 'anne@example.com' }) }).then((r) => r.json());
  await store.add({ attestationId: created.id, customerId: target.customerId, link: created.acceptanceLink,
    expiresAt: created.expirationDateTime });
  const waiting = await cli(['scan', '--base-url', em.url, '--partner-roles', 'AdminAgent', '--attestations', file,
    '--status', 'awaiting-acceptance'], { token });
  assert.equal(waiting.code, 0, waiting.stderr);
  const rows = core.parseCsv(waiting.stdout).rows;
  assert.deepEqual(rows.map((r) => [r.customerId, r.link, r.expires]), [[target.customerId, created.acceptanceLink, created.expirationDateTime]]);
});

test('exit 1 when a customer could not be read (listed with its error); a retried fault costs nothing', async () => {
  const { em, token } = await emulator({ generate: { count: 30, seed: 2 } });
  em.setFaults({ rate: 0, once: [{ kind: '500', at: 3 }, { kind: '500', at: 4 }, { kind: '500', at: 5 }, { kind: '500', at: 6 },
    { kind: '500', at: 7 }, { kind: '500', at: 8 }] });
  const r = await cli(['scan', '--base-url', em.url, '--concurrency', '1'], { token });
  assert.equal(r.code, 1, r.stderr);
  const rows = core.parseCsv(r.stdout).rows;
  assert.equal(rows.length, 30, 'every customer listed, also the one not read');
  const failed = rows.filter((row) => row.error);
  assert.equal(failed.length, 1);
  assert.ok(failed[0].error.length > 10, failed[0].error);
  assert.match(r.stderr, /1 could not be read/);
  em.setFaults(null);
  em.setFaults({ rate: 0, once: [{ kind: 'malformed', at: 1 }] });
  const early = await cli(['scan', '--base-url', em.url, '--concurrency', '1', '--timeout-ms', '1000'], { token });
  assert.equal(early.code, 0, early.stderr);            // a malformed answer is retried like any read
});

test('usage errors exit 2; a file that cannot be written exits 2', async () => {
  for (const [args, message] of [
    [['scan'], /scan needs --base-url/],
    [['scan', '--base-url', 'http://127.0.0.1:9', '--separator', '|'], /--separator must be/],
    [['scan', '--base-url', 'http://127.0.0.1:9', '--concurrency', '0'], /--concurrency must be 1 to 64/],
    [['scan', '--base-url', 'http://127.0.0.1:9', '--partner-roles', ','], /--partner-roles needs role names/],
    [['scan', 'file.csv', '--base-url', 'http://127.0.0.1:9'], /scan takes no file argument/],
  ]) {
    const r = await cli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, message);
  }
  const { em, token } = await emulator();
  const r = await cli(['scan', '--base-url', em.url, '--out', join(dir, 'no-such-dir', 'x.csv')], { token });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /cannot write/);
});

test('--attestations without an App-only token stops before sending anything (exit 2)', async () => {
  const { em, token } = await emulator({ generate: { count: 3, seed: 13 } });
  const r = await cli(['scan', '--base-url', em.url, '--attestations', path('none.jsonl')], { token: { user: token.user } });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /the scan's getAttestation take an App-only token: set MCA_APP_TOKEN, or MCA_TENANT_ID, MCA_CLIENT_ID and MCA_CLIENT_SECRET .*Nothing was sent\./);
  assert.equal(em.stats().requests, 0);
});

test('only an App-only token: the scan names the App+User token its reads take, before sending anything', async () => {
  const { em, token } = await emulator({ generate: { count: 3, seed: 13 } });
  const r = await cli(['scan', '--base-url', em.url], { token: { app: token.app } });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /the scan's .*getCustomerAgreements, getDirectSignedStatus take an App\+User token: set MCA_TOKEN\. Nothing was sent\./);
  assert.equal(em.stats().requests, 0);
});

test('--attestations with the app registration: MSAL gets the App-only token for the status reads', async () => {
  const { em, token } = await emulator({ generate: { count: 4, seed: 14 } });
  const all = core.parseCsv((await cli(['scan', '--base-url', em.url, '--partner-roles', 'AdminAgent'], { token })).stdout).rows;
  const target = all.find((r) => r.status === 'needs-attestation');
  assert.ok(target, 'a customer needing an attestation');
  const created = await fetch(`${em.url}/v1/attestations/enhanced`, { method: 'POST', headers: { authorization: `Bearer ${token.app}`,
    'content-type': 'application/json' }, body: JSON.stringify({ country: target.country, language: target.language,
    companyName: target.companyName, signatoryFirstName: 'Anne', signatoryEmail: 'anne@example.com' }) }).then((r) => r.json());
  const { openAttestationFile } = await import('mca-attest/node');
  const file = path('attestations-msal.jsonl');
  await openAttestationFile(file).add({ attestationId: created.id, customerId: target.customerId, link: created.acceptanceLink,
    expiresAt: created.expirationDateTime });
  const before = em.stats().tokenRequests;
  const r = await cli(['scan', '--base-url', em.url, '--partner-roles', 'AdminAgent', '--attestations', file,
    '--status', 'awaiting-acceptance'], { token: { user: token.user }, env: { MCA_TENANT_ID: em.identity.tenantId,
    MCA_CLIENT_ID: em.identity.clientId, MCA_CLIENT_SECRET: em.identity.clientSecret, MCA_AUTHORITY_HOST: em.url } });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(core.parseCsv(r.stdout).rows.map((row) => row.customerId), [target.customerId]);
  assert.equal(em.stats().tokenRequests - before, 1, 'one client-credentials request for the whole scan');
  assert.ok(!r.stderr.includes(em.identity.clientSecret) && !r.stdout.includes(em.identity.clientSecret));
});
