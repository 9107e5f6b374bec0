/**
 * JSON Web Tokens signed with RS256, as Microsoft Entra ID issues them, with
 * node:crypto alone: sign, read without trusting, and verify against a key.
 */
import { constants, createPublicKey, createSign, verify } from 'node:crypto';

const b64 = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A signed token: header { alg: RS256, typ: JWT, ...extra } and the claims. */
export function signJwt(claims, privateKey, header = {}) {
  const head = b64({ typ: 'JWT', alg: 'RS256', ...header });
  const body = b64(claims);
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(privateKey).toString('base64url');
  return `${head}.${body}.${signature}`;
}

/** { header, claims, signed, signature } of a token's three parts, or null when it is not a JWT. */
export function decodeJwt(token) {
  if (typeof token !== 'string') return null;
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[\w-]*$/.test(p))) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (!header || typeof header !== 'object' || !claims || typeof claims !== 'object') return null;
    return { header, claims, signed: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url') };
  } catch {
    return null;
  }
}

/**
 * True when the decoded token is signed by the key (a KeyObject or PEM) with
 * one of the algorithms: RS256 (Entra's tokens) or PS256 (MSAL's certificate
 * assertions with a SHA-256 thumbprint).
 */
export function verifySignature(decoded, publicKey, algorithms = ['RS256']) {
  if (!decoded || !algorithms.includes(decoded.header.alg)) return false;
  try {
    const data = Buffer.from(decoded.signed);
    if (decoded.header.alg === 'PS256') {
      return verify('sha256', data, { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: constants.RSA_PSS_SALTLEN_DIGEST }, decoded.signature);
    }
    return verify('sha256', data, publicKey, decoded.signature);
  } catch {
    return false;
  }
}

/** The public key as a JSON Web Key (for the JWKS endpoint). */
export function publicJwk(publicKey, kid) {
  const jwk = (typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey).export({ format: 'jwk' });
  return { kty: 'RSA', use: 'sig', alg: 'RS256', kid, n: jwk.n, e: jwk.e };
}
