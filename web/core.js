/**
 * The core loader: one WebAssembly instance of the C core, a private layer
 * that moves JSON text in and out of its memory, and the public functions.
 * Business rules live in C; this file only carries data across.
 */
import { McaError } from './errors.js';
import { addCoreMessages } from './i18n/en.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');
const isNode = typeof process !== 'undefined' && !!process.versions?.node
  && typeof window === 'undefined';

/** @type {Promise<any> | null} */
let defaultCore = null;

/**
 * Loads the core. Cached: every call without options returns the same core.
 * @param {{ wasmUrl?: string | URL, wasmBinary?: ArrayBuffer | Uint8Array }} [options]
 */
export function loadCore(options = {}) {
  if (options.wasmUrl || options.wasmBinary) return createCore(options);
  if (!defaultCore) {
    defaultCore = createCore({});
    defaultCore.catch(() => { defaultCore = null; });   // a failed load may be retried
  }
  return defaultCore;
}

async function compileModule({ wasmUrl, wasmBinary }) {
  if (wasmBinary) return WebAssembly.compile(wasmBinary);
  const url = wasmUrl ? new URL(wasmUrl, import.meta.url) : new URL('./wasm/mca-core.wasm', import.meta.url);
  if (isNode && url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    return WebAssembly.compile(await readFile(url));
  }
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
 * grew (the byte view is then renewed); its exports keep their C names.
 * Returns the private runtime: the exported functions and HEAPU8.
 */
function instantiate(wasmModule) {
  let heap = null;
  const env = { emscripten_notify_memory_growth() { heap = new Uint8Array(exports.memory.buffer); } };
  const { exports } = new WebAssembly.Instance(wasmModule, { env });
  heap = new Uint8Array(exports.memory.buffer);
  exports._initialize();
  return {
    _mca_wasm_alloc: exports.mca_wasm_alloc,
    _mca_wasm_free: exports.mca_wasm_free,
    _mca_wasm_call: exports.mca_wasm_call,
    _mca_wasm_call_data: exports.mca_wasm_call_data,
    _mca_wasm_bytes_in_use: exports.mca_wasm_bytes_in_use,
    get HEAPU8() { return heap; },
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

  /** Runs fn(runtime); a trap marks the instance for replacement, so later calls work. */
  function guarded(fn) {
    const m = current();
    try {
      return fn(m);
    } catch (cause) {
      if (cause instanceof McaError) throw cause;
      // A trap (or the JavaScript stack running out inside the core) leaves the
      // instance unusable: its stack pointer and allocations are lost.
      broken = true;
      throw new McaError({ code: 'core.trap', message: 'The core failed on this input; it has been reset.' }, { cause });
    }
  }
  const call = (op, payload) => guarded((m) => callRaw(m, op, payload));
  const callData = (op, payload, parts) => guarded((m) => callRawData(m, op, payload, parts));
  return makeCore(call, current, callData);
}

/** NUL-terminated UTF-8 of each operation name, encoded once. */
const opNames = new Map();
function opName(op) {
  let bytes = opNames.get(op);
  if (!bytes) opNames.set(op, bytes = encoder.encode(op + '\0'));
  return bytes;
}

/**
 * The private pointer layer: JSON text in, JSON text out, always freed.
 * One block holds the operation name and the input, which is encoded
 * straight into it (a first try assumes mostly ASCII text; the worst case,
 * 3 bytes per UTF-16 unit, is the fallback).
 */
function callRaw(m, op, payload) {
  const name = opName(op);
  const outOfMemory = () => new McaError({ code: 'input.outOfMemory', message: 'The input is too large to process.' });
  let ptr = 0;
  try {
    let length = -1;
    for (const extra of [(payload.length >> 3) + 16, payload.length * 2 + 16]) {
      if (ptr) m._mca_wasm_free(ptr);
      const capacity = name.length + payload.length + extra;
      ptr = m._mca_wasm_alloc(capacity) >>> 0;
      if (!ptr) throw outOfMemory();
      const heap = m.HEAPU8;               // re-read: allocation may grow memory
      heap.set(name, ptr);
      const { read, written } = encoder.encodeInto(payload, heap.subarray(ptr + name.length, ptr + capacity));
      if (read === payload.length) { length = written; break; }
    }
    const block = m._mca_wasm_call(ptr, ptr + name.length, length) >>> 0;
    if (!block) throw outOfMemory();
    try {
      const heap = m.HEAPU8;               // re-read after the call
      const len = (heap[block] | heap[block + 1] << 8 | heap[block + 2] << 16 | heap[block + 3] << 24) >>> 0;
      return decoder.decode(heap.subarray(block + 4, block + 4 + len));
    } finally {
      m._mca_wasm_free(block);
    }
  } finally {
    if (ptr) m._mca_wasm_free(ptr);
  }
}

/**
 * The pointer layer for operations on a byte buffer (parseCsv): the input
 * goes into Wasm memory once, a string encoded straight into it
 * (TextEncoder.encodeInto), chunks of bytes each copied once into place.
 * The result text comes back without a copy on the C side.
 * @param {string | Uint8Array[]} parts a string, or chunks of bytes
 */
function callRawData(m, op, payload, parts) {
  const opBytes = opName(op);
  const inBytes = encoder.encode(payload);
  const ptrs = [m._mca_wasm_alloc(opBytes.length) >>> 0, m._mca_wasm_alloc(inBytes.length) >>> 0,
    m._mca_wasm_alloc(4) >>> 0, 0];
  const [opPtr, inPtr, lenPtr] = ptrs;
  const outOfMemory = () => new McaError({ code: 'input.outOfMemory', message: 'The input is too large to process.' });
  try {
    if (!opPtr || !inPtr || !lenPtr) throw outOfMemory();
    const length = typeof parts === 'string' ? writeString(m, parts, ptrs) : writeChunks(m, parts, ptrs);
    if (!ptrs[3]) throw outOfMemory();
    m.HEAPU8.set(opBytes, opPtr);          // HEAPU8 re-read: allocation may grow memory
    m.HEAPU8.set(inBytes, inPtr);
    const text = m._mca_wasm_call_data(opPtr, inPtr, inBytes.length, ptrs[3], length, lenPtr) >>> 0;
    if (!text) throw outOfMemory();
    try {
      const heap = m.HEAPU8;               // re-read after the call
      const len = new DataView(heap.buffer).getUint32(lenPtr, true);
      return decoder.decode(heap.subarray(text, text + len));
    } finally {
      m._mca_wasm_free(text);
    }
  } finally {
    for (const ptr of ptrs) if (ptr) m._mca_wasm_free(ptr);
  }
}

/** Encodes a string into Wasm memory (ptrs[3]); a first try assumes mostly
 * ASCII text, the worst case (3 bytes per UTF-16 unit) is the fallback. */
function writeString(m, text, ptrs) {
  for (const capacity of [text.length + (text.length >> 3) + 16, text.length * 3 + 16]) {
    if (ptrs[3]) m._mca_wasm_free(ptrs[3]);
    ptrs[3] = m._mca_wasm_alloc(capacity) >>> 0;
    if (!ptrs[3]) return 0;
    const { read, written } = encoder.encodeInto(text, m.HEAPU8.subarray(ptrs[3], ptrs[3] + capacity));
    if (read === text.length) return written;
  }
  return 0;   // not reached: the second capacity always suffices
}

/** Copies chunks of bytes one after the other into Wasm memory (ptrs[3]). */
function writeChunks(m, chunks, ptrs) {
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  ptrs[3] = m._mca_wasm_alloc(total) >>> 0;
  if (!ptrs[3]) return 0;
  let at = ptrs[3];
  for (const chunk of chunks) { m.HEAPU8.set(chunk, at); at += chunk.length; }
  return total;
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

function toEpochMs(now) {
  if (now === undefined || now === null) return Date.now();
  if (now instanceof Date) return now.getTime();
  if (typeof now === 'number') return now;
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

function makeCore(call, runtime, callData) {
  /** Calls op and returns its parsed result; call errors become McaError. */
  function invoke(op, input, options) {
    const { text, failure } = serialise(input, options);
    if (failure) return inputFailure(failure, op.startsWith('build'));
    const result = JSON.parse(call(op, text));
    if (result && result.error) throw new McaError(result.error);
    return result;
  }
  /** The result the core gives for unreadable input, for input that never reached it. */
  function inputFailure(code, builds) {
    if (!constants) throw new McaError({ code, message: code });
    const result = { ok: false, errors: [{ field: '', code, message: constants.messages[code] ?? code }],
      warnings: [], normalized: {} };
    return builds ? { ...result, payload: null, body: null } : result;
  }
  let constants = null;
  constants = invoke('constants', {}, {});
  addCoreMessages(constants.messages);   // English of translate() comes from the core
  const withNow = (options = {}) => ({ ...options, now: toEpochMs(options.now) });
  /** detectScenario options: a Date refreshCutoff travels as epoch milliseconds. */
  const scenarioOptions = (options = {}) => withNow(options.refreshCutoff instanceof Date
    ? { ...options, refreshCutoff: options.refreshCutoff.getTime() } : options);

  /** parseCsv on a string, bytes or chunks of bytes; call errors become McaError. */
  function parseCsvData(data, options = {}) {
    const { text, failure } = serialise(undefined, options);
    if (failure) throw new McaError({ code: failure, message: constants.messages[failure] ?? failure });
    const result = JSON.parse(callData('parseCsv', text, data));
    if (result.error) throw new McaError(result.error);
    if (result.ok === false) throw new McaError(result.errors[0]);
    return result;
  }
  function parseCsv(text, options) {
    if (typeof text === 'string') {
      if (text.length > constants.maxInputBytes) throw new McaError({ code: 'input.tooLarge', message: constants.messages['input.tooLarge'] });
      return parseCsvData(text, options);
    }
    if (text instanceof ArrayBuffer) return parseCsvData([new Uint8Array(text)], options);
    if (ArrayBuffer.isView(text)) return parseCsvData([new Uint8Array(text.buffer, text.byteOffset, text.byteLength)], options);
    throw new McaError({ code: 'csv.notText', message: constants.messages['csv.notText'] });
  }

  return Object.freeze({
    version: constants.version,
    /** English text of every code the core emits, keyed by code. */
    messages: Object.freeze({ ...constants.messages }),
    /** Every reason code detectScenario lists and every code explainError returns. */
    scenarioReasons: Object.freeze([...constants.scenarioReasons]),
    errorCodes: Object.freeze([...constants.errorCodes]),
    /** Version of the Unicode data behind the name and email rules. */
    unicodeVersion: constants.unicodeVersion,
    /** Each Partner Center call: { method, path, token: 'user' | 'app', flows, bodyHas? }. */
    calls: deepFreeze(constants.calls),
    validateConfirmation: (input, options) => invoke('validateConfirmation', input, withNow(options)),
    buildConfirmation: (input, options) => invoke('buildConfirmation', input, withNow(options)),
    validateAttestation: (input, options) => invoke('validateAttestation', input, withNow(options)),
    buildAttestation: (input, options) => invoke('buildAttestation', input, withNow(options)),
    buildAttestationAgreement: (input, options) => invoke('buildAttestationAgreement', input, withNow(options)),
    detectScenario: (context, options) => invoke('detectScenario', context, scenarioOptions(options)),
    explainError: (failure, options) => invoke('explainError', plainFailure(failure), withNow(options)),
    /** CSV text or bytes → { columns, separator, bom, rows, errors } (rows carry `_line`). */
    parseCsv,
    /** The same for a Blob/File, a ReadableStream or an async iterable of chunks. */
    parseCsvStream: async (source, options) => parseCsvData(await readChunks(source, constants.maxInputBytes), options),
    /** Text → QR symbol { ok, version, size, ecc, mask, border, modules: ['0101…' per row] } (see qr.js). */
    qrEncode: (text, options = {}) => invoke('qrEncode', { ...options, text }, {}),
    /** A request { method, path, body? } → { ok, call, token } (the kind of token it takes). */
    tokenKind: (request) => invoke('tokenKind', request, {}),
    /** Memory figures of the Wasm instance (for leak tests and benchmarks). */
    memoryStats: () => ({
      heapBytes: runtime().HEAPU8.length,
      bytesInUse: runtime()._mca_wasm_bytes_in_use() >>> 0,
    }),
  });
}

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
