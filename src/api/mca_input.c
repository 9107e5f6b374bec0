/* An operation's input fields, read once from a JSON object or a CSV record
 * into length-delimited slices, and the helpers the field checks share to
 * read them. */
#include "mca_internal.h"
#include "mca_unicode.h"

#include <string.h>

void mca_input_init(mca_input *in, const char *const *names)
{
    memset(in, 0, sizeof *in);
    in->names = names;
    while (names[in->count] != NULL && in->count < MCA_INPUT_MAX_FIELDS)
        in->count++;
}

int mca_input_index(const mca_input *in, const char *name, size_t len)
{
    for (size_t i = 0; i < in->count; i++) /* the same constant, mostly */
        if (in->names[i] == name)
            return (int)i;
    for (size_t i = 0; i < in->count; i++)
        if (strncmp(in->names[i], name, len) == 0 && in->names[i][len] == '\0')
            return (int)i;
    return -1;
}

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

void mca_input_set(mca_input *in, size_t i, const char *s, size_t n)
{
    in->kind[i] = (unsigned char)(is_blank(s, n) ? MCA_FIELD_EMPTY : MCA_FIELD_STRING);
    in->s[i] = s;
    in->n[i] = n;
}

void mca_input_from_json(mca_input *in, const char *const *names, const cJSON *object)
{
    const cJSON *item;
    mca_input_init(in, names);
    in->object = object;
    cJSON_ArrayForEach(item, object) {
        int i = item->string != NULL ? mca_input_index(in, item->string, strlen(item->string)) : -1;
        if (i < 0 || in->kind[i] != MCA_FIELD_MISSING)
            continue;
        if (cJSON_IsNull(item))
            in->kind[i] = MCA_FIELD_NULL;
        else if (!cJSON_IsString(item) || item->valuestring == NULL)
            in->kind[i] = MCA_FIELD_WRONG_TYPE;
        else
            mca_input_set(in, (size_t)i, item->valuestring, strlen(item->valuestring));
    }
}

mca_field_kind mca_field_string(const mca_input *in, const char *name, const char **s, size_t *n)
{
    int i = -1;
    for (size_t k = 0; k < in->count && i < 0; k++) /* the same constant, mostly */
        if (in->names[k] == name)
            i = (int)k;
    if (i < 0)
        i = mca_input_index(in, name, strlen(name));
    if (i < 0)
        return MCA_FIELD_MISSING;
    if (in->kind[i] == MCA_FIELD_STRING) {
        *s = in->s[i];
        *n = in->n[i];
    }
    return (mca_field_kind)in->kind[i];
}

/* A string field's text as every rule takes it: valid UTF-8 (else
 * "invalidUtf8" and -1; a CSV record is checked already), trimmed (0 when
 * nothing is left), in NFC (1): a copy in the report's arena only when the
 * text is not in NFC by the quick check. */
static int prepare_text(mca_report *r, const mca_input *in, const char *field, const char **s, size_t *n)
{
    char *text;
    size_t len;
    if (!in->utf8_checked && !mca_utf8_valid(*s, *n)) {
        mca_report_rule(r, field, "invalidUtf8");
        return -1;
    }
    *s = mca_utf8_trim(*s, n);
    if (*n == 0)
        return 0;
    if (mca_nfc_quick(*s, *n))
        return 1;
    if (mca_nfc_in(r->arena, *s, *n, &text, &len) != 0) {
        r->oom = 1;
        return -1;
    }
    *s = text;
    *n = len;
    return 1;
}

int mca_require_string(mca_report *r, const mca_input *in, const char *field, const char **s, size_t *n)
{
    switch (mca_field_string(in, field, s, n)) {
    case MCA_FIELD_STRING:
        switch (prepare_text(r, in, field, s, n)) {
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

int mca_optional_string(mca_report *r, const mca_input *in, const char *field, const char **s, size_t *n)
{
    switch (mca_field_string(in, field, s, n)) {
    case MCA_FIELD_STRING:
        return prepare_text(r, in, field, s, n);
    case MCA_FIELD_WRONG_TYPE:
        mca_report_rule(r, field, "type");
        return -1;
    default:
        return 0;
    }
}

void mca_warn_unknown_members(mca_report *r, const cJSON *obj, const char *const *known)
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

void mca_warn_unknown_fields(mca_report *r, const mca_input *in)
{
    if (in->object != NULL)
        mca_warn_unknown_members(r, in->object, in->names);
    for (size_t i = 0; i < in->unknown_count; i++)
        mca_report_warning(r, in->unknown[i], "input.unknownField");
}
