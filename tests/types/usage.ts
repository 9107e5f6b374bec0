// Compiled with tsc --strict --noEmit: the public types describe real use.
import { loadCore, McaError, renderQr, qrToSvgText, type Core, type QrResult, type CsvResult, type CsvRow, type ValidationResult } from 'mca-attest';

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
}
void main;
