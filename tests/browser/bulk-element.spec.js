// <mca-bulk> in the demo dashboard against the emulator, under the strict
// CSP: a file picked and a file dropped, the dry run's exact counts and
// problems (invalid with translated codes and lines, duplicate, already
// confirmed), the submit with its progress bar, the final counts, the
// results CSV (input's separator, formula neutralised) and evidence
// downloads, a reload that resumes from IndexedDB without a second POST,
// the enhanced flow's links and QR code, axe-core clean, screenshots.
import { readFile } from 'node:fs/promises';
import { test as base, expect, openDashboard, axe } from './fixtures.js';
import { startDemoServer } from '../../demo/server.mjs';
import { demoCustomers } from '../../demo/data.mjs';
import { translate } from '../../web/i18n/index.js';
import { loadCore } from '../../web/core.js';
import { verify } from '../../web/bulk/evidence.js';

const CONTOSO = '3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04';
const FABRIKAM = 'b6e1c9d2-47a3-4f58-8e2b-9c0d1a3f5e67';
const NORTHWIND = 'a1d4f7c2-5b8e-4c3a-9f6d-0e2b4c6a8d13';   // an MCA confirmation on record
const WOODGROVE = 'd2f5b8e1-3c6a-4d9f-a2b5-c8e1f4a7d0b3';   // direct-signed
const TAILSPIN = 'c7e9a2b4-6d8f-4a1c-b3e5-f7092a4c6e81';

/** Extra customers for the longer runs: ids made from a counter. */
const extra = Array.from({ length: 40 }, (_, i) => ({
  id: `0000${String(i).padStart(4, '0')}-1111-4222-8333-444455556666`, companyName: `Bulk Customer ${i}`,
  country: 'NL', directSigned: false, agreements: [],
}));

const test = base.extend({
  demo: async ({}, use) => {
    const demo = await startDemoServer({ port: 0, customers: [...demoCustomers, ...extra] });
    await use(demo);
    await demo.close();
  },
});

// Line 2..9 of a Dutch-Excel file (";"): two to send, two already confirmed,
// a duplicate, a formula in the customer ID, a bad e-mail, a line too long.
const MIXED = ['Tenant ID;First name;Last name;E-mail;Date agreed',
  `${CONTOSO};Anne;de Vries;anne@contoso.nl;2026-01-15T09:30:00Z`,
  `${FABRIKAM};Jonas;Becker;jonas@fabrikam.de;2026-01-15T10:00:00Z`,
  `${NORTHWIND};Olivia;Hughes;olivia@northwind.co.uk;2026-01-15T10:30:00Z`,
  `${WOODGROVE};Mia;Lopez;mia@woodgrove.com;2026-01-15T11:00:00Z`,
  `${CONTOSO.toUpperCase()};Anne;de Vries;anne@contoso.nl;2026-01-15T09:30:00Z`,
  "=cmd|' /C calc'!A0;Eve;Evil;eve@contoso.nl;2026-01-15T09:30:00Z",
  `${TAILSPIN};Élodie;Moreau;elodie@@tailspin;2026-01-15T11:30:00Z`,
  `${TAILSPIN};Élodie;Moreau;e@tailspin.fr;2026-01-15T11:30:00Z;extra`].join('\r\n') + '\r\n';

const LITWARE = 'f4b7d0a3-9e2c-4f5b-8a1d-3c6e9f2b5a87';   // no relationship: its reads are refused (403)

const countsOf = (bulk) => bulk.locator('.counts tbody tr').evaluateAll((rows) =>
  Object.fromEntries(rows.map((r) => [r.dataset.state, Number(r.querySelector('td').textContent)])));

async function postsOf(demo) { return demo.emulator.stats().posts; }

// English of the core's codes is the core's own message: loading a core adds it to translate().
test.beforeAll(async () => { await loadCore(); });

test('a picked CSV: the dry run counts and problems are exact, the submit ends in the same counts, downloads are right', async ({ page, demo }, testInfo) => {
  await openDashboard(page, demo);
  const bulk = page.locator('mca-bulk');
  await bulk.locator('input[type="file"]').setInputFiles({ name: 'klanten.csv', mimeType: 'text/csv', buffer: Buffer.from(MIXED) });
  await expect(bulk).toHaveAttribute('data-state', 'checked');
  expect(await countsOf(bulk)).toEqual({ 'to-send': 2, 'already-confirmed': 2, skipped: 1, invalid: 3 });
  const problems = await bulk.locator('.problems li').evaluateAll((items) =>
    items.map((li) => [Number(li.dataset.line), li.dataset.state, li.dataset.reason, li.textContent]));
  expect(problems.map(([line, state, reason]) => [line, state, reason])).toEqual([
    [4, 'already-confirmed', 'already-confirmed'], [5, 'already-confirmed', 'direct-signed'], [6, 'skipped', 'duplicate'],
    [7, 'invalid', 'customerId.invalid'], [8, 'invalid', 'email.localInvalid'], [9, 'invalid', 'csv.tooManyFields']]);
  expect(problems[2][3]).toContain(`${translate('duplicate', 'en')} (Line 2)`);
  expect(problems[4][3]).toContain(translate('email.localInvalid', 'en'));
  expect(problems[5][3]).toContain(translate('csv.tooManyFields', 'en'));
  expect(await postsOf(demo), 'the dry run sent nothing').toEqual({});
  expect(await axe(page), 'dry-run view').toEqual([]);
  await bulk.screenshot({ path: testInfo.outputPath('bulk-dry-run.png') });

  // Rendering makes no object URL: only a download button used makes one (counted around the real function).
  await page.evaluate(() => {
    const make = URL.createObjectURL;
    window.__objectUrls = 0;
    URL.createObjectURL = (blob) => { window.__objectUrls += 1; return make.call(URL, blob); };
  });
  await bulk.locator('.submit').click();
  await expect(bulk).toHaveAttribute('data-state', 'done');
  expect(await countsOf(bulk)).toEqual({ submitted: 2, 'already-confirmed': 2, skipped: 1, invalid: 3 });
  expect(await page.evaluate(() => window.__objectUrls), 'no object URL made while rendering').toBe(0);
  expect(await postsOf(demo)).toEqual({ [CONTOSO]: 1, [FABRIKAM]: 1 });
  expect(await axe(page), 'results view').toEqual([]);
  await bulk.screenshot({ path: testInfo.outputPath('bulk-done.png') });

  const [results] = await Promise.all([page.waitForEvent('download'), bulk.locator('.download-results').click()]);
  expect(results.suggestedFilename()).toBe('klanten.results.csv');
  const csv = await readFile(await results.path(), 'utf8');
  const lines = csv.split('\r\n');
  expect(lines[0]).toBe('\uFEFFline;customerId;state;reason;detail;requestId;correlationId');
  expect(lines.slice(1, 9).map((l) => l.split(';').slice(0, 4).join(';'))).toEqual([
    `2;${CONTOSO};submitted;confirmed`, `3;${FABRIKAM};submitted;confirmed`,
    `4;${NORTHWIND};already-confirmed;already-confirmed`, `5;${WOODGROVE};already-confirmed;direct-signed`,
    `6;${CONTOSO};skipped;duplicate`, "7;'=cmd|' /C calc'!A0;invalid;customerId.invalid",
    `8;${TAILSPIN};invalid;email.localInvalid`, '9;;invalid;csv.tooManyFields']);
  const [evidence] = await Promise.all([page.waitForEvent('download'), bulk.locator('.download-evidence').click()]);
  const checked = await verify(await readFile(await evidence.path(), 'utf8'));
  expect([checked.ok, checked.count]).toEqual([true, 2]);
  expect(await page.evaluate(() => window.__objectUrls), 'one object URL per download').toBe(2);
});

test('a dropped file runs with a progress bar that advances; a reload resumes from IndexedDB with no second POST', async ({ page, demo }, testInfo) => {
  await openDashboard(page, demo, 'nl');
  const bulk = page.locator('mca-bulk');
  // 20 requests a second: the 40 rows (three requests each) take a few seconds.
  await bulk.evaluate((el) => { el.setAttribute('rate-limit', '20'); el.setAttribute('rate-window-ms', '1000'); });
  const csv = ['customerId,firstName,lastName,email,dateAgreed',
    ...extra.map((c, i) => `${c.id},Anne,Jansen,anne.${i}@example.nl,2026-01-15T09:30:00Z`)].join('\n');
  await bulk.locator('.drop-zone').evaluate((zone, text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'klanten.csv', { type: 'text/csv' }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, composed: true, cancelable: true }));
  }, csv);
  await expect(bulk).toHaveAttribute('data-state', 'checked', { timeout: 15_000 });
  expect(await countsOf(bulk)).toEqual({ 'to-send': 40 });
  await bulk.locator('.submit').click();
  const bar = bulk.locator('progress');
  await expect(bar).toBeVisible();
  await expect.poll(async () => Number(await bar.getAttribute('data-done') ?? 0)).toBeGreaterThan(3);
  const first = Number(await bar.getAttribute('data-done'));
  await expect.poll(async () => Number(await bar.getAttribute('data-done'))).toBeGreaterThan(first);
  await expect(bulk.locator('.progress-text')).toContainText(/regels\/s · (nog ongeveer \d+ s|resterende tijd)/);
  expect(await axe(page), 'progress view').toEqual([]);
  await bulk.screenshot({ path: testInfo.outputPath('bulk-progress.png') });
  const before = Object.keys(await postsOf(demo)).length;
  expect(before).toBeLessThan(40);

  await page.reload();
  await expect(page.locator('body')).toHaveAttribute('data-statuses-ready', 'true');
  await page.locator('#ui-lang').selectOption('nl');
  await expect(bulk).toHaveAttribute('data-state', 'checked', { timeout: 15_000 });
  await expect(bulk.locator('.resume-note')).toContainText('klanten.csv');
  const resumed = await countsOf(bulk);
  // Rows settled before the reload show as submitted; a confirmation in flight at the reload and stored by the
  // service reads as already confirmed in the dry run (the submit then finds it: confirmed-found-on-resume).
  expect(Object.values(resumed).reduce((a, b) => a + b), JSON.stringify(resumed)).toBe(40);
  expect(resumed.submitted + (resumed['already-confirmed'] ?? 0), JSON.stringify(resumed)).toBeGreaterThanOrEqual(before);
  expect(resumed['to-send']).toBeGreaterThan(0);
  await bulk.evaluate((el) => el.setAttribute('rate-limit', '0'));
  await bulk.locator('.submit').click();
  await expect(bulk).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  expect(await countsOf(bulk)).toEqual({ submitted: 40 });
  const posts = await postsOf(demo);
  expect(Object.keys(posts).sort()).toEqual(extra.map((c) => c.id).sort());
  expect(Object.values(posts).every((n) => n === 1), 'exactly one stored POST per customer').toBe(true);
  await bulk.screenshot({ path: testInfo.outputPath('bulk-resumed.png') });
});

test('the enhanced flow gives each row its acceptance link and a QR code for the selected row', async ({ page, demo }, testInfo) => {
  await openDashboard(page, demo);
  const bulk = page.locator('mca-bulk');
  await bulk.getByLabel('Enhanced attestation (each customer accepts through a link)').check();
  const csv = ['customerId,companyName,country,language,signatoryFirstName,signatoryLastName,signatoryEmail',
    `${CONTOSO},Contoso Nederland B.V.,NL,nl-NL,Anne,de Vries,anne@contoso.nl`,
    `${FABRIKAM},Fabrikam Deutschland GmbH,DE,de-DE,Jonas,Becker,jonas@fabrikam.de`].join('\n');
  await bulk.getByLabel('CSV file of customers').setInputFiles({ name: 'enhanced.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(bulk).toHaveAttribute('data-state', 'checked');
  await bulk.locator('.submit').click();
  await expect(bulk).toHaveAttribute('data-state', 'done');
  expect(await countsOf(bulk)).toEqual({ 'awaiting-acceptance': 2 });
  const links = await bulk.locator('.row-link').evaluateAll((as) => as.map((a) => a.href));
  expect(links).toHaveLength(2);
  for (const link of links) expect(link).toMatch(/^https:\/\/cdn\.partner\.microsoft\.com\/mca\/\?attestationid=[0-9a-f-]{36}$/);
  await bulk.getByRole('button', { name: 'QR code for line 3' }).click();
  const qr = bulk.locator('.qr svg');
  await expect(qr).toBeVisible();
  await expect(qr).toHaveAttribute('aria-label', 'QR code of the acceptance link of line 3');
  expect(await axe(page), 'enhanced results with a QR code').toEqual([]);
  await bulk.screenshot({ path: testInfo.outputPath('bulk-enhanced-qr.png') });

  // The customer of line 2 accepts; the next run records its agreement and line 3 keeps waiting.
  const id = new URL(links[0]).searchParams.get('attestationid');
  expect((await page.request.post(`${demo.url}/_emulator/attestations/${id}/accept`)).status()).toBe(200);
  await bulk.locator('.again').click();
  await expect(bulk).toHaveAttribute('data-state', 'checked');
  // One count behind every figure: the two waiting rows are what the submit works on.
  expect(await countsOf(bulk)).toEqual({ 'to-send': 2 });
  await expect(bulk.locator('.submit')).toHaveText('Submit 2 row(s)');
  await bulk.locator('.submit').click();
  await expect(bulk).toHaveAttribute('data-state', 'done');
  expect(await countsOf(bulk)).toEqual({ submitted: 1, 'awaiting-acceptance': 1 });
  expect(await postsOf(demo)).toEqual({ [CONTOSO]: 1 });
});

test('one count behind every dry-run figure: table, submit button, status line and event agree', async ({ page, demo }, testInfo) => {
  await openDashboard(page, demo);
  const bulk = page.locator('mca-bulk');
  await bulk.evaluate((el) => el.addEventListener('mca-bulk-checked', (e) => { window.__checked = e.detail; }));
  const csv = ['customerId,firstName,lastName,email,dateAgreed',
    `${CONTOSO},Anne,de Vries,anne@contoso.nl,2026-01-15T09:30:00Z`,
    `${FABRIKAM},Jonas,Becker,jonas@fabrikam.de,2026-01-15T10:00:00Z`,
    `${LITWARE},Lee,Chen,lee@litware.com,2026-01-15T10:30:00Z`,
    `${NORTHWIND},Olivia,Hughes,olivia@northwind.co.uk,2026-01-15T10:30:00Z`].join('\n');
  await bulk.locator('input[type="file"]').setInputFiles({ name: 'count.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(bulk).toHaveAttribute('data-state', 'checked');
  const checked = await page.evaluate(() => window.__checked);
  // Litware's reads are refused in the dry run: the submit tries it again, so it is one of the rows it works on.
  expect(checked.toSend).toBe(3);
  expect(await countsOf(bulk)).toEqual({ 'to-send': 3, 'already-confirmed': 1 });
  await expect(bulk.locator('.submit')).toHaveText('Submit 3 row(s)');
  await expect(bulk.locator('.status')).toHaveText('Dry run done: 3 row(s) would be sent. Nothing was sent yet.');
  expect(await bulk.evaluate((el) => el.result.toSend)).toBe(3);
  const retried = bulk.locator('.retried li');
  await expect(retried).toHaveCount(1);
  await expect(retried).toHaveAttribute('data-line', '4');
  await expect(bulk.locator('.problems > ul li')).toHaveCount(1);
  await bulk.screenshot({ path: testInfo.outputPath('bulk-one-count.png') });
});

test('a file without a customerId column is refused with the core\'s file-level fault, in the element\'s language', async ({ page, demo }) => {
  await openDashboard(page, demo, 'nl');
  const bulk = page.locator('mca-bulk');
  await bulk.evaluate((el) => el.addEventListener('mca-error', (e) => { window.__bulkError = e.detail.code; }));
  await bulk.locator('input[type="file"]').setInputFiles({ name: 'namen.csv', mimeType: 'text/csv',
    buffer: Buffer.from('naam;e-mail\nAnne;anne@contoso.nl\n') });
  await expect(bulk).toHaveAttribute('data-state', 'error');
  expect(await page.evaluate(() => window.__bulkError)).toBe('csv.noCustomerId');
  const core = await loadCore();
  const fault = core.parseCsv('naam;e-mail\nAnne;anne@contoso.nl\n').fileError;
  await expect(bulk.locator('.status')).toHaveText(`Het bestand is niet bruikbaar: ${translate(fault.code, 'nl', fault.message)}`);
  expect(await postsOf(demo)).toEqual({});
});

test('<mca-bulk> without a flow attribute runs the enhanced flow (classic stays selectable)', async ({ page, demo }) => {
  await page.goto(`${demo.url}/demo/empty.html`);
  const seen = await page.evaluate(async () => {
    const lib = await import('/web/index.js');
    await lib.loadCore();          // the .wasm the module fetched on import is in before the page closes
    lib.defineElement();
    const el = document.createElement('mca-bulk');
    document.body.append(el);
    await new Promise((done) => setTimeout(done, 0));
    const checked = () => el.shadowRoot.querySelector('input[type="radio"]:checked')?.value ?? null;
    const first = { flow: el.flow, checked: checked() };
    el.flow = 'classic';
    await new Promise((done) => setTimeout(done, 0));
    return [first, { flow: el.flow, checked: checked() }];
  });
  expect(seen).toEqual([{ flow: 'enhanced', checked: 'enhanced' }, { flow: 'classic', checked: 'classic' }]);
});
