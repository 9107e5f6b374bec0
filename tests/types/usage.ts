// Compiled with tsc --strict --noEmit: the public types describe real use.
import {
  loadCore, createClient, McaError, translate, languages, renderQr, qrToSvgText,
  type Core, type CsvResult, type CsvRow, type ValidationResult, type Client, type ClientEvent,
  type BuildResult, type ConfirmationPayload, type AttestationPayload, type AttestationAgreementPayload,
  type QrResult, type ScenarioDecision, type ScenarioAction, type ErrorExplanation,
} from 'mca-attest';
import { startEmulator, fixture, type Emulator, type EmulatorStats } from 'mca-attest/emulator';
import { createProxy, startProxy } from 'mca-attest/proxy';
import { loadCore as loadCoreAlone, McaError as CoreError, type Core as CoreAlone } from 'mca-attest/core';

async function main(): Promise<void> {
  const core: Core = await loadCore({ wasmUrl: new URL('./mca-core.wasm', 'http://localhost/') });
  const version: string = core.version;
  const r: ValidationResult = core.validateConfirmation({ customerId: 'x' }, { now: new Date() });
  const first: string | undefined = r.errors[0]?.code;
  const id: string | undefined = r.normalized.customerId;
  try {
    core.validateConfirmation({ customerId: 'y' }, { now: Date.now() });
  } catch (e) {
    if (e instanceof McaError) {
      const code: string = e.code;
      const detail: string | null = e.detail;
      void code; void detail;
    }
  }
  const templates = [{ templateId: '117a77b0-9360-443b-8795-c6dedc750cf9', agreementType: 'MicrosoftCustomerAgreement', versionRank: 1 }];
  const built: BuildResult<ConfirmationPayload> = core.buildConfirmation({ customerId: 'x', firstName: 'Anne',
    lastName: 'de Vries', email: 'anne@contoso.nl', dateAgreed: '2026-11-20T09:30:00Z' }, { now: Date.now(), templates });
  const body: string | null = built.body;
  const email: string | undefined = built.payload?.primaryContact.email;
  const valid: ValidationResult = core.validateAttestation({ customerId: 'x', companyName: 'Contoso', country: 'NL',
    language: 'nl-NL', signatoryFirstName: 'Anne', signatoryLastName: 'de Vries', signatoryEmail: 'a@b.nl' });
  const step1: BuildResult<AttestationPayload> = core.buildAttestation({ customerId: 'x', companyName: 'Contoso',
    country: 'NL', language: 'nl-NL', signatoryFirstName: 'Anne', signatoryLastName: 'de Vries', signatoryEmail: 'a@b.nl',
    signatoryPhoneNumber: '+31201234567' });
  const language: string | undefined = step1.payload?.language;
  const step3: BuildResult<AttestationAgreementPayload> = core.buildAttestationAgreement({ attestationId: 'y' });
  const attestationId: string | undefined = step3.payload?.attestationId;
  const unicode: string = core.unicodeVersion;
  void version; void first; void id; void body; void email; void valid; void language; void attestationId; void unicode;
  const csv: CsvResult = core.parseCsv('customerId;email\r\nx;y', { flow: 'enhanced', maxRows: 10 });
  const row: CsvRow | undefined = csv.rows[0];
  const line: number | undefined = row?._line;
  const sep: ',' | ';' | '\t' = csv.separator;
  const firstError: string | undefined = csv.errors[0]?.code;
  const streamed: CsvResult = await core.parseCsvStream(new Blob(['a\n']), { separator: ',' });
  const qr: QrResult = core.qrEncode('https://cdn.partner.microsoft.com/mca/?attestationid=x', { ecc: 'Q', minVersion: 2, border: 4 });
  if (qr.ok) {
    const rows: string[] = qr.modules;
    const side: number = qr.size + 2 * qr.border;
    const svg: SVGSVGElement = renderQr(qr, { scale: 6, label: 'Scan to accept' });
    const text: string = qrToSvgText(qr);
    void rows; void side; void svg; void text;
  } else {
    const code: string | undefined = qr.errors[0]?.code;
    void code;
  }
  void csv; void line; void sep; void firstError; void streamed;
  void version; void first; void id;

  const decision: ScenarioDecision = core.detectScenario({
    customer: { id: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', isNew: false },
    priorPurchases: ['azure-subscription'],
    purchase: { kind: 'new', partner: 'existing' },
    agreements: { totalCount: 0, items: [] },
    directSigned: null,
    partner: { roles: ['AdminAgent'], indirectReseller: false },
  }, { now: Date.now(), allowedRoles: ['AdminAgent'], refreshCutoff: new Date('2023-04-01T00:00:00Z'),
    templates: [{ templateId: '117a77b0-9360-443b-8795-c6dedc750cf9', agreementType: 'MicrosoftCustomerAgreement', versionRank: 1 }] });
  const action: ScenarioAction | null = decision.action;
  const needs: boolean | null = decision.needsAttestation;
  const when: string | undefined = decision.confirmation?.dateAgreed;
  const texts: string[] = decision.reasons.map((code) => translate(code, 'nl', core.messages[code]));
  const reasonCodes: readonly string[] = core.scenarioReasons;

  const explained: ErrorExplanation = core.explainError({ status: 429, body: '', headers: { 'Retry-After': '5' } }, { now: new Date() });
  const wait: number | null = explained.retryAfterMs;
  const todo: string = translate(`${explained.code}.action`, 'nl', explained.action);
  const fromFetch: ErrorExplanation = core.explainError({ status: 0, headers: new Headers() });
  const dutch: string | undefined = languages.nl['throttled'];
  const client: Client = createClient({ baseUrl: 'http://127.0.0.1:8080' });
  const fromClient: ScenarioDecision = core.detectScenario({
    agreements: await client.getCustomerAgreements('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'),
    templates: await client.getAgreementTemplates(),
    directSigned: (await client.getDirectSignedStatus('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0')).isSigned,
  });
  void fromClient;
  void action; void needs; void when; void texts; void reasonCodes; void wait; void todo; void fromFetch; void dutch;
}
void main;

async function clientUsage(): Promise<void> {
  const em: Emulator = await startEmulator({ port: 0, rateLimit: { perMinute: 500 },
    faults: { rate: 0.2, kinds: ['429', '500', 'timeout'], seed: 3 }, classicRetired: true });
  const token: string = await em.issueToken({ mfa: true });
  const events: ClientEvent[] = [];
  const controller = new AbortController();
  const client: Client = createClient({ baseUrl: em.url, getToken: async ({ refresh }) => (refresh ? token : token),
    timeoutMs: 5000, maxRetries: 2, signal: controller.signal, onEvent: (e) => events.push(e) });
  const customerId: string = fixture.customers[0]?.id ?? fixture.unknownCustomerId;
  const list = await client.getCustomerAgreements(customerId, { correlationId: 'c', signal: controller.signal });
  const first: string | undefined = list.items[0]?.dateAgreed;
  const signed: boolean = (await client.getDirectSignedStatus(customerId)).isSigned;
  const doc: string = (await client.getAgreementDocument('t', { country: 'NL', language: 'nl-NL' })).downloadUri;
  const attestation = await client.createAttestation({ customerId, companyName: 'Contoso', country: 'NL', language: 'nl-NL',
    signatoryFirstName: 'Anne', signatoryLastName: 'de Vries', signatoryEmail: 'anne@contoso.nl' });
  const done = await client.waitForAttestation(attestation.id, { intervalMs: 100, signal: controller.signal });
  const status: string = done.status;
  await client.createAgreementFromAttestation(customerId, attestation.id);
  await client.confirmAgreement(customerId, { firstName: 'A', lastName: 'B', email: 'a@b.nl', dateAgreed: '2026-01-01T00:00:00Z' },
    { requestId: '5a0c7e2f-9b14-4d3a-8e6f-1c2b3a4d5e6f' });
  const stats: EmulatorStats = em.stats();
  const posted: number | undefined = stats.posts[customerId];
  em.acceptAttestation(attestation.id);
  em.setFaults(null);
  const handle = createProxy({ upstream: em.url, getToken: async () => token, checkSession: (req) => req.headers.cookie !== undefined });
  const p = await startProxy({ upstream: em.url, getToken: async () => token, checkSession: () => true, prefix: '/pc' });
  await p.close();
  await em.close();
  void first; void signed; void doc; void status; void posted; void handle;
}
void clientUsage;

// The element: registered on demand, configured by properties, events typed.
import { defineElement, MCAAttestationElement, MCABulkElement, type McaAttestationElement, type McaBulkElement,
  type McaSubmittedDetail } from 'mca-attest';
function elementUsage(client: Client): void {
  const Element = defineElement();
  const el: McaAttestationElement = new Element();
  el.customerId = '3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04';
  el.flow = 'classic';
  el.client = client;
  el.context = { purchase: { kind: 'new', partner: 'existing' }, priorPurchases: ['azure-subscription'] };
  el.defaults = { signatoryFirstName: 'Anne' };
  el.addEventListener('mca-submitted', (e) => {
    const detail: McaSubmittedDetail = e.detail;
    const request: string | null = detail.requestId;
    void request;
  });
  el.addEventListener('mca-error', (e) => {
    const code: string = e.detail.code;
    // <mca-bulk> sends stage 'bulk' and no customer; the others name one.
    if (e.detail.stage !== 'bulk') { const id: string = e.detail.customerId; const c: string = e.detail.error.code; void id; void c; }
    void code;
  });
  el.addEventListener('mca-decision', (e) => { const action: ScenarioAction | null = e.detail.decision.action; void action; });
  const state: string = el.state;
  defineElement('partner-mca');
  defineElement('partner-mca-2', { bulk: 'partner-bulk' });
  defineElement('partner-mca-3', { bulk: false });
  void state;
  // The tags are in HTMLElementTagNameMap; core is read as the promise of the core in use.
  const tagged: McaAttestationElement = document.createElement('mca-attestation');
  const bulkTagged: McaBulkElement = document.createElement('mca-bulk');
  const inUse: Promise<Core> = tagged.core;
  bulkTagged.core = inUse;
  tagged.core = loadCore();
  const Own: typeof MCAAttestationElement = MCAAttestationElement.define('partner-own');
  const OwnBulk: typeof MCABulkElement = MCABulkElement.define('partner-own-bulk', customElements);
  void Own; void OwnBulk;
}
void elementUsage;

// The bulk element and pacing: a limiter shared by two clients, the element's events typed.
import { createRateLimiter, type McaBulkDoneDetail, type RateLimiter } from 'mca-attest';
function bulkUsage(): void {
  const limiter: RateLimiter = createRateLimiter({ perMinute: 450 });
  const a = createClient({ baseUrl: '/pc', rateLimit: limiter });
  const b = createClient({ baseUrl: '/pc', rateLimit: { perMinute: 500, windowMs: 60_000 } });
  const bulk = document.createElement('mca-bulk') as McaBulkElement;
  bulk.client = a;
  bulk.flow = 'enhanced';
  bulk.addEventListener('mca-bulk-progress', (e) => { const left: number | null = e.detail.etaMs; void left; });
  bulk.addEventListener('mca-bulk-done', (e) => { const d: McaBulkDoneDetail = e.detail; const n: number = d.counts.submitted; void n; });
  void bulk.load(new File(['customerId\n'], 'x.csv'));
  void b;
}
void bulkUsage;

// mca-attest/bulk: the runner, journals, evidence and results, as a page or a command joins them.
import {
  runBulk, openJournal, memoryJournalBackend, createEvidenceWriter, verify, resultsCsv, createResultsWriter, csvCell,
  openIdbJournal, deleteIdbJournal, openIdbEvidence, STATES, FINAL_STATES, RESULT_COLUMNS, GENESIS,
  type BulkRun, type BulkOptions, type BulkProgress, type BulkRowState, type Journal, type VerifyResult,
} from 'mca-attest/bulk';
// mca-attest/node: the files of the bulk command.
import {
  openFileJournal, fileJournalBackend, openEvidenceFile, openReadOnlyJournal, defaultPaths, writeResults,
  createProgressLine, progressText, type EvidenceFile,
} from 'mca-attest/node';
async function bulkRunnerUsage(core: Core, client: Client): Promise<void> {
  const parsed = core.parseCsv('customerId\n3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04\n', { flow: 'classic' });
  const journal: Journal = await openJournal(memoryJournalBackend());
  const evidence = createEvidenceWriter();
  const events: BulkProgress[] = [];
  const options: BulkOptions = { core, client, rows: parsed.rows, csvErrors: parsed.errors, flow: 'classic', dryRun: true,
    journal, evidence, concurrency: 4, signal: new AbortController().signal, onProgress: (e) => events.push(e) };
  const run: BulkRun = await runBulk(options);
  const state: BulkRowState | undefined = run.rows[0]?.state;
  const submitted: number = run.counts.submitted;
  const csv: string = resultsCsv(run.rows, { separator: ';', flow: run.flow });
  const writer = createResultsWriter({ flow: 'enhanced' });
  const head: string = writer.header() + writer.line({ line: 2, customerId: 'x' }) + csvCell('=1', ';');
  const line: string = await evidence.append({ customerId: 'x', step: 'confirmation' });
  const checked: VerifyResult = await verify(line, { expectedLastHash: evidence.lastHash });
  const count: number | null = checked.ok ? checked.count : checked.index;
  const continued = createEvidenceWriter(checked.ok ? checked : { count: 0, lastHash: GENESIS });
  const entry = journal.status('x');
  const allStates: readonly BulkRowState[] = STATES;
  const final: readonly string[] = FINAL_STATES;
  const columns: readonly string[] = RESULT_COLUMNS.enhanced;
  const link: string = `${core.domain.acceptanceLink}x`;
  const idb: Journal = await openIdbJournal('mca-bulk:test');
  await deleteIdbJournal('mca-bulk:test');
  const stored = await openIdbEvidence('mca-bulk:test:evidence');
  const text: string = stored.text();
  void state; void submitted; void csv; void head; void count; void continued; void entry.phase; void allStates;
  void final; void columns; void link; void idb; void text;

  const paths = defaultPaths('customers.csv');
  const fileJournal: Journal = await openFileJournal(paths.journal);
  const backend = fileJournalBackend(paths.journal);
  const readOnly: Journal = await openReadOnlyJournal(paths.journal);
  const file: EvidenceFile = await openEvidenceFile(paths.evidence);
  await runBulk({ core, client, rows: parsed.rows, journal: fileJournal, evidence: file });
  await writeResults(paths.results, csv);
  const progress = createProgressLine({ write: (s: string) => s.length, isTTY: false }, { everyMs: 1000 });
  for (const e of events) { progress.onProgress(e); const shown: string = progressText(e); void shown; }
  progress.clear();
  const torn: { bytes: number } | null = file.torn;
  await file.close();
  void backend; void readOnly; void torn;
}
void bulkRunnerUsage;

// mca-attest/core: the core alone, with the main entry's types.
async function coreAloneUsage(): Promise<void> {
  const core: CoreAlone = await loadCoreAlone();
  const same: Core = core;
  try {
    core.validateConfirmation({ customerId: 'x' });
  } catch (e) {
    if (e instanceof CoreError) { const code: string = e.code; void code; }
  }
  void same;
}
void coreAloneUsage;

async function portfolioUsage(core: Core, client: Client): Promise<void> {
  const { scanPortfolio } = await import('mca-attest');
  const { generateCustomers, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } = await import('mca-attest/emulator');
  const em: Emulator = await startEmulator({ generate: { count: 10, seed: 1 },
    customers: [{ id: fixture.unknownCustomerId, domain: 'x.example', culture: 'nl-NL', subscriptions: [{ id: 's1', offerName: 'Azure plan' }] }] });
  const seeds = generateCustomers({ count: 3, seed: 2 });
  const sizes: number = DEFAULT_PAGE_SIZE + MAX_PAGE_SIZE + seeds.length;
  for await (const c of client.listCustomers({ size: 100, onPage: (p) => { const n: number = p.items; void n; } })) {
    const name: string | undefined = c.companyProfile?.companyName;
    const country: string | undefined = c.billingProfile?.defaultAddress?.country;
    const one = await client.getCustomer(c.id);
    const subs = await client.getCustomerSubscriptions(c.id);
    void name; void country; void one.relationshipToPartner; void subs.items[0]?.offerName;
  }
  const controller = new AbortController();
  for await (const entry of scanPortfolio({ core, client, partner: { roles: ['AdminAgent'], indirectReseller: false },
    signal: controller.signal, concurrency: 4, subscriptions: true,
    onProgress: (p) => { const left: number | null = p.remainingMs; const total: number | null = p.total; void left; void total; } })) {
    const cells: string[] = [entry.customerId, entry.companyName, entry.domain, entry.country, entry.culture, ...entry.reasons];
    const requests: number = entry.requests;
    const why: string | undefined = entry.error?.message;
    void cells; void requests; void why; void entry.status; void entry.action; void entry.pending;
  }
  await em.close();
  void sizes;
}
void portfolioUsage;
