// core.parseCsv and core.parseCsvStream through the public API and the real Wasm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { loadCore, McaError } from '../../web/index.js';

const core = await loadCore();

test('parseCsv maps a Dutch Excel file (BOM, semicolons, CRLF) to classic fields with their lines', () => {
  const text = '\uFEFFKlant-ID;Tenant ID;Voornaam;First Name;Last_Name;E-mail;Telefoon;Date Agreed\r\n'
    + 'x;0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0;Anne;Anne;"de Vries";anne@contoso.nl;"+31 20 123 4567";2026-11-20\r\n';
  const r = core.parseCsv(text);
  assert.equal(r.separator, ';');
  assert.equal(r.bom, true);
  assert.deepEqual(r.columns, ['Klant-ID', 'customerId', 'Voornaam', 'firstName', 'lastName', 'email', 'Telefoon', 'dateAgreed']);
  assert.deepEqual(r.rows, [{ _line: 2, 'Klant-ID': 'x', customerId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
    Voornaam: 'Anne', firstName: 'Anne', lastName: 'de Vries', email: 'anne@contoso.nl', Telefoon: '+31 20 123 4567',
    dateAgreed: '2026-11-20' }]);
  assert.deepEqual(r.errors, []);
});

test('parseCsv with flow enhanced maps names to the signatory fields', () => {
  const r = core.parseCsv('Company,Country,Language,First Name,Last Name,Email,Phone,Customer ID\n', { flow: 'enhanced' });
  assert.deepEqual(r.columns, ['companyName', 'country', 'language', 'signatoryFirstName', 'signatoryLastName',
    'signatoryEmail', 'signatoryPhoneNumber', 'customerId']);
});

test('parseCsv keeps quoted separators, doubled quotes and line breaks, and reports errors by physical line', () => {
  const text = 'customerId,lastName\n"a,1","O""Brien\nJr"\nb,c"d\ne\n\nf,g\n';
  const r = core.parseCsv(text);
  assert.deepEqual(r.rows, [{ _line: 2, customerId: 'a,1', lastName: 'O"Brien\nJr' }, { _line: 7, customerId: 'f', lastName: 'g' }]);
  assert.deepEqual(r.errors.map((e) => [e.line, e.code]), [[4, 'csv.strayQuote'], [5, 'csv.tooFewFields']]);
  assert.equal(r.errors[0].message, core.messages['csv.strayQuote']);
});

test('parseCsv on bytes reports invalid UTF-8 on its line and accepts valid multi-byte text', () => {
  const head = new TextEncoder().encode('customerId,lastName\na,Zo\u00eb\nb,');
  const bytes = new Uint8Array([...head, 0xC3, 0x28, 0x0A, ...new TextEncoder().encode('c,\u674e\n')]);
  const r = core.parseCsv(bytes);
  assert.deepEqual(r.rows, [{ _line: 2, customerId: 'a', lastName: 'Zo\u00eb' }, { _line: 4, customerId: 'c', lastName: '\u674e' }]);
  assert.deepEqual(r.errors.map((e) => [e.line, e.code]), [[3, 'csv.invalidUtf8']]);
  assert.deepEqual(core.parseCsv(bytes.buffer).rows, r.rows, 'an ArrayBuffer is read the same way');
});

test('parseCsv refuses a bad flow, a bad option and input that is not text with McaError', () => {
  assert.throws(() => core.parseCsv('a\n', { flow: 'modern' }), (e) => e instanceof McaError && e.code === 'csv.invalidFlow');
  assert.throws(() => core.parseCsv('a\n', { maxRows: 0 }), (e) => e instanceof McaError && e.code === 'csv.invalidOption');
  assert.throws(() => core.parseCsv(42), (e) => e instanceof McaError && e.code === 'csv.notText');
});

test('parseCsv stops at maxRows with csv.tooManyRows on the first extra line', () => {
  const r = core.parseCsv('customerId\na\nb\nc\n', { maxRows: 2 });
  assert.deepEqual(r.rows.map((row) => row.customerId), ['a', 'b']);
  assert.deepEqual(r.errors.map((e) => [e.line, e.code]), [[4, 'csv.tooManyRows']]);
});

test('parseCsvStream reads a Node stream whose chunks split a quoted field and a UTF-8 sequence', async () => {
  const bytes = new TextEncoder().encode('\uFEFFcustomerId;firstName\r\nx;"Zo\u00eb;\r\nA"\r\ny;z');
  const chunks = [bytes.slice(0, 5), bytes.slice(5, 31), bytes.slice(31, 33), bytes.slice(33)];
  const r = await core.parseCsvStream(Readable.from(chunks));
  assert.equal(r.bom, true);
  assert.deepEqual(r.rows, [{ _line: 2, customerId: 'x', firstName: 'Zo\u00eb;\r\nA' }, { _line: 4, customerId: 'y', firstName: 'z' }]);
});

test('parseCsvStream reads a Blob and a web ReadableStream the same way as parseCsv', async () => {
  const text = 'E-mail,Tenant\na@b.nl,t1\nc@d.nl,t2\n';
  const expected = core.parseCsv(text);
  assert.deepEqual(await core.parseCsvStream(new Blob([text])), expected);
  assert.deepEqual(await core.parseCsvStream(new Blob([text]).stream()), expected);
  await assert.rejects(core.parseCsvStream(42), (e) => e instanceof McaError && e.code === 'csv.notText');
});

test('parseCsv of 100,000 rows returns every row and leaves no byte allocated', () => {
  const lines = ['Customer ID;First Name;Last Name;E-mail;Phone;Date Agreed;Country'];
  for (let i = 0; i < 100_000; i++) {
    const id = `0f1e2d3c-4b5a-6978-8796-${String(i).padStart(12, '0')}`;
    lines.push(`${id};Anne;"de Vries; ""${i}""";anne${i}@contoso.nl;+31 20 123 4567;2026-11-20T09:30:00Z;NL`);
  }
  const text = lines.join('\r\n') + '\r\n';
  const before = core.memoryStats().bytesInUse;
  const start = performance.now();
  const r = core.parseCsv(text);
  const ms = performance.now() - start;
  console.log(`parseCsv: 100,000 rows, ${(text.length / 1048576).toFixed(1)} MiB in ${ms.toFixed(0)} ms`
    + ` (Wasm heap ${(core.memoryStats().heapBytes / 1048576).toFixed(0)} MiB)`);
  assert.equal(r.rows.length, 100_000);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.rows[99_999], { _line: 100_001, customerId: '0f1e2d3c-4b5a-6978-8796-000000099999',
    firstName: 'Anne', lastName: 'de Vries; "99999"', email: 'anne99999@contoso.nl', phoneNumber: '+31 20 123 4567',
    dateAgreed: '2026-11-20T09:30:00Z', country: 'NL' });
  assert.equal(core.memoryStats().bytesInUse, before);
});
