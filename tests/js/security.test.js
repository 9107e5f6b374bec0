// Security in Node: the token reaches baseUrl's origin only (no redirect is
// followed, whatever its status or method; the agreement document's
// downloadUri on another origin never sees a request from the client), it is
// in no artifact of a bulk run (journal, evidence, results, stdout, stderr,
// console, onEvent, McaError), and hostile CSV cells come back neutralised in
// the results file (tests/security/xss-corpus.json).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, loadCore, McaError } from 'mca-attest';
import { startEmulator, fixture } from 'mca-attest/emulator';
import { startProxy } from 'mca-attest/proxy';
import { runBulk } from '../../web/bulk/runner.js';
import { createEvidenceWriter } from '../../web/bulk/evidence.js';
import { validFile, LITWARE, UNKNOWN } from './bulk-fixtures.js';
import { XSS, runsAsFormula } from '../security/corpus.js';

const BIN = fileURLToPath(new URL('../../bin/mca-attest.js', import.meta.url));
const MCA_TEMPLATE = fixture.templates.find((t) => t.agreementType === 'MicrosoftCustomerAgreement').templateId;
const core = await loadCore();
const dir = await mkdtemp(join(tmpdir(), 'mca-security-'));
after(() => rm(dir, { recursive: true, force: true }));

async function listen(handler) {
  const server = createServer(handler);
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => { server.close(r); server.closeAllConnections(); }) };
}

/** Everything an error carries, as text: fields, message, stack and the causes'. */
function errorText(error) {
  const parts = [JSON.stringify({ ...error }), error?.message, error?.stack];
  for (let c = error?.cause; c; c = c.cause) parts.push(String(c), c.stack ?? '', JSON.stringify({ ...c }));
  return parts.join('\n');
}

function cli(args, token, env = {}) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, MCA_TOKEN: token, ...env },
      stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

test('no redirect is followed, for any 3xx status, read or write: the other origin never sees a request or the token', async () => {
  const seen = [];
  const other = await listen((req, res) => { seen.push(req.headers); res.end('{}'); });
  let status = 301;
  const redirector = await listen((req, res) => { res.writeHead(status, { location: `${other.url}${req.url}` }); res.end(); });
  const token = 'secret-token-for-redirects';
  const events = [];
  try {
    const client = createClient({ baseUrl: redirector.url, getToken: () => token, core, onEvent: (e) => events.push(e) });
    const customer = fixture.customers[0].id;
    const input = { firstName: 'Anne', lastName: 'de Vries', email: 'anne@contoso.nl', dateAgreed: '2026-01-20T09:30:00Z' };
    for (status of [301, 302, 303, 307, 308]) {
      for (const call of [() => client.getCustomerAgreements(customer), () => client.confirmAgreement(customer, input),
        () => client.getAgreementDocument(MCA_TEMPLATE, { country: 'NL', language: 'nl-NL' })]) {
        const error = await call().catch((e) => e);
        assert.ok(error instanceof McaError, `${status}: McaError`);
        assert.deepEqual([error.code, error.status], ['redirect', status]);
        assert.ok(!errorText(error).includes(token));
      }
    }
    assert.equal(seen.length, 0, 'the second origin got no request at all');
    assert.ok(!JSON.stringify(events).includes(token) && !JSON.stringify(events).includes(other.url), 'events name neither');
  } finally { await other.close(); await redirector.close(); }
});

test('getAgreementDocument: the downloadUri is on another origin; the client sends nothing there, and it opens without a token', async () => {
  const em = await startEmulator({ port: 0, separateDocumentOrigin: true });
  try {
    const token = await em.issueToken();
    const client = createClient({ baseUrl: em.url, getToken: () => token, core });
    const doc = await client.getAgreementDocument(MCA_TEMPLATE, { country: 'NL', language: 'nl-NL' });
    const download = new URL(doc.downloadUri);
    assert.equal(download.origin, em.documentsUrl);
    assert.notEqual(download.origin, new URL(em.url).origin, 'another origin than baseUrl');
    assert.equal(em.requests().at(-1).headers.authorization, 'Bearer [redacted]', 'the API call carried the token');
    assert.deepEqual(em.documentRequests(), [], 'the client sent nothing to the document host');
    const opened = await fetch(doc.downloadUri);          // what a link the user opens does: no Authorization
    assert.equal(opened.status, 200);
    assert.match(await opened.text(), /^MicrosoftCustomerAgreement \(nl-NL, NL\)/);
    assert.deepEqual(em.documentRequests().map((r) => [r.path, r.headers.authorization]), [[download.pathname, undefined]]);
  } finally { await em.close(); }
});

test('a bulk run with faults, a 401, refused rows and hostile text: the token is in no artifact, log, event or error', async () => {
  const file = validFile({ rows: 40, seed: 31 });
  const hostile = XSS[0];
  const em = await startEmulator({ port: 0, customers: [...fixture.customers, ...file.customers],
    descriptions: { noRelationship: hostile, customerNotFound: XSS[1] },
    faults: { rate: 0.2, kinds: ['500', '503', 'reset', 'malformed', 'timeout'], seed: 77, delayMs: 400, retryAfter: 0,
      once: [{ kind: '401', at: 5 }] } });
  try {
    const token = await em.issueToken();
    const extra = [LITWARE, UNKNOWN].map((id, i) => `${id},Anne,de Vries,anne.x${i}@contoso.nl,2026-01-20T09:30:00Z`);
    const csv = `${file.csv}${extra.join('\n')}\n${XSS.slice(0, 5).map((x) => `"${x.replaceAll('"', '""')}",Anne,B,a@b.nl,2026-01-20`).join('\n')}\n`;
    const input = join(dir, 'artifacts.csv');
    await writeFile(input, csv);
    const r = await cli(['bulk', input, '--flow', 'classic', '--base-url', em.url, '--timeout-ms', '200'], token);
    assert.equal(r.code, 1, 'two rows failed (403, 404)');
    assert.ok(em.stats().faults['401'] === 1 && em.requests().some((q) => q.headers.authorization === 'Bearer [redacted]'),
      'the token was used (and refreshed after the 401)');
    const files = await readdir(dir);
    assert.deepEqual(files.filter((f) => f.startsWith('artifacts')).sort(),
      ['artifacts.csv', 'artifacts.evidence.jsonl', 'artifacts.journal.jsonl', 'artifacts.results.csv']);
    for (const name of files) assert.ok(!(await readFile(join(dir, name), 'utf8')).includes(token), `${name} has no token`);
    assert.ok(!r.stdout.includes(token) && !r.stderr.includes(token), 'stdout and stderr have no token');

    // The same in this process, with every console method and onEvent recorded.
    const logged = [];
    const saved = {};
    for (const m of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
      saved[m] = console[m];
      console[m] = (...a) => logged.push(a.map(String).join(' '));
    }
    const events = [];
    const errors = [];
    let run;
    try {
      const client = createClient({ baseUrl: em.url, core, timeoutMs: 200, onEvent: (e) => events.push(e),
        getToken: ({ refresh }) => (refresh ? em.issueToken() : token) });
      const evidence = createEvidenceWriter();
      const lines = [];
      em.setFaults({ rate: 0.2, kinds: ['500', 'reset', 'malformed'], seed: 78, once: [{ kind: '401', at: 3 }] });
      run = await runBulk({ core, client, flow: 'classic', rows: core.parseCsv(csv).rows, concurrency: 4,
        evidence: { append: async (f) => { lines.push(await evidence.append(f)); } } });
      logged.push(...lines, JSON.stringify(run));
      for (const call of [() => client.getCustomerAgreements(LITWARE), () => client.getCustomerAgreements(UNKNOWN),
        () => client.confirmAgreement(LITWARE, { firstName: '<b>' })]) errors.push(await call().catch((e) => e));
      em.revokeToken(token);
      errors.push(await createClient({ baseUrl: em.url, core, getToken: () => token }).getAgreementTemplates().catch((e) => e));
    } finally { Object.assign(console, saved); }
    assert.equal(run.rows.length, 47);
    assert.deepEqual(errors.map((e) => [e.code, e.status]), [['relationship.missing', 403], ['resource.notFound', 404],
      ['validation', null], ['auth.unauthorized', 401]]);
    assert.equal(errors[0].detail, hostile, 'the service\'s words are kept verbatim, as data');
    assert.ok(events.length > 100);
    for (const [what, text] of [['console', logged.join('\n')], ['onEvent', JSON.stringify(events)],
      ['errors', errors.map(errorText).join('\n')]]) assert.ok(!text.includes(token), `${what} has no token`);
  } finally { await em.close(); }
});

/** Every console method recorded while `work` runs. */
async function consoleOf(work) {
  const logged = [];
  const saved = {};
  for (const m of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
    saved[m] = console[m];
    console[m] = (...a) => logged.push(a.map(String).join(' '));
  }
  try { await work(); } finally { Object.assign(console, saved); }
  return logged.join('\n');
}

test('both token kinds and the app registration: enhanced runs, a scan, a proxy with MSAL and the refusals (401, 900421, 403 wrong kind) show no token and no client secret', async () => {
  const file = validFile({ rows: 4, seed: 41, flow: 'enhanced' });
  const fresh = validFile({ rows: 2, seed: 43, flow: 'enhanced' });
  const em = await startEmulator({ port: 0, customers: [...fixture.customers, ...file.customers, ...fresh.customers] });
  const work = await mkdtemp(join(dir, 'kinds-'));
  let proxy;
  try {
    const user = await em.issueToken();
    const app = await em.issueToken({ kind: 'app' });
    const noMfa = await em.issueToken({ mfa: false });
    const revoked = await em.issueToken();
    em.revokeToken(revoked);
    const assertion = await em.issueUserAssertion();
    const secret = em.identity.clientSecret;
    const registration = { MCA_APP_TOKEN: '', MCA_TENANT_ID: em.identity.tenantId, MCA_CLIENT_ID: em.identity.clientId,
      MCA_CLIENT_SECRET: secret, MCA_AUTHORITY_HOST: em.url };
    const input = join(work, 'enhanced.csv');
    const wrongKind = join(work, 'wrong-kind.csv');
    await writeFile(input, file.csv);
    await writeFile(wrongKind, fresh.csv);

    // The command: both tokens, then MSAL with the secret for step 3, a scan, and refused tokens.
    const runs = { both: await cli(['bulk', input, '--flow', 'enhanced', '--base-url', em.url], user, { MCA_APP_TOKEN: app }) };
    for (const a of em.attestations()) em.acceptAttestation(a.id);
    runs.msal = await cli(['bulk', input, '--flow', 'enhanced', '--base-url', em.url], user, registration);
    runs.scan = await cli(['scan', '--base-url', em.url, '--out', join(work, 'scan.csv'), '--partner-roles', 'AdminAgent',
      '--attestations', join(work, 'enhanced.journal.jsonl')], user, { MCA_APP_TOKEN: app });
    runs.noMfa = await cli(['scan', '--base-url', em.url], noMfa);
    runs.revoked = await cli(['bulk', wrongKind, '--flow', 'enhanced', '--base-url', em.url], revoked, { MCA_APP_TOKEN: app });
    runs.wrongKind = await cli(['bulk', wrongKind, '--flow', 'enhanced', '--base-url', em.url, '--journal', join(work, 'wk.jsonl')],
      user, { MCA_APP_TOKEN: user });
    assert.deepEqual(Object.fromEntries(Object.entries(runs).map(([k, r]) => [k, r.code])),
      { both: 1, msal: 0, scan: 0, noMfa: 1, revoked: 1, wrongKind: 1 }, JSON.stringify(runs, null, 1));
    assert.equal(em.stats().attestations, 4, 'the wrong kind created nothing');
    assert.match(runs.noMfa.stderr, /multi-factor/i);
    assert.match(await readFile(join(work, 'wrong-kind.results.csv'), 'utf8'), /403/, 'the wrong kind: Partner Center\'s 403 in the results');

    // The client's errors, as McaError objects (fields, message, stack, cause).
    const clientOf = (token) => createClient({ baseUrl: em.url, core, maxRetries: 0, getToken: () => token });
    const customerId = fixture.customers[0].id;
    const errors = [await clientOf(noMfa).getCustomerAgreements(customerId).catch((e) => e),
      await clientOf(user).createAttestation({ customerId, companyName: 'Contoso', country: 'NL', language: 'nl-NL',
        signatoryFirstName: 'Anne', signatoryLastName: 'de Vries', signatoryEmail: 'anne@contoso.nl' }).catch((e) => e),
      await clientOf(app).getCustomerAgreements(customerId).catch((e) => e),
      await clientOf(revoked).getCustomerAgreements(customerId).catch((e) => e)];
    assert.ok(errors.every((e) => e instanceof McaError));
    assert.deepEqual(errors.map((e) => e.status), [401, 403, 403, 401]);

    // The proxy with MSAL: a read, an enhanced attestation, a refused sign-in and a refused secret.
    const answers = [];
    const logged = await consoleOf(async () => {
      proxy = await startProxy({ upstream: em.url, prefix: '/pc', auth: em.identity, userAssertion: (req) => req.headers['x-user'],
        checkSession: () => true });
      const wrongSecret = await startProxy({ upstream: em.url, prefix: '/pc', auth: { ...em.identity, clientSecret: 'not-it' },
        userAssertion: () => assertion, checkSession: () => true });
      try {
        const ask = async (base, path, init = {}) => {
          const r = await fetch(`${base}${path}`, init);
          answers.push(`${r.status} ${JSON.stringify([...r.headers])} ${await r.text()}`);
          return r.status;
        };
        const post = { method: 'POST', headers: { 'x-user': assertion, 'content-type': 'application/json' },
          body: JSON.stringify({ customerId: fresh.ids[0], companyName: 'Contoso', country: 'NL', language: 'nl-NL',
            signatoryFirstName: 'Anne', signatoryEmail: 'anne@contoso.nl' }) };
        assert.deepEqual([await ask(proxy.url, `/v1/customers/${customerId}/agreements`, { headers: { 'x-user': assertion } }),
          await ask(proxy.url, '/v1/attestations/enhanced', post),
          await ask(proxy.url, `/v1/customers/${customerId}/agreements`, { headers: { 'x-user': await em.issueUserAssertion({ expiresInMs: -60_000 }) } }),
          await ask(wrongSecret.url, '/v1/attestations/enhanced', post)], [200, 201, 401, 502]);
      } finally { await wrongSecret.close(); }
    });

    const secrets = { user, app, noMfa, revoked, assertion, secret };
    const places = { ...Object.fromEntries(Object.entries(runs).map(([k, r]) => [`command ${k}`, r.stdout + r.stderr])),
      errors: errors.map(errorText).join('\n'), 'proxy answers': answers.join('\n'), console: logged };
    for (const name of await readdir(work)) places[name] = await readFile(join(work, name), 'utf8');
    assert.ok(['enhanced.journal.jsonl', 'enhanced.evidence.jsonl', 'scan.csv'].every((f) => f in places), Object.keys(places).join());
    for (const [where, text] of Object.entries(places)) {
      for (const [what, value] of Object.entries(secrets)) assert.ok(!text.includes(value), `${where} holds the ${what} token or secret`);
      assert.doesNotMatch(text, /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/, `${where} holds a JWT`);
    }
  } finally {
    await proxy?.close();
    await em.close();
  }
});

test('results CSV: hostile cells of the input come back as text, formula starts neutralised, and read back verbatim', async () => {
  const em = await startEmulator({ port: 0 });
  try {
    const token = await em.issueToken();
    const cells = XSS.filter((x) => x.length < 10_000);
    const quote = (s) => `"${s.replaceAll('"', '""')}"`;
    const input = join(dir, 'hostile.csv');
    await writeFile(input, `customerId;firstName;lastName;email;dateAgreed\n${cells.map((x) =>
      [x, x, 'B', 'a@b.nl', '2026-01-20T09:30:00Z'].map(quote).join(';')).join('\n')}\n`);
    const r = await cli(['bulk', input, '--flow', 'classic', '--base-url', em.url], token);
    assert.equal(r.code, 0, r.stderr);
    const text = await readFile(input.replace(/\.csv$/, '.results.csv'), 'utf8');
    const back = core.parseCsv(text);
    assert.deepEqual([back.errors, back.separator, back.rows.length], [[], ';', cells.length]);
    back.rows.forEach((row, i) => {
      const shown = cells[i].trim();       // the runner reports the trimmed customerId
      const expected = runsAsFormula(shown) ? `'${shown}` : shown;
      assert.equal(row.customerId, expected, `row ${i + 1}: the customerId cell as read, neutralised when it starts a formula`);
      assert.equal(row.state, 'invalid');
      for (const value of Object.values(row)) {
        if (typeof value === 'string') assert.ok(!runsAsFormula(value), `no cell starts a formula: ${JSON.stringify(value).slice(0, 60)}`);
      }
    });
    assert.ok(cells.filter((c) => runsAsFormula(c.trim())).length >= 4, 'the corpus has cells that start formulas');
  } finally { await em.close(); }
});
