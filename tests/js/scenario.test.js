// core.detectScenario through the public API with the real Wasm core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore, McaError } from '../../web/index.js';

const core = await loadCore();
const CURRENT = '117a77b0-9360-443b-8795-c6dedc750cf9';
const OLDER = '0d6c3a1e-2b4f-4e5a-9c8d-7f6e5d4c3b2a';
const NEWER = '5a5a5a5a-1b1b-4c4c-8d8d-9e9e9e9e9e9e';
const mca = (dateAgreed, templateId = CURRENT) => ({
  type: 'MicrosoftCustomerAgreement', templateId, dateAgreed, agreementLink: 'https://aka.ms/customeragreement',
  primaryContact: { firstName: 'Anne', lastName: 'de Vries', email: 'anne@contoso.nl' }, userId: 'u-1',
});
const cloud = { type: 'MicrosoftCloudAgreement', templateId: '998b88de-aa99-4388-a42c-1b3517d49490', dateAgreed: '2019-01-01T00:00:00Z' };

/** Scenario 1 with nothing on record; each case changes what it names. */
const base = () => ({
  customer: { id: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', isNew: false },
  priorPurchases: ['azure-subscription', 'reserved-instances'],
  purchase: { kind: 'new', partner: 'existing' },
  agreements: [],
  directSigned: false,
  partner: { roles: ['AdminAgent'], indirectReseller: false },
});
const without = (ctx, key) => { const c = { ...ctx }; delete c[key]; return c; };

// [behaviour, context, options, scenario, needsAttestation, canAttest, action, reasons]
const cases = [
  ['scenario 1: new purchase through the existing partner', base(), {}, 'existing-partner', true, true, 'attest', ['no-acceptance']],
  ['scenario 2: new purchase through a new partner', { ...base(), purchase: { kind: 'new', partner: 'new' } }, {},
    'new-partner', true, true, 'attest', ['no-acceptance']],
  ['automatic renewal', { ...base(), purchase: { kind: 'auto-renewal', partner: 'existing' } }, {},
    'none', false, true, 'none', ['auto-renewal']],
  ['already confirmed', { ...base(), agreements: [mca('2024-05-01T10:00:00Z')] }, {},
    'existing-partner', false, true, 'none', ['already-confirmed']],
  ['confirmed only under the cloud agreement', { ...base(), agreements: [cloud] }, {},
    'existing-partner', true, true, 'attest', ['cloud-agreement-only']],
  ['direct acceptance', { ...base(), directSigned: true }, {}, 'existing-partner', false, true, 'none', ['direct-signed']],
  ['no qualifying purchase', { ...base(), priorPurchases: [] }, {}, 'none', false, true, 'none', ['no-qualifying-purchase']],
  ['new customer record', { ...without(without(base(), 'agreements'), 'directSigned'), customer: { isNew: true }, priorPurchases: [] }, {},
    'none', false, true, 'create-customer', ['new-customer', 'no-qualifying-purchase']],
  ['missing role', { ...base(), partner: { roles: ['BillingAdmin'], indirectReseller: false } }, {},
    'existing-partner', true, false, 'ask-admin', ['no-acceptance', 'role-missing']],
  ['indirect reseller (wins over the missing role)', { ...base(), partner: { roles: [], indirectReseller: true } }, {},
    'existing-partner', true, false, 'ask-indirect-provider', ['no-acceptance', 'indirect-reseller']],
  ['unknown direct status', { ...base(), directSigned: null }, {}, 'existing-partner', null, true, null, ['direct-status-unknown']],
  ['outdated template', { ...base(), agreements: [mca('2024-05-01T10:00:00Z', OLDER)] }, {},
    'existing-partner', false, true, 'none', ['already-confirmed', 'outdated-template']],
  ['a newer template passed in options.templates', { ...base(), agreements: [mca('2024-05-01T10:00:00Z')] },
    { templates: [{ templateId: CURRENT, agreementType: 'MicrosoftCustomerAgreement', versionRank: 1 },
      { templateId: NEWER, agreementType: 'MicrosoftCustomerAgreement', versionRank: 2 }] },
    'existing-partner', false, true, 'none', ['already-confirmed', 'outdated-template']],
  ['acceptance before the 2023-04-01 cut-off', { ...base(), agreements: [mca('2023-03-31T23:59:59Z')] }, {},
    'existing-partner', true, true, 'attest', ['accepted-before-refresh']],
  ['refreshCutoff as a Date', { ...base(), agreements: [mca('2022-06-01T00:00:00Z')] }, { refreshCutoff: new Date('2022-01-01T00:00:00Z') },
    'existing-partner', false, true, 'none', ['already-confirmed']],
  ['allowedRoles narrowed to SalesAgent', base(), { allowedRoles: ['SalesAgent'] },
    'existing-partner', true, false, 'ask-admin', ['no-acceptance', 'role-missing']],
  ['unknown purchase kind', { ...base(), purchase: { kind: 'upgrade', partner: 'existing' } }, {},
    null, null, true, null, ['no-acceptance', 'purchase-kind-unknown']],
  ['unknown prior purchase type', { ...base(), priorPurchases: ['laptop'] }, {},
    null, null, true, null, ['no-acceptance', 'prior-purchase-type-unknown']],
  ['missing partner roles', { ...base(), partner: { indirectReseller: false } }, {},
    'existing-partner', true, null, null, ['no-acceptance', 'partner-roles-unknown']],
  ['missing agreements', without(base(), 'agreements'), {}, 'existing-partner', null, true, null, ['agreements-unknown']],
  ['empty context', {}, {}, null, null, null, null, ['purchase-kind-unknown', 'prior-purchases-unknown', 'agreements-unknown',
    'direct-status-unknown', 'partner-roles-unknown', 'indirect-reseller-unknown']],
];

for (const [behaviour, context, options, scenario, needsAttestation, canAttest, action, reasons] of cases) {
  test(`detectScenario: ${behaviour}`, () => {
    const r = core.detectScenario(context, options);
    assert.deepEqual({ scenario: r.scenario, needsAttestation: r.needsAttestation, canAttest: r.canAttest, action: r.action, reasons: r.reasons },
      { scenario, needsAttestation, canAttest, action, reasons });
  });
}

test('detectScenario returns the newest MCA confirmation, normalised', () => {
  const r = core.detectScenario({ ...base(), agreements: { totalCount: 3, items: [cloud, mca('2024-05-01T12:00:00+02:00', CURRENT.toUpperCase()), mca('2023-05-01T00:00:00Z', OLDER)] } });
  assert.deepEqual(r.confirmation, {
    dateAgreed: '2024-05-01T10:00:00Z', templateId: CURRENT,
    primaryContact: { firstName: 'Anne', lastName: 'de Vries', email: 'anne@contoso.nl' },
    userId: 'u-1', currentTemplate: true, beforeRefresh: false,
  });
  assert.equal(r.customerId, '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0');
  assert.equal(core.detectScenario(base()).confirmation, null);
});

test('every reason detectScenario lists is one of core.scenarioReasons, with an English message', () => {
  for (const [, context, options] of cases) {
    for (const reason of core.detectScenario(context, options).reasons) {
      assert.ok(core.scenarioReasons.includes(reason), reason);
      assert.equal(typeof core.messages[reason], 'string', reason);
    }
  }
});

test('bad options throw McaError with a stable code; a context that is not an object too', () => {
  assert.throws(() => core.detectScenario(base(), { refreshCutoff: 'last spring' }),
    (e) => e instanceof McaError && e.code === 'refreshCutoff.invalid');
  assert.throws(() => core.detectScenario(base(), { allowedRoles: 'AdminAgent' }),
    (e) => e instanceof McaError && e.code === 'allowedRoles.invalid');
  for (const bad of [null, undefined, 'ctx', 7, []]) {
    assert.throws(() => core.detectScenario(bad), (e) => e instanceof McaError && e.code === 'call.notObject');
  }
});

test('values of the wrong type are unknown, never guessed, and nothing leaks', () => {
  const before = core.memoryStats().bytesInUse;
  const r = core.detectScenario({ customer: 5, priorPurchases: 'all', purchase: [], agreements: 'none', directSigned: 'yes',
    partner: { roles: 'AdminAgent', indirectReseller: 'no' } });
  assert.deepEqual([r.scenario, r.needsAttestation, r.canAttest, r.action], [null, null, null, null]);
  assert.ok(r.reasons.includes('customer-invalid') && r.reasons.includes('partner-roles-unknown'), r.reasons.join());
  assert.equal(core.memoryStats().bytesInUse, before);
});
