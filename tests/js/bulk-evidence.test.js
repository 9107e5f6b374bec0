// web/bulk/evidence.js: the hash-chained evidence file and its verification.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEvidenceWriter, verify, canonicalJson, sha256Hex, GENESIS } from '../../web/bulk/evidence.js';

async function chain(n) {
  const w = createEvidenceWriter();
  const lines = [];
  for (let i = 0; i < n; i++) {
    lines.push(await w.append({ customerId: `c${i}`, templateId: '117a77b0-9360-443b-8795-c6dedc750cf9',
      documentLink: 'https://aka.ms/customeragreement', payload: { primaryContact: { firstName: 'Anne' } },
      requestId: `r${i}`, correlationId: 'k', response: { status: 201 }, state: 'submitted', time: `2026-11-20T09:30:0${i}Z` }));
  }
  return { w, lines };
}
const lineObjects = (lines) => lines.map((l) => JSON.parse(l));
const toText = (objects) => objects.map((o) => JSON.stringify(o) + '\n').join('');

test('a valid chain verifies, with its count and last hash', async () => {
  const { w, lines } = await chain(5);
  const r = await verify(lines.join(''));
  assert.deepEqual(r, { ok: true, count: 5, lastHash: w.lastHash });
  const first = JSON.parse(lines[0]);
  assert.equal(first.prev, GENESIS);
  assert.equal(first.index, 0);
  const { hash, ...rest } = first;
  assert.equal(hash, await sha256Hex(canonicalJson(rest)), 'hash is SHA-256 over the canonical JSON without hash');
  assert.equal(JSON.parse(lines[1]).prev, hash);
  assert.deepEqual(await verify(''), { ok: true, count: 0, lastHash: GENESIS });
});

test('canonical JSON sorts keys at every level', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 'x' }], c: null } }), '{"a":{"c":null,"d":[2,{"e":"x","f":1}]},"b":1}');
});

test('an edited record is reported at its line', async () => {
  const { lines } = await chain(5);
  const objects = lineObjects(lines);
  objects[2].state = 'failed';
  const r = await verify(toText(objects));
  assert.deepEqual([r.ok, r.code, r.index, r.line, r.count], [false, 'evidence.edited', 2, 3, 2]);
});

test('an edited and re-hashed record breaks the link of the next one', async () => {
  const { lines } = await chain(4);
  const objects = lineObjects(lines);
  objects[1].customerId = 'other';
  const { hash, ...rest } = objects[1];
  objects[1].hash = await sha256Hex(canonicalJson(rest));
  const r = await verify(toText(objects));
  assert.deepEqual([r.code, r.index, r.line], ['evidence.brokenChain', 2, 3]);
});

test('a removed record is reported where the gap is', async () => {
  const { lines } = await chain(5);
  const r = await verify(lines.filter((_, i) => i !== 2).join(''));
  assert.deepEqual([r.code, r.index, r.line, r.count], ['evidence.removed', 2, 3, 2]);
  assert.match(r.message, /index 3 where 2 was expected/);
});

test('an inserted record (a copy of an earlier one) is reported', async () => {
  const { lines } = await chain(4);
  const r = await verify([lines[0], lines[1], lines[1], lines[2], lines[3]].join(''));
  assert.deepEqual([r.code, r.index, r.line], ['evidence.inserted', 2, 3]);
});

test('an inserted record with its own valid hash is caught by the next one', async () => {
  const { lines } = await chain(3);
  const objects = lineObjects(lines);
  const forged = { index: 1, time: '2026-11-20T10:00:00Z', customerId: 'forged', state: 'submitted', prev: objects[0].hash };
  forged.hash = await sha256Hex(canonicalJson(forged));
  const r = await verify(toText([objects[0], forged, objects[1], objects[2]]));
  assert.deepEqual([r.code, r.index, r.line], ['evidence.inserted', 2, 3]);
});

test('reordered records are reported at the first out of place', async () => {
  const { lines } = await chain(5);
  const r = await verify([lines[0], lines[1], lines[3], lines[2], lines[4]].join(''));
  assert.deepEqual([r.code, r.index, r.line], ['evidence.reordered', 2, 3]);
});

test('a truncated file (last record cut off) is reported at the last line', async () => {
  const { lines } = await chain(3);
  const text = lines.join('');
  const r = await verify(text.slice(0, text.length - 40));
  assert.deepEqual([r.code, r.index, r.line, r.count], ['evidence.truncated', 2, 3, 2]);
  const cut = await verify(lines.slice(0, 2).join(''), { expectedCount: 3 });
  assert.deepEqual([cut.ok, cut.code, cut.count], [false, 'evidence.missingTail', 2]);
  const { w } = await chain(3);
  assert.equal((await verify(text, { expectedLastHash: w.lastHash })).ok, true);
});

test('a writer continues a verified chain', async () => {
  const { lines } = await chain(2);
  const state = await verify(lines.join(''));
  const w = createEvidenceWriter(state);
  const more = await w.append({ customerId: 'c2', state: 'submitted' });
  assert.deepEqual(await verify(lines.join('') + more), { ok: true, count: 3, lastHash: w.lastHash });
});

test('no token enters the evidence: credential members and bearer strings are removed', async () => {
  const w = createEvidenceWriter();
  const line = await w.append({ customerId: 'c', token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
    request: { headers: { Authorization: 'Bearer abc.def', 'MS-RequestId': 'r1' } },
    response: { status: 401, body: 'rejected Bearer abc.def and eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln' } });
  assert.doesNotMatch(line, /abc\.def|eyJ|"token"|Authorization/);
  const record = JSON.parse(line);
  assert.equal(record.request.headers['MS-RequestId'], 'r1');
  assert.equal(record.response.body, 'rejected Bearer [redacted] and [redacted]');
  assert.equal((await verify(line)).ok, true);
});
