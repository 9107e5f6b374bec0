// Sample customers for the demo's decisions: what a dashboard would know
// about each (design.md "Scenario rules"). Data only; the core decides.
const CURRENT_TEMPLATE = '117a77b0-9360-443b-8795-c6dedc750cf9';
const contact = { firstName: 'Anne', lastName: 'de Vries', email: 'anne@contoso.nl' };
const admin = { roles: ['AdminAgent'], indirectReseller: false };

export const sampleCustomers = Object.freeze([
  {
    key: 'existing-partner',
    name: 'Contoso BV — new purchase through us, its existing partner',
    context: {
      customer: { id: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', isNew: false },
      priorPurchases: ['azure-subscription'],
      purchase: { kind: 'new', partner: 'existing' },
      agreements: [], directSigned: false, partner: admin,
    },
  },
  {
    key: 'new-partner',
    name: 'Fabrikam NV — existing customer buying through us as a new partner',
    context: {
      customer: { id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', isNew: false },
      priorPurchases: ['software-subscription', 'reserved-instances'],
      purchase: { kind: 'new', partner: 'new' },
      agreements: [], directSigned: false, partner: admin,
    },
  },
  {
    key: 'already-confirmed',
    name: 'Northwind Traders — confirmed in 2024',
    context: {
      customer: { id: '2b3c4d5e-6f70-4b8c-9dae-1f2a3b4c5d6e', isNew: false },
      priorPurchases: ['offer'],
      purchase: { kind: 'new', partner: 'existing' },
      agreements: [{ type: 'MicrosoftCustomerAgreement', templateId: CURRENT_TEMPLATE,
        dateAgreed: '2024-03-12T09:30:00Z', primaryContact: contact }],
      directSigned: false, partner: admin,
    },
  },
  {
    key: 'direct-signed',
    name: 'Tailspin Toys — accepted the MCA directly with Microsoft',
    context: {
      customer: { id: '3c4d5e6f-7081-4c9d-8ebf-2a3b4c5d6e7f', isNew: false },
      priorPurchases: ['azure-subscription'],
      purchase: { kind: 'new', partner: 'existing' },
      agreements: [], directSigned: true, partner: admin,
    },
  },
  {
    key: 'cloud-agreement-only',
    name: 'Wide World Importers — only the old cloud agreement on record',
    context: {
      customer: { id: '4d5e6f70-8192-4dae-9fc0-3b4c5d6e7f80', isNew: false },
      priorPurchases: ['software'],
      purchase: { kind: 'new', partner: 'existing' },
      agreements: [{ type: 'MicrosoftCloudAgreement', templateId: '998b88de-aa99-4388-a42c-1b3517d49490',
        dateAgreed: '2019-06-01T00:00:00Z', primaryContact: contact }],
      directSigned: false, partner: admin,
    },
  },
  {
    key: 'indirect-reseller',
    name: 'Adventure Works — we are its indirect reseller',
    context: {
      customer: { id: '5e6f7081-92a3-4ebf-80d1-4c5d6e7f8091', isNew: false },
      priorPurchases: ['azure-subscription'],
      purchase: { kind: 'new', partner: 'existing' },
      agreements: [], directSigned: false,
      partner: { roles: ['AdminAgent'], indirectReseller: true },
    },
  },
]);
