// mca-attest bulk --flow enhanced --watch: the run keeps following the rows
// that await their customers and records each agreement as soon as its
// customer accepts (once), until no row awaits; an expired link ends its row
// failed; Ctrl-C leaves the run resumable; usage errors.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from 'mca-attest/emulator';
import { loadCore } from 'mca-attest';
import { validFile } from './bulk-fixtures.js';

const BIN = fileURLToPath(new URL('../../bin/mca-attest.js', import.meta.url));
const dir = await mkdtemp(join(tmpdir(), 'mca-watch-'));
const core = await loadCore();
const opened = [];
const children = [];
// a run still going when a test failed or timed out is stopped, so the file ends
after(async () => { for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await Promise.all(opened.map((em) => em.close())); await rm(dir, { recursive: true, force: true }); });
let n = 0;
const path = (name) => join(dir, `${++n}-${name}`);

/** Runs the command with both token kinds: App+User for the reads, App-only for the enhanced writes. */
function start(args, { user, app }) {
  const env = { ...process.env, MCA_TOKEN: user, MCA_APP_TOKEN: app };
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => { out.stdout += d; });
  child.stderr.on('data', (d) => { out.stderr += d; });
  const closed = new Promise((done) => child.on('close', (code, signal) => done({ code, signal, ...out })));
  return { child, out, closed };
}

async function until(check, what, ms = 60_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const value = check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function setup(rows, seed) {
  const file = validFile({ rows, seed, flow: 'enhanced' });
  const em = await startEmulator({ port: 0, customers: file.customers });
  opened.push(em);
  const input = path('enhanced.csv');
  await writeFile(input, file.csv);
  return { em, token: { user: await em.issueToken(), app: await em.issueToken({ kind: 'app' }) }, input, file };
}

const resultsOf = async (input) => core.parseCsv(await readFile(input.replace(/\.csv$/, '.results.csv'))).rows;

test('--watch records each agreement once as its customer accepts, then ends with exit 0', { timeout: 120_000 }, async () => {
  const { em, token, input, file } = await setup(3, 31);
  const run = start(['bulk', input, '--base-url', em.url, '--flow', 'enhanced', '--watch', '--interval', '1'], token);
  await until(() => em.attestations().length === 3, 'three attestations');
  await until(() => /Watching: 3 rows await/.test(run.out.stderr), 'the watch message');
  const [a, b, c] = em.attestations();
  em.acceptAttestation(a.id);
  await until(() => Object.keys(em.stats().posts).length === 1, 'the first agreement');
  em.acceptAttestation(b.id);
  em.acceptAttestation(c.id);
  const done = await run.closed;
  assert.equal(done.code, 0, done.stderr);
  const rows = await resultsOf(input);
  assert.deepEqual(rows.map((r) => r.state), ['submitted', 'submitted', 'submitted']);
  assert.deepEqual(Object.values(em.stats().posts), [1, 1, 1], 'one agreement per customer');
  assert.deepEqual(Object.keys(em.stats().posts).sort(), [...file.ids].sort());
  for (const id of file.ids) assert.equal(em.customer(id).agreements.length, 1);
});

test('--watch ends when the rest expired (failed, exit 1); Ctrl-C leaves it resumable', { timeout: 120_000 }, async () => {
  const { em, token, input } = await setup(2, 32);
  const run = start(['bulk', input, '--base-url', em.url, '--flow', 'enhanced', '--watch', '--interval', '1'], token);
  await until(() => em.attestations().length === 2, 'two attestations');
  const [a, b] = em.attestations();
  em.acceptAttestation(a.id);
  em.expireAttestation(b.id);
  const done = await run.closed;
  assert.equal(done.code, 1, done.stderr);
  const rows = await resultsOf(input);
  assert.deepEqual(rows.map((r) => [r.state, r.reason]).sort(), [['failed', 'expired'], ['submitted', 'accepted']]);

  const second = await setup(2, 33);
  const watching = start(['bulk', second.input, '--base-url', second.em.url, '--flow', 'enhanced', '--watch', '--interval', '1'],
    second.token);
  await until(() => /Watching: 2 rows await/.test(watching.out.stderr), 'the watch message');
  watching.child.kill('SIGINT');
  const stopped = await watching.closed;
  assert.equal(stopped.code, 1, stopped.stderr);
  assert.match(stopped.stdout, /run the same command again to resume/);
  for (const x of second.em.attestations()) second.em.acceptAttestation(x.id);
  const resumed = start(['bulk', second.input, '--base-url', second.em.url, '--flow', 'enhanced'], second.token);
  const again = await resumed.closed;
  assert.equal(again.code, 0, again.stderr);
  assert.equal(second.em.attestations().length, 2, 'no new attestation on resume');
  assert.deepEqual(Object.values(second.em.stats().posts), [1, 1]);
});

test('--watch usage errors exit 2', { timeout: 60_000 }, async () => {
  const { em, token, input } = await setup(1, 34);
  for (const [args, message] of [
    [['--flow', 'classic', '--watch'], /--watch follows customers accepting: it needs the enhanced flow/],
    [['--flow', 'enhanced', '--watch', '--dry-run'], /--watch and --dry-run do not go together/],
    [['--flow', 'enhanced', '--watch', '--interval', '0'], /--interval must be 1 to 86400/],
    [['--flow', 'enhanced', '--interval', '5'], /--interval goes with --watch/],
  ]) {
    const r = await start(['bulk', input, '--base-url', em.url, ...args], token).closed;
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, message);
  }
  assert.equal(em.stats().requests, 0);
});
