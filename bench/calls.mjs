// Cost of one call of detectScenario and explainError through the public
// API (Wasm core in Node): mean over 20,000 calls after 2,000 to warm up.
// node bench/calls.mjs
import { loadCore } from '../web/index.js';

const core = await loadCore();
const context = {
  customer: { id: '3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04' }, priorPurchases: ['azure-subscription'],
  purchase: { kind: 'new', partner: 'existing' }, agreements: { totalCount: 0, items: [] },
  directSigned: { isSigned: false }, partner: { roles: ['AdminAgent'], indirectReseller: false },
};
const throttled = {
  status: 429, body: '{"statusCode":429,"message":"Rate limit is exceeded. Try again in 57 seconds."}',
  headers: { 'Retry-After': '57', 'MS-RequestId': '6f9619ff-8b86-d011-b42d-00c04fc964ff' },
};
for (const [name, call] of [['detectScenario', () => core.detectScenario(context)],
  ['explainError', () => core.explainError(throttled)]]) {
  for (let i = 0; i < 2000; i++) call();
  const start = performance.now();
  for (let i = 0; i < 20000; i++) call();
  console.log(`${name}: ${((performance.now() - start) / 20).toFixed(1)} µs per call`);
}
console.log(`bytes still allocated in the core: ${core.memoryStats().bytesInUse}`);
