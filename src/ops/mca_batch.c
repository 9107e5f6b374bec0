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
 * buildAttestation on each row as parseCsv reads it.
 *
 * "buildCsvBlock" gives the same answers as a block of bytes the shell
 * decodes without parsing text (web/core.js), little-endian u32 words:
 *
 *   header (8 words): "\0mcb", rows, strings offset, strings bytes,
 *                     records offset, records words, meta offset, meta bytes
 *   strings: one UTF-8 text holding every value, body and input field;
 *            a string is (start, end) in UTF-16 units of that text decoded
 *   records, per row: line, ok | errors << 1, warnings,
 *            normalized | input << 16, body start, body end (0, 0: null),
 *            then (field, code) per error and warning, (field, start, end)
 *            per normalised value and per input field; field and code are
 *            indexes into meta's "names"
 *   meta: JSON {"flow", "columns", "separator", "bom", "errors",
 *               "fileError", "names"} */
#include "mca_csv.h"
#include "mca_words.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define BATCH_FIELD_CACHE 64u

typedef struct batch {
    csv_parser p;
    const mca_rules *rules;
    const cJSON *options;
    mca_arena arena;
    mca_input proto; /* the fields, all absent; the unknown columns */
    int *field_of;   /* per column: index into proto.names, or -1 */
    size_t ncols;
    mca_text out;
    /* The block: records and meta beside out (the header and strings) */
    int block;
    mca_text records, meta;
    size_t rows, utf16; /* rows written; UTF-16 units of the strings so far */
    mca_arena keep;     /* the names' bytes, for the whole batch */
    struct name_slot { const char *s; size_t n; uint32_t index; } *names;
    size_t name_count, name_cap;
    struct field_slot { const char *s; uint32_t index; } fields[BATCH_FIELD_CACHE];
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

/* ---- the block ---- */

#define BLOCK_HEADER_WORDS 8u
#define BLOCK_MAGIC 0x62636d00u /* "\0mcb" */

static inline void put_word(mca_text *t, uint32_t w)
{
    unsigned char b[4] = { (unsigned char)w, (unsigned char)(w >> 8), (unsigned char)(w >> 16), (unsigned char)(w >> 24) };
    mca_text_put(t, (const char *)b, 4);
}

/* The bytes of w with bit 7 set, counted (each 0 or 1: the sum fits a byte). */
static size_t high_bits(uint64_t w)
{
    return (size_t)((((w >> 7) & MCA_ONES) * MCA_ONES) >> 56);
}

/* The UTF-16 units that eight bytes of UTF-8 text lack against their byte
 * count: their continuation bytes (10xxxxxx, bit 7 of w & ~(w << 1)) less
 * the leads of 4-byte sequences (11110xxx), which give two units. */
static inline size_t units_short(uint64_t w)
{
    if ((w & MCA_HIGHS) == 0)
        return 0;
    return high_bits(w & ~(w << 1) & MCA_HIGHS) - high_bits(w & (w << 1) & (w << 2) & (w << 3) & ~(w << 4) & MCA_HIGHS);
}

/* The bytes s[0..n) (n at most 8) as one word, those past n zero; room
 * bytes from s are readable. */
static uint64_t short_word(const char *s, size_t n, size_t room)
{
    uint64_t w = 0;
    if (n == 0)
        return 0;
    if (room < 8) {
        for (size_t k = 0; k < n; k++)
            w |= (uint64_t)(unsigned char)s[k] << 8 * k;
        return w;
    }
    memcpy(&w, s, 8);
    return MCA_LITTLE_ENDIAN ? w & (~(uint64_t)0 >> 8 * (8 - n)) : w & (~(uint64_t)0 << 8 * (8 - n));
}

/* UTF-16 units of UTF-8 text, 32 bytes at a time while they are ASCII,
 * then eight, the last ones as short_word reads them. */
static __attribute__((noinline)) size_t utf16_units(const char *s, size_t n, size_t room)
{
    size_t units = n, i = 0;
    for (; n - i >= 32; i += 32) {
#if defined(__SSE2__)
        __m128i v = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(s + i)),
                                 _mm_loadu_si128((const __m128i *)(const void *)(s + i + 16)));
        if (_mm_movemask_epi8(v) == 0)
            continue;
#endif
        uint64_t w[4];
        memcpy(w, s + i, 32);
        if (((w[0] | w[1] | w[2] | w[3]) & MCA_HIGHS) != 0)
            units -= units_short(w[0]) + units_short(w[1]) + units_short(w[2]) + units_short(w[3]);
    }
    for (; n - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        units -= units_short(w);
    }
    return units - units_short(short_word(s + i, n - i, room - i));
}

/* Counts the strings written to out since from; puts (start, end) words
 * (a string of at most eight bytes counted at once). */
static void put_span(batch *b, size_t from)
{
    size_t start = b->utf16, n = b->out.len - from;
    if (n <= 8)
        b->utf16 += n - units_short(short_word(b->out.s + from, n, b->out.cap - from));
    else
        b->utf16 += utf16_units(b->out.s + from, n, b->out.cap - from);
#if MCA_LITTLE_ENDIAN
    uint32_t words[2] = { (uint32_t)start, (uint32_t)b->utf16 };
    mca_text_put(&b->records, (const char *)words, 8);
#else
    put_word(&b->records, (uint32_t)start);
    put_word(&b->records, (uint32_t)b->utf16);
#endif
}

static void put_string(batch *b, const char *s, size_t n)
{
    size_t from = b->out.len;
    mca_text_put(&b->out, s, n);
    if (!b->out.oom)
        put_span(b, from);
}

static uint32_t name_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* The index of a field name or code in meta's "names", added at its first
 * use (an open-addressing table that doubles at half full); -1 when out of
 * memory. */
static int64_t name_index(batch *b, const char *s);

/* The same for a field name: a constant or a column name, whose pointer
 * stays one name for the whole batch, so it is looked up by pointer first. */
static int64_t field_index(batch *b, const char *s)
{
    struct field_slot *slot = &b->fields[((uintptr_t)s >> 3) % BATCH_FIELD_CACHE];
    if (slot->s != s) {
        int64_t i = name_index(b, s);
        if (i < 0)
            return -1;
        slot->s = s;
        slot->index = (uint32_t)i;
    }
    return slot->index;
}

static int64_t name_index(batch *b, const char *s)
{
    size_t n = strlen(s);
    if (b->name_count * 2 >= b->name_cap) {
        size_t cap = b->name_cap ? b->name_cap * 2 : 64;
        struct name_slot *grown = mca_malloc(cap * sizeof *grown);
        if (grown == NULL)
            return -1;
        memset(grown, 0, cap * sizeof *grown);
        for (size_t i = 0; i < b->name_cap; i++) {
            if (b->names[i].s == NULL)
                continue;
            size_t j = name_hash(b->names[i].s, b->names[i].n) & (cap - 1);
            while (grown[j].s != NULL)
                j = (j + 1) & (cap - 1);
            grown[j] = b->names[i];
        }
        mca_free(b->names);
        b->names = grown;
        b->name_cap = cap;
    }
    size_t j = name_hash(s, n) & (b->name_cap - 1);
    for (; b->names[j].s != NULL; j = (j + 1) & (b->name_cap - 1))
        if (b->names[j].n == n && memcmp(b->names[j].s, s, n) == 0)
            return b->names[j].index;
    const char *copy = mca_arena_strndup(&b->keep, s, n);
    if (copy == NULL)
        return -1;
    mca_text_puts(&b->meta, b->name_count ? "," : "\"names\":[");
    mca_text_string(&b->meta, s, n);
    b->names[j].s = copy;
    b->names[j].n = n;
    b->names[j].index = (uint32_t)b->name_count;
    return (int64_t)b->name_count++;
}

static size_t count_issues(const mca_issue *i)
{
    size_t n = 0;
    for (; i != NULL; i = i->next)
        n++;
    return n;
}

static int put_issues(batch *b, const mca_issue *i)
{
    for (; i != NULL; i = i->next) {
        int64_t field = field_index(b, i->field), code = name_index(b, i->code);
        if (field < 0 || code < 0)
            return -1;
        put_word(&b->records, (uint32_t)field);
        put_word(&b->records, (uint32_t)code);
    }
    return 0;
}

/* One row of the block: its record, its strings. */
static int block_row(batch *b, const csv_record *rec, const mca_report *r, const mca_input *in)
{
    int ok = mca_report_ok(r);
    size_t nnorm = 0, ninput = 0;
    for (const mca_value *v = r->normalized; v != NULL; v = v->next)
        nnorm++;
    for (size_t i = 0; !ok && i < in->count; i++)
        ninput += in->kind[i] == MCA_FIELD_STRING || in->kind[i] == MCA_FIELD_EMPTY;
    put_word(&b->records, (uint32_t)rec->line);
    put_word(&b->records, (uint32_t)(ok | r->error_count << 1));
    put_word(&b->records, (uint32_t)count_issues(r->warnings));
    put_word(&b->records, (uint32_t)(nnorm | ninput << 16));
    if (ok) {
        size_t from = b->out.len;
        mca_body_write(&b->out, b->rules->body, r, 0);
        put_span(b, from);
    } else {
        put_word(&b->records, 0);
        put_word(&b->records, 0);
    }
    if (put_issues(b, r->errors) != 0 || put_issues(b, r->warnings) != 0)
        return -1;
    for (const mca_value *v = r->normalized; v != NULL; v = v->next) {
        int64_t field = field_index(b, v->field);
        if (field < 0)
            return -1;
        put_word(&b->records, (uint32_t)field);
        put_string(b, v->text, v->len);
    }
    for (size_t i = 0; !ok && i < in->count; i++) {
        if (in->kind[i] != MCA_FIELD_STRING && in->kind[i] != MCA_FIELD_EMPTY)
            continue;
        int64_t field = field_index(b, in->names[i]);
        if (field < 0)
            return -1;
        put_word(&b->records, (uint32_t)field);
        put_string(b, in->s[i], in->n[i]);
    }
    b->rows++;
    return b->records.oom || b->out.oom || b->meta.oom ? -1 : 0;
}

/* The block's fields in their place: the header, and the rows. */
static void block_header(batch *b, size_t records, size_t meta)
{
    uint32_t head[BLOCK_HEADER_WORDS] = {
        BLOCK_MAGIC, (uint32_t)b->rows, BLOCK_HEADER_WORDS * 4, (uint32_t)(records - BLOCK_HEADER_WORDS * 4),
        (uint32_t)records, (uint32_t)(b->records.len / 4), (uint32_t)meta, (uint32_t)(b->out.len - meta),
    };
    mca_text t = { b->out.s, 0, b->out.cap, 0 };
    for (size_t i = 0; i < BLOCK_HEADER_WORDS; i++)
        put_word(&t, head[i]);
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
    if (b->block) {
        int status = block_row(b, rec, &r, &in);
        mca_arena_restore(&b->arena, mark);
        return status;
    }
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
    mca_text_puts(t, bom ? ",\"bom\":true," : ",\"bom\":false,");
    if (!b->block)
        mca_text_puts(t, "\"rows\":[");
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
        mca_text_puts(&b->out, b->block ? "\"errors\":" : "],\"errors\":");
        mca_text_puts(&b->out, errors);
        mca_text_puts(&b->out, ",\"fileError\":");
        mca_text_puts(&b->out, fault_text != NULL ? fault_text : "null");
        mca_text_put(&b->out, b->block ? "," : "}", 1);
    }
    mca_free(errors);
    mca_free(fault_text);
    cJSON_Delete(fault);
    return status == 0 && !b->out.oom ? 0 : -1;
}

/* The end of the block: records, meta (head, tail, names), header. */
static int block_end(batch *b, const csv_options *o, const cJSON *columns, int bom, size_t ncols)
{
    while (b->out.len % 4 != 0)
        mca_text_put(&b->out, "", 1);
    size_t records = b->out.len;
    mca_text_put(&b->out, b->records.s, b->records.len);
    size_t meta = b->out.len;
    if (write_head(b, o, columns, bom) != 0 || write_tail(b, columns, ncols) != 0)
        return -1;
    if (b->meta.len > 0)
        mca_text_put(&b->out, b->meta.s, b->meta.len);
    else
        mca_text_puts(&b->out, "\"names\":[");
    mca_text_puts(&b->out, "]}");
    if (b->out.oom)
        return -1;
    block_header(b, records, meta);
    return 0;
}

static int run(batch *b, const csv_options *o)
{
    cJSON *columns = cJSON_CreateArray();
    int bom = 0, status = -1;
    size_t ncols = columns != NULL ? mca_csv_start(&b->p, o, columns, &bom) : 0;
    if (columns != NULL && !b->p.oom && map_columns(b, columns) == 0 && (b->block || write_head(b, o, columns, bom) == 0)) {
        csv_record rec;
        double seen = 0;
        int first = 1;
        status = 0;
        while (status == 0 && ncols > 0 && mca_csv_next(&b->p, ncols, o->max_rows, &seen, &rec)) {
            status = write_row(b, &rec, first);
            first = 0;
        }
        if (status == 0 && !b->p.oom)
            status = b->block ? block_end(b, o, columns, bom, ncols) : write_tail(b, columns, ncols);
    }
    cJSON_Delete(columns);
    return b->p.oom ? -1 : status;
}

static char *build_csv(const char *data, size_t n, const cJSON *options, size_t *out_len, int block)
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
    b.block = block;
    mca_arena_init(&b.arena);
    mca_arena_init(&b.keep);
    mca_text_init(&b.out);
    mca_text_init(&b.records);
    mca_text_init(&b.meta);
    if (block) {
        /* Room at once for what a file of n bytes gives, about: the strings
         * 3n, the records n (a hint: without it, the texts grow by doubling);
         * and for the header, written last. */
        if (mca_text_reserve(&b.out, n * 3 + 4096) != 0 || mca_text_reserve(&b.records, n + 1024) != 0)
            b.out.oom = b.records.oom = 0;
        mca_text_put(&b.out, (const char[BLOCK_HEADER_WORDS * 4]){ 0 }, BLOCK_HEADER_WORDS * 4);
    }
    mca_csv_open(&b.p, data, n);
    int status = b.p.oom || b.out.oom ? -1 : run(&b, &o);
    mca_csv_close(&b.p);
    mca_arena_fini(&b.arena);
    mca_arena_fini(&b.keep);
    mca_text_fini(&b.records);
    mca_text_fini(&b.meta);
    mca_free(b.names);
    if (status != 0) {
        mca_text_fini(&b.out);
        return NULL;
    }
    return mca_text_take(&b.out, out_len);
}

char *mca_data_build_csv(const char *data, size_t n, const cJSON *options, size_t *out_len)
{
    return build_csv(data, n, options, out_len, 0);
}

char *mca_data_build_csv_block(const char *data, size_t n, const cJSON *options, size_t *out_len)
{
    return build_csv(data, n, options, out_len, 1);
}
