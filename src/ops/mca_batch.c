/* The batch: a CSV file in, every record validated, normalised and its
 * request body built, in one call. The fast path of the bulk flows.
 *
 * Each record's fields go to the rules as slices of the file's bytes (a
 * quoted field with doubled quotes is undone into the arena), without a
 * JSON tree; the rules report into one arena for the whole batch, which
 * every row gives back when it is written; the result is printed straight
 * into one text:
 *
 *   {"flow", "columns", "separator", "bom",
 *    "rows": [{"line", "ok", "errors": [{"field", "code"}], "warnings": [...],
 *              "normalized": {...}, "body": "<JSON text>" or null,
 *              "input": {...} (an invalid row: its fields as written)}],
 *    "errors": [{"line", "code", "message", "column"?}],
 *    "fileError": the fault that stops the file, or null}
 *
 * The rows carry codes without messages (the caller has them all from the
 * constants operation); the answers are those of buildConfirmation and
 * buildAttestation on each row as parseCsv reads it. */
#include "mca_csv.h"

#include <string.h>

typedef struct batch {
    csv_parser p;
    const mca_rules *rules;
    const cJSON *options;
    mca_arena arena;
    mca_input proto; /* the fields, all absent; the unknown columns */
    int *field_of;   /* per column: index into proto.names, or -1 */
    size_t ncols;
    mca_text out;
} batch;

/* Maps the columns to the rules' fields; the others are unknown columns. */
static int map_columns(batch *b, const cJSON *columns)
{
    size_t n = (size_t)cJSON_GetArraySize(columns), k = 0, j = 0;
    const char **unknown = mca_arena_alloc(&b->arena, (n + 1) * sizeof *unknown);
    b->field_of = mca_arena_alloc(&b->arena, (n + 1) * sizeof *b->field_of);
    if (unknown == NULL || b->field_of == NULL)
        return -1;
    mca_input_init(&b->proto, b->rules->fields);
    const cJSON *col;
    cJSON_ArrayForEach(col, columns) {
        const char *name = col->valuestring;
        b->field_of[j] = mca_input_index(&b->proto, name, strlen(name));
        if (b->field_of[j++] < 0)
            unknown[k++] = name;
    }
    b->proto.unknown = unknown;
    b->proto.utf8_checked = 1; /* mca_csv_next passes only records of valid UTF-8 */
    b->proto.unknown_count = k;
    b->ncols = n;
    return 0;
}

static void write_issues(mca_text *t, const mca_issue *issue)
{
    mca_text_put(t, "[", 1);
    for (const mca_issue *i = issue; i != NULL; i = i->next) {
        mca_text_puts(t, i == issue ? "{\"field\":" : ",{\"field\":");
        mca_text_string(t, i->field, strlen(i->field));
        mca_text_puts(t, ",\"code\":");
        mca_text_string(t, i->code, strlen(i->code));
        mca_text_put(t, "}", 1);
    }
    mca_text_put(t, "]", 1);
}

/* The fields of an invalid row as the file gives them: {field: text}. */
static void write_input(mca_text *t, const mca_input *in)
{
    int first = 1;
    mca_text_puts(t, ",\"input\":{");
    for (size_t i = 0; i < in->count; i++) {
        if (in->kind[i] != MCA_FIELD_STRING && in->kind[i] != MCA_FIELD_EMPTY)
            continue;
        if (!first)
            mca_text_put(t, ",", 1);
        first = 0;
        mca_text_key(t, in->names[i]);
        mca_text_string(t, in->s[i], in->n[i]);
    }
    mca_text_put(t, "}", 1);
}

static void write_values(mca_text *t, const mca_value *value)
{
    mca_text_put(t, "{", 1);
    for (const mca_value *v = value; v != NULL; v = v->next) {
        if (v != value)
            mca_text_put(t, ",", 1);
        mca_text_key(t, v->field);
        mca_text_string(t, v->text, v->len);
    }
    mca_text_put(t, "}", 1);
}

/* The record's fields as slices (a field with doubled quotes undone into
 * the arena); -1 when out of memory. */
static int read_fields(batch *b, mca_input *in)
{
    *in = b->proto;
    for (size_t j = 0; j < b->ncols; j++) {
        const csv_span *f = &b->p.spans[j];
        if (b->field_of[j] < 0)
            continue;
        const char *s = (const char *)b->p.s + f->start;
        size_t n = f->end - f->start;
        if (f->escaped) {
            char *text = mca_arena_alloc(&b->arena, n + 1);
            if (text == NULL)
                return -1;
            n = mca_csv_unescape(&b->p, f, text);
            s = text;
        }
        mca_input_set(in, (size_t)b->field_of[j], s, n);
    }
    return 0;
}

/* Validates one record and writes its result; -1 when out of memory. */
static int write_row(batch *b, const csv_record *rec, int first)
{
    mca_arena_mark mark = mca_arena_save(&b->arena);
    mca_input in;
    mca_report r;
    if (read_fields(b, &in) != 0)
        return -1;
    mca_report_init_in(&r, &b->arena);
    mca_rules_run(b->rules, &r, &in, b->options);
    if (r.oom)
        return -1;
    mca_text *t = &b->out;
    mca_text_puts(t, first ? "{\"line\":" : ",{\"line\":");
    mca_text_uint(t, rec->line);
    mca_text_puts(t, mca_report_ok(&r) ? ",\"ok\":true,\"errors\":" : ",\"ok\":false,\"errors\":");
    write_issues(t, r.errors);
    mca_text_puts(t, ",\"warnings\":");
    write_issues(t, r.warnings);
    mca_text_puts(t, ",\"normalized\":");
    write_values(t, r.normalized);
    mca_text_puts(t, ",\"body\":");
    if (mca_report_ok(&r)) {
        mca_body_write(t, b->rules->body, &r, 1);
    } else {
        mca_text_puts(t, "null");
        write_input(t, &in);
    }
    mca_text_put(t, "}", 1);
    mca_arena_restore(&b->arena, mark);
    return t->oom ? -1 : 0;
}

/* The head of the result: flow, columns, separator, bom. */
static int write_head(batch *b, const csv_options *o, const cJSON *columns, int bom)
{
    char *cols = cJSON_PrintUnformatted(columns);
    char sep = (char)b->p.sep;
    if (cols == NULL)
        return -1;
    mca_text *t = &b->out;
    mca_text_puts(t, o->flow == MCA_FLOW_ENHANCED ? "{\"flow\":\"enhanced\",\"columns\":" : "{\"flow\":\"classic\",\"columns\":");
    mca_text_puts(t, cols);
    mca_free(cols);
    mca_text_puts(t, ",\"separator\":");
    mca_text_string(t, &sep, 1);
    mca_text_puts(t, bom ? ",\"bom\":true,\"rows\":[" : ",\"bom\":false,\"rows\":[");
    return t->oom ? -1 : 0;
}

/* The records refused and the fault that stops the file, as parseCsv gives them. */
static int write_tail(batch *b, const cJSON *columns, size_t ncols)
{
    int oom = 0;
    cJSON *fault = mca_csv_file_error(b->p.errors, columns, ncols > 0, &oom);
    char *errors = oom ? NULL : cJSON_PrintUnformatted(b->p.errors);
    char *fault_text = fault != NULL ? cJSON_PrintUnformatted(fault) : NULL;
    int status = errors != NULL && (fault == NULL || fault_text != NULL) ? 0 : -1;
    if (status == 0) {
        mca_text_puts(&b->out, "],\"errors\":");
        mca_text_puts(&b->out, errors);
        mca_text_puts(&b->out, ",\"fileError\":");
        mca_text_puts(&b->out, fault_text != NULL ? fault_text : "null");
        mca_text_put(&b->out, "}", 1);
    }
    mca_free(errors);
    mca_free(fault_text);
    cJSON_Delete(fault);
    return status == 0 && !b->out.oom ? 0 : -1;
}

static int run(batch *b, const csv_options *o)
{
    cJSON *columns = cJSON_CreateArray();
    int bom = 0, status = -1;
    size_t ncols = columns != NULL ? mca_csv_start(&b->p, o, columns, &bom) : 0;
    if (columns != NULL && !b->p.oom && map_columns(b, columns) == 0 && write_head(b, o, columns, bom) == 0) {
        csv_record rec;
        double seen = 0;
        int first = 1;
        status = 0;
        while (status == 0 && ncols > 0 && mca_csv_next(&b->p, ncols, o->max_rows, &seen, &rec)) {
            status = write_row(b, &rec, first);
            first = 0;
        }
        if (status == 0 && !b->p.oom)
            status = write_tail(b, columns, ncols);
    }
    cJSON_Delete(columns);
    return b->p.oom ? -1 : status;
}

char *mca_data_build_csv(const char *data, size_t n, const cJSON *options, size_t *out_len)
{
    csv_options o;
    const char *bad = mca_csv_options(options, &o);
    if (bad != NULL) {
        cJSON *e = mca_call_error_object(bad);
        char *text = e != NULL ? cJSON_PrintUnformatted(e) : NULL;
        cJSON_Delete(e);
        *out_len = text != NULL ? strlen(text) : 0;
        return text;
    }
    batch b;
    memset(&b, 0, sizeof b);
    b.rules = o.flow == MCA_FLOW_ENHANCED ? &mca_attestation_rules : &mca_confirmation_rules;
    b.options = options;
    mca_arena_init(&b.arena);
    mca_text_init(&b.out);
    mca_csv_open(&b.p, data, n);
    int status = b.p.oom ? -1 : run(&b, &o);
    mca_csv_close(&b.p);
    mca_arena_fini(&b.arena);
    if (status != 0) {
        mca_text_fini(&b.out);
        return NULL;
    }
    return mca_text_take(&b.out, out_len);
}
