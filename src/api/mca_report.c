/* Validation reports: errors, warnings and normalised values in the order
 * the checks find them, kept in an arena (no allocation per field), and
 * turned into the result object of the public API. */
#include "mca_internal.h"
#include "mca_rules.h"

#include <math.h>
#include <string.h>

void mca_report_init_in(mca_report *r, mca_arena *a)
{
    memset(r, 0, sizeof *r);
    r->arena = a;
    r->errors_end = &r->errors;
    r->warnings_end = &r->warnings;
    r->normalized_end = &r->normalized;
}

int mca_report_init(mca_report *r)
{
    mca_json_init();
    mca_report_init_in(r, NULL);
    mca_arena_init(&r->own);
    r->arena = &r->own;
    return 0;
}

void mca_report_fini(mca_report *r)
{
    if (r->arena == &r->own)
        mca_arena_fini(&r->own);
    r->errors = r->warnings = NULL;
    r->normalized = NULL;
}

/* The field name is kept as given (a constant, or a member or column name
 * that outlives the report); the code is copied (it may be built on the
 * stack). */
static void add_issue(mca_report *r, mca_issue ***end, const char *field, const char *code)
{
    mca_issue *issue = mca_arena_alloc(r->arena, sizeof *issue);
    char *copy = mca_arena_strndup(r->arena, code, strlen(code));
    if (issue == NULL || copy == NULL) {
        r->oom = 1;
        return;
    }
    issue->field = field;
    issue->code = copy;
    issue->next = NULL;
    **end = issue;
    *end = &issue->next;
}

void mca_report_error(mca_report *r, const char *field, const char *code)
{
    add_issue(r, &r->errors_end, field, code);
    r->error_count++;
}

void mca_report_warning(mca_report *r, const char *field, const char *code)
{
    add_issue(r, &r->warnings_end, field, code);
}

void mca_report_normalized_ref(mca_report *r, const char *field, const char *value, size_t len)
{
    mca_value *v = mca_arena_alloc(r->arena, sizeof *v);
    if (v == NULL) {
        r->oom = 1;
        return;
    }
    v->field = field;
    v->text = value;
    v->len = len;
    v->next = NULL;
    *r->normalized_end = v;
    r->normalized_end = &v->next;
}

void mca_report_normalized(mca_report *r, const char *field, const char *value)
{
    size_t len = strlen(value);
    char *copy = mca_arena_strndup(r->arena, value, len);
    if (copy == NULL)
        r->oom = 1;
    else
        mca_report_normalized_ref(r, field, copy, len);
}

const mca_value *mca_report_value(const mca_report *r, const char *field)
{
    for (const mca_value *v = r->normalized; v != NULL; v = v->next) /* the same constant, mostly */
        if (v->field == field)
            return v;
    for (const mca_value *v = r->normalized; v != NULL; v = v->next)
        if (strcmp(v->field, field) == 0)
            return v;
    return NULL;
}

int mca_report_ok(const mca_report *r)
{
    return r->error_count == 0;
}

/* Attaches a new item under a constant key; 0, or -1 when item is NULL. */
static int attach(cJSON *object, const char *key, cJSON *item)
{
    if (item == NULL)
        return -1;
    cJSON_AddItemToObjectCS(object, key, item); /* constant key: cannot fail */
    return 0;
}

/* [{field, code, message}]; the message is static text of a message table:
 * referenced, not copied. */
static cJSON *issue_list(const mca_issue *issue)
{
    cJSON *list = cJSON_CreateArray();
    for (; list != NULL && issue != NULL; issue = issue->next) {
        const char *message = mca_message(issue->code);
        cJSON *item = cJSON_CreateObject();
        if (item == NULL) {
            cJSON_Delete(list);
            return NULL;
        }
        cJSON_AddItemToArray(list, item);
        if (attach(item, "field", cJSON_CreateString(issue->field)) != 0
            || attach(item, "code", cJSON_CreateString(issue->code)) != 0
            || attach(item, "message", message ? cJSON_CreateStringReference(message)
                                               : cJSON_CreateString(issue->code)) != 0) {
            cJSON_Delete(list);
            return NULL;
        }
    }
    return list;
}

/* {field: value}; the keys are constant field names. */
static cJSON *value_object(const mca_value *v)
{
    cJSON *object = cJSON_CreateObject();
    for (; object != NULL && v != NULL; v = v->next) {
        if (attach(object, v->field, cJSON_CreateString(v->text)) != 0) {
            cJSON_Delete(object);
            return NULL;
        }
    }
    return object;
}

cJSON *mca_report_take(mca_report *r)
{
    if (r->oom)
        return NULL;
    cJSON *out = cJSON_CreateObject();
    cJSON *errors = issue_list(r->errors);
    cJSON *warnings = issue_list(r->warnings);
    cJSON *normalized = value_object(r->normalized);
    if (out == NULL || errors == NULL || warnings == NULL || normalized == NULL
        || attach(out, "ok", cJSON_CreateBool(r->error_count == 0)) != 0) {
        cJSON_Delete(out);
        cJSON_Delete(errors);
        cJSON_Delete(warnings);
        cJSON_Delete(normalized);
        return NULL;
    }
    /* Constant keys: attaching allocates nothing, so it cannot fail. */
    cJSON_AddItemToObjectCS(out, "errors", errors);
    cJSON_AddItemToObjectCS(out, "warnings", warnings);
    cJSON_AddItemToObjectCS(out, "normalized", normalized);
    return out;
}

/* Builds "<field>.<rule>" into buf (codes are short; fields are known). */
static const char *field_code(char *buf, size_t size, const char *field, const char *rule)
{
    size_t f = strlen(field), k = strlen(rule);
    if (f + 1 + k + 1 > size)
        return "input.invalid";
    memcpy(buf, field, f);
    buf[f] = '.';
    memcpy(buf + f + 1, rule, k + 1);
    return buf;
}

void mca_report_rule(mca_report *r, const char *field, const char *rule)
{
    char code[64];
    mca_report_error(r, field, field_code(code, sizeof code, field, rule));
}

void mca_report_rule_warning(mca_report *r, const char *field, const char *rule)
{
    char code[64];
    mca_report_warning(r, field, field_code(code, sizeof code, field, rule));
}

int mca_option_now(const cJSON *options, double *ms)
{
    const cJSON *now = cJSON_GetObjectItemCaseSensitive(options, "now");
    if (!cJSON_IsNumber(now) || !isfinite(now->valuedouble))
        return -1;
    *ms = now->valuedouble;
    return 0;
}

cJSON *mca_call_error_object(const char *code)
{
    cJSON *out = cJSON_CreateObject();
    cJSON *err = cJSON_AddObjectToObject(out, "error");
    if (err == NULL || cJSON_AddStringToObject(err, "code", code) == NULL
        || cJSON_AddStringToObject(err, "message", mca_message(code)) == NULL) {
        cJSON_Delete(out);
        return NULL;
    }
    return out;
}

void mca_check_text_field(mca_report *r, const mca_input *input, const char *field, mca_text_rule rule_fn)
{
    const char *s;
    size_t n, len = 0;
    char *text = NULL;
    if (!mca_require_string(r, input, field, &s, &n))
        return;
    const char *rule = rule_fn(r->arena, s, n, &text, &len);
    if (rule == mca_rule_out_of_memory)
        r->oom = 1;
    else if (rule != NULL)
        mca_report_rule(r, field, rule);
    else
        mca_report_normalized_ref(r, field, text, len);
}
