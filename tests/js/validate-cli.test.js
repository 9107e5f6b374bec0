// mca-attest validate: a CSV checked offline with the core's batch
// operation — no network, no token — every error of every row in the
// results, exit 0 all valid, 1 some invalid, 2 usage or file error.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/mca-attest.js', import.meta.url));
const dir = await mkdtemp(join(tmpdir(), 'mca-validate-'));
after(() => rm(dir, { recursive: true, force: true }));

/** Runs the command without MCA_TOKEN and with no way out to the network:
 * a proxy that does not exist and a loader hook that fails every fetch. */
function cli(args) {
  return new Promise((done) => {
    const env = { ...process.env, HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9' };
    delete env.MCA_TOKEN;
    const noFetch = 'data:text/javascript,globalThis.fetch=()=>{throw new Error("network used")};';
    const child = spawn(process.execPath, ['--import', noFetch, BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const VALID = 'customerId;firstName;lastName;email;dateAgreed\r\n'
  + '3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04;Anne;de Vries;anne@contoso.nl;2026-01-15T09:30:00Z\r\n'
  + 'b6e1c9d2-47a3-4f58-8e2b-9c0d1a3f5e67;Jonas;Becker;jonas@fabrikam.de;2026-01-15T10:00:00Z\r\n';

const lines = (text) => text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');

test('every row valid: exit 0, the results list each row as valid, in the input separator', async () => {
  const file = join(dir, 'valid.csv');
  await writeFile(file, VALID);
  const r = await cli(['validate', file, '--flow', 'classic']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Validated 2 rows: 2 valid, 0 invalid, 0 duplicate\.\nresults: .*valid\.validation\.csv\n$/);
  assert.doesNotMatch(r.stderr, /network|MCA_TOKEN/);
  const results = lines(await readFile(join(dir, 'valid.validation.csv'), 'utf8'));
  assert.deepEqual(results, ['line;customerId;state;errors;detail',
    '2;3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04;valid;;', '3;b6e1c9d2-47a3-4f58-8e2b-9c0d1a3f5e67;valid;;']);
});

test('some rows invalid: exit 1, every error of each row, CSV faults and duplicates too', async () => {
  const file = join(dir, 'mixed.csv');
  const results = join(dir, 'out.csv');
  await writeFile(file, 'Tenant ID,First name,Last name,E-mail,Date agreed\n'
    + '3F2B7A51-8C4D-4E6A-9B1F-2D5C8E7A1B04,Anne,de Vries,anne@contoso.nl,2026-01-15T09:30:00Z\n'
    + 'not-a-guid,J0nas,,jonas@fabrikam,2026-02-30T10:00:00Z\n'
    + '3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04,Anne,de Vries,anne@contoso.nl,2026-01-15T09:30:00Z\n'
    + 'a1d4f7c2-5b8e-4c3a-9f6d-0e2b4c6a8d13,Olivia\n');
  const r = await cli(['validate', file, '--flow', 'classic', '--results', results]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^Validated 4 rows: 1 valid, 2 invalid, 1 duplicate\./);
  const [head, ok, bad, dup, fault] = lines(await readFile(results, 'utf8'));
  assert.equal(head, 'line,customerId,state,errors,detail');
  assert.equal(ok, '2,3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04,valid,,');
  assert.match(bad, /^3,not-a-guid,invalid,customerId\.invalid firstName\.digit lastName\.required email\.domainInvalid dateAgreed\.impossible,"customerId\.invalid: The customer ID must be a GUID/);
  assert.equal(dup, '4,3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04,duplicate,,duplicate of line 2');
  assert.match(fault, /^5,,invalid,csv\.tooFewFields,This line has fewer fields than the header\.$/);
});

test('the enhanced flow checks the attestation fields', async () => {
  const file = join(dir, 'enhanced.csv');
  await writeFile(file, 'customerId,companyName,country,language,signatoryFirstName,signatoryLastName,signatoryEmail\n'
    + '3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04,Contoso,NL,nl-NL,Anne,de Vries,anne@contoso.nl\n');
  assert.equal((await cli(['validate', file, '--flow', 'enhanced'])).code, 0);
  assert.equal((await cli(['validate', file])).code, 0, 'enhanced is the default, as for bulk');
  assert.equal((await cli(['validate', file, '--flow', 'classic'])).code, 1, 'not a classic file (no dateAgreed, no email)');
});

test('usage and file errors: exit 2, and nothing is written', async () => {
  const file = join(dir, 'v2.csv');
  await writeFile(file, VALID);
  const cases = [
    [['validate'], /validate needs exactly one CSV file/],
    [['validate', file, '--flow', 'both'], /--flow must be enhanced or classic/],
    [['validate', file, '--base-url', 'http://x'], /Unknown option '--base-url'/],
    [['validate', join(dir, 'missing.csv')], /cannot read .*ENOENT/],
  ];
  for (const [args, message] of cases) {
    const r = await cli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, message);
  }
  const header = join(dir, 'header.csv');
  await writeFile(header, 'Email,E-mail\na,b\n');
  let r = await cli(['validate', header]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /csv\.duplicateColumn/);
  const noId = join(dir, 'noid.csv');
  await writeFile(noId, 'firstName,lastName\nAnne,de Vries\n');
  r = await cli(['validate', noId]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /csv\.noCustomerId/);
  await assert.rejects(readFile(join(dir, 'noid.validation.csv')), { code: 'ENOENT' });
});
