// The demo's Partner Center: the emulator's fixture customers plus two that
// show the remaining statuses (confirmed on an older MCA template; a customer
// for which this partner is an indirect reseller, which purchases.js knows),
// and the templates (the current MCA template outranks an older one).
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
