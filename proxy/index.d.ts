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

/** The kind of token a Partner Center call takes (the core's calls table). */
export type TokenKind = 'user' | 'app';

/** An MSAL network module (INetworkModule of @azure/msal-common), e.g. the emulator's. */
export interface NetworkClient {
  sendGetRequestAsync<T>(url: string, options?: { headers?: Record<string, string>; body?: string }, timeout?: number):
    Promise<{ headers: Record<string, string>; body: T; status: number }>;
  sendPostRequestAsync<T>(url: string, options?: { headers?: Record<string, string>; body?: string }):
    Promise<{ headers: Record<string, string>; body: T; status: number }>;
}

/** The app registration, as MSAL's confidential client takes it (the emulator's `em.identity` is one). */
export interface AppRegistration {
  /** https://login.microsoftonline.com/{tenantId}; or give tenantId. */
  authority?: string;
  tenantId?: string;
  clientId: string;
  clientSecret?: string;
  /** A certificate registered for the app: its SHA-256 thumbprint (hex) and private key (PEM). */
  clientCertificate?: { thumbprintSha256: string; privateKey: string };
  networkClient?: NetworkClient;
}

/** A limiter of sent requests: at most perMinute in windowMs (web/rate-limit.js, or createRedisRateLimiter). */
export interface RateLimiter {
  acquire(signal?: AbortSignal | null): Promise<() => void>;
  readonly perMinute: number;
  readonly windowMs: number;
  health?(): Promise<{ ok: boolean; store: string; error?: string }>;
}

export interface ProxyOptions {
  /** Where Partner Center is: https://api.partnercenter.microsoft.com, or an emulator's url. */
  upstream: string;
  /** The app registration: the proxy gets its tokens with MSAL (App-only and on behalf of the user). */
  auth?: AppRegistration;
  /** With auth: the signed-in user's own token for the app (from the dashboard's session), exchanged on behalf of the user. */
  userAssertion?(req: IncomingMessage): string | null | undefined | Promise<string | null | undefined>;
  /** Instead of auth: the backend's own token source, asked for the kind each call takes. */
  getToken?(options: { kind: TokenKind; refresh: boolean }): Promise<string>;
  /** The partner dashboard's own session check; the proxy refuses to run without one. */
  checkSession(req: IncomingMessage): boolean | Promise<boolean>;
  /** Paces what is sent: { perMinute, windowMs? } in this process, or a shared limiter (createRedisRateLimiter). */
  rateLimit?: { perMinute: number; windowMs?: number } | RateLimiter | null;
  /** Path prefix the proxy is mounted under, e.g. "/pc" (default ""). */
  prefix?: string;
  /** Largest request body forwarded (default 65536 bytes). */
  maxBodyBytes?: number;
  /** Upstream timeout (default 30000 ms). */
  timeoutMs?: number;
}

export interface ProxyHealth {
  ok: boolean;
  rateLimit: { ok: boolean; store: string; error?: string };
}

export interface ProxyHandler {
  (req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** What GET {prefix}/health answers (200 when ok, else 503). */
  health(): Promise<ProxyHealth>;
}

/** The dashboard's sign-in as its page sends it (Authorization: Bearer, the user's token for the app from Entra). */
export interface BearerSignIn {
  /** The bearer token of the request, for the on-behalf-of exchange. */
  userAssertion(req: IncomingMessage): string | undefined;
  /** The token's claims when Entra signed it for this app and tenant and it is current, else null. */
  claimsOf(req: IncomingMessage): Promise<Record<string, unknown> | null>;
  /** True when claimsOf finds a valid sign-in. */
  checkSession(req: IncomingMessage): Promise<boolean>;
}
/** Checks the page's bearer token against the tenant's keys (its JWKS, through networkClient when given). */
export function createBearerSignIn(auth: Pick<AppRegistration, 'authority' | 'tenantId' | 'clientId' | 'networkClient'>): BearerSignIn;

export const ALLOWLIST: ReadonlyArray<readonly [string, RegExp, readonly string[]]>;

export function createProxy(options: ProxyOptions): ProxyHandler;

export function startProxy(options: ProxyOptions & { port?: number; host?: string }):
  Promise<{ url: string; close(): Promise<void> }>;

export interface RedisRateLimiterOptions {
  /** redis://127.0.0.1:6379 (or give client, an ioredis instance). */
  url?: string;
  client?: unknown;
  perMinute: number;
  /** Default 60000. */
  windowMs?: number;
  /** The Redis key of the shared window (default "mca-attest:rate-limit"); one per partner tenant. */
  key?: string;
  /** How long a slot of a request in flight is held at most (default 120000 ms). */
  holdMs?: number;
}

/** A limiter several proxy instances share through Redis; Redis unreachable: acquire rejects and health says so. */
export function createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter & {
  readonly store: 'redis';
  health(): Promise<{ ok: boolean; store: 'redis'; error?: string }>;
  close(): Promise<void>;
};

/** MSAL's tokens for a backend: App-only by client credentials, App+User on behalf of a user. */
export function createTokenSource(auth: AppRegistration): {
  readonly clientId: string;
  app(options?: { refresh?: boolean }): Promise<string>;
  user(assertion: string, options?: { refresh?: boolean }): Promise<string>;
};
