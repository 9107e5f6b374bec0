// The fault suite: 1,000-row classic bulk runs against the emulator with one
// request in five failing (429 with Retry-After, 500, 503, timeouts, reset
// connections, cut bodies) plus a 401 once and a real rate limit with a short
// window. First through runBulk, then through the mca-attest command killed
// with SIGKILL ten times at seeded random moments and resumed. Each ends with
// every row in one final state and every customer stored exactly once; the
// figures are printed as test diagnostics.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, loadCore } from 'mca-attest';
import { startEmulator } from 'mca-attest/emulator';
import { runBulk, STATES } from '../../web/bulk/runner.js';
import { createEvidenceWriter, verify } from '../../web/bulk/evidence.js';
import { seeded, validFile } from './bulk-fixtures.js';

const BIN = fileURLToPath(new URL('../../bin/mca-attest.js', import.meta.url));
const core = await loadCore();
const dir = await mkdtemp(join(tmpdir(), 'mca-faults-'));
after(() => rm(dir, { recursive: true, force: true }));

const ROWS = 1000;
const CONCURRENCY = 16;
setMaxListeners(10 + CONCURRENCY * 4);   // rows in flight each listen to the run's signal (as bin/cli.js allows)
const KINDS = ['429', '500', '503', 'timeout', 'reset', 'malformed'];
/** 20 % of requests fail; an injected 429 says Retry-After: 0 (the real limit below says 1 s and more). */
const faults = (seed, at401) => ({ rate: 0.2, kinds: KINDS, seed, delayMs: 300, retryAfter: 0, once: [{ kind: '401', at: at401 }] });
const RATE_LIMIT = { perMinute: 300, windowMs: 500 };

/** What the emulator saw: stored POSTs per customer and per MS-RequestId, checked and summarised. */
function postFigures(em, ids) {
  const { posts, postsByRequestId, faults: injected, requests, throttled } = em.stats();
  assert.deepEqual(Object.keys(posts).sort(), [...ids].sort(), 'every customer has a stored POST');
  const duplicates = Object.values(posts).filter((n) => n !== 1).length;
  assert.equal(duplicates, 0, 'no customer has more than one stored POST');
  const resent = Object.values(postsByRequestId).filter((n) => n > 1);
  return { requests, injected, throttled, duplicates, requestIds: Object.keys(postsByRequestId).length,
    resentIds: resent.length, maxPerId: Math.max(...Object.values(postsByRequestId)) };
}

const describeFaults = (injected) => Object.entries(injected).sort().map(([k, n]) => `${k}: ${n}`).join(', ');

test(`runBulk: ${ROWS.toLocaleString('en')} rows, 20 % of requests failing and a 401 once: every row submitted once, no duplicate`, { timeout: 120_000 }, async (t) => {
  const file = validFile({ rows: ROWS, seed: 101 });
  const em = await startEmulator({ port: 0, customers: file.customers, rateLimit: RATE_LIMIT, faults: faults(1001, 700) });
  try {
    const token = await em.issueToken();
    let refreshes = 0;
    const client = createClient({ baseUrl: em.url, core, timeoutMs: 150, maxRetries: 3,
      getToken: ({ refresh }) => { if (refresh) refreshes += 1; return token; } });
    const writer = createEvidenceWriter();
    const lines = [];
    const started = Date.now();
    // the journal in memory (the default): the command's run below uses the file journal, with kills
    const run = await runBulk({ core, client, flow: 'classic', rows: core.parseCsv(file.csv).rows, concurrency: CONCURRENCY, rowRetries: 4,
      evidence: { append: async (fields) => { lines.push(await writer.append(fields)); } } });
    const seconds = (Date.now() - started) / 1000;

    assert.equal(run.rows.length, ROWS, 'one result per row');
    assert.ok(run.rows.every((r) => STATES.includes(r.state)), 'each row in one known state');
    assert.deepEqual(run.counts, { submitted: ROWS, 'already-confirmed': 0, 'cannot-attest': 0, skipped: 0, invalid: 0, failed: 0, 'awaiting-acceptance': 0 },
      'every row reached the final state submitted');
    assert.equal(run.complete, true);
    const figures = postFigures(em, file.ids);
    const { injected } = figures;
    for (const kind of KINDS) assert.ok(injected[kind] > 0, `${kind} faults were injected`);
    assert.equal(injected['401'], 1, 'one 401');
    assert.equal(refreshes, 1, 'the 401 made the client ask for a fresh token once, and the request went through');
    const ids = new Set(run.rows.map((r) => r.requestId));
    assert.equal(ids.size, ROWS, 'each row wrote under its own MS-RequestId');
    assert.ok(Object.keys(em.stats().postsByRequestId).every((id) => ids.has(id)),
      'every POST that arrived carried the MS-RequestId its row recorded: retries reused it, none was sent under a new one');
    assert.equal(lines.length, ROWS, 'one evidence record per customer');
    assert.equal((await verify(lines.join(''))).ok, true);
    const faultTotal = Object.values(injected).reduce((a, b) => a + b, 0);
    t.diagnostic(`runBulk: ${ROWS} rows in ${seconds.toFixed(1)} s, ${figures.requests} requests, ${faultTotal} faults injected `
      + `(${(100 * faultTotal / figures.requests).toFixed(1)} %; ${describeFaults(injected)}); `
      + `${figures.throttled} more 429s from the rate limit (Retry-After 1 s)`);
    t.diagnostic(`runBulk: stored POSTs ${ROWS} (1 per customer), duplicates ${figures.duplicates}; `
      + `${figures.requestIds} MS-RequestIds, ${figures.resentIds} sent again after a lost answer (at most ${figures.maxPerId} times), `
      + `each answered from the first, token refreshed ${refreshes} time`);
  } finally { await em.close(); }
});

/** Runs the command; resolves to { code, signal, stdout, stderr }; killAfterMs sends SIGKILL. */
function cli(args, { token, killAfterMs } = {}) {
  return new Promise((done) => {
    const env = { ...process.env, MCA_TOKEN: token };
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = killAfterMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (code, signal) => { clearTimeout(timer); done({ code, signal, stdout, stderr }); });
  });
}

// About 135 s on a quiet 2-core machine (eleven or more runs of the command,
// each loading the core); the timeout leaves room for a busy one.
test(`mca-attest: ${ROWS.toLocaleString('en')} rows under 20 % faults, SIGKILL at ten seeded moments, resumed: every customer stored once`, { timeout: 300_000 }, async (t) => {
  const file = validFile({ rows: ROWS, seed: 202 });
  const em = await startEmulator({ port: 0, customers: file.customers, rateLimit: RATE_LIMIT, faults: faults(2002, 900) });
  try {
    const token = await em.issueToken();
    const input = join(dir, 'killed.csv');
    await writeFile(input, file.csv);
    const args = ['bulk', input, '--flow', 'classic', '--base-url', em.url, '--concurrency', String(CONCURRENCY), '--timeout-ms', '150'];
    const random = seeded(2002);
    const moments = [];
    let killed = 0;
    const started = Date.now();
    for (let i = 0; i < 10; i++) {
      const at = 300 + Math.floor(random() * 1500);
      moments.push(at);
      const r = await cli(args, { token, killAfterMs: at });
      if (r.signal === 'SIGKILL') killed += 1;
      else assert.fail(`run ${i + 1} ended before its kill at ${at} ms: ${r.stdout}${r.stderr}`);
    }
    const storedBeforeResume = Object.keys(em.stats().posts).length;
    assert.ok(storedBeforeResume > 0, 'some rows were stored before the kills');
    let final;
    let resumes = 0;
    do {
      final = await cli(args, { token });
      resumes += 1;
    } while (final.code !== 0 && resumes < 3);
    const seconds = (Date.now() - started) / 1000;
    assert.equal(final.code, 0, `${final.stdout}${final.stderr}`);
    assert.doesNotMatch(final.stderr, /MaxListenersExceeded|memory leak/, 'no listener warning at --concurrency 16');
    assert.match(final.stdout, new RegExp(`${ROWS} rows in .*: ${ROWS} submitted, 0 already confirmed, 0 skipped, 0 invalid, 0 failed`));
    const figures = postFigures(em, file.ids);
    const results = (await readFile(input.replace(/\.csv$/, '.results.csv'), 'utf8')).replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(results.length, ROWS + 1);
    assert.ok(results.slice(1).every((l) => l.split(',')[2] === 'submitted'), 'every row of the results is submitted');
    const evidencePath = input.replace(/\.csv$/, '.evidence.jsonl');
    const evidence = (await readFile(evidencePath, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(evidence.length, ROWS, 'one evidence record per customer, none twice');
    assert.equal(new Set(evidence.map((e) => e.customerId)).size, ROWS);
    assert.equal((await cli(['verify', evidencePath])).code, 0, 'the evidence chain survived the kills');
    const journal = (await readFile(input.replace(/\.csv$/, '.journal.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    const found = journal.filter((r) => r.reason === 'confirmed-found-on-resume').length;
    const { injected } = figures;
    for (const kind of KINDS) assert.ok(injected[kind] > 0, `${kind} faults were injected`);
    assert.equal(injected['401'], 1);
    const faultTotal = Object.values(injected).reduce((a, b) => a + b, 0);
    t.diagnostic(`mca-attest: ${ROWS} rows, ${killed} SIGKILLs at ${moments.join(', ')} ms after start, then ${resumes} `
      + `run(s) to finish; ${seconds.toFixed(1)} s in all; ${storedBeforeResume} customers stored before the last run`);
    t.diagnostic(`mca-attest: ${figures.requests} requests, ${faultTotal} faults injected (${(100 * faultTotal / figures.requests).toFixed(1)} %; `
      + `${describeFaults(injected)}), ${figures.throttled} 429s from the rate limit; stored POSTs ${ROWS} (1 per customer), duplicates ${figures.duplicates}; `
      + `${figures.resentIds} MS-RequestIds sent again (at most ${figures.maxPerId} times), ${found} rows found stored on resume`);
  } finally { await em.close(); }
});
