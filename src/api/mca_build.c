/* The result of the build operations: a validation report plus the request
 * object (payload) and its exact JSON text (body). */
#include "mca_internal.h"

cJSON *mca_build_result(mca_report *r, cJSON *payload)
{
    char *body = NULL;
    if (payload != NULL && (body = cJSON_PrintUnformatted(payload)) == NULL) {
        cJSON_Delete(payload);
        return NULL;
    }
    cJSON *out = mca_report_take(r);
    cJSON *payload_item = payload != NULL ? payload : cJSON_CreateNull();
    cJSON *body_item = body != NULL ? cJSON_CreateStringReference("") : cJSON_CreateNull();
    if (body_item != NULL && body != NULL) {
        /* The string item takes the printed text over (allocated through
         * cJSON's hooks, so cJSON_Delete frees it) instead of a copy. */
        body_item->type = cJSON_String;
        body_item->valuestring = body;
        body = NULL;
    }
    mca_free(body);
    if (out == NULL || payload_item == NULL || body_item == NULL) {
        cJSON_Delete(out);
        cJSON_Delete(payload_item);
        cJSON_Delete(body_item);
        return NULL;
    }
    /* Constant keys: attaching allocates nothing, so it cannot fail. */
    cJSON_AddItemToObjectCS(out, "payload", payload_item);
    cJSON_AddItemToObjectCS(out, "body", body_item);
    return out;
}

/* Copies the normalised value of field (when there is one) into payload
 * under name; 0 on success, -1 when memory ran out. */
int mca_payload_copy(cJSON *payload, const cJSON *normalized, const char *field, const char *name)
{
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(normalized, field);
    if (!cJSON_IsString(value))
        return 0;
    cJSON *item = cJSON_CreateStringReference(value->valuestring);
    if (item == NULL)
        return -1;
    cJSON_AddItemToObjectCS(payload, name, item);
    return 0;
}

int mca_report_ok(const mca_report *r)
{
    return cJSON_GetArraySize(r->errors) == 0;
}

cJSON *mca_run_rules(const cJSON *input, const cJSON *options, mca_validate_fn validate,
                     mca_payload_fn payload_fn)
{
    mca_report r;
    cJSON *payload = NULL;
    if (mca_report_init(&r) != 0)
        return NULL;
    validate(&r, input, options);
    cJSON *out;
    if (payload_fn == NULL) {
        out = mca_report_take(&r);
    } else {
        if (mca_report_ok(&r) && !r.oom && (payload = payload_fn(r.normalized)) == NULL)
            r.oom = 1;
        out = mca_build_result(&r, payload);
    }
    mca_report_fini(&r);
    return out;
}
