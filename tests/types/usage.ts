// Compiled with tsc --strict --noEmit: the public types describe real use.
import { loadCore, McaError, type Core, type ValidationResult } from 'mca-attest';

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
  void version; void first; void id;
}
void main;
