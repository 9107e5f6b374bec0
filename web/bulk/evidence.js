/**
 * The evidence file of a bulk run: one JSON line per attestation record,
 * linked into a SHA-256 hash chain so an auditor can detect an edited,
 * inserted, removed or reordered record.
 *
 * Each line is a record { index, time, ...fields, prev, hash }: `index`
 * counts from 0, `prev` is the previous record's hash (64 zeros for the
 * first), `hash` is SHA-256 (hex) over the canonical JSON of the record
 * without `hash` (keys sorted, no spaces). Tokens never enter it (redact).
 * Web Crypto (crypto.subtle): browsers and Node 20.
 */
import { redact } from './redact.js';

export const GENESIS = '0'.repeat(64);
const encoder = new TextEncoder();

/** JSON with object keys sorted at every level and no spaces. */
export function canonicalJson(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const keys = Object.keys(value).filter((key) => value[key] !== undefined).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
}

/** SHA-256 of text, lower-case hex. */
export async function sha256Hex(text) {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', encoder.encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function hashOf(record) {
  const { hash, ...rest } = record;
  return sha256Hex(canonicalJson(rest));
}

/**
 * A writer that continues a chain: `append(fields)` resolves to the line
 * to write (JSON + "\n"). Appends are chained in call order.
 * Fields (all optional, the runner's choice): customerId, line, flow,
 * templateId, documentLink, payload, requestId, correlationId, response,
 * state, reason; `time` defaults to now (ISO-8601).
 * @param {{ count?: number, lastHash?: string }} [from] where the chain stands (a verify() result)
 */
export function createEvidenceWriter({ count = 0, lastHash = GENESIS } = {}) {
  let index = count;
  let prev = lastHash;
  let queue = Promise.resolve();
  async function build(fields) {
    const clean = redact(fields ?? {});
    delete clean.index; delete clean.prev; delete clean.hash;
    const record = { index, time: clean.time ?? new Date().toISOString(), ...clean, prev };
    record.hash = await hashOf(record);
    index += 1;
    prev = record.hash;
    return JSON.stringify(record) + '\n';
  }
  return {
    append(fields) {
      const line = queue.then(() => build(fields));
      queue = line.catch(() => {});
      return line;
    },
    get count() { return index; },
    get lastHash() { return prev; },
  };
}

const MESSAGES = {
  'evidence.invalidJson': 'This line is not a JSON record.',
  'evidence.invalidRecord': 'This record lacks its index, prev or hash.',
  'evidence.truncated': 'The last record is cut off: the file was truncated.',
  'evidence.edited': 'This record does not match its hash: it was edited.',
  'evidence.brokenChain': 'This record does not follow the one before it: the record before was edited and re-hashed, or replaced.',
  'evidence.removed': 'Records are missing before this one: they were removed.',
  'evidence.reordered': 'This record is out of order: records were moved.',
  'evidence.inserted': 'This record repeats the index of an earlier one: a record was inserted.',
  'evidence.missingTail': 'The chain does not end at the expected last record: records were removed from (or added to) the end.',
};

function failure(code, position, line, count, lastHash, detail) {
  return { ok: false, code, message: detail ? `${MESSAGES[code]} ${detail}` : MESSAGES[code],
    index: position, line, count, lastHash };
}

function parseLines(text) {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((raw, i) => {
    const src = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    try {
      const record = JSON.parse(src);
      return { line: i + 1, record: record && typeof record === 'object' && !Array.isArray(record) ? record : null, json: true };
    } catch {
      return { line: i + 1, record: null, json: false };
    }
  });
}

function isRecord(r) {
  return r && Number.isInteger(r.index) && typeof r.prev === 'string' && typeof r.hash === 'string'
    && /^[0-9a-f]{64}$/.test(r.hash);
}

/**
 * Checks an evidence file. Resolves to { ok: true, count, lastHash } or
 * { ok: false, code, message, index (0-based position), line (1-based),
 * count (records verified before it), lastHash (of those) }.
 * Removing records from the end leaves a valid shorter chain: pass the
 * `expectedLastHash` (or `expectedCount`) kept from the run to detect it.
 * @param {string} text
 * @param {{ expectedLastHash?: string, expectedCount?: number }} [options]
 * @returns {Promise<import('./index.js').VerifyResult>}
 */
export async function verify(text, { expectedLastHash, expectedCount } = {}) {
  const entries = parseLines(text);
  let prev = GENESIS;
  for (let i = 0; i < entries.length; i++) {
    const { line, record, json } = entries[i];
    const fail = (code, detail) => failure(code, i, line, i, prev, detail);
    if (!json) return fail(i === entries.length - 1 ? 'evidence.truncated' : 'evidence.invalidJson');
    if (!isRecord(record)) return fail('evidence.invalidRecord');
    if (await hashOf(record) !== record.hash) return fail('evidence.edited', `(index ${record.index})`);
    if (record.index > i) {
      const later = entries.slice(i + 1).some((e) => e.record?.index === i);
      return fail(later ? 'evidence.reordered' : 'evidence.removed', `(index ${record.index} where ${i} was expected)`);
    }
    if (record.index < i) {
      const earlier = entries.slice(0, i).some((e) => e.record?.index === record.index);
      return fail(earlier ? 'evidence.inserted' : 'evidence.reordered', `(index ${record.index} where ${i} was expected)`);
    }
    if (record.prev !== prev) return fail('evidence.brokenChain');
    prev = record.hash;
  }
  const count = entries.length;
  if ((expectedLastHash !== undefined && expectedLastHash !== prev)
      || (expectedCount !== undefined && expectedCount !== count)) {
    return failure('evidence.missingTail', count, count + 1, count, prev);
  }
  return { ok: true, count, lastHash: prev };
}
