/* Scenario detection and error explanation: constants and code lists shared
 * with the "constants" operation (so JavaScript never copies a table). */
#ifndef MCA_SCENARIO_H
#define MCA_SCENARIO_H

#include <stddef.h>

/* Acceptances dated before this need a new attestation (default of
 * options.refreshCutoff). */
#define MCA_REFRESH_CUTOFF "2023-04-01T00:00:00Z"

/* Every reason code detectScenario can list, in the order results list them. */
const char *const *mca_scenario_reasons(size_t *count);

/* One kind of failure explainError names: a stable code, whether retrying
 * the same request can succeed, and English texts for a person. */
typedef struct mca_error_kind {
    const char *code;
    int retryable;
    const char *message;
    const char *action;
} mca_error_kind;

/* Every kind explainError can return, sorted by code. */
const mca_error_kind *mca_error_kinds(size_t *count);

#endif
