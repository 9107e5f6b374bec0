// The demo dashboard's data: the emulator's fixture customers plus two that
// show the remaining statuses (confirmed on an older MCA template; a customer
// for which this partner is an indirect reseller), the templates (the current
// MCA template outranks an older one), and what the dashboard itself knows
// about each customer's purchase (Partner Center does not hold that).
import { fixture } from '../emulator/index.js';

const MCA = 'MicrosoftCustomerAgreement';
export const OLDER_MCA_TEMPLATE = '6c2e8a41-3f7b-4d95-a1c8-0b5e7d2f9a36';

export const demoTemplates = [
  ...fixture.templates.map((t) => (t.agreementType === MCA ? { ...t, versionRank: 1 } : t)),
  { templateId: OLDER_MCA_TEMPLATE, agreementType: MCA, agreementLink: 'https://aka.ms/customeragreement', versionRank: 0 },
];

export const demoCustomers = [
  ...fixture.customers,
  {
    id: '0c5d8e2f-7a1b-4c3d-9e6f-1a2b3c4d5e6f',
    note: 'Confirmed in 2024 on an older version of the MCA template: valid, with a warning.',
    companyName: 'Wingtip Toys B.V.', country: 'NL', directSigned: false,
    agreements: [{ primaryContact: { firstName: 'Sanne', lastName: 'Jansen', email: 'sanne.jansen@wingtiptoys.nl' },
      templateId: OLDER_MCA_TEMPLATE, dateAgreed: '2024-05-14T08:45:00Z', type: MCA,
      agreementLink: 'https://aka.ms/customeragreement' }],
  },
  {
    id: '7d9e1f3a-5b2c-4e8d-a6f0-2b4c6d8e0f1a',
    note: 'This partner is the customer\'s indirect reseller: its indirect provider must attest.',
    companyName: 'Proseware, Inc.', country: 'US', directSigned: false, agreements: [],
  },
];

/** Culture of the agreement document and page per country (the dashboard's choice). */
const CULTURE = { NL: 'nl-NL', DE: 'de-DE', GB: 'en-GB', FR: 'fr-FR', US: 'en-US', AU: 'en-AU' };
const NEW_PARTNER = new Set(['b6e1c9d2-47a3-4f58-8e2b-9c0d1a3f5e67']);
const INDIRECT = new Set(['7d9e1f3a-5b2c-4e8d-a6f0-2b4c6d8e0f1a']);

/** The list the dashboard shows: Partner Center's ids and names plus its own knowledge of each purchase. */
export function dashboardCustomers(customers = demoCustomers) {
  return customers.map((c) => ({
    id: c.id, companyName: c.companyName, country: c.country, language: CULTURE[c.country] ?? 'en-US',
    context: {
      priorPurchases: ['azure-subscription'],
      purchase: { kind: 'new', partner: NEW_PARTNER.has(c.id) ? 'new' : 'existing' },
      partner: { roles: ['AdminAgent'], indirectReseller: INDIRECT.has(c.id) },
    },
  }));
}
