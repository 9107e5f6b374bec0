// The decisions the shell takes from the core, through the public API with
// the real Wasm core: a decision's status and current template, whether a
// failed call may be retried and what it did, whether a read-back agreement
// is the one sent, the file-level CSV fault, and the domain literals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore, McaError } from '../../web/index.js';

const core = await loadCore();
const CURRENT = '117a77b0-9360-443b-8795-c6dedc750cf9';
const contact = { firstName: 'Anne', lastName: 'de Vries', email: 'anne@contoso.nl' };
const mca = (dateAgreed, templateId = CURRENT, email = contact.email) => ({
  type: 'MicrosoftCustomerAgreement', templateId, dateAgreed, primaryContact: { ...contact, email } });
const base = (over = {}) => ({
  customer: { id: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', isNew: false }, priorPurchases: ['software'],
  purchase: { kind: 'new', partner: 'existing' }, agreements: [], directSigned: false,
  partner: { roles: ['AdminAgent'], indirectReseller: false }, ...over });

test('detectScenario gives the one-word status a list shows', () => {
  const cases = [
    [base(), 'needs-attestation'],
    [base({ partner: { roles: ['AdminAgent'], indirectReseller: true } }), 'cannot-attest'],
    [base({ partner: { roles: ['Reader'], indirectReseller: false } }), 'cannot-attest'],
    [base({ agreements: [mca('2024-05-01T00:00:00Z')] }), 'confirmed'],
    [base({ agreements: [mca('2022-11-03T14:00:00Z')] }), 'needs-attestation'],
    [base({ directSigned: true }), 'confirmed-directly'],
    [base({ agreements: [mca('2024-05-01T00:00:00Z', '0d6c3a1e-2b4f-4e5a-9c8d-7f6e5d4c3b2a')] }), 'old-template'],
    [base({ purchase: { kind: 'auto-renewal', partner: 'existing' } }), 'nothing-needed'],
    [base({ directSigned: null }), 'unknown'],
  ];
  for (const [context, status] of cases) assert.equal(core.detectScenario(context).status, status, JSON.stringify(context));
});

test('detectScenario names the current template: the highest versionRank given, else the known one', () => {
  assert.equal(core.detectScenario(base()).templateId, CURRENT);
  assert.equal(core.detectScenario(base()).templateId, core.domain.templateId);
  const templates = [{ templateId: CURRENT, agreementType: core.domain.agreementType, versionRank: 1 },
    { templateId: '5A5A5A5A-1B1B-4C4C-8D8D-9E9E9E9E9E9E', agreementType: core.domain.agreementType, versionRank: 2 }];
  assert.equal(core.detectScenario(base(), { templates }).templateId, '5a5a5a5a-1b1b-4c4c-8d8d-9e9e9e9e9e9e');
});

test('explainError says whether to retry and what the failed call did', () => {
  const cases = [
    [{ status: 408 }, true, 'unknown'],
    [{ status: 500, body: '{"code":1,"isRetryable":false}' }, false, 'unknown'],
    [{ status: 503 }, true, 'unknown'],
    [{ status: 0 }, true, 'unknown'],
    [{ status: 429, headers: { 'Retry-After': '2' } }, true, 'refused'],
    [{ status: 400, body: '{"code":600002}' }, false, 'refused'],
    [{ status: 403 }, false, 'refused'],
    [{ status: 409, body: '{"code":600061}' }, false, 'done'],
  ];
  for (const [failure, retryable, outcome] of cases) {
    const e = core.explainError(failure);
    assert.equal(e.retryable, retryable, JSON.stringify(failure));
    assert.equal(e.outcome, outcome, JSON.stringify(failure));
  }
  assert.equal(new McaError(core.explainError({ status: 408 })).outcome, 'unknown', 'McaError carries the outcome');
});

test('matchAgreement finds the one sent, and only it', () => {
  const sent = core.buildConfirmation({ customerId: base().customer.id, ...contact, dateAgreed: '2026-11-30T09:00:00Z' },
    { now: Date.parse('2026-12-01T00:00:00Z') }).payload;
  const older = mca('2022-06-01T09:00:00Z');
  assert.deepEqual(core.matchAgreement({ agreements: [older], sent }),
    { found: false, agreement: null, index: null, counts: null }, 'the same contact from 2022 is not the one sent');
  const back = { totalCount: 2, items: [older, { ...mca('2026-11-30T10:00:00+01:00', CURRENT.toUpperCase(), 'ANNE@contoso.nl') }] };
  const m = core.matchAgreement({ agreements: back, sent });
  assert.equal(m.found, true);
  assert.equal(m.index, 1);
  assert.equal(m.counts, true);
  const id = 'ab3c5a10-1111-4f3a-9c55-2b0c8e0e7d01';
  assert.equal(core.matchAgreement({ agreements: [older, { attestationId: id.toUpperCase(), dateAgreed: '2026-12-01T00:00:00Z' }],
    sent: { attestationId: id } }).index, 1, 'an enhanced agreement by its attestationId');
  assert.throws(() => core.matchAgreement({ agreements: 'x', sent }), { code: 'match.agreementsInvalid' });
  assert.throws(() => core.matchAgreement({ agreements: [], sent: {} }), { code: 'match.sentInvalid' });
});

test('parseCsv names the fault that stops the whole file in fileError', () => {
  assert.equal(core.parseCsv('customerId,email\nx,y\n').fileError, null);
  assert.equal(core.parseCsv('').fileError.code, 'csv.emptyFile');
  assert.equal(core.parseCsv('customerId,Tenant ID\nx,y\n').fileError.code, 'csv.duplicateColumn');
  const none = core.parseCsv('firstName;email\nAnne;anne@contoso.nl\n');
  assert.deepEqual({ ...none.fileError, message: typeof none.fileError.message },
    { line: 1, code: 'csv.noCustomerId', message: 'string' });
  assert.equal(core.messages['csv.noCustomerId'], none.fileError.message);
  assert.equal(none.rows.length, 1, 'the rows are still given');
});

test('the domain literals come from the core, frozen', () => {
  const d = core.domain;
  assert.equal(d.agreementType, 'MicrosoftCustomerAgreement');
  assert.equal(d.serviceCodes.agreementAlreadyExists, 600061);
  assert.equal(d.acceptanceLink, 'https://cdn.partner.microsoft.com/mca/?attestationid=');
  assert.equal(d.defaultFlow, 'enhanced');
  assert.deepEqual(d.flows.enhanced.fields, ['customerId', 'companyName', 'country', 'language', 'signatoryFirstName',
    'signatoryLastName', 'signatoryEmail', 'signatoryPhoneNumber']);
  assert.ok(d.flows.classic.required.includes('dateAgreed'));
  assert.ok(Object.isFrozen(d) && Object.isFrozen(d.flows.classic.fields));
});
