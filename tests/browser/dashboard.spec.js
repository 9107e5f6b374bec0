// The demo dashboard: every emulator customer with the MCA status the core
// decides from what the emulator holds, the text and status filters, Dutch
// labels, and the README screenshot (docs/demo.png).
import { fileURLToPath } from 'node:url';
import { test, expect, openDashboard } from './fixtures.js';

const expected = {
  'Contoso Nederland B.V.': 'needs-attestation',
  'Fabrikam Deutschland GmbH': 'needs-attestation',
  'Northwind Traders Ltd': 'confirmed',
  'Tailspin Toys SARL': 'needs-attestation',
  'Woodgrove Bank': 'confirmed-directly',
  'Adventure Works Cycles Pty Ltd': 'needs-attestation',
  'Litware Inc.': 'cannot-attest',
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
  await expect(row('Litware Inc.').locator('.why')).toHaveText('There is no reseller relationship between the partner and this customer.');
  await expect(row('Tailspin Toys SARL').locator('.why')).toContainText('before the refresh cut-off');
});

test('the text and status filters narrow the list, and the labels follow the language', async ({ page, demo }) => {
  await openDashboard(page, demo);
  await page.locator('#filter-status').selectOption('cannot-attest');
  expect(Object.keys(await statuses(page))).toEqual(['Litware Inc.', 'Proseware, Inc.']);
  await page.locator('#filter-text').fill('prose');
  expect(Object.keys(await statuses(page))).toEqual(['Proseware, Inc.']);
  await expect(page.locator('#filter-count')).toHaveText('1 of 9 customers shown');
  await page.locator('#filter-status').selectOption('');
  await page.locator('#filter-text').fill(' NL ');
  expect(Object.keys(await statuses(page))).toEqual(['Contoso Nederland B.V.', 'Wingtip Toys B.V.']);
  await page.locator('#ui-lang').selectOption('nl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.locator('#filter-count')).toHaveText('2 van 9 klanten getoond');
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
