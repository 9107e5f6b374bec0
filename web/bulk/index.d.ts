// Types of mca-attest/bulk: the bulk runner and its building blocks (docs/bulk.md).
import type { Client, Core, CsvError, CsvRow, AgreementTemplate } from '../index.js';

/** Which Partner Center flow a bulk run sends. */
export type BulkFlow = 'classic' | 'enhanced';

/** The state a row ends a run in. */
export type BulkRowState = 'submitted' | 'already-confirmed' | 'cannot-attest' | 'skipped' | 'invalid' | 'failed'
  | 'awaiting-acceptance';

/** Every row state, in the order counts list them. */
export const STATES: readonly BulkRowState[];
/** States that end a row for good: a later run leaves the row alone. */
export const FINAL_STATES: readonly ('submitted' | 'already-confirmed' | 'skipped' | 'invalid')[];
/** States of rows a later run picks up again (cannot-attest: decided again with the facts it is given). */
export const PENDING_STATES: readonly ('failed' | 'awaiting-acceptance' | 'cannot-attest')[];

// ---- Journal ---------------------------------------------------------------

/** A journal record as stored (tokens redacted). */
export interface JournalRecord {
  phase: 'in-flight' | 'done' | 'run';
  key?: string;
  requestId?: string;
  state?: BulkRowState;
  reason?: string;
  time: string;
  [field: string]: unknown;
}

/** The latest entry of a row, or `{ phase: 'new' }` for a row never seen. */
export interface JournalEntry {
  phase: 'new' | 'in-flight' | 'done';
  key: string;
  attempts: number;
  requestId?: string;
  state?: BulkRowState;
  reason?: string;
  time?: string;
  [field: string]: unknown;
}

export interface TornTail {
  /** 1-based line of the cut record. */
  line?: number;
  bytes: number;
}

/** Where a journal keeps its records: a file (mca-attest/node), IndexedDB, or memory. */
export interface JournalBackend {
  load(): Promise<{ records: JournalRecord[]; torn: TornTail | null }>;
  /** Resolves once the record is durable. */
  append(record: JournalRecord): Promise<void>;
  close(): Promise<void>;
}

export interface Journal {
  /** The tail a crash cut off and that loading discarded, or null. */
  readonly torn: TornTail | null;
  /** Records before a row's request (phase in-flight); refuses a row already done (journal.alreadyDone). */
  begin(key: string, fields: { requestId: string; [field: string]: unknown }): Promise<JournalRecord>;
  /** Records a row's outcome (phase done). */
  finish(key: string, fields: { state: BulkRowState; reason?: string; [field: string]: unknown }): Promise<JournalRecord>;
  status(key: string): JournalEntry;
  /** What a resumed run must do with each row. */
  summary(): { done: JournalEntry[]; inFlight: JournalEntry[]; failed: JournalEntry[]; awaiting: JournalEntry[];
    cannotAttest: JournalEntry[]; torn: TornTail | null };
  noteRun(fields: Record<string, unknown>): Promise<JournalRecord>;
  runs(): JournalRecord[];
  close(): Promise<void>;
}

export function openJournal(backend: JournalBackend): Promise<Journal>;
/** A journal kept in memory only (a run without a stored journal cannot resume). */
export function memoryJournalBackend(): JournalBackend;
/** IndexedDB backend (browsers): one durable transaction per record. */
export function idbJournalBackend(name: string): JournalBackend;
export function openIdbJournal(name: string): Promise<Journal>;
export function deleteIdbJournal(name: string): Promise<void>;

// ---- Evidence --------------------------------------------------------------

/** 64 zeros: the `prev` of the first record. */
export const GENESIS: string;
/** JSON with object keys sorted at every level and no spaces (what a record's hash is taken over). */
export function canonicalJson(value: unknown): string;

export interface EvidenceWriter {
  /** Resolves to the line to store (JSON + "\n"); appends are chained in call order. */
  append(fields: Record<string, unknown>): Promise<string>;
  readonly count: number;
  readonly lastHash: string;
}

/** Continues a chain from `from` (a verify() result), or starts one. */
export function createEvidenceWriter(from?: { count?: number; lastHash?: string }): EvidenceWriter;

export type EvidenceCode = 'evidence.edited' | 'evidence.brokenChain' | 'evidence.removed' | 'evidence.inserted'
  | 'evidence.reordered' | 'evidence.truncated' | 'evidence.invalidJson' | 'evidence.invalidRecord'
  | 'evidence.missingTail';

export type VerifyResult =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; code: EvidenceCode; message: string; index: number; line: number; count: number; lastHash: string };

export function verify(text: string, options?: { expectedLastHash?: string; expectedCount?: number }): Promise<VerifyResult>;

/** What runBulk writes evidence to: each answered write once. */
export interface EvidenceSink {
  append(fields: Record<string, unknown>): Promise<unknown>;
  /** A record of this MS-RequestId is stored already (a resumed run does not write it twice). */
  has?(requestId: string): boolean;
}

/** The evidence chain kept in IndexedDB (checked when opened: McaError evidence.damaged). */
export interface IdbEvidence extends Required<EvidenceSink> {
  append(fields: Record<string, unknown>): Promise<void>;
  /** The evidence file's text. */
  text(): string;
  readonly count: number;
  readonly lastHash: string;
  close(): Promise<void>;
}
export function openIdbEvidence(name: string): Promise<IdbEvidence>;

/** A deep copy without credentials: members named like a token dropped, bearer tokens and JWTs replaced. */
export function redact<T>(value: T): T;

// ---- Results ---------------------------------------------------------------

export interface ResultsOptions {
  separator?: ',' | ';' | '\t';
  flow?: BulkFlow;
  columns?: string[];
}

/** Default columns per flow. */
export const RESULT_COLUMNS: Readonly<Record<BulkFlow, readonly string[]>>;

/** One cell: formula starts neutralised with a leading ', quoted when needed. */
export function csvCell(value: unknown, separator?: string): string;

export interface ResultsWriter {
  readonly columns: readonly string[];
  readonly separator: string;
  /** The header line, with the UTF-8 BOM. */
  header(): string;
  /** One row's line: its members named by the columns (a BulkRowResult, or any object). */
  line(row: object): string;
}
export function createResultsWriter(options?: ResultsOptions): ResultsWriter;
/** The whole results file. */
export function resultsCsv(rows: readonly object[], options?: ResultsOptions): string;

// ---- The runner ------------------------------------------------------------

export interface BulkProgress {
  type: 'start' | 'progress' | 'done';
  total: number;
  done: number;
  counts: Record<BulkRowState, number>;
  elapsedMs: number;
  rowsPerSecond: number;
  etaMs: number | null;
}

export interface BulkOptions {
  /** The loaded core (loadCore()). */
  core: Core;
  /** A client from createClient(); pace it with its rateLimit. */
  client: Client;
  /** The CSV file as text or bytes: read, validated and built by the core in
   * one batch call (core.buildCsv). Give this or rows. */
  csv?: string | Uint8Array | ArrayBuffer;
  /** The rows of core.parseCsv (each built by its own call), when csv is not given. */
  rows?: (CsvRow | Record<string, unknown>)[];
  /** core.parseCsv's errors, with rows: each refused record becomes an invalid row. */
  csvErrors?: CsvError[];
  /** Default core.domain.defaultFlow: 'enhanced' (the classic confirmation is retired for new attestations). */
  flow?: BulkFlow;
  /** The partner's facts for core.detectScenario: a row this partner cannot attest ends `cannot-attest`, nothing sent. */
  partner?: { roles?: string[]; indirectReseller?: boolean } | null;
  /** Validate, find duplicates and read; send no write, write no journal or evidence. */
  dryRun?: boolean;
  /** Default: a journal in memory. */
  journal?: Journal;
  evidence?: EvidenceSink | null;
  /** Rows in flight, 1-64 (default 4). */
  concurrency?: number;
  /** Cancels the run: rows in flight finish, the rest stay resumable. */
  signal?: AbortSignal | null;
  onProgress?: ((event: BulkProgress) => void) | null;
  /** Extra attempts of a row's retryable failures (explainError's retryable) under the same request id (default 3). */
  rowRetries?: number;
  /** Least time between progress events (default 100 ms). */
  progressIntervalMs?: number;
  /** The clock for validation (epoch ms, a Date, or a function giving one). */
  now?: number | Date | (() => number | Date);
  /** Items of GET /v1/agreements (default: read once at the start). */
  templates?: AgreementTemplate[];
}

export interface BulkRowResult {
  line: number;
  customerId: string;
  state: BulkRowState;
  reason: string;
  detail?: string;
  /** The line of the first row of the same customer (duplicates). */
  firstLine?: number;
  link?: string;
  attestationId?: string;
  requestId?: string;
  correlationId?: string;
  step?: string;
  pendingRequestId?: string;
}

export interface BulkRun {
  flow: BulkFlow;
  dryRun: boolean;
  /** Every row, in line order. */
  rows: BulkRowResult[];
  counts: Record<BulkRowState, number>;
  total: number;
  /**
   * A dry run: how many rows a submit works on (those it would send, and those
   * left failed or awaiting acceptance); null for a submit.
   */
  toSend: number | null;
  /** No row failed or awaits acceptance. */
  complete: boolean;
  cancelled: boolean;
  elapsedMs: number;
  rowsPerSecond: number;
}

export function runBulk(options: BulkOptions): Promise<BulkRun>;
