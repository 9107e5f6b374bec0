/* explainError: what a failed Partner Center call means for a person, and
 * whether retrying can help (docs/errors.md).
 *
 * The kind of failure is found in three sorted tables, most specific first:
 * Partner Center's numeric code in the body, a known text of the body for a
 * status, then the HTTP status (then its class: 4xx, 5xx). */
#include "mca_internal.h"
#include "mca_scenario.h"
#include "mca_time.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Bodies longer than this are not parsed as JSON (a gateway page, a dump). */
#define MAX_JSON_BODY (1024u * 1024u)
/* Text patterns are looked for in the first part of the body only. */
#define MAX_SCAN (64u * 1024u)
/* The service's own text is kept up to this many bytes. */
#define MAX_DETAIL 500u
/* Request and correlation ids longer than this are not ids. */
#define MAX_ID 256u

/* Sorted by code. */
static const mca_error_kind kinds[] = {
    { "access.denied", 0, MCA_OUTCOME_REFUSED, "Partner Center refused the request: the signed-in user lacks a role it needs, or the partner is an indirect reseller for this customer.",
      "Ask a user with the Admin agent role to do it, or, as an indirect reseller, ask your indirect provider." },
    { "agreement.alreadyExists", 0, MCA_OUTCOME_DONE, "This confirmation is already recorded for the customer.",
      "Nothing to do: the acceptance is on record." },
    { "agreement.dateInFuture", 0, MCA_OUTCOME_REFUSED, "Partner Center refused the date of acceptance because it lies in the future; usually a local time was sent as if it were UTC.",
      "Send the date in UTC, and check the computer's clock and time zone." },
    /* Not an answer of the service: named by the bulk runner when 600061 meets
     * a record that detectScenario says does not count. */
    { "agreement.existingNotValid", 0, MCA_OUTCOME_REFUSED, "Partner Center already holds a confirmation of this contact on this template, but it does not count as an acceptance (it is dated before the refresh cut-off), and a classic confirmation cannot replace it.",
      "Create an enhanced attestation for this customer (the enhanced flow): the customer accepts through its own link." },
    { "agreement.notFound", 0, MCA_OUTCOME_REFUSED, "No agreement is recorded for this customer yet.",
      "Attest the customer's acceptance of the Microsoft Customer Agreement." },
    { "agreement.templateRetired", 0, MCA_OUTCOME_REFUSED, "The agreement template is no longer supported (the old Microsoft Cloud Agreement template).",
      "Use the current Microsoft Customer Agreement template." },
    { "auth.appOnlyRequired", 0, MCA_OUTCOME_REFUSED, "Partner Center takes only an App-only token for this call (the enhanced attestation): the token sent was obtained for a user.",
      "Get the token for this call by client credentials (the app's secret or certificate) on the backend." },
    { "auth.mfaRequired", 0, MCA_OUTCOME_REFUSED, "Partner Center refused the sign-in: the token was obtained without multi-factor authentication.",
      "Sign in again with multi-factor authentication." },
    { "auth.unauthorized", 0, MCA_OUTCOME_REFUSED, "Partner Center refused the sign-in token: it has expired, was obtained without multi-factor authentication, or is for another audience.",
      "Sign in again with multi-factor authentication." },
    { "auth.userRequired", 0, MCA_OUTCOME_REFUSED, "Partner Center takes only an App+User token for this call: the token sent is the app's own (App-only).",
      "Send a token obtained on behalf of a user signed in with multi-factor authentication." },
    { "auth.wrongAudience", 0, MCA_OUTCOME_REFUSED, "The token is for the retired Azure AD Graph audience, not for Partner Center.",
      "Request a token for the Partner Center audience (https://api.partnercenter.microsoft.com)." },
    { "explain.invalidInput", 0, MCA_OUTCOME_UNKNOWN, "The failure cannot be explained: its status is missing or is not an HTTP status.",
      "Pass { status, body, headers } as received, with status 0 when no answer came." },
    { "network.noAnswer", 1, MCA_OUTCOME_UNKNOWN, "No answer came from Partner Center: the network failed or the request timed out.",
      "Check the connection, then retry the same request with the same MS-RequestId." },
    { "order.mcaRequired", 0, MCA_OUTCOME_REFUSED, "The order was refused because the customer has not accepted the Microsoft Customer Agreement.",
      "Attest the customer's acceptance, then place the order again." },
    { "relationship.missing", 0, MCA_OUTCOME_REFUSED, "There is no reseller relationship between the partner and this customer.",
      "Check the reseller relationship with this customer in Partner Center." },
    { "request.conflict", 0, MCA_OUTCOME_REFUSED, "Partner Center refused the request because it conflicts with what is already recorded.",
      "Read the current state back before sending again." },
    { "request.invalid", 0, MCA_OUTCOME_REFUSED, "Partner Center refused the request as invalid.",
      "Check the data that was sent; the service's own text is in the details." },
    { "request.rejected", 0, MCA_OUTCOME_REFUSED, "Partner Center refused the request for a reason this component does not know.",
      "Check the request; if it persists, give the request id and correlation id to Microsoft support." },
    { "resource.notFound", 0, MCA_OUTCOME_REFUSED, "Partner Center does not know this customer, or the partner has no relationship with it.",
      "Check the customer's tenant ID." },
    { "response.malformed", 1, MCA_OUTCOME_UNKNOWN, "Partner Center answered, but its answer could not be read.",
      "Read the result back before sending again: a write may already be recorded." },
    { "service.timeout", 1, MCA_OUTCOME_UNKNOWN, "Partner Center did not answer in time.",
      "Retry the same request with the same MS-RequestId, waiting longer each time." },
    { "service.unavailable", 1, MCA_OUTCOME_UNKNOWN, "Partner Center had trouble answering (a server error).",
      "Retry the same request with the same MS-RequestId, waiting longer each time." },
    { "throttled", 1, MCA_OUTCOME_REFUSED, "Too many requests: Partner Center is throttling this partner.",
      "Wait the time Partner Center asks for, then retry the same request." },
    { "unknown", 0, MCA_OUTCOME_UNKNOWN, "Partner Center answered with a status this component does not know.",
      "If it persists, give the status, request id and correlation id to Microsoft support." },
};

const mca_error_kind *mca_error_kinds(size_t *count)
{
    *count = sizeof kinds / sizeof kinds[0];
    return kinds;
}

const char *mca_outcome_name(mca_outcome outcome)
{
    static const char *const names[] = { "done", "refused", "unknown" };
    return names[outcome];
}

typedef struct number_rule {
    long key;
    const char *code;
} number_rule;

/* Partner Center's numeric codes (body "code"), sorted. */
static const number_rule service_codes[] = {
    { 13605, "order.mcaRequired" },       /* 403 on orders: no MCA acceptance */
    { 20002, "relationship.missing" },    /* 403: no relationship with the customer */
    { 600002, "agreement.dateInFuture" },
    { 600009, "agreement.notFound" },
    { 600061, "agreement.alreadyExists" }, /* PartnerConfirmedAgreementAlreadyExists */
    { 900420, "auth.wrongAudience" },      /* 401: Azure AD Graph audience */
    { 900421, "auth.mfaRequired" },        /* 401: token without MFA */
    /* Assumed (the emulator's, docs/emulator.md): Microsoft publishes no code
     * for a token of the wrong kind. */
    { 900430, "auth.appOnlyRequired" },    /* 403: App+User token where only App-only is taken */
    { 900431, "auth.userRequired" },       /* 403: App-only token where App+User is needed */
};

/* HTTP statuses with their own kind, sorted; other 4xx and 5xx by class. */
static const number_rule statuses[] = {
    { 400, "request.invalid" },   { 401, "auth.unauthorized" }, { 403, "access.denied" },
    { 404, "resource.notFound" }, { 408, "service.timeout" },   { 409, "request.conflict" },
    { 429, "throttled" },         { 504, "service.timeout" },
};

/* Known texts of a body for a status (0: any status). */
static const struct text_rule {
    long status;
    const char *text;
    const char *code;
} texts[] = {
    { 0, "PartnerConfirmedAgreementAlreadyExists", "agreement.alreadyExists" },
    { 400, "no longer supported", "agreement.templateRetired" },
};

static int compare_number(const void *key, const void *entry)
{
    long a = *(const long *)key, b = ((const number_rule *)entry)->key;
    return (a > b) - (a < b);
}

static int compare_kind(const void *key, const void *entry)
{
    return strcmp((const char *)key, ((const mca_error_kind *)entry)->code);
}

static const char *number_lookup(const number_rule *table, size_t n, long key)
{
    const number_rule *r = bsearch(&key, table, n, sizeof table[0], compare_number);
    return r != NULL ? r->code : NULL;
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Case-insensitive search of needle in s[0..n); returns the position after it or NULL. */
static const char *find_ci(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; k <= n && i <= n - k; i++) {
        size_t j = 0;
        while (j < k && lower(s[i + j]) == lower(needle[j]))
            j++;
        if (j == k)
            return s + i + k;
    }
    return NULL;
}

/* The body as parsed JSON (owned) when it is a JSON object of sane size. */
typedef struct body_info {
    const char *text;  /* the body text (may be NULL) */
    size_t len;
    cJSON *owned;      /* parsed from text, to free */
    const cJSON *json; /* the object to read fields from, or NULL */
} body_info;

static void read_body(body_info *b, const cJSON *body)
{
    memset(b, 0, sizeof *b);
    if (cJSON_IsObject(body)) { /* a body already parsed by the caller */
        b->json = body;
        return;
    }
    if (!cJSON_IsString(body))
        return;
    b->text = body->valuestring;
    b->len = strlen(body->valuestring);
    size_t i = 0;
    while (i < b->len && (b->text[i] == ' ' || b->text[i] == '\t' || b->text[i] == '\r' || b->text[i] == '\n'))
        i++;
    if (i < b->len && b->text[i] == '{' && b->len <= MAX_JSON_BODY) {
        b->owned = cJSON_ParseWithLength(b->text, b->len);
        if (cJSON_IsObject(b->owned))
            b->json = b->owned;
    }
}

/* Partner Center's numeric code: "code" as a positive whole number or digits, also under "error". */
static int service_code(const cJSON *json, long *code)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(json, "code");
    if (v == NULL)
        v = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(json, "error"), "code");
    /* 0 (sent by some gateways and by the emulator for generic errors) is no code. */
    if (cJSON_IsNumber(v) && v->valuedouble == floor(v->valuedouble) && v->valuedouble >= 1 && v->valuedouble < 1e15) {
        *code = (long)v->valuedouble;
        return 1;
    }
    if (cJSON_IsString(v)) {
        const char *s = v->valuestring;
        size_t n = strlen(s);
        if (n == 0 || n > 9 || strspn(s, "0123456789") != n)
            return 0;
        *code = strtol(s, NULL, 10);
        return *code != 0;
    }
    return 0;
}

static const char *json_text(const cJSON *json, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(json, name);
    return cJSON_IsString(v) && v->valuestring[0] != '\0' ? v->valuestring : NULL;
}

/* The service's own words: description or message, or a short plain-text body. */
static const char *detail_text(const body_info *b)
{
    const cJSON *err = cJSON_GetObjectItemCaseSensitive(b->json, "error");
    const char *t = json_text(b->json, "description");
    if (t == NULL)
        t = json_text(b->json, "message");
    if (t == NULL && cJSON_IsObject(err))
        t = json_text(err, "message");
    if (t != NULL || b->json != NULL || b->text == NULL)
        return t;
    size_t i = strspn(b->text, " \t\r\n");
    if (b->text[i] == '\0' || b->text[i] == '<' || b->text[i] == '{' || b->text[i] == '[')
        return NULL; /* empty, an HTML page, or JSON that could not be read */
    return b->text + i;
}

/* Copies at most MAX_DETAIL bytes of s, cut at a UTF-8 character boundary. */
static cJSON *detail_json(const char *s)
{
    if (s == NULL)
        return cJSON_CreateNull();
    size_t n = strlen(s);
    if (n <= MAX_DETAIL)
        return cJSON_CreateString(s);
    n = MAX_DETAIL;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    char *cut = mca_strndup(s, n);
    if (cut == NULL)
        return NULL;
    cJSON *out = cJSON_CreateString(cut);
    mca_free(cut);
    return out;
}

/* A header's value, whatever the case of its name (first value of a list). */
static const char *header(const cJSON *headers, const char *name)
{
    const cJSON *item;
    const cJSON *list = cJSON_IsObject(headers) ? headers : NULL;
    cJSON_ArrayForEach(item, list) {
        const char *a = item->string, *b = name;
        while (a != NULL && *a && lower(*a) == lower(*b))
            a++, b++;
        if (a == NULL || *a != '\0' || *b != '\0')
            continue;
        const cJSON *v = cJSON_IsArray(item) ? cJSON_GetArrayItem(item, 0) : item;
        return cJSON_IsString(v) ? v->valuestring : NULL;
    }
    return NULL;
}

/* Two digits at s[at]; -1 when not digits. */
static int two(const char *s, size_t at)
{
    if (s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9')
        return -1;
    return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

/* Parses an HTTP date in the IMF-fixdate form "Sun, 06 Nov 1994 08:49:37 GMT". */
static int http_date(const char *s, int64_t *epoch_s)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    if (strlen(s) != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' || s[16] != ' '
        || s[19] != ':' || s[22] != ':' || strcmp(s + 25, " GMT") != 0)
        return 0;
    int d = two(s, 5), yh = two(s, 12), yl = two(s, 14), h = two(s, 17), mi = two(s, 20), sec = two(s, 23);
    unsigned month = 0;
    for (unsigned m = 0; m < 12; m++)
        if (memcmp(s + 8, months + 3 * m, 3) == 0)
            month = m + 1;
    if (d < 0 || yh < 0 || yl < 0 || h < 0 || mi < 0 || sec < 0 || month == 0)
        return 0;
    int64_t y = yh * 100 + yl;
    if (!mca_date_valid(y, month, (unsigned)d) || h > 23 || mi > 59 || sec > 60)
        return 0;
    *epoch_s = mca_days_from_civil(y, month, (unsigned)d) * 86400 + h * 3600 + mi * 60 + sec;
    return 1;
}

/* Whole seconds of at most 9 digits after optional spaces; -1 otherwise. */
static double seconds_at(const char *s, size_t n)
{
    size_t i = 0, start;
    double v = 0;
    while (i < n && s[i] == ' ')
        i++;
    start = i;
    while (i < n && s[i] >= '0' && s[i] <= '9' && i - start < 10)
        v = v * 10 + (s[i++] - '0');
    return i == start || i - start > 9 ? -1 : v;
}

/* Retry-After (seconds or an HTTP date, relative to options.now), else the
 * throttling message "Try again in 57 seconds."; -1 when neither says. */
static double retry_after_ms(const cJSON *headers, const body_info *b, const cJSON *options)
{
    const char *v = header(headers, "Retry-After");
    int64_t at;
    double now;
    if (v != NULL) {
        size_t n = strlen(v);
        while (n > 0 && v[n - 1] == ' ')
            n--;
        double secs = seconds_at(v, n);
        if (secs >= 0 && strspn(v, " 0123456789") >= n)
            return secs * 1000;
        if (http_date(v, &at) && mca_option_now(options, &now) == 0) {
            double ms = (double)at * 1000 - now;
            return ms > 0 ? ms : 0;
        }
    }
    const char *msg = json_text(b->json, "message");
    const char *text = msg != NULL ? msg : b->text;
    size_t n = msg != NULL ? strlen(msg) : (b->len < MAX_SCAN ? b->len : MAX_SCAN);
    const char *after = text != NULL ? find_ci(text, n, "try again in") : NULL;
    if (after != NULL) {
        double secs = seconds_at(after, n - (size_t)(after - text));
        if (secs >= 0)
            return secs * 1000;
    }
    return -1;
}

/* The kind of failure: numeric service code, known text, status, status class. */
static const char *classify(long status, int has_service, long svc, const body_info *b)
{
    const char *code;
    if (status == 0)
        return "network.noAnswer";
    if (has_service
        && (code = number_lookup(service_codes, sizeof service_codes / sizeof service_codes[0], svc)) != NULL)
        return code;
    /* The body text as sent (all its fields), or for a parsed body its own words. */
    const char *name = json_text(b->json, "errorName");
    const char *scan = b->text != NULL ? b->text : detail_text(b);
    size_t n = scan != NULL ? (b->text != NULL ? b->len : strlen(scan)) : 0;
    if (n > MAX_SCAN)
        n = MAX_SCAN;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        if ((texts[i].status == 0 || texts[i].status == status)
            && ((scan != NULL && find_ci(scan, n, texts[i].text) != NULL)
                || (name != NULL && find_ci(name, strlen(name), texts[i].text) != NULL)))
            return texts[i].code;
    }
    if ((code = number_lookup(statuses, sizeof statuses / sizeof statuses[0], status)) != NULL)
        return code;
    if (status >= 500 && status <= 599)
        return "service.unavailable";
    if (status >= 400 && status <= 499)
        return "request.rejected";
    if (status >= 200 && status <= 299)
        return "response.malformed";
    return "unknown";
}

/* An id from the headers, else from the body; NULL when absent or not an id. */
static const char *id_of(const cJSON *headers, const char *name, const body_info *b, const char *field)
{
    const char *v = header(headers, name);
    if (v == NULL)
        v = json_text(b->json, field);
    return v != NULL && strlen(v) <= MAX_ID ? v : NULL;
}

static int add_item(cJSON *obj, const char *key, cJSON *item)
{
    if (item == NULL)
        return 0;
    cJSON_AddItemToObjectCS(obj, key, item);
    return 1;
}

static cJSON *explanation(long status, int status_ok, const cJSON *input, const cJSON *options)
{
    const cJSON *headers = cJSON_GetObjectItemCaseSensitive(input, "headers");
    body_info b;
    long svc = 0;
    read_body(&b, cJSON_GetObjectItemCaseSensitive(input, "body"));
    int has_service = service_code(b.json, &svc);
    const char *code = status_ok ? classify(status, has_service, svc, &b) : "explain.invalidInput";
    const mca_error_kind *kind = bsearch(code, kinds, sizeof kinds / sizeof kinds[0], sizeof kinds[0], compare_kind);
    const cJSON *body_retry = cJSON_GetObjectItemCaseSensitive(b.json, "isRetryable");
    int generic = !has_service || number_lookup(service_codes, sizeof service_codes / sizeof service_codes[0], svc) == NULL;
    int retryable = generic && status_ok && status != 0 && cJSON_IsBool(body_retry) ? cJSON_IsTrue(body_retry) : kind->retryable;
    double after = status_ok ? retry_after_ms(headers, &b, options) : -1;
    const char *request_id = id_of(headers, "MS-RequestId", &b, "requestId");
    const char *correlation_id = id_of(headers, "MS-CorrelationId", &b, "correlationId");
    cJSON *out = cJSON_CreateObject();
    int ok = out != NULL
        && add_item(out, "status", status_ok ? cJSON_CreateNumber((double)status) : cJSON_CreateNull())
        && add_item(out, "serviceCode", has_service ? cJSON_CreateNumber((double)svc) : cJSON_CreateNull())
        && add_item(out, "code", cJSON_CreateString(code))
        && add_item(out, "retryable", cJSON_CreateBool(retryable))
        && add_item(out, "outcome", cJSON_CreateString(mca_outcome_name(kind->outcome)))
        && add_item(out, "retryAfterMs", after >= 0 ? cJSON_CreateNumber(after) : cJSON_CreateNull())
        && add_item(out, "message", cJSON_CreateString(kind->message))
        && add_item(out, "action", cJSON_CreateString(kind->action))
        && add_item(out, "requestId", request_id ? cJSON_CreateString(request_id) : cJSON_CreateNull())
        && add_item(out, "correlationId", correlation_id ? cJSON_CreateString(correlation_id) : cJSON_CreateNull())
        && add_item(out, "detail", detail_json(detail_text(&b)));
    cJSON_Delete(b.owned);
    if (!ok) {
        cJSON_Delete(out);
        return NULL;
    }
    return out;
}

cJSON *mca_op_explain_error(const cJSON *input, const cJSON *options)
{
    const cJSON *status = cJSON_GetObjectItemCaseSensitive(input, "status");
    int status_ok = cJSON_IsNumber(status) && status->valuedouble >= 0 && status->valuedouble <= 999
                    && status->valuedouble == floor(status->valuedouble);
    return explanation(status_ok ? (long)status->valuedouble : 0, status_ok, input, options);
}
