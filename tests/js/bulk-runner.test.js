// The bulk runner (web/bulk/runner.js) against the real emulator over
// loopback: exact counts of a mixed 2,000-row file, a dry run that sends
// nothing, injected faults with one stored POST per customer, cancel and
// resume, and the enhanced flow over several runs.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, loadCore } from 'mca-attest';
import { startEmulator } from 'mca-attest/emulator';
import { runBulk, STATES } from '../../web/bulk/runner.js';
import { openFileJournal } from '../../node/journal-file.js';
import { createEvidenceWriter, verify } from '../../web/bulk/evidence.js';
import { mixedFile, validFile, NORTHWIND, WOODGROVE, LITWARE, UNKNOWN } from './bulk-fixtures.js';

const core = await loadCore();
const dir = await mkdtemp(join(tmpdir(), 'mca-runner-'));
after(() => rm(dir, { recursive: true, force: true }));
let n = 0;
const journalPath = () => join(dir, `run-${++n}.journal.jsonl`);

async function setup(emulatorOptions, clientOptions = {}) {
  const em = await startEmulator({ port: 0, ...emulatorOptions });
  const tokens = { user: await em.issueToken(), app: await em.issueToken({ kind: 'app' }) };
  const client = createClient({ baseUrl: em.url, getToken: ({ kind }) => tokens[kind], core, ...clientOptions });
  return { em, client };
}

/** An evidence sink in memory: the lines as a file would hold them. */
function memoryEvidence() {
  const writer = createEvidenceWriter();
  const lines = [];
  const ids = new Set();
  return { lines, has: (id) => ids.has(id),
    async append(fields) { lines.push(await writer.append(fields)); if (fields.requestId) ids.add(fields.requestId); } };
}

const byState = (run) => Object.fromEntries(STATES.map((s) => [s, run.rows.filter((r) => r.state === s).length]));
const posted = (em) => Object.values(em.stats().posts);

test('a mixed 2,000-row file ends with the exact counts; dry run first sends nothing; a second run sends nothing again', async () => {
  const file = mixedFile();
  const { em, client } = await setup({ customers: file.customers });
  try {
    const parsed = core.parseCsv(file.csv);
    const dry = await runBulk({ core, client, flow: 'classic', rows: parsed.rows, csvErrors: parsed.errors, dryRun: true, concurrency: 8 });
    const wouldSend = file.expected.submitted;
    assert.deepEqual(dry.counts, { ...file.expected, submitted: 0, skipped: file.expected.skipped + wouldSend });
    assert.equal(dry.rows.filter((r) => r.reason === 'dry-run').length, wouldSend);
    assert.deepEqual(em.stats().posts, {}, 'a dry run sends no write');

    const journal = await openFileJournal(journalPath());
    const evidence = memoryEvidence();
    const events = [];
    const run = await runBulk({ core, client, flow: 'classic', rows: parsed.rows, csvErrors: parsed.errors, journal, evidence,
      concurrency: 8, onProgress: (e) => events.push(e) });
    assert.equal(run.rows.length, 2000, 'one result per row');
    assert.deepEqual(run.counts, file.expected);
    assert.deepEqual(byState(run), file.expected, 'counts match the rows');
    assert.equal(run.complete, false, 'two rows failed');
    const row = (id) => run.rows.find((r) => r.customerId === id);
    assert.deepEqual([row(NORTHWIND).reason, row(WOODGROVE).reason], ['already-confirmed', 'direct-signed']);
    assert.deepEqual([row(LITWARE).state, row(LITWARE).reason, row(UNKNOWN).reason], ['failed', 'relationship.missing', 'resource.notFound']);
    const dup = run.rows.find((r) => r.reason === 'duplicate');
    assert.equal(dup.detail, `duplicate of line ${dup.firstLine}`);
    assert.equal(run.rows.find((r) => r.line === dup.firstLine).customerId, dup.customerId);
    assert.ok(run.rows.some((r) => r.reason === 'csv.tooManyFields'));
    const submitted = run.rows.filter((r) => r.state === 'submitted');
    assert.ok(submitted.every((r) => /^[0-9a-f-]{36}$/.test(r.requestId) && /^[0-9a-f-]{36}$/.test(r.correlationId)));
    assert.equal(posted(em).length, file.expected.submitted);
    assert.ok(posted(em).every((count) => count === 1), 'one stored POST per customer');
    assert.equal(evidence.lines.length, file.expected.submitted, 'one evidence record per confirmation');
    assert.deepEqual(Object.keys(JSON.parse(evidence.lines[0])).sort(), ['correlationId', 'customerId', 'documentLink',
      'flow', 'hash', 'index', 'line', 'payload', 'prev', 'reason', 'requestId', 'response', 'state', 'step', 'templateId',
      'time'].filter((k) => k !== 'reason'));
    assert.equal((await verify(evidence.lines.join(''))).ok, true);
    assert.deepEqual([events[0].type, events.at(-1).type, events.at(-1).done], ['start', 'done', 2000]);
    assert.ok(events.some((e) => e.type === 'progress' && e.etaMs !== null && e.rowsPerSecond > 0));

    const requestsBefore = em.stats().requests;
    const again = await runBulk({ core, client, flow: 'classic', rows: parsed.rows, csvErrors: parsed.errors, journal, concurrency: 8 });
    assert.deepEqual(again.counts, file.expected, 'the resumed run keeps every settled row');
    assert.equal(em.stats().requests - requestsBefore, 1 + 2 * 2, 'templates once, and only the two failed rows read again');
    assert.ok(posted(em).every((count) => count === 1));
    await journal.close();
  } finally { await em.close(); }
});

test('with injected 429, 5xx, timeouts, resets and cut bodies every row ends in one state and each customer is stored once', async () => {
  const file = validFile({ rows: 150, seed: 11 });
  const { em, client } = await setup({ customers: file.customers,
    faults: { rate: 0.25, kinds: ['429', '500', '503', 'timeout', 'reset', 'malformed'], seed: 5, delayMs: 300, retryAfter: 0.05 } },
  { timeoutMs: 120, maxRetries: 2 });
  try {
    const rows = core.parseCsv(file.csv).rows;
    const journal = await openFileJournal(journalPath());
    const run = await runBulk({ core, client, flow: 'classic', rows, journal, concurrency: 6, rowRetries: 1 });
    assert.equal(run.rows.length, 150);
    assert.ok(run.rows.every((r) => ['submitted', 'failed'].includes(r.state)), 'each row in exactly one state');
    const faults = em.requests().filter((r) => r.fault).map((r) => r.fault);
    assert.ok(new Set(faults).size >= 5, `faults injected: ${[...new Set(faults)]}`);
    assert.ok(posted(em).every((count) => count === 1), 'no customer stored twice');
    assert.ok(em.requests().some((r) => r.replayed), 'a lost answer was replayed under its MS-RequestId');
    em.setFaults(null);
    const resumed = await runBulk({ core, client, flow: 'classic', rows, journal, concurrency: 6 });
    assert.deepEqual(resumed.counts.submitted, 150, 'the resumed run finishes the failed rows');
    assert.deepEqual(Object.keys(em.stats().posts).sort(), [...file.ids].sort());
    assert.ok(posted(em).every((count) => count === 1), 'exactly one stored POST per customer');
    await journal.close();
  } finally { await em.close(); }
});

test('a cancelled run leaves its rows resumable: the rest end "failed/cancelled", the next run completes them once', async () => {
  const file = validFile({ rows: 120, seed: 12 });
  const { em, client } = await setup({ customers: file.customers });
  try {
    const rows = core.parseCsv(file.csv).rows;
    const journal = await openFileJournal(journalPath());
    const controller = new AbortController();
    const run = await runBulk({ core, client, flow: 'classic', rows, journal, concurrency: 4, signal: controller.signal, progressIntervalMs: 0,
      onProgress: (e) => { if (e.counts.submitted >= 30) controller.abort(); } });
    assert.equal(run.cancelled, true);
    assert.ok(run.counts.submitted >= 30 && run.counts.submitted < 120);
    assert.equal(run.counts.failed, 120 - run.counts.submitted);
    assert.ok(run.rows.filter((r) => r.state === 'failed').every((r) => r.reason === 'cancelled'));
    const resumed = await runBulk({ core, client, flow: 'classic', rows, journal, concurrency: 4 });
    assert.equal(resumed.counts.submitted, 120);
    assert.equal(posted(em).length, 120);
    assert.ok(posted(em).every((count) => count === 1));
    await journal.close();
  } finally { await em.close(); }
});

test('enhanced flow: links first; the next run creates the accepted ones, keeps the pending, fails the expired; then new links', async () => {
  const file = validFile({ rows: 30, seed: 13, flow: 'enhanced' });
  const { em, client } = await setup({ customers: file.customers });
  try {
    const rows = core.parseCsv(file.csv, { flow: 'enhanced' }).rows;
    const journal = await openFileJournal(journalPath());
    const evidence = memoryEvidence();
    const first = await runBulk({ core, client, rows, flow: 'enhanced', journal, evidence, concurrency: 4 });
    assert.deepEqual([first.counts['awaiting-acceptance'], first.complete], [30, false]);
    assert.equal(em.stats().attestations, 30, 'one attestation per customer');
    for (const r of first.rows) assert.equal(r.link, `${core.domain.acceptanceLink}${r.attestationId}`);
    const [accepted, expired] = [first.rows.slice(0, 10), first.rows.slice(10, 15)];
    accepted.forEach((r) => em.acceptAttestation(r.attestationId));
    expired.forEach((r) => em.expireAttestation(r.attestationId));

    const second = await runBulk({ core, client, rows, flow: 'enhanced', journal, evidence, concurrency: 4 });
    assert.deepEqual([second.counts.submitted, second.counts.failed, second.counts['awaiting-acceptance']], [10, 5, 15]);
    const got = (r) => second.rows.find((x) => x.line === r.line);
    assert.ok(accepted.every((r) => got(r).state === 'submitted' && got(r).attestationId === r.attestationId));
    assert.ok(expired.every((r) => got(r).state === 'failed' && got(r).reason === 'expired'));
    assert.deepEqual(Object.keys(em.stats().posts).sort(), accepted.map((r) => r.customerId).sort());
    assert.equal(em.customer(accepted[0].customerId).agreements[0].attestationId, accepted[0].attestationId);

    const third = await runBulk({ core, client, rows, flow: 'enhanced', journal, evidence, concurrency: 4 });
    assert.deepEqual([third.counts.submitted, third.counts['awaiting-acceptance']], [10, 20]);
    assert.ok(expired.every((r) => third.rows.find((x) => x.line === r.line).attestationId !== r.attestationId),
      'an expired row gets a new attestation and link');
    assert.equal(em.stats().attestations, 35);
    assert.ok(posted(em).every((count) => count === 1));
    const records = evidence.lines.map((l) => JSON.parse(l));
    assert.deepEqual([records.filter((r) => r.step === 'attestation').length, records.filter((r) => r.step === 'agreement').length], [35, 10]);
    assert.equal((await verify(evidence.lines.join(''))).ok, true);
    await assert.rejects(runBulk({ core, client, rows, flow: 'classic', journal }), { code: 'bulk.flowMismatch' });
    await journal.close();
  } finally { await em.close(); }
});
