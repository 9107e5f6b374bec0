/**
 * scanPortfolio(): every customer the partner has, with the one-word status
 * the core gives it. The portfolio question is "would this customer's next
 * new purchase through this partner need an attestation?", so each customer
 * is decided by core.detectScenario with a new purchase through the
 * existing partner and a qualifying prior purchase assumed (a listed
 * customer has bought through a partner), unless `subscriptions: true`
 * reads its subscriptions (decide-customer.js), or `context(customer)`
 * tells what the partner's own systems know of the customer's purchase.
 *
 * The list is read page by page while customers already listed are decided,
 * `concurrency` at a time, all under the client's rate limit; entries come
 * out as they are decided. Only GETs: a scan never writes to Partner Center.
 */
import { McaError } from './errors.js';
import { decideCustomer } from './decide-customer.js';

const DEFAULT_CONCURRENCY = 8;

function progressOf(state, started) {
  const elapsedMs = Date.now() - started;
  const rowsPerSecond = elapsedMs > 0 ? (state.done * 1000) / elapsedMs : 0;
  const total = state.listDone ? state.listed : null;
  const remainingMs = total !== null && rowsPerSecond > 0 ? Math.round(((total - state.done) * 1000) / rowsPerSecond) : null;
  return { done: state.done, listed: state.listed, total, failed: state.failed, requests: state.requests,
    rowsPerSecond, elapsedMs, remainingMs };
}

function checkOptions({ core, client, concurrency }) {
  if (!core || typeof core.detectScenario !== 'function') {
    throw new McaError({ code: 'scan.invalidOptions', message: 'scanPortfolio needs core (from loadCore()).' });
  }
  if (!client || typeof client.listCustomers !== 'function') {
    throw new McaError({ code: 'scan.invalidOptions', message: 'scanPortfolio needs client (from createClient()).' });
  }
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new McaError({ code: 'scan.invalidOptions', message: 'scanPortfolio: concurrency must be 1 to 64.' });
  }
}

/**
 * @param {import('./index.js').ScanOptions} options
 * @returns {AsyncIterable<import('./index.js').ScanEntry>}
 */
export function scanPortfolio(options = {}) {
  const { core, client, partner = null, signal = null, onProgress = null, concurrency = DEFAULT_CONCURRENCY,
    subscriptions = false, size, store = null, now = () => Date.now(), context = null } = options;
  checkOptions({ core, client, concurrency });
  if (context !== null && typeof context !== 'function') {
    throw new McaError({ code: 'scan.invalidOptions', message: 'scanPortfolio: context must be a function of the customer.' });
  }
  const correlationId = options.correlationId ?? globalThis.crypto.randomUUID();
  if (store !== null && typeof store?.pendingFor !== 'function') {
    throw new McaError({ code: 'scan.invalidOptions', message: 'scanPortfolio: store must be an attestation store (createAttestationStore).' });
  }
  const ctx = { core, client, partner, subscriptions: subscriptions === true, store, now, context,
    call: { signal: signal ?? undefined, correlationId } };

  return {
    async *[Symbol.asyncIterator]() {
      const started = Date.now();
      const state = { done: 0, listed: 0, failed: 0, requests: 0, listDone: false };
      const report = () => {
        if (!onProgress) return;
        try { onProgress(progressOf(state, started)); } catch { /* a listener's failure never stops the scan */ }
      };
      const list = client.listCustomers({ size, signal: signal ?? undefined, correlationId,
        onPage: () => { state.requests += 1; } })[Symbol.asyncIterator]();
      const inflight = new Set();
      let nextItem = null;
      let listError = null;
      try {
        for (;;) {
          if (signal?.aborted) throw aborted(state, correlationId, signal.reason);
          const racers = [...inflight];
          if (!state.listDone && inflight.size < concurrency) {
            nextItem ??= list.next().then((r) => ({ kind: 'item', r }), (e) => ({ kind: 'listError', e }));
            racers.push(nextItem);
          }
          if (racers.length === 0) break;
          const won = await Promise.race(racers);
          if (won.kind === 'item' || won.kind === 'listError') {
            nextItem = null;
            if (won.kind === 'listError' || won.r.done) {
              state.listDone = true;
              if (won.kind === 'listError') listError = won.e;
              continue;
            }
            state.listed += 1;
            const task = decideCustomer(ctx, won.r.value).then((entry) => ({ kind: 'entry', entry, task }));
            inflight.add(task);
            continue;
          }
          inflight.delete(won.task);
          if (signal?.aborted) throw aborted(state, correlationId, signal.reason);
          state.done += 1;
          state.requests += won.entry.requests;
          if (won.entry.error) state.failed += 1;
          report();
          yield won.entry;
        }
      } finally {
        await list.return?.().catch(() => {});
      }
      if (listError) {
        if (listError.code === 'aborted') throw aborted(state, correlationId, listError);
        throw Object.assign(listError, { read: state.done });
      }
      report();
    },
  };
}

function aborted(state, correlationId, cause) {
  const error = new McaError({ code: 'aborted', status: 0, correlationId,
    message: `The scan was cancelled after ${state.done} customers.` }, cause ? { cause } : undefined);
  return Object.assign(error, { read: state.done });
}
