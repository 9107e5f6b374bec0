// The mca-attest command as a child process against the emulator running in
// this test process: exit codes, the token only from MCA_TOKEN, results in
// the input's separator, verify, and ten SIGKILLs at random moments followed
// by a resume with exactly one stored POST per customer.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, fixture } from 'mca-attest/emulator';
import { seeded, validFile, NORTHWIND, LITWARE } from './bulk-fixtures.js';

const BIN = fileURLToPath(new URL('../../bin/mca-attest.js', import.meta.url));
const dir = await mkdtemp(join(tmpdir(), 'mca-cli-'));
after(() => rm(dir, { recursive: true, force: true }));
let n = 0;
const path = (name) => join(dir, `${++n}-${name}`);

/**
 * Runs the command; resolves to { code, signal, stdout, stderr }. killAfterMs
 * sends SIGKILL that long after the start; killAfter { em, delayMs } sends it
 * delayMs after the run's first write reached the emulator (so a kill lands
 * mid-run however slow the process is to start).
 */
function cli(args, { token, appToken, env: extra = {}, killAfterMs, killAfter } = {}) {
  return new Promise((done) => {
    const env = { ...process.env };
    for (const name of Object.keys(env)) if (name.startsWith('MCA_')) delete env[name];
    if (token) env.MCA_TOKEN = token;
    if (appToken) env.MCA_APP_TOKEN = appToken;
    Object.assign(env, extra);
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const kill = () => child.kill('SIGKILL');
    let timer = killAfterMs === undefined ? null : setTimeout(kill, killAfterMs);
    let poll = null;
    if (killAfter) {
      // Counted from the first write that reached the emulator: on a loaded machine
      // the reads before it can take longer than the delay.
      const posts = () => Object.values(killAfter.em.stats().postsByRequestId).reduce((a, n) => a + n, 0);
      const start = posts();
      poll = setInterval(() => {
        if (posts() > start) {
          clearInterval(poll);
          poll = null;
          timer = setTimeout(kill, killAfter.delayMs);
        }
      }, 5);
    }
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(poll);
      done({ code, signal, stdout, stderr });
    });
  });
}

async function emulator(options = {}) {
  const em = await startEmulator({ port: 0, ...options });
  return { em, token: await em.issueToken(), appToken: await em.issueToken({ kind: 'app' }) };
}

const [CONTOSO, FABRIKAM] = fixture.customers.map((c) => c.id);
const header = 'customerId;First Name;Last Name;E-mail;dateAgreed';
const row = (id, i) => `${id};Anne;de Vries;anne.${i}@contoso.nl;2026-01-20T09:30:00Z`;

test('exit 0 when every row is final and none failed; results in the input\'s ";"; evidence verifies; exit 1 on a failed row', async () => {
  const { em, token } = await emulator();
  try {
    const input = path('dutch.csv');
    await writeFile(input, `${header}\n${row(CONTOSO, 1)}\n${row(FABRIKAM, 2)}\n${row(NORTHWIND, 3)}\n${row('nope', 4)}\n`);
    const results = path('results.csv');
    const evidence = path('evidence.jsonl');
    const ok = await cli(['bulk', input, '--flow', 'classic', '--base-url', em.url, '--results', results, '--evidence', evidence], { token });
    assert.equal(ok.code, 0, ok.stderr);
    const lines = (await readFile(results, 'utf8')).replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines[0], 'line;customerId;state;reason;detail;requestId;correlationId');
    assert.deepEqual(lines.slice(1).map((l) => l.split(';').slice(0, 4).join(';')), [
      `2;${CONTOSO};submitted;confirmed`, `3;${FABRIKAM};submitted;confirmed`,
      `4;${NORTHWIND};already-confirmed;already-confirmed`, '5;nope;invalid;customerId.invalid']);
    assert.match(ok.stdout, /2 submitted, 1 already confirmed, 0 skipped, 1 invalid, 0 failed/);
    const last = /last hash ([0-9a-f]{64})/.exec(ok.stdout)[1];
    const verified = await cli(['verify', evidence, '--expected-last-hash', last]);
    assert.deepEqual([verified.code, verified.stdout.trim()], [0, `ok: 2 records, chain intact, last hash ${last}`]);
    assert.ok(!(await readFile(evidence, 'utf8')).includes(token), 'the token never reaches the evidence');
    assert.ok(!(await readFile(join(dir, `${n - 1}-results.journal.jsonl`), 'utf8')).includes(token), 'nor the journal');

    const failing = path('failing.csv');
    await writeFile(failing, `${header}\n${row(LITWARE, 1)}\n`);
    const bad = await cli(['bulk', failing, '--flow', 'classic', '--base-url', em.url], { token });
    assert.equal(bad.code, 1);
    assert.match(await readFile(failing.replace(/\.csv$/, '.results.csv'), 'utf8'), /failed;relationship\.missing/);
    assert.match(bad.stdout, /run the same command again to resume/);
  } finally { await em.close(); }
});

test('exit 2 for usage and file errors, with a clear message; --token is refused', async () => {
  const input = path('one.csv');
  await writeFile(input, `${header}\n${row(CONTOSO, 1)}\n`);
  const cases = [
    [['bulk', input, '--flow', 'classic', '--base-url', 'http://127.0.0.1:9', '--token', 'abc'], /--token is refused.*MCA_TOKEN/],
    [['bulk', input, '--base-url=http://127.0.0.1:9', '--token=abc'], /--token is refused/],
    [['bulk', input], /needs --base-url/],
    [['bulk', path('missing.csv'), '--flow', 'classic', '--base-url', 'http://127.0.0.1:9'], /cannot read .*missing\.csv: ENOENT/],
    [['bulk', input, '--base-url', 'http://127.0.0.1:9', '--flow', 'fast'], /--flow must be enhanced or classic/],
    [['bulk', input, '--flow', 'classic', '--base-url', 'http://127.0.0.1:9', '--concurrency', '0'], /--concurrency must be 1 to 64/],
    [['bulk', input, '--flow', 'classic', '--base-url', 'http://127.0.0.1:9', '--timeout-ms', '5'], /--timeout-ms must be 100 to 600000/],
    [['bulk', input, '--flow', 'classic', '--base-url', 'http://127.0.0.1:9', '--rate-limit', 'fast'], /--rate-limit must be a whole number/],
    [['bulk', input, '--flow', 'classic', '--base-url', 'http://127.0.0.1:9', '--rate-limit=-5'], /--rate-limit must be a whole number/],
    [['bulk', input, '--flow', 'classic', '--base-url', 'http://127.0.0.1:9', '--rate-window-ms', '0'], /--rate-window-ms must be/],
    [['send'], /unknown command send/],
    [['verify'], /verify needs exactly one evidence file/],
  ];
  for (const [args, message] of cases) {
    const r = await cli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
  const empty = path('empty.csv');
  await writeFile(empty, '');
  const r = await cli(['bulk', empty, '--flow', 'classic', '--base-url', 'http://127.0.0.1:9']);
  assert.deepEqual([r.code, /empty\.csv: .*\(csv\.emptyFile\)/.test(r.stderr)], [2, true], r.stderr);
  const noId = path('noid.csv');
  await writeFile(noId, 'name;email\nAnne;anne@contoso.nl\n');
  const r2 = await cli(['bulk', noId, '--flow', 'classic', '--base-url', 'http://127.0.0.1:9']);
  assert.deepEqual([r2.code, /\(csv\.noCustomerId\) The columns are name, email\./.test(r2.stderr)], [2, true], r2.stderr);
});

test('enhanced: exit 1 while customers have not accepted (unfinished), links in the results; a journal of another flow is exit 2', async () => {
  const file = validFile({ rows: 3, seed: 21, flow: 'enhanced' });
  const { em, token, appToken } = await emulator({ customers: file.customers });
  try {
    const input = path('enhanced.csv');
    await writeFile(input, file.csv);
    const userOnly = await cli(['bulk', input, '--base-url', em.url, '--flow', 'enhanced'], { token });
    assert.equal(userOnly.code, 2, userOnly.stderr);
    assert.match(userOnly.stderr, /createAttestation.* take an App-only token: set MCA_APP_TOKEN, or MCA_TENANT_ID.*Nothing was sent/s);
    assert.equal(em.stats().requests, 0, 'refused before sending anything');
    const first = await cli(['bulk', input, '--base-url', em.url, '--flow', 'enhanced'], { token, appToken });
    assert.equal(first.code, 1, first.stderr);
    const results = await readFile(input.replace(/\.csv$/, '.results.csv'), 'utf8');
    assert.equal((results.match(/awaiting-acceptance,pending,https:\/\/cdn\.partner\.microsoft\.com\/mca\/\?attestationid=[0-9a-f-]{36}/g) ?? []).length, 3);
    const other = await cli(['bulk', input, '--base-url', em.url, '--flow', 'classic'], { token });
    assert.equal(other.code, 2);
    assert.match(other.stderr, /bulk\.flowMismatch: The journal belongs to a enhanced run/);
    for (const a of em.attestations()) em.acceptAttestation(a.id);
    const done = await cli(['bulk', input, '--base-url', em.url, '--flow', 'enhanced'], { token, appToken });
    assert.equal(done.code, 0, `with both tokens the flow ends once the customers accepted: ${done.stderr}`);
    assert.match(done.stdout, /3 submitted/);
  } finally { await em.close(); }
});

test('enhanced with the app registration: MSAL gets one App-only token (secret, then certificate file)', async () => {
  const file = validFile({ rows: 3, seed: 23, flow: 'enhanced' });
  const { em, token } = await emulator({ customers: file.customers });
  try {
    const input = path('enhanced-msal.csv');
    await writeFile(input, file.csv);
    const registration = { MCA_TENANT_ID: em.identity.tenantId, MCA_CLIENT_ID: em.identity.clientId, MCA_AUTHORITY_HOST: em.url };
    const run = await cli(['bulk', input, '--base-url', em.url, '--flow', 'enhanced'],
      { token, env: { ...registration, MCA_CLIENT_SECRET: em.identity.clientSecret } });
    assert.equal(run.code, 1, run.stderr);
    assert.equal(em.stats().attestations, 3);
    assert.equal(em.stats().tokenRequests, 1, 'one client-credentials request for the whole run');
    assert.ok(!run.stderr.includes(em.identity.clientSecret) && !run.stdout.includes(em.identity.clientSecret));
    const cert = await em.createCertificate();
    const pem = path('app-cert.pem');
    await writeFile(pem, cert.certificate + cert.privateKey, { mode: 0o600 });
    const byCert = await cli(['bulk', input, '--base-url', em.url, '--flow', 'enhanced'],
      { token, env: { ...registration, MCA_CLIENT_CERTIFICATE: pem } });
    assert.equal(byCert.code, 1, byCert.stderr);
    assert.equal(em.stats().tokenRequests, 2);
    const wrong = await cli(['bulk', input, '--base-url', em.url, '--flow', 'enhanced'],
      { token, env: { ...registration, MCA_CLIENT_SECRET: 'not-the-secret' } });
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /App-only token refused: invalid_client \(AADSTS7000215\)\. Nothing was sent/);
    assert.equal(em.stats().attestations, 3, 'no new attestation');
    const half = await cli(['bulk', input, '--base-url', em.url, '--flow', 'enhanced'], { token, env: { MCA_TENANT_ID: 'x' } });
    assert.deepEqual([half.code, /MCA_TENANT_ID and MCA_CLIENT_ID are both needed/.test(half.stderr)], [2, true]);
  } finally { await em.close(); }
});

test('verify catches an edited, a removed and a reordered record (exit 1) and names the first bad line', async () => {
  const file = validFile({ rows: 4, seed: 22 });
  const { em, token } = await emulator({ customers: file.customers });
  const input = path('four.csv');
  await writeFile(input, file.csv);
  const evidence = path('four.evidence.jsonl');
  try {
    assert.equal((await cli(['bulk', input, '--flow', 'classic', '--base-url', em.url, '--evidence', evidence, '--concurrency', '1'], { token })).code, 0);
  } finally { await em.close(); }
  const lines = (await readFile(evidence, 'utf8')).trim().split('\n');
  assert.equal(lines.length, 4);
  const variants = {
    edited: [lines[0], lines[1].replace(/"line":\d+/, '"line":99'), lines[2], lines[3]],
    removed: [lines[0], lines[2], lines[3]],
    reordered: [lines[0], lines[2], lines[1], lines[3]],
  };
  for (const [kind, content] of Object.entries(variants)) {
    const f = path(`${kind}.jsonl`);
    await writeFile(f, `${content.join('\n')}\n`);
    const r = await cli(['verify', f]);
    assert.equal(r.code, 1, kind);
    assert.match(r.stdout, new RegExp(`^broken: line 2 \\(record 1\\): evidence\\.${kind}:`), `${kind}: ${r.stdout}`);
  }
});

test('killed with SIGKILL at ten random moments and resumed, the run ends with exactly one stored POST per customer', async (t) => {
  const file = validFile({ rows: 300, seed: 23 });
  const { em, token } = await emulator({ customers: file.customers });
  try {
    const input = path('kill.csv');
    await writeFile(input, file.csv);
    // This emulator sets no rate limit: no pacing either (the default paces to 450 a minute).
    const args = ['bulk', input, '--flow', 'classic', '--base-url', em.url, '--concurrency', '4', '--rate-limit', '0'];
    const random = seeded(23);
    let killed = 0;
    for (let i = 0; i < 10; i++) {
      const r = await cli(args, { token, killAfter: { em, delayMs: Math.floor(random() * 400) } });
      if (r.signal === 'SIGKILL') killed += 1;
    }
    const posts = () => Object.values(em.stats().posts);
    // A late run may finish before its kill when few rows are left; most must be cut short.
    assert.ok(killed >= 5, `killed ${killed} of 10 runs mid-way`);
    assert.ok(posts().length > 0, 'some rows were stored before the kills');
    const last = await cli(args, { token });
    assert.equal(last.code, 0, last.stderr);
    assert.match(last.stdout, /300 submitted/);
    assert.deepEqual(Object.keys(em.stats().posts).sort(), [...file.ids].sort());
    assert.ok(posts().every((count) => count === 1), 'exactly one stored POST per customer');
    const evidence = await readFile(input.replace(/\.csv$/, '.evidence.jsonl'), 'utf8');
    const verified = await cli(['verify', input.replace(/\.csv$/, '.evidence.jsonl')]);
    assert.equal(verified.code, 0, verified.stdout);
    assert.equal(new Set(evidence.trim().split('\n').map((l) => JSON.parse(l).customerId)).size, 300,
      'every customer has its evidence record');
    assert.equal(evidence.trim().split('\n').length, 300, 'and only one');
    const journal = (await readFile(input.replace(/\.csv$/, '.journal.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    const resent = Object.values(em.stats().postsByRequestId).filter((count) => count > 1).length;
    const found = journal.filter((r) => r.reason === 'confirmed-found-on-resume').length;
    t.diagnostic(`${killed} kills; on resume ${found} rows found stored, ${resent} requests re-sent under their MS-RequestId`);
  } finally { await em.close(); }
});
