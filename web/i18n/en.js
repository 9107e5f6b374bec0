// English texts, keyed by code. The core carries the English message of
// every code it emits (core.messages, from C); those texts are not copied
// here: the loader hands them over when a core is loaded (web/core.js, through
// core-messages.js, which this table listens to), so English is stored once. Here are only the texts of the
// shell's own codes and of the few core codes whose text here says more
// than the core's message. tests/js/i18n.test.js checks that every code of
// core.messages, core.scenarioReasons and core.errorCodes has an English
// text (from the core or here) and a Dutch one in nl.js.
import { addCoreMessages, onCoreMessages } from './core-messages.js';

/** @type {Record<string, string>} */
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
onCoreMessages((/** @type {Readonly<Record<string, string>>} */ messages) => {
  for (const [code, text] of Object.entries(messages)) {
    if (!Object.prototype.hasOwnProperty.call(en, code)) en[code] = text;
  }
});
export { addCoreMessages };

export default en;

// The words of the elements around the codes (titles, field labels, buttons,
// states), keyed by name, with {name} placeholders: label() in index.js
// fills them. nl.js has the same keys.
export const words = Object.freeze({
  title: 'Microsoft Customer Agreement',
  customerId: 'Customer ID',
  loading: 'Reading what Partner Center holds for this customer…',
  noCustomer: 'No customer ID is set.',
  noClient: 'No Partner Center connection is set (base-url or client).',
  decision: 'Decision',
  reasons: 'Why',
  needs: 'Attestation needed',
  canAttest: 'This partner can attest',
  yes: 'yes', no: 'no', unknown: 'unknown',
  'action.attest': 'Attest the customer\'s acceptance now.',
  'action.none': 'Nothing to do: a valid acceptance is on record or none is asked for.',
  'action.ask-indirect-provider': 'Ask the indirect provider to attest.',
  'action.ask-admin': 'Ask a partner user with an allowed role (such as Admin agent) to attest.',
  'action.create-customer': 'Create the customer: the MCA is accepted while creating it.',
  'action.null': 'The decision cannot be made from what is known; see why.',
  document: 'Open the agreement document',
  documentFor: 'Agreement document for {country}, {language}',
  documentOpening: 'Getting the document link…',
  documentOpened: 'The agreement document opened in a new tab.',
  documentBlocked: 'The browser blocked the new tab; open the document with this link:',
  flowClassic: 'Confirm the customer\'s acceptance (classic)',
  flowEnhanced: 'Ask the customer to accept (enhanced attestation)',
  classicNote: 'The classic confirmation is retired for new attestations; use it only where Partner Center still accepts it.',
  required: 'required', optional: 'optional',
  'field.firstName': 'First name', 'field.lastName': 'Last name', 'field.email': 'Email address',
  'field.phoneNumber': 'Phone number', 'field.dateAgreed': 'Date of acceptance (UTC or with offset)',
  'field.country': 'Country (ISO code, like NL)', 'field.companyName': 'Company name',
  'field.language': 'Language of the agreement (like nl-NL)',
  'field.signatoryFirstName': 'Signatory\'s first name', 'field.signatoryLastName': 'Signatory\'s last name',
  'field.signatoryEmail': 'Signatory\'s email address', 'field.signatoryPhoneNumber': 'Signatory\'s phone number',
  submitClassic: 'Confirm acceptance', submitEnhanced: 'Create the attestation', cancel: 'Cancel',
  fixErrors: '{count} field(s) need attention.',
  sending: 'Sending to Partner Center…',
  verifying: 'Reading the agreement back from Partner Center…',
  cancelled: 'Cancelled. Nothing more was sent.',
  acceptance: 'The customer\'s acceptance link',
  acceptanceHelp: 'Send this link to the signatory, or let them scan the code. The page asks for no sign-in.',
  openLink: 'Open the acceptance page',
  copy: 'Copy link', copied: 'Link copied.', copyFailed: 'Copying failed; select the link and copy it.',
  qr: 'QR code of the acceptance link',
  waiting: 'Waiting for the customer to accept…',
  resumed: 'An attestation sent earlier is still waiting for the customer to accept…',
  sendEmail: 'Send by email',
  mailSubject: 'Please accept the Microsoft Customer Agreement for {company}',
  mailBody: 'Hello {name},\n\nPlease accept the Microsoft Customer Agreement for {company} on this page (no sign-in needed):\n{link}\n\nThe link is valid until {expiry}.\n',
  mailBodyNoExpiry: 'Hello {name},\n\nPlease accept the Microsoft Customer Agreement for {company} on this page (no sign-in needed):\n{link}\n',
  accepted: 'The customer accepted. Recording the agreement…',
  expired: 'The acceptance link expired before the customer accepted. Create a new link to ask again.',
  newLink: 'Create a new link',
  startAgain: 'Start again',
  result: 'Recorded in Partner Center',
  verified: 'Read back from Partner Center: the agreement is on record.',
  notVerified: 'Partner Center accepted the request, but the agreement was not found when read back.',
  who: 'Who', when: 'When', template: 'Template', requestId: 'Request ID', correlationId: 'Correlation ID',
  attestationId: 'Attestation ID',
  errorTitle: 'Partner Center did not do it',
  whatToDo: 'What to do',
  serviceSaid: 'Partner Center said',
  retry: 'Try again',
  // <mca-bulk>
  'bulk.title': 'Bulk attestation from a CSV file',
  'bulk.flow': 'Flow',
  'bulk.flowClassic': 'Classic confirmation (done in one run)',
  'bulk.flowEnhanced': 'Enhanced attestation (each customer accepts through a link)',
  'bulk.file': 'CSV file of customers',
  'bulk.fileHint': 'One row per customer; columns named like the fields (customerId, firstName, …); "," or ";".',
  'bulk.drop': 'Or drop a CSV file here.',
  'bulk.dropActive': 'Drop the file to check it.',
  'bulk.reading': 'Reading {file}…',
  'bulk.checking': 'Checking every row and reading what Partner Center holds (dry run; nothing is sent)…',
  'bulk.checked': 'Dry run done: {send} row(s) would be sent. Nothing was sent yet.',
  'bulk.noRows': 'The file holds no rows to send.',
  'bulk.fileError': 'The file cannot be used: {message}',
  'bulk.resumeFound': 'An unfinished run of {file} was found in this browser; submit to continue it. Rows already sent are not sent again.',
  'bulk.startOver': 'Forget this run',
  'bulk.again': 'Check the file again (to continue)',
  'bulk.forgotten': 'The run was forgotten; choose a file.',
  'bulk.dryRunTitle': 'Dry run of {file}',
  'bulk.runTitle': 'Run of {file}',
  'bulk.problems': 'Rows that will not be sent',
  'bulk.noProblems': 'Every row can be sent.',
  'bulk.retried': 'Rows the dry run could not check (a submit tries them again)',
  'bulk.line': 'Line {line}',
  'bulk.submit': 'Submit {count} row(s)',
  'bulk.cancel': 'Cancel',
  'bulk.progress': 'Progress',
  'bulk.progressText': '{done} of {total} rows',
  'bulk.rate': '{rate} rows/s',
  'bulk.left': 'about {time} left',
  'bulk.leftUnknown': 'time left not known yet',
  'bulk.submitting': 'Sending to Partner Center…',
  'bulk.cancelling': 'Cancelling: rows in flight finish; the rest can be resumed.',
  'bulk.cancelled': 'Cancelled. Submit again to resume; nothing is sent twice.',
  'bulk.done': 'Done: {submitted} submitted, {failed} failed, {awaiting} awaiting acceptance.',
  'bulk.unfinished': 'Some rows failed or wait for the customer: submit again later to continue them.',
  'bulk.failedRun': 'The run stopped: {message}',
  'bulk.counts': 'Rows per state',
  'bulk.state': 'State', 'bulk.count': 'Rows',
  'bulk.rows': 'Rows',
  'bulk.customer': 'Customer', 'bulk.reason': 'Reason', 'bulk.link': 'Acceptance link',
  'bulk.showQr': 'QR code for line {line}',
  'bulk.qrFor': 'QR code of the acceptance link of line {line}',
  'bulk.downloads': 'Downloads',
  'bulk.downloadResults': 'Results (CSV)',
  'bulk.downloadEvidence': 'Evidence (hash chain, JSON lines)',
  'state.submitted': 'Submitted', 'state.already-confirmed': 'Already confirmed', 'state.skipped': 'Skipped',
  'state.invalid': 'Invalid', 'state.failed': 'Failed', 'state.awaiting-acceptance': 'Awaiting acceptance',
  'state.to-send': 'To send', 'state.cannot-attest': 'Cannot attest',
});
