// Types of the Partner Center emulator (mca-attest/emulator).

/** A confirmation item as Partner Center returns it. */
export interface AgreementItem {
  primaryContact: { firstName: string; lastName: string; email: string; phoneNumber?: string };
  templateId: string;
  dateAgreed: string;
  type: string;
  agreementLink: string;
  userId?: string;
  attestationId?: string;
}

export interface SeedCustomer {
  id: string;
  companyName?: string;
  country?: string;
  directSigned?: boolean;
  /** false: the partner has no relationship with it: not listed, 403 (code 20002) on its resources,
   * but GET /v1/customers/{id} opens it. Default true. */
  relationship?: boolean;
  agreements?: AgreementItem[];
  /** The customer's tenant domain (default: from the company name, `….onmicrosoft.com`). */
  domain?: string;
  /** The billing profile's culture, e.g. "nl-NL" (default: from the country, else "en-US"). */
  culture?: string;
  /** Items of GET /v1/customers/{id}/subscriptions (default none). */
  subscriptions?: SubscriptionItem[];
  note?: string;
}

/** A subscription item as Partner Center returns it (the fields the emulator keeps). */
export interface SubscriptionItem {
  id: string;
  offerId?: string;
  offerName?: string;
  status?: string;
  billingType?: string;
  quantity?: number;
  [field: string]: unknown;
}

/** The Customer resource of GET /v1/customers (list items) and GET /v1/customers/{id}. */
export interface CustomerResource {
  id: string;
  commerceId: string;
  companyProfile: { tenantId: string; domain: string; companyName: string };
  billingProfile?: { defaultAddress: { country: string }; culture: string; language: string; companyName?: string };
  relationshipToPartner: string;
  /** Only in the by-id answer. */
  allowDelegatedAccess?: boolean;
  attributes?: { objectType: string };
}

export interface AgreementTemplate {
  templateId: string;
  agreementType: string;
  agreementLink: string;
  versionRank: number;
}

export type FaultKind = '429' | '500' | '503' | 'timeout' | 'reset' | 'malformed' | '401' | '408' | '500-final';

export interface FaultOptions {
  /** Share of Partner Center requests that get a fault (0..1). */
  rate: number;
  /** Default: all but '408' and '500-final'. */
  kinds?: FaultKind[];
  /** Same seed, same faults in the same order. Default 1. */
  seed?: number;
  /** How long a 'timeout' holds its answer (ms, default 5000): set it past the client's timeoutMs. */
  delayMs?: number;
  /** Retry-After of an injected 429, in seconds (default 1). */
  retryAfter?: number;
  /** Faults at planned moments, besides the seeded ones: the at-th Partner Center request
   * (1-based, counted from start or setFaults) gets this kind, e.g. [{ kind: '401', at: 200 }]: a 401 once. */
  once?: { kind: FaultKind; at: number }[];
}

export interface RateLimitOptions {
  /** Requests per window and partner; the next one gets 429 with Retry-After. */
  perMinute: number;
  /** The window (ms, default 60000); tests shorten it. */
  windowMs?: number;
}

export interface EmulatorOptions {
  /** 0: any free port (default). */
  port?: number;
  host?: string;
  /** Default: the sample customers of customers.json (none when `generate` is given). */
  customers?: SeedCustomer[];
  /** Adds `count` varied customers made from `seed` (the same seed, the same customers) after `customers`. */
  generate?: { count: number; seed?: number } | null;
  templates?: AgreementTemplate[];
  rateLimit?: RateLimitOptions | null;
  faults?: FaultOptions | null;
  /** The description (and message) an error answer carries instead of the emulator's own, per name of
   * ERRORS (e.g. { noRelationship: '<img src=x onerror=alert(1)>' }): to test how a UI shows the service's words. */
  descriptions?: Partial<Record<string, string>> | null;
  /** Serve the documents behind downloadUri from a second server (another origin, as Partner Center does). */
  separateDocumentOrigin?: boolean;
  /** Refuse classic confirmations as retired since 2026-01-05. */
  classicRetired?: boolean;
}

export interface EmulatorStats {
  /** Partner Center requests received (not counting /_emulator/ hooks). */
  requests: number;
  /** POSTs to /v1/customers/{id}/agreements processed per customer (a replay of a retried request is not counted). */
  posts: Record<string, number>;
  /** Every POST received, per MS-RequestId (replays included). */
  postsByRequestId: Record<string, number>;
  /** POSTs to /v1/attestations/enhanced processed. */
  attestations: number;
  /** Faults injected, per kind (seeded and planned). */
  faults: Partial<Record<FaultKind, number>>;
  /** Requests answered 429 by the rate limit (rateLimit). */
  throttled: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-case names; Authorization shows as "Bearer [redacted]". */
  headers: Record<string, string | string[] | undefined>;
  body: string | null;
  status: number;
  fault: FaultKind | null;
  replayed: boolean;
}

export interface AttestationView {
  id: string;
  status: 'Pending' | 'Accepted' | 'Expired';
  companyName: string;
  country: string;
  language: string;
  createdDateTime: string;
  expirationDateTime: string;
  acceptedDateTime?: string;
  acceptanceLink: string;
}

export interface Emulator {
  /** The base URL to give createClient (no /v1). */
  readonly url: string;
  /** The origin of downloadUri: url, or the second server of separateDocumentOrigin. */
  readonly documentsUrl: string;
  /** Requests that reached the separate document server (Authorization shows as "Bearer [redacted]"). */
  documentRequests(): { method: string; path: string; headers: Record<string, string | string[] | undefined> }[];
  issueToken(options?: { mfa?: boolean; partnerId?: string; expiresInMs?: number }): Promise<string>;
  revokeToken(token: string): void;
  /** Revokes the user's sign-in sessions: every refresh token issued so far is refused (invalid_grant, AADSTS50173). */
  revokeSignInSessions(): void;
  stats(): EmulatorStats;
  requests(): LoggedRequest[];
  acceptAttestation(id: string): AttestationView | null;
  expireAttestation(id: string): AttestationView | null;
  /** Every enhanced attestation created so far, oldest first. */
  attestations(): AttestationView[];
  customer(id: string): (Required<Omit<SeedCustomer, 'note'>>) | null;
  setFaults(faults: FaultOptions | null): void;
  /** Holds every POST before it arrives; resolves with the number held once one is. */
  holdPosts(): Promise<number>;
  /** Lets the held POSTs whose client is still connected arrive; returns how many did. */
  releasePosts(): number;
  setRateLimit(rateLimit: RateLimitOptions | null): void;
  setClassicRetired(value: boolean): void;
  advanceTime(ms: number): void;
  close(): Promise<void>;
}

export function startEmulator(options?: EmulatorOptions): Promise<Emulator>;

/** The customers `generate` seeds: about 60 % confirmed, 10 % direct-signed, 30 % needing an attestation. */
export function generateCustomers(options: { count: number; seed?: number }): SeedCustomer[];
/** Page size of GET /v1/customers without `size` (assumed). */
export const DEFAULT_PAGE_SIZE: number;
/** Largest page GET /v1/customers answers with (assumed); a larger `size` gets this many. */
export const MAX_PAGE_SIZE: number;

export interface ErrorRow {
  status: number;
  code: number;
  assumed: '' | 'status' | 'code' | 'status, code';
  description: string;
  errorName?: string;
}
/** Every error the emulator answers with. */
export const ERRORS: Readonly<Record<string, ErrorRow>>;

/** The sample data the emulator starts with. */
export const fixture: {
  readonly description: string;
  readonly unknownCustomerId: string;
  readonly templates: readonly AgreementTemplate[];
  readonly customers: readonly SeedCustomer[];
};
