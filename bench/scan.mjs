// Scan efficiency: `mca-attest scan` over a generated portfolio (10,000
// customers by default, `startEmulator({ generate })`: about 60 % confirmed,
// 10 % direct-signed, 30 % needing an attestation) against the emulator's
// rate limit, the command in its own process. The limit is a sliding window
// (`perMinute` requests per `windowMs`, counted as they arrive): request n
// (from 0) arrives at the earliest floor(n / perMinute) windows after the
// first, so limit-bound time = floor((requests - 1) / perMinute) × windowMs,
// where requests are the ones the scan needed (not those answered 429);
// efficiency = limit-bound time / measured time (1.0: as fast as the limit
// allows). The measured time is the whole command, start-up included.
// requestsPerCustomer = requests needed / customers: the list pages, one
// confirmations read per customer, and the direct-signed status only where
// the confirmations do not settle it.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

function run(args, env, timeoutMs) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [resolve(ROOT, 'bin/mca-attest.js'), ...args],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => { clearTimeout(timer); done({ code, signal, stderr }); });
  });
}

/** The earliest the last of `requests` can arrive under a sliding window, first one at 0 s. */
export function limitBoundSeconds(requests, perMinute, windowMs) {
  return (Math.floor(Math.max(0, requests - 1) / perMinute) * windowMs) / 1000;
}

/**
 * Runs the scan; resolves to { efficiency, requestsPerCustomer, seconds, … }
 * or { efficiency: null, requestsPerCustomer: null, note } when it cannot run.
 */
export async function measureScan({ count = 10_000, seed = 5, perMinute = 500, windowMs = 1000, concurrency = 64 } = {}) {
  const { startEmulator } = await import('mca-attest/emulator');
  const dir = await mkdtemp(join(tmpdir(), 'mca-bench-scan-'));
  const em = await startEmulator({ port: 0, generate: { count, seed }, rateLimit: { perMinute, windowMs } });
  try {
    const token = await em.issueToken({ mfa: true });
    const out = join(dir, 'portfolio.csv');
    const start = performance.now();
    const result = await run(['scan', '--base-url', em.url, '--out', out, '--concurrency', String(concurrency),
      '--rate-limit', String(perMinute), '--rate-window-ms', String(windowMs), '--partner-roles', 'AdminAgent'],
    { MCA_TOKEN: token }, 20 * 60_000);
    const seconds = (performance.now() - start) / 1000;
    const stats = em.stats();
    if (result.code !== 0) {
      return { efficiency: null, requestsPerCustomer: null,
        note: `scan command exited ${result.code ?? result.signal}: ${result.stderr.trim().split('\n').pop() ?? ''}` };
    }
    const lines = (await readFile(out, 'utf8')).split('\r\n').filter(Boolean).length - 1;
    if (lines !== count) return { efficiency: null, requestsPerCustomer: null, note: `the scan wrote ${lines} of ${count} customers` };
    const needed = stats.requests - stats.throttled;
    const limitSeconds = limitBoundSeconds(needed, perMinute, windowMs);
    return { efficiency: limitSeconds / seconds, requestsPerCustomer: needed / count, seconds, limitSeconds, count,
      perMinute, windowMs, requests: needed, throttled: stats.throttled };
  } finally {
    await em.close();
    await rm(dir, { recursive: true, force: true });
  }
}

// node bench/scan.mjs [count] [perMinute] [windowMs]
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [count = 10_000, perMinute = 500, windowMs = 1000] = process.argv.slice(2).map(Number);
  const r = await measureScan({ count, perMinute, windowMs });
  console.log(r.efficiency == null ? `scan: ${r.note}`
    : `scan: ${r.count} customers, limit ${r.perMinute}/${r.windowMs} ms: measured ${r.seconds.toFixed(1)} s, limit-bound `
      + `${r.limitSeconds.toFixed(1)} s, efficiency ${r.efficiency.toFixed(2)}, ${r.requests} requests `
      + `(${r.requestsPerCustomer.toFixed(3)} per customer), ${r.throttled} answered 429`);
}
