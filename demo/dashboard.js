// The demo dashboard's own words, in English and Dutch: its labels and the
// name of each status the core gives (the element and <mca-bulk> bring
// their own, web/i18n), and the one setter of its live regions. Text only: never HTML.

const words = {
  en: { 'needs-attestation': 'Needs attestation', confirmed: 'Confirmed', 'confirmed-directly': 'Confirmed directly',
    'old-template': 'On an old template', 'cannot-attest': 'Cannot attest', 'nothing-needed': 'Nothing needed',
    unknown: 'Unknown', reading: 'Reading…', all: 'All', search: 'Search', status: 'MCA status', customers: 'Customers',
    customer: 'Customer', country: 'Country', attestation: 'Attestation', choose: 'Choose a customer.',
    placeholder: 'Name, country or ID', shown: '{n} of {total} customers shown', language: 'Language',
    caption: 'Every customer Partner Center lists, with its MCA status', openById: 'Open another customer by ID (Microsoft Entra tenant ID)', open: 'Open',
    play: 'Play: the customer accepts', playNote: 'Demo only: the emulator plays the customer on Microsoft\'s acceptance page.',
    bulk: 'Bulk', bulkIntro: 'Many customers at once from a CSV file: a dry run first, then the submit. Try it with', sample: 'the sample file',
    'awaiting-acceptance': 'Awaiting acceptance', sortBy: 'Sort by',
    'sort.name': 'Name', 'sort.country': 'Country', 'sort.status': 'MCA status', export: 'Export the list', prev: 'Previous',
    next: 'Next', page: 'Page {page} of {pages}', scanning: '{done} of {total}+ customers read…', scanned: '{done} of {total} customers read.',
    waitingTitle: 'Waiting for customers',
    waitingEmpty: 'No attestation is waiting for a customer.', expiresAt: 'Link valid until', expiredAt: 'Link expired on',
    copyLink: 'Copy link', newLink: 'Create a new link' },
  nl: { 'needs-attestation': 'Attestatie nodig', confirmed: 'Bevestigd', 'confirmed-directly': 'Direct bevestigd',
    'old-template': 'Op een oud sjabloon', 'cannot-attest': 'Kan niet attesteren', 'nothing-needed': 'Niets nodig',
    unknown: 'Onbekend', reading: 'Lezen…', all: 'Alle', search: 'Zoeken', status: 'MCA-status', customers: 'Klanten',
    customer: 'Klant', country: 'Land', attestation: 'Attestatie', choose: 'Kies een klant.',
    placeholder: 'Naam, land of ID', shown: '{n} van {total} klanten getoond', language: 'Taal',
    caption: 'Elke klant die Partner Center noemt, met zijn MCA-status', openById: 'Open een andere klant op ID (Microsoft Entra-tenant-ID)', open: 'Openen',
    play: 'Speel: de klant accepteert', playNote: 'Alleen demo: de emulator speelt de klant op de acceptatiepagina van Microsoft.',
    bulk: 'Bulk', bulkIntro: 'Veel klanten tegelijk uit een CSV-bestand: eerst een proefrun, dan het verzenden. Probeer het met', sample: 'het voorbeeldbestand',
    'awaiting-acceptance': 'Wacht op acceptatie', sortBy: 'Sorteren op',
    'sort.name': 'Naam', 'sort.country': 'Land', 'sort.status': 'MCA-status', export: 'De lijst exporteren', prev: 'Vorige',
    next: 'Volgende', page: 'Pagina {page} van {pages}', scanning: '{done} van {total}+ klanten gelezen…', scanned: '{done} van {total} klanten gelezen.',
    waitingTitle: 'Wachten op klanten',
    waitingEmpty: 'Geen attestatie wacht op een klant.', expiresAt: 'Link geldig tot', expiredAt: 'Link verlopen op',
    copyLink: 'Link kopiëren', newLink: 'Nieuwe link aanmaken' },
};

export function word(lang, key, values = {}) {
  let text = (words[lang] ?? words.en)[key] ?? words.en[key] ?? key;
  for (const [k, v] of Object.entries(values)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
}

/** Sets a live region's text only when it changes, so a redrawn list does not say its count again. */
export function say(node, text) {
  if (node.textContent !== text) node.textContent = text;
}
