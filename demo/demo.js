// The demo dashboard: one customer list — every customer Partner Center
// lists, with its MCA status, read with scanPortfolio (portfolio.js) —
// <mca-attestation> for the chosen customer, the attestations waiting for
// customers, and <mca-bulk> for a CSV file of customers, all against the
// Partner Center emulator behind /pc/ on this origin, under the strict CSP.
import { loadCore, createClient, defineElement, defaultAttestationStore } from '../web/index.js';
import { createPortfolio } from './portfolio.js';
import { say, word } from './dashboard.js';
import { purchaseContext } from './purchases.js';

const $ = (id) => document.getElementById(id);
const element = $('attestation');
const langSelect = $('ui-lang');
let pending = null;
let portfolio = null;
// One column (demo.css's breakpoint): the element opens below the list, out of sight.
const oneColumn = window.matchMedia('(max-width: 60rem)');

function lang() { return langSelect.value; }

function relabel() {
  const l = lang();
  document.documentElement.lang = l;
  for (const [id, key] of [['customers-title', 'customers'], ['filter-text-label', 'search'], ['filter-status-label', 'status'],
    ['col-name', 'customer'], ['col-country', 'country'], ['col-status', 'status'], ['detail-title', 'attestation'],
    ['detail-empty', 'choose'], ['ui-lang-label', 'language'], ['table-caption', 'caption'], ['customer-id-label', 'openById'],
    ['customer-open', 'open'], ['play-accept', 'play'], ['play-note', 'playNote'], ['bulk-title', 'bulk'], ['bulk-intro', 'bulkIntro'],
    ['bulk-sample', 'sample']]) $(id).textContent = word(l, key);
  $('filter-text').placeholder = word(l, 'placeholder');
  element.setAttribute('lang', l);
  $('bulk').setAttribute('lang', l);
  portfolio?.render();
}

/**
 * Opens the element for a customer: one of the list (its scan entry), or one
 * typed by ID. The partner's own facts of its purchase go with it, so the
 * element's decision is the list's.
 */
function open(customer, { fromList = false, newLink = false } = {}) {
  const id = customer.customerId;
  pending = null;
  $('play').hidden = true;
  $('detail-empty').hidden = true;
  element.hidden = false;
  element.context = portfolio.entry(id) ? purchaseContext({ id }) : null;
  for (const [name, value] of [['company-name', customer.companyName], ['country', customer.country],
    ['customer-language', customer.culture]]) {
    if (value) element.setAttribute(name, value); else element.removeAttribute(name);
  }
  element.setAttribute('customer-id', id);
  // From the waiting list's expired link: the element makes the new one once it has read the customer.
  if (newLink) element.createNewLink();
  portfolio.select(id);
  if (oneColumn.matches || !fromList) {
    // One column, or opened from below the list: bring the element into sight and start reading at its heading.
    element.scrollIntoView({ block: oneColumn.matches ? 'start' : 'nearest' });
    element.focus({ preventScroll: true });
  } else {
    // Side by side: the list was drawn anew; keep the keyboard focus on the chosen customer.
    document.querySelector(`#customer-rows tr[data-customer="${id}"] button`)?.focus();
  }
}

try {
  defineElement();
  const core = await loadCore();
  $('core-version').textContent = core.version;
  document.body.dataset.coreReady = 'true';
  const client = createClient({ baseUrl: '/pc' });
  const store = defaultAttestationStore();
  element.core = core;
  element.store = store;
  $('bulk').core = core;
  $('bulk').store = store;
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
    open(portfolio.entry(id) ?? { customerId: id });
  });

  portfolio = createPortfolio({ root: $('portfolio'), waitingRoot: $('waiting'), core, client, store, lang, onOpen: open });
  relabel();
  langSelect.addEventListener('change', relabel);
  element.addEventListener('mca-pending', (event) => {
    pending = event.detail.attestationId; $('play').hidden = false; portfolio.refresh(element.customerId);
  });
  element.addEventListener('mca-submitted', (event) => {
    $('play').hidden = true; portfolio.refresh(event.detail.customerId);
  });
  element.addEventListener('mca-error', () => { $('play').hidden = true; });
  $('play-accept').addEventListener('click', async () => {
    if (!pending) return;
    await fetch(`/_emulator/attestations/${pending}/accept`, { method: 'POST' });
    $('play').hidden = true;
  });
  await portfolio.scan();
  document.body.dataset.statusesReady = 'true';
} catch (error) {
  $('core-version').textContent = 'failed to load';
  $('customer-id-status').textContent = `The demo could not start: ${error.message}`;
}
