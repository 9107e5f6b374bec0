/* The "constants" operation: what the JavaScript shell needs to know from
 * the core (version, limits, every code with its English text), exported
 * once so JavaScript never copies a table. */
#include "mca_internal.h"
#include "mca_unicode.h"
#include "mca_rules.h"
#include "mca_scenario.h"
#include "mca_calls.h"

#include <string.h>

static cJSON *messages_object(void)
{
    size_t ntables;
    const mca_message_table *const *tables = mca_message_tables(&ntables);
    cJSON *obj = cJSON_CreateObject();
    for (size_t t = 0; obj != NULL && t < ntables; t++) {
        for (size_t i = 0; i < tables[t]->count; i++) {
            const mca_message_entry *m = &tables[t]->entries[i];
            if (cJSON_AddStringToObject(obj, m->code, m->message) == NULL) {
                cJSON_Delete(obj);
                return NULL;
            }
        }
    }
    return obj;
}

/* The English texts of explainError's codes: "<code>" is the message and
 * "<code>.action" what to do, so the UI translates both by key. */
static int add_error_texts(cJSON *messages, cJSON *codes)
{
    size_t n;
    const mca_error_kind *kinds = mca_error_kinds(&n);
    for (size_t i = 0; i < n; i++) {
        char key[96];
        size_t len = strlen(kinds[i].code);
        if (len + sizeof ".action" > sizeof key)
            return 0;
        memcpy(key, kinds[i].code, len);
        memcpy(key + len, ".action", sizeof ".action");
        if (cJSON_AddStringToObject(messages, kinds[i].code, kinds[i].message) == NULL
            || cJSON_AddStringToObject(messages, key, kinds[i].action) == NULL
            || !cJSON_AddItemToArray(codes, cJSON_CreateString(kinds[i].code)))
            return 0;
    }
    return 1;
}

static cJSON *reasons_array(void)
{
    size_t n;
    const char *const *codes = mca_scenario_reasons(&n);
    return cJSON_CreateStringArray(codes, (int)n);
}

/* Where the generated rule tables come from, with versions. */
static cJSON *data_sources_object(void)
{
    cJSON *obj = cJSON_CreateObject();
    if (obj == NULL || cJSON_AddStringToObject(obj, "countries", mca_source_countries) == NULL
        || cJSON_AddStringToObject(obj, "languages", mca_source_languages) == NULL
        || cJSON_AddStringToObject(obj, "phone", mca_source_phone) == NULL) {
        cJSON_Delete(obj);
        return NULL;
    }
    return obj;
}

cJSON *mca_op_constants(const cJSON *input, const cJSON *options)
{
    (void)input;
    (void)options;
    cJSON *out = cJSON_CreateObject();
    cJSON *messages = messages_object();
    cJSON *errors = cJSON_CreateArray();
    cJSON *reasons = reasons_array();
    cJSON *sources = data_sources_object();
    cJSON *calls = mca_calls_object();
    cJSON *domain = mca_domain_constants();
    int texts_ok = messages != NULL && errors != NULL && add_error_texts(messages, errors);
    if (out == NULL || !texts_ok || reasons == NULL || sources == NULL || calls == NULL || domain == NULL
        || cJSON_AddStringToObject(out, "version", mca_version()) == NULL
        || cJSON_AddStringToObject(out, "cjsonVersion", cJSON_Version()) == NULL
        || cJSON_AddStringToObject(out, "unicodeVersion", mca_unicode_version) == NULL
        || cJSON_AddNumberToObject(out, "maxInputBytes", MCA_MAX_INPUT_BYTES) == NULL) {
        cJSON_Delete(out);
        cJSON_Delete(messages);
        cJSON_Delete(errors);
        cJSON_Delete(reasons);
        cJSON_Delete(sources);
        cJSON_Delete(calls);
        cJSON_Delete(domain);
        return NULL;
    }
    cJSON_AddItemToObjectCS(out, "messages", messages);
    /* Each Partner Center call: method, path, token kind, bulk flows. */
    cJSON_AddItemToObjectCS(out, "calls", calls);
    cJSON_AddItemToObjectCS(out, "dataSources", sources);
    cJSON_AddItemToObjectCS(out, "domain", domain);
    /* Every code detectScenario lists and every code explainError returns. */
    cJSON_AddItemToObjectCS(out, "scenarioReasons", reasons);
    cJSON_AddItemToObjectCS(out, "errorCodes", errors);
    return out;
}
