/**
 * mca-attest/bulk: the bulk runner and its building blocks, browser-safe
 * (the Node file journal and evidence file are in mca-attest/node).
 * Types: index.d.ts; the manual: docs/bulk.md.
 */
export { runBulk, memoryJournalBackend, STATES } from './runner.js';
export { openJournal, FINAL_STATES, PENDING_STATES } from './journal.js';
export { openIdbJournal, deleteIdbJournal, idbJournalBackend } from './journal-idb.js';
export { createEvidenceWriter, verify, canonicalJson, GENESIS } from './evidence.js';
export { openIdbEvidence } from './evidence-idb.js';
export { resultsCsv, createResultsWriter, csvCell, RESULT_COLUMNS } from './results.js';
export { redact } from './redact.js';
