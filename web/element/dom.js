// Small DOM helpers for the element: every value goes in as text or as an
// attribute, never as markup, so data can never become HTML.

/**
 * Creates an element. `attributes`: name → value (false/null/undefined leave
 * it out, true sets it empty); `children`: nodes or strings (as text).
 * @param {string} tag
 * @param {Record<string, unknown>} [attributes]
 * @param {...(Node|string|null|undefined|false)} children
 */
export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

/** Appends nodes and strings (as text nodes), skipping empty entries. */
export function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** A definition list of [term, value] pairs (values as text). */
export function facts(pairs, attributes = {}) {
  const list = h('dl', attributes);
  for (const [term, value, valueAttributes] of pairs) {
    if (value === null || value === undefined || value === '') continue;
    list.append(h('dt', {}, term), h('dd', valueAttributes ?? {}, String(value)));
  }
  return list;
}

/** Dispatches an event that bubbles out of the shadow root (composed). */
export function emit(target, type, detail) {
  target.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
}

/** After the current render, focuses the first match of selector in root
 * (making a non-interactive node focusable first). */
export function focusSoon(root, selector) {
  queueMicrotask(() => {
    const node = root.querySelector(selector);
    if (!node) return;
    if (!node.matches('button, a, input')) node.setAttribute('tabindex', '-1');
    node.focus();
  });
}

let counter = 0;
/** An id unique within the page (ids only need to be unique per shadow root; this is more). */
export function uniqueId(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

/**
 * Saves a Blob as a file through the browser's download (an object URL on a
 * link that is clicked, then revoked once the download has surely started).
 */
export function saveFile(blob, fileName) {
  const url = URL.createObjectURL(blob);
  h('a', { href: url, download: fileName }).click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
