// Compiles the regular expressions of libphonenumber's metadata (a small
// subset: digits, \d, [classes], (?:groups), |, ?, *, +, {n}, {n,}, {n,m})
// into a minimal deterministic automaton over the ten digits, so the C core
// checks a national number's leading digits and length with a table walk
// instead of a regular-expression engine.

/** Parses a pattern into a tree: {alt:[...]}, {seq:[...]}, {set:mask},
 *  {rep:node, min, max}. */
function parse(pattern) {
  let i = 0;
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
        const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        node = { rep: node, min, max };
      } else return node;
    }
  }
  function atom() {
    const c = pattern[i++];
    if (c === '(') {
      if (pattern.startsWith('?:', i)) i += 2;
      const inner = alt();
      if (pattern[i++] !== ')') fail('missing )');
      return inner;
    }
    if (c === '[') return { set: charClass() };
    if (c === '\\') {
      if (pattern[i++] !== 'd') fail('unsupported escape');
      return { set: 0x3ff };
    }
    if (c >= '0' && c <= '9') return { set: 1 << (c.charCodeAt(0) - 48) };
    return fail(`unsupported character ${c}`);
  }
  function charClass() {
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
    return mask;
  }
  const tree = alt();
  if (i !== pattern.length) fail('unexpected )');
  return tree;
}

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
  return minimise(determinise(buildNfa(parse(pattern))));
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
