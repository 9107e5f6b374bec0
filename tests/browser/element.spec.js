// <mca-attestation> in Debian's Chromium, on the demo dashboard under the
// strict CSP, against a fresh emulator per test: the whole classic and
// enhanced flows in English and Dutch, inline errors, keyboard-only use,
// events, errors explained, text-only rendering. Screenshots of each state
// are saved as test artifacts.
import { test, expect, openDashboard } from './fixtures.js';
import en from '../../web/i18n/en.js';
import nl from '../../web/i18n/nl.js';
import { labels } from '../../web/i18n/index.js';
import { loadCore } from '../../web/core.js';
import jsQR from 'jsqr';
import { decodePng } from './png.js';

const CONTOSO = '3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04';
const FABRIKAM = 'b6e1c9d2-47a3-4f58-8e2b-9c0d1a3f5e67';
const LITWARE = 'f4b7d0a3-9e2c-4f5b-8a1d-3c6e9f2b5a87';
const MCA_TEMPLATE = '117a77b0-9360-443b-8795-c6dedc750cf9';
const texts = { en, nl };
// English of the core's codes is the core's own message: loading a core adds it to en.
test.beforeAll(async () => { await loadCore(); });

/** Records the element's events (bubbling and composed: caught on document). */
async function recordEvents(page) {
  await page.evaluate(() => {
    window.__events = [];
    for (const type of ['mca-decision', 'mca-pending', 'mca-submitted', 'mca-error']) {
      document.addEventListener(type, (e) => window.__events.push({ type, bubbles: e.bubbles, composed: e.composed,
        target: e.target.id, detail: JSON.parse(JSON.stringify(e.detail, (k, v) => (v instanceof Error
          ? { code: v.code, message: v.message, requestId: v.requestId, correlationId: v.correlationId, name: v.name } : v))) }));
    }
  });
}
const events = (page, type) => page.evaluate((t) => window.__events.filter((e) => e.type === t), type);

async function openCustomer(page, name, { flow } = {}) {
  const element = page.locator('mca-attestation');
  if (flow) await element.evaluate((el, f) => el.setAttribute('flow', f), flow);
  await page.getByRole('button', { name }).click();
  await expect(element).toHaveAttribute('data-state', 'ready');
  return element;
}

for (const lang of ['en', 'nl']) {
  const t = labels[lang];
  test(`classic confirmation in ${lang}: inline errors appear and clear, submit, the result is read back`, async ({ page, demo }, testInfo) => {
    await openDashboard(page, demo, lang);
    await recordEvents(page);
    const element = await openCustomer(page, lang === 'en' ? 'Contoso Nederland B.V.' : 'Fabrikam Deutschland GmbH', { flow: 'classic' });
    const id = lang === 'en' ? CONTOSO : FABRIKAM;
    await expect(element.locator('.reasons li')).toHaveText([texts[lang]['no-acceptance']]);
    await expect(element.locator('.action')).toHaveText(t['action.attest']);

    const email = element.getByLabel(t['field.email']);
    await email.pressSequentially('anne.contoso.nl');
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    const emailError = element.locator('.field-error[data-code^="email."]');
    await expect(emailError).toHaveText(texts[lang]['email.invalid']);
    expect(await email.getAttribute('aria-describedby')).toBe(await emailError.getAttribute('id'));
    await page.screenshot({ path: testInfo.outputPath(`classic-${lang}-errors.png`), fullPage: true });
    await email.fill('anne@contoso.nl');
    await expect(email).toHaveAttribute('aria-invalid', 'false');
    await expect(emailError).toHaveCount(0);

    // Submitting with empty names: every error shown, focus on the first.
    await element.locator('.submit').click();
    const first = element.getByLabel(t['field.firstName']);
    await expect(first).toBeFocused();
    await expect(element.locator('.field-error[data-code="firstName.required"]')).toHaveText(texts[lang]['firstName.required']);
    await expect(element.locator('.status')).toHaveText(t.fixErrors.replace('{count}', '2'));
    await first.fill('Anne');
    await element.getByLabel(t['field.lastName']).fill('de Vries');
    await element.getByLabel(t['field.phoneNumber']).fill('020 123 4567');
    await element.getByLabel(t['field.country']).fill('nl');
    await expect(element.locator('.field-error:not(:empty)')).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath(`classic-${lang}-form.png`), fullPage: true });
    await element.locator('.submit').click();

    await expect(element).toHaveAttribute('data-state', 'done');
    const result = element.locator('.result');
    await expect(result).toHaveAttribute('data-verified', 'true');
    await expect(result.locator('[data-field="who"]')).toHaveText('Anne de Vries <anne@contoso.nl>');
    await expect(result.locator('[data-field="template"]')).toHaveText(MCA_TEMPLATE);
    await expect(result.locator('[data-field="request"]')).toHaveText(/^[0-9a-f-]{36}$/);
    await expect(result).toBeFocused();
    await page.screenshot({ path: testInfo.outputPath(`classic-${lang}-result.png`), fullPage: true });

    const stored = demo.emulator.customer(id).agreements;
    expect(stored).toHaveLength(1);
    expect(stored[0].primaryContact).toEqual({ firstName: 'Anne', lastName: 'de Vries', email: 'anne@contoso.nl', phoneNumber: '+31201234567' });
    await expect(result.locator('[data-field="when"]')).toHaveText(stored[0].dateAgreed);
    const [submitted] = await events(page, 'mca-submitted');
    expect(submitted).toMatchObject({ bubbles: true, composed: true, target: 'attestation',
      detail: { customerId: id, flow: 'classic', verified: true, attestationId: null, agreement: stored[0] } });
    expect(submitted.detail.requestId).toBe(await result.locator('[data-field="request"]').textContent());
    expect(submitted.detail.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    const decisions = await events(page, 'mca-decision');
    expect(decisions[0].detail).toMatchObject({ customerId: id, directSigned: false, agreements: [],
      decision: { action: 'attest', needsAttestation: true, canAttest: true, reasons: ['no-acceptance'] } });
    // The dashboard re-reads the customer: now confirmed.
    await expect(page.locator(`#customer-rows tr[data-customer="${id}"]`)).toHaveAttribute('data-status', 'confirmed');
  });

  test(`enhanced attestation in ${lang}: link, copy, QR, the customer accepts, the agreement is recorded`, async ({ page, demo, context }, testInfo) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: demo.url });
    await openDashboard(page, demo, lang);
    await recordEvents(page);
    const element = await openCustomer(page, 'Contoso Nederland B.V.');
    await expect(element.getByLabel(t['field.companyName'])).toHaveValue('Contoso Nederland B.V.');
    await element.getByLabel(t['field.signatoryFirstName']).fill('Anne');
    await element.getByLabel(t['field.signatoryLastName']).fill('de Vries');
    await element.getByLabel(t['field.signatoryEmail']).fill('anne@contoso.nl');
    await element.locator('.submit').click();

    await expect(element).toHaveAttribute('data-state', 'awaiting');
    const [pending] = await events(page, 'mca-pending');
    const link = `https://cdn.partner.microsoft.com/mca/?attestationid=${pending.detail.attestationId}`;
    expect(pending.detail).toMatchObject({ customerId: CONTOSO, link });
    const open = element.locator('.acceptance-link');
    await expect(open).toHaveAttribute('href', link);
    await expect(open).toHaveAttribute('target', '_blank');
    await expect(open).toHaveAttribute('rel', /\bnoopener\b/);
    await expect(element.locator('.status')).toHaveText(t.waiting);
    await element.locator('.copy').click();
    await expect(element.locator('.status')).toHaveText(t.copied);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await expect(element.locator('.qr svg')).toHaveAttribute('aria-label', t.qr);
    await expect(element.locator('.qr svg path')).toHaveCount(1);
    const png = decodePng(await element.locator('.qr svg').screenshot());
    expect(jsQR(png.rgba, png.width, png.height)?.data, 'the QR code reads back as the link').toBe(link);
    await page.screenshot({ path: testInfo.outputPath(`enhanced-${lang}-awaiting.png`), fullPage: true });

    await page.locator('#play-accept').click();
    await expect(element).toHaveAttribute('data-state', 'done', { timeout: 10_000 });
    const result = element.locator('.result');
    await expect(result).toHaveAttribute('data-verified', 'true');
    await expect(result.locator('[data-field="attestation"]')).toHaveText(pending.detail.attestationId);
    await expect(result.locator('[data-field="who"]')).toHaveText('Anne de Vries <anne@contoso.nl>');
    await page.screenshot({ path: testInfo.outputPath(`enhanced-${lang}-result.png`), fullPage: true });
    const stored = demo.emulator.customer(CONTOSO).agreements;
    expect(stored).toHaveLength(1);
    expect(stored[0].attestationId).toBe(pending.detail.attestationId);
    const [submitted] = await events(page, 'mca-submitted');
    expect(submitted.detail).toMatchObject({ customerId: CONTOSO, flow: 'enhanced', verified: true,
      attestationId: pending.detail.attestationId, agreement: stored[0] });
    expect(demo.emulator.stats().posts[CONTOSO]).toBe(1);
  });
}

/** Presses Tab until `target` has the focus, at most `most` times; the ids (or tags) Tab went through. */
async function tabTo(page, target, most) {
  const passed = [];
  for (let i = 0; i < most; i += 1) {
    await page.keyboard.press('Tab');
    passed.push(await page.evaluate(() => {
      const at = document.activeElement;
      return at?.closest('#customer-rows') ? 'row' : at?.id || at?.tagName.toLowerCase();
    }));
    if (await target.evaluate((n) => n === document.activeElement || n.getRootNode().activeElement === n)) return passed;
  }
  throw new Error(`Tab did not reach the target in ${most} presses: ${passed.join(', ')}`);
}

test('keyboard only: a classic confirmation is completed with Tab, typing and Enter', async ({ page, demo }) => {
  await openDashboard(page, demo);
  const element = page.locator('mca-attestation');
  await element.evaluate((el) => el.setAttribute('flow', 'classic'));
  await page.locator('#filter-text').focus();
  await page.keyboard.type('Fabrikam');
  await expect(page.locator('#customer-rows tr')).toHaveCount(1);
  // Past the status filter, the sort and the export button to Fabrikam's button.
  const fabrikam = page.locator('#customer-rows button');
  expect(await tabTo(page, fabrikam, 4)).toEqual(['filter-status', 'portfolio-sort', 'portfolio-export', 'row']);
  await page.keyboard.press('Enter');
  await expect(element).toHaveAttribute('data-state', 'ready');
  await expect(fabrikam).toBeFocused();             // focus stays on the chosen customer
  // Past the ID field and its Open button (the pager's buttons are disabled on one page) into the element.
  expect(await tabTo(page, element.locator('.document-link'), 3)).toEqual(['customer-id', 'customer-open', 'attestation']);
  for (const value of ['Jonas', 'Becker', 'jonas.becker@fabrikam.de', '', 'DE']) {
    await page.keyboard.press('Tab');
    if (value) await page.keyboard.type(value);
  }
  await page.keyboard.press('Enter');               // submits the form from a field
  await expect(element).toHaveAttribute('data-state', 'done');
  await expect(element.locator('.result [data-field="who"]')).toHaveText('Jonas Becker <jonas.becker@fabrikam.de>');
  await expect(element.locator('.result')).toBeFocused();
});

test('a Partner Center refusal is explained in words with its request and correlation ids', async ({ page, demo }, testInfo) => {
  await openDashboard(page, demo, 'nl');
  await recordEvents(page);
  // Litware (no relationship) is not in Partner Center's list: opened by its ID.
  await page.locator('#customer-id').fill(LITWARE);
  await page.locator('#customer-id').press('Enter');
  const element = page.locator('mca-attestation');
  await expect(element).toHaveAttribute('data-state', 'error');
  const error = element.locator('.error');
  await expect(error).toHaveAttribute('data-code', 'relationship.missing');
  await expect(error.locator('.message')).toHaveText(nl['relationship.missing']);
  await expect(error.locator('.todo')).toHaveText(`${labels.nl.whatToDo}: ${nl['relationship.missing.action']}`);
  await expect(error.locator('[data-id="request"]')).toHaveText(/^[0-9a-f-]{36}$/);
  await expect(error.locator('[data-id="correlation"]')).toHaveText(/^[0-9a-f-]{36}$/);
  await expect(error.locator('.detail')).not.toBeEmpty();
  await expect(error).toBeFocused();
  const [failed] = await events(page, 'mca-error');
  expect(failed).toMatchObject({ bubbles: true, composed: true, detail: { customerId: LITWARE, stage: 'read',
    code: 'relationship.missing', error: { name: 'McaError', code: 'relationship.missing' } } });
  expect(failed.detail.requestId).toBe(await error.locator('[data-id="request"]').textContent());
  expect(failed.detail.correlationId).toBe(await error.locator('[data-id="correlation"]').textContent());
  await page.screenshot({ path: testInfo.outputPath('error-nl.png'), fullPage: true });
});

test('data is rendered as text: a markup-like company name, its echo from Partner Center, and the acceptance page', async ({ page, demo }) => {
  const xss = '<img src=x onerror=alert(1)>';
  page.on('dialog', () => { throw new Error('a dialog opened: markup ran'); });
  await openDashboard(page, demo);
  const element = page.locator('mca-attestation');
  await page.getByRole('button', { name: 'Contoso Nederland B.V.' }).click();
  await expect(element).toHaveAttribute('data-state', 'ready');
  await element.evaluate((el, name) => { el.companyName = name; el.defaults = { signatoryFirstName: 'Anne',
    signatoryLastName: 'de Vries', signatoryEmail: 'anne@contoso.nl' }; }, xss);
  await expect(element.locator('.company')).toHaveText(xss);
  await expect(element.getByLabel('Company name')).toHaveValue(xss);
  await element.locator('.submit').click();
  await expect(element).toHaveAttribute('data-state', 'awaiting');
  const counts = await element.evaluate((el) => ({ img: el.shadowRoot.querySelectorAll('img').length,
    styled: el.shadowRoot.querySelectorAll('[style]').length }));
  expect(counts).toEqual({ img: 0, styled: 0 });
  expect(await page.locator('img').count()).toBe(0);
});

test('cancel stops waiting for the customer; the document link is fetched on click and opened in a new tab', async ({ page, demo }) => {
  await openDashboard(page, demo);
  const element = await openCustomer(page, 'Contoso Nederland B.V.');
  const popup = page.waitForEvent('popup');
  await element.locator('.document-link').click();
  const tab = await popup;
  expect(tab.url()).toMatch(/\/_emulator\/documents\/[0-9a-f-]{36}$/);
  const documentCalls = demo.emulator.requests().filter((r) => r.path.endsWith('/document'));
  expect(documentCalls.map((r) => r.query)).toEqual([{ language: 'nl-NL', country: 'NL' }]);
  await tab.close();

  await element.evaluate((el) => { el.defaults = { signatoryFirstName: 'Anne', signatoryLastName: 'de Vries',
    signatoryEmail: 'anne@contoso.nl' }; });
  await element.locator('.submit').click();
  await expect(element).toHaveAttribute('data-state', 'awaiting');
  await element.locator('.cancel').click();
  await expect(element).toHaveAttribute('data-state', 'ready');
  await expect(element.locator('.status')).toHaveText(labels.en.cancelled);
  await expect(element.locator('.acceptance')).toHaveCount(0);
  expect(demo.emulator.customer(CONTOSO).agreements).toEqual([]);
});

test('core is readable: the core set on the element, else loadCore()\'s', async ({ page, demo }) => {
  await openDashboard(page, demo);
  const read = await page.locator('mca-attestation').evaluate(async (el) => {
    const { loadCore } = await import('/web/index.js');
    const cached = await loadCore();
    const other = await loadCore({ wasmUrl: '/web/wasm/mca-core.wasm' });   // a core of its own
    const fresh = document.createElement('mca-attestation');
    const freshBulk = document.createElement('mca-bulk');
    const defaults = (await fresh.core) === cached && (await freshBulk.core) === cached;
    fresh.core = other;
    freshBulk.core = Promise.resolve(other);
    return { page: (await el.core) === cached, defaults, set: (await fresh.core) === other && (await freshBulk.core) === other,
      distinct: other !== cached, version: other.version };
  });
  expect(read).toEqual({ page: true, defaults: true, set: true, distinct: true, version: (await loadCore()).version });
});
