/* mca_call: the JSON-text entry point of the public API. Parses
 * {"input": ..., "options": {...}}, runs the named operation and prints its
 * result. Failures of the call itself come back as {"error": {code, message}}. */
#include "mca_internal.h"

#include <stdlib.h>
#include <string.h>

/* An operation whose result is printed straight into text (the batch). */
typedef char *(*mca_text_op_fn)(const cJSON *input, const cJSON *options, size_t *out_len);

typedef struct mca_op {
    const char *name;
    mca_op_fn fn;           /* a result tree, printed by finish() */
    mca_text_op_fn text;    /* or the result's text */
    int needs_object; /* input must be a JSON object */
    int builds;       /* results carry payload and body */
} mca_op;

static char *call_error(const char *code, size_t *out_len);

/* buildCsv and its block on a JSON string input (mca_call); mca_call_data
 * reads bytes. */
static char *string_input(const cJSON *input, const cJSON *options, size_t *out_len, mca_data_text_fn fn)
{
    if (!cJSON_IsString(input) || input->valuestring == NULL)
        return call_error("csv.notText", out_len);
    return fn(input->valuestring, strlen(input->valuestring), options, out_len);
}

static char *text_build_csv(const cJSON *input, const cJSON *options, size_t *out_len)
{
    return string_input(input, options, out_len, mca_data_build_csv);
}

static char *text_build_csv_block(const cJSON *input, const cJSON *options, size_t *out_len)
{
    return string_input(input, options, out_len, mca_data_build_csv_block);
}

/* Sorted by name for bsearch. */
static const mca_op ops[] = {
    { "buildAttestation", mca_op_build_attestation, NULL, 1, 1 },
    { "buildAttestationAgreement", mca_op_build_attestation_agreement, NULL, 1, 1 },
    { "buildConfirmation", mca_op_build_confirmation, NULL, 1, 1 },
    { "buildCsv", NULL, text_build_csv, 0, 0 },
    { "buildCsvBlock", NULL, text_build_csv_block, 0, 0 },
    { "constants", mca_op_constants, NULL, 0, 0 },
    { "detectScenario", mca_op_detect_scenario, NULL, 1, 0 },
    { "explainError", mca_op_explain_error, NULL, 1, 0 },
    { "matchAgreement", mca_op_match_agreement, NULL, 1, 0 },
    { "parseCsv", mca_op_parse_csv, NULL, 0, 0 },
    { "qrEncode", mca_op_qr_encode, NULL, 1, 0 },
    { "tokenKind", mca_op_token_kind, NULL, 1, 0 },
    { "validateAttestation", mca_op_validate_attestation, NULL, 1, 0 },
    { "validateConfirmation", mca_op_validate_confirmation, NULL, 1, 0 },
};

/* Operations that also run on a byte buffer (mca_call_data). Sorted by name. */
typedef struct mca_data_op {
    const char *name;
    mca_data_fn fn;
    mca_data_text_fn text;
} mca_data_op;

static const mca_data_op data_ops[] = {
    { "buildCsv", NULL, mca_data_build_csv },
    { "buildCsvBlock", NULL, mca_data_build_csv_block },
    { "parseCsv", mca_data_parse_csv, NULL },
};

static int compare_data_op(const void *key, const void *entry)
{
    return strcmp((const char *)key, ((const mca_data_op *)entry)->name);
}

static int compare_op(const void *key, const void *entry)
{
    return strcmp((const char *)key, ((const mca_op *)entry)->name);
}

const char *mca_version(void)
{
    return MCA_VERSION;
}

/* Prints {"error": {"code", "message"}}; NULL only when out of memory. */
static char *call_error(const char *code, size_t *out_len)
{
    cJSON *root = mca_call_error_object(code);
    char *text = root != NULL ? cJSON_PrintUnformatted(root) : NULL;
    cJSON_Delete(root);
    if (text != NULL && out_len != NULL)
        *out_len = strlen(text);
    return text;
}

/* Validation results report unusable input as {ok:false, errors:[...]},
 * not as a call error, so the UI can show them like any other error. The
 * results of build operations also carry payload and body (null). */
static char *input_error(int builds, const char *code, size_t *out_len)
{
    mca_report r;
    char *text = NULL;
    if (mca_report_init(&r) != 0)
        return NULL;
    mca_report_error(&r, "", code);
    cJSON *out = builds ? mca_build_result(&r, NULL, 0) : mca_report_take(&r);
    mca_report_fini(&r);
    if (out != NULL)
        text = cJSON_PrintUnformatted(out);
    cJSON_Delete(out);
    if (text != NULL && out_len != NULL)
        *out_len = strlen(text);
    return text;
}

/* Prints an operation's result and frees it. */
static char *finish(cJSON *result, int builds, size_t *out_len)
{
    if (result == NULL)
        return input_error(builds, "input.outOfMemory", out_len);
    char *text = cJSON_PrintUnformatted(result);
    cJSON_Delete(result);
    if (text == NULL)
        return input_error(builds, "input.outOfMemory", out_len);
    if (out_len != NULL)
        *out_len = strlen(text);
    return text;
}

/* A result printed by the operation itself; NULL when memory ran out. */
static char *finish_text(char *text, size_t *out_len)
{
    return text != NULL ? text : input_error(0, "input.outOfMemory", out_len);
}

static const cJSON *options_of(const cJSON *root)
{
    const cJSON *options = cJSON_GetObjectItemCaseSensitive(root, "options");
    return cJSON_IsObject(options) ? options : NULL;
}

static char *run(const mca_op *op, const cJSON *root, size_t *out_len)
{
    const cJSON *input = cJSON_GetObjectItemCaseSensitive(root, "input");
    if (op->needs_object && !cJSON_IsObject(input))
        return call_error("call.notObject", out_len);
    if (op->text != NULL)
        return finish_text(op->text(input, options_of(root), out_len), out_len);
    return finish(op->fn(input, options_of(root)), op->builds, out_len);
}

static const mca_op *find_op(const char *name)
{
    return name == NULL ? NULL
        : bsearch(name, ops, sizeof ops / sizeof ops[0], sizeof ops[0], compare_op);
}

/* Parses the call's JSON text after mca_json_prepare (nesting limit, lone
 * surrogates, NUL), for mca_call and mca_call_data alike. NULL with the
 * input code in *failure when the text cannot be used. */
static cJSON *parse_input(const char *in, size_t in_len, const char **failure)
{
    char *copy;
    size_t copy_len;
    switch (mca_json_prepare(in, in_len, &copy, &copy_len)) {
    case MCA_JSON_TOO_DEEP:
        *failure = "input.tooDeep";
        return NULL;
    case MCA_JSON_NUL:
        *failure = "input.invalidJson";
        return NULL;
    case MCA_JSON_OOM:
        *failure = "input.outOfMemory";
        return NULL;
    default:
        break;
    }
    cJSON *root = copy != NULL ? cJSON_ParseWithLength(copy, copy_len) : cJSON_ParseWithLength(in, in_len);
    mca_free(copy);
    if (root == NULL)
        *failure = "input.invalidJson";
    return root;
}

char *mca_call_data(const char *op_name, const char *in, size_t in_len, const char *data,
                    size_t data_len, size_t *out_len)
{
    mca_json_init();
    if (out_len != NULL)
        *out_len = 0;
    if (find_op(op_name) == NULL)
        return call_error("call.unknownOperation", out_len);
    const mca_data_op *op = bsearch(op_name, data_ops, sizeof data_ops / sizeof data_ops[0],
                                    sizeof data_ops[0], compare_data_op);
    if (op == NULL)
        return call_error("call.noData", out_len);
    if (in_len > MCA_MAX_INPUT_BYTES || data_len > MCA_MAX_INPUT_BYTES)
        return call_error("input.tooLarge", out_len);
    if (data == NULL && data_len > 0)
        return call_error("call.noData", out_len);
    const char *failure = NULL;
    cJSON *root = parse_input(in, in_len, &failure);
    if (root == NULL)
        return input_error(0, failure, out_len);
    char *text;
    if (!cJSON_IsObject(root))
        text = call_error("call.notObject", out_len);
    else if (op->text != NULL)
        text = finish_text(op->text(data ? data : "", data_len, options_of(root), out_len), out_len);
    else
        text = finish(op->fn(data ? data : "", data_len, options_of(root)), 0, out_len);
    cJSON_Delete(root);
    return text;
}

char *mca_call(const char *op_name, const char *in, size_t in_len, size_t *out_len)
{
    mca_json_init();
    if (out_len != NULL)
        *out_len = 0;
    const mca_op *op = find_op(op_name);
    if (op == NULL)
        return call_error("call.unknownOperation", out_len);
    if (in_len > MCA_MAX_INPUT_BYTES)
        return input_error(op->builds, "input.tooLarge", out_len);
    const char *failure = NULL;
    cJSON *root = parse_input(in, in_len, &failure);
    if (root == NULL)
        return input_error(op->builds, failure, out_len);
    char *text = cJSON_IsObject(root) ? run(op, root, out_len)
                                      : call_error("call.notObject", out_len);
    cJSON_Delete(root);
    return text;
}
