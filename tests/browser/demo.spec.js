// The demo page in Chromium: the core loads under the strict CSP and
// validates a customer ID as the user types (the fixture fails a test on any
// CSP violation, console error or page error).
import { test, expect } from './fixtures.js';

test('loadCore resolves in Chromium and the page shows the core version', async ({ page, demo }) => {
  const response = await page.goto(`${demo.url}/demo/`);
  expect(response.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  await expect(page.locator('body')).toHaveAttribute('data-core-ready', 'true');
  await expect(page.locator('#core-version')).toHaveText(/^\d+\.\d+\.\d+$/);
  const version = await page.evaluate(async () => (await (await import('/web/index.js')).loadCore()).version);
  await expect(page.locator('#core-version')).toHaveText(version);
});

test('an upper-case customer ID is accepted and shown in lower case', async ({ page, demo }, testInfo) => {
  await page.goto(`${demo.url}/demo/`);
  await expect(page.locator('body')).toHaveAttribute('data-core-ready', 'true');
  await page.locator('#customer-id').pressSequentially('0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0');
  await expect(page.locator('#customer-id-status')).toHaveText('Valid: 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0');
  await expect(page.locator('#customer-id')).toHaveAttribute('aria-invalid', 'false');
  await page.screenshot({ path: testInfo.outputPath('demo-valid.png') });
});

test('a malformed customer ID shows the error while typing, and it clears when fixed', async ({ page, demo }) => {
  await page.goto(`${demo.url}/demo/`);
  await expect(page.locator('body')).toHaveAttribute('data-core-ready', 'true');
  const field = page.locator('#customer-id');
  await field.fill('0f1e2d3c-4b5a');
  await expect(page.locator('#customer-id-status')).toHaveAttribute('data-code', 'customerId.invalid');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill('00000000-0000-0000-0000-000000000000');
  await expect(page.locator('#customer-id-status')).toHaveAttribute('data-code', 'customerId.zero');
  await field.fill('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0');
  await expect(page.locator('#customer-id-status')).toHaveAttribute('data-code', 'ok');
  await expect(field).toHaveAttribute('aria-invalid', 'false');
});

test('the page reaches the emulator on its own origin through /pc/ under the CSP', async ({ page, demo }) => {
  await page.goto(`${demo.url}/demo/`);
  await expect(page.locator('body')).toHaveAttribute('data-core-ready', 'true');
  const result = await page.evaluate(async () => {
    const { createClient } = await import('/web/index.js');
    const client = createClient({ baseUrl: '/pc' });
    const templates = await client.getAgreementTemplates();
    const status = await client.getDirectSignedStatus('d2f5b8e1-3c6a-4d9f-a2b5-c8e1f4a7d0b3');
    return { templateId: templates.items[0].templateId, isSigned: status.isSigned };
  });
  expect(result).toEqual({ templateId: '117a77b0-9360-443b-8795-c6dedc750cf9', isSigned: true });
});
