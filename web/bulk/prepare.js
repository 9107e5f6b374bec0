/**
 * The first step of a bulk run, before any request: every row validated and
 * its request body built by the core, rows the CSV parser refused turned
 * into `invalid` rows, and duplicates found. Pure: no network, no journal.
 *
 * Two ways in: a CSV file (`prepareCsv`: the core's batch operation
 * `buildCsv` reads, validates and builds every row in one call) or rows
 * already read (`prepareRows`: one build call per row).
 *
 * Duplicates: rows are validated first; among the valid rows the first one
 * of each normalised customerId is used and the later ones are `skipped`
 * with reason `duplicate` (`detail` and `firstLine` name the line of the
 * first). An invalid row is `invalid` whatever its customerId.
 */

/**
 * Items from build results in line order (see prepareRows).
 * @param {Array<{ line: number, built: { ok: boolean, errors: any[], normalized: Record<string, string>, payload?: any },
 *   rawId: string, input: object, payload: () => object }>} results
 * @param {Array<{ line: number, code: string, message: string }>} csvErrors
 */
function classify(results, csvErrors) {
  const firstLine = new Map();          // normalised customerId → line of its first valid row
  const items = [];
  for (const { line, built, rawId, input, payload } of results) {
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
    items.push({ line, customerId: key, key, input, payload: payload() });
  }
  for (const e of csvErrors) {
    items.push({ line: e.line, customerId: '', key: null, state: 'invalid', reason: e.code, detail: e.message });
  }
  return items.sort((a, b) => a.line - b.line);
}

const trimmed = (value) => (typeof value === 'string' ? value.trim() : '');

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
  const results = rows.map((row) => {
    const { _line: line, ...input } = row;
    const built = build(input, options);
    return { line, built, rawId: trimmed(input.customerId), input, payload: () => built.payload };
  });
  return classify(results, csvErrors);
}

/**
 * The same from a CSV file, through the core's batch operation. A row to
 * work on carries its normalised fields as `input` (building them again
 * gives the same body).
 * @param {object} core the loaded core
 * @param {{ csv: string | Uint8Array | ArrayBuffer, flow: 'classic' | 'enhanced',
 *   options: { now: number, templates?: object[] } }} args
 * @returns {{ items: Array<object>, batch: object }} the items (as prepareRows) and the core's
 *   buildCsv result (columns, separator, bom, rows, errors)
 */
export function prepareCsv(core, { csv, flow, options }) {
  const batch = core.buildCsv(csv, { ...options, flow });
  const results = batch.rows.map((row) => ({ line: row.line, built: row, rawId: trimmed(row.input?.customerId),
    input: row.normalized, payload: () => JSON.parse(row.body) }));
  return { items: classify(results, batch.errors), batch };
}

/** "code: message; code: message" of validation errors, for the results file. */
function issues(errors) {
  return errors.map((e) => `${e.code}: ${e.message}`).join('; ');
}
