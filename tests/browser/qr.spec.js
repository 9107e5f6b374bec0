// The acceptance link as a QR code in Chromium under the strict CSP: drawn
// by web/qr.js from the core's symbol, screenshotted, and decoded back from
// the screenshot's pixels by an independent decoder (jsQR).
import { test, expect } from './fixtures.js';
import jsQR from 'jsqr';
import { decodePng } from './png.js';

const LINK = 'https://cdn.partner.microsoft.com/mca/?attestationid=6f9619ff-8b86-d011-b42d-00c04fc964ff';

test('the acceptance link QR renders as one SVG path and decodes back from a screenshot', async ({ page, demo }, testInfo) => {
  const response = await page.goto(`${demo.url}/demo/empty.html`);
  expect(response.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  const info = await page.evaluate(async (link) => {
    const { loadCore, renderQr } = await import('/web/index.js');
    const core = await loadCore();
    const result = core.qrEncode(link);
    const svg = renderQr(result, { scale: 6, label: 'Scan to accept the Microsoft Customer Agreement' });
    svg.id = 'qr';
    document.body.replaceChildren(svg);
    return { version: result.version, size: result.size, border: result.border };
  }, LINK);
  const svg = page.locator('svg#qr');
  await expect(svg).toHaveAttribute('role', 'img');
  await expect(svg).toHaveAccessibleName('Scan to accept the Microsoft Customer Agreement');
  await expect(svg.locator('path')).toHaveCount(1);
  expect(await svg.evaluate((el) => el.hasAttribute('style') || !!el.querySelector('[style]'))).toBe(false);
  const side = (info.size + 2 * info.border) * 6;
  const box = await svg.boundingBox();
  expect([box.width, box.height]).toEqual([side, side]);

  const png = await svg.screenshot({ path: testInfo.outputPath('qr-acceptance-link.png') });
  await testInfo.attach('qr-acceptance-link', { body: png, contentType: 'image/png' });
  const { width, height, rgba } = decodePng(png);
  const decoded = jsQR(rgba, width, height);
  expect(decoded?.data).toBe(LINK);
  expect(decoded?.version).toBe(info.version);
});
