/* The GUID rule (customerId, templateId), directly and through the API. */
#include "check.h"

typedef struct {
    const char *name;
    const char *input;
    int expected;          /* MCA_GUID_* */
    const char *normalized;
} guid_case;

static const guid_case cases[] = {
    { "lower-case GUID is accepted as is", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", MCA_GUID_OK,
      "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0" },
    { "upper-case GUID is normalised to lower case", "0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0",
      MCA_GUID_OK, "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0" },
    { "mixed-case GUID is normalised", "117A77b0-9360-443B-8795-c6dedc750cf9", MCA_GUID_OK,
      "117a77b0-9360-443b-8795-c6dedc750cf9" },
    { "all-zero GUID is rejected as zero", "00000000-0000-0000-0000-000000000000", MCA_GUID_ZERO, NULL },
    { "a GUID with only the last digit set is not zero", "00000000-0000-0000-0000-000000000001",
      MCA_GUID_OK, "00000000-0000-0000-0000-000000000001" },
    { "braces are rejected", "{0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0}", MCA_GUID_INVALID, NULL },
    { "missing hyphens are rejected", "0f1e2d3c4b5a69788796a5b4c3d2e1f0", MCA_GUID_INVALID, NULL },
    { "a hyphen in the wrong place is rejected", "0f1e2d3-c4b5a-6978-8796-a5b4c3d2e1f0", MCA_GUID_INVALID, NULL },
    { "a non-hex letter is rejected", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1fg", MCA_GUID_INVALID, NULL },
    { "one digit short is rejected", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f", MCA_GUID_INVALID, NULL },
    { "one digit long is rejected", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f00", MCA_GUID_INVALID, NULL },
    { "surrounding spaces are rejected", " 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", MCA_GUID_INVALID, NULL },
    { "the empty string is rejected", "", MCA_GUID_INVALID, NULL },
    { "a byte next to the hex ranges is rejected", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1`0", MCA_GUID_INVALID, NULL },
    { "a hyphen in place of a digit is rejected", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1-0", MCA_GUID_INVALID, NULL },
    { "a non-ASCII byte is rejected", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e\xc3\xa9", MCA_GUID_INVALID, NULL },
};

static void test_direct(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const guid_case *c = &cases[i];
        char out[37] = "unchanged";
        int rc = mca_guid_normalize(c->input, strlen(c->input), out);
        CHECK(rc == c->expected, "%s (rc %d, expected %d)", c->name, rc, c->expected);
        if (c->normalized != NULL)
            CHECK_STR(out, c->normalized, c->name);
    }
    /* Length-delimited: bytes after n are not read. */
    char out[37];
    const char *longer = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0TRAILING";
    CHECK(mca_guid_normalize(longer, 36, out) == MCA_GUID_OK, "only the first n bytes are read");
    CHECK(mca_guid_normalize(NULL, 0, out) == MCA_GUID_INVALID, "NULL input is invalid, not a crash");
}

static void test_through_api(void)
{
    cJSON *r = check_call("validateConfirmation",
                          "{\"input\":{\"customerId\":\"0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0\"}}");
    CHECK_STR(check_get_str(r, "normalized.customerId"), "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
              "API normalises customerId to lower case");
    CHECK(!check_has_code(r, "errors", "customerId.invalid"), "a valid customerId has no error");
    cJSON_Delete(r);

    r = check_call("validateConfirmation",
                   "{\"input\":{\"customerId\":\"00000000-0000-0000-0000-000000000000\"}}");
    CHECK(check_ok(r) == 0, "all-zero customerId makes the result not ok");
    CHECK(check_has_code(r, "errors", "customerId.zero"), "all-zero customerId reports customerId.zero");
    CHECK_STR(check_get_str(r, "errors.0.field"), "customerId", "the error names its field");
    CHECK(check_get_str(r, "errors.0.message") != NULL
              && strstr(check_get_str(r, "errors.0.message"), "GUID") != NULL,
          "the error has an English message");
    cJSON_Delete(r);

    r = check_call("validateConfirmation", "{\"input\":{\"customerId\":\"not-a-guid\"}}");
    CHECK(check_has_code(r, "errors", "customerId.invalid"), "malformed customerId reports customerId.invalid");
    CHECK(check_get(r, "normalized.customerId") == NULL, "a rejected value is not normalised");
    cJSON_Delete(r);

    r = check_call("validateConfirmation", "{\"input\":{}}");
    CHECK(check_has_code(r, "errors", "customerId.required"), "missing customerId reports customerId.required");
    cJSON_Delete(r);

    r = check_call("validateConfirmation", "{\"input\":{\"customerId\":null}}");
    CHECK(check_has_code(r, "errors", "customerId.required"), "null customerId reports customerId.required");
    cJSON_Delete(r);

    r = check_call("validateConfirmation", "{\"input\":{\"customerId\":42}}");
    CHECK(check_has_code(r, "errors", "customerId.type"), "a number as customerId reports customerId.type");
    cJSON_Delete(r);
}

int main(void)
{
    test_direct();
    test_through_api();
    return check_report("guid");
}
