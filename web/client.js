/**
 * The Partner Center client: fetch with the headers, retries and throttling
 * Partner Center expects. Request bodies come from the core's builders,
 * every failure is explained by core.explainError and retried exactly when
 * its `retryable` says so (always under the same MS-RequestId), and the
 * agreement type of the queries is the core's: this module only carries
 * requests.
 * The token goes to baseUrl's origin only, and is never stored or logged.
 */
import { loadCore } from './core.js';
import { McaError } from './errors.js';
import { rateLimiterOf } from './rate-limit.js';
import { customerPages } from './customer-pages.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BACKOFF_BASE_MS = 200;
const BACKOFF_CAP_MS = 8000;

/**
 * @param {import('./index.js').ClientOptions} options
 */
export function createClient(options) {
  options ??= {};
  const { getToken = null, signal: clientSignal = null, timeoutMs = 30_000, maxRetries = 3,
    onEvent = null } = options;
  const fetchImpl = options.fetch ?? ((...args) => globalThis.fetch(...args));
  const base = parseBase(options.baseUrl);
  /** Paces every attempt of this client under the service's limit (rate-limit.js); null: no pacing. */
  const limiter = rateLimiterOf(options.rateLimit);
  let corePromise = null;
  /** After a 429 every request of this client waits until here: one partner, one limit. */
  let pausedUntil = 0;
  const getCore = () => (corePromise ??= Promise.resolve(options.core ?? loadCore()));

  function emit(event) {
    if (!onEvent) return;
    try { onEvent(event); } catch { /* a listener's failure never breaks a request */ }
  }

  /**
   * One user action: a correlation id, the signals that may cancel it, and
   * the MS-RequestId the caller chose for its (first) request, if any.
   */
  function action(call = {}) {
    if (call.requestId !== undefined && !(typeof call.requestId === 'string' && GUID.test(call.requestId))) {
      throw new McaError({ code: 'client.invalidRequestId', message: 'requestId must be a GUID (the MS-RequestId to send).' });
    }
    return { correlationId: call.correlationId ?? uuid(), requestId: call.requestId ?? null,
      signal: anySignal([clientSignal, call.signal].filter(Boolean)) };
  }

  /**
   * The core's explanation of a failure as an McaError. No answer (status 0)
   * keeps the client's own code and words for what happened (`timeout`,
   * `network`); whether to retry and the outcome are the core's.
   */
  async function explain(status, text, headers, ids, cause, failure) {
    const core = await getCore();
    const fields = core.explainError({ status, body: text, headers });
    const own = failure === 'timeout' ? { code: 'timeout', message: `No answer within ${timeoutMs} ms.` }
      : failure === 'network' ? { code: 'network', message: 'The request failed before an answer arrived.' } : {};
    return new McaError({ ...fields, ...own, requestId: fields.requestId ?? ids.requestId,
      correlationId: fields.correlationId ?? ids.correlationId }, cause ? { cause } : undefined);
  }

  /** Sends one request, retrying it (same MS-RequestId) as Partner Center advises. */
  async function send(name, method, path, { query, body, headers: extra } = {}, act) {
    const kind = getToken ? await tokenKindOf(name) : null;
    const url = `${base.href}/v1${path}${queryString(query)}`;
    const ids = { requestId: act.requestId ?? uuid(), correlationId: act.correlationId };
    act.requestId = null;                 // a caller's id names one request, not every request of a poll
    let retries = 0;
    let refreshed = false;
    let forceRefresh = false;
    for (let attempt = 1; ; attempt += 1) {
      abortCheck(act.signal, ids);
      if (pausedUntil > Date.now()) await sleep(pausedUntil - Date.now(), act.signal, ids);
      const token = getToken ? await getToken({ kind, refresh: forceRefresh, signal: act.signal ?? undefined }) : null;
      forceRefresh = false;
      abortCheck(act.signal, ids);
      const done = limiter ? await limiter.acquire(act.signal).catch((e) => { abortCheck(act.signal, ids, e); throw e; }) : null;
      let out;
      let started;
      try {
        if (pausedUntil > Date.now()) await sleep(pausedUntil - Date.now(), act.signal, ids);   // a 429 while waiting for a slot
        emit({ type: 'request', method, path, attempt, ...ids });
        started = Date.now();
        out = await attemptOnce(url, method, body, token, ids, act.signal, extra);
      } finally {
        done?.();
      }
      emit({ type: 'response', method, path, attempt, status: out.status, durationMs: Date.now() - started, ...ids });
      if (out.redirect) {
        throw new McaError({ code: 'redirect', status: out.status, ...ids,
          message: 'The server answered with a redirect; it was not followed (the token goes to baseUrl only).' });
      }
      if (out.status >= 200 && out.status < 300) {
        const parsed = parseJson(out.text);
        if (parsed.ok) return parsed.value;
        out.failure = 'malformed';
      }
      if (out.status === 401 && getToken && !refreshed) {
        refreshed = true;
        forceRefresh = true;
        emit({ type: 'retry', reason: '401', delayMs: 0, attempt, ...ids });
        continue;
      }
      const error = await explain(out.failure && out.failure !== 'malformed' ? 0 : out.status, out.text, out.headers, ids,
        out.cause, out.failure);
      const delayMs = error.retryAfterMs ?? backoff(retries);   // Retry-After when the service says, else backoff
      if (error.code === 'throttled') pausedUntil = Math.max(pausedUntil, Date.now() + delayMs);   // also when giving up
      if (!error.retryable || retries >= maxRetries) throw error;
      retries += 1;
      emit({ type: 'retry', reason: out.failure ?? String(out.status), delayMs, attempt, ...ids });
      await sleep(delayMs, act.signal, ids);
    }
  }

  /** The kind of token a call takes ('user' or 'app'), from the core's calls table. */
  async function tokenKindOf(name) {
    const call = (await getCore()).calls?.[name];
    if (!call) throw new McaError({ code: 'core.missing', message: `The core does not list the call ${name}.` });
    return call.token;
  }

  /** One fetch under the timeout: { status, text, headers } or { failure, cause }. */
  async function attemptOnce(url, method, body, token, ids, signal, extra) {
    const headers = { ...extra, Accept: 'application/json', 'MS-RequestId': ids.requestId,
      'MS-CorrelationId': ids.correlationId, 'MS-Contract-Version': 'v1' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const combined = anySignal([timeout.signal, signal].filter(Boolean));
    try {
      const response = await fetchImpl(url, { method, headers, body, redirect: 'manual', signal: combined,
        credentials: 'same-origin', cache: 'no-store' });
      if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
        return { status: response.status, redirect: true };
      }
      const text = await response.text();
      return { status: response.status, text, headers: headerObject(response.headers) };
    } catch (cause) {
      abortCheck(signal, ids, cause);
      return { status: 0, failure: timeout.signal.aborted ? 'timeout' : 'network', cause };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Calls one of the core's builders; a validation failure never reaches the network. */
  async function build(name, input, act) {
    const core = await getCore();
    const result = core[name](input, { now: Date.now() });
    if (!result.ok) {
      throw new McaError({ code: 'validation', outcome: 'refused', errors: result.errors, correlationId: act.correlationId,
        message: result.errors.map((e) => e.message).join(' ') || 'The input is not valid.' });
    }
    return result;
  }

  const customerPath = (id) => `/customers/${encodeURIComponent(String(id))}`;
  /** The agreement type of the queries (and of the direct-signed route's name), from the core. */
  const agreementType = async () => (await getCore()).domain.agreementType;

  const client = {
    getAgreementTemplates: async (call) => send('getAgreementTemplates', 'GET', '/agreements',
      { query: { agreementType: await agreementType() } }, action(call)),
    getAgreementDocument: async (templateId, { country, language } = {}, call) =>
      send('getAgreementDocument', 'GET', `/agreementtemplates/${encodeURIComponent(String(templateId))}/document`,
        { query: { language, country } }, action(call)),
    /** Every listed customer, page after page (customer-pages.js). */
    listCustomers: (options = {}) => customerPages((path, query, headers, act) => send('listCustomers', 'GET', path, { query, headers }, act),
      action(options), options.size, options.onPage),
    getCustomer: async (customerId, call) => send('getCustomer', 'GET', customerPath(customerId), {}, action(call)),
    getCustomerSubscriptions: async (customerId, call) =>
      send('getCustomerSubscriptions', 'GET', `${customerPath(customerId)}/subscriptions`, {}, action(call)),
    getCustomerAgreements: async (customerId, call) =>
      send('getCustomerAgreements', 'GET', `${customerPath(customerId)}/agreements`, { query: { agreementType: await agreementType() } }, action(call)),
    getDirectSignedStatus: async (customerId, call) =>
      send('getDirectSignedStatus', 'GET', `${customerPath(customerId)}/directSigned${await agreementType()}Status`, {}, action(call)),
    async confirmAgreement(customerId, input, call) {
      const act = action(call);
      const built = await build('buildConfirmation', { ...input, customerId }, act);
      const id = built.normalized?.customerId ?? customerId;
      return send('confirmAgreement', 'POST', `${customerPath(id)}/agreements`, { body: built.body }, act);
    },
    async createAttestation(input, call) {
      const act = action(call);
      const built = await build('buildAttestation', input, act);
      return send('createAttestation', 'POST', '/attestations/enhanced', { body: built.body }, act);
    },
    getAttestation: async (id, call) => send('getAttestation', 'GET', `/attestations/enhanced/${encodeURIComponent(String(id))}`, {}, action(call)),
    async createAgreementFromAttestation(customerId, attestationId, call) {
      const act = action(call);
      const built = await build('buildAttestationAgreement', { attestationId }, act);
      return send('createAgreementFromAttestation', 'POST', `${customerPath(customerId)}/agreements`, { body: built.body }, act);
    },
    /** Polls getAttestation until the status is no longer Pending; one correlation id for the whole wait. */
    async waitForAttestation(id, { intervalMs = 5000, signal, correlationId } = {}) {
      const act = action({ signal, correlationId });
      for (;;) {
        const attestation = await send('getAttestation', 'GET', `/attestations/enhanced/${encodeURIComponent(String(id))}`, {}, act);
        if (attestation?.status !== 'Pending') return attestation;
        emit({ type: 'poll', id, status: attestation.status, correlationId: act.correlationId });
        await sleep(intervalMs, act.signal, { correlationId: act.correlationId, requestId: null });
      }
    },
  };
  return Object.freeze(client);
}

function parseBase(baseUrl) {
  let url;
  try {
    url = new URL(String(baseUrl ?? ''), globalThis.location?.href);
  } catch {
    throw new McaError({ code: 'client.invalidBaseUrl', message: 'baseUrl must be an absolute http(s) URL (or a path, in a page).' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new McaError({ code: 'client.invalidBaseUrl', message: 'baseUrl must use http or https.' });
  }
  return { origin: url.origin, href: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

function queryString(query) {
  if (!query) return '';
  const entries = Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : '';
}

function parseJson(text) {
  if (text === '' || text === undefined) return { ok: true, value: null };
  try { return { ok: true, value: JSON.parse(text) }; } catch { return { ok: false }; }
}

function headerObject(headers) {
  const out = {};
  headers.forEach((value, name) => { out[name.toLowerCase()] = value; });
  return out;
}

/** Full jitter between half and all of an exponential step. */
function backoff(retries) {
  const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retries);
  return Math.round(step / 2 + Math.random() * (step / 2));
}

function uuid() {
  return globalThis.crypto.randomUUID();
}

function abortCheck(signal, ids, cause) {
  if (signal?.aborted) {
    throw new McaError({ code: 'aborted', status: 0, message: 'The request was cancelled.', ...ids },
      { cause: signal.reason ?? cause });
  }
}

function sleep(ms, signal, ids) {
  return new Promise((done, reject) => {
    if (signal?.aborted) { try { abortCheck(signal, ids); } catch (e) { reject(e); } return; }
    const onAbort = () => { clearTimeout(timer); try { abortCheck(signal, ids); } catch (e) { reject(e); } };
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); done(); }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function anySignal(signals) {
  if (signals.length === 0) return null;
  if (signals.length === 1) return signals[0];
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(signals);
  const controller = new AbortController();
  for (const s of signals) {
    if (s.aborted) { controller.abort(s.reason); break; }
    s.addEventListener('abort', () => controller.abort(s.reason), { once: true });
  }
  return controller.signal;
}
