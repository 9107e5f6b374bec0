/**
 * What both flows do with one row around its requests: settle it (journal
 * record "done" + the row's result), read a settled row back from the
 * journal, write the evidence record of a write, and send a write under the
 * journal's protection (record "in-flight" with the MS-RequestId first).
 *
 * A journal record carries everything a later run needs, because the
 * journal keeps only a row's latest record: `step` (the write the row is
 * at), `pendingRequestId` (a write whose outcome is unknown: it is sent
 * again under this id, never under a new one), `attestationId`, `link`.
 */
import { FINAL_STATES } from './journal.js';
import { failureOf, mayHaveHappened, retrying } from './requests.js';

/** Fields a result (and a journal record) of a row may carry. */
const KEPT = ['state', 'reason', 'detail', 'requestId', 'correlationId', 'attestationId', 'link', 'step',
  'pendingRequestId', 'firstLine'];

function pick(fields) {
  const out = {};
  for (const k of KEPT) if (fields[k] !== undefined && fields[k] !== null) out[k] = fields[k];
  return out;
}

/** The row's result; recorded in the journal unless this is a dry run. */
export async function settle(ctx, item, fields) {
  const result = pick(fields);
  if (!ctx.dryRun && item.key) await ctx.journal.finish(item.key, { ...result, line: item.line });
  return result;
}

/** A row a previous run settled for good, or null. */
export function settledBefore(entry) {
  if (entry.phase !== 'done' || !FINAL_STATES.includes(entry.state)) return null;
  return { ...pick(entry), resumed: true };
}

/** The write of the row whose outcome is unknown (its MS-RequestId), or null. */
export function pendingWrite(entry) {
  if (entry.phase === 'in-flight') return { step: entry.step, requestId: entry.requestId };
  if (entry.phase === 'done' && (entry.state === 'failed' || entry.state === 'cannot-attest') && entry.pendingRequestId) {
    return { step: entry.step, requestId: entry.pendingRequestId };
  }
  return null;
}

/** Appends the evidence record of a write, once per MS-RequestId. */
export async function writeEvidence(ctx, item, fields) {
  if (!ctx.evidence || ctx.dryRun) return;
  if (typeof ctx.evidence.has === 'function' && ctx.evidence.has(fields.requestId)) return;
  await ctx.evidence.append({ customerId: item.customerId, line: item.line, flow: ctx.flow, ...fields });
}

/**
 * Sends one write: the journal's "in-flight" record (with its MS-RequestId)
 * is on disk before the request leaves, then fn({ requestId }) is called
 * (retried under the same id). Resolves to { ok: true, response } or
 * { ok: false, error, ambiguous } (ambiguous: the core's outcome is not
 * `refused`, so the service may have done it).
 * An abort propagates: the row stays in flight for the next run.
 */
export async function sendWrite(ctx, item, { step, requestId, correlationId, carry }, fn) {
  await ctx.journal.begin(item.key, { ...carry, step, requestId, correlationId, line: item.line });
  try {
    return { ok: true, response: await retrying(ctx, () => fn({ requestId, correlationId, signal: ctx.signal })) };
  } catch (error) {
    if (error?.code === 'aborted' || ctx.signal?.aborted) throw error;
    return { ok: false, error, ambiguous: mayHaveHappened(error) };
  }
}

/** The result fields of a failed write (the id to reuse when it may have been done). */
export function failedWrite(outcome, { step, requestId, correlationId, carry }) {
  const f = failureOf(outcome.error);
  return { ...carry, state: 'failed', reason: f.reason, detail: f.detail, step, requestId, correlationId,
    pendingRequestId: outcome.ambiguous ? requestId : null };
}

/** The result fields of a failed read (a pending write stays pending). */
export function failedRead(error, carry) {
  const f = failureOf(error);
  return { ...carry, state: 'failed', reason: f.reason, detail: f.detail, correlationId: f.correlationId };
}
