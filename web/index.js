/**
 * mca-attest: Microsoft Customer Agreement attestation for CSP partners.
 * The public entry point (see index.d.ts for the types).
 */
export { loadCore } from './core.js';
export { McaError } from './errors.js';
export { createClient } from './client.js';
export { translate, languages } from './i18n/index.js';
export { renderQr, qrToSvgText, qrPathData } from './qr.js';
export { defineElement, MCAAttestationElement, MCABulkElement } from './element/index.js';
export { createRateLimiter } from './rate-limit.js';
export { scanPortfolio } from './scan.js';
export { scanCsv, createScanCsvWriter, SCAN_COLUMNS } from './scan-csv.js';
export { createAttestationStore, memoryAttestationBackend, idbAttestationBackend, defaultAttestationStore }
  from './attestation-store.js';

// Every other module of the component, imported here too (none has side
// effects on import): a browser finds them all in this file and fetches
// them in one round trip, instead of one more round per level of imports
// before the .wasm can be fetched. tests/js/bench-size.test.js checks that
// this list is complete.
import './acceptance.js';
import './attestation-store.js';
import './customer-pages.js';
import './decide-customer.js';
import './scan-csv.js';
import './i18n/core-messages.js';
import './i18n/en.js';
import './i18n/nl.js';
import './bulk/evidence-idb.js';
import './bulk/evidence.js';
import './bulk/flow-classic.js';
import './bulk/flow-enhanced.js';
import './bulk/journal-idb.js';
import './bulk/journal.js';
import './bulk/prepare.js';
import './bulk/progress.js';
import './bulk/redact.js';
import './bulk/requests.js';
import './bulk/results.js';
import './bulk/row.js';
import './bulk/runner.js';
import './element/bulk-views.js';
import './element/bulk.js';
import './element/context.js';
import './element/define.js';
import './element/dom.js';
import './element/element.js';
import './element/facts.js';
import './element/flows.js';
import './element/form.js';
import './element/pending.js';
import './element/qr-slot.js';
import './element/styles.js';
import './element/views.js';
