// The dashboard's portfolio: every customer Partner Center lists, read with
// scanPortfolio through the client (no list of the dashboard's own), with a
// count per status, sorting by name, country or status, pages of rows (so
// thousands of customers never freeze the page: only one page is in the
// DOM), "Export the list" (the scan CSV) and "Waiting for customers": the
// pending attestations of the attestation store with their expiry, a copy
// button, and for an expired one a button that opens the customer (its form
// makes a new link). Customers are opened from the list above it. Text only.
import { scanPortfolio, scanCsv } from '../web/index.js';
import { saveFile } from '../web/element/dom.js';
import { word } from './dashboard.js';

const PAGE = 50;
const SORTS = { name: (e) => e.companyName.toLowerCase(), country: (e) => e.country, status: (e) => e.status ?? '' };

function el(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== null && text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  return node;
}

/**
 * @param {{ root: HTMLElement, core: any, client: any, store: any, lang: () => string,
 *   onOpen: (customer: { id: string, companyName: string, country: string, language: string }) => void }} options
 */
export function createPortfolio({ root, core, client, store, lang, onOpen }) {
  const entries = [];
  let sort = 'name';
  let page = 0;
  let progress = null;
  let waiting = [];
  const $ = (sel) => root.querySelector(sel);

  function sorted() {
    const key = SORTS[sort];
    return [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.companyName.localeCompare(b.companyName)));
  }

  function renderCounts(l) {
    const counts = new Map();
    for (const e of entries) counts.set(e.status, (counts.get(e.status) ?? 0) + 1);
    $('#portfolio-counts').replaceChildren(...[...counts].sort((a, b) => b[1] - a[1]).map(([status, n]) => {
      const li = el('li', null, { 'data-status': status, 'data-count': String(n) });
      li.append(el('span', word(l, status), { class: `badge ${status}` }), ` ${n}`);
      return li;
    }));
  }

  function renderRows(l) {
    const rows = sorted();
    const pages = Math.max(1, Math.ceil(rows.length / PAGE));
    page = Math.min(page, pages - 1);
    $('#portfolio-rows').replaceChildren(...rows.slice(page * PAGE, (page + 1) * PAGE).map((e) => {
      const tr = el('tr', null, { 'data-customer': e.customerId, 'data-status': e.status ?? 'unknown' });
      const name = el('th', e.companyName, { scope: 'row' });
      const status = el('td');
      status.append(el('span', word(l, e.status ?? 'unknown'), { class: `badge ${e.status ?? 'unknown'}` }));
      tr.append(name, el('td', e.country), status);
      return tr;
    }));
    $('#portfolio-page').textContent = word(l, 'page', { page: page + 1, pages });
    $('#portfolio-prev').disabled = page === 0;
    $('#portfolio-next').disabled = page >= pages - 1;
  }

  function renderWaiting(l) {
    const now = Date.now();
    $('#waiting-rows').replaceChildren(...waiting.map((r) => {
      const who = entries.find((e) => e.customerId === r.customerId);
      const expired = who?.pending?.attestationId === r.attestationId && who.pending.status === 'Expired'
        || Boolean(r.expiresAt && Date.parse(r.expiresAt) <= now);
      const tr = el('tr', null, { 'data-attestation': r.attestationId, 'data-expired': String(expired) });
      const name = el('th', who?.companyName ?? r.customerId, { scope: 'row' });
      const when = el('td', r.expiresAt ? `${word(l, expired ? 'expiredAt' : 'expiresAt')} ${r.expiresAt.replace('T', ' ').replace(/:\d\dZ$/, ' UTC')}` : '');
      const act = el('td');
      const copy = el('button', word(l, 'copyLink'), { type: 'button', class: 'copy-link' });
      copy.addEventListener('click', () => navigator.clipboard.writeText(r.link).catch(() => {}));
      act.append(copy);
      if (expired) {
        const again = el('button', word(l, 'openForNewLink'), { type: 'button', class: 'new-link' });
        again.addEventListener('click', () => onOpen({ id: r.customerId, companyName: who?.companyName ?? '',
          country: who?.country ?? r.values?.country ?? '', language: who?.culture ?? r.values?.language ?? '' }));
        act.append(' ', again);
      }
      tr.append(name, when, act);
      return tr;
    }));
    $('#waiting-empty').hidden = waiting.length > 0;
  }

  function render() {
    const l = lang();
    for (const [sel, key] of [['#portfolio-title', 'portfolio'], ['#portfolio-sort-label', 'sortBy'], ['#portfolio-export', 'export'],
      ['#portfolio-prev', 'prev'], ['#portfolio-next', 'next'], ['#waiting-title', 'waitingTitle'], ['#waiting-empty', 'waitingEmpty'],
      ['#pcol-name', 'customer'], ['#pcol-country', 'country'], ['#pcol-status', 'status'], ['#portfolio-caption', 'portfolioCaption']]) {
      $(sel).textContent = word(l, key);
    }
    for (const option of $('#portfolio-sort').options) option.textContent = word(l, `sort.${option.value}`);
    $('#portfolio-progress').textContent = progress ? word(l, progress.total === null ? 'scanning' : 'scanned',
      { done: progress.done, total: progress.total ?? progress.listed }) : '';
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

  $('#portfolio-sort').addEventListener('change', (e) => { sort = e.target.value; page = 0; render(); });
  $('#portfolio-prev').addEventListener('click', () => { page -= 1; render(); });
  $('#portfolio-next').addEventListener('click', () => { page += 1; render(); });
  $('#portfolio-export').addEventListener('click', () => {
    saveFile(new Blob([scanCsv(sorted())], { type: 'text/csv;charset=utf-8' }), 'portfolio.csv');
  });

  return {
    render,
    /** Reads every customer (again); resolves when the scan ended. */
    async scan() {
      entries.length = 0;
      root.dataset.ready = 'false';
      try {
        for await (const entry of scanPortfolio({ core, client, store, partner: { roles: ['AdminAgent'], indirectReseller: false },
          onProgress: (p) => { progress = p; } })) {
          entries.push(entry);
          soon();
        }
      } catch (error) {
        $('#portfolio-progress').textContent = `${error.code}: ${error.message}`;
      }
      waiting = await store.list({ state: 'pending' });
      render();
      root.dataset.ready = 'true';
    },
    /** The attestation store changed (an attestation sent or recorded): the waiting view again. */
    async refreshWaiting() { waiting = await store.list({ state: 'pending' }); render(); },
  };
}
