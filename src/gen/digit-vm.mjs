// Compiles the regular expressions of libphonenumber's metadata that are
// matched as prefixes with capturing groups (the international prefix, the
// national prefix for parsing) into programs for a small backtracking
// machine, which the C core runs (mca_phone.c). The subset: digits, \d,
// [classes], (groups), (?:groups), |, ?, *, +, {n}, {n,}, {n,m} and $ at
// the end of an alternative. Greedy quantifiers and left-first
// alternatives, as in JavaScript, so a match is the one RegExp.exec finds.
//
// A program is a list of instructions of two 16-bit words each:
//   word 0 = op << 12 | a, word 1 = b, with
//   SET  (0): a = mask of the digits that may come next (bit d: digit d)
//   SPLIT(1): try instruction a first, then instruction b
//   JMP  (2): continue at instruction a
//   SAVE (3): record the position in capture slot a (2k: start of group k, 2k+1 end)
//   END  (4): only at the end of the input
//   MATCH(5): a match, ending here
// Instruction numbers are relative to the program's start (< 4096).
export const OP = { SET: 0, SPLIT: 1, JMP: 2, SAVE: 3, END: 4, MATCH: 5 };

/** Parses a pattern into a tree: {alt}, {seq}, {set}, {rep, min, max}, {group, node}, {end}. */
function parse(pattern) {
  let i = 0;
  let groups = 0;
  const peek = () => pattern[i];
  const fail = (what) => { throw new Error(`${what} at ${i} in ${pattern}`); };
  function alt() {
    const items = [seq()];
    while (peek() === '|') { i++; items.push(seq()); }
    return items.length === 1 ? items[0] : { alt: items };
  }
  function seq() {
    const items = [];
    while (i < pattern.length && peek() !== '|' && peek() !== ')') items.push(quantified());
    return { seq: items };
  }
  function quantified() {
    let node = atom();
    for (;;) {
      const c = peek();
      if (c === '?') { i++; node = { rep: node, min: 0, max: 1 }; }
      else if (c === '*') { i++; node = { rep: node, min: 0, max: Infinity }; }
      else if (c === '+') { i++; node = { rep: node, min: 1, max: Infinity }; }
      else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
        if (!m) fail('bad quantifier');
        i += m[0].length;
        const min = Number(m[1]);
        node = { rep: node, min, max: m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]) };
      } else return node;
    }
  }
  function atom() {
    const c = pattern[i++];
    if (c === '(') {
      let group = null;
      if (pattern.startsWith('?:', i)) i += 2;
      else group = ++groups;
      const inner = alt();
      if (pattern[i++] !== ')') fail('missing )');
      return group === null ? inner : { group, node: inner };
    }
    if (c === '$') return { end: true };
    if (c === '[') {
      let mask = 0;
      while (peek() !== ']') {
        if (i >= pattern.length) fail('missing ]');
        if (pattern.startsWith('\\d', i)) { mask |= 0x3ff; i += 2; continue; }
        const lo = pattern[i++];
        let hi = lo;
        if (peek() === '-' && pattern[i + 1] !== ']') { i++; hi = pattern[i++]; }
        if (!/[0-9]/.test(lo) || !/[0-9]/.test(hi)) fail('non-digit in class');
        for (let d = Number(lo); d <= Number(hi); d++) mask |= 1 << d;
      }
      i++;
      return { set: mask };
    }
    if (c === '\\') {
      if (pattern[i++] !== 'd') fail('unsupported escape');
      return { set: 0x3ff };
    }
    if (c >= '0' && c <= '9') return { set: 1 << (c.charCodeAt(0) - 48) };
    return fail(`unsupported character ${c}`);
  }
  const tree = alt();
  if (i !== pattern.length) fail('unexpected )');
  return { tree, groups };
}

/** The program of a pattern: { code: [[op, a, b]...], groups }. */
export function compileVm(pattern) {
  const { tree, groups } = parse(pattern);
  const code = [];
  const emit = (op, a = 0, b = 0) => { code.push([op, a, b]); return code.length - 1; };
  function gen(node) {
    if (node.set !== undefined) emit(OP.SET, node.set);
    else if (node.end) emit(OP.END);
    else if (node.seq) node.seq.forEach(gen);
    else if (node.group) { emit(OP.SAVE, 2 * node.group); gen(node.node); emit(OP.SAVE, 2 * node.group + 1); }
    else if (node.alt) {
      const jumps = [];
      node.alt.forEach((item, k) => {
        if (k < node.alt.length - 1) {
          const split = emit(OP.SPLIT);
          code[split][1] = code.length;
          gen(item);
          jumps.push(emit(OP.JMP));
          code[split][2] = code.length;
        } else gen(item);
      });
      for (const j of jumps) code[j][1] = code.length;
    } else if (node.rep) {
      for (let k = 0; k < node.min; k++) gen(node.rep);
      if (node.max === Infinity) {
        const split = emit(OP.SPLIT);
        code[split][1] = code.length;
        gen(node.rep);
        emit(OP.JMP, split);
        code[split][2] = code.length;
      } else {
        const splits = [];
        for (let k = node.min; k < node.max; k++) {
          const split = emit(OP.SPLIT);
          code[split][1] = code.length;
          splits.push(split);
          gen(node.rep);
        }
        for (const s of splits) code[s][2] = code.length;
      }
    }
  }
  gen(tree);
  emit(OP.MATCH);
  if (code.length >= 4096) throw new Error(`${pattern}: ${code.length} instructions do not fit 12 bits`);
  return { code, groups };
}

/** Runs a program on a digit string from its start, as the C core does:
 *  { end, caps } of the first match, or null. */
export function runVm(program, digits) {
  const caps = [];
  function run(pc, i) {
    for (;;) {
      const [op, a, b] = program.code[pc];
      if (op === OP.SET) {
        if (i < digits.length && (a >> (digits.charCodeAt(i) - 48)) & 1) { i++; pc++; continue; }
        return -1;
      }
      if (op === OP.SPLIT) { const r = run(a, i); if (r >= 0) return r; pc = b; continue; }
      if (op === OP.JMP) { pc = a; continue; }
      if (op === OP.SAVE) {
        const old = caps[a];
        caps[a] = i;
        const r = run(pc + 1, i);
        if (r < 0) caps[a] = old;
        return r;
      }
      if (op === OP.END) { if (i === digits.length) { pc++; continue; } return -1; }
      return i;
    }
  }
  const end = run(0, 0);
  return end < 0 ? null : { end, caps };
}
