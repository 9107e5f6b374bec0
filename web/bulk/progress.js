/**
 * Progress of a bulk run: counts per state, rows per second and time left,
 * reported through onProgress at most every `intervalMs` (and always at the
 * start and the end). The rate counts only rows that needed Partner Center
 * in this run (settled by the validation, or by a previous run, they take
 * no time), so the time left is the remaining work at that rate.
 */
/** @type {readonly import('./index.js').BulkRowState[]} */
export const STATES = Object.freeze(['submitted', 'already-confirmed', 'cannot-attest', 'skipped', 'invalid', 'failed',
  'awaiting-acceptance']);

/**
 * @param {{ total: number, work: number, onProgress?: (event: object) => void, intervalMs?: number,
 *   clock?: () => number }} options  total rows, and how many of them need requests
 */
export function createProgress({ total, work, onProgress, intervalMs = 100, clock = () => performance.now() }) {
  const counts = Object.fromEntries(STATES.map((s) => [s, 0]));
  const started = clock();
  let done = 0;
  let worked = 0;
  let last = -Infinity;

  function event(type) {
    const elapsedMs = clock() - started;
    const rowsPerSecond = elapsedMs > 0 ? (worked * 1000) / elapsedMs : 0;
    const left = work - worked;
    const etaMs = left === 0 ? 0 : rowsPerSecond > 0 ? Math.round((left * 1000) / rowsPerSecond) : null;
    return { type, total, done, counts: { ...counts }, elapsedMs: Math.round(elapsedMs), rowsPerSecond, etaMs };
  }

  function emit(type, force) {
    if (!onProgress) return;
    const t = clock();
    if (!force && t - last < intervalMs) return;
    last = t;
    try { onProgress(event(type)); } catch { /* a listener's failure never stops the run */ }
  }

  return {
    /** A row reached its state for this run; `worked`: it needed requests. */
    add(state, { worked: needed = false } = {}) {
      counts[state] += 1;
      done += 1;
      if (needed) worked += 1;
      emit('progress', false);
    },
    start: () => emit('start', true),
    finish: () => { emit('done', true); return event('done'); },
    snapshot: () => event('progress'),
  };
}
