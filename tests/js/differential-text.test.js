// Differential tests of the text rules against references outside the
// core: email domains against node:url's domainToASCII, names against
// String.prototype.normalize('NFC'), dateAgreed against a strict reading
// of its documented ISO-8601 forms. Seeded; each prints its figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { domainToASCII } from 'node:url';
import { loadCore } from '../../web/index.js';
import { random, share } from './differential.js';

const core = await loadCore();
const field = (name, value) => {
  const r = core.validateConfirmation({ [name]: value });
  return { value: r.normalized[name], code: r.errors.find((e) => e.field === name)?.code };
};

// Letters of several scripts, lower case (as a domain is typed), and marks.
const SCRIPTS = {
  latin: 'abcdefghijklmnopqrstuvwxyzàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿāăąćčďēęěğīıłńňőœřśşšťūůűźżž',
  cyrillic: 'абвгдежзийклмнопрстуфхцчшщъыьэюяёђѓєѕіїјљњћќўџ', greek: 'αβγδεζηθικλμνξοπρστυφχψωάέήίόύώ',
  cjk: '中国日本語例え東京大学漢字', kana: 'あいうえおかきくけこさしすせそたちつてとなにぬねのテストカタ', hangul: '한국어서울대학교',
  thai: 'กขคงจฉชซญดตถทธนบปผพฟภมยรลวศษสหอฮะาำิีึืุู', devanagari: 'कखगघचछजझटठडढणतथदधनपफबभमयरलवशषसहािीुूेैोौ्',
  hebrew: 'אבגדהוזחטיכלמנסעפצקרשת', arabic: 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي',
};
const TOPS = ['com', 'nl', 'de', 'рф', '中国', 'ไทย', 'भारत', 'ελ', 'ф', 'c0m', 'xn--p1ai', 'xn--t1a', 'x'];

test('IDN emails: every domain the core accepts converts as url.domainToASCII converts it', () => {
  const rnd = random(5892);
  const label = () => {
    const script = rnd.pick(Object.values(SCRIPTS));
    let s = '';
    const n = 1 + rnd.int(8);
    for (let i = 0; i < n; i++) s += rnd.pick([...script]);
    if (rnd.int(5) === 0) s = s.toUpperCase();
    if (rnd.int(6) === 0) s = s.normalize('NFD');
    if (rnd.int(8) === 0) s += '-' + rnd.pick([...SCRIPTS.latin]);
    return s;
  };
  const fake = () => 'xn--' + Array.from({ length: 1 + rnd.int(8) }, () => rnd.pick([...'abcdefghijklmnopqrstuvwxyz0123456789-'])).join('');
  let total = 0, agreed = 0, refValid = 0, accepted = 0;
  const wrong = [];
  for (let k = 0; k < 4000; k++) {
    const labels = Array.from({ length: 1 + rnd.int(2) }, () => {
      const l = label();
      const kind = rnd.int(10);
      return kind === 0 ? fake() : kind < 3 ? (domainToASCII(l) || l) : l;   // A-labels, fake ones and U-labels
    });
    const domain = [...labels, rnd.pick(TOPS)].join('.');
    const ref = domainToASCII(domain);
    const got = field('email', `a@${domain}`).value;
    total++;
    if (ref) refValid++;
    if (got !== undefined) {
      accepted++;
      if (ref && got === `a@${ref}`) agreed++;
      else wrong.push(`${domain}: core ${got}, domainToASCII ${JSON.stringify(ref)}`);
    }
  }
  console.log(`idn: ${total} domains; accepted by the core: ${accepted}, equal to domainToASCII: ${share(agreed, accepted)}`);
  console.log(`idn: domains domainToASCII converts that the core accepts: ${share(accepted, refValid)} (the rest need mapping, the Bidi rule, or a top level of letters)`);
  assert.deepEqual(wrong.slice(0, 10), []);
  assert.ok(accepted > 1000, 'a fair share is accepted');
});

test('names: every name the core accepts is its trimmed NFC form (String.prototype.normalize)', () => {
  const rnd = random(5893);
  const marks = ['\u0300', '\u0301', '\u0302', '\u0303', '\u0308', '\u030a', '\u0327', '\u0328', '\u0323', '\u031b', '\u0345'];
  const extras = ['\u200c', '\u200d', '\u00b7', '\ufe0f', '\u034f', '-', '\'', '.', ' '];
  let total = 0, accepted = 0, agreed = 0;
  const wrong = [];
  for (let k = 0; k < 4000; k++) {
    const script = [...rnd.pick(Object.values(SCRIPTS))];
    let s = '';
    const n = 1 + rnd.int(10);
    for (let i = 0; i < n; i++) {
      s += rnd.pick(script);
      if (rnd.int(4) === 0) s += rnd.pick(marks);
      if (rnd.int(6) === 0) s += rnd.pick(extras);
    }
    if (rnd.int(3) === 0) s = s.normalize('NFD');
    if (rnd.int(4) === 0) s = s.toUpperCase();
    const input = rnd.int(3) === 0 ? ` ${s} ` : s;
    const { value } = field('firstName', input);
    total++;
    if (value !== undefined) {
      accepted++;
      if (value === input.trim().normalize('NFC')) agreed++;
      else wrong.push(`${JSON.stringify(input)}: core ${JSON.stringify(value)}`);
    }
  }
  console.log(`names: ${total} names; accepted: ${accepted}; equal to normalize('NFC'): ${share(agreed, accepted)}`);
  assert.deepEqual(wrong.slice(0, 10), []);
  assert.ok(accepted > 1000);
});

/** The documented forms of dateAgreed, read strictly: YYYY-MM-DD, or
 *  YYYY-MM-DDTHH:MM[:SS[.fraction]] with Z or +HH:MM, +HHMM, +HH (offsets
 *  of the world's time zones: at most 14 hours). */
function referenceDate(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/.exec(s);
  if (!m) return { code: 'invalid' };
  const [, y, mo, d, h = '00', mi = '00', sec = '00', zone] = m;
  if (m[4] !== undefined && zone === undefined) return { code: 'noTimeZone' };
  const days = new Date(Date.UTC(2000, Number(mo), 0)).getUTCDate();
  const leap = Number(y) % 4 === 0 && (Number(y) % 100 !== 0 || Number(y) % 400 === 0);
  const monthDays = Number(mo) === 2 ? (leap ? 29 : 28) : days;
  let offset = 0;
  if (zone && !/^[Zz]$/.test(zone)) {
    const oh = Number(zone.slice(1, 3)), om = Number(zone.replace(':', '').slice(3) || '0');
    if (oh > 14 || om > 59 || (oh === 14 && om > 0)) return { code: 'impossible' };
    offset = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > monthDays || Number(h) > 23 || Number(mi) > 59
    || Number(sec) > 59) return { code: 'impossible' };
  const t = new Date(0);
  t.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  t.setUTCHours(Number(h), Number(mi) - offset, Number(sec), 0);
  return { value: t.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/^\+0*(\d{4})/, '$1') };
}

const LAST_MOMENT = Date.parse('9999-12-31T23:59:59Z');

test('dates: the core reads dateAgreed exactly as a strict reference of its documented forms', () => {
  const rnd = random(8601);
  const two = (lo, hi) => String(lo + rnd.int(hi - lo + 1)).padStart(2, '0');
  let total = 0, agreed = 0, valid = 0;
  const wrong = [];
  for (let k = 0; k < 6000; k++) {
    const year = String(rnd.pick([1900, 1999, 2000, 2023, 2024, 2026, 2100, 2400, 1970 + rnd.int(100)]));
    let s = `${year}-${two(0, 13)}-${two(0, 31)}`;
    if (rnd.int(6) > 0) {
      s += `${rnd.pick(['T', 'T', 't', ' '])}${two(0, 24)}:${two(0, 60)}`;
      if (rnd.int(3) > 0) s += `:${two(0, 60)}${rnd.int(4) === 0 ? '.' + rnd.int(1000000) : ''}`;
      s += rnd.pick(['Z', 'z', '', `+${two(0, 14)}:${two(0, 59)}`, `-${two(0, 12)}${two(0, 59)}`, `+${two(0, 25)}`,
        `+${two(0, 12)}:${two(0, 70)}`]);
    }
    if (rnd.int(15) === 0) s = s.slice(0, 1 + rnd.int(s.length - 1));
    const ref = referenceDate(s.trim());   // every field is trimmed before its rule
    const r = core.validateConfirmation({ dateAgreed: s }, { now: LAST_MOMENT });
    const got = { value: r.normalized.dateAgreed, code: r.errors.find((e) => e.field === 'dateAgreed')?.code };
    total++;
    if (ref.value) valid++;
    if ((ref.value ?? null) === (got.value ?? null) && (ref.value || `dateAgreed.${ref.code}` === got.code)) agreed++;
    else wrong.push(`${s}: core ${got.value ?? got.code}, reference ${ref.value ?? ref.code}`);
  }
  console.log(`dates: ${total} strings (${valid} valid); the core agrees with the reference on ${share(agreed, total)}`);
  assert.deepEqual(wrong.slice(0, 10), []);
});
