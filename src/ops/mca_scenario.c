/* detectScenario: does this customer need a partner attestation now, can
 * this partner give it, and if not, who can? (docs/scenario.md)
 *
 * Every fact is read into a three-valued state (no / yes / unknown). A
 * result field (scenario, needsAttestation, canAttest, action) is null only
 * when an unknown input could change it; the reasons then name that input.
 * A known fact that settles a field makes the other inputs of that field
 * irrelevant (a direct acceptance settles needsAttestation whatever the
 * confirmations say; an indirect reseller cannot attest whatever its roles). */
#include "mca_internal.h"
#include "mca_rules.h"
#include "mca_scenario.h"
#include "mca_time.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The English text of every reason and option code, sorted by code. */
static const mca_message_entry messages[] = {
    { "accepted-before-refresh", "The newest MCA acceptance on record is dated before the refresh cut-off (1 April 2023 unless configured otherwise): a new attestation is needed." },
    { "agreement-date-invalid", "A recorded MCA confirmation has a date that cannot be read, so it is not known whether it is still valid." },
    { "agreement-type-unknown", "A recorded agreement has no type or a type that is not known; only MicrosoftCustomerAgreement confirmations count." },
    { "agreements-unknown", "The customer's recorded agreements are not known: read them (GET customers/{id}/agreements?agreementType=MicrosoftCustomerAgreement)." },
    { "allowedRoles.invalid", "The option allowedRoles must be a list of role names." },
    { "already-confirmed", "An MCA acceptance dated on or after the refresh cut-off is already on record." },
    { "attestation-pending", "An enhanced attestation was sent to the customer and is still waiting for its acceptance: no new one is needed while its link is valid." },
    { "auto-renewal", "An automatic renewal is not a new purchase: no attestation is asked for it." },
    { "cloud-agreement-only", "Only a Microsoft Cloud Agreement is on record; it does not count as an acceptance of the Microsoft Customer Agreement." },
    { "customer-id-invalid", "The customer ID is not a valid GUID." },
    { "customer-invalid", "The customer must be an object { id, isNew }." },
    { "customer-new-unknown", "It is not known whether the customer is being created now (isNew must be true or false)." },
    { "direct-signed", "The customer accepted the MCA directly with Microsoft: no partner attestation is needed." },
    { "direct-status-unknown", "Whether the customer accepted the MCA directly is not known: read the direct-signed status first." },
    { "indirect-reseller", "An indirect reseller cannot attest: its indirect provider must do it." },
    { "indirect-reseller-unknown", "It is not known whether the partner is an indirect reseller (partner.indirectReseller must be true or false)." },
    { "new-customer", "The customer is being created now: the MCA is accepted as part of creating the customer." },
    { "no-acceptance", "No acceptance of the MCA is on record for this customer." },
    { "no-qualifying-purchase", "The customer has no earlier purchase of the kinds the MCA attestation is asked for." },
    { "outdated-template", "The MCA was confirmed on an older version of the agreement template (a warning, not a block)." },
    { "partner-roles-unknown", "The partner user's roles are not known (partner.roles must be a list of role names)." },
    { "prior-purchase-type-unknown", "An earlier purchase has a type that is not known; known types: azure-subscription, reserved-instances, software, software-subscription, offer." },
    { "prior-purchases-unknown", "The customer's earlier purchases are not known (priorPurchases must be a list)." },
    { "purchase-kind-unknown", "The kind of purchase is not known (purchase.kind must be 'new' or 'auto-renewal')." },
    { "purchase-partner-unknown", "It is not known whether the purchase is through the existing partner or a new one (purchase.partner must be 'existing' or 'new')." },
    { "refreshCutoff.invalid", "The option refreshCutoff must be an ISO-8601 date-time with a time zone, or epoch milliseconds." },
    { "role-missing", "The partner user holds none of the roles allowed to attest: ask a Global admin or Admin agent of the partner." },
    { "template-unknown", "The MCA confirmation's template is not among the known agreement templates." },
    { "templates-invalid", "The agreement templates passed in are not a list; the built-in current MCA template is used." },
};
MCA_MESSAGE_TABLE(mca_scenario_messages, messages);

/* Reasons in the order a result lists them: what decided the scenario, the
 * acceptance on record, the partner, then the inputs that are unknown. */
enum reason {
    R_NEW_CUSTOMER, R_AUTO_RENEWAL, R_NO_QUALIFYING, R_DIRECT_SIGNED, R_ALREADY_CONFIRMED,
    R_BEFORE_REFRESH, R_CLOUD_ONLY, R_NO_ACCEPTANCE, R_OUTDATED_TEMPLATE, R_INDIRECT_RESELLER,
    R_ROLE_MISSING, R_ATTESTATION_PENDING, R_CUSTOMER_INVALID, R_CUSTOMER_ID_INVALID, R_CUSTOMER_NEW_UNKNOWN,
    R_KIND_UNKNOWN, R_PARTNER_REL_UNKNOWN, R_PRIORS_UNKNOWN, R_PRIOR_TYPE_UNKNOWN,
    R_AGREEMENTS_UNKNOWN, R_AGREEMENT_TYPE_UNKNOWN, R_AGREEMENT_DATE_INVALID,
    R_DIRECT_UNKNOWN, R_ROLES_UNKNOWN, R_RESELLER_UNKNOWN, R_TEMPLATES_INVALID,
    R_TEMPLATE_UNKNOWN, R_COUNT
};
static const char *const reason_codes[R_COUNT] = {
    "new-customer", "auto-renewal", "no-qualifying-purchase", "direct-signed", "already-confirmed",
    "accepted-before-refresh", "cloud-agreement-only", "no-acceptance", "outdated-template",
    "indirect-reseller", "role-missing", "attestation-pending", "customer-invalid", "customer-id-invalid",
    "customer-new-unknown", "purchase-kind-unknown", "purchase-partner-unknown",
    "prior-purchases-unknown", "prior-purchase-type-unknown", "agreements-unknown",
    "agreement-type-unknown", "agreement-date-invalid", "direct-status-unknown",
    "partner-roles-unknown", "indirect-reseller-unknown", "templates-invalid", "template-unknown",
};

const char *const *mca_scenario_reasons(size_t *count)
{
    *count = R_COUNT;
    return reason_codes;
}

static const char *const default_roles[] = { "AdminAgent", "GlobalAdmin", "HelpdeskAgent", "SalesAgent" };

/* Types of earlier purchases that make a new purchase ask for the MCA. Sorted. */
static const char *const prior_types[] = {
    "azure-subscription", "offer", "reserved-instances", "software", "software-subscription",
};

typedef enum { NO = 0, YES = 1, UNKNOWN = 2 } tri;
typedef enum { SC_NONE, SC_EXISTING, SC_NEW, SC_UNNAMED, SC_UNKNOWN } scenario;
typedef enum { CONF_NONE, CONF_VALID, CONF_BEFORE, CONF_UNKNOWN } confirmed_state;

typedef struct decision {
    uint32_t reasons;          /* bit per enum reason */
    uint32_t acc;              /* reasons about the acceptance on record, listed when it matters */
    tri is_new;
    scenario sc;
    tri direct;
    confirmed_state confirmed;
    const cJSON *newest;       /* newest MCA confirmation with a readable date */
    int64_t newest_at;
    tri reseller, can_attest;
    char template_id[37];      /* current MCA template */
    int templates_listed;      /* a usable template list was given */
    const cJSON *templates;
    char customer_id[37];
    int prior_type_unknown;    /* a prior purchase of a type not known */
    int attestation_pending;   /* context.attestation: one sent, status Pending */
} decision;

#define BIT(r) ((uint32_t)1 << (r))

static void add(decision *d, enum reason r)
{
    d->reasons |= BIT(r);
}

static void add_acc(decision *d, enum reason r)
{
    d->acc |= BIT(r);
}

static int compare_str(const void *key, const void *entry)
{
    return strcmp((const char *)key, *(const char *const *)entry);
}

static int is_string(const cJSON *item, const char *value)
{
    return cJSON_IsString(item) && strcmp(item->valuestring, value) == 0;
}

/* Items of a list given as an array or as a collection { totalCount, items }. */
static const cJSON *list_items(const cJSON *v)
{
    if (cJSON_IsArray(v))
        return v;
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(v, "items");
    return cJSON_IsObject(v) && cJSON_IsArray(items) ? items : NULL;
}

/* customer { id, isNew }: isNew absent means an existing customer. */
static void read_customer(decision *d, const cJSON *customer)
{
    d->is_new = NO;
    if (customer == NULL || cJSON_IsNull(customer))
        return;
    if (!cJSON_IsObject(customer)) {
        add(d, R_CUSTOMER_INVALID);
        d->is_new = UNKNOWN;
        return;
    }
    const cJSON *is_new = cJSON_GetObjectItemCaseSensitive(customer, "isNew");
    if (cJSON_IsBool(is_new))
        d->is_new = cJSON_IsTrue(is_new) ? YES : NO;
    else if (is_new != NULL)
        d->is_new = UNKNOWN;
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(customer, "id");
    if (id != NULL && !cJSON_IsNull(id)
        && (!cJSON_IsString(id)
            || mca_guid_normalize(id->valuestring, strlen(id->valuestring), d->customer_id) != MCA_GUID_OK)) {
        d->customer_id[0] = '\0';
        add(d, R_CUSTOMER_ID_INVALID);
    }
}

/* priorPurchases: YES when one known type is listed, NO for a list of none. */
static tri read_prior(decision *d, const cJSON *prior)
{
    const cJSON *item;
    int known = 0, unknown = 0;
    if (!cJSON_IsArray(prior))
        return UNKNOWN;
    cJSON_ArrayForEach(item, prior) {
        if (cJSON_IsString(item)
            && bsearch(item->valuestring, prior_types, sizeof prior_types / sizeof prior_types[0],
                       sizeof prior_types[0], compare_str) != NULL)
            known++;
        else
            unknown++;
    }
    d->prior_type_unknown = unknown > 0;
    return known > 0 ? YES : unknown > 0 ? UNKNOWN : NO;
}

static void read_scenario(decision *d, const cJSON *context)
{
    const cJSON *purchase = cJSON_GetObjectItemCaseSensitive(context, "purchase");
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(purchase, "kind");
    const cJSON *rel = cJSON_GetObjectItemCaseSensitive(purchase, "partner");
    tri is_purchase_new = is_string(kind, "new") ? YES : is_string(kind, "auto-renewal") ? NO : UNKNOWN;
    tri qualifying = read_prior(d, cJSON_GetObjectItemCaseSensitive(context, "priorPurchases"));
    if (is_purchase_new != NO && d->prior_type_unknown)
        add(d, R_PRIOR_TYPE_UNKNOWN); /* named whenever the prior purchases are consulted */
    if (is_purchase_new == NO) {
        d->sc = SC_NONE;
        add(d, R_AUTO_RENEWAL);
    } else if (qualifying == NO) {
        d->sc = SC_NONE;
        add(d, R_NO_QUALIFYING);
    } else if (is_purchase_new == UNKNOWN || qualifying == UNKNOWN) {
        d->sc = SC_UNKNOWN;
        if (is_purchase_new == UNKNOWN)
            add(d, R_KIND_UNKNOWN);
        if (qualifying == UNKNOWN && !cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(context, "priorPurchases")))
            add(d, R_PRIORS_UNKNOWN);
    } else if (is_string(rel, "existing")) {
        d->sc = SC_EXISTING;
    } else if (is_string(rel, "new")) {
        d->sc = SC_NEW;
    } else {
        d->sc = SC_UNNAMED; /* a qualifying new purchase; only the partner side is unknown */
        add(d, R_PARTNER_REL_UNKNOWN);
    }
}

/* The current MCA template: the highest versionRank among the MCA items of
 * the templates given (options first, then the context), else the known
 * current one (mca_template_default, the rule the builders use too). */
static void read_templates(decision *d, const cJSON *context, const cJSON *options)
{
    const cJSON *given = cJSON_GetObjectItemCaseSensitive(options, "templates");
    if (given == NULL || cJSON_IsNull(given))
        given = cJSON_GetObjectItemCaseSensitive(context, "templates");
    const cJSON *items = list_items(given), *item;
    if (given != NULL && !cJSON_IsNull(given) && items == NULL)
        add(d, R_TEMPLATES_INVALID);
    mca_template_default(items, d->template_id);
    cJSON_ArrayForEach(item, items) {
        if (is_string(cJSON_GetObjectItemCaseSensitive(item, "agreementType"), MCA_AGREEMENT_TYPE))
            d->templates_listed = 1;
    }
    d->templates = items;
}

/* Whether the template of the selected confirmation is the current one:
 * 1 current, 0 older, -1 not known. */
static int template_state(const decision *d, const cJSON *template_id)
{
    char guid[37];
    const cJSON *item;
    if (!cJSON_IsString(template_id)
        || mca_guid_normalize(template_id->valuestring, strlen(template_id->valuestring), guid) != MCA_GUID_OK)
        return -1;
    if (strcmp(guid, d->template_id) == 0)
        return 1;
    if (!d->templates_listed)
        return 0; /* the known current template is the only one known to be current */
    cJSON_ArrayForEach(item, d->templates) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(item, "templateId");
        char other[37];
        if (cJSON_IsString(id) && mca_guid_normalize(id->valuestring, strlen(id->valuestring), other) == MCA_GUID_OK
            && strcmp(other, guid) == 0)
            return 0;
    }
    return -1;
}

/* directSigned: true, false, or the status object { isSigned }. */
static tri read_direct(const cJSON *context)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(context, "directSigned");
    if (cJSON_IsObject(v))
        v = cJSON_GetObjectItemCaseSensitive(v, "isSigned");
    return cJSON_IsBool(v) ? (cJSON_IsTrue(v) ? YES : NO) : UNKNOWN;
}

/* The confirmations on record: finds the newest MCA one and its state. */
static void read_agreements(decision *d, const cJSON *context, int64_t cutoff)
{
    const cJSON *items = list_items(cJSON_GetObjectItemCaseSensitive(context, "agreements")), *item;
    int cloud = 0, unreadable = 0;
    if (items == NULL) {
        d->confirmed = CONF_UNKNOWN;
        add_acc(d, R_AGREEMENTS_UNKNOWN);
        return;
    }
    cJSON_ArrayForEach(item, items) {
        const cJSON *type = cJSON_GetObjectItemCaseSensitive(item, "type");
        const cJSON *date = cJSON_GetObjectItemCaseSensitive(item, "dateAgreed");
        int64_t at;
        if (is_string(type, "MicrosoftCloudAgreement")) {
            cloud++;
        } else if (!is_string(type, MCA_AGREEMENT_TYPE)) {
            add_acc(d, R_AGREEMENT_TYPE_UNKNOWN);
        } else if (!cJSON_IsString(date)
                   || mca_time_parse(date->valuestring, strlen(date->valuestring), &at) != MCA_TIME_OK) {
            unreadable++;
            add_acc(d, R_AGREEMENT_DATE_INVALID);
        } else if (d->newest == NULL || at > d->newest_at) {
            d->newest = item;
            d->newest_at = at;
        }
    }
    if (d->newest != NULL && d->newest_at >= cutoff)
        d->confirmed = CONF_VALID;
    else if (unreadable > 0)
        d->confirmed = CONF_UNKNOWN;
    else if (d->newest != NULL)
        d->confirmed = CONF_BEFORE;
    else
        d->confirmed = CONF_NONE;
    if (d->confirmed == CONF_NONE && cloud > 0)
        add_acc(d, R_CLOUD_ONLY);
}

/* Whether a valid acceptance is on record, with the reasons that say why. */
static tri acceptance(decision *d)
{
    if (d->direct == YES)
        add_acc(d, R_DIRECT_SIGNED);
    if (d->confirmed == CONF_VALID)
        add_acc(d, R_ALREADY_CONFIRMED);
    if (d->direct == YES || d->confirmed == CONF_VALID)
        return YES;
    if (d->direct == UNKNOWN)
        add_acc(d, R_DIRECT_UNKNOWN);
    if (d->confirmed == CONF_BEFORE)
        add_acc(d, R_BEFORE_REFRESH);
    if (d->direct == UNKNOWN || d->confirmed == CONF_UNKNOWN)
        return UNKNOWN;
    if (d->confirmed == CONF_NONE && !(d->acc & BIT(R_CLOUD_ONLY)))
        add_acc(d, R_NO_ACCEPTANCE); /* "cloud-agreement-only" says more */
    return NO;
}

static int role_allowed(const char *role, const cJSON *allowed)
{
    const cJSON *item;
    if (allowed == NULL) {
        for (size_t i = 0; i < sizeof default_roles / sizeof default_roles[0]; i++)
            if (strcmp(role, default_roles[i]) == 0)
                return 1;
        return 0;
    }
    cJSON_ArrayForEach(item, allowed)
        if (cJSON_IsString(item) && strcmp(role, item->valuestring) == 0)
            return 1;
    return 0;
}

/* canAttest: an indirect reseller never can (whatever its roles); otherwise
 * an allowed role decides. */
static void read_partner(decision *d, const cJSON *context, const cJSON *allowed)
{
    const cJSON *partner = cJSON_GetObjectItemCaseSensitive(context, "partner");
    const cJSON *reseller = cJSON_GetObjectItemCaseSensitive(partner, "indirectReseller");
    const cJSON *roles = cJSON_GetObjectItemCaseSensitive(partner, "roles"), *item;
    tri has_role = NO;
    d->reseller = cJSON_IsBool(reseller) ? (cJSON_IsTrue(reseller) ? YES : NO) : UNKNOWN;
    if (d->reseller == YES) {
        d->can_attest = NO;
        add(d, R_INDIRECT_RESELLER);
        return;
    }
    if (!cJSON_IsArray(roles))
        has_role = UNKNOWN;
    const cJSON *list = cJSON_IsArray(roles) ? roles : NULL;
    cJSON_ArrayForEach(item, list) {
        if (cJSON_IsString(item) && role_allowed(item->valuestring, allowed))
            has_role = YES;
        else if (!cJSON_IsString(item) && has_role == NO)
            has_role = UNKNOWN;
    }
    if (has_role == NO) {
        d->can_attest = NO;
        add(d, R_ROLE_MISSING);
    } else if (has_role == UNKNOWN) {
        d->can_attest = UNKNOWN;
        add(d, R_ROLES_UNKNOWN);
    } else {
        d->can_attest = d->reseller == NO ? YES : UNKNOWN;
    }
    if (d->reseller == UNKNOWN)
        add(d, R_RESELLER_UNKNOWN);
}

/* options.refreshCutoff: ISO-8601 text or epoch milliseconds. */
int mca_read_refresh_cutoff(const cJSON *options, int64_t *cutoff)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(options, "refreshCutoff");
    if (v == NULL || cJSON_IsNull(v))
        return mca_time_parse(MCA_REFRESH_CUTOFF, sizeof MCA_REFRESH_CUTOFF - 1, cutoff) == MCA_TIME_OK;
    if (cJSON_IsNumber(v) && isfinite(v->valuedouble) && fabs(v->valuedouble) < 1e15) {
        *cutoff = (int64_t)floor(v->valuedouble / 1000.0);
        return 1;
    }
    return cJSON_IsString(v) && mca_time_parse(v->valuestring, strlen(v->valuestring), cutoff) == MCA_TIME_OK;
}

/* options.allowedRoles: a list of role names, or absent for the defaults. */
static int read_allowed(const cJSON *options, const cJSON **allowed)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(options, "allowedRoles"), *item;
    *allowed = NULL;
    if (v == NULL || cJSON_IsNull(v))
        return 1;
    if (!cJSON_IsArray(v))
        return 0;
    cJSON_ArrayForEach(item, v)
        if (!cJSON_IsString(item))
            return 0;
    *allowed = v;
    return 1;
}

/* needsAttestation. The acceptance on record matters only for a purchase
 * that asks (or may ask) for an attestation by an existing customer; only
 * then are its reasons listed. A valid acceptance settles it: then the
 * reasons name that acceptance and nothing else about the record. */
static tri needs_attestation(decision *d)
{
    if (d->is_new == YES) {
        add(d, R_NEW_CUSTOMER);
        return NO;
    }
    if (d->is_new == UNKNOWN && !(d->reasons & BIT(R_CUSTOMER_INVALID)))
        add(d, R_CUSTOMER_NEW_UNKNOWN);
    if (d->sc == SC_NONE)
        return NO;
    tri accepted = acceptance(d);
    if (accepted == YES) {
        d->reasons |= d->acc & (BIT(R_DIRECT_SIGNED) | BIT(R_ALREADY_CONFIRMED));
        return NO;
    }
    d->reasons |= d->acc;
    if (d->is_new == UNKNOWN || d->sc == SC_UNKNOWN || accepted == UNKNOWN)
        return UNKNOWN;
    return YES;
}

static const char *action_of(const decision *d, tri need)
{
    if (d->is_new == YES)
        return "create-customer";
    if (need == NO)
        return "none";
    if (need == UNKNOWN)
        return NULL;
    if (d->can_attest == YES)
        return "attest";
    if (d->reseller == YES)
        return "ask-indirect-provider";
    if (d->can_attest == NO && d->reseller == NO)
        return "ask-admin";
    return NULL;
}

static const char *scenario_name(scenario sc)
{
    switch (sc) {
    case SC_NONE: return "none";
    case SC_EXISTING: return "existing-partner";
    case SC_NEW: return "new-partner";
    default: return NULL;
    }
}

/* context.attestation: the enhanced attestation last sent for the customer,
 * as its status read shows it ({ status: "Pending" | "Accepted" | "Expired" }).
 * Only a pending one changes the decision: the customer is already asked. */
static int read_attestation(const cJSON *context)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(context, "attestation");
    return cJSON_IsObject(a) && is_string(cJSON_GetObjectItemCaseSensitive(a, "status"), "Pending");
}

/* The one word a list shows for a decision, most telling first. */
static const char *status_of(const decision *d, tri need)
{
    if (need == YES && d->can_attest != NO && (d->reasons & BIT(R_ATTESTATION_PENDING)))
        return "awaiting-acceptance";
    if (need == YES)
        return d->can_attest == NO ? "cannot-attest" : "needs-attestation";
    if (d->reasons & BIT(R_DIRECT_SIGNED))
        return "confirmed-directly";
    if (d->reasons & BIT(R_OUTDATED_TEMPLATE))
        return "old-template";
    if (d->reasons & BIT(R_ALREADY_CONFIRMED))
        return "confirmed";
    return need == NO ? "nothing-needed" : "unknown";
}

static cJSON *tri_json(tri t)
{
    return t == UNKNOWN ? cJSON_CreateNull() : cJSON_CreateBool(t == YES);
}

static cJSON *string_or_null(const char *s)
{
    return s != NULL ? cJSON_CreateString(s) : cJSON_CreateNull();
}

/* Adds item under a constant key; a NULL item marks the result as failed. */
static int attach(cJSON *obj, const char *key, cJSON *item)
{
    if (item == NULL)
        return 0;
    cJSON_AddItemToObjectCS(obj, key, item);
    return 1;
}

/* The selected confirmation: the newest MCA confirmation with a readable date. */
static cJSON *confirmation_json(decision *d, int64_t cutoff)
{
    if (d->newest == NULL)
        return cJSON_CreateNull();
    const cJSON *template_id = cJSON_GetObjectItemCaseSensitive(d->newest, "templateId");
    const cJSON *contact = cJSON_GetObjectItemCaseSensitive(d->newest, "primaryContact");
    const cJSON *user = cJSON_GetObjectItemCaseSensitive(d->newest, "userId");
    char date[21], guid[37];
    int current = template_state(d, template_id);
    int guid_ok = cJSON_IsString(template_id)
        && mca_guid_normalize(template_id->valuestring, strlen(template_id->valuestring), guid) == MCA_GUID_OK;
    mca_time_format(d->newest_at, date);
    cJSON *out = cJSON_CreateObject();
    if (out == NULL || !attach(out, "dateAgreed", cJSON_CreateString(date))
        || !attach(out, "templateId", guid_ok ? cJSON_CreateString(guid)
                                              : string_or_null(cJSON_IsString(template_id) ? template_id->valuestring : NULL))
        || !attach(out, "primaryContact", cJSON_IsObject(contact) ? cJSON_Duplicate(contact, 1) : cJSON_CreateNull())
        || !attach(out, "userId", string_or_null(cJSON_IsString(user) ? user->valuestring : NULL))
        || !attach(out, "currentTemplate", current < 0 ? cJSON_CreateNull() : cJSON_CreateBool(current))
        || !attach(out, "beforeRefresh", cJSON_CreateBool(d->newest_at < cutoff))) {
        cJSON_Delete(out);
        return NULL;
    }
    return out;
}

/* Flags the template of a confirmation that counts (a warning, not a block). */
static void check_template(decision *d)
{
    if (d->confirmed != CONF_VALID || !(d->reasons & BIT(R_ALREADY_CONFIRMED)))
        return;
    int current = template_state(d, cJSON_GetObjectItemCaseSensitive(d->newest, "templateId"));
    if (current == 0)
        add(d, R_OUTDATED_TEMPLATE);
    else if (current < 0)
        add(d, R_TEMPLATE_UNKNOWN);
}

static cJSON *reasons_json(const decision *d)
{
    cJSON *reasons = cJSON_CreateArray();
    for (int r = 0; reasons != NULL && r < R_COUNT; r++) {
        if ((d->reasons & BIT(r)) && !cJSON_AddItemToArray(reasons, cJSON_CreateString(reason_codes[r]))) {
            cJSON_Delete(reasons);
            return NULL;
        }
    }
    return reasons;
}

static cJSON *result_json(decision *d, tri need, int64_t cutoff)
{
    cJSON *out = cJSON_CreateObject();
    if (out == NULL || !attach(out, "scenario", string_or_null(scenario_name(d->sc)))
        || !attach(out, "needsAttestation", tri_json(need))
        || !attach(out, "canAttest", tri_json(d->can_attest))
        || !attach(out, "action", string_or_null(action_of(d, need)))
        || !attach(out, "reasons", reasons_json(d))
        || !attach(out, "confirmation", confirmation_json(d, cutoff))
        || !attach(out, "customerId", string_or_null(d->customer_id[0] ? d->customer_id : NULL))
        || !attach(out, "status", cJSON_CreateString(status_of(d, need)))
        || !attach(out, "templateId", cJSON_CreateString(d->template_id))) {
        cJSON_Delete(out);
        return NULL;
    }
    return out;
}

cJSON *mca_op_detect_scenario(const cJSON *context, const cJSON *options)
{
    decision d;
    int64_t cutoff;
    const cJSON *allowed;
    memset(&d, 0, sizeof d);
    if (!mca_read_refresh_cutoff(options, &cutoff))
        return mca_call_error_object("refreshCutoff.invalid");
    if (!read_allowed(options, &allowed))
        return mca_call_error_object("allowedRoles.invalid");
    read_customer(&d, cJSON_GetObjectItemCaseSensitive(context, "customer"));
    read_scenario(&d, context);
    read_templates(&d, context, options);
    read_partner(&d, context, allowed);
    if (d.is_new != YES) {
        d.direct = read_direct(context);
        read_agreements(&d, context, cutoff);
    }
    tri need = needs_attestation(&d);
    if (need == YES && d.can_attest != NO && read_attestation(context))
        add(&d, R_ATTESTATION_PENDING);
    check_template(&d);
    return result_json(&d, need, cutoff);
}
