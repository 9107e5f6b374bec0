/**
 * One row of the classic flow: check what Partner Center holds, then
 * confirm the agreement (POST /v1/customers/{id}/agreements), done in one
 * run. A confirmation whose outcome is unknown (the run was killed while it
 * was in flight, or it failed without a clear answer) is looked for among
 * the customer's confirmations first and, when absent, sent again under
 * its own MS-RequestId, so the service recognises it.
 */
import { ALREADY_EXISTS, MCA, isAbort, readHolding, retrying, uuid } from './requests.js';
import { failedRead, failedWrite, pendingWrite, sendWrite, settle, settledBefore, writeEvidence } from './row.js';

const STEP = 'confirmation';

/** The stored confirmation is this row's: same template and contact e-mail. */
function isOurs(agreement, payload) {
  return agreement?.type === MCA && String(agreement.templateId).toLowerCase() === payload.templateId
    && String(agreement.primaryContact?.email ?? '').toLowerCase() === payload.primaryContact.email.toLowerCase();
}

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
  let requestId = pending?.requestId;
  try {
    if (pending) {
      const { items } = await retrying(ctx, () => ctx.client.getCustomerAgreements(item.key, call));
      const ours = (items ?? []).find((a) => isOurs(a, item.payload));
      if (ours) return await recorded(ctx, item, { requestId, correlationId, response: ours, foundOnResume: true });
      if ((items ?? []).some((a) => a?.type === MCA)) {
        return await settle(ctx, item, { state: 'already-confirmed', reason: 'already-confirmed', correlationId });
      }
    } else {
      const holding = await readHolding(ctx, item.key, call);
      if (holding.held) return await settle(ctx, item, { state: 'already-confirmed', reason: holding.reason, correlationId });
      if (ctx.dryRun) return { state: 'skipped', reason: 'dry-run', correlationId };
      requestId = uuid();
    }
  } catch (error) {
    if (isAbort(error)) throw error;
    return settle(ctx, item, failedRead(error, pending ? { step: STEP, pendingRequestId: requestId } : {}));
  }
  const write = { step: STEP, requestId, correlationId, carry: {} };
  const outcome = await sendWrite(ctx, item, write,
    (ids) => ctx.client.confirmAgreement(item.key, item.input, ids));
  if (outcome.ok) return recorded(ctx, item, { requestId, correlationId, response: outcome.response });
  if (outcome.error?.serviceCode === ALREADY_EXISTS) {
    await writeEvidence(ctx, item, evidenceFields(ctx, item, { requestId, correlationId,
      response: { status: outcome.error.status, serviceCode: ALREADY_EXISTS, message: outcome.error.message },
      state: 'already-confirmed' }));
    return settle(ctx, item, { state: 'already-confirmed', reason: 'agreement.alreadyExists', requestId, correlationId });
  }
  return settle(ctx, item, failedWrite(outcome, write));
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
