/**
 * An MSAL network client (INetworkModule) that sends what MSAL addresses to
 * Entra's host (https://login.microsoftonline.com) to another base URL: a
 * local emulator, while the authority MSAL checks stays Entra's. Any other
 * host is refused, so a token request never goes anywhere else.
 */
export const ENTRA_HOST = 'https://login.microsoftonline.com';

export function redirectingNetworkClient(baseUrl) {
  const base = String(baseUrl).replace(/\/+$/, '');
  const target = (url) => {
    const u = new URL(url);
    if (u.origin !== ENTRA_HOST) throw new Error(`this network client reaches ${ENTRA_HOST} only, not ${u.origin}`);
    return `${base}${u.pathname}${u.search}`;
  };
  async function send(url, method, options = {}) {
    const response = await fetch(target(url), { method, headers: options.headers ?? {},
      ...(method === 'POST' ? { body: options.body ?? '' } : {}) });
    const headers = {};
    response.headers.forEach((v, k) => { headers[k] = v; });
    return { headers, body: await response.json(), status: response.status };
  }
  return Object.freeze({
    sendGetRequestAsync: (url, options) => send(url, 'GET', options),
    sendPostRequestAsync: (url, options) => send(url, 'POST', options),
  });
}
