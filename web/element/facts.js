// What Partner Center holds for a customer, and the decision built from it.
// Shared by the element and the demo dashboard; the rules are the core's
// (detectScenario), this module only gathers the facts.

const MCA = 'MicrosoftCustomerAgreement';

/**
 * Reads the customer's MCA confirmations, direct-signed status and the
 * agreement templates, in parallel, as one user action (one correlation id).
 * @param {import('../index.js').Client} client
 * @param {string} customerId
 * @param {{ signal?: AbortSignal, correlationId?: string }} [call]
 */
export async function readFacts(client, customerId, call = {}) {
  const [agreements, direct, templates] = await Promise.all([
    client.getCustomerAgreements(customerId, call),
    client.getDirectSignedStatus(customerId, call),
    client.getAgreementTemplates(call),
  ]);
  return { agreements: agreements?.items ?? [], directSigned: typeof direct?.isSigned === 'boolean' ? direct.isSigned : null,
    templates: templates?.items ?? [] };
}

/**
 * The detectScenario context: what the dashboard knows (purchase, prior
 * purchases, partner) with what Partner Center holds.
 * @param {string} customerId
 * @param {{ agreements: object[], directSigned: boolean|null, templates: object[] }} facts
 * @param {Record<string, unknown>} [known]
 */
export function scenarioContext(customerId, facts, known = {}) {
  return { ...known, customer: { isNew: false, ...(known.customer ?? {}), id: customerId },
    agreements: facts.agreements, directSigned: facts.directSigned, templates: facts.templates };
}

/** The current MCA template (highest versionRank) of GET /v1/agreements, or null. */
export function currentTemplate(templates) {
  let best = null;
  for (const t of templates ?? []) {
    if (t?.agreementType !== MCA) continue;
    if (!best || (t.versionRank ?? 0) > (best.versionRank ?? 0)) best = t;
  }
  return best;
}

/**
 * A short status of a decision, for lists: 'needs-attestation', 'confirmed',
 * 'confirmed-directly', 'old-template', 'cannot-attest', 'nothing-needed' or
 * 'unknown'. Built only from the decision's fields and reason codes.
 * @param {import('../index.js').ScenarioDecision} decision
 */
export function statusOf(decision) {
  const reasons = new Set(decision.reasons);
  if (decision.needsAttestation === true) return decision.canAttest === false ? 'cannot-attest' : 'needs-attestation';
  if (reasons.has('direct-signed')) return 'confirmed-directly';
  if (reasons.has('outdated-template')) return 'old-template';
  if (reasons.has('already-confirmed')) return 'confirmed';
  if (decision.needsAttestation === false) return 'nothing-needed';
  return 'unknown';
}

/**
 * The agreement just recorded, found in a read-back list: for an enhanced
 * attestation by its attestationId, for a classic confirmation by template,
 * date and contact email.
 */
export function findRecorded(items, sent) {
  return (items ?? []).find((a) => {
    if (sent.attestationId) return String(a.attestationId ?? '').toLowerCase() === sent.attestationId.toLowerCase();
    return a.templateId === sent.templateId && a.dateAgreed === sent.dateAgreed
      && a.primaryContact?.email === sent.primaryContact?.email;
  }) ?? null;
}
