// Compiles the regular expressions of libphonenumber's metadata (a small
// subset: digits, \d, [classes], (?:groups), |, ?, *, +, {n}, {n,}, {n,m})
// into a minimal deterministic automaton over the ten digits, so the C core
// checks a national number's leading digits and length with a table walk
// instead of a regular-expression engine.

import { parseDigitPattern } from './digit-pattern.mjs';

/** Thompson construction: states hold epsilon edges and digit edges. */
function buildNfa(tree) {
  const eps = [];
  const edges = []; // per state: [mask, target][]
  const state = () => { eps.push([]); edges.push([]); return eps.length - 1; };
  function frag(node) {
    const start = state();
    let end = start;
    if (node.set !== undefined) {
      end = state();
      edges[start].push([node.set, end]);
    } else if (node.seq) {
      for (const item of node.seq) {
        const f = frag(item);
        eps[end].push(f.start);
        end = f.end;
      }
    } else if (node.alt) {
      end = state();
      for (const item of node.alt) {
        const f = frag(item);
        eps[start].push(f.start);
        eps[f.end].push(end);
      }
    } else if (node.rep) {
      for (let k = 0; k < node.min; k++) {
        const f = frag(node.rep);
        eps[end].push(f.start);
        end = f.end;
      }
      if (node.max === Infinity) {
        const f = frag(node.rep);
        eps[end].push(f.start);
        eps[f.end].push(end);
      } else {
        const exit = state();
        for (let k = node.min; k < node.max; k++) {
          eps[end].push(exit);
          const f = frag(node.rep);
          eps[end].push(f.start);
          end = f.end;
        }
        eps[end].push(exit);
        end = exit;
      }
    }
    return { start, end };
  }
  const f = frag(tree);
  return { eps, edges, start: f.start, accept: f.end };
}

function closure(nfa, states) {
  const seen = new Set(states);
  const stack = [...states];
  while (stack.length) {
    for (const t of nfa.eps[stack.pop()]) if (!seen.has(t)) { seen.add(t); stack.push(t); }
  }
  return [...seen].sort((a, b) => a - b);
}

/** Subset construction; state 0 is the start. next[s][d] is -1 for "no number". */
function determinise(nfa) {
  const keys = new Map();
  const sets = [];
  const next = [];
  const add = (set) => {
    const key = set.join(',');
    if (!keys.has(key)) { keys.set(key, sets.length); sets.push(set); next.push(null); }
    return keys.get(key);
  };
  add(closure(nfa, [nfa.start]));
  for (let s = 0; s < sets.length; s++) {
    next[s] = [];
    for (let d = 0; d < 10; d++) {
      const targets = [];
      for (const q of sets[s]) for (const [mask, t] of nfa.edges[q]) if (mask & (1 << d)) targets.push(t);
      next[s][d] = targets.length ? add(closure(nfa, targets)) : -1;
    }
  }
  return { next, accept: sets.map((set) => set.includes(nfa.accept)) };
}

/** Moore's partition refinement; the result keeps the start as state 0 and
 *  numbers states in breadth-first order from it. */
function minimise(dfa) {
  let cls = dfa.accept.map((a) => (a ? 1 : 0));
  for (;;) {
    const sig = new Map();
    const nextCls = cls.map((c, s) => {
      const key = c + ':' + dfa.next[s].map((t) => (t < 0 ? -1 : cls[t])).join(',');
      if (!sig.has(key)) sig.set(key, sig.size);
      return sig.get(key);
    });
    const same = new Set(nextCls).size === new Set(cls).size;
    cls = nextCls;
    if (same) break;
  }
  const order = new Map();
  const rep = [];
  const queue = [0];
  order.set(cls[0], 0);
  rep.push(0);
  while (queue.length) {
    const s = queue.shift();
    for (const t of dfa.next[s]) {
      if (t >= 0 && !order.has(cls[t])) { order.set(cls[t], rep.length); rep.push(t); queue.push(t); }
    }
  }
  return {
    next: rep.map((s) => dfa.next[s].map((t) => (t < 0 ? -1 : order.get(cls[t])))),
    accept: rep.map((s) => dfa.accept[s]),
  };
}

/** The minimal DFA of a pattern (whole-string match over digits). */
export function digitDfa(pattern) {
  return minimise(determinise(buildNfa(parseDigitPattern(pattern).tree)));
}

/** Runs a DFA on a digit string (for the generator's self-check). */
export function dfaMatches(dfa, digits) {
  let s = 0;
  for (const ch of digits) {
    s = dfa.next[s][ch.charCodeAt(0) - 48];
    if (s < 0) return false;
  }
  return dfa.accept[s];
}
