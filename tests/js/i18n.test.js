// Translations: every code the core knows has an English and a Dutch text,
// and translate() falls back to English, then to the given text. English of
// the core's codes is the core's own message (loading a core adds it to en).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore, translate, languages } from '../../web/index.js';
import { readdirSync, readFileSync } from 'node:fs';
import { label, labels, languageOf, uiLanguage, wordsFor } from '../../web/i18n/index.js';
import en from '../../web/i18n/en.js';
import nl from '../../web/i18n/nl.js';

const core = await loadCore();
/** Every key the UI translates: core.messages, each reason, each error code and its action. */
const keys = [...new Set([...Object.keys(core.messages), ...core.scenarioReasons,
  ...core.errorCodes.flatMap((c) => [c, `${c}.action`])])];

for (const [lang, texts] of [['en', en], ['nl', nl]]) {
  test(`every code of the core has a ${lang} text`, () => {
    const missing = keys.filter((k) => typeof texts[k] !== 'string' || texts[k].trim() === '');
    assert.deepEqual(missing, [], `codes without a ${lang} text`);
  });
}

test('the lists the core exports are complete enough to mean something', () => {
  assert.ok(core.scenarioReasons.length >= 20 && core.errorCodes.length >= 15);
  for (const code of ['already-confirmed', 'direct-signed', 'auto-renewal', 'no-qualifying-purchase', 'role-missing',
    'indirect-reseller', 'outdated-template', 'accepted-before-refresh', 'direct-status-unknown', 'purchase-kind-unknown']) {
    assert.ok(core.scenarioReasons.includes(code), code);
  }
  for (const code of ['agreement.alreadyExists', 'agreement.dateInFuture', 'throttled', 'auth.mfaRequired', 'network.noAnswer']) {
    assert.ok(core.errorCodes.includes(code), code);
  }
});

test('English of a core code is the core\'s message, stored once (en.js keeps only the shell\'s codes and a few fuller texts)', () => {
  const shellOnly = Object.keys(en).filter((k) => !(k in core.messages));
  assert.ok(shellOnly.includes('core.loadFailed') && shellOnly.includes('journal.corrupt'), 'the shell codes have English');
  const fuller = Object.keys(en).filter((k) => k in core.messages && en[k] !== core.messages[k]);
  assert.deepEqual(fuller.sort(), ['input.invalidJson']);
  assert.equal(translate('email.invalid', 'en'), core.messages['email.invalid']);
  assert.equal(translate('email.invalid', 'fr'), core.messages['email.invalid'], 'an unknown language gives the core\'s English');
});

test('en and nl have the same codes (no Dutch text for a code English lacks)', () => {
  assert.deepEqual(Object.keys(nl).sort(), Object.keys(en).sort());
});

test('the Dutch texts are translations, not copies of the English', () => {
  const copied = Object.keys(nl).filter((k) => nl[k] === en[k]);
  assert.deepEqual(copied, []);
});

test('translate picks the language by its base subtag, in any case', () => {
  assert.equal(translate('throttled', 'nl'), nl.throttled);
  assert.equal(translate('throttled', 'nl-BE'), nl.throttled);
  assert.equal(translate('throttled', 'NL_nl'), nl.throttled);
  assert.equal(translate('role-missing', 'en-GB'), en['role-missing']);
  assert.deepEqual(Object.keys(languages).sort(), ['en', 'nl']);
});

test('translate falls back to English, then to the given text, then to the code', () => {
  assert.equal(translate('direct-signed', 'fr'), en['direct-signed'], 'an unknown language gives English');
  assert.equal(translate('direct-signed'), en['direct-signed'], 'no language gives English');
  assert.equal(translate('future.code', 'nl', 'The core message'), 'The core message', 'an unknown code gives the fallback');
  assert.equal(translate('future.code', 'nl'), 'future.code', 'without a fallback, the code itself');
  assert.equal(translate('constructor', 'nl', 'fb'), 'fb', 'names of Object.prototype are not texts');
});

test('an explainError result translates by its code', () => {
  const r = core.explainError({ status: 429, body: '' });
  assert.equal(translate(r.code, 'nl', r.message), 'Te veel verzoeken: Partner Center beperkt deze partner tijdelijk.');
  assert.equal(translate(`${r.code}.action`, 'en', r.action), r.action);
});

test('one language-tag parser: the texts of codes and the words of the elements pick the same language', () => {
  assert.deepEqual(['nl-BE', 'NL_nl', 'EN', 'fr', '', undefined, 42].map(languageOf), ['nl', 'nl', 'en', 'fr', '', '', '']);
  for (const tag of ['nl', 'NL', 'nl-BE', 'nl_NL', 'en-GB', 'fr', 'de-NL', '', undefined, 42]) {
    const lang = uiLanguage(tag);
    assert.equal(lang, languageOf(tag) === 'nl' ? 'nl' : 'en', String(tag));
    assert.equal(translate('throttled', tag), languages[lang].throttled, String(tag));
    assert.equal(label(tag, 'copy'), labels[lang].copy, String(tag));
    assert.equal(wordsFor(tag), labels[lang]);
  }
  assert.equal(label('nl-BE', 'bulk.progressText', { done: 3, total: 10 }), '3 van 10 regels');
  assert.equal(label('nl', 'no.such.word'), 'no.such.word', 'an unknown word gives its key');
  assert.equal(label('nl', 'constructor'), 'constructor', 'names of Object.prototype are not words');
});

test('no module of web/ but web/i18n/index.js splits a language tag', () => {
  const root = new URL('../../web/', import.meta.url);
  const files = readdirSync(root, { recursive: true }).filter((f) => String(f).endsWith('.js'));
  const parsing = files.filter((f) => /split\(\s*(\/\[-_\]\/|'-'|"-")\s*\)\s*\[0\]/.test(readFileSync(new URL(String(f), root), 'utf8')));
  assert.deepEqual(parsing, ['i18n/index.js']);
});
