/**
 * The attestation store's backend in a JSON-lines file (Node): each put
 * appends the record's new state as one line, made durable (fdatasync)
 * before it resolves; reading takes the last line of each attestation. The
 * file is read again on every read, so the scan in one process sees what a
 * run in another recorded. A line cut short by a crash is ignored.
 *
 *   const store = createAttestationStore(fileAttestationBackend('attestations.jsonl'));
 */
import { open, readFile } from 'node:fs/promises';
import { createAttestationStore } from '../web/attestation-store.js';

async function readRecords(path) {
  let text;
  try { text = await readFile(path, 'utf8'); } catch (e) { if (e.code === 'ENOENT') return new Map(); throw e; }
  const records = new Map();
  for (const line of text.split('\n')) {
    if (!line) continue;
    let r;
    try { r = JSON.parse(line); } catch { continue; }          // a torn last line: never complete
    if (r && typeof r.attestationId === 'string') records.set(r.attestationId, r);
  }
  return records;
}

/** @param {string} path */
export function fileAttestationBackend(path) {
  let queue = Promise.resolve();
  return {
    all: async () => { await queue; return [...(await readRecords(path)).values()]; },
    get: async (id) => { await queue; return (await readRecords(path)).get(id) ?? null; },
    put(record) {
      const done = queue.then(async () => {
        const handle = await open(path, 'a');
        try {
          await handle.write(`${JSON.stringify(record)}\n`);
          await handle.datasync();
        } finally {
          await handle.close();
        }
      });
      queue = done.catch(() => {});
      return done;
    },
  };
}

/** createAttestationStore over a JSON-lines file. */
export const openAttestationFile = (path) => createAttestationStore(fileAttestationBackend(path));
