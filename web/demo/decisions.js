// The demo's decisions: what detectScenario decides for each sample
// customer, and why, in the chosen language. Text only: never HTML.
import { translate } from '../i18n/index.js';
import { sampleCustomers } from './customers.js';

/** Short texts of the demo's own labels (the reasons come from the i18n files). */
const labels = {
  en: { action: 'Action', needs: 'Attestation needed', can: 'This partner can attest', yes: 'yes', no: 'no', unknown: 'unknown',
    actions: { attest: 'Attest now', none: 'Nothing to do', 'ask-indirect-provider': 'Ask the indirect provider',
      'ask-admin': 'Ask an Admin agent', 'create-customer': 'Create the customer (accepts the MCA)' } },
  nl: { action: 'Actie', needs: 'Attestatie nodig', can: 'Deze partner kan attesteren', yes: 'ja', no: 'nee', unknown: 'onbekend',
    actions: { attest: 'Nu attesteren', none: 'Niets te doen', 'ask-indirect-provider': 'Vraag het de indirecte provider',
      'ask-admin': 'Vraag het een beheeragent', 'create-customer': 'Maak de klant aan (accepteert de MCA)' } },
};

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function yesNo(value, l) {
  return value === true ? l.yes : value === false ? l.no : l.unknown;
}

function renderOne(core, sample, lang) {
  const decision = core.detectScenario(sample.context);
  const l = labels[lang] ?? labels.en;
  const item = element('li', undefined, { 'data-customer': sample.key, 'data-action': String(decision.action) });
  item.append(element('h3', sample.name));
  const facts = element('dl');
  facts.append(element('dt', l.action), element('dd', decision.action ? l.actions[decision.action] : l.unknown, { class: 'action' }),
    element('dt', l.needs), element('dd', yesNo(decision.needsAttestation, l)),
    element('dt', l.can), element('dd', yesNo(decision.canAttest, l)));
  const reasons = element('ul', undefined, { class: 'reasons' });
  for (const code of decision.reasons) {
    reasons.append(element('li', translate(code, lang, core.messages[code]), { 'data-code': code }));
  }
  item.append(facts, reasons);
  return item;
}

/** Renders every sample customer's decision into list, in lang. */
export function renderDecisions(core, list, lang) {
  list.replaceChildren(...sampleCustomers.map((sample) => renderOne(core, sample, lang)));
  list.setAttribute('lang', lang);
}
