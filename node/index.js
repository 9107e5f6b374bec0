/**
 * mca-attest/node: the Node-only parts of the bulk flow, as the mca-attest
 * command uses them: the file journal, the evidence file, default paths,
 * the results file and the terminal progress line.
 * Types: index.d.ts; the manual: docs/bulk.md.
 */
export { openFileJournal, fileJournalBackend } from './journal-file.js';
export { defaultPaths, openEvidenceFile, openReadOnlyJournal, writeResults } from './bulk-files.js';
export { createProgressLine, progressText, scanProgressText } from './progress-line.js';
export { fileAttestationBackend, openAttestationFile } from './attestation-file.js';
