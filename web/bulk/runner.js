/**
 * The bulk runner, shared by the <mca-attestation> bulk view and the Node
 * command: a CSV file (or rows of core.parseCsv) in, one final result per
 * row out.
 *
 *   1. every row validated and built by the core, duplicates found
 *      (prepare.js; a file in one batch call, core.buildCsv);
 *   2. per row, with `concurrency` rows at a time: what Partner Center holds
 *      is read and core.detectScenario decides with the partner's facts
 *      (`partner: { roles, indirectReseller }`), in a first run and on
 *      resume alike; then the flow's write is sent (flow-classic.js,
 *      flow-enhanced.js) under the journal's protection (row.js);
 *   3. progress events, and a result per row in line order.
 * A dry run does steps 1 and the reads of 2, sends no write and writes no
 * journal record. Throttling is paced by the client (its rateLimit spreads
 * requests under the limit, and a 429 pauses all its requests for
 * Retry-After); the runner only bounds the rows in flight.
 * A cancelled run (signal) leaves its rows resumable: rows not settled in
 * this run end it as `failed` with reason `cancelled` (results only; the
 * journal still has them new or in flight).
 */
import { McaError } from '../errors.js';
import { classicRow } from './flow-classic.js';
import { enhancedRow } from './flow-enhanced.js';
import { openJournal, PENDING_STATES } from './journal.js';
import { prepareCsv, prepareRows } from './prepare.js';
import { createProgress } from './progress.js';
import { isAbort } from './requests.js';

export { STATES } from './progress.js';

const FLOWS = Object.freeze({ classic: classicRow, enhanced: enhancedRow });   // the core's flows (core.domain.flows)
const MAX_CONCURRENCY = 64;

/**
 * Whether a submit works on a row of a dry run: one it would send, or one an
 * earlier run (or this dry run's reads) left failed or awaiting acceptance.
 * The one rule behind a dry run's `toSend`.
 */
export function isToSend(row) {
  return row.reason === 'dry-run' || PENDING_STATES.includes(row.state);
}

/** A journal kept in memory only (a run without a journal file cannot resume). */
export function memoryJournalBackend() {
  const records = [];
  return { load: async () => ({ records: records.slice(), torn: null }),
    append: async (record) => { records.push(record); }, close: async () => {} };
}

function checkOptions({ core, client, rows, csv, flow, concurrency, partner }) {
  const bad = (message) => new McaError({ code: 'bulk.invalidOption', message });
  if (!core || typeof core.detectScenario !== 'function') throw bad('core must be the loaded core (loadCore()).');
  if (!FLOWS[flow]) throw bad('flow must be "classic" or "enhanced".');
  if (partner !== null && (typeof partner !== 'object' || Array.isArray(partner))) {
    throw bad('partner must be { roles, indirectReseller }: the partner user\'s roles and whether it is an indirect reseller.');
  }
  if (!client || typeof client.getCustomerAgreements !== 'function') throw bad('client must come from createClient().');
  if (csv !== undefined) {
    if (typeof csv !== 'string' && !(csv instanceof ArrayBuffer) && !ArrayBuffer.isView(csv)) {
      throw bad('csv must be the file as text or bytes.');
    }
    if (typeof core.buildCsv !== 'function') throw bad('core must be the loaded core (loadCore()).');
  } else if (!Array.isArray(rows)) {
    throw bad('rows must be the rows of core.parseCsv (or pass the file as csv).');
  }
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw bad(`concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}.`);
  }
}

/** A journal written for one flow is never continued by the other. */
function checkJournalFlow(journal, flow) {
  const other = journal.runs().find((r) => !r.dryRun && r.flow && r.flow !== flow);
  if (other) {
    throw new McaError({ code: 'bulk.flowMismatch',
      message: `The journal belongs to a ${other.flow} run; it cannot be continued with the ${flow} flow.` });
  }
}

/** Templates once per run (recognises a newer MCA template; gives document links). */
async function readTemplates(client, templates, signal) {
  if (templates) return templates;
  try {
    return (await client.getAgreementTemplates({ signal }))?.items ?? null;
  } catch (error) {
    if (isAbort(error)) throw error;
    return null;                        // the rows' own reads show what is wrong
  }
}

function linkSignals(outer, inner) {
  if (!outer) return inner;
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([outer, inner]);
  const both = new AbortController();
  for (const s of [outer, inner]) {
    if (s.aborted) both.abort(s.reason);
    else s.addEventListener('abort', () => both.abort(s.reason), { once: true });
  }
  return both.signal;
}

/**
 * Runs a bulk flow. See index.d.ts (BulkOptions, BulkRun) and docs/bulk.md.
 * @param {import('./index.js').BulkOptions} options
 * @returns {Promise<import('./index.js').BulkRun>}
 */
export async function runBulk(options) {
  const { core, client, rows, csv, csvErrors = [], dryRun = false, evidence = null, concurrency = 4,
    signal = null, onProgress = null, rowRetries = 3, progressIntervalMs = 100, partner = null } = options;
  const flow = options.flow ?? core?.domain?.defaultFlow;
  checkOptions({ core, client, rows, csv, flow, concurrency, partner });
  const clockNow = () => (typeof options.now === 'function' ? options.now() : options.now ?? Date.now());
  const now = () => { const t = clockNow(); return t instanceof Date ? t.getTime() : t; };
  const journal = options.journal ?? await openJournal(memoryJournalBackend());
  checkJournalFlow(journal, flow);
  const stopper = new AbortController();
  const runSignal = linkSignals(signal, stopper.signal);
  const started = performance.now();

  const templates = await readTemplates(client, options.templates, runSignal).catch(() => null);
  const buildOptions = { now: now(), templates: templates ?? undefined };
  const items = csv !== undefined ? prepareCsv(core, { csv, flow, options: buildOptions }).items
    : prepareRows(core, { rows, csvErrors, flow, options: buildOptions });
  const templateId = core.detectScenario({}, { templates: templates ?? undefined }).templateId;   // the current one
  const ctx = { core, client, journal, evidence, flow, dryRun, rowRetries, now, templates, templateId, partner,
    signal: runSignal,
    documentLink: (id) => (templates ?? []).find((t) => t?.templateId === id)?.agreementLink ?? null };

  const work = items.filter((item) => !item.state);
  const progress = createProgress({ total: items.length, work: work.length, onProgress, intervalMs: progressIntervalMs });
  progress.start();
  for (const item of items) if (item.state) progress.add(item.state);
  if (!dryRun && work.length > 0) {
    await journal.noteRun({ flow, rows: items.length, work: work.length, startedAt: new Date().toISOString() });
  }

  let next = 0;
  let fatal = null;
  const processRow = FLOWS[flow];
  async function worker() {
    while (next < work.length && !runSignal.aborted) {
      const item = work[next++];
      try {
        item.result = await processRow(ctx, item);
        progress.add(item.result.state, { worked: !item.result.resumed });
      } catch (error) {
        if (isAbort(error) || runSignal.aborted) return;
        fatal ??= error;                // a journal or evidence write failed: stop, nothing is safe now
        stopper.abort();
        return;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, work.length)) }, worker));
  if (fatal) throw fatal;

  const cancelled = work.some((item) => !item.result);
  const results = items.map((item) => resultOf(item));
  for (const item of work) if (!item.result) progress.add('failed');
  const summary = progress.finish();
  const counts = summary.counts;
  return { flow, dryRun, cancelled, rows: results, counts, total: items.length,
    toSend: dryRun ? results.filter(isToSend).length : null,
    complete: counts.failed === 0 && counts['awaiting-acceptance'] === 0,
    elapsedMs: Math.round(performance.now() - started), rowsPerSecond: summary.rowsPerSecond };
}

function resultOf(item) {
  const base = { line: item.line, customerId: item.customerId };
  if (item.state) {
    return { ...base, state: item.state, reason: item.reason, detail: item.detail,
      ...(item.firstLine ? { firstLine: item.firstLine } : {}) };
  }
  if (!item.result) {
    return { ...base, state: 'failed', reason: 'cancelled',
      detail: 'The run was cancelled before this row finished; run again to resume it.' };
  }
  const { resumed, ...result } = item.result;
  return { ...base, ...result };
}
