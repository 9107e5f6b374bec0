// <mca-bulk>: the bulk flow in a page. A CSV file (picked or dropped), the
// flow, a dry run first (counts per state, the rows that will not be sent and
// why), then the submit with a progress bar, counts, rows/s and time left,
// cancel, and the results and evidence to download. The run is journalled in
// IndexedDB (web/bulk/journal-idb.js) with the file itself, so a reloaded page
// finds the unfinished run and continues it without sending a row twice.
import { createClient } from '../client.js';
import { loadCore } from '../core.js';
import { openIdbEvidence } from '../bulk/evidence-idb.js';
import { deleteIdbJournal, idbJournalBackend, openIdbJournal } from '../bulk/journal-idb.js';
import { createResultsWriter, RESULT_COLUMNS } from '../bulk/results.js';
import { isToSend, runBulk } from '../bulk/runner.js';
import { partnerFromAttributes } from './context.js';
import { emit, focusSoon, h, saveFile } from './dom.js';
import { countsView, createProgressView, downloadsView, inputView, problemsView, rowsView } from './bulk-views.js';
import { qrFor } from './qr-slot.js';
import { defineTag, ElementBase } from './define.js';
import { elementStyles } from './styles.js';
import { label, translate, uiLanguage } from '../i18n/index.js';
import { keepBulkAttestations } from './pending.js';
import { defaultAttestationStore } from '../attestation-store.js';

const DEFAULT_RATE_LIMIT = 450;

async function sha256Bytes(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest.subarray(0, 12), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * `<mca-bulk>`: the bulk flow of a CSV file in a page. Registered by
 * `MCABulkElement.define()` or `defineElement()`, never on import.
 *
 * @tagname mca-bulk
 * @event mca-bulk-checked - the dry run ended (`McaBulkCheckedDetail`)
 * @event mca-bulk-progress - a submit advanced (`McaBulkProgressDetail`)
 * @event mca-bulk-done - a submit ended, finished or cancelled (`McaBulkDoneDetail`)
 * @event mca-error - the file or the run failed (`McaBulkErrorDetail`: `stage` is `'bulk'`)
 *
 * @csspart title - the element's heading
 * @csspart body - everything above the status line
 * @csspart bulk-input - the flow choice, the file pick and the drop zone
 * @csspart flow - the flow choice
 * @csspart file - the file input
 * @csspart drop-zone - where a file can be dropped
 * @csspart resume-note - the notice of an unfinished run found in this browser
 * @csspart forget - the button that forgets that run
 * @csspart counts - the table of rows per state
 * @csspart problems - the dry run's rows that will not be sent
 * @csspart submit - the submit button
 * @csspart progress-section - the progress of a submit
 * @csspart progress - the progress bar
 * @csspart progress-text - rows done, rows per second and time left
 * @csspart cancel - the cancel button of a submit
 * @csspart rows - the table of a run's rows
 * @csspart row-link - a row's acceptance link
 * @csspart show-qr - a row's button that shows its QR code
 * @csspart qr - the QR code of the selected row
 * @csspart again - the button that checks the file again to continue
 * @csspart downloads - the downloads
 * @csspart download-results - the button that saves the results (CSV)
 * @csspart download-evidence - the button that saves the evidence (JSON lines)
 * @csspart status - the live status line
 *
 * @cssprop --mca-font - font family
 * @cssprop --mca-color - text colour
 * @cssprop --mca-background - background
 * @cssprop --mca-border-color - borders, rules and the drop zone
 * @cssprop --mca-radius - corner radius
 * @cssprop --mca-spacing - padding of the element
 * @cssprop --mca-muted-color - secondary text
 * @cssprop --mca-accent - buttons, links, the progress bar
 * @cssprop --mca-accent-contrast - text on the accent colour
 * @cssprop --mca-focus-color - the focus ring
 * @cssprop --mca-input-border-color - input borders
 * @cssprop --mca-input-background - input background
 * @cssprop --mca-qr-size - width of the QR code
 * @cssprop --mca-drop-background - the drop zone while a file is over it
 * @cssprop --mca-selected-background - the selected row
 */
export class MCABulkElement extends ElementBase {
  /**
   * Registers the element under `tagName` in `registry` and returns the
   * class the tag stands for. Idempotent; another tag name gets a subclass.
   * @param {string} [tagName]
   * @param {CustomElementRegistry} [registry]
   */
  static define(tagName = 'mca-bulk', registry = globalThis.customElements) {
    return defineTag(this, tagName, registry, 'MCABulkElement.define');
  }

  static get observedAttributes() { return ['lang', 'flow', 'base-url', 'partner-roles', 'indirect-reseller']; }

  #root; #body; #statusNode; #progress = null;
  #client = null; #ownClient = null; #core = null; #store = null;
  /** @type {import('../index.js').McaBulkState} */
  #state = 'empty';
  #file = null; #parsed = null; #checked = null; #run = null; #error = null; #note = null;
  #controller = null; #selected = null; #started = false; #busyToken = 0;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = [elementStyles()];
    this.#body = h('div', { part: 'body' });
    this.#statusNode = h('p', { part: 'status', class: 'status', role: 'status', 'aria-live': 'polite' });
    this.#root.append(this.#body, this.#statusNode);
    this.addEventListener('dragover', (e) => { if (this.#acceptsDrop(e)) { e.preventDefault(); this.#dropActive(true); } });
    this.addEventListener('dragleave', () => this.#dropActive(false));
    this.addEventListener('drop', (e) => {
      e.preventDefault();
      this.#dropActive(false);
      const file = e.dataTransfer?.files?.[0];
      if (file && !this.#busy()) this.#takeFile(file);
    });
  }

  connectedCallback() {
    this.#render();
    if (!this.#started) { this.#started = true; this.#resumeStored(); }
  }
  disconnectedCallback() { this.#controller?.abort(); }

  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    if (name === 'base-url') this.#ownClient = null;
    if (name === 'flow' && this.#file && !this.#busy()) { this.#saveSource().then(() => this.#dryRun()); return; }
    if ((name === 'partner-roles' || name === 'indirect-reseller') && this.#parsed && !this.#busy()) { this.#dryRun(); return; }
    if (this.isConnected) this.#render();
  }

  // ---- configuration ------------------------------------------------------
  /** 'enhanced' (default: the classic confirmation is retired for new attestations) or 'classic'. */
  get flow() { return this.getAttribute('flow') === 'classic' ? 'classic' : 'enhanced'; }
  set flow(v) { this.setAttribute('flow', v === 'classic' ? 'classic' : 'enhanced'); }
  get baseUrl() { return this.getAttribute('base-url'); }
  set baseUrl(v) { if (v == null) this.removeAttribute('base-url'); else this.setAttribute('base-url', String(v)); }
  /** Rows in flight at once (1–64, default 4). */
  get concurrency() { const n = Number(this.getAttribute('concurrency')); return Number.isInteger(n) && n >= 1 && n <= 64 ? n : 4; }
  /** Requests per minute (or per rate-window-ms) the element's own client paces to; 0: no pacing. */
  get rateLimit() {
    const n = Number(this.getAttribute('rate-limit') ?? DEFAULT_RATE_LIMIT);
    if (!Number.isInteger(n) || n <= 0) return null;
    const w = Number(this.getAttribute('rate-window-ms') ?? 60_000);
    return { perMinute: n, windowMs: Number.isFinite(w) && w > 0 ? w : 60_000 };
  }
  /** The partner's facts each row is decided with (`partner-roles`, `indirect-reseller`), as runBulk's `partner`; null: unknown. */
  get partner() { return partnerFromAttributes(this); }
  /** The IndexedDB names of this element's runs start with `mca-bulk:<journal-name>:` (default "default"). */
  get journalName() { return this.getAttribute('journal-name') || 'default'; }
  get client() { return this.#client; }
  set client(v) { this.#client = v ?? null; }
  /** The core in use (read: loadCore() unless one was set). */
  get core() { return this.#getCore(); }
  set core(v) { this.#core = Promise.resolve(v); }
  /** The attestation store the rows awaiting their customers are kept in (default: the page's, shared with <mca-attestation>). */
  get store() { return (this.#store ??= defaultAttestationStore()); }
  set store(v) { this.#store = v ?? null; }
  /** 'empty' | 'reading' | 'checking' | 'checked' | 'submitting' | 'done' | 'error' */
  get state() { return this.#state; }
  /** The last run's result (runBulk's), dry run or submit. */
  get result() { return this.#run ?? this.#checked; }
  get uiLang() { return uiLanguage(this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en'); }

  /** Takes a File (or Blob with a name) as if it was picked. */
  load(file) { return this.#takeFile(file); }
  /** Cancels the run in progress: rows in flight finish, the rest stay resumable. */
  cancel() { if (this.#controller) { this.#controller.abort(); this.#say(label(this.uiLang, 'bulk.cancelling')); } }
  /** Forgets the stored run of this element (source, journal, evidence) and starts over. */
  async forget() {
    if (this.#busy()) return;
    const names = this.#file ? [this.#journalDb(), `${this.#journalDb()}:evidence`] : [];
    await Promise.all([this.#sourceDb(), ...names].map((n) => deleteIdbJournal(n).catch(() => {})));
    this.#file = null; this.#parsed = null; this.#checked = null; this.#run = null; this.#error = null; this.#note = null;
    this.#setState('empty', label(this.uiLang, 'bulk.forgotten'));
  }

  // ---- the file -----------------------------------------------------------
  #getCore() { return (this.#core ??= loadCore()); }
  async #getClient() {
    if (this.#client) return this.#client;
    if (!this.baseUrl) throw Object.assign(new Error(label(this.uiLang, 'noClient')), { code: 'client.invalidBaseUrl' });
    this.#ownClient ??= createClient({ baseUrl: this.baseUrl, core: await this.#getCore(), rateLimit: this.rateLimit });
    return this.#ownClient;
  }
  #sourceDb() { return `mca-bulk:${this.journalName}:source`; }
  #journalDb() { return `mca-bulk:${this.journalName}:${this.flow}:${this.#file.hash}`; }
  #acceptsDrop(e) { return !this.#busy() && Array.from(e.dataTransfer?.types ?? []).includes('Files'); }
  #dropActive(on) { this.#root.querySelector('.drop-zone')?.classList.toggle('active', on); }

  async #takeFile(file) {
    const lang = this.uiLang;
    this.#setState('reading', label(lang, 'bulk.reading', { file: file.name ?? '' }));
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      this.#file = { name: file.name ?? 'customers.csv', bytes, hash: await sha256Bytes(bytes) };
      this.#note = null;
      await this.#saveSource();
      await this.#dryRun();
    } catch (error) {
      this.#failed(error);
    }
  }

  /** The source of the current run, so that a reloaded page can continue it. */
  async #saveSource() {
    const store = idbJournalBackend(this.#sourceDb());
    try { await store.append({ name: this.#file.name, bytes: this.#file.bytes, hash: this.#file.hash, flow: this.flow }); }
    finally { await store.close(); }
  }

  async #resumeStored() {
    try {
      const store = idbJournalBackend(this.#sourceDb());
      const last = (await store.load()).records.at(-1);
      await store.close();
      if (!last?.bytes || this.#file) return;
      this.#file = { name: last.name, bytes: new Uint8Array(last.bytes), hash: last.hash };
      if (last.flow && last.flow !== this.flow) this.setAttribute('flow', last.flow);
      this.#note = label(this.uiLang, 'bulk.resumeFound', { file: last.name });
      await this.#dryRun();
    } catch (error) {
      this.#failed(error);
    }
  }

  /** The header (and first row) read for its columns and separator (the rows are read by the run);
   * a fault of the whole file (the core's `fileError`) stops here, in words. */
  #parse(core) {
    const parsed = core.parseCsv(this.#file.bytes, { flow: this.flow, maxRows: 1 });
    const fault = parsed.fileError;
    if (fault) throw Object.assign(new Error(translate(fault.code, this.uiLang, fault.message)), { code: fault.code });
    return parsed;
  }

  // ---- dry run and submit -------------------------------------------------------
  async #dryRun() {
    const lang = this.uiLang;
    const token = ++this.#busyToken;
    this.#checked = null; this.#run = null; this.#error = null; this.#selected = null;
    this.#setState('checking', label(lang, 'bulk.checking'));
    let journal = null;
    try {
      const core = await this.#getCore();
      this.#parsed = this.#parse(core);
      journal = await openIdbJournal(this.#journalDb());
      const run = await runBulk({ core, client: await this.#getClient(), csv: this.#file.bytes,
        flow: this.flow, dryRun: true, journal, concurrency: this.concurrency, partner: this.partner });
      if (token !== this.#busyToken) return;
      this.#checked = run;
      // One count (the runner's) behind the table, the button, this message and the event.
      const { toSend } = run;
      this.#setState('checked', label(lang, toSend ? 'bulk.checked' : 'bulk.noRows', { send: toSend }));
      this.#emit('mca-bulk-checked', { flow: this.flow, total: run.total, counts: run.counts, toSend });
    } catch (error) {
      if (token === this.#busyToken) this.#failed(error);
    } finally {
      await journal?.close();
    }
  }

  async #submit() {
    const lang = this.uiLang;
    const token = ++this.#busyToken;
    this.#controller = new AbortController();
    this.#run = null; this.#error = null; this.#selected = null;
    this.#setState('submitting', label(lang, 'bulk.submitting'));
    this.#focusSoon('.cancel');
    let journal = null;
    let evidence = null;
    try {
      const core = await this.#getCore();
      journal = await openIdbJournal(this.#journalDb());
      evidence = await openIdbEvidence(`${this.#journalDb()}:evidence`);
      const run = await runBulk({ core, client: await this.#getClient(), csv: this.#file.bytes,
        flow: this.flow, dryRun: false, journal, evidence, concurrency: this.concurrency, signal: this.#controller.signal,
        partner: this.partner,
        progressIntervalMs: 150,
        onProgress: (e) => { this.#progress?.update(e); this.#emit('mca-bulk-progress', e); } });
      this.#run = { ...run, evidenceText: evidence.text(), lastHash: evidence.lastHash };
      // the attestations waiting keep their rows as written (the run read the file in one batch call)
      const inputs = run.rows.some((r) => r.attestationId) ? core.parseCsv(this.#file.bytes, { flow: this.flow }).rows : [];
      await keepBulkAttestations(this.store, run.rows, inputs);
      const c = run.counts;
      const message = run.cancelled ? label(lang, 'bulk.cancelled')
        : `${label(lang, 'bulk.done', { submitted: c.submitted, failed: c.failed, awaiting: c['awaiting-acceptance'] })}`
          + (run.complete ? '' : ` ${label(lang, 'bulk.unfinished')}`);
      this.#controller = null;
      this.#setState('done', message);
      this.#emit('mca-bulk-done', { flow: run.flow, total: run.total, counts: run.counts, complete: run.complete,
        cancelled: run.cancelled, elapsedMs: run.elapsedMs, rowsPerSecond: run.rowsPerSecond, lastHash: evidence.lastHash });
      this.#focusSoon('.counts');
    } catch (error) {
      this.#controller = null;
      if (token === this.#busyToken) this.#failed(error);
    } finally {
      await journal?.close();
      await evidence?.close();
    }
  }

  #failed(error) {
    this.#controller = null;
    this.#error = error;
    const message = label(this.uiLang, 'bulk.fileError', { message: error?.message ?? String(error) });
    this.#setState('error', message);
    this.#emit('mca-error', { stage: 'bulk', code: error?.code ?? 'unknown', error });
  }

  // ---- rendering ------------------------------------------------------------------
  #busy() { return ['reading', 'checking', 'submitting'].includes(this.#state); }
  #setState(state, message) { this.#state = state; this.dataset.state = state; this.#render(); if (message !== undefined) this.#say(message); }
  #say(text) { this.#statusNode.textContent = text; this.#statusNode.classList.toggle('busy', this.#busy()); }
  #emit(type, detail) { emit(this, type, detail); }
  #focusSoon(selector) { focusSoon(this.#root, selector); }

  #downloads(lang) {
    const run = this.#run ?? this.#checked;
    if (!run || !this.#parsed) return null;
    const keys = this.#run?.evidenceText ? ['results', 'evidence'] : ['results'];
    const { separator } = this.#parsed;
    const stem = this.#file.name.replace(/\.csv$/i, '');
    return downloadsView(lang, keys, (key) => {
      if (key === 'evidence') { saveFile(new Blob([run.evidenceText], { type: 'application/jsonl' }), `${stem}.evidence.jsonl`); return; }
      const columns = [...RESULT_COLUMNS[run.flow], 'detail', 'requestId', 'correlationId'];
      const writer = createResultsWriter({ separator, flow: run.flow, columns });
      saveFile(new Blob([writer.header() + run.rows.map(writer.line).join('')], { type: 'text/csv;charset=utf-8' }), `${stem}.results.csv`);
    });
  }

  #render() {
    const lang = this.uiLang;
    this.setAttribute('aria-busy', this.#busy() ? 'true' : 'false');
    const parts = [h('h2', { part: 'title' }, label(lang, 'bulk.title'))];
    if (!this.#busy()) {
      parts.push(inputView(lang, { flow: this.flow, onFlow: (flow) => this.setAttribute('flow', flow), onFile: (f) => this.#takeFile(f) }));
    }
    if (this.#note) {
      const forget = h('button', { type: 'button', part: 'forget' }, label(lang, 'bulk.startOver'));
      forget.addEventListener('click', () => this.forget());
      parts.push(h('p', { part: 'resume-note', class: 'resume-note' }, this.#note, ' '), this.#busy() ? null : h('div', { class: 'actions' }, forget));
    }
    const run = this.#run ?? this.#checked;
    if (this.#file && run && this.#state !== 'submitting') {
      parts.push(h('h3', {}, label(lang, this.#run ? 'bulk.runTitle' : 'bulk.dryRunTitle', { file: this.#file.name })));
      const dry = this.#checked && !this.#run;
      parts.push(dry ? countsView(lang, run.counts, run.toSend, run.rows.filter(isToSend)) : countsView(lang, run.counts));
      if (dry) {
        parts.push(problemsView(lang, run.rows.filter((r) => !isToSend(r)), run.rows.filter((r) => isToSend(r) && r.state === 'failed')));
        if (run.toSend > 0) {
          const submit = h('button', { type: 'button', class: 'primary submit', part: 'submit' }, label(lang, 'bulk.submit', { count: run.toSend }));
          submit.addEventListener('click', () => this.#submit());
          parts.push(h('div', { class: 'actions' }, submit));
        }
      } else {
        const selected = run.rows.find((r) => r.line === this.#selected && r.link);
        parts.push(rowsView(lang, run.rows, { selected: this.#selected, onSelect: (line) => this.#select(line),
          qr: selected ? this.#qrNode(selected) : null }));
        if (!run.complete || run.cancelled) {
          const again = h('button', { type: 'button', part: 'again', class: 'again' }, label(lang, 'bulk.again'));
          again.addEventListener('click', () => this.#dryRun());
          parts.push(h('div', { class: 'actions' }, again));
        }
      }
      const downloads = this.#downloads(lang);
      if (downloads) parts.push(downloads);
    }
    if (this.#state === 'submitting') {
      this.#progress = createProgressView(lang);
      const cancel = h('button', { type: 'button', part: 'cancel', class: 'cancel' }, label(lang, 'bulk.cancel'));
      cancel.addEventListener('click', () => this.cancel());
      parts.push(this.#progress.node, h('div', { class: 'actions' }, cancel));
    } else {
      this.#progress = null;
    }
    this.#body.replaceChildren(...parts.filter(Boolean));
  }

  #qrCore = null;
  #qrNode(row) {
    if (!this.#qrCore) return null;
    const svg = qrFor(this.#qrCore, row.link, label(this.uiLang, 'bulk.qrFor', { line: row.line }));
    return svg ? { line: row.line, svg } : null;
  }

  async #select(line) {
    this.#qrCore ??= await this.#getCore();
    this.#selected = line;
    this.#render();
    this.#focusSoon('.qr');
  }
}
