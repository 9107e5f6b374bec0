// The limits of the Wasm core through the public API: nesting 10,000 and
// 100,000 deep in every operation, 10 MB and 50 MB strings in one field,
// many large calls in a row, 20 MB CSV files of every bad kind, and a trap.
// Each ends in a clean ok:false or McaError, the instance keeps working
// (a normal call succeeds) and memoryStats().bytesInUse is back to 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { loadCore, McaError } from 'mca-attest';
import { wasmTrappingAbove } from './wasm-patch.js';

const WASM = new URL('../../web/wasm/mca-core.wasm', import.meta.url);
const core = await loadCore({ wasmBinary: await readFile(WASM) });   // a private instance: limits do not touch the shared one
const NOW = { now: Date.parse('2026-11-20T12:00:00Z') };
const VALID = { customerId: '0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0', firstName: 'Anne', lastName: 'de Vries',
  email: 'anne@contoso.nl', dateAgreed: '2026-11-20T09:30:00Z' };
const MB = 1024 * 1024;

/** The core still works: a normal call succeeds and nothing stays allocated. */
function assertHealthy(what) {
  const r = core.buildConfirmation(VALID, NOW);
  assert.equal(r.ok, true, `${what}: a normal call succeeds afterwards`);
  assert.equal(r.normalized.customerId, '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0');
  assert.equal(core.memoryStats().bytesInUse, 0, `${what}: bytesInUse back to 0`);
}

/** Every operation, with a value put where it takes one (an input field, or its options). */
const OPS = {
  validateConfirmation: (v) => core.validateConfirmation({ ...VALID, firstName: v }, NOW),
  buildConfirmation: (v) => core.buildConfirmation({ ...VALID, email: v }, NOW),
  validateAttestation: (v) => core.validateAttestation({ companyName: v }, NOW),
  buildAttestation: (v) => core.buildAttestation({ signatoryFirstName: v }, NOW),
  buildAttestationAgreement: (v) => core.buildAttestationAgreement({ attestationId: v }),
  detectScenario: (v) => core.detectScenario({ customer: { id: v } }, NOW),
  explainError: (v) => core.explainError({ status: 400, body: typeof v === 'string' ? v : '{}', headers: { 'x-deep': v } }),
  qrEncode: (v) => core.qrEncode(v),
  parseCsv: (v) => core.parseCsv(typeof v === 'string' ? `customerId,firstName\n${VALID.customerId},${v}\n` : 'customerId\nx\n',
    typeof v === 'string' ? {} : { flow: v }),
};

const nested = (depth, make) => { let v = 'x'; for (let i = 0; i < depth; i++) v = make(v); return v; };

for (const depth of [10_000, 100_000]) {
  test(`a value nested ${depth.toLocaleString('en')} deep (arrays and objects) gives input.tooDeep in every operation`, () => {
    for (const [op, run] of Object.entries(OPS)) {
      for (const [shape, make] of [['array', (v) => [v]], ['object', (v) => ({ a: v })]]) {
        const value = nested(depth, make);
        let outcome;
        try { outcome = run(value); } catch (error) { outcome = error; }
        if (op === 'parseCsv') {
          // parseCsv's options are a call's settings: a bad one throws McaError (it threw a bare RangeError)
          assert.ok(outcome instanceof McaError, `${op} ${shape}: McaError, not ${outcome?.constructor?.name}`);
          assert.equal(outcome.code, 'input.tooDeep', `${op} ${shape}`);
        } else {
          assert.equal(outcome.ok, false, `${op} ${shape}: ok false`);
          assert.deepEqual(outcome.errors.map((e) => [e.field, e.code]), [['', 'input.tooDeep']], `${op} ${shape}`);
          if (op.startsWith('build')) assert.deepEqual([outcome.payload, outcome.body], [null, null]);
        }
      }
    }
    assertHealthy(`${depth} deep`);
  });
}

test('just past the core\'s own limit (65 deep: JavaScript serialises it, C refuses it) is input.tooDeep too, options of parseCsv included', () => {
  const value = nested(65, (v) => [v]);
  assert.deepEqual(core.validateConfirmation({ ...VALID, lastName: value }, NOW).errors.map((e) => e.code), ['input.tooDeep']);
  assert.throws(() => core.parseCsv('customerId\nx\n', { flow: value }), { name: 'McaError', code: 'input.tooDeep' });
  assertHealthy('65 deep');
});

test('a 10 MB string in one field of every operation gives its field\'s error (or an honest answer), nothing kept', () => {
  const big = 'a'.repeat(10 * MB);
  const expected = {
    validateConfirmation: 'firstName.tooLong', buildConfirmation: 'email.tooLong', validateAttestation: 'companyName.tooLong',
    buildAttestation: 'signatoryFirstName.tooLong', buildAttestationAgreement: 'attestationId.invalid', qrEncode: 'text.tooLong',
  };
  for (const [op, run] of Object.entries(OPS)) {
    const r = run(big);
    if (expected[op]) {
      assert.equal(r.ok, false, op);
      assert.ok(r.errors.some((e) => e.code === expected[op]), `${op}: ${r.errors.map((e) => e.code)}`);
    }
    if (op === 'detectScenario') assert.ok(r.reasons.includes('customer-id-invalid'), r.reasons.join());
    if (op === 'explainError') assert.deepEqual([r.status, r.serviceCode, r.code], [400, null, 'request.invalid']);
    if (op === 'parseCsv') assert.deepEqual([r.rows.length, r.errors[0].code, r.errors[0].line], [0, 'csv.lineTooLong', 2]);
    assert.equal(core.memoryStats().bytesInUse, 0, `${op}: nothing stays allocated`);
  }
  assertHealthy('10 MB');
});

test('a 50 MB string in a name, a server\'s answer and a CSV cell: rejected by its rule, and an input over 64 MiB is input.tooLarge', () => {
  const big = 'b'.repeat(50 * MB);
  assert.ok(core.validateConfirmation({ ...VALID, lastName: big }, NOW).errors.some((e) => e.code === 'lastName.tooLong'));
  // a body over 1 MiB is not parsed (explainError's limit): the status alone explains it
  const explained = core.explainError({ status: 409, body: JSON.stringify({ code: 600061, description: big }) });
  assert.deepEqual([explained.status, explained.serviceCode, explained.code], [409, null, 'request.conflict']);
  assert.ok(explained.message.length < 10_000, 'the body is not copied whole into the explanation');
  const long = core.explainError({ status: 409, body: JSON.stringify({ code: 600061, description: 'd'.repeat(MB / 2) }) });
  assert.deepEqual([long.serviceCode, long.code], [600061, 'agreement.alreadyExists']);
  assert.equal(core.parseCsv(`customerId\n${big}\n`).errors[0].code, 'csv.lineTooLong');
  const tooLarge = core.validateAttestation({ country: big, language: big }, NOW);      // two fields: 100 MB of JSON
  assert.deepEqual(tooLarge.errors.map((e) => e.code), ['input.tooLarge']);
  assert.throws(() => core.parseCsv('x'.repeat(65 * MB)), { name: 'McaError', code: 'input.tooLarge' });
  assertHealthy('50 MB');
});

test('many large calls in a row: the heap grows once, then stays; bytesInUse returns to 0 after each', () => {
  const big = 'c'.repeat(8 * MB);
  core.validateAttestation({ companyName: big }, NOW);
  const grown = core.memoryStats().heapBytes;
  for (let i = 0; i < 12; i++) {
    const r = i % 2 ? core.validateAttestation({ companyName: big }, NOW) : core.explainError({ status: 500, body: big });
    assert.equal(i % 2 ? r.errors[0].code : r.code, i % 2 ? 'customerId.required' : 'service.unavailable');
    assert.equal(core.memoryStats().bytesInUse, 0, `call ${i}`);
  }
  assert.equal(core.memoryStats().heapBytes, grown, 'the same memory is reused: no growth across the calls');
  assertHealthy('many large calls');
});

test('20 MB CSV files: too many rows, one unterminated quote, NUL bytes, random bytes, UTF-16 — clean results, nothing kept', () => {
  const header = 'customerId,firstName,lastName,email,dateAgreed\n';
  const line = `${VALID.customerId},Anne,de Vries,anne@contoso.nl,2026-11-20T09:30:00Z\n`;
  const rows = header + line.repeat(Math.ceil((20 * MB) / line.length));
  let r = core.parseCsv(rows);
  assert.deepEqual([r.rows.length, r.errors.at(-1).code, r.errors.at(-1).line], [100_000, 'csv.tooManyRows', 100_002]);
  r = null;
  assert.equal(core.memoryStats().bytesInUse, 0);
  r = core.parseCsv(`${header}${VALID.customerId},"${'q'.repeat(20 * MB)}\n`);
  assert.deepEqual([r.rows.length, r.errors[0].code, r.errors[0].line], [0, 'csv.unterminatedQuote', 2]);
  const nul = new Uint8Array(20 * MB);
  for (let i = 1000; i < nul.length; i += 1000) nul[i] = 0x0a;   // short lines of NUL bytes
  nul.set(new TextEncoder().encode(header));
  r = core.parseCsv(nul);
  assert.deepEqual([r.rows.length, r.errors[0].code, r.errors[0].line], [0, 'csv.invalidUtf8', 2]);
  const noise = new Uint8Array(20 * MB);
  let x = 7;
  for (let i = 0; i < noise.length; i++) { x = (x * 1103515245 + 12345) >>> 0; noise[i] = x >>> 24; }
  noise.set(new TextEncoder().encode(header));
  r = core.parseCsv(noise);
  assert.equal(r.rows.length, 0, 'random bytes give no row');
  assert.ok(r.errors.length > 0 && r.errors.every((e) => /^csv\.[a-zA-Z0-9]+$/.test(e.code) && e.line >= 2));
  const utf16 = new Uint8Array(20 * MB);
  utf16.set([0xff, 0xfe, 0x63, 0x00]);
  r = core.parseCsv(utf16);
  assert.deepEqual([r.rows.length, r.errors.map((e) => e.code)], [0, ['csv.utf16']], 'a UTF-16 file is refused as a whole');
  assertHealthy('20 MB CSV');
});

test('a trap replaces the instance at once: the call gets McaError core.trap, the next call runs on a fresh instance', async () => {
  // The core has no input that traps (the fuzzers look for one); this copy of the
  // binary has `if (in_len > 1 MiB) unreachable` at the top of mca_wasm_call, given
  // through the public wasmBinary option (see wasm-patch.js). A real trap would be
  // the same: the instance that trapped is not trusted again.
  const trapping = await loadCore({ wasmBinary: wasmTrappingAbove(await readFile(WASM), MB) });
  assert.equal(trapping.validateConfirmation(VALID, NOW).ok, true, 'a small call works on the patched binary');
  const initial = trapping.memoryStats().heapBytes;
  const error = (() => { try { trapping.validateConfirmation({ ...VALID, firstName: 'x'.repeat(4 * MB) }, NOW); } catch (e) { return e; } })();
  assert.ok(error instanceof McaError, `McaError, not ${error?.constructor?.name}`);
  assert.equal(error.code, 'core.trap');
  assert.ok(error.cause instanceof WebAssembly.RuntimeError, 'the cause is the Wasm trap');
  assert.ok(trapping.memoryStats().heapBytes === initial, 'the very next use sees a fresh instance (its memory back to the initial size)');
  const after = trapping.buildConfirmation(VALID, NOW);
  assert.equal(after.ok, true, 'the next call succeeds');
  assert.equal(trapping.memoryStats().bytesInUse, 0);
  for (let i = 0; i < 3; i++) {
    assert.throws(() => trapping.explainError({ status: 500, body: 'y'.repeat(2 * MB) }), { code: 'core.trap' });
    assert.equal(trapping.validateConfirmation(VALID, NOW).ok, true, `trap ${i + 2}: the core keeps working`);
  }
  assert.deepEqual(trapping.memoryStats(), { heapBytes: initial, bytesInUse: 0 });
});
