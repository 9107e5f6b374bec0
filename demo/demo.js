// The demo dashboard: the customer list with each customer's MCA status, a
// filter, <mca-attestation> for the chosen customer and <mca-bulk> for a
// CSV file of customers, all against the
// Partner Center emulator behind /pc/ on this origin, under the strict CSP.
import { loadCore, createClient, defineElement, defaultAttestationStore } from '../web/index.js';
import { createPortfolio } from './portfolio.js';
import { STATUSES, word, customerStatus, renderRows } from './dashboard.js';

const $ = (id) => document.getElementById(id);
const element = $('attestation');
const langSelect = $('ui-lang');
const filterText = $('filter-text');
const filterStatus = $('filter-status');
const rows = [];
let selected = null;
let pending = null;
// One column (demo.css's breakpoint): the element opens below the list, out of sight.
const oneColumn = window.matchMedia('(max-width: 60rem)');

function lang() { return langSelect.value; }

function renderStatusOptions() {
  const current = filterStatus.value;
  filterStatus.replaceChildren(new Option(word(lang(), 'all'), ''), ...STATUSES.map((s) => new Option(word(lang(), s), s)));
  filterStatus.value = current;
}

function renderList() {
  const shown = renderRows($('customer-rows'), rows, lang(), { text: filterText.value, status: filterStatus.value,
    selected: selected?.id }, (customer) => open(customer, { fromList: true }));
  say($('filter-count'), word(lang(), 'shown', { n: shown, total: rows.length }));
}

/** Sets a live region's text only when it changes, so a redrawn list does not say its count again. */
function say(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function relabel() {
  const l = lang();
  document.documentElement.lang = l;
  for (const [id, key] of [['customers-title', 'customers'], ['filter-text-label', 'search'], ['filter-status-label', 'status'],
    ['col-name', 'customer'], ['col-country', 'country'], ['col-status', 'status'], ['detail-title', 'attestation'],
    ['detail-empty', 'choose'], ['ui-lang-label', 'language'], ['table-caption', 'caption'], ['customer-id-label', 'openById'],
    ['customer-open', 'open'], ['play-accept', 'play'], ['play-note', 'playNote'], ['bulk-title', 'bulk'], ['bulk-intro', 'bulkIntro'],
    ['bulk-sample', 'sample']]) $(id).textContent = word(l, key);
  filterText.placeholder = word(l, 'placeholder');
  element.setAttribute('lang', l);
  $('bulk').setAttribute('lang', l);
  renderStatusOptions();
  renderList();
}

/** Opens the element for a customer of the list (or one typed by ID). */
function open(customer, { fromList = false } = {}) {
  selected = customer;
  pending = null;
  $('play').hidden = true;
  $('detail-empty').hidden = true;
  element.hidden = false;
  element.context = customer.context ?? null;
  for (const [name, value] of [['company-name', customer.companyName], ['country', customer.country],
    ['customer-language', customer.language]]) {
    if (value) element.setAttribute(name, value); else element.removeAttribute(name);
  }
  element.setAttribute('customer-id', customer.id);
  renderList();
  if (oneColumn.matches) {
    // One column: bring the element into sight and start reading at its heading.
    element.scrollIntoView({ block: 'start' });
    element.focus({ preventScroll: true });
  } else if (fromList) {
    // Side by side: the list was drawn anew; keep the keyboard focus on the chosen customer.
    document.querySelector(`#customer-rows tr[data-customer="${customer.id}"] button`)?.focus();
  }
}

async function refreshRow(core, client, id) {
  const row = rows.find((r) => r.customer.id === id);
  if (!row) return;
  Object.assign(row, await customerStatus(core, client, row.customer));
  renderList();
}

try {
  defineElement();
  const core = await loadCore();
  $('core-version').textContent = core.version;
  document.body.dataset.coreReady = 'true';
  const client = createClient({ baseUrl: '/pc' });
  element.core = core;
  $('bulk').core = core;
  const input = $('customer-id');
  const status = $('customer-id-status');
  const check = () => {
    if (input.value === '') { input.removeAttribute('aria-invalid'); status.textContent = ''; delete status.dataset.code; return null; }
    const result = core.validateConfirmation({ customerId: input.value });
    const error = result.errors.find((e) => e.field === 'customerId');
    input.setAttribute('aria-invalid', error ? 'true' : 'false');
    status.className = `status ${error ? 'error' : 'ok'}`;
    status.dataset.code = error ? error.code : 'ok';
    say(status, error ? error.message : `Valid: ${result.normalized.customerId}`);
    return error ? null : result.normalized.customerId;
  };
  input.addEventListener('input', check);
  $('customer-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const id = check();
    if (!id) { input.focus(); return; }
    open(rows.find((r) => r.customer.id === id)?.customer ?? { id, context: null });
  });
  const customers = await (await fetch('/_demo/customers')).json();
  rows.push(...customers.map((customer) => ({ customer, status: null, reasons: [], error: null })));
  relabel();
  langSelect.addEventListener('change', relabel);
  filterText.addEventListener('input', renderList);
  filterStatus.addEventListener('change', renderList);

  const portfolio = createPortfolio({ root: $('portfolio'), core, client, store: defaultAttestationStore(), lang,
    onOpen: (customer) => { open(rows.find((r) => r.customer.id === customer.id)?.customer ?? { ...customer, context: null });
      element.scrollIntoView({ block: 'nearest' }); } });
  langSelect.addEventListener('change', () => portfolio.render());
  portfolio.scan();
  element.addEventListener('mca-pending', (event) => {
    pending = event.detail.attestationId; $('play').hidden = false; portfolio.refreshWaiting();
  });
  element.addEventListener('mca-submitted', (event) => {
    $('play').hidden = true; refreshRow(core, client, event.detail.customerId); portfolio.refreshWaiting();
  });
  element.addEventListener('mca-error', () => { $('play').hidden = true; });
  $('play-accept').addEventListener('click', async () => {
    if (!pending) return;
    await fetch(`/_emulator/attestations/${pending}/accept`, { method: 'POST' });
    $('play').hidden = true;
  });
  await Promise.all(rows.map((row) => refreshRow(core, client, row.customer.id)));
  document.body.dataset.statusesReady = 'true';

} catch (error) {
  $('core-version').textContent = 'failed to load';
  $('customer-id-status').textContent = `The demo could not start: ${error.message}`;
}
