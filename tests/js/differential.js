// Helpers of the differential tests (tests/js/differential-*.test.js): a
// seeded random source, and strings drawn from the regular-expression
// subset of libphonenumber's metadata (digits, \d, [classes], groups, |,
// ?, *, +, {n,m}). Independent of the core's own generators in src/gen.

/** A seeded random source (mulberry32): int(n) in [0, n), pick(list). */
export function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)] };
}

/** Parses a pattern into a tree of {alt}, {seq}, {digits}, {rep, min, max}. */
function parse(pattern) {
  let i = 0;
  const alt = () => {
    const items = [seq()];
    while (pattern[i] === '|') { i++; items.push(seq()); }
    return { alt: items };
  };
  const seq = () => {
    const items = [];
    while (i < pattern.length && pattern[i] !== '|' && pattern[i] !== ')') items.push(quantified());
    return { seq: items };
  };
  const quantified = () => {
    let node = atom();
    for (;;) {
      const c = pattern[i];
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
      if (c === '?') { i++; node = { rep: node, min: 0, max: 1 }; }
      else if (c === '*') { i++; node = { rep: node, min: 0, max: 3 }; }
      else if (c === '+') { i++; node = { rep: node, min: 1, max: 4 }; }
      else if (m) {
        i += m[0].length;
        const min = Number(m[1]);
        node = { rep: node, min, max: m[2] === undefined ? min : m[3] === '' ? min + 3 : Number(m[3]) };
      } else return node;
    }
  };
  const atom = () => {
    const c = pattern[i++];
    if (c === '(') {
      if (pattern.startsWith('?:', i)) i += 2;
      const inner = alt();
      i++;
      return inner;
    }
    if (c === '$') return { seq: [] };
    if (c === '\\') { i++; return { digits: '0123456789' }; }
    if (c === '[') {
      let digits = '';
      while (pattern[i] !== ']') {
        if (pattern.startsWith('\\d', i)) { digits += '0123456789'; i += 2; continue; }
        const lo = pattern[i++];
        let hi = lo;
        if (pattern[i] === '-' && pattern[i + 1] !== ']') { i++; hi = pattern[i++]; }
        for (let d = Number(lo); d <= Number(hi); d++) digits += String(d);
      }
      i++;
      return { digits };
    }
    return { digits: c };
  };
  return alt();
}

/** A function drawing random strings that match pattern entirely. */
export function sampler(pattern) {
  const tree = parse(pattern);
  return (rnd) => {
    const draw = (node) => {
      if (node.digits) return rnd.pick(node.digits);
      if (node.alt) return draw(rnd.pick(node.alt));
      if (node.seq) return node.seq.map(draw).join('');
      let out = '';
      const count = node.min + rnd.int(node.max - node.min + 1);
      for (let k = 0; k < count; k++) out += draw(node.rep);
      return out;
    };
    return draw(tree);
  };
}

/** "84% (1,234 of 1,469)" */
export const share = (part, whole) => `${(100 * part / Math.max(whole, 1)).toFixed(2)} % (${part.toLocaleString('en')} of ${whole.toLocaleString('en')})`;
