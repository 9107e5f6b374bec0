// core.buildCsv, the batch: for every row the same answer as parseCsv
// followed by buildConfirmation (or buildAttestation) on that row — ok,
// errors, warnings, normalised values and the exact body — on generated
// data of every defect kind and on hand-made files (quotes, BOM, `;`,
// unknown columns, CSV faults); the bulk preparation the same either way;
// bad input refused with a clear error and nothing left allocated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { loadCore, McaError } from 'mca-attest';
import { prepareCsv, prepareRows } from '../../web/bulk/prepare.js';
import { generateData, BENCH_NOW } from '../../bench/gen-data.mjs';

const core = await loadCore();
const BUILDERS = { classic: 'buildConfirmation', enhanced: 'buildAttestation' };

/** Every row of the batch against the per-row path; returns the rows compared. */
function assertSame(csv, options) {
  const flow = options.flow ?? 'classic';
  const batch = core.buildCsv(csv, options);
  const parsed = core.parseCsv(csv, options);
  assert.equal(batch.flow, flow);
  assert.deepEqual(batch.columns, parsed.columns);
  assert.equal(batch.separator, parsed.separator);
  assert.equal(batch.bom, parsed.bom);
  assert.deepEqual(batch.errors, parsed.errors);
  assert.equal(batch.rows.length, parsed.rows.length);
  parsed.rows.forEach(({ _line: line, ...input }, i) => {
    const single = core[BUILDERS[flow]](input, options);
    const row = batch.rows[i];
    assert.equal(row.line, line);
    assert.deepEqual({ ok: row.ok, errors: row.errors, warnings: row.warnings, normalized: row.normalized, body: row.body },
      { ok: single.ok, errors: single.errors, warnings: single.warnings, normalized: single.normalized, body: single.body },
      `line ${line}`);
    const { ok, errors, warnings, normalized, body } = single;
    assert.deepEqual(JSON.parse(JSON.stringify(row)), { line, ok, errors, warnings, normalized, body,
      ...(row.ok ? {} : { input: row.input }) }, `line ${line}: the row as JSON`);
    if (!row.ok) {
      for (const [field, value] of Object.entries(row.input)) assert.equal(value, input[field], `line ${line}: input.${field} as written`);
      assert.ok(Object.keys(row.input).length > 0, `line ${line}: an invalid row keeps its fields`);
    }
    if (row.ok) {
      // the bulk runner sends rows by building their normalised fields again: the same body
      assert.equal(core[BUILDERS[flow]](row.normalized, options).body, row.body, `line ${line}: normalised fields rebuild the body`);
    }
  });
  return batch.rows.length;
}

test('the batch answers every generated row as buildConfirmation does', (t) => {
  const { csv, counts } = generateData({ rows: 3000, seed: 7 });
  assert.ok(Object.values(counts).filter((n) => n > 0).length > 10, 'the data holds every kind of defect');
  const n = assertSame(csv, { now: BENCH_NOW });
  const bytes = new TextEncoder().encode(csv);
  assertSame(bytes, { now: BENCH_NOW, flow: 'classic' });
  t.diagnostic(`batch and per-row path agree on ${n} of ${n} generated rows`);
});

test('the batch agrees on hand-made files: quotes, BOM, ";", unknown columns, faults, templates', async () => {
  const sample = await readFile(new URL('../../demo/sample-customers.csv', import.meta.url));
  assertSame(sample, { now: BENCH_NOW });
  assertSame(sample, { now: BENCH_NOW, flow: 'enhanced' });
  const file = '\uFEFFTenant ID;First name;Last name;E-mail;Phone;Country;Date agreed;Notes\r\n'
    + '3F2B7A51-8C4D-4E6A-9B1F-2D5C8E7A1B04;"Anne ""AJ""";de Vries;anne@Contoso.NL;06 12345678;nl;2026-01-15T09:30:00Z;"a; b"\r\n'
    + 'b6e1c9d2-47a3-4f58-8e2b-9c0d1a3f5e67;Zoe\u0308;"Bec\r\nker";z@b\u00fccher.example;;;2026-01-15;\r\n'
    + 'not-a-guid;;;;;EU;2030-01-01T00:00:00Z;\r\n'
    + 'c7e9a2b4-6d8f-4a1c-b3e5-f7092a4c6e81;Ann\u{1F600};\u{10400}\u{10428}sa;\u{1F600}@x.example;020 123 4567;nl;2026-01-15T09:30:00Z;\u{1F600}\r\n'
    + 'd2f5b8e1-3c6a-4d9f-a2b5-c8e1f4a7d0b3;\u{10400}nne;Smith;a@b.example;;;2026-01-15T09:30:00Z;\u{1F600}\r\n'
    + 'a1d4f7c2-5b8e-4c3a-9f6d-0e2b4c6a8d13;Olivia\r\n'
    + '"unterminated;x\r\n';
  assertSame(file, { now: BENCH_NOW });
  assertSame(file, {});                                   // no now: dateAgreed.futureNotChecked warnings
  const templates = [{ agreementType: 'MicrosoftCustomerAgreement', templateId: 'aaaaaaaa-1111-2222-3333-444444444444', versionRank: 9 }];
  assertSame(file, { now: BENCH_NOW, templates });
  const enhanced = 'customerId,companyName,country,language,signatoryFirstName,signatoryLastName,signatoryEmail,signatoryPhoneNumber,extra\n'
    + '3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04,"Contoso ""Q"", \\ B.V.",NL,nl-nl,Anne,de Vries,anne@contoso.nl,020 123 4567,\n'
    + 'b6e1c9d2-47a3-4f58-8e2b-9c0d1a3f5e67,Fabrikam\u202e,DE,de,Jonas,Becker,jonas@fabrikam.de,,1\n';
  assert.equal(assertSame(enhanced, { flow: 'enhanced' }), 2);
  assert.equal(assertSame('Email,E-mail\n', {}), 0);
  assert.equal(assertSame('', {}), 0);
});

test('bulk preparation from the file (one batch) equals the preparation from parsed rows', () => {
  const generated = generateData({ rows: 1500, seed: 11 }).csv;
  const csv = generated + generated.split('\r\n').slice(1, 40).join('\r\n') + '\r\n';   // some customers twice
  const options = { now: BENCH_NOW };
  const parsed = core.parseCsv(csv);
  const fromRows = prepareRows(core, { rows: parsed.rows, csvErrors: parsed.errors, flow: 'classic', options });
  const { items } = prepareCsv(core, { csv, flow: 'classic', options });
  const strip = ({ input, ...rest }) => rest;
  assert.deepEqual(items.map(strip), fromRows.map(strip));
  assert.ok(items.some((i) => i.state === 'skipped') && items.some((i) => i.state === 'invalid') && items.some((i) => !i.state));
});

test('an invalid row keeps its fields as written; rows carry codes with messages', () => {
  const r = core.buildCsv('customerId,email\n  not-a-guid ,a@b\n', { now: BENCH_NOW });
  const [row] = r.rows;
  assert.equal(row.ok, false);
  assert.equal(row.body, null);
  assert.deepEqual(row.input, { customerId: '  not-a-guid ', email: 'a@b' });
  assert.equal(row.errors[0].message, core.messages[row.errors[0].code]);
});

test('bad input is refused with a clear error, and nothing is left allocated', () => {
  const before = core.memoryStats().bytesInUse;
  const codeOf = (fn) => { try { fn(); } catch (e) { assert.ok(e instanceof McaError); return e.code; } return null; };
  assert.equal(codeOf(() => core.buildCsv(42)), 'csv.notText');
  assert.equal(codeOf(() => core.buildCsv('customerId\n', { flow: 'both' })), 'csv.invalidFlow');
  assert.equal(codeOf(() => core.buildCsv('customerId\n', { maxRows: 0 })), 'csv.invalidOption');
  assert.equal(codeOf(() => core.buildCsv('customerId\n', { now: 'today' })), 'call.invalidNow');
  const { csv } = generateData({ rows: 500, seed: 3 });
  core.buildCsv(csv, { now: BENCH_NOW });
  assert.equal(core.memoryStats().bytesInUse, before);
});
