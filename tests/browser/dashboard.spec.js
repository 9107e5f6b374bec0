// The demo dashboard: its one customer list is what Partner Center lists,
// each customer with the MCA status the core decides from what the emulator
// holds and what the partner's own systems know of the purchase (a new
// partner, an indirect reseller); the text and status filters, Dutch labels,
// and the README screenshot (docs/demo.png).
import { fileURLToPath } from 'node:url';
import { test, expect, openDashboard } from './fixtures.js';
import { startDemoServer } from '../../demo/server.mjs';
import { translate } from '../../web/i18n/index.js';

const expected = {
  'Contoso Nederland B.V.': 'needs-attestation',
  'Fabrikam Deutschland GmbH': 'needs-attestation',
  'Northwind Traders Ltd': 'confirmed',
  'Tailspin Toys SARL': 'needs-attestation',
  'Woodgrove Bank': 'confirmed-directly',
  'Adventure Works Cycles Pty Ltd': 'needs-attestation',
  'Wingtip Toys B.V.': 'old-template',
  'Proseware, Inc.': 'cannot-attest',
};

const statuses = (page) => page.locator('#customer-rows tr').evaluateAll((rows) =>
  Object.fromEntries(rows.map((r) => [r.querySelector('th').textContent, r.dataset.status])));

test('every customer shows the status detectScenario decides from what the emulator holds', async ({ page, demo }) => {
  await openDashboard(page, demo);
  expect(await statuses(page)).toEqual(expected);
  const row = (name) => page.locator('#customer-rows tr', { has: page.getByRole('button', { name }) });
  await expect(row('Woodgrove Bank').locator('.badge')).toHaveText('Confirmed directly');
  await expect(row('Wingtip Toys B.V.').locator('.badge')).toHaveText('On an old template');
  await expect(row('Proseware, Inc.').locator('.why')).toContainText(translate('indirect-reseller', 'en'));
  await expect(row('Fabrikam Deutschland GmbH').locator('.badge')).toHaveText('Needs attestation');
  // Partner Center does not list a customer without a relationship (Litware): it opens by its ID.
  await page.locator('#customer-id').fill('f4b7d0a3-9e2c-4f5b-8a1d-3c6e9f2b5a87');
  await page.locator('#customer-open').click();
  await expect(page.locator('mca-attestation')).toHaveAttribute('data-state', 'error');
  await expect(page.locator('mca-attestation .error')).toHaveAttribute('data-code', 'relationship.missing');
  expect(demo.emulator.requests().filter((r) => r.path === '/v1/customers').length, 'the list: one page').toBe(1);
  await expect(row('Tailspin Toys SARL').locator('.why')).toContainText('before the refresh cut-off');
});

test('a customer whose read fails is listed with the core\'s status for what was read and the explained error', async ({ page }) => {
  // The second Partner Center request (a customer's confirmations, after the list page) fails for good.
  const demo = await startDemoServer({ port: 0, emulator: { faults: { rate: 0, once: [{ kind: '500-final', at: 2 }] } } });
  try {
    await openDashboard(page, demo);
    const failed = page.locator('#customer-rows tr[data-error]');
    await expect(failed).toHaveCount(1);
    await expect(page.locator('#customer-rows tr')).toHaveCount(8);
    const code = await failed.getAttribute('data-error');
    await expect(failed).toHaveAttribute('data-status', 'unknown');
    await expect(failed.locator('.badge')).toHaveText('Unknown');
    await expect(failed.locator('.why')).toHaveText(translate(code, 'en'));
    await expect(page.locator('#portfolio-counts li[data-status="unknown"]')).toHaveAttribute('data-count', '1');
  } finally {
    await demo.close();
  }
});

test('the text and status filters narrow the list, and the labels follow the language', async ({ page, demo }) => {
  await openDashboard(page, demo);
  await page.locator('#filter-status').selectOption('cannot-attest');
  expect(Object.keys(await statuses(page))).toEqual(['Proseware, Inc.']);
  await page.locator('#filter-status').selectOption('needs-attestation');
  await page.locator('#filter-text').fill('fab');
  expect(Object.keys(await statuses(page))).toEqual(['Fabrikam Deutschland GmbH']);
  await expect(page.locator('#filter-count')).toHaveText('1 of 8 customers shown');
  await page.locator('#filter-status').selectOption('');
  await page.locator('#filter-text').fill(' NL ');
  expect(Object.keys(await statuses(page))).toEqual(['Contoso Nederland B.V.', 'Wingtip Toys B.V.']);
  await page.locator('#ui-lang').selectOption('nl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.locator('#filter-count')).toHaveText('2 van 8 klanten getoond');
  await expect(page.locator('#customer-rows tr').first().locator('.badge')).toHaveText('Attestatie nodig');
  await expect(page.locator('#filter-status option[value="old-template"]')).toHaveText('Op een oud sjabloon');
});

test('screenshot of the dashboard with a pending enhanced attestation (docs/demo.png)', async ({ page, demo }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openDashboard(page, demo);
  const element = page.locator('mca-attestation');
  await page.getByRole('button', { name: 'Contoso Nederland B.V.' }).click();
  await expect(element).toHaveAttribute('data-state', 'ready');
  await element.getByLabel("Signatory's first name").fill('Anne');
  await element.getByLabel("Signatory's last name").fill('de Vries');
  await element.getByLabel("Signatory's email address").fill('anne@contoso.nl');
  await element.locator('.submit').click();
  await expect(element).toHaveAttribute('data-state', 'awaiting');
  await expect(page.locator('#play')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('dashboard-awaiting.png'), fullPage: true });
  if (process.env.MCA_UPDATE_SCREENSHOT === '1') {
    await page.screenshot({ path: fileURLToPath(new URL('../../docs/demo.png', import.meta.url)), fullPage: true });
  }
});
