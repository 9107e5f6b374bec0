// Phone numbering data from libphonenumber's metadata, as shipped by the
// libphonenumber-js dev dependency (metadata.max.json), reduced to what the
// phone rule needs:
//  - regions (sorted by ISO 3166-1 alpha-2): ITU calling code, national
//    (trunk) prefix, possible national lengths as a bit mask, and the index
//    of the region's numbering plan when its structure is checked;
//  - calling codes (sorted): every assigned code, geographic and not, with
//    the plan used for international numbers (that of the first checked
//    region sharing the code, e.g. +1 -> US, +44 -> GB) and whether the
//    code's main region has the trunk prefix 0 (for "+44 (0)20 ...");
//  - plans: for the checked regions, the region's general national-number
//    pattern compiled to a minimal digit automaton (digit-dfa.mjs): a table
//    of states with ten next states each (0xFF: no number continues so) and
//    a 64-bit mask of accepting states. A national number fits the plan when
//    its length is a possible length and the walk ends in an accepting state.
import { readFileSync } from 'node:fs';
import { npmPackage, readJson, cString, wrap, writeC, sortedUnique } from './common.mjs';
import { digitDfa, dfaMatches } from './digit-dfa.mjs';

// The regions whose national numbers are checked (docs/rules.md, "Country, language and phone").
const CHECKED = ['US', 'CA', 'MX', 'BR', 'GB', 'IE', 'DE', 'AT', 'CH', 'FR', 'BE', 'NL', 'LU',
  'IT', 'ES', 'PT', 'SE', 'NO', 'DK', 'FI', 'PL', 'CZ', 'AU', 'NZ', 'JP', 'KR', 'IN', 'SG',
  'ZA', 'AE'];

const pkg = npmPackage('libphonenumber-js', 'metadata.max.json');
const meta = JSON.parse(readFileSync(pkg.path, 'utf8'));
const examples = readJson(npmPackage('libphonenumber-js', 'examples.mobile.json').path);

// Positions in a region's metadata array (libphonenumber-js compressed format).
const CALLING_CODE = 0, NATIONAL_PATTERN = 2, POSSIBLE_LENGTHS = 3, NATIONAL_PREFIX = 5;

const regions = sortedUnique(Object.keys(meta.countries));
const plans = [];
const planOf = new Map();
for (const r of CHECKED) {
  const m = meta.countries[r];
  if (!m) throw new Error(`no metadata for checked region ${r}`);
  const dfa = digitDfa(m[NATIONAL_PATTERN]);
  if (dfa.next.length > 64) throw new Error(`${r}: ${dfa.next.length} states do not fit 64 bits`);
  const example = examples[r];
  if (!dfaMatches(dfa, example) || !m[POSSIBLE_LENGTHS].includes(example.length))
    throw new Error(`${r}: the automaton rejects libphonenumber's example ${example}`);
  planOf.set(r, plans.length);
  plans.push({ region: r, dfa, lengths: m[POSSIBLE_LENGTHS] });
}

function lengthMask(lengths) {
  let mask = 0;
  for (const n of lengths) {
    if (n < 1 || n > 17) throw new Error(`possible length ${n} out of range`);
    mask |= 1 << n;
  }
  return '0x' + (mask >>> 0).toString(16);
}

const regionRows = regions.map((r) => {
  const m = meta.countries[r];
  const prefix = m[NATIONAL_PREFIX] || '';
  if (!/^\d{0,2}$/.test(prefix)) throw new Error(`${r}: national prefix ${prefix}`);
  const plan = planOf.has(r) ? planOf.get(r) : -1;
  return `{${lengthMask(m[POSSIBLE_LENGTHS])}, ${m[CALLING_CODE]}, {'${r[0]}','${r[1]}'}, `
    + `${cString(prefix)}, ${plan}}`;
});

// Geographic codes (with their regions) and non-geographic ones (+800 ...).
const codes = [...new Set([...Object.keys(meta.country_calling_codes),
  ...Object.keys(meta.nonGeographic)].map(Number))].sort((a, b) => a - b);
const codeRows = codes.map((code) => {
  const sharing = meta.country_calling_codes[String(code)] || [];
  const checked = sharing.find((r) => planOf.has(r));
  const trunk0 = sharing.length > 0 && meta.countries[sharing[0]][NATIONAL_PREFIX] === '0';
  return `{${code}, ${checked ? planOf.get(checked) : -1}, ${trunk0 ? 1 : 0}}`;
});

let first = 0;
const planRows = [];
const stateRows = [];
for (const { region, dfa, lengths } of plans) {
  let accept = 0n;
  dfa.accept.forEach((a, s) => { if (a) accept |= 1n << BigInt(s); });
  planRows.push(`{0x${accept.toString(16)}ull, ${lengthMask(lengths)}, ${first}, ${dfa.next.length}}`
    + ` /* ${region} */`);
  for (const next of dfa.next)
    stateRows.push(`{{${next.map((t) => (t < 0 ? 255 : t)).join(',')}}}`);
  first += dfa.next.length;
}

const source = `libphonenumber-js ${pkg.version} metadata.max.json`;
writeC('gen-phone.mjs', source, `const char mca_source_phone[] = ${cString(source)};

/* ${regionRows.length} regions, sorted. */
const mca_phone_region mca_phone_regions[] = {
${wrap(regionRows)}
};
const size_t mca_phone_region_count = sizeof mca_phone_regions / sizeof mca_phone_regions[0];

/* ${codeRows.length} calling codes, sorted. */
const mca_calling_code mca_calling_codes[] = {
${wrap(codeRows)}
};
const size_t mca_calling_code_count = sizeof mca_calling_codes / sizeof mca_calling_codes[0];

/* ${plans.length} plans. */
const mca_phone_plan mca_phone_plans[] = {
${planRows.map((r) => '    ' + r + ',').join('\n')}
};
const size_t mca_phone_plan_count = sizeof mca_phone_plans / sizeof mca_phone_plans[0];

/* ${stateRows.length} automaton states. */
const mca_phone_state mca_phone_states[] = {
${wrap(stateRows)}
};
`);
