// Types of mca-attest/node: the Node-only parts of the bulk flow (docs/bulk.md).
import type { Journal, JournalBackend, EvidenceSink, BulkProgress } from '../web/bulk/index.js';

/** A file of JSON lines, each made durable (fdatasync) before append() resolves; a torn last line is cut off on load. */
export function fileJournalBackend(path: string): JournalBackend;
/** openJournal on a file: McaError journal.corrupt for a damaged complete line. */
export function openFileJournal(path: string): Promise<Journal>;
/** A journal that is read but never written (dry runs): append() throws journal.readOnly. */
export function openReadOnlyJournal(path: string): Promise<Journal>;

/** The results file next to the input, journal and evidence next to the results. */
export function defaultPaths(input: string, options?: { results?: string; journal?: string; evidence?: string }):
  { results: string; journal: string; evidence: string };

/** An evidence file continued after a check of its chain (McaError evidence.damaged when broken). */
export interface EvidenceFile extends Required<EvidenceSink> {
  append(fields: Record<string, unknown>): Promise<void>;
  /** The record a kill cut short, removed from the file when it was opened, or null. */
  readonly torn: { bytes: number } | null;
  readonly count: number;
  readonly lastHash: string;
  close(): Promise<void>;
}
export function openEvidenceFile(path: string): Promise<EvidenceFile>;

/** Writes the results file whole: a temporary file renamed into place. */
export function writeResults(path: string, text: string): Promise<void>;

/** The part of a Node stream the progress line writes to. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}
/** One line rewritten in place on a terminal, a plain line every `everyMs` (default 5000) otherwise. */
export function createProgressLine<E = BulkProgress>(stream: ProgressStream,
  options?: { everyMs?: number; format?: (event: E) => string }): { onProgress(event: E): void; clear(): void };
/** A scan's progress as text: "120/2500 customers · 40.0 customers/s · 1m00s left" (`type: 'done'` at the end). */
export function scanProgressText(event: import('../web/index.js').ScanProgress & { type?: 'progress' | 'done' }): string;
/** One progress event as text: "3/7 rows · submitted 2 · invalid 1 · 4.0 rows/s · 1s left". */
export function progressText(event: BulkProgress): string;

/** The attestation store's backend in a JSON-lines file: one durable line per change, read again on every read. */
export function fileAttestationBackend(path: string): import('../web/index.js').AttestationBackend;
/** createAttestationStore over a JSON-lines file. */
export function openAttestationFile(path: string): import('../web/index.js').AttestationStore;
