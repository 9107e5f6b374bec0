// Bulk efficiency: a 2,000-row classic bulk submit against the emulator with
// a set rate limit, through the bulk command (docs/bulk.md)
// (`mca-attest bulk <file.csv> --base-url <url> --flow classic …`, token in
// MCA_TOKEN). The classic flow sends three requests per row (the two reads
// of what Partner Center holds, then the confirmation) and one template read
// per run (a duplicate row sends none), and the emulator's limit counts
// every request as it arrives. The limit is a sliding window (`perMinute`
// requests per `windowMs`; a window shorter than a minute keeps the run
// short while still bound by the limit): request n (from 0) arrives at the
// earliest floor(n / perMinute) windows after the first, so limit-bound
// time = floor((requests - 1) / perMinute) × windowMs, where requests are
// the ones the run needed (not those answered 429); efficiency =
// limit-bound time / measured time (1.0: as fast as the limit allows).
// `writeLimitSeconds` is the bound if only the writes counted, for
// comparison.
// `pace: true` (the default) gives the command the emulator's limit
// (`--rate-limit perMinute --rate-window-ms windowMs`), so the client spreads
// its requests under it (web/rate-limit.js); `pace: false` sends without
// pacing (`--rate-limit 0`) and reacts to 429s only, for the comparison.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateData } from './gen-data.mjs';
import { limitBoundSeconds } from './scan.mjs';
import { splitCsv } from './throughput.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** The bulk command's script from package.json "bin", or null. */
async function bulkCommand() {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.['mca-attest'];
  return bin ? resolve(ROOT, bin) : null;
}

function run(command, args, env, timeoutMs) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [command, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.stdout.resume();
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => { clearTimeout(timer); done({ code, signal, stderr }); });
  });
}

/**
 * Runs the bulk submit; resolves to { efficiency, seconds, limitSeconds, … }
 * or { efficiency: null, note } when it cannot run.
 */
// `dryRun: true` measures the command's dry run instead (every row validated
// and both reads of what Partner Center holds, no write, no rate limit):
// rows per second.
export async function measureBulk({ rows = 2000, perMinute = 500, windowMs = 6000, seed = 3, pace = true, dryRun = false } = {}) {
  let startEmulator;
  try {
    ({ startEmulator } = await import('mca-attest/emulator'));
  } catch (e) {
    return { efficiency: null, note: `mca-attest/emulator cannot be imported (${e.code ?? e.message})` };
  }
  const command = await bulkCommand();
  if (!command) return { efficiency: null, note: 'no bulk command (package.json has no "bin" for mca-attest)' };

  const { csv } = generateData({ rows, seed, mix: { valid: 1 } });
  const customers = splitCsv(csv).map((r) => ({ id: r.customerId.toLowerCase(), companyName: `Customer ${r.customerId.slice(0, 8)}`,
    country: r.country || 'NL', directSigned: false, agreements: [] }));
  const dir = await mkdtemp(join(tmpdir(), 'mca-bench-bulk-'));
  const em = await startEmulator({ port: 0, customers, ...(dryRun ? {} : { rateLimit: { perMinute, windowMs } }) });
  try {
    const file = join(dir, 'bulk.csv');
    await writeFile(file, csv);
    const token = await em.issueToken({ mfa: true });
    const start = performance.now();
    const result = await run(command, ['bulk', file, '--base-url', em.url, '--flow', 'classic',
      '--journal', join(dir, 'journal'), '--results', join(dir, 'results.csv'), '--evidence', join(dir, 'evidence.jsonl'),
      '--rate-limit', String(pace && !dryRun ? perMinute : 0), '--rate-window-ms', String(windowMs),
      ...(dryRun ? ['--dry-run'] : [])],
    { MCA_TOKEN: token }, 10 * 60_000);
    const seconds = (performance.now() - start) / 1000;
    const stats = em.stats();
    const posts = Object.values(stats.posts ?? {}).reduce((a, b) => a + b, 0);
    if (result.code !== 0) {
      return { efficiency: null, note: `bulk command exited ${result.code ?? result.signal}: ${result.stderr.trim().split('\n').pop() ?? ''}` };
    }
    if (dryRun) return { rows, seconds, rowsPerSecond: rows / seconds, requests: stats.requests, posts };
    const needed = stats.requests - stats.throttled;
    const limitSeconds = limitBoundSeconds(needed, perMinute, windowMs);
    return { efficiency: limitSeconds / seconds, seconds, limitSeconds,
      writeLimitSeconds: limitBoundSeconds(posts, perMinute, windowMs), rows, perMinute,
      windowMs, pace, posts, requests: needed, throttled: stats.throttled };
  } finally {
    await em.close();
    await rm(dir, { recursive: true, force: true });
  }
}

// node bench/bulk.mjs [rows] [perMinute] [windowMs]: the paced and the unpaced run, one after the other.
// node bench/bulk.mjs --dry-run [rows]: the dry run's rows per second.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv[2] === '--dry-run') {
  const r = await measureBulk({ rows: Number(process.argv[3] ?? 100_000), dryRun: true });
  console.log(r.rowsPerSecond == null ? `dry run: ${r.note}`
    : `dry run: ${r.rows} rows in ${r.seconds.toFixed(1)} s, ${Math.round(r.rowsPerSecond)} rows/s, ${r.requests} requests, ${r.posts} POSTs`);
} else if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [rows = 2000, perMinute = 500, windowMs = 3000] = process.argv.slice(2).map(Number);
  for (const pace of [false, true]) {
    const r = await measureBulk({ rows, perMinute, windowMs, pace });
    if (r.efficiency == null) { console.log(`${pace ? 'paced' : 'unpaced'}: ${r.note}`); continue; }
    console.log(`${pace ? 'paced  ' : 'unpaced'}: ${r.rows} rows, limit ${r.perMinute}/${r.windowMs} ms: measured ${r.seconds.toFixed(1)} s, `
      + `limit-bound ${r.limitSeconds.toFixed(1)} s, efficiency ${r.efficiency.toFixed(2)}, ${r.requests} requests, ${r.throttled} answered 429, `
      + `${r.posts} POSTs`);
  }
}
