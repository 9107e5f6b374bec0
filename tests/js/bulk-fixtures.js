// Generated bulk files for the runner and command tests: a seeded mix of
// valid, invalid, duplicate and already-confirmed rows, and the emulator
// customers that make each row what it is meant to be.
import { fixture } from 'mca-attest/emulator';
import { seeded } from '../../emulator/seeded.js';

const byNote = (word) => fixture.customers.find((c) => c.note.includes(word)).id;
export const NORTHWIND = byNote('Already confirmed');
export const WOODGROVE = byNote('Direct-signed');
export const LITWARE = fixture.customers.find((c) => c.relationship === false).id;
export const UNKNOWN = fixture.unknownCustomerId;
const DATE = '2026-01-20T09:30:00Z';

export { seeded };

/** A version-4-shaped GUID from the generator. */
export function guid(random) {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

const CLASSIC = ['customerId', 'firstName', 'lastName', 'email', 'dateAgreed'];
const ENHANCED = ['customerId', 'companyName', 'country', 'language', 'signatoryFirstName', 'signatoryLastName',
  'signatoryEmail'];

function line(flow, id, i, overrides = {}) {
  const fields = flow === 'classic'
    ? { customerId: id, firstName: 'Anne', lastName: `de Vries ${String.fromCharCode(65 + (i % 26))}`,
      email: `anne.${i}@contoso.nl`, dateAgreed: DATE }
    : { customerId: id, companyName: `Customer ${i}`, country: 'NL', language: 'nl-NL', signatoryFirstName: 'Anne',
      signatoryLastName: 'de Vries', signatoryEmail: `anne.${i}@contoso.nl` };
  return (flow === 'classic' ? CLASSIC : ENHANCED).map((k) => overrides[k] ?? fields[k]).join(separatorOf(flow));
}
const separatorOf = () => ',';

/**
 * A file of `valid` new customers only, and the emulator's seed for them.
 * @returns {{ csv: string, ids: string[], customers: object[] }}
 */
export function validFile({ rows, seed = 1, flow = 'classic' }) {
  const random = seeded(seed);
  const ids = Array.from({ length: rows }, () => guid(random));
  const csv = [(flow === 'classic' ? CLASSIC : ENHANCED).join(','), ...ids.map((id, i) => line(flow, id, i))].join('\n') + '\n';
  return { csv, ids, customers: ids.map((id) => ({ id, companyName: `Customer ${id.slice(0, 8)}`, country: 'NL', agreements: [] })) };
}

/**
 * The mixed classic file: `invalid` rows failing validation (+1 CSV record
 * with too many fields), `duplicates` repeating an earlier valid customer,
 * `confirmed` customers with an MCA confirmation and `direct` ones signed
 * directly (the two fixture customers among them), Litware (no relationship,
 * 403) and an unknown customer (404), the rest new. Rows are shuffled.
 */
export function mixedFile({ rows = 2000, invalid = 149, duplicates = 100, confirmed = 50, direct = 50, seed = 7 } = {}) {
  const random = seeded(seed);
  const customers = [...fixture.customers];
  const lines = [];
  const agreement = (i) => ({ primaryContact: { firstName: 'Old', lastName: 'Contact', email: `old.${i}@contoso.nl` },
    templateId: '117a77b0-9360-443b-8795-c6dedc750cf9', dateAgreed: '2024-05-01T10:00:00Z',
    type: 'MicrosoftCustomerAgreement', agreementLink: 'https://aka.ms/customeragreement' });
  const add = (id, seedCustomer) => { if (seedCustomer) customers.push(seedCustomer); lines.push(line('classic', id, lines.length)); };
  add(NORTHWIND); add(WOODGROVE); add(LITWARE); add(UNKNOWN);
  for (let i = 1; i < confirmed; i++) { const id = guid(random); add(id, { id, agreements: [agreement(i)] }); }
  for (let i = 1; i < direct; i++) { const id = guid(random); add(id, { id, directSigned: true, agreements: [] }); }
  const newCount = rows - invalid - 1 - duplicates - confirmed - direct - 2;
  const fresh = [];
  for (let i = 0; i < newCount; i++) { const id = guid(random); fresh.push(id); add(id, { id, agreements: [] }); }
  const breakers = [{ email: 'anne@@contoso' }, { customerId: 'not-a-guid' }, { dateAgreed: '2099-01-01T00:00:00Z' },
    { firstName: 'Anne3' }, { customerId: '00000000-0000-0000-0000-000000000000' }];
  for (let i = 0; i < invalid; i++) {
    lines.push(line('classic', guid(random), lines.length, breakers[i % breakers.length]));
  }
  lines.push(`${guid(random)},Anne,Extra,extra@contoso.nl,${DATE},one-too-many`);
  for (let i = 0; i < duplicates; i++) lines.push(line('classic', fresh[i].toUpperCase(), lines.length));
  for (let i = lines.length - 1; i > 0; i--) {      // shuffle, so duplicates are not all at the end
    const j = Math.floor(random() * (i + 1));
    [lines[i], lines[j]] = [lines[j], lines[i]];
  }
  const csv = `${CLASSIC.join(',')}\n${lines.join('\n')}\n`;
  const expected = { submitted: newCount, 'already-confirmed': confirmed + direct, 'cannot-attest': 0, skipped: duplicates,
    invalid: invalid + 1, failed: 2, 'awaiting-acceptance': 0 };
  return { csv, customers, expected, fresh };
}
