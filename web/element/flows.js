// The two ways to record an acceptance, as plain async functions over the
// client: the classic confirmation, and the enhanced attestation (create,
// wait for the customer, record). Each reads the agreement back afterwards
// to verify it is on record (the core's matchAgreement says whether an item
// read back is the one sent). The element only shows what they report.
import { acceptanceLink } from '../acceptance.js';

export { acceptanceLink };

/** Optional fields left empty are not sent. */
function present(values) {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));
}

async function verify({ client, core, customerId, call }, sent, answer) {
  const back = await client.getCustomerAgreements(customerId, call);
  const { agreement } = core.matchAgreement({ agreements: back?.items ?? [], sent });
  return { agreement: agreement ?? answer, verified: agreement !== null };
}

/**
 * Classic: POST the confirmation, then read the customer's agreements back.
 * @param {{ client: import('../index.js').Client, core: import('../index.js').Core, customerId: string,
 *   values: Record<string,string>, call: { signal: AbortSignal, correlationId: string },
 *   stage: (name: string, data?: object) => void }} run
 */
export async function runClassic(run) {
  const { client, core, customerId, values, call, stage } = run;
  stage('sending');
  const input = { ...present(values), customerId };
  const answer = await client.confirmAgreement(customerId, input, call);
  const sent = core.buildConfirmation(input).payload;   // the body the client sent
  stage('verifying');
  return { flow: 'classic', attestationId: null, ...(await verify(run, sent, answer)) };
}

/**
 * Enhanced: create the attestation, keep it (`remember`, before the link is
 * shown), hand out its link, then follow it (followAttestation).
 */
export async function runEnhanced(run) {
  const { client, customerId, values, call, stage } = run;
  stage('sending');
  const input = { ...present(values), customerId };
  const created = await client.createAttestation(input, call);
  const link = acceptanceLink(run.core, created.id);
  if (run.remember) await run.remember({ customerId, created, link, values: input });
  stage('awaiting', { attestation: created, link, values: input });
  return followAttestation(run, created.id);
}

/**
 * Waits until the customer accepted (or the link expired), then records the
 * agreement (`run.record`, at most once, when given) and reads it back.
 * Resolves { expired: true, attestation } when it expired.
 */
export async function followAttestation(run, attestationId) {
  const { client, customerId, call, stage, pollIntervalMs } = run;
  const final = await client.waitForAttestation(attestationId, { ...call, intervalMs: pollIntervalMs });
  if (final?.status !== 'Accepted') {
    stage('expired', { attestation: final });
    return { flow: 'enhanced', expired: true, attestation: final, attestationId };
  }
  stage('recording', { attestation: final });
  const answer = run.record ? await run.record(attestationId)
    : await client.createAgreementFromAttestation(customerId, attestationId, call);
  stage('verifying');
  return { flow: 'enhanced', attestationId, attestation: final, ...(await verify(run, { attestationId }, answer)) };
}
