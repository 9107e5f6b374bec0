/**
 * A rate limiter shared through Redis: several proxy instances (behind a load
 * balancer) keep one partner tenant's budget, as Partner Center counts it per
 * tenant. The same window of slots as web/rate-limit.js: at most `perMinute`
 * requests in any `windowMs`, each slot held from the moment its request is
 * sent until `windowMs` after its answer came back.
 *
 * One sorted set per key: a request in flight has the score now + holdMs (so
 * a crashed instance's slots free themselves), a finished one the time its
 * answer came. Redis's own clock (TIME) is the only clock, so instances on
 * machines whose clocks differ agree. When Redis cannot be reached, acquire
 * rejects (code `proxy.rateLimitUnavailable`): a request is held back rather
 * than sent past the limit.
 */
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';

const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit, window, hold = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now + hold, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], window + hold)
  return 0
end
local oldest = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
if oldest > now then return -1 end
return math.max(1, oldest + window - now)
`;
const RELEASE = `
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  local t = redis.call('TIME')
  redis.call('ZADD', KEYS[1], tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), ARGV[1])
end
return 1
`;
const IN_FLIGHT_POLL_MS = 25;
const MAX_POLL_MS = 250;

/** An error of the shared store: the caller answers 503 and sends nothing. */
export class RateLimitUnavailable extends Error {
  constructor(cause) {
    super('The shared rate-limit store (Redis) cannot be reached.', { cause });
    this.code = 'proxy.rateLimitUnavailable';
  }
}

/**
 * @param {{ url?: string, client?: import('ioredis').Redis, perMinute: number, windowMs?: number,
 *   key?: string, holdMs?: number }} options
 */
export function createRedisRateLimiter({ url, client, perMinute, windowMs = 60_000, key = 'mca-attest:rate-limit',
  holdMs = 120_000 } = {}) {
  if (!Number.isInteger(perMinute) || perMinute < 1) throw new TypeError('perMinute must be a whole number of at least 1');
  if (!client && !url) throw new TypeError('createRedisRateLimiter needs url (redis://host:port) or client');
  const redis = client ?? new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 100, 1000) });
  let lastError = null;
  redis.on('error', (e) => { lastError = e; });            // reported by health() and acquire(), never thrown here
  redis.on('ready', () => { lastError = null; });
  redis.defineCommand('mcaAcquire', { numberOfKeys: 1, lua: ACQUIRE });
  redis.defineCommand('mcaRelease', { numberOfKeys: 1, lua: RELEASE });

  /** Resolves once connected; the first connection may still be under way (at most connectTimeout). */
  let connecting = null;
  function ready() {
    if (redis.status === 'ready') return Promise.resolve();
    connecting ??= waitReady().finally(() => { connecting = null; });
    return connecting;
  }

  function waitReady() {
    if (!['connecting', 'connect', 'wait'].includes(redis.status)) return Promise.reject(lastError ?? new Error(redis.status));
    if (redis.status === 'wait') redis.connect().catch(() => {});
    return new Promise((done, fail) => {
      const timer = setTimeout(() => { cleanup(); fail(lastError ?? new Error('connect timeout')); }, 2000);
      const onReady = () => { cleanup(); done(); };
      const onEnd = () => { cleanup(); fail(lastError ?? new Error('connection closed')); };
      function cleanup() { clearTimeout(timer); redis.off('ready', onReady); redis.off('close', onEnd); }
      redis.once('ready', onReady);
      redis.once('close', onEnd);
    });
  }

  async function acquire(signal = null) {
    const member = randomUUID();
    try { await ready(); } catch (e) { throw new RateLimitUnavailable(e); }
    for (;;) {
      if (signal?.aborted) throw Object.assign(new Error('aborted'), { code: 'aborted' });
      let wait;
      try { wait = Number(await redis.mcaAcquire(key, perMinute, windowMs, holdMs, member)); } catch (e) { throw new RateLimitUnavailable(e); }
      if (wait === 0) {
        let released = false;
        return () => {
          if (released) return;
          released = true;
          redis.mcaRelease(key, member).catch(() => {});  // unreachable: the slot frees itself after holdMs
        };
      }
      const ms = wait < 0 ? IN_FLIGHT_POLL_MS : Math.min(wait, MAX_POLL_MS);
      await new Promise((done) => setTimeout(done, ms + Math.random() * 10));
    }
  }

  return Object.freeze({
    acquire,
    perMinute,
    windowMs,
    store: 'redis',
    /** { ok, store: 'redis', error? }: whether Redis answers now. */
    async health() {
      try {
        await ready();
        await redis.ping();
        return { ok: true, store: 'redis' };
      } catch (e) {
        return { ok: false, store: 'redis', error: (e ?? lastError)?.message ?? 'unreachable' };
      }
    },
    close: () => (client ? Promise.resolve() : redis.quit().catch(() => redis.disconnect())),
  });
}
