// Types of the public API of mca-attest (checked with tsc --strict).

/** One validation finding. `code` is stable (`<field>.<rule>`); `message` is English. */
export interface Issue {
  field: string;
  code: string;
  message: string;
}

export interface ValidationResult {
  ok: boolean;
  errors: Issue[];
  warnings: Issue[];
  /** Normalised values of the fields that passed their rule. */
  normalized: Record<string, string>;
}

export interface ValidateOptions {
  /** The caller's clock: a Date or epoch milliseconds (default: now). */
  now?: Date | number;
}

export interface ConfirmationInput {
  customerId: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phoneNumber?: string;
  dateAgreed?: string;
  templateId?: string;
  country?: string;
}

/** Which Partner Center flow a bulk file is for: decides the field names columns map to. */
export type BulkFlow = 'classic' | 'enhanced';

export interface ParseCsvOptions {
  /** Target field names (default 'classic'). */
  flow?: BulkFlow;
  /** Force the separator instead of detecting it from the header line. */
  separator?: ',' | ';' | '\t';
  /** Data rows accepted (default 100,000); the first extra row gets csv.tooManyRows. */
  maxRows?: number;
}

/**
 * One data row: values keyed by the mapped field name (or an unknown
 * column's header text), plus `_line`, the 1-based physical line where the
 * record starts (a header named `_line` is refused, so it cannot collide).
 */
export interface CsvRow {
  _line: number;
  [field: string]: string | number;
}

export interface CsvError {
  /** 1-based physical line of the fault. */
  line: number;
  /** `csv.unterminatedQuote`, `csv.strayQuote`, `csv.tooManyFields`, `csv.tooFewFields`,
   * `csv.emptyHeader`, `csv.duplicateColumn`, `csv.invalidUtf8`, `csv.lineTooLong`, `csv.tooManyRows`, … */
  code: string;
  message: string;
  /** 1-based column, for faults of a header column. */
  column?: number;
}

export interface CsvResult {
  /** Mapped field names in file order; an unknown column keeps its header text. */
  columns: string[];
  separator: ',' | ';' | '\t';
  /** Whether the file started with a UTF-8 byte order mark. */
  bom: boolean;
  rows: CsvRow[];
  errors: CsvError[];
}

/** Chunks a CSV can be read from: a Blob/File, a web ReadableStream, or an async iterable (Node stream). */
export type CsvSource = Blob | ReadableStream<Uint8Array | string> | AsyncIterable<Uint8Array | ArrayBuffer | string>;

export interface MemoryStats {
  /** Size of the Wasm linear memory in bytes. */
  heapBytes: number;
  /** Bytes held by the core's allocator (0 between calls when nothing leaks). */
  bytesInUse: number;
}

/** Error correction level: L (7%), M (15%), Q (25%), H (30%) of codewords recoverable. */
export type QrEcc = 'L' | 'M' | 'Q' | 'H';

export interface QrOptions {
  /** Error correction level (default 'M'; lower case accepted). */
  ecc?: QrEcc | 'l' | 'm' | 'q' | 'h';
  /** Smallest version to use, 1-40 (default 1). */
  minVersion?: number;
  /** Quiet zone in modules that renderers add around the symbol, 0-16 (default 4). */
  border?: number;
}

/** A QR symbol. */
export interface QrSymbol {
  ok: true;
  errors: Issue[];
  warnings: Issue[];
  normalized: Record<string, string>;
  /** 1-40. */
  version: number;
  /** Modules per side (version * 4 + 17), without the quiet zone. */
  size: number;
  ecc: QrEcc;
  /** The mask pattern chosen (0-7). */
  mask: number;
  border: number;
  /** One string per row, top to bottom, of `size` characters: '1' dark, '0' light. */
  modules: string[];
}

/** Text that cannot be encoded: `text.required`, `text.type`, `text.tooLong`,
 * `text.invalidUtf8`, `ecc.invalid`, `minVersion.invalid`, `border.invalid`. */
export interface QrFailure {
  ok: false;
  errors: Issue[];
  warnings: Issue[];
  normalized: Record<string, string>;
}

export type QrResult = QrSymbol | QrFailure;

export interface RenderQrOptions {
  /** Pixels per module (default 4). */
  scale?: number;
  /** Accessible name of the image (default 'QR code'). */
  label?: string;
}

/** An <svg role="img"> with one <path> of dark modules on a light square with the quiet zone. */
export function renderQr(result: QrResult, options?: RenderQrOptions & { document?: Document }): SVGSVGElement;
/** The same drawing as standalone SVG text (label escaped). */
export function qrToSvgText(result: QrResult, options?: RenderQrOptions): string;
/** Path data of the dark modules in module units, quiet zone included. */
export function qrPathData(result: QrResult): string;

export interface Core {
  readonly version: string;
  /** English text of every code the core emits. */
  readonly messages: Readonly<Record<string, string>>;
  validateConfirmation(input: ConfirmationInput | Record<string, unknown>, options?: ValidateOptions): ValidationResult;
  /** Parses bulk input. A string is encoded as UTF-8; bytes are checked for invalid UTF-8 per line. */
  parseCsv(text: string | Uint8Array | ArrayBuffer, options?: ParseCsvOptions): CsvResult;
  /** parseCsv for a file or stream, read chunk by chunk into the core's memory. */
  parseCsvStream(source: CsvSource, options?: ParseCsvOptions): Promise<CsvResult>;
  /** Encodes text (UTF-8 byte mode, or numeric/alphanumeric when the text allows) as a QR symbol. */
  qrEncode(text: string, options?: QrOptions): QrResult;
  memoryStats(): MemoryStats;
}

export interface LoadCoreOptions {
  /** Where the .wasm is (default: next to the module). */
  wasmUrl?: string | URL;
  /** The .wasm bytes, when the caller already has them. */
  wasmBinary?: ArrayBuffer | Uint8Array;
}

/** Loads the core; cached when called without options. */
export function loadCore(options?: LoadCoreOptions): Promise<Core>;

export interface McaErrorFields {
  code: string;
  message?: string;
  status?: number | null;
  serviceCode?: number | null;
  retryable?: boolean;
  retryAfterMs?: number | null;
  action?: string | null;
  requestId?: string | null;
  correlationId?: string | null;
  errors?: Issue[];
}

/** Every error the library throws. */
export class McaError extends Error {
  constructor(fields: McaErrorFields, options?: { cause?: unknown });
  readonly code: string;
  readonly status: number | null;
  readonly serviceCode: number | null;
  readonly retryable: boolean;
  readonly retryAfterMs: number | null;
  readonly action: string | null;
  readonly requestId: string | null;
  readonly correlationId: string | null;
  readonly errors: Issue[];
}
