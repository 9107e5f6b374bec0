// One decision, three screens: for every customer of the demo (the
// emulator's fixture plus the demo's own two) the dashboard's status,
// the element's decision and a bulk dry run of <mca-bulk> agree, each read
// from the page as a user meets it. The customers hold the cases of the
// one-source-of-truth fixes: a confirmation from before the refresh cut-off
// (Tailspin: an attestation is needed, in bulk too), one on an older
// template (Wingtip), a direct acceptance (Woodgrove), a customer this
// partner is the indirect reseller of (Proseware: cannot attest, in bulk
// too, nothing sent), and one it has no relationship with (Litware: the
// same refusal everywhere: Partner Center does not list it, it opens by
// its ID). A partner without an allowed role is the
// element's and the bulk run's case as well.
import { test, expect, openDashboard } from './fixtures.js';
import { demoCustomers } from '../../demo/data.mjs';
import { purchaseContext } from '../../demo/purchases.js';

const LITWARE = 'f4b7d0a3-9e2c-4f5b-8a1d-3c6e9f2b5a87';
/** The demo's customers as the dashboard meets them: Partner Center's culture, the partner's own facts. */
const customersOf = (demo) => demoCustomers.map((c) => ({ ...c, language: demo.emulator.customer(c.id).culture,
  context: purchaseContext(c) }));

const SETTLED = new Set(['confirmed', 'confirmed-directly', 'old-template', 'nothing-needed']);
/** What a status (or a refusal) means for a bulk row of a dry run. */
const bulkOf = (status, error) => (error ? { state: 'failed', reason: error }
  : status === 'needs-attestation' ? { state: 'skipped', reason: 'dry-run' }
    : SETTLED.has(status) ? { state: 'already-confirmed' } : { state: status });

/** An enhanced-flow file of customers (every field valid, so each row reaches Partner Center). */
const fileOf = (customers) => ['customerId,companyName,country,language,signatoryFirstName,signatoryLastName,signatoryEmail',
  ...customers.map((c, i) => `${c.id},"${c.companyName}",${c.country},${c.language},Sam,Jansen,sam.${i}@example.com`)].join('\n');

/** Runs <mca-bulk>'s dry run of `csv` with the partner's facts as attributes; its rows by customer id. */
async function bulkDryRun(page, csv, { roles, indirectReseller }) {
  const rows = await page.locator('mca-bulk').evaluate(async (el, { text, partner }) => {
    el.setAttribute('flow', 'enhanced');
    el.setAttribute('partner-roles', partner.roles);
    el.setAttribute('indirect-reseller', String(partner.indirectReseller));
    await el.load(new File([text], 'parity.csv', { type: 'text/csv' }));
    if (!el.result) return { state: el.state, status: el.shadowRoot.querySelector('.status').textContent };
    return el.result.rows.map((r) => ({ customerId: r.customerId, state: r.state, reason: r.reason }));
  }, { text: csv, partner: { roles, indirectReseller } });
  if (!Array.isArray(rows)) throw new Error(JSON.stringify(rows));
  return Object.fromEntries(rows.map((r) => [r.customerId, r]));
}

test('the dashboard status, the element\'s decision and a bulk dry run agree for every customer', async ({ page, demo }) => {
  await openDashboard(page, demo);
  const listed = await page.locator('#customer-rows tr').evaluateAll((trs) =>
    Object.fromEntries(trs.map((tr) => [tr.dataset.customer, { status: tr.dataset.status, error: tr.dataset.error ?? null }])));
  const customers = customersOf(demo);
  expect(Object.keys(listed).sort()).toEqual(customers.filter((c) => c.id !== LITWARE).map((c) => c.id).sort());
  // The cases above are among them, so the agreement below is not that of an empty list.
  expect(listed['c7e9a2b4-6d8f-4a1c-b3e5-f7092a4c6e81'].status).toBe('needs-attestation');   // Tailspin, 2022
  expect(listed['7d9e1f3a-5b2c-4e8d-a6f0-2b4c6d8e0f1a'].status).toBe('cannot-attest');       // Proseware
  listed[LITWARE] = { status: null, error: 'relationship.missing' };                      // what opening it shows

  // The element, opened from the list as a user does (Litware by its ID), with the partner's facts of each customer.
  const element = page.locator('mca-attestation');
  for (const c of customers) {
    if (c.id === LITWARE) {
      await page.locator('#customer-id').fill(c.id);
      await page.locator('#customer-open').click();
    } else {
      await page.locator(`#customer-rows tr[data-customer="${c.id}"] button`).click();
    }
    await expect(element).toHaveAttribute('customer-id', c.id);
    await expect(element).toHaveAttribute('data-state', /^(ready|error)$/);
    const seen = await element.evaluate((el) => ({ status: el.decision?.status ?? null,
      error: el.shadowRoot.querySelector('.error')?.dataset.code ?? null,
      shown: el.shadowRoot.querySelector('.decision')?.dataset.status ?? null }));
    const { status, error } = listed[c.id];
    expect(seen, c.companyName).toEqual(error ? { status: null, error, shown: null } : { status, error: null, shown: status });
  }

  // Bulk: one dry run per set of partner facts the dashboard knows (Proseware's partner is its indirect reseller).
  const reseller = customers.filter((c) => c.context.partner.indirectReseller);
  const direct = customers.filter((c) => !c.context.partner.indirectReseller);
  const rows = { ...(await bulkDryRun(page, fileOf(direct), { roles: 'AdminAgent', indirectReseller: false })),
    ...(await bulkDryRun(page, fileOf(reseller), { roles: 'AdminAgent', indirectReseller: true })) };
  for (const c of customers) {
    const { status, error } = listed[c.id];
    expect(rows[c.id], c.companyName).toMatchObject(bulkOf(status, error));
  }
  expect(rows['7d9e1f3a-5b2c-4e8d-a6f0-2b4c6d8e0f1a'].reason).toBe('indirect-reseller');
  expect(demo.emulator.stats().posts, 'dry runs and reads send nothing').toEqual({});
});

test('a partner user without an allowed role: the element asks for an admin, the bulk dry run ends the row cannot-attest', async ({ page, demo }) => {
  await openDashboard(page, demo);
  const contoso = customersOf(demo).find((c) => c.companyName === 'Contoso Nederland B.V.');
  const element = page.locator('mca-attestation');
  await page.getByRole('button', { name: contoso.companyName }).click();
  await expect(element).toHaveAttribute('data-state', 'ready');
  await element.evaluate((el, context) => { el.context = { ...context, partner: { roles: ['Reader'], indirectReseller: false } }; },
    contoso.context);
  await expect(element.locator('.decision')).toHaveAttribute('data-status', 'cannot-attest');
  expect(await element.evaluate((el) => [el.decision.action, el.decision.reasons.includes('role-missing')])).toEqual(['ask-admin', true]);
  const rows = await bulkDryRun(page, fileOf([contoso]), { roles: 'Reader', indirectReseller: false });
  expect(rows[contoso.id]).toMatchObject({ state: 'cannot-attest', reason: 'role-missing' });
});
