/**
 * The emulator's Partner Center resources: in-memory state seeded from the
 * fixture, and one handler per endpoint of docs/emulator.md. A handler
 * takes the parsed request and returns { status, body, headers? }; the
 * server (index.js) does authentication, throttling, faults and replays.
 * The checks here are the service's own (what Partner Center refuses), not
 * the component's validation rules.
 */
import { randomUUID } from 'node:crypto';
import { ERRORS, errorBody } from './assumed.js';
import { customerRecord, getCustomer, listCustomers, subscriptionsView } from './customer-list.js';

export const MCA_TEMPLATE = '117a77b0-9360-443b-8795-c6dedc750cf9';
export const MCA = 'MicrosoftCustomerAgreement';
export const MCA_LINK = 'https://aka.ms/customeragreement';
const CLOUD_TEMPLATE = '998b88de-aa99-4388-a42c-1b3517d49490';
const AGREEMENT_TYPES = new Set(['MicrosoftCustomerAgreement', 'MicrosoftCloudAgreement', '*']);
/** Assumed: Microsoft publishes no tolerance; the core refuses dates beyond now + 5 minutes too. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** downloadUri lives about five minutes (docs/emulator.md, "Endpoints"). */
export const DOCUMENT_TTL_MS = 5 * 60_000;
/** Assumed: the link expiry when the attestation does not set `expiryMinutes` (7 days, the largest seen). */
const DEFAULT_EXPIRY_MINUTES = 10080;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LANGUAGE = /^[a-z]{2,3}(-[A-Z][a-z]{3})?-[A-Z]{2}$/;   // case-sensitive, as the service takes it
const COUNTRY = /^[A-Z]{2}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** The answer for one of the errors of assumed.js. */
const fail = (name, options) => ({ status: ERRORS[name].status, body: errorBody(name, options) });
const invalid = (field, reason) => fail('invalidField', { data: [{ field, reason }], parameters: { field } });
const collection = (items) => ({ totalCount: items.length, items, attributes: { objectType: 'Collection' } });
const clone = (value) => JSON.parse(JSON.stringify(value));
const nonEmpty = (v) => typeof v === 'string' && v.trim() !== '';

/** The emulated Partner Center data of one partner. */
export class PartnerCenterState {
  constructor({ customers, templates, classicRetired = false, now }) {
    this.templates = clone(templates);
    this.customers = new Map(customers.map((c) => [c.id.toLowerCase(), customerRecord(c)]));
    this.attestations = new Map();
    this.documents = new Map();
    this.classicRetired = classicRetired;
    this.now = now;
  }

  /** Looks up a customer the partner may act for, or the error answer. */
  customer(id) {
    const customer = this.customers.get(String(id).toLowerCase());
    if (!customer) return { error: fail('customerNotFound') };
    if (!customer.relationship) return { error: fail('noRelationship') };
    return { customer };
  }

  /** GET /v1/customers?size=N, pages followed with MS-ContinuationToken (customer-list.js). */
  listCustomers(request) { return listCustomers(this.customers, request); }

  /** GET /v1/customers/{id} */
  getCustomer(request) { return getCustomer(this.customers, request); }

  /** GET /v1/customers/{id}/subscriptions */
  customerSubscriptions({ params }) {
    const { customer, error } = this.customer(params.id);
    return error ?? subscriptionsView(customer);
  }

  /** GET /v1/agreements?agreementType= (omitted: assumed MicrosoftCloudAgreement, as for customers). */
  agreementMetadata({ query }) {
    const type = query.get('agreementType') ?? 'MicrosoftCloudAgreement';
    if (!AGREEMENT_TYPES.has(type)) return fail('invalidQuery', { data: [{ field: 'agreementType' }] });
    return { status: 200, body: collection(this.templates.filter((t) => type === '*' || t.agreementType === type)) };
  }

  /** GET /v1/agreementtemplates/{id}/document?language=&country= */
  agreementDocument({ params, query, baseUrl }) {
    const template = this.templates.find((t) => t.templateId === params.id.toLowerCase());
    if (!template) return fail('templateNotFound');
    const language = query.get('language') ?? 'en-US';
    const country = query.get('country') ?? 'US';
    if (!LANGUAGE.test(language)) return fail('invalidQuery', { data: [{ field: 'language' }] });
    if (!COUNTRY.test(country)) return fail('invalidQuery', { data: [{ field: 'country' }] });
    const key = randomUUID();
    this.documents.set(key, { expiresAt: this.now() + DOCUMENT_TTL_MS, template, language, country });
    const slug = template.agreementType === MCA ? 'customeragreement' : 'cloudagreement';
    return { status: 200, body: {
      displayUri: `https://www.microsoft.com/licensing/docs/${slug}?lang=${language}&country=${country}`,
      downloadUri: `${baseUrl}/_emulator/documents/${key}`,
    } };
  }

  /** GET /_emulator/documents/{key}: the document behind a downloadUri, until it expires. */
  download(key) {
    const doc = this.documents.get(key);
    if (!doc || doc.expiresAt <= this.now()) return fail('documentExpired');
    return { status: 200, text: `${doc.template.agreementType} (${doc.language}, ${doc.country})\n`
      + 'Emulated agreement document.\n', type: 'text/plain; charset=utf-8' };
  }

  /** GET /v1/customers/{id}/agreements?agreementType= (omitted: MicrosoftCloudAgreement, the trap). */
  customerAgreements({ params, query }) {
    const { customer, error } = this.customer(params.id);
    if (error) return error;
    const type = query.get('agreementType') ?? 'MicrosoftCloudAgreement';
    if (!AGREEMENT_TYPES.has(type)) return fail('invalidQuery', { data: [{ field: 'agreementType' }] });
    return { status: 200, body: collection(clone(customer.agreements.filter((a) => type === '*' || a.type === type))) };
  }

  /** GET /v1/customers/{id}/directSignedMicrosoftCustomerAgreementStatus */
  directSigned({ params }) {
    const { customer, error } = this.customer(params.id);
    if (error) return error;
    return { status: 200, body: { isSigned: customer.directSigned } };
  }

  /** POST /v1/customers/{id}/agreements: classic confirmation, or step 3 with attestationId. */
  createAgreement({ params, body }) {
    const { customer, error } = this.customer(params.id);
    if (error) return error;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return fail('invalidBody');
    const template = this.checkTemplate(body);
    if (template.error) return template.error;
    if (body.attestationId !== undefined) return this.agreementFromAttestation(customer, body);
    if (this.classicRetired) return fail('classicRetired');
    const contact = body.primaryContact;
    if (!contact || typeof contact !== 'object') return invalid('primaryContact', 'required');
    for (const field of ['firstName', 'lastName', 'email']) {
      if (!nonEmpty(contact[field])) return invalid(`primaryContact.${field}`, 'required');
    }
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(contact.email)) return invalid('primaryContact.email', 'invalid');
    const agreed = parseDate(body.dateAgreed);
    if (agreed === null) return invalid('dateAgreed', 'invalid');
    if (agreed > this.now() + CLOCK_SKEW_MS) return fail('dateInFuture');
    const primaryContact = { firstName: contact.firstName, lastName: contact.lastName, email: contact.email };
    if (nonEmpty(contact.phoneNumber)) primaryContact.phoneNumber = contact.phoneNumber;
    const same = customer.agreements.some((a) => a.templateId === template.id
      && JSON.stringify(a.primaryContact) === JSON.stringify(primaryContact));
    if (same) return fail('alreadyExists');
    return this.store(customer, { primaryContact, templateId: template.id, dateAgreed: body.dateAgreed,
      type: MCA, agreementLink: MCA_LINK });
  }

  checkTemplate(body) {
    if (!nonEmpty(body.templateId) || !GUID.test(body.templateId)) return { error: invalid('templateId', 'invalid') };
    const id = body.templateId.toLowerCase();
    if (id === CLOUD_TEMPLATE) return { error: fail('templateRetired') };
    if (!this.templates.some((t) => t.templateId === id && t.agreementType === MCA)) return { error: fail('unknownTemplate') };
    if (body.type !== MCA) return { error: invalid('type', 'mustMatchTemplate') };
    return { id };
  }

  agreementFromAttestation(customer, body) {
    const attestation = this.attestations.get(String(body.attestationId).toLowerCase());
    if (!attestation) return fail('attestationNotFound');
    const status = this.statusOf(attestation);
    if (status === 'Expired') return fail('attestationExpired');
    if (status !== 'Accepted') return fail('attestationPending');
    if (attestation.customerId && attestation.customerId !== customer.id) return fail('attestationUsed');
    if (attestation.customerId) return fail('alreadyExists');
    attestation.customerId = customer.id;
    const a = attestation.request;
    const primaryContact = { firstName: a.signatoryFirstName, lastName: a.signatoryLastName ?? '', email: a.signatoryEmail };
    if (a.signatoryPhoneNumber) primaryContact.phoneNumber = a.signatoryPhoneNumber;
    return this.store(customer, { primaryContact, templateId: MCA_TEMPLATE, dateAgreed: attestation.acceptedDateTime,
      type: MCA, agreementLink: MCA_LINK, attestationId: attestation.id });
  }

  store(customer, agreement) {
    customer.agreements.push(agreement);
    return { status: 201, body: clone(agreement) };
  }

  /** POST /v1/attestations/enhanced → { id, status: 'Pending', … } (response shape assumed). */
  createAttestation({ body }) {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return fail('invalidBody');
    if (typeof body.country !== 'string' || !COUNTRY.test(body.country)) return invalid('country', 'invalid');
    if (typeof body.language !== 'string' || !LANGUAGE.test(body.language)) return invalid('language', 'invalid');
    for (const field of ['companyName', 'signatoryFirstName', 'signatoryEmail']) {
      if (!nonEmpty(body[field])) return invalid(field, 'required');
    }
    const minutes = body.expiryMinutes ?? DEFAULT_EXPIRY_MINUTES;
    if (!Number.isInteger(minutes) || minutes < 5 || minutes > 10080) return invalid('expiryMinutes', 'range');
    const created = this.now();
    const attestation = { id: randomUUID(), request: clone(body), createdAt: created,
      expiresAt: created + minutes * 60_000, acceptedDateTime: null, customerId: null };
    this.attestations.set(attestation.id, attestation);
    return { status: 201, body: this.view(attestation) };
  }

  /** GET /v1/attestations/enhanced/{id} (the endpoint itself is assumed: none is published). */
  getAttestation({ params }) {
    const attestation = this.attestations.get(params.id.toLowerCase());
    if (!attestation) return fail('attestationNotFound');
    return { status: 200, body: this.view(attestation) };
  }

  /** Plays the customer accepting on Microsoft's page. Returns the attestation view, or null. */
  accept(id) {
    const attestation = this.attestations.get(String(id).toLowerCase());
    if (!attestation) return null;
    if (this.statusOf(attestation) === 'Pending') attestation.acceptedDateTime = isoSeconds(this.now());
    return this.view(attestation);
  }

  /** Makes an attestation's link expire now (tests of the Expired status). */
  expire(id) {
    const attestation = this.attestations.get(String(id).toLowerCase());
    if (!attestation) return null;
    if (!attestation.acceptedDateTime) attestation.expiresAt = Math.min(attestation.expiresAt, this.now());
    return this.view(attestation);
  }

  statusOf(a) {
    if (a.acceptedDateTime) return 'Accepted';
    return a.expiresAt <= this.now() ? 'Expired' : 'Pending';
  }

  view(a) {
    const v = { id: a.id, status: this.statusOf(a), companyName: a.request.companyName, country: a.request.country,
      language: a.request.language, createdDateTime: isoSeconds(a.createdAt), expirationDateTime: isoSeconds(a.expiresAt),
      acceptanceLink: `https://cdn.partner.microsoft.com/mca/?attestationid=${a.id}` };
    if (a.acceptedDateTime) v.acceptedDateTime = a.acceptedDateTime;
    return v;
  }
}

function parseDate(value) {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

function isoSeconds(ms) {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * The routes: method, path pattern (named groups), handler name, and the
 * token it takes (partner-center-api.md: App+User documented for the reads
 * and the classic confirmation, App-only for the enhanced attestation; its
 * status read and step 3 App-only by assumption; the customer resources
 * either, as documented for the list and the customer by id, assumed for the
 * subscriptions). `byBody`: step 3 (a body with attestationId) App-only, the
 * classic confirmation App+User.
 */
export const ROUTES = [
  ['GET', /^\/v1\/customers$/, 'listCustomers', 'either'],
  ['GET', /^\/v1\/customers\/(?<id>[^/]+)$/, 'getCustomer', 'either'],
  ['GET', /^\/v1\/customers\/(?<id>[^/]+)\/subscriptions$/, 'customerSubscriptions', 'either'],
  ['GET', /^\/v1\/agreements$/, 'agreementMetadata', 'user'],
  ['GET', /^\/v1\/agreementtemplates\/(?<id>[^/]+)\/document$/, 'agreementDocument', 'user'],
  ['GET', /^\/v1\/customers\/(?<id>[^/]+)\/agreements$/, 'customerAgreements', 'user'],
  ['POST', /^\/v1\/customers\/(?<id>[^/]+)\/agreements$/, 'createAgreement', 'byBody'],
  ['GET', /^\/v1\/customers\/(?<id>[^/]+)\/directSignedMicrosoftCustomerAgreementStatus$/, 'directSigned', 'user'],
  ['POST', /^\/v1\/attestations\/enhanced$/, 'createAttestation', 'app'],
  ['GET', /^\/v1\/attestations\/enhanced\/(?<id>[^/]+)$/, 'getAttestation', 'app'],
];

/** The kind of token ('app' or 'user') a found route takes for this body. */
export function tokenKindFor(found, body) {
  if (found.token !== 'byBody') return found.token;   // 'user', 'app', or 'either' (the customer resources)
  return body && typeof body === 'object' && body.attestationId !== undefined ? 'app' : 'user';
}

/** Finds the route of a request: { handler, params } or the error answer (404, 405). */
export function route(method, path) {
  const matches = ROUTES.filter(([, pattern]) => pattern.test(path));
  if (matches.length === 0) return { error: fail('notFound') };
  const hit = matches.find(([m]) => m === method);
  if (!hit) return { error: { ...fail('methodNotAllowed'), headers: { allow: matches.map(([m]) => m).join(', ') } } };
  const params = Object.fromEntries(Object.entries(hit[1].exec(path).groups ?? {})
    .map(([k, v]) => [k, safeDecode(v)]));
  return { handler: hit[2], params, token: hit[3] };
}

function safeDecode(v) {
  try { return decodeURIComponent(v); } catch { return v; }
}
