/**
 * Partner Center tokens for a backend through MSAL (@azure/msal-node): an
 * App-only token by client credentials (the app's secret or certificate) and
 * App+User tokens on behalf of a signed-in user (that user's own token for the
 * app, exchanged). MSAL keeps each in its in-memory cache until shortly before
 * it expires; `refresh: true` skips the cache (after a 401).
 *
 *   const tokens = createTokenSource({ tenantId, clientId, clientSecret });
 *   await tokens.app();                 // App-only
 *   await tokens.user(userAssertion);   // App+User
 */
import { ConfidentialClientApplication } from '@azure/msal-node';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { ENTRA_HOST as ENTRA } from './network-client.js';

export const PARTNER_CENTER_SCOPES = Object.freeze({
  app: Object.freeze(['https://api.partnercenter.microsoft.com/.default']),
  user: Object.freeze(['https://api.partnercenter.microsoft.com/user_impersonation']),
});

/**
 * A token failure: `signInAgain` when the user's own token was refused (expired,
 * revoked, not for this app): the dashboard must sign the user in again.
 */
export class TokenError extends Error {
  constructor(message, { signInAgain = false, cause } = {}) {
    super(message, { cause });
    this.name = 'TokenError';
    this.signInAgain = signInAgain;
  }
}

/**
 * The registered app as MSAL takes it: { authority | tenantId, clientId,
 * clientSecret | clientCertificate: { thumbprintSha256, privateKey }, networkClient? }.
 */
export function createTokenSource(auth) {
  if (!auth || typeof auth !== 'object') throw new TypeError('auth: the app registration ({ tenantId, clientId, clientSecret })');
  const { clientId, clientSecret, clientCertificate, networkClient } = auth;
  const authority = auth.authority ?? (auth.tenantId ? `${ENTRA}/${auth.tenantId}` : null);
  if (!authority || !clientId) throw new TypeError('auth needs clientId and tenantId (or authority)');
  if (!clientSecret && !clientCertificate) throw new TypeError('auth needs clientSecret or clientCertificate');
  const app = new ConfidentialClientApplication({
    auth: { clientId, authority, ...(clientSecret ? { clientSecret } : { clientCertificate }) },
    system: { ...(networkClient ? { networkClient } : {}), loggerOptions: { piiLoggingEnabled: false, logLevel: 0 } },
  });
  // Requests that ask at the same moment share one answer: MSAL's cache fills
  // only when the first answer arrives, and a burst must not ask Entra once each.
  const inFlight = new Map();
  function once(key, ask) {
    if (inFlight.has(key)) return inFlight.get(key);
    const p = ask().finally(() => inFlight.delete(key));
    inFlight.set(key, p);
    return p;
  }
  return Object.freeze({
    clientId,
    /** An App-only token (client credentials). */
    app({ refresh = false } = {}) {
      return once(`app ${refresh}`, async () => {
        try {
          const r = await app.acquireTokenByClientCredential({ scopes: [...PARTNER_CENTER_SCOPES.app], skipCache: refresh });
          return r.accessToken;
        } catch (cause) {
          throw new TokenError(`App-only token refused: ${describe(cause)}`, { cause });
        }
      });
    },
    /** An App+User token on behalf of the user whose own token (for this app) is `assertion`. */
    async user(assertion, { refresh = false } = {}) {
      if (typeof assertion !== 'string' || assertion === '') throw new TokenError('No signed-in user: sign in again.', { signInAgain: true });
      return once(`user ${refresh} ${assertion}`, async () => {
        try {
          const r = await app.acquireTokenOnBehalfOf({ oboAssertion: assertion, scopes: [...PARTNER_CENTER_SCOPES.user], skipCache: refresh });
          return r.accessToken;
        } catch (cause) {
          throw new TokenError(`App+User token refused: ${describe(cause)}`, { cause, signInAgain: cause?.errorCode === 'invalid_grant' });
        }
      });
    },
  });
}

/** The OAuth error and its AADSTS code, never a token. */
function describe(error) {
  const code = Array.isArray(error?.errorNo) ? error.errorNo[0] : error?.errorNo;
  return `${error?.errorCode ?? error?.name ?? 'error'}${code ? ` (AADSTS${code})` : ''}`;
}

/**
 * { thumbprintSha256, privateKey } from a PEM file's text that holds the
 * certificate and its private key (as exported for an app registration).
 */
export function certificateFromPem(pem) {
  const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem);
  const key = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(pem);
  if (!cert || !key) throw new TypeError('the certificate file must hold the certificate and its private key (PEM)');
  const privateKey = createPrivateKey(key[0]).export({ type: 'pkcs8', format: 'pem' });
  return { thumbprintSha256: new X509Certificate(cert[0]).fingerprint256.replaceAll(':', ''), privateKey };
}
