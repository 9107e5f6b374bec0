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
    cJSON *body_item = body != NULL ? cJSON_CreateString(body) : cJSON_CreateNull();
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
    return cJSON_AddStringToObject(payload, name, value->valuestring) != NULL ? 0 : -1;
}

int mca_report_ok(const mca_report *r)
{
    return cJSON_GetArraySize(r->errors) == 0;
}
