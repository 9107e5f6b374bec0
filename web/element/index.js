// The element's entry: defineElement() registers <mca-attestation> and the
// bulk element <mca-bulk> (or tag names of your choice); each class also has
// its own static define(). Importing the library registers nothing.
import { MCABulkElement } from './bulk.js';
import { MCAAttestationElement } from './element.js';
import { defineTag } from './define.js';

export { MCAAttestationElement, MCABulkElement };

/**
 * Registers <mca-attestation> under `tagName` (default 'mca-attestation')
 * and the bulk element under `options.bulk` (default 'mca-bulk'; false:
 * not), and returns the attestation element's class. Idempotent: a name
 * already registered keeps its class; another name gets its own subclass.
 * @param {string} [tagName]
 * @param {{ bulk?: string | false }} [options]
 * @returns {typeof MCAAttestationElement}
 */
export function defineElement(tagName = 'mca-attestation', { bulk = 'mca-bulk' } = {}) {
  const registry = globalThis.customElements;
  const cls = defineTag(MCAAttestationElement, tagName, registry, 'defineElement');
  if (bulk) defineTag(MCABulkElement, bulk, registry, 'defineElement');
  return cls;
}
