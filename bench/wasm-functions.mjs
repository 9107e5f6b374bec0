// The sections of a .wasm file and its largest function bodies, raw and
// gzip-compressed (level 9), with their names when the file has a name
// section (a link with --profiling-funcs, then wasm-opt -g ...).
//   node bench/wasm-functions.mjs <file.wasm> [count]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const file = process.argv[2];
const count = Number(process.argv[3] ?? 20);
if (!file) {
  console.error('usage: node bench/wasm-functions.mjs <file.wasm> [count]');
  process.exit(2);
}
const b = readFileSync(file);
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
let p = 8;
const leb = () => {
  let r = 0, s = 0, x;
  do { x = b[p++]; r += (x & 127) * 2 ** s; s += 7; } while (x & 128);
  return r;
};
const skipLimits = () => { const flags = b[p++]; leb(); if (flags & 1) leb(); };
const sectionNames = { 0: 'custom', 1: 'type', 2: 'import', 3: 'function', 4: 'table', 5: 'memory',
  6: 'global', 7: 'export', 8: 'start', 9: 'element', 10: 'code', 11: 'data', 12: 'datacount' };
let imported = 0;
const bodies = [];
const names = new Map();
while (p < b.length) {
  const id = b[p++];
  const size = leb();
  const start = p, end = p + size;
  let label = sectionNames[id] ?? String(id);
  if (id === 0) {
    const n = leb();
    label += ' ' + b.toString('utf8', p, p + n);
    if (b.toString('utf8', p, p + n) === 'name') {
      p += n;
      while (p < end) {
        const sub = b[p++], subSize = leb(), subEnd = p + subSize;
        if (sub === 1) {
          for (let i = leb(); i > 0; i--) {
            const index = leb(), len = leb();
            names.set(index, b.toString('utf8', p, p + len));
            p += len;
          }
        }
        p = subEnd;
      }
    }
  } else if (id === 2) {
    for (let i = leb(); i > 0; i--) {
      for (let k = 0; k < 2; k++) { const len = leb(); p += len; } // module and field names
      const kind = b[p++];
      if (kind === 0) { leb(); imported++; } else if (kind === 1) { p++; skipLimits(); } else if (kind === 2) skipLimits(); else p += 2;
    }
  } else if (id === 10) {
    const n = leb();
    for (let i = 0; i < n; i++) {
      const len = leb();
      bodies.push({ index: imported + i, len, gz: gz(b.subarray(p, p + len)) });
      p += len;
    }
  }
  console.log(`section ${label}: ${size} bytes, ${gz(b.subarray(start, end))} gzip`);
  p = end;
}
console.log(`file: ${b.length} bytes, ${gz(b)} gzip; ${bodies.length} functions`);
bodies.sort((x, y) => y.len - x.len);
for (const f of bodies.slice(0, count)) {
  console.log(`${String(f.len).padStart(6)} ${String(f.gz).padStart(6)}  ${names.get(f.index) ?? `function ${f.index}`}`);
}
