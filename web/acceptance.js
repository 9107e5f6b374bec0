// The customer's acceptance page of an enhanced attestation. Built here from
// the core's link prefix (core.domain.acceptanceLink) and the attestation id,
// never taken from an answer, for the element and the bulk runner alike.

/**
 * The acceptance page for an attestation id.
 * @param {import('./index.js').Core} core
 * @param {string} attestationId
 */
export function acceptanceLink(core, attestationId) {
  return `${core.domain.acceptanceLink}${encodeURIComponent(String(attestationId))}`;
}
