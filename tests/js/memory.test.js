// One million validations through the public API: the Wasm heap does not grow
// after warm-up and the core's allocator returns to zero bytes in use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore } from '../../web/index.js';

const RUNS = 1_000_000;

test(`${RUNS.toLocaleString('en')} validations leak nothing`, { timeout: 120_000 }, async () => {
  const core = await loadCore({ wasmUrl: new URL('../../web/wasm/mca-core.wasm', import.meta.url) });
  const options = { now: Date.parse('2026-11-20T09:30:00Z') };
  const inputs = [
    { customerId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', firstName: 'Zoe\u0308', lastName: 'Nguyễn',
      email: 'anne@bücher.de', phoneNumber: '020 123 4567', country: 'NL', dateAgreed: '2026-11-20T10:30:00+01:00' },
    { customerId: 'bad', firstName: 'An\uD800ne', lastName: '<b>', email: 'a..b@x', dateAgreed: '2026-02-30', extra: 1 },
    { customerId: null, firstName: 42, lastName: ['x'], email: {}, dateAgreed: true },
  ];
  const warmup = 20_000;
  for (let i = 0; i < warmup; i++) core.validateConfirmation(inputs[i % 3], options);
  const after = core.memoryStats();
  assert.equal(after.bytesInUse, 0, 'nothing held after the warm-up');
  let ok = 0;
  for (let i = warmup; i < RUNS; i++) {
    if (core.validateConfirmation(inputs[i % 3], options).ok) ok++;
  }
  const end = core.memoryStats();
  assert.equal(ok, Math.ceil(RUNS / 3) - Math.ceil(warmup / 3), 'the valid input (every third) stayed valid every time');
  assert.equal(end.heapBytes, after.heapBytes, 'the Wasm heap did not grow after warm-up');
  assert.equal(end.bytesInUse, 0, 'bytesInUse returns to 0');
});
