/* detectScenario: the founding document's two scenarios, every exception,
 * and unknown or bad input (docs/scenario.md). */
#include "check.h"

#include "mca_internal.h"
#include "mca_scenario.h"

#define T_CURRENT "117a77b0-9360-443b-8795-c6dedc750cf9"
#define T_OLDER "0d6c3a1e-2b4f-4e5a-9c8d-7f6e5d4c3b2a"
#define T_NEWER "5a5a5a5a-1b1b-4c4c-8d8d-9e9e9e9e9e9e"
#define CUSTOMER "\"customer\":{\"id\":\"0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0\",\"isNew\":false}"
#define PRIOR "\"priorPurchases\":[\"azure-subscription\",\"software\"]"
#define NEW_EXISTING "\"purchase\":{\"kind\":\"new\",\"partner\":\"existing\"}"
#define NEW_NEW "\"purchase\":{\"kind\":\"new\",\"partner\":\"new\"}"
#define RENEWAL "\"purchase\":{\"kind\":\"auto-renewal\",\"partner\":\"existing\"}"
#define NONE_ON_RECORD "\"agreements\":[]"
#define MCA(date, tpl) "{\"type\":\"MicrosoftCustomerAgreement\",\"templateId\":\"" tpl "\",\"dateAgreed\":\"" date "\"," \
    "\"primaryContact\":{\"firstName\":\"Anne\",\"lastName\":\"de Vries\",\"email\":\"anne@contoso.nl\"},\"userId\":\"u-1\"}"
#define CLOUD "{\"type\":\"MicrosoftCloudAgreement\",\"templateId\":\"998b88de-aa99-4388-a42c-1b3517d49490\",\"dateAgreed\":\"2019-01-01T00:00:00Z\"}"
#define NOT_DIRECT "\"directSigned\":false"
#define ADMIN "\"partner\":{\"roles\":[\"AdminAgent\"],\"indirectReseller\":false}"
#define BASE CUSTOMER "," PRIOR "," NEW_EXISTING "," NONE_ON_RECORD "," NOT_DIRECT "," ADMIN

typedef struct scenario_case {
    const char *behaviour;
    const char *context;  /* members of the context object */
    const char *options;  /* members of options */
    const char *scenario; /* "null" for null */
    const char *needs;    /* "true", "false", "null" */
    const char *can;
    const char *action;   /* "null" for null */
    const char *reasons;  /* comma-separated, in order */
} scenario_case;

static const scenario_case cases[] = {
    { "an attestation still pending is named in the reasons; the action stays attest",
      BASE ",\"attestation\":{\"status\":\"Pending\"}", "", "existing-partner", "true", "true", "attest",
      "no-acceptance,attestation-pending" },
    { "scenario 1: a new purchase through the existing partner, nothing on record: attest",
      BASE, "", "existing-partner", "true", "true", "attest", "no-acceptance" },
    { "scenario 2: a new purchase through a new partner: attest",
      CUSTOMER "," PRIOR "," NEW_NEW "," NONE_ON_RECORD "," NOT_DIRECT "," ADMIN, "",
      "new-partner", "true", "true", "attest", "no-acceptance" },
    { "an automatic renewal asks for nothing",
      CUSTOMER "," PRIOR "," RENEWAL "," NONE_ON_RECORD "," NOT_DIRECT "," ADMIN, "",
      "none", "false", "true", "none", "auto-renewal" },
    { "an MCA confirmation after the cut-off means already confirmed",
      CUSTOMER "," PRIOR "," NEW_EXISTING ",\"agreements\":[" MCA("2024-05-01T10:00:00Z", T_CURRENT) "]," NOT_DIRECT "," ADMIN, "",
      "existing-partner", "false", "true", "none", "already-confirmed" },
    { "a confirmation under the cloud agreement only does not count",
      CUSTOMER "," PRIOR "," NEW_EXISTING ",\"agreements\":[" CLOUD "]," NOT_DIRECT "," ADMIN, "",
      "existing-partner", "true", "true", "attest", "cloud-agreement-only" },
    { "a direct acceptance means no attestation",
      CUSTOMER "," PRIOR "," NEW_EXISTING "," NONE_ON_RECORD ",\"directSigned\":true," ADMIN, "",
      "existing-partner", "false", "true", "none", "direct-signed" },
    { "the status object { isSigned: true } counts as a direct acceptance",
      CUSTOMER "," PRIOR "," NEW_EXISTING "," NONE_ON_RECORD ",\"directSigned\":{\"isSigned\":true}," ADMIN, "",
      "existing-partner", "false", "true", "none", "direct-signed" },
    { "a direct acceptance stays valid when the newest confirmation is before the cut-off",
      CUSTOMER "," PRIOR "," NEW_EXISTING ",\"agreements\":[" MCA("2022-06-01T00:00:00Z", T_CURRENT) "],\"directSigned\":true," ADMIN, "",
      "existing-partner", "false", "true", "none", "direct-signed" },
    { "no qualifying prior purchase asks for nothing",
      CUSTOMER ",\"priorPurchases\":[]," NEW_EXISTING "," NONE_ON_RECORD "," NOT_DIRECT "," ADMIN, "",
      "none", "false", "true", "none", "no-qualifying-purchase" },
    { "a customer being created accepts the MCA while being created",
      "\"customer\":{\"isNew\":true},\"priorPurchases\":[]," NEW_NEW "," ADMIN, "",
      "none", "false", "true", "create-customer", "new-customer,no-qualifying-purchase" },
    { "a new customer record needs no agreements or direct status",
      "\"customer\":{\"isNew\":true}," PRIOR "," NEW_NEW "," ADMIN, "",
      "new-partner", "false", "true", "create-customer", "new-customer" },
    { "a user without an allowed role must ask an admin",
      CUSTOMER "," PRIOR "," NEW_EXISTING "," NONE_ON_RECORD "," NOT_DIRECT ",\"partner\":{\"roles\":[\"BillingAdmin\"],\"indirectReseller\":false}", "",
      "existing-partner", "true", "false", "ask-admin", "no-acceptance,role-missing" },
    { "an indirect reseller asks its indirect provider, even without a role",
      CUSTOMER "," PRIOR "," NEW_EXISTING "," NONE_ON_RECORD "," NOT_DIRECT ",\"partner\":{\"roles\":[],\"indirectReseller\":true}", "",
      "existing-partner", "true", "false", "ask-indirect-provider", "no-acceptance,indirect-reseller" },
    { "an indirect reseller with an allowed role still cannot attest",
      CUSTOMER "," PRIOR "," NEW_EXISTING "," NONE_ON_RECORD "," NOT_DIRECT ",\"partner\":{\"roles\":[\"AdminAgent\"],\"indirectReseller\":true}", "",
      "existing-partner", "true", "false", "ask-indirect-provider", "no-acceptance,indirect-reseller" },
    { "options.allowedRoles replaces the default roles",
      BASE, "\"allowedRoles\":[\"SalesAgent\"]", "existing-partner", "true", "false", "ask-admin", "no-acceptance,role-missing" },
    { "an unknown direct status leaves the need undecided",
      CUSTOMER "," PRIOR "," NEW_EXISTING "," NONE_ON_RECORD ",\"directSigned\":null," ADMIN, "",
      "existing-partner", "null", "true", "null", "direct-status-unknown" },
    { "an unknown direct status does not matter once a valid confirmation is on record",
      CUSTOMER "," PRIOR "," NEW_EXISTING ",\"agreements\":[" MCA("2024-05-01T10:00:00Z", T_CURRENT) "]," ADMIN, "",
      "existing-partner", "false", "true", "none", "already-confirmed" },
    { "an unknown prior purchase type does not matter for a renewal",
      CUSTOMER ",\"priorPurchases\":[\"laptop\"]," RENEWAL "," ADMIN, "", "none", "false", "true", "none", "auto-renewal" },
    { "an unknown direct status does not matter for a renewal",
      CUSTOMER "," PRIOR "," RENEWAL "," ADMIN, "", "none", "false", "true", "none", "auto-renewal" },
    { "a confirmation on an older template is a warning, not a block",
      CUSTOMER "," PRIOR "," NEW_EXISTING ",\"agreements\":[" MCA("2024-05-01T10:00:00Z", T_OLDER) "]," NOT_DIRECT "," ADMIN, "",
      "existing-partner", "false", "true", "none", "already-confirmed,outdated-template" },
    { "a newer template in options.templates makes the known one outdated",
      CUSTOMER "," PRIOR "," NEW_EXISTING ",\"agreements\":[" MCA("2024-05-01T10:00:00Z", T_CURRENT) "]," NOT_DIRECT "," ADMIN,
      "\"templates\":[{\"templateId\":\"" T_CURRENT "\",\"agreementType\":\"MicrosoftCustomerAgreement\",\"versionRank\":1},"
      "{\"templateId\":\"" T_NEWER "\",\"agreementType\":\"MicrosoftCustomerAgreement\",\"versionRank\":2}]",
      "existing-partner", "false", "true", "none", "already-confirmed,outdated-template" },
    { "context.templates recognise a newer template as current",
      CUSTOMER "," PRIOR "," NEW_EXISTING ",\"agreements\":[" MCA("2024-05-01T10:00:00Z", T_NEWER) "]," NOT_DIRECT "," ADMIN
      ",\"templates\":{\"totalCount\":2,\"items\":[{\"templateId\":\"" T_CURRENT "\",\"agreementType\":\"MicrosoftCustomerAgreement\",\"versionRank\":1},"
      "{\"templateId\":\"" T_NEWER "\",\"agreementType\":\"MicrosoftCustomerAgreement\",\"versionRank\":2}]}", "",
      "existing-partner", "false", "true", "none", "already-confirmed" },
    { "a template not in the templates given is named unknown",
      CUSTOMER "," PRIOR "," NEW_EXISTING ",\"agreements\":[" MCA("2024-05-01T10:00:00Z", T_OLDER) "]," NOT_DIRECT "," ADMIN,
      "\"templates\":[{\"templateId\":\"" T_CURRENT "\",\"agreementType\":\"MicrosoftCustomerAgreement\",\"versionRank\":1}]",
      "existing-partner", "false", "true", "none", "already-confirmed,template-unknown" },
    { "templates that are not a list are reported and the known template is used",
      BASE, "\"templates\":\"all\"", "existing-partner", "true", "true", "attest", "no-acceptance,templates-invalid" },
    { "an acceptance before 2023-04-01 needs a new attestation",
      CUSTOMER "," PRIOR "," NEW_EXISTING ",\"agreements\":[" MCA("2023-03-31T23:59:59Z", T_CURRENT) "]," NOT_DIRECT "," ADMIN, "",
      "existing-partner", "true", "true", "attest", "accepted-before-refresh" },
    { "an acceptance at the cut-off itself is valid",
      CUSTOMER "," PRIOR "," NEW_EXISTING ",\"agreements\":[" MCA("2023-04-01T02:00:00+02:00", T_CURRENT) "]," NOT_DIRECT "," ADMIN, "",
      "existing-partner", "false", "true", "none", "already-confirmed" },
    { "the newest confirmation decides, not the first listed",
      CUSTOMER "," PRIOR "," NEW_EXISTING ",\"agreements\":{\"totalCount\":2,\"items\":[" MCA("2022-01-01T00:00:00Z", T_CURRENT) ","
      MCA("2025-01-01T00:00:00Z", T_CURRENT) "]}," NOT_DIRECT "," ADMIN, "",
      "existing-partner", "false", "true", "none", "already-confirmed" },
    { "options.refreshCutoff moves the cut-off (epoch ms)",
      CUSTOMER "," PRIOR "," NEW_EXISTING ",\"agreements\":[" MCA("2022-06-01T00:00:00Z", T_CURRENT) "]," NOT_DIRECT "," ADMIN,
      "\"refreshCutoff\":1640995200000", "existing-partner", "false", "true", "none", "already-confirmed" },
    { "options.refreshCutoff moves the cut-off (ISO text)",
      CUSTOMER "," PRIOR "," NEW_EXISTING ",\"agreements\":[" MCA("2024-05-01T10:00:00Z", T_CURRENT) "]," NOT_DIRECT "," ADMIN,
      "\"refreshCutoff\":\"2025-01-01\"", "existing-partner", "true", "true", "attest", "accepted-before-refresh" },
    { "an unknown purchase kind leaves everything that depends on it undecided",
      CUSTOMER "," PRIOR ",\"purchase\":{\"kind\":\"upgrade\",\"partner\":\"existing\"}," NONE_ON_RECORD "," NOT_DIRECT "," ADMIN, "",
      "null", "null", "true", "null", "no-acceptance,purchase-kind-unknown" },
    { "an unknown purchase kind does not matter without a qualifying purchase",
      CUSTOMER ",\"priorPurchases\":[],\"purchase\":{}," ADMIN, "", "none", "false", "true", "none", "no-qualifying-purchase" },
    { "an unknown partner side still needs an attestation, the scenario is not named",
      CUSTOMER "," PRIOR ",\"purchase\":{\"kind\":\"new\"}," NONE_ON_RECORD "," NOT_DIRECT "," ADMIN, "",
      "null", "true", "true", "attest", "no-acceptance,purchase-partner-unknown" },
    { "missing prior purchases are unknown, not none",
      CUSTOMER "," NEW_EXISTING "," NONE_ON_RECORD "," NOT_DIRECT "," ADMIN, "",
      "null", "null", "true", "null", "no-acceptance,prior-purchases-unknown" },
    { "only unknown prior purchase types are unknown",
      CUSTOMER ",\"priorPurchases\":[\"laptop\"]," NEW_EXISTING "," NONE_ON_RECORD "," NOT_DIRECT "," ADMIN, "",
      "null", "null", "true", "null", "no-acceptance,prior-purchase-type-unknown" },
    { "a known type qualifies even next to an unknown one",
      CUSTOMER ",\"priorPurchases\":[\"laptop\",\"offer\"]," NEW_EXISTING "," NONE_ON_RECORD "," NOT_DIRECT "," ADMIN, "",
      "existing-partner", "true", "true", "attest", "no-acceptance,prior-purchase-type-unknown" },
    { "missing partner roles leave canAttest undecided",
      CUSTOMER "," PRIOR "," NEW_EXISTING "," NONE_ON_RECORD "," NOT_DIRECT ",\"partner\":{\"indirectReseller\":false}", "",
      "existing-partner", "true", "null", "null", "no-acceptance,partner-roles-unknown" },
    { "an unknown reseller status leaves canAttest undecided",
      CUSTOMER "," PRIOR "," NEW_EXISTING "," NONE_ON_RECORD "," NOT_DIRECT ",\"partner\":{\"roles\":[\"AdminAgent\"]}", "",
      "existing-partner", "true", "null", "null", "no-acceptance,indirect-reseller-unknown" },
    { "a missing role with an unknown reseller status cannot attest, but whom to ask is unknown",
      CUSTOMER "," PRIOR "," NEW_EXISTING "," NONE_ON_RECORD "," NOT_DIRECT ",\"partner\":{\"roles\":[\"Reader\"]}", "",
      "existing-partner", "true", "false", "null", "no-acceptance,role-missing,indirect-reseller-unknown" },
    { "missing agreements are unknown, not none",
      CUSTOMER "," PRIOR "," NEW_EXISTING "," NOT_DIRECT "," ADMIN, "",
      "existing-partner", "null", "true", "null", "agreements-unknown" },
    { "a confirmation whose date cannot be read leaves the need undecided",
      CUSTOMER "," PRIOR "," NEW_EXISTING ",\"agreements\":[" MCA("yesterday", T_CURRENT) "]," NOT_DIRECT "," ADMIN, "",
      "existing-partner", "null", "true", "null", "agreement-date-invalid" },
    { "an agreement without a type does not count",
      CUSTOMER "," PRIOR "," NEW_EXISTING ",\"agreements\":[{\"dateAgreed\":\"2024-01-01T00:00:00Z\"}]," NOT_DIRECT "," ADMIN, "",
      "existing-partner", "true", "true", "attest", "no-acceptance,agreement-type-unknown" },
    { "a customer that is not an object is reported",
      "\"customer\":\"contoso\"," PRIOR "," NEW_EXISTING "," NONE_ON_RECORD "," NOT_DIRECT "," ADMIN, "",
      "existing-partner", "null", "true", "null", "no-acceptance,customer-invalid" },
    { "isNew that is not a boolean is unknown",
      "\"customer\":{\"isNew\":\"yes\"}," PRIOR "," NEW_EXISTING "," NONE_ON_RECORD "," NOT_DIRECT "," ADMIN, "",
      "existing-partner", "null", "true", "null", "no-acceptance,customer-new-unknown" },
    { "an invalid customer id is reported and decides nothing",
      "\"customer\":{\"id\":\"contoso\",\"isNew\":false}," PRIOR "," NEW_EXISTING "," NONE_ON_RECORD "," NOT_DIRECT "," ADMIN, "",
      "existing-partner", "true", "true", "attest", "no-acceptance,customer-id-invalid" },
    { "an empty context names every unknown input",
      "", "", "null", "null", "null", "null",
      "purchase-kind-unknown,prior-purchases-unknown,agreements-unknown,direct-status-unknown,partner-roles-unknown,indirect-reseller-unknown" },
};

/* Text of a JSON value for comparison: strings as is, true/false/null. */
static const char *text_of(const cJSON *v)
{
    if (cJSON_IsString(v))
        return v->valuestring;
    if (cJSON_IsNull(v))
        return "null";
    if (cJSON_IsBool(v))
        return cJSON_IsTrue(v) ? "true" : "false";
    return "(absent)";
}

static void reasons_text(const cJSON *r, char *buf, size_t size)
{
    const cJSON *item;
    size_t at = 0;
    buf[0] = '\0';
    cJSON_ArrayForEach(item, check_get(r, "reasons")) {
        at += (size_t)snprintf(buf + at, size - at, "%s%s", at ? "," : "", text_of(item));
        if (at >= size)
            return;
    }
}

static cJSON *detect(const char *context, const char *options)
{
    size_t n = strlen(context) + strlen(options) + 64;
    char *json = malloc(n);
    snprintf(json, n, "{\"input\":{%s},\"options\":{%s}}", context, options);
    cJSON *r = check_call("detectScenario", json);
    free(json);
    return r;
}

static void test_cases(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const scenario_case *c = &cases[i];
        cJSON *r = detect(c->context, c->options);
        char reasons[512];
        reasons_text(r, reasons, sizeof reasons);
        CHECK_STR(text_of(check_get(r, "scenario")), c->scenario, "%s: scenario", c->behaviour);
        CHECK_STR(text_of(check_get(r, "needsAttestation")), c->needs, "%s: needsAttestation", c->behaviour);
        CHECK_STR(text_of(check_get(r, "canAttest")), c->can, "%s: canAttest", c->behaviour);
        CHECK_STR(text_of(check_get(r, "action")), c->action, "%s: action", c->behaviour);
        CHECK_STR(reasons, c->reasons, "%s: reasons", c->behaviour);
        cJSON_Delete(r);
    }
}

static void test_confirmation(void)
{
    cJSON *r = detect(CUSTOMER "," PRIOR "," NEW_EXISTING ",\"agreements\":[" CLOUD ","
                      MCA("2024-05-01T12:00:00+02:00", "117A77B0-9360-443B-8795-C6DEDC750CF9") ","
                      MCA("2023-01-01T00:00:00Z", T_OLDER) "]," NOT_DIRECT "," ADMIN, "");
    CHECK_STR(check_get_str(r, "confirmation.dateAgreed"), "2024-05-01T10:00:00Z", "the newest MCA confirmation's date is given in UTC");
    CHECK_STR(check_get_str(r, "confirmation.templateId"), T_CURRENT, "its template id is normalised to lower case");
    CHECK_STR(check_get_str(r, "confirmation.primaryContact.email"), "anne@contoso.nl", "its primary contact is given");
    CHECK_STR(check_get_str(r, "confirmation.userId"), "u-1", "its user id is given");
    CHECK(cJSON_IsTrue(check_get(r, "confirmation.currentTemplate")), "it is on the current template");
    CHECK(cJSON_IsFalse(check_get(r, "confirmation.beforeRefresh")), "it is after the cut-off");
    CHECK_STR(check_get_str(r, "customerId"), "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "the customer id is normalised");
    cJSON_Delete(r);

    r = detect(BASE, "");
    CHECK(cJSON_IsNull(check_get(r, "confirmation")), "no MCA confirmation: confirmation is null");
    cJSON_Delete(r);

    r = detect(CUSTOMER "," PRIOR "," NEW_EXISTING ",\"agreements\":[" MCA("2020-02-02T00:00:00Z", T_CURRENT) "]," NOT_DIRECT "," ADMIN, "");
    CHECK(cJSON_IsTrue(check_get(r, "confirmation.beforeRefresh")), "a confirmation before the cut-off is marked so");
    cJSON_Delete(r);
}

/* The one-word status a list shows, for each kind of decision. */
static const struct { const char *behaviour, *context, *options, *status; } status_cases[] = {
    { "nothing on record: needs-attestation", BASE, "", "needs-attestation" },
    { "an indirect reseller: cannot-attest",
      CUSTOMER "," PRIOR "," NEW_EXISTING "," NONE_ON_RECORD "," NOT_DIRECT ",\"partner\":{\"roles\":[\"AdminAgent\"],\"indirectReseller\":true}", "",
      "cannot-attest" },
    { "a missing role: cannot-attest",
      CUSTOMER "," PRIOR "," NEW_EXISTING "," NONE_ON_RECORD "," NOT_DIRECT ",\"partner\":{\"roles\":[\"Reader\"],\"indirectReseller\":false}", "",
      "cannot-attest" },
    { "the partner's roles unknown: still needs-attestation",
      CUSTOMER "," PRIOR "," NEW_EXISTING "," NONE_ON_RECORD "," NOT_DIRECT ",\"partner\":{\"indirectReseller\":false}", "",
      "needs-attestation" },
    { "a valid confirmation: confirmed",
      CUSTOMER "," PRIOR "," NEW_EXISTING ",\"agreements\":[" MCA("2024-05-01T10:00:00Z", T_CURRENT) "]," NOT_DIRECT "," ADMIN, "",
      "confirmed" },
    { "a confirmation before the cut-off: needs-attestation",
      CUSTOMER "," PRIOR "," NEW_EXISTING ",\"agreements\":[" MCA("2022-11-03T14:00:00Z", T_CURRENT) "]," NOT_DIRECT "," ADMIN, "",
      "needs-attestation" },
    { "a direct acceptance: confirmed-directly",
      CUSTOMER "," PRIOR "," NEW_EXISTING "," NONE_ON_RECORD ",\"directSigned\":true," ADMIN, "", "confirmed-directly" },
    { "a confirmation on an older template: old-template",
      CUSTOMER "," PRIOR "," NEW_EXISTING ",\"agreements\":[" MCA("2024-05-01T10:00:00Z", T_OLDER) "]," NOT_DIRECT "," ADMIN, "",
      "old-template" },
    { "a renewal: nothing-needed", CUSTOMER "," PRIOR "," RENEWAL "," ADMIN, "", "nothing-needed" },
    { "a customer being created: nothing-needed", "\"customer\":{\"isNew\":true}," PRIOR "," NEW_NEW "," ADMIN, "",
      "nothing-needed" },
    { "the direct status unknown: unknown",
      CUSTOMER "," PRIOR "," NEW_EXISTING "," NONE_ON_RECORD ",\"directSigned\":null," ADMIN, "", "unknown" },
    { "an empty context: unknown", "", "", "unknown" },
    { "an attestation pending for a customer that needs one: awaiting-acceptance",
      BASE ",\"attestation\":{\"status\":\"Pending\"}", "", "awaiting-acceptance" },
    { "an expired attestation: needs-attestation again",
      BASE ",\"attestation\":{\"status\":\"Expired\"}", "", "needs-attestation" },
    { "a pending attestation of a customer confirmed since: confirmed",
      CUSTOMER "," PRIOR "," NEW_EXISTING ",\"agreements\":[" MCA("2024-05-01T10:00:00Z", T_CURRENT) "]," NOT_DIRECT "," ADMIN
      ",\"attestation\":{\"status\":\"Pending\"}", "", "confirmed" },
    { "a pending attestation of a partner that cannot attest: cannot-attest",
      CUSTOMER "," PRIOR "," NEW_EXISTING "," NONE_ON_RECORD "," NOT_DIRECT ",\"partner\":{\"roles\":[\"Reader\"],\"indirectReseller\":false}"
      ",\"attestation\":{\"status\":\"Pending\"}", "", "cannot-attest" },
};

static void test_status_and_template(void)
{
    for (size_t i = 0; i < sizeof status_cases / sizeof status_cases[0]; i++) {
        cJSON *r = detect(status_cases[i].context, status_cases[i].options);
        CHECK_STR(check_get_str(r, "status"), status_cases[i].status, "%s", status_cases[i].behaviour);
        cJSON_Delete(r);
    }
    cJSON *r = detect(BASE, "");
    CHECK_STR(check_get_str(r, "templateId"), T_CURRENT, "without templates the known current template is given");
    cJSON_Delete(r);
    r = detect(BASE, "\"templates\":[{\"templateId\":\"" T_CURRENT "\",\"agreementType\":\"MicrosoftCustomerAgreement\",\"versionRank\":1},"
               "{\"templateId\":\"5A5A5A5A-1B1B-4C4C-8D8D-9E9E9E9E9E9E\",\"agreementType\":\"MicrosoftCustomerAgreement\",\"versionRank\":2}]");
    CHECK_STR(check_get_str(r, "templateId"), T_NEWER, "the highest versionRank among the MCA templates given is current (lower case)");
    cJSON_Delete(r);
    r = detect(BASE ",\"templates\":{\"items\":[{\"templateId\":\"" T_NEWER "\",\"agreementType\":\"MicrosoftCloudAgreement\",\"versionRank\":9}]}", "");
    CHECK_STR(check_get_str(r, "templateId"), T_CURRENT, "a template of another agreement type is never current");
    cJSON_Delete(r);
}

static void test_bad_options_and_calls(void)
{
    cJSON *r = detect(BASE, "\"refreshCutoff\":\"last spring\"");
    CHECK_STR(check_get_str(r, "error.code"), "refreshCutoff.invalid", "an unreadable refreshCutoff is a call error");
    CHECK(check_get_str(r, "error.message") != NULL, "with a message");
    cJSON_Delete(r);
    r = detect(BASE, "\"allowedRoles\":\"AdminAgent\"");
    CHECK_STR(check_get_str(r, "error.code"), "allowedRoles.invalid", "allowedRoles that are not a list are a call error");
    cJSON_Delete(r);
    r = detect(BASE, "\"allowedRoles\":[\"AdminAgent\",3]");
    CHECK_STR(check_get_str(r, "error.code"), "allowedRoles.invalid", "allowedRoles with a non-string are a call error");
    cJSON_Delete(r);
    r = check_call("detectScenario", "{\"input\":null}");
    CHECK_STR(check_get_str(r, "error.code"), "call.notObject", "a context that is not an object is a call error");
    cJSON_Delete(r);
    r = detect("\"agreements\":[1,\"x\",null,[]],\"priorPurchases\":[{},7],\"partner\":{\"roles\":[{},null]},\"purchase\":[]", "");
    CHECK_STR(text_of(check_get(r, "needsAttestation")), "null", "values of the wrong type are unknown, never guessed");
    CHECK(cJSON_IsArray(check_get(r, "reasons")), "and still give a result");
    cJSON_Delete(r);
}

static void test_every_reason_has_a_message(void)
{
    size_t n;
    const char *const *codes = mca_scenario_reasons(&n);
    CHECK(n >= 20, "the reasons are listed");
    for (size_t i = 0; i < n; i++)
        CHECK(mca_message(codes[i]) != NULL, "reason %s has an English message", codes[i]);
    cJSON *r = check_call("constants", "{}");
    CHECK(cJSON_GetArraySize(check_get(r, "scenarioReasons")) == (int)n, "constants export every reason");
    CHECK_STR(check_get_str(r, "scenarioReasons.0"), "new-customer", "in the order results list them");
    cJSON_Delete(r);
}

static void test_allocation_failures(void)
{
    const char *json = "{\"input\":{" CUSTOMER "," PRIOR "," NEW_EXISTING ",\"agreements\":[" MCA("2024-05-01T10:00:00Z", T_OLDER) "],"
                       NOT_DIRECT "," ADMIN "},\"options\":{\"templates\":[{\"templateId\":\"" T_CURRENT
                       "\",\"agreementType\":\"MicrosoftCustomerAgreement\",\"versionRank\":1}]}}";
    size_t before = mca_bytes_in_use();
    int answered = 0;
    for (size_t n = 1; n < 400; n++) {
        mca_fail_allocation_after(n);
        size_t len;
        char *text = mca_call("detectScenario", json, strlen(json), &len);
        mca_fail_allocation_after(0);
        answered += text != NULL && strstr(text, "\"reasons\"") != NULL;
        mca_free(text);
        CHECK(mca_bytes_in_use() == before, "detectScenario leaks nothing when allocation %zu fails", n);
    }
    CHECK(answered > 0, "detectScenario answers once memory suffices");
}

int main(void)
{
    test_cases();
    test_confirmation();
    test_status_and_template();
    test_bad_options_and_calls();
    test_every_reason_has_a_message();
    test_allocation_failures();
    return check_report("scenario");
}
