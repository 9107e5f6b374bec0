// Shared fixtures of the element and dashboard tests: each test gets its own
// demo server (its own emulator, so tests never see each other's writes) on
// a free port, under the strict CSP, and a page that records every CSP
// violation (securitypolicyviolation events, composed out of shadow roots),
// console error and page error. A test fails if any was recorded.
import { test as base, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startDemoServer } from '../../demo/server.mjs';

const require = createRequire(import.meta.url);
export const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const test = base.extend({
  demo: async ({}, use) => {
    const demo = await startDemoServer({ port: 0 });
    await use(demo);
    await demo.close();
  },
  page: async ({ page }, use, testInfo) => {
    const problems = [];
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
      }, true);
    });
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const url = msg.location().url ?? '';
      // Partner Center's own refusals (Litware: 403) are answers the page explains, not faults of the page.
      if (msg.text().startsWith('Failed to load resource') && new URL(url, 'http://x').pathname.startsWith('/pc/v1/')) return;
      // Entra's refusal of a refresh token (msal-browser signs the user in again): an answer, not a fault.
      if (msg.text().includes('status of 400') && /^https:\/\/login\.microsoftonline\.com\/[\w-]+\/oauth2\/v2\.0\/token\b/.test(url)) return;
      problems.push(`${msg.text()} ${url}`);
    });
    page.on('pageerror', (err) => problems.push(String(err)));
    await use(page);
    const violations = page.isClosed() ? [] : await page.evaluate(() => window.__cspViolations ?? []).catch(() => []);
    expect(violations, 'no CSP violation').toEqual([]);
    expect(problems, 'no console or page error').toEqual([]);
    void testInfo;
  },
});
export { expect };

/** Opens the dashboard and waits until every customer's status is read. */
export async function openDashboard(page, demo, lang = 'en') {
  const response = await page.goto(`${demo.url}/demo/`);
  expect(response.headers()['content-security-policy']).toBe("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
    + "style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
  await expect(page.locator('body')).toHaveAttribute('data-statuses-ready', 'true');
  if (lang !== 'en') await page.locator('#ui-lang').selectOption(lang);
}

/** Runs axe-core on the page (shadow roots included) and returns its violations. */
export async function axe(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}
