/**
 * One row of the classic flow: decide from what Partner Center holds
 * (core.detectScenario with the partner's facts), then confirm the agreement
 * (POST /v1/customers/{id}/agreements), done in one run. A confirmation
 * whose outcome is unknown (the run was killed while it was in flight, or
 * it failed without a clear answer) is looked for among the customer's
 * confirmations first (core.matchAgreement: the one sent, not any record
 * of the same contact); when absent the row is decided again, like a new
 * one, and the confirmation is sent again under its own MS-RequestId.
 */
import { decide, isAbort, retrying, settledBy, uuid } from './requests.js';
import { failedRead, failedWrite, pendingWrite, sendWrite, settle, settledBefore, writeEvidence } from './row.js';

const STEP = 'confirmation';

/**
 * @param {object} ctx the run (see runner.js)
 * @param {{ key: string, line: number, customerId: string, input: object, payload: object }} item
 */
export async function classicRow(ctx, item) {
  const entry = ctx.journal.status(item.key);
  const before = settledBefore(entry);
  if (before) return before;
  const correlationId = uuid();
  const call = { correlationId, signal: ctx.signal };
  const pending = ctx.dryRun ? null : pendingWrite(entry);
  let requestId = pending?.requestId ?? uuid();
  try {
    if (pending) {
      const { items } = await retrying(ctx, () => ctx.client.getCustomerAgreements(item.key, call));
      const match = ctx.core.matchAgreement({ agreements: items ?? [], sent: item.payload });
      if (match.found) {
        return await recorded(ctx, item, { requestId, correlationId, response: match.agreement, foundOnResume: true });
      }
    }
    const { decision } = await decide(ctx, item.key, call);
    const settled = settledBy(decision, ctx.core.messages);
    if (settled) {
      return await settle(ctx, item, { ...settled, correlationId,
        ...(pending ? { step: STEP, pendingRequestId: requestId } : {}) });
    }
    if (ctx.dryRun) return { state: 'skipped', reason: 'dry-run', correlationId };
  } catch (error) {
    if (isAbort(error)) throw error;
    return settle(ctx, item, failedRead(error, pending ? { step: STEP, pendingRequestId: requestId } : {}));
  }
  const write = { step: STEP, requestId, correlationId, carry: {} };
  const outcome = await sendWrite(ctx, item, write,
    (ids) => ctx.client.confirmAgreement(item.key, item.input, ids));
  if (outcome.ok) return recorded(ctx, item, { requestId, correlationId, response: outcome.response });
  if (outcome.error?.serviceCode === ctx.core.domain.serviceCodes.agreementAlreadyExists) {
    return alreadyExists(ctx, item, outcome.error, { requestId, correlationId, call });
  }
  return settle(ctx, item, failedWrite(outcome, write));
}

/**
 * Agreement already exists (core.domain.serviceCodes.agreementAlreadyExists):
 * Partner Center holds a confirmation of this contact and template.
 * Decided again over what it holds now: when that record counts the row is
 * already confirmed; when it does not (dated before the refresh cut-off) a
 * classic confirmation cannot replace it, and the row fails with its own
 * reason (agreement.existingNotValid: use the enhanced attestation).
 */
async function alreadyExists(ctx, item, error, { requestId, correlationId, call }) {
  let decision;
  try {
    ({ decision } = await decide(ctx, item.key, call));
  } catch (failure) {
    if (isAbort(failure)) throw failure;
    return settle(ctx, item, failedRead(failure, {}));
  }
  const settled = settledBy(decision, ctx.core.messages);
  if (settled?.state === 'already-confirmed') {
    await writeEvidence(ctx, item, evidenceFields(ctx, item, { requestId, correlationId,
      response: { status: error.status, serviceCode: error.serviceCode, message: error.message },
      state: 'already-confirmed' }));
    return settle(ctx, item, { state: 'already-confirmed', reason: 'agreement.alreadyExists', requestId, correlationId });
  }
  const code = 'agreement.existingNotValid';
  return settle(ctx, item, { state: 'failed', reason: code, requestId, correlationId,
    detail: `${ctx.core.messages[code]} ${ctx.core.messages[`${code}.action`]}` });
}

/** The confirmation is stored: its evidence record, then the row settled. */
async function recorded(ctx, item, { requestId, correlationId, response, foundOnResume = false }) {
  await writeEvidence(ctx, item, evidenceFields(ctx, item, { requestId, correlationId, response,
    state: 'submitted', foundOnResume: foundOnResume || undefined }));
  return settle(ctx, item, { state: 'submitted', reason: foundOnResume ? 'confirmed-found-on-resume' : 'confirmed',
    requestId, correlationId });
}

function evidenceFields(ctx, item, fields) {
  return { step: STEP, templateId: item.payload.templateId,
    documentLink: fields.response?.agreementLink ?? ctx.documentLink(item.payload.templateId),
    payload: item.payload, ...fields };
}
