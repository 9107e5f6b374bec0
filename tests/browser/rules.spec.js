// The rules in Chromium: a full classic confirmation validated and built by
// the Wasm core loaded under the demo server's strict CSP.
import { test, expect } from './fixtures.js';

test('a full confirmation is validated and its exact body built in Chromium', async ({ page, demo }) => {
  await page.goto(`${demo.url}/demo/empty.html`);
  const result = await page.evaluate(async () => {
    const { loadCore } = await import('/web/index.js');
    const core = await loadCore();
    const input = { customerId: '0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0', firstName: 'Zoe\u0308', lastName: "O’Brien",
      email: 'zoe@Bücher.de', phoneNumber: '020 123 4567', country: 'nl', dateAgreed: '2026-11-20T10:30:00+01:00' };
    const now = new Date('2026-11-20T09:30:00Z');
    return { valid: core.validateConfirmation(input, { now }), built: core.buildConfirmation(input, { now }),
      surrogate: core.validateConfirmation({ ...input, firstName: 'Zo\uD800' }, { now }) };
  });
  expect(result.valid.ok).toBe(true);
  expect(result.valid.normalized).toEqual({ customerId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', firstName: 'Zoë',
    lastName: 'O’Brien', email: 'zoe@xn--bcher-kva.de', country: 'NL', phoneNumber: '+31201234567',
    dateAgreed: '2026-11-20T09:30:00Z', templateId: '117a77b0-9360-443b-8795-c6dedc750cf9' });
  expect(result.built.body).toBe('{"primaryContact":{"firstName":"Zoë","lastName":"O’Brien","email":"zoe@xn--bcher-kva.de",'
    + '"phoneNumber":"+31201234567"},"templateId":"117a77b0-9360-443b-8795-c6dedc750cf9",'
    + '"dateAgreed":"2026-11-20T09:30:00Z","type":"MicrosoftCustomerAgreement"}');
  expect(result.surrogate.errors.map((e) => e.code)).toEqual(['firstName.invalidUtf8']);
});
