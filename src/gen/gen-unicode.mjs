#!/usr/bin/env node
// Generates src tables for the Unicode rules (names, company names, email
// domains) from Debian's unicode-data package (/usr/share/unicode/):
//   - character classes: general category group per code point, plus whether
//     the code point may stand in an internationalised domain label as it is
//     (IDNA2008 PVALID, conservatively: see idnOk below);
//   - canonical combining classes;
//   - canonical decompositions (one level, applied recursively by the C code);
//   - the primary composites (canonical pairs not excluded from composition);
//   - the joining types of ArabicShaping.txt (for RFC 5892's CONTEXTJ rule
//     of the zero-width non-joiner in names).
// Usage: node gen-unicode.mjs <output.c>
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const UCD = process.env.MCA_UNICODE_DIR ?? '/usr/share/unicode';
const out = process.argv[2];
if (!out) {
  console.error('usage: gen-unicode.mjs <output.c>');
  process.exit(2);
}

function read(name) {
  try {
    return readFileSync(`${UCD}/${name}`, 'utf8');
  } catch (e) {
    console.error(`gen-unicode: cannot read ${UCD}/${name} (install the Debian package unicode-data): ${e.message}`);
    process.exit(1);
  }
}

/** Lines of a UCD file without comments, split on ';' and trimmed. */
function records(text) {
  return text.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean)
    .map((l) => l.split(';').map((f) => f.trim()));
}

/** Parses "0041" or "0041..005A" into [first, last]. */
function range(field) {
  const [a, b] = field.split('..');
  return [parseInt(a, 16), parseInt(b ?? a, 16)];
}

/** Set of code points having the property `name` in a property file. */
function propertySet(text, name) {
  const set = new Set();
  for (const [r, prop] of records(text)) {
    if (prop !== name) continue;
    const [a, b] = range(r);
    for (let c = a; c <= b; c++) set.add(c);
  }
  return set;
}

const MAX = 0x10ffff;
const version = (read('DerivedAge.txt').match(/DerivedAge-(\d+\.\d+\.\d+)\.txt/) ?? [])[1];
if (!version) throw new Error('gen-unicode: no version in DerivedAge.txt');

// ---- UnicodeData.txt: category, combining class, decomposition ----
const category = new Map(); // cp -> gc (unassigned: absent, i.e. Cn)
const ccc = new Map();
const decomposition = new Map(); // cp -> [cps] canonical only
let rangeStart = null;
for (const f of records(read('UnicodeData.txt'))) {
  const cp = parseInt(f[0], 16);
  const [name, gc, cc, , dm] = [f[1], f[2], Number(f[3]), f[4], f[5]];
  if (name.endsWith(', First>')) { rangeStart = cp; continue; }
  const first = name.endsWith(', Last>') ? rangeStart : cp;
  for (let c = first; c <= cp; c++) {
    category.set(c, gc);
    if (cc) ccc.set(c, cc);
  }
  if (dm && !dm.startsWith('<')) decomposition.set(cp, dm.split(' ').map((h) => parseInt(h, 16)));
}

// ---- properties for the IDNA2008 derivation (RFC 5892) ----
const cwkcf = propertySet(read('DerivedNormalizationProps.txt'), 'Changes_When_NFKC_Casefolded');
const nfcNotYes = new Set([...propertySet(read('DerivedNormalizationProps.txt'), 'NFC_QC')]);
const fullExclusion = propertySet(read('DerivedNormalizationProps.txt'), 'Full_Composition_Exclusion');
const ignorable = propertySet(read('DerivedCoreProperties.txt'), 'Default_Ignorable_Code_Point');
const oldJamo = new Set([...['L', 'V', 'T']].flatMap((t) => [...propertySet(read('HangulSyllableType.txt'), t)]));
const ignorableBlocks = records(read('Blocks.txt'))
  .filter(([, n]) => ['Combining Diacritical Marks for Symbols', 'Musical Symbols',
    'Ancient Greek Musical Notation'].includes(n)).map(([r]) => range(r));
// Bidi classes R, AL, AN: labels with them fall under the Bidi rule (RFC 5893),
// which the core does not implement, so they are not accepted in a domain.
const rtl = new Set();
for (const f of records(read('UnicodeData.txt'))) if (['R', 'AL', 'AN'].includes(f[4])) rtl.add(parseInt(f[0], 16));
for (const [a, b] of [[0x0590, 0x08ff], [0x10800, 0x10fff], [0x1e800, 0x1efff], [0xfb1d, 0xfdff], [0xfe70, 0xfeff]]) {
  for (let c = a; c <= b; c++) if (!category.has(c)) rtl.add(c); // default R/AL for unassigned
}
// RFC 5892 section 2.6, Exceptions whose value is DISALLOWED.
const idnaDisallowedExceptions = new Set([0x0640, 0x07fa, 0x302e, 0x302f, 0x3031, 0x3032, 0x3033, 0x3034,
  0x3035, 0x303b]);

/** May stand in a U-label as it is: letters and Mn/Mc marks that IDNA2008
 * derives as PVALID and that need no mapping. Digits are taken from ASCII
 * only (other digits have contextual rules). Conservative: what is not
 * surely PVALID is reported as unsupported, never accepted. */
function idnOk(c) {
  const gc = category.get(c);
  if (!gc || !/^(Ll|Lo|Lm|Mn|Mc)$/.test(gc)) return false;
  if (cwkcf.has(c) || ignorable.has(c) || oldJamo.has(c) || rtl.has(c) || idnaDisallowedExceptions.has(c)) return false;
  return !ignorableBlocks.some(([a, b]) => c >= a && c <= b);
}

// Class numbers; keep in step with src/text/mca_unicode.h.
const CLASS = { other: 0, letter: 1, mark: 2, number: 3, space: 4, control: 5 };
const IDN_OK = 8;
function classOf(c) {
  const gc = category.get(c);
  if (!gc) return CLASS.other;
  // Invisible letters (Hangul fillers) count as format characters.
  if (gc[0] === 'L') return ignorable.has(c) ? CLASS.control : CLASS.letter;
  // Invisible marks (variation selectors, the combining grapheme joiner,
  // Mongolian free variation selectors) too: they change nothing visible.
  if (gc[0] === 'M') return ignorable.has(c) ? CLASS.control : CLASS.mark;
  if (gc[0] === 'N') return CLASS.number;
  if (gc === 'Zs') return CLASS.space;
  if (gc === 'Cc' || gc === 'Cf' || gc === 'Zl' || gc === 'Zp') return CLASS.control;
  return CLASS.other;
}

/** Run-length boundaries: [start, value] wherever the value changes. */
function boundaries(valueOf) {
  const list = [];
  let prev = -1;
  for (let c = 0; c <= MAX; c++) {
    const v = valueOf(c);
    if (v !== prev) { list.push([c, v]); prev = v; }
  }
  return list;
}

// Classes as a two-stage table: code points in blocks of 256, each block's
// 4-bit values (two per byte) stored once, an index of one byte per block.
// The index covers planes 0-3 and the first 4096 code points of plane 14;
// every other code point is unassigned or private use (class 0), which the
// generator checks. Compresses to a third of a list of runs, and is O(1).
// Blocks of 256 rather than 128: the index halves and the distinct rows
// grow by less (137 rows against 224), 2,510 bytes gzip for both tables
// against 2,633.
const BLOCK = 128, CLASS_BLOCK = 256, LOW_END = 0x40000, TAG_START = 0xe0000, TAG_END = 0xe1000;
const classValue = (c) => classOf(c) | (idnOk(c) ? IDN_OK : 0);
for (let c = LOW_END; c <= MAX; c++) {
  if ((c < TAG_START || c >= TAG_END) && classValue(c) !== 0) {
    throw new Error(`gen-unicode: U+${c.toString(16)} has a class outside the two-stage table's planes`);
  }
}
const classIndex = [];
const classBlocks = [];
const blockIds = new Map();
for (const [from, to] of [[0, LOW_END], [TAG_START, TAG_END]]) {
  for (let start = from; start < to; start += CLASS_BLOCK) {
    const bytes = [];
    for (let c = start; c < start + CLASS_BLOCK; c += 2) bytes.push(classValue(c) | classValue(c + 1) << 4);
    const key = bytes.join(',');
    if (!blockIds.has(key)) { blockIds.set(key, blockIds.size); classBlocks.push(...bytes); }
    classIndex.push(blockIds.get(key));
  }
}
if (blockIds.size > 256) throw new Error('gen-unicode: more than 256 distinct class blocks');
const combining = boundaries((c) => ccc.get(c) ?? 0);

// Joining types listed in ArabicShaping.txt (U 0, L 1, D 2, R 3, T 4; the
// join-causing C counts as U: RFC 5892 asks for L, D, R and T only). Code
// points not listed are U, except marks (T): the C side derives those.
const JOINING = { U: 0, C: 0, L: 1, D: 2, R: 3, T: 4 };
const joiningListed = new Map();
for (const [r, , type] of records(read('ArabicShaping.txt'))) {
  if (!(type in JOINING)) throw new Error(`gen-unicode: joining type ${type} of U+${r}`);
  joiningListed.set(parseInt(r, 16), JOINING[type]);
}
const joining = boundaries((c) => joiningListed.get(c) ?? 0);

// ---- composition ----
const decomp = [...decomposition.entries()].sort((a, b) => a[0] - b[0]);
const exclusions = new Set(records(read('CompositionExclusions.txt')).map(([r]) => parseInt(r, 16)));
const composites = [];
decomp.forEach(([cp, d], index) => {
  const excluded = d.length !== 2 || exclusions.has(cp) || (ccc.get(cp) ?? 0) !== 0 || (ccc.get(d[0]) ?? 0) !== 0;
  if (excluded !== fullExclusion.has(cp) && d.length === 2) {
    throw new Error(`gen-unicode: composition exclusion of U+${cp.toString(16)} disagrees with Full_Composition_Exclusion`);
  }
  if (!excluded) composites.push(index);
});
composites.sort((i, j) => decomp[i][1][0] - decomp[j][1][0] || decomp[i][1][1] - decomp[j][1][1]);
for (const [cp, d] of decomp) {
  if (cp >= 1 << 18 || d.some((x) => x >= 1 << 18) || d.length > 2) throw new Error(`gen-unicode: U+${cp.toString(16)} does not fit the packing`);
}

// The C decomposition writes at most 4 code points per input code point.
const full = (c) => (decomposition.has(c) ? decomposition.get(c).flatMap(full) : [c]);
for (const [cp] of decomp) if (full(cp).length > 4) throw new Error(`gen-unicode: U+${cp.toString(16)} decomposes to more than 4`);

// Below this code point every character is NFC_QC=Yes with combining class
// 0, so text of only such characters is already in NFC.
let nfcQuickBelow = MAX + 1;
for (const c of nfcNotYes) nfcQuickBelow = Math.min(nfcQuickBelow, c);
for (const c of ccc.keys()) nfcQuickBelow = Math.min(nfcQuickBelow, c);

// One bit a code point (planes 0-3; above, the quick check does not
// answer): NFC_QC=Yes with combining class 0, so text of only such
// characters is already in NFC (UAX #15 quick check). Two stages as for
// the classes: 16-byte rows of 128 bits, stored once, a byte per block.
const nfcYes = (c) => !nfcNotYes.has(c) && !ccc.has(c);
const nfcYesIndex = [];
const nfcYesBlocks = [];
const nfcYesIds = new Map();
for (let start = 0; start < LOW_END; start += BLOCK) {
  const bytes = [];
  for (let c = start; c < start + BLOCK; c += 8) {
    let byte = 0;
    for (let k = 0; k < 8; k++) byte |= nfcYes(c + k) ? 1 << k : 0;
    bytes.push(byte);
  }
  const key = bytes.join(',');
  if (!nfcYesIds.has(key)) { nfcYesIds.set(key, nfcYesIds.size); nfcYesBlocks.push(...bytes); }
  nfcYesIndex.push(nfcYesIds.get(key));
}
if (nfcYesIds.size > 256) throw new Error('gen-unicode: more than 256 distinct NFC quick check blocks');

// ---- output ----
const hex = (n) => `0x${n.toString(16)}`;
function rows(items, perLine) {
  const lines = [];
  for (let i = 0; i < items.length; i += perLine) lines.push(`    ${items.slice(i, i + perLine).join(', ')},`);
  return lines.join('\n');
}
// Runs [start, value] (value < 256, start < 2^24) as four byte planes of
// the words start << 8 | value.
function bytePlanes(runs) {
  if (runs.some(([c, v]) => v > 255 || c >= 1 << 24)) throw new Error('gen-unicode: a run does not fit a word');
  const words = runs.map(([c, v]) => (c << 8 | v) >>> 0);
  return [0, 8, 16, 24].flatMap((k) => words.map((w) => hex(w >>> k & 0xff)));
}
// Decompositions in columns: the code points as runs of consecutive ones
// (start << 12 | index of the run's first entry), the first code point of
// each entry in 3 byte planes (the low bytes, then the middle, then the
// high ones), the second as a byte index into a short list of the distinct
// second code points (0 first: a singleton). A third of the size of one
// 64-bit word per entry after compression.
const decompRuns = [];
decomp.forEach(([cp], i) => { if (i === 0 || decomp[i - 1][0] !== cp - 1) decompRuns.push([cp, i]); });
const decompMarks = [...new Set([0, ...decomp.map(([, d]) => d[1] ?? 0)])].sort((a, b) => a - b);
if (decomp.length >= 4096 || decompMarks.length > 256 || decomp.some(([cp]) => cp >= 1 << 20)) {
  throw new Error('gen-unicode: the decompositions do not fit the column layout');
}
const decompFirstBytes = [0, 8, 16].flatMap((k) => decomp.map(([, d]) => d[0] >> k & 0xff));
const text = `/* Generated by src/gen/gen-unicode.mjs from Unicode ${version} (Debian package
 * unicode-data). Do not edit; not committed. */
#include "mca_unicode.h"

const char mca_unicode_version[] = "${version}";

/* Text of code points below this one only is already in NFC (each is
 * NFC_QC=Yes with combining class 0). */
const uint32_t mca_unicode_nfc_quick_below = ${hex(nfcQuickBelow)};

/* Bit (cp & 7) of mca_unicode_nfc_yes_blocks[index[cp >> 7] * 16 +
 * (cp & 127) / 8]: cp (below U+40000) is NFC_QC=Yes with combining class 0. */
const uint8_t mca_unicode_nfc_yes_index[${nfcYesIndex.length}] = {
${rows(nfcYesIndex.map(String), 24)}
};
const uint8_t mca_unicode_nfc_yes_blocks[${nfcYesBlocks.length}] = {
${rows(nfcYesBlocks.map(hex), 16)}
};

/* Class of every code point, two stages: mca_unicode_class_index[block] is
 * the number of a ${CLASS_BLOCK / 2}-byte row of mca_unicode_class_blocks holding the
 * 4-bit classes of the block's ${CLASS_BLOCK} code points (even code point in the low
 * nibble). Blocks: U+0000-U+3FFFF, then U+E0000-U+E0FFF; all else class 0. */
const uint8_t mca_unicode_class_index[${classIndex.length}] = {
${rows(classIndex.map(String), 24)}
};
const uint8_t mca_unicode_class_blocks[${classBlocks.length}] = {
${rows(classBlocks.map(hex), 16)}
};

/* Runs (start << 8 | canonical combining class), sorted, as four byte
 * planes: byte k of run i is mca_unicode_ccc[k * count + i] (the planes
 * compress better than the words). */
const uint8_t mca_unicode_ccc[] = {
${rows(bytePlanes(combining), 16)}
};
const size_t mca_unicode_ccc_count = ${combining.length};

/* Runs (start << 8 | joining type) of ArabicShaping.txt, same layout: 0 U
 * (or not listed), 1 L, 2 D, 3 R, 4 T. */
const uint8_t mca_unicode_joining[] = {
${rows(bytePlanes(joining), 16)}
};
const size_t mca_unicode_joining_count = ${joining.length};

/* Canonical decompositions, one level, by entry (sorted by code point):
 * entry i decomposes to first(i) and mca_unicode_decomp_marks[second[i]]
 * (0 for a singleton). Hangul syllables are algorithmic. */
/* Runs (start << 12 | first entry) as four byte planes: byte k of run i at
 * k * count + i. */
const uint8_t mca_unicode_decomp_runs[] = {
${rows([0, 8, 16, 24].flatMap((k) => decompRuns.map(([cp, i]) => hex(((cp << 12 | i) >>> 0) >>> k & 0xff))), 16)}
};
const size_t mca_unicode_decomp_runs_count = ${decompRuns.length};
const size_t mca_unicode_decomp_count = ${decomp.length};
const uint8_t mca_unicode_decomp_first[] = { /* 3 byte planes: byte k of entry i at k * count + i */
${rows(decompFirstBytes.map(hex), 18)}
};
const uint8_t mca_unicode_decomp_second[] = {
${rows(decomp.map(([, d]) => String(decompMarks.indexOf(d[1] ?? 0))), 24)}
};
const uint32_t mca_unicode_decomp_marks[] = {
${rows(decompMarks.map(hex), 12)}
};

/* Entries (indices) of the decompositions that are primary composites, sorted by
 * (first, second): the pairs canonical composition joins. Two byte planes:
 * the low byte of entry k at k, its high byte at count + k. */
const uint8_t mca_unicode_compose[] = {
${rows([0, 8].flatMap((k) => composites.map((e) => String(e >> k & 0xff))), 24)}
};
const size_t mca_unicode_compose_count = ${composites.length};
`;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, text);
console.log(`gen-unicode: Unicode ${version}: ${blockIds.size} class blocks, ${combining.length} ccc runs, ${joining.length} joining runs, `
  + `${decomp.length} decompositions, ${composites.length} composites`);
