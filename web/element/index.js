// The element's entry: defineElement() registers <mca-attestation> (or a
// tag name of your choice). Importing the library registers nothing.
import { elementClass } from './element.js';

const defined = new Map();

/**
 * Registers the element under `tagName` (default 'mca-attestation') and
 * returns its class. Idempotent: calling it again with a registered name
 * returns the class registered there; another name gets its own subclass
 * (the registry takes a class only once).
 * @param {string} [tagName]
 * @returns {CustomElementConstructor}
 */
export function defineElement(tagName = 'mca-attestation') {
  const registry = globalThis.customElements;
  if (!registry) throw new Error('defineElement needs a browser: customElements is not defined.');
  const existing = registry.get(tagName);
  if (existing) return existing;
  const base = elementClass();
  const cls = defined.size === 0 ? base : class extends base {};
  registry.define(tagName, cls);
  defined.set(tagName, cls);
  return cls;
}
