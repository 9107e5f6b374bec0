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

/** Focuses node (making a non-interactive node focusable first). */
export function focusNode(node, options) {
  if (!node) return;
  if (!node.matches('button, a[href], input')) node.setAttribute('tabindex', '-1');
  node.focus(options);
}

/** After the current render, focuses the first match of selector in root. */
export function focusSoon(root, selector) {
  queueMicrotask(() => focusNode(root.querySelector(selector)));
}

/**
 * Replaces container's children, keeping the keyboard focus: a focused
 * node that the new children re-insert (which blurs it) gets it back, one
 * they drop gives it to the new node of the same class.
 * @param {ShadowRoot} root
 * @param {Element} container
 * @param {(Node|null|undefined|false)[]} children
 */
export function replaceKeepingFocus(root, container, children) {
  const active = root.activeElement;
  const held = active && container.contains(active) ? active : null;
  container.replaceChildren(...children.filter((c) => c !== null && c !== undefined && c !== false));
  if (!held || root.activeElement === held) return;
  const key = held.getAttribute('class');
  const next = held.isConnected ? held : key && [...container.querySelectorAll('[class]')].find((n) => n.getAttribute('class') === key);
  if (next) focusNode(next, { preventScroll: true });
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
