// Pacing ahead of the rate limit (web/rate-limit.js and the client's
// rateLimit option): never more than perMinute requests in any window
// counted from the answers, a cancelled wait gives its place up, and a
// paced client against the emulator's limit is never answered 429.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, createRateLimiter } from 'mca-attest';
import { startEmulator } from 'mca-attest/emulator';

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

test('a limiter of 5 per 200 ms grants a slot only 200 ms after the answer of the request five before it', async () => {
  const limiter = createRateLimiter({ perMinute: 5, windowMs: 200 });
  const t0 = performance.now();
  const grants = [];
  const releases = [];
  await Promise.all(Array.from({ length: 12 }, async () => {
    const done = await limiter.acquire();
    grants.push(performance.now() - t0);
    await sleep(10);
    releases.push(performance.now() - t0);
    done();
  }));
  assert.equal(grants.filter((t) => t < 100).length, 5, 'the first window is used at once');
  for (let i = 5; i < 12; i++) assert.ok(grants[i] >= releases[i - 5] + 199, `grant ${i} at ${grants[i]} after release ${releases[i - 5]}`);
  assert.ok(grants[11] < 700, `the twelfth request went at ${grants[11]} ms, not much later than the limit allows`);
});

test('a cancelled wait rejects with code aborted and gives its place to the next', async () => {
  const limiter = createRateLimiter({ perMinute: 1, windowMs: 100 });
  const first = await limiter.acquire();
  const controller = new AbortController();
  const cancelled = limiter.acquire(controller.signal);
  const next = limiter.acquire();
  controller.abort();
  await assert.rejects(cancelled, { code: 'aborted' });
  first();
  const t0 = performance.now();
  (await next)();
  assert.ok(performance.now() - t0 >= 95, 'the next waited for the window');
  assert.equal(limiter.waiting, 0);
});

test('bad limits are refused with client.invalidRateLimit', () => {
  for (const options of [{ perMinute: 0 }, { perMinute: 1.5 }, { perMinute: 10, windowMs: 0 }, {}, null]) {
    assert.throws(() => createRateLimiter(options), { code: 'client.invalidRateLimit' }, JSON.stringify(options));
    assert.throws(() => createClient({ baseUrl: 'http://127.0.0.1:9', rateLimit: options ?? { perMinute: -1 } }),
      { code: 'client.invalidRateLimit' });
  }
});

test('a client paced to the emulator\'s limit (10 per second) sends 35 reads with no 429, as fast as the limit allows', async () => {
  const em = await startEmulator({ port: 0, rateLimit: { perMinute: 10, windowMs: 1000 } });
  try {
    const token = await em.issueToken({ mfa: true });
    const statuses = [];
    const client = createClient({ baseUrl: em.url, getToken: async () => token, rateLimit: { perMinute: 10, windowMs: 1000 },
      onEvent: (e) => { if (e.type === 'response') statuses.push(e.status); } });
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 35 }, () => client.getAgreementTemplates()));
    const seconds = (performance.now() - t0) / 1000;
    assert.deepEqual([statuses.length, statuses.filter((s) => s === 429).length, em.stats().requests], [35, 0, 35]);
    assert.ok(seconds >= 3 && seconds < 4.5, `35 requests at 10 per second after the first 10: ${seconds.toFixed(2)} s`);
  } finally { await em.close(); }
});
