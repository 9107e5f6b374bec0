/**
 * McaError: every error the library throws. It carries a stable `code`
 * (and, for Partner Center failures, the fields of core.explainError).
 */
export class McaError extends Error {
  /**
   * @param {import('./index.js').McaErrorFields} fields
   * @param {{ cause?: unknown }} [options]
   */
  constructor(fields, options) {
    super(fields.message || fields.code, options);
    this.name = 'McaError';
    this.code = fields.code;
    this.status = fields.status ?? null;
    this.serviceCode = fields.serviceCode ?? null;
    this.retryable = fields.retryable ?? false;
    this.outcome = fields.outcome ?? null;
    this.retryAfterMs = fields.retryAfterMs ?? null;
    this.action = fields.action ?? null;
    this.requestId = fields.requestId ?? null;
    this.correlationId = fields.correlationId ?? null;
    this.detail = fields.detail ?? null;
    this.errors = fields.errors ?? [];
  }
}
