/**
 * The one translation system of the shell, in two kinds of text per
 * language (en.js, nl.js):
 * - the texts of codes (validation, scenario reasons, errors):
 *   `translate(code, lang, fallback)` gives the text in `lang` ('nl',
 *   'nl-NL', 'en', …), else in English, else `fallback` (pass the core's
 *   English message, e.g. `error.message`), else the code itself. English
 *   of the core's codes is the core's own message (en.js receives it when a
 *   core is loaded);
 * - the words of the elements around them: `label(lang, key, values)`.
 * Which table a language tag picks is decided here alone (`languageOf`,
 * `uiLanguage`). Texts are plain text: show them with textContent.
 */
import en, { words as enWords } from './en.js';
import nl, { words as nlWords } from './nl.js';

/**
 * The texts of codes by language (base language subtag).
 * @type {Readonly<Record<'en' | 'nl', Readonly<Record<string, string>>>>}
 */
export const languages = Object.freeze({ en, nl });

/**
 * The words of the elements by language (the same languages).
 * @type {Readonly<Record<'en' | 'nl', Readonly<Record<string, string>>>>}
 */
export const labels = Object.freeze({ en: enWords, nl: nlWords });

/**
 * table[key] when it is the table's own entry (never one of Object.prototype).
 * @template T
 * @param {Readonly<Record<string, T>>} table
 * @param {string} key
 * @returns {T | undefined}
 */
function own(table, key) {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/**
 * The language of a tag: its first subtag in lower case ('nl-BE' → 'nl',
 * 'EN' → 'en', 'nl_NL' → 'nl'); '' for anything that is not a string.
 * @param {unknown} tag
 * @returns {string}
 */
export function languageOf(tag) {
  return typeof tag === 'string' ? tag.split(/[-_]/)[0].toLowerCase() : '';
}

/**
 * The language the shell speaks for a tag: one it has texts in, else 'en'.
 * @param {unknown} tag
 * @returns {'en' | 'nl'}
 */
export function uiLanguage(tag) {
  const lang = languageOf(tag);
  return own(languages, lang) ? /** @type {'en' | 'nl'} */ (lang) : 'en';
}

/**
 * @param {string} code      a stable code (validation, scenario reason, error)
 * @param {string} [lang]    a language tag; unknown languages fall back to English
 * @param {string} [fallback] text to use when neither language knows the code
 * @returns {string}
 */
export function translate(code, lang, fallback) {
  return own(languages[uiLanguage(lang)], code) ?? own(en, code) ?? fallback ?? code;
}

/**
 * The words of the elements in the language of a tag.
 * @param {unknown} lang
 * @returns {Readonly<Record<string, string>>}
 */
export function wordsFor(lang) {
  return labels[uiLanguage(lang)];
}

/**
 * An element's word `key` in the language of `lang`, else in English, else
 * the key; {name} placeholders filled from `values`.
 * @param {string} lang
 * @param {string} key
 * @param {Record<string, string | number>} [values]
 * @returns {string}
 */
export function label(lang, key, values) {
  let text = own(wordsFor(lang), key) ?? own(enWords, key) ?? key;
  if (values) for (const [name, value] of Object.entries(values)) text = text.replaceAll(`{${name}}`, String(value));
  return text;
}
