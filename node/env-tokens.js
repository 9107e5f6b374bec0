/**
 * The command's tokens, from the environment only (never the command line):
 *   MCA_TOKEN       an App+User token: the reads and the classic confirmation
 *   MCA_APP_TOKEN   an App-only token: the enhanced attestation's writes
 *   MCA_TENANT_ID, MCA_CLIENT_ID with MCA_CLIENT_SECRET or MCA_CLIENT_CERTIFICATE
 *                   (a PEM file with the certificate and its key): the app
 *                   registration, for MSAL to get the App-only token itself
 *   MCA_AUTHORITY_HOST  Entra's host (default https://login.microsoftonline.com);
 *                   an http address on this machine (a local emulator) is
 *                   reached through MSAL's network client
 * Which kind each call takes comes from the core's calls table.
 */
import { readFileSync } from 'node:fs';
import { ENTRA_HOST, redirectingNetworkClient } from '../proxy/network-client.js';

const APP_SOURCES = 'MCA_APP_TOKEN, or MCA_TENANT_ID, MCA_CLIENT_ID and MCA_CLIENT_SECRET (or MCA_CLIENT_CERTIFICATE) for MSAL';
const SOURCES = { user: 'MCA_TOKEN', app: APP_SOURCES };
const KIND_NAMES = { user: 'an App+User token', app: 'an App-only token' };

/** Said on stderr when the environment holds no token at all. */
export const NO_TOKEN_NOTE = 'No token is set (MCA_TOKEN, MCA_APP_TOKEN): requests are sent without one (for a backend that adds it).\n';

/** A usage error of the environment: what is missing or wrong, said before anything is sent. */
export class TokenSetupError extends Error {}

async function msalSource(env) {
  const { MCA_TENANT_ID: tenantId, MCA_CLIENT_ID: clientId, MCA_CLIENT_SECRET: clientSecret,
    MCA_CLIENT_CERTIFICATE: certificatePath } = env;
  if (!tenantId && !clientId) return null;
  if (!tenantId || !clientId) throw new TokenSetupError('MCA_TENANT_ID and MCA_CLIENT_ID are both needed for MSAL.');
  if (!clientSecret && !certificatePath) throw new TokenSetupError('MSAL needs MCA_CLIENT_SECRET or MCA_CLIENT_CERTIFICATE (a PEM file).');
  const { createTokenSource, certificateFromPem } = await import('../proxy/msal.js');
  let clientCertificate;
  if (!clientSecret) {
    let pem;
    try { pem = readFileSync(certificatePath, 'utf8'); } catch (e) { throw new TokenSetupError(`cannot read MCA_CLIENT_CERTIFICATE: ${e.code ?? e.message}`); }
    try { clientCertificate = certificateFromPem(pem); } catch (e) { throw new TokenSetupError(`MCA_CLIENT_CERTIFICATE: ${e.message}`); }
  }
  const host = (env.MCA_AUTHORITY_HOST || ENTRA_HOST).replace(/\/+$/, '');
  const local = /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(host);
  if (!local && !host.startsWith('https://')) throw new TokenSetupError('MCA_AUTHORITY_HOST must be https (or http on this machine).');
  const source = createTokenSource({ authority: `${local ? ENTRA_HOST : host}/${tenantId}`, clientId,
    ...(clientSecret ? { clientSecret } : { clientCertificate }), ...(local ? { networkClient: redirectingNetworkClient(host) } : {}) });
  // Asked once now (MSAL caches it): a wrong secret or certificate stops the run before anything is sent.
  try { await source.app(); } catch (e) { throw new TokenSetupError(`${e.message}. Nothing was sent.`); }
  return ({ refresh }) => source.app({ refresh });
}

/**
 * The client's getToken for a run of `flow` (or of the calls named in
 * `uses`, for `purpose`), or undefined when the environment holds no token
 * at all (a backend adds it). Throws TokenSetupError when a kind those
 * calls take has no source.
 */
export async function tokensFromEnv(env, { calls, flow = null, uses = null, purpose = `the ${flow} flow` }) {
  const user = env.MCA_TOKEN || null;
  const app = env.MCA_APP_TOKEN || null;
  const sources = { user: user ? async () => user : null, app: app ? async () => app : await msalSource(env) };
  if (!sources.user && !sources.app) return undefined;
  const needed = new Map();
  for (const [name, call] of Object.entries(calls)) {
    if (uses ? !uses.includes(name) : !call.flows.includes(flow)) continue;
    needed.set(call.token, [...(needed.get(call.token) ?? []), name]);
  }
  for (const [kind, names] of needed) {
    if (sources[kind]) continue;
    throw new TokenSetupError(`${purpose}'s ${names.join(', ')} take ${KIND_NAMES[kind]}: set ${SOURCES[kind]}. `
      + 'Nothing was sent.');
  }
  return ({ kind, refresh }) => sources[kind]({ refresh });
}
