// Compiled with tsc --strict --noEmit: the public types describe real use.
import {
  loadCore, McaError, translate, languages,
  type Core, type CsvResult, type CsvRow, type ValidationResult, type ScenarioDecision, type ScenarioAction, type ErrorExplanation,
} from 'mca-attest';

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
      void code;
    }
  }
  const csv: CsvResult = core.parseCsv('customerId;email\r\nx;y', { flow: 'enhanced', maxRows: 10 });
  const row: CsvRow | undefined = csv.rows[0];
  const line: number | undefined = row?._line;
  const sep: ',' | ';' | '\t' = csv.separator;
  const firstError: string | undefined = csv.errors[0]?.code;
  const streamed: CsvResult = await core.parseCsvStream(new Blob(['a\n']), { separator: ',' });
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
  void action; void needs; void when; void texts; void reasonCodes; void wait; void todo; void fromFetch; void dutch;
}
void main;
