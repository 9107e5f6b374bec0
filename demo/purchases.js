// What the partner's own systems know of its customers and that Partner
// Center does not hold: the kind of the next purchase and whether it comes
// through this partner for the first time (Fabrikam), and the customers it
// serves as an indirect reseller (Proseware: its indirect provider must
// attest). The dashboard hands these facts to the core with each customer
// (scanPortfolio's `context`, the element's `context`); the core decides.
export const PARTNER = Object.freeze({ roles: ['AdminAgent'], indirectReseller: false });
const NEW_PARTNER = new Set(['b6e1c9d2-47a3-4f58-8e2b-9c0d1a3f5e67']);
const INDIRECT = new Set(['7d9e1f3a-5b2c-4e8d-a6f0-2b4c6d8e0f1a']);

/**
 * The facts of one customer's next purchase, as detectScenario takes them.
 * @param {{ id: string }} customer
 */
export function purchaseContext({ id }) {
  return {
    priorPurchases: ['azure-subscription'],
    purchase: { kind: 'new', partner: NEW_PARTNER.has(id) ? 'new' : 'existing' },
    partner: { ...PARTNER, roles: [...PARTNER.roles], indirectReseller: INDIRECT.has(id) },
  };
}
