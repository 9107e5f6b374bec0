// The demo's decisions in Chromium: each sample customer shows what
// detectScenario decided and why, in English and, switched, in Dutch.
import { test, expect } from '@playwright/test';
import en from '../../web/i18n/en.js';
import nl from '../../web/i18n/nl.js';

test.beforeEach(async ({ page }, testInfo) => {
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(msg.text()); });
  page.on('pageerror', (err) => problems.push(String(err)));
  testInfo.problems = problems;
});

test.afterEach(async ({}, testInfo) => {
  expect(testInfo.problems, 'no console errors or CSP violations').toEqual([]);
});

// [sample, action, reasons]
const expected = [
  ['existing-partner', 'attest', ['no-acceptance']],
  ['new-partner', 'attest', ['no-acceptance']],
  ['already-confirmed', 'none', ['already-confirmed']],
  ['direct-signed', 'none', ['direct-signed']],
  ['cloud-agreement-only', 'attest', ['cloud-agreement-only']],
  ['indirect-reseller', 'ask-indirect-provider', ['no-acceptance', 'indirect-reseller']],
];

test('each sample customer shows its decision and its reasons in English', async ({ page }, testInfo) => {
  await page.goto('/demo/');
  await expect(page.locator('body')).toHaveAttribute('data-decisions-ready', 'true');
  for (const [key, action, reasons] of expected) {
    const item = page.locator(`#decisions > li[data-customer="${key}"]`);
    await expect(item).toHaveAttribute('data-action', action);
    await expect(item.locator('.reasons > li')).toHaveText(reasons.map((code) => en[code]));
    expect(await item.locator('.reasons > li').evaluateAll((els) => els.map((e) => e.dataset.code))).toEqual(reasons);
  }
  await expect(page.locator('li[data-customer="indirect-reseller"] .action')).toHaveText('Ask the indirect provider');
  await page.locator('#decisions').screenshot({ path: testInfo.outputPath('decisions-en.png') });
});

test('switching the language to Dutch translates the reasons', async ({ page }, testInfo) => {
  await page.goto('/demo/');
  await expect(page.locator('body')).toHaveAttribute('data-decisions-ready', 'true');
  await page.locator('#decision-lang').selectOption('nl');
  await expect(page.locator('#decisions')).toHaveAttribute('lang', 'nl');
  await expect(page.locator('li[data-customer="direct-signed"] .reasons > li')).toHaveText([nl['direct-signed']]);
  await expect(page.locator('li[data-customer="cloud-agreement-only"] .reasons > li')).toHaveText([nl['cloud-agreement-only']]);
  await expect(page.locator('li[data-customer="existing-partner"] .action')).toHaveText('Nu attesteren');
  await page.locator('#decisions').screenshot({ path: testInfo.outputPath('decisions-nl.png') });
});

test('the reasons are text, never markup', async ({ page }) => {
  await page.goto('/demo/');
  await expect(page.locator('body')).toHaveAttribute('data-decisions-ready', 'true');
  const elementsInReasons = await page.locator('.reasons > li *').count();
  expect(elementsInReasons).toBe(0);
});
