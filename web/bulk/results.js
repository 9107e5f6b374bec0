/**
 * The results CSV of a bulk run: one line per input row with its final
 * state and reason, in the input's separator, RFC 4180 quoting, CRLF line
 * ends and a UTF-8 BOM so Excel opens it as UTF-8. Cells that a spreadsheet
 * would run as a formula (starting with =, +, -, @, tab or CR) get a
 * leading apostrophe.
 */

/** Default columns per flow: `line` is the row's line in the input file. */
export const RESULT_COLUMNS = Object.freeze({
  classic: Object.freeze(['line', 'customerId', 'state', 'reason']),
  enhanced: Object.freeze(['line', 'customerId', 'state', 'reason', 'link']),
});

const SEPARATORS = [',', ';', '\t'];
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell: neutralised against formula injection, quoted when it holds the
 * separator, a quote, CR or LF (quotes doubled). null/undefined are empty.
 * @param {unknown} value
 * @param {string} [separator]
 */
export function csvCell(value, separator = ',') {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  if (text.includes(separator) || /["\r\n]/.test(text)) text = `"${text.replaceAll('"', '""')}"`;
  return text;
}

/**
 * A writer for a results file that grows as rows finish:
 * `header()` (with the BOM) once, then `line(row)` per row.
 * @param {{ separator?: string, flow?: 'classic' | 'enhanced', columns?: string[] }} [options]
 */
export function createResultsWriter({ separator = ',', flow = 'classic', columns } = {}) {
  if (!SEPARATORS.includes(separator)) throw new TypeError(`separator must be one of ${JSON.stringify(SEPARATORS)}`);
  const cols = columns ?? RESULT_COLUMNS[flow];
  if (!cols) throw new TypeError('flow must be "classic" or "enhanced"');
  const join = (cells) => cells.map((cell) => csvCell(cell, separator)).join(separator) + '\r\n';
  return Object.freeze({
    columns: Object.freeze([...cols]),
    separator,
    header: () => '\uFEFF' + join(cols),
    line: (row) => join(cols.map((name) => row?.[name])),
  });
}

/**
 * The whole results file as text.
 * @param {readonly object[]} rows
 * @param {import('./index.js').ResultsOptions} [options]
 */
export function resultsCsv(rows, options) {
  const writer = createResultsWriter(options);
  return writer.header() + rows.map(writer.line).join('');
}
