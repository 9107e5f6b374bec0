// The README's Node example runs as printed, against the emulator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { loadCore } from 'mca-attest';

const root = new URL('../../', import.meta.url);
const core = await loadCore();
const builders = ['buildAttestation', 'buildAttestationAgreement'].filter((n) => typeof core[n] !== 'function');

test('the README example records an enhanced attestation against the emulator',
  { skip: builders.length ? `the core has no ${builders.join(', ')} yet` : false }, async () => {
    const readme = await readFile(new URL('README.md', root), 'utf8');
    const code = /<!-- example: node-attestation[^>]*-->\n```js\n([\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(code, 'the README has the example');
    const dir = new URL('test-results/', root);          // inside the package: 'mca-attest' resolves to it
    await mkdir(dir, { recursive: true });
    const file = new URL('readme-example.mjs', dir);
    await writeFile(file, code);
    const { stdout } = await promisify(execFile)(process.execPath, [file.pathname], { timeout: 20_000 });
    assert.match(stdout, /^Customer's link: https:\/\/cdn\.partner\.microsoft\.com\/mca\/\?attestationid=[0-9a-f-]{36}$/m);
    assert.match(stdout, /^Recorded: MicrosoftCustomerAgreement accepted \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/m);
  });
