// The JavaScript of the package checked against its hand-written .d.ts:
// every export of an entry, taken from the module that implements it (a
// module without a .d.ts, so tsc reads its JavaScript and JSDoc), must be
// assignable to what the entry's .d.ts declares. A method renamed, a
// parameter added, a state or an event the declarations do not know, and the
// build of this file fails (scripts/check-types.mjs; tests/js/types.test.js
// proves it on drifted copies).
import type * as Api from '../../web/index.js';
import type * as BulkApi from '../../web/bulk/index.js';
import { loadCore } from '../../web/core.js';
import { McaError } from '../../web/errors.js';
import { createClient } from '../../web/client.js';
import { translate, languages } from '../../web/i18n/index.js';
import { renderQr, qrToSvgText, qrPathData } from '../../web/qr.js';
import { defineElement, MCAAttestationElement, MCABulkElement } from '../../web/element/index.js';
import { createRateLimiter } from '../../web/rate-limit.js';
import { scanPortfolio } from '../../web/scan.js';
import { scanCsv, createScanCsvWriter, SCAN_COLUMNS } from '../../web/scan-csv.js';
import { createAttestationStore, memoryAttestationBackend, idbAttestationBackend, defaultAttestationStore }
  from '../../web/attestation-store.js';
import { runBulk, memoryJournalBackend, STATES } from '../../web/bulk/runner.js';
import { openJournal, FINAL_STATES, PENDING_STATES } from '../../web/bulk/journal.js';
import { openIdbJournal, deleteIdbJournal, idbJournalBackend } from '../../web/bulk/journal-idb.js';
import { createEvidenceWriter, verify, canonicalJson, GENESIS } from '../../web/bulk/evidence.js';
import { openIdbEvidence } from '../../web/bulk/evidence-idb.js';
import { resultsCsv, createResultsWriter, csvCell, RESULT_COLUMNS } from '../../web/bulk/results.js';
import { redact } from '../../web/bulk/redact.js';

/** `mca-attest`: the functions and constants. */
export const api: Pick<typeof Api, 'loadCore' | 'createClient' | 'translate' | 'languages' | 'renderQr'
  | 'qrToSvgText' | 'qrPathData' | 'defineElement' | 'createRateLimiter' | 'scanPortfolio' | 'createAttestationStore'
  | 'memoryAttestationBackend' | 'idbAttestationBackend' | 'defaultAttestationStore' | 'scanCsv' | 'createScanCsvWriter'
  | 'SCAN_COLUMNS'> = {
  loadCore, createClient, translate, languages, renderQr, qrToSvgText, qrPathData, defineElement,
  createRateLimiter, scanPortfolio, createAttestationStore, memoryAttestationBackend, idbAttestationBackend,
  defaultAttestationStore, scanCsv, createScanCsvWriter, SCAN_COLUMNS,
};
export const errorClass: typeof Api.McaError = McaError;

/** The elements: every declared member is there, with the declared type. */
export const attestationClass: typeof Api.MCAAttestationElement = MCAAttestationElement;
export const bulkClass: typeof Api.MCABulkElement = MCABulkElement;
export const attestation: Api.McaAttestationElement = new MCAAttestationElement();
export const bulk: Api.McaBulkElement = new MCABulkElement();

/** `mca-attest/bulk`. */
export const bulkApi: typeof BulkApi = {
  runBulk, memoryJournalBackend, STATES, openJournal, FINAL_STATES, PENDING_STATES,
  openIdbJournal, deleteIdbJournal, idbJournalBackend, createEvidenceWriter, verify, canonicalJson, GENESIS,
  openIdbEvidence, resultsCsv, createResultsWriter, csvCell, RESULT_COLUMNS, redact,
};
