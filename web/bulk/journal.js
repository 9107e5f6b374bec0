/**
 * The journal of a bulk run: an append-only record per row, written before
 * its request (phase "in-flight", with the MS-RequestId a retry must reuse)
 * and after it (phase "done", with the row's final state). Reloaded after a
 * crash it tells which rows are done, which were in flight (retry with the
 * same request id) and which failed (redo), so no customer is submitted
 * twice. The storage is a backend: a file in Node (journal-file.js),
 * IndexedDB in a browser (journal-idb.js). Tokens never enter it (redact).
 *
 * Backend interface:
 *   load()          → Promise<{ records: object[], torn: null | { line, bytes } }>
 *   append(record)  → Promise<void>, resolved once the record is durable
 *   close()         → Promise<void>
 */
import { McaError } from '../errors.js';
import { redact } from './redact.js';

/**
 * Row states that end a row for good (a later run leaves the row alone).
 * @type {readonly ('submitted' | 'already-confirmed' | 'skipped' | 'invalid')[]}
 */
export const FINAL_STATES = Object.freeze(['submitted', 'already-confirmed', 'skipped', 'invalid']);
/**
 * States of rows a later run picks up again. `cannot-attest` ends a row in
 * its run (nothing was sent), and a later run decides it again with the
 * partner's facts it is given.
 * @type {readonly ('failed' | 'awaiting-acceptance' | 'cannot-attest')[]}
 */
export const PENDING_STATES = Object.freeze(['failed', 'awaiting-acceptance', 'cannot-attest']);
const STATES = [...FINAL_STATES, ...PENDING_STATES];

/**
 * Opens a journal on a backend and replays what it holds.
 * @param {import('./index.js').JournalBackend} backend
 * @returns {Promise<import('./index.js').Journal>}
 */
export async function openJournal(backend) {
  const { records, torn } = await backend.load();
  /** key → the latest entry of that row */
  const rows = new Map();
  const meta = [];
  const apply = (record) => {
    if (record.phase === 'run') { meta.push(record); return; }
    if (typeof record.key !== 'string') return;
    const before = rows.get(record.key);
    rows.set(record.key, { ...record, attempts: (before?.attempts ?? 0) + (record.phase === 'in-flight' ? 1 : 0) });
  };
  records.forEach(apply);

  async function write(record) {
    const clean = { ...redact(record), time: new Date().toISOString() };
    await backend.append(clean);
    apply(clean);
    return clean;
  }

  return {
    /** The tail that was cut off by a crash and discarded on load, or null. */
    torn,
    /** Records of phase "run" (what the runner noted about each run). */
    runs: () => meta.slice(),
    /** Notes a run (flow, input file hash, options): phase "run". */
    noteRun: (fields) => write({ ...fields, phase: 'run' }),
    /**
     * The row's status: { phase: 'new' } for an unseen key, else its latest
     * entry { phase: 'in-flight' | 'done', key, requestId, state?, reason?, attempts, time, ... }.
     */
    status(key) {
      return rows.get(key) ?? { phase: 'new', key, attempts: 0 };
    },
    /**
     * Records that the row's request is about to be sent (await it before
     * sending). Refuses a row already done with a final state.
     * @param {string} key the row's identity, e.g. the normalised customerId
     * @param {{ requestId: string } & Record<string, unknown>} fields
     */
    async begin(key, fields) {
      const current = rows.get(key);
      if (current?.phase === 'done' && FINAL_STATES.includes(current.state)) {
        throw new McaError({ code: 'journal.alreadyDone', message: `Row ${key} is already done (${current.state}).` });
      }
      if (typeof fields?.requestId !== 'string' || !fields.requestId) {
        throw new McaError({ code: 'journal.requestId', message: 'begin() needs the MS-RequestId of the request.' });
      }
      return write({ ...fields, key, phase: 'in-flight' });
    },
    /**
     * Records the row's outcome (after its request, or without one for
     * invalid and skipped rows).
     * @param {string} key
     * @param {{ state: string, reason?: string } & Record<string, unknown>} fields
     */
    async finish(key, fields) {
      if (!STATES.includes(fields?.state)) {
        throw new McaError({ code: 'journal.state', message: `finish() needs a state: ${STATES.join(', ')}.` });
      }
      const requestId = fields.requestId ?? rows.get(key)?.requestId;
      return write({ ...fields, key, requestId, phase: 'done' });
    },
    /**
     * What a resumed run must do: done (leave alone), inFlight (retry with
     * the recorded requestId: the service may already hold it), failed
     * (redo with a new request id), awaiting (enhanced flow: read the status).
     */
    summary() {
      const out = { done: [], inFlight: [], failed: [], awaiting: [], cannotAttest: [], torn };
      for (const entry of rows.values()) {
        if (entry.phase === 'in-flight') out.inFlight.push(entry);
        else if (entry.state === 'failed') out.failed.push(entry);
        else if (entry.state === 'awaiting-acceptance') out.awaiting.push(entry);
        else if (entry.state === 'cannot-attest') out.cannotAttest.push(entry);
        else out.done.push(entry);
      }
      return out;
    },
    close: () => backend.close(),
  };
}
