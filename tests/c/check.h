/* A small test harness for the core's C tests. Each test file is one
 * program; every CHECK names the behaviour it proves. The program prints
 * "N passed, N failed" and exits non-zero when anything failed. The same
 * files run natively (under ASan/UBSan) and compiled to Wasm under Node. */
#ifndef MCA_CHECK_H
#define MCA_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "mca.h"

static int check_passed, check_failed;

#define CHECK(cond, ...)                                                     \
    do {                                                                     \
        if (cond) {                                                          \
            check_passed++;                                                  \
        } else {                                                             \
            check_failed++;                                                  \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);             \
            fprintf(stderr, __VA_ARGS__);                                    \
            fputc('\n', stderr);                                             \
        }                                                                    \
    } while (0)

#define CHECK_STR(actual, expected, ...)                                     \
    do {                                                                     \
        const char *a_ = (actual), *e_ = (expected);                         \
        int same_ = (a_ == NULL && e_ == NULL)                               \
                    || (a_ != NULL && e_ != NULL && strcmp(a_, e_) == 0);    \
        CHECK(same_, "%s (got \"%s\", expected \"%s\")",                     \
              check_describe_(__VA_ARGS__, ""), a_ ? a_ : "(null)",          \
              e_ ? e_ : "(null)");                                           \
    } while (0)

static inline const char *check_describe_(const char *s, ...)
{
    return s;
}

static inline int check_report(const char *suite)
{
    printf("%s: %d passed, %d failed\n", suite, check_passed, check_failed);
    return check_failed == 0 ? 0 : 1;
}

/* Runs an operation on JSON text; returns the parsed result (caller frees
 * with cJSON_Delete). Also checks that the core's live memory returns to
 * where it was: every call must free all it allocates. */
static inline cJSON *check_call(const char *op, const char *json)
{
    size_t before = mca_bytes_in_use();
    size_t len = 0;
    char *text = mca_call(op, json, strlen(json), &len);
    CHECK(text != NULL, "%s returned text", op);
    if (text == NULL)
        return NULL;
    char *copy = malloc(len + 1);
    memcpy(copy, text, len + 1);
    mca_free(text);
    CHECK(mca_bytes_in_use() == before, "%s freed all it allocated (%zu bytes left)", op,
          mca_bytes_in_use() - before);
    cJSON *result = cJSON_ParseWithLength(copy, len);
    CHECK(result != NULL, "%s returned JSON: %s", op, copy);
    free(copy);
    return result;
}

/* Follows a dotted path ("normalized.customerId", "errors.0.code"). */
static inline const cJSON *check_get(const cJSON *node, const char *path)
{
    char key[128];
    while (node != NULL && *path) {
        size_t n = strcspn(path, ".");
        if (n >= sizeof key)
            return NULL;
        memcpy(key, path, n);
        key[n] = '\0';
        if (cJSON_IsArray(node) && key[0] >= '0' && key[0] <= '9')
            node = cJSON_GetArrayItem(node, atoi(key));
        else
            node = cJSON_GetObjectItemCaseSensitive(node, key);
        path += n + (path[n] == '.');
    }
    return node;
}

static inline const char *check_get_str(const cJSON *node, const char *path)
{
    const cJSON *v = check_get(node, path);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* 1 when ok is true, 0 when false, -1 when absent. */
static inline int check_ok(const cJSON *result)
{
    const cJSON *ok = check_get(result, "ok");
    return cJSON_IsBool(ok) ? cJSON_IsTrue(ok) : -1;
}

/* Whether errors (or warnings) contain the code. */
static inline int check_has_code(const cJSON *result, const char *list, const char *code)
{
    const cJSON *item;
    cJSON_ArrayForEach(item, check_get(result, list)) {
        const char *c = check_get_str(item, "code");
        if (c != NULL && strcmp(c, code) == 0)
            return 1;
    }
    return 0;
}

#endif
