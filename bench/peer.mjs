// The peer stack: the classic-confirmation rules of docs/rules.md written the way a
// JavaScript developer would, with Zod, libphonenumber-js and Date parsing.
// It exists only to be measured against the core (size, start-up, rows per
// second, agreement); the product never uses it. Where the peer cannot match
// a rule of docs/rules.md, PEER_LIMITS says so.
import * as z from 'zod';
import { getCountries, parsePhoneNumber } from 'libphonenumber-js';

export const PEER_LIMITS = [
  'email: Zod\'s z.email() pattern (ASCII only): internationalised domains are rejected, never converted to xn--',
  'country: libphonenumber-js getCountries() (regions with a calling code), not the full ISO 3166-1 list: no AQ, BV, GS, HM, PN, TF, UM; has AC, TA, XK',
  'phoneNumber: libphonenumber-js "min" metadata decides validity for every country (the core has the full metadata plans of every region, so it refuses numbers "min" lets through)',
  'names: Unicode property regexes of the JavaScript engine, which may be a different Unicode version than the core\'s tables',
  'dateAgreed: Date.parse plus a round trip of the fields to catch impossible dates (Date.parse alone rolls 2026-02-30 over to March)',
];

const MCA_TEMPLATE = '117a77b0-9360-443b-8795-c6dedc750cf9';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
const COUNTRIES = new Set(getCountries());
const NAME_CHARS = /^[\p{L}\p{M} '’\-.]+$/u;
const HAS_LETTER = /\p{L}/u;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const FIVE_MINUTES = 5 * 60 * 1000;

/** A Zod issue with the core's code for it. */
const issue = (ctx, code, message = code) => ctx.addIssue({ code: 'custom', message, params: { code } });

const guid = (field, { required }) => z.string().transform((s, ctx) => {
  const v = s.trim();
  if (v === '') {
    if (required) issue(ctx, `${field}.required`);
    return undefined;
  }
  if (!GUID.test(v)) { issue(ctx, `${field}.invalid`); return z.NEVER; }
  if (v === ZERO_GUID) { issue(ctx, `${field}.zero`); return z.NEVER; }
  return v.toLowerCase();
});

const name = (field) => z.string().transform((s, ctx) => {
  const v = s.trim().normalize('NFC');
  const length = [...v].length;
  if (length === 0) { issue(ctx, `${field}.required`); return z.NEVER; }
  if (length > 100) { issue(ctx, `${field}.tooLong`); return z.NEVER; }
  if (!NAME_CHARS.test(v) || !HAS_LETTER.test(v)) { issue(ctx, `${field}.invalid`); return z.NEVER; }
  return v;
});

const email = z.string().trim()
  .pipe(z.email({ message: 'email.invalid' }).max(254, { message: 'email.invalid' }))
  .refine((v) => v.indexOf('@') <= 64, { message: 'email.invalid' });

const dateAgreed = z.string().transform((s, ctx) => {
  const m = ISO.exec(s.trim());
  if (!m) { issue(ctx, 'dateAgreed.invalid'); return z.NEVER; }
  const [, y, mo, d, h = '00', mi = '00', sec = '00', , zone] = m;
  if (m[4] !== undefined && zone === undefined) { issue(ctx, 'dateAgreed.noTimeZone'); return z.NEVER; }
  const ms = Date.parse(m[4] === undefined ? `${y}-${mo}-${d}T00:00:00Z` : s.trim());
  // Date.parse rolls impossible days over: check the fields survive the round trip.
  const local = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +sec));
  if (Number.isNaN(ms) || local.getUTCMonth() !== +mo - 1 || local.getUTCDate() !== +d
      || local.getUTCHours() !== +h || local.getUTCMinutes() !== +mi) {
    issue(ctx, 'dateAgreed.invalid');
    return z.NEVER;
  }
  return ms;
});

const schema = z.object({
  customerId: guid('customerId', { required: true }),
  firstName: name('firstName'),
  lastName: name('lastName'),
  email,
  phoneNumber: z.string().optional(),
  dateAgreed,
  templateId: guid('templateId', { required: false }).optional(),
  country: z.string().trim().toUpperCase().optional(),
});

function codeOf(i) {
  return i.params?.code ?? (i.message.includes('.') ? i.message : `${i.path[0]}.invalid`);
}

/** The phone in E.164, or an error code (national numbers need the country). */
function phone(text, country) {
  const t = text.trim();
  if (t === '') return { value: undefined };
  const international = t.startsWith('+') || t.startsWith('00');
  if (!international && !country) return { code: 'phoneNumber.countryRequired' };
  try {
    const p = parsePhoneNumber(t.startsWith('00') ? `+${t.slice(2)}` : t, country || undefined);
    const e164Digits = p.number.length - 1;
    if (e164Digits < 8 || e164Digits > 15) return { code: 'phoneNumber.invalid' };
    return p.isValid() ? { value: p.number } : { code: 'phoneNumber.invalid' };
  } catch {
    return { code: 'phoneNumber.invalid' };
  }
}

/**
 * Validates, normalises and builds the classic confirmation body of one row
 * (empty cells absent). Returns { ok, errors: [{ field, code }], body }.
 */
export function buildConfirmationPeer(row, { now }) {
  const errors = [];
  const parsed = schema.safeParse(row);
  const v = parsed.success ? parsed.data : {};
  if (!parsed.success) {
    for (const i of parsed.error.issues) errors.push({ field: String(i.path[0] ?? ''), code: codeOf(i) });
  }
  const failed = new Set(errors.map((e) => e.field));
  const country = row.country?.trim().toUpperCase() || '';
  if (country && !COUNTRIES.has(country)) errors.push({ field: 'country', code: 'country.invalid' });
  if (!failed.has('templateId') && v.templateId !== undefined && v.templateId !== MCA_TEMPLATE) {
    errors.push({ field: 'templateId', code: 'templateId.notMca' });
  }
  if (!failed.has('dateAgreed') && typeof v.dateAgreed === 'number' && v.dateAgreed > now + FIVE_MINUTES) {
    errors.push({ field: 'dateAgreed', code: 'dateAgreed.future' });
  }
  const p = row.phoneNumber === undefined ? { value: undefined }
    : phone(row.phoneNumber, COUNTRIES.has(country) ? country : '');
  if (p.code) errors.push({ field: 'phoneNumber', code: p.code });
  if (errors.length > 0) return { ok: false, errors, body: null };
  const primaryContact = { firstName: v.firstName, lastName: v.lastName, email: v.email };
  if (p.value) primaryContact.phoneNumber = p.value;
  const body = JSON.stringify({
    primaryContact,
    templateId: v.templateId ?? MCA_TEMPLATE,
    dateAgreed: new Date(v.dateAgreed).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    type: 'MicrosoftCustomerAgreement',
  });
  return { ok: true, errors, body };
}
