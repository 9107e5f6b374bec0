// Differential test of the phone rule against libphonenumber-js with its
// full metadata: numbers of every region drawn from the region's number
// types (and mutated, for numbers that are not valid), each written five
// ways: E.164, nationally with the trunk prefix, +CC with separators,
// +CC with the trunk prefix after the code ("+44 020 ..." and "+44 (0)20 ..."),
// and with the region's own international prefix. Seeded; prints its figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { loadCore } from '../../web/index.js';
import { random, sampler, share } from './differential.js';

const require = createRequire(import.meta.url);
const meta = require('libphonenumber-js/metadata.max.json');
const core = await loadCore();
const rnd = random(20261202);
const PER_TYPE = 4;

const isoCountry = (r) => core.validateConfirmation({ country: r }).normalized.country === r;
const groupSeparated = (digits) => {
  const sep = rnd.pick([' ', '-', '.', ' ']);
  return digits.replace(/(\d{3})(?=\d)/g, `$1${sep}`);
};
/** The region's international prefix as people dial it. */
function iddOf(m) {
  if (m[12]) return m[12].replace(/~/g, '');
  if (/^\d+$/.test(m[1])) return m[1];
  for (let k = 0; k < 20; k++) {
    const s = sampler(m[1])(rnd);
    if (new RegExp(`^(?:${m[1]})$`).test(s)) return s;
  }
  return null;
}

/** National numbers of a region: drawn from each type, plus mutations. */
function nationalNumbers(m) {
  const out = new Set();
  for (const type of (Array.isArray(m[11]) ? m[11] : []).filter(Array.isArray)) {
    const draw = sampler(type[0]);
    for (let k = 0; k < PER_TYPE; k++) out.add(draw(rnd));
  }
  for (const n of [...out]) {
    const at = rnd.int(n.length);
    const mutated = rnd.pick([n.slice(0, at) + n.slice(at + 1), n.slice(0, at) + rnd.int(10) + n.slice(at),
      n.slice(0, at) + ((Number(n[at]) + 1 + rnd.int(9)) % 10) + n.slice(at + 1)]);
    if (mutated.length > 0) out.add(mutated);
  }
  return [...out];
}

function writings(region, m, n, iso) {
  const cc = m[0], prefix = m[5] || '';
  const list = [['E.164', `+${cc}${n}`, null], ['+CC separated', `+${cc} ${groupSeparated(n)}`, null]];
  if (prefix) list.push(['+CC trunk', `+${cc} ${prefix}${n}`, null], ['+CC (trunk)', `+${cc} (${prefix})${groupSeparated(n)}`, null]);
  if (iso) {
    list.push(['national', `${prefix}${groupSeparated(n)}`, region]);
    const idd = iddOf(m);
    if (idd) list.push(['international prefix', `${idd} ${cc} ${n}`, region]);
  }
  return list;
}

test('phones: the core agrees with libphonenumber-js/max on numbers of every region in five writings', () => {
  const tally = { valid: 0, accepted: 0, wrongE164: [], invalid: 0, refused: 0, acceptedInvalid: [], beyondE164: 0,
    beyondAccepted: [] };
  const perRegion = new Map();
  const byWriting = new Map();
  const plans = [...Object.entries(meta.countries).map(([r, m]) => [r, m]),
    ...Object.entries(meta.nonGeographic).map(([code, m]) => [`+${code}`, m])];
  for (const [region, m] of plans) {
    const iso = /^[A-Z]{2}$/.test(region) && isoCountry(region);
    const stats = perRegion.get(region) ?? { valid: 0, accepted: 0 };
    perRegion.set(region, stats);
    for (const n of nationalNumbers(m)) {
      for (const [writing, text, country] of writings(region, m, n, iso)) {
        const ref = parsePhoneNumberFromString(text, country ?? undefined);
        const refValid = Boolean(ref && ref.isValid());
        const r = core.validateConfirmation(country ? { country, phoneNumber: text } : { phoneNumber: text });
        const got = r.normalized.phoneNumber;
        const w = byWriting.get(writing) ?? { valid: 0, accepted: 0, invalid: 0, refused: 0 };
        byWriting.set(writing, w);
        if (refValid && ref.number.length > 16) {
          // libphonenumber accepts some national numbers longer than E.164
          // allows (15 digits with the calling code); the core refuses them.
          tally.beyondE164++;
          if (got !== undefined || !r.errors.some((e) => e.code === 'phoneNumber.tooLong')) tally.beyondAccepted.push(text);
        } else if (refValid) {
          tally.valid++; stats.valid++; w.valid++;
          if (got === ref.number) { tally.accepted++; stats.accepted++; w.accepted++; }
          else if (process.env.MCA_DIFF_VERBOSE) console.log('missed', region, text, r.errors.map((e) => e.code).join());
          if (got !== undefined && got !== ref.number) tally.wrongE164.push(`${region} ${text}: core ${got}, libphonenumber ${ref.number}`);
        } else {
          tally.invalid++; w.invalid++;
          if (got === undefined) { tally.refused++; w.refused++; }
          else tally.acceptedInvalid.push(`${region} ${text} -> ${got}`);
        }
      }
    }
  }
  const counted = [...perRegion].filter(([, s]) => s.valid >= 20);
  const weak = counted.filter(([, s]) => s.accepted / s.valid < 0.98).map(([r, s]) => `${r} ${share(s.accepted, s.valid)}`);
  console.log(`phones: ${perRegion.size} plans; valid numbers accepted with libphonenumber's E.164: ${share(tally.accepted, tally.valid)}`);
  console.log(`phones: invalid numbers refused: ${share(tally.refused, tally.invalid)}; wrong E.164: ${tally.wrongE164.length}`);
  console.log(`phones: valid to libphonenumber but longer than E.164's 15 digits (phoneNumber.tooLong): ${tally.beyondE164}`);
  console.log(`phones: regions with at least 20 valid numbers: ${counted.length}, below 98 %: ${weak.length ? weak.join(', ') : 'none'}`);
  for (const [writing, w] of byWriting) {
    console.log(`phones:   ${writing}: accepted ${share(w.accepted, w.valid)}, refused ${share(w.refused, w.invalid)}`);
  }
  assert.deepEqual(tally.wrongE164.slice(0, 20), [], 'never an E.164 other than libphonenumber\'s');
  assert.deepEqual(tally.beyondAccepted, [], 'numbers longer than E.164 allows are phoneNumber.tooLong');
  assert.ok(tally.accepted / tally.valid >= 0.995, `accepted ${share(tally.accepted, tally.valid)}`);
  assert.deepEqual(weak, [], 'every region with enough numbers at 98 % or more');
  assert.ok(tally.refused / tally.invalid >= 0.95, `refused ${share(tally.refused, tally.invalid)}: ${tally.acceptedInvalid.slice(0, 10)}`);
});
