// Phone numbering data from libphonenumber's metadata, as shipped by the
// libphonenumber-js dev dependency (metadata.max.json), reduced to what the
// phone rule needs, for every region and every non-geographic calling code
// (docs/rules.md, "Phone numbering plans" describes the format):
//  - plans: one per region (sorted by ISO 3166-1 alpha-2, for a national
//    number's country) and then one per non-geographic code (+800 ...):
//    calling code, possible national lengths as a bit mask, national
//    (trunk) prefix and its transform rule, and where its automaton and
//    programs start;
//  - states: per plan, minimal automata over the digits (state 0 the
//    start; next[d] 0xFF: no number continues so; flag 1: accepting) of
//    the national numbers libphonenumber calls valid (the general pattern
//    and the union of the number types, each with its possible lengths),
//    of the general pattern alone, and, for regions that share a calling
//    code and have leading digits, of those prefixes;
//  - programs: the international prefix and the national prefix for
//    parsing of each plan, for the backtracking machine of digit-vm.mjs;
//  - calling codes (sorted): every assigned code with its plans in
//    libphonenumber's order (the first is the code's main plan).
// Each is coded for a small .wasm (below) and expanded by the C rule on
// first use (mca_phone_tables.c); the generator reads back what it codes.
import { readFileSync } from 'node:fs';
import { npmPackage, readJson, cString, wrap, writeC, sortedUnique } from './common.mjs';
import { digitDfa } from './digit-dfa.mjs';
import { compileVm, runVm } from './digit-vm.mjs';

const pkg = npmPackage('libphonenumber-js', 'metadata.max.json');
const meta = JSON.parse(readFileSync(pkg.path, 'utf8'));
const examples = readJson(npmPackage('libphonenumber-js', 'examples.mobile.json').path);

// Positions in a plan's metadata array (libphonenumber-js compressed format, version 4).
const CALLING_CODE = 0, IDD = 1, NATIONAL_PATTERN = 2, POSSIBLE_LENGTHS = 3, NATIONAL_PREFIX = 5,
  PREFIX_FOR_PARSING = 7, PREFIX_TRANSFORM = 8, LEADING_DIGITS = 10, TYPES = 11;
const MAX_NATIONAL = 17; // libphonenumber's longest national number
const FLAG_VALID = 1;
const NONE = 0xffff;

/** Moore's partition refinement: the class of each state of `next` (digit → state, -1 none), first split by `flags`. */
function refine(next, flags) {
  let cls = flags.slice();
  for (;;) {
    const sig = new Map();
    const nextCls = cls.map((c, s) => {
      const key = c + ':' + next[s].map((t) => (t < 0 ? -1 : cls[t])).join(',');
      if (!sig.has(key)) sig.set(key, sig.size);
      return sig.get(key);
    });
    const same = new Set(nextCls).size === new Set(cls).size;
    cls = nextCls;
    if (same) break;
  }
  return cls;
}

/** Moore's partition refinement of a DFA with state flags; breadth-first numbering from 0. */
function minimise(next, flags) {
  const cls = refine(next, flags);
  const order = new Map([[cls[0], 0]]);
  const rep = [0];
  for (let q = 0; q < rep.length; q++) {
    for (const t of next[rep[q]]) {
      if (t >= 0 && !order.has(cls[t])) { order.set(cls[t], rep.length); rep.push(t); }
    }
  }
  return { next: rep.map((s) => next[s].map((t) => (t < 0 ? -1 : order.get(cls[t])))), flags: rep.map((s) => flags[s]) };
}

/** The automaton of a plan's valid national numbers: the product of the
 *  general pattern's automaton, each type's automaton and the number of
 *  digits (a type has its own possible lengths). */
function numberAutomaton(m) {
  const general = digitDfa(m[NATIONAL_PATTERN]);
  const types = (Array.isArray(m[TYPES]) ? m[TYPES] : []).filter((t) => Array.isArray(t) && t[0])
    .map((t) => ({ dfa: digitDfa(t[0]), lengths: t[1] || m[POSSIBLE_LENGTHS] }));
  const ids = new Map();
  const tuples = [];
  const id = (t) => { const k = t.join(','); if (!ids.has(k)) { ids.set(k, tuples.length); tuples.push(t); } return ids.get(k); };
  id([0, ...types.map(() => 0), 0]);
  const next = [], flags = [];
  for (let s = 0; s < tuples.length; s++) {
    const t = tuples[s], len = t[t.length - 1];
    const valid = general.accept[t[0]] && (types.length === 0
      || types.some((ty, j) => t[j + 1] >= 0 && ty.dfa.accept[t[j + 1]] && ty.lengths.includes(len)));
    flags.push(valid ? FLAG_VALID : 0);
    next.push([]);
    for (let d = 0; d < 10; d++) {
      const g = general.next[t[0]][d];
      const ts = types.map((ty, j) => (t[j + 1] >= 0 ? ty.dfa.next[t[j + 1]][d] : -1));
      const dead = len >= MAX_NATIONAL || g < 0 || (types.length > 0 && ts.every((x) => x < 0));
      next[s].push(dead ? -1 : id([g, ...ts, len + 1]));
    }
  }
  return minimise(next, flags);
}

/** The automaton of a plan's general national-number pattern. */
function generalAutomaton(m) {
  const dfa = digitDfa(m[NATIONAL_PATTERN]);
  return { next: dfa.next, flags: dfa.accept.map((a) => (a ? FLAG_VALID : 0)) };
}

/** The automaton of a leading-digits pattern (a prefix: any state on the way may accept). */
function leadingAutomaton(pattern) {
  const dfa = digitDfa(pattern);
  return { next: dfa.next, flags: dfa.accept.map((a) => (a ? FLAG_VALID : 0)) };
}

const walk = (a, digits) => {
  let s = 0;
  for (const ch of digits) { s = a.next[s][ch.charCodeAt(0) - 48]; if (s < 0) return 0; }
  return a.flags[s];
};

const states = [];
const roots = [];
function addStates(a, what) {
  if (a.next.length > 255) throw new Error(`${what}: ${a.next.length} states do not fit a byte`);
  const first = states.length;
  a.next.forEach((next, s) => states.push({ next, flags: a.flags[s], base: first }));
  roots.push(first);
  if (states.length > NONE) throw new Error('the states do not fit 16-bit indices');
  return first;
}

const program = [];
const programOf = new Map();
function addProgram(pattern, what) {
  if (!pattern) return NONE;
  if (programOf.has(pattern)) return programOf.get(pattern);
  const p = compileVm(pattern);
  if (p.groups > 3) throw new Error(`${what}: ${p.groups} groups (the C machine keeps 3)`);
  // Self-check against JavaScript's own matching on the pattern's first
  // matches and a spread of digit strings.
  const re = new RegExp(`^(?:${pattern})`);
  for (let k = 0; k < 400; k++) {
    const s = String(k * 7919 % 100000).padStart(k % 7 + 3, String(k % 10)) + '1234567';
    const js = re.exec(s), vm = runVm(p, s);
    if ((js === null) !== (vm === null) || (js && (js[0].length !== vm.end
      || [1, 2, 3].some((g) => (js[g] ?? '') !== (vm.caps[2 * g] === undefined || vm.caps[2 * g + 1] === undefined
        ? '' : s.slice(vm.caps[2 * g], vm.caps[2 * g + 1])))))) {
      throw new Error(`${what}: the machine and RegExp differ on ${s}`);
    }
  }
  const at = program.length / 2;
  for (const [op, a, b] of p.code) program.push(op << 12 | a, b);
  if (program.length / 2 > NONE) throw new Error('the programs do not fit 16-bit offsets');
  programOf.set(pattern, at);
  return at;
}

function lengthMask(lengths) {
  let mask = 0;
  for (const n of lengths) {
    if (n < 1 || n > MAX_NATIONAL) throw new Error(`possible length ${n} out of range`);
    mask |= 1 << n;
  }
  return mask;
}

const regions = sortedUnique(Object.keys(meta.countries));
const nonGeographic = Object.keys(meta.nonGeographic).map(Number).sort((a, b) => a - b);
const plans = [];
const planIndex = new Map();
for (const [key, m] of [...regions.map((r) => [r, meta.countries[r]]),
  ...nonGeographic.map((c) => [String(c), meta.nonGeographic[String(c)]])]) {
  const region = /^[A-Z]{2}$/.test(key) ? key : '00';
  const prefix = m[NATIONAL_PREFIX] || '';
  const transform = m[PREFIX_TRANSFORM] || '';
  if (!/^\d{0,2}$/.test(prefix)) throw new Error(`${key}: national prefix ${prefix}`);
  if (!/^[\d$]{0,7}$/.test(transform)) throw new Error(`${key}: transform rule ${transform}`);
  const numbers = numberAutomaton(m);
  const example = examples[region];
  if (example && !(walk(numbers, example) & FLAG_VALID)) throw new Error(`${key}: the automaton rejects the example ${example}`);
  const first = addStates(numbers, key);
  const general = addStates(generalAutomaton(m), `${key} general pattern`);
  const leading = m[LEADING_DIGITS] ? addStates(leadingAutomaton(m[LEADING_DIGITS]), `${key} leading digits`) : NONE;
  const prefixPattern = m[PREFIX_FOR_PARSING] || prefix;
  planIndex.set(key, plans.length);
  plans.push({
    lengths: lengthMask(m[POSSIBLE_LENGTHS]), code: Number(m[CALLING_CODE]), region, prefix, transform,
    first, general, leading, idd: addProgram(m[IDD], `${key} IDD`), parse: addProgram(prefixPattern, `${key} national prefix`),
  });
}
if (plans.length > 255) throw new Error('plan indices do not fit a byte');

// Calling codes with their plans in libphonenumber's order.
const codes = [...new Set([...Object.keys(meta.country_calling_codes), ...nonGeographic.map(String)].map(Number))]
  .sort((a, b) => a - b);
const codePlans = [];
codes.forEach((code) => {
  const list = (meta.country_calling_codes[String(code)] || [String(code)]).map((r) => planIndex.get(r));
  if (list.some((p) => p === undefined)) throw new Error(`+${code}: a region without metadata`);
  codePlans.push(...list);
  plans[list[0]].main = true;
});
// Derived by the C rule from the plans (expand_calling_codes): the calling
// codes of the plans (all below 1000), sorted, each with its main plan and
// then its other plans in their order.
{
  const derived = [];
  for (let code = 0; code < 1000; code++) {
    const main = plans.findIndex((p) => p.code === code && p.main);
    if (main >= 0) derived.push(main, ...plans.flatMap((p, i) => (p.code === code && i !== main ? [i] : [])));
  }
  if (plans.some((p) => p.code >= 1000) || derived.join() !== codePlans.join()
    || codes.some((code) => !plans.some((p) => p.code === code && p.main))) {
    throw new Error('the calling codes and their plans are not those of the plans');
  }
}

// All automata as one graph, minimised together (a tail such as "seven more
// digits" is stored once for every plan), and coded by state (docs/rules.md,
// "Phone numbering plans"). Numbering: first the states that many edges lead
// to (the shared tails), most referenced first; then every other state in the
// order the expansion first meets it (a start state no edge leads to when the
// states met so far are done), so its number is implied. Per state, per
// next state in the order of their lowest digits, a word (written by
// dictionary below): bit 0 set on a state's first word, bit 1 for the next
// state not met before, bits 2-11 its digit mask squeezed (bit k for the
// k-th digit above the previous next state's lowest digit that no earlier
// next state of this state has; a state without next states has one word,
// an empty mask); and, for a state met before, its number in targets: a
// byte below NEAR for that state, else NEAR + its high byte, its low byte in
// lows. A state's being new and its being the first go with its digits (a
// single digit of a prefix, "any digit" for a shared tail), so together they
// compress better than apart. The accepting states are a list of their own.
// The C rule expands it into mca_phone_next on first use.
const SHARED_MIN_EDGES = 5;
const NEAR = 224; // MCA_PHONE_NEAR
const FIRST = 1, NEW = 2; // MCA_PHONE_FIRST, MCA_PHONE_NEW
function mergeAutomata(roots) {
  const next = states.map((s, i) => s.next.map((t) => (t < 0 ? -1 : s.base + t)));
  const cls = refine(next, states.map((s) => s.flags));
  // One representative per class, its edges grouped by target class (in digit order).
  const rep = new Map();
  const visit = [...roots];
  while (visit.length) {
    const s = visit.pop();
    if (rep.has(cls[s])) continue;
    rep.set(cls[s], s);
    for (const t of next[s]) if (t >= 0 && !rep.has(cls[t])) visit.push(t);
  }
  const groupsOf = (c) => {
    const groups = new Map();
    next[rep.get(c)].forEach((t, d) => { if (t >= 0) groups.set(cls[t], (groups.get(cls[t]) ?? 0) | 1 << d); });
    return groups;
  };
  const edges = new Map();
  for (const c of rep.keys()) for (const t of groupsOf(c).keys()) edges.set(t, (edges.get(t) ?? 0) + 1);
  const shared = [...rep.keys()].filter((c) => (edges.get(c) ?? 0) >= SHARED_MIN_EDGES)
    .sort((a, b) => edges.get(b) - edges.get(a) || rep.get(a) - rep.get(b));
  const id = new Map(shared.map((c, i) => [c, i]));
  const order = [...shared];
  const rootClasses = [...new Set(roots.map((r) => cls[r]))];
  const accepting = [], masks = [], targets = [], lows = [];
  for (let i = 0, r = 0; i < rep.size; i++) {
    if (i === order.length) {
      while (id.has(rootClasses[r])) r++;
      id.set(rootClasses[r], order.length);
      order.push(rootClasses[r]);
    }
    const groups = groupsOf(order[i]);
    if (states[rep.get(order[i])].flags & FLAG_VALID) accepting.push(i);
    if (groups.size === 0) masks.push(FIRST);
    let used = 0, from = 0, first = FIRST;
    for (const [c, mask] of groups) {
      let word = 0;
      for (let d = from, k = 0; d < 10; d++) if (!(used >> d & 1)) word |= (mask >> d & 1) << k++;
      used |= mask;
      from = Math.clz32(0) - Math.clz32(mask & -mask);
      const t = id.get(c);
      masks.push(word << 2 | (t === undefined ? NEW : 0) | first);
      first = 0;
      if (t === undefined) { id.set(c, order.length); order.push(c); }
      else if (t < NEAR) targets.push(t);
      else { targets.push(NEAR + (t >> 8)); lows.push(t & 0xff); }
    }
  }
  if (Math.max(...targets) > 255) throw new Error('the merged states do not fit the coding');
  return { map: (first) => id.get(cls[first]), count: order.length, shared: shared.length, accepting, masks, targets, lows };
}
const merged = mergeAutomata(roots);

// The words by dictionary: the 255 most frequent (most frequent first) are
// one byte, their number in mca_phone_mask_words; byte 255 stands for the
// next word of mca_phone_mask_escapes. About 900 distinct words, most of
// them rare: one byte per next state compresses better than two.
const maskCount = new Map();
for (const w of merged.masks) maskCount.set(w, (maskCount.get(w) ?? 0) + 1);
const MASK_ESCAPE = 255;
const maskDict = [...maskCount.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, MASK_ESCAPE).map((e) => e[0]);
const maskNumber = new Map(maskDict.map((w, i) => [w, i]));
const maskBytes = [], maskEscapes = [];
for (const w of merged.masks) {
  if (maskNumber.has(w)) maskBytes.push(maskNumber.get(w));
  else { maskBytes.push(MASK_ESCAPE); maskEscapes.push(w); }
}

// The coded states expanded as the C rule expands them (expand_states).
const expandedNext = [];
for (let g = 0, e = 0, t = 0, l = 0, fresh = merged.shared, used = 0, from = 0; g < maskBytes.length; g++) {
  let word = maskBytes[g] === MASK_ESCAPE ? maskEscapes[e++] : maskDict[maskBytes[g]], mask = 0;
  if (word & FIRST) {
    expandedNext.push(new Array(10).fill(-1));
    if (expandedNext.length > fresh) fresh = expandedNext.length;
    used = 0;
    from = 0;
  }
  const isNew = word & NEW;
  word >>= 2;
  for (let d = from; d < 10 && word; d++) if (!(used >> d & 1)) { mask |= (word & 1) << d; word >>= 1; }
  if (mask === 0) continue;
  const code = isNew ? 0 : merged.targets[t++];
  const to = isNew ? fresh++ : code < NEAR ? code : (code - NEAR) << 8 | merged.lows[l++];
  used |= mask;
  from = Math.clz32(0) - Math.clz32(mask & -mask);
  const row = expandedNext[expandedNext.length - 1];
  for (let d = 0; d < 10; d++) if (mask >> d & 1) row[d] = to;
}
if (expandedNext.length !== merged.count) throw new Error('the coded states differ in number');
const accepting = new Set(merged.accepting);
// Each automaton, walked in the expanded graph, reaches states of the same
// flags with the same digits (the generator's check).
for (const first of roots) {
  const seen = new Set();
  const pairs = [[first, merged.map(first)]];
  while (pairs.length) {
    const [a, b] = pairs.pop();
    if (seen.has(a)) continue;
    seen.add(a);
    if (states[a].flags !== (accepting.has(b) ? FLAG_VALID : 0)) throw new Error(`state ${a}: the merged graph differs`);
    states[a].next.forEach((t, d) => {
      if ((t < 0) !== (expandedNext[b][d] < 0)) throw new Error(`state ${a}: the merged graph differs`);
      if (t >= 0) pairs.push([states[a].base + t, expandedNext[b][d]]);
    });
  }
}

// The plans as byte planes (mca_tables.h): per field, byte k of plan i at
// k * count + i, little-endian; the start state as the difference from the
// previous plan's (mod 2^16), the general pattern's from the plan's own
// start state; bit 0 of the lengths (no length) set for the main plan of a
// calling code.
const planFields = [
  [3, (p) => p.lengths | (p.main ? 1 : 0)], [2, (p) => p.code],
  ...[0, 1].map((k) => [1, (p) => p.region.charCodeAt(k)]),
  ...[0, 1].map((k) => [1, (p) => p.prefix.charCodeAt(k) || 0]),
  ...[0, 1, 2, 3, 4, 5, 6].map((k) => [1, (p) => p.transform.charCodeAt(k) || 0]),
  [2, (p, i) => merged.map(p.first) - (i > 0 ? merged.map(plans[i - 1].first) : 0)],
  [2, (p) => merged.map(p.general) - merged.map(p.first)],
  [2, (p) => (p.leading === NONE ? NONE : merged.map(p.leading))], [2, (p) => p.idd], [2, (p) => p.parse],
];
const planPlanes = planFields.flatMap(([n, value]) => Array.from({ length: n }, (_, k) => plans.map((p, i) => (value(p, i) & 0xffff_ffff) >>> 8 * k & 0xff)).flat());
if (plans.some((p) => p.lengths >= 1 << 24)) throw new Error('the length masks do not fit 3 bytes');
// Read back as the C rule reads them (expand_tables).
for (let i = 0, at = 0, first = 0; i < plans.length; i++, at = 0) {
  const take = (n) => { let v = 0; for (let k = 0; k < n; k++, at++) v |= planPlanes[at * plans.length + i] << 8 * k; return v >>> 0; };
  const p = plans[i];
  const got = [take(3), take(2), String.fromCharCode(take(1), take(1)), String.fromCharCode(take(1), take(1)).replace(/\0/g, ''),
    String.fromCharCode(...Array.from({ length: 7 }, () => take(1))).replace(/\0/g, '')];
  first = first + take(2) & 0xffff;
  got.push(first, first + take(2) & 0xffff, take(2), take(2), take(2));
  const want = [p.lengths | (p.main ? 1 : 0), p.code, p.region, p.prefix, p.transform, merged.map(p.first), merged.map(p.general),
    p.leading === NONE ? NONE : merged.map(p.leading), p.idd, p.parse];
  if (got.some((v, k) => v !== want[k])) throw new Error(`plan ${i}: the byte planes differ`);
}

// The programs as bytes (mca_tables.h), per instruction a byte op | x << 3
// and its operands, pc its number in its program (0 after a MATCH): SET x
// the mask's bits 8-9, then its low byte; SPLIT (a is always pc + 1) b - pc
// in a byte, or x 1 and b in two; JMP a - pc in a signed byte, or x 1 and a
// in two; SAVE x the slot. Most jumps are short, and a program's are the
// same wherever it is.
const OP_SET = 0, OP_SPLIT = 1, OP_JMP = 2, OP_SAVE = 3, OP_MATCH = 5, WIDE = 1 << 3;
const programBytes = [];
for (let i = 0, pc = 0; i < program.length / 2; i++) {
  const op = program[2 * i] >> 12, a = program[2 * i] & 0xfff, b = program[2 * i + 1];
  if (op === OP_SET) programBytes.push(op | a >> 8 << 3, a & 0xff);
  else if (op === OP_SPLIT && a !== pc + 1) throw new Error(`instruction ${i}: a SPLIT not to the next one`);
  else if (op === OP_SPLIT && b - pc >= 0 && b - pc < 256) programBytes.push(op, b - pc);
  else if (op === OP_SPLIT) programBytes.push(op | WIDE, b & 0xff, b >> 8);
  else if (op === OP_JMP && a - pc >= -128 && a - pc < 128) programBytes.push(op, a - pc & 0xff);
  else if (op === OP_JMP) programBytes.push(op | WIDE, a & 0xff, a >> 8);
  else if (op === OP_SAVE && a < 32) programBytes.push(op | a << 3);
  else if (op === OP_SAVE || a !== 0) throw new Error(`instruction ${i}: operands out of the coding`);
  else programBytes.push(op);
  if (op !== OP_SPLIT && b !== 0) throw new Error(`instruction ${i}: a second operand`);
  pc = op === OP_MATCH ? 0 : pc + 1;
}
// Read back as the C rule reads them (expand_programs).
for (let i = 0, k = 0, pc = 0; i < program.length / 2; i++) {
  const byte = programBytes[k++], op = byte & 7, x = byte >> 3;
  let a = 0, b = 0;
  if (op === OP_SET) a = x << 8 | programBytes[k++];
  else if (op === OP_SPLIT) { a = pc + 1; b = x ? programBytes[k++] | programBytes[k++] << 8 : pc + programBytes[k++]; }
  else if (op === OP_JMP) a = x ? programBytes[k++] | programBytes[k++] << 8 : pc + (programBytes[k++] << 24 >> 24);
  else if (op === OP_SAVE) a = x;
  if (program[2 * i] !== (op << 12 | a) || program[2 * i + 1] !== b) throw new Error(`instruction ${i}: the program bytes differ`);
  pc = op === OP_MATCH ? 0 : pc + 1;
}

const bytes = merged.accepting.length * 2 + maskBytes.length + maskDict.length * 2 + maskEscapes.length * 2 + merged.targets.length + merged.lows.length + programBytes.length
  + planPlanes.length;
const source = `libphonenumber-js ${pkg.version} metadata.max.json`;
writeC('gen-phone.mjs', source, `const char mca_source_phone[] = ${cString(source)};

/* ${plans.length} plans: ${regions.length} regions (sorted), then ${nonGeographic.length} non-geographic codes, as byte planes. */
const uint8_t mca_phone_plan_planes[] = {
${wrap(planPlanes.map(String))}
};
const size_t mca_phone_plan_count = ${plans.length};
const size_t mca_phone_region_count = ${regions.length};
mca_phone_plan mca_phone_plans[${plans.length}];

/* ${codes.length} calling codes, sorted, and their plans: from the plans. */
const size_t mca_calling_code_count = ${codes.length};
mca_calling_code mca_calling_codes[${codes.length}];
uint8_t mca_phone_code_plans[${codePlans.length}];

/* ${states.length} automaton states merged into ${merged.count}, coded (mergeAutomata in gen-phone.mjs). */
const size_t mca_phone_state_count = ${merged.count};
const size_t mca_phone_shared_count = ${merged.shared};
const uint16_t mca_phone_accepting[] = {
${wrap(merged.accepting.map(String))}
};
const size_t mca_phone_accepting_count = ${merged.accepting.length};
uint8_t mca_phone_accept[${(merged.count + 7) >> 3}];
const size_t mca_phone_word_count = ${maskBytes.length};
const uint8_t mca_phone_masks[] = {
${wrap(maskBytes.map(String))}
};
const uint16_t mca_phone_mask_words[] = {
${wrap(maskDict.map(String))}
};
const uint16_t mca_phone_mask_escapes[] = {
${wrap(maskEscapes.map(String))}
};
const uint8_t mca_phone_targets[] = {
${wrap(merged.targets.map(String))}
};
const uint8_t mca_phone_target_lows[] = {
${wrap(merged.lows.map(String))}
};
uint16_t mca_phone_next[${merged.count}][10];

/* ${program.length / 2} instructions of the prefix programs (digit-vm.mjs), as bytes. */
const uint8_t mca_phone_program_bytes[] = {
${wrap(programBytes.map(String))}
};
const size_t mca_phone_program_count = ${program.length / 2};
uint16_t mca_phone_program[${program.length}];
`);
console.log(`gen-phone: ${plans.length} plans, ${codes.length} calling codes, ${states.length} states `
  + `(${merged.count} merged), `
  + `${program.length / 2} instructions, about ${bytes} bytes`);
