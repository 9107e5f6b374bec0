// Attestations that last, in Debian's Chromium on the demo dashboard under the
// strict CSP: an attestation survives a reload, the customer accepts while no
// page watches, and the element shown again records the agreement once, also
// with two tabs open; an expired link is replaced in one click; "Send by
// email" opens a mailto: in the customer's language.
import { test, expect, openDashboard } from './fixtures.js';
import { labels } from '../../web/i18n/index.js';

const CONTOSO = '3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04';

async function show(page, name) {
  await page.getByRole('button', { name }).click();
  return page.locator('mca-attestation');
}

async function attest(page) {
  const element = await show(page, 'Contoso Nederland B.V.');
  await expect(element).toHaveAttribute('data-state', 'ready');
  await element.getByLabel(labels.en['field.signatoryFirstName']).fill('Anne');
  await element.getByLabel(labels.en['field.signatoryLastName']).fill('de Vries');
  await element.getByLabel(labels.en['field.signatoryEmail']).fill('anne@contoso.nl');
  await element.locator('.submit').click();
  await expect(element).toHaveAttribute('data-state', 'awaiting');
  return element;
}

test('an attestation survives a reload; accepted meanwhile, it is recorded once though two tabs show it', async ({ page, demo, context }, testInfo) => {
  await openDashboard(page, demo);
  const element = await attest(page);
  const [created] = demo.emulator.attestations();
  const email = element.locator('.email-link');
  const href = await email.getAttribute('href');
  expect(href).toMatch(/^mailto:anne@contoso\.nl\?subject=/);
  const mail = new URL(href);
  const subject = mail.searchParams.get('subject');
  const body = mail.searchParams.get('body');
  expect(subject).toBe(labels.nl.mailSubject.replace('{company}', 'Contoso Nederland B.V.'), 'the customer speaks Dutch (nl-NL)');
  expect(body).toContain(`https://cdn.partner.microsoft.com/mca/?attestationid=${created.id}`);
  expect(body).toMatch(/De link is geldig tot .*20\d\d.* UTC/);
  await page.screenshot({ path: testInfo.outputPath('pending-awaiting.png'), fullPage: true });

  await page.reload();
  await openDashboard(page, demo);
  demo.emulator.acceptAttestation(created.id);           // the customer accepts while no page follows it
  const second = await context.newPage();
  await openDashboard(second, demo);
  const [a, b] = [await show(page, 'Contoso Nederland B.V.'), await show(second, 'Contoso Nederland B.V.')];
  await expect(a).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
  await expect(a.locator('.result [data-field="attestation"]')).toHaveText(created.id);
  // The second tab either followed it too (and found it recorded under the lock), or read it recorded already.
  await expect(b).toHaveAttribute('data-state', /^(done|ready)$/, { timeout: 15_000 });
  if (await b.getAttribute('data-state') === 'ready') {
    await expect(b.locator('.decision')).toHaveAttribute('data-status', 'confirmed');
  }
  const stored = demo.emulator.customer(CONTOSO).agreements;
  expect(stored).toHaveLength(1);
  expect(stored[0].attestationId).toBe(created.id);
  expect(demo.emulator.stats().posts[CONTOSO], 'one step 3 for the two tabs').toBe(1);
  expect(demo.emulator.attestations()).toHaveLength(1);
  await page.screenshot({ path: testInfo.outputPath('pending-recorded.png'), fullPage: true });

  await page.reload();
  await openDashboard(page, demo);
  const again = await show(page, 'Contoso Nederland B.V.');
  await expect(again).toHaveAttribute('data-state', 'ready');
  expect(demo.emulator.stats().posts[CONTOSO], 'recorded once: nothing resumed any more').toBe(1);
  await second.close();
});

test('a tab that read the customer just before another tab recorded its agreement reads it again: confirmed', async ({ page, demo, context }) => {
  await openDashboard(page, demo);
  await attest(page);
  const [created] = demo.emulator.attestations();
  await page.reload();
  await openDashboard(page, demo);
  const second = await context.newPage();
  await openDashboard(second, demo);
  // The second tab's first read of the agreements is answered as it was before the first tab records.
  let release;
  const recorded = new Promise((resolve) => { release = resolve; });
  let held = false;
  await second.route(`**/v1/customers/${CONTOSO}/agreements*`, async (route) => {
    if (held || route.request().method() !== 'GET') return route.continue();
    held = true;
    const before = await route.fetch();
    await recorded;
    await route.fulfill({ response: before });
  });
  demo.emulator.acceptAttestation(created.id);
  const b = await show(second, 'Contoso Nederland B.V.');
  await expect.poll(() => held).toBe(true);
  const a = await show(page, 'Contoso Nederland B.V.');
  await expect(a).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
  release();
  await expect(b.locator('.decision')).toHaveAttribute('data-status', 'confirmed', { timeout: 15_000 });
  await expect(b).toHaveAttribute('data-state', 'ready');
  expect(demo.emulator.stats().posts[CONTOSO], 'one step 3').toBe(1);
  await second.close();
});

test('two tabs waiting for the same customer: it accepts, the agreement is recorded once, both show it', async ({ page, demo, context }) => {
  await openDashboard(page, demo);
  const first = await attest(page);
  const [created] = demo.emulator.attestations();
  const second = await context.newPage();
  await openDashboard(second, demo);
  const other = await show(second, 'Contoso Nederland B.V.');
  await expect(other).toHaveAttribute('data-state', 'awaiting');
  demo.emulator.acceptAttestation(created.id);
  await expect(first).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
  await expect(other).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
  await expect(first.locator('.result [data-field="attestation"]')).toHaveText(created.id);
  await expect(other.locator('.result [data-field="attestation"]')).toHaveText(created.id);
  expect(demo.emulator.customer(CONTOSO).agreements).toHaveLength(1);
  expect(demo.emulator.stats().posts[CONTOSO], 'one step 3 for the two tabs').toBe(1);
  await second.close();
});

test('a pending attestation is followed again after Cancel and a reload', async ({ page, demo }) => {
  await openDashboard(page, demo);
  const element = await attest(page);
  await element.locator('.cancel').click();
  await expect(element).toHaveAttribute('data-state', 'ready');
  await page.reload();
  await openDashboard(page, demo);
  const shown = await show(page, 'Contoso Nederland B.V.');
  await expect(shown).toHaveAttribute('data-state', 'awaiting');
  await expect(shown.locator('.status')).toHaveText(labels.en.resumed);
  const [created] = demo.emulator.attestations();
  await expect(shown.locator('.acceptance-link')).toHaveAttribute('href', `https://cdn.partner.microsoft.com/mca/?attestationid=${created.id}`);
  demo.emulator.acceptAttestation(created.id);
  await expect(shown).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
  expect(demo.emulator.stats().posts[CONTOSO]).toBe(1);
});

test('an expired link is replaced in one click, with the values kept', async ({ page, demo }, testInfo) => {
  await openDashboard(page, demo);
  const element = await attest(page);
  const [first] = demo.emulator.attestations();
  demo.emulator.expireAttestation(first.id);
  await expect(element).toHaveAttribute('data-state', 'expired', { timeout: 15_000 });
  await expect(element.locator('.acceptance-link')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('pending-expired.png'), fullPage: true });
  await element.getByRole('button', { name: labels.en.newLink }).click();
  await expect(element).toHaveAttribute('data-state', 'awaiting');
  const all = demo.emulator.attestations();
  expect(all).toHaveLength(2);
  expect(all[1].status).toBe('Pending');
  await expect(element.locator('.acceptance-link')).toHaveAttribute('href', `https://cdn.partner.microsoft.com/mca/?attestationid=${all[1].id}`);
  const second = demo.emulator.attestations()[1];
  expect([second.companyName, second.country, second.language]).toEqual(['Contoso Nederland B.V.', 'NL', 'nl-NL']);

  await page.reload();                                    // expired while no page watched: one click there too
  await openDashboard(page, demo);
  demo.emulator.expireAttestation(all[1].id);
  const shown = await show(page, 'Contoso Nederland B.V.');
  await expect(shown).toHaveAttribute('data-state', 'expired');
  await expect(shown.getByLabel(labels.en['field.signatoryEmail'])).toHaveValue('anne@contoso.nl');
  await shown.getByRole('button', { name: labels.en.newLink }).click();
  await expect(shown).toHaveAttribute('data-state', 'awaiting');
  expect(demo.emulator.attestations()).toHaveLength(3);
});

test('createNewLink(): false without an expired link, nothing sent; after a reload it waits for the reads, then asks once', async ({ page, demo }) => {
  await openDashboard(page, demo);
  const element = await attest(page);
  expect(await element.evaluate((el) => el.createNewLink()), 'awaiting: nothing to replace').toBe(false);
  expect(demo.emulator.attestations()).toHaveLength(1);
  const [first] = demo.emulator.attestations();
  demo.emulator.expireAttestation(first.id);

  await page.reload();
  await openDashboard(page, demo);
  const shown = await show(page, 'Contoso Nederland B.V.');
  // Asked at once, while the element still reads the customer: it waits for the reads and the expired record.
  expect(await shown.evaluate((el) => el.createNewLink())).toBe(true);
  await expect(shown).toHaveAttribute('data-state', 'awaiting');
  const all = demo.emulator.attestations();
  expect(all).toHaveLength(2);
  expect(all.find((a) => a.id !== first.id)).toMatchObject({ status: 'Pending', companyName: 'Contoso Nederland B.V.', country: 'NL' });
  expect(await shown.evaluate((el) => el.createNewLink()), 'a second call while awaiting sends nothing').toBe(false);
  expect(demo.emulator.attestations()).toHaveLength(2);
});
