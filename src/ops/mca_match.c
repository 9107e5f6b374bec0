/* matchAgreement: is an agreement read back from Partner Center the one
 * that was sent? (docs/scenario.md "Reading a write back")
 *
 * An enhanced attestation's agreement is found by its attestationId. A
 * classic confirmation by all of: type MicrosoftCustomerAgreement, the same
 * template, the same contact e-mail (ignoring case) and the same moment of
 * acceptance. A confirmation of the same contact and template from another
 * date is another record (one from before the refresh cut-off does not
 * count), never the one sent. */
#include "mca_internal.h"
#include "mca_rules.h"
#include "mca_scenario.h"
#include "mca_time.h"

#include <string.h>

static const mca_message_entry messages[] = {
    { "match.agreementsInvalid", "The agreements read back must be a list (or a collection { totalCount, items })." },
    { "match.sentInvalid", "What was sent must be an object: the confirmation (type, templateId, primaryContact, dateAgreed) or { attestationId }." },
};
MCA_MESSAGE_TABLE(mca_match_messages, messages);

typedef struct sent_facts {
    int enhanced;            /* matched by attestationId */
    char attestation[37];
    char template_id[37];
    const char *email;
    int64_t at;
} sent_facts;

static const char *text_of(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int guid_of(const cJSON *obj, const char *key, char out[37])
{
    const char *s = text_of(obj, key);
    return s != NULL && mca_guid_normalize(s, strlen(s), out) == MCA_GUID_OK;
}

static int time_of(const cJSON *obj, const char *key, int64_t *at)
{
    const char *s = text_of(obj, key);
    return s != NULL && mca_time_parse(s, strlen(s), at) == MCA_TIME_OK;
}

static int same_text_ci(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = (*a >= 'A' && *a <= 'Z') ? (char)(*a + 32) : *a;
        char y = (*b >= 'A' && *b <= 'Z') ? (char)(*b + 32) : *b;
        if (x != y)
            return 0;
    }
    return *a == *b;
}

/* What identifies the record sent; 0 when it cannot identify one. */
static int read_sent(const cJSON *sent, sent_facts *s)
{
    memset(s, 0, sizeof *s);
    if (cJSON_GetObjectItemCaseSensitive(sent, "attestationId") != NULL) {
        s->enhanced = 1;
        return guid_of(sent, "attestationId", s->attestation);
    }
    const char *type = text_of(sent, "type");
    s->email = text_of(cJSON_GetObjectItemCaseSensitive(sent, "primaryContact"), "email");
    return (type == NULL || strcmp(type, MCA_AGREEMENT_TYPE) == 0) && guid_of(sent, "templateId", s->template_id)
        && s->email != NULL && time_of(sent, "dateAgreed", &s->at);
}

static int is_match(const cJSON *item, const sent_facts *s)
{
    char id[37];
    int64_t at;
    if (s->enhanced)
        return guid_of(item, "attestationId", id) && strcmp(id, s->attestation) == 0;
    const char *type = text_of(item, "type");
    const char *email = text_of(cJSON_GetObjectItemCaseSensitive(item, "primaryContact"), "email");
    return type != NULL && strcmp(type, MCA_AGREEMENT_TYPE) == 0 && guid_of(item, "templateId", id)
        && strcmp(id, s->template_id) == 0 && email != NULL && same_text_ci(email, s->email)
        && time_of(item, "dateAgreed", &at) && at == s->at;
}

static cJSON *result(const cJSON *found, int index, int64_t cutoff)
{
    int64_t at;
    cJSON *out = cJSON_CreateObject();
    int ok = out != NULL
        && cJSON_AddBoolToObject(out, "found", found != NULL) != NULL
        && cJSON_AddItemToObjectCS(out, "agreement", found != NULL ? cJSON_Duplicate(found, 1) : cJSON_CreateNull())
        && cJSON_AddItemToObjectCS(out, "index", found != NULL ? cJSON_CreateNumber(index) : cJSON_CreateNull())
        && cJSON_AddItemToObjectCS(out, "counts", found == NULL ? cJSON_CreateNull()
                                   : cJSON_CreateBool(time_of(found, "dateAgreed", &at) && at >= cutoff));
    if (!ok) {
        cJSON_Delete(out);
        return NULL;
    }
    return out;
}

cJSON *mca_op_match_agreement(const cJSON *input, const cJSON *options)
{
    const cJSON *given = cJSON_GetObjectItemCaseSensitive(input, "agreements");
    const cJSON *items = cJSON_IsArray(given) ? given : cJSON_GetObjectItemCaseSensitive(given, "items");
    const cJSON *sent = cJSON_GetObjectItemCaseSensitive(input, "sent"), *item;
    sent_facts s;
    int64_t cutoff;
    int index = 0;
    if (!mca_read_refresh_cutoff(options, &cutoff))
        return mca_call_error_object("refreshCutoff.invalid");
    if (!cJSON_IsArray(items))
        return mca_call_error_object("match.agreementsInvalid");
    if (!cJSON_IsObject(sent) || !read_sent(sent, &s))
        return mca_call_error_object("match.sentInvalid");
    cJSON_ArrayForEach(item, items) {
        if (cJSON_IsObject(item) && is_match(item, &s))
            return result(item, index, cutoff);
        index++;
    }
    return result(NULL, 0, cutoff);
}
