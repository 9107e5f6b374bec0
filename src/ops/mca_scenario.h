/* Scenario detection and error explanation: constants and code lists shared
 * with the "constants" operation (so JavaScript never copies a table). */
#ifndef MCA_SCENARIO_H
#define MCA_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

struct cJSON;

/* Acceptances dated before this need a new attestation (default of
 * options.refreshCutoff). */
#define MCA_REFRESH_CUTOFF "2023-04-01T00:00:00Z"

/* options.refreshCutoff (ISO-8601 text or epoch milliseconds; absent or
 * null: MCA_REFRESH_CUTOFF) as seconds since the epoch in *cutoff; 0 when
 * it is neither. detectScenario and matchAgreement read it alike. */
int mca_read_refresh_cutoff(const struct cJSON *options, int64_t *cutoff);

/* Every reason code detectScenario can list, in the order results list them. */
const char *const *mca_scenario_reasons(size_t *count);

/* What a failed call did at the service: a write was done (it is on
 * record), refused (nothing happened: a new request is safe), or unknown
 * (it may have happened: resend only under its own MS-RequestId). */
typedef enum { MCA_OUTCOME_DONE, MCA_OUTCOME_REFUSED, MCA_OUTCOME_UNKNOWN } mca_outcome;

/* One kind of failure explainError names: a stable code, whether retrying
 * the same request can succeed, what the request did, and English texts
 * for a person. */
typedef struct mca_error_kind {
    const char *code;
    int retryable;
    mca_outcome outcome;
    const char *message;
    const char *action;
} mca_error_kind;

/* "done", "refused" or "unknown". */
const char *mca_outcome_name(mca_outcome outcome);

/* Every kind explainError can return, sorted by code. */
const mca_error_kind *mca_error_kinds(size_t *count);

#endif
