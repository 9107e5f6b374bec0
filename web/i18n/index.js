/**
 * Translations of the core's codes. `translate(code, lang, fallback)` gives
 * the text in `lang` ('nl', 'nl-NL', 'en', …), else in English, else
 * `fallback` (pass the core's English message, e.g. `error.message`), else
 * the code itself. Texts are plain text: show them with textContent.
 */
import en from './en.js';
import nl from './nl.js';

/** The texts by language (base language subtag). */
export const languages = Object.freeze({ en, nl });

/** The base language of a tag: 'nl-BE' → 'nl', 'EN' → 'en'. */
function base(lang) {
  return typeof lang === 'string' ? lang.split(/[-_]/)[0].toLowerCase() : '';
}

const own = (table, code) => (Object.prototype.hasOwnProperty.call(table, code) ? table[code] : undefined);

/**
 * @param {string} code      a stable code (validation, scenario reason, error)
 * @param {string} [lang]    a language tag; unknown languages fall back to English
 * @param {string} [fallback] text to use when neither language knows the code
 * @returns {string}
 */
export function translate(code, lang, fallback) {
  const table = own(languages, base(lang));
  return (table && own(table, code)) ?? own(en, code) ?? fallback ?? code;
}
