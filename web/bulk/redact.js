/**
 * Keeps secrets out of what the bulk flow writes to disk (journal, evidence):
 * members named like a credential are dropped and bearer tokens or JWTs in
 * any string are replaced. The caller's object is not changed.
 */
const SECRET_KEY = /^(authorization|proxy-authorization|cookie|set-cookie|token|access_?token|refresh_?token|id_?token|bearer|client_?secret|secret|password|api_?key|gettoken)$/i;
const BEARER = /\bBearer\s+[A-Za-z0-9\-._~+/]+=*/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

/** A deep copy of value without credentials (functions are dropped too). */
export function redact(value, depth = 0) {
  if (depth > 64) return '[too deep]';
  if (typeof value === 'string') return value.replace(BEARER, 'Bearer [redacted]').replace(JWT, '[redacted]');
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1) ?? null);
  const out = {};
  for (const [key, item] of Object.entries(value)) {
    if (SECRET_KEY.test(key) || typeof item === 'function') continue;
    const clean = redact(item, depth + 1);
    if (clean !== undefined) out[key] = clean;
  }
  return out;
}
