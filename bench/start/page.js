// Start-up benchmark page, for the component's core bundle (core.html) or
// the peer bundle (peer.html), each page preloading what it needs, and the
// floor (floor.html): this module and nothing else, what every page pays for
// a fresh context, its navigation and one module script (and, for
// comparisons by hand, the core bundle without preload lines, core-plain.html,
// and the unbundled sources, source.html). Measured:
// from navigation start (performance.now() counts from it) to the first
// validation result, and from this module's import of the bundle to it.
// The result goes into body[data-result] for the benchmark to read.
const ROW = {
  customerId: '0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0', firstName: 'Zoë', lastName: 'de Vries',
  email: 'anne@contoso.nl', phoneNumber: '06 1234 5678', dateAgreed: '2026-11-20T09:30:00+01:00', country: 'NL',
};
const NOW = Date.UTC(2026, 10, 20, 12, 0, 0);

const STACKS = {
  async core() {
    const { loadCore } = await import('/dist/mca-core.js');
    const c = await loadCore();
    return c.buildConfirmation(ROW, { now: NOW }).ok;
  },
  /** The unbundled source modules (bench/start/source.html), for comparisons by hand. */
  async source() {
    const { loadCore } = await import('/web/index.js');
    const c = await loadCore();
    return c.buildConfirmation(ROW, { now: NOW }).ok;
  },
  /** Nothing to load: the floor under both stacks' figures. */
  async floor() { return true; },
  async peer() {
    const { buildConfirmationPeer } = await import('/bench/out/peer.bundle.mjs');
    return buildConfirmationPeer(ROW, { now: NOW }).ok;
  },
};

const stack = document.documentElement.dataset.stack;
const t0 = performance.now();
try {
  const ok = await STACKS[stack]();
  const end = performance.now();
  document.body.dataset.result = JSON.stringify({ ms: end, fromImport: end - t0, ok });
} catch (e) {
  document.body.dataset.result = JSON.stringify({ error: String(e?.message ?? e) });
}
