// Start-up benchmark page: from the module import to the first validation
// result, for the component (?stack=core) or the peer bundle (?stack=peer).
// The result goes into body[data-result] for the benchmark to read.
const ROW = {
  customerId: '0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0', firstName: 'Zoë', lastName: 'de Vries',
  email: 'anne@contoso.nl', phoneNumber: '06 1234 5678', dateAgreed: '2026-11-20T09:30:00+01:00', country: 'NL',
};
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

async function core() {
  const { loadCore } = await import('/web/index.js');
  const c = await loadCore();
  const run = c.buildConfirmation ?? c.validateConfirmation;
  return run(ROW, { now: NOW }).ok;
}

async function peer() {
  const { buildConfirmationPeer } = await import('/bench/out/peer.bundle.mjs');
  return buildConfirmationPeer(ROW, { now: NOW }).ok;
}

const stack = new URLSearchParams(location.search).get('stack');
const t0 = performance.now();
try {
  const ok = await (stack === 'peer' ? peer() : core());
  document.body.dataset.result = JSON.stringify({ ms: performance.now() - t0, ok });
} catch (e) {
  document.body.dataset.result = JSON.stringify({ error: String(e?.message ?? e) });
}
