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

export interface MemoryStats {
  /** Size of the Wasm linear memory in bytes. */
  heapBytes: number;
  /** Bytes held by the core's allocator (0 between calls when nothing leaks). */
  bytesInUse: number;
}

export interface Core {
  readonly version: string;
  /** English text of every code the core emits. */
  readonly messages: Readonly<Record<string, string>>;
  validateConfirmation(input: ConfirmationInput | Record<string, unknown>, options?: ValidateOptions): ValidationResult;
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
