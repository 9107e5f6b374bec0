// Compiled with tsc --strict --noEmit: the public types describe real use.
import { loadCore, McaError, type Core, type CsvResult, type CsvRow, type ValidationResult } from 'mca-attest';

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
}
void main;
