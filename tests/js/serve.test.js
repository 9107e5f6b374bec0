// `npm start`'s server: the demo and, behind /pc/, the emulator through the
// reference proxy, on one origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoServer } from '../../demo/server.mjs';

test('the demo page sets a session; /pc/ reaches the emulator with it and refuses without it', async () => {
  const demo = await startDemoServer({ port: 0 });
  try {
    const page = await fetch(`${demo.url}/demo/`);
    assert.equal(page.status, 200);
    const cookie = page.headers.get('set-cookie').split(';')[0];
    assert.match(page.headers.get('set-cookie'), /HttpOnly; SameSite=Strict/);
    const path = '/pc/v1/agreements?agreementType=MicrosoftCustomerAgreement';
    const ok = await fetch(`${demo.url}${path}`, { headers: { cookie } });
    assert.equal(ok.status, 200);
    assert.equal((await ok.json()).items[0].templateId, '117a77b0-9360-443b-8795-c6dedc750cf9');
    assert.equal((await fetch(`${demo.url}${path}`)).status, 401, 'no session, no Partner Center');
    assert.equal(demo.emulator.stats().requests, 1);
    assert.equal((await fetch(`${demo.url}/web/core.js`)).status, 200, 'the component is served at /web/');
    for (const hidden of ['/demo/server.mjs', '/demo/data.mjs', '/package.json', '/emulator/index.js', '/src/mca.h']) {
      assert.equal((await fetch(`${demo.url}${hidden}`)).status, 404, `${hidden} is not served`);
    }
  } finally { await demo.close(); }
});
