// The element's read-only views: the decision, a Partner Center error, the
// recorded result and the acceptance link. Every value is text.
import { label, translate } from '../i18n/index.js';
import { h, facts, uniqueId } from './dom.js';

const yesNo = (lang, v) => label(lang, v === true ? 'yes' : v === false ? 'no' : 'unknown');

/** The decision of detectScenario with its reasons in words. */
export function decisionView(lang, decision, messages = {}) {
  const { status } = decision;
  const reasons = h('ul', { part: 'reasons', class: 'reasons' });
  for (const code of decision.reasons) reasons.append(h('li', { 'data-code': code }, translate(code, lang, messages[code])));
  return h('section', { part: 'decision', class: 'decision', 'data-status': status, 'data-action': String(decision.action) },
    h('h3', {}, label(lang, 'decision')),
    h('p', { part: 'action', class: 'action' }, label(lang, `action.${decision.action}`)),
    facts([[label(lang, 'needs'), yesNo(lang, decision.needsAttestation)], [label(lang, 'canAttest'), yesNo(lang, decision.canAttest)]]),
    h('h3', {}, label(lang, 'reasons')),
    reasons);
}

/**
 * A failure explained: translated message and action, the service's own
 * text, and the ids. The element moves the focus to it, so it is no live
 * region (that would say it twice): it is named by its heading and
 * described by its message.
 */
export function errorView(lang, error, onRetry) {
  const code = error?.code ?? 'unknown';
  const errors = Array.isArray(error?.errors) ? error.errors : [];
  const id = uniqueId('mca-error');
  const node = h('section', { part: 'error', class: 'error', 'data-code': code, 'aria-labelledby': `${id}-title`,
    'aria-describedby': `${id}-message` },
    h('h3', { id: `${id}-title` }, label(lang, 'errorTitle')),
    h('p', { class: 'message', id: `${id}-message` }, translate(code, lang, error?.message ?? code)));
  const action = translate(`${code}.action`, lang, error?.action ?? '');
  if (action && action !== `${code}.action`) node.append(h('p', { class: 'todo' }, `${label(lang, 'whatToDo')}: ${action}`));
  if (errors.length) {
    node.append(h('ul', {}, errors.map((e) => h('li', { 'data-code': e.code }, translate(e.code, lang, e.message)))));
  }
  node.append(facts([
    [label(lang, 'serviceSaid'), error?.detail ?? null, { class: 'detail' }],
    [label(lang, 'requestId'), error?.requestId ?? null, { class: 'mono', 'data-id': 'request' }],
    [label(lang, 'correlationId'), error?.correlationId ?? null, { class: 'mono', 'data-id': 'correlation' }],
  ]));
  if (onRetry) {
    const retry = h('button', { type: 'button', part: 'retry', class: 'retry' }, label(lang, 'retry'));
    retry.addEventListener('click', onRetry);
    node.append(h('div', { class: 'actions' }, retry));
  }
  return node;
}

/** The recorded agreement, as read back from Partner Center (focused when shown: named and described). */
export function resultView(lang, result) {
  const a = result.agreement ?? result.sent ?? {};
  const c = a.primaryContact ?? {};
  const who = [[c.firstName, c.lastName].filter(Boolean).join(' '), c.email ? `<${c.email}>` : ''].filter(Boolean).join(' ');
  const id = uniqueId('mca-result');
  return h('section', { part: 'result', class: 'result', 'data-verified': String(result.verified),
    'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-said` },
    h('h3', { id: `${id}-title` }, label(lang, 'result')),
    h('p', { id: `${id}-said` }, label(lang, result.verified ? 'verified' : 'notVerified')),
    facts([
      [label(lang, 'who'), who, { 'data-field': 'who' }],
      [label(lang, 'when'), a.dateAgreed ?? null, { 'data-field': 'when', class: 'mono' }],
      [label(lang, 'template'), a.templateId ?? null, { 'data-field': 'template', class: 'mono' }],
      [label(lang, 'attestationId'), a.attestationId ?? null, { 'data-field': 'attestation', class: 'mono' }],
      [label(lang, 'requestId'), result.requestId ?? null, { 'data-field': 'request', class: 'mono' }],
      [label(lang, 'correlationId'), result.correlationId ?? null, { 'data-field': 'correlation', class: 'mono' }],
    ]));
}

/**
 * The customer's acceptance link: open (new tab, noopener), copy, and the
 * QR code node (or null until a QR encoder is available).
 */
export function acceptanceView(lang, link, qr, onCopy) {
  const copy = h('button', { type: 'button', part: 'copy', class: 'copy' }, label(lang, 'copy'));
  copy.addEventListener('click', onCopy);
  return h('section', { part: 'acceptance', class: 'acceptance' },
    h('h3', {}, label(lang, 'acceptance')),
    h('p', { class: 'muted' }, label(lang, 'acceptanceHelp')),
    h('p', { class: 'mono', part: 'acceptance-url' }, link),
    h('div', { class: 'actions' },
      h('a', { href: link, target: '_blank', rel: 'noopener noreferrer', class: 'button acceptance-link', part: 'acceptance-link' }, label(lang, 'openLink')),
      copy),
    qr ? h('div', { part: 'qr', class: 'qr' }, qr) : null);
}
