// The one parser of the digit patterns of libphonenumber's metadata, shared by
// the automaton (digit-dfa.mjs) and the backtracking machine (digit-vm.mjs).
// The subset: digits, \d, [classes], (?:groups), |, ?, *, +, {n}, {n,}, {n,m};
// with `captures`, also (capturing groups) and $ at the end of an alternative.

/**
 * Parses a pattern into a tree: {alt}, {seq}, {set: mask}, {rep, min, max},
 * and with `captures` {group, node} and {end}. Returns { tree, groups }.
 * Without `captures` a group is only grouping and $ is refused.
 */
export function parseDigitPattern(pattern, { captures = false } = {}) {
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
      else if (captures) group = ++groups;
      const inner = alt();
      if (pattern[i++] !== ')') fail('missing )');
      return group === null ? inner : { group, node: inner };
    }
    if (c === '$' && captures) return { end: true };
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
  return { tree, groups };
}
