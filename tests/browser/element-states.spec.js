// <mca-attestation> between its states, on the demo dashboard under the
// strict CSP: after a submit the decision is read again (nothing stale under
// the result), an expired link leaves one way on ("Create a new link", the
// form's values kept), a customer Partner Center does not know shows its id,
// the focus follows the user (acceptance link, the element's heading on
// small screens), and every message is said once by the live regions.
import { test, expect, openDashboard } from './fixtures.js';
import { labels } from '../../web/i18n/index.js';

const CONTOSO = '3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04';
const UNKNOWN = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const t = labels.en;

/**
 * Records what the live regions say, from the first script on: each change
 * of a live region's text (role status or alert, aria-live, in the page and
 * in every shadow root) and each live node inserted, as { where, text }.
 */
async function recordSaid(page) {
  await page.addInitScript(() => {
    window.__said = [];
    const LIVE = '[role="status"], [role="alert"], [aria-live]';
    const note = (region) => {
      const text = region.textContent.trim();
      if (text && region.checkVisibility()) window.__said.push({ where: region.id || region.getAttribute('part') || region.tagName, text });
    };
    const watch = (root) => new MutationObserver((records) => {
      const regions = new Set();
      for (const r of records) {
        const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        const region = node?.closest(LIVE);
        if (region) { regions.add(region); continue; }
        for (const added of r.addedNodes) {
          if (added.nodeType !== 1) continue;
          if (added.matches(LIVE)) regions.add(added);
          for (const inner of added.querySelectorAll(LIVE)) regions.add(inner);
        }
      }
      regions.forEach(note);
    }).observe(root, { subtree: true, childList: true, characterData: true });
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function attachShadow(init) { const root = attach.call(this, init); watch(root); return root; };
    watch(document);
  });
}
const said = (page) => page.evaluate(() => window.__said);
/** How often `text` stands in the element's shadow root (what a reader meets going through it). */
const occurrences = (element, text) => element.evaluate((el, s) => el.shadowRoot.textContent.split(s).length - 1, text);
/** The part of the node focused inside the element, or null. */
const focusedPart = (element) => element.evaluate((el) => (document.activeElement === el
  ? el.shadowRoot.activeElement?.getAttribute('part') ?? null : null));

async function openCustomer(page, name, flow) {
  const element = page.locator('mca-attestation');
  if (flow) await element.evaluate((el, f) => el.setAttribute('flow', f), flow);
  await page.getByRole('button', { name }).click();
  await expect(element).toHaveAttribute('data-state', 'ready');
  return element;
}

async function fillEnhanced(element) {
  await element.getByLabel(t['field.signatoryFirstName']).fill('Anne');
  await element.getByLabel(t['field.signatoryLastName']).fill('de Vries');
  await element.getByLabel(t['field.signatoryEmail']).fill('anne@contoso.nl');
}

test('after a classic submit the decision is read again: nothing to do, no stale "needed: yes", "Read back" said once', async ({ page, demo }, testInfo) => {
  await recordSaid(page);
  await openDashboard(page, demo);
  const element = await openCustomer(page, 'Contoso Nederland B.V.', 'classic');
  await expect(element.locator('.decision')).toHaveAttribute('data-action', 'attest');
  await element.getByLabel(t['field.firstName']).fill('Anne');
  await element.getByLabel(t['field.lastName']).fill('de Vries');
  await element.getByLabel(t['field.email']).fill('anne@contoso.nl');
  await element.locator('.submit').click();
  await expect(element).toHaveAttribute('data-state', 'done');

  const decision = element.locator('.decision');
  await expect(decision).toHaveAttribute('data-action', 'none');
  await expect(decision.locator('.action')).toHaveText(t['action.none']);
  await expect(decision.locator('.reasons li')).toHaveAttribute('data-code', 'already-confirmed');
  await expect(decision.locator('dd').first()).toHaveText(t.no);           // "Attestation needed: no"
  await expect(element.locator('.result')).toHaveAttribute('data-verified', 'true');
  await expect(element.locator('.result')).toBeFocused();
  expect(await occurrences(element, t.verified), 'the read-back is said once').toBe(1);
  expect((await said(page)).filter((s) => s.text === t.verified)).toEqual([]);
  expect(await element.evaluate((el) => el.decision.action)).toBe('none');
  await page.screenshot({ path: testInfo.outputPath('classic-done-decided-again.png'), fullPage: true });
});

test('enhanced: focus goes to the acceptance link; expired hides link, copy and QR and offers one "Create a new link", values kept', async ({ page, demo }, testInfo) => {
  await recordSaid(page);
  await openDashboard(page, demo);
  const element = await openCustomer(page, 'Contoso Nederland B.V.');
  await fillEnhanced(element);
  await element.getByRole('button', { name: t.submitEnhanced }).click();
  await expect(element).toHaveAttribute('data-state', 'awaiting');
  await expect(element.locator('.acceptance-link')).toBeFocused();
  const first = await element.evaluate((el) => el.shadowRoot.querySelector('.acceptance-link').href);

  demo.emulator.expireAttestation(new URL(first).searchParams.get('attestationid'));
  await expect(element).toHaveAttribute('data-state', 'expired', { timeout: 10_000 });
  await expect(element.locator('.acceptance, .acceptance-link, .copy, .qr')).toHaveCount(0);
  expect(await occurrences(element, t.expired), 'expired is said once').toBe(1);
  expect((await said(page)).filter((s) => s.text === t.expired)).toEqual([]);
  const buttons = element.locator('button');
  await expect(buttons.filter({ hasText: /link|attestation/i })).toHaveText([t.newLink]);
  const again = element.getByRole('button', { name: t.newLink });
  await expect(again).toBeFocused();
  await expect(again).toHaveAccessibleDescription(t.expired);
  await expect(element.getByLabel(t['field.signatoryEmail'])).toHaveValue('anne@contoso.nl');
  await expect(element.getByLabel(t['field.companyName'])).toHaveValue('Contoso Nederland B.V.');
  await page.screenshot({ path: testInfo.outputPath('enhanced-expired.png'), fullPage: true });

  await again.click();
  await expect(element).toHaveAttribute('data-state', 'awaiting');
  await expect(element.locator('.acceptance-link')).toBeFocused();
  const second = await element.evaluate((el) => el.shadowRoot.querySelector('.acceptance-link').href);
  expect(second).not.toBe(first);
  const created = demo.emulator.requests().filter((r) => r.method === 'POST' && r.path === '/v1/attestations/enhanced')
    .map((r) => JSON.parse(r.body));
  expect(created).toHaveLength(2);
  expect(created[1]).toEqual(created[0]);
  expect(created[1].signatoryEmail).toBe('anne@contoso.nl');
  await expect(element.getByRole('button', { name: t.submitEnhanced })).toHaveCount(1);
});

test('a valid customer id Partner Center cannot read shows the id, never "null"', async ({ page, demo }) => {
  await openDashboard(page, demo);
  await page.locator('#customer-id').fill(UNKNOWN);
  await page.locator('#customer-open').click();
  const element = page.locator('mca-attestation');
  await expect(element).toHaveAttribute('data-state', 'error');
  await expect(element.locator('header')).toContainText(UNKNOWN);
  await expect(element.locator('[part="customer-id"]')).toHaveText(UNKNOWN);
  expect(await element.evaluate((el) => el.shadowRoot.textContent)).not.toContain('null');
  await expect(element.locator('.error')).toBeFocused();
});

for (const [device, viewport] of [['tablet', { width: 768, height: 1024 }], ['phone', { width: 390, height: 844 }]]) {
  test(`on a ${device}, choosing a customer brings the element into view with the focus on its heading`, async ({ page, demo }, testInfo) => {
    await page.setViewportSize(viewport);
    await openDashboard(page, demo);
    const element = page.locator('mca-attestation');
    await page.getByRole('button', { name: 'Fabrikam Deutschland GmbH' }).click();
    await expect(element).toHaveAttribute('data-state', 'ready');
    expect(await focusedPart(element), 'the focus is on the element\'s heading').toBe('title');
    const box = await element.locator('[part="title"]').boundingBox();
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    await page.screenshot({ path: testInfo.outputPath(`dashboard-${device}-chosen.png`) });
    // Tab goes on into the element.
    await page.keyboard.press('Tab');
    expect(await focusedPart(element)).toBe('document-link');
  });
}

test('every message is said once: the list count while statuses arrive, the id check while typing, the element\'s steps', async ({ page, demo }) => {
  await recordSaid(page);
  await openDashboard(page, demo);
  const shown = (await said(page)).filter((s) => s.where === 'filter-count');
  expect(shown.map((s) => s.text)).toEqual(['8 of 8 customers shown']);
  await page.locator('#customer-id').pressSequentially('not-a-guid');
  const check = (await said(page)).filter((s) => s.where === 'customer-id-status').map((s) => s.text);
  expect(check.length).toBeGreaterThan(0);
  expect(new Set(check).size, 'the same check is said once, not at every key').toBe(check.length);

  const element = await openCustomer(page, 'Contoso Nederland B.V.');
  await fillEnhanced(element);
  await element.locator('.submit').click();
  await expect(element).toHaveAttribute('data-state', 'awaiting');
  await page.locator('#play-accept').click();
  await expect(element).toHaveAttribute('data-state', 'done', { timeout: 10_000 });
  const steps = (await said(page)).filter((s) => s.where === 'status').map((s) => s.text);
  expect(steps).toEqual([t.loading, t.sending, t.waiting, t.accepted, t.verifying]);
});
