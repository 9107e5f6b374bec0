// The dashboard's customer list: every customer Partner Center lists, read
// with scanPortfolio through the client and the proxy (the dashboard keeps
// no list of its own), each decided by the core with what the partner's own
// systems know of its purchase (purchases.js, the scan's `context`) and the
// attestations of the store. A text and status filter, sorting by name,
// country or status, a count per status, pages of rows (only one page is in
// the DOM, drawn at most once a frame while the scan streams in, so
// thousands of customers never freeze the page), "Export the list" (the
// scan CSV of what the filter shows) and "Waiting for customers": the
// pending attestations of the store with their expiry, a copy button, and
// for an expired one a button that opens the customer (its form makes a new
// link in one click). Text only: never HTML.
import { scanPortfolio, scanCsv } from '../web/index.js';
import { translate } from '../web/i18n/index.js';
import { saveFile } from '../web/element/dom.js';
import { say, word } from './dashboard.js';
import { PARTNER, purchaseContext } from './purchases.js';

const PAGE = 50;
const collator = new Intl.Collator('en', { sensitivity: 'base' });
const SORTS = { name: (e) => e.companyName, country: (e) => e.country, status: (e) => e.status ?? '' };

function el(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== null && text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  return node;
}

/**
 * @param {{ root: HTMLElement, waitingRoot: HTMLElement, core: any, client: any, store: any, lang: () => string,
 *   onOpen: (entry: { customerId: string, companyName?: string, country?: string, culture?: string }) => void }} options
 */
export function createPortfolio({ root, waitingRoot, core, client, store, lang, onOpen }) {
  /** Scan entries by customer id, in the order they came. */
  const entries = new Map();
  const state = { sort: 'name', page: 0, progress: null, error: null, selected: null, statuses: '', scanning: true };   // scanning until the first scan ended
  let waiting = [];
  const $ = (sel) => root.querySelector(sel);
  const scanOptions = { core, store, partner: PARTNER, context: purchaseContext };

  function shown() {
    const needle = $('#filter-text').value.trim().toLowerCase();
    const status = $('#filter-status').value;
    const key = SORTS[state.sort];
    return [...entries.values()].filter((e) => (!status || e.status === status)
      && (!needle || `${e.companyName} ${e.country} ${e.customerId}`.toLowerCase().includes(needle)))
      .sort((a, b) => collator.compare(key(a), key(b)) || collator.compare(a.companyName, b.companyName));
  }

  /** The count per status, most first; the status filter offers the statuses the list has. */
  function renderCounts(l) {
    const counts = new Map();
    for (const e of entries.values()) counts.set(e.status ?? 'unknown', (counts.get(e.status ?? 'unknown') ?? 0) + 1);
    const ranked = [...counts].sort((a, b) => b[1] - a[1] || collator.compare(a[0], b[0]));
    $('#portfolio-counts').replaceChildren(...ranked.map(([status, n]) => {
      const li = el('li', null, { 'data-status': status, 'data-count': String(n) });
      li.append(el('span', word(l, status), { class: `badge ${status}` }), ` ${n}`);
      return li;
    }));
    const select = $('#filter-status');
    const names = `${l} ${ranked.map(([s]) => s).sort().join(' ')}`;
    if (names === state.statuses) return;            // rebuilt only when they change: an open list stays open
    state.statuses = names;
    const current = select.value;
    const known = [...counts.keys()].sort((a, b) => collator.compare(word(l, a), word(l, b)));
    if (current && !counts.has(current)) known.push(current);
    select.replaceChildren(new Option(word(l, 'all'), ''), ...known.map((s) => new Option(word(l, s), s)));
    select.value = current;
  }

  function row(e, l) {
    const status = e.status ?? 'unknown';
    const tr = el('tr', null, { 'data-customer': e.customerId, 'data-status': status });
    if (e.error) tr.dataset.error = e.error.code;
    if (e.customerId === state.selected) tr.setAttribute('aria-current', 'true');
    const open = el('button', e.companyName || e.customerId, { type: 'button', class: 'link' });
    open.addEventListener('click', () => onOpen(e, { fromList: true }));
    const name = el('th', null, { scope: 'row' });
    name.append(open);
    const why = e.error ? translate(e.error.code, l, e.error.message) : e.reasons.map((code) => translate(code, l)).join(' ');
    const cell = el('td');
    cell.append(el('span', word(l, status), { class: `badge ${status}` }));
    if (why) cell.append(el('span', why, { class: 'why' }));
    tr.append(name, el('td', e.country), cell);
    return tr;
  }

  function renderRows(l) {
    const rows = shown();
    const pages = Math.max(1, Math.ceil(rows.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    $('#customer-rows').replaceChildren(...rows.slice(state.page * PAGE, (state.page + 1) * PAGE).map((e) => row(e, l)));
    // Said once the scan ended (the progress line speaks while it reads), not at every customer that arrives.
    say($('#filter-count'), state.scanning ? '' : word(l, 'shown', { n: rows.length, total: entries.size }));
    $('#portfolio-page').textContent = word(l, 'page', { page: state.page + 1, pages });
    $('#portfolio-prev').disabled = state.page === 0;
    $('#portfolio-next').disabled = state.page >= pages - 1;
  }

  function renderWaiting(l) {
    const now = Date.now();
    waitingRoot.querySelector('#waiting-rows').replaceChildren(...waiting.map((r) => {
      const who = entries.get(r.customerId);
      const expired = who?.pending?.attestationId === r.attestationId && who.pending.status === 'Expired'
        || Boolean(r.expiresAt && Date.parse(r.expiresAt) <= now);
      const tr = el('tr', null, { 'data-attestation': r.attestationId, 'data-expired': String(expired) });
      const name = el('th', who?.companyName ?? r.values?.companyName ?? r.customerId, { scope: 'row' });
      const when = el('td', r.expiresAt ? `${word(l, expired ? 'expiredAt' : 'expiresAt')} ${r.expiresAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC')}` : '');
      const act = el('td');
      const copy = el('button', word(l, 'copyLink'), { type: 'button', class: 'copy-link' });
      copy.addEventListener('click', () => navigator.clipboard.writeText(r.link).catch(() => {}));
      act.append(copy);
      if (expired) {
        const again = el('button', word(l, 'newLink'), { type: 'button', class: 'new-link' });
        again.addEventListener('click', () => onOpen(who ?? { customerId: r.customerId, companyName: r.values?.companyName ?? '',
          country: r.values?.country ?? '', culture: r.values?.language ?? '' }, { fromList: false, newLink: true }));
        act.append(' ', again);
      }
      tr.append(name, when, act);
      return tr;
    }));
    waitingRoot.querySelector('#waiting-empty').hidden = waiting.length > 0;
  }

  function render() {
    const l = lang();
    for (const [sel, key] of [['#portfolio-sort-label', 'sortBy'], ['#portfolio-export', 'export'],
      ['#portfolio-prev', 'prev'], ['#portfolio-next', 'next']]) $(sel).textContent = word(l, key);
    for (const [sel, key] of [['#waiting-title', 'waitingTitle'], ['#waiting-empty', 'waitingEmpty']]) {
      waitingRoot.querySelector(sel).textContent = word(l, key);
    }
    for (const option of $('#portfolio-sort').options) option.textContent = word(l, `sort.${option.value}`);
    const p = state.progress;
    say($('#portfolio-progress'), state.error ? `${translate(state.error.code, l, state.error.message)} (${state.error.code})`
      : p ? word(l, p.total === null ? 'scanning' : 'scanned', { done: p.done, total: p.total ?? p.listed }) : word(l, 'reading'));
    renderCounts(l);
    renderRows(l);
    renderWaiting(l);
  }

  let scheduled = false;
  const soon = () => {                // at most one render per frame while the scan streams in
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => { scheduled = false; render(); });
  };
  const firstPage = () => { state.page = 0; render(); };

  $('#filter-text').addEventListener('input', firstPage);
  $('#filter-status').addEventListener('change', firstPage);
  $('#portfolio-sort').addEventListener('change', (e) => { state.sort = e.target.value; firstPage(); });
  $('#portfolio-prev').addEventListener('click', () => { state.page -= 1; render(); });
  $('#portfolio-next').addEventListener('click', () => { state.page += 1; render(); });
  $('#portfolio-export').addEventListener('click', () => {
    saveFile(new Blob([scanCsv(shown())], { type: 'text/csv;charset=utf-8' }), 'portfolio.csv');
  });

  return {
    render,
    /** The scan entry of a listed customer, or undefined. */
    entry: (customerId) => entries.get(customerId),
    /** Marks the customer the element shows. */
    select(customerId) { state.selected = customerId; render(); },
    /** Reads every customer (again); resolves when the scan ended. */
    async scan() {
      entries.clear();
      state.error = null;
      state.scanning = true;
      root.dataset.ready = 'false';
      try {
        for await (const entry of scanPortfolio({ ...scanOptions, client, onProgress: (p) => { state.progress = p; } })) {
          entries.set(entry.customerId, entry);
          soon();
        }
      } catch (error) {
        state.error = { code: error.code ?? 'error', message: error.message };
      }
      waiting = await store.list({ state: 'pending' });
      state.scanning = false;
      render();
      root.dataset.ready = 'true';
    },
    /**
     * One customer read and decided again (its attestation sent or recorded): a scan of a list of one,
     * the customer as Partner Center gives it by id. A customer not listed stays out of the list.
     */
    async refresh(customerId) {
      if (entries.has(customerId)) {
        const one = { ...client, listCustomers: () => (async function* list() { yield await client.getCustomer(customerId); })() };
        try {
          for await (const entry of scanPortfolio({ ...scanOptions, client: one, concurrency: 1 })) entries.set(entry.customerId, entry);
        } catch (error) {
          entries.set(customerId, { ...entries.get(customerId), error: { code: error.code ?? 'error', message: error.message } });
        }
      }
      waiting = await store.list({ state: 'pending' });
      render();
    },
  };
}
