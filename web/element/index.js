// The element's entry: defineElement() registers <mca-attestation> and the
// bulk element <mca-bulk> (or tag names of your choice). Importing the
// library registers nothing.
import { bulkElementClass } from './bulk.js';
import { elementClass } from './element.js';

const defined = new Map();

function register(registry, tagName, base) {
  const existing = registry.get(tagName);
  if (existing) return existing;
  const cls = defined.has(base) ? class extends base {} : base;   // the registry takes a class only once
  registry.define(tagName, cls);
  defined.set(base, tagName);
  return cls;
}

/**
 * Registers <mca-attestation> under `tagName` (default 'mca-attestation')
 * and the bulk element under `options.bulk` (default 'mca-bulk'; false:
 * not), and returns the attestation element's class. Idempotent: a name
 * already registered keeps its class; another name gets its own subclass.
 * @param {string} [tagName]
 * @param {{ bulk?: string | false }} [options]
 * @returns {CustomElementConstructor}
 */
export function defineElement(tagName = 'mca-attestation', { bulk = 'mca-bulk' } = {}) {
  const registry = globalThis.customElements;
  if (!registry) throw new Error('defineElement needs a browser: customElements is not defined.');
  const cls = register(registry, tagName, elementClass());
  if (bulk) register(registry, bulk, bulkElementClass());
  return cls;
}
