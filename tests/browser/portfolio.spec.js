// The dashboard's one customer list in Debian's Chromium under the strict
// CSP: every customer Partner Center lists, read with scanPortfolio through
// the proxy (no list of the dashboard's own), counted per status, sorted,
// exported as the scan CSV, the attestations waiting for customers (an
// expired one leads to a new link), Dutch labels, and 2,000 customers shown a
// page at a time.
import { readFile } from 'node:fs/promises';
import { test, expect, openDashboard } from './fixtures.js';
import { labels } from '../../web/i18n/index.js';
import { loadCore } from '../../web/core.js';
import { startDemoServer } from '../../demo/server.mjs';

const CONTOSO = '3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04';
const names = (page) => page.locator('#customer-rows th').allTextContents();

async function portfolioReady(page, timeout = 60_000) {
  await expect(page.locator('#portfolio')).toHaveAttribute('data-ready', 'true', { timeout });
}

test('the portfolio lists what Partner Center lists, counts, sorts, exports the scan CSV, speaks Dutch', async ({ page, demo }) => {
  await openDashboard(page, demo);
  await portfolioReady(page);
  const shown = await names(page);
  expect(shown).toHaveLength(8);                        // Litware: no relationship, not listed
  expect(shown).not.toContain('Litware Inc.');
  expect(shown).toEqual([...shown].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  const counts = await page.locator('#portfolio-counts li').evaluateAll((li) =>
    Object.fromEntries(li.map((x) => [x.dataset.status, Number(x.dataset.count)])));
  expect(counts).toEqual({ 'needs-attestation': 4, 'cannot-attest': 1, confirmed: 1, 'confirmed-directly': 1, 'old-template': 1 });
  expect(demo.emulator.requests().filter((r) => r.path === '/v1/customers'), 'the list is Partner Center\'s').toHaveLength(1);
  await page.locator('#portfolio-sort').selectOption('country');
  const countries = await page.locator('#customer-rows td:nth-child(2)').allTextContents();
  expect(countries).toEqual([...countries].sort());
  await page.locator('#portfolio-sort').selectOption('status');
  const statuses = await page.locator('#customer-rows tr').evaluateAll((rows) => rows.map((r) => r.dataset.status));
  expect(statuses).toEqual([...statuses].sort());

  const download = page.waitForEvent('download');
  await page.locator('#portfolio-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('portfolio.csv');
  const bytes = await readFile(await file.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const core = await loadCore();
  const parsed = core.parseCsv(bytes, { flow: 'enhanced' });
  expect(parsed.rows).toHaveLength(8);
  expect(parsed.columns.slice(0, 7)).toEqual(['customerId', 'companyName', 'country', 'language', 'status', 'action', 'reasons']);
  expect(parsed.rows.find((r) => r.customerId === CONTOSO)).toMatchObject({ country: 'NL', language: 'nl-NL',
    status: 'needs-attestation', action: 'attest' });

  // The export is the list as the filter shows it.
  await page.locator('#filter-status').selectOption('cannot-attest');
  const filtered = page.waitForEvent('download');
  await page.locator('#portfolio-export').click();
  const few = core.parseCsv(await readFile(await (await filtered).path()), { flow: 'enhanced' });
  expect(few.rows.map((r) => [r.companyName, r.status, r.action])).toEqual([['Proseware, Inc.', 'cannot-attest', 'ask-indirect-provider']]);
  await page.locator('#filter-status').selectOption('');

  await page.locator('#ui-lang').selectOption('nl');
  await expect(page.locator('#portfolio-export')).toHaveText('De lijst exporteren');
  await expect(page.locator('#portfolio-progress')).toHaveText('8 van 8 klanten gelezen.');
  await expect(page.locator('#waiting-title')).toHaveText('Wachten op klanten');
  await expect(page.locator('#portfolio-counts li[data-status="needs-attestation"] .badge')).toHaveText('Attestatie nodig');
  expect(demo.emulator.stats().posts).toEqual({});
});

test('waiting for customers: a sent attestation with its expiry and link; expired, it leads to a new link', async ({ page, demo, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: demo.url });
  await openDashboard(page, demo);
  await portfolioReady(page);
  await expect(page.locator('#waiting-empty')).toBeVisible();
  await page.locator('#customer-rows').getByRole('button', { name: 'Contoso Nederland B.V.' }).click();
  const contoso = page.locator(`#customer-rows tr[data-customer="${CONTOSO}"]`);
  const element = page.locator('mca-attestation');
  await expect(element).toHaveAttribute('data-state', 'ready');
  await element.getByLabel(labels.en['field.signatoryFirstName']).fill('Anne');
  await element.getByLabel(labels.en['field.signatoryLastName']).fill('de Vries');
  await element.getByLabel(labels.en['field.signatoryEmail']).fill('anne@contoso.nl');
  await element.locator('.submit').click();
  await expect(element).toHaveAttribute('data-state', 'awaiting');
  await expect(contoso, 'the list reads the store: the customer is asked').toHaveAttribute('data-status', 'awaiting-acceptance');
  await expect(page.locator('#portfolio-counts li[data-status="awaiting-acceptance"]')).toHaveAttribute('data-count', '1');
  const [created] = demo.emulator.attestations();
  const row = page.locator(`#waiting-rows tr[data-attestation="${created.id}"]`);
  await expect(row).toHaveAttribute('data-expired', 'false');
  await expect(row.locator('th')).toHaveText('Contoso Nederland B.V.');
  await expect(row.locator('td').first()).toContainText(created.expirationDateTime.slice(0, 10));
  await row.locator('.copy-link').click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(created.acceptanceLink);

  demo.emulator.expireAttestation(created.id);
  await page.reload();
  await openDashboard(page, demo);
  await portfolioReady(page);
  await expect(page.locator(`#customer-rows tr[data-customer="${CONTOSO}"]`)).toHaveAttribute('data-status', 'needs-attestation');
  const expired = page.locator(`#waiting-rows tr[data-attestation="${created.id}"]`);
  await expect(expired).toHaveAttribute('data-expired', 'true');
  // One click in the waiting list makes the new link, with the values kept with the old one.
  await expect(expired.locator('.new-link')).toHaveText(labels.en.newLink);
  await expired.locator('.new-link').click();
  await expect(element).toHaveAttribute('data-state', 'awaiting');
  expect(demo.emulator.attestations()).toHaveLength(2);
  const renewed = demo.emulator.attestations().find((a) => a.id !== created.id);
  expect(renewed).toMatchObject({ status: 'Pending', companyName: created.companyName, country: created.country,
    language: created.language });
  await expect(contoso).toHaveAttribute('data-status', 'awaiting-acceptance');
});

test('2,000 customers: read while the page stays usable, a page of rows at a time', async ({ page }) => {
  test.setTimeout(400_000);
  const demo = await startDemoServer({ port: 0, emulator: { generate: { count: 2000, seed: 4 } } });
  try {
    await page.goto(`${demo.url}/demo/`);
    // While the scan streams in, the list shows one page and answers the keyboard and mouse.
    await expect(page.locator('#portfolio-progress')).toHaveText(/^\d+ of \d+\+ customers read…$/, { timeout: 60_000 });
    await expect(page.locator('#customer-rows tr')).toHaveCount(50, { timeout: 60_000 });
    await page.locator('#portfolio-sort').selectOption('country');
    await page.locator('#portfolio-sort').selectOption('name');
    await portfolioReady(page, 360_000);
    await expect(page.locator('#portfolio-progress')).toHaveText('2008 of 2008 customers read.');
    await expect(page.locator('#customer-rows tr')).toHaveCount(50);
    await expect(page.locator('#portfolio-page')).toHaveText('Page 1 of 41');
    const first = await names(page);
    await page.locator('#portfolio-next').click();
    await expect(page.locator('#portfolio-page')).toHaveText('Page 2 of 41');
    const second = await names(page);
    expect(second).toHaveLength(50);
    expect(second.some((n) => first.includes(n))).toBe(false);
    const total = await page.locator('#portfolio-counts li').evaluateAll((li) => li.reduce((n, x) => n + Number(x.dataset.count), 0));
    expect(total).toBe(2008);
    expect(demo.emulator.stats().posts).toEqual({});
  } finally {
    await demo.close();
  }
});
