// The portfolio: the emulator's customer list in pages, client.listCustomers
// following links.next, and scanPortfolio deciding every customer with the
// core, against the real emulator over HTTP.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, fixture, generateCustomers, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from 'mca-attest/emulator';
import { loadCore, createClient, scanPortfolio } from 'mca-attest';
import { startProxy } from 'mca-attest/proxy';

const core = await loadCore();
const opened = [];
after(() => Promise.all(opened.map((em) => em.close())));
const ADMIN = { roles: ['AdminAgent'], indirectReseller: false };

async function setup(options = {}, clientOptions = {}) {
  const em = await startEmulator({ port: 0, ...options });
  opened.push(em);
  const token = await em.issueToken();
  const client = createClient({ baseUrl: em.url, core, getToken: async () => token, ...clientOptions });
  return { em, token, client };
}

async function all(iterable) {
  const out = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** A fetch to the real emulator that rewrites the JSON of the n-th customer page. */
function rewritingPages(at, rewrite) {
  let pages = 0;
  return async (url, init) => {
    const response = await fetch(url, init);
    if (!/\/v1\/customers(\?|$)/.test(url)) return response;
    pages += 1;
    if (pages !== at) return response;
    const body = rewrite(await response.json());
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status: 200,
      headers: { 'content-type': 'application/json' } });
  };
}

test('2,500 generated customers come out of listCustomers over pages, and of the scan, each exactly once', async () => {
  const { em, client } = await setup({ generate: { count: 2500, seed: 7 } });
  const pages = [];
  const ids = [];
  for await (const c of client.listCustomers({ size: 300, onPage: (p) => pages.push(p.items) })) ids.push(c.id);
  assert.equal(ids.length, 2500);
  assert.equal(new Set(ids).size, 2500);
  assert.deepEqual(pages, [...Array(8).fill(300), 100]);
  const log = em.requests().filter((r) => r.path === '/v1/customers');
  assert.equal(log.length, 9);
  assert.equal(log[0].headers['ms-continuationtoken'], undefined);
  assert.ok(log.slice(1).every((r) => typeof r.headers['ms-continuationtoken'] === 'string'));
  assert.equal(new Set(log.map((r) => r.headers['ms-correlationid'])).size, 1, 'one correlation id for the walk');
  assert.equal(new Set(log.map((r) => r.headers['ms-requestid'])).size, 9, 'each page its own request id');
  assert.deepEqual(ids, generateCustomers({ count: 2500, seed: 7 }).map((c) => c.id), 'the same seed, the same customers');
  const scanned = (await all(scanPortfolio({ core, client, partner: ADMIN, size: 300, concurrency: 16 }))).map((e) => e.customerId);
  assert.equal(scanned.length, 2500);
  assert.deepEqual([...scanned].sort(), [...ids].sort(), 'the scan has every listed customer once');
});

test('pages have Partner Center\'s shape; default and largest page sizes are the assumed ones', async () => {
  const { em, token } = await setup({ generate: { count: MAX_PAGE_SIZE + 20, seed: 1 } });
  const get = (path, headers = {}) => fetch(`${em.url}/v1${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } })
    .then(async (r) => ({ status: r.status, body: await r.json() }));
  const first = await get('/customers');
  assert.equal(first.body.items.length, DEFAULT_PAGE_SIZE);
  assert.equal(first.body.totalCount, DEFAULT_PAGE_SIZE);
  assert.equal(first.body.attributes.objectType, 'Collection');
  const item = first.body.items[0];
  assert.deepEqual(Object.keys(item.companyProfile).sort(), ['companyName', 'domain', 'tenantId']);
  assert.match(item.billingProfile.defaultAddress.country, /^[A-Z]{2}$/);
  assert.match(item.billingProfile.culture, /^[a-z]{2}-[A-Z]{2}$/);
  assert.equal(item.relationshipToPartner, 'reseller');
  assert.equal(item.allowDelegatedAccess, undefined, 'only the by-id answer has allowDelegatedAccess');
  const next = first.body.links.next;
  assert.equal(next.method, 'GET');
  assert.equal(next.headers[0].key, 'MS-ContinuationToken');
  const big = await get('/customers?size=100000');
  assert.equal(big.body.items.length, MAX_PAGE_SIZE);
  const second = await get(big.body.links.next.uri, { 'ms-continuationtoken': big.body.links.next.headers[0].value });
  assert.equal(second.body.items.length, 20);
  assert.equal(second.body.links.next, undefined);
  assert.equal((await get('/customers?size=0')).status, 400);
  const forged = await get('/customers', { 'ms-continuationtoken': 'not-a-token' });
  assert.equal(forged.status, 400);
  assert.equal(forged.body.code, 600006);
});

test('a customer without relationship is not listed but opens by id; seed fields reach the resources', async () => {
  const litware = fixture.customers.find((c) => c.relationship === false);
  const custom = { id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', companyName: 'Zoë Bakkerij', country: 'BE', culture: 'fr-BE',
    domain: 'zoe.example', subscriptions: [{ id: 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9', offerName: 'Azure plan', status: 'active' }] };
  const { client } = await setup({ customers: [...fixture.customers, custom] });
  const listed = await all(client.listCustomers());
  assert.equal(listed.length, fixture.customers.length);
  assert.ok(!listed.some((c) => c.id === litware.id));
  const opened = await client.getCustomer(litware.id);
  assert.equal(opened.companyProfile.companyName, litware.companyName);
  assert.equal(opened.allowDelegatedAccess, false);
  await assert.rejects(client.getCustomerSubscriptions(litware.id), (e) => e.serviceCode === 20002);
  const zoe = await client.getCustomer(custom.id);
  assert.deepEqual([zoe.companyProfile.domain, zoe.billingProfile.culture, zoe.billingProfile.defaultAddress.country],
    ['zoe.example', 'fr-BE', 'BE']);
  const subs = await client.getCustomerSubscriptions(custom.id);
  assert.deepEqual(subs.items.map((s) => s.offerName), ['Azure plan']);
});

test('a next link that loops ends the walk with customers.pageLoop after the customers read', async () => {
  let firstToken = null;
  const fetchImpl = rewritingPages(2, (page) => {
    page.links.next.headers[0].value = firstToken;       // page 2 sends back to page 2
    return page;
  });
  const { client } = await setup({ generate: { count: 50, seed: 3 } }, {
    fetch: async (url, init) => {
      const r = await fetchImpl(url, init);
      if (firstToken === null && /\/v1\/customers\?/.test(url)) {
        const copy = await r.clone().json();
        firstToken = copy.links.next.headers[0].value;
      }
      return r;
    } });
  const ids = [];
  await assert.rejects(async () => { for await (const c of client.listCustomers({ size: 10 })) ids.push(c.id); },
    (e) => e.code === 'customers.pageLoop' && e.read === 20 && e.pages === 2 && /20 customers were read/.test(e.message));
  assert.equal(ids.length, 20);
});

test('a malformed page ends the walk with customers.malformedPage, keeping what was read', async () => {
  for (const rewrite of [(p) => ({ ...p, items: 'nope' }), (p) => { p.links.next.headers = []; return p; },
    (p) => { p.links.next.uri = 'https://elsewhere.example/v1/attestations/enhanced'; return p; }]) {
    const { client } = await setup({ generate: { count: 30, seed: 4 } }, { fetch: rewritingPages(2, rewrite) });
    const ids = [];
    await assert.rejects(async () => { for await (const c of client.listCustomers({ size: 10 })) ids.push(c.id); },
      (e) => e.code === 'customers.malformedPage' && e.read === ids.length);
    assert.ok(ids.length === 10 || ids.length === 20);
  }
  const { client } = await setup({ generate: { count: 30, seed: 4 } }, { fetch: rewritingPages(1, () => '{"items": [') , maxRetries: 0 });
  await assert.rejects(all(client.listCustomers()), (e) => e.read === 0);
  assert.throws(() => client.listCustomers({ size: 0 }), (e) => e.code === 'client.invalidSize');
});

test('the proxy forwards the list, the continuation token and the new reads', async () => {
  const { em, token } = await setup({ generate: { count: 45, seed: 5 } });
  const proxy = await startProxy({ upstream: em.url, getToken: async () => token, checkSession: () => true, prefix: '/pc' });
  try {
    const client = createClient({ baseUrl: proxy.url, core });
    const listed = await all(client.listCustomers({ size: 20 }));
    assert.equal(listed.length, 45);
    assert.equal((await client.getCustomer(listed[0].id)).id, listed[0].id);
    assert.ok(Array.isArray((await client.getCustomerSubscriptions(listed[0].id)).items));
  } finally {
    await proxy.close();
  }
});

test('scan statuses equal detectScenario\'s for every fixture customer; a scan never writes', async () => {
  const { em, client } = await setup();
  const entries = await all(scanPortfolio({ core, client, partner: ADMIN }));
  const listed = fixture.customers.filter((c) => c.relationship !== false);
  assert.deepEqual(entries.map((e) => e.customerId).sort(), listed.map((c) => c.id).sort());
  for (const c of listed) {
    const e = entries.find((x) => x.customerId === c.id);
    const expected = core.detectScenario({ customer: { id: c.id, isNew: false }, priorPurchases: ['offer'],
      purchase: { kind: 'new', partner: 'existing' }, agreements: c.agreements.filter((a) => a.type === 'MicrosoftCustomerAgreement'),
      directSigned: c.directSigned === true, partner: ADMIN });
    assert.equal(e.status, expected.status, c.companyName);
    assert.equal(e.action, expected.action, c.companyName);
    assert.deepEqual(e.reasons, expected.reasons, c.companyName);
    assert.equal(e.companyName, c.companyName);
    assert.equal(e.country, c.country);
    assert.equal(e.error, null);
  }
  assert.equal(entries.find((e) => e.customerId === listed[0].id).culture, 'nl-NL');
  assert.deepEqual(em.stats().posts, {});
  assert.equal(em.stats().attestations, 0);
  assert.ok(em.requests().every((r) => r.method === 'GET'));
});

test('context(customer) brings the partner\'s own facts to the core: a new partner, an indirect reseller, a renewal', async () => {
  const { em, client } = await setup();
  const listed = fixture.customers.filter((c) => c.relationship !== false);
  const fresh = listed.find((c) => c.companyName.startsWith('Fabrikam'));
  const resold = listed.find((c) => c.companyName.startsWith('Adventure Works'));
  const seen = [];
  const context = async (customer) => {
    seen.push(customer);
    if (customer.id === fresh.id) return { purchase: { kind: 'new', partner: 'new' }, priorPurchases: ['azure-subscription'] };
    if (customer.id === resold.id) return { partner: { indirectReseller: true } };
    return null;
  };
  const entries = await all(scanPortfolio({ core, client, partner: ADMIN, context }));
  assert.deepEqual(seen.map((c) => c.id).sort(), listed.map((c) => c.id).sort(), 'asked once per listed customer');
  const contoso = seen.find((c) => c.id === listed[0].id);
  assert.deepEqual(contoso, { id: listed[0].id, companyName: listed[0].companyName, domain: contoso.domain, country: 'NL', culture: 'nl-NL' });
  for (const c of listed) {
    const extra = c.id === fresh.id ? { purchase: { kind: 'new', partner: 'new' }, priorPurchases: ['azure-subscription'] }
      : c.id === resold.id ? { partner: { ...ADMIN, indirectReseller: true } } : {};
    const expected = core.detectScenario({ customer: { id: c.id, isNew: false }, priorPurchases: ['offer'],
      purchase: { kind: 'new', partner: 'existing' }, agreements: c.agreements.filter((a) => a.type === 'MicrosoftCustomerAgreement'),
      directSigned: c.directSigned === true, partner: ADMIN, ...extra });
    const e = entries.find((x) => x.customerId === c.id);
    assert.deepEqual([e.status, e.action, e.reasons], [expected.status, expected.action, expected.reasons], c.companyName);
    assert.equal(e.error, null);
  }
  const r = entries.find((e) => e.customerId === resold.id);
  assert.deepEqual([r.status, r.action, r.reasons.includes('indirect-reseller')], ['cannot-attest', 'ask-indirect-provider', true]);
  const renewal = await all(scanPortfolio({ core, client, partner: ADMIN, context: () => ({ purchase: { kind: 'auto-renewal' } }) }));
  assert.ok(renewal.every((e) => e.action === 'none'), 'an automatic renewal needs nothing: the purchase reaches the core');
  assert.deepEqual(em.stats().posts, {});
});

test('a context that throws or answers no object: that customer is listed with scan.contextFailed, the purchase unknown', async () => {
  const { client } = await setup();
  const listed = fixture.customers.filter((c) => c.relationship !== false);
  const bad = new Map([[listed[0].id, () => { throw new Error('the partner database is down'); }], [listed[1].id, () => 'new']]);
  const entries = await all(scanPortfolio({ core, client, partner: ADMIN, context: (c) => bad.get(c.id)?.() ?? {} }));
  assert.equal(entries.length, listed.length, 'the other customers are decided');
  for (const c of listed.slice(0, 2)) {
    const e = entries.find((x) => x.customerId === c.id);
    assert.equal(e.error.code, 'scan.contextFailed', c.companyName);
    assert.match(e.error.message, new RegExp(c.id));
    const expected = core.detectScenario({ customer: { id: c.id, isNew: false }, directSigned: c.directSigned === true,
      agreements: c.agreements.filter((a) => a.type === 'MicrosoftCustomerAgreement'), partner: ADMIN });
    assert.equal(e.status, expected.status, c.companyName);
  }
  assert.match(entries.find((x) => x.customerId === listed[0].id).error.message, /database is down/);
  assert.equal(entries.filter((e) => e.error).length, 2);
  assert.throws(() => scanPortfolio({ core, client, context: { purchase: {} } }), (e) => e.code === 'scan.invalidOptions');
});

test('the direct-signed status is read only when the confirmations do not settle it; requests are counted', async () => {
  const { em, client } = await setup();
  const entries = await all(scanPortfolio({ core, client, partner: ADMIN }));
  const direct = em.requests().filter((r) => r.path.endsWith('/directSignedMicrosoftCustomerAgreementStatus'));
  const northwind = fixture.customers.find((c) => c.companyName.startsWith('Northwind'));
  assert.ok(!direct.some((r) => r.path.includes(northwind.id)), 'a valid confirmation settles it');
  assert.equal(entries.find((e) => e.customerId === northwind.id).requests, 1);
  assert.equal(direct.length, entries.length - 1);
  assert.equal(entries.reduce((n, e) => n + e.requests, 0) + 1, em.stats().requests);
});

test('subscriptions: true reads them: a customer without any needs nothing', async () => {
  const base = fixture.customers[0];
  const customers = [{ ...base, subscriptions: [] },
    { ...fixture.customers[1], subscriptions: [{ id: 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d', offerName: 'Azure plan' }] }];
  const { client } = await setup({ customers });
  const entries = await all(scanPortfolio({ core, client, partner: ADMIN, subscriptions: true }));
  const none = entries.find((e) => e.customerId === base.id);
  assert.ok(none.reasons.includes('no-qualifying-purchase'), none.reasons.join());
  assert.equal(none.action, 'none');
  assert.equal(entries.find((e) => e.customerId !== base.id).action, 'attest');
});

test('a customer that cannot be read is listed unknown with its explained error', async () => {
  const { em, client } = await setup({}, { maxRetries: 0 });
  const target = fixture.customers[1].id;
  const entries = [];
  let injected = false;
  for await (const e of scanPortfolio({ core, client, partner: ADMIN, concurrency: 1,
    onProgress: () => { if (!injected) { injected = true; em.setFaults({ rate: 0, once: [{ kind: '500', at: 1 }] }); } } })) {
    entries.push(e);
  }
  const failed = entries.filter((e) => e.error);
  assert.equal(failed.length, 1);
  assert.equal(failed[0].error.status, 500);
  assert.ok(failed[0].reasons.includes('agreements-unknown'), failed[0].reasons.join());
  assert.equal(failed[0].status, core.detectScenario({ customer: { id: failed[0].customerId, isNew: false }, priorPurchases: ['offer'],
    purchase: { kind: 'new', partner: 'existing' }, directSigned: null, partner: ADMIN }).status);
  assert.equal(failed[0].customerId, target, 'the customer after the first');
});

test('progress reports done, total once known, rate and time left; cancel stops the scan', async () => {
  const { client } = await setup({ generate: { count: 120, seed: 9 } });
  const events = [];
  const entries = await all(scanPortfolio({ core, client, size: 50, onProgress: (p) => events.push(p) }));
  assert.equal(entries.length, 120);
  const last = events.at(-1);
  assert.equal(last.done, 120);
  assert.equal(last.total, 120);
  assert.equal(last.remainingMs, 0);
  assert.ok(last.rowsPerSecond > 0);
  assert.equal(last.requests, entries.reduce((n, e) => n + e.requests, 0) + 3);
  assert.ok(events.some((p) => p.total === null), 'the total is unknown before the last page');
  const controller = new AbortController();
  const seen = [];
  await assert.rejects(async () => {
    for await (const e of scanPortfolio({ core, client, signal: controller.signal })) {
      seen.push(e);
      if (seen.length === 10) controller.abort();
    }
  }, (e) => e.code === 'aborted' && e.read === 10);
  assert.throws(() => scanPortfolio({ core, client, concurrency: 0 }), (e) => e.code === 'scan.invalidOptions');
});
