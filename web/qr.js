/**
 * Draws a QR symbol made by core.qrEncode as SVG. The symbol itself (data,
 * error correction, mask) comes from the C core; this module only turns its
 * rows of '0'/'1' into one <path> of dark modules on a light square with a
 * quiet zone. Built with createElementNS and attributes only (no innerHTML,
 * no style attributes), so it works under a strict Content-Security-Policy.
 */
import { McaError } from './errors.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const DEFAULT_LABEL = 'QR code';

/** Checks the result and returns { size, border, rows }. */
function symbolOf(result) {
  if (!result || result.ok !== true || !Array.isArray(result.modules)) {
    const first = result?.errors?.[0];
    throw new McaError({ code: first?.code ?? 'qr.noSymbol', message: first?.message ?? 'There is no QR symbol to draw.' });
  }
  const size = result.modules.length;
  const border = Number.isInteger(result.border) && result.border >= 0 ? result.border : 4;
  return { size, border, rows: result.modules };
}

function scaleOf(options) {
  const scale = options.scale ?? 4;
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new McaError({ code: 'qr.invalidScale', message: 'The scale must be a positive number of pixels per module.' });
  }
  return scale;
}

/**
 * Path data of the dark modules, in module units with the quiet zone
 * added: one rectangle per horizontal run of dark modules.
 * @param {import('./index.js').QrResult} result
 */
export function qrPathData(result) {
  const { border, rows } = symbolOf(result);
  const parts = [];
  rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (row[x] !== '1') continue;
      let end = x;
      while (end < row.length && row[end] === '1') end++;
      parts.push(`M${x + border} ${y + border}h${end - x}v1h-${end - x}z`);
      x = end;
    }
  });
  return parts.join('');
}

/**
 * The symbol as an <svg> element: role="img", aria-label, a light
 * background square and one <path> of dark modules.
 * @param {import('./index.js').QrResult} result core.qrEncode's result (ok: true)
 * @param {import('./index.js').RenderQrOptions & { document?: Document }} [options]
 *   scale: pixels per module (default 4); label: the accessible name.
 */
export function renderQr(result, options) {
  options ??= {};
  const { size, border } = symbolOf(result);
  const scale = scaleOf(options);
  const doc = options.document ?? globalThis.document;
  const total = size + 2 * border;
  const svg = doc.createElementNS(SVG_NS, 'svg');
  const attrs = {
    viewBox: `0 0 ${total} ${total}`, width: String(total * scale), height: String(total * scale),
    role: 'img', 'aria-label': options.label ?? DEFAULT_LABEL, 'shape-rendering': 'crispEdges',
  };
  for (const [name, value] of Object.entries(attrs)) svg.setAttribute(name, value);
  svg.setAttribute('class', 'mca-qr');
  const background = doc.createElementNS(SVG_NS, 'rect');
  for (const [name, value] of Object.entries({ width: '100%', height: '100%', fill: '#fff' })) {
    background.setAttribute(name, value);
  }
  const path = doc.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', qrPathData(result));
  path.setAttribute('fill', '#000');
  svg.append(background, path);
  return svg;
}

const XML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (text) => String(text).replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);

/**
 * The same drawing as SVG text (for Node, files, e-mail): a complete
 * standalone document with the label escaped.
 * @param {import('./index.js').QrResult} result core.qrEncode's result (ok: true)
 * @param {import('./index.js').RenderQrOptions} [options]
 */
export function qrToSvgText(result, options) {
  options ??= {};
  const { size, border } = symbolOf(result);
  const scale = scaleOf(options);
  const total = size + 2 * border;
  const label = escapeXml(options.label ?? DEFAULT_LABEL);
  return `<svg xmlns="${SVG_NS}" viewBox="0 0 ${total} ${total}" width="${total * scale}" `
    + `height="${total * scale}" role="img" aria-label="${label}" shape-rendering="crispEdges">`
    + `<title>${label}</title><rect width="100%" height="100%" fill="#fff"/>`
    + `<path d="${qrPathData(result)}" fill="#000"/></svg>`;
}
