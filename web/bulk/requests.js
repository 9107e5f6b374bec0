/**
 * How the bulk runner talks to Partner Center through the client: a request
 * retried a few more times after the client gave up on a passing failure
 * (always under the same MS-RequestId for a write), the sorting of failures
 * into "the service did nothing" and "the service may have done it", and the
 * check of what Partner Center already holds for a customer.
 */
import { McaError } from '../errors.js';

export const MCA = 'MicrosoftCustomerAgreement';
/** Partner Center's code for "the same confirmation already exists". */
export const ALREADY_EXISTS = 600061;
/** Throttling is pacing, not failure: the runner keeps waiting this many more times. */
const THROTTLED_TRIES = 30;

export const uuid = () => globalThis.crypto.randomUUID();

export const isAbort = (error) => error?.code === 'aborted' || error?.name === 'AbortError';

/** The service answered and did nothing (4xx other than 408/429): a new request is safe. */
export function isDefinite(error) {
  return error instanceof McaError && error.status >= 400 && error.status < 500
    && error.status !== 408 && error.status !== 429;
}

const throttled = (error) => error?.status === 429 || error?.code === 'throttled';
const passing = (error) => error?.retryable === true || error?.status === 0 || error?.status >= 500
  || error?.code === 'response.malformed';

function sleep(ms, signal) {
  return new Promise((done, reject) => {
    if (signal?.aborted) { reject(new McaError({ code: 'aborted', message: 'The run was cancelled.' })); return; }
    const onAbort = () => { clearTimeout(timer); reject(new McaError({ code: 'aborted', message: 'The run was cancelled.' })); };
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); done(); }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Calls fn() until it succeeds, a failure is final, or the tries are used:
 * the client already retried each request; this carries a row across a
 * longer outage. fn must send writes with the same requestId every time.
 * @param {{ rowRetries: number, signal?: AbortSignal }} ctx
 * @param {() => Promise<any>} fn
 */
export async function retrying(ctx, fn) {
  let tries = 0;
  let throttles = 0;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (isAbort(error) || ctx.signal?.aborted) throw error;
      if (throttled(error) && throttles < THROTTLED_TRIES) {
        throttles += 1;
        continue;                       // the client has waited Retry-After (and paused the others)
      }
      if (!passing(error) || tries >= ctx.rowRetries) throw error;
      tries += 1;
      await sleep(250 * 2 ** tries, ctx.signal);
    }
  }
}

/**
 * What Partner Center holds for the customer: { held, reason } where held
 * means no attestation is needed. Reads the confirmations (only
 * MicrosoftCustomerAgreement items count) and the direct-signed status;
 * core.detectScenario decides when the core has it (a new purchase by an
 * existing customer is assumed: the question is only whether a valid
 * acceptance is on record), else the rule: any MCA confirmation, or direct
 * signing, is an acceptance.
 */
export async function readHolding(ctx, customerId, call) {
  const { client, core } = ctx;
  const [agreements, direct] = await Promise.all([
    retrying(ctx, () => client.getCustomerAgreements(customerId, call)),
    retrying(ctx, () => client.getDirectSignedStatus(customerId, call)),
  ]);
  const items = Array.isArray(agreements?.items) ? agreements.items : [];
  const directSigned = direct?.isSigned === true;
  if (typeof core.detectScenario === 'function') {
    const decision = core.detectScenario({ customer: { id: customerId, isNew: false }, priorPurchases: ['offer'],
      purchase: { kind: 'new', partner: 'existing' }, agreements: items, directSigned: direct?.isSigned ?? null },
    { now: ctx.now(), templates: ctx.templates ?? undefined });
    if (decision?.needsAttestation === false) {
      const reason = ['direct-signed', 'already-confirmed'].find((r) => decision.reasons?.includes(r));
      return { held: true, reason: reason ?? decision.reasons?.[0] ?? 'already-confirmed', items };
    }
    if (decision?.needsAttestation === true) return { held: false, items, reasons: decision.reasons ?? [] };
  }
  if (directSigned) return { held: true, reason: 'direct-signed', items };
  if (items.some((a) => a?.type === MCA)) return { held: true, reason: 'already-confirmed', items };
  return { held: false, items };
}

/** Reason and detail of a failure, for the results and the journal. */
export function failureOf(error) {
  const reason = error?.code ?? 'error';
  const ids = [error?.status ? `HTTP ${error.status}` : null, error?.serviceCode ? `code ${error.serviceCode}` : null]
    .filter(Boolean).join(', ');
  return { reason, detail: `${error?.message ?? String(error)}${ids ? ` (${ids})` : ''}`,
    requestId: error?.requestId ?? null, correlationId: error?.correlationId ?? null };
}
