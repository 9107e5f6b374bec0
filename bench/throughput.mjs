// Rows per second in Node: the Wasm core and the peer stack on the same CSV,
// alternating in one process; the verdicts of both on every row; the Wasm
// heap after many validations.
import { COLUMNS } from './gen-data.mjs';
import { buildConfirmationPeer } from './peer.mjs';

/** The core operation the benchmark runs: buildConfirmation once it exists. */
export function coreOperation(core) {
  return typeof core.buildConfirmation === 'function' ? 'buildConfirmation' : 'validateConfirmation';
}

/** Rows as objects keyed by column, empty cells left out (the data needs no quoting). */
export function splitCsv(text) {
  const lines = text.split(/\r?\n/);
  const header = lines[0].split(',');
  const rows = [];
  for (let i = 1; i < lines.length; i += 1) {
    if (lines[i] === '') continue;
    const cells = lines[i].split(',');
    const row = {};
    for (let j = 0; j < header.length; j += 1) if (cells[j]) row[header[j]] = cells[j];
    rows.push(row);
  }
  return rows;
}

/** The core's CSV parser when it has one, else splitCsv. */
export function rowsWithCore(core, text) {
  return typeof core.parseCsv === 'function' ? core.parseCsv(text).rows : splitCsv(text);
}

/** One timed pass of the core: parse, then validate/normalise/build every row
 * (in one batch call, core.buildCsv, when the core has it). */
export function coreRun(core, text, now) {
  if (typeof core.buildCsv === 'function') {
    const start = performance.now();
    const { rows } = core.buildCsv(text, { now });
    let accepted = 0;
    for (const row of rows) if (row.ok) accepted += 1;
    return { seconds: (performance.now() - start) / 1000, rows: rows.length, accepted };
  }
  const op = core[coreOperation(core)];
  const start = performance.now();
  const rows = rowsWithCore(core, text);
  let accepted = 0;
  for (const row of rows) if (op(row, { now }).ok) accepted += 1;
  return { seconds: (performance.now() - start) / 1000, rows: rows.length, accepted };
}

/** One timed pass of the peer stack: split, then validate/normalise/build every row. */
export function peerRun(text, now) {
  const start = performance.now();
  const rows = splitCsv(text);
  let accepted = 0;
  for (const row of rows) if (buildConfirmationPeer(row, { now }).ok) accepted += 1;
  return { seconds: (performance.now() - start) / 1000, rows: rows.length, accepted };
}

/** Alternates core and peer passes `reps` times (after one warm-up pass each). */
export function measureThroughput(core, text, now, reps) {
  const core_ = [], peer = [];
  coreRun(core, text, now);
  peerRun(text, now);
  let last = {};
  for (let i = 0; i < reps; i += 1) {
    const c = coreRun(core, text, now);
    const p = peerRun(text, now);
    core_.push(c.rows / c.seconds);
    peer.push(p.rows / p.seconds);
    last = { rows: c.rows, coreAccepted: c.accepted, peerAccepted: p.accepted };
  }
  return { core: core_, peer, ...last };
}

/**
 * Verdicts of both stacks on every row. A disagreement is counted under each
 * field the rejecting side named (a row can count under several fields).
 */
export function compareVerdicts(core, text, now) {
  const op = core[coreOperation(core)];
  const coreRows = rowsWithCore(core, text);
  const peerRows = splitCsv(text);
  const byField = {};
  const codes = {};
  let same = 0;
  const count = (side, errors) => {
    for (const field of new Set(errors.map((e) => e.field || '(row)'))) {
      byField[field] ??= { coreOnly: 0, peerOnly: 0 };
      byField[field][side] += 1;
    }
    for (const e of errors) codes[`${side === 'coreOnly' ? 'core' : 'peer'} ${e.code}`] = (codes[`${side === 'coreOnly' ? 'core' : 'peer'} ${e.code}`] ?? 0) + 1;
  };
  const n = Math.min(coreRows.length, peerRows.length);
  for (let i = 0; i < n; i += 1) {
    const c = op(coreRows[i], { now });
    const p = buildConfirmationPeer(peerRows[i], { now });
    if (c.ok === p.ok) same += 1;
    else if (!c.ok) count('coreOnly', c.errors);
    else count('peerOnly', p.errors);
  }
  return { rows: n, same, agreePct: n ? (100 * same) / n : null, byField, codes };
}

/**
 * Wasm heap growth: heapBytes after `total` validations minus after `first`,
 * cycling through valid rows of the data, on a core of its own.
 */
export function measureHeapGrowth(core, text, now, { first = 1000, total = 1_000_000 } = {}) {
  const rows = splitCsv(text).slice(0, 1000);
  let i = 0;
  const next = () => { const row = rows[i % rows.length]; i += 1; return row; };
  while (i < first) core.validateConfirmation(next(), { now });
  const after = core.memoryStats();
  while (i < total) core.validateConfirmation(next(), { now });
  const end = core.memoryStats();
  return { first, total, growth: end.heapBytes - after.heapBytes, heapBytes: end.heapBytes,
    bytesInUseGrowth: end.bytesInUse - after.bytesInUse };
}

export { COLUMNS };
