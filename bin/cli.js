/**
 * The mca-attest command (bin/mca-attest.js runs it): the bulk flow from a terminal, without a browser.
 *
 *   mca-attest bulk <file.csv> --base-url <url> [--flow enhanced|classic] [--dry-run]
 *                   [--partner-roles A,B] [--indirect-reseller]
 *                   [--journal <file>] [--results <file>] [--evidence <file>] [--concurrency N]
 *                   [--timeout-ms N] [--rate-limit N] [--rate-window-ms MS] [--watch [--interval S]]
 *   mca-attest verify <evidence-file> [--expected-last-hash <hex>]
 *   mca-attest validate <file.csv> [--flow enhanced|classic] [--results <file>]
 *
 * validate checks a file offline (no network, no token): exit 0 all rows
 * valid, 1 some invalid, 2 a usage or file error.
 * Tokens come from the environment, never from the command line: MCA_TOKEN
 * (App+User) for the reads and the classic confirmation, MCA_APP_TOKEN
 * (App-only) for the enhanced writes, or the app registration for MSAL
 * (node/env-tokens.js). Exit status: 0 every row reached a final state and none
 * failed; 1 some failed, cannot be attested by this partner, or are
 * unfinished (awaiting acceptance, cancelled): run again to resume; 2 a
 * usage or file error.
 */
import { setMaxListeners } from 'node:events';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCore, createClient } from '../web/index.js';
import { verify } from '../web/bulk/evidence.js';
import { openFileJournal } from '../node/journal-file.js';
import { createResultsWriter, RESULT_COLUMNS } from '../web/bulk/results.js';
import { runBulk } from '../web/bulk/runner.js';
import { prepareCsv } from '../web/bulk/prepare.js';
import { defaultPaths, openEvidenceFile, openReadOnlyJournal, writeResults } from '../node/bulk-files.js';
import { createProgressLine } from '../node/progress-line.js';
import { NO_TOKEN_NOTE, tokensFromEnv, TokenSetupError } from '../node/env-tokens.js';
import { partnerOf, scanCommand, SCAN_OPTIONS, SCAN_USAGE } from './scan.js';

/**
 * Requests per minute the command paces itself to: under Partner Center's
 * published 500 per minute per tenant, leaving room for the partner's other
 * tools on the same tenant.
 */
export const DEFAULT_RATE_LIMIT = 450;
/** --watch looks at the awaiting rows this often by default (seconds): a link lasts days, not minutes. */
const DEFAULT_WATCH_SECONDS = 60;

const USAGE = `Usage:
  mca-attest bulk <file.csv> --base-url <url> [--flow enhanced|classic] [--dry-run]
                  [--partner-roles A,B] [--indirect-reseller]
                  [--journal <file>] [--results <file>] [--evidence <file>] [--concurrency N]
                  [--timeout-ms N] [--rate-limit N] [--rate-window-ms MS] [--watch [--interval S]]
  mca-attest verify <evidence-file> [--expected-last-hash <hex>]
  mca-attest validate <file.csv> [--flow enhanced|classic] [--results <file>]
${SCAN_USAGE}

validate checks every row offline (no network, no token) and writes each row's
errors to the results (default <file>.validation.csv next to the input); exit
status 0 all rows valid, 1 some invalid, 2 usage or file error.
Tokens are read from the environment (omit them when --base-url is a backend that
adds the token itself): MCA_TOKEN, an App+User token (reads, classic confirmation);
MCA_APP_TOKEN, an App-only token (the enhanced flow's writes), or instead
MCA_TENANT_ID, MCA_CLIENT_ID and MCA_CLIENT_SECRET (or MCA_CLIENT_CERTIFICATE, a
PEM file with certificate and key) for MSAL to get it.
Defaults: --flow enhanced, --concurrency 4, --timeout-ms 30000 (per request),
--rate-limit ${DEFAULT_RATE_LIMIT} (requests sent per minute, or per --rate-window-ms; 0 sends
without pacing), results <file>.results.csv next to the input, journal and evidence
<name>.journal.jsonl and <name>.evidence.jsonl next to the results. Run the same command
again to resume. --watch (enhanced flow) keeps the run going, looking at the rows that
await their customers every --interval seconds (default ${DEFAULT_WATCH_SECONDS}), and records each
agreement as its customer accepts, until no row awaits (accepted, or expired: failed).
--partner-roles and --indirect-reseller are the partner user's roles and whether the
partner is an indirect reseller: a row this partner cannot attest ends cannot-attest,
nothing sent.
Exit status: 0 all rows final and none failed; 1 some failed, cannot be attested or
are unfinished (awaiting acceptance, cancelled); 2 usage or file error.
scan writes every customer with its status as CSV (to --out, else standard output);
filled in, it is an input of bulk --flow enhanced. Defaults: --concurrency 8,
--separator ",". Exit status: 0 every customer read; 1 some could not be, or
the list ended early; 2 usage or file error.`;

class UsageError extends Error {}

const EXIT = { ok: 0, unfinished: 1, usage: 2 };

function parse(argv, options) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e.message);
  }
}

function refuseToken(argv) {
  if (argv.some((a) => a === '--token' || a.startsWith('--token='))) {
    throw new UsageError('--token is refused: a token is never taken from the command line (other users and the shell history '
      + 'could read it there). Put it in the MCA_TOKEN (App+User) or MCA_APP_TOKEN (App-only) environment variable.');
  }
}

async function bulk(argv, io) {
  const { values, positionals } = parse(argv, {
    'base-url': { type: 'string' }, flow: { type: 'string' }, 'dry-run': { type: 'boolean', default: false },
    'partner-roles': { type: 'string' }, 'indirect-reseller': { type: 'boolean', default: false },
    journal: { type: 'string' }, results: { type: 'string' }, evidence: { type: 'string' },
    concurrency: { type: 'string', default: '4' }, 'timeout-ms': { type: 'string', default: '30000' },
    'rate-limit': { type: 'string', default: String(DEFAULT_RATE_LIMIT) },
    'rate-window-ms': { type: 'string', default: '60000' },
    watch: { type: 'boolean', default: false }, interval: { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('bulk needs exactly one CSV file.');
  const watch = watchOf(values);
  if (!values['base-url']) throw new UsageError('bulk needs --base-url (Partner Center, or the backend standing in for it).');
  if (values.flow !== undefined && !['classic', 'enhanced'].includes(values.flow)) {
    throw new UsageError('--flow must be enhanced or classic.');
  }
  const partner = partnerOf(values, (m) => new UsageError(m));
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError('--concurrency must be 1 to 64.');
  const timeoutMs = Number(values['timeout-ms']);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 600_000) throw new UsageError('--timeout-ms must be 100 to 600000.');
  const rateLimit = rateLimitOf(values);
  const [input] = positionals;
  const dryRun = values['dry-run'];
  // Every row in flight listens to the run's AbortSignal (its request, its waits):
  // without this, Node warns of a possible listener leak above 10 rows.
  setMaxListeners(10 + concurrency * 4);
  const paths = defaultPaths(input, values);

  const core = await loadCore();
  const flow = values.flow ?? core.domain.defaultFlow;
  const { bytes, header: parsed } = await readCsvFile(core, input, flow);
  const getToken = await tokensFromEnv(io.env, { calls: core.calls, flow })
    .catch((e) => { throw e instanceof TokenSetupError ? new UsageError(e.message) : e; });
  if (!getToken) io.err.write(NO_TOKEN_NOTE);
  const client = createClient({ baseUrl: values['base-url'], core, maxRetries: 5, timeoutMs, rateLimit, getToken });

  const journal = dryRun ? await openReadOnlyJournal(paths.journal) : await openFileJournal(paths.journal);
  if (journal.torn) io.err.write(`journal: a record cut short by a crash was discarded (line ${journal.torn.line}).\n`);
  const evidence = dryRun ? null : await openEvidenceFile(paths.evidence);
  if (evidence?.torn) io.err.write('evidence: a record cut short by a crash was discarded.\n');
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) process.exit(130);
    io.err.write('\nCancelling: rows in flight finish, the rest resume on the next run (Ctrl-C again to quit now).\n');
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const progress = createProgressLine(io.err);
  let run;
  try {
    for (;;) {
      run = await runBulk({ core, client, csv: bytes, flow, partner, dryRun,
        journal, evidence, concurrency, signal: controller.signal, onProgress: progress.onProgress, progressIntervalMs: 200 });
      const waiting = run.counts['awaiting-acceptance'];
      if (!watch || run.cancelled || waiting === 0) break;
      progress.clear();
      io.err.write(`Watching: ${waiting} rows await their customers; next look in ${watch.seconds} s `
        + '(Ctrl-C stops; the same command resumes).\n');
      if (!(await pause(watch.seconds * 1000, controller.signal))) break;
    }
  } finally {
    progress.clear();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await journal.close();
    await evidence?.close();
  }
  const columns = [...RESULT_COLUMNS[flow], 'detail', 'requestId', 'correlationId'];
  const writer = createResultsWriter({ separator: parsed.separator, flow, columns });
  await writeResults(paths.results, writer.header() + run.rows.map(writer.line).join(''));
  report(io.out, run, paths, evidence);
  return run.complete && !run.cancelled && run.counts['cannot-attest'] === 0 ? EXIT.ok : EXIT.unfinished;
}

/**
 * The file's bytes and its header as parseCsv reads it (the header and the
 * first row only: the rows are read by the batch); a file error when the
 * file cannot be read, its header is faulty or it has no customerId column.
 */
async function readCsvFile(core, input, flow) {
  const bytes = await readFile(input).catch((e) => { throw fileError(`cannot read ${input}: ${e.code ?? e.message}`); });
  const header = (() => {
    try { return core.parseCsv(bytes, { flow, maxRows: 1 }); } catch (e) { throw fileError(`${input}: ${e.message}`); }
  })();
  if (header.fileError) {                  // the core decides which faults stop the file
    const f = header.fileError;
    const columns = f.code === 'csv.noCustomerId' ? ` The columns are ${header.columns.join(', ') || '(none)'}.` : '';
    throw fileError(`${input}: ${f.message} (${f.code})${columns}`);
  }
  return { bytes, header };
}

const VALIDATE_COLUMNS = Object.freeze(['line', 'customerId', 'state', 'errors', 'detail']);

/** One results line per row of the batch and per refused record: state valid, invalid or duplicate. */
function validationRows(items, batch) {
  const built = new Map(batch.rows.map((row) => [row.line, row]));
  return items.map((item) => {
    const row = built.get(item.line);
    if (item.state === 'skipped') return { line: item.line, customerId: item.customerId, state: 'duplicate', errors: '', detail: item.detail };
    if (!item.state) return { line: item.line, customerId: item.customerId, state: 'valid', errors: '', detail: '' };
    const errors = row ? row.errors.map((e) => e.code) : [item.reason];
    return { line: item.line, customerId: item.customerId, state: 'invalid', errors: errors.join(' '), detail: item.detail };
  });
}

async function validateCommand(argv, io) {
  const { values, positionals } = parse(argv, { flow: { type: 'string' }, results: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('validate needs exactly one CSV file.');
  if (values.flow !== undefined && !['classic', 'enhanced'].includes(values.flow)) {
    throw new UsageError('--flow must be enhanced or classic.');
  }
  const [input] = positionals;
  const results = values.results ?? join(dirname(input), `${basename(input, extname(input))}.validation.csv`);
  const core = await loadCore();
  const flow = values.flow ?? core.domain.defaultFlow;   // as bulk reads the same file
  const { bytes, header } = await readCsvFile(core, input, flow);
  const { items, batch } = (() => {
    try { return prepareCsv(core, { csv: bytes, flow, options: { now: Date.now() } }); } catch (e) { throw fileError(`${input}: ${e.message}`); }
  })();
  const rows = validationRows(items, batch);
  const writer = createResultsWriter({ separator: header.separator, columns: VALIDATE_COLUMNS });
  await writeResults(results, writer.header() + rows.map(writer.line).join(''));
  const count = (state) => rows.filter((r) => r.state === state).length;
  const invalid = count('invalid');
  io.out.write(`Validated ${rows.length} rows: ${count('valid')} valid, ${invalid} invalid, ${count('duplicate')} duplicate.\n`
    + `results: ${results}\n`);
  return invalid === 0 ? EXIT.ok : EXIT.unfinished;
}

/** --watch [--interval S]: keep following the awaiting rows of an enhanced run; null without --watch. */
function watchOf(values) {
  if (!values.watch) {
    if (values.interval !== undefined) throw new UsageError('--interval goes with --watch.');
    return null;
  }
  if (values.flow === 'classic') throw new UsageError('--watch follows customers accepting: it needs the enhanced flow.');
  if (values['dry-run']) throw new UsageError('--watch and --dry-run do not go together (a dry run sends nothing to follow).');
  const seconds = Number(values.interval ?? DEFAULT_WATCH_SECONDS);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 86_400) throw new UsageError('--interval must be 1 to 86400 seconds.');
  return { seconds };
}

/** Waits ms; false when the signal ended the wait. */
function pause(ms, signal) {
  return new Promise((done) => {
    if (signal.aborted) { done(false); return; }
    const timer = setTimeout(() => { signal.removeEventListener('abort', stop); done(true); }, ms);
    const stop = () => { clearTimeout(timer); done(false); };
    signal.addEventListener('abort', stop, { once: true });
  });
}

/** --rate-limit N (0: none) per --rate-window-ms (default a minute) → the client's rateLimit option. */
function rateLimitOf(values) {
  const perMinute = Number(values['rate-limit']);
  const windowMs = Number(values['rate-window-ms']);
  if (!Number.isInteger(perMinute) || perMinute < 0 || perMinute > 1_000_000) {
    throw new UsageError('--rate-limit must be a whole number of requests per minute (0: no pacing).');
  }
  if (!Number.isInteger(windowMs) || windowMs < 1 || windowMs > 3_600_000) {
    throw new UsageError('--rate-window-ms must be a whole number of milliseconds from 1 to 3600000.');
  }
  return perMinute === 0 ? null : { perMinute, windowMs };
}

function report(out, run, paths, evidence) {
  const c = run.counts;
  out.write(`${run.dryRun ? 'Dry run' : 'Run'} ${run.cancelled ? 'cancelled' : 'finished'}: ${run.total} rows in `
    + `${(run.elapsedMs / 1000).toFixed(1)} s: ${c.submitted} submitted, ${c['already-confirmed']} already confirmed, `
    + `${c.skipped} skipped, ${c.invalid} invalid, ${c.failed} failed, ${c['awaiting-acceptance']} awaiting acceptance, `
    + `${c['cannot-attest']} cannot attest.\n`);
  out.write(`results: ${paths.results}\n`);
  if (!run.dryRun) out.write(`journal: ${paths.journal}\n`);
  if (evidence) out.write(`evidence: ${paths.evidence} (${evidence.count} records, last hash ${evidence.lastHash})\n`);
  if (c['cannot-attest'] > 0) {
    out.write(`${c['cannot-attest']} rows cannot be attested by this partner (see the reason per row): nothing was sent for them.\n`);
  }
  if (!run.complete || run.cancelled) out.write('Not finished: run the same command again to resume.\n');
}

async function verifyCommand(argv, io) {
  const { values, positionals } = parse(argv, { 'expected-last-hash': { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('verify needs exactly one evidence file.');
  const text = await readFile(positionals[0], 'utf8').catch((e) => { throw fileError(`cannot read ${positionals[0]}: ${e.code ?? e.message}`); });
  const result = await verify(text, { expectedLastHash: values['expected-last-hash'] });
  if (result.ok) {
    io.out.write(`ok: ${result.count} records, chain intact, last hash ${result.lastHash}\n`);
    return EXIT.ok;
  }
  io.out.write(`broken: line ${result.line} (record ${result.index}): ${result.code}: ${result.message}\n`
    + `${result.count} records before it are intact.\n`);
  return EXIT.unfinished;
}

function fileError(message) {
  return Object.assign(new Error(message), { fileError: true });
}

/** Runs the command line; resolves to the exit status. */
export async function main(argv, io = { out: process.stdout, err: process.stderr, env: process.env }) {
  try {
    refuseToken(argv);
    const [command, ...rest] = argv;
    if (command === 'bulk') return await bulk(rest, io);
    if (command === 'verify') return await verifyCommand(rest, io);
    if (command === 'validate') return await validateCommand(rest, io);
    if (command === 'scan') {
      const { values, positionals } = parse(rest, SCAN_OPTIONS);
      if (positionals.length) throw new UsageError(`scan takes no file argument (got ${positionals[0]}); use --out.`);
      return await scanCommand({ values, io, usage: (m) => new UsageError(m), fileError, rateLimitOf,
        defaultRateLimit: DEFAULT_RATE_LIMIT });
    }
    if (command === 'help' || command === '--help' || command === '-h') { io.out.write(`${USAGE}\n`); return EXIT.ok; }
    throw new UsageError(command ? `unknown command ${command}` : 'no command given');
  } catch (error) {
    if (error instanceof UsageError) {
      io.err.write(`mca-attest: ${error.message}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    const code = error?.code ? `${error.code}: ` : '';
    io.err.write(`mca-attest: ${code}${error?.message ?? error}\n`);
    const fileLike = error?.fileError || /^(journal|evidence|bulk)\./.test(error?.code ?? '')
      || /^E[A-Z]+$/.test(error?.code ?? '');
    return fileLike ? EXIT.usage : EXIT.unfinished;
  }
}

