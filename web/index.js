/**
 * mca-attest: Microsoft Customer Agreement attestation for CSP partners.
 * The public entry point (see index.d.ts for the types).
 */
export { loadCore } from './core.js';
export { McaError } from './errors.js';
export { createClient } from './client.js';
export { translate, languages } from './i18n/index.js';
// Imported here too (they are i18n/index.js's own imports) so that a browser
// finds every module of the entry one level down and fetches them in one
// round trip, instead of a third round after i18n/index.js arrives.
import './i18n/en.js';
import './i18n/nl.js';
export { renderQr, qrToSvgText, qrPathData } from './qr.js';
export { defineElement } from './element/index.js';
