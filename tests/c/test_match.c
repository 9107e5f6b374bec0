/* matchAgreement: is a read-back agreement the one sent? And the domain
 * literals the shell takes from "constants". */
#include "check.h"

#include "mca_internal.h"

#define T_CURRENT "117a77b0-9360-443b-8795-c6dedc750cf9"
#define T_OLDER "0d6c3a1e-2b4f-4e5a-9c8d-7f6e5d4c3b2a"
#define ITEM(tpl, email, date) "{\"type\":\"MicrosoftCustomerAgreement\",\"templateId\":\"" tpl "\",\"dateAgreed\":\"" date "\"," \
    "\"primaryContact\":{\"firstName\":\"Anne\",\"lastName\":\"de Vries\",\"email\":\"" email "\"}}"
#define SENT "\"sent\":" ITEM(T_CURRENT, "anne@contoso.nl", "2026-11-30T09:00:00Z")

static cJSON *match(const char *input, const char *options)
{
    size_t n = strlen(input) + strlen(options) + 64;
    char *json = malloc(n);
    snprintf(json, n, "{\"input\":{%s},\"options\":{%s}}", input, options);
    cJSON *r = check_call("matchAgreement", json);
    free(json);
    return r;
}

static const struct { const char *behaviour, *input; int found, index, counts; } cases[] = {
    { "the confirmation sent is found", "\"agreements\":[" ITEM(T_CURRENT, "anne@contoso.nl", "2026-11-30T09:00:00Z") "]," SENT,
      1, 0, 1 },
    { "in a collection { totalCount, items }, after others",
      "\"agreements\":{\"totalCount\":2,\"items\":[" ITEM(T_OLDER, "anne@contoso.nl", "2026-11-30T09:00:00Z") ","
      ITEM("117A77B0-9360-443B-8795-C6DEDC750CF9", "Anne@Contoso.NL", "2026-11-30T10:00:00+01:00") "]}," SENT,
      1, 1, 1 },
    { "the same contact and template from 2022 is another record, not the one sent",
      "\"agreements\":[" ITEM(T_CURRENT, "anne@contoso.nl", "2022-06-01T09:00:00Z") "]," SENT, 0, -1, -1 },
    { "another contact is another record", "\"agreements\":[" ITEM(T_CURRENT, "bob@contoso.nl", "2026-11-30T09:00:00Z") "]," SENT,
      0, -1, -1 },
    { "another template is another record", "\"agreements\":[" ITEM(T_OLDER, "anne@contoso.nl", "2026-11-30T09:00:00Z") "]," SENT,
      0, -1, -1 },
    { "a cloud agreement is never the one sent",
      "\"agreements\":[{\"type\":\"MicrosoftCloudAgreement\",\"templateId\":\"" T_CURRENT "\",\"dateAgreed\":\"2026-11-30T09:00:00Z\","
      "\"primaryContact\":{\"email\":\"anne@contoso.nl\"}}]," SENT, 0, -1, -1 },
    { "nothing on record", "\"agreements\":[]," SENT, 0, -1, -1 },
    { "a backdated confirmation sent is found, and does not count",
      "\"agreements\":[" ITEM(T_CURRENT, "anne@contoso.nl", "2022-06-01T09:00:00Z") "],"
      "\"sent\":" ITEM(T_CURRENT, "anne@contoso.nl", "2022-06-01T09:00:00Z"), 1, 0, 0 },
    { "an enhanced attestation's agreement by its attestationId (any case)",
      "\"agreements\":[" ITEM(T_CURRENT, "anne@contoso.nl", "2026-11-30T09:00:00Z") ","
      "{\"type\":\"MicrosoftCustomerAgreement\",\"attestationId\":\"AB3C5A10-1111-4F3A-9C55-2B0C8E0E7D01\",\"dateAgreed\":\"2026-12-01T08:00:00Z\"}],"
      "\"sent\":{\"attestationId\":\"ab3c5a10-1111-4f3a-9c55-2b0c8e0e7d01\"}", 1, 1, 1 },
    { "another attestation's agreement is not it",
      "\"agreements\":[{\"attestationId\":\"bb3c5a10-1111-4f3a-9c55-2b0c8e0e7d01\",\"dateAgreed\":\"2026-12-01T08:00:00Z\"}],"
      "\"sent\":{\"attestationId\":\"ab3c5a10-1111-4f3a-9c55-2b0c8e0e7d01\"}", 0, -1, -1 },
};

static void test_cases(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cJSON *r = match(cases[i].input, "");
        const cJSON *index = check_get(r, "index"), *counts = check_get(r, "counts");
        CHECK(cJSON_IsTrue(check_get(r, "found")) == cases[i].found, "%s: found", cases[i].behaviour);
        CHECK(cases[i].found ? cJSON_IsObject(check_get(r, "agreement")) : cJSON_IsNull(check_get(r, "agreement")),
              "%s: agreement", cases[i].behaviour);
        CHECK(cases[i].index < 0 ? cJSON_IsNull(index) : (cJSON_IsNumber(index) && index->valueint == cases[i].index),
              "%s: index", cases[i].behaviour);
        CHECK(cases[i].counts < 0 ? cJSON_IsNull(counts) : (cJSON_IsBool(counts) && cJSON_IsTrue(counts) == cases[i].counts),
              "%s: counts", cases[i].behaviour);
        cJSON_Delete(r);
    }
    cJSON *r = match("\"agreements\":[" ITEM(T_CURRENT, "anne@contoso.nl", "2022-06-01T09:00:00Z") "],"
                     "\"sent\":" ITEM(T_CURRENT, "anne@contoso.nl", "2022-06-01T09:00:00Z"), "\"refreshCutoff\":\"2022-01-01\"");
    CHECK(cJSON_IsTrue(check_get(r, "counts")), "options.refreshCutoff moves the cut-off");
    cJSON_Delete(r);
}

static void test_bad_input(void)
{
    static const struct { const char *input, *options, *code; } bad[] = {
        { SENT, "", "match.agreementsInvalid" },
        { "\"agreements\":\"none\"," SENT, "", "match.agreementsInvalid" },
        { "\"agreements\":[]", "", "match.sentInvalid" },
        { "\"agreements\":[],\"sent\":{\"templateId\":\"" T_CURRENT "\"}", "", "match.sentInvalid" },
        { "\"agreements\":[],\"sent\":{\"attestationId\":\"x\"}", "", "match.sentInvalid" },
        { "\"agreements\":[]," SENT, "\"refreshCutoff\":\"spring\"", "refreshCutoff.invalid" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cJSON *r = match(bad[i].input, bad[i].options);
        CHECK_STR(check_get_str(r, "error.code"), bad[i].code, "bad input %zu is a call error", i);
        CHECK(check_get_str(r, "error.message") != NULL, "bad input %zu has a message", i);
        cJSON_Delete(r);
    }
    cJSON *r = check_call("matchAgreement", "{\"input\":[]}");
    CHECK_STR(check_get_str(r, "error.code"), "call.notObject", "input that is not an object is refused");
    cJSON_Delete(r);
}

static void test_domain_constants(void)
{
    cJSON *r = check_call("constants", "{}");
    CHECK_STR(check_get_str(r, "domain.agreementType"), "MicrosoftCustomerAgreement", "the agreement type");
    CHECK_STR(check_get_str(r, "domain.templateId"), T_CURRENT, "the known current template");
    CHECK(check_get(r, "domain.serviceCodes.agreementAlreadyExists")->valueint == 600061, "600061 by name");
    CHECK_STR(check_get_str(r, "domain.acceptanceLink"), "https://cdn.partner.microsoft.com/mca/?attestationid=", "the link prefix");
    CHECK_STR(check_get_str(r, "domain.defaultFlow"), "enhanced", "the enhanced flow is the default");
    CHECK_STR(check_get_str(r, "domain.flows.classic.builder"), "buildConfirmation", "the classic builder");
    CHECK_STR(check_get_str(r, "domain.flows.enhanced.fields.4"), "signatoryFirstName", "the enhanced fields in input order");
    CHECK(cJSON_GetArraySize(check_get(r, "domain.flows.classic.fields")) == 8, "every classic field");
    CHECK_STR(check_get_str(r, "domain.refreshCutoff"), "2023-04-01T00:00:00Z", "the refresh cut-off");
    cJSON_Delete(r);
}

static void test_allocation_failures(void)
{
    const char *json = "{\"input\":{\"agreements\":[" ITEM(T_OLDER, "a@b.nl", "2026-11-30T09:00:00Z") ","
                       ITEM(T_CURRENT, "anne@contoso.nl", "2026-11-30T09:00:00Z") "]," SENT "}}";
    const char *ops[] = { "matchAgreement", "constants" };
    for (size_t k = 0; k < 2; k++) {
        size_t before = mca_bytes_in_use();
        int answered = 0;
        for (size_t n = 1; n < 600; n++) {
            size_t len;
            mca_fail_allocation_after(n);
            char *text = mca_call(ops[k], json, strlen(json), &len);
            mca_fail_allocation_after(0);
            answered += text != NULL && strstr(text, "outOfMemory") == NULL;
            mca_free(text);
            CHECK(mca_bytes_in_use() == before, "%s leaks nothing when allocation %zu fails", ops[k], n);
        }
        CHECK(answered > 0, "%s answers once memory suffices", ops[k]);
    }
}

int main(void)
{
    test_cases();
    test_bad_input();
    test_domain_constants();
    test_allocation_failures();
    return check_report("match");
}
