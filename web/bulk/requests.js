/**
 * How the bulk runner talks to Partner Center through the client, and how a
 * row is decided: a request retried a few more times after the client gave
 * up on a failure the core calls retryable (always under the same
 * MS-RequestId for a write), and the decision of core.detectScenario over
 * what Partner Center holds and the partner's facts. Nothing here decides
 * by itself: `retryable` and `outcome` come from core.explainError (on every
 * McaError of the client), the decision from the core.
 */
import { McaError } from '../errors.js';

/** Throttling is pacing, not failure: the runner keeps waiting this many more times. */
const THROTTLED_TRIES = 30;

/**
 * The question a bulk row asks the core, as the portfolio scan does: would
 * this customer's next new purchase through this partner need an
 * attestation? A customer in a partner's bulk file has bought through a
 * partner (a qualifying prior purchase, assumed).
 */
export const BULK_QUESTION = Object.freeze({ purchase: Object.freeze({ kind: 'new', partner: 'existing' }),
  priorPurchases: Object.freeze(['offer']) });

export const uuid = () => globalThis.crypto.randomUUID();

export const isAbort = (error) => error?.code === 'aborted' || error?.name === 'AbortError';

/** The service may have done the failed write: it is resent only under its own MS-RequestId. */
export const mayHaveHappened = (error) => error?.outcome !== 'refused';

function sleep(ms, signal) {
  return new Promise((done, reject) => {
    if (signal?.aborted) { reject(new McaError({ code: 'aborted', message: 'The run was cancelled.' })); return; }
    const onAbort = () => { clearTimeout(timer); reject(new McaError({ code: 'aborted', message: 'The run was cancelled.' })); };
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); done(); }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Calls fn() until it succeeds, the core calls the failure not retryable,
 * or the tries are used: the client already retried each request; this
 * carries a row across a longer outage. fn must send writes with the same
 * requestId every time.
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
      if (error?.code === 'throttled' && throttles < THROTTLED_TRIES) {
        throttles += 1;
        continue;                       // the client has waited Retry-After (and paused the others)
      }
      if (error?.retryable !== true || tries >= ctx.rowRetries) throw error;
      tries += 1;
      await sleep(250 * 2 ** tries, ctx.signal);
    }
  }
}

/**
 * Reads what Partner Center holds for the customer (confirmations and the
 * direct-signed status) and asks core.detectScenario, with the partner's
 * facts of the run: { decision, agreements }.
 */
export async function decide(ctx, customerId, call) {
  const [agreements, direct] = await Promise.all([
    retrying(ctx, () => ctx.client.getCustomerAgreements(customerId, call)),
    retrying(ctx, () => ctx.client.getDirectSignedStatus(customerId, call)),
  ]);
  const items = Array.isArray(agreements?.items) ? agreements.items : [];
  const decision = ctx.core.detectScenario({ ...BULK_QUESTION, customer: { id: customerId, isNew: false },
    agreements: items, directSigned: typeof direct?.isSigned === 'boolean' ? direct.isSigned : null,
    ...(ctx.partner ? { partner: ctx.partner } : {}) }, { now: ctx.now(), templates: ctx.templates ?? undefined });
  return { decision, agreements: items };
}

/** Reasons a row's result names for each status that settles it without a write. */
const SETTLING = Object.freeze({
  confirmed: { state: 'already-confirmed', reasons: ['already-confirmed'] },
  'confirmed-directly': { state: 'already-confirmed', reasons: ['direct-signed'] },
  'old-template': { state: 'already-confirmed', reasons: ['already-confirmed'] },
  'nothing-needed': { state: 'already-confirmed', reasons: [] },
  'cannot-attest': { state: 'cannot-attest', reasons: ['indirect-reseller', 'role-missing'], explained: true },
  unknown: { state: 'failed', reasons: [], explained: true },
});

/**
 * The row's result fields when the decision settles it without a write
 * (status other than needs-attestation), else null: the flow sends.
 */
export function settledBy(decision, messages) {
  const settling = SETTLING[decision.status];
  if (!settling) return null;
  const reason = settling.reasons.find((r) => decision.reasons.includes(r)) ?? decision.reasons[0] ?? decision.status;
  const detail = settling.explained ? decision.reasons.map((r) => messages[r] ?? r).join(' ') : undefined;
  return { state: settling.state, reason, detail };
}

/** Reason and detail of a failure, for the results and the journal. */
export function failureOf(error) {
  const reason = error?.code ?? 'error';
  const ids = [error?.status ? `HTTP ${error.status}` : null, error?.serviceCode ? `code ${error.serviceCode}` : null]
    .filter(Boolean).join(', ');
  return { reason, detail: `${error?.message ?? String(error)}${ids ? ` (${ids})` : ''}`,
    requestId: error?.requestId ?? null, correlationId: error?.correlationId ?? null };
}
