/* Internal interfaces shared by the core's source files. Not installed. */
#ifndef MCA_INTERNAL_H
#define MCA_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "cJSON.h"
#include "mca.h"

/* ---- allocation (mca_alloc.c) ---- */
void *mca_malloc(size_t n);
char *mca_strndup(const char *s, size_t n);
/* Routes cJSON's allocations through mca_malloc/mca_free (idempotent). */
void mca_json_init(void);

/* ---- messages (mca_messages.c) ---- */
typedef struct mca_message_entry {
    const char *code;    /* stable machine code, e.g. "customerId.invalid" */
    const char *message; /* English text for a person */
} mca_message_entry;

/* A sorted table of messages; each module of the core defines its own
 * (so modules do not share one list) and mca_messages.c lists the tables. */
typedef struct mca_message_table {
    const mca_message_entry *entries;
    size_t count;
} mca_message_table;
#define MCA_MESSAGE_TABLE(name, array) \
    const mca_message_table name = { array, sizeof array / sizeof array[0] }

/* English text for a code, or NULL when the code is unknown. */
const char *mca_message(const char *code);
/* The tables (for the "constants" operation and tests). */
const mca_message_table *const *mca_message_tables(size_t *count);

/* ---- validation reports (mca_report.c) ---- */
typedef struct mca_report {
    cJSON *errors;     /* [{field, code, message}] */
    cJSON *warnings;   /* same shape */
    cJSON *normalized; /* {field: normalised value} */
    int oom;           /* set when an allocation failed while reporting */
    cJSON *scratch;    /* texts the field readers made (trimmed NFC copies),
                          freed with the report; NULL until the first */
} mca_report;

int mca_report_init(mca_report *r);   /* 0 on success */
void mca_report_fini(mca_report *r);  /* frees whatever is still owned */
void mca_report_error(mca_report *r, const char *field, const char *code);
void mca_report_warning(mca_report *r, const char *field, const char *code);
/* field is a constant name (a string literal or static table entry): it is
 * used as the key without a copy. value is copied. */
void mca_report_normalized(mca_report *r, const char *field, const char *value);
/* Moves errors, warnings and normalized into a new result object
 * {ok, errors, warnings, normalized}; NULL on allocation failure. */
cJSON *mca_report_take(mca_report *r);

/* {"error": {"code", "message"}}: a call that cannot run (bad options, input
 * of the wrong kind). The JavaScript shell throws it as McaError. NULL when
 * out of memory. */
cJSON *mca_call_error_object(const char *code);

/* ---- reading input fields (mca_report.c) ---- */
typedef enum mca_field_kind {
    MCA_FIELD_MISSING, /* absent */
    MCA_FIELD_NULL,    /* present as null */
    MCA_FIELD_EMPTY,   /* a string of only white space, or "" */
    MCA_FIELD_WRONG_TYPE,
    MCA_FIELD_STRING
} mca_field_kind;

/* Looks up a string member; on MCA_FIELD_STRING sets *s and *n. */
mca_field_kind mca_field_string(const cJSON *obj, const char *name, const char **s, size_t *n);

/* Reports "<field>.required", "<field>.type" or "<field>.invalidUtf8" for a
 * required field that is not a usable string and returns 0; returns 1 when
 * s and n are usable: a string of valid UTF-8, trimmed (mca_utf8_trim) and
 * in NFC, not blank. Every rule gets its text so, whatever the operation
 * and wherever the value came from (a CSV cell " NL " is "NL"); s then
 * points into the input or into a copy the report owns. */
int mca_require_string(mca_report *r, const cJSON *obj, const char *field, const char **s, size_t *n);

/* Reports the error (or warning) "<field>.<rule>". */
void mca_report_rule(mca_report *r, const char *field, const char *rule);
void mca_report_rule_warning(mca_report *r, const char *field, const char *rule);

/* Reads an optional string field: 1 with s and n set (trimmed, NFC, as
 * above) when it is a non-blank string of valid UTF-8; 0 when absent, null
 * or blank (absent);
 * -1 after reporting "<field>.type" or "<field>.invalidUtf8". */
int mca_optional_string(mca_report *r, const cJSON *obj, const char *field, const char **s, size_t *n);

/* Reports a warning "input.unknownField" for each member of obj whose name is
 * not in the NULL-terminated list known. */
void mca_warn_unknown_fields(mca_report *r, const cJSON *obj, const char *const *known);

/* ---- options (mca_report.c) ---- */
/* options.now in epoch milliseconds; returns 0 and sets *ms when present and
 * finite, -1 otherwise. */
int mca_option_now(const cJSON *options, double *ms);

/* ---- JSON input (mca_json_input.c) ---- */
/* How deep the input and options may nest: a value 64 deep (a scalar is 0
 * deep, [[1]] 2) is read, 65 is input.tooDeep. The call's envelope
 * {"input": ..., "options": ...} is one level more (CJSON_NESTING_LIMIT). */
#define MCA_INPUT_MAX_DEPTH 64
#if CJSON_NESTING_LIMIT != MCA_INPUT_MAX_DEPTH + 1
#error "CJSON_NESTING_LIMIT must be MCA_INPUT_MAX_DEPTH + 1 (the envelope)"
#endif
enum { MCA_JSON_READY = 0, MCA_JSON_TOO_DEEP = 1, MCA_JSON_NUL = 2, MCA_JSON_OOM = 3 };
/* Prepares JSON text for cJSON. A lone UTF-16 surrogate escape (\ud800
 * without its pair, as JSON.stringify writes unpaired surrogates) becomes its
 * 3-byte WTF-8 form and \u0000 becomes the overlong C0 80, so the string
 * reaches its field as invalid UTF-8 (and the field's rule reports it)
 * instead of failing the whole parse or cutting the string at a NUL.
 * Nesting deeper than CJSON_NESTING_LIMIT (the envelope plus
 * MCA_INPUT_MAX_DEPTH) and raw NUL bytes are refused.
 * On MCA_JSON_READY, *copy is NULL when the text can be parsed as it is, or
 * a rewritten copy of *copy_len bytes (free with mca_free). */
int mca_json_prepare(const char *in, size_t n, char **copy, size_t *copy_len);

/* ---- field checks (read input[field], apply its rule, report an error or
 * the normalised value) ---- */
/* A GUID field: customerId, attestationId ("<field>.invalid", ".zero"). */
void mca_check_guid(mca_report *r, const cJSON *input, const char *field);
/* A rule that returns a newly allocated normalised text in *out on success
 * (NULL rule), a rule name, or mca_rule_out_of_memory. */
typedef const char *(*mca_text_rule)(const char *s, size_t n, char **out);
/* Runs a text rule on a required field: reports "<field>.<rule>" or stores
 * the normalised value. */
void mca_check_text_field(mca_report *r, const cJSON *input, const char *field, mca_text_rule rule_fn);
void mca_check_name(mca_report *r, const cJSON *input, const char *field);
void mca_check_company(mca_report *r, const cJSON *input, const char *field);
void mca_check_email(mca_report *r, const cJSON *input, const char *field);
/* dateAgreed against options.now (a warning when now is not given). */
void mca_check_date_agreed(mca_report *r, const cJSON *input, const cJSON *options);
/* templateId (optional; defaults to the current MCA template). */
void mca_check_template(mca_report *r, const cJSON *input, const cJSON *options);
/* country (required or optional), language, and a phone normalised with
 * the country: wiring of the rules of mca_rules.h. */
void mca_check_country(mca_report *r, const cJSON *input, const char *field, int required);
void mca_check_language(mca_report *r, const cJSON *input, const char *field);
void mca_check_phone(mca_report *r, const cJSON *input, const char *field, const char *country_field);

/* ---- operations (one file each; called by mca_api.c) ---- */
typedef cJSON *(*mca_op_fn)(const cJSON *input, const cJSON *options);
cJSON *mca_op_validate_confirmation(const cJSON *input, const cJSON *options);
cJSON *mca_op_build_confirmation(const cJSON *input, const cJSON *options);
cJSON *mca_op_validate_attestation(const cJSON *input, const cJSON *options);
cJSON *mca_op_build_attestation(const cJSON *input, const cJSON *options);
cJSON *mca_op_build_attestation_agreement(const cJSON *input, const cJSON *options);

/* The result of a build operation: the validation report plus payload and
 * body (its exact JSON text), both null unless ok. Takes ownership of
 * payload (NULL allowed when not ok); NULL on allocation failure. */
cJSON *mca_build_result(mca_report *r, cJSON *payload);
/* The checks of one operation's fields, into r. */
typedef void (*mca_validate_fn)(mca_report *r, const cJSON *input, const cJSON *options);
/* A request body from the normalised fields; NULL when out of memory. */
typedef cJSON *(*mca_payload_fn)(const cJSON *normalized);
/* Runs validate on input. Without payload_fn: the validation result
 * {ok, errors, warnings, normalized}. With it: the build result of
 * mca_build_result, the payload built only when the input is valid. NULL
 * on allocation failure. */
cJSON *mca_run_rules(const cJSON *input, const cJSON *options, mca_validate_fn validate,
                     mca_payload_fn payload_fn);
/* Puts normalized[field] (when present) into payload[name]; -1 when out
 * of memory. name is a constant (used without a copy); the value refers to
 * the string in normalized, so payload must not outlive normalized (both
 * end up in the same result). */
int mca_payload_copy(cJSON *payload, const cJSON *normalized, const char *field, const char *name);
/* 1 when the report holds no error. */
int mca_report_ok(const mca_report *r);
/* The agreement type of every MCA request body. */
#define MCA_AGREEMENT_TYPE "MicrosoftCustomerAgreement"
cJSON *mca_op_constants(const cJSON *input, const cJSON *options);
/* The domain literals of "constants": agreement type, template, codes, links, flows. */
cJSON *mca_domain_constants(void);
cJSON *mca_op_detect_scenario(const cJSON *input, const cJSON *options);
cJSON *mca_op_explain_error(const cJSON *input, const cJSON *options);
cJSON *mca_op_match_agreement(const cJSON *input, const cJSON *options);
cJSON *mca_op_parse_csv(const cJSON *input, const cJSON *options);
cJSON *mca_op_qr_encode(const cJSON *input, const cJSON *options);
cJSON *mca_op_token_kind(const cJSON *input, const cJSON *options);

/* Operations that also take a byte buffer as their input (mca_call_data):
 * the bytes are read in place, never copied as a whole. */
typedef cJSON *(*mca_data_fn)(const char *data, size_t n, const cJSON *options);
cJSON *mca_data_parse_csv(const char *data, size_t n, const cJSON *options);

/* ---- CSV columns (mca_csv_columns.c) ---- */
enum { MCA_FLOW_CLASSIC = 0, MCA_FLOW_ENHANCED = 1 };
/* The flow's input field name for a CSV header (case-insensitive; spaces,
 * tabs, hyphens and underscores ignored; aliases such as "tenant id"), or
 * NULL when the header names no field of that flow. */
const char *mca_csv_field_for_header(int flow, const char *s, size_t n);
/* The i-th normalised name of the flow's alias table, NULL past the end
 * (for the test that the table is sorted). */
const char *mca_csv_alias_key(int flow, size_t i);

/* ---- QR codes (mca_qr.c) ---- */
enum { MCA_QR_ECC_L = 0, MCA_QR_ECC_M = 1, MCA_QR_ECC_Q = 2, MCA_QR_ECC_H = 3 };
enum { MCA_QR_OK = 0, MCA_QR_TOO_LONG = 1, MCA_QR_NO_MEMORY = 2 };
typedef struct mca_qr_symbol {
    int version; /* 1..40 */
    int size;    /* modules per side: version * 4 + 17 */
    int mask;    /* 0..7 */
    uint8_t *modules; /* size*size, row-major, 1 = dark; free with mca_free */
} mca_qr_symbol;
/* Encodes s[0..n) in one segment (numeric, alphanumeric or byte mode) in
 * the smallest version >= min_version; force_mask 0..7, or -1 to choose
 * the mask with the lowest penalty. Returns MCA_QR_*. */
int mca_qr_encode(const char *s, size_t n, int ecc, int min_version, int force_mask, mca_qr_symbol *out);
/* The pieces, for the known-answer tests. */
uint32_t mca_qr_format_bits(int ecc, int mask);      /* 15 bits, masked with 0x5412 */
uint32_t mca_qr_version_bits(int version);           /* 18 bits, version >= 7 */
int mca_qr_data_codewords(int version, int ecc);     /* data capacity in codewords */
int mca_qr_alignment_positions(int version, int out[7]); /* returns the count */
/* Generator polynomial of the given degree (coefficients after the leading
 * 1, highest power first) and the ECC codewords of data (out[degree]). */
void mca_qr_rs_generator(int degree, uint8_t *gen);
void mca_qr_rs_remainder(const uint8_t *data, size_t n, const uint8_t *gen, int degree, uint8_t *out);
/* Data codewords (segment, terminator, padding) into out; returns their
 * count, or -1 when the text does not fit the version. */
int mca_qr_data_bytes(const char *s, size_t n, int version, int ecc, uint8_t *out);
/* Penalty score of a masked symbol (ISO/IEC 18004 7.8.3). */
long mca_qr_penalty(const uint8_t *m, int size);

#endif
