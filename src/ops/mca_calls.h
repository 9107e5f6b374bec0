/* The Partner Center calls and the token kind each takes (mca_calls.c). */
#ifndef MCA_CALLS_H
#define MCA_CALLS_H

#include <stddef.h>

#include "cJSON.h"

enum { MCA_CALL_CLASSIC = 1u, MCA_CALL_ENHANCED = 2u };

typedef struct mca_call_info {
    const char *name;     /* the client's method name, e.g. "createAttestation" */
    const char *method;   /* "GET" or "POST" */
    const char *path;     /* "/v1/customers/{customerId}/agreements" */
    const char *body_key; /* a member the body must have to be this call, or NULL */
    const char *token;    /* "user" (App+User) or "app" (App-only) */
    unsigned flows;       /* MCA_CALL_* bits: the bulk flows that make this call */
    int either;           /* 1: Partner Center takes either kind (token is the one asked for) */
} mca_call_info;

/* The table, in a fixed order (static storage: never freed). */
const mca_call_info *mca_calls(size_t *count);
/* The call of a request: path[0..n) may end with a query; body (may be NULL)
 * is the parsed JSON body. NULL when the request is none of the calls. */
const mca_call_info *mca_call_find(const char *method, const char *path, size_t n, const cJSON *body);
/* { name: { method, path, token, flows, bodyHas?, accepts } } for the constants; NULL when out of memory. */
cJSON *mca_calls_object(void);

#endif
