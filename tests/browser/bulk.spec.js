// The bulk building blocks in Chromium: the IndexedDB journal survives a
// reload of the page, and the evidence chain works with the browser's Web Crypto.
import { test, expect } from './fixtures.js';

test('the IndexedDB journal is reloaded after a page reload with done, in-flight and failed rows', async ({ page, demo }) => {
  await page.goto(`${demo.url}/demo/empty.html`);
  const name = `mca-journal-test-${Date.now()}`;
  await page.evaluate(async (db) => {
    const { openIdbJournal } = await import('/web/bulk/journal-idb.js');
    const j = await openIdbJournal(db);
    await j.begin('c1', { requestId: 'r1', line: 2 });
    await j.finish('c1', { state: 'submitted' });
    await j.begin('c2', { requestId: 'r2', line: 3 });
    await j.begin('c3', { requestId: 'r3', line: 4, token: 'secret' });
    await j.finish('c3', { state: 'failed', reason: 'throttled' });
    await j.close();
  }, name);
  await page.reload();
  const summary = await page.evaluate(async (db) => {
    const { openIdbJournal, deleteIdbJournal } = await import('/web/bulk/journal-idb.js');
    const j = await openIdbJournal(db);
    const s = j.summary();
    let refused = null;
    try { await j.begin('c1', { requestId: 'again' }); } catch (e) { refused = e.code; }
    await j.close();
    await deleteIdbJournal(db);
    return { done: s.done.map((e) => [e.key, e.state]), inFlight: s.inFlight.map((e) => [e.key, e.requestId]),
      failed: s.failed.map((e) => [e.key, e.reason, 'token' in e]), torn: s.torn, refused };
  }, name);
  expect(summary).toEqual({ done: [['c1', 'submitted']], inFlight: [['c2', 'r2']],
    failed: [['c3', 'throttled', false]], torn: null, refused: 'journal.alreadyDone' });
});

test('an evidence chain written in Chromium verifies, and an edit is found', async ({ page, demo }) => {
  await page.goto(`${demo.url}/demo/empty.html`);
  const result = await page.evaluate(async () => {
    const { createEvidenceWriter, verify } = await import('/web/bulk/evidence.js');
    const w = createEvidenceWriter();
    const lines = [await w.append({ customerId: 'a', state: 'submitted' }), await w.append({ customerId: 'b', state: 'submitted' })];
    const edited = lines[0] + lines[1].replace('"b"', '"x"');
    return { valid: await verify(lines.join('')), edited: await verify(edited), lastHash: w.lastHash };
  });
  expect(result.valid).toEqual({ ok: true, count: 2, lastHash: result.lastHash });
  expect([result.edited.code, result.edited.line]).toEqual(['evidence.edited', 2]);
});

test('parseCsvStream reads a File in Chromium: semicolons, BOM and a quoted line break', async ({ page, demo }) => {
  await page.goto(`${demo.url}/demo/empty.html`);
  const result = await page.evaluate(async () => {
    const { loadCore } = await import('/web/index.js');
    const core = await loadCore();
    const file = new File(['\uFEFFTenant ID;E-mail;Achternaam\r\nx;a@b.nl;"van\r\nDijk"\r\n'], 'klanten.csv', { type: 'text/csv' });
    return core.parseCsvStream(file);
  });
  expect(result).toEqual({ separator: ';', bom: true, columns: ['customerId', 'email', 'Achternaam'],
    rows: [{ _line: 2, customerId: 'x', email: 'a@b.nl', Achternaam: 'van\r\nDijk' }], errors: [], fileError: null });
});
