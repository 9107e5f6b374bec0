/**
 * The first step of a bulk run, before any request: every row validated and
 * its request body built by the core, rows the CSV parser refused turned
 * into `invalid` rows, and duplicates found. Pure: no network, no journal.
 *
 * Duplicates: rows are validated first; among the valid rows the first one
 * of each normalised customerId is used and the later ones are `skipped`
 * with reason `duplicate` (`detail` and `firstLine` name the line of the
 * first). An invalid row is `invalid` whatever its customerId.
 */

/**
 * @param {object} core the loaded core
 * @param {{ rows: Array<Record<string, unknown>>, csvErrors?: Array<{ line: number, code: string, message: string }>,
 *   flow: 'classic' | 'enhanced', options: { now: number, templates?: object[] } }} args
 * @returns {Array<object>} one item per row and per refused CSV record, in line order:
 *   { line, customerId, key, input, payload } for a row to work on, or with `state`, `reason`,
 *   `detail` when it is settled already (invalid, duplicate).
 */
export function prepareRows(core, { rows, csvErrors = [], flow, options }) {
  const build = core[core.domain.flows[flow].builder];   // the flow's request body, built by the core
  const firstLine = new Map();          // normalised customerId → line of its first valid row
  const items = [];
  for (const row of rows) {
    const { _line: line, ...input } = row;
    const built = build(input, options);
    const rawId = typeof input.customerId === 'string' ? input.customerId.trim() : '';
    if (!built.ok) {
      items.push({ line, customerId: built.normalized?.customerId ?? rawId, key: null, state: 'invalid',
        reason: built.errors[0]?.code ?? 'invalid', detail: issues(built.errors) });
      continue;
    }
    const key = built.normalized.customerId;
    if (firstLine.has(key)) {
      const first = firstLine.get(key);
      items.push({ line, customerId: key, key: null, state: 'skipped', reason: 'duplicate', firstLine: first,
        detail: `duplicate of line ${first}` });
      continue;
    }
    firstLine.set(key, line);
    items.push({ line, customerId: key, key, input, payload: built.payload });
  }
  for (const e of csvErrors) {
    items.push({ line: e.line, customerId: '', key: null, state: 'invalid', reason: e.code, detail: e.message });
  }
  return items.sort((a, b) => a.line - b.line);
}

/** "code: message; code: message" of validation errors, for the results file. */
function issues(errors) {
  return errors.map((e) => `${e.code}: ${e.message}`).join('; ');
}
