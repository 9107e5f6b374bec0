import { createClient } from '../client.js';
import { loadCore } from '../core.js';
import { McaError } from '../errors.js';
import { emit, focusNode, focusSoon, h, replaceKeepingFocus } from './dom.js';
import { readFacts, scenarioContext } from './facts.js';
import { followAttestation, runClassic, runEnhanced } from './flows.js';
import { emailView, findPending, recordAgreement, recordedSince, remember } from './pending.js';
import { defaultAttestationStore } from '../attestation-store.js';
import { createForm } from './form.js';
import { qrFor } from './qr-slot.js';
import { elementStyles } from './styles.js';
import { label, uiLanguage } from '../i18n/index.js';
import { decisionView, errorView, resultView, acceptanceView } from './views.js';
import { defineTag, ElementBase } from './define.js';
import { contextFromAttributes } from './context.js';

const RELOAD = ['customer-id', 'base-url', 'purchase', 'purchase-partner', 'prior-purchases', 'partner-roles', 'indirect-reseller'];
const REFORM = ['flow', 'company-name', 'country', 'customer-language'];

/**
 * `<mca-attestation>`: reads what Partner Center holds for one customer,
 * shows the core's decision and why, the agreement document, the form of the
 * chosen flow with inline errors, the submit (busy, cancel) and the recorded
 * result. Shadow DOM, text only (no markup from data), styles adopted
 * (CSP-safe). Registered by `MCAAttestationElement.define()` or
 * `defineElement()`, never on import.
 *
 * @tagname mca-attestation
 * @event mca-decision - Partner Center was read and the core decided (`McaDecisionDetail`)
 * @event mca-pending - an enhanced attestation waits for the customer (`McaPendingDetail`)
 * @event mca-submitted - the agreement is recorded, read back when `verified` (`McaSubmittedDetail`)
 * @event mca-error - a read, the document link, a submit or the wait failed (`McaErrorDetail`)
 *
 * @csspart header - the top: title, company and customer ID
 * @csspart title - the element's heading
 * @csspart company - the company name
 * @csspart customer-id - the customer ID
 * @csspart body - everything below the header
 * @csspart decision - the core's decision; `data-status` holds the list status
 * @csspart action - what to do, in words
 * @csspart reasons - the list of reasons
 * @csspart document - the row of the agreement document's button
 * @csspart document-link - the button that opens the agreement document
 * @csspart form - the form of the chosen flow
 * @csspart field - each field (label, input, error); also `field-<name>`
 * @csspart label - each field's label
 * @csspart input - each input; also `input-<name>`
 * @csspart field-error - a field's inline error
 * @csspart submit - the submit button
 * @csspart cancel - the cancel button shown while busy
 * @csspart acceptance - the customer's acceptance link, its buttons and QR code
 * @csspart acceptance-url - the link as text
 * @csspart acceptance-link - the button-styled link that opens it
 * @csspart copy - the button that copies it
 * @csspart qr - the QR code's box
 * @csspart expired - the notice that the link expired
 * @csspart email - the row of the "Send by email" link
 * @csspart email-link - the mailto: link to the signatory, in the customer's language
 * @csspart error - a failure explained
 * @csspart retry - the button that reads Partner Center again
 * @csspart result - the recorded agreement
 * @csspart status - the live status line
 *
 * @cssprop --mca-font - font family
 * @cssprop --mca-color - text colour
 * @cssprop --mca-background - background
 * @cssprop --mca-border-color - borders and rules
 * @cssprop --mca-radius - corner radius
 * @cssprop --mca-spacing - padding of the element
 * @cssprop --mca-muted-color - secondary text
 * @cssprop --mca-accent - buttons, links and the decision to act
 * @cssprop --mca-accent-contrast - text on the accent colour
 * @cssprop --mca-focus-color - the focus ring
 * @cssprop --mca-error-color - errors and invalid inputs
 * @cssprop --mca-error-background - background of a failure
 * @cssprop --mca-success-color - the bar of the recorded result
 * @cssprop --mca-success-background - background of the recorded result
 * @cssprop --mca-input-border-color - input borders
 * @cssprop --mca-input-background - input background
 * @cssprop --mca-qr-size - width of the QR code
 */
export class MCAAttestationElement extends ElementBase {
  /**
   * Registers the element under `tagName` in `registry` and returns the
   * class the tag stands for. Idempotent; another tag name gets a subclass.
   * @param {string} [tagName]
   * @param {CustomElementRegistry} [registry]
   */
  static define(tagName = 'mca-attestation', registry = globalThis.customElements) {
    return defineTag(this, tagName, registry, 'MCAAttestationElement.define');
  }

  static get observedAttributes() { return [...RELOAD, ...REFORM, 'lang', 'poll-interval']; }

  #root; #header; #body; #statusNode;
  #client = null; #ownClient = null; #core = null; #context = null; #defaults = {};
  /** @type {import('../index.js').McaElementState} */
  #state = 'idle';
  #decision = null; #facts = null; #result = null; #error = null; #note = null;
  #acceptance = null; #form = null; #controller = null; #run = 0; #scheduled = false; #loaded = Promise.resolve();
  #requestIds = new Map();
  #carry = {};
  #store = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = [elementStyles()];
    this.#header = h('header', { part: 'header' });
    this.#body = h('div', { part: 'body' });
    this.#statusNode = h('p', { part: 'status', class: 'status', role: 'status', 'aria-live': 'polite' });
    this.#root.append(this.#header, this.#body, this.#statusNode);
  }

  connectedCallback() { this.#schedule(); }
  disconnectedCallback() { this.#controller?.abort(); }

  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    if (name === 'base-url') this.#ownClient = null;
    if (RELOAD.includes(name)) this.#schedule();
    else if (REFORM.includes(name) && !this.#busy()) { this.#form = null; this.#render(); }
    else if (name === 'lang' && !this.#busy()) { this.#carry = this.#form?.values() ?? {}; this.#form = null; this.#render(); }
    else if (name === 'lang') this.#render();
  }

  // ---- configuration -------------------------------------------------
  get customerId() { return this.getAttribute('customer-id') ?? ''; }
  set customerId(v) { this.setAttribute('customer-id', String(v ?? '')); }
  get flow() { return this.getAttribute('flow') === 'classic' ? 'classic' : 'enhanced'; }
  set flow(v) { this.setAttribute('flow', v === 'classic' ? 'classic' : 'enhanced'); }
  get baseUrl() { return this.getAttribute('base-url'); }
  set baseUrl(v) { if (v == null) this.removeAttribute('base-url'); else this.setAttribute('base-url', String(v)); }
  get companyName() { return this.getAttribute('company-name') ?? ''; }
  set companyName(v) { this.setAttribute('company-name', String(v ?? '')); }
  get country() { return this.getAttribute('country') ?? ''; }
  set country(v) { this.setAttribute('country', String(v ?? '')); }
  get customerLanguage() { return this.getAttribute('customer-language') ?? ''; }
  set customerLanguage(v) { this.setAttribute('customer-language', String(v ?? '')); }
  get pollInterval() { const n = Number(this.getAttribute('poll-interval')); return Number.isFinite(n) && n > 0 ? n : 5000; }
  set pollInterval(v) { this.setAttribute('poll-interval', String(v)); }
  /** A Partner Center client (createClient); wins over base-url. */
  get client() { return this.#client; }
  set client(v) { this.#client = v ?? null; this.#schedule(); }
  /** What the dashboard knows for detectScenario (purchase, priorPurchases, partner), over the attributes. */
  get context() { return this.#context; }
  set context(v) { this.#context = v ?? null; this.#schedule(); }
  /** Initial values of form fields (signatoryFirstName, email, …). */
  get defaults() { return { ...this.#defaults }; }
  set defaults(v) { this.#defaults = { ...(v ?? {}) }; if (!this.#busy()) { this.#form = null; this.#render(); } }
  /** The attestation store (createAttestationStore); default: this page's, in IndexedDB. */
  get store() { return (this.#store ??= defaultAttestationStore()); }
  set store(v) { this.#store = v ?? null; }
  /** The core in use (read: loadCore() unless one was set); set a core or a promise of one. */
  get core() { return this.#getCore(); }
  set core(v) { this.#core = Promise.resolve(v); }

  // ---- read-only state -------------------------------------------------
  /** 'idle' | 'loading' | 'ready' | 'submitting' | 'awaiting' | 'done' | 'expired' | 'error' */
  get state() { return this.#state; }
  get decision() { return this.#decision; }
  get result() { return this.#result; }
  /** The language the element speaks: its own or the closest ancestor's lang, else the page's, else en. */
  get uiLang() {
    return uiLanguage(this.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en');
  }

  /** Reads Partner Center again and decides anew. */
  refresh() { this.#schedule(); }
  /** Cancels what is in progress (reads, submit, waiting for the customer). */
  cancel() { this.#controller?.abort(); }
  /**
   * Once the customer's reads have ended: when its attestation's link expired, asks for a
   * new one with the kept values, as the form's "Create a new link" does (the same checks).
   * Resolves true when it was asked, false when there is no expired link to replace.
   */
  async createNewLink() {
    for (let seen = null; seen !== this.#loaded;) { seen = this.#loaded; await seen; }
    if (this.#state !== 'expired' || !this.#form?.node.isConnected) return false;
    this.#form.node.requestSubmit();
    return true;
  }
  /** Moves the keyboard focus to the element's heading (a page does so after opening a customer). */
  focus(options) { focusNode(this.#header.querySelector('.title'), options); }

  // ---- loading and deciding ------------------------------------------------
  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.#loaded = new Promise((done) => queueMicrotask(() => {
      this.#scheduled = false;
      done(this.isConnected ? this.#load() : undefined);
    }));
  }

  #getCore() { return (this.#core ??= loadCore()); }

  #getClient() {
    if (this.#client) return this.#client;
    if (!this.baseUrl) return null;
    this.#ownClient ??= createClient({ baseUrl: this.baseUrl, core: this.#getCore(), onEvent: (e) => this.handleClientEvent(e) });
    return this.#ownClient;
  }

  /**
   * Keeps the MS-RequestId of each action's last successful write (shown with
   * the result). A client the element made itself reports here; pass
   * `onEvent: (e) => element.handleClientEvent(e)` to a client you give it.
   */
  handleClientEvent(event) {
    if (event.type === 'response' && event.method === 'POST' && event.status >= 200 && event.status < 300) {
      this.#requestIds.set(event.correlationId, event.requestId);
    }
  }

  #begin() {
    this.#controller?.abort();
    this.#controller = new AbortController();
    this.#run += 1;
    return { run: this.#run, call: { signal: this.#controller.signal, correlationId: crypto.randomUUID() } };
  }

  async #load() {
    const { run, call } = this.#begin();
    this.#decision = null; this.#facts = null; this.#result = null; this.#error = null; this.#note = null;
    this.#acceptance = null; this.#form = null;
    const id = this.customerId.trim();
    const client = this.#getClient();
    if (!id || !client) { this.#setState('idle', label(this.uiLang, id ? 'noClient' : 'noCustomer')); return; }
    this.#setState('loading', label(this.uiLang, 'loading'));
    try {
      const core = await this.#getCore();
      const checked = core.validateConfirmation({ customerId: id }).errors.find((e) => e.field === 'customerId');
      if (checked) throw new McaError({ ...checked, code: checked.code });
      const started = Date.now();
      if (!(await this.#decide(core, client, id.toLowerCase(), call, run))) return;
      this.#setState('ready', '');
      await this.#resume(run, call, client, id.toLowerCase(), started);
    } catch (error) {
      if (run === this.#run) this.#fail(error, 'read', null);
    }
  }

  /** Reads what Partner Center holds and lets the core decide; false when a newer run took over. */
  async #decide(core, client, customerId, call, run) {
    const facts = await readFacts(client, customerId, call);
    if (run !== this.#run) return false;
    this.#facts = facts;
    const context = scenarioContext(customerId, facts, contextFromAttributes(this, this.#context));
    this.#decision = core.detectScenario(context, { templates: facts.templates });
    this.#emit('mca-decision', { customerId, decision: this.#decision, agreements: facts.agreements,
      directSigned: facts.directSigned, templates: facts.templates });
    return true;
  }

  // ---- resuming an attestation sent before ----------------------------------
  /** The customer's pending attestation of the store: followed again, recorded once if accepted, or offered anew if expired. */
  async #resume(run, call, client, customerId, started) {
    const found = await findPending({ store: this.store, client, customerId, call });
    if (run !== this.#run) return;
    if (!found) {
      // Recorded elsewhere (another tab) while this view read the customer: read again, once.
      if (await recordedSince(this.store, customerId, started) && run === this.#run) this.#schedule();
      return;
    }
    const { record, attestation } = found;
    if (attestation?.status === 'Expired') {
      // One way on, as after a wait: the form, filled with the kept values, makes a new link.
      const { customerId: _id, ...values } = record.values ?? {};
      void _id;
      this.#carry = values;
      this.#form = null;
      this.#setState('expired', '');
      return;
    }
    this.#drive((run$) => {
      if (attestation?.status === 'Pending') {
        run$.stage('awaiting', { attestation, link: record.link, values: record.values, resumed: true });
      }
      return followAttestation(run$, record.attestationId);
    }, record.values);
  }

  // ---- submitting -----------------------------------------------------------
  #submit(values) {
    return this.#drive((run$) => (this.flow === 'classic' ? runClassic(run$) : runEnhanced(run$)), values);
  }

  async #drive(flow, values) {
    const client = this.#getClient();
    const core = await this.#getCore();
    const { run, call } = this.#begin();
    const lang = this.uiLang;
    this.#error = null; this.#result = null; this.#acceptance = null;
    this.#setState('submitting', label(lang, 'sending'));
    this.#form?.setBusy(true);
    const customerId = this.customerId.trim().toLowerCase();
    const store = this.store;
    const stage = (name, data) => {
      if (run !== this.#run) return;
      if (name === 'awaiting') {
        this.#acceptance = { link: data.link, attestation: data.attestation, values: data.values ?? null,
          qr: qrFor(core, data.link, label(lang, 'qr')) };
        this.#setState('awaiting', label(lang, data.resumed ? 'resumed' : 'waiting'));
        this.#emit('mca-pending', { customerId, attestationId: data.attestation.id, link: data.link,
          expirationDateTime: data.attestation.expirationDateTime ?? null });
        this.#focusSoon('.acceptance-link');
      } else if (name === 'recording') this.#setState('submitting', label(lang, 'accepted'));
      else if (name === 'verifying') this.#setState('submitting', label(lang, 'verifying'));
      else if (name === 'expired') { this.#acceptance = null; this.#form?.setBusy(false); this.#setState('expired', ''); }
    };
    try {
      const run$ = { client, core, customerId, values, call, stage, pollIntervalMs: this.pollInterval,
        remember: (kept) => remember(store, kept),
        record: (attestationId) => recordAgreement({ store, client, core, customerId, attestationId, call }) };
      const outcome = await flow(run$);
      if (run !== this.#run) return;
      if (outcome.expired) { this.#focusSoon('.submit'); return; }
      // What Partner Center holds now decides anew: the old decision is never shown under the result.
      try {
        if (!(await this.#decide(core, client, customerId, call, run))) return;
      } catch (error) {
        if (error?.code === 'aborted') throw error;
        this.#decision = null;
      }
      this.#form?.setBusy(false);
      this.#result = { ...outcome, customerId, requestId: this.#requestIds.get(call.correlationId) ?? null,
        correlationId: call.correlationId };
      this.#acceptance = null;
      this.#setState('done', '');       // the result, focused, says it: the status line does not repeat it
      this.#emit('mca-submitted', { customerId, flow: outcome.flow, agreement: outcome.agreement, verified: outcome.verified,
        attestationId: outcome.attestationId ?? null, requestId: this.#result.requestId, correlationId: call.correlationId });
      this.#focusSoon('.result');
    } catch (error) {
      if (run !== this.#run) return;
      this.#form?.setBusy(false);
      if (error?.code === 'aborted') { this.#acceptance = null; this.#setState('ready', label(lang, 'cancelled')); return; }
      this.#fail(error, this.#state === 'awaiting' ? 'wait' : 'submit', customerId);
    }
  }

  #fail(error, stage, customerId) {
    const e = error instanceof McaError ? error
      : new McaError({ code: error?.code ?? 'unknown', message: error?.message ?? String(error) }, { cause: error });
    this.#error = { error: e, stage };
    this.#setState('error', '');
    this.#emit('mca-error', { customerId: customerId ?? this.customerId.trim().toLowerCase(), stage, error: e, code: e.code,
      requestId: e.requestId, correlationId: e.correlationId });
    this.#focusSoon('.error');
  }

  async #openDocument(button) {
    const lang = this.uiLang;
    const call = { correlationId: crypto.randomUUID() };
    const where = await this.#documentPlace();
    this.#say(label(lang, 'documentOpening'));
    try {
      const template = this.#decision?.templateId ?? (await this.#getCore()).domain.templateId;
      const doc = await this.#getClient().getAgreementDocument(template, where, call);
      const url = new URL(doc.downloadUri, location.href);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new McaError({ code: 'response.malformed' });
      window.open(url.href, '_blank', 'noopener');
      this.#say(label(lang, 'documentOpened'));
      button.dataset.opened = url.href;
    } catch (error) {
      this.#fail(error, 'document', null);
    }
  }

  /** Country and culture for the document: the form's valid values, else the attributes, else US / en-US. */
  async #documentPlace() {
    const core = await this.#getCore();
    const values = { ...this.#initialValues(), ...(this.#form?.values() ?? {}) };
    const n = core.validateAttestation({ country: values.country ?? '', language: values.language || this.customerLanguage }).normalized;
    return { country: n.country ?? 'US', language: n.language ?? 'en-US' };
  }

  // ---- rendering ------------------------------------------------------------
  #busy() { return this.#state === 'submitting' || this.#state === 'awaiting'; }

  #setState(state, message) {
    this.#state = state;
    this.dataset.state = state;
    this.#render();
    if (message !== undefined) this.#say(message);
  }

  #say(text) { this.#statusNode.textContent = text; this.#statusNode.classList.toggle('busy', this.#busy()); }

  #emit(type, detail) { emit(this, type, detail); }

  #focusSoon(selector) { focusSoon(this.#root, selector); }

  #initialValues() {
    const now = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    return { dateAgreed: now, companyName: this.companyName, country: this.country, language: this.customerLanguage,
      ...this.#defaults };
  }

  #showForm() {
    const action = this.#decision?.action;
    return this.#decision && (action === 'attest' || action === null) && this.#state !== 'done';
  }

  #ensureForm(lang) {
    if (this.#form) return this.#form;
    const flow = this.flow;
    const customerId = this.customerId.trim();
    let core = null;             // the form is only shown after a decision, so the core is there by then
    this.#getCore().then((c) => { core = c; });
    const validate = (values) => {
      if (!core) return { errors: [] };
      return flow === 'classic' ? core.validateConfirmation({ ...values, customerId }, { now: Date.now() })
        : core.validateAttestation({ ...values, customerId });
    };
    const form = createForm({ flow, lang, values: { ...this.#initialValues(), ...this.#carry }, validate,
      onSubmit: (values) => this.#submit(values), onCancel: () => this.cancel() });
    this.#carry = {};
    form.node.addEventListener('mca-invalid', (e) => this.#say(label(lang, 'fixErrors', { count: e.detail.count })));
    this.#form = form;
    return form;
  }

  #render() {
    const lang = this.uiLang;
    this.#root.host.setAttribute('aria-busy', this.#busy() ? 'true' : 'false');
    const id = this.customerId.trim();
    replaceKeepingFocus(this.#root, this.#header, [h('h2', { part: 'title', class: 'title' }, label(lang, 'title')),
      this.companyName ? h('p', { part: 'company', class: 'company' }, this.companyName) : null,
      id ? h('p', { class: 'muted' }, `${label(lang, 'customerId')}: `, h('span', { class: 'mono', part: 'customer-id' }, id)) : null]);
    const parts = [];
    if (this.#decision) {
      parts.push(decisionView(lang, this.#decision));
      const doc = h('button', { type: 'button', part: 'document-link', class: 'document-link' }, label(lang, 'document'));
      doc.addEventListener('click', () => this.#openDocument(doc));
      parts.push(h('div', { class: 'actions', part: 'document' }, doc));
    }
    if (this.#showForm()) {
      parts.push(h('h3', {}, label(lang, this.flow === 'classic' ? 'flowClassic' : 'flowEnhanced')));
      if (this.flow === 'classic') parts.push(h('p', { class: 'muted' }, label(lang, 'classicNote')));
      // Expired: one way on, the same form (its values kept) under a new name, described by the notice.
      const expired = this.#state === 'expired';
      if (expired) parts.push(h('p', { part: 'expired', class: 'expired', id: 'mca-expired' }, label(lang, 'expired')));
      const form = this.#ensureForm(lang);
      form.setSubmitLabel(expired ? label(lang, 'newLink') : null, expired ? 'mca-expired' : null);
      parts.push(form.node);
    }
    if (this.#acceptance && (this.#state === 'awaiting' || this.#state === 'submitting')) {
      parts.push(acceptanceView(lang, this.#acceptance.link, this.#acceptance.qr, () => this.#copy(this.#acceptance.link)));
      if (this.#acceptance.values?.signatoryEmail) parts.push(emailView(lang, this.#acceptance));
    }
    if (this.#error) {
      const retry = this.#error.stage === 'read' ? () => this.#schedule() : null;
      parts.push(errorView(lang, this.#error.error, retry));
    }
    if (this.#result) parts.push(resultView(lang, this.#result));
    replaceKeepingFocus(this.#root, this.#body, parts);
  }

  async #copy(link) {
    const lang = this.uiLang;
    try {
      await navigator.clipboard.writeText(link);
      this.#say(label(lang, 'copied'));
    } catch {
      this.#say(label(lang, 'copyFailed'));
    }
  }
}
