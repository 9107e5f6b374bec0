// Types of the public API of mca-attest (checked with tsc --strict).

/** One validation finding. `code` is stable (`<field>.<rule>`); `message` is English. */
export interface Issue {
  field: string;
  code: string;
  message: string;
}

export interface ValidationResult {
  ok: boolean;
  errors: Issue[];
  warnings: Issue[];
  /** Normalised values of the fields that passed their rule. */
  normalized: Record<string, string>;
}

/** An item of GET /v1/agreements (agreement metadata). */
export interface AgreementTemplate {
  templateId: string;
  agreementType: string;
  agreementLink?: string;
  versionRank?: number;
}

export interface ValidateOptions {
  /** The caller's clock: a Date or epoch milliseconds (default: now). */
  now?: Date | number;
  /** Items of GET /v1/agreements, so that a newer MCA template is recognised
   * (and the one of highest versionRank is the default). */
  templates?: AgreementTemplate[];
}

/** The result of a build operation: the request object and its exact JSON text, null unless ok. */
export interface BuildResult<P> extends ValidationResult {
  payload: P | null;
  body: string | null;
}

/** Body of POST /v1/customers/{customerId}/agreements (classic confirmation). */
export interface ConfirmationPayload {
  primaryContact: { firstName: string; lastName: string; email: string; phoneNumber?: string };
  templateId: string;
  /** UTC, YYYY-MM-DDTHH:MM:SSZ */
  dateAgreed: string;
  /** The core's domain.agreementType. */
  type: string;
}

export interface AttestationInput {
  customerId: string;
  companyName: string;
  /** ISO 3166-1 alpha-2 */
  country: string;
  /** a culture such as nl-NL */
  language: string;
  signatoryFirstName: string;
  signatoryLastName: string;
  signatoryEmail: string;
  signatoryPhoneNumber?: string;
}

/** Body of POST /v1/attestations/enhanced (step 1). The signatory's email and
 * phone field names are not confirmed by Microsoft. */
export interface AttestationPayload {
  companyName: string;
  country: string;
  language: string;
  signatoryFirstName: string;
  signatoryLastName: string;
  signatoryEmail: string;
  signatoryPhoneNumber?: string;
}

export interface AttestationAgreementInput {
  attestationId: string;
  templateId?: string;
}

/** Body of POST /v1/customers/{customerId}/agreements recording an accepted
 * attestation (step 3; the attestationId property name is unconfirmed). */
export interface AttestationAgreementPayload {
  templateId: string;
  /** The core's domain.agreementType. */
  type: string;
  attestationId: string;
}

export interface ConfirmationInput {
  customerId: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phoneNumber?: string;
  dateAgreed?: string;
  templateId?: string;
  country?: string;
}

/** A list as an array or as Partner Center's collection. */
export type ListOf<T> = T[] | { totalCount?: number; items: T[] };

export type PriorPurchase = 'azure-subscription' | 'reserved-instances' | 'software' | 'software-subscription' | 'offer';

/** What the dashboard knows about the customer and the purchase (docs/scenario.md). */
export interface ScenarioContext {
  customer?: { id?: string; isNew?: boolean };
  priorPurchases?: PriorPurchase[];
  purchase?: { kind?: 'new' | 'auto-renewal'; partner?: 'existing' | 'new' };
  /** Items of GET customers/{id}/agreements (getCustomerAgreements' collection as it comes). */
  agreements?: ListOf<Partial<AgreementItem>>;
  /** true, false, or null when not known (also the status object { isSigned }). */
  directSigned?: boolean | null | { isSigned: boolean };
  partner?: { roles?: string[]; indirectReseller?: boolean };
  templates?: ListOf<AgreementTemplate>;
  /** The enhanced attestation last sent for the customer, as its status read shows it: Pending → awaiting-acceptance. */
  attestation?: { status: string } | null;
}

export interface ScenarioOptions extends Omit<ValidateOptions, 'templates'> {
  /** Roles allowed to attest (default GlobalAdmin, AdminAgent, HelpdeskAgent, SalesAgent). */
  allowedRoles?: string[];
  /** Acceptances dated before this need a new attestation (default 2023-04-01T00:00:00Z). */
  refreshCutoff?: Date | number | string;
  /** Items of GET /v1/agreements, so that a newer MCA template is recognised. */
  templates?: ListOf<AgreementTemplate>;
}

export type Scenario = 'existing-partner' | 'new-partner' | 'none';
export type ScenarioAction = 'attest' | 'none' | 'ask-indirect-provider' | 'ask-admin' | 'create-customer';

/** The newest MCA confirmation on record. */
export interface SelectedConfirmation {
  dateAgreed: string;
  templateId: string | null;
  primaryContact: Partial<AgreementItem['primaryContact']> | null;
  userId: string | null;
  /** null when the template is not among the known ones. */
  currentTemplate: boolean | null;
  beforeRefresh: boolean;
}

/** A decision. null means "cannot be decided from this input": the reasons name what is unknown. */
export interface ScenarioDecision {
  scenario: Scenario | null;
  needsAttestation: boolean | null;
  canAttest: boolean | null;
  action: ScenarioAction | null;
  /** Stable codes, in a fixed order; translate them by code. */
  reasons: string[];
  confirmation: SelectedConfirmation | null;
  /** The customer id, normalised, or null when absent or invalid. */
  customerId: string | null;
  /** The one word a list shows for this decision. */
  status: ScenarioStatus;
  /** The current MCA template (the highest versionRank of the templates given, else the known one). */
  templateId: string;
}

export type ScenarioStatus = 'needs-attestation' | 'confirmed' | 'confirmed-directly' | 'old-template'
  | 'cannot-attest' | 'nothing-needed' | 'unknown' | 'awaiting-acceptance';

/** matchAgreement input: the agreements read back and what was sent. */
export interface MatchAgreementInput {
  agreements: ListOf<Record<string, unknown>>;
  /** The classic confirmation sent (type, templateId, primaryContact.email, dateAgreed), or { attestationId }. */
  sent: Record<string, unknown>;
}

export interface AgreementMatch {
  found: boolean;
  /** The read-back item that is the one sent, or null. */
  agreement: Record<string, unknown> | null;
  index: number | null;
  /** Whether the matched agreement counts as an acceptance (dated on or after the refresh cut-off); null when none matched. */
  counts: boolean | null;
}

/** What a failed call did: a write was done, refused (a new request is safe), or may have happened. */
export type FailureOutcome = 'done' | 'refused' | 'unknown';

/** Each flow's input fields and the core builder of its request body. */
export interface FlowDefinition {
  builder: 'buildConfirmation' | 'buildAttestation';
  fields: string[];
  required: string[];
}

/** The domain literals the shell takes from the core. */
export interface DomainConstants {
  agreementType: string;
  templateId: string;
  refreshCutoff: string;
  /** The acceptance page up to the attestation id. */
  acceptanceLink: string;
  serviceCodes: { agreementAlreadyExists: number } & Record<string, number>;
  defaultFlow: 'classic' | 'enhanced';
  flows: { classic: FlowDefinition; enhanced: FlowDefinition };
}

/** A failed Partner Center call as received. */
export interface FailedCall {
  /** HTTP status; 0 when no answer came (network failure, timeout). */
  status: number;
  /** The response body as text (or already parsed). */
  body?: string | Record<string, unknown> | null;
  /** Response headers, names in any case. */
  headers?: Record<string, string | string[]> | Headers;
}

export interface ErrorExplanation {
  status: number | null;
  /** Partner Center's numeric code (e.g. core.domain.serviceCodes.agreementAlreadyExists), or null. */
  serviceCode: number | null;
  /** A stable code: agreement.alreadyExists, throttled, auth.mfaRequired, … */
  code: string;
  retryable: boolean;
  /** done, refused (nothing happened: a new request is safe) or unknown (resend only under its own MS-RequestId). */
  outcome: FailureOutcome;
  retryAfterMs: number | null;
  /** English; translate `code` for other languages. */
  message: string;
  /** What to do, in English; translate `${code}.action`. */
  action: string;
  requestId: string | null;
  correlationId: string | null;
  /** The service's own text (trimmed), or null. Plain text: never render as HTML. */
  detail: string | null;
}

/** Which Partner Center flow a bulk file is for: decides the field names columns map to. */
export type BulkFlow = 'classic' | 'enhanced';

export interface ParseCsvOptions {
  /** Target field names (default 'classic'). */
  flow?: BulkFlow;
  /** Force the separator instead of detecting it from the header line. */
  separator?: ',' | ';' | '\t';
  /** Data rows accepted (default 100,000); the first extra row gets csv.tooManyRows. */
  maxRows?: number;
}

/**
 * One data row: values keyed by the mapped field name (or an unknown
 * column's header text), plus `_line`, the 1-based physical line where the
 * record starts (a header named `_line` is refused, so it cannot collide).
 */
export interface CsvRow {
  _line: number;
  [field: string]: string | number;
}

export interface CsvError {
  /** 1-based physical line of the fault. */
  line: number;
  /** `csv.unterminatedQuote`, `csv.strayQuote`, `csv.tooManyFields`, `csv.tooFewFields`,
   * `csv.emptyHeader`, `csv.duplicateColumn`, `csv.invalidUtf8`, `csv.lineTooLong`, `csv.tooManyRows`, … */
  code: string;
  message: string;
  /** 1-based column, for faults of a header column. */
  column?: number;
}

export interface CsvResult {
  /** Mapped field names in file order; an unknown column keeps its header text. */
  columns: string[];
  separator: ',' | ';' | '\t';
  /** Whether the file started with a UTF-8 byte order mark. */
  bom: boolean;
  rows: CsvRow[];
  errors: CsvError[];
  /** The fault that stops the whole file (empty, unreadable header, no customerId column), or null. */
  fileError: CsvError | null;
}

export interface BuildCsvOptions extends ParseCsvOptions {
  /** The current time (default: now), for the dateAgreed rule. */
  now?: Date | number;
  /** Items of GET /v1/agreements, so that a newer MCA template is recognised. */
  templates?: object[];
}

/** One row of buildCsv: the build result of the row, without `payload`. */
export interface CsvBuiltRow {
  /** 1-based physical line where the record starts. */
  line: number;
  ok: boolean;
  errors: Issue[];
  warnings: Issue[];
  normalized: Record<string, string>;
  /** The request body's exact JSON text, or null when `ok` is false. */
  body: string | null;
}

export interface BuildCsvResult {
  flow: BulkFlow;
  columns: string[];
  separator: ',' | ';' | '\t';
  bom: boolean;
  /** One per record parseCsv would give as a row, in file order. */
  rows: CsvBuiltRow[];
  /** The records parseCsv refuses, as it reports them. */
  errors: CsvError[];
}

/** Chunks a CSV can be read from: a Blob/File, a web ReadableStream, or an async iterable (Node stream). */
export type CsvSource = Blob | ReadableStream<Uint8Array | string> | AsyncIterable<Uint8Array | ArrayBuffer | string>;

export interface MemoryStats {
  /** Size of the Wasm linear memory in bytes. */
  heapBytes: number;
  /** Bytes held by the core's allocator (0 between calls when nothing leaks). */
  bytesInUse: number;
}

/** Error correction level: L (7%), M (15%), Q (25%), H (30%) of codewords recoverable. */
export type QrEcc = 'L' | 'M' | 'Q' | 'H';

export interface QrOptions {
  /** Error correction level (default 'M'; lower case accepted). */
  ecc?: QrEcc | 'l' | 'm' | 'q' | 'h';
  /** Smallest version to use, 1-40 (default 1). */
  minVersion?: number;
  /** Quiet zone in modules that renderers add around the symbol, 0-16 (default 4). */
  border?: number;
}

/** A QR symbol. */
export interface QrSymbol {
  ok: true;
  errors: Issue[];
  warnings: Issue[];
  normalized: Record<string, string>;
  /** 1-40. */
  version: number;
  /** Modules per side (version * 4 + 17), without the quiet zone. */
  size: number;
  ecc: QrEcc;
  /** The mask pattern chosen (0-7). */
  mask: number;
  border: number;
  /** One string per row, top to bottom, of `size` characters: '1' dark, '0' light. */
  modules: string[];
}

/** Text that cannot be encoded: `text.required`, `text.type`, `text.tooLong`,
 * `text.invalidUtf8`, `ecc.invalid`, `minVersion.invalid`, `border.invalid`. */
export interface QrFailure {
  ok: false;
  errors: Issue[];
  warnings: Issue[];
  normalized: Record<string, string>;
}

export type QrResult = QrSymbol | QrFailure;

export interface RenderQrOptions {
  /** Pixels per module (default 4). */
  scale?: number;
  /** Accessible name of the image (default 'QR code'). */
  label?: string;
}

/** An <svg role="img"> with one <path> of dark modules on a light square with the quiet zone. */
export function renderQr(result: QrResult, options?: RenderQrOptions & { document?: Document }): SVGSVGElement;
/** The same drawing as standalone SVG text (label escaped). */
export function qrToSvgText(result: QrResult, options?: RenderQrOptions): string;
/** Path data of the dark modules in module units, quiet zone included. */
export function qrPathData(result: QrResult): string;

/** The kind of token a Partner Center call takes: App+User (delegated) or App-only (client credentials). */
export type TokenKind = 'user' | 'app';

export interface PartnerCenterCall {
  readonly method: 'GET' | 'POST';
  /** The path with placeholders, e.g. "/v1/customers/{customerId}/agreements". */
  readonly path: string;
  readonly token: TokenKind;
  /** The bulk flows that make this call. */
  readonly flows: readonly ('classic' | 'enhanced')[];
  /** A member the JSON body has for this call (step 3 shares its route with the classic confirmation). */
  readonly bodyHas?: string;
}

export type TokenKindResult = { ok: true; call: string; token: TokenKind } | { ok: false; code: 'calls.unknown' };

export interface Core {
  readonly version: string;
  /** Each Partner Center call of the client, by the client's method name. */
  readonly calls: Readonly<Record<string, PartnerCenterCall>>;
  /** English text of every code the core emits. */
  readonly messages: Readonly<Record<string, string>>;
  /** Every reason code detectScenario can list, in the order results list them. */
  readonly scenarioReasons: readonly string[];
  /** Every code explainError can return. */
  readonly errorCodes: readonly string[];
  /** Version of the Unicode data behind the name and email rules. */
  readonly unicodeVersion: string;
  validateConfirmation(input: ConfirmationInput | Record<string, unknown>, options?: ValidateOptions): ValidationResult;
  buildConfirmation(input: ConfirmationInput | Record<string, unknown>, options?: ValidateOptions): BuildResult<ConfirmationPayload>;
  validateAttestation(input: AttestationInput | Record<string, unknown>, options?: ValidateOptions): ValidationResult;
  buildAttestation(input: AttestationInput | Record<string, unknown>, options?: ValidateOptions): BuildResult<AttestationPayload>;
  buildAttestationAgreement(input: AttestationAgreementInput | Record<string, unknown>, options?: ValidateOptions): BuildResult<AttestationAgreementPayload>;
  detectScenario(context: ScenarioContext | Record<string, unknown>, options?: ScenarioOptions): ScenarioDecision;
  explainError(failure: FailedCall, options?: ValidateOptions): ErrorExplanation;
  /** Whether a read-back agreement is the one sent. */
  matchAgreement(input: MatchAgreementInput, options?: { refreshCutoff?: Date | number | string }): AgreementMatch;
  /** The domain literals (agreement type, template, service codes, link, flows). */
  readonly domain: Readonly<DomainConstants>;
  /** Parses bulk input. A string is encoded as UTF-8; bytes are checked for invalid UTF-8 per line. */
  parseCsv(text: string | Uint8Array | ArrayBuffer, options?: ParseCsvOptions): CsvResult;
  /** parseCsv for a file or stream, read chunk by chunk into the core's memory. */
  parseCsvStream(source: CsvSource, options?: ParseCsvOptions): Promise<CsvResult>;
  /** The batch: every row of a CSV validated, normalised and its body built
   * (buildConfirmation or buildAttestation, by flow) in one call. */
  buildCsv(text: string | Uint8Array | ArrayBuffer, options?: BuildCsvOptions): BuildCsvResult;
  /** Encodes text (UTF-8 byte mode, or numeric/alphanumeric when the text allows) as a QR symbol. */
  qrEncode(text: string, options?: QrOptions): QrResult;
  /** The call a request is and the kind of token it takes. */
  tokenKind(request: { method: string; path: string; body?: unknown }): TokenKindResult;
  memoryStats(): MemoryStats;
}

export interface LoadCoreOptions {
  /** Where the .wasm is (default: next to the module). */
  wasmUrl?: string | URL;
  /** The .wasm bytes, when the caller already has them. */
  wasmBinary?: ArrayBuffer | Uint8Array;
}

/** Text of a code in a language ('nl', 'nl-NL', 'en'), else English, else fallback, else the code. */
export function translate(code: string, lang?: string, fallback?: string): string;

/** The translation tables by base language. */
export const languages: Readonly<Record<'en' | 'nl', Readonly<Record<string, string>>>>;

/** Loads the core; cached when called without options. */
export function loadCore(options?: LoadCoreOptions): Promise<Core>;

export interface McaErrorFields {
  code: string;
  message?: string;
  status?: number | null;
  serviceCode?: number | null;
  retryable?: boolean;
  outcome?: FailureOutcome | null;
  retryAfterMs?: number | null;
  action?: string | null;
  requestId?: string | null;
  correlationId?: string | null;
  /** The service's own text (plain text: never render as HTML), or null. */
  detail?: string | null;
  errors?: Issue[];
}

/** Every error the library throws. */
export class McaError extends Error {
  constructor(fields: McaErrorFields, options?: { cause?: unknown });
  readonly code: string;
  readonly status: number | null;
  readonly serviceCode: number | null;
  readonly retryable: boolean;
  /** From explainError; null for an error raised before anything was sent. */
  readonly outcome: FailureOutcome | null;
  readonly retryAfterMs: number | null;
  readonly action: string | null;
  readonly requestId: string | null;
  readonly correlationId: string | null;
  /** The service's own text (explainError's detail), or null. Plain text: never render as HTML. */
  readonly detail: string | null;
  readonly errors: Issue[];
}

// ---- Partner Center client ----------------------------------------------

/** The optional last argument of every client method. */
export interface CallOptions {
  /** Cancels this call (retries and waits included). */
  signal?: AbortSignal;
  /** Ties this call to others of the same user action (default: a new GUID per call). */
  correlationId?: string;
  /**
   * The MS-RequestId of this call's request (a GUID; default: a new one). Pass the id
   * of a request whose answer was lost (recorded before sending) so the service can
   * recognise the retry instead of storing it again.
   */
  requestId?: string;
}

export interface ClientEvent {
  type: 'request' | 'response' | 'retry' | 'poll';
  method?: string;
  path?: string;
  attempt?: number;
  status?: number | string;
  durationMs?: number;
  /** For retries: '401', '429', '5xx status', 'timeout', 'network', 'malformed'. */
  reason?: string;
  delayMs?: number;
  requestId?: string | null;
  correlationId: string;
  id?: string;
}

export interface ClientOptions {
  /** Origin (and optional path prefix) standing in for https://api.partnercenter.microsoft.com, without /v1. */
  baseUrl: string;
  /** Bearer token provider; omit it when the partner's backend adds the token. */
  getToken?: (options: { kind: TokenKind; refresh: boolean; signal?: AbortSignal }) => Promise<string | null | undefined> | string | null | undefined;
  fetch?: typeof fetch;
  /** Cancels every call of this client. */
  signal?: AbortSignal;
  /** Per attempt (default 30000). */
  timeoutMs?: number;
  /** Retries after 429, 5xx, timeouts, network failures and unreadable bodies (default 3). */
  maxRetries?: number;
  /** Progress of requests; never carries the token. */
  onEvent?: (event: ClientEvent) => void;
  /** The core to build bodies and explain errors with (default: loadCore()). */
  core?: Core | Promise<Core>;
  /**
   * Paces every attempt under the service's limit: at most `perMinute` requests in any `windowMs`
   * (default 60000), counted from each answer. A limiter from createRateLimiter() is shared by the
   * clients given it. Omitted, null or 0: no pacing (429s are still honoured).
   */
  rateLimit?: RateLimitOptions | RateLimiter | null | 0;
}

export interface RateLimitOptions {
  perMinute: number;
  windowMs?: number;
}

/** A sliding window of request slots (web/rate-limit.js). */
export interface RateLimiter {
  /** Resolves, when a slot is free, to the function that ends the request's hold on it. */
  acquire(signal?: AbortSignal | null): Promise<() => void>;
  readonly perMinute: number;
  readonly windowMs: number;
  readonly inUse: number;
  readonly waiting: number;
}

export function createRateLimiter(options: RateLimitOptions): RateLimiter;

/** A Partner Center collection as sent. */
export interface Collection<T> {
  totalCount: number;
  items: T[];
  attributes?: Record<string, unknown>;
}

export interface AgreementTemplateItem {
  templateId: string;
  agreementType: string;
  agreementLink: string;
  versionRank: number;
}

export interface AgreementItem {
  primaryContact: { firstName: string; lastName: string; email: string; phoneNumber?: string };
  templateId: string;
  dateAgreed: string;
  type: string;
  agreementLink?: string;
  userId?: string;
  attestationId?: string;
}

export interface AgreementDocument {
  displayUri: string;
  /** Expires after about five minutes: ask when the user clicks. */
  downloadUri: string;
}

export interface Attestation {
  id: string;
  status: 'Pending' | 'Accepted' | 'Expired' | string;
  [field: string]: unknown;
}

/** An item of GET /v1/customers (and the answer of GET /v1/customers/{id}), as Partner Center sends it. */
export interface Customer {
  id: string;
  commerceId?: string;
  companyProfile?: { tenantId?: string; domain?: string; companyName?: string; [field: string]: unknown };
  billingProfile?: { defaultAddress?: { country?: string; [field: string]: unknown }; culture?: string; language?: string;
    companyName?: string; [field: string]: unknown };
  relationshipToPartner?: string;
  /** Only in the by-id answer. */
  allowDelegatedAccess?: boolean;
  [field: string]: unknown;
}

export interface Subscription {
  id: string;
  offerId?: string;
  offerName?: string;
  status?: string;
  billingType?: string;
  [field: string]: unknown;
}

export interface ListCustomersOptions {
  /** Customers per page (default 500, the largest page assumed). */
  size?: number;
  signal?: AbortSignal;
  /** One correlation id for every page (default: a new one). */
  correlationId?: string;
  /** Called after each page read. */
  onPage?: (page: { page: number; items: number }) => void;
}

/**
 * The error that ends a customer walk or a scan early: McaError with what was read before it
 * (code 'customers.pageLoop', 'customers.malformedPage', 'aborted', or the failed page's).
 */
export interface PartialReadError extends McaError {
  /** Customers yielded before the error. */
  readonly read: number;
  /** Pages read before the error (listCustomers). */
  readonly pages?: number;
}

export interface Client {
  /** Every listed customer, following links.next (MS-ContinuationToken) until a page has none. */
  listCustomers(options?: ListCustomersOptions): AsyncIterable<Customer>;
  getCustomer(customerId: string, call?: CallOptions): Promise<Customer>;
  getCustomerSubscriptions(customerId: string, call?: CallOptions): Promise<Collection<Subscription>>;
  getAgreementTemplates(call?: CallOptions): Promise<Collection<AgreementTemplateItem>>;
  getAgreementDocument(templateId: string, options?: { country?: string; language?: string }, call?: CallOptions): Promise<AgreementDocument>;
  /** Always asks for agreementType=core.domain.agreementType. */
  getCustomerAgreements(customerId: string, call?: CallOptions): Promise<Collection<AgreementItem>>;
  getDirectSignedStatus(customerId: string, call?: CallOptions): Promise<{ isSigned: boolean }>;
  /** Body from core.buildConfirmation; McaError code 'validation' before sending when it is not ok. */
  confirmAgreement(customerId: string, input: ConfirmationInput | Record<string, unknown>, call?: CallOptions): Promise<AgreementItem>;
  /** Body from core.buildAttestation. */
  createAttestation(input: AttestationInput | Record<string, unknown>, call?: CallOptions): Promise<Attestation>;
  getAttestation(id: string, call?: CallOptions): Promise<Attestation>;
  /** Polls getAttestation until the status is no longer Pending. */
  waitForAttestation(id: string, options?: { intervalMs?: number } & CallOptions): Promise<Attestation>;
  /** Body from core.buildAttestationAgreement. */
  createAgreementFromAttestation(customerId: string, attestationId: string, call?: CallOptions): Promise<AgreementItem>;
}

export function createClient(options: ClientOptions): Client;

// ---- The portfolio scan ---------------------------------------------------

export interface ScanProgress {
  /** Customers decided. */
  done: number;
  /** Customers listed so far. */
  listed: number;
  /** All customers, once the last page was read; null before. */
  total: number | null;
  /** Customers with a read that failed (status from what could be read). */
  failed: number;
  /** Partner Center requests so far (pages and per-customer reads; retries not counted). */
  requests: number;
  rowsPerSecond: number;
  elapsedMs: number;
  /** Estimated time left, once the total is known; else null. */
  remainingMs: number | null;
}

export interface ScanOptions {
  core: Core;
  client: Client;
  /** The partner's roles and whether it is an indirect reseller, as detectScenario takes them. */
  partner?: { roles?: string[]; indirectReseller?: boolean };
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
  /** Customers decided at once (default 8, 1 to 64). */
  concurrency?: number;
  /** Read each customer's subscriptions as its prior purchases (default: one assumed). */
  subscriptions?: boolean;
  /** Page size of the customer list (default: the client's). */
  size?: number;
  correlationId?: string;
  /** The time decisions are made at (default Date.now). */
  now?: () => number;
  /** Attestations sent before: a customer with a pending one gets its status read (awaiting-acceptance while Pending). */
  store?: AttestationStore | null;
  /**
   * What only the partner's own systems know of a customer (the kind of purchase, a new partner, indirect
   * reseller), merged into what detectScenario gets: purchase, priorPurchases and customer replace the scan's
   * assumptions, partner is merged over `partner` key by key. A throw or an answer that is no object leaves
   * the purchase unknown, with the error `scan.contextFailed` on the entry.
   */
  context?: ((customer: ScanCustomer) => ScanContext | null | undefined | Promise<ScanContext | null | undefined>) | null;
}

/** The customer as the scan's context function gets it: from the list item (the profile). */
export interface ScanCustomer {
  id: string;
  companyName: string;
  domain: string;
  country: string;
  culture: string;
}

/** The part of detectScenario's context a scan takes from the partner's own systems. */
export type ScanContext = Pick<ScenarioContext, 'customer' | 'priorPurchases' | 'purchase' | 'partner'>;

export interface ScanError {
  code: string;
  message: string;
  status: number | null;
  serviceCode: number | null;
  requestId: string | null;
  correlationId: string | null;
}

export interface ScanEntry {
  customerId: string;
  companyName: string;
  domain: string;
  /** From the billing profile (ISO 3166-1 alpha-2), '' when Partner Center has none. */
  country: string;
  /** From the billing profile, e.g. 'nl-NL'; '' when Partner Center has none. */
  culture: string;
  /** detectScenario's status. */
  status: string | null;
  action: ScenarioAction | null;
  reasons: string[];
  /** A pending attestation of the customer, or null. */
  pending: { attestationId: string; link: string; expiresAt: string | null; status: string } | null;
  /** Partner Center requests this customer took (retries not counted). */
  requests: number;
  /** The first read that failed, explained; null when every read succeeded. */
  error: ScanError | null;
}

// ---- The attestation store ------------------------------------------------

export interface AttestationRecord {
  attestationId: string;
  customerId: string;
  link: string;
  /** expirationDateTime of the attestation, when known. */
  expiresAt: string | null;
  createdAt: string;
  /** The attestation's input (companyName, country, language, signatory…): a new link is made from it. */
  values: Record<string, string>;
  state: 'pending' | 'recorded' | 'expired';
  agreement?: AgreementItem | null;
  recordedAt?: string;
}

export interface AttestationBackend {
  all(): Promise<AttestationRecord[]>;
  get(attestationId: string): Promise<AttestationRecord | null>;
  put(record: AttestationRecord): Promise<void>;
}

export interface AttestationStore {
  add(record: { attestationId: string; customerId: string; link: string; expiresAt?: string | null;
    values?: Record<string, string>; createdAt?: string }): Promise<AttestationRecord>;
  get(attestationId: string): Promise<AttestationRecord | null>;
  /** Newest first. */
  list(options?: { state?: AttestationRecord['state'] }): Promise<AttestationRecord[]>;
  pendingFor(customerId: string): Promise<AttestationRecord | null>;
  expire(attestationId: string): Promise<AttestationRecord | null>;
  /** Runs record() (step 3) at most once per attestation, across tabs (Web Locks) and runs. */
  recordOnce(attestationId: string, record: () => Promise<AgreementItem | null>):
    Promise<{ recorded: boolean; record: AttestationRecord }>;
}

export function createAttestationStore(backend?: AttestationBackend): AttestationStore;
export function memoryAttestationBackend(): AttestationBackend;
/** IndexedDB (browsers); database name default 'mca-attestations'. */
export function idbAttestationBackend(name?: string): AttestationBackend;
/** The page's store: IndexedDB, or memory where there is none. */
export function defaultAttestationStore(): AttestationStore;

/** The columns of a scan CSV (mca-attest scan, the dashboard's export). */
export const SCAN_COLUMNS: readonly string[];
/** A scan CSV: UTF-8 BOM, CRLF, formula cells neutralised; with the signatory filled in, an input of the enhanced bulk flow. */
export function scanCsv(entries: ScanEntry[], options?: { separator?: ',' | ';' }): string;
export function createScanCsvWriter(options?: { separator?: ',' | ';' }): { header(): string; line(entry: ScanEntry): string };

/** Every listed customer with its status; an async iterable (`for await`), entries as they are decided. */
export function scanPortfolio(options: ScanOptions): AsyncIterable<ScanEntry>;

// ---- The element ----------------------------------------------------------

/** detail of `mca-decision`: what Partner Center holds and what the core decided. */
export interface McaDecisionDetail {
  customerId: string;
  decision: ScenarioDecision;
  agreements: AgreementItem[];
  directSigned: boolean | null;
  templates: AgreementTemplateItem[];
}

/** detail of `mca-pending`: an enhanced attestation waits for the customer. */
export interface McaPendingDetail {
  customerId: string;
  attestationId: string;
  /** https://cdn.partner.microsoft.com/mca/?attestationid=… */
  link: string;
  expirationDateTime: string | null;
}

/** detail of `mca-submitted`: the agreement is recorded (and read back when `verified`). */
export interface McaSubmittedDetail {
  customerId: string;
  flow: 'classic' | 'enhanced';
  agreement: AgreementItem;
  verified: boolean;
  attestationId: string | null;
  requestId: string | null;
  correlationId: string;
}

/** detail of `mca-error` from <mca-attestation>. */
export interface McaErrorDetail {
  customerId: string;
  stage: 'read' | 'document' | 'submit' | 'wait';
  error: McaError;
  code: string;
  requestId: string | null;
  correlationId: string | null;
}

/** detail of `mca-error` from <mca-bulk>: the file or the run failed (no single customer). */
export interface McaBulkErrorDetail {
  stage: 'bulk';
  error: unknown;
  code: string;
}

export type McaElementState = 'idle' | 'loading' | 'ready' | 'submitting' | 'awaiting' | 'done' | 'expired' | 'error';

/** <mca-attestation>, registered by defineElement(). */
export interface McaAttestationElement extends HTMLElement {
  customerId: string;
  flow: 'classic' | 'enhanced';
  baseUrl: string | null;
  companyName: string;
  country: string;
  customerLanguage: string;
  pollInterval: number;
  client: Client | null;
  context: Partial<ScenarioContext> | null;
  defaults: Record<string, string>;
  /** The core in use (read: loadCore() unless one was set); set a core or a promise of one. */
  get core(): Promise<Core>;
  set core(value: Core | Promise<Core>);
  readonly state: McaElementState;
  readonly decision: ScenarioDecision | null;
  readonly result: Record<string, unknown> | null;
  readonly uiLang: 'en' | 'nl';
  refresh(): void;
  cancel(): void;
  /** After the reads: a new link for an expired attestation, with its kept values; false when none expired. */
  createNewLink(): Promise<boolean>;
  handleClientEvent(event: ClientEvent): void;
}

export type McaBulkState = 'empty' | 'reading' | 'checking' | 'checked' | 'submitting' | 'done' | 'error';
export type BulkRowState = 'submitted' | 'already-confirmed' | 'skipped' | 'invalid' | 'failed' | 'awaiting-acceptance';

/** detail of `mca-bulk-progress` (runBulk's progress event). */
export interface McaBulkProgressDetail {
  type: 'start' | 'progress' | 'done';
  total: number;
  done: number;
  counts: Record<BulkRowState, number>;
  elapsedMs: number;
  rowsPerSecond: number;
  etaMs: number | null;
}

/** detail of `mca-bulk-checked` (the dry run). */
export interface McaBulkCheckedDetail {
  flow: 'classic' | 'enhanced';
  total: number;
  counts: Record<BulkRowState, number>;
  toSend: number;
}

/** detail of `mca-bulk-done` (a submit ended, finished or cancelled). */
export interface McaBulkDoneDetail {
  flow: 'classic' | 'enhanced';
  total: number;
  counts: Record<BulkRowState, number>;
  complete: boolean;
  cancelled: boolean;
  elapsedMs: number;
  rowsPerSecond: number;
  lastHash: string;
}

/** <mca-bulk>, registered by defineElement() (option `bulk`). */
export interface McaBulkElement extends HTMLElement {
  flow: 'classic' | 'enhanced';
  baseUrl: string | null;
  readonly concurrency: number;
  readonly rateLimit: RateLimitOptions | null;
  readonly journalName: string;
  client: Client | null;
  /** The core in use (read: loadCore() unless one was set); set a core or a promise of one. */
  get core(): Promise<Core>;
  set core(value: Core | Promise<Core>);
  readonly state: McaBulkState;
  readonly result: Record<string, unknown> | null;
  readonly uiLang: 'en' | 'nl';
  /** Takes a file as if it was picked: reads it and runs the dry run. */
  load(file: File): Promise<void>;
  cancel(): void;
  /** Forgets the stored run (source, journal, evidence in IndexedDB). */
  forget(): Promise<void>;
}

/**
 * Registers <mca-attestation> (default tag 'mca-attestation') and <mca-bulk> (option `bulk`, default
 * 'mca-bulk'; false: not registered); idempotent; returns the attestation element's class.
 */
export function defineElement(tagName?: string, options?: { bulk?: string | false }):
  typeof MCAAttestationElement;

/** The class of <mca-attestation>; define(tag, registry) registers it (default 'mca-attestation'). */
export declare const MCAAttestationElement: {
  new (): McaAttestationElement;
  prototype: McaAttestationElement;
  readonly observedAttributes: string[];
  define(tagName?: string, registry?: CustomElementRegistry): typeof MCAAttestationElement;
};

/** The class of <mca-bulk>; define(tag, registry) registers it (default 'mca-bulk'). */
export declare const MCABulkElement: {
  new (): McaBulkElement;
  prototype: McaBulkElement;
  readonly observedAttributes: string[];
  define(tagName?: string, registry?: CustomElementRegistry): typeof MCABulkElement;
};

declare global {
  interface HTMLElementTagNameMap {
    'mca-attestation': McaAttestationElement;
    'mca-bulk': McaBulkElement;
  }
  interface HTMLElementEventMap {
    'mca-decision': CustomEvent<McaDecisionDetail>;
    'mca-pending': CustomEvent<McaPendingDetail>;
    'mca-submitted': CustomEvent<McaSubmittedDetail>;
    'mca-error': CustomEvent<McaErrorDetail | McaBulkErrorDetail>;
    'mca-bulk-checked': CustomEvent<McaBulkCheckedDetail>;
    'mca-bulk-progress': CustomEvent<McaBulkProgressDetail>;
    'mca-bulk-done': CustomEvent<McaBulkDoneDetail>;
  }
}
