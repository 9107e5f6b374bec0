// ISO 3166-1 alpha-2 country codes from Debian's iso-codes
// (iso_3166-1.json): a sorted array searched with bsearch.
import { ISO_CODES_JSON, readJson, isoCodesVersion, cString, wrap, writeC, cChars, sortedUnique }
  from './common.mjs';

const file = `${ISO_CODES_JSON}/iso_3166-1.json`;
const codes = sortedUnique(readJson(file)['3166-1'].map((c) => c.alpha_2));
for (const c of codes) if (!/^[A-Z]{2}$/.test(c)) throw new Error(`bad alpha-2 code ${c}`);

const source = `iso-codes ${isoCodesVersion()} iso_3166-1.json`;
writeC('gen-countries.mjs', source, `const char mca_source_countries[] = ${cString(source)};

/* ${codes.length} codes, sorted. */
const char mca_country_codes[][2] = {
${wrap(codes.map(cChars))}
};
const size_t mca_country_count = sizeof mca_country_codes / sizeof mca_country_codes[0];
`);
