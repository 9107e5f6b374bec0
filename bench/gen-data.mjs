// Generates the benchmark's classic-confirmation CSV: deterministic (a
// seeded PRNG, a fixed "now"), mostly valid rows with the invalid ones a
// partner's export really contains, names in several scripts, phones of
// several countries written the ways people write them, dates with offsets.
//
//   node bench/gen-data.mjs [--rows 100000] [--seed 1] [--out bench/out/data.csv]
//
// As a module: generateData({ rows, seed }) → { csv, kinds, counts }, where
// kinds[i] says what row i was made to be ('valid' or the defect it carries).
// Fields never contain a comma, a quote or a line break, so a plain split
// reads the file as well as an RFC 4180 parser does.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The "now" every row is generated and validated against (2026-11-20T12:00:00Z). */
export const BENCH_NOW = Date.UTC(2026, 10, 20, 12, 0, 0);
export const MCA_TEMPLATE = '117a77b0-9360-443b-8795-c6dedc750cf9';
const OLD_CLOUD_TEMPLATE = '998b88de-aa99-4388-a42c-1b3517d49490';
export const COLUMNS = ['customerId', 'firstName', 'lastName', 'email', 'phoneNumber',
  'dateAgreed', 'templateId', 'country'];

/**
 * Row kinds and their weights (per 1,000 rows). 'valid' rows must pass every
 * rule; every other kind breaks exactly one rule, named after the field it
 * breaks. 'email-idn' is valid only when the core can convert the domain (docs/rules.md:
 * what would need mapping is refused with email.idnUnsupported): its verdict is open.
 */
export const MIX = {
  valid: 800,
  'customerId-invalid': 15,
  'customerId-zero': 5,
  'firstName-digits': 10,
  'lastName-blank': 10,
  'email-invalid': 35,
  'email-idn': 5,
  'phoneNumber-countryRequired': 15,
  'phoneNumber-tooShort': 20,
  'dateAgreed-future': 20,
  'dateAgreed-noOffset': 20,
  'dateAgreed-impossible': 15,
  'templateId-notMca': 10,
  'country-invalid': 20,
};

/** sfc32: a small, fast PRNG with a 128-bit state, seeded through splitmix32. */
export function prng(seed) {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split(), b = split(), c = split(), d = split();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)] };
}

// Names: Latin with diacritics and particles, Greek, Cyrillic, CJK, Arabic,
// Devanagari (combining marks), Vietnamese (precomposed and combining).
const FIRST = ['Anne', 'Zoë', 'José-María', 'Seán', 'Jürgen', 'Łukasz', 'Chloé', 'Ines', 'Mary-Jane',
  'Nguyễn Văn', 'Ольга', 'Дмитрий', 'Γιώργος', 'Ελένη', '李', '美咲', 'محمد', 'फ़ातिमा', 'प्रिया', 'J.',
  'Björn', 'Åsa', 'Ngozi', 'Siobhán', 'Kwame', 'Ana Luísa', 'Jean-Luc', 'Søren'];
const LAST = ["O'Brien", 'van der Berg', 'de Vries', 'Müller', 'Nowak', 'García López', 'Núñez',
  'Ivanova', 'Смирнов', 'Παπαδόπουλος', '王', '佐藤', 'الحسيني', 'शर्मा', 'Trần', 'Nguyễn',
  "D’Angelo", 'St. John', 'Nguyễn'.normalize('NFD'), 'Øvergaard', 'Kowalczyk', 'Okafor', 'Ní Bhriain', 'Lefèvre', 'Berg-Olsen'];
const DOMAINS = ['contoso.nl', 'fabrikam.co.uk', 'northwind.de', 'adventure-works.com', 'tailspin.fr',
  'wingtip.com.au', 'litware.co.jp', 'proseware.in', 'fourthcoffee.com.br', 'woodgrove.us'];
const LOCAL_ASCII = ['anne', 'j.smith', 'finance', 'it-admin', 'p.devries', 'mca+attest', 'o_brien',
  'billing', 'k.nowak', 'sato.misaki'];

// Phones per country: a national form (with the trunk prefix) and the digits
// that follow the calling code, built from ranges that are in service.
const PHONES = [
  { country: 'NL', cc: '31', trunk: '0', make: (r) => `6${digits(r, 8, '12345678')}`, fmt: (n) => `${n.slice(0, 1)} ${n.slice(1, 5)} ${n.slice(5)}` },
  { country: 'NL', cc: '31', trunk: '0', make: (r) => `20${digits(r, 7, '2345678')}`, fmt: (n) => `${n.slice(0, 2)}-${n.slice(2)}` },
  { country: 'DE', cc: '49', trunk: '0', make: (r) => `30${digits(r, 8, '2345678')}`, fmt: (n) => `${n.slice(0, 2)} ${n.slice(2)}` },
  { country: 'DE', cc: '49', trunk: '0', make: (r) => `151${digits(r, 8)}`, fmt: (n) => `${n.slice(0, 3)} ${n.slice(3)}` },
  { country: 'GB', cc: '44', trunk: '0', make: (r) => `20794609${digits(r, 2)}`, fmt: (n) => `${n.slice(0, 2)} ${n.slice(2, 6)} ${n.slice(6)}` },
  { country: 'GB', cc: '44', trunk: '0', make: (r) => `7${r.pick('4589')}${digits(r, 8)}`, fmt: (n) => `${n.slice(0, 4)} ${n.slice(4)}` },
  { country: 'US', cc: '1', trunk: '1', make: (r) => `${r.pick(['202', '415', '312', '646', '206'])}${digits(r, 7, '23456789')}`, fmt: (n) => `(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}` },
  { country: 'FR', cc: '33', trunk: '0', make: (r) => `1${digits(r, 8, '23456789')}`, fmt: (n) => `${n.slice(0, 1)} ${n.slice(1, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)} ${n.slice(7)}` },
  { country: 'FR', cc: '33', trunk: '0', make: (r) => `6${digits(r, 8)}`, fmt: (n) => `${n.slice(0, 1)}.${n.slice(1, 3)}.${n.slice(3, 5)}.${n.slice(5, 7)}.${n.slice(7)}` },
  { country: 'BE', cc: '32', trunk: '0', make: (r) => `47${digits(r, 7)}`, fmt: (n) => `${n.slice(0, 3)} ${n.slice(3)}` },
  { country: 'JP', cc: '81', trunk: '0', make: (r) => `3${digits(r, 8, '2345678')}`, fmt: (n) => `${n.slice(0, 1)}-${n.slice(1, 5)}-${n.slice(5)}` },
  { country: 'IN', cc: '91', trunk: '0', make: (r) => `98${digits(r, 8)}`, fmt: (n) => `${n.slice(0, 5)} ${n.slice(5)}` },
  { country: 'BR', cc: '55', trunk: '0', make: (r) => `119${digits(r, 8, '6789')}`, fmt: (n) => `(${n.slice(0, 2)}) ${n.slice(2, 7)}-${n.slice(7)}` },
  { country: 'AU', cc: '61', trunk: '0', make: (r) => `4${r.pick('01')}${digits(r, 7)}`, fmt: (n) => `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}` },
  { country: 'ES', cc: '34', trunk: '', make: (r) => `6${digits(r, 8)}`, fmt: (n) => `${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)} ${n.slice(7)}` },
];
const BAD_COUNTRIES = ['UK', 'EU', 'XX', 'NLD', 'D', 'Holland'];

/** n random digits; the first from `first` when given (a range in service). */
function digits(r, n, first = '0123456789') {
  let s = r.pick(first);
  for (let i = 1; i < n; i += 1) s += String(r.int(10));
  return s;
}

function guid(r) {
  const hex = (n) => { let s = ''; for (let i = 0; i < n; i += 1) s += r.int(16).toString(16); return s; };
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[r.int(4)]}${hex(3)}-${hex(12)}`;
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** An ISO-8601 text for the instant `ms`, written with a random offset or form. */
function isoDate(r, ms) {
  const form = r.int(10);
  if (form === 0) { // a date alone: midnight UTC
    const d = new Date(ms);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  }
  const offsetMin = form <= 4 ? 0 : r.pick([60, 120, -300, -240, 330, 540, 600, -180]);
  const d = new Date(ms + offsetMin * 60000);
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T`
    + `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const frac = form === 3 ? `.${pad(r.int(1000), 3)}` : '';
  if (offsetMin === 0) return `${base}${frac}Z`;
  const a = Math.abs(offsetMin);
  return `${base}${frac}${offsetMin < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

function phoneText(r, p, national) {
  if (national) return p.trunk + p.fmt(p.make(r));
  const n = p.make(r);
  const prefix = r.int(4) === 0 ? `00${p.cc}` : `+${p.cc}`;
  return `${prefix} ${p.fmt(n)}`;
}

/** A valid row; the defect functions below change one field of it. */
function validRow(r) {
  const p = r.pick(PHONES);
  const first = r.pick(FIRST);
  const last = r.pick(LAST);
  const phoneForm = r.int(10); // 0-1 none, 2-6 national with country, 7-9 international
  const pastMs = BENCH_NOW - (60 + r.int(2 * 365 * 86400)) * 1000;
  const id = guid(r);
  return {
    customerId: r.int(5) === 0 ? id.toUpperCase() : id,
    firstName: r.int(20) === 0 ? ` ${first} ` : first,
    lastName: last,
    email: `${r.pick(LOCAL_ASCII)}${r.int(100)}@${r.pick(DOMAINS)}`,
    phoneNumber: phoneForm < 2 ? '' : phoneText(r, p, phoneForm <= 6),
    dateAgreed: isoDate(r, pastMs),
    templateId: r.int(10) === 0 ? (r.int(2) ? MCA_TEMPLATE.toUpperCase() : MCA_TEMPLATE) : '',
    // A national phone needs the country; otherwise the country is often given anyway.
    country: phoneForm >= 2 && phoneForm <= 6 ? (r.int(8) === 0 ? p.country.toLowerCase() : p.country)
      : (r.int(2) ? p.country : ''),
    _phone: p,
  };
}

const DEFECTS = {
  'customerId-invalid': (r, row) => {
    row.customerId = r.pick([row.customerId.replace(/-/g, ''), `{${row.customerId}}`,
      row.customerId.slice(0, 30), `${row.customerId.slice(0, 35)}g`, 'n/a', '']);
  },
  'customerId-zero': (r, row) => { row.customerId = '00000000-0000-0000-0000-000000000000'; },
  'firstName-digits': (r, row) => { row.firstName = r.pick(['Anne2', 'J0hn', '123', 'Test User 1']); },
  'lastName-blank': (r, row) => { row.lastName = r.pick(['', '   ', '-', "'", '..']); },
  'email-invalid': (r, row) => {
    const [local, domain] = row.email.split('@');
    row.email = r.pick([`${local}..x@${domain}`, `${local}@${domain.split('.')[0]}`, `${local} x@${domain}`,
      `@${domain}`, `${local}@`, `${local}@@${domain}`, `.${local}@${domain}`, `${local}.@${domain}`,
      `${local}@-${domain}`, `${local}@${domain}.1`, `${local}`,
      `${local}@${domain.split('.')[0]}.c`]);
  },
  'email-idn': (r, row) => { row.email = `${row.email.split('@')[0]}@${r.pick(['bücher.de', 'müller.ch', 'пример.рф', '例え.jp'])}`; },
  'phoneNumber-countryRequired': (r, row) => {
    row.phoneNumber = phoneText(r, row._phone, true);
    row.country = '';
  },
  'phoneNumber-tooShort': (r, row) => {
    row.phoneNumber = `+${row._phone.cc} ${digits(r, 3 + r.int(2))}`;
  },
  'dateAgreed-future': (r, row) => {
    // At least a day ahead, so that a date alone (midnight UTC) is in the future too.
    row.dateAgreed = isoDate(r, BENCH_NOW + (2 * 86400 + r.int(30 * 86400)) * 1000);
  },
  'dateAgreed-noOffset': (r, row) => { row.dateAgreed = `${row.dateAgreed.slice(0, 10)}T${pad(8 + r.int(10))}:30:00`; },
  'dateAgreed-impossible': (r, row) => {
    row.dateAgreed = r.pick(['2026-02-30T10:00:00Z', '2025-13-01T10:00:00Z', '2026-04-31', '2026-06-15T24:00:00Z',
      '2025-02-29T09:00:00+01:00', '2026-01-01T10:60:00Z', '26-01-05T10:00:00Z', '05/01/2026']);
  },
  'templateId-notMca': (r, row) => { row.templateId = OLD_CLOUD_TEMPLATE; },
  'country-invalid': (r, row) => {
    row.country = r.pick(BAD_COUNTRIES);
    if (row.phoneNumber && !row.phoneNumber.startsWith('+') && !row.phoneNumber.startsWith('00')) {
      row.phoneNumber = phoneText(r, row._phone, false); // keep the phone valid on its own
    }
  },
};

/** The kind of each row: a weighted draw from the mix. */
function drawKind(r, mix, total) {
  let x = r.int(total);
  for (const [kind, weight] of Object.entries(mix)) {
    if (x < weight) return kind;
    x -= weight;
  }
  return 'valid';
}

/**
 * Generates `rows` data rows (plus the header) from `seed`; `mix` replaces
 * MIX (e.g. { valid: 1 } for valid rows only).
 * @returns {{ csv: string, kinds: string[], counts: Record<string, number> }}
 */
export function generateData({ rows = 100_000, seed = 1, mix = MIX } = {}) {
  const r = prng(seed);
  const lines = [COLUMNS.join(',')];
  const kinds = [];
  const counts = Object.fromEntries(Object.keys(mix).map((k) => [k, 0]));
  const total = Object.values(mix).reduce((a, b) => a + b, 0);
  for (let i = 0; i < rows; i += 1) {
    const kind = drawKind(r, mix, total);
    const row = validRow(r);
    if (kind !== 'valid') DEFECTS[kind](r, row);
    kinds.push(kind);
    counts[kind] += 1;
    lines.push(COLUMNS.map((c) => row[c]).join(','));
  }
  return { csv: `${lines.join('\r\n')}\r\n`, kinds, counts };
}

/** Writes the CSV and, beside it, the kind of each row (one a line). */
export async function writeData({ rows, seed, out, mix }) {
  const { csv, kinds, counts } = generateData({ rows, seed, mix });
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, csv);
  await writeFile(`${out}.kinds`, `${kinds.join('\n')}\n`);
  return { out, bytes: Buffer.byteLength(csv), counts };
}

function parseArgs(argv) {
  const args = { rows: 100_000, seed: 1, out: null };
  for (let i = 0; i < argv.length; i += 1) {
    const value = argv[i + 1];
    if (argv[i] === '--rows') { args.rows = Number(value); i += 1; } else if (argv[i] === '--seed') { args.seed = Number(value); i += 1; } else if (argv[i] === '--out') { args.out = value; i += 1; } else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!Number.isInteger(args.rows) || args.rows < 0) throw new Error('--rows must be a whole number');
  args.out ??= resolve(fileURLToPath(new URL('./out/', import.meta.url)), `data-${args.rows}-${args.seed}.csv`);
  return args;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { out, bytes, counts } = await writeData(parseArgs(process.argv.slice(2)));
    console.log(`${out}: ${bytes} bytes`);
    console.log(JSON.stringify(counts));
  } catch (e) {
    console.error(`gen-data: ${e.message}`);
    process.exit(2);
  }
}
