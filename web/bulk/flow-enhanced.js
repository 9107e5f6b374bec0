/**
 * One row of the enhanced flow, over as many runs as the customer needs:
 *   1. check what Partner Center holds, create the attestation
 *      (POST /v1/attestations/enhanced): the row waits in
 *      `awaiting-acceptance` with the customer's acceptance link;
 *   2. a later run reads the attestation's status: still Pending → it keeps
 *      waiting; Accepted → the agreement is created
 *      (POST /v1/customers/{id}/agreements with the attestationId) and the row
 *      is `submitted`; Expired → `failed` with reason `expired`, and the run
 *      after that creates a new attestation (a new link) for it.
 * Every new attestation is decided first by core.detectScenario (what
 * Partner Center holds, the partner's facts), in a first run and on resume.
 * A write whose outcome is unknown is sent again under its own MS-RequestId
 * (the agreement is looked for first, by core.matchAgreement), never under
 * a new one.
 */
import { decide, isAbort, retrying, settledBy, uuid } from './requests.js';
import { acceptanceLink } from '../acceptance.js';
import { failedRead, failedWrite, pendingWrite, sendWrite, settle, settledBefore, writeEvidence } from './row.js';

/**
 * @param {object} ctx the run (see runner.js)
 * @param {{ key: string, line: number, customerId: string, input: object, payload: object }} item
 */
export async function enhancedRow(ctx, item) {
  const entry = ctx.journal.status(item.key);
  const before = settledBefore(entry);
  if (before) return before;
  const correlationId = uuid();
  const call = { correlationId, signal: ctx.signal };
  const pending = pendingWrite(entry);
  const carry = entry.attestationId ? { attestationId: entry.attestationId, link: entry.link } : {};
  if (ctx.dryRun && carry.attestationId) return { ...carry, state: 'awaiting-acceptance', reason: 'pending', correlationId };
  try {
    // A dry run's read refused ends this row failed, like a submit's: the run goes on.
    if (ctx.dryRun) return await check(ctx, item, call, () => ({ state: 'skipped', reason: 'dry-run', correlationId }));
    if (pending?.step === 'agreement') {
      const { items } = await retrying(ctx, () => ctx.client.getCustomerAgreements(item.key, call));
      const match = ctx.core.matchAgreement({ agreements: items ?? [], sent: { attestationId: carry.attestationId } });
      if (match.found) return await agreed(ctx, item, carry, { requestId: pending.requestId, correlationId, response: match.agreement });
      return await createAgreement(ctx, item, carry, pending.requestId, correlationId);
    }
    if (pending?.step === 'attestation') {
      return await check(ctx, item, call, () => createAttestation(ctx, item, pending.requestId, correlationId),
        { step: 'attestation', pendingRequestId: pending.requestId });
    }
    if (carry.attestationId) return await followUp(ctx, item, carry, call);
    return await check(ctx, item, call, () => createAttestation(ctx, item, uuid(), correlationId));
  } catch (error) {
    if (isAbort(error)) throw error;
    return settle(ctx, item, failedRead(error, pending ? { ...carry, step: pending.step, pendingRequestId: pending.requestId } : carry));
  }
}

/**
 * Decides the row from what Partner Center holds and the partner's facts;
 * settles it when the decision does (keeping a pending write's id), else
 * goes on with next().
 */
async function check(ctx, item, call, next, keep = {}) {
  const { decision } = await decide(ctx, item.key, call);
  const settled = settledBy(decision, ctx.core.messages);
  if (settled) return settle(ctx, item, { ...settled, ...keep, correlationId: call.correlationId });
  return next();
}

/** Step 1: the attestation; the row then awaits the customer. */
async function createAttestation(ctx, item, requestId, correlationId) {
  const write = { step: 'attestation', requestId, correlationId, carry: {} };
  const outcome = await sendWrite(ctx, item, write, (ids) => ctx.client.createAttestation(item.input, ids));
  if (!outcome.ok) return settle(ctx, item, failedWrite(outcome, write));
  const attestationId = String(outcome.response?.id ?? '');
  const link = acceptanceLink(ctx.core, attestationId);
  await writeEvidence(ctx, item, { step: 'attestation', templateId: ctx.templateId,
    documentLink: ctx.documentLink(ctx.templateId), acceptanceLink: link, payload: item.payload,
    requestId, correlationId, response: outcome.response, state: 'awaiting-acceptance' });
  return settle(ctx, item, { state: 'awaiting-acceptance', reason: 'pending', attestationId, link, requestId, correlationId });
}

/** A later run: the attestation's status decides. */
async function followUp(ctx, item, carry, call) {
  const attestation = await retrying(ctx, () => ctx.client.getAttestation(carry.attestationId, call));
  const status = attestation?.status;
  if (status === 'Accepted') return createAgreement(ctx, item, carry, uuid(), call.correlationId);
  if (status === 'Expired') {
    // Failed now; the next run creates a new attestation (the old id stays in `detail`).
    return settle(ctx, item, { state: 'failed', reason: 'expired', correlationId: call.correlationId,
      detail: `The acceptance link of attestation ${carry.attestationId} expired before the customer accepted it.` });
  }
  // Pending (or a status not known here): keeps waiting; nothing to record.
  return { ...carry, state: 'awaiting-acceptance', reason: status === 'Pending' ? 'pending' : `status ${status}`,
    correlationId: call.correlationId };
}

/** Step 3: the agreement that records the accepted attestation. */
async function createAgreement(ctx, item, carry, requestId, correlationId) {
  const write = { step: 'agreement', requestId, correlationId, carry };
  const outcome = await sendWrite(ctx, item, write,
    (ids) => ctx.client.createAgreementFromAttestation(item.key, carry.attestationId, ids));
  if (outcome.ok) return agreed(ctx, item, carry, { requestId, correlationId, response: outcome.response });
  if (outcome.error?.serviceCode === ctx.core.domain.serviceCodes.agreementAlreadyExists) {
    return settle(ctx, item, { ...carry, state: 'already-confirmed', reason: 'agreement.alreadyExists', requestId, correlationId });
  }
  return settle(ctx, item, failedWrite(outcome, write));
}

async function agreed(ctx, item, carry, { requestId, correlationId, response }) {
  await writeEvidence(ctx, item, { step: 'agreement', templateId: response?.templateId ?? ctx.templateId,
    documentLink: response?.agreementLink ?? ctx.documentLink(ctx.templateId), acceptanceLink: carry.link,
    attestationId: carry.attestationId, attestationPayload: item.payload,
    payload: ctx.core.buildAttestationAgreement({ attestationId: carry.attestationId }).payload,
    requestId, correlationId, response, state: 'submitted' });
  return settle(ctx, item, { ...carry, state: 'submitted', reason: 'accepted', requestId, correlationId });
}
