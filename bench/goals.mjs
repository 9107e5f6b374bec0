// The benchmark's goals and how a figure is held to one (met / missed),
// printed beside the figures, never asserted by a test.

// A bound is a number, or the name of another figure of the same run
// (times `factor`): start_ms against peer_start_ms, for one.
export const GOALS = {
  size_gz: { max: 90_000 }, size_validate_gz: { max: 'peer_size_gz' }, start_ms: { max: 'peer_start_ms', factor: 0.5 },
  ratio_js: { min: 3 }, native_us_per_row: { max: 2 }, ratio_native: { max: 1.5 },
  heap_growth_bytes: { max: 0 }, agree_pct: { min: 90 }, bulk_efficiency: { min: 0.9 },
  scan_efficiency: { min: 0.9 }, scan_requests_per_customer: { max: 1.6 },
};

export const fmt = (v, digits = 0) => (v === null || v === undefined ? '—'
  : Number(v).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));

/** A goal's bound in this run: a number, or another figure (times factor); null when unmeasured. */
export function bound(goal, figures) {
  const b = goal.max ?? goal.min;
  if (typeof b === 'number') return b;
  const other = figures[b];
  return other === null || other === undefined ? null : other * (goal.factor ?? 1);
}

/** 'met', 'missed', 'not measured' or '' (no goal) for a figure of this run. */
export function status(key, value, figures = {}) {
  const goal = GOALS[key];
  if (!goal) return '';
  const limit = bound(goal, figures);
  if (value === null || value === undefined || limit === null) return 'not measured';
  const met = goal.max !== undefined ? value <= limit : value >= limit;
  return met ? 'met' : 'missed';
}

export function goalText(key) {
  const goal = GOALS[key];
  if (!goal) return '';
  const b = goal.max ?? goal.min;
  const sign = goal.max !== undefined ? '≤' : '≥';
  if (typeof b === 'string') return `${sign} ${goal.factor ? `${goal.factor} × ` : ''}\`${b}\``;
  return b === 0 && goal.max !== undefined ? '= 0' : `${sign} ${fmt(b, b < 10 ? 1 : 0)}`;
}

