/**
 * The bulk command's progress in a terminal: one line rewritten in place on
 * a TTY, plain lines every `everyMs` otherwise (logs, CI), and the last
 * state always.
 */
const SHORT = { submitted: 'submitted', 'already-confirmed': 'already', skipped: 'skipped', invalid: 'invalid',
  failed: 'failed', 'awaiting-acceptance': 'awaiting' };

function duration(ms) {
  if (ms === null || ms === undefined) return '?';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** A scan's progress (scanPortfolio's onProgress, `type` 'done' at the end) as text. */
export function scanProgressText(e) {
  const left = e.type === 'done' ? `in ${duration(e.elapsedMs)}` : e.remainingMs === null ? 'listing' : `${duration(e.remainingMs)} left`;
  const failed = e.failed ? ` · ${e.failed} not read` : '';
  return `${e.done}/${e.total ?? `${e.listed}+`} customers${failed} · ${e.rowsPerSecond.toFixed(1)} customers/s · ${left}`;
}

/** One progress event as text. */
export function progressText(e) {
  const counts = Object.entries(SHORT).filter(([state]) => e.counts[state] > 0)
    .map(([state, label]) => `${label} ${e.counts[state]}`).join(' · ');
  const left = e.type === 'done' ? `in ${duration(e.elapsedMs)}` : `${duration(e.etaMs)} left`;
  return `${e.done}/${e.total} rows${counts ? ` · ${counts}` : ''} · ${e.rowsPerSecond.toFixed(1)} rows/s · ${left}`;
}

/** @param {NodeJS.WriteStream} stream */
export function createProgressLine(stream, { everyMs = 5000, format = progressText } = {}) {
  const tty = stream.isTTY === true;
  let lastPrinted = -Infinity;
  let width = 0;
  return {
    onProgress(e) {
      const text = format(e);
      if (tty) {
        stream.write(`\r${text.padEnd(width)}`);
        width = text.length;
        if (e.type === 'done') stream.write('\n');
        return;
      }
      const t = Date.now();
      if (e.type === 'done' || t - lastPrinted >= everyMs) {
        lastPrinted = t;
        stream.write(`${text}\n`);
      }
    },
    /** Ends a half-written TTY line before other output. */
    clear() { if (tty && width) { stream.write('\n'); width = 0; } },
  };
}
