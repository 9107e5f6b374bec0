/**
 * The IndexedDB backend of the journal (browsers): one database per
 * journal, one object store of records in append order. Each append is its
 * own transaction with durability "strict", resolved on complete, so a
 * record written before a request is stored before the request leaves.
 * Transactions are atomic: a closed tab leaves no torn record.
 */
import { openJournal } from './journal.js';

const STORE = 'records';

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openDb(name) {
  const req = indexedDB.open(name, 1);
  req.onupgradeneeded = () => req.result.createObjectStore(STORE, { autoIncrement: true });
  return request(req);
}

/** @param {string} name the database name, e.g. `mca-journal:${fileHash}` */
export function idbJournalBackend(name) {
  let db = null;
  const database = async () => (db ??= await openDb(name));
  return {
    async load() {
      const tx = (await database()).transaction(STORE, 'readonly');
      return { records: await request(tx.objectStore(STORE).getAll()), torn: null };
    },
    async append(record) {
      const tx = (await database()).transaction(STORE, 'readwrite', { durability: 'strict' });
      tx.objectStore(STORE).add(record);
      await new Promise((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error ?? new Error('The journal transaction was aborted.'));
      });
    },
    async close() {
      db?.close();
      db = null;
    },
  };
}

/** openJournal on IndexedDB: `await openIdbJournal('mca-journal:run-1')`. */
export const openIdbJournal = (name) => openJournal(idbJournalBackend(name));

/** Deletes a journal's database (after its run is exported and archived). */
export function deleteIdbJournal(name) {
  return request(indexedDB.deleteDatabase(name));
}
