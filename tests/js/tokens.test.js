// Partner Center's two token kinds: the emulator as the identity provider
// (signed JWTs, MSAL against its token endpoint), each route taking the kind
// partner-center-api.md gives it, and the core naming the kind of each call.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { startEmulator, fixture } from '../../emulator/index.js';
import { signJwt, decodeJwt } from '../../emulator/jwt.js';
import { loadCore, createClient } from '../../web/index.js';

const PC = 'https://api.partnercenter.microsoft.com';
const CONTOSO = fixture.customers[0].id;
const MCA = 'MicrosoftCustomerAgreement';
const attestation = { country: 'NL', language: 'nl-NL', companyName: 'Contoso Nederland B.V.',
  signatoryFirstName: 'Anne', signatoryLastName: 'de Vries', signatoryEmail: 'anne@contoso.nl' };

let em;
let core;
before(async () => { em = await startEmulator(); core = await loadCore(); });
after(() => em.close());

async function call(method, path, token, body) {
  const headers = { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  if (body) headers['content-type'] = 'application/json';
  const r = await fetch(`${em.url}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const text = await r.text();
  return { status: r.status, text, json: JSON.parse(text), headers: Object.fromEntries(r.headers) };
}

const explained = (r) => core.explainError({ status: r.status, body: r.text, headers: r.headers });

test('an App+User token on POST /v1/attestations/enhanced is refused: 403, 900430, explained', async () => {
  const r = await call('POST', '/v1/attestations/enhanced', await em.issueToken({ kind: 'user', mfa: true }), attestation);
  assert.deepEqual([r.status, r.json.code], [403, 900430]);
  const e = explained(r);
  assert.equal(e.code, 'auth.appOnlyRequired');
  assert.match(e.action, /client credentials/);
  assert.equal(em.stats().attestations, 0, 'nothing was created');
  const ok = await call('POST', '/v1/attestations/enhanced', await em.issueToken({ kind: 'app' }), attestation);
  assert.equal(ok.status, 201);
});

test('an App-only token on the confirmations read is refused: 403, 900431, explained', async () => {
  const path = `/v1/customers/${CONTOSO}/agreements?agreementType=${MCA}`;
  const r = await call('GET', path, await em.issueToken({ kind: 'app' }));
  assert.deepEqual([r.status, r.json.code], [403, 900431]);
  assert.equal(explained(r).code, 'auth.userRequired');
  assert.equal((await call('GET', path, await em.issueToken())).status, 200);
});

test('step 3 takes App-only, the classic confirmation on the same route App+User', async () => {
  const app = await em.issueToken({ kind: 'app' });
  const user = await em.issueToken();
  const step3 = { templateId: fixture.templates[0].templateId, type: MCA, attestationId: '00000000-1111-2222-3333-444444444444' };
  assert.equal((await call('POST', `/v1/customers/${CONTOSO}/agreements`, user, step3)).json.code, 900430);
  assert.equal((await call('POST', `/v1/customers/${CONTOSO}/agreements`, app, step3)).json.code, 600080, 'past the token check');
  const classic = { primaryContact: { firstName: 'Anne', lastName: 'de Vries', email: 'anne@contoso.nl' },
    templateId: step3.templateId, type: MCA, dateAgreed: '2026-01-20T09:30:00Z' };
  assert.equal((await call('POST', `/v1/customers/${CONTOSO}/agreements`, app, classic)).json.code, 900431);
});

test('expired, wrongly signed and wrong-audience tokens get 401; App+User without MFA 900421', async () => {
  const path = `/v1/agreements?agreementType=${MCA}`;
  const expired = await em.issueToken({ expiresInMs: 1000 });
  em.advanceTime(2000);
  try { assert.deepEqual([(await call('GET', path, expired)).status, (await call('GET', path, expired)).json.code], [401, 900401]); }
  finally { em.advanceTime(-2000); }
  const good = decodeJwt(await em.issueToken());
  const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const forged = signJwt(good.claims, otherKey, { kid: good.header.kid });
  assert.deepEqual([(await call('GET', path, forged)).status, (await call('GET', path, forged)).json.code], [401, 900401]);
  const tampered = `${forged.split('.')[0]}.${Buffer.from(JSON.stringify({ ...good.claims, idtyp: 'app' })).toString('base64url')}.${(await em.issueToken()).split('.')[2]}`;
  assert.equal((await call('GET', path, tampered)).status, 401);
  const graph = await em.issueUserAssertion();            // aud: the app's own client id, not Partner Center
  const wrong = await call('GET', path, graph);
  assert.deepEqual([wrong.status, wrong.json.code], [401, 900420]);
  assert.equal(explained(wrong).code, 'auth.wrongAudience');
  const noMfa = await call('GET', path, await em.issueToken({ mfa: false }));
  assert.deepEqual([noMfa.status, noMfa.json.code], [401, 900421]);
  assert.match(explained(noMfa).action, /Sign in again with multi-factor authentication/);
});

test('the tokens are RS256 JWTs with aud, tid, idtyp, amr, exp; the JWKS holds their key', async () => {
  const user = decodeJwt(await em.issueToken({ mfa: true }));
  const app = decodeJwt(await em.issueToken({ kind: 'app' }));
  assert.equal(user.header.alg, 'RS256');
  assert.deepEqual([user.claims.aud, user.claims.tid, user.claims.idtyp, user.claims.amr],
    [PC, em.identity.tenantId, 'user', ['pwd', 'mfa']]);
  assert.deepEqual([app.claims.idtyp, app.claims.amr, app.claims.appid], ['app', undefined, em.identity.clientId]);
  assert.ok(app.claims.exp > Date.now() / 1000 + 3000);
  const jwks = await (await fetch(`${em.url}/${em.identity.tenantId}/discovery/v2.0/keys`)).json();
  assert.deepEqual(jwks.keys.map((k) => [k.kid, k.alg]), [[user.header.kid, 'RS256']]);
});

test('MSAL gets App-only tokens by secret and by certificate, App+User on behalf of a user; cached', async () => {
  const scopes = [`${PC}/.default`];
  const { authority, clientId, clientSecret, networkClient } = em.identity;
  assert.equal(authority, `https://login.microsoftonline.com/${em.identity.tenantId}`, 'the real Entra host');
  const before = em.stats().tokenRequests;
  const bySecret = new ConfidentialClientApplication({ auth: { clientId, authority, clientSecret }, system: { networkClient } });
  const a = await bySecret.acquireTokenByClientCredential({ scopes });
  const again = await bySecret.acquireTokenByClientCredential({ scopes });
  assert.equal(again.accessToken, a.accessToken, 'the second comes from MSAL\'s cache');
  assert.equal(decodeJwt(a.accessToken).claims.idtyp, 'app');
  assert.equal((await call('POST', '/v1/attestations/enhanced', a.accessToken, attestation)).status, 201);

  const cert = await em.createCertificate();
  const byCert = new ConfidentialClientApplication({ auth: { clientId, authority,
    clientCertificate: { thumbprintSha256: cert.thumbprintSha256, privateKey: cert.privateKey } }, system: { networkClient } });
  const c = await byCert.acquireTokenByClientCredential({ scopes });
  assert.equal(decodeJwt(c.accessToken).claims.idtyp, 'app');

  const obo = await bySecret.acquireTokenOnBehalfOf({ oboAssertion: await em.issueUserAssertion({ mfa: true }),
    scopes: [`${PC}/user_impersonation`] });
  assert.deepEqual([decodeJwt(obo.accessToken).claims.idtyp, decodeJwt(obo.accessToken).claims.amr], ['user', ['pwd', 'mfa']]);
  assert.equal((await call('GET', `/v1/customers/${CONTOSO}/agreements?agreementType=${MCA}`, obo.accessToken)).status, 200);
  assert.equal(em.stats().tokenRequests - before, 3, 'secret, certificate, on-behalf-of: one each');

  const wrongSecret = new ConfidentialClientApplication({ auth: { clientId, authority, clientSecret: 'not-it' }, system: { networkClient } });
  await assert.rejects(wrongSecret.acquireTokenByClientCredential({ scopes }), /invalid_client.*7000215/s);
  const expiredUser = await em.issueUserAssertion({ expiresInMs: 1 });
  await new Promise((r) => setTimeout(r, 5));
  await assert.rejects(bySecret.acquireTokenOnBehalfOf({ oboAssertion: expiredUser, scopes: [`${PC}/user_impersonation`] }),
    /invalid_grant/);
});

test('the network client reaches the emulator for Entra\'s host only', async () => {
  await assert.rejects(() => em.identity.networkClient.sendGetRequestAsync('https://example.com/x'), /reaches https:\/\/login\.microsoftonline\.com only/);
});

test('the core lists the token kind of every call, and tokenKind names a request\'s', () => {
  const kinds = Object.fromEntries(Object.entries(core.calls).map(([name, c]) => [name, c.token]));
  assert.deepEqual(kinds, { listCustomers: 'user', getCustomer: 'user', getCustomerSubscriptions: 'user', getAgreementTemplates: 'user', getAgreementDocument: 'user', getCustomerAgreements: 'user',
    getDirectSignedStatus: 'user', createAgreementFromAttestation: 'app', confirmAgreement: 'user',
    createAttestation: 'app', getAttestation: 'app' });
  const kind = (method, path, body) => core.tokenKind({ method, path, body });
  assert.deepEqual(kind('POST', '/v1/attestations/enhanced', {}), { ok: true, call: 'createAttestation', token: 'app' });
  assert.deepEqual(kind('POST', `/v1/customers/${CONTOSO}/agreements`, { attestationId: 'x' }),
    { ok: true, call: 'createAgreementFromAttestation', token: 'app' });
  assert.deepEqual(kind('POST', `/v1/customers/${CONTOSO}/agreements`, { templateId: 'x' }),
    { ok: true, call: 'confirmAgreement', token: 'user' });
  assert.equal(kind('GET', `/v1/customers/${CONTOSO}/agreements?agreementType=${MCA}`).token, 'user');
  assert.equal(kind('GET', '/v1/attestations/enhanced/abc').token, 'app');
  assert.deepEqual(kind('GET', '/v1/partners'), { ok: false, code: 'calls.unknown' });
  assert.deepEqual(kind('GET', '/v1/customers//agreements'), { ok: false, code: 'calls.unknown' }, 'an empty segment is no id');
  assert.deepEqual(kind('DELETE', '/v1/attestations/enhanced'), { ok: false, code: 'calls.unknown' });
  assert.throws(() => core.tokenKind({ path: 1 }), (e) => e.code === 'calls.invalidInput');
  assert.deepEqual(core.calls.createAttestation.flows, ['enhanced']);
  assert.deepEqual([core.calls.listCustomers.accepts, core.calls.createAttestation.accepts], [['user', 'app'], ['app']]);
  assert.equal(kind('GET', `/v1/customers/${CONTOSO}`).call, 'getCustomer');
});

test('the client asks getToken for the kind of each call and runs the enhanced flow with both', async () => {
  const asked = [];
  const tokens = { user: await em.issueToken(), app: await em.issueToken({ kind: 'app' }) };
  const client = createClient({ baseUrl: em.url, getToken: ({ kind, refresh }) => { asked.push([kind, refresh]); return tokens[kind]; } });
  await client.getCustomerAgreements(CONTOSO);
  const made = await client.createAttestation({ ...attestation, customerId: CONTOSO });
  em.acceptAttestation(made.id);
  await client.getAttestation(made.id);
  await client.createAgreementFromAttestation(CONTOSO, made.id);
  assert.deepEqual(asked, [['user', false], ['app', false], ['app', false], ['app', false]]);
  const userOnly = createClient({ baseUrl: em.url, maxRetries: 0, getToken: () => tokens.user });
  await assert.rejects(userOnly.createAttestation({ ...attestation, customerId: CONTOSO }), (e) => e.code === 'auth.appOnlyRequired' && e.status === 403);
});

test('a page\'s sign-in: code with PKCE, CORS answers; its refresh token lasts 24 hours and dies with a revocation (bad_token)', async () => {
  const e = await startEmulator();
  try {
    const { tenantId, clientId } = e.identity;
    const base = `${e.url}/${tenantId}/oauth2/v2.0`;
    const verifier = 'v'.repeat(50);
    const challenge = (await import('node:crypto')).createHash('sha256').update(verifier).digest('base64url');
    const signIn = async () => {
      const query = new URLSearchParams({ client_id: clientId, redirect_uri: 'http://127.0.0.1:1/app/redirect.html',
        scope: `api://${clientId}/access_as_user openid offline_access`, code_challenge: challenge, code_challenge_method: 'S256', state: 's' });
      const back = await fetch(`${base}/authorize?${query}`, { redirect: 'manual' });
      assert.equal(back.status, 302);
      return new URLSearchParams(new URL(back.headers.get('location')).hash.slice(1)).get('code');
    };
    const token = (form) => fetch(`${base}/token`, { method: 'POST', headers: { origin: 'http://127.0.0.1:1',
      'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ client_id: clientId, ...form }) })
      .then(async (r) => ({ status: r.status, cors: r.headers.get('access-control-allow-origin'), body: await r.json() }));
    const redeem = async () => token({ grant_type: 'authorization_code', code: await signIn(), code_verifier: verifier,
      redirect_uri: 'http://127.0.0.1:1/app/redirect.html' });

    const preflight = await fetch(`${base}/token`, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:1',
      'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-headers'), /content-type/);

    const first = await redeem();
    assert.equal(first.status, 200);
    assert.equal(first.cors, '*', 'a browser may read the answer of its cross-origin POST');
    assert.equal(decodeJwt(first.body.access_token).claims.aud, clientId, 'a token for the app, not for Partner Center');
    const wrongVerifier = await token({ grant_type: 'authorization_code', code: await signIn(), code_verifier: 'w'.repeat(50),
      redirect_uri: 'http://127.0.0.1:1/app/redirect.html' });
    assert.deepEqual([wrongVerifier.status, wrongVerifier.body.error_codes], [400, [501481]]);

    const renewed = await token({ grant_type: 'refresh_token', refresh_token: first.body.refresh_token });
    assert.equal(renewed.status, 200);
    e.advanceTime(23 * 3600_000);
    assert.equal((await token({ grant_type: 'refresh_token', refresh_token: renewed.body.refresh_token })).status, 200,
      'a renewal within the 24 hours');
    e.advanceTime(3600_000 + 1000);
    const expired = await token({ grant_type: 'refresh_token', refresh_token: renewed.body.refresh_token });
    assert.deepEqual([expired.status, expired.body.error, expired.body.error_codes, expired.body.suberror],
      [400, 'invalid_grant', [700084], 'bad_token'], 'renewals keep the first sign-in\'s 24 hours');

    const again = await redeem();
    e.revokeSignInSessions();
    const revoked = await token({ grant_type: 'refresh_token', refresh_token: again.body.refresh_token });
    assert.deepEqual([revoked.status, revoked.body.error_codes, revoked.body.suberror], [400, [50173], 'bad_token']);
    assert.equal((await redeem()).status, 200, 'a new sign-in works after the revocation');
  } finally {
    await e.close();
  }
});
