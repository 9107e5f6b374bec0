// detectScenario and explainError on what the client reads from the emulator
// over loopback: Partner Center's answers go into the core as they come.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore, createClient, McaError, translate } from 'mca-attest';
import { startEmulator, fixture } from 'mca-attest/emulator';

const byNote = (word) => fixture.customers.find((c) => c.note.includes(word)).id;
const core = await loadCore();
let em, client;
before(async () => {
  em = await startEmulator({ port: 0 });
  const token = await em.issueToken();
  client = createClient({ baseUrl: em.url, getToken: async () => token });
});
after(() => em.close());

/** The dashboard's context for a customer: its purchase facts plus what the client reads. */
async function contextFor(customerId, purchase = { kind: 'new', partner: 'existing' }) {
  const [agreements, direct, templates] = await Promise.all([client.getCustomerAgreements(customerId),
    client.getDirectSignedStatus(customerId), client.getAgreementTemplates()]);
  return { customer: { id: customerId, isNew: false }, priorPurchases: ['azure-subscription'], purchase,
    agreements, directSigned: direct, templates, partner: { roles: ['AdminAgent'], indirectReseller: false } };
}

// [fixture note, purchase, action, reasons]
const cases = [
  ['Scenario 1', { kind: 'new', partner: 'existing' }, 'existing-partner', 'attest', ['no-acceptance']],
  ['Scenario 2', { kind: 'new', partner: 'new' }, 'new-partner', 'attest', ['no-acceptance']],
  ['Already confirmed', undefined, 'existing-partner', 'none', ['already-confirmed']],
  ['Confirmed before the refresh cut-off', undefined, 'existing-partner', 'attest', ['accepted-before-refresh']],
  ['Direct-signed', undefined, 'existing-partner', 'none', ['direct-signed']],
  // The client asks with agreementType=MicrosoftCustomerAgreement, so the cloud
  // agreement is not in the answer at all: nothing on record, the same action.
  ['Cloud agreement only', undefined, 'existing-partner', 'attest', ['no-acceptance']],
];

for (const [note, purchase, scenario, action, reasons] of cases) {
  test(`the emulator's "${note}" customer, read by the client, is decided: ${action}`, async () => {
    const d = core.detectScenario(await contextFor(byNote(note), purchase));
    assert.deepEqual([d.scenario, d.action, d.reasons], [scenario, action, reasons]);
  });
}

test('a failure of the client is explained by the core, with ids, and translates', async () => {
  const error = await client.getCustomerAgreements(byNote('No relationship')).catch((e) => e);
  assert.ok(error instanceof McaError);
  assert.deepEqual([error.status, error.serviceCode, error.code, error.retryable], [403, 20002, 'relationship.missing', false]);
  assert.equal(error.action, core.messages['relationship.missing.action']);
  assert.match(error.requestId, /^[0-9a-f-]{36}$/);
  assert.match(error.correlationId, /^[0-9a-f-]{36}$/);
  assert.equal(translate(error.code, 'nl', error.message), 'Er is geen resellerrelatie tussen de partner en deze klant.');
});
