/*
 * mca-attest core: the rules for Microsoft Customer Agreement attestations.
 *
 * Pure C: no I/O, no clock, no state kept between calls (the caller passes
 * "now"). All JSON goes through cJSON. The same code runs natively and as
 * WebAssembly (see mca_wasm.c, the only Wasm-aware file).
 *
 * Ownership: every char * returned by a function here is allocated through
 * the core's allocator and must be released with mca_free(). Inputs are
 * length-delimited UTF-8 (const char *s, size_t n); no NUL is required.
 */
#ifndef MCA_H
#define MCA_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MCA_VERSION "0.1.0"

/* Upper bound on the JSON text mca_call accepts (bytes). Larger input gets
 * the error "input.tooLarge" instead of being parsed. */
#define MCA_MAX_INPUT_BYTES (64u * 1024u * 1024u)

/* The version string of the core (static; do not free). */
const char *mca_version(void);

/*
 * Runs one operation of the public API on JSON text and returns JSON text.
 *
 *   op      operation name: "validateConfirmation", "buildConfirmation",
 *           "constants", ... (see mca_api.c for the table)
 *   in      JSON text {"input": <any>, "options": {...}} (options optional)
 *   out_len receives the length of the returned text (may be NULL)
 *
 * Returns newly allocated NUL-terminated JSON, to be freed with mca_free().
 * A call that cannot run at all (unknown op, input not JSON, input not an
 * object) returns {"error": {"code": "...", "message": "..."}}. Returns NULL
 * only when memory is exhausted.
 */
char *mca_call(const char *op, const char *in, size_t in_len, size_t *out_len);

/*
 * Runs an operation that takes a byte buffer as its input ("parseCsv",
 * and the batch "buildCsv"; "buildCsvBlock" gives the batch's answers as
 * the binary block the JavaScript shell decodes, src/ops/mca_batch.c):
 * data/data_len are read in place, never copied as a whole,
 * and need no NUL. in is JSON text {"options": {...}} ("{}" for none).
 * Returns JSON text as mca_call does (free with mca_free); a call error
 * "call.noData" for an operation that takes no buffer, "input.tooLarge"
 * when data_len exceeds MCA_MAX_INPUT_BYTES. NULL only when out of memory.
 */
char *mca_call_data(const char *op, const char *in, size_t in_len, const char *data,
                    size_t data_len, size_t *out_len);

/* Frees memory returned by this library. NULL is allowed. */
void mca_free(void *p);

/* Bytes currently allocated through the core's allocator (live blocks).
 * Returns to the same value after every completed mca_call + mca_free pair:
 * the leak tests rely on it. */
size_t mca_bytes_in_use(void);

/* Test hook: make the n-th following allocation fail (n >= 1), or disable
 * with 0. Used by the allocation-failure tests; never set in production. */
void mca_fail_allocation_after(size_t n);

/*
 * GUID rule (customerId, templateId): 8-4-4-4-12 hexadecimal digits in any
 * case. On success writes the lower-case form plus NUL to out[37] and
 * returns 0. Returns MCA_GUID_INVALID for a malformed value and
 * MCA_GUID_ZERO for the all-zero GUID.
 */
enum { MCA_GUID_OK = 0, MCA_GUID_INVALID = 1, MCA_GUID_ZERO = 2 };
int mca_guid_normalize(const char *s, size_t n, char out[37]);

#ifdef __cplusplus
}
#endif
#endif
