// The customer's acceptance page of an enhanced attestation. Built here from
// the attestation id, never taken from an answer, for the element and the
// bulk runner alike.

/** The page's address up to the attestation id. */
export const ACCEPTANCE_LINK = 'https://cdn.partner.microsoft.com/mca/?attestationid=';

/**
 * The acceptance page for an attestation id.
 * @param {string} attestationId
 */
export function acceptanceLink(attestationId) {
  return `${ACCEPTANCE_LINK}${encodeURIComponent(String(attestationId))}`;
}
