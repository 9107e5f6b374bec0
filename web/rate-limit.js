/**
 * Pacing ahead of Partner Center's rate limit: at most `perMinute` requests
 * in any `windowMs` (default one minute), so requests are spread to just
 * under the limit and a 429 becomes rare instead of being the signal to slow
 * down.
 *
 * A sliding window of slots rather than a token bucket with a steady refill:
 * Partner Center publishes its limit as requests per minute, and a bucket
 * refilling at perMinute/60 s with any burst allowance can put more than
 * perMinute requests into one minute, while a bucket without a burst never
 * uses the first minute's allowance. A window of slots does neither, and a
 * service counting in fixed windows or with a bucket of the same size
 * accepts it too.
 *
 * Each attempt holds a slot from the moment it is sent until `windowMs`
 * after its answer came back (or it failed). The service counted the
 * request at some moment between those two, so counting from the answer
 * keeps the window safe whatever the network delay; the cost is one round
 * trip per window.
 */
import { McaError } from './errors.js';

const DEFAULT_WINDOW_MS = 60_000;

/**
 * @param {{ perMinute: number, windowMs?: number, clock?: () => number }} options
 * @returns {{ acquire(signal?: AbortSignal | null): Promise<() => void>, readonly perMinute: number,
 *   readonly windowMs: number, readonly inUse: number, readonly waiting: number }}
 */
export function createRateLimiter(options) {
  const { perMinute, windowMs = DEFAULT_WINDOW_MS, clock = () => performance.now() } = options ?? {};
  if (!Number.isInteger(perMinute) || perMinute < 1) {
    throw new McaError({ code: 'client.invalidRateLimit', message: 'rateLimit.perMinute must be a whole number of at least 1.' });
  }
  if (!Number.isFinite(windowMs) || windowMs < 1) {
    throw new McaError({ code: 'client.invalidRateLimit', message: 'rateLimit.windowMs must be a positive number of milliseconds.' });
  }
  let inFlight = 0;
  const ended = [];                     // times the answers of the last window came back, oldest first
  const waiters = [];                   // FIFO: { grant, fail, signal, onAbort }
  let timer = null;

  function release() {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      inFlight -= 1;
      ended.push(clock());
      pump();
    };
  }

  function pump() {
    if (timer) { clearTimeout(timer); timer = null; }
    const now = clock();
    while (ended.length && ended[0] <= now - windowMs) ended.shift();
    while (waiters.length && inFlight + ended.length < perMinute) {
      const w = waiters.shift();
      w.signal?.removeEventListener('abort', w.onAbort);
      inFlight += 1;
      w.grant(release());
    }
    // Full with answers of the last window: wake when the oldest leaves it.
    // Full with requests in flight only: their release() pumps again.
    if (waiters.length && ended.length) timer = setTimeout(pump, Math.max(0, ended[0] + windowMs - now));
  }

  function acquire(signal = null) {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise((grant, fail) => {
      const waiter = { grant, fail, signal, onAbort: null };
      waiter.onAbort = () => {
        const at = waiters.indexOf(waiter);
        if (at >= 0) waiters.splice(at, 1);
        fail(abortError(signal));
        pump();
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      waiters.push(waiter);
      pump();
    });
  }

  return Object.freeze({
    acquire,
    perMinute,
    windowMs,
    get inUse() { return inFlight + ended.filter((t) => t > clock() - windowMs).length; },
    get waiting() { return waiters.length; },
  });
}

/** A limiter from a client's `rateLimit` option: an options object, a limiter, or null/0 for none. */
export function rateLimiterOf(rateLimit) {
  if (!rateLimit) return null;
  if (typeof rateLimit.acquire === 'function') return rateLimit;
  return createRateLimiter(rateLimit);
}

function abortError(signal) {
  return new McaError({ code: 'aborted', status: 0, message: 'The request was cancelled.' }, { cause: signal?.reason });
}
