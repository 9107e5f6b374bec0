// Compiled with tsc --strict --noEmit: the public types describe real use.
import { loadCore, McaError, type Core, type CsvResult, type CsvRow, type ValidationResult, type BuildResult,
  type ConfirmationPayload, type AttestationPayload, type AttestationAgreementPayload } from 'mca-attest';

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
  void csv; void line; void sep; void firstError; void streamed;
}
void main;
