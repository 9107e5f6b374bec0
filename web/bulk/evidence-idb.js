/**
 * The evidence of a bulk run kept in IndexedDB (browsers), the counterpart
 * of the Node command's evidence file: the lines of the hash chain
 * (evidence.js), each stored in its own durable transaction before the run
 * goes on, so a reloaded page continues the same chain. `text()` is the
 * evidence file to download.
 */
import { McaError } from '../errors.js';
import { createEvidenceWriter, verify } from './evidence.js';
import { idbJournalBackend } from './journal-idb.js';

/**
 * @param {string} name the database name, e.g. `mca-bulk:default:classic:<hash>:evidence`
 * @returns {Promise<{ append(fields: object): Promise<void>, has(requestId: string): boolean, text(): string,
 *   readonly count: number, readonly lastHash: string, close(): Promise<void> }>}
 */
export async function openIdbEvidence(name) {
  const store = idbJournalBackend(name);        // an append-only store of records: here, the lines
  const lines = (await store.load()).records.filter((line) => typeof line === 'string');
  const checked = await verify(lines.join(''));
  if (!checked.ok) {
    throw new McaError({ code: 'evidence.damaged', message: `The stored evidence is damaged at record ${checked.index}: ${checked.message}` });
  }
  const seen = new Set(lines.map((line) => JSON.parse(line).requestId).filter(Boolean));
  const writer = createEvidenceWriter(checked);
  let queue = Promise.resolve();
  return {
    has: (requestId) => seen.has(requestId),
    append(fields) {
      const done = queue.then(async () => {
        const line = await writer.append(fields);
        await store.append(line);
        lines.push(line);
        if (fields?.requestId) seen.add(fields.requestId);
      });
      queue = done.catch(() => {});
      return done;
    },
    text: () => lines.join(''),
    get count() { return writer.count; },
    get lastHash() { return writer.lastHash; },
    async close() { await queue; await store.close(); },
  };
}
