// The core's English messages, handed from the loader (web/core.js) to the
// English table (en.js) without the loader importing that table, so a page
// that loads only the core (mca-attest/core, dist/mca-core.js) does not
// carry the shell's texts.

/**
 * Every message of every core loaded so far, keyed by code.
 * @type {Record<string, string>}
 */
const messages = {};
/**
 * The tables that take them (en.js).
 * @type {((messages: Readonly<Record<string, string>>) => void)[]}
 */
const listeners = [];

/**
 * Called by the loader with the messages of each core it loads.
 * @param {Readonly<Record<string, string>>} fromCore
 */
export function addCoreMessages(fromCore) {
  for (const [code, text] of Object.entries(fromCore)) {
    if (!Object.prototype.hasOwnProperty.call(messages, code)) messages[code] = text;
  }
  for (const add of listeners) add(messages);
}

/**
 * add(messages) now, with the messages of the cores loaded so far, and after each core loaded later.
 * @param {(messages: Readonly<Record<string, string>>) => void} add
 */
export function onCoreMessages(add) {
  listeners.push(add);
  add(messages);
}
