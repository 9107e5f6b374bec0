/* Validation reports: errors and warnings of the shape the public API
 * returns, and helpers to read fields of the input object. */
#include "mca_internal.h"
#include "mca_rules.h"
#include "mca_unicode.h"

#include <math.h>
#include <string.h>

int mca_report_init(mca_report *r)
{
    mca_json_init();
    r->errors = cJSON_CreateArray();
    r->warnings = cJSON_CreateArray();
    r->normalized = cJSON_CreateObject();
    r->scratch = NULL;
    r->oom = (r->errors == NULL || r->warnings == NULL || r->normalized == NULL);
    if (r->oom) {
        mca_report_fini(r);
        return -1;
    }
    return 0;
}

void mca_report_fini(mca_report *r)
{
    cJSON_Delete(r->errors);
    cJSON_Delete(r->warnings);
    cJSON_Delete(r->normalized);
    cJSON_Delete(r->scratch);
    r->errors = r->warnings = r->normalized = r->scratch = NULL;
}

/* Attaches a new item under a constant key; 0, or -1 when item is NULL. */
static int attach(cJSON *object, const char *key, cJSON *item)
{
    if (item == NULL)
        return -1;
    cJSON_AddItemToObjectCS(object, key, item); /* constant key: cannot fail */
    return 0;
}

static void add_issue(mca_report *r, cJSON *list, const char *field, const char *code)
{
    const char *message = mca_message(code);
    cJSON *item = cJSON_CreateObject();
    if (item == NULL) {
        r->oom = 1;
        return;
    }
    cJSON_AddItemToArray(list, item);
    /* The message is static text of a message table: referenced, not copied. */
    if (attach(item, "field", cJSON_CreateString(field)) != 0
        || attach(item, "code", cJSON_CreateString(code)) != 0
        || attach(item, "message", message ? cJSON_CreateStringReference(message) : cJSON_CreateString(code)) != 0)
        r->oom = 1;
}

void mca_report_error(mca_report *r, const char *field, const char *code)
{
    add_issue(r, r->errors, field, code);
}

void mca_report_warning(mca_report *r, const char *field, const char *code)
{
    add_issue(r, r->warnings, field, code);
}

void mca_report_normalized(mca_report *r, const char *field, const char *value)
{
    cJSON_DeleteItemFromObjectCaseSensitive(r->normalized, field);
    if (attach(r->normalized, field, cJSON_CreateString(value)) != 0)
        r->oom = 1;
}

cJSON *mca_report_take(mca_report *r)
{
    cJSON *out = cJSON_CreateObject();
    if (out == NULL || r->oom) {
        cJSON_Delete(out);
        return NULL;
    }
    if (attach(out, "ok", cJSON_CreateBool(cJSON_GetArraySize(r->errors) == 0)) != 0) {
        cJSON_Delete(out);
        return NULL;
    }
    /* Constant keys: attaching allocates nothing, so it cannot fail. */
    cJSON_AddItemToObjectCS(out, "errors", r->errors);
    cJSON_AddItemToObjectCS(out, "warnings", r->warnings);
    cJSON_AddItemToObjectCS(out, "normalized", r->normalized);
    r->errors = r->warnings = r->normalized = NULL;
    return out;
}

static int is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
            return 0;
    return 1;
}

mca_field_kind mca_field_string(const cJSON *obj, const char *name, const char **s, size_t *n)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (item == NULL)
        return MCA_FIELD_MISSING;
    if (cJSON_IsNull(item))
        return MCA_FIELD_NULL;
    if (!cJSON_IsString(item) || item->valuestring == NULL)
        return MCA_FIELD_WRONG_TYPE;
    if (is_blank(item->valuestring))
        return MCA_FIELD_EMPTY;
    *s = item->valuestring;
    *n = strlen(item->valuestring);
    return MCA_FIELD_STRING;
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

/* Hands text (from mca_malloc) to the report, which frees it at the end;
 * 0, or -1 (text freed) when out of memory. */
static int keep(mca_report *r, char *text)
{
    cJSON *item = NULL;
    if ((r->scratch != NULL || (r->scratch = cJSON_CreateArray()) != NULL)
        && (item = cJSON_CreateStringReference("")) != NULL) {
        item->type = cJSON_String; /* owns text now: cJSON_Delete frees it */
        item->valuestring = text;
        cJSON_AddItemToArray(r->scratch, item);
        return 0;
    }
    mca_free(text);
    r->oom = 1;
    return -1;
}

static int has_non_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 1;
    return 0;
}

/* A string field's text as every rule takes it: valid UTF-8 (else
 * "invalidUtf8" and -1), trimmed (0 when nothing is left), in NFC (1). */
static int prepare_text(mca_report *r, const char *field, const char **s, size_t *n)
{
    char *text;
    size_t len;
    if (!mca_utf8_valid(*s, *n)) {
        mca_report_rule(r, field, "invalidUtf8");
        return -1;
    }
    *s = mca_utf8_trim(*s, n);
    if (*n == 0)
        return 0;
    if (!has_non_ascii(*s, *n))
        return 1;
    if (mca_nfc(*s, *n, &text, &len) != 0 || keep(r, text) != 0) {
        r->oom = 1;
        return -1;
    }
    *s = text;
    *n = len;
    return 1;
}

int mca_require_string(mca_report *r, const cJSON *obj, const char *field, const char **s, size_t *n)
{
    switch (mca_field_string(obj, field, s, n)) {
    case MCA_FIELD_STRING:
        switch (prepare_text(r, field, s, n)) {
        case 1:
            return 1;
        case 0:
            mca_report_rule(r, field, "required");
            return 0;
        default:
            return 0;
        }
    case MCA_FIELD_WRONG_TYPE:
        mca_report_rule(r, field, "type");
        return 0;
    default:
        mca_report_rule(r, field, "required");
        return 0;
    }
}

int mca_optional_string(mca_report *r, const cJSON *obj, const char *field, const char **s, size_t *n)
{
    switch (mca_field_string(obj, field, s, n)) {
    case MCA_FIELD_STRING:
        return prepare_text(r, field, s, n);
    case MCA_FIELD_WRONG_TYPE:
        mca_report_rule(r, field, "type");
        return -1;
    default:
        return 0;
    }
}

void mca_warn_unknown_fields(mca_report *r, const cJSON *obj, const char *const *known)
{
    const cJSON *item;
    cJSON_ArrayForEach(item, obj) {
        const char *const *k = known;
        while (*k != NULL && (item->string == NULL || strcmp(*k, item->string) != 0))
            k++;
        if (*k == NULL)
            mca_report_warning(r, item->string ? item->string : "", "input.unknownField");
    }
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

void mca_check_text_field(mca_report *r, const cJSON *input, const char *field, mca_text_rule rule_fn)
{
    const char *s;
    size_t n;
    char *text = NULL;
    if (!mca_require_string(r, input, field, &s, &n))
        return;
    const char *rule = rule_fn(s, n, &text);
    if (rule == mca_rule_out_of_memory)
        r->oom = 1;
    else if (rule != NULL)
        mca_report_rule(r, field, rule);
    else
        mca_report_normalized(r, field, text);
    mca_free(text);
}
