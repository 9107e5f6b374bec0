/* dateAgreed and templateId rules. */
#include "check.h"

#include "mca_internal.h"
#include "mca_rules.h"
#include "mca_time.h"

static int same(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void test_date_agreed(void)
{
    int64_t now_s;
    mca_time_parse("2026-11-20T09:30:00Z", 20, &now_s);
    double now = (double)now_s * 1000.0;
    static const struct { const char *in, *rule, *out, *what; } cases[] = {
        { "2026-11-20T09:30:00Z", NULL, "2026-11-20T09:30:00Z", "exactly now" },
        { "2026-11-20T09:35:00Z", NULL, "2026-11-20T09:35:00Z", "exactly now + 5 minutes is accepted" },
        { "2026-11-20T09:35:01Z", "future", NULL, "now + 5 minutes + 1 second is future" },
        { "2026-11-20T10:35:00+01:00", NULL, "2026-11-20T09:35:00Z", "now + 5 minutes in +01:00" },
        { "2026-11-20T10:35:01+01:00", "future", NULL, "a local time 1 h ahead sent as if UTC would be future" },
        { "2026-11-20T09:35:00.999Z", NULL, "2026-11-20T09:35:00Z", "fractions are dropped" },
        { "2026-11-20", NULL, "2026-11-20T00:00:00Z", "a date alone is 00:00 UTC" },
        { "2026-11-21", "future", NULL, "tomorrow is future" },
        { "2026-11-20t09:00:00z", NULL, "2026-11-20T09:00:00Z", "lower-case t and z" },
        { "  2026-11-20T09:00:00Z ", NULL, "2026-11-20T09:00:00Z", "trimmed" },
        { "2026-11-20T00:30:00+01:00", NULL, "2026-11-19T23:30:00Z", "after midnight in +01:00 is the previous UTC day" },
        { "2026-11-19T23:30:00-05:00", NULL, "2026-11-20T04:30:00Z", "before midnight in -05:00 is the next UTC day" },
        { "2026-01-01T00:15:00+0100", NULL, "2025-12-31T23:15:00Z", "new year in +0100 is the previous UTC year" },
        { "2025-12-31T23:59:59-14:00", NULL, "2026-01-01T13:59:59Z", "the westmost offset -14:00" },
        { "2026-11-20T09:30:00+14", NULL, "2026-11-19T19:30:00Z", "an offset of hours only" },
        { "2024-02-29T12:00:00Z", NULL, "2024-02-29T12:00:00Z", "a leap day" },
        { "2000-02-29", NULL, "2000-02-29T00:00:00Z", "leap day of a year divisible by 400" },
        { "2025-02-29", "impossible", NULL, "29 February of a common year" },
        { "1900-02-29", "impossible", NULL, "29 February 1900 (not a leap year)" },
        { "2026-02-30", "impossible", NULL, "30 February" },
        { "2026-04-31T10:00:00Z", "impossible", NULL, "31 April" },
        { "2026-13-01", "impossible", NULL, "month 13" },
        { "2026-11-20T24:00:00Z", "impossible", NULL, "hour 24" },
        { "2026-11-20T09:60:00Z", "impossible", NULL, "minute 60" },
        { "2026-11-20T09:30:00+15:00", "impossible", NULL, "offset +15:00" },
        { "2026-11-20T09:30:00", "noTimeZone", NULL, "a time without a zone" },
        { "2026-11-20T09:30", "noTimeZone", NULL, "hours and minutes without a zone" },
        { "20-11-2026", "invalid", NULL, "day first" },
        { "2026/11/20", "invalid", NULL, "slashes" },
        { "2026-11-20 09:30:00Z", "invalid", NULL, "a space instead of T" },
        { "yesterday", "invalid", NULL, "words" },
        { "2026-11-20T09:30:00Zjunk", "invalid", NULL, "text after the zone" },
        { "2026-11-20\xed\xa0\x80", "invalidUtf8", NULL, "a lone surrogate" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[21] = "";
        const char *got = mca_rule_date_agreed(cases[i].in, strlen(cases[i].in), &now, out);
        CHECK(same(got, cases[i].rule), "dateAgreed %s: rule (got %s)", cases[i].what, got ? got : "none");
        if (cases[i].rule == NULL)
            CHECK(strcmp(out, cases[i].out) == 0, "dateAgreed %s: %s (got %s)", cases[i].what, cases[i].out, out);
    }
    char out[21];
    CHECK(mca_rule_date_agreed("2099-01-01", 10, NULL, out) == NULL && strcmp(out, "2099-01-01T00:00:00Z") == 0,
          "without now the future is not checked");
    printf("dateAgreed rule: %zu cases\n", sizeof cases / sizeof cases[0] + 1);
}

static void test_template(void)
{
    cJSON *templates = cJSON_Parse(
        "[{\"templateId\":\"117a77b0-9360-443b-8795-c6dedc750cf9\",\"agreementType\":\"MicrosoftCustomerAgreement\",\"versionRank\":2},"
        "{\"templateId\":\"AAAAAAAA-1111-2222-3333-444444444444\",\"agreementType\":\"MicrosoftCustomerAgreement\",\"versionRank\":3},"
        "{\"templateId\":\"bbbbbbbb-1111-2222-3333-444444444444\",\"agreementType\":\"MicrosoftCloudAgreement\",\"versionRank\":9},"
        "{\"templateId\":\"not-a-guid\",\"agreementType\":\"MicrosoftCustomerAgreement\",\"versionRank\":99}]");
    static const struct { const char *in, *rule, *out, *what; int with_templates; } cases[] = {
        { "117a77b0-9360-443b-8795-c6dedc750cf9", NULL, "117a77b0-9360-443b-8795-c6dedc750cf9", "the current MCA template", 0 },
        { "117A77B0-9360-443B-8795-C6DEDC750CF9", NULL, "117a77b0-9360-443b-8795-c6dedc750cf9", "upper case is lower-cased", 0 },
        { "998b88de-aa99-4388-a42c-1b3517d49490", "cloudAgreement", NULL, "the retired cloud agreement template", 0 },
        { "998b88de-aa99-4388-a42c-1b3517d49490", "cloudAgreement", NULL, "the cloud agreement template, templates given", 1 },
        { "aaaaaaaa-1111-2222-3333-444444444444", "notCustomerAgreement", NULL, "an unknown GUID without templates", 0 },
        { "aaaaaaaa-1111-2222-3333-444444444444", NULL, "aaaaaaaa-1111-2222-3333-444444444444", "a newer MCA template from GET /v1/agreements", 1 },
        { "bbbbbbbb-1111-2222-3333-444444444444", "notCustomerAgreement", NULL, "a template of another agreement type", 1 },
        { "00000000-0000-0000-0000-000000000000", "zero", NULL, "the all-zero GUID", 0 },
        { "117a77b0-9360-443b-8795", "invalid", NULL, "a truncated GUID", 0 },
        { "MicrosoftCustomerAgreement", "invalid", NULL, "a type name instead of a GUID", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[37] = "";
        const char *got = mca_rule_template(cases[i].in, strlen(cases[i].in), cases[i].with_templates ? templates : NULL, out);
        CHECK(same(got, cases[i].rule), "templateId %s: rule (got %s)", cases[i].what, got ? got : "none");
        if (cases[i].rule == NULL)
            CHECK(strcmp(out, cases[i].out) == 0, "templateId %s: %s (got %s)", cases[i].what, cases[i].out, out);
    }
    char out[37];
    mca_template_default(NULL, out);
    CHECK(strcmp(out, MCA_TEMPLATE_CURRENT) == 0, "the default template is the current MCA template");
    mca_template_default(templates, out);
    CHECK(strcmp(out, "aaaaaaaa-1111-2222-3333-444444444444") == 0,
          "with templates, the default is the MCA template of highest versionRank");
    cJSON_Delete(templates);
    printf("templateId rule: %zu cases + 2 defaults\n", sizeof cases / sizeof cases[0]);
}

int main(void)
{
    mca_json_init();
    test_date_agreed();
    test_template();
    return check_report("fields");
}
