/* The Partner Center calls of the component and the kind of token each
 * takes (docs/core.md, "Calls and tokens"): App+User (delegated, a user
 * signed in with MFA) or App-only (client credentials, a backend's own).
 *
 * "calls" in the constants lists them; the operation tokenKind names the
 * call of a request (method, path, body) and its token, so a backend that
 * forwards requests picks the token without a rule of its own. Step 3 of
 * the enhanced flow and the classic confirmation share one route: the body's
 * attestationId tells them apart. */
#include "mca_internal.h"
#include "mca_calls.h"

#include <string.h>

#define KIND_USER "user"
#define KIND_APP "app"
#define FLOWS_BOTH (MCA_CALL_CLASSIC | MCA_CALL_ENHANCED)

/* In the order of docs/client.md. A "{name}" segment matches any one segment;
 * body_key: the call needs this member in its JSON body (NULL: any body). */
static const mca_call_info calls[] = {
    /* The customer resources take either kind (documented for the list and the
     * customer by id; assumed for the subscriptions); App+User is asked for. */
    { "listCustomers", "GET", "/v1/customers", NULL, KIND_USER, 0, 1 },
    { "getCustomer", "GET", "/v1/customers/{customerId}", NULL, KIND_USER, 0, 1 },
    { "getCustomerSubscriptions", "GET", "/v1/customers/{customerId}/subscriptions", NULL, KIND_USER, 0, 1 },
    { "getAgreementTemplates", "GET", "/v1/agreements", NULL, KIND_USER, FLOWS_BOTH, 0 },
    { "getAgreementDocument", "GET", "/v1/agreementtemplates/{templateId}/document", NULL, KIND_USER, 0, 0 },
    { "getCustomerAgreements", "GET", "/v1/customers/{customerId}/agreements", NULL, KIND_USER, FLOWS_BOTH, 0 },
    { "getDirectSignedStatus", "GET", "/v1/customers/{customerId}/directSignedMicrosoftCustomerAgreementStatus",
      NULL, KIND_USER, FLOWS_BOTH, 0 },
    { "createAgreementFromAttestation", "POST", "/v1/customers/{customerId}/agreements", "attestationId", KIND_APP,
      MCA_CALL_ENHANCED, 0 },
    { "confirmAgreement", "POST", "/v1/customers/{customerId}/agreements", NULL, KIND_USER, MCA_CALL_CLASSIC, 0 },
    { "createAttestation", "POST", "/v1/attestations/enhanced", NULL, KIND_APP, MCA_CALL_ENHANCED, 0 },
    { "getAttestation", "GET", "/v1/attestations/enhanced/{attestationId}", NULL, KIND_APP, MCA_CALL_ENHANCED, 0 },
};

/* Sorted by code. */
static const mca_message_entry messages[] = {
    { "calls.invalidInput", "tokenKind needs { method, path } as text (and the parsed body of a POST)." },
    { "calls.unknown", "This request is none of the Partner Center calls of the component." },
    { "token.app", "App-only token (the app's own, by client credentials: a secret or certificate on a backend)" },
    { "token.user", "App+User token (on behalf of a user signed in with multi-factor authentication)" },
};
MCA_MESSAGE_TABLE(mca_calls_messages, messages);

const mca_call_info *mca_calls(size_t *count)
{
    *count = sizeof calls / sizeof calls[0];
    return calls;
}

/* The length of the segment of s starting at i (up to '/' or the end). */
static size_t segment_len(const char *s, size_t n, size_t i)
{
    size_t j = i;
    while (j < n && s[j] != '/')
        j++;
    return j - i;
}

/* 1 when path[0..n) (no query) has the shape of the template. */
static int path_matches(const char *tmpl, const char *path, size_t n)
{
    size_t t = 0, p = 0, tn = strlen(tmpl);
    while (t < tn && p < n) {
        if (tmpl[t] != '/' || path[p] != '/')
            return 0;
        t++;
        p++;
        size_t tl = segment_len(tmpl, tn, t), pl = segment_len(path, n, p);
        int any = tl > 1 && tmpl[t] == '{' && tmpl[t + tl - 1] == '}';
        if (pl == 0 || (!any && (tl != pl || memcmp(tmpl + t, path + p, pl) != 0)))
            return 0;
        t += tl;
        p += pl;
    }
    return t == tn && p == n;
}

const mca_call_info *mca_call_find(const char *method, const char *path, size_t n, const cJSON *body)
{
    size_t q = 0;
    while (q < n && path[q] != '?' && path[q] != '#')
        q++;
    for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
        const mca_call_info *c = &calls[i];
        if (strcmp(c->method, method) != 0 || !path_matches(c->path, path, q))
            continue;
        if (c->body_key != NULL && cJSON_GetObjectItemCaseSensitive(body, c->body_key) == NULL)
            continue;
        return c;
    }
    return NULL;
}

static cJSON *flows_array(unsigned flows)
{
    cJSON *a = cJSON_CreateArray();
    if (a == NULL)
        return NULL;
    if (((flows & MCA_CALL_CLASSIC) && !cJSON_AddItemToArray(a, cJSON_CreateString("classic")))
        || ((flows & MCA_CALL_ENHANCED) && !cJSON_AddItemToArray(a, cJSON_CreateString("enhanced")))) {
        cJSON_Delete(a);
        return NULL;
    }
    return a;
}

/* The kinds Partner Center takes for the call: its own, or both. */
static cJSON *accepts_array(const mca_call_info *c)
{
    const char *both[] = { KIND_USER, KIND_APP };
    return c->either ? cJSON_CreateStringArray(both, 2) : cJSON_CreateStringArray(&c->token, 1);
}

static cJSON *call_object(const mca_call_info *c)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *flows = flows_array(c->flows);
    cJSON *accepts = accepts_array(c);
    if (o == NULL || flows == NULL || accepts == NULL || cJSON_AddStringToObject(o, "method", c->method) == NULL
        || cJSON_AddStringToObject(o, "path", c->path) == NULL
        || cJSON_AddStringToObject(o, "token", c->token) == NULL
        || (c->body_key != NULL && cJSON_AddStringToObject(o, "bodyHas", c->body_key) == NULL)) {
        cJSON_Delete(o);
        cJSON_Delete(flows);
        cJSON_Delete(accepts);
        return NULL;
    }
    cJSON_AddItemToObjectCS(o, "flows", flows);
    cJSON_AddItemToObjectCS(o, "accepts", accepts);
    return o;
}

cJSON *mca_calls_object(void)
{
    cJSON *obj = cJSON_CreateObject();
    for (size_t i = 0; obj != NULL && i < sizeof calls / sizeof calls[0]; i++) {
        cJSON *c = call_object(&calls[i]);
        if (c == NULL || !cJSON_AddItemToObject(obj, calls[i].name, c)) {
            cJSON_Delete(c);
            cJSON_Delete(obj);
            return NULL;
        }
    }
    return obj;
}

/* tokenKind: { method, path, body? } → { ok: true, call, token } or
 * { ok: false, code: "calls.unknown" } for a request that is none of the calls. */
cJSON *mca_op_token_kind(const cJSON *input, const cJSON *options)
{
    (void)options;
    const cJSON *method = cJSON_GetObjectItemCaseSensitive(input, "method");
    const cJSON *path = cJSON_GetObjectItemCaseSensitive(input, "path");
    if (!cJSON_IsString(method) || !cJSON_IsString(path))
        return mca_call_error_object("calls.invalidInput");
    const cJSON *body = cJSON_GetObjectItemCaseSensitive(input, "body");
    const mca_call_info *c = mca_call_find(method->valuestring, path->valuestring, strlen(path->valuestring), body);
    cJSON *out = cJSON_CreateObject();
    if (out == NULL)
        return NULL;
    int ok = cJSON_AddBoolToObject(out, "ok", c != NULL) != NULL
             && (c != NULL ? cJSON_AddStringToObject(out, "call", c->name) != NULL
                                 && cJSON_AddStringToObject(out, "token", c->token) != NULL
                           : cJSON_AddStringToObject(out, "code", "calls.unknown") != NULL);
    if (!ok) {
        cJSON_Delete(out);
        return NULL;
    }
    return out;
}
