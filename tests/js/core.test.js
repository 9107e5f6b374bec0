// The public API loading the real Wasm core in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { loadCore, McaError } from '../../web/index.js';

const VALID = { customerId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', firstName: 'Anne', lastName: 'de Vries',
  email: 'anne@contoso.nl', dateAgreed: '2026-11-20T09:30:00Z' };
const NOW = { now: Date.parse('2026-11-20T09:30:00Z') };
const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));

test('loadCore resolves to a core whose version matches package.json', async () => {
  const core = await loadCore();
  assert.equal(core.version, pkg.version);
});

test('loadCore is cached: two calls give the same core', async () => {
  assert.equal(await loadCore(), await loadCore());
});

test('loadCore accepts the Wasm bytes through wasmBinary', async () => {
  const bytes = await readFile(new URL('../../web/wasm/mca-core.wasm', import.meta.url));
  const core = await loadCore({ wasmBinary: bytes });
  assert.notEqual(core, await loadCore());
  assert.equal(core.validateConfirmation({ customerId: 'AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE' }).normalized.customerId,
    'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee');
});

test('the Wasm bridge is one call (op, in, in_len, data, data_len, out_len) beside the allocator', async () => {
  const bytes = await readFile(new URL('../../web/wasm/mca-core.wasm', import.meta.url));
  const wasmModule = new WebAssembly.Module(bytes);
  const bridge = WebAssembly.Module.exports(wasmModule).map((e) => e.name).filter((n) => n.startsWith('mca_'));
  assert.deepEqual(bridge.sort(), ['mca_wasm_alloc', 'mca_wasm_bytes_in_use', 'mca_wasm_call', 'mca_wasm_free']);
  const { exports: x } = new WebAssembly.Instance(wasmModule, { env: { emscripten_notify_memory_growth() {} } });
  x._initialize();
  const memory = () => new Uint8Array(x.memory.buffer);
  const put = (text) => {
    const b = new TextEncoder().encode(text);
    const p = x.mca_wasm_alloc(b.length) >>> 0;
    memory().set(b, p);
    return [p, b.length];
  };
  const call = (op, input, data) => {
    const [o] = put(op + '\0');
    const [i, n] = put(input);
    const [d, dn] = data === undefined ? [0, 0] : put(data);
    const lenPtr = x.mca_wasm_alloc(4) >>> 0;
    const out = x.mca_wasm_call(o, i, n, d, dn, lenPtr) >>> 0;
    const len = new DataView(x.memory.buffer).getUint32(lenPtr, true);
    const text = new TextDecoder().decode(memory().subarray(out, out + len));
    assert.equal(memory()[out + len], 0, 'the result text is NUL-terminated at out_len');
    for (const p of [o, i, d, lenPtr, out]) x.mca_wasm_free(p);
    return JSON.parse(text);
  };
  // Without data: the operation reads its input from the JSON text.
  assert.equal(call('validateConfirmation', '{"input":{"customerId":"AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE"}}')
    .normalized.customerId, 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee');
  // With data: parseCsv reads the bytes in place; an operation without a data form says so.
  assert.deepEqual(call('parseCsv', '{"options":{}}', 'customerId\nAAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE\n').columns, ['customerId']);
  assert.equal(call('validateConfirmation', '{}', 'x').error.code, 'call.noData');
  assert.equal(x.mca_wasm_bytes_in_use() >>> 0, 0);
});

test('loadCore with a wasmUrl that does not exist rejects with McaError core.loadFailed', async () => {
  await assert.rejects(loadCore({ wasmUrl: new URL('./no-such.wasm', import.meta.url) }),
    (e) => e instanceof McaError && e.code === 'core.loadFailed');
});

test('customerId in upper case is accepted and normalised to lower case', async () => {
  const core = await loadCore();
  const r = core.validateConfirmation({ customerId: '0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0' });
  assert.equal(r.normalized.customerId, '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0');
  assert.ok(!r.errors.some((e) => e.field === 'customerId'));
});

test('the all-zero customerId is rejected with customerId.zero', async () => {
  const core = await loadCore();
  const r = core.validateConfirmation({ ...VALID, customerId: '00000000-0000-0000-0000-000000000000' }, NOW);
  assert.equal(r.ok, false);
  assert.deepEqual(r.errors.map((e) => [e.field, e.code]), [['customerId', 'customerId.zero']]);
  assert.match(r.errors[0].message, /GUID/);
});

for (const bad of ['not-a-guid', '0f1e2d3c4b5a69788796a5b4c3d2e1f0', '{0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0}',
  '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1fg', '0f1e2d3c-4b5a-6978 -8796-a5b4c3d2e1f0']) {
  test(`malformed customerId ${JSON.stringify(bad)} is rejected with customerId.invalid`, async () => {
    const core = await loadCore();
    const r = core.validateConfirmation({ customerId: bad });
    assert.equal(r.ok, false);
    assert.equal(r.errors.find((e) => e.field === 'customerId')?.code, 'customerId.invalid');
    assert.equal(r.normalized.customerId, undefined);
  });
}

test('missing, null and non-string customerId get their own codes', async () => {
  const core = await loadCore();
  assert.equal(core.validateConfirmation({}).errors[0].code, 'customerId.required');
  assert.equal(core.validateConfirmation({ customerId: null }).errors[0].code, 'customerId.required');
  assert.equal(core.validateConfirmation({ customerId: 42 }).errors[0].code, 'customerId.type');
});

test('a call that is not an object throws McaError call.notObject', async () => {
  const core = await loadCore();
  for (const bad of [null, undefined, 'text', 42, [1, 2]]) {
    assert.throws(() => core.validateConfirmation(bad), (e) => e instanceof McaError && e.code === 'call.notObject');
  }
});

test('an input that cannot be serialised gives ok:false input.notSerializable, and the core keeps working', async () => {
  const core = await loadCore();
  const cyclic = {}; cyclic.self = cyclic;
  for (const bad of [cyclic, { customerId: 10n }]) {
    const r = core.validateConfirmation(bad);
    assert.equal(r.ok, false);
    assert.deepEqual(r.errors.map((e) => [e.field, e.code]), [['', 'input.notSerializable']]);
    assert.equal(r.errors[0].message, core.messages['input.notSerializable']);
  }
  assert.equal(core.validateConfirmation({ ...VALID, customerId: 'AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE' }, NOW).ok, true);
});

test('unknown fields are ignored with a warning', async () => {
  const core = await loadCore();
  const r = core.validateConfirmation({ customerId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', favouriteColour: 'blue' });
  assert.deepEqual(r.warnings.map((w) => [w.field, w.code]), [['favouriteColour', 'input.unknownField']]);
});

test('a value nested 10,000 deep gives ok:false, and the core keeps working', async () => {
  const core = await loadCore();
  let deep = [];
  for (let i = 0; i < 10000; i++) deep = [deep];
  const r = core.validateConfirmation({ customerId: deep });
  assert.equal(r.ok, false);
  assert.equal(r.errors[0].code, 'input.tooDeep');
  let shallower = [];
  for (let i = 0; i < 100; i++) shallower = [shallower];
  assert.equal(core.validateConfirmation({ customerId: shallower }).errors[0].code, 'input.tooDeep',
    'nesting beyond the core\'s limit of 64 is refused by the core itself');
  assert.equal(core.validateConfirmation(VALID, NOW).ok, true);
});

test('a 10 MB customerId is rejected, and no memory stays allocated', async () => {
  const core = await loadCore();
  const before = core.memoryStats().bytesInUse;
  const r = core.validateConfirmation({ customerId: 'a'.repeat(10 * 1024 * 1024) });
  assert.equal(r.errors[0].code, 'customerId.invalid');
  assert.equal(core.memoryStats().bytesInUse, before);
});

test('the core exports an English message for every code it names', async () => {
  const core = await loadCore();
  for (const code of ['customerId.invalid', 'customerId.zero', 'customerId.required', 'input.unknownField']) {
    assert.equal(typeof core.messages[code], 'string', code);
  }
});
