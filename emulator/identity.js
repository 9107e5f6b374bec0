/**
 * The emulator as Microsoft Entra ID: one partner tenant with one registered
 * app (client id, secret, certificates), the OpenID discovery documents, a
 * JWKS and the token endpoint, issuing RS256 JWTs as Entra does for Partner
 * Center: App-only (client credentials, `idtyp: app`) and App+User (on
 * behalf of a user's sign-in, by authorization code or refresh token,
 * `idtyp: user`, `amr` with `mfa` when the user used it).
 *
 * Paths are Entra's, under the emulator's URL: /{tenant}/oauth2/v2.0/token,
 * /{tenant}/oauth2/v2.0/authorize, /{tenant}/v2.0/.well-known/openid-configuration,
 * /{tenant}/discovery/v2.0/keys, /common/discovery/instance. The documents name
 * the real host (login.microsoftonline.com): an MSAL client keeps that authority
 * and reaches the emulator through `networkClient`.
 */
import { createHash, generateKeyPairSync, randomBytes, randomUUID, X509Certificate } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decodeJwt, publicJwk, signJwt, verifySignature } from './jwt.js';
export { redirectingNetworkClient as emulatorNetworkClient } from '../proxy/network-client.js';

export const ENTRA_HOST = 'https://login.microsoftonline.com';
export const PARTNER_CENTER_AUDIENCE = 'https://api.partnercenter.microsoft.com';
const APP_SCOPE = `${PARTNER_CENTER_AUDIENCE}/.default`;
const USER_SCOPE = `${PARTNER_CENTER_AUDIENCE}/user_impersonation`;
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const OBO_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const CODE_TTL_MS = 5 * 60_000;
/** Entra's refresh token lifetimes: fixed 24 hours for a single-page app (a public client in a browser), else 90 days. */
const SPA_REFRESH_TTL_MS = 24 * 3600_000;
const REFRESH_TTL_MS = 90 * 24 * 3600_000;
const PATH = /^\/([\w.-]+)\/(oauth2\/v2\.0\/token|oauth2\/v2\.0\/authorize|v2\.0\/\.well-known\/openid-configuration|discovery\/v2\.0\/keys)$/;

/**
 * OAuth errors as Entra answers them (AADSTS numbers as published); a refresh
 * token refused for good carries Entra's `suberror: bad_token` (MSAL: interaction required).
 */
const OAUTH = {
  invalidClient: [401, 'invalid_client', 7000215, 'Invalid client secret provided.'],
  unknownClient: [400, 'unauthorized_client', 700016, 'Application not found in the directory.'],
  badAssertion: [401, 'invalid_client', 700027, 'The client assertion failed signature validation.'],
  unknownCertificate: [401, 'invalid_client', 700027, 'The certificate with this thumbprint is not registered for the application.'],
  badGrant: [400, 'invalid_grant', 50013, 'The assertion is not valid: its signature, audience or expiry failed validation.'],
  expiredGrant: [400, 'invalid_grant', 500133, 'The assertion is not within its valid time range.'],
  badCode: [400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired or is not valid.'],
  revokedGrant: [400, 'invalid_grant', 50173, 'The provided grant has expired due to it being revoked, a fresh auth token is needed.', 'bad_token'],
  spaRefreshExpired: [400, 'invalid_grant', 700084, 'The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which can\'t be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page.', 'bad_token'],
  badVerifier: [400, 'invalid_grant', 501481, 'The code_verifier does not match the code_challenge supplied in the authorization request.'],
  badScope: [400, 'invalid_scope', 70011, 'The provided scope is not valid for this grant.'],
  unsupported: [400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.'],
  unknownTenant: [400, 'invalid_request', 90002, 'Tenant not found.'],
};

function oauthError(name) {
  const [status, error, code, text, suberror] = OAUTH[name];
  return { status, body: { error, error_description: `AADSTS${code}: ${text}`, error_codes: [code], ...(suberror ? { suberror } : {}),
    timestamp: new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z'), trace_id: randomUUID(), correlation_id: randomUUID() } };
}

const seconds = (ms) => Math.floor(ms / 1000);

/**
 * @param {{ now: () => number, tenantId?: string, clientId?: string, tokenLifetimeSeconds?: number,
 *   signIn?: { mfa?: boolean } }} options
 */
export function createIdentity({ now, tenantId = randomUUID(), clientId = randomUUID(), tokenLifetimeSeconds = 3600,
  signIn = {} }) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64url').slice(0, 27);
  const clientSecret = `emu~${randomBytes(24).toString('base64url')}`;
  const certificates = [];               // { sha256, sha1, publicKey }
  const revoked = new Set();             // jti
  const codes = new Map();               // code → { redirectUri, challenge, scope, nonce, mfa, expiresAt }
  const refreshTokens = new Map();       // refresh token → { scope, mfa, spa, expiresAt }
  const user = { oid: randomUUID(), name: 'Partner Admin', preferred_username: 'admin@partner.example' };
  const stats = { tokenRequests: 0, byGrant: {} };
  const issuer = (tid) => `${ENTRA_HOST}/${tid}/v2.0`;

  function claimsBase({ tid = tenantId, audience, lifetimeMs }) {
    const t = seconds(now());
    return { aud: audience, iss: issuer(tid), iat: t, nbf: t - 1, exp: t + seconds(lifetimeMs), tid, jti: randomUUID(), ver: '2.0' };
  }

  /** An access token: kind 'app' (App-only) or 'user' (App+User, with mfa). */
  function issue({ kind = 'user', mfa = true, partnerId, expiresInMs = tokenLifetimeSeconds * 1000,
    audience = PARTNER_CENTER_AUDIENCE } = {}) {
    if (kind !== 'app' && kind !== 'user') throw new TypeError("issueToken: kind is 'app' or 'user'");
    const claims = { ...claimsBase({ tid: partnerId ?? tenantId, audience, lifetimeMs: expiresInMs }),
      azp: clientId, appid: clientId, idtyp: kind };
    if (kind === 'app') Object.assign(claims, { sub: user.oid.replace(/^./, 'a'), oid: clientId, roles: [] });
    else Object.assign(claims, { sub: user.oid, oid: user.oid, scp: 'user_impersonation',
      amr: mfa ? ['pwd', 'mfa'] : ['pwd'], name: user.name, preferred_username: user.preferred_username });
    return signJwt(claims, privateKey, { kid });
  }

  /** A user's sign-in token for the app itself (aud: its client id): what a backend exchanges on behalf of the user. */
  function issueUserAssertion({ mfa = true, expiresInMs = tokenLifetimeSeconds * 1000 } = {}) {
    return issue({ kind: 'user', mfa, expiresInMs, audience: clientId });
  }

  /**
   * Checks a token of this identity: { claims } or { error } with the name of
   * an ERRORS row ('unauthenticated', 'wrongAudience').
   */
  function verify(token, audience = PARTNER_CENTER_AUDIENCE) {
    const decoded = decodeJwt(token);
    if (!decoded || decoded.header.kid !== kid || !verifySignature(decoded, publicKey)) return { error: 'unauthenticated' };
    const { claims } = decoded;
    if (revoked.has(claims.jti) || typeof claims.exp !== 'number' || claims.exp * 1000 <= now()) return { error: 'unauthenticated' };
    if (claims.aud !== audience) return { error: 'wrongAudience' };
    if (claims.idtyp !== 'app' && claims.idtyp !== 'user') return { error: 'unauthenticated' };
    return { claims };
  }

  function revoke(token) {
    const decoded = decodeJwt(token);
    if (decoded?.claims?.jti) revoked.add(decoded.claims.jti);
  }

  /** Revokes the user's sign-in sessions (Microsoft Graph's revokeSignInSessions): each refresh token held is refused. */
  function revokeSignInSessions() {
    for (const held of refreshTokens.values()) held.revoked = true;
  }

  /** Registers a certificate (PEM) for client assertions; returns its SHA-256 thumbprint (hex). */
  function addCertificate(pem) {
    const cert = new X509Certificate(pem);
    const entry = { sha256: cert.fingerprint256.replaceAll(':', ''), sha1: cert.fingerprint.replaceAll(':', ''), publicKey: cert.publicKey };
    certificates.push(entry);
    return entry.sha256;
  }

  /** Makes a self-signed certificate (openssl) for a new key and registers it for the app. */
  async function createCertificate() {
    const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    const dir = await mkdtemp(join(tmpdir(), 'mca-emulator-cert-'));
    try {
      await writeFile(join(dir, 'key.pem'), key, { mode: 0o600 });
      await promisify(execFile)('openssl', ['req', '-new', '-x509', '-key', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
        '-subj', '/CN=mca-attest emulator app', '-days', '2']);
      const certificate = await readFile(join(dir, 'cert.pem'), 'utf8');
      return { certificate, privateKey: key, thumbprintSha256: addCertificate(certificate) };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** The client's own authentication (secret or certificate assertion): null when it passes, else an error answer. */
  function authenticateClient(form, tid) {
    if (form.get('client_id') !== clientId) return oauthError('unknownClient');
    if (form.has('client_secret')) return form.get('client_secret') === clientSecret ? null : oauthError('invalidClient');
    if (form.get('client_assertion_type') !== ASSERTION_TYPE) return oauthError('invalidClient');
    const decoded = decodeJwt(form.get('client_assertion'));
    if (!decoded) return oauthError('badAssertion');
    const s256 = decoded.header['x5t#S256'] ? Buffer.from(decoded.header['x5t#S256'], 'base64url').toString('hex').toUpperCase() : null;
    const s1 = decoded.header.x5t ? Buffer.from(decoded.header.x5t, 'base64url').toString('hex').toUpperCase() : null;
    const cert = certificates.find((c) => c.sha256 === s256 || c.sha1 === s1);
    if (!cert) return oauthError('unknownCertificate');
    const c = decoded.claims;
    const audOk = c.aud === `${ENTRA_HOST}/${tid}/oauth2/v2.0/token` || c.aud === `${ENTRA_HOST}/${tenantId}/oauth2/v2.0/token`;
    if (!verifySignature(decoded, cert.publicKey, ['RS256', 'PS256']) || c.iss !== clientId || c.sub !== clientId || !audOk
      || typeof c.exp !== 'number' || c.exp * 1000 <= now()) return oauthError('badAssertion');
    return null;
  }

  function tokenAnswer(accessToken, scope, extra = {}) {
    return { status: 200, body: { token_type: 'Bearer', scope, expires_in: tokenLifetimeSeconds,
      ext_expires_in: tokenLifetimeSeconds, access_token: accessToken, ...extra } };
  }

  /**
   * The answer for a user: access token for Partner Center (or the app itself), id token, refresh token
   * (`spa`: to a public client, a browser, for 24 hours; a renewal keeps the first one's end, as Entra's does).
   */
  function userAnswer(scope, mfa, { nonce, spa = false, expiresAt = now() + (spa ? SPA_REFRESH_TTL_MS : REFRESH_TTL_MS) } = {}) {
    const toPartnerCenter = scope.includes(`${PARTNER_CENTER_AUDIENCE}/`);
    const access = issue({ kind: 'user', mfa, audience: toPartnerCenter ? PARTNER_CENTER_AUDIENCE : clientId });
    const refresh = `emu.rt.${randomBytes(24).toString('base64url')}`;
    refreshTokens.set(refresh, { scope, mfa, spa, expiresAt });
    const id = signJwt({ ...claimsBase({ audience: clientId, lifetimeMs: tokenLifetimeSeconds * 1000 }), sub: user.oid,
      oid: user.oid, name: user.name, preferred_username: user.preferred_username, ...(nonce ? { nonce } : {}) }, privateKey, { kid });
    const clientInfo = Buffer.from(JSON.stringify({ uid: user.oid, utid: tenantId })).toString('base64url');
    return tokenAnswer(access, scope, { refresh_token: refresh, id_token: id, client_info: clientInfo });
  }

  const grants = {
    client_credentials(form) {
      if (form.get('scope') !== APP_SCOPE) return oauthError('badScope');
      return tokenAnswer(issue({ kind: 'app' }), APP_SCOPE);
    },
    [OBO_GRANT](form) {
      if (form.get('requested_token_use') !== 'on_behalf_of') return oauthError('unsupported');
      const scope = form.get('scope') ?? '';
      if (!scope.split(' ').includes(USER_SCOPE)) return oauthError('badScope');
      const checked = verify(form.get('assertion'), clientId);
      if (checked.error) {
        const decoded = decodeJwt(form.get('assertion'));
        return oauthError(decoded && decoded.claims.exp * 1000 <= now() ? 'expiredGrant' : 'badGrant');
      }
      if (checked.claims.idtyp !== 'user') return oauthError('badGrant');
      return userAnswer(scope, checked.claims.amr?.includes('mfa') === true);
    },
    authorization_code(form, spa) {
      const code = codes.get(form.get('code'));
      codes.delete(form.get('code'));
      if (!code || code.expiresAt <= now() || code.redirectUri !== form.get('redirect_uri')) return oauthError('badCode');
      const verifier = form.get('code_verifier') ?? '';
      if (code.challenge && createHash('sha256').update(verifier).digest('base64url') !== code.challenge) return oauthError('badVerifier');
      return userAnswer(form.get('scope') ?? code.scope, code.mfa, { nonce: code.nonce, spa });
    },
    refresh_token(form) {
      const held = refreshTokens.get(form.get('refresh_token'));
      if (!held) return oauthError('badCode');
      if (held.revoked) return oauthError('revokedGrant');
      if (held.expiresAt <= now()) return oauthError(held.spa ? 'spaRefreshExpired' : 'badCode');
      return userAnswer(form.get('scope') ?? held.scope, held.mfa, { spa: held.spa, expiresAt: held.expiresAt });
    },
  };

  /** Public clients (a browser app) authenticate with PKCE, confidential ones with a secret or certificate. */
  const PUBLIC_GRANTS = new Set(['authorization_code', 'refresh_token']);

  function token(form, tid) {
    stats.tokenRequests += 1;
    const grant = form.get('grant_type') ?? '';
    stats.byGrant[grant] = (stats.byGrant[grant] ?? 0) + 1;
    if (!Object.hasOwn(grants, grant)) return oauthError('unsupported');
    const confidential = form.has('client_secret') || form.has('client_assertion');
    if (!PUBLIC_GRANTS.has(grant) || confidential) {
      const refused = authenticateClient(form, tid);
      if (refused) return refused;
    } else if (form.get('client_id') !== clientId) return oauthError('unknownClient');
    return grants[grant](form, !confidential);
  }

  /** Signs the emulator's user in at once (no page) and sends the browser back with a code. */
  function authorize(query) {
    if (query.get('client_id') !== clientId) return oauthError('unknownClient');
    const redirectUri = query.get('redirect_uri');
    if (!redirectUri || !/^https?:\/\//.test(redirectUri)) return oauthError('badCode');
    const code = `emu.code.${randomBytes(24).toString('base64url')}`;
    codes.set(code, { redirectUri, challenge: query.get('code_challenge'), scope: query.get('scope') ?? '',
      nonce: query.get('nonce'), mfa: signIn.mfa !== false, expiresAt: now() + CODE_TTL_MS });
    const params = new URLSearchParams({ code, state: query.get('state') ?? '',
      client_info: Buffer.from(JSON.stringify({ uid: user.oid, utid: tenantId })).toString('base64url') });
    const separator = query.get('response_mode') === 'query' ? '?' : '#';
    return { status: 302, headers: { location: `${redirectUri}${separator}${params}` }, text: '', type: 'text/plain' };
  }

  function openidConfiguration(tid) {
    const base = `${ENTRA_HOST}/${tid}`;
    return { status: 200, body: { issuer: issuer(tid), authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`, jwks_uri: `${base}/discovery/v2.0/keys`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`, response_types_supported: ['code', 'id_token', 'code id_token'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      id_token_signing_alg_values_supported: ['RS256'], subject_types_supported: ['pairwise'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'], tenant_region_scope: 'EU', cloud_instance_name: 'microsoftonline.com' } };
  }

  function instanceDiscovery() {
    return { status: 200, body: { tenant_discovery_endpoint: `${ENTRA_HOST}/${tenantId}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1', metadata: [{ preferred_network: 'login.microsoftonline.com', preferred_cache: 'login.windows.net',
        aliases: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'] }] } };
  }

  /** The answer for an identity path, or null when the path is not one (a Partner Center path). */
  function handle(method, url, rawBody) {
    if (url.pathname === '/common/discovery/instance' && method === 'GET') return cors(instanceDiscovery());
    const m = PATH.exec(url.pathname);
    if (!m) return null;
    const tid = ['common', 'organizations'].includes(m[1]) ? tenantId : m[1];
    if (tid !== tenantId) return cors(oauthError('unknownTenant'));
    if (m[2] === 'discovery/v2.0/keys') return cors({ status: 200, body: { keys: [publicJwk(publicKey, kid)] } });
    if (m[2].endsWith('openid-configuration')) return cors(openidConfiguration(tenantId));
    if (m[2].endsWith('authorize')) return authorize(url.searchParams);
    if (method === 'OPTIONS') return cors({ status: 204, text: '', type: 'text/plain' });
    if (method !== 'POST') return cors(oauthError('unsupported'));
    return cors(token(new URLSearchParams(rawBody ?? ''), tid));
  }

  return { tenantId, clientId, clientSecret, issue, issueUserAssertion, verify, revoke, revokeSignInSessions, addCertificate, createCertificate,
    handle, stats: () => ({ tokenRequests: stats.tokenRequests, byGrant: { ...stats.byGrant } }) };
}

/** A browser app calls the token endpoint from its own origin (Entra allows it for single-page apps). */
function cors(result) {
  return { ...result, headers: { ...(result.headers ?? {}), 'access-control-allow-origin': '*',
    'access-control-allow-headers': 'content-type, client-request-id, x-client-sku, x-client-ver, x-client-os, x-client-cpu, x-app-name, x-app-ver, x-ms-lib-capability',
    'access-control-expose-headers': 'x-ms-request-id, x-ms-clitelem' } };
}

