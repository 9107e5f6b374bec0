/**
 * One customer of a portfolio scan: read what settles it, in the order that
 * costs fewest requests, and let core.detectScenario decide.
 *
 * 1. Its MCA confirmations. The core decides with the direct-signed status
 *    unknown; only when its reasons say that status matters
 *    (`direct-status-unknown`) is it read and the core asked again.
 * 2. Country and culture come from the list item's billing profile; where an
 *    item lacks them and the customer needs an attestation, GET
 *    /v1/customers/{id} fills them.
 * 3. A customer that still needs an attestation and has a pending one in
 *    the attestation store (`store`): its status is read, and the core
 *    decides with it (`awaiting-acceptance` while Pending); `pending` shows
 *    the link, its expiry and that status.
 * 4. With `subscriptions: true` its subscriptions are read: each one is a
 *    prior purchase (an offer bought through a partner); none, none.
 * The scan's `context(customer)` adds what only the partner's own systems
 * know (the kind of purchase, a new partner, indirect reseller): its
 * `purchase`, `priorPurchases` and `customer` replace the scan's, its
 * `partner` is merged over the scan's `partner` key by key.
 * A read that fails leaves that fact unknown for the core (`agreements`
 * missing, `directSigned: null`), and the entry carries the explained error;
 * a `context` that throws or answers no object leaves the purchase unknown
 * (`scan.contextFailed`).
 */

/** Assumed: a listed customer bought an offer through a partner (the portfolio question). */
const ASSUMED_PRIOR = Object.freeze(['offer']);

function profileOf(item) {
  const billing = item?.billingProfile ?? {};
  const company = item?.companyProfile ?? {};
  return {
    companyName: company.companyName ?? billing.companyName ?? '',
    domain: company.domain ?? '',
    country: billing.defaultAddress?.country ?? '',
    culture: billing.culture ?? '',
  };
}

/** The scan's context(customer): an object, or nothing; a failure is the entry's error. */
async function knownOf(ctx, customer) {
  if (!ctx.context) return { known: {}, error: null };
  try {
    const known = await ctx.context(customer);
    if (known === null || known === undefined) return { known: {}, error: null };
    if (typeof known === 'object' && !Array.isArray(known)) return { known, error: null };
    throw new TypeError(`it answered ${Array.isArray(known) ? 'a list' : typeof known}, not an object`);
  } catch (e) {
    return { known: null, error: { code: 'scan.contextFailed', message: `The scan's context for customer ${customer.id} failed: ${e?.message ?? e}`,
      status: null, serviceCode: null, requestId: null, correlationId: ctx.call.correlationId } };
  }
}

function errorOf(error) {
  return { code: error?.code ?? 'error', message: error?.message ?? String(error), status: error?.status ?? null,
    serviceCode: error?.serviceCode ?? null, requestId: error?.requestId ?? null, correlationId: error?.correlationId ?? null };
}

/**
 * @param {{ core: any, client: any, partner: any, subscriptions: boolean, now: () => number,
 *   context: ((customer: object) => any) | null, call: { signal?: AbortSignal, correlationId: string } }} ctx
 * @param {any} item  a Customer item of GET /v1/customers
 * @returns {Promise<import('./index.js').ScanEntry>}
 */
export async function decideCustomer(ctx, item) {
  const { core, client, call } = ctx;
  const customerId = String(item.id);
  const profile = profileOf(item);
  let requests = 0;
  let error = null;
  const read = async (fn) => {
    requests += 1;
    try { return await fn(); } catch (e) {
      if (e?.code === 'aborted') throw e;
      error ??= errorOf(e);
      return undefined;
    }
  };
  const context = { customer: { id: customerId, isNew: false }, purchase: { kind: 'new', partner: 'existing' },
    priorPurchases: ASSUMED_PRIOR, directSigned: null };
  if (ctx.partner) context.partner = ctx.partner;
  const own = await knownOf(ctx, { id: customerId, ...profile });
  if (own.error) {
    error = own.error;
    delete context.purchase;
    delete context.priorPurchases;
  }
  const known = own.known ?? {};
  for (const key of ['purchase', 'priorPurchases']) if (key in known) context[key] = known[key];
  if (known.customer && typeof known.customer === 'object') context.customer = { ...context.customer, ...known.customer, id: customerId };
  if (known.partner && typeof known.partner === 'object') context.partner = { ...(ctx.partner ?? {}), ...known.partner };
  if (ctx.subscriptions && !('priorPurchases' in known)) {
    const subs = await read(() => client.getCustomerSubscriptions(customerId, call));
    context.priorPurchases = subs === undefined ? undefined
      : (Array.isArray(subs?.items) ? subs.items : []).map(() => 'offer');
  }
  const agreements = await read(() => client.getCustomerAgreements(customerId, call));
  if (agreements !== undefined) context.agreements = Array.isArray(agreements?.items) ? agreements.items : [];
  const decide = () => core.detectScenario(context, { now: ctx.now() });
  let decision = decide();
  if (agreements !== undefined && decision.reasons.includes('direct-status-unknown')) {
    const direct = await read(() => client.getDirectSignedStatus(customerId, call));
    if (typeof direct?.isSigned === 'boolean') {
      context.directSigned = direct.isSigned;
      decision = decide();
    }
  }
  let pending = null;
  if (ctx.store && decision.needsAttestation === true) {
    const record = await ctx.store.pendingFor(customerId);
    if (record) {
      const view = await read(() => client.getAttestation(record.attestationId, call));
      const status = typeof view?.status === 'string' ? view.status : null;
      pending = { attestationId: record.attestationId, link: record.link,
        expiresAt: view?.expirationDateTime ?? record.expiresAt ?? null, status };
      if (status) {
        context.attestation = { status };
        decision = decide();
      }
    }
  }
  if (decision.needsAttestation === true && (!profile.country || !profile.culture || !profile.companyName)) {
    const full = await read(() => client.getCustomer(customerId, call));
    if (full) {
      const more = profileOf(full);
      for (const key of Object.keys(profile)) profile[key] ||= more[key];
    }
  }
  return { customerId, ...profile, status: decision.status, action: decision.action, reasons: decision.reasons,
    pending, requests, error };
}
