// Every bulk row is decided by core.detectScenario from what Partner Center
// holds and the partner's facts, in a first run and on resume alike; a
// failed write follows the core's retryable and outcome. Each case is one
// of the wrong answers the runner gave while it decided by itself:
//   - a resumed classic run took a 2022 confirmation for "already
//     confirmed" after its own POST was lost on the way (a real run,
//     killed while the emulator holds its POST);
//   - rows of a partner that cannot attest were sent;
//   - 600061 over a record that does not count ended "already confirmed";
//   - a 500 whose body says isRetryable false was retried.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, loadCore } from 'mca-attest';
import { startEmulator } from 'mca-attest/emulator';
import { runBulk } from '../../web/bulk/runner.js';
import { openJournal } from '../../web/bulk/journal.js';
import { openFileJournal } from '../../node/journal-file.js';
import { guid, seeded } from './bulk-fixtures.js';

const core = await loadCore();
const BIN = fileURLToPath(new URL('../../bin/mca-attest.js', import.meta.url));
const dir = await mkdtemp(join(tmpdir(), 'mca-decide-'));
after(() => rm(dir, { recursive: true, force: true }));
let n = 0;
const path = (name) => join(dir, `${++n}-${name}`);
const random = seeded(1414);

const { agreementType: MCA, templateId: TEMPLATE } = core.domain;
const CLASSIC_HEADER = 'customerId,firstName,lastName,email,dateAgreed';
const classicRow = (id, email = 'anne@contoso.nl') => `${id},Anne,de Vries,${email},2026-01-20T09:30:00Z`;
const ENHANCED_HEADER = 'customerId,companyName,country,language,signatoryFirstName,signatoryLastName,signatoryEmail';
const enhancedRow = (id) => `${id},Contoso,NL,nl-NL,Anne,de Vries,anne@contoso.nl`;
/** A confirmation from 2022: before the refresh cut-off, it does not count. */
const from2022 = (email) => ({ type: MCA, templateId: TEMPLATE, dateAgreed: '2022-11-03T14:00:00Z',
  agreementLink: 'https://aka.ms/customeragreement', primaryContact: { firstName: 'Piet', lastName: 'Jansen', email } });

async function setup(customers) {
  const em = await startEmulator({ port: 0, customers });
  // both kinds: App+User for the reads, App-only for the enhanced writes
  const token = { user: await em.issueToken(), app: await em.issueToken({ kind: 'app' }) };
  return { em, token, client: createClient({ baseUrl: em.url, getToken: ({ kind }) => token[kind], core }) };
}

function memoryJournal() {
  const records = [];
  return openJournal({ load: async () => ({ records: records.slice(), torn: null }),
    append: async (r) => { records.push(r); }, close: async () => {} });
}

/** The command as a child process: { code, signal, stdout, stderr, child }. */
function cli(args, token, onChild = () => {}) {
  return new Promise((done) => {
    const env = { ...process.env, MCA_TOKEN: token.user, MCA_APP_TOKEN: token.app };
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
    onChild(child);
  });
}

test('a classic run killed while its POST is held resumes and confirms a customer whose only record is from 2022', async () => {
  const id = guid(random);
  const { em, token } = await setup([{ id, directSigned: false, agreements: [from2022('piet@contoso.nl')] }]);
  try {
    const input = path('held.csv');
    await writeFile(input, `${CLASSIC_HEADER}\n${classicRow(id)}\n`);
    const args = ['bulk', input, '--flow', 'classic', '--base-url', em.url, '--rate-limit', '0'];
    const held = em.holdPosts();
    const killed = await cli(args, token, (child) => { held.then(() => child.kill('SIGKILL')); });
    assert.equal(killed.signal, 'SIGKILL', 'the run was killed while its POST was held');
    assert.equal(em.releasePosts(), 0, 'the held POST never arrives: its client is gone');
    assert.deepEqual(em.stats().posts, {}, 'nothing reached Partner Center');
    const journal = (await readFile(input.replace(/\.csv$/, '.journal.jsonl'), 'utf8')).trim().split('\n').map(JSON.parse);
    assert.equal(journal.at(-1).phase, 'in-flight', 'the journal holds the write in flight');

    const resumed = await cli(args, token);
    assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
    assert.match(resumed.stdout, /1 submitted, 0 already confirmed/);
    const results = await readFile(input.replace(/\.csv$/, '.results.csv'), 'utf8');
    assert.match(results, new RegExp(`${id},submitted,confirmed,`));
    const stored = em.customer(id).agreements.filter((a) => a.dateAgreed === '2026-01-20T09:30:00Z');
    assert.equal(stored.length, 1, 'the confirmation is stored, once');
    const sentWith = em.requests().filter((r) => r.method === 'POST').map((r) => r.headers['ms-requestid']);
    assert.deepEqual(sentWith, [journal.at(-1).requestId], 'resent under the MS-RequestId of the lost write');
  } finally {
    await em.close();
  }
});

test('a partner that cannot attest sends nothing: cannot-attest with its reason, in the dry run too', async () => {
  const [a, b] = [guid(random), guid(random)];
  const { em, client } = await setup([{ id: a, directSigned: false, agreements: [] },
    { id: b, directSigned: false, agreements: [] }]);
  try {
    const rows = core.parseCsv(`${ENHANCED_HEADER}\n${enhancedRow(a)}\n${enhancedRow(b)}\n`, { flow: 'enhanced' }).rows;
    for (const [partner, reason] of [[{ roles: ['AdminAgent'], indirectReseller: true }, 'indirect-reseller'],
      [{ roles: ['Reader'], indirectReseller: false }, 'role-missing']]) {
      const dry = await runBulk({ core, client, rows, partner, dryRun: true });
      assert.deepEqual(dry.rows.map((r) => [r.state, r.reason]), [['cannot-attest', reason], ['cannot-attest', reason]]);
      const run = await runBulk({ core, client, rows, partner, journal: await memoryJournal() });
      assert.equal(run.counts['cannot-attest'], 2);
      assert.equal(run.rows[0].detail, core.detectScenario({ customer: { id: a }, priorPurchases: ['offer'],
        purchase: { kind: 'new', partner: 'existing' }, agreements: [], directSigned: false, partner })
        .reasons.map((r) => core.messages[r]).join(' '), 'the detail says why, in the core\'s words');
    }
    assert.equal(em.stats().attestations, 0, 'no attestation was created');
    const allowed = await runBulk({ core, client, rows, partner: { roles: ['AdminAgent'], indirectReseller: false },
      journal: await memoryJournal() });
    assert.deepEqual(allowed.rows.map((r) => r.state), ['awaiting-acceptance', 'awaiting-acceptance']);
    await assert.rejects(runBulk({ core, client, rows, partner: 'AdminAgent' }), { code: 'bulk.invalidOption' });
  } finally {
    await em.close();
  }
});

test('the command takes --partner-roles and --indirect-reseller; exit 1 for cannot-attest; a later run decides again', async () => {
  const id = guid(random);
  const { em, token } = await setup([{ id, directSigned: false, agreements: [] }]);
  try {
    const input = path('partner.csv');
    await writeFile(input, `${ENHANCED_HEADER}\n${enhancedRow(id)}\n`);
    const base = ['bulk', input, '--base-url', em.url, '--rate-limit', '0'];
    const dry = await cli([...base, '--dry-run', '--indirect-reseller'], token);
    assert.equal(dry.code, 1, dry.stdout + dry.stderr);
    assert.match(dry.stdout, /1 cannot attest\./);
    const refused = await cli([...base, '--partner-roles', 'Reader,BillingAdmin'], token);
    assert.equal(refused.code, 1);
    assert.match(await readFile(input.replace(/\.csv$/, '.results.csv'), 'utf8'), new RegExp(`${id},cannot-attest,role-missing,`));
    assert.equal(em.stats().attestations, 0, 'nothing sent');
    const allowed = await cli([...base, '--partner-roles', 'AdminAgent'], token);
    assert.match(allowed.stdout, /awaiting acceptance/);
    assert.match(await readFile(input.replace(/\.csv$/, '.results.csv'), 'utf8'), new RegExp(`${id},awaiting-acceptance,pending,`),
      'the enhanced flow is the default; the same journal decides the row again with the facts given');
    assert.equal(em.stats().attestations, 1);
    const usage = await cli([...base, '--partner-roles', ','], token);
    assert.equal(usage.code, 2);
  } finally {
    await em.close();
  }
});

test('600061 over a confirmation of the same contact from 2022 fails with its own reason, not already-confirmed', async () => {
  const id = guid(random);
  const { em, client } = await setup([{ id, directSigned: false,
    agreements: [{ ...from2022('anne@contoso.nl'), primaryContact: { firstName: 'Anne', lastName: 'de Vries', email: 'anne@contoso.nl' } }] }]);
  try {
    const rows = core.parseCsv(`${CLASSIC_HEADER}\n${classicRow(id)}\n`, { flow: 'classic' }).rows;
    const run = await runBulk({ core, client, rows, flow: 'classic', journal: await memoryJournal() });
    const [row] = run.rows;
    assert.deepEqual([row.state, row.reason], ['failed', 'agreement.existingNotValid']);
    assert.ok(row.detail.includes(core.messages['agreement.existingNotValid.action']), 'it says to use the enhanced attestation');
    assert.equal(em.stats().posts[id], 1, 'one POST, answered 600061');
    assert.equal(em.customer(id).agreements.length, 1, 'only the 2022 record is held');
  } finally {
    await em.close();
  }
});

test('a write answered 500 with isRetryable false is not retried; the next run resends it under its own MS-RequestId', async () => {
  const id = guid(random);
  const { em, client } = await setup([{ id, directSigned: false, agreements: [] }]);
  try {
    const rows = core.parseCsv(`${CLASSIC_HEADER}\n${classicRow(id)}\n`).rows;
    const journal = await openFileJournal(path('final.journal.jsonl'));
    // Requests (the templates given): the agreements, the direct-signed status, then the POST.
    em.setFaults({ rate: 0, once: [{ kind: '500-final', at: 3 }] });
    const first = await runBulk({ core, client, rows, flow: 'classic', journal, concurrency: 1, templates: [] });
    assert.deepEqual([first.rows[0].state, first.rows[0].reason], ['failed', 'service.unavailable']);
    const posts = em.requests().filter((r) => r.method === 'POST');
    assert.equal(posts.length, 1, 'not retried: the core says it is not retryable');
    em.setFaults(null);
    const second = await runBulk({ core, client, rows, flow: 'classic', journal, concurrency: 1 });
    assert.equal(second.rows[0].state, 'submitted');
    const ids = em.requests().filter((r) => r.method === 'POST').map((r) => r.headers['ms-requestid']);
    assert.deepEqual(ids, [posts[0].headers['ms-requestid'], posts[0].headers['ms-requestid']],
      'its outcome was unknown: resent only under its own MS-RequestId');
    assert.equal(em.stats().posts[id], 1, 'stored once');
    await journal.close();
  } finally {
    await em.close();
  }
});
