/* The JSON entry point: operations, bad calls, memory. */
#include "check.h"

#include "mca_internal.h"

static void test_message_tables(void)
{
    size_t ntables, total = 0;
    const mca_message_table *const *tables = mca_message_tables(&ntables);
    CHECK(ntables > 0, "there are message tables");
    for (size_t t = 0; t < ntables; t++) {
        const mca_message_entry *m = tables[t]->entries;
        for (size_t i = 0; i < tables[t]->count; i++, total++) {
            CHECK(m[i].message[0] != '\0', "%s has a message", m[i].code);
            CHECK(strstr(m[i].message, " of The ") == NULL && strstr(m[i].message, " of A ") == NULL,
                  "%s reads as a sentence (no capital inside it): %s", m[i].code, m[i].message);
            if (i > 0)
                CHECK(strcmp(m[i - 1].code, m[i].code) < 0, "table %zu sorted: %s before %s", t,
                      m[i - 1].code, m[i].code);
            CHECK(mca_message(m[i].code) == m[i].message, "%s is found, and only once", m[i].code);
        }
    }
    CHECK(total > 10, "the tables hold the codes");
}

static void test_constants(void)
{
    cJSON *r = check_call("constants", "{}");
    CHECK_STR(check_get_str(r, "version"), MCA_VERSION, "constants carry the version");
    CHECK(check_get_str(r, "messages.customerId.invalid") == NULL, "dotted codes are keys, not paths");
    const cJSON *messages = check_get(r, "messages");
    CHECK(cJSON_GetObjectItemCaseSensitive(messages, "customerId.invalid") != NULL,
          "constants list the customerId.invalid message");
    cJSON_Delete(r);
}

static void test_bad_calls(void)
{
    cJSON *r = check_call("noSuchOperation", "{}");
    CHECK_STR(check_get_str(r, "error.code"), "call.unknownOperation", "an unknown operation is a call error");
    cJSON_Delete(r);

    r = check_call("validateConfirmation", "{\"input\":[1,2]}");
    CHECK_STR(check_get_str(r, "error.code"), "call.notObject", "an array input is a call error");
    cJSON_Delete(r);

    r = check_call("validateConfirmation", "{\"input\":\"text\"}");
    CHECK_STR(check_get_str(r, "error.code"), "call.notObject", "a string input is a call error");
    cJSON_Delete(r);

    r = check_call("validateConfirmation", "[]");
    CHECK_STR(check_get_str(r, "error.code"), "call.notObject", "a call that is not an object is a call error");
    cJSON_Delete(r);

    r = check_call("validateConfirmation", "{\"input\":{\"customerId\":");
    CHECK(check_ok(r) == 0 && check_has_code(r, "errors", "input.invalidJson"),
          "truncated JSON is reported as input.invalidJson");
    cJSON_Delete(r);

    r = check_call("validateConfirmation", "{\"input\":{\"firstName\":\"\\ud800x\"}}");
    CHECK(check_has_code(r, "errors", "firstName.invalidUtf8") && !check_has_code(r, "errors", "input.invalidJson"),
          "an unpaired surrogate escape is reported on its field");
    cJSON_Delete(r);

    r = check_call("validateConfirmation", "{\"input\":{\"customerId\":\"0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\",\"extra\":1}}");
    CHECK(check_has_code(r, "warnings", "input.unknownField"), "an unknown field is a warning");
    CHECK_STR(check_get_str(r, "warnings.0.field"), "extra", "the warning names the unknown field");
    cJSON_Delete(r);
}

static void test_deep_nesting(void)
{
    size_t depth = 10000;
    char *json = malloc(depth * 2 + 32);
    size_t p = 0;
    p += (size_t)sprintf(json, "{\"input\":");
    for (size_t i = 0; i < depth; i++)
        json[p++] = '[';
    for (size_t i = 0; i < depth; i++)
        json[p++] = ']';
    json[p++] = '}';
    json[p] = '\0';
    cJSON *r = check_call("validateConfirmation", json);
    CHECK(check_has_code(r, "errors", "input.tooDeep"), "input nested 10,000 deep is refused as input.tooDeep");
    cJSON_Delete(r);
    free(json);
}

static void test_allocation_failures(void)
{
    const char *json = "{\"input\":{\"customerId\":\"0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0\",\"x\":1}}";
    size_t before = mca_bytes_in_use();
    int nulls = 0;
    for (size_t n = 1; n < 200; n++) {
        mca_fail_allocation_after(n);
        size_t len;
        char *text = mca_call("validateConfirmation", json, strlen(json), &len);
        mca_fail_allocation_after(0);
        if (text == NULL)
            nulls++;
        mca_free(text);
        CHECK(mca_bytes_in_use() == before, "no leak when allocation %zu fails", n);
    }
    CHECK(nulls < 200, "some calls still answer when memory runs out");
}

int main(void)
{
    test_message_tables();
    test_constants();
    test_bad_calls();
    test_deep_nesting();
    test_allocation_failures();
    return check_report("api");
}
