/**
 * The attestation store: every enhanced attestation sent out, kept until its
 * customer accepted and the agreement is recorded, or its link expired. A
 * link lasts up to seven days, so leaving the page while the customer reads
 * the agreement is normal use: the element records an attestation here
 * before it shows the link, and finds it again on the next view; the scan
 * reads it to tell which customers are already asked.
 *
 * A record: { attestationId, customerId, link, expiresAt, createdAt, values
 * (the attestation's input: company, country, language, signatory),
 * state: 'pending' | 'recorded' | 'expired', agreement?, recordedAt? }.
 *
 * Backends (injectable): `memoryAttestationBackend()`, IndexedDB
 * (`idbAttestationBackend()`, browsers) and a JSON-lines file
 * (`fileAttestationBackend(path)` in mca-attest/node). Each is
 * `{ all(), get(id), put(record) }`.
 *
 * `recordOnce(attestationId, record)` runs step 3 for an accepted
 * attestation at most once: under a lock (the Web Locks API, shared by every
 * tab of the origin, where there is one; else one per store), it reads the
 * record again and skips when another tab or run recorded it already.
 */
import { McaError } from './errors.js';

const STORE = 'attestations';
const DEFAULT_DB = 'mca-attestations';

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Records in memory (tests, and where nothing else is available). */
export function memoryAttestationBackend() {
  const records = new Map();
  return {
    all: async () => [...records.values()].map((r) => structuredClone(r)),
    get: async (id) => (records.has(id) ? structuredClone(records.get(id)) : null),
    put: async (record) => { records.set(record.attestationId, structuredClone(record)); },
  };
}

/** Records in IndexedDB: one object store keyed by attestationId; each put its own strict transaction. */
export function idbAttestationBackend(name = DEFAULT_DB) {
  let db = null;
  const database = async () => {
    if (db) return db;
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: 'attestationId' });
    db = await request(open);
    return db;
  };
  const store = async (mode) => (await database()).transaction(STORE, mode, { durability: 'strict' });
  return {
    all: async () => request((await store('readonly')).objectStore(STORE).getAll()),
    get: async (id) => (await request((await store('readonly')).objectStore(STORE).get(id))) ?? null,
    async put(record) {
      const tx = await store('readwrite');
      tx.objectStore(STORE).put(record);
      await new Promise((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error ?? new Error('The attestation store transaction was aborted.'));
      });
    },
  };
}

/** A lock by name: the Web Locks API across tabs where there is one, else a chain per name in this store. */
function locker() {
  const chains = new Map();
  const webLocks = globalThis.navigator?.locks;
  return (name, fn) => {
    if (webLocks?.request) return webLocks.request(name, fn);
    const before = chains.get(name) ?? Promise.resolve();
    const run = before.then(fn, fn);
    chains.set(name, run.catch(() => {}));
    return run;
  };
}

function checkRecord(r) {
  for (const field of ['attestationId', 'customerId', 'link']) {
    if (typeof r?.[field] !== 'string' || r[field] === '') {
      throw new McaError({ code: 'store.invalidRecord', message: `An attestation record needs ${field}.` });
    }
  }
}

/**
 * @param {import('./index.js').AttestationBackend} [backend]
 * @returns {import('./index.js').AttestationStore}
 */
export function createAttestationStore(backend = memoryAttestationBackend()) {
  const lock = locker();
  const newest = (records) => records.sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)))[0] ?? null;
  const store = {
    /** Keeps a newly sent attestation (state pending), before its link is shown. */
    async add({ attestationId, customerId, link, expiresAt = null, values = {}, createdAt = new Date().toISOString() }) {
      const record = { attestationId: String(attestationId).toLowerCase(), customerId: String(customerId).toLowerCase(),
        link, expiresAt, createdAt, values: { ...values }, state: 'pending' };
      checkRecord(record);
      await backend.put(record);
      return record;
    },
    get: (attestationId) => backend.get(String(attestationId).toLowerCase()),
    /** Every record, newest first; `{ state }` keeps one state. */
    async list({ state } = {}) {
      const all = (await backend.all()).sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
      return state ? all.filter((r) => r.state === state) : all;
    },
    /** The customer's newest pending attestation, or null. */
    async pendingFor(customerId) {
      const id = String(customerId).toLowerCase();
      return newest((await backend.all()).filter((r) => r.customerId === id && r.state === 'pending'));
    },
    /** Marks a record expired (its link can no longer be accepted). */
    async expire(attestationId) {
      const r = await store.get(attestationId);
      if (!r || r.state !== 'pending') return r;
      const next = { ...r, state: 'expired' };
      await backend.put(next);
      return next;
    },
    /**
     * Step 3 at most once: `record()` (which creates the agreement and
     * resolves to it) runs under the attestation's lock unless the record is
     * no longer pending. Resolves { recorded: true, record } when this call
     * recorded it, { recorded: false, record } when it was recorded before.
     */
    recordOnce(attestationId, record) {
      const id = String(attestationId).toLowerCase();
      return lock(`mca-attestation:${id}`, async () => {
        const current = await backend.get(id);
        if (!current) throw new McaError({ code: 'store.notFound', message: `No attestation ${id} in the store.` });
        if (current.state === 'recorded') return { recorded: false, record: current };
        const agreement = await record();
        const next = { ...current, state: 'recorded', agreement: agreement ?? null, recordedAt: new Date().toISOString() };
        await backend.put(next);
        return { recorded: true, record: next };
      });
    },
  };
  return Object.freeze(store);
}

let shared = null;
/** The store of this page (IndexedDB; in memory where there is none), one for every element of the page. */
export function defaultAttestationStore() {
  return (shared ??= createAttestationStore(globalThis.indexedDB ? idbAttestationBackend() : memoryAttestationBackend()));
}
