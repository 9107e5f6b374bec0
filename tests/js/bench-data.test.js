// The benchmark's data generator: deterministic, and the mix it promises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { COLUMNS, MIX, generateData } from '../../bench/gen-data.mjs';

const sha = (text) => createHash('sha256').update(text).digest('hex');

test('the same seed gives the same bytes; another seed gives other bytes', () => {
  const a = generateData({ rows: 1000, seed: 7 });
  const b = generateData({ rows: 1000, seed: 7 });
  const c = generateData({ rows: 1000, seed: 8 });
  assert.equal(sha(a.csv), sha(b.csv));
  assert.deepEqual(a.kinds, b.kinds);
  assert.notEqual(sha(a.csv), sha(c.csv));
});

test('1,000 rows: a header, 1,000 lines of 8 cells, no quoting needed', () => {
  const { csv } = generateData({ rows: 1000, seed: 1 });
  const lines = csv.split('\r\n');
  assert.equal(lines.pop(), '');                      // ends with CRLF
  assert.equal(lines.length, 1001);
  assert.equal(lines[0], COLUMNS.join(','));
  for (const line of lines) {
    assert.equal(line.split(',').length, COLUMNS.length, line);
    assert.doesNotMatch(line, /["\n\r]/);
  }
});

test('1,000 rows have the intended mix: about 80 % valid, every kind of defect present', () => {
  const { kinds, counts } = generateData({ rows: 1000, seed: 1 });
  assert.equal(kinds.length, 1000);
  assert.equal(Object.values(counts).reduce((a, b) => a + b, 0), 1000);
  assert.ok(counts.valid >= 740 && counts.valid <= 860, `valid rows: ${counts.valid}`);
  for (const kind of Object.keys(MIX)) assert.ok(counts[kind] > 0, `no row of kind ${kind}`);
});

test('the rows use several scripts, countries, phone forms and date offsets', () => {
  const { csv } = generateData({ rows: 1000, seed: 1 });
  const rows = csv.split('\r\n').slice(1, -1).map((l) => l.split(','));
  const col = (name) => rows.map((r) => r[COLUMNS.indexOf(name)]);
  const names = col('firstName').concat(col('lastName')).join(' ');
  for (const script of ['Latin', 'Greek', 'Cyrillic', 'Han', 'Arabic', 'Devanagari']) {
    assert.match(names, new RegExp(`\\p{Script=${script}}`, 'u'), `no ${script} name`);
  }
  assert.ok(new Set(col('country').filter(Boolean)).size >= 10);
  const phones = col('phoneNumber');
  assert.ok(phones.some((p) => p.startsWith('+')) && phones.some((p) => p.startsWith('00'))
    && phones.some((p) => /^0[1-9]/.test(p)) && phones.some((p) => p === ''));
  const dates = col('dateAgreed');
  assert.ok(dates.some((d) => d.endsWith('Z')) && dates.some((d) => /[+-]\d\d:\d\d$/.test(d))
    && dates.some((d) => /^\d{4}-\d\d-\d\d$/.test(d)));
  assert.ok(col('email').some((e) => !/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/.test(e)), 'no invalid email');
});
