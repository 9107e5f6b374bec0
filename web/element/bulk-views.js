// The views of <mca-bulk>: the file pick and drop zone, counts per state,
// the rows that will not be sent, the progress, the rows with their
// acceptance links and QR codes, and the downloads. Every value is text.
import { label, translate } from '../i18n/index.js';
import { STATES } from '../bulk/progress.js';
import { h, uniqueId } from './dom.js';

/** How many rows a list shows (the downloads hold them all). */
export const SHOWN_ROWS = 200;

/** The input section: flow choice, labelled file pick, drop zone. */
export function inputView(lang, { flow, onFlow, onFile }) {
  const group = uniqueId('mca-bulk-flow');
  const radios = ['classic', 'enhanced'].map((value) => {
    const id = `${group}-${value}`;
    const input = h('input', { type: 'radio', name: group, id, value, checked: value === flow });
    input.addEventListener('change', () => { if (input.checked) onFlow(value); });
    return h('div', { class: 'choice' }, input, h('label', { for: id }, label(lang, value === 'classic' ? 'bulk.flowClassic' : 'bulk.flowEnhanced')));
  });
  const fileId = uniqueId('mca-bulk-file');
  const hintId = `${fileId}-hint`;
  const file = h('input', { type: 'file', id: fileId, accept: '.csv,text/csv,text/plain', part: 'file', 'aria-describedby': hintId });
  file.addEventListener('change', () => { if (file.files?.[0]) onFile(file.files[0]); file.value = ''; });
  return h('section', { part: 'bulk-input' },
    h('fieldset', { part: 'flow' }, h('legend', {}, label(lang, 'bulk.flow')), radios),
    h('div', { class: 'field' }, h('label', { for: fileId }, label(lang, 'bulk.file')), file,
      h('p', { class: 'muted', id: hintId }, label(lang, 'bulk.fileHint'))),
    h('div', { part: 'drop-zone', class: 'drop-zone' }, label(lang, 'bulk.drop')));
}

/**
 * Counts per state as a table. A dry run's: first `toSend` (the runner's
 * count of the rows a submit works on, `sendRows`), then each state's
 * other rows, so the figures add up to the file's rows.
 */
export function countsView(lang, counts, toSend = null, sendRows = []) {
  const body = h('tbody');
  const inSend = (state) => sendRows.filter((r) => r.state === state).length;
  const rows = toSend === null ? STATES.map((s) => [s, counts[s]])
    : [['to-send', toSend], ...STATES.map((s) => [s, counts[s] - inSend(s)])];
  for (const [state, n] of rows) {
    if (!n && state !== 'to-send') continue;
    body.append(h('tr', { 'data-state': state }, h('th', { scope: 'row' }, label(lang, `state.${state}`)), h('td', {}, String(n))));
  }
  return h('table', { part: 'counts', class: 'counts' }, h('caption', {}, label(lang, 'bulk.counts')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, label(lang, 'bulk.state')), h('th', { scope: 'col' }, label(lang, 'bulk.count')))),
    body);
}

/** The reason of a row in words: a row reason, a validation or CSV code, or an error code. */
export function reasonText(lang, row) {
  const text = translate(row.reason ?? '', lang, row.detail ?? row.reason ?? '');
  if (row.reason === 'duplicate' && row.firstLine) return `${text} (${label(lang, 'bulk.line', { line: row.firstLine })})`;
  return text;
}

/**
 * The rows of a dry run that will not be sent (invalid, duplicate, already
 * confirmed, cannot attest, settled before), and those it could not check,
 * which a submit tries again (counted in "to send").
 */
export function problemsView(lang, problems, retried = []) {
  const section = h('section', { part: 'problems', class: 'problems' }, h('h4', {}, label(lang, 'bulk.problems')));
  if (problems.length === 0) section.append(h('p', {}, label(lang, 'bulk.noProblems')));
  else rowList(section, lang, problems);
  if (retried.length) rowList(section.appendChild(h('div', { class: 'retried' }, h('h4', {}, label(lang, 'bulk.retried')))), lang, retried);
  return section;
}

function rowList(section, lang, problems) {
  const list = h('ul');
  for (const row of problems.slice(0, SHOWN_ROWS)) {
    const codes = row.state === 'invalid' && row.detail ? row.detail.split('; ').map((part) => part.split(':')[0]).filter((c) => /^[\w.-]+$/.test(c)) : [];
    const words = codes.length > 1 ? codes.map((c) => translate(c, lang, c)).join(' ') : reasonText(lang, row);
    list.append(h('li', { 'data-line': row.line, 'data-state': row.state, 'data-reason': row.reason ?? '' },
      h('strong', {}, label(lang, 'bulk.line', { line: row.line })), ` · ${label(lang, `state.${row.state}`)}`,
      row.customerId ? h('span', { class: 'mono' }, ` · ${row.customerId}`) : null, ` · ${words}`));
  }
  section.append(list);
  if (problems.length > SHOWN_ROWS) section.append(h('p', { class: 'muted' }, `… +${problems.length - SHOWN_ROWS}`));
}

/** The progress section's nodes, updated in place while a run goes on. */
export function createProgressView(lang) {
  const id = uniqueId('mca-bulk-progress');
  const bar = h('progress', { id, part: 'progress', max: '1', value: '0' });
  const text = h('p', { part: 'progress-text', class: 'progress-text' });
  const counts = h('div');
  const node = h('section', { part: 'progress-section', hidden: true },
    h('label', { for: id }, label(lang, 'bulk.progress')), bar, text, counts);
  return {
    node,
    update(event) {
      node.hidden = false;
      bar.max = Math.max(1, event.total);
      bar.value = event.done;
      bar.dataset.done = String(event.done);
      const fmt = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
      const left = event.etaMs === null ? label(lang, 'bulk.leftUnknown') : label(lang, 'bulk.left', { time: duration(lang, event.etaMs) });
      text.textContent = `${label(lang, 'bulk.progressText', { done: event.done, total: event.total })} · `
        + `${label(lang, 'bulk.rate', { rate: fmt.format(event.rowsPerSecond) })} · ${left}`;
      counts.replaceChildren(countsView(lang, event.counts, null));
    },
  };
}

function duration(lang, ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** The rows of a run: state, reason, and in the enhanced flow the link with a button for its QR code. */
export function rowsView(lang, rows, { selected, onSelect, qr }) {
  const withLink = rows.some((r) => r.link);
  const head = h('tr', {}, ...['bulk.line', 'bulk.customer', 'bulk.state', 'bulk.reason', ...(withLink ? ['bulk.link'] : [])]
    .map((k) => h('th', { scope: 'col' }, label(lang, k, { line: '' }).trim())));
  const body = h('tbody');
  for (const row of rows.slice(0, SHOWN_ROWS)) {
    const tr = h('tr', { 'data-line': row.line, 'data-state': row.state, 'aria-current': row.line === selected ? 'true' : false },
      h('td', {}, String(row.line)), h('td', { class: 'mono' }, row.customerId ?? ''),
      h('td', {}, label(lang, `state.${row.state}`)), h('td', {}, reasonText(lang, row)));
    if (withLink) {
      const cell = h('td');
      if (row.link) {
        const show = h('button', { type: 'button', part: 'show-qr', 'aria-pressed': row.line === selected ? 'true' : 'false' },
          label(lang, 'bulk.showQr', { line: row.line }));
        show.addEventListener('click', () => onSelect(row.line));
        cell.append(h('a', { href: row.link, target: '_blank', rel: 'noopener', class: 'mono row-link', part: 'row-link' }, row.link), ' ', show);
      }
      tr.append(cell);
    }
    body.append(tr);
  }
  const section = h('section', { part: 'rows' }, h('h4', {}, label(lang, 'bulk.rows')),
    h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': label(lang, 'bulk.rows') }, h('table', {}, h('thead', {}, head), body)));
  if (rows.length > SHOWN_ROWS) section.append(h('p', { class: 'muted' }, `… +${rows.length - SHOWN_ROWS}`));
  if (qr) section.append(h('figure', { part: 'qr', class: 'qr' }, qr.svg, h('figcaption', {}, label(lang, 'bulk.qrFor', { line: qr.line }))));
  return section;
}

/**
 * The download buttons: `onDownload(key)` makes the file when one is used
 * (rendering makes no file and no object URL).
 */
export function downloadsView(lang, keys, onDownload) {
  return h('section', { part: 'downloads' }, h('h4', {}, label(lang, 'bulk.downloads')),
    h('ul', {}, keys.map((key) => {
      const button = h('button', { type: 'button', part: `download-${key}`, class: `download-${key}` },
        label(lang, key === 'results' ? 'bulk.downloadResults' : 'bulk.downloadEvidence'));
      button.addEventListener('click', () => onDownload(key));
      return h('li', {}, button);
    })));
}
