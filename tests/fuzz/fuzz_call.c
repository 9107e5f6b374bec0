/* libFuzzer harness of mca_call, the JSON entry point of the core.
 *
 * Compiled once per operation with -DMCA_FUZZ_OP="<op>" (its answer member
 * MCA_FUZZ_RESULT and its input fields MCA_FUZZ_FIELDS come from
 * tests/fuzz/CMakeLists.txt). The first byte of an input chooses the mode:
 *   's' <k> <bytes>        the bytes as a JSON string in field k (k - '0',
 *                          modulo the number of fields)
 *   'a' <v1>\n<v2>\n...    each line a JSON string in the next field
 *   'f' <n> <text>         the text as the whole call, the n-th allocation
 *                          failing (n = byte + 1)
 *   anything else <text>   the text as the whole call {"input":...}
 * An op without fields takes the bytes as its input: {"input":"<bytes>"}.
 *
 * Without MCA_FUZZ_OP (the "call" target) the first byte picks the op among
 * MCA_FUZZ_OPS and the rest is the whole call text.
 *
 * Every answer must be non-NULL (unless an allocation was made to fail),
 * NUL-terminated at out_len, a JSON object with "error" {code, message},
 * "ok", or the op's own answer member; and the core's live bytes must be
 * back where they were after mca_free. Any breach aborts (a crash). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mca_internal.h"

#ifdef MCA_FUZZ_OP
static const char *const fields[] = { MCA_FUZZ_FIELDS NULL };
static size_t field_count;
#else
static const char *const ops[] = { MCA_FUZZ_OPS };
static const char *const results[] = { MCA_FUZZ_RESULTS };
#define OP_COUNT (sizeof ops / sizeof ops[0])
#endif

static void fail(const char *op, const char *what, const char *text, size_t len)
{
    fprintf(stderr, "\nINVARIANT BROKEN (%s): %s\nanswer (%zu bytes): %.*s\n", op, what, len,
            (int)(len > 2000 ? 2000 : len), text ? text : "(null)");
    abort();
}

/* Checks the answer's shape; the text is a private copy (not core memory).
 * Returns 1 when the answer is the error call.unknownOperation. */
static int check_answer(const char *op, const char *result_member, const char *text, size_t len)
{
    if (strlen(text) != len)
        fail(op, "out_len differs from the text's length", text, len);
    size_t before = mca_bytes_in_use();
    cJSON *json = cJSON_ParseWithLength(text, len);
    if (json == NULL)
        fail(op, "the answer is not valid JSON", text, len);
    if (!cJSON_IsObject(json))
        fail(op, "the answer is not a JSON object", text, len);
    const cJSON *error = cJSON_GetObjectItemCaseSensitive(json, "error");
    int unknown = 0;
    if (error != NULL) {
        const cJSON *code = cJSON_GetObjectItemCaseSensitive(error, "code");
        const cJSON *message = cJSON_GetObjectItemCaseSensitive(error, "message");
        if (!cJSON_IsString(code) || !cJSON_IsString(message))
            fail(op, "an error without a string code and message", text, len);
        unknown = strcmp(code->valuestring, "call.unknownOperation") == 0;
    } else if (!cJSON_IsBool(cJSON_GetObjectItemCaseSensitive(json, "ok"))
               && cJSON_GetObjectItemCaseSensitive(json, result_member) == NULL) {
        fail(op, "the answer has neither error, a boolean ok, nor its result member", text, len);
    }
    cJSON_Delete(json);
    if (mca_bytes_in_use() != before)
        fail(op, "parsing the answer leaked", text, len);
    return unknown;
}

/* Runs one call and checks every invariant. fail_at > 0 makes that
 * allocation fail. Returns 1 when the op is unknown to the core. */
static int run_call(const char *op, const char *result_member, const char *in, size_t n,
                    size_t fail_at)
{
    size_t start = mca_bytes_in_use();
    size_t out_len = 12345;
    mca_fail_allocation_after(fail_at);
    char *out = mca_call(op, in, n, &out_len);
    mca_fail_allocation_after(0);
    if (out == NULL) {
        if (fail_at == 0)
            fail(op, "NULL answer without an allocation failure", NULL, 0);
        if (mca_bytes_in_use() != start)
            fail(op, "bytes left allocated after a NULL answer", NULL, 0);
        return 0;
    }
    char *copy = malloc(out_len + 1);
    if (copy == NULL)
        abort();
    memcpy(copy, out, out_len + 1);
    mca_free(out);
    if (mca_bytes_in_use() != start)
        fail(op, "bytes left allocated after mca_free of the answer", copy, out_len);
    int unknown = check_answer(op, result_member, copy, out_len);
    free(copy);
    return unknown;
}

#ifdef MCA_FUZZ_OP

/* Writes bytes as a JSON string literal: quotes, backslashes and control
 * characters escaped, every other byte (invalid UTF-8 too) as it is. */
static char *json_string(const uint8_t *s, size_t n)
{
    char *out = malloc(n * 6 + 3), *p = out;
    if (out == NULL)
        abort();
    *p++ = '"';
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"' || s[i] == '\\') {
            *p++ = '\\';
            *p++ = (char)s[i];
        } else if (s[i] < 0x20) {
            p += sprintf(p, "\\u%04x", s[i]);
        } else {
            *p++ = (char)s[i];
        }
    }
    *p++ = '"';
    *p = '\0';
    return out;
}

/* Finds or makes the child named part (an array index when numeric). */
static cJSON *child(cJSON *parent, const char *part, int last, cJSON *leaf)
{
    if (cJSON_IsArray(parent)) {
        cJSON *item = cJSON_GetArrayItem(parent, atoi(part));
        if (item != NULL && !last)
            return item;
        cJSON_AddItemToArray(parent, last ? leaf : cJSON_CreateObject());
        return cJSON_GetArrayItem(parent, cJSON_GetArraySize(parent) - 1);
    }
    cJSON *c = cJSON_GetObjectItemCaseSensitive(parent, part);
    if (last) {
        if (c != NULL)
            cJSON_DeleteItemFromObjectCaseSensitive(parent, part);
        cJSON_AddItemToObject(parent, part, leaf);
        return leaf;
    }
    if (c == NULL) {
        c = cJSON_CreateObject();
        cJSON_AddItemToObject(parent, part, c);
    }
    return c;
}

/* Puts a raw JSON literal at a dotted path under root {"input", "options"}. */
static void put(cJSON *root, const char *path, char *literal)
{
    char buf[128];
    snprintf(buf, sizeof buf, "%s", path);
    cJSON *node = cJSON_GetObjectItemCaseSensitive(root, "input");
    char *part = buf;
    if (strncmp(buf, "options.", 8) == 0) {
        node = cJSON_GetObjectItemCaseSensitive(root, "options");
        part = buf + 8;
    }
    for (;;) {
        char *dot = strchr(part, '.');
        if (dot != NULL)
            *dot = '\0';
        /* an array where the next part is numeric */
        if (dot != NULL && dot[1] >= '0' && dot[1] <= '9' && !cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(node, part))) {
            cJSON_DeleteItemFromObjectCaseSensitive(node, part);
            cJSON_AddItemToObject(node, part, cJSON_CreateArray());
        }
        node = child(node, part, dot == NULL, dot == NULL ? cJSON_CreateRaw(literal) : NULL);
        if (dot == NULL || node == NULL)
            return;
        part = dot + 1;
    }
}

/* Builds {"input": {...fields...}, "options": {...}} (or {"input": "<s>"}). */
static char *call_text(const uint8_t *const *vals, const size_t *lens, size_t count, size_t first)
{
    cJSON *root = cJSON_CreateObject();
    if (field_count == 0) {
        char *lit = json_string(vals[0], lens[0]);
        cJSON_AddItemToObject(root, "input", cJSON_CreateRaw(lit));
        free(lit);
    } else {
        cJSON_AddItemToObject(root, "input", cJSON_CreateObject());
        cJSON_AddItemToObject(root, "options", cJSON_CreateObject());
        cJSON_AddNumberToObject(cJSON_GetObjectItemCaseSensitive(root, "options"), "now",
                                1795000000000.0);
        for (size_t i = 0; i < count && i < field_count; i++) {
            char *lit = json_string(vals[i], lens[i]);
            put(root, fields[(first + i) % field_count], lit);
            free(lit);
        }
    }
    char *text = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    if (text == NULL)
        abort();
    /* a private copy so that the core's live bytes start from zero */
    size_t n = strlen(text);
    char *copy = malloc(n + 1);
    if (copy == NULL)
        abort();
    memcpy(copy, text, n + 1);
    mca_free(text);
    return copy;
}

static void run_fields(const uint8_t *data, size_t size, int all)
{
    enum { MAX_VALUES = 16 };
    const uint8_t *vals[MAX_VALUES];
    size_t lens[MAX_VALUES], count = 0, first = 0;
    if (all) {
        const uint8_t *p = data, *end = data + size;
        while (count < MAX_VALUES) {
            const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
            vals[count] = p;
            lens[count++] = nl ? (size_t)(nl - p) : (size_t)(end - p);
            if (nl == NULL)
                break;
            p = nl + 1;
        }
    } else {
        if (size > 0 && field_count > 0) {
            first = (uint8_t)(data[0] - '0') % field_count;
            data++;
            size--;
        }
        vals[0] = data;
        lens[0] = size;
        count = 1;
    }
    char *text = call_text(vals, lens, count, first);
    run_call(MCA_FUZZ_OP, MCA_FUZZ_RESULT, text, strlen(text), 0);
    free(text);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    mca_json_init();
    while (fields[field_count] != NULL)
        field_count++;
    int op_missing = run_call(MCA_FUZZ_OP, MCA_FUZZ_RESULT, "{}", 2, 0);
    if (op_missing) {
        /* scripts/fuzz.sh reports the target as skipped on this line */
        fprintf(stderr, "fuzz_call: the core has no operation %s yet: nothing to fuzz\n", MCA_FUZZ_OP);
        exit(0);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const uint8_t *rest = data + 1;
    size_t n = size - 1;
    switch (data[0]) {
    case 's':
        run_fields(rest, n, 0);
        break;
    case 'a':
        run_fields(rest, n, 1);
        break;
    case 'f':
        if (n > 0)
            run_call(MCA_FUZZ_OP, MCA_FUZZ_RESULT, (const char *)rest + 1, n - 1, (size_t)rest[0] + 1);
        break;
    default:
        run_call(MCA_FUZZ_OP, MCA_FUZZ_RESULT, (const char *)rest, n, 0);
        break;
    }
    return 0;
}

#else /* the raw JSON entry, op chosen by the first byte */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    mca_json_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t k = (uint8_t)(data[0] - 'a') % OP_COUNT;
    run_call(ops[k], results[k], (const char *)data + 1, size - 1, 0);
    return 0;
}

#endif
