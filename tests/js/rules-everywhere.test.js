// Rules valid wherever people type: names that need joiners, trimmed fields
// in every operation and from CSV, A-labels checked, the JavaScript API's
// options and `now`, and the documented nesting limit. The real Wasm core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore, McaError } from '../../web/index.js';

const core = await loadCore();
const NOW = { now: Date.parse('2026-11-20T09:30:00Z') };
const codes = (r) => r.errors.map((e) => e.code);
const field = (name, value, extra = {}) => {
  const r = core.validateConfirmation({ [name]: value, ...extra }, NOW);
  return r.normalized[name] ?? r.errors.find((e) => e.field === name)?.code;
};

test('names: ZWNJ and ZWJ where the script needs them (RFC 5892 CONTEXTJ), the Catalan middle dot, no invisible selectors', () => {
  assert.equal(field('lastName', 'حسین‌زاده'), 'حسین‌زاده', 'Persian with ZWNJ between joining letters');
  assert.equal(field('firstName', 'ශ්‍රී'), 'ශ්‍රී', 'Sinhala with ZWJ after the virama');
  assert.equal(field('firstName', 'Gal·la'), 'Gal·la', 'Catalan l·l');
  assert.equal(field('firstName', 'Ga·la'), 'firstName.invalidCharacter', 'a middle dot elsewhere');
  assert.equal(field('firstName', 'An\u200cne'), 'firstName.controlCharacter', 'ZWNJ between Latin letters');
  assert.equal(field('firstName', 'An\u200dne'), 'firstName.controlCharacter', 'ZWJ without a virama');
  assert.equal(field('firstName', 'Anne\ufe0f'), 'firstName.controlCharacter', 'U+FE0F after a letter');
  assert.equal(field('firstName', 'Anne\u{e0100}'), 'firstName.controlCharacter', 'U+E0100 after a letter');
  const a = core.validateAttestation({ signatoryLastName: ' حسین‌زاده ' });
  assert.equal(a.normalized.signatoryLastName, 'حسین‌زاده');
});

test('every text field is trimmed before its rule, in every operation', () => {
  for (const [name, value, expected] of [['country', ' NL ', 'NL'], ['customerId', ' 0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0\t',
    '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'], ['dateAgreed', ' 2026-01-15 ', '2026-01-15T00:00:00Z'],
  ['templateId', '\u00a0117a77b0-9360-443b-8795-c6dedc750cf9 ', '117a77b0-9360-443b-8795-c6dedc750cf9'],
  ['phoneNumber', ' +31 20 123 4567 ', '+31201234567'], ['email', ' a@b.nl ', 'a@b.nl']]) {
    assert.equal(field(name, value), expected, `validateConfirmation ${name}`);
  }
  const r = core.buildAttestation({ customerId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', companyName: 'Contoso', country: ' NL ',
    language: ' nl-NL ', signatoryFirstName: 'Anne', signatoryLastName: 'Smit', signatoryEmail: 'anne@contoso.nl',
    signatoryPhoneNumber: ' 020 123 4567 ' });
  assert.equal(r.ok, true, JSON.stringify(r.errors));
  assert.equal(r.payload.country, 'NL');
  assert.equal(r.payload.language, 'nl-NL');
  const agreement = core.buildAttestationAgreement({ attestationId: ' 5A0C7E2F-9B14-4D3A-8E6F-1C2B3A4D5E6F ' });
  assert.equal(agreement.payload.attestationId, '5a0c7e2f-9b14-4d3a-8e6f-1c2b3a4d5e6f');
  assert.deepEqual(codes(core.validateAttestation({ country: '  ' })).filter((c) => c.startsWith('country')), ['country.required']);
});

test('CSV cells with spaces around them validate as their trimmed text', () => {
  const csv = 'customerId,companyName,country,language,signatoryFirstName,signatoryLastName,signatoryEmail\n'
    + ' 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 , Contoso , NL , nl-NL , Anne , Smit , anne@contoso.nl \n';
  const parsed = core.parseCsv(csv, { flow: 'enhanced' });
  assert.equal(parsed.rows.length, 1);
  const { _line, ...row } = parsed.rows[0];
  assert.equal(row.country, ' NL ', 'the CSV keeps values as written');
  const r = core.validateAttestation(row);
  assert.equal(r.ok, true, JSON.stringify(r.errors));
  assert.deepEqual([r.normalized.country, r.normalized.language, r.normalized.customerId],
    ['NL', 'nl-NL', '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0']);
});

test('email: fake A-labels are refused, real ones kept; the top-level rule applies to the Unicode form', () => {
  assert.equal(field('email', 'a@xn--a.com'), 'email.domainInvalid');
  assert.equal(field('email', 'a@xn--abc-.com'), 'email.domainInvalid', 'decodes to ASCII only');
  assert.equal(field('email', 'a@xn--bcher-kva.de'), 'a@xn--bcher-kva.de');
  assert.equal(field('email', 'a@XN--BCHER-KVA.DE'), 'a@xn--bcher-kva.de');
  assert.equal(field('email', 'a@тест.ф'), 'email.topLevelInvalid');
  assert.equal(field('email', 'a@тест.xn--t1a'), 'email.topLevelInvalid', 'the same top level as an A-label');
  assert.equal(field('email', 'a@тест.рф'), 'a@xn--e1aybc.xn--p1ai');
});

test('JS API: null and undefined options mean none', () => {
  const input = { customerId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0' };
  for (const options of [null, undefined]) {
    for (const op of ['validateConfirmation', 'buildConfirmation', 'validateAttestation', 'buildAttestation',
      'buildAttestationAgreement', 'explainError']) {
      assert.doesNotThrow(() => core[op](op === 'explainError' ? { status: 400, body: '{}' } : input, options), `${op} ${options}`);
    }
    assert.doesNotThrow(() => core.detectScenario({ customer: { id: input.customerId } }, options));
    assert.equal(core.qrEncode('x', options).ok, true);
    assert.equal(core.parseCsv('customerId\nx\n', options).rows.length, 1);
  }
});

test('JS API: a `now` that is not a finite time is call.invalidNow, never a skipped check', () => {
  for (const now of [NaN, Infinity, -Infinity, new Date('not a date'), '2026-11-20', {}]) {
    for (const op of ['validateConfirmation', 'buildConfirmation', 'explainError']) {
      assert.throws(() => core[op]({ dateAgreed: '2099-01-01T00:00:00Z' }, { now }), (e) => e instanceof McaError
        && e.code === 'call.invalidNow', `${op} now=${String(now)}`);
    }
    assert.throws(() => core.detectScenario({}, { now }), { code: 'call.invalidNow' });
  }
  assert.deepEqual(codes(core.validateConfirmation({ dateAgreed: '2099-01-01T00:00:00Z' }, { now: new Date(NOW.now) }))
    .filter((c) => c.startsWith('dateAgreed')), ['dateAgreed.future']);
});

test('nesting: an input exactly 64 deep is read, 65 deep is input.tooDeep (docs/core.md: "deeper than 64")', () => {
  const nested = (depth) => { let v = 'x'; for (let i = 1; i < depth; i++) v = [v]; return { unknown: v }; };
  // nested(d) is an object d levels deep: the object itself and d - 1 arrays.
  const at64 = core.validateConfirmation(nested(64), NOW);
  assert.ok(!codes(at64).includes('input.tooDeep'), 'an input 64 deep is read');
  assert.ok(at64.warnings.some((w) => w.code === 'input.unknownField'));
  assert.deepEqual(codes(core.validateConfirmation(nested(65), NOW)), ['input.tooDeep'], 'an input 65 deep is refused');
  const deepArray = (depth) => { let v = 1; for (let i = 0; i < depth; i++) v = [v]; return v; };
  assert.throws(() => core.parseCsv('customerId\nx\n', { flow: deepArray(63) }), { code: 'csv.invalidFlow' },
    'options 64 deep are read (and the flow refused)');
  assert.throws(() => core.parseCsv('customerId\nx\n', { flow: deepArray(64) }), { code: 'input.tooDeep' }, 'options 65 deep');
});
