/**
 * The core loader: one WebAssembly instance of the C core, a private layer
 * that moves JSON text in and out of its memory, and the public functions.
 * Business rules live in C; this file only carries data across.
 */
import { McaError } from './errors.js';
import { addCoreMessages } from './i18n/core-messages.js';   // not en.js: the core alone carries no shell texts

export { McaError };

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');
const isNode = typeof process !== 'undefined' && !!process.versions?.node
  && typeof window === 'undefined';

/** @type {Promise<any> | null} */
let defaultCore = null;

/** The .wasm next to this module (web/wasm/, or dist/wasm/ beside a bundle). */
const DEFAULT_WASM = new URL('./wasm/mca-core.wasm', import.meta.url);

/**
 * In a browser the default .wasm is fetched and compiled (streaming) as soon
 * as this module is evaluated, in parallel with the rest of the page, before
 * loadCore() is called; the first loadCore() without options takes it over.
 * (A page that preloads the .wasm, docs/architecture.md, has it on its way
 * even earlier.) Under Node, and for a file: URL, nothing starts early.
 * @type {Promise<WebAssembly.Module> | null}
 */
let earlyModule = !isNode && typeof fetch === 'function' && /^https?:$/.test(DEFAULT_WASM.protocol)
  ? fetchModule(DEFAULT_WASM) : null;
earlyModule?.catch(() => {});   // a failure is reported by loadCore(), not as an unhandled rejection

/**
 * Loads the core. Cached: every call without options returns the same core.
 * @param {{ wasmUrl?: string | URL, wasmBinary?: ArrayBuffer | Uint8Array }} [options]
 */
export function loadCore(options) {
  options ??= {};   // null and undefined mean no options, for every call of the API
  if (options.wasmUrl || options.wasmBinary) return createCore(options);
  if (!defaultCore) {
    defaultCore = createCore({});
    defaultCore.catch(() => { defaultCore = null; });   // a failed load may be retried
  }
  return defaultCore;
}

async function compileModule({ wasmUrl, wasmBinary }) {
  if (wasmBinary) return WebAssembly.compile(wasmBinary);
  if (!wasmUrl && earlyModule) {
    const early = earlyModule;
    earlyModule = null;   // used once: a retry after a failure fetches again
    return early;
  }
  const url = wasmUrl ? new URL(wasmUrl, import.meta.url) : DEFAULT_WASM;
  if (isNode && url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    return WebAssembly.compile(await readFile(url));
  }
  return fetchModule(url);
}

/** Fetches and compiles a .wasm over HTTP (streaming when served as application/wasm). */
async function fetchModule(url) {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) {
    throw new McaError({ code: 'core.loadFailed', message: `Could not load the core from ${url}: HTTP ${response.status}` });
  }
  const type = response.headers.get('content-type') || '';
  if (type.startsWith('application/wasm') && WebAssembly.compileStreaming) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/**
 * Instantiates the standalone Wasm module. Its only import tells that memory
 * grew (the byte view is then renewed). Returns the private runtime: the
 * bridge's four exports and the current byte view of memory.
 */
function instantiate(wasmModule) {
  let heap = null;
  const env = { emscripten_notify_memory_growth() { heap = new Uint8Array(exports.memory.buffer); } };
  const { exports } = new WebAssembly.Instance(wasmModule, { env });
  heap = new Uint8Array(exports.memory.buffer);
  exports._initialize();
  return {
    alloc: exports.mca_wasm_alloc,
    free: exports.mca_wasm_free,
    call: exports.mca_wasm_call,
    bytesInUse: exports.mca_wasm_bytes_in_use,
    get heap() { return heap; },
  };
}

async function createCore(options) {
  let wasmModule;
  try {
    wasmModule = await compileModule(options);
  } catch (cause) {
    if (cause instanceof McaError) throw cause;
    throw new McaError({ code: 'core.loadFailed', message: `Could not load the core: ${cause?.message ?? cause}` }, { cause });
  }
  let runtime = instantiate(wasmModule);
  let broken = false;

  /**
   * The instance to use: after a trap, a fresh one, made here at the start of
   * the next call (with the stack of that call: the trap may have exhausted
   * the one it happened in), never while the failing call is unwinding.
   */
  function current() {
    if (broken) {
      try {
        runtime = instantiate(wasmModule);
        broken = false;
      } catch (cause) {
        throw new McaError({ code: 'core.trap', message: `The core could not be restarted: ${cause?.message ?? cause}` }, { cause });
      }
    }
    return runtime;
  }

  /** Runs one call; a trap marks the instance for replacement, so later calls work. */
  function call(op, payload, data, bytes) {
    const m = current();
    try {
      return callCore(m, op, payload, data, bytes);
    } catch (cause) {
      if (cause instanceof McaError) throw cause;
      // A trap (or the JavaScript stack running out inside the core) leaves the
      // instance unusable: its stack pointer and allocations are lost.
      broken = true;
      throw new McaError({ code: 'core.trap', message: 'The core failed on this input; it has been reset.' }, { cause });
    }
  }
  return makeCore(call, current);
}

/** NUL-terminated UTF-8 of each operation name, encoded once. */
const opNames = new Map();
function opName(op) {
  let bytes = opNames.get(op);
  if (!bytes) opNames.set(op, bytes = encoder.encode(op + '\0'));
  return bytes;
}

const outOfMemory = () => new McaError({ code: 'input.outOfMemory', message: 'The input is too large to process.' });

/**
 * The private pointer layer, the one path of every call: JSON text (and, for
 * parseCsv, the data) in, JSON text out, every block freed. One block holds
 * the 4 bytes the core writes the result's length to, the operation name and
 * the input; the data, when given, is a second block.
 * @param {string | Uint8Array[]} [data] a string, or chunks of bytes
 * @param {boolean} [bytes] the result as a copy of its bytes, not as text
 */
function callCore(m, op, payload, data, bytes) {
  const name = opName(op);
  const head = 4 + name.length;
  let block = 0;
  let dataPtr = 0;
  let text = 0;
  try {
    const [ptr, inLength] = allocText(m, head, payload);
    if (!(block = ptr)) throw outOfMemory();
    const [at, dataLength] = data === undefined ? [0, 0] : allocData(m, data);
    if (data !== undefined && !(dataPtr = at)) throw outOfMemory();
    m.heap.set(name, block + 4);           // m.heap re-read: allocation may grow memory
    text = m.call(block + 4, block + head, inLength, dataPtr, dataLength, block) >>> 0;
    if (!text) throw outOfMemory();
    const heap = m.heap;                   // re-read after the call
    const length = (heap[block] | heap[block + 1] << 8 | heap[block + 2] << 16 | heap[block + 3] << 24) >>> 0;
    return bytes ? heap.slice(text, text + length) : decoder.decode(heap.subarray(text, text + length));
  } finally {
    if (text) m.free(text);
    if (dataPtr) m.free(dataPtr);
    if (block) m.free(block);
  }
}

/**
 * A block of `head` bytes followed by the UTF-8 of `text`, encoded straight
 * into Wasm memory: a first try assumes mostly ASCII text, the worst case
 * (3 bytes per UTF-16 unit) is the fallback. Returns [pointer, bytes of
 * text]; pointer 0 when memory is exhausted.
 */
function allocText(m, head, text) {
  let ptr = 0;
  for (const capacity of [text.length + (text.length >> 3) + 16, text.length * 3 + 16]) {
    if (ptr) m.free(ptr);
    ptr = m.alloc(head + capacity) >>> 0;
    if (!ptr) return [0, 0];
    const { read, written } = encoder.encodeInto(text, m.heap.subarray(ptr + head, ptr + head + capacity));
    if (read === text.length) return [ptr, written];
  }
  throw new Error('unreachable: 3 bytes per UTF-16 unit always suffice');
}

/** The data block: a string encoded, or chunks of bytes copied one after the other. */
function allocData(m, data) {
  if (typeof data === 'string') return allocText(m, 0, data);
  const total = data.reduce((sum, chunk) => sum + chunk.length, 0);
  const ptr = m.alloc(total) >>> 0;
  if (!ptr) return [0, 0];
  let at = ptr;
  for (const chunk of data) { m.heap.set(chunk, at); at += chunk.length; }
  return [ptr, total];
}

/** Chunks of bytes from a Blob/File, a ReadableStream or an async iterable. */
async function readChunks(source, maxBytes) {
  const stream = typeof source?.stream === 'function' ? source.stream() : source;
  const chunks = [];
  let total = 0;
  const add = (chunk) => {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk)
      : chunk instanceof ArrayBuffer ? new Uint8Array(chunk)
        : ArrayBuffer.isView(chunk) ? new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) : null;
    if (!bytes) throw new McaError({ code: 'csv.notText', message: 'A chunk of the CSV is neither bytes nor text.' });
    total += bytes.length;
    if (total > maxBytes) throw new McaError({ code: 'input.tooLarge', message: 'The file is larger than the core accepts.' });
    chunks.push(bytes);
  };
  if (typeof stream?.getReader === 'function') {
    const reader = stream.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        add(value);
      }
    } catch (e) {
      await reader.cancel().catch(() => {});
      throw e;
    } finally {
      reader.releaseLock();
    }
  } else if (stream && typeof stream[Symbol.asyncIterator] === 'function') {
    for await (const chunk of stream) add(chunk);
  } else {
    throw new McaError({ code: 'csv.notText', message: 'parseCsvStream needs a Blob, a ReadableStream or an async iterable.' });
  }
  return chunks;
}

/** `now` as epoch milliseconds: a Date or a number that is a finite time
 *  (NaN, Infinity and an invalid Date are not: JSON would carry them as null). */
function toEpochMs(now) {
  if (now === undefined || now === null) return Date.now();
  const ms = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : NaN;
  if (Number.isFinite(ms)) return ms;
  throw new McaError({ code: 'call.invalidNow', message: '`now` must be a Date or epoch milliseconds.' });
}

/** JSON text for the core, or null when the input cannot be serialised. */
function serialise(input, options) {
  try {
    return { text: JSON.stringify({ input, options }) };
  } catch (cause) {
    // Too deep for the JavaScript stack, self-referencing, or a BigInt.
    return { failure: cause instanceof RangeError ? 'input.tooDeep' : 'input.notSerializable' };
  }
}

/** A fetch Headers object travels as a plain object of its entries. */
function plainFailure(failure) {
  if (failure && typeof Headers !== 'undefined' && failure.headers instanceof Headers) {
    return { ...failure, headers: Object.fromEntries(failure.headers) };
  }
  return failure;
}

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * The batch's result from the core's block (layout: src/ops/mca_batch.c):
 * the head and the refused records as JSON, and per row a record of words
 * pointing into one string area and a table of names. Each row is a
 * BatchRow with `line` and `ok`; its other members are decoded when first
 * read (the string area decoded once, the values slices of it).
 */
function decodeBlock(bytes, messages) {
  const word = new Uint32Array(bytes.buffer, bytes.byteOffset, 8);
  const [, count, stringsAt, stringsBytes, recordsAt, recordsWords, metaAt, metaBytes] = word;
  const meta = JSON.parse(decoder.decode(bytes.subarray(metaAt, metaAt + metaBytes)));
  const source = {
    words: new Uint32Array(bytes.buffer, bytes.byteOffset + recordsAt, recordsWords),
    names: meta.names,
    messages: meta.names.map((code) => messages[code] ?? code),
    area: bytes.subarray(stringsAt, stringsAt + stringsBytes),
    text: null,
  };
  const rows = new Array(count);
  const { words } = source;
  for (let i = 0, at = 0; i < count; i += 1) {
    const flags = words[at + 1];
    const shape = words[at + 3];
    rows[i] = new BatchRow(source, at, words[at], (flags & 1) === 1);
    at += 6 + 2 * ((flags >>> 1) + words[at + 2]) + 3 * ((shape & 0xffff) + (shape >>> 16));
  }
  const { flow, columns, separator, bom, errors, fileError } = meta;
  return { flow, columns, separator, bom, rows, errors, fileError };
}

/** One row of buildCsv: `line` and `ok`, the rest decoded from the block on first read. */
class BatchRow {
  #source;
  #at;
  #members = null;
  constructor(source, at, line, ok) {
    this.line = line;
    this.ok = ok;
    this.#source = source;
    this.#at = at;
  }

  /** { errors, warnings, normalized, body, input? } of the row, decoded once. */
  #decode() {
    if (this.#members) return this.#members;
    const src = this.#source;
    const { words, names, messages } = src;
    const text = src.text ??= decoder.decode(src.area);
    const start = this.#at;
    const flags = words[start + 1];
    const shape = words[start + 3];
    let at = start + 6;
    const issues = (n) => {
      const list = new Array(n);
      for (let k = 0; k < n; k += 1, at += 2) {
        list[k] = { field: names[words[at]], code: names[words[at + 1]], message: messages[words[at + 1]] };
      }
      return list;
    };
    const values = (n) => {
      const object = {};
      for (let k = 0; k < n; k += 1, at += 3) object[names[words[at]]] = text.slice(words[at + 1], words[at + 2]);
      return object;
    };
    const errors = issues(flags >>> 1);
    const warnings = issues(words[start + 2]);
    const normalized = values(shape & 0xffff);
    const body = this.ok ? text.slice(words[start + 4], words[start + 5]) : null;
    this.#members = this.ok ? { errors, warnings, normalized, body }
      : { errors, warnings, normalized, body, input: values(shape >>> 16) };
    return this.#members;
  }

  get errors() { return this.#decode().errors; }
  get warnings() { return this.#decode().warnings; }
  get normalized() { return this.#decode().normalized; }
  get body() { return this.#decode().body; }
  /** An invalid row's fields as the file writes them (undefined for a valid row). */
  get input() { return this.#decode().input; }
  /** The row as a plain object, as JSON.stringify writes it. */
  toJSON() { return { line: this.line, ok: this.ok, ...this.#decode() }; }
}

function makeCore(call, runtime) {
  /** Calls op and returns its parsed result; call errors become McaError. */
  function invoke(op, input, options) {
    const { text, failure } = serialise(input, options);
    if (failure) return inputFailure(op, failure);
    const result = JSON.parse(call(op, text));
    if (result && result.error) throw new McaError(result.error);
    return result;
  }
  /** The result the core gives for unreadable input, for input that never reached it. */
  function inputFailure(op, code) {
    const builds = op.startsWith('build');
    if (op === 'constants') throw new McaError({ code, message: code });
    const result = { ok: false, errors: [{ field: '', code, message: known().messages[code] ?? code }],
      warnings: [], normalized: {} };
    return builds ? { ...result, payload: null, body: null } : result;
  }
  /**
   * The core's constants (messages, codes, calls, domain, limits), asked
   * for once, when first needed: a page that only validates never waits
   * for them before its first answer.
   */
  let constants = null;
  const known = () => (constants ??= invoke('constants', {}, {}));
  // English of translate() comes from the core: taken at once when the
  // shell's tables are loaded, else when they are (core-messages.js).
  addCoreMessages(() => known().messages);
  /** The value made once from the constants, on first use. */
  const once = (make) => { let v; let made = false; return () => (made ? v : (made = true, v = make(known()))); };
  const lazy = {
    messages: once((k) => Object.freeze({ ...k.messages })),
    scenarioReasons: once((k) => Object.freeze([...k.scenarioReasons])),
    errorCodes: once((k) => Object.freeze([...k.errorCodes])),
    calls: once((k) => deepFreeze(k.calls)),
    domain: once((k) => deepFreeze(k.domain)),
  };
  const withNow = (options) => ({ ...options, now: toEpochMs(options?.now) });
  /** detectScenario options: a Date refreshCutoff travels as epoch milliseconds. */
  const scenarioOptions = (options) => withNow(options?.refreshCutoff instanceof Date
    ? { ...options, refreshCutoff: options.refreshCutoff.getTime() } : options);

  /**
   * An operation on a CSV (string, bytes or chunks of bytes); call errors
   * become McaError. With `decodeBytes`, the op answers a binary block
   * (first byte 0) that it decodes, or JSON text for a call error.
   */
  function csvCall(op, data, options, decodeBytes = null) {
    const { text, failure } = serialise(undefined, options ?? {});
    if (failure) throw new McaError({ code: failure, message: known().messages[failure] ?? failure });
    const answer = call(op, text, data, decodeBytes !== null);
    if (decodeBytes && answer[0] === 0) return decodeBytes(answer);
    const result = JSON.parse(decodeBytes ? decoder.decode(answer) : answer);
    if (result.error) throw new McaError(result.error);
    if (result.ok === false) throw new McaError(result.errors[0]);
    return result;
  }
  /** The CSV as the core reads it: a string as it is, bytes as chunks. */
  function csvData(text) {
    if (typeof text === 'string') {
      if (text.length > known().maxInputBytes) throw new McaError({ code: 'input.tooLarge', message: known().messages['input.tooLarge'] });
      return text;
    }
    if (text instanceof ArrayBuffer) return [new Uint8Array(text)];
    if (ArrayBuffer.isView(text)) return [new Uint8Array(text.buffer, text.byteOffset, text.byteLength)];
    throw new McaError({ code: 'csv.notText', message: known().messages['csv.notText'] });
  }
  const parseCsv = (text, options) => csvCall('parseCsv', csvData(text), options);
  /** The batch: every row validated, normalised and built in one call, as
   *  the core's block (decodeBlock). */
  const buildCsv = (text, options) => csvCall('buildCsvBlock', csvData(text), withNow(options),
    (bytes) => decodeBlock(bytes, known().messages));

  return Object.freeze({
    get version() { return known().version; },
    /** English text of every code the core emits, keyed by code. */
    get messages() { return lazy.messages(); },
    /** Every reason code detectScenario lists and every code explainError returns. */
    get scenarioReasons() { return lazy.scenarioReasons(); },
    get errorCodes() { return lazy.errorCodes(); },
    /** Version of the Unicode data behind the name and email rules. */
    get unicodeVersion() { return known().unicodeVersion; },
    /** Each Partner Center call: { method, path, token: 'user' | 'app', flows, bodyHas? }. */
    get calls() { return lazy.calls(); },
    /** The domain literals: agreement type, current template, service codes, acceptance link, flows. */
    get domain() { return lazy.domain(); },
    validateConfirmation: (input, options) => invoke('validateConfirmation', input, withNow(options)),
    buildConfirmation: (input, options) => invoke('buildConfirmation', input, withNow(options)),
    validateAttestation: (input, options) => invoke('validateAttestation', input, withNow(options)),
    buildAttestation: (input, options) => invoke('buildAttestation', input, withNow(options)),
    buildAttestationAgreement: (input, options) => invoke('buildAttestationAgreement', input, withNow(options)),
    detectScenario: (context, options) => invoke('detectScenario', context, scenarioOptions(options)),
    /** Is a read-back agreement the one sent? { found, agreement, index, counts }. */
    matchAgreement: (input, options) => invoke('matchAgreement', input, scenarioOptions(options)),
    explainError: (failure, options) => invoke('explainError', plainFailure(failure), withNow(options)),
    /** CSV text or bytes → { columns, separator, bom, rows, errors } (rows carry `_line`). */
    parseCsv,
    /** The same for a Blob/File, a ReadableStream or an async iterable of chunks. */
    parseCsvStream: async (source, options) => csvCall('parseCsv', await readChunks(source, known().maxInputBytes), options),
    /** CSV text or bytes → every row validated and its body built: { flow, columns, separator, bom, rows, errors }. */
    buildCsv,
    /** Text → QR symbol { ok, version, size, ecc, mask, border, modules: ['0101…' per row] } (see qr.js). */
    qrEncode: (text, options) => invoke('qrEncode', { ...options, text }, {}),
    /** A request { method, path, body? } → { ok, call, token } (the kind of token it takes). */
    tokenKind: (request) => invoke('tokenKind', request, {}),
    /** Memory figures of the Wasm instance (for leak tests and benchmarks). */
    memoryStats: () => ({
      heapBytes: runtime().heap.length,
      bytesInUse: runtime().bytesInUse() >>> 0,
    }),
  });
}
