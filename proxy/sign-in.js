/**
 * The dashboard's sign-in as its page sends it: `Authorization: Bearer` with
 * the user's own token for the app, from Entra through msal-browser
 * (docs/deployment.md, "MSAL in the browser"). `checkSession(req)` accepts it
 * only when Entra signed it (RS256, a key of the tenant's JWKS), for this app
 * (`aud` the client id or `api://{client id}`), from this tenant (`iss`,
 * `tid`) and current (`nbf`, `exp`); `userAssertion(req)` hands the same
 * token to the on-behalf-of exchange.
 *
 *   const signIn = createBearerSignIn(auth);
 *   createProxy({ upstream, auth, userAssertion: signIn.userAssertion, checkSession: signIn.checkSession });
 */
import { createPublicKey, verify } from 'node:crypto';
import { ENTRA_HOST as ENTRA } from './network-client.js';

const BEARER = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/;
/** How far ahead of this machine's clock Entra's may run (nbf). */
const SKEW_SECONDS = 300;

const part = (text) => JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));

/** @param {import('./index.js').AppRegistration} auth */
export function createBearerSignIn({ authority, tenantId, clientId, networkClient } = {}) {
  const tid = tenantId ?? (authority ? new URL(authority).pathname.split('/')[1] : undefined);
  if (!tid || !clientId) throw new TypeError('createBearerSignIn needs clientId and tenantId (or authority)');
  const get = networkClient ? async (url) => (await networkClient.sendGetRequestAsync(url, {})).body
    : async (url) => (await fetch(url)).json();
  let keys = null;                                    // Promise<Map kid → KeyObject>
  const load = async () => {
    const config = await get(`${ENTRA}/${tid}/v2.0/.well-known/openid-configuration`);
    const { keys: jwks } = await get(config.jwks_uri);
    return new Map(jwks.filter((k) => k.kty === 'RSA').map((k) => [k.kid, createPublicKey({ key: k, format: 'jwk' })]));
  };
  async function keyOf(kid) {
    keys ??= load().catch((e) => { keys = null; throw e; });
    if (!(await keys).has(kid)) keys = load();       // Entra rolled its keys over: read them once more
    return (await keys).get(kid) ?? null;
  }
  const userAssertion = (req) => BEARER.exec(req.headers.authorization ?? '')?.[1];

  /** The claims of the request's sign-in, or null when there is none or it is not valid. */
  async function claimsOf(req) {
    const token = userAssertion(req);
    if (!token) return null;
    const [h, p, s] = token.split('.');
    let header;
    let claims;
    try { header = part(h); claims = part(p); } catch { return null; }
    if (header?.alg !== 'RS256' || typeof header.kid !== 'string') return null;
    const key = await keyOf(header.kid);
    if (!key || !verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'))) return null;
    const t = Date.now() / 1000;
    const current = typeof claims.exp === 'number' && claims.exp > t && (claims.nbf ?? 0) <= t + SKEW_SECONDS;
    const ours = claims.iss === `${ENTRA}/${tid}/v2.0` && claims.tid === tid
      && (claims.aud === clientId || claims.aud === `api://${clientId}`);
    return current && ours ? claims : null;
  }

  return Object.freeze({
    userAssertion,
    claimsOf,
    checkSession: async (req) => (await claimsOf(req)) !== null,
  });
}
