// The QR code of the acceptance link: the symbol from the core's C encoder
// (core.qrEncode), drawn as SVG by web/qr.js (createElementNS, no markup).
// Returns null when the core has no encoder, so the element still works.

/**
 * @param {import('../index.js').Core} core
 * @param {string} text
 * @param {string} accessibleName
 * @returns {Promise<SVGSVGElement|null>}
 */
export async function qrFor(core, text, accessibleName) {
  if (typeof core?.qrEncode !== 'function') return null;
  const { renderQr } = await import('../qr.js');
  const symbol = core.qrEncode(text, { ecc: 'M' });
  if (!symbol?.ok) return null;
  return renderQr(symbol, { scale: 4, label: accessibleName });
}
