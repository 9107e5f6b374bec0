// Language (ISO 639) and script (ISO 15924) codes from Debian's iso-codes.
//  - two-letter language codes (ISO 639-1, the alpha_2 of iso_639-3.json and
//    iso_639-2.json): a sorted array;
//  - three-letter codes with no two-letter equivalent (iso_639-3.json
//    individual and macro languages, iso_639-2.json collective codes): a
//    bitset over the 26^3 possible codes, 2,197 bytes instead of a 24 KB
//    sorted array of ~7,900 codes; the special codes (mis, mul, und, zxx)
//    and the local-use range qaa-qtz are left out;
//  - three-letter codes that have a two-letter equivalent (terminology and
//    bibliographic: nld, dut -> nl): a sorted map, so they normalise to the
//    two-letter form a culture name uses;
//  - scripts: a sorted array of four-letter codes in title case, without the
//    private-use range Qaaa-Qabx.
import { ISO_CODES_JSON, readJson, isoCodesVersion, cString, wrap, writeC, cChars, sortedUnique }
  from './common.mjs';

const iso3 = readJson(`${ISO_CODES_JSON}/iso_639-3.json`)['639-3'];
const iso2 = readJson(`${ISO_CODES_JSON}/iso_639-2.json`)['639-2'];
const scripts15924 = readJson(`${ISO_CODES_JSON}/iso_15924.json`)['15924'];

const two = sortedUnique([...iso3, ...iso2].filter((l) => l.alpha_2).map((l) => l.alpha_2));
const toTwo = new Map();
for (const l of [...iso3, ...iso2]) {
  if (!l.alpha_2) continue;
  toTwo.set(l.alpha_3, l.alpha_2);
  if (l.bibliographic) toTwo.set(l.bibliographic, l.alpha_2);
}
const special = new Set(['mis', 'mul', 'und', 'zxx']);
const three = sortedUnique([
  ...iso3.filter((l) => l.type !== 'S').map((l) => l.alpha_3),
  ...iso2.map((l) => l.alpha_3),
].filter((c) => /^[a-z]{3}$/.test(c) && !special.has(c) && !toTwo.has(c)));
const scripts = sortedUnique(scripts15924.map((s) => s.alpha_4).filter((s) => !/^Qa/.test(s)));

for (const c of two) if (!/^[a-z]{2}$/.test(c)) throw new Error(`bad 639-1 code ${c}`);
for (const s of scripts) if (!/^[A-Z][a-z]{3}$/.test(s)) throw new Error(`bad script ${s}`);

const bits = new Uint8Array(Math.ceil(26 ** 3 / 8));
for (const c of three) {
  const i = [...c].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 97, 0);
  bits[i >> 3] |= 1 << (i & 7);
}
const mapKeys = sortedUnique([...toTwo.keys()]);

const source = `iso-codes ${isoCodesVersion()} iso_639-3.json iso_639-2.json iso_15924.json`;
writeC('gen-languages.mjs', source, `const char mca_source_languages[] = ${cString(source)};

/* ${two.length} two-letter codes, sorted. */
const char mca_language2_codes[][2] = {
${wrap(two.map(cChars))}
};
const size_t mca_language2_count = sizeof mca_language2_codes / sizeof mca_language2_codes[0];

/* ${three.length} three-letter codes without a two-letter equivalent: bit
 * (a*26+b)*26+c for letters a,b,c (0-25). */
const unsigned char mca_language3_bits[${bits.length}] = {
${wrap([...bits].map((b) => '0x' + b.toString(16).padStart(2, '0')))}
};
const size_t mca_language3_count = ${three.length};

/* ${mapKeys.length} three-letter codes with a two-letter equivalent, sorted. */
const mca_language_alias mca_language_aliases[] = {
${wrap(mapKeys.map((k) => `{${cChars(k)},${cChars(toTwo.get(k))}}`))}
};
const size_t mca_language_alias_count = sizeof mca_language_aliases / sizeof mca_language_aliases[0];

/* ${scripts.length} script codes, sorted. */
const char mca_script_codes[][4] = {
${wrap(scripts.map(cChars))}
};
const size_t mca_script_count = sizeof mca_script_codes / sizeof mca_script_codes[0];
`);
