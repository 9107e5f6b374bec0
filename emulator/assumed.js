/**
 * Every error the emulator answers with, in one table. `assumed` names what
 * Microsoft does not publish ('status', 'code' or both): the emulator picked
 * it. docs/emulator.md lists the same rows ("Assumed behaviour"); a test keeps
 * the two in step.
 */
export const SOURCE = 'PartnerEmulator';

export const ERRORS = Object.freeze({
  // Codes published by Microsoft (docs/emulator.md, "Assumed behaviour").
  dateInFuture: { status: 400, code: 600002, assumed: 'status', errorName: 'DateAgreedInFuture',
    description: 'dateAgreed is in the future. Send the time of acceptance in UTC.' },
  alreadyExists: { status: 409, code: 600061, assumed: 'status', errorName: 'PartnerConfirmedAgreementAlreadyExists',
    description: 'The same agreement confirmation already exists for this customer.' },
  noRelationship: { status: 403, code: 20002, assumed: '',
    description: 'The partner has no commerce relationship with the customer.' },
  mfaRequired: { status: 401, code: 900421, assumed: '',
    description: 'Multi-factor authentication is required: the user signed in without MFA.' },
  wrongAudience: { status: 401, code: 900420, assumed: 'code',
    description: 'The token is not for the Partner Center audience (https://api.partnercenter.microsoft.com).' },
  templateRetired: { status: 400, code: 600004, assumed: 'code',
    description: 'The template 998b88de-aa99-4388-a42c-1b3517d49490 is no longer supported. Use the Microsoft Customer Agreement template.' },
  // Picked by the emulator: Microsoft publishes neither status nor code.
  unauthenticated: { status: 401, code: 900401, assumed: 'status, code',
    description: 'Authentication failed: the bearer token is missing, not signed by the issuer, revoked or expired.' },
  appOnlyRequired: { status: 403, code: 900430, assumed: 'status, code',
    description: 'This operation supports App-only authentication only: send a token obtained by client credentials.' },
  userRequired: { status: 403, code: 900431, assumed: 'status, code',
    description: 'This operation needs App+User authentication: send a token obtained on behalf of a signed-in user.' },
  customerNotFound: { status: 404, code: 600008, assumed: 'status, code',
    description: 'The customer was not found, or the partner has no relationship with it.' },
  invalidBody: { status: 400, code: 600001, assumed: 'status, code',
    description: 'The request body is not a JSON object.' },
  invalidField: { status: 400, code: 600003, assumed: 'status, code',
    description: 'A field of the request is missing or invalid.' },
  unknownTemplate: { status: 400, code: 600005, assumed: 'status, code',
    description: 'The templateId is not a known agreement template.' },
  invalidQuery: { status: 400, code: 600006, assumed: 'status, code',
    description: 'A query parameter is missing or invalid (parameters are case-sensitive).' },
  templateNotFound: { status: 404, code: 600007, assumed: 'status, code',
    description: 'No agreement template has this id.' },
  classicRetired: { status: 400, code: 600070, assumed: 'status, code', errorName: 'ClassicConfirmationRetired',
    description: 'Partner confirmation of the Microsoft Customer Agreement is retired since 2026-01-05. Use the enhanced attestation.' },
  attestationNotFound: { status: 404, code: 600080, assumed: 'status, code',
    description: 'No enhanced attestation has this id.' },
  attestationPending: { status: 400, code: 600081, assumed: 'status, code', errorName: 'AttestationNotAccepted',
    description: 'The customer has not accepted this attestation yet.' },
  attestationExpired: { status: 400, code: 600082, assumed: 'status, code', errorName: 'AttestationExpired',
    description: 'The attestation link expired before the customer accepted it.' },
  attestationUsed: { status: 409, code: 600083, assumed: 'status, code',
    description: 'This attestation already created an agreement for another customer.' },
  notFound: { status: 404, code: 0, assumed: 'status, code', description: 'No such resource.' },
  methodNotAllowed: { status: 405, code: 0, assumed: 'status, code', description: 'The method is not allowed on this resource.' },
  internal: { status: 500, code: 0, assumed: 'status, code', description: 'Internal server error (injected fault).' },
  internalFinal: { status: 500, code: 0, assumed: 'status, code', errorName: 'InternalServerError',
    description: 'Internal server error; the request must not be retried (injected fault).' },
  requestTimeout: { status: 408, code: 0, assumed: 'status, code', description: 'The request timed out (injected fault).' },
  unavailable: { status: 503, code: 0, assumed: 'status, code', description: 'Service unavailable (injected fault).' },
  tooLarge: { status: 413, code: 0, assumed: 'status, code', description: 'The request body is larger than 1 MiB.' },
  documentExpired: { status: 403, code: 0, assumed: 'status, code', description: 'The download link expired: ask for a new one.' },
});

/** The body Partner Center sends with an error (newer agreement errors add more fields). */
export function errorBody(name, { data = [], parameters } = {}) {
  const e = ERRORS[name];
  const body = { code: e.code, description: e.description, data, source: SOURCE };
  if (e.errorName) {
    Object.assign(body, { message: e.description, errorName: e.errorName, isRetryable: false,
      parameters: parameters ?? {} });
  }
  return body;
}

/** The throttling body Partner Center sends with 429 (published shape). */
export function throttleBody(seconds) {
  return { statusCode: 429, message: `Rate limit is exceeded. Try again in ${seconds} seconds.` };
}
