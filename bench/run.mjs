// npm run bench [-- --quick] [-- --no-build]
//
// Measures the component against its goals and against the peer stack a
// JavaScript developer would use (Zod + libphonenumber-js), prints a Markdown
// table with min/median/max of the repetitions, and prints as its last line
// one JSON object with every figure (null when a figure cannot be measured
// on this build, with the reason in the notes). Progress goes to stderr.
// Goals are reported as met/missed, never asserted.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BENCH_NOW, writeData } from './gen-data.mjs';
import { peerSize, setSize } from './size.mjs';
import { measureStart } from './start.mjs';
import { compareVerdicts, coreOperation, measureHeapGrowth, measureThroughput } from './throughput.mjs';
import { measureBulk } from './bulk.mjs';
import { measureScan } from './scan.mjs';
import { PEER_LIMITS } from './peer.mjs';
import { fmt, goalText, status } from './goals.mjs';

const run = promisify(execFile);
const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const OUT = resolve(ROOT, 'bench/out');
const args = new Set(process.argv.slice(2));
const OPTIONS = ['--quick', '--no-build'];
const unknown = [...args].filter((a) => !OPTIONS.includes(a));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown argument ${unknown.join(' ')}\nusage: npm run bench [-- --quick] [-- --no-build]\n`);
  process.exit(2);
}
const QUICK = args.has('--quick');
const PLAN = QUICK
  ? { rows: 10_000, reps: 3, loads: 5, heapTotal: 100_000, nativeReps: 3, bulkPerMinute: 500, bulkWindowMs: 1000,
    scanCustomers: 2_000, scanPerMinute: 500, scanWindowMs: 1000 }
  : { rows: 100_000, reps: 5, loads: 20, heapTotal: 1_000_000, nativeReps: 5, bulkPerMinute: 500, bulkWindowMs: 6000,
    scanCustomers: 10_000, scanPerMinute: 500, scanWindowMs: 6000 };
const SEED = 1;


const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);
const notes = [];

export function spread(values) {
  if (!values || values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return { min: s[0], median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2, max: s[s.length - 1], n: s.length };
}

/** Runs one section; a failure becomes a note and a null figure, never a crash. */
async function section(name, fn) {
  log(name);
  try {
    return await fn();
  } catch (e) {
    notes.push(`${name}: could not be measured (${e?.message ?? e})`);
    return null;
  }
}

async function buildNativeBench() {
  const dir = resolve(ROOT, 'build/bench');
  if (!existsSync(resolve(dir, 'CMakeCache.txt'))) {
    await run('cmake', ['-S', ROOT, '-B', dir, '-DCMAKE_BUILD_TYPE=Release', '-DCMAKE_C_FLAGS_RELEASE=-O2 -DNDEBUG',
      '-DMCA_BENCH=ON'], { maxBuffer: 1 << 24 });
  }
  await run('cmake', ['--build', dir, '--target', 'mca_native_bench', '-j2'], { maxBuffer: 1 << 24 });
  return resolve(dir, 'mca_native_bench');
}

async function nativeThroughput(csvFile, op) {
  const exe = await buildNativeBench();
  const { stdout } = await run(exe, [csvFile, op, String(BENCH_NOW), String(PLAN.nativeReps)], { maxBuffer: 1 << 20 });
  const r = JSON.parse(stdout.trim().split('\n').pop());
  return { ...r, perSecond: r.seconds.map((s) => r.rows / s) };
}


function table(rows, figures) {
  const lines = ['| figure | value | min / median / max (n) | goal | status |', '|---|---|---|---|---|'];
  for (const [key, value, s, digits = 0, unit = ''] of rows) {
    const range = s ? `${fmt(s.min, digits)} / ${fmt(s.median, digits)} / ${fmt(s.max, digits)} (${s.n})` : '';
    lines.push(`| \`${key}\` | ${fmt(value, digits)}${value === null ? '' : unit} | ${range} | ${goalText(key)} | ${status(key, value, figures)} |`);
  }
  return lines.join('\n');
}

async function main() {
  const started = performance.now();
  log(`${QUICK ? 'quick' : 'full'} run: ${PLAN.rows} rows, ${PLAN.reps} repetitions, ${PLAN.loads} page loads per stack`);
  if (!args.has('--no-build')) {
    log('building (scripts/build.sh)');
    await run('bash', [resolve(ROOT, 'scripts/build.sh')], { maxBuffer: 1 << 24 });
  }
  const { loadCore } = await import('../web/index.js');
  const core = await loadCore();
  const op = coreOperation(core);
  const fullRules = op === 'buildConfirmation';
  // What rows_per_s times: the batch (coreRun) when the core has it, else a call a row.
  const timedOp = typeof core.buildCsv === 'function' ? 'buildCsv' : op;
  if (!fullRules) notes.push('core.buildConfirmation is not in this build: the core figures run validateConfirmation (customerId only), natively too; ratio_js and agree_pct need the full rules and are null');
  if (typeof core.parseCsv !== 'function') notes.push('core.parseCsv is not in this build: the core reads the CSV with a plain split (natively too)');

  const data = await writeData({ rows: PLAN.rows, seed: SEED, out: resolve(OUT, `data-${PLAN.rows}-${SEED}.csv`) });
  const text = await readFile(data.out, 'utf8');

  const sizes = {};
  for (const [name, what] of [['shipped', 'the component as shipped (dist/mca-attest.js, dist/bulk.js)'],
    ['validate', 'loadCore and a validation (dist/mca-core.js)'], ['source', 'the unbundled sources (web/index.js)']]) {
    sizes[name] = await section(`size: ${what}`, () => setSize(name));
    if (sizes[name]?.missing.length) notes.push(`size (${name}): imported but missing: ${sizes[name].missing.join(', ')}`);
  }
  const size = sizes.shipped;
  const peer = await section('size: peer bundle (esbuild, minified, ESM)', peerSize);
  const coreOp = typeof core.buildCsv === 'function' ? 'buildCsv' : op;   // the batch path, as coreRun runs it
  const tp = await section(`throughput: core (${coreOp}) and peer, alternating, ${PLAN.reps}×${PLAN.rows} rows`,
    () => measureThroughput(core, text, BENCH_NOW, PLAN.reps));
  const nativeOp = typeof core.buildCsv === 'function' ? 'buildCsvBlock' : op;   // the batch, as core.buildCsv calls it
  const native = await section(`throughput: native (${nativeOp}, Release -O2)`, () => nativeThroughput(data.out, nativeOp));
  const agree = fullRules ? await section('agreement: core and peer verdicts', () => compareVerdicts(core, text, BENCH_NOW)) : null;
  if (!fullRules) {
    const standIn = compareVerdicts(core, text, BENCH_NOW);
    notes.push(`agree_pct: with validateConfirmation standing in, ${fmt(standIn.agreePct, 1)} % of rows agree (not a real figure)`);
  }
  const heap = await section(`heap: ${PLAN.heapTotal.toLocaleString('en-US')} validations`, async () => {
    const bytes = await readFile(resolve(ROOT, 'web/wasm/mca-core.wasm'));
    return measureHeapGrowth(await loadCore({ wasmBinary: bytes }), text, BENCH_NOW, { total: PLAN.heapTotal });
  });
  const start = await section(`start-up: Chromium, ${PLAN.loads} fresh loads per stack`, () => measureStart({ loads: PLAN.loads }));
  if (start?.errors.length) notes.push(`start-up errors: ${start.errors.join('; ')}`);
  const bulk = await section('bulk: 2,000 rows against the emulator', () => measureBulk({ perMinute: PLAN.bulkPerMinute, windowMs: PLAN.bulkWindowMs }));
  if (bulk?.note) notes.push(`bulk_efficiency: ${bulk.note}`);
  const scan = await section(`scan: ${PLAN.scanCustomers.toLocaleString('en-US')} generated customers against the emulator`,
    () => measureScan({ count: PLAN.scanCustomers, perMinute: PLAN.scanPerMinute, windowMs: PLAN.scanWindowMs }));
  if (scan?.note) notes.push(`scan_efficiency: ${scan.note}`);

  const s = {
    core: spread(tp?.core), peer: spread(tp?.peer), native: spread(native?.perSecond),
    start: spread(start?.core), peerStart: spread(start?.peer), floor: spread(start?.floor),
    startImport: spread(start?.coreImport), peerStartImport: spread(start?.peerImport),
  };
  const rowsPerS = s.core?.median ?? null;
  const ratioJs = s.core && s.peer && fullRules ? s.core.median / s.peer.median : null;
  if (s.core && s.peer && !fullRules) notes.push(`ratio_js: with validateConfirmation standing in, ${fmt(s.core.median / s.peer.median, 2)} (not a real figure)`);
  const figures = {
    size_gz: size?.gz ?? null,
    size_raw: size?.raw ?? null,
    size_validate_gz: sizes.validate?.gz ?? null,
    size_validate_raw: sizes.validate?.raw ?? null,
    size_source_gz: sizes.source?.gz ?? null,
    peer_size_gz: peer?.gz ?? null,
    peer_size_raw: peer?.raw ?? null,
    start_ms: s.start?.median ?? null,
    peer_start_ms: s.peerStart?.median ?? null,
    start_import_ms: s.startImport?.median ?? null,
    peer_start_import_ms: s.peerStartImport?.median ?? null,
    start_floor_ms: s.floor?.median ?? null,
    rows_per_s: rowsPerS,
    peer_rows_per_s: s.peer?.median ?? null,
    native_rows_per_s: s.native?.median ?? null,
    native_us_per_row: s.native ? 1e6 / s.native.median : null,
    ratio_js: ratioJs,
    ratio_native: s.native && rowsPerS ? s.native.median / rowsPerS : null,
    agree_pct: agree?.agreePct ?? null,
    bulk_efficiency: bulk?.efficiency ?? null,
    scan_efficiency: scan?.efficiency ?? null,
    scan_requests_per_customer: scan?.requestsPerCustomer ?? null,
    heap_growth_bytes: heap?.growth ?? null,
  };

  const out = [];
  out.push(`## mca-attest benchmark (${QUICK ? 'quick' : 'full'} run)`, '');
  out.push(`Node ${process.versions.node}, core ${core.version}, operation \`${timedOp}\` (verdicts compared per row with \`${op}\`), ${PLAN.rows.toLocaleString('en-US')} rows (seed ${SEED}), `
    + `${PLAN.reps} repetitions, ${PLAN.loads} page loads per stack. Min/median/max show the machine's noise.`, '');
  out.push(table([
    ['size_gz', figures.size_gz, null, 0, ' B'],
    ['size_raw', figures.size_raw, null, 0, ' B'],
    ['size_validate_gz', figures.size_validate_gz, null, 0, ' B'],
    ['size_validate_raw', figures.size_validate_raw, null, 0, ' B'],
    ['size_source_gz', figures.size_source_gz, null, 0, ' B'],
    ['peer_size_gz', figures.peer_size_gz, null, 0, ' B'],
    ['peer_size_raw', figures.peer_size_raw, null, 0, ' B'],
    ['start_ms', figures.start_ms, s.start, 1, ' ms'],
    ['peer_start_ms', figures.peer_start_ms, s.peerStart, 1, ' ms'],
    ['start_import_ms', figures.start_import_ms, s.startImport, 1, ' ms'],
    ['peer_start_import_ms', figures.peer_start_import_ms, s.peerStartImport, 1, ' ms'],
    ['start_floor_ms', figures.start_floor_ms, s.floor, 1, ' ms'],
    ['rows_per_s', figures.rows_per_s, s.core],
    ['peer_rows_per_s', figures.peer_rows_per_s, s.peer],
    ['native_rows_per_s', figures.native_rows_per_s, s.native],
    ['native_us_per_row', figures.native_us_per_row, null, 2, ' µs'],
    ['ratio_js', figures.ratio_js, null, 2],
    ['ratio_native', figures.ratio_native, null, 2],
    ['agree_pct', figures.agree_pct, null, 1, ' %'],
    ['bulk_efficiency', figures.bulk_efficiency, null, 2],
    ['scan_efficiency', figures.scan_efficiency, null, 2],
    ['scan_requests_per_customer', figures.scan_requests_per_customer, null, 3],
    ['heap_growth_bytes', figures.heap_growth_bytes, null, 0, ' B'],
  ], figures));
  if (size) {
    out.push('', 'The component as shipped (gzip -9 per file, as served):', '', '| file | raw | gzip |', '|---|---|---|');
    for (const f of size.files) out.push(`| ${f.file} | ${fmt(f.raw)} | ${fmt(f.gz)} |`);
  }
  if (tp) out.push('', `Accepted rows: core ${fmt(tp.coreAccepted)}, peer ${fmt(tp.peerAccepted)}, native ${fmt(native?.accepted)} of ${fmt(tp.rows)} (native parse: ${native?.parse ?? '—'}).`);
  if (agree) {
    out.push('', `Disagreements (${fmt(agree.rows - agree.same)} rows), counted per field the rejecting side named:`, '',
      '| field | core rejects, peer accepts | peer rejects, core accepts |', '|---|---|---|');
    for (const [field, c] of Object.entries(agree.byField).sort()) out.push(`| ${field} | ${fmt(c.coreOnly)} | ${fmt(c.peerOnly)} |`);
    const codes = Object.entries(agree.codes).sort((a, b) => b[1] - a[1]).slice(0, 12);
    if (codes.length) out.push('', `By code: ${codes.map(([c, n]) => `${c} ${n}`).join(', ')}.`);
  }
  if (heap) out.push('', `Heap: ${fmt(heap.heapBytes)} B after ${fmt(heap.total)} validations; bytes in use grew by ${fmt(heap.bytesInUseGrowth)}.`);
  if (bulk?.efficiency != null) out.push('', `Bulk: ${bulk.rows} rows in ${fmt(bulk.seconds, 2)} s; the rate limit (${bulk.perMinute} requests per ${fmt(bulk.windowMs / 1000, 1)} s, every request counted) bounds it at ${fmt(bulk.limitSeconds, 2)} s (${fmt(bulk.writeLimitSeconds, 2)} s if only writes counted); ${bulk.posts} POSTs, ${bulk.requests} requests, ${bulk.throttled} answered 429.`);
  if (scan?.efficiency != null) out.push('', `Scan: ${fmt(scan.count)} customers in ${fmt(scan.seconds, 2)} s; the rate limit (${scan.perMinute} requests per ${fmt(scan.windowMs / 1000, 1)} s) bounds it at ${fmt(scan.limitSeconds, 2)} s; ${fmt(scan.requests)} requests needed, ${scan.throttled} answered 429.`);
  out.push('', 'Where the peer stack cannot match the rules:', '', ...PEER_LIMITS.map((l) => `- ${l}`));
  if (notes.length) out.push('', 'Notes:', '', ...notes.map((n) => `- ${n}`));
  out.push('', `(${((performance.now() - started) / 1000).toFixed(0)} s)`);

  const round = (v, d) => (v === null ? null : Math.round(v * 10 ** d) / 10 ** d);
  const json = { mode: QUICK ? 'quick' : 'full', core_op: timedOp, rows: PLAN.rows, ...figures,
    start_ms: round(figures.start_ms, 2), peer_start_ms: round(figures.peer_start_ms, 2),
    start_import_ms: round(figures.start_import_ms, 2), peer_start_import_ms: round(figures.peer_start_import_ms, 2),
    start_floor_ms: round(figures.start_floor_ms, 2),
    native_us_per_row: round(figures.native_us_per_row, 3),
    rows_per_s: round(figures.rows_per_s, 0), peer_rows_per_s: round(figures.peer_rows_per_s, 0),
    native_rows_per_s: round(figures.native_rows_per_s, 0), ratio_js: round(figures.ratio_js, 3),
    ratio_native: round(figures.ratio_native, 3), agree_pct: round(figures.agree_pct, 2),
    bulk_efficiency: round(figures.bulk_efficiency, 3), scan_efficiency: round(figures.scan_efficiency, 3),
    scan_requests_per_customer: round(figures.scan_requests_per_customer, 3) };
  await writeFile(resolve(OUT, `results-${json.mode}.json`), `${JSON.stringify({ ...json, notes }, null, 2)}\n`);
  process.stdout.write(`${out.join('\n')}\n\n${JSON.stringify(json)}\n`);
}

main().catch((e) => {
  process.stderr.write(`bench: ${e?.stack ?? e}\n`);
  process.exit(1);
});
