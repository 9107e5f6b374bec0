// What Partner Center holds for a customer, and the decision built from it.
// Shared by the element and the demo dashboard; the rules are the core's
// (detectScenario), this module only gathers the facts.

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
