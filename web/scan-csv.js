/**
 * The portfolio scan as CSV, one file format for `mca-attest scan` and the
 * dashboard's "Export the list": the enhanced flow's input columns (so the
 * file, its signatory filled in, is an input of the bulk run), then what
 * the scan found. Written with the bulk results' writer: UTF-8 BOM, CRLF,
 * formula cells neutralised.
 */
import { createResultsWriter } from './bulk/results.js';

export const SCAN_COLUMNS = Object.freeze(['customerId', 'companyName', 'country', 'language', 'status', 'action', 'reasons',
  'signatoryFirstName', 'signatoryLastName', 'signatoryEmail', 'signatoryPhoneNumber', 'link', 'expires', 'error']);

/**
 * One scan entry as a CSV row: language is the billing culture, reasons space-separated codes.
 * @param {import('./index.js').ScanEntry} entry
 */
export function scanCsvRow(entry) {
  const waiting = entry.pending?.status === 'Pending' ? entry.pending : null;
  return { customerId: entry.customerId, companyName: entry.companyName, country: entry.country, language: entry.culture,
    status: entry.status, action: entry.action, reasons: (entry.reasons ?? []).join(' '),
    link: waiting ? waiting.link : '', expires: waiting ? waiting.expiresAt : '',
    error: entry.error ? `${entry.error.code}: ${entry.error.message}` : '' };
}

/**
 * A writer for a scan CSV: `header()` once (with the BOM), then `line(entry)` per entry.
 * @param {{ separator?: ',' | ';' }} [options]
 */
export function createScanCsvWriter({ separator = ',' } = {}) {
  const writer = createResultsWriter({ separator, columns: [...SCAN_COLUMNS] });
  return { header: writer.header, line: (/** @type {import('./index.js').ScanEntry} */ entry) => writer.line(scanCsvRow(entry)) };
}

/**
 * The whole file for a list of scan entries.
 * @param {import('./index.js').ScanEntry[]} entries
 * @param {{ separator?: ',' | ';' }} [options]
 */
export function scanCsv(entries, options) {
  const writer = createScanCsvWriter(options);
  return writer.header() + entries.map(writer.line).join('');
}
