// web/bulk/journal.js with the Node file backend: resume after a kill.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile, appendFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { McaError } from '../../web/index.js';
import { openFileJournal } from '../../node/journal-file.js';

const dir = await mkdtemp(join(tmpdir(), 'mca-journal-'));
test.after(() => rm(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `run-${++n}.journal`);

test('a reloaded journal tells which rows are done, in flight (with their request id) and failed', async () => {
  const path = fresh();
  const j = await openFileJournal(path);
  await j.noteRun({ flow: 'classic', file: 'customers.csv' });
  await j.begin('c1', { requestId: 'r1', line: 2 });
  await j.finish('c1', { state: 'submitted' });
  await j.begin('c2', { requestId: 'r2', line: 3 });            // killed before its answer
  await j.begin('c3', { requestId: 'r3', line: 4 });
  await j.finish('c3', { state: 'failed', reason: 'throttled' });
  await j.finish('c4', { state: 'invalid', reason: 'email.invalid', line: 5 });
  await j.close();

  const again = await openFileJournal(path);
  const s = again.summary();
  assert.equal(s.torn, null);
  assert.deepEqual(s.done.map((e) => [e.key, e.state]), [['c1', 'submitted'], ['c4', 'invalid']]);
  assert.deepEqual(s.inFlight.map((e) => [e.key, e.requestId, e.line]), [['c2', 'r2', 3]]);
  assert.deepEqual(s.failed.map((e) => [e.key, e.reason, e.requestId]), [['c3', 'throttled', 'r3']]);
  assert.deepEqual(again.status('c9'), { phase: 'new', key: 'c9', attempts: 0 });
  assert.equal(again.status('c1').requestId, 'r1', 'the final record keeps the request id');
  assert.deepEqual(again.runs().map((r) => r.flow), ['classic']);
  await assert.rejects(again.begin('c1', { requestId: 'r9' }), (e) => e instanceof McaError && e.code === 'journal.alreadyDone');
  await again.begin('c2', { requestId: 'r2' });                  // the retry reuses the request id
  assert.equal(again.status('c2').attempts, 2);
  await again.close();
});

test('every record is one JSON line on disk when append resolves', async () => {
  const path = fresh();
  const j = await openFileJournal(path);
  await Promise.all([j.begin('a', { requestId: 'ra' }), j.begin('b', { requestId: 'rb' }), j.begin('c', { requestId: 'rc' })]);
  const lines = (await readFile(path, 'utf8')).split('\n');
  assert.equal(lines.pop(), '');
  assert.deepEqual(lines.map((l) => JSON.parse(l).key), ['a', 'b', 'c'], 'concurrent appends keep their order');
  await j.close();
});

test('a torn last line after a kill is reported, cut off, and appending goes on cleanly', async () => {
  const path = fresh();
  const j = await openFileJournal(path);
  await j.begin('c1', { requestId: 'r1' });
  await j.finish('c1', { state: 'submitted' });
  await j.close();
  await appendFile(path, '{"key":"c2","requestId":"r2","pha');   // the write a kill cut short

  const again = await openFileJournal(path);
  assert.deepEqual(again.torn, { line: 3, bytes: 33 });
  assert.deepEqual(again.summary().inFlight, [], 'a torn begin never sent its request');
  await again.begin('c2', { requestId: 'r2b' });
  await again.close();
  const lines = (await readFile(path, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => [l.key, l.phase]), [['c1', 'in-flight'], ['c1', 'done'], ['c2', 'in-flight']]);
});

test('a damaged complete line is refused with journal.corrupt, not guessed', async () => {
  const path = fresh();
  await writeFile(path, '{"key":"a","phase":"in-flight","requestId":"r"}\nnot json\n');
  await assert.rejects(openFileJournal(path), (e) => e instanceof McaError && e.code === 'journal.corrupt' && /:2 /.test(e.message));
});

test('finish needs a known state, begin a request id, and no token is written', async () => {
  const path = fresh();
  const j = await openFileJournal(path);
  await assert.rejects(j.finish('a', { state: 'done' }), (e) => e.code === 'journal.state');
  await assert.rejects(j.begin('a', {}), (e) => e.code === 'journal.requestId');
  await j.begin('a', { requestId: 'r', token: 'secret-token', headers: { authorization: 'Bearer xyz' } });
  await j.close();
  assert.doesNotMatch(await readFile(path, 'utf8'), /secret-token|xyz|authorization/i);
});
