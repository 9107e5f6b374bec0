// Attestations that last, the element's side: an attestation is put in the
// attestation store before its link is shown; on the next view the
// customer's pending one is found and followed again; an accepted one gets
// its agreement recorded once (the store's recordOnce, across tabs); an
// expired one leaves the form filled with the values kept with it, to make a
// new link. "Send by email" is a mailto: link in the customer's language.
import { h } from './dom.js';
import { label, languageOf, uiLanguage } from '../i18n/index.js';

/** Partner Center's "already exists" service code, from the core's constants. */
const alreadyExists = (core) => core.domain?.serviceCodes?.agreementAlreadyExists ?? null;

/** Keeps a new attestation, before its link is shown. */
export function remember(store, { customerId, created, link, values }) {
  return store.add({ attestationId: created.id, customerId, link, expiresAt: created.expirationDateTime ?? null, values });
}

/**
 * The customer's pending attestation with its status now:
 * { record, attestation } or null (none pending; one no longer known to
 * Partner Center is marked expired).
 */
export async function findPending({ store, client, customerId, call }) {
  const record = await store.pendingFor(customerId);
  if (!record) return null;
  try {
    const attestation = await client.getAttestation(record.attestationId, call);
    if (attestation?.status === 'Expired') await store.expire(record.attestationId);
    return { record, attestation };
  } catch (error) {
    if (error?.status === 404) { await store.expire(record.attestationId); return null; }
    throw error;
  }
}

/**
 * Whether an attestation of the customer was recorded at or after `since`
 * (ms): by another tab or a bulk run while this view read the customer, so
 * what it read may be from before the agreement.
 */
export async function recordedSince(store, customerId, since) {
  const recorded = await store.list({ state: 'recorded' });
  return recorded.some((r) => r.customerId === customerId && Date.parse(r.recordedAt ?? '') >= since);
}

/**
 * Step 3 of an accepted attestation, at most once: under the store's lock;
 * an agreement Partner Center already holds for it (another tab, a bulk
 * run) counts as recorded. Resolves to the agreement answer, or null.
 */
export async function recordAgreement({ store, client, core, customerId, attestationId, call }) {
  const { record } = await store.recordOnce(attestationId, async () => {
    try {
      return await client.createAgreementFromAttestation(customerId, attestationId, call);
    } catch (error) {
      if (error?.serviceCode !== null && error?.serviceCode === alreadyExists(core)) return null;
      throw error;
    }
  });
  return record.agreement ?? null;
}

/** The language of the customer's mail: the attestation's culture when the element speaks it, else the UI's. */
function mailLanguage(values, fallback) {
  const lang = languageOf(values?.language);
  return lang && uiLanguage(lang) === lang ? lang : fallback;
}

/** A mailto: URL to the signatory with the link and its expiry, in the customer's language. */
export function mailtoUrl({ link, expiresAt, values, uiLang }) {
  const lang = mailLanguage(values, uiLang);
  const expiry = expiresAt ? new Date(expiresAt) : null;
  const when = expiry && !Number.isNaN(expiry.getTime())
    ? new Intl.DateTimeFormat(values?.language || lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(expiry) + ' UTC'
    : '';
  const vars = { company: values?.companyName ?? '', name: values?.signatoryFirstName ?? '', link, expiry: when };
  const subject = label(lang, 'mailSubject', vars);
  const body = label(lang, when ? 'mailBody' : 'mailBodyNoExpiry', vars);
  const to = encodeURIComponent(values?.signatoryEmail ?? '').replace(/%40/g, '@');
  return `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

/** The "Send by email" link of an acceptance. */
export function emailView(lang, acceptance) {
  return h('p', { class: 'actions', part: 'email' },
    h('a', { class: 'email-link', part: 'email-link', href: mailtoUrl({ link: acceptance.link,
      expiresAt: acceptance.attestation?.expirationDateTime ?? null, values: acceptance.values, uiLang: lang }) },
    label(lang, 'sendEmail')));
}

/**
 * After a `<mca-bulk>` run: each row awaiting its customer is kept in the
 * store (with its input values, so a view of the customer follows it and
 * can make a new link), and a kept one the run recorded is marked recorded.
 * @param {import('../index.js').AttestationStore} store
 * @param {Array<Record<string, any>>} results  runBulk's rows
 * @param {Array<Record<string, any>>} inputs   parseCsv's rows (with `_line`)
 */
export async function keepBulkAttestations(store, results, inputs) {
  const byLine = new Map(inputs.map((row) => [row._line, row]));
  for (const row of results) {
    if (!row.attestationId) continue;
    const kept = await store.get(row.attestationId);
    if (row.state === 'awaiting-acceptance' && !kept && row.link) {
      const { _line, ...values } = byLine.get(row.line) ?? {};
      await store.add({ attestationId: row.attestationId, customerId: row.customerId, link: row.link, values });
    } else if (row.state === 'submitted' && kept?.state === 'pending') {
      await store.recordOnce(row.attestationId, async () => null);
    }
  }
}
