/**
 * mca-attest: Microsoft Customer Agreement attestation for CSP partners.
 * The public entry point (see index.d.ts for the types).
 */
export { loadCore } from './core.js';
export { McaError } from './errors.js';
export { createClient } from './client.js';
export { translate, languages } from './i18n/index.js';
export { renderQr, qrToSvgText, qrPathData } from './qr.js';
export { defineElement } from './element/index.js';
export { createRateLimiter } from './rate-limit.js';
