/* The templateId rule: the agreement template decides the agreement type,
 * so only a Microsoft Customer Agreement template is accepted: the current
 * one, or one the caller read from GET /v1/agreements (options.templates). */
#include <string.h>

#include "mca_internal.h"
#include "mca_rules.h"

static const mca_message_entry messages[] = {
    { "templateId.cloudAgreement", "This is the retired Microsoft Cloud Agreement template, which Partner Center no longer supports. Use the current Microsoft Customer Agreement template." },
    { "templateId.invalid", "The template ID must be a GUID: 32 hexadecimal digits as 8-4-4-4-12." },
    { "templateId.invalidUtf8", "The template ID contains text that is not valid Unicode (invalid UTF-8 or an unpaired surrogate)." },
    { "templateId.notCustomerAgreement", "This template is not a known Microsoft Customer Agreement template. Leave the template out to use the current one, or pass the templates from GET /v1/agreements." },
    { "templateId.type", "The template ID must be text." },
    { "templateId.zero", "The all-zero GUID is not an agreement template." },
};
MCA_MESSAGE_TABLE(mca_template_messages, messages);


/* The lower-case template id of an MCA item of GET /v1/agreements. */
static int mca_item(const cJSON *item, char out[37])
{
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(item, "agreementType");
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(item, "templateId");
    return cJSON_IsString(type) && strcmp(type->valuestring, MCA_AGREEMENT_TYPE) == 0 && cJSON_IsString(id)
        && mca_guid_normalize(id->valuestring, strlen(id->valuestring), out) == MCA_GUID_OK;
}

const char *mca_rule_template(const char *s, size_t n, const cJSON *templates, char out[37])
{
    char other[37];
    const cJSON *item, *list = cJSON_IsArray(templates) ? templates : NULL;
    switch (mca_guid_normalize(s, n, out)) {
    case MCA_GUID_OK:
        break;
    case MCA_GUID_ZERO:
        return "zero";
    default:
        return "invalid";
    }
    if (strcmp(out, MCA_TEMPLATE_CLOUD_AGREEMENT) == 0)
        return "cloudAgreement";
    if (strcmp(out, MCA_TEMPLATE_CURRENT) == 0)
        return NULL;
    cJSON_ArrayForEach(item, list) {
        if (mca_item(item, other) && strcmp(other, out) == 0)
            return NULL;
    }
    return "notCustomerAgreement";
}

void mca_template_default(const cJSON *templates, char out[37])
{
    const cJSON *item, *list = cJSON_IsArray(templates) ? templates : NULL;
    double best = 0;
    int found = 0;
    char id[37];
    memcpy(out, MCA_TEMPLATE_CURRENT, sizeof MCA_TEMPLATE_CURRENT);
    cJSON_ArrayForEach(item, list) {
        const cJSON *rank = cJSON_GetObjectItemCaseSensitive(item, "versionRank");
        if (!mca_item(item, id) || strcmp(id, MCA_TEMPLATE_CLOUD_AGREEMENT) == 0 || !cJSON_IsNumber(rank))
            continue;
        if (!found || rank->valuedouble > best) {
            memcpy(out, id, sizeof id);
            best = rank->valuedouble;
            found = 1;
        }
    }
}

void mca_check_template(mca_report *r, const mca_input *input, const cJSON *options)
{
    const char *s;
    size_t n;
    char out[37];
    const cJSON *templates = cJSON_GetObjectItemCaseSensitive(options, "templates");
    int present = mca_optional_string(r, input, "templateId", &s, &n);
    if (present < 0)
        return;
    if (present == 0) {
        mca_template_default(templates, out);
        mca_report_normalized(r, "templateId", out);
        return;
    }
    const char *rule = mca_rule_template(s, n, templates, out);
    if (rule != NULL)
        mca_report_rule(r, "templateId", rule);
    else
        mca_report_normalized(r, "templateId", out);
}
