// The package as a user gets it: packed with npm pack, installed from the
// tarball into an empty folder, each entry imported and used a little under
// Node, and the command run from node_modules/.bin. (The element from the
// installed copy in Chromium: tests/browser/pack.spec.js.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadCore } from 'mca-attest';
import { isoCodesVersion } from '../../src/gen/common.mjs';
import { packAndInstall, ROOT } from './packed.js';

const run = promisify(execFile);
let packed;
const started = performance.now();
before(async () => { packed = await packAndInstall(); });
after(async () => {
  await packed?.cleanup();
  console.log(`pack test: ${((performance.now() - started) / 1000).toFixed(1)} s in all (npm pack ${
    Math.round(packed?.ms.pack ?? 0)} ms, npm install ${Math.round(packed?.ms.install ?? 0)} ms)`);
});

test('the tarball holds the built .wasm, the licences and every entry, and no sources, tests, build or demo', async () => {
  const files = new Set(packed.files);
  for (const f of ['package.json', 'README.md', 'LICENSE', 'THIRD_PARTY_NOTICES', 'web/wasm/mca-core.wasm',
    'bin/mca-attest.js', 'docs/architecture.md']) {
    assert.ok(files.has(f), `${f} is in the tarball`);
  }
  const wasm = await readFile(join(packed.pkg, 'web/wasm/mca-core.wasm'));
  assert.deepEqual([...wasm.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d], 'the installed .wasm is a WebAssembly module');
  assert.deepEqual(wasm, await readFile(join(ROOT, 'web/wasm/mca-core.wasm')), 'the .wasm is the one built');
  for (const f of ['dist/mca-attest.js', 'dist/bulk.js', 'dist/mca-shared.js', 'dist/mca-core.js']) {
    assert.ok(files.has(f), `${f} (a bundle) is in the tarball`);
  }
  assert.deepEqual(await readFile(join(packed.pkg, 'dist/wasm/mca-core.wasm')), wasm, 'the bundles\' .wasm is the same');
  const forbidden = packed.files.filter((f) => /^(tests|src|build|demo|bench|scripts|third_party|node_modules)\//.test(f));
  assert.deepEqual(forbidden, []);
  const pkg = JSON.parse(await readFile(join(packed.pkg, 'package.json'), 'utf8'));
  assert.equal(pkg.private, undefined, 'the package can be published');
  assert.equal(pkg.license, 'MIT');
  for (const [entry, target] of Object.entries(pkg.exports)) {
    const paths = typeof target === 'string' ? [target] : Object.values(target);
    for (const p of paths) assert.ok(files.has(p.replace(/^\.\//, '')), `${entry}: ${p} is in the tarball`);
    if (entry !== './package.json') assert.ok(target.types, `${entry} has types`);
  }
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const byFolder = {};
  for (const f of packed.files) {
    const top = f.includes('/') ? `${f.split('/')[0]}/` : f;
    byFolder[top] = (byFolder[top] ?? 0) + 1;
  }
  console.log(`tarball: ${packed.files.length} files, ${kb(packed.size)} packed, ${kb(packed.unpackedSize)} unpacked; `
    + Object.entries(byFolder).map(([k, n]) => `${k} ${n}`).join(', '));
});

test('THIRD_PARTY_NOTICES names each part in the version the build used', async () => {
  const notices = await readFile(join(packed.pkg, 'THIRD_PARTY_NOTICES'), 'utf8');
  const cjson = (await readFile(join(ROOT, 'third_party/cjson/VERSION'), 'utf8')).trim().replace(/^cjson-/, '');
  const phone = JSON.parse(await readFile(join(ROOT, 'node_modules/libphonenumber-js/package.json'), 'utf8')).version;
  const core = await loadCore();
  // Debian's Emscripten (emscripten.cmake) and the musl it carries: the C runtime linked into the .wasm.
  const emscripten = (await readFile('/usr/share/emscripten/emscripten-version.txt', 'utf8')).trim();
  const musl = (await readFile('/usr/share/emscripten/system/lib/libc/musl/VERSION', 'utf8')).trim();
  for (const [part, text] of [['cJSON', `cJSON ${cjson}`], ['libphonenumber-js', `libphonenumber-js ${phone}`],
    ['Unicode', `Unicode Character Database ${core.unicodeVersion}`], ['iso-codes', `iso-codes ${isoCodesVersion()}`],
    ['Emscripten', `Emscripten ${emscripten}`], ['musl', `musl libc ${musl}`]]) {
    assert.ok(notices.includes(text), `${part}: "${text}" in THIRD_PARTY_NOTICES`);
  }
  for (const licence of ['Permission is hereby granted', 'Apache License', 'UNICODE, INC. LICENSE AGREEMENT',
    'GNU LESSER GENERAL PUBLIC LICENSE', 'The Emscripten Authors', 'Rich Felker', 'LLVM Exceptions']) {
    assert.ok(notices.includes(licence), `the text of "${licence}" is in the notices`);
  }
  assert.match(await readFile(join(packed.pkg, 'LICENSE'), 'utf8'), /^MIT License\n\nCopyright \(c\) \d{4} the mca-attest authors\n/);
});

// Run by Node from the folder the tarball was installed in: each entry resolves there and works.
const USE_EVERY_ENTRY = `
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCore, createClient, defineElement } from 'mca-attest';
import { runBulk, openJournal, memoryJournalBackend, createEvidenceWriter, verify } from 'mca-attest/bulk';
import { openFileJournal, defaultPaths } from 'mca-attest/node';
import { startEmulator, fixture } from 'mca-attest/emulator';
import { createProxy, startProxy } from 'mca-attest/proxy';

const out = { resolved: ['mca-attest', 'mca-attest/bulk', 'mca-attest/node', 'mca-attest/emulator', 'mca-attest/proxy']
  .map((s) => import.meta.resolve(s)) };
const core = await loadCore();
out.validation = core.validateConfirmation({ customerId: 'not-a-guid' }).errors.map((e) => e.code);
out.defineElement = typeof defineElement;
const em = await startEmulator({ port: 0 });
const token = await em.issueToken({ mfa: true });
out.proxy = typeof createProxy({ upstream: em.url, getToken: async () => token, checkSession: () => true });
const proxy = await startProxy({ upstream: em.url, getToken: async () => token, checkSession: () => true });
const client = createClient({ baseUrl: proxy.url });
const contoso = fixture.customers.find((c) => c.companyName.startsWith('Contoso')).id;
const parsed = core.parseCsv('Tenant ID,First name,Last name,E-mail,Date agreed\\n'
  + contoso + ',Anne,de Vries,anne@contoso.nl,2026-01-15T09:30:00Z\\n');
const evidence = createEvidenceWriter();
const bulk = await runBulk({ core, client, flow: 'classic', rows: parsed.rows, csvErrors: parsed.errors, evidence,
  journal: await openJournal(memoryJournalBackend()) });
out.bulk = bulk.rows.map((r) => [r.state, r.reason]);
out.posts = em.stats().posts[contoso];
out.evidenceCount = evidence.count;
const path = join(await mkdtemp(join(tmpdir(), 'mca-pack-journal-')), 'run.journal.jsonl');
const journal = await openFileJournal(path);
await journal.begin('k', { requestId: '5a0c7e2f-9b14-4d3a-8e6f-1c2b3a4d5e6f' });
await journal.finish('k', { state: 'submitted', reason: 'confirmed' });
await journal.close();
const again = await openFileJournal(path);
out.journal = [again.status('k').state, again.status('k').attempts];
await again.close();
out.paths = defaultPaths('/data/customers.csv');
await proxy.close();
await em.close();
console.log(JSON.stringify(out));
`;

test('every entry imports from the installed copy under Node 20 and works', async () => {
  assert.match(process.version, /^v2\d\./);
  const script = join(packed.app, 'use-every-entry.mjs');
  await writeFile(script, USE_EVERY_ENTRY);
  const { stdout } = await run(process.execPath, [script], { cwd: packed.app, timeout: 30_000 });
  const out = JSON.parse(stdout);
  for (const url of out.resolved) {
    assert.ok(url.startsWith(`file://${packed.pkg}/`), `${url} resolves inside the installed copy`);
  }
  assert.deepEqual(out.validation, ['customerId.invalid', 'firstName.required', 'lastName.required', 'email.required',
    'dateAgreed.required']);
  assert.equal(out.defineElement, 'function');
  assert.equal(out.proxy, 'function');
  assert.deepEqual(out.bulk, [['submitted', 'confirmed']]);
  assert.equal(out.posts, 1);
  assert.equal(out.evidenceCount, 1);
  assert.deepEqual(out.journal, ['submitted', 1]);
  assert.deepEqual(out.paths, { results: '/data/customers.results.csv', journal: '/data/customers.journal.jsonl',
    evidence: '/data/customers.evidence.jsonl' });
});

test('the installed command runs: mca-attest --help', async () => {
  const { stdout } = await run(join(packed.app, 'node_modules/.bin/mca-attest'), ['--help'], { cwd: packed.app });
  assert.match(stdout, /^Usage:\n {2}mca-attest bulk <file\.csv> --base-url <url>/);
  assert.match(stdout, /mca-attest verify <evidence-file>/);
  await assert.rejects(run(join(packed.app, 'node_modules/.bin/mca-attest'), ['frobnicate'], { cwd: packed.app }),
    (e) => e.code === 2 && /unknown command|Usage/.test(e.stderr));
});
