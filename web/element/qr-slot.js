// The QR code of the acceptance link: the symbol from the core's C encoder
// (core.qrEncode), drawn as SVG by web/qr.js (createElementNS, no markup).
import { renderQr } from '../qr.js';

/**
 * @param {import('../index.js').Core} core
 * @param {string} text
 * @param {string} accessibleName
 * @returns {SVGSVGElement|null} null when the text cannot be encoded
 */
export function qrFor(core, text, accessibleName) {
  const symbol = core.qrEncode(text, { ecc: 'M' });
  return symbol?.ok ? renderQr(symbol, { scale: 4, label: accessibleName }) : null;
}
