// Types of the reference backend proxy (mca-attest/proxy).
// Node's http types are described structurally, so no @types/node is needed.

/** The part of node:http's IncomingMessage the session check may read. */
export interface IncomingMessage {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}
/** node:http's ServerResponse (opaque here). */
export interface ServerResponse {
  writeHead(status: number, headers?: Record<string, string | number>): unknown;
  end(chunk?: string): unknown;
}

export interface ProxyOptions {
  /** Where Partner Center is: https://api.partnercenter.microsoft.com, or an emulator's url. */
  upstream: string;
  /** The backend's own token source (client credentials, or an App+User token it holds). */
  getToken(options: { refresh: boolean }): Promise<string>;
  /** The partner dashboard's own session check; the proxy refuses to run without one. */
  checkSession(req: IncomingMessage): boolean | Promise<boolean>;
  /** Path prefix the proxy is mounted under, e.g. "/pc" (default ""). */
  prefix?: string;
  /** Largest request body forwarded (default 65536 bytes). */
  maxBodyBytes?: number;
  /** Upstream timeout (default 30000 ms). */
  timeoutMs?: number;
}

export const ALLOWLIST: ReadonlyArray<readonly [string, RegExp, readonly string[]]>;

export function createProxy(options: ProxyOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function startProxy(options: ProxyOptions & { port?: number; host?: string }):
  Promise<{ url: string; close(): Promise<void> }>;
