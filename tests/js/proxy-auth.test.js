// The proxy getting its own tokens with MSAL from the emulator as Entra ID:
// App-only for the enhanced attestation, App+User on behalf of the signed-in
// user for the rest; cached, refreshed once on 401, and never shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from 'mca-attest';
import { startEmulator, fixture } from 'mca-attest/emulator';
import { createBearerSignIn, startProxy } from 'mca-attest/proxy';
import { decodeJwt } from '../../emulator/jwt.js';

const CONTOSO = fixture.customers.find((c) => c.note.includes('Scenario 1')).id;
const SESSION = 'session=signed-in';
const signedIn = (req) => (req.headers.cookie ?? '').split(/;\s*/).includes(SESSION);
const withSession = (url, init = {}) => fetch(url, { ...init, headers: { ...init.headers, cookie: SESSION } });
const attestation = { customerId: CONTOSO, companyName: 'Contoso Nederland B.V.', country: 'NL', language: 'nl-NL',
  signatoryFirstName: 'Anne', signatoryLastName: 'de Vries', signatoryEmail: 'anne@contoso.nl' };

async function setup({ emulator = {}, mfa = true, ...options } = {}) {
  const em = await startEmulator(emulator);
  let assertion = await em.issueUserAssertion({ mfa });
  const proxy = await startProxy({ upstream: em.url, prefix: '/pc', auth: em.identity, checkSession: signedIn,
    userAssertion: () => assertion, ...options });
  const client = createClient({ baseUrl: proxy.url, fetch: withSession, maxRetries: 0 });
  return { em, proxy, client, setAssertion: (a) => { assertion = a; },
    close: async () => { await proxy.close(); await em.close(); } };
}

let s;
before(async () => { s = await setup(); });
after(() => s.close());

test('a full enhanced attestation through createProxy({ auth: em.identity }), MSAL acquiring both kinds', async () => {
  const before = s.em.stats().tokenRequests;
  const agreements = await s.client.getCustomerAgreements(CONTOSO);
  assert.equal(agreements.totalCount, 0);
  const made = await s.client.createAttestation(attestation);
  assert.equal(made.status, 'Pending');
  s.em.acceptAttestation(made.id);
  assert.equal((await s.client.getAttestation(made.id)).status, 'Accepted');
  const agreement = await s.client.createAgreementFromAttestation(CONTOSO, made.id);
  assert.equal(agreement.attestationId, made.id);
  const upstream = s.em.requests().slice(-4);
  assert.deepEqual(upstream.map((r) => r.status), [200, 201, 200, 201]);
  assert.ok(upstream.every((r) => r.headers.authorization === 'Bearer [redacted]'));
  assert.equal(s.em.stats().tokenRequests - before, 2, 'one on-behalf-of, one client-credentials');
});

test('one token request for 50 calls; a new one after expiry', async () => {
  const short = await setup({ emulator: { tokenLifetimeSeconds: 310 } });   // MSAL renews 300 s before expiry: 10 s of use
  try {
    const started = Date.now();                   // both tokens are obtained after this moment
    for (let i = 0; i < 25; i++) {
      await short.client.getDirectSignedStatus(CONTOSO);
      await short.client.createAttestation(attestation);
    }
    const calls = short.em.requests().filter((r) => r.path.startsWith('/v1/')).length;
    assert.equal(calls, 50, '25 reads (App+User) and 25 attestations (App-only) reached Partner Center');
    assert.ok(Date.now() - started < 10_000, 'the calls ran inside the tokens\' life (else the count below is not about caching)');
    assert.equal(short.em.stats().tokenRequests, 2, 'one App+User and one App-only token request for all of them');
    const obtainedBy = Date.now();                // both tokens were obtained before this moment
    // MSAL counts in whole seconds and renews only once now + 300 s is past the
    // expiry (strictly): more than 11 s after obtaining, whatever the fractions.
    await new Promise((done) => setTimeout(done, 11_500));
    assert.ok(Date.now() - obtainedBy > 11_000);
    await short.client.getDirectSignedStatus(CONTOSO);
    await short.client.createAttestation(attestation);
    assert.equal(short.em.stats().tokenRequests, 4, 'after expiry each kind is asked for again');
  } finally { await short.close(); }
});

test('a 401 upstream gets one fresh token and a retry; 900421 is passed on, explained as sign in with MFA', async () => {
  s.em.setFaults({ once: [{ kind: '401', at: 1 }] });
  const before = s.em.stats().tokenRequests;
  try {
    assert.equal((await s.client.getDirectSignedStatus(CONTOSO)).isSigned, false);
    assert.equal(s.em.stats().tokenRequests - before, 1, 'the refresh skipped MSAL\'s cache once');
  } finally { s.em.setFaults(null); }
  const noMfa = await setup({ mfa: false });
  try {
    const error = await noMfa.client.getDirectSignedStatus(CONTOSO).catch((e) => e);
    assert.deepEqual([error.status, error.code], [401, 'auth.mfaRequired']);
    assert.match(error.action, /Sign in again with multi-factor authentication/);
    assert.equal(noMfa.em.stats().tokenRequests, 1, 'no refresh: a new token for the same sign-in has no MFA either');
  } finally { await noMfa.close(); }
});

test('an expired or missing user sign-in: 401 proxy.signInAgain, nothing sent', async () => {
  s.setAssertion(await s.em.issueUserAssertion({ expiresInMs: 1 }));
  const sent = s.em.stats().requests;
  try {
    await new Promise((done) => setTimeout(done, 5));
    const r = await withSession(`${s.proxy.url}/v1/customers/${CONTOSO}/directSignedMicrosoftCustomerAgreementStatus`);
    assert.deepEqual([r.status, (await r.json()).code], [401, 'proxy.signInAgain']);
    s.setAssertion(null);
    const none = await withSession(`${s.proxy.url}/v1/customers/${CONTOSO}/directSignedMicrosoftCustomerAgreementStatus`);
    assert.deepEqual([none.status, (await none.json()).code], [401, 'proxy.signInAgain']);
    assert.equal(s.em.stats().requests, sent);
  } finally { s.setAssertion(await s.em.issueUserAssertion()); }
});

test('the tokens never reach the browser: not in answers, headers or errors', async () => {
  const answers = [];
  const record = async (url, init) => { const r = await withSession(url, init); answers.push(JSON.stringify([...r.headers]) + await r.clone().text()); return r; };
  const client = createClient({ baseUrl: s.proxy.url, fetch: record, maxRetries: 0 });
  await client.getCustomerAgreements(CONTOSO);
  await client.createAttestation(attestation);
  await client.getAttestation('00000000-1111-2222-3333-444444444444').catch(() => {});
  for (const text of answers) {
    assert.doesNotMatch(text, /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/, 'no JWT in what the browser gets');
    assert.ok(!text.includes(s.em.identity.clientSecret));
  }
});

test('getToken stays for partners who bring their own, and is asked for the kind', async () => {
  const em = await startEmulator();
  const asked = [];
  const proxy = await startProxy({ upstream: em.url, checkSession: () => true,
    getToken: ({ kind, refresh }) => { asked.push(kind); return em.issueToken({ kind }); } });
  try {
    const client = createClient({ baseUrl: proxy.url });
    await client.getCustomerAgreements(CONTOSO);
    const made = await client.createAttestation(attestation);
    assert.equal(decodeJwt(await em.issueToken({ kind: 'app' })).claims.idtyp, 'app');
    assert.equal(made.status, 'Pending');
    assert.deepEqual(asked, ['user', 'app']);
  } finally { await proxy.close(); await em.close(); }
});

test('createBearerSignIn: the page\'s own Entra token for the app is a session; expired, wrongly signed, wrong-audience or other-tenant ones get 401', async () => {
  const em = await startEmulator();
  const other = await startEmulator({ tenantId: em.identity.tenantId, clientId: em.identity.clientId });   // same ids, other keys
  const signIn = createBearerSignIn(em.identity);
  const proxy = await startProxy({ upstream: em.url, prefix: '/pc', auth: em.identity,
    userAssertion: signIn.userAssertion, checkSession: signIn.checkSession });
  const read = async (authorization) => {
    const r = await fetch(`${proxy.url}/v1/customers/${CONTOSO}/agreements`, { headers: authorization ? { authorization } : {} });
    return `${r.status} ${(await r.json()).code ?? 'read'}`;
  };
  try {
    const forgedAlg = (await em.issueUserAssertion()).split('.');
    forgedAlg[0] = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const tampered = (await em.issueUserAssertion()).split('.');
    const claims = JSON.parse(Buffer.from(tampered[1], 'base64url').toString());
    tampered[1] = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 86_400 })).toString('base64url');
    assert.equal(await read(`Bearer ${await em.issueUserAssertion()}`), '200 read');
    const refused = {
      none: undefined,
      'not a bearer': `Basic ${Buffer.from('a:b').toString('base64')}`,
      'not a JWT': 'Bearer abc',
      expired: `Bearer ${await em.issueUserAssertion({ expiresInMs: -60_000 })}`,
      'a Partner Center token (another audience)': `Bearer ${await em.issueToken()}`,
      'signed by another key': `Bearer ${await other.issueUserAssertion()}`,
      'alg none': `Bearer ${forgedAlg.join('.')}`,
      'claims changed after signing': `Bearer ${tampered.join('.')}`,
    };
    const sent = em.stats().requests;
    for (const [name, authorization] of Object.entries(refused)) assert.equal(await read(authorization), '401 proxy.noSession', name);
    assert.equal(em.stats().requests, sent, 'nothing reached Partner Center');
    assert.throws(() => createBearerSignIn({ clientId: 'x' }), /tenantId/);
  } finally {
    await proxy.close();
    await other.close();
    await em.close();
  }
});
