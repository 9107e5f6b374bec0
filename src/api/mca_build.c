/* The validate and build operations: the rules of one kind of request run
 * on its input, and the request body written from the normalised values
 * by a table (so a single call and the batch write the same text). */
#include "mca_internal.h"

#include <string.h>

/* Members of the open objects: 1 while the next member is the first. */
#define BODY_MAX_DEPTH 4

/* The JSON punctuation of a body, as it stands and inside a string. */
static void punct(mca_text *t, const char *plain, const char *quoted, int as_string)
{
    mca_text_puts(t, as_string ? quoted : plain);
}

static void string(mca_text *t, const char *s, size_t n, int as_string)
{
    if (as_string)
        mca_text_string_in_string(t, s, n);
    else
        mca_text_string(t, s, n);
}

void mca_body_write(mca_text *t, const mca_body_part *body, const mca_report *r, int as_string)
{
    int first[BODY_MAX_DEPTH] = { 1 };
    size_t depth = 0;
    punct(t, "{", "\"{", as_string);
    for (const mca_body_part *p = body; p->kind != MCA_BODY_END; p++) {
        const mca_value *v = p->kind == MCA_BODY_FIELD ? mca_report_value(r, p->value) : NULL;
        if (p->kind == MCA_BODY_CLOSE) {
            punct(t, "}", "}", as_string);
            depth -= depth > 0;
            continue;
        }
        if (p->kind == MCA_BODY_FIELD && v == NULL)
            continue;
        if (!first[depth])
            punct(t, ",", ",", as_string);
        first[depth] = 0;
        string(t, p->name, strlen(p->name), as_string);
        punct(t, ":", ":", as_string);
        if (p->kind == MCA_BODY_OPEN) {
            punct(t, "{", "{", as_string);
            if (depth + 1 < BODY_MAX_DEPTH)
                first[++depth] = 1;
        } else if (p->kind == MCA_BODY_FIELD) {
            string(t, v->text, v->len, as_string);
        } else {
            string(t, p->value, strlen(p->value), as_string);
        }
    }
    punct(t, "}", "}\"", as_string);
}

cJSON *mca_build_result(mca_report *r, char *body, size_t body_len)
{
    cJSON *payload = body != NULL ? cJSON_ParseWithLength(body, body_len) : cJSON_CreateNull();
    cJSON *out = mca_report_take(r);
    cJSON *body_item = body != NULL ? cJSON_CreateStringReference("") : cJSON_CreateNull();
    if (body_item != NULL && body != NULL) {
        /* The string item takes the text over (allocated through the core's
         * allocator, as cJSON's, so cJSON_Delete frees it) instead of a copy. */
        body_item->type = cJSON_String;
        body_item->valuestring = body;
        body = NULL;
    }
    mca_free(body);
    if (out == NULL || payload == NULL || body_item == NULL) {
        cJSON_Delete(out);
        cJSON_Delete(payload);
        cJSON_Delete(body_item);
        return NULL;
    }
    /* Constant keys: attaching allocates nothing, so it cannot fail. */
    cJSON_AddItemToObjectCS(out, "payload", payload);
    cJSON_AddItemToObjectCS(out, "body", body_item);
    return out;
}

void mca_rules_run(const mca_rules *rules, mca_report *r, const mca_input *input, const cJSON *options)
{
    rules->validate(r, input, options);
    mca_warn_unknown_fields(r, input);
}

cJSON *mca_run_rules(const cJSON *input, const cJSON *options, const mca_rules *rules, int builds)
{
    mca_report r;
    mca_input in;
    char *body = NULL;
    size_t body_len = 0;
    if (mca_report_init(&r) != 0)
        return NULL;
    mca_input_from_json(&in, rules->fields, input);
    mca_rules_run(rules, &r, &in, options);
    cJSON *out;
    if (!builds) {
        out = mca_report_take(&r);
    } else {
        if (mca_report_ok(&r) && !r.oom) {
            mca_text t;
            mca_text_init(&t);
            mca_body_write(&t, rules->body, &r, 0);
            if ((body = mca_text_take(&t, &body_len)) == NULL)
                r.oom = 1;
        }
        out = mca_build_result(&r, body, body_len);
    }
    mca_report_fini(&r);
    return out;
}
