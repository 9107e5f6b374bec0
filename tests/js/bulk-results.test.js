// web/bulk/results.js: the results CSV, and its round trip through core.parseCsv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore } from '../../web/index.js';
import { csvCell, createResultsWriter, resultsCsv, RESULT_COLUMNS } from '../../web/bulk/results.js';

const core = await loadCore();

test('the results file starts with a UTF-8 BOM, uses CRLF and the classic columns', () => {
  const text = resultsCsv([{ line: 2, customerId: 'c1', state: 'submitted', reason: '' }]);
  assert.equal(text, '\uFEFFline,customerId,state,reason\r\n2,c1,submitted,\r\n');
});

test('the enhanced flow adds the link column, in the input separator', () => {
  const text = resultsCsv([{ line: 3, customerId: 'c2', state: 'awaiting-acceptance', reason: 'sent',
    link: 'https://example.test/accept?a=1;b=2' }], { flow: 'enhanced', separator: ';' });
  assert.equal(text, '\uFEFFline;customerId;state;reason;link\r\n3;c2;awaiting-acceptance;sent;"https://example.test/accept?a=1;b=2"\r\n');
  assert.deepEqual(RESULT_COLUMNS.enhanced, ['line', 'customerId', 'state', 'reason', 'link']);
});

test('cells with the separator, quotes or line breaks are quoted with doubled quotes', () => {
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('a;b'), 'a;b');
  assert.equal(csvCell('a;b', ';'), '"a;b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('two\nlines'), '"two\nlines"');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(undefined), '');
  assert.equal(csvCell(42), '42');
});

test('cells a spreadsheet would run as a formula get a leading apostrophe', () => {
  for (const [input, expected] of [['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'], ['+31 20', "'+31 20"],
    ['-1+2', "'-1+2"], ['@SUM(A1)', "'@SUM(A1)"], ['\tx', "'\tx"], ['\rx', '"\'\rx"'], ['a=b', 'a=b']]) {
    assert.equal(csvCell(input), expected, JSON.stringify(input));
  }
});

test('a results file reads back through core.parseCsv with the same values', () => {
  const rows = [
    { line: 2, customerId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', state: 'failed', reason: 'Partner Center said "no", try again; later' },
    { line: 4, customerId: 'x', state: 'invalid', reason: 'email.invalid\nphoneNumber.countryRequired' },
    { line: 5, customerId: 'y', state: 'skipped', reason: '=cmd|calc' },
  ];
  for (const separator of [',', ';']) {
    const parsed = core.parseCsv(resultsCsv(rows, { separator, flow: 'enhanced' }));
    assert.equal(parsed.bom, true);
    assert.equal(parsed.separator, separator);
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.columns, ['line', 'customerId', 'state', 'reason', 'link']);
    assert.deepEqual(parsed.rows.map(({ _line, ...r }) => r), rows.map((r) => ({
      line: String(r.line), customerId: r.customerId, state: r.state,
      reason: r.reason.startsWith('=') ? `'${r.reason}` : r.reason, link: '' })));
    assert.deepEqual(parsed.rows.map((r) => r._line), [2, 3, 5], 'the two-line cell moves the next row down');
  }
});

test('the writer builds the same text line by line, and refuses an unknown separator', () => {
  const w = createResultsWriter({ separator: ';', columns: ['customerId', 'state', 'reason', 'requestId'] });
  assert.equal(w.header() + w.line({ customerId: 'a', state: 'submitted', requestId: 'r1' }),
    '\uFEFFcustomerId;state;reason;requestId\r\na;submitted;;r1\r\n');
  assert.throws(() => createResultsWriter({ separator: '|' }), TypeError);
});
