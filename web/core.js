/**
 * The core loader: one WebAssembly instance of the C core, a private layer
 * that moves JSON text in and out of its memory, and the public functions.
 * Business rules live in C; this file only carries data across.
 */
import { McaError } from './errors.js';

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
  const url = new URL(wasmUrl ?? './wasm/mca-core.wasm', import.meta.url);
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

/** Instantiates the Emscripten module around an already compiled Wasm module. */
async function instantiate(factory, wasmModule) {
  return factory({
    instantiateWasm(imports, receive) {
      const instance = new WebAssembly.Instance(wasmModule, imports);
      receive(instance, wasmModule);
      return instance.exports;
    },
  });
}

async function createCore(options) {
  let factory, wasmModule;
  try {
    ({ default: factory } = await import('./wasm/mca-core.mjs'));
    wasmModule = await compileModule(options);
  } catch (cause) {
    if (cause instanceof McaError) throw cause;
    throw new McaError({ code: 'core.loadFailed', message: `Could not load the core: ${cause?.message ?? cause}` }, { cause });
  }
  let runtime = await instantiate(factory, wasmModule);

  /** Runs one operation; a trap replaces the instance so later calls work. */
  function call(op, payload) {
    try {
      return callRaw(runtime, op, payload);
    } catch (cause) {
      if (cause instanceof McaError) throw cause;
      // A trap leaves the instance unusable: start a fresh one for later calls.
      instantiate(factory, wasmModule).then((fresh) => { runtime = fresh; });
      throw new McaError({ code: 'core.trap', message: `The core failed on this input: ${cause?.message ?? cause}` }, { cause });
    }
  }
  return makeCore(call, () => runtime);
}

/** The private pointer layer: JSON text in, JSON text out, always freed. */
function callRaw(m, op, payload) {
  const opBytes = encoder.encode(op + '\0');
  const inBytes = encoder.encode(payload);
  const opPtr = m._mca_wasm_alloc(opBytes.length) >>> 0;
  const inPtr = m._mca_wasm_alloc(inBytes.length) >>> 0;
  try {
    if (!opPtr || !inPtr) throw new McaError({ code: 'input.outOfMemory', message: 'The input is too large to process.' });
    m.HEAPU8.set(opBytes, opPtr);          // HEAPU8 re-read: allocation may grow memory
    m.HEAPU8.set(inBytes, inPtr);
    const block = m._mca_wasm_call(opPtr, inPtr, inBytes.length) >>> 0;
    if (!block) throw new McaError({ code: 'input.outOfMemory', message: 'The input is too large to process.' });
    try {
      const heap = m.HEAPU8;               // re-read after the call
      const len = new DataView(heap.buffer).getUint32(block, true);
      return decoder.decode(heap.subarray(block + 4, block + 4 + len));
    } finally {
      m._mca_wasm_free(block);
    }
  } finally {
    if (opPtr) m._mca_wasm_free(opPtr);
    if (inPtr) m._mca_wasm_free(inPtr);
  }
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

function makeCore(call, runtime) {
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
  const withNow = (options = {}) => ({ ...options, now: toEpochMs(options.now) });

  return Object.freeze({
    version: constants.version,
    /** English text of every code the core emits, keyed by code. */
    messages: Object.freeze({ ...constants.messages }),
    /** Version of the Unicode data behind the name and email rules. */
    unicodeVersion: constants.unicodeVersion,
    validateConfirmation: (input, options) => invoke('validateConfirmation', input, withNow(options)),
    buildConfirmation: (input, options) => invoke('buildConfirmation', input, withNow(options)),
    validateAttestation: (input, options) => invoke('validateAttestation', input, withNow(options)),
    buildAttestation: (input, options) => invoke('buildAttestation', input, withNow(options)),
    buildAttestationAgreement: (input, options) => invoke('buildAttestationAgreement', input, withNow(options)),
    /** Memory figures of the Wasm instance (for leak tests and benchmarks). */
    memoryStats: () => ({
      heapBytes: runtime().HEAPU8.length,
      bytesInUse: runtime()._mca_wasm_bytes_in_use() >>> 0,
    }),
  });
}
