// English texts, keyed by code. The core carries the English message of
// every code it emits (core.messages, from C); those texts are not copied
// here: addCoreMessages() adds them to this table when a core is loaded
// (web/core.js), so English is stored once. Here are only the texts of the
// shell's own codes and of the few core codes whose text here says more
// than the core's message. tests/js/i18n.test.js checks that every code of
// core.messages, core.scenarioReasons and core.errorCodes has an English
// text (from the core or here) and a Dutch one in nl.js.
const en = {
  // The shell (McaError codes thrown by JavaScript)
  'call.invalidNow': '`now` must be a Date or epoch milliseconds.',
  'core.loadFailed': 'The core could not be loaded.',
  'core.trap': 'The core failed on this input.',
  // The Partner Center client and the bulk journal (McaError codes thrown by JavaScript)
  'aborted': 'The request was cancelled.',
  'client.invalidBaseUrl': 'baseUrl must be an absolute http(s) URL (or a path, in a page).',
  'core.missing': 'The core lacks an operation the client needs.',
  'network': 'The request failed before an answer arrived.',
  'redirect': 'The server answered with a redirect; it was not followed (the token goes to baseUrl only).',
  'timeout': 'No answer came in time.',
  'validation': 'The data is not valid; nothing was sent. See the errors.',
  // Bulk row reasons (web/bulk) and codes of the bulk runner and the rate limiter
  'duplicate': 'The same customer is on an earlier line of the file; only the first is sent.',
  'dry-run': 'Would be sent (dry run: nothing was sent).',
  'confirmed': 'The confirmation was recorded.',
  'confirmed-found-on-resume': 'The confirmation sent before an interruption was found recorded; it was not sent again.',
  'accepted': 'The customer accepted; the agreement was recorded.',
  'pending': 'Waiting for the customer to accept through the link.',
  'expired': 'The acceptance link expired; the next run creates a new one.',
  'cancelled': 'The run was cancelled before this row finished; run again to resume it.',
  'bulk.invalidOption': 'An option of the bulk run is not valid.',
  'bulk.flowMismatch': 'The journal belongs to a run of the other flow; it cannot be continued with this flow.',
  'client.invalidRateLimit': 'The rate limit must be a whole number of requests per minute (at least 1) and a positive window.',
  'journal.alreadyDone': 'This row is already done; it is not sent again.',
  'journal.corrupt': 'The journal file was damaged: a line is not a journal record.',
  'journal.requestId': 'begin() needs the MS-RequestId of the request.',
  'journal.state': 'finish() needs a known state.',
  // QR codes (web/qr.js)
  'qr.noSymbol': 'There is no QR symbol to draw.',
  'qr.invalidScale': 'The scale must be a positive number of pixels per module.',
  // Codes of the core whose shell text says more than the core's message
  'input.invalidJson': 'The input could not be read as JSON (it may contain an unpaired surrogate or invalid UTF-8).',
};

/** Adds the core's English messages for the codes that have no text here. */
export function addCoreMessages(messages) {
  for (const [code, text] of Object.entries(messages)) {
    if (!Object.prototype.hasOwnProperty.call(en, code)) en[code] = text;
  }
}

export default en;
