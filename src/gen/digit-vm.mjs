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
import { parseDigitPattern } from './digit-pattern.mjs';

export const OP = { SET: 0, SPLIT: 1, JMP: 2, SAVE: 3, END: 4, MATCH: 5 };

/** The program of a pattern: { code: [[op, a, b]...], groups }. */
export function compileVm(pattern) {
  const { tree, groups } = parseDigitPattern(pattern, { captures: true });
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
