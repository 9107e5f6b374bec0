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
 * Enhanced: create the attestation, hand out its link, wait until the
 * customer accepted (or the link expired), then record the agreement and
 * read it back. Resolves { expired: true, attestation } when it expired.
 */
export async function runEnhanced(run) {
  const { client, customerId, values, call, stage, pollIntervalMs } = run;
  stage('sending');
  const created = await client.createAttestation({ ...present(values), customerId }, call);
  stage('awaiting', { attestation: created, link: acceptanceLink(created.id) });
  const final = await client.waitForAttestation(created.id, { ...call, intervalMs: pollIntervalMs });
  if (final?.status !== 'Accepted') {
    stage('expired', { attestation: final });
    return { flow: 'enhanced', expired: true, attestation: final, attestationId: created.id };
  }
  stage('recording', { attestation: final });
  const answer = await client.createAgreementFromAttestation(customerId, created.id, call);
  stage('verifying');
  return { flow: 'enhanced', attestationId: created.id, attestation: final,
    ...(await verify(run, { attestationId: created.id }, answer)) };
}
