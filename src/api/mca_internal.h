/* Internal interfaces shared by the core's source files. Not installed. */
#ifndef MCA_INTERNAL_H
#define MCA_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

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

/* ---- scratch memory and JSON text (mca_arena.c) ---- */
typedef struct mca_arena_chunk mca_arena_chunk;
/* Memory handed out by moving a pointer through chunks of the core's
 * allocator; freed all at once. oom is set when a chunk could not be had. */
typedef struct mca_arena {
    mca_arena_chunk *head, *cur;
    size_t used; /* bytes used of cur */
    int oom;
} mca_arena;
typedef struct mca_arena_mark {
    mca_arena_chunk *chunk;
    size_t used;
} mca_arena_mark;
void mca_arena_init(mca_arena *a);
/* n bytes aligned for any type, NULL (and a->oom) when out of memory. */
void *mca_arena_alloc(mca_arena *a, size_t n);
char *mca_arena_strndup(mca_arena *a, const char *s, size_t n);
/* Everything allocated after a save is given back by the restore (the
 * chunks stay, to be used again). */
mca_arena_mark mca_arena_save(const mca_arena *a);
void mca_arena_restore(mca_arena *a, mca_arena_mark m);
void mca_arena_fini(mca_arena *a);

/* A growing NUL-terminated text (allocated with mca_malloc); oom is set
 * when it could not grow, and every later write is dropped. */
typedef struct mca_text {
    char *s;
    size_t len, cap;
    int oom;
} mca_text;
void mca_text_init(mca_text *t);
void mca_text_fini(mca_text *t);
void mca_text_put_slow(mca_text *t, const char *s, size_t n);
/* Room for n more bytes at once; 0, or -1 (and t->oom). */
int mca_text_reserve(mca_text *t, size_t n);
/* Appends s[0..n) (no NUL until mca_text_take). Inline: most writes are a
 * few bytes into room already there. */
static inline void mca_text_put(mca_text *t, const char *s, size_t n)
{
    if (t->cap - t->len > n) {
        memcpy(t->s + t->len, s, n);
        t->len += n;
    } else {
        mca_text_put_slow(t, s, n);
    }
}
static inline void mca_text_puts(mca_text *t, const char *s)
{
    mca_text_put(t, s, strlen(s));
}
void mca_text_uint(mca_text *t, size_t v);
/* A JSON string, escaped exactly as cJSON prints one. */
void mca_text_string(mca_text *t, const char *s, size_t n);
/* The same string as it stands inside another JSON string: escaped twice,
 * its quotes too (JSON text written as the value of a string). */
void mca_text_string_in_string(mca_text *t, const char *s, size_t n);
/* "key": */
void mca_text_key(mca_text *t, const char *key);
/* The text (free with mca_free) and its length; NULL when out of memory. */
char *mca_text_take(mca_text *t, size_t *len);

/* ---- an operation's input fields (mca_input.c) ---- */
typedef enum mca_field_kind {
    MCA_FIELD_MISSING, /* absent */
    MCA_FIELD_NULL,    /* present as null */
    MCA_FIELD_EMPTY,   /* a string of only white space, or "" */
    MCA_FIELD_WRONG_TYPE,
    MCA_FIELD_STRING
} mca_field_kind;

#define MCA_INPUT_MAX_FIELDS 12
/* The fields an operation knows, read once from where they are: a JSON
 * object (mca_call) or a CSV record (the batch), as length-delimited
 * slices. Members that are no field of the operation get a warning. */
typedef struct mca_input {
    const char *const *names;  /* the operation's fields, NULL-terminated */
    size_t count;              /* of names */
    unsigned char kind[MCA_INPUT_MAX_FIELDS];
    const char *s[MCA_INPUT_MAX_FIELDS];
    size_t n[MCA_INPUT_MAX_FIELDS];
    const cJSON *object;       /* a JSON input: its members */
    const char *const *unknown; /* a CSV input: the names of its other columns */
    size_t unknown_count;
    int utf8_checked;          /* the values are known to be valid UTF-8 (a CSV record) */
} mca_input;

/* Every field absent, none unknown. */
void mca_input_init(mca_input *in, const char *const *names);
/* The index of a field name among in->names, or -1. */
int mca_input_index(const mca_input *in, const char *name, size_t len);
/* Reads the fields from a JSON object (the first member of a name counts). */
void mca_input_from_json(mca_input *in, const char *const *names, const cJSON *object);
/* Sets field i to a string value (EMPTY when it is only white space). */
void mca_input_set(mca_input *in, size_t i, const char *s, size_t n);

/* Looks up a string field; on MCA_FIELD_STRING sets *s and *n. */
mca_field_kind mca_field_string(const mca_input *in, const char *name, const char **s, size_t *n);

/* ---- validation reports (mca_report.c) ---- */
typedef struct mca_issue {
    const char *field; /* input field name ("" for the input as a whole) */
    const char *code;
    struct mca_issue *next;
} mca_issue;

typedef struct mca_value {
    const char *field; /* a constant field name */
    const char *text;  /* NUL-terminated, in the report's arena */
    size_t len;
    struct mca_value *next;
} mca_value;

/* Errors, warnings and normalised values in the order they were found,
 * all in an arena: the report's own, or a batch's. */
typedef struct mca_report {
    mca_arena *arena;
    mca_arena own;
    mca_issue *errors, *warnings;
    mca_issue **errors_end, **warnings_end;
    size_t error_count;
    mca_value *normalized;
    mca_value **normalized_end;
    int oom;           /* set when an allocation failed while reporting */
} mca_report;

int mca_report_init(mca_report *r);   /* 0 on success (its own arena) */
/* A report in arena a (a batch's row): nothing is allocated. */
void mca_report_init_in(mca_report *r, mca_arena *a);
void mca_report_fini(mca_report *r);  /* frees its own arena */
/* field and code are copied unless they are constants the caller keeps. */
void mca_report_error(mca_report *r, const char *field, const char *code);
void mca_report_warning(mca_report *r, const char *field, const char *code);
/* field is a constant name (a string literal or static table entry): it is
 * used as the key without a copy. value is copied into the arena. */
void mca_report_normalized(mca_report *r, const char *field, const char *value);
/* The same for a value already in the report's arena (len bytes, NUL after). */
void mca_report_normalized_ref(mca_report *r, const char *field, const char *value, size_t len);
/* The normalised value of field, or NULL. */
const mca_value *mca_report_value(const mca_report *r, const char *field);
/* A new result object {ok, errors, warnings, normalized} with copies of the
 * report's texts; NULL on allocation failure. */
cJSON *mca_report_take(mca_report *r);

/* {"error": {"code", "message"}}: a call that cannot run (bad options, input
 * of the wrong kind). The JavaScript shell throws it as McaError. NULL when
 * out of memory. */
cJSON *mca_call_error_object(const char *code);

/* ---- reading input fields (mca_input.c) ---- */
/* Reports "<field>.required", "<field>.type" or "<field>.invalidUtf8" for a
 * required field that is not a usable string and returns 0; returns 1 when
 * s and n are usable: a string of valid UTF-8, trimmed (mca_utf8_trim) and
 * in NFC, not blank. Every rule gets its text so, whatever the operation
 * and wherever the value came from (a CSV cell " NL " is "NL"); s then
 * points into the input or into a copy in the report's arena. */
int mca_require_string(mca_report *r, const mca_input *in, const char *field, const char **s, size_t *n);

/* Reports the error (or warning) "<field>.<rule>". */
void mca_report_rule(mca_report *r, const char *field, const char *rule);
void mca_report_rule_warning(mca_report *r, const char *field, const char *rule);

/* Reads an optional string field: 1 with s and n set (trimmed, NFC, as
 * above) when it is a non-blank string of valid UTF-8; 0 when absent, null
 * or blank (absent);
 * -1 after reporting "<field>.type" or "<field>.invalidUtf8". */
int mca_optional_string(mca_report *r, const mca_input *in, const char *field, const char **s, size_t *n);

/* Reports a warning "input.unknownField" for each member of the input that
 * is no field of the operation. */
void mca_warn_unknown_fields(mca_report *r, const mca_input *in);
/* The same for a JSON object and a NULL-terminated list of known names. */
void mca_warn_unknown_members(mca_report *r, const cJSON *obj, const char *const *known);

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
void mca_check_guid(mca_report *r, const mca_input *input, const char *field);
/* A rule that writes its normalised text (NUL-terminated, in arena a) to
 * *out and *out_n on success (NULL rule); else a rule name, or
 * mca_rule_out_of_memory. */
typedef const char *(*mca_text_rule)(mca_arena *a, const char *s, size_t n, char **out, size_t *out_n);
/* Runs a text rule on a required field: reports "<field>.<rule>" or stores
 * the normalised value. */
void mca_check_text_field(mca_report *r, const mca_input *input, const char *field, mca_text_rule rule_fn);
void mca_check_name(mca_report *r, const mca_input *input, const char *field);
void mca_check_company(mca_report *r, const mca_input *input, const char *field);
void mca_check_email(mca_report *r, const mca_input *input, const char *field);
/* dateAgreed against options.now (a warning when now is not given). */
void mca_check_date_agreed(mca_report *r, const mca_input *input, const cJSON *options);
/* templateId (optional; defaults to the current MCA template). */
void mca_check_template(mca_report *r, const mca_input *input, const cJSON *options);
/* country (required or optional), language, and a phone normalised with
 * the country: wiring of the rules of mca_rules.h. */
void mca_check_country(mca_report *r, const mca_input *input, const char *field, int required);
void mca_check_language(mca_report *r, const mca_input *input, const char *field);
void mca_check_phone(mca_report *r, const mca_input *input, const char *field, const char *country_field);

/* ---- operations (one file each; called by mca_api.c) ---- */
typedef cJSON *(*mca_op_fn)(const cJSON *input, const cJSON *options);
cJSON *mca_op_validate_confirmation(const cJSON *input, const cJSON *options);
cJSON *mca_op_build_confirmation(const cJSON *input, const cJSON *options);
cJSON *mca_op_validate_attestation(const cJSON *input, const cJSON *options);
cJSON *mca_op_build_attestation(const cJSON *input, const cJSON *options);
cJSON *mca_op_build_attestation_agreement(const cJSON *input, const cJSON *options);

/* A request body as a table: members in order, read from the normalised
 * values. A member whose value is absent is left out. */
typedef enum mca_body_kind {
    MCA_BODY_END = 0,
    MCA_BODY_OPEN,  /* "name": { */
    MCA_BODY_CLOSE, /* } */
    MCA_BODY_FIELD, /* "name": normalized[value] */
    MCA_BODY_CONST  /* "name": "value" */
} mca_body_kind;
typedef struct mca_body_part {
    mca_body_kind kind;
    const char *name;
    const char *value;
} mca_body_part;
/* Writes the body's JSON text (exactly as cJSON would print it); with
 * as_string, the same text as a JSON string ("{\"type\":…}"). */
void mca_body_write(mca_text *t, const mca_body_part *body, const mca_report *r, int as_string);

/* The checks of one operation's fields, into r. */
typedef void (*mca_validate_fn)(mca_report *r, const mca_input *input, const cJSON *options);
/* What the validate and build operations of one kind of request share, and
 * the batch runs per row: the fields, their checks, the body. */
typedef struct mca_rules {
    const char *const *fields; /* NULL-terminated */
    mca_validate_fn validate;
    const mca_body_part *body;
} mca_rules;
extern const mca_rules mca_confirmation_rules;
extern const mca_rules mca_attestation_rules;

/* Runs the rules' checks on input into r (the body: mca_body_write). */
void mca_rules_run(const mca_rules *rules, mca_report *r, const mca_input *input, const cJSON *options);
/* Runs rules on a JSON input. Without builds: the validation result
 * {ok, errors, warnings, normalized}. With it: also payload and body (the
 * body built only when the input is valid, both null otherwise). NULL on
 * allocation failure. */
cJSON *mca_run_rules(const cJSON *input, const cJSON *options, const mca_rules *rules, int builds);
/* The result of a build operation: the report plus payload and body (the
 * body text, taken over: NULL when not ok). NULL on allocation failure. */
cJSON *mca_build_result(mca_report *r, char *body, size_t body_len);
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
/* The batch: every record of a CSV validated, normalised and its body
 * built, the result printed straight into text (no tree per row). */
typedef char *(*mca_data_text_fn)(const char *data, size_t n, const cJSON *options, size_t *out_len);
char *mca_data_build_csv(const char *data, size_t n, const cJSON *options, size_t *out_len);
/* The same answers as a block of bytes for the shell to decode (the layout:
 * src/ops/mca_batch.c). */
char *mca_data_build_csv_block(const char *data, size_t n, const cJSON *options, size_t *out_len);

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
