/**
 * The files of the Node bulk command: default paths, the evidence file
 * (continued after a check of its chain, a torn last line cut off, one
 * durable write per record), a read-only journal for dry runs, and the
 * results file (written whole, then renamed into place).
 */
import { open, readFile, rename, truncate, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { McaError } from '../web/errors.js';
import { createEvidenceWriter, verify } from '../web/bulk/evidence.js';
import { openJournal } from '../web/bulk/journal.js';

/**
 * Paths of a run: results next to the input (`<name>.results.csv`), journal
 * and evidence next to the results (`<name>.journal.jsonl`,
 * `<name>.evidence.jsonl`, where <name> is the results file's name without
 * `.csv` and a trailing `.results`).
 */
export function defaultPaths(input, { results, journal, evidence } = {}) {
  const stem = basename(input, extname(input));
  const resultsPath = results ?? join(dirname(input), `${stem}.results.csv`);
  const base = join(dirname(resultsPath), basename(resultsPath).replace(/\.csv$/i, '').replace(/\.results$/i, ''));
  return { results: resultsPath, journal: journal ?? `${base}.journal.jsonl`, evidence: evidence ?? `${base}.evidence.jsonl` };
}

async function readIfExists(path) {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * The evidence sink of a run: `append(fields)` (one durable line per
 * record, in call order) and `has(requestId)` (a record of that request is
 * in the file already: a resumed run does not write it twice). An existing
 * file is checked first; a damaged chain is refused (McaError
 * evidence.damaged): it is what an auditor must see as it is.
 */
export async function openEvidenceFile(path) {
  let text = await readIfExists(path) ?? '';
  let torn = null;
  const end = text.lastIndexOf('\n') + 1;
  if (end < text.length) {                         // a kill cut the last record short: it was never complete
    torn = { bytes: Buffer.byteLength(text.slice(end)) };
    text = text.slice(0, end);
    await truncate(path, Buffer.byteLength(text));
  }
  const checked = await verify(text);
  if (!checked.ok) {
    throw new McaError({ code: 'evidence.damaged',
      message: `${path}:${checked.line}: ${checked.message} Keep this file as it is and give the run another --evidence file.` });
  }
  const seen = new Set(text.split('\n').filter(Boolean).map((line) => JSON.parse(line).requestId).filter(Boolean));
  const writer = createEvidenceWriter(checked);
  let handle = null;
  let queue = Promise.resolve();
  return {
    torn,
    has: (requestId) => seen.has(requestId),
    append(fields) {
      const done = queue.then(async () => {
        const line = await writer.append(fields);
        handle ??= await open(path, 'a');
        await handle.write(line);
        await handle.datasync();
        if (fields.requestId) seen.add(fields.requestId);
      });
      queue = done.catch(() => {});
      return done;
    },
    get count() { return writer.count; },
    get lastHash() { return writer.lastHash; },
    async close() { await queue; await handle?.close(); handle = null; },
  };
}

/** A journal that is read but never written (dry runs): a torn tail is ignored, not cut. */
export async function openReadOnlyJournal(path) {
  const text = await readIfExists(path) ?? '';
  const whole = text.slice(0, text.lastIndexOf('\n') + 1);
  const records = whole.split('\n').filter(Boolean).map((line, i) => {
    try { return JSON.parse(line); } catch {
      throw new McaError({ code: 'journal.corrupt', message: `${path}:${i + 1} is not a journal record; the file was damaged.` });
    }
  });
  return openJournal({ load: async () => ({ records, torn: null }),
    append: async () => { throw new McaError({ code: 'journal.readOnly', message: 'A dry run writes no journal.' }); },
    close: async () => {} });
}

/** Writes the results file whole: a temporary file renamed into place. */
export async function writeResults(path, text) {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}
