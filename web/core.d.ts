/**
 * mca-attest/core: the core alone (loadCore and McaError), for a page that
 * only validates. The types are those of the main entry.
 */
export { loadCore, McaError } from './index.js';
export type { Core, LoadCoreOptions, McaErrorFields } from './index.js';
