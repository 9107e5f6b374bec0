/* explainError: every failure kind of docs/errors.md, and
 * answers that are not what they should be (HTML, empty, truncated, huge). */
#include "check.h"

#include "mca_internal.h"
#include "mca_scenario.h"


typedef struct explain_case {
    const char *behaviour;
    const char *input;       /* members of the input object */
    const char *code;
    double service_code;     /* -1: null */
    int retryable;
    double retry_after_ms;   /* -1: null */
} explain_case;

static const explain_case cases[] = {
    { "600002 is a date in the future", "\"status\":400,\"body\":\"{\\\"code\\\":600002,\\\"description\\\":\\\"Date agreed cannot be in the future\\\"}\"",
      "agreement.dateInFuture", 600002, 0, -1 },
    { "600009 is no agreement found", "\"status\":404,\"body\":\"{\\\"code\\\":600009,\\\"description\\\":\\\"No agreement\\\"}\"",
      "agreement.notFound", 600009, 0, -1 },
    { "20002 on 403 is a missing relationship", "\"status\":403,\"body\":\"{\\\"code\\\":20002,\\\"description\\\":\\\"no relationship\\\"}\"",
      "relationship.missing", 20002, 0, -1 },
    { "900420 is the retired Graph audience", "\"status\":401,\"body\":\"{\\\"code\\\":900420}\"",
      "auth.wrongAudience", 900420, 0, -1 },
    { "a 400 saying the template is no longer supported is the retired template",
      "\"status\":400,\"body\":\"{\\\"code\\\":400057,\\\"description\\\":\\\"Agreement template 998b88de-aa99-4388-a42c-1b3517d49490 is no longer supported.\\\"}\"",
      "agreement.templateRetired", 400057, 0, -1 },
    { "600061 is an existing confirmation, not retryable, even when the body says otherwise",
      "\"status\":409,\"body\":\"{\\\"code\\\":600061,\\\"errorName\\\":\\\"PartnerConfirmedAgreementAlreadyExists\\\",\\\"isRetryable\\\":true}\"",
      "agreement.alreadyExists", 600061, 0, -1 },
    { "the code as a string of digits is read too", "\"status\":409,\"body\":\"{\\\"code\\\":\\\"600061\\\"}\"",
      "agreement.alreadyExists", 600061, 0, -1 },
    { "13605 is an order refused for lack of an MCA acceptance", "\"status\":403,\"body\":\"{\\\"code\\\":13605}\"",
      "order.mcaRequired", 13605, 0, -1 },
    { "900421 is a token without MFA", "\"status\":401,\"body\":\"{\\\"code\\\":900421}\"",
      "auth.mfaRequired", 900421, 0, -1 },
    { "a 401 without a code is an unusable token", "\"status\":401,\"body\":\"\"", "auth.unauthorized", -1, 0, -1 },
    { "a 403 without a code is a missing role or an indirect reseller", "\"status\":403", "access.denied", -1, 0, -1 },
    { "a 404 is an unknown customer", "\"status\":404,\"body\":\"Not found\"", "resource.notFound", -1, 0, -1 },
    { "a 429 with Retry-After in seconds", "\"status\":429,\"headers\":{\"retry-after\":\"57\"},\"body\":\"{\\\"statusCode\\\":429,\\\"message\\\":\\\"Rate limit is exceeded. Try again in 57 seconds.\\\"}\"",
      "throttled", -1, 1, 57000 },
    { "a 429 with only the throttling message", "\"status\":429,\"body\":\"{\\\"statusCode\\\":429,\\\"message\\\":\\\"Rate limit is exceeded. Try again in 12 seconds.\\\"}\"",
      "throttled", -1, 1, 12000 },
    { "a 429 with Retry-After as an HTTP date, relative to now",
      "\"status\":429,\"headers\":{\"Retry-After\":\"Thu, 19 Nov 2026 10:40:30 GMT\"}",
      "throttled", -1, 1, 30000 },
    { "an HTTP date in the past means retry now", "\"status\":429,\"headers\":{\"RETRY-AFTER\":\"Thu, 19 Nov 2026 10:00:00 GMT\"}",
      "throttled", -1, 1, 0 },
    { "a 429 without any time", "\"status\":429", "throttled", -1, 1, -1 },
    { "an unreadable Retry-After is ignored", "\"status\":429,\"headers\":{\"Retry-After\":\"soon\"}", "throttled", -1, 1, -1 },
    { "a 500 is service trouble, retryable", "\"status\":500,\"body\":\"{\\\"code\\\":1,\\\"description\\\":\\\"oops\\\"}\"",
      "service.unavailable", 1, 1, -1 },
    { "a 503 with Retry-After", "\"status\":503,\"headers\":{\"Retry-After\":\"5\"}", "service.unavailable", -1, 1, 5000 },
    { "a 504 gateway timeout", "\"status\":504,\"body\":\"<html><body>Gateway Timeout</body></html>\"", "service.timeout", -1, 1, -1 },
    { "status 0 is no answer", "\"status\":0", "network.noAnswer", -1, 1, -1 },
    { "a 502 HTML page from a gateway", "\"status\":502,\"body\":\"<!DOCTYPE html><title>502 Bad Gateway</title>\"",
      "service.unavailable", -1, 1, -1 },
    { "an empty 400", "\"status\":400,\"body\":\"\"", "request.invalid", -1, 0, -1 },
    { "truncated JSON is read as no code", "\"status\":400,\"body\":\"{\\\"code\\\":6000\"", "request.invalid", -1, 0, -1 },
    { "JSON that is not an object is read as no code", "\"status\":403,\"body\":\"[600061]\"", "access.denied", -1, 0, -1 },
    { "an unknown service code keeps the status kind and the code", "\"status\":400,\"body\":\"{\\\"code\\\":777777,\\\"description\\\":\\\"Something new\\\"}\"",
      "request.invalid", 777777, 0, -1 },
    { "code 0 is no service code", "\"status\":404,\"body\":\"{\\\"code\\\":0,\\\"description\\\":\\\"No such resource.\\\"}\"",
      "resource.notFound", -1, 0, -1 },
    { "an unknown 4xx is a refusal without known reason", "\"status\":418", "request.rejected", -1, 0, -1 },
    { "a generic refusal takes isRetryable from the body", "\"status\":418,\"body\":\"{\\\"isRetryable\\\":true}\"", "request.rejected", -1, 1, -1 },
    { "a 200 whose body could not be used", "\"status\":200,\"body\":\"{\\\"items\\\":\"", "response.malformed", -1, 1, -1 },
    { "a status that is not HTTP", "\"status\":777", "unknown", -1, 0, -1 },
    { "a missing status cannot be explained", "\"body\":\"x\"", "explain.invalidInput", -1, 0, -1 },
    { "a status that is text cannot be explained", "\"status\":\"429\"", "explain.invalidInput", -1, 0, -1 },
    { "a fractional status cannot be explained", "\"status\":404.5", "explain.invalidInput", -1, 0, -1 },
    { "the errorName alone names an existing confirmation", "\"status\":409,\"body\":{\"errorName\":\"PartnerConfirmedAgreementAlreadyExists\"}",
      "agreement.alreadyExists", -1, 0, -1 },
    { "an already-parsed body object is read", "\"status\":400,\"body\":{\"code\":600002}", "agreement.dateInFuture", 600002, 0, -1 },
    { "a code nested under error is read", "\"status\":401,\"body\":\"{\\\"error\\\":{\\\"code\\\":\\\"900421\\\",\\\"message\\\":\\\"MFA\\\"}}\"",
      "auth.mfaRequired", 900421, 0, -1 },
};

static cJSON *explain(const char *input)
{
    size_t n = strlen(input) + 64;
    char *json = malloc(n);
    snprintf(json, n, "{\"input\":{%s},\"options\":{\"now\":%s}}", input, "1795084800000");
    cJSON *r = check_call("explainError", json);
    free(json);
    return r;
}

static double number_or(const cJSON *v, double none)
{
    return cJSON_IsNumber(v) ? v->valuedouble : cJSON_IsNull(v) ? none : -2;
}

static void test_cases(void)
{
    /* options.now 1795084800000 = 2026-11-19T10:40:00Z */
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const explain_case *c = &cases[i];
        cJSON *r = explain(c->input);
        CHECK_STR(check_get_str(r, "code"), c->code, "%s: code", c->behaviour);
        CHECK(number_or(check_get(r, "serviceCode"), -1) == c->service_code, "%s: serviceCode %g", c->behaviour,
              number_or(check_get(r, "serviceCode"), -1));
        CHECK(cJSON_IsBool(check_get(r, "retryable")) && cJSON_IsTrue(check_get(r, "retryable")) == c->retryable,
              "%s: retryable", c->behaviour);
        CHECK(number_or(check_get(r, "retryAfterMs"), -1) == c->retry_after_ms, "%s: retryAfterMs %g", c->behaviour,
              number_or(check_get(r, "retryAfterMs"), -1));
        CHECK(check_get_str(r, "message") != NULL && check_get_str(r, "action") != NULL, "%s: message and action", c->behaviour);
        cJSON_Delete(r);
    }
}

static void test_ids_and_detail(void)
{
    cJSON *r = explain("\"status\":400,\"headers\":{\"ms-requestid\":\"r-1\",\"MS-CorrelationId\":[\"c-1\"]},"
                       "\"body\":\"{\\\"code\\\":600002,\\\"description\\\":\\\"Date agreed is in the future\\\",\\\"requestId\\\":\\\"r-body\\\"}\"");
    CHECK_STR(check_get_str(r, "requestId"), "r-1", "the request id comes from MS-RequestId in any case");
    CHECK_STR(check_get_str(r, "correlationId"), "c-1", "the correlation id comes from MS-CorrelationId (first of a list)");
    CHECK_STR(check_get_str(r, "detail"), "Date agreed is in the future", "the service's description is kept as detail");
    CHECK(check_get(r, "status")->valueint == 400, "the status is kept");
    cJSON_Delete(r);

    r = explain("\"status\":500,\"body\":\"{\\\"requestId\\\":\\\"r-2\\\",\\\"correlationId\\\":\\\"c-2\\\"}\"");
    CHECK_STR(check_get_str(r, "requestId"), "r-2", "without headers the request id comes from the body");
    CHECK_STR(check_get_str(r, "correlationId"), "c-2", "and the correlation id too");
    cJSON_Delete(r);

    r = explain("\"status\":502,\"body\":\"<html>Bad gateway</html>\"");
    CHECK(cJSON_IsNull(check_get(r, "detail")), "an HTML page is not repeated as detail");
    CHECK(cJSON_IsNull(check_get(r, "requestId")), "no request id: null");
    cJSON_Delete(r);

    r = explain("\"status\":503,\"body\":\"upstream connect error\"");
    CHECK_STR(check_get_str(r, "detail"), "upstream connect error", "a short plain-text body is kept as detail");
    cJSON_Delete(r);
}

static void test_huge_body(void)
{
    size_t n = 3 * 1024 * 1024;
    char *json = malloc(n + 200);
    size_t p = (size_t)sprintf(json, "{\"input\":{\"status\":400,\"body\":\"{\\\"code\\\":600002,\\\"description\\\":\\\"");
    for (size_t i = 0; i < n; i++)
        json[p++] = (char)('a' + i % 26);
    p += (size_t)sprintf(json + p, "\\\"}\"}}");
    cJSON *r = check_call("explainError", json);
    CHECK_STR(check_get_str(r, "code"), "request.invalid", "a 3 MB body is not parsed as JSON, and the status still explains");
    CHECK(check_get(r, "detail") != NULL, "and the answer is complete");
    cJSON_Delete(r);

    p = (size_t)sprintf(json, "{\"input\":{\"status\":400,\"body\":\"{\\\"code\\\":600002,\\\"description\\\":\\\"");
    for (size_t i = 0; i < 2000; i++)
        p += (size_t)sprintf(json + p, "\xc3\xab");
    p += (size_t)sprintf(json + p, "\\\"}\"}}");
    r = check_call("explainError", json);
    const char *detail = check_get_str(r, "detail");
    CHECK(detail != NULL && strlen(detail) <= 500 && strlen(detail) % 2 == 0, "a long description is cut at a character boundary");
    cJSON_Delete(r);
    free(json);
}

/* Whether to retry and what the failed request did: the one rule the
 * client and the bulk runner follow. */
static const struct { const char *behaviour, *input; int retryable; const char *outcome; } outcome_cases[] = {
    { "a 408 is retried; the write may have happened", "\"status\":408", 1, "unknown" },
    { "a 500 whose body says isRetryable false is not retried, and may have happened",
      "\"status\":500,\"body\":\"{\\\"code\\\":1,\\\"isRetryable\\\":false}\"", 0, "unknown" },
    { "a 503 is retried; the write may have happened", "\"status\":503", 1, "unknown" },
    { "no answer is retried; the write may have happened", "\"status\":0", 1, "unknown" },
    { "a 2xx that cannot be read may have been done", "\"status\":201,\"body\":\"{\\\"id\\\":\"", 1, "unknown" },
    { "a 429 is retried after the wait; nothing was done", "\"status\":429", 1, "refused" },
    { "a 400 is final; nothing was done", "\"status\":400", 0, "refused" },
    { "a 401 is final; nothing was done", "\"status\":401", 0, "refused" },
    { "a 403 is final; nothing was done", "\"status\":403", 0, "refused" },
    { "a 409 conflict is final; nothing was done", "\"status\":409", 0, "refused" },
    { "600061: the confirmation is on record", "\"status\":409,\"body\":\"{\\\"code\\\":600061}\"", 0, "done" },
    { "a status that is not HTTP is not known", "\"status\":777", 0, "unknown" },
    { "input that cannot be explained is not known", "\"body\":\"x\"", 0, "unknown" },
};

static void test_outcomes(void)
{
    for (size_t i = 0; i < sizeof outcome_cases / sizeof outcome_cases[0]; i++) {
        cJSON *r = explain(outcome_cases[i].input);
        CHECK(cJSON_IsTrue(check_get(r, "retryable")) == outcome_cases[i].retryable, "%s: retryable", outcome_cases[i].behaviour);
        CHECK_STR(check_get_str(r, "outcome"), outcome_cases[i].outcome, "%s: outcome", outcome_cases[i].behaviour);
        cJSON_Delete(r);
    }
    size_t n;
    const mca_error_kind *kinds = mca_error_kinds(&n);
    for (size_t i = 0; i < n; i++)
        CHECK(!kinds[i].retryable || kinds[i].outcome != MCA_OUTCOME_DONE, "%s: a done request is never retried", kinds[i].code);
}

static void test_kinds_table(void)
{
    size_t n;
    const mca_error_kind *kinds = mca_error_kinds(&n);
    for (size_t i = 0; i < n; i++) {
        CHECK(kinds[i].message[0] && kinds[i].action[0], "%s has a message and an action", kinds[i].code);
        if (i > 0)
            CHECK(strcmp(kinds[i - 1].code, kinds[i].code) < 0, "kinds sorted: %s before %s", kinds[i - 1].code, kinds[i].code);
    }
    cJSON *r = check_call("constants", "{}");
    CHECK(cJSON_GetArraySize(check_get(r, "errorCodes")) == (int)n, "constants export every error code");
    const cJSON *messages = check_get(r, "messages");
    CHECK(cJSON_GetObjectItemCaseSensitive(messages, "throttled.action") != NULL, "and each action as <code>.action");
    CHECK(cJSON_GetObjectItemCaseSensitive(messages, "throttled") != NULL, "and each message as <code>");
    cJSON_Delete(r);
}

static void test_allocation_failures(void)
{
    const char *json = "{\"input\":{\"status\":429,\"headers\":{\"Retry-After\":\"3\",\"MS-RequestId\":\"r\"},"
                       "\"body\":\"{\\\"code\\\":600061,\\\"description\\\":\\\"exists\\\"}\"},\"options\":{\"now\":0}}";
    const char *ops[] = { "explainError", "constants" };
    for (size_t k = 0; k < 2; k++) {
        size_t before = mca_bytes_in_use();
        int answered = 0;
        for (size_t n = 1; n < 400; n++) {
            mca_fail_allocation_after(n);
            size_t len;
            char *text = mca_call(ops[k], json, strlen(json), &len);
            mca_fail_allocation_after(0);
            answered += text != NULL && strstr(text, "\"error\"") == NULL && strstr(text, "outOfMemory") == NULL;
            mca_free(text);
            CHECK(mca_bytes_in_use() == before, "%s leaks nothing when allocation %zu fails", ops[k], n);
        }
        CHECK(answered > 0, "%s answers once memory suffices", ops[k]);
    }
}

int main(void)
{
    test_cases();
    test_ids_and_detail();
    test_huge_body();
    test_outcomes();
    test_kinds_table();
    test_allocation_failures();
    return check_report("explain");
}
