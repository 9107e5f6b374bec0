/* The operations validateConfirmation, buildConfirmation,
 * validateAttestation, buildAttestation and buildAttestationAgreement
 * through mca_call: exact codes, exact request bodies, bad input, memory. */
#include "check.h"

#include "mca_internal.h"

#define NOW "1795167000000" /* 2026-11-20T09:30:00Z */
#define CUSTOMER "\"customerId\":\"0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0\""
#define CONTACT "\"firstName\":\" Anne \",\"lastName\":\"de Vries\",\"email\":\"Anne@Contoso.NL\""

/* Every issue carries an English message, not its code. */
static void check_messages(const cJSON *r, const char *what)
{
    const char *lists[] = { "errors", "warnings" };
    for (int l = 0; l < 2; l++) {
        const cJSON *item;
        cJSON_ArrayForEach(item, check_get(r, lists[l])) {
            const char *code = check_get_str(item, "code"), *message = check_get_str(item, "message");
            CHECK(code != NULL && message != NULL && strcmp(code, message) != 0, "%s: %s has a message", what,
                  code ? code : "?");
        }
    }
}

/* The codes of a list joined with spaces, e.g. "firstName.digit email.invalid". */
static const char *codes(const cJSON *r, const char *list)
{
    static char buf[1024];
    const cJSON *item;
    buf[0] = '\0';
    cJSON_ArrayForEach(item, check_get(r, list)) {
        const char *code = check_get_str(item, "code");
        if (buf[0] != '\0')
            strcat(buf, " ");
        strncat(buf, code ? code : "?", sizeof buf - strlen(buf) - 2);
    }
    return buf;
}

static cJSON *call(const char *op, const char *json)
{
    cJSON *r = check_call(op, json);
    check_messages(r, op);
    return r;
}

static void test_confirmation(void)
{
    cJSON *r = call("buildConfirmation", "{\"input\":{" CUSTOMER "," CONTACT
                    ",\"phoneNumber\":\"+31201234567\",\"dateAgreed\":\"2026-11-20T10:30:00+01:00\"},\"options\":{\"now\":" NOW "}}");
    CHECK(check_ok(r) == 1, "a complete confirmation is valid: %s", codes(r, "errors"));
    CHECK_STR(check_get_str(r, "body"),
              "{\"primaryContact\":{\"firstName\":\"Anne\",\"lastName\":\"de Vries\",\"email\":\"Anne@contoso.nl\","
              "\"phoneNumber\":\"+31201234567\"},\"templateId\":\"117a77b0-9360-443b-8795-c6dedc750cf9\","
              "\"dateAgreed\":\"2026-11-20T09:30:00Z\",\"type\":\"MicrosoftCustomerAgreement\"}",
              "the classic body is exactly as Partner Center takes it");
    CHECK_STR(check_get_str(r, "payload.primaryContact.firstName"), "Anne", "payload is the body as an object");
    CHECK_STR(check_get_str(r, "normalized.customerId"), "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "customerId normalised");
    CHECK(check_get(r, "payload.customerId") == NULL, "customerId is in the URL, not the body");
    cJSON_Delete(r);

    r = call("buildConfirmation", "{\"input\":{" CUSTOMER ",\"firstName\":\"Zoe\\u0308\",\"lastName\":\"Nguy\\u1ec5n\","
             "\"email\":\"zoe@b\\u00fccher.de\",\"phoneNumber\":\"\",\"dateAgreed\":\"2026-11-20\"},\"options\":{\"now\":" NOW "}}");
    CHECK_STR(check_get_str(r, "body"),
              "{\"primaryContact\":{\"firstName\":\"Zo\xc3\xab\",\"lastName\":\"Nguy\xe1\xbb\x85n\",\"email\":\"zoe@xn--bcher-kva.de\"},"
              "\"templateId\":\"117a77b0-9360-443b-8795-c6dedc750cf9\",\"dateAgreed\":\"2026-11-20T00:00:00Z\","
              "\"type\":\"MicrosoftCustomerAgreement\"}",
              "NFC names, IDN email, no phoneNumber when empty, UTF-8 text in the body");
    cJSON_Delete(r);

    r = call("buildConfirmation", "{\"input\":{" CUSTOMER "," CONTACT ",\"dateAgreed\":\"2026-11-20T09:35:01Z\","
             "\"templateId\":\"998b88de-aa99-4388-a42c-1b3517d49490\"},\"options\":{\"now\":" NOW "}}");
    CHECK(check_ok(r) == 0, "a future date and the old template are refused");
    CHECK_STR(codes(r, "errors"), "dateAgreed.future templateId.cloudAgreement", "their exact codes");
    CHECK(cJSON_IsNull(check_get(r, "payload")) && cJSON_IsNull(check_get(r, "body")), "payload and body are null when not ok");
    cJSON_Delete(r);

    r = call("validateConfirmation", "{\"input\":{},\"options\":{\"now\":" NOW "}}");
    CHECK_STR(codes(r, "errors"), "customerId.required firstName.required lastName.required email.required dateAgreed.required",
              "an empty input lists every required field");
    CHECK_STR(check_get_str(r, "normalized.templateId"), "117a77b0-9360-443b-8795-c6dedc750cf9", "templateId defaults");
    cJSON_Delete(r);

    r = call("validateConfirmation", "{\"input\":{\"customerId\":null,\"firstName\":42,\"lastName\":[\"x\"],\"email\":{},"
             "\"dateAgreed\":true,\"phoneNumber\":7,\"templateId\":1,\"country\":false}}");
    CHECK_STR(codes(r, "errors"),
              "customerId.required firstName.type lastName.type email.type country.type phoneNumber.type dateAgreed.type templateId.type",
              "wrong types get <field>.type, null is missing");
    cJSON_Delete(r);

    r = call("validateConfirmation", "{\"input\":{" CUSTOMER "," CONTACT ",\"dateAgreed\":\"2026-11-20\"}}");
    CHECK(check_ok(r) == 1, "without now the date is accepted");
    CHECK_STR(codes(r, "warnings"), "dateAgreed.futureNotChecked", "... with a warning that the future was not checked");
    cJSON_Delete(r);

    r = call("validateConfirmation", "{\"input\":{" CUSTOMER "," CONTACT ",\"dateAgreed\":\"2026-11-20\","
             "\"templateId\":\"aaaaaaaa-1111-2222-3333-444444444444\",\"nickname\":\"A\"},\"options\":{\"now\":" NOW ","
             "\"templates\":[{\"templateId\":\"aaaaaaaa-1111-2222-3333-444444444444\",\"agreementType\":\"MicrosoftCustomerAgreement\"}]}}");
    CHECK(check_ok(r) == 1, "a template from options.templates is accepted");
    CHECK_STR(codes(r, "warnings"), "input.unknownField", "an unknown field is a warning");
    cJSON_Delete(r);
}

static void test_phone_wiring(void)
{
    cJSON *r = call("validateConfirmation", "{\"input\":{" CUSTOMER "," CONTACT ",\"dateAgreed\":\"2026-11-20\","
                    "\"phoneNumber\":\"020 123 4567\",\"country\":\"nl\"},\"options\":{\"now\":" NOW "}}");
    CHECK(check_ok(r) == 1, "a national phone number with its country is valid: %s", codes(r, "errors"));
    CHECK_STR(check_get_str(r, "normalized.phoneNumber"), "+31201234567", "the phone is normalised with the input's country");
    CHECK_STR(check_get_str(r, "normalized.country"), "NL", "country upper-cased");
    CHECK_STR(codes(r, "warnings"), "", "the Dutch plan checked the length: no warning");
    cJSON_Delete(r);

    r = call("validateConfirmation", "{\"input\":{\"phoneNumber\":\"020 123 4567\"}}");
    CHECK(check_has_code(r, "errors", "phoneNumber.countryRequired"), "a national number without country");
    cJSON_Delete(r);

    r = call("validateConfirmation", "{\"input\":{\"phoneNumber\":\"020 123 4567\",\"country\":\"UK\"}}");
    CHECK(check_has_code(r, "errors", "country.unknown") && !check_has_code(r, "errors", "phoneNumber.countryRequired"),
          "an unknown country is reported once, not again as phoneNumber.countryRequired");
    cJSON_Delete(r);

    r = call("validateAttestation", "{\"input\":{" CUSTOMER ",\"companyName\":\"Contoso ehf.\",\"country\":\"IS\","
             "\"language\":\"is-IS\",\"signatoryFirstName\":\"J\u00f3n\",\"signatoryLastName\":\"J\u00f3nsson\","
             "\"signatoryEmail\":\"jon@contoso.is\",\"signatoryPhoneNumber\":\"555 1234\"}}");
    CHECK(check_ok(r) == 1, "an Icelandic attestation is valid: %s", codes(r, "errors"));
    CHECK_STR(check_get_str(r, "normalized.signatoryPhoneNumber"), "+3545551234", "the signatory's phone gets the country's code");
    CHECK_STR(codes(r, "warnings"), "", "Iceland's plan is checked too: no warning");
    cJSON_Delete(r);
}

static void test_surrogates_and_nul(void)
{
    cJSON *r = call("validateConfirmation", "{\"input\":{" CUSTOMER ",\"firstName\":\"An\\ud800ne\",\"lastName\":\"\\udc00\","
                    "\"email\":\"a\\uD83D\\uDE00@contoso.nl\",\"dateAgreed\":\"2026-11-20\"},\"options\":{\"now\":" NOW "}}");
    CHECK_STR(codes(r, "errors"), "firstName.invalidUtf8 lastName.invalidUtf8 email.localInvalid",
              "lone surrogates fail only their own field; a proper pair is a character (an emoji here)");
    CHECK_STR(check_get_str(r, "normalized.customerId"), "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "the other fields are read");
    cJSON_Delete(r);

    r = call("validateConfirmation", "{\"input\":{\"firstName\":\"Anne\\u0000<script>\"}}");
    CHECK(check_has_code(r, "errors", "firstName.invalidUtf8"), "\\u0000 does not cut the name short: it is refused");
    cJSON_Delete(r);

    r = call("validateConfirmation", "{\"input\":{\"customerId\":\"\\uDBFF\\uDBFF\"}}");
    CHECK(check_has_code(r, "errors", "customerId.invalidUtf8"), "two high surrogates are two lone surrogates");
    cJSON_Delete(r);

    static const char with_nul[] = "{\"input\":{\"firstName\":\"An\0ne\"}}";
    size_t len;
    char *text = mca_call("validateConfirmation", with_nul, sizeof with_nul - 1, &len);
    CHECK(text != NULL && strstr(text, "input.invalidJson") != NULL, "a raw NUL byte in the JSON text is refused");
    mca_free(text);
}

/* The input object {"x": [ ... ]} nested depth levels deep (the object is
 * one level), inside the call's envelope {"input": ...}, which is not
 * counted: the limit applies to the input (MCA_INPUT_MAX_DEPTH). */
static char *nested(size_t input_depth)
{
    size_t depth = input_depth + 1;
    char *s = malloc(depth * 2 + 64);
    size_t p = (size_t)sprintf(s, "{\"input\":{\"x\":");
    for (size_t i = 2; i < depth; i++)
        s[p++] = '[';
    for (size_t i = 2; i < depth; i++)
        s[p++] = ']';
    strcpy(s + p, "}}");
    return s;
}

static void test_nesting(void)
{
    char *s = nested(64);
    cJSON *r = call("validateConfirmation", s);
    CHECK(check_has_code(r, "warnings", "input.unknownField") && !check_has_code(r, "errors", "input.tooDeep"),
          "an input nested exactly 64 deep is read (the envelope not counted)");
    cJSON_Delete(r);
    free(s);
    s = nested(65);
    r = call("validateConfirmation", s);
    CHECK_STR(codes(r, "errors"), "input.tooDeep", "an input 65 deep is refused as input.tooDeep");
    cJSON_Delete(r);
    free(s);
    s = nested(10000);
    r = call("buildAttestation", s);
    CHECK_STR(codes(r, "errors"), "input.tooDeep", "10,000 levels are refused as input.tooDeep");
    CHECK(cJSON_IsNull(check_get(r, "payload")) && cJSON_IsNull(check_get(r, "body")),
          "a build refused as a whole still has payload and body (null)");
    cJSON_Delete(r);
    free(s);
    r = call("validateConfirmation", "{\"input\":{\"x\":\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"}}");
    CHECK(!check_has_code(r, "errors", "input.tooDeep"), "brackets inside a string do not count as nesting");
    cJSON_Delete(r);
}

#define ATTESTATION "\"companyName\":\" Contoso B.V. \",\"country\":\"nl\",\"language\":\"nl-NL\"," \
    "\"signatoryFirstName\":\"Anne\",\"signatoryLastName\":\"de Vries\",\"signatoryEmail\":\"anne@contoso.nl\""

static void test_attestation(void)
{
    cJSON *r = call("buildAttestation", "{\"input\":{" CUSTOMER "," ATTESTATION "}}");
    CHECK(check_ok(r) == 1, "a complete attestation is valid: %s", codes(r, "errors"));
    CHECK_STR(check_get_str(r, "body"),
              "{\"companyName\":\"Contoso B.V.\",\"country\":\"NL\",\"language\":\"nl-NL\",\"signatoryFirstName\":\"Anne\","
              "\"signatoryLastName\":\"de Vries\",\"signatoryEmail\":\"anne@contoso.nl\"}",
              "the step 1 body: no customerId, no phone when absent");
    CHECK_STR(check_get_str(r, "normalized.customerId"), "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "customerId validated");
    cJSON_Delete(r);

    r = call("validateAttestation", "{\"input\":{\"customerId\":\"x\",\"companyName\":\"A\\nB\",\"signatoryFirstName\":\"3\","
             "\"signatoryLastName\":\"<b>\",\"signatoryEmail\":\"anne@contoso\"}}");
    CHECK_STR(codes(r, "errors"),
              "customerId.invalid companyName.controlCharacter country.required language.required signatoryFirstName.digit "
              "signatoryLastName.invalidCharacter signatoryEmail.domainInvalid",
              "every attestation field has its own code");
    cJSON_Delete(r);

    r = call("buildAttestationAgreement", "{\"input\":{\"attestationId\":\"C0FFEE00-1111-2222-3333-444444444444\"}}");
    CHECK_STR(check_get_str(r, "body"),
              "{\"templateId\":\"117a77b0-9360-443b-8795-c6dedc750cf9\",\"type\":\"MicrosoftCustomerAgreement\","
              "\"attestationId\":\"c0ffee00-1111-2222-3333-444444444444\"}",
              "the step 3 body");
    cJSON_Delete(r);

    r = call("buildAttestationAgreement", "{\"input\":{\"attestationId\":\"00000000-0000-0000-0000-000000000000\","
             "\"templateId\":\"998b88de-aa99-4388-a42c-1b3517d49490\"}}");
    CHECK_STR(codes(r, "errors"), "attestationId.zero templateId.cloudAgreement", "step 3 refuses a zero id and the old template");
    CHECK(cJSON_IsNull(check_get(r, "body")), "no body then");
    cJSON_Delete(r);

    r = call("buildAttestationAgreement", "{\"input\":{}}");
    CHECK_STR(codes(r, "errors"), "attestationId.required", "step 3 needs the attestation id");
    cJSON_Delete(r);
}

static void test_ten_megabytes(void)
{
    size_t big = 10 * 1024 * 1024;
    char *s = malloc(big + 128);
    size_t p = (size_t)sprintf(s, "{\"input\":{\"firstName\":\"");
    memset(s + p, 'a', big);
    strcpy(s + p + big, "\"}}");
    cJSON *r = call("validateConfirmation", s);
    CHECK(check_has_code(r, "errors", "firstName.tooLong"), "a 10 MB name is firstName.tooLong");
    cJSON_Delete(r);
    free(s);
}

/* Every text field is trimmed and put in NFC before its rule, as a CSV
 * cell often has spaces around it. */
static void test_trimmed_fields(void)
{
    cJSON *r = call("validateAttestation",
                    "{\"input\":{\"customerId\":\" 3F2B7A51-8C4D-4E6A-9B1F-2D5C8E7A1B04 \",\"companyName\":\"Contoso\","
                    "\"country\":\" NL \",\"language\":\"\\tnl-NL\\u00a0\",\"signatoryFirstName\":\"Anne\","
                    "\"signatoryLastName\":\"de Vries\",\"signatoryEmail\":\" anne@contoso.nl\","
                    "\"signatoryPhoneNumber\":\" 020 123 4567 \"}}");
    CHECK_STR(codes(r, "errors"), "", "trimmed fields of an attestation are valid");
    const cJSON *n = check_get(r, "normalized");
    CHECK_STR(check_get_str(n, "customerId"), "3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04", "customerId trimmed");
    CHECK_STR(check_get_str(n, "country"), "NL", "\" NL \" as country is NL");
    CHECK_STR(check_get_str(n, "language"), "nl-NL", "a language with a tab and a no-break space around it");
    CHECK_STR(check_get_str(n, "signatoryPhoneNumber"), "+31201234567", "a phone with spaces around it");
    cJSON_Delete(r);
    r = call("validateConfirmation",
             "{\"input\":{\"customerId\":\"0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\\n\",\"firstName\":\"Anne\","
             "\"lastName\":\"Smit\",\"email\":\"a@b.nl\",\"dateAgreed\":\" 2026-01-15T10:30:00Z \","
             "\"templateId\":\" 117A77B0-9360-443B-8795-C6DEDC750CF9 \",\"country\":\"\\u212aE\","
             "\"phoneNumber\":\"0712 345678\"},\"options\":{\"now\":" NOW "}}");
    CHECK_STR(codes(r, "errors"), "", "trimmed fields of a confirmation are valid");
    n = check_get(r, "normalized");
    CHECK_STR(check_get_str(n, "dateAgreed"), "2026-01-15T10:30:00Z", "dateAgreed trimmed");
    CHECK_STR(check_get_str(n, "templateId"), "117a77b0-9360-443b-8795-c6dedc750cf9", "templateId trimmed");
    CHECK_STR(check_get_str(n, "country"), "KE", "the Kelvin sign K is K in NFC: KE");
    CHECK_STR(check_get_str(n, "phoneNumber"), "+254712345678", "phone with the NFC country");
    cJSON_Delete(r);
    r = call("validateAttestation", "{\"input\":{\"country\":\" \\u00a0 \",\"language\":\" \"}}");
    CHECK(strstr(codes(r, "errors"), "country.required") != NULL && strstr(codes(r, "errors"), "language.required") != NULL,
          "a field of only spaces is required (got %s)", codes(r, "errors"));
    cJSON_Delete(r);
}

static void test_allocation_failures(void)
{
    static const char *const calls[][2] = {
        { "buildConfirmation", "{\"input\":{" CUSTOMER "," CONTACT ",\"phoneNumber\":\"+31201234567\",\"country\":\"NL\","
                               "\"dateAgreed\":\"2026-11-20\",\"x\":1},\"options\":{\"now\":" NOW "}}" },
        { "buildAttestation", "{\"input\":{" CUSTOMER "," ATTESTATION ",\"signatoryFirstName\":\"Zoe\\u0308\","
                              "\"signatoryEmail\":\"a@b\\u00fccher.de\"}}" },
        { "buildAttestationAgreement", "{\"input\":{\"attestationId\":\"c0ffee00-1111-2222-3333-444444444444\"}}" },
        { "validateConfirmation", "{\"input\":{\"firstName\":\"An\\ud800ne\"}}" },
        { "validateAttestation", "{\"input\":{\"country\":\" \\u212aE \",\"language\":\"nl-N\\u004c\\u00a0\","
                                 "\"signatoryPhoneNumber\":\"0712 345678\"}}" },
    };
    for (size_t c = 0; c < sizeof calls / sizeof calls[0]; c++) {
        size_t before = mca_bytes_in_use(), answered = 0, n;
        for (n = 1; n < 400; n++) {
            size_t len;
            mca_fail_allocation_after(n);
            char *text = mca_call(calls[c][0], calls[c][1], strlen(calls[c][1]), &len);
            mca_fail_allocation_after(0);
            answered += text != NULL;
            mca_free(text);
            CHECK(mca_bytes_in_use() == before, "%s: no leak when allocation %zu fails", calls[c][0], n);
        }
        CHECK(answered > 0, "%s answers when memory runs out", calls[c][0]);
    }
}

int main(void)
{
    test_confirmation();
    test_phone_wiring();
    test_surrogates_and_nul();
    test_nesting();
    test_attestation();
    test_trimmed_fields();
    test_ten_megabytes();
    test_allocation_failures();
    return check_report("build");
}
