// The core's English messages, handed from the loader (web/core.js) to the
// English table (en.js) without the loader importing that table, so a page
// that loads only the core (mca-attest/core, dist/mca-core.js) does not
// carry the shell's texts, nor ask the core for them before it needs them.

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
 * The cores loaded while no table listened: each gives its messages when a table first listens.
 * @type {(() => Readonly<Record<string, string>>)[]}
 */
const pending = [];

/** Takes the messages of every core not yet asked. */
function takePending() {
  for (let take = pending.shift(); take; take = pending.shift()) {
    for (const [code, text] of Object.entries(take())) {
      if (!Object.prototype.hasOwnProperty.call(messages, code)) messages[code] = text;
    }
  }
}

/**
 * Called by the loader for each core it loads, with its messages or a
 * function that gives them (called at once when a table listens, else when
 * the first one does).
 * @param {Readonly<Record<string, string>> | (() => Readonly<Record<string, string>>)} fromCore
 */
export function addCoreMessages(fromCore) {
  pending.push(typeof fromCore === 'function' ? fromCore : () => fromCore);
  if (listeners.length === 0) return;
  takePending();
  for (const add of listeners) add(messages);
}

/**
 * add(messages) now, with the messages of the cores loaded so far, and after each core loaded later.
 * @param {(messages: Readonly<Record<string, string>>) => void} add
 */
export function onCoreMessages(add) {
  listeners.push(add);
  takePending();
  add(messages);
}
