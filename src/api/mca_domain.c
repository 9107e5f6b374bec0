/* The domain literals the JavaScript shell needs, exported once by the
 * "constants" operation (under "domain") so that no JavaScript file types
 * an agreement type, a template id, a service code or a field list. */
#include "mca_internal.h"
#include "mca_rules.h"
#include "mca_scenario.h"

/* The customer's acceptance page of an enhanced attestation, up to the id. */
#define MCA_ACCEPTANCE_LINK "https://cdn.partner.microsoft.com/mca/?attestationid="

/* Partner Center's numeric codes the shell acts on, by name. */
static const struct { const char *name; double code; } service_codes[] = {
    { "agreementAlreadyExists", 600061 },
};

/* Each flow's input fields in the order of the input (and of a template
 * CSV), with the ones that must be given; the request body's builder. */
static const char *const classic_fields[] = { "customerId", "firstName", "lastName", "email", "phoneNumber",
                                              "dateAgreed", "templateId", "country" };
static const char *const classic_required[] = { "customerId", "firstName", "lastName", "email", "dateAgreed" };
static const char *const enhanced_fields[] = { "customerId", "companyName", "country", "language", "signatoryFirstName",
                                               "signatoryLastName", "signatoryEmail", "signatoryPhoneNumber" };
static const char *const enhanced_required[] = { "customerId", "companyName", "country", "language",
                                                 "signatoryFirstName", "signatoryLastName", "signatoryEmail" };

typedef struct flow_def {
    const char *name, *builder;
    const char *const *fields;
    int nfields;
    const char *const *required;
    int nrequired;
} flow_def;

#define COUNT(a) ((int)(sizeof (a) / sizeof (a)[0]))
static const flow_def flows[] = {
    { "classic", "buildConfirmation", classic_fields, COUNT(classic_fields), classic_required, COUNT(classic_required) },
    { "enhanced", "buildAttestation", enhanced_fields, COUNT(enhanced_fields), enhanced_required, COUNT(enhanced_required) },
};

/* The flow a new bulk run takes when none is chosen: the classic
 * confirmation is retired for new attestations. */
#define MCA_DEFAULT_FLOW "enhanced"

static int add(cJSON *obj, const char *key, cJSON *item)
{
    if (item == NULL)
        return 0;
    cJSON_AddItemToObjectCS(obj, key, item);
    return 1;
}

static cJSON *flow_json(const flow_def *f)
{
    cJSON *out = cJSON_CreateObject();
    if (out == NULL || !add(out, "builder", cJSON_CreateString(f->builder))
        || !add(out, "fields", cJSON_CreateStringArray(f->fields, f->nfields))
        || !add(out, "required", cJSON_CreateStringArray(f->required, f->nrequired))) {
        cJSON_Delete(out);
        return NULL;
    }
    return out;
}

static cJSON *flows_json(void)
{
    cJSON *out = cJSON_CreateObject();
    for (int i = 0; out != NULL && i < COUNT(flows); i++) {
        if (!add(out, flows[i].name, flow_json(&flows[i]))) {
            cJSON_Delete(out);
            return NULL;
        }
    }
    return out;
}

static cJSON *codes_json(void)
{
    cJSON *out = cJSON_CreateObject();
    for (int i = 0; out != NULL && i < COUNT(service_codes); i++) {
        if (!add(out, service_codes[i].name, cJSON_CreateNumber(service_codes[i].code))) {
            cJSON_Delete(out);
            return NULL;
        }
    }
    return out;
}

cJSON *mca_domain_constants(void)
{
    cJSON *out = cJSON_CreateObject();
    if (out == NULL || !add(out, "agreementType", cJSON_CreateString(MCA_AGREEMENT_TYPE))
        || !add(out, "templateId", cJSON_CreateString(MCA_TEMPLATE_CURRENT))
        || !add(out, "refreshCutoff", cJSON_CreateString(MCA_REFRESH_CUTOFF))
        || !add(out, "acceptanceLink", cJSON_CreateString(MCA_ACCEPTANCE_LINK))
        || !add(out, "serviceCodes", codes_json())
        || !add(out, "defaultFlow", cJSON_CreateString(MCA_DEFAULT_FLOW))
        || !add(out, "flows", flows_json())) {
        cJSON_Delete(out);
        return NULL;
    }
    return out;
}
