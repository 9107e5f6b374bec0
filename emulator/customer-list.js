/**
 * The emulator's customer resources: the Customer object as Partner Center
 * shapes it, the paged list (GET /v1/customers?size=N, followed through
 * links.next and its MS-ContinuationToken header), one customer by id and
 * its subscriptions. Page sizes and the token's form are assumed
 * (docs/emulator.md, "Assumed behaviour").
 */
import { ERRORS, errorBody } from './assumed.js';

/** Assumed: Microsoft publishes no default page size; its SDK samples ask for 40. */
export const DEFAULT_PAGE_SIZE = 40;
/** Assumed: Microsoft publishes no maximum; a larger `size` is answered with this many. */
export const MAX_PAGE_SIZE = 500;
const TOKEN_PREFIX = 'emu1.';

/** Assumed: the billing culture of a seed customer that names none, by country. */
const CULTURES = Object.freeze({
  NL: 'nl-NL', BE: 'nl-BE', DE: 'de-DE', AT: 'de-AT', CH: 'de-CH', FR: 'fr-FR', GB: 'en-GB', IE: 'en-IE',
  US: 'en-US', CA: 'en-CA', AU: 'en-AU', NZ: 'en-NZ', ES: 'es-ES', IT: 'it-IT', PT: 'pt-PT', BR: 'pt-BR',
  SE: 'sv-SE', NO: 'nb-NO', DK: 'da-DK', FI: 'fi-FI', PL: 'pl-PL', JP: 'ja-JP',
});

const fail = (name, options) => ({ status: ERRORS[name].status, body: errorBody(name, options) });

/** The record the emulator keeps of one seed customer. */
export function customerRecord(c) {
  const id = c.id.toLowerCase();
  const country = c.country ?? '';
  const culture = c.culture ?? CULTURES[country] ?? 'en-US';
  return {
    id, companyName: c.companyName ?? '', country, culture,
    domain: c.domain ?? `${slug(c.companyName ?? id)}.onmicrosoft.com`,
    directSigned: c.directSigned === true, relationship: c.relationship !== false,
    subscriptions: structuredClone(c.subscriptions ?? []),
    agreements: structuredClone(c.agreements ?? []),
  };
}

function slug(name) {
  const s = String(name).normalize('NFKD').replace(/[^A-Za-z0-9]/g, '').toLowerCase().slice(0, 27);
  return s || 'customer';
}

/** The Customer resource; `byId` adds what only the single read carries (allowDelegatedAccess). */
export function customerView(c, { byId = false } = {}) {
  const view = {
    id: c.id, commerceId: c.id,
    companyProfile: { tenantId: c.id, domain: c.domain, companyName: c.companyName },
    billingProfile: { defaultAddress: { country: c.country }, culture: c.culture,
      language: c.culture.split('-')[0], companyName: c.companyName },
    relationshipToPartner: c.relationship ? 'reseller' : 'none',
    attributes: { objectType: 'Customer' },
  };
  if (byId) view.allowDelegatedAccess = c.relationship;
  return view;
}

/** An opaque continuation token: where the next page starts (offset) in the list. */
function encodeToken(offset) {
  return TOKEN_PREFIX + Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeToken(token) {
  if (typeof token !== 'string' || !token.startsWith(TOKEN_PREFIX)) return null;
  try {
    const { o } = JSON.parse(Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url').toString('utf8'));
    return Number.isInteger(o) && o >= 0 ? o : null;
  } catch {
    return null;
  }
}

/**
 * GET /v1/customers?size=N (MS-ContinuationToken: the next page). Lists the
 * customers the partner has a relationship with, in a stable order.
 */
export function listCustomers(customers, { query, headers }) {
  const sizeText = query.get('size');
  let size = DEFAULT_PAGE_SIZE;
  if (sizeText !== null) {
    size = /^\d{1,9}$/.test(sizeText) ? Number(sizeText) : 0;
    if (size < 1) return fail('invalidQuery', { data: [{ field: 'size' }] });
    size = Math.min(size, MAX_PAGE_SIZE);
  }
  const token = headers['ms-continuationtoken'];
  let offset = 0;
  if (token !== undefined) {
    offset = decodeToken(token);
    if (offset === null) return fail('invalidQuery', { data: [{ field: 'MS-ContinuationToken' }] });
  }
  const listed = [...customers.values()].filter((c) => c.relationship);
  const items = listed.slice(offset, offset + size).map((c) => customerView(c));
  const self = `/customers?size=${size}`;
  const links = { self: { uri: self, method: 'GET', headers: [] } };
  if (offset + size < listed.length) {
    links.next = { uri: `/customers?size=${size}&seekOperation=Next`, method: 'GET',
      headers: [{ key: 'MS-ContinuationToken', value: encodeToken(offset + size) }] };
  }
  return { status: 200, body: { totalCount: items.length, items, links, attributes: { objectType: 'Collection' } } };
}

/** GET /v1/customers/{id}: also a customer without relationship (it is not listed, but can be opened). */
export function getCustomer(customers, { params }) {
  const c = customers.get(String(params.id).toLowerCase());
  if (!c) return fail('customerNotFound');
  return { status: 200, body: customerView(c, { byId: true }) };
}

/** GET /v1/customers/{id}/subscriptions → { totalCount, items, links, attributes }. */
export function subscriptionsView(c) {
  const items = structuredClone(c.subscriptions);
  return { status: 200, body: { totalCount: items.length, items, links: { self: { uri: `/customers/${c.id}/subscriptions`,
    method: 'GET', headers: [] } }, attributes: { objectType: 'Collection' } } };
}
