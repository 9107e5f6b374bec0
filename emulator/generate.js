/**
 * Generated portfolios for benchmarks and the demo's large mode:
 * `startEmulator({ generate: { count, seed } })`. The default mix is a
 * portfolio two years after the refresh cut-off: about 60 % confirmed
 * (2023-04 or later), 10 % direct-signed, 30 % needing an attestation (a
 * third of those with a confirmation from before the cut-off, a few with a
 * cloud agreement only). The same seed gives the same customers.
 */
import { seeded } from './seeded.js';

const MCA_TEMPLATE = '117a77b0-9360-443b-8795-c6dedc750cf9';
const CLOUD_TEMPLATE = '998b88de-aa99-4388-a42c-1b3517d49490';
const MCA = 'MicrosoftCustomerAgreement';

const PLACES = [
  ['NL', 'nl-NL', 'B.V.'], ['BE', 'nl-BE', 'BV'], ['DE', 'de-DE', 'GmbH'], ['AT', 'de-AT', 'GmbH'],
  ['FR', 'fr-FR', 'SARL'], ['GB', 'en-GB', 'Ltd'], ['IE', 'en-IE', 'Ltd'], ['US', 'en-US', 'Inc.'],
  ['CA', 'en-CA', 'Inc.'], ['AU', 'en-AU', 'Pty Ltd'], ['ES', 'es-ES', 'S.L.'], ['IT', 'it-IT', 'S.r.l.'],
  ['SE', 'sv-SE', 'AB'], ['DK', 'da-DK', 'ApS'], ['PL', 'pl-PL', 'Sp. z o.o.'], ['JP', 'ja-JP', 'K.K.'],
];
const FIRST = ['Alpine', 'Blue', 'Coral', 'Delta', 'Evergreen', 'Fjord', 'Granite', 'Harbor', 'Iris', 'Juniper',
  'Kestrel', 'Lumen', 'Maple', 'North', 'Orchid', 'Pioneer', 'Quartz', 'River', 'Summit', 'Tidal', 'Umber',
  'Vista', 'Willow', 'Zenith'];
const SECOND = ['Analytics', 'Bakery', 'Logistics', 'Dental', 'Engineering', 'Foods', 'Holdings', 'Insurance',
  'Legal', 'Media', 'Optics', 'Pharma', 'Retail', 'Studios', 'Textiles', 'Travel', 'Ventures', 'Works'];
const OFFERS = [['Microsoft 365 Business Premium', 'license'], ['Azure plan', 'usage'],
  ['Microsoft 365 E3', 'license'], ['Dynamics 365 Business Central', 'license']];
const CONTACTS = [['Anne', 'de Vries'], ['Jonas', 'Weber'], ['Claire', 'Martin'], ['Olivia', 'Hughes'], ['Liam', 'Smith']];

function guid(random) {
  const hex = () => Math.floor(random() * 0x10000).toString(16).padStart(4, '0');
  const v4 = (Math.floor(random() * 0x1000) | 0x4000).toString(16);
  const variant = (Math.floor(random() * 0x4000) | 0x8000).toString(16);
  return `${hex()}${hex()}-${hex()}-${v4}-${variant}-${hex()}${hex()}${hex()}`;
}

function dateBetween(random, from, to) {
  const ms = Date.parse(from) + Math.floor(random() * (Date.parse(to) - Date.parse(from)));
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function confirmation(random, domain, templateId, type, from, to) {
  const [firstName, lastName] = CONTACTS[Math.floor(random() * CONTACTS.length)];
  return { primaryContact: { firstName, lastName, email: `${firstName.toLowerCase()}@${domain}` },
    templateId, dateAgreed: dateBetween(random, from, to), type,
    agreementLink: type === MCA ? 'https://aka.ms/customeragreement' : 'https://aka.ms/microsoftcloudagreement' };
}

function subscriptions(random) {
  const n = random() < 0.05 ? 0 : 1 + Math.floor(random() * 3);
  return Array.from({ length: n }, () => {
    const [offerName, billingType] = OFFERS[Math.floor(random() * OFFERS.length)];
    return { id: guid(random), offerId: guid(random).toUpperCase(), offerName, status: 'active', billingType,
      quantity: 1 + Math.floor(random() * 50) };
  });
}

/**
 * N seed customers (the shape of customers.json's) from a seed.
 * @param {{ count: number, seed?: number }} options
 */
export function generateCustomers({ count, seed = 1 } = {}) {
  if (!Number.isInteger(count) || count < 0 || count > 1_000_000) {
    throw new TypeError('generate.count must be a whole number from 0 to 1000000');
  }
  const random = seeded(seed);
  const out = [];
  for (let i = 0; i < count; i++) {
    const [country, culture, suffix] = PLACES[Math.floor(random() * PLACES.length)];
    const base = `${FIRST[Math.floor(random() * FIRST.length)]} ${SECOND[Math.floor(random() * SECOND.length)]}`;
    const companyName = `${base} ${i + 1} ${suffix}`;
    const domain = `${base.replace(/\s/g, '').toLowerCase()}${i + 1}.example`;
    const kind = random();
    const c = { id: guid(random), companyName, country, culture, domain, directSigned: false, agreements: [],
      subscriptions: subscriptions(random) };
    if (kind < 0.6) {
      c.agreements.push(confirmation(random, domain, MCA_TEMPLATE, MCA, '2023-04-02T00:00:00Z', '2026-06-30T00:00:00Z'));
    } else if (kind < 0.7) {
      c.directSigned = true;
    } else if (kind < 0.8) {
      c.agreements.push(confirmation(random, domain, MCA_TEMPLATE, MCA, '2020-01-01T00:00:00Z', '2023-03-31T00:00:00Z'));
    } else if (kind < 0.83) {
      c.agreements.push(confirmation(random, domain, CLOUD_TEMPLATE, 'MicrosoftCloudAgreement',
        '2017-01-01T00:00:00Z', '2020-01-01T00:00:00Z'));
    }
    out.push(c);
  }
  return out;
}
