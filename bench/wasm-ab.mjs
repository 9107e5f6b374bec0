// Two builds of the core's .wasm side by side: the batch path (coreRun of
// bench/throughput.mjs) on the same generated CSV, the two modules loaded
// in one process and alternating, `runs` timed passes each after a warm-up;
// prints the medians and their ratio (B against A). The module loaded
// second runs a few per cent faster even against itself, so compare a pair
// in both orders.
//   node bench/wasm-ab.mjs <a.wasm> <b.wasm> [--rows N] [--runs N]
import { readFileSync } from 'node:fs';
import { loadCore } from '../web/index.js';
import { coreRun } from './throughput.mjs';
import { BENCH_NOW, generateData } from './gen-data.mjs';

const USAGE = 'usage: node bench/wasm-ab.mjs <a.wasm> <b.wasm> [--rows N] [--runs N]';
const args = process.argv.slice(2);
const files = [];
const options = { rows: 100_000, runs: 15 };
for (let i = 0; i < args.length; i += 1) {
  const name = args[i].startsWith('--') ? args[i].slice(2) : null;
  if (name === null) { files.push(args[i]); continue; }
  const value = Number(args[i + 1]);
  if (!(name in options) || !Number.isInteger(value) || value < 1) {
    console.error(`wasm-ab: ${args[i]} ${args[i + 1] ?? ''}: not an option with a whole number above 0\n${USAGE}`);
    process.exit(2);
  }
  options[name] = value;
  i += 1;
}
if (files.length !== 2) {
  console.error(USAGE);
  process.exit(2);
}

const cores = [];
for (const file of files) {
  try {
    cores.push(await loadCore({ wasmBinary: readFileSync(file) }));
  } catch (e) {
    console.error(`wasm-ab: ${file}: ${e.message}`);
    process.exit(2);
  }
}
const { csv } = generateData({ rows: options.rows, seed: 1 });
const rates = [[], []];
for (let i = 0; i <= options.runs; i += 1) {
  for (let k = 0; k < 2; k += 1) {
    const r = coreRun(cores[k], csv, BENCH_NOW);
    if (i > 0) rates[k].push(r.rows / r.seconds);   // pass 0 warms up
  }
}
const median = (list) => [...list].sort((x, y) => x - y)[list.length >> 1];
const [a, b] = rates.map(median);
console.log(`A ${files[0]}: ${Math.round(a).toLocaleString('en-US')} rows/s`);
console.log(`B ${files[1]}: ${Math.round(b).toLocaleString('en-US')} rows/s`);
console.log(`B/A ${(b / a).toFixed(3)} (medians of ${options.runs} passes of ${options.rows.toLocaleString('en-US')} rows)`);
