// Every code block of README.md and docs/*.md runs (the kinds: doc-blocks.js
// and docs/development.md). Node modules and shell blocks run here; html
// pages and browser modules run in Chromium (tests/browser/readme.spec.js).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startEmulator } from 'mca-attest/emulator';
import { CSP } from '../../demo/server.mjs';
import { ROOT, docBlocks, outputMismatch } from './doc-blocks.js';

const run = promisify(execFile);
const blocks = await docBlocks();
const of = (kind) => blocks.filter((b) => b.kind === kind);
// Inside the package, so that 'mca-attest' resolves to it (a self-reference), as it would when installed.
const WORK = join(ROOT, 'test-results', 'docs');
const slug = (b) => `${b.file.replace(/[/.]/g, '-')}-${b.line}`;

test('the docs have code blocks, each of a kind a test runs', () => {
  assert.ok(of('node').length > 10 && of('page').length > 0 && of('shell').length > 0 && of('tree').length > 0,
    `blocks found: ${blocks.map((b) => `${b.id} ${b.kind}`).join(', ')}`);
  const unknown = blocks.filter((b) => b.kind === 'unknown').map((b) => `${b.id} (${b.lang || 'no language'})`);
  assert.deepEqual(unknown, [], 'blocks of no known kind (a text block must follow a js or sh block)');
});

test('each browser module has its own path and is loaded by a page', () => {
  const modules = of('browser-module');
  const paths = modules.map((m) => m.path);
  assert.deepEqual(paths.filter((p, i) => paths.indexOf(p) !== i), [], 'two browser modules with one path');
  const loaders = [...of('page'), ...modules].map((b) => b.code).join('\n');
  for (const m of modules) assert.ok(loaders.includes(`'${m.path}'`) || loaders.includes(`"${m.path}"`), `${m.id}: no page loads ${m.path}`);
});

// ---- js blocks: Node ES modules --------------------------------------------------------------------

describe('js blocks run as Node modules and print what their text block says', { concurrency: 4 }, () => {
  before(() => mkdir(WORK, { recursive: true }));
  for (const block of of('node')) {
    test(block.id, async () => {
      const file = join(WORK, `${slug(block)}.mjs`);
      await writeFile(file, block.code);
      const { stdout } = await run(process.execPath, [file], { cwd: WORK, timeout: 30_000, maxBuffer: 1 << 24 })
        .catch((e) => assert.fail(`${block.id} failed (exit ${e.code}):\n${e.stderr || e.message}`));
      if (block.output !== undefined) {
        const mismatch = outputMismatch(stdout, block.output);
        if (mismatch) assert.fail(`${block.id} printed other lines than its text block: ${mismatch}`);
      }
    });
  }
});

// ---- sh blocks ---------------------------------------------------------------------------------------

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts a long-running command in its own process group, waits until `ready`
 * says it is under way (or fails when it exits first), runs `check`, and stops
 * the whole group.
 */
async function whileRunning(command, { env = {}, ready, check = async () => {}, timeoutMs = 120_000 }) {
  const child = spawn('bash', ['-c', command], { cwd: ROOT, env: { ...process.env, ...env }, detached: true,
    stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  try {
    const match = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${command}: not under way after ${timeoutMs} ms:\n${output}`)), timeoutMs);
      const look = (chunk) => {
        output += chunk;
        const m = ready.exec(output);
        if (m) { clearTimeout(timer); resolve(m); }
      };
      child.stdout.on('data', look);
      child.stderr.on('data', look);
      exited.then(({ code, signal }) => { clearTimeout(timer); reject(new Error(`${command} ended (${code ?? signal}) before it was under way:\n${output}`)); });
    });
    await check(match);
  } finally {
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    const stop = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 10_000);
    await exited;
    clearTimeout(stop);
  }
}

/**
 * Commands that cannot run to the end inside the suite, each with its check:
 * `npm test` is this suite (its command must be what CI runs); the others run
 * for minutes or forever and are stopped once they are under way.
 */
const LONG_RUNNING = [
  {
    match: /^npm test$/,
    check: async () => {
      const ci = (await readFile(join(ROOT, '.ci/run'), 'utf8')).split('\n').map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#') && !l.startsWith('set ') && !l.startsWith('cd '));
      assert.deepEqual(ci, ['npm test'], '.ci/run runs exactly npm test');
      const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
      assert.equal(pkg.scripts.test, 'bash scripts/test.sh');
      assert.match(await readFile(join(ROOT, 'scripts/test.sh'), 'utf8'), /echo "All test layers passed\."/);
    },
  },
  {
    match: /^npm start$/,
    check: async () => {
      const port = await freePort();
      await whileRunning('npm start', { env: { PORT: String(port) },
        ready: /^mca-attest demo: (http:\/\/\S+\/demo\/)\n/m,
        check: async ([, url]) => {
          assert.equal(url, `http://127.0.0.1:${port}/demo/`);
          const page = await fetch(url);
          assert.equal(page.status, 200);
          assert.equal(page.headers.get('content-security-policy'), CSP);
          assert.match(await page.text(), /<mca-attestation|<script type="module"/);
          // The dashboard's list is Partner Center's, read through the proxy with the page's session.
          const cookie = page.headers.get('set-cookie').split(';')[0];
          const list = await fetch(new URL('/pc/v1/customers', url), { headers: { cookie } });
          assert.equal(list.status, 200);
          const { items } = await list.json();
          assert.ok(Array.isArray(items) && items.length > 0, 'the demo lists the emulator\'s customers');
          assert.equal((await fetch(new URL('/_demo/customers', url))).status, 404, 'no list of the demo\'s own');
        } });
    },
  },
  {
    match: /^node emulator\/index\.js\b/,
    check: (line) => whileRunning(line, { ready: /^Partner Center emulator: (http:\/\/\S+)\ntoken \(App\+User, MFA, 1 hour\): (\S+)\n/m,
      check: async ([, url, token]) => {
        assert.equal((await fetch(`${url}/v1/agreements`)).status, 401, 'no token, no answer');
        const answer = await fetch(`${url}/v1/agreements?agreementType=*`, { headers: { authorization: `Bearer ${token}` } });
        assert.equal(answer.status, 200, 'the printed token is accepted');
      } }),
  },
  { match: /^npm run bench\b/, check: (line) => whileRunning(line, { ready: /^\[bench\] (quick|full) run: /m }) },
  { match: /^npm run fuzz\b/, check: (line) => whileRunning(line, { ready: /^\[fuzz\] building the fuzz targets$/m }) },
];

const commandOf = (line) => line.replace(/\s+#.*$/, '').trim();
const longRunning = (line) => LONG_RUNNING.find((c) => c.match.test(commandOf(line)));

describe('sh blocks run: to the end, or until under way for servers and long runs', () => {
  let emulator;
  let env;
  before(async () => {
    emulator = await startEmulator({ port: 0 });
    // The environment the docs name: an emulator's URL and a token it issued, and the command on PATH.
    const bin = join(WORK, 'bin');
    await mkdir(bin, { recursive: true });
    await rm(join(bin, 'mca-attest'), { force: true });
    await symlink(join(ROOT, 'bin/mca-attest.js'), join(bin, 'mca-attest'));
    env = { ...process.env, EMULATOR_URL: emulator.url, MCA_TOKEN: await emulator.issueToken({ mfa: true }),
      MCA_APP_TOKEN: await emulator.issueToken({ kind: 'app' }), EMULATOR_TENANT_ID: emulator.identity.tenantId,
      EMULATOR_CLIENT_ID: emulator.identity.clientId, EMULATOR_CLIENT_SECRET: emulator.identity.clientSecret,
      PATH: `${bin}:${process.env.PATH}` };
  });
  after(() => emulator?.close());

  for (const block of of('shell')) {
    test(block.id, { timeout: 300_000 }, async () => {
      const lines = block.code.split('\n').filter((l) => commandOf(l) !== '');
      const special = lines.filter(longRunning);
      if (special.length > 0) {
        assert.equal(special.length, lines.length, `${block.id}: a block with ${special.map(commandOf).join(', ')} holds only such commands`);
        assert.equal(block.output, undefined, `${block.id}: long-running commands have no output block`);
        for (const line of lines) await longRunning(line).check(commandOf(line));
        return;
      }
      // Ordinary commands: one bash script in a scratch folder holding customers.csv (the demo's sample file).
      const dir = join(WORK, slug(block));
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      await copyFile(join(ROOT, 'demo/sample-customers.csv'), join(dir, 'customers.csv'));
      const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', block.code], { cwd: dir, env, timeout: 60_000,
        maxBuffer: 1 << 24 }).catch((e) => assert.fail(`${block.id} failed (exit ${e.code}):\n${e.stdout}\n${e.stderr}`));
      if (block.output !== undefined) {
        const mismatch = outputMismatch(stdout, block.output);
        if (mismatch) assert.fail(`${block.id} printed other lines than its text block: ${mismatch}`);
      }
    });
  }
});

// ---- tree blocks -----------------------------------------------------------------------------------

test('tree blocks name folders that exist and every folder of the repository', async () => {
  const { stdout } = await run('git', ['ls-files'], { cwd: ROOT, maxBuffer: 1 << 24 });
  const folders = new Set();
  for (const file of stdout.split('\n').filter(Boolean)) {
    const parts = file.split('/').slice(0, -1);
    for (let i = 1; i <= Math.min(parts.length, 2); i++) folders.add(`${parts.slice(0, i).join('/')}/`);
  }
  for (const block of of('tree')) {
    const listed = block.code.split('\n').map((l) => l.trim().split(/\s+/)[0]).filter((p) => p && p.endsWith('/'));
    for (const path of listed) {
      if (folders.has(path)) continue;
      const ignored = await run('git', ['check-ignore', '-q', path], { cwd: ROOT }).then(() => true, () => false);
      assert.ok(ignored, `${block.id}: ${path} is neither a folder of the repository nor a generated one`);
    }
    const missing = [...folders].filter((f) => !listed.includes(f));
    assert.deepEqual(missing, [], `${block.id}: folders the tree does not list`);
  }
});
