// Registration of the elements: the static define() of each class and
// defineElement() both come here. Nothing registers a tag on import.

/**
 * The base class of the elements: HTMLElement in a browser. Node has none
 * and imports this library too (the classes are then defined but never
 * constructed), so there it is an empty class.
 * @type {typeof HTMLElement}
 */
export const ElementBase = globalThis.HTMLElement ?? /** @type {typeof HTMLElement} */ (/** @type {unknown} */ (class {}));

/** The classes each registry holds already (a registry takes a class only once). */
const registered = new WeakMap();

/**
 * Registers `cls` under `tagName` in `registry` and returns the class the
 * tag stands for. Idempotent: a tag already registered keeps its class; a
 * class registered under another tag before is registered again as its own
 * subclass.
 * @template {CustomElementConstructor} C
 * @param {C} cls
 * @param {string} tagName
 * @param {CustomElementRegistry | undefined} registry
 * @param {string} caller the name in the error when there is no registry
 * @returns {C}
 */
export function defineTag(cls, tagName, registry, caller) {
  if (!registry) throw new Error(`${caller} needs a browser: customElements is not defined.`);
  const existing = registry.get(tagName);
  if (existing) return /** @type {C} */ (existing);
  let classes = registered.get(registry);
  if (!classes) registered.set(registry, classes = new WeakSet());
  const chosen = classes.has(cls) ? class extends cls {} : cls;
  registry.define(tagName, chosen);
  classes.add(cls);
  return chosen;
}
