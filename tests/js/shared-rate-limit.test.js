// Two proxy instances share one partner tenant's budget through Redis (a
// real redis-server on a free loopback port): Partner Center counts per
// tenant, so instances behind a load balancer must not each spend it all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, fixture } from 'mca-attest/emulator';
import { startProxy, createProxy, createRedisRateLimiter } from 'mca-attest/proxy';
import { startRedis } from './redis-server.js';

const CONTOSO = fixture.customers.find((c) => c.note.includes('Scenario 1')).id;
const PATH = `/v1/customers/${CONTOSO}/directSignedMicrosoftCustomerAgreementStatus`;

let redis;
before(async () => { redis = await startRedis(); });
after(() => redis.stop());

test('two proxies on one Redis limit send 1,000 requests under a 300-per-window limit with 0 answered 429', async () => {
  const windowMs = 1000;
  const em = await startEmulator({ rateLimit: { perMinute: 300, windowMs } });
  const limiters = [0, 1].map(() => createRedisRateLimiter({ url: redis.url, perMinute: 300, windowMs, key: 'test:two-proxies' }));
  const token = await em.issueToken();
  const proxies = await Promise.all(limiters.map((rateLimit) => startProxy({ upstream: em.url, checkSession: () => true,
    rateLimit, getToken: async () => token })));
  try {
    const statuses = {};
    let next = 0;
    const worker = async (w) => {
      while (next < 1000) {
        next += 1;
        const r = await fetch(`${proxies[w % 2].url}${PATH}`);
        await r.text();
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: 40 }, (_, w) => worker(w)));
    assert.deepEqual(statuses, { 200: 1000 });
    assert.equal(em.stats().throttled, 0, 'the emulator answered 0 × 429');
    assert.ok(Date.now() - started >= 3 * windowMs, '1,000 requests at 300 a window take at least three windows');
    const arrivals = em.requests().map((r) => r.status);
    assert.ok(arrivals.every((s) => s === 200));
  } finally {
    await Promise.all(proxies.map((p) => p.close()));
    await Promise.all(limiters.map((l) => l.close()));
    await em.close();
  }
});

test('without the shared store the same two proxies overrun the limit (the test above proves the sharing)', async () => {
  const em = await startEmulator({ rateLimit: { perMinute: 300, windowMs: 60_000 } });
  const token = await em.issueToken();
  const proxies = await Promise.all([0, 1].map(() => startProxy({ upstream: em.url, checkSession: () => true,
    rateLimit: { perMinute: 300, windowMs: 60_000 }, getToken: async () => token })));
  try {
    const answers = await Promise.all(Array.from({ length: 400 }, (_, i) => fetch(`${proxies[i % 2].url}${PATH}`)
      .then(async (r) => { await r.text(); return r.status; })));
    assert.ok(answers.filter((s) => s === 429).length > 0, 'each in-memory limiter let 200 through: 400 > 300');
  } finally {
    await Promise.all(proxies.map((p) => p.close()));
    await em.close();
  }
});

test('Redis down: the proxy answers 503 proxy.rateLimitUnavailable, its health check says so, nothing is sent', async () => {
  const own = await startRedis();
  const em = await startEmulator();
  const limiter = createRedisRateLimiter({ url: own.url, perMinute: 300, windowMs: 1000 });
  const handle = createProxy({ upstream: em.url, checkSession: () => true, rateLimit: limiter, getToken: () => em.issueToken() });
  const proxy = await startProxy({ upstream: em.url, checkSession: () => true, rateLimit: limiter, getToken: () => em.issueToken() });
  try {
    assert.equal((await fetch(`${proxy.url}${PATH}`)).status, 200);
    const healthy = await fetch(`${proxy.url}/health`);
    assert.deepEqual([healthy.status, await healthy.json()], [200, { status: 'ok', rateLimit: { ok: true, store: 'redis' } }]);
    await own.stop();
    const sent = em.stats().requests;
    const r = await fetch(`${proxy.url}${PATH}`);
    const body = await r.json();
    assert.deepEqual([r.status, body.code], [503, 'proxy.rateLimitUnavailable']);
    assert.match(body.description, /rate-limit store cannot be reached: nothing was sent/);
    assert.equal(em.stats().requests, sent, 'the limit is not dropped: the request was held back');
    const down = await fetch(`${proxy.url}/health`);
    const h = await down.json();
    assert.deepEqual([down.status, h.status, h.rateLimit.ok, h.rateLimit.store], [503, 'unavailable', false, 'redis']);
    assert.equal((await handle.health()).ok, false);
  } finally {
    await proxy.close();
    await limiter.close();
    await em.close();
  }
});

test('Redis down holds every request back, on every instance; Redis back, the same limiter sends again', async () => {
  let own = await startRedis();
  const em = await startEmulator();
  const limiter = createRedisRateLimiter({ url: own.url, perMinute: 300, windowMs: 1000 });
  const proxies = await Promise.all([0, 1].map(() => startProxy({ upstream: em.url, checkSession: () => true, rateLimit: limiter,
    getToken: () => em.issueToken() })));
  try {
    assert.equal((await fetch(`${proxies[0].url}${PATH}`)).status, 200);
    await own.stop();
    const sent = em.stats().requests;
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => fetch(`${proxies[i % 2].url}${PATH}`).then((r) => r.status)));
    assert.deepEqual([...new Set(statuses)], [503], 'no request goes out unlimited');
    assert.equal(em.stats().requests, sent);
    own = await startRedis({ port: own.port });
    let healthy = false;
    for (let i = 0; i < 100 && !healthy; i++) {                 // the client reconnects on its own
      healthy = (await fetch(`${proxies[1].url}/health`)).status === 200;
      if (!healthy) await new Promise((done) => setTimeout(done, 100));
    }
    assert.ok(healthy, 'the health check recovers with Redis');
    assert.deepEqual(await Promise.all(proxies.map((p) => fetch(`${p.url}${PATH}`).then((r) => r.status))), [200, 200]);
    assert.equal(em.stats().requests, sent + 2);
  } finally {
    await Promise.all(proxies.map((p) => p.close()));
    await limiter.close();
    await own.stop();
    await em.close();
  }
});

test('createRedisRateLimiter refuses a missing address or a bad limit', () => {
  assert.throws(() => createRedisRateLimiter({ perMinute: 10 }), /needs url/);
  assert.throws(() => createRedisRateLimiter({ url: redis.url, perMinute: 0 }), /perMinute/);
});
