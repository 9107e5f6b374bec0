// core.explainError through the public API with the real Wasm core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore } from '../../web/index.js';

const core = await loadCore();
const NOW = Date.UTC(2026, 10, 19, 10, 40, 0);
const json = (o) => JSON.stringify(o);

// [behaviour, failure, code, serviceCode, retryable, retryAfterMs]
const cases = [
  ['600002 dateAgreed in the future', { status: 400, body: json({ code: 600002, description: 'Date agreed is in the future' }) }, 'agreement.dateInFuture', 600002, false, null],
  ['600009 no agreement found', { status: 404, body: json({ code: 600009 }) }, 'agreement.notFound', 600009, false, null],
  ['20002 no relationship (403)', { status: 403, body: json({ code: 20002 }) }, 'relationship.missing', 20002, false, null],
  ['900420 retired Graph audience', { status: 401, body: json({ code: 900420 }) }, 'auth.wrongAudience', 900420, false, null],
  ['400 template no longer supported', { status: 400, body: json({ code: 400057, description: 'The template 998b88de-aa99-4388-a42c-1b3517d49490 is no longer supported' }) },
    'agreement.templateRetired', 400057, false, null],
  ['600061 already exists', { status: 409, body: json({ code: 600061, errorName: 'PartnerConfirmedAgreementAlreadyExists', isRetryable: false }) },
    'agreement.alreadyExists', 600061, false, null],
  ['13605 order without MCA (403)', { status: 403, body: json({ code: 13605 }) }, 'order.mcaRequired', 13605, false, null],
  ['401 with 900421 (no MFA)', { status: 401, body: json({ code: 900421 }) }, 'auth.mfaRequired', 900421, false, null],
  ['401 without a code', { status: 401, body: '' }, 'auth.unauthorized', null, false, null],
  ['403 without a code', { status: 403, body: '' }, 'access.denied', null, false, null],
  ['404', { status: 404, body: '' }, 'resource.notFound', null, false, null],
  ['429 with Retry-After seconds', { status: 429, headers: { 'Retry-After': '57' }, body: json({ statusCode: 429, message: 'Rate limit is exceeded. Try again in 57 seconds.' }) },
    'throttled', null, true, 57000],
  ['429 with only the message', { status: 429, body: json({ statusCode: 429, message: 'Rate limit is exceeded. Try again in 9 seconds.' }) }, 'throttled', null, true, 9000],
  ['429 with Retry-After as an HTTP date', { status: 429, headers: { 'retry-after': 'Thu, 19 Nov 2026 10:41:00 GMT' } }, 'throttled', null, true, 60000],
  ['500', { status: 500, body: '' }, 'service.unavailable', null, true, null],
  ['503 with Retry-After', { status: 503, headers: new Headers({ 'Retry-After': '2' }) }, 'service.unavailable', null, true, 2000],
  ['504 timeout', { status: 504, body: '<html><body><h1>504 Gateway Time-out</h1></body></html>' }, 'service.timeout', null, true, null],
  ['status 0: no answer', { status: 0 }, 'network.noAnswer', null, true, null],
  ['HTML from a gateway', { status: 502, body: '<!DOCTYPE html><html><title>Bad Gateway</title></html>' }, 'service.unavailable', null, true, null],
  ['empty body', { status: 400, body: '' }, 'request.invalid', null, false, null],
  ['truncated JSON', { status: 400, body: '{"code": 600002, "descr' }, 'request.invalid', null, false, null],
  ['non-object JSON', { status: 409, body: '"600061"' }, 'request.conflict', null, false, null],
  ['unknown service code', { status: 400, body: json({ code: 123456 }) }, 'request.invalid', 123456, false, null],
  ['unknown status', { status: 299 }, 'response.malformed', null, true, null],
  ['no status at all', { body: 'x' }, 'explain.invalidInput', null, false, null],
];

for (const [behaviour, failure, code, serviceCode, retryable, retryAfterMs] of cases) {
  test(`explainError: ${behaviour}`, () => {
    const r = core.explainError(failure, { now: NOW });
    assert.deepEqual({ code: r.code, serviceCode: r.serviceCode, retryable: r.retryable, retryAfterMs: r.retryAfterMs },
      { code, serviceCode, retryable, retryAfterMs });
    assert.equal(r.message, core.messages[code]);
    assert.equal(r.action, core.messages[`${code}.action`]);
    assert.ok(core.errorCodes.includes(code));
  });
}

test('explainError keeps the request and correlation ids (headers in any case, or the body)', () => {
  const r = core.explainError({ status: 400, body: json({ code: 600002 }),
    headers: { 'ms-requestid': '6b1a3c1e-0000-4000-8000-000000000001', 'MS-CORRELATIONID': '6b1a3c1e-0000-4000-8000-000000000002' } });
  assert.deepEqual([r.status, r.requestId, r.correlationId], [400, '6b1a3c1e-0000-4000-8000-000000000001', '6b1a3c1e-0000-4000-8000-000000000002']);
  const fromBody = core.explainError({ status: 500, body: json({ requestId: 'r-9', correlationId: 'c-9' }) });
  assert.deepEqual([fromBody.requestId, fromBody.correlationId], ['r-9', 'c-9']);
});

test('explainError: a huge body is answered from the status, without leaking', () => {
  const before = core.memoryStats().bytesInUse;
  const r = core.explainError({ status: 429, body: `{"message":"Try again in 3 seconds.","x":"${'y'.repeat(5 * 1024 * 1024)}"}` });
  assert.equal(r.code, 'throttled');
  assert.equal(r.retryAfterMs, 3000, 'the throttling text near the start is still read');
  assert.equal(core.memoryStats().bytesInUse, before);
});

test('explainError gives the service text as detail, never an HTML page', () => {
  assert.equal(core.explainError({ status: 400, body: json({ code: 1, description: 'Bad phone' }) }).detail, 'Bad phone');
  assert.equal(core.explainError({ status: 502, body: '<html>oops</html>' }).detail, null);
});
