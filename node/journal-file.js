/**
 * The Node file backend of the journal: JSON lines, each appended with one
 * write and made durable (fdatasync) before append() resolves, so a record
 * written before a request is on disk before the request leaves.
 *
 * A kill can cut the last line short. Such a torn tail was never completed,
 * so its request was never sent: load() reports it ({ line, bytes }) and
 * cuts the file back to the last complete line before anything is appended.
 * A complete line that is not JSON is damage, not a torn write: load()
 * refuses the file (McaError journal.corrupt) rather than guess.
 */
import { open, readFile, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { McaError } from '../web/errors.js';

/** @param {string} path */
export function fileJournalBackend(path) {
  let handle = null;
  let queue = Promise.resolve();

  async function load() {
    let text = '';
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if (e.code !== 'ENOENT') throw e;
      return { records: [], torn: null };
    }
    const end = text.lastIndexOf('\n') + 1;        // end of the last complete line
    const lines = text.slice(0, end).split('\n').slice(0, -1);
    const records = lines.map((line, i) => {
      try {
        return JSON.parse(line);
      } catch {
        throw new McaError({ code: 'journal.corrupt', message: `${path}:${i + 1} is not a journal record; the file was damaged.` });
      }
    });
    let torn = null;
    if (end < text.length) {
      torn = { line: lines.length + 1, bytes: Buffer.byteLength(text.slice(end)) };
      await truncate(path, Buffer.byteLength(text.slice(0, end)));
    }
    return { records, torn };
  }

  async function syncDirectory() {
    const dir = await open(dirname(path), 'r').catch(() => null);
    if (dir) await dir.sync().catch(() => {}).finally(() => dir.close());
  }

  async function appendNow(record) {
    if (!handle) {
      handle = await open(path, 'a');
      await syncDirectory();                      // the new file's name is durable too
    }
    await handle.write(JSON.stringify(record) + '\n');
    await handle.datasync();
  }

  return {
    load,
    /** Appends in call order; resolves once the record is on disk. */
    append(record) {
      const done = queue.then(() => appendNow(record));
      queue = done.catch(() => {});
      return done;
    },
    async close() {
      await queue;
      if (handle) await handle.close();
      handle = null;
    },
  };
}

/** openJournal on a file: `await openFileJournal('run.journal')`. */
export async function openFileJournal(path) {
  const { openJournal } = await import('../web/bulk/journal.js');
  return openJournal(fileJournalBackend(path));
}
