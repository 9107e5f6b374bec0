/**
 * mca-attest scan: every customer of the partner with its status, as a CSV
 * that opens in Excel (UTF-8 BOM, formula cells neutralised) and that,
 * with the signatory columns filled in, is an input of
 * `mca-attest bulk --flow enhanced` (country from the billing address,
 * language from the billing culture, company from the profile).
 *
 *   mca-attest scan --base-url <url> [--out <file.csv>] [--status <status>]
 *                   [--partner-roles A,B] [--indirect-reseller] [--concurrency N]
 *                   [--rate-limit N] [--rate-window-ms MS] [--separator ";"|","] [--subscriptions]
 *                   [--attestations <file.jsonl>]
 *
 * Exit status: 0 every customer read; 1 some could not be (listed with
 * status from what could be read and the error in `error`), or the list
 * ended early; 2 a usage or file error.
 */
import { loadCore, createClient, scanPortfolio } from '../web/index.js';
import { createScanCsvWriter } from '../web/scan-csv.js';
import { writeResults } from '../node/bulk-files.js';
import { createProgressLine, scanProgressText } from '../node/progress-line.js';
import { openAttestationFile } from '../node/attestation-file.js';
import { NO_TOKEN_NOTE, tokensFromEnv, TokenSetupError } from '../node/env-tokens.js';

export { SCAN_COLUMNS } from '../web/scan-csv.js';

export const SCAN_OPTIONS = {
  'base-url': { type: 'string' }, out: { type: 'string' }, status: { type: 'string' },
  'partner-roles': { type: 'string' }, 'indirect-reseller': { type: 'boolean', default: false },
  concurrency: { type: 'string', default: '8' }, 'rate-limit': { type: 'string' },
  'rate-window-ms': { type: 'string', default: '60000' }, separator: { type: 'string', default: ',' },
  subscriptions: { type: 'boolean', default: false }, 'timeout-ms': { type: 'string', default: '30000' },
  attestations: { type: 'string' },
};

export const SCAN_USAGE = `  mca-attest scan --base-url <url> [--out <file.csv>] [--status <status>]
                  [--partner-roles A,B] [--indirect-reseller] [--concurrency N]
                  [--rate-limit N] [--rate-window-ms MS] [--separator ";"|","] [--subscriptions]
                  [--attestations <file.jsonl>]`;

/** --partner-roles A,B and --indirect-reseller as detectScenario's partner (null when neither is given). */
export function partnerOf(values, usage) {
  if (values['partner-roles'] === undefined && !values['indirect-reseller']) return null;
  const roles = (values['partner-roles'] ?? '').split(',').map((r) => r.trim()).filter(Boolean);
  if (values['partner-roles'] !== undefined && roles.length === 0) throw usage('--partner-roles needs role names, e.g. AdminAgent,SalesAgent.');
  return { roles, indirectReseller: values['indirect-reseller'] };
}

function checked(values, usage) {
  if (!values['base-url']) throw usage('scan needs --base-url (Partner Center, or the backend standing in for it).');
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw usage('--concurrency must be 1 to 64.');
  const timeoutMs = Number(values['timeout-ms']);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 600_000) throw usage('--timeout-ms must be 100 to 600000.');
  if (![',', ';'].includes(values.separator)) throw usage('--separator must be "," or ";".');
  return { concurrency, timeoutMs };
}

/**
 * Runs `mca-attest scan`; resolves to the exit status.
 * @param {{ values: Record<string, any>, io: any, usage: (m: string) => Error, fileError: (m: string) => Error,
 *   rateLimitOf: (values: any) => any, defaultRateLimit: number }} run
 */
export async function scanCommand({ values, io, usage, fileError, rateLimitOf, defaultRateLimit }) {
  const { concurrency, timeoutMs } = checked(values, usage);
  const partner = partnerOf(values, usage);
  const rateLimit = rateLimitOf({ ...values, 'rate-limit': values['rate-limit'] ?? String(defaultRateLimit) });
  const core = await loadCore();
  // The reads take an App+User token (MCA_TOKEN); the status of a pending
  // enhanced attestation (--attestations) takes an App-only one
  // (MCA_APP_TOKEN, or the app registration for MSAL): the calls table says
  // which, and a missing kind stops the scan before anything is sent.
  const uses = ['listCustomers', 'getCustomer', 'getCustomerAgreements', 'getDirectSignedStatus',
    ...(values.subscriptions ? ['getCustomerSubscriptions'] : []), ...(values.attestations ? ['getAttestation'] : [])];
  const getToken = await tokensFromEnv(io.env, { calls: core.calls, uses, purpose: 'the scan' })
    .catch((e) => { throw e instanceof TokenSetupError ? usage(e.message) : e; });
  if (!getToken) io.err.write(NO_TOKEN_NOTE);
  const client = createClient({ baseUrl: values['base-url'], core, maxRetries: 5, timeoutMs, rateLimit, getToken });
  const controller = new AbortController();
  const stop = () => { if (controller.signal.aborted) process.exit(130); controller.abort(); };
  process.on('SIGINT', stop);
  const progress = createProgressLine(io.err, { format: scanProgressText });
  const writer = createScanCsvWriter({ separator: values.separator });
  const lines = [];
  let last = null;
  let failed = 0;
  let ended = null;
  try {
    const store = values.attestations ? openAttestationFile(values.attestations) : null;
    for await (const entry of scanPortfolio({ core, client, partner: partner ?? undefined, concurrency,
      subscriptions: values.subscriptions, signal: controller.signal, store,
      onProgress: (p) => { last = p; progress.onProgress({ ...p, type: 'progress' }); } })) {
      if (entry.error) failed += 1;
      if (values.status === undefined || entry.status === values.status) lines.push(writer.line(entry));
    }
  } catch (error) {
    ended = error;
  } finally {
    if (last) progress.onProgress({ ...last, type: 'done' });
    progress.clear();
    process.off('SIGINT', stop);
  }
  const text = writer.header() + lines.join('');
  if (values.out) {
    await writeResults(values.out, text).catch((e) => { throw fileError(`cannot write ${values.out}: ${e.code ?? e.message}`); });
  } else {
    io.out.write(text);
  }
  const read = last?.done ?? 0;
  if (ended) {
    io.err.write(`mca-attest: the scan ended early: ${ended.code ? `${ended.code}: ` : ''}${ended.message}\n`
      + `${read} customers were read and written.\n`);
    return 1;
  }
  const seen = values.status === undefined || lines.length > 0 ? '' : ` (none has the status ${values.status})`;
  io.err.write(`${read} customers, ${lines.length} written to ${values.out ?? 'standard output'}${seen}`
    + `${failed ? `; ${failed} could not be read` : ''}.\n`);
  return failed > 0 ? 1 : 0;
}
