// The validation rules and request bodies through the public API, with the real Wasm core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { domainToASCII } from 'node:url';
import { loadCore, McaError } from '../../web/index.js';

const core = await loadCore();
const NOW = { now: Date.parse('2026-11-20T09:30:00Z') };
const CONFIRMATION = { customerId: '0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0', firstName: ' Anne ', lastName: 'de Vries',
  email: 'Anne@Contoso.NL', phoneNumber: '020 123 4567', country: 'nl', dateAgreed: '2026-11-20T10:30:00+01:00' };
const ATTESTATION = { customerId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', companyName: 'Contoso B.V.', country: 'NL',
  language: 'nl-nl', signatoryFirstName: 'Anne', signatoryLastName: 'de Vries', signatoryEmail: 'anne@contoso.nl' };
const codes = (r) => r.errors.map((e) => e.code);

test('buildConfirmation returns the exact classic body and its payload', () => {
  const r = core.buildConfirmation(CONFIRMATION, NOW);
  assert.equal(r.ok, true, JSON.stringify(r.errors));
  assert.equal(r.body, '{"primaryContact":{"firstName":"Anne","lastName":"de Vries","email":"Anne@contoso.nl",'
    + '"phoneNumber":"+31201234567"},"templateId":"117a77b0-9360-443b-8795-c6dedc750cf9",'
    + '"dateAgreed":"2026-11-20T09:30:00Z","type":"MicrosoftCustomerAgreement"}');
  assert.deepEqual(r.payload, JSON.parse(r.body));
  assert.deepEqual(r.warnings, []);
});

test('buildConfirmation with errors gives null payload and body and exact codes', () => {
  const r = core.buildConfirmation({ ...CONFIRMATION, firstName: 'Anne2', email: 'anne@contoso', dateAgreed: '2026-11-20T09:35:01Z' }, NOW);
  assert.equal(r.ok, false);
  assert.deepEqual(codes(r), ['firstName.digit', 'email.domainInvalid', 'dateAgreed.future']);
  assert.equal(r.payload, null);
  assert.equal(r.body, null);
  for (const e of r.errors) assert.equal(e.message, core.messages[e.code]);
});

test('dateAgreed: exactly now + 5 minutes is accepted, one second more is future', () => {
  assert.equal(core.validateConfirmation({ ...CONFIRMATION, dateAgreed: '2026-11-20T09:35:00Z' }, NOW).ok, true);
  assert.deepEqual(codes(core.validateConfirmation({ ...CONFIRMATION, dateAgreed: '2026-11-20T09:35:01Z' }, NOW)),
    ['dateAgreed.future']);
  assert.deepEqual(codes(core.validateConfirmation({ ...CONFIRMATION, dateAgreed: '2026-11-20T09:30:00' }, NOW)),
    ['dateAgreed.noTimeZone']);
  assert.deepEqual(codes(core.validateConfirmation({ ...CONFIRMATION, dateAgreed: '2025-02-29' }, NOW)),
    ['dateAgreed.impossible']);
  assert.equal(core.validateConfirmation({ ...CONFIRMATION, dateAgreed: '2026-11-20T09:35:00Z' },
    { now: new Date(NOW.now) }).ok, true, 'now as a Date');
});

test('templateId: the old cloud agreement template has its own code; options.templates adds a newer MCA template', () => {
  assert.deepEqual(codes(core.validateConfirmation({ ...CONFIRMATION, templateId: '998b88de-aa99-4388-a42c-1b3517d49490' }, NOW)),
    ['templateId.cloudAgreement']);
  const newer = 'aaaaaaaa-1111-2222-3333-444444444444';
  assert.deepEqual(codes(core.validateConfirmation({ ...CONFIRMATION, templateId: newer }, NOW)), ['templateId.notCustomerAgreement']);
  const templates = [{ templateId: newer, agreementType: 'MicrosoftCustomerAgreement', versionRank: 5 }];
  assert.equal(core.buildConfirmation({ ...CONFIRMATION, templateId: newer }, { ...NOW, templates }).payload.templateId, newer);
  assert.equal(core.buildConfirmation(CONFIRMATION, { ...NOW, templates }).payload.templateId, newer,
    'the default is the MCA template of highest versionRank');
});

test('names in several scripts are normalised to NFC', () => {
  const names = [['Zoe\u0308', 'Zoë'], ['Nguye\u0302\u0303n', 'Nguyễn'], ['\u1112\u1161\u11ab', '한'], ['李', '李'],
    ["O’Brien", "O’Brien"], ['José-María', 'José-María'], ['Δημήτρης', 'Δημήτρης'], ['Иванова', 'Иванова']];
  for (const [input, expected] of names) {
    const r = core.validateConfirmation({ ...CONFIRMATION, lastName: input }, NOW);
    assert.equal(r.normalized.lastName, expected, input);
  }
  assert.deepEqual(codes(core.validateConfirmation({ ...CONFIRMATION, firstName: '<b>Anne</b>' }, NOW)), ['firstName.invalidCharacter']);
  assert.deepEqual(codes(core.validateConfirmation({ ...CONFIRMATION, firstName: 'a'.repeat(101) }, NOW)), ['firstName.tooLong']);
  assert.equal(core.validateConfirmation({ ...CONFIRMATION, firstName: 'a'.repeat(100) }, NOW).ok, true);
});

test('an unpaired surrogate fails only its own field', () => {
  const r = core.validateConfirmation({ ...CONFIRMATION, firstName: 'An\uD800ne', lastName: '\uDC00' }, NOW);
  assert.deepEqual(codes(r), ['firstName.invalidUtf8', 'lastName.invalidUtf8']);
  assert.equal(r.normalized.email, 'Anne@contoso.nl');
  assert.equal(core.validateConfirmation({ ...CONFIRMATION, lastName: 'de Vries \u{1F600}' }, NOW).errors[0].code,
    'lastName.invalidCharacter', 'a proper surrogate pair is one character');
});

test('wrong types, null and missing fields get their own codes; a non-object throws McaError', () => {
  const r = core.validateAttestation({ customerId: 1, companyName: null, country: ['NL'], signatoryEmail: {} });
  assert.deepEqual(codes(r), ['customerId.type', 'companyName.required', 'country.type', 'language.required',
    'signatoryFirstName.required', 'signatoryLastName.required', 'signatoryEmail.type']);
  for (const bad of [null, 'x', 7]) {
    assert.throws(() => core.buildAttestation(bad), (e) => e instanceof McaError && e.code === 'call.notObject');
  }
});

test('a 10 MB name and a value nested 10,000 deep give ok:false, with payload and body null', () => {
  const big = core.buildConfirmation({ ...CONFIRMATION, firstName: 'a'.repeat(10 * 1024 * 1024) }, NOW);
  assert.deepEqual(codes(big), ['firstName.tooLong']);
  let deep = 'x';
  for (let i = 0; i < 10000; i++) deep = [deep];
  const r = core.buildAttestation({ ...ATTESTATION, companyName: deep });
  assert.deepEqual(codes(r), ['input.tooDeep']);
  assert.equal(r.payload, null);
  assert.equal(r.body, null);
  assert.equal(core.memoryStats().bytesInUse, 0);
});

test('buildAttestation: the step 1 body without customerId; buildAttestationAgreement: the step 3 body', () => {
  const r = core.buildAttestation({ ...ATTESTATION, signatoryPhoneNumber: '+31 6 12345678' });
  assert.equal(r.ok, true, JSON.stringify(r.errors));
  assert.equal(r.body, '{"companyName":"Contoso B.V.","country":"NL","language":"nl-NL","signatoryFirstName":"Anne",'
    + '"signatoryLastName":"de Vries","signatoryEmail":"anne@contoso.nl","signatoryPhoneNumber":"+31612345678"}');
  assert.equal(r.normalized.customerId, '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0');
  const step3 = core.buildAttestationAgreement({ attestationId: 'C0FFEE00-1111-2222-3333-444444444444' });
  assert.equal(step3.body, '{"templateId":"117a77b0-9360-443b-8795-c6dedc750cf9","type":"MicrosoftCustomerAgreement",'
    + '"attestationId":"c0ffee00-1111-2222-3333-444444444444"}');
  assert.deepEqual(codes(core.buildAttestationAgreement({})), ['attestationId.required']);
});

test('internationalised email domains: every accepted one equals node:url domainToASCII', () => {
  const domains = ['bücher.de', 'münchen.example', '例え.テスト', 'пример.рф', 'δοκιμή.gr', 'ñandú.com.ar', 'ไทย.th',
    '한국.kr', 'zoë.nl', 'Bücher.de', 'straße.de', 'עברית.il', 'ﬁle.com'];
  let accepted = 0;
  for (const d of domains) {
    const r = core.validateConfirmation({ ...CONFIRMATION, email: `a@${d}` }, NOW);
    if (r.ok) {
      accepted++;
      assert.equal(r.normalized.email, `a@${domainToASCII(d)}`, d);
    } else {
      assert.deepEqual(codes(r), ['email.idnUnsupported'], d);
    }
  }
  assert.equal(accepted, 10, "all but sharp s, Hebrew and the fi ligature");
});

test('NFC of the core equals String.prototype.normalize for every code point with a decomposition and a sample of others', async () => {
  // Only code points assigned in the core's Unicode version (Node's ICU may be newer).
  const ucd = await readFile('/usr/share/unicode/UnicodeData.txt', 'utf8');
  const decomposable = [], marks = [];
  for (const line of ucd.split('\n')) {
    const f = line.split(';');
    if (f.length < 6) continue;
    const cp = parseInt(f[0], 16);
    if (f[2] === 'Cc' || f[2] === 'Cs' || f[2] === 'Zl' || f[2] === 'Zp' || /^(Cf)$/.test(f[2]) && cp >= 0x202a && cp <= 0x2069) continue;
    if (f[5] && !f[5].startsWith('<')) decomposable.push(cp);
    if (f[3] !== '0' && marks.length < 400) marks.push(cp);
  }
  assert.equal(core.unicodeVersion, '15.0.0');
  const samples = [];
  for (const cp of decomposable) samples.push('x' + String.fromCodePoint(cp) + 'y');
  for (let i = 0; i < 3000; i++) {        // letters followed by marks in scrambled order
    const base = decomposable[(i * 7919) % decomposable.length];
    const m1 = marks[(i * 31) % marks.length], m2 = marks[(i * 17 + 3) % marks.length];
    samples.push(String.fromCodePoint(base).normalize('NFD') + String.fromCodePoint(m1, m2));
  }
  samples.push('\u1100\u1161\u11a8', '\uac00\u11a8', 'e\u0301\u0301', 'a\u0301\u0323');
  let compared = 0;
  for (const s of samples) {
    const r = core.validateAttestation({ ...ATTESTATION, companyName: s });
    if (r.errors.some((e) => e.field === 'companyName')) continue;   // bidi controls and the like
    assert.equal(r.normalized.companyName, s.normalize('NFC').trim(), [...s].map((c) => c.codePointAt(0).toString(16)).join(' '));
    compared++;
  }
  assert.ok(compared > 5000, `compared ${compared}`);
});
