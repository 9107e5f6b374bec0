// The demo dashboard's customer list: an MCA status for every customer,
// decided by the core (detectScenario) from what the emulator holds, read
// through the client; a text and status filter. Text only: never HTML.
import { translate } from '../web/i18n/index.js';
import { readFacts, scenarioContext } from '../web/element/facts.js';

export const STATUSES = ['needs-attestation', 'confirmed', 'confirmed-directly', 'old-template', 'cannot-attest', 'nothing-needed', 'unknown'];

const words = {
  en: { 'needs-attestation': 'Needs attestation', confirmed: 'Confirmed', 'confirmed-directly': 'Confirmed directly',
    'old-template': 'On an old template', 'cannot-attest': 'Cannot attest', 'nothing-needed': 'Nothing needed',
    unknown: 'Unknown', reading: 'Reading…', all: 'All', search: 'Search', status: 'MCA status', customers: 'Customers',
    customer: 'Customer', country: 'Country', attestation: 'Attestation', choose: 'Choose a customer.',
    placeholder: 'Name, country or ID', shown: '{n} of {total} customers shown', language: 'Language',
    caption: 'Customers and their MCA status', openById: 'Open another customer by ID (Microsoft Entra tenant ID)', open: 'Open',
    play: 'Play: the customer accepts', playNote: 'Demo only: the emulator plays the customer on Microsoft\'s acceptance page.',
    bulk: 'Bulk', bulkIntro: 'Many customers at once from a CSV file: a dry run first, then the submit. Try it with', sample: 'the sample file',
    'awaiting-acceptance': 'Awaiting acceptance', portfolio: 'Portfolio: every customer in Partner Center', sortBy: 'Sort by',
    'sort.name': 'Name', 'sort.country': 'Country', 'sort.status': 'MCA status', export: 'Export the list', prev: 'Previous',
    next: 'Next', page: 'Page {page} of {pages}', scanning: '{done} of {total}+ customers read…', scanned: '{done} of {total} customers read.',
    portfolioCaption: 'Every customer Partner Center lists, with its MCA status', waitingTitle: 'Waiting for customers',
    waitingEmpty: 'No attestation is waiting for a customer.', expiresAt: 'Link valid until', expiredAt: 'Link expired on',
    copyLink: 'Copy link', openForNewLink: 'Open for a new link' },
  nl: { 'needs-attestation': 'Attestatie nodig', confirmed: 'Bevestigd', 'confirmed-directly': 'Direct bevestigd',
    'old-template': 'Op een oud sjabloon', 'cannot-attest': 'Kan niet attesteren', 'nothing-needed': 'Niets nodig',
    unknown: 'Onbekend', reading: 'Lezen…', all: 'Alle', search: 'Zoeken', status: 'MCA-status', customers: 'Klanten',
    customer: 'Klant', country: 'Land', attestation: 'Attestatie', choose: 'Kies een klant.',
    placeholder: 'Naam, land of ID', shown: '{n} van {total} klanten getoond', language: 'Taal',
    caption: 'Klanten en hun MCA-status', openById: 'Open een andere klant op ID (Microsoft Entra-tenant-ID)', open: 'Openen',
    play: 'Speel: de klant accepteert', playNote: 'Alleen demo: de emulator speelt de klant op de acceptatiepagina van Microsoft.',
    bulk: 'Bulk', bulkIntro: 'Veel klanten tegelijk uit een CSV-bestand: eerst een proefrun, dan het verzenden. Probeer het met', sample: 'het voorbeeldbestand',
    'awaiting-acceptance': 'Wacht op acceptatie', portfolio: 'Portefeuille: elke klant in Partner Center', sortBy: 'Sorteren op',
    'sort.name': 'Naam', 'sort.country': 'Land', 'sort.status': 'MCA-status', export: 'De lijst exporteren', prev: 'Vorige',
    next: 'Volgende', page: 'Pagina {page} van {pages}', scanning: '{done} van {total}+ klanten gelezen…', scanned: '{done} van {total} klanten gelezen.',
    portfolioCaption: 'Elke klant die Partner Center noemt, met zijn MCA-status', waitingTitle: 'Wachten op klanten',
    waitingEmpty: 'Geen attestatie wacht op een klant.', expiresAt: 'Link geldig tot', expiredAt: 'Link verlopen op',
    copyLink: 'Link kopiëren', openForNewLink: 'Openen voor een nieuwe link' },
};

export function word(lang, key, values = {}) {
  let text = (words[lang] ?? words.en)[key] ?? words.en[key] ?? key;
  for (const [k, v] of Object.entries(values)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
}

/** Reads and decides one customer's status: { status, reasons, error }. */
export async function customerStatus(core, client, customer) {
  try {
    const facts = await readFacts(client, customer.id);
    const decision = core.detectScenario(scenarioContext(customer.id, facts, customer.context), { templates: facts.templates });
    return { status: decision.status, reasons: decision.reasons, error: null };
  } catch (error) {
    // No relationship or access refused: this partner cannot attest for the customer.
    const blocked = ['relationship.missing', 'access.denied', 'resource.notFound'].includes(error.code);
    return { status: blocked ? 'cannot-attest' : 'unknown', reasons: [], error };
  }
}

function cell(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  node.textContent = text;
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  return node;
}

/**
 * Renders the rows into tbody. `onOpen(customer)` when a customer's button is used.
 * rows: [{ customer, status, reasons, error }]
 */
export function renderRows(tbody, rows, lang, { text, status, selected }, onOpen) {
  const needle = text.trim().toLowerCase();
  let shown = 0;
  tbody.replaceChildren(...rows.filter((row) => {
    const hay = `${row.customer.companyName} ${row.customer.country} ${row.customer.id}`.toLowerCase();
    return (!needle || hay.includes(needle)) && (!status || row.status === status);
  }).map((row) => {
    shown += 1;
    const tr = document.createElement('tr');
    tr.dataset.customer = row.customer.id;
    tr.dataset.status = row.status ?? 'reading';
    if (row.error) tr.dataset.error = row.error.code;
    if (row.customer.id === selected) tr.setAttribute('aria-current', 'true');
    const open = cell('button', row.customer.companyName, { type: 'button', class: 'link' });
    open.addEventListener('click', () => onOpen(row.customer));
    const name = document.createElement('th');
    name.scope = 'row';
    name.append(open);
    const title = row.error ? translate(row.error.code, lang, row.error.message)
      : row.reasons.map((code) => translate(code, lang)).join(' ');
    const badge = cell('span', word(lang, row.status ?? 'reading'), { class: `badge ${row.status ?? 'reading'}` });
    const statusCell = cell('td', '');
    statusCell.append(badge);
    if (title) statusCell.append(cell('span', title, { class: 'why' }));
    tr.append(name, cell('td', row.customer.country), statusCell);
    return tr;
  }));
  return shown;
}
