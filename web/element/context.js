// What a page tells an element about the customer's purchase and the
// partner, from its attributes (the dashboard knows it; Partner Center does
// not hold it). Read by <mca-attestation> for detectScenario and by
// <mca-bulk> for its rows; unknown stays unknown.

/** A list attribute's words ("AdminAgent, SalesAgent" or space-separated). */
export const words = (/** @type {string | null | undefined} */ value) => (value ?? '').split(/[\s,]+/).filter(Boolean);

/**
 * The partner's facts of `partner-roles` and `indirect-reseller` ("true" or
 * "false"; anything else is unknown), or null when neither is set.
 * @param {Element} element
 */
export function partnerFromAttributes(element) {
  const roles = element.getAttribute('partner-roles');
  const reseller = element.getAttribute('indirect-reseller');
  if (roles === null && reseller === null) return null;
  return { ...(roles !== null ? { roles: words(roles) } : {}),
    ...(reseller === 'true' || reseller === 'false' ? { indirectReseller: reseller === 'true' } : {}) };
}

/**
 * The partial scenario context of `purchase`, `purchase-partner`,
 * `prior-purchases` and the partner's attributes, under `given` (a
 * property set by the page wins over the attributes).
 * @param {Element} element
 * @param {Record<string, any> | null} given
 */
export function contextFromAttributes(element, given) {
  const known = {};
  const kind = element.getAttribute('purchase');
  const partner = element.getAttribute('purchase-partner');
  if (kind || partner) known.purchase = { ...(kind ? { kind } : {}), ...(partner ? { partner } : {}) };
  if (element.hasAttribute('prior-purchases')) known.priorPurchases = words(element.getAttribute('prior-purchases'));
  const facts = partnerFromAttributes(element);
  if (facts) known.partner = facts;
  const over = given ?? {};
  return { ...known, ...over, partner: { ...(known.partner ?? {}), ...(over.partner ?? {}) } };
}
