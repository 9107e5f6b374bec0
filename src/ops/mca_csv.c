/* Bulk input: CSV (RFC 4180) to rows keyed by the flow's field names.
 *
 * The parser reads the bytes in place (it never copies the input as a
 * whole) and writes each accepted record straight into the cJSON result:
 * one allocation per field value. Row objects share their keys with the
 * "columns" array (constant-key items), so keys are not copied per row.
 *
 *   UTF-8 with or without BOM; "," or ";" (or tab) found on the header
 *   line outside quotes; quoted fields may hold separators, doubled quotes
 *   and line breaks; CRLF, LF or CR end a line; the last line may lack one.
 *   Blank lines (and records of only empty fields) are skipped.
 *
 * Errors carry the 1-based physical line: the line where the record starts,
 * or where the fault is (the opening quote of an unterminated field, the
 * stray quote, the invalid byte). A record with an error is not a row. */
#include "mca_internal.h"
#include "mca_csv.h"
#include "mca_words.h"

#include <math.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif


static const mca_message_entry messages[] = {
    { "csv.duplicateColumn", "Two columns of the header mean the same field (or have the same name); keep one." },
    { "csv.emptyFile", "The file has no header line: it is empty." },
    { "csv.emptyHeader", "A column of the header has no name." },
    { "csv.invalidFlow", "The flow must be \"classic\" or \"enhanced\"." },
    { "csv.invalidOption", "An option of parseCsv is not valid: separator must be \",\", \";\" or a tab, maxRows a whole number of at least 1." },
    { "csv.invalidUtf8", "This line is not valid UTF-8 text (or holds a NUL byte). Save the file as \"CSV UTF-8\"." },
    { "csv.lineTooLong", "This record is longer than 65,536 bytes." },
    { "csv.noCustomerId", "The header has no customerId column (nor an alias such as tenantId): no row names its customer." },
    { "csv.notText", "The CSV must be text." },
    { "csv.reservedColumn", "The column name \"_line\" is reserved for the line number." },
    { "csv.strayQuote", "A double quote appears inside a field that is not quoted, or after a closing quote. Quote the whole field and double the quotes inside it." },
    { "csv.tooFewFields", "This line has fewer fields than the header." },
    { "csv.tooManyColumns", "The header has more than 256 columns." },
    { "csv.tooManyFields", "This line has more fields than the header." },
    { "csv.tooManyRows", "The file has more rows than allowed; the rest was not read. Split the file." },
    { "csv.unterminatedQuote", "A quoted field is not closed: the rest of the file was read as part of it." },
    { "csv.utf16", "The file is UTF-16 text. Save it as \"CSV UTF-8\"." },
};
MCA_MESSAGE_TABLE(mca_csv_messages, messages);

static int is_break(unsigned char c)
{
    return c == '\n' || c == '\r';
}

/* Consumes the line break at i (CRLF, LF or CR) and counts the line. */
static size_t skip_break(csv_parser *p, size_t i)
{
    if (p->s[i] == '\r' && i + 1 < p->n && p->s[i + 1] == '\n')
        i++;
    p->line++;
    return i + 1;
}

static void add_span(csv_parser *p, const csv_span *f)
{
    if (p->count < p->span_limit) {
        if (p->count == p->cap) {
            size_t cap = p->cap ? p->cap * 2 : 16;
            csv_span *grown = mca_malloc(cap * sizeof *grown);
            if (grown == NULL) {
                p->oom = 1;
                return;
            }
            if (p->count > 0)
                memcpy(grown, p->spans, p->count * sizeof *grown);
            mca_free(p->spans);
            p->spans = grown;
            p->cap = cap;
        }
        p->spans[p->count] = *f;
    }
    p->count++;
}

/* A fault inside a record: note it and skip to the end of the physical line. */
static void fail_to_line_end(csv_parser *p, csv_record *r, const char *code, size_t i)
{
    r->error = code;
    r->error_line = p->line;
    while (i < p->n && !is_break(p->s[i]))
        i++;
    r->end = i;
    p->pos = i < p->n ? skip_break(p, i) : i;
}

/* Scans a quoted field starting at the quote at i; returns the position
 * after the closing quote, or n when the quote is never closed. */
static size_t scan_quoted(csv_parser *p, size_t i, csv_span *f)
{
    f->start = ++i;
    while (i < p->n) {
        unsigned char c = p->s[i];
        if (c == '"') {
            if (i + 1 < p->n && p->s[i + 1] == '"') {
                f->escaped = 1;
                i += 2;
                continue;
            }
            f->end = i;
            return i + 1;
        }
        i = is_break(c) ? skip_break(p, i) : i + 1;
    }
    return p->n + 1;
}

/* The end of an unquoted field from i: the first separator, line break or
 * quote, or n. Eight bytes at a time: mca_word_below and mca_word_zeros
 * (mca_words.h) are exact up to their lowest mark, so the lowest mark of
 * the three is the first byte that is below 0x20, a quote or the separator;
 * only a control other than a line break (or a tab that is not the
 * separator) is passed over. */
static size_t scan_plain(const csv_parser *p, size_t i)
{
    const unsigned char *s = p->s;
    const size_t n = p->n;
    const uint64_t sep = MCA_ONES * p->sep, quote = MCA_ONES * '"';
#if defined(__SSE2__)
    /* Sixteen bytes at a time, each compared with the four that stop. */
    const __m128i vsep = _mm_set1_epi8((char)p->sep), vquote = _mm_set1_epi8('"');
    const __m128i vlf = _mm_set1_epi8('\n'), vcr = _mm_set1_epi8('\r');
    for (; n - i >= 16; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, vsep), _mm_cmpeq_epi8(v, vquote)),
                                   _mm_or_si128(_mm_cmpeq_epi8(v, vlf), _mm_cmpeq_epi8(v, vcr)));
        unsigned mask = (unsigned)_mm_movemask_epi8(hit);
        if (mask != 0)
            return i + (size_t)__builtin_ctz(mask);
    }
#endif
    while (i + 8 <= n) {
        uint64_t w, mask;
        memcpy(&w, s + i, 8);
        mask = mca_word_below(w, 0x20) | mca_word_zeros(w ^ quote) | mca_word_zeros(w ^ sep);
        if (mask == 0) {
            i += 8;
            continue;
        }
        i += mca_word_first(mask);
        if (s[i] == p->sep || is_break(s[i]) || s[i] == '"')
            break;
        i++;
    }
    if (i + 8 > n)
        while (i < n && s[i] != p->sep && !is_break(s[i]) && s[i] != '"')
            i++;
    return i;
}

/* Reads the record at pos into p->spans; 0 at the end of the input. */
static int read_record(csv_parser *p, csv_record *r)
{
    if (p->pos >= p->n)
        return 0;
    size_t i = p->pos;
    r->start = i;
    r->line = p->line;
    r->error = NULL;
    p->count = 0;
    for (;;) {
        csv_span f = { i, i, 0 };
        if (i < p->n && p->s[i] == '"') {
            size_t open_line = p->line;
            i = scan_quoted(p, i, &f);
            if (i > p->n) {
                r->error = "csv.unterminatedQuote";
                r->error_line = open_line;
                r->end = p->pos = p->n;
                return 1;
            }
            if (i < p->n && p->s[i] != p->sep && !is_break(p->s[i])) {
                fail_to_line_end(p, r, "csv.strayQuote", i);
                return 1;
            }
        } else {
            i = scan_plain(p, i);
            if (i < p->n && p->s[i] == '"') {
                fail_to_line_end(p, r, "csv.strayQuote", i);
                return 1;
            }
            f.end = i;
        }
        add_span(p, &f);
        if (i < p->n && p->s[i] == p->sep) {
            i++;
            continue;
        }
        r->end = i;
        p->pos = i < p->n ? skip_break(p, i) : i;
        return 1;
    }
}

/* Offset of the first byte that is not valid UTF-8 (or is NUL), or n. */
static size_t utf8_invalid_at(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        /* Eight bytes at a time while all are ASCII and none is NUL (a byte
         * 0 borrows in w - 0x0101...: its bit 7 is set). */
        for (uint64_t w; i + 8 <= n; i += 8) {
            memcpy(&w, s + i, 8);
            if (((w | (w - MCA_ONES)) & MCA_HIGHS) != 0)
                break;
        }
        if (i >= n)
            break;
        unsigned char c = s[i];
        size_t len;
        unsigned char lo = 0x80, hi = 0xBF; /* range of the second byte */
        if (c == 0)
            return i;
        if (c < 0x80) { i++; continue; }
        if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c >= 0xE0 && c <= 0xEF) { len = 3; if (c == 0xE0) lo = 0xA0; if (c == 0xED) hi = 0x9F; }
        else if (c >= 0xF0 && c <= 0xF4) { len = 4; if (c == 0xF0) lo = 0x90; if (c == 0xF4) hi = 0x8F; }
        else return i;
        if (i + len > n || s[i + 1] < lo || s[i + 1] > hi)
            return i;
        for (size_t k = 2; k < len; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
        i += len;
    }
    return n;
}

/* The physical line of byte off inside record r. */
static size_t line_of(const csv_parser *p, const csv_record *r, size_t off)
{
    size_t line = r->line;
    for (size_t i = r->start; i < off; i++)
        if (p->s[i] == '\n' || (p->s[i] == '\r' && (i + 1 >= p->n || p->s[i + 1] != '\n')))
            line++;
    return line;
}

void mca_csv_report(csv_parser *p, size_t line, const char *code, size_t column)
{
    cJSON *e = p->errors != NULL ? cJSON_CreateObject() : NULL;
    if (e == NULL) {
        p->oom = 1;
        return;
    }
    cJSON_AddItemToArray(p->errors, e);
    if (cJSON_AddNumberToObject(e, "line", (double)line) == NULL
        || cJSON_AddStringToObject(e, "code", code) == NULL
        || cJSON_AddStringToObject(e, "message", mca_message(code)) == NULL
        || (column > 0 && cJSON_AddNumberToObject(e, "column", (double)column) == NULL))
        p->oom = 1;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t';
}

/* Every field empty or only spaces and tabs (also an empty line). */
static int record_is_blank(const csv_parser *p, const csv_record *r)
{
    if (r->error != NULL)
        return 0;
    if (p->count > p->span_limit) { /* not all fields kept: look at the bytes */
        for (size_t i = r->start; i < r->end; i++)
            if (!is_space(p->s[i]) && p->s[i] != p->sep)
                return 0;
        return 1;
    }
    for (size_t j = 0; j < p->count; j++)
        for (size_t i = p->spans[j].start; i < p->spans[j].end; i++)
            if (!is_space(p->s[i]))
                return 0;
    return 1;
}

/* The record's fault, checked in order, or NULL; *line gets its line. */
static const char *record_fault(const csv_parser *p, const csv_record *r, size_t *line)
{
    *line = r->line;
    if (r->error != NULL) {
        *line = r->error_line;
        return r->error;
    }
    if (r->end - r->start > CSV_MAX_RECORD_BYTES)
        return "csv.lineTooLong";
    size_t bad = r->start + utf8_invalid_at(p->s + r->start, r->end - r->start);
    if (bad < r->end) {
        *line = line_of(p, r, bad);
        return "csv.invalidUtf8";
    }
    return NULL;
}

size_t mca_csv_unescape(const csv_parser *p, const csv_span *f, char *out)
{
    size_t k = 0;
    for (size_t i = f->start; i < f->end; i++) {
        out[k++] = (char)p->s[i];
        if (f->escaped && p->s[i] == '"')
            i++; /* the second quote of a doubled pair */
    }
    out[k] = '\0';
    return k;
}

/* A new string item holding the field's text (quotes undone). */
static cJSON *field_item(const csv_parser *p, const csv_span *f)
{
    char *text = mca_malloc(f->end - f->start + 1);
    if (text == NULL)
        return NULL;
    mca_csv_unescape(p, f, text);
    cJSON *item = cJSON_CreateStringReference(text);
    if (item == NULL) {
        mca_free(text);
        return NULL;
    }
    item->type = cJSON_String; /* owns text now: cJSON_Delete frees it */
    return item;
}

/* ---- the header ---- */

static void trim(const unsigned char *s, size_t *start, size_t *end)
{
    while (*start < *end && (s[*start] == ' ' || s[*start] == '\t'))
        (*start)++;
    while (*end > *start && (s[*end - 1] == ' ' || s[*end - 1] == '\t'))
        (*end)--;
}

/* The column name: the flow's field name, or the header text itself. */
static cJSON *column_item(const csv_parser *p, int flow, const csv_span *f)
{
    csv_span t = *f;
    trim(p->s, &t.start, &t.end);
    const char *field = mca_csv_field_for_header(flow, (const char *)p->s + t.start, t.end - t.start);
    return field != NULL ? cJSON_CreateString(field) : field_item(p, &t);
}

static void check_column(csv_parser *p, const cJSON *columns, const cJSON *col, size_t index, size_t line)
{
    const char *name = col->valuestring;
    if (name[strspn(name, " \t")] == '\0') {
        mca_csv_report(p, line, "csv.emptyHeader", index);
        return;
    }
    if (strcmp(name, CSV_LINE_KEY) == 0) {
        mca_csv_report(p, line, "csv.reservedColumn", index);
        return;
    }
    for (const cJSON *c = columns->child; c != NULL && c != col; c = c->next)
        if (strcmp(c->valuestring, name) == 0) {
            mca_csv_report(p, line, "csv.duplicateColumn", index);
            return;
        }
}

/* Reads the header into columns; returns its column count, 0 when the
 * file cannot be read further (the error is reported). */
static size_t read_header(csv_parser *p, int flow, cJSON *columns)
{
    csv_record r;
    size_t line;
    do {
        if (!read_record(p, &r)) {
            mca_csv_report(p, 1, "csv.emptyFile", 0);
            return 0;
        }
    } while (record_is_blank(p, &r) && !p->oom);
    const char *fault = record_fault(p, &r, &line);
    if (fault == NULL && p->count > CSV_MAX_COLUMNS)
        fault = "csv.tooManyColumns";
    if (fault != NULL || p->oom) {
        mca_csv_report(p, line, fault != NULL ? fault : "input.outOfMemory", 0);
        return 0;
    }
    size_t before = (size_t)cJSON_GetArraySize(p->errors);
    for (size_t j = 0; j < p->count && !p->oom; j++) {
        cJSON *col = column_item(p, flow, &p->spans[j]);
        if (col == NULL) {
            p->oom = 1;
            break;
        }
        cJSON_AddItemToArray(columns, col);
        check_column(p, columns, col, j + 1, r.line);
    }
    return (size_t)cJSON_GetArraySize(p->errors) == before ? p->count : 0;
}

/* ---- data rows ---- */

static void add_row(csv_parser *p, cJSON *rows, const cJSON *columns, const csv_record *r)
{
    cJSON *row = cJSON_CreateObject();
    cJSON *line = cJSON_CreateNumber((double)r->line);
    if (row == NULL || line == NULL) {
        cJSON_Delete(row);
        cJSON_Delete(line);
        p->oom = 1;
        return;
    }
    cJSON_AddItemToArray(rows, row);
    cJSON_AddItemToObjectCS(row, CSV_LINE_KEY, line);
    const cJSON *col = columns->child;
    for (size_t j = 0; j < p->count; j++, col = col->next) {
        cJSON *value = field_item(p, &p->spans[j]);
        if (value == NULL) {
            p->oom = 1;
            return;
        }
        /* The key is the column's own string: shared, never freed twice. */
        cJSON_AddItemToObjectCS(row, col->valuestring, value);
    }
}

int mca_csv_next(csv_parser *p, size_t ncols, double max_rows, double *seen, csv_record *r)
{
    p->span_limit = ncols + 1;
    while (!p->oom && read_record(p, r)) {
        size_t line;
        if (record_is_blank(p, r))
            continue;
        if (++*seen > max_rows) {
            mca_csv_report(p, r->line, "csv.tooManyRows", 0);
            p->pos = p->n; /* reading stops here */
            return 0;
        }
        const char *fault = record_fault(p, r, &line);
        if (fault == NULL && p->count != ncols)
            fault = p->count > ncols ? "csv.tooManyFields" : "csv.tooFewFields";
        if (fault == NULL)
            return 1;
        mca_csv_report(p, line, fault, 0);
    }
    return 0;
}

static void read_rows(csv_parser *p, size_t ncols, double max_rows, cJSON *rows, const cJSON *columns)
{
    csv_record r;
    double seen = 0;
    while (mca_csv_next(p, ncols, max_rows, &seen, &r))
        add_row(p, rows, columns, &r);
}

/* ---- options and the operation ---- */

/* The separator: the more frequent of ',' and ';' outside quotes on the
 * first line that holds anything ("," when neither appears). */
static unsigned char detect_separator(const unsigned char *s, size_t n, size_t i)
{
    size_t commas = 0, semicolons = 0;
    int quoted = 0, content = 0;
    for (; i < n; i++) {
        unsigned char c = s[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && is_break(c)) {
            if (content)
                break;
        } else if (!quoted && c == ',')
            commas++;
        else if (!quoted && c == ';')
            semicolons++;
        content |= (c != ' ' && c != '\t' && !is_break(c));
    }
    return semicolons > commas ? ';' : ',';
}

/* NULL when the options are usable, else the error code. */
const char *mca_csv_options(const cJSON *options, csv_options *o)
{
    const cJSON *flow = cJSON_GetObjectItemCaseSensitive(options, "flow");
    const cJSON *sep = cJSON_GetObjectItemCaseSensitive(options, "separator");
    const cJSON *max = cJSON_GetObjectItemCaseSensitive(options, "maxRows");
    o->flow = MCA_FLOW_CLASSIC;
    o->sep = 0;
    o->max_rows = CSV_DEFAULT_MAX_ROWS;
    if (flow != NULL && !cJSON_IsNull(flow)) {
        if (cJSON_IsString(flow) && strcmp(flow->valuestring, "enhanced") == 0)
            o->flow = MCA_FLOW_ENHANCED;
        else if (!cJSON_IsString(flow) || strcmp(flow->valuestring, "classic") != 0)
            return "csv.invalidFlow";
    }
    if (sep != NULL && !cJSON_IsNull(sep)) {
        if (!cJSON_IsString(sep) || strlen(sep->valuestring) != 1 || strchr(",;\t", sep->valuestring[0]) == NULL)
            return "csv.invalidOption";
        o->sep = sep->valuestring[0];
    }
    if (max != NULL && !cJSON_IsNull(max)) {
        if (!cJSON_IsNumber(max) || !(max->valuedouble >= 1) || max->valuedouble > 1e9
            || floor(max->valuedouble) != max->valuedouble)
            return "csv.invalidOption";
        o->max_rows = max->valuedouble;
    }
    return NULL;
}

void mca_csv_open(csv_parser *p, const char *data, size_t n)
{
    memset(p, 0, sizeof *p);
    p->s = (const unsigned char *)data;
    p->n = n;
    p->line = 1;
    p->span_limit = CSV_MAX_COLUMNS + 1;
    p->errors = cJSON_CreateArray();
    p->oom = p->errors == NULL;
}

void mca_csv_close(csv_parser *p)
{
    cJSON_Delete(p->errors);
    mca_free(p->spans);
    p->errors = NULL;
    p->spans = NULL;
}

size_t mca_csv_start(csv_parser *p, const csv_options *o, cJSON *columns, int *bom)
{
    *bom = p->n >= 3 && memcmp(p->s, "\xEF\xBB\xBF", 3) == 0;
    int utf16 = p->n >= 2 && (memcmp(p->s, "\xFF\xFE", 2) == 0 || memcmp(p->s, "\xFE\xFF", 2) == 0);
    p->pos = *bom ? 3 : 0;
    p->sep = (unsigned char)(o->sep ? o->sep : detect_separator(p->s, p->n, p->pos));
    if (utf16) {
        mca_csv_report(p, 1, "csv.utf16", 0);
        return 0;
    }
    return read_header(p, o->flow, columns);
}

cJSON *mca_csv_file_error(const cJSON *errors, const cJSON *columns, int header_ok, int *oom)
{
    const cJSON *first = cJSON_GetArrayItem(errors, 0), *col;
    cJSON *fault = NULL;
    if (!header_ok && first != NULL) {
        fault = cJSON_Duplicate(first, 1);
    } else {
        int found = 0;
        cJSON_ArrayForEach(col, columns)
            found |= cJSON_IsString(col) && strcmp(col->valuestring, "customerId") == 0;
        if (found)
            return NULL;
        fault = cJSON_CreateObject();
        if (fault != NULL
            && (cJSON_AddNumberToObject(fault, "line", 1) == NULL
                || cJSON_AddStringToObject(fault, "code", "csv.noCustomerId") == NULL
                || cJSON_AddStringToObject(fault, "message", mca_message("csv.noCustomerId")) == NULL)) {
            cJSON_Delete(fault);
            fault = NULL;
        }
    }
    *oom |= fault == NULL;
    return fault;
}

/* fileError into out: the fault, or null; 0 when out of memory. */
static int add_file_error(cJSON *out, const cJSON *errors, const cJSON *columns, int header_ok)
{
    int oom = 0;
    cJSON *fault = mca_csv_file_error(errors, columns, header_ok, &oom);
    if (fault == NULL)
        return !oom && cJSON_AddNullToObject(out, "fileError") != NULL;
    cJSON_AddItemToObjectCS(out, "fileError", fault);
    return 1;
}

/* Builds {columns, separator, bom, rows, errors, fileError}; NULL when out of memory. */
static cJSON *parse(csv_parser *p, const csv_options *o)
{
    cJSON *out = cJSON_CreateObject();
    cJSON *columns = cJSON_CreateArray(), *rows = cJSON_CreateArray();
    char sep_text[2] = { 0, 0 };
    int bom = 0;
    size_t ncols = columns != NULL && !p->oom ? mca_csv_start(p, o, columns, &bom) : 0;
    sep_text[0] = (char)p->sep;
    if (out == NULL || columns == NULL || rows == NULL || p->oom
        || cJSON_AddStringToObject(out, "separator", sep_text) == NULL
        || cJSON_AddBoolToObject(out, "bom", bom) == NULL) {
        cJSON_Delete(columns);
        cJSON_Delete(rows);
        cJSON_Delete(out);
        return NULL;
    }
    cJSON_AddItemToObjectCS(out, "columns", columns);
    cJSON_AddItemToObjectCS(out, "rows", rows);
    if (ncols > 0)
        read_rows(p, ncols, o->max_rows, rows, columns);
    if (p->oom || !add_file_error(out, p->errors, columns, ncols > 0)) {
        cJSON_Delete(out);
        return NULL;
    }
    cJSON_AddItemToObjectCS(out, "errors", p->errors);
    p->errors = NULL;
    return out;
}

cJSON *mca_data_parse_csv(const char *data, size_t n, const cJSON *options)
{
    csv_options o;
    const char *bad = mca_csv_options(options, &o);
    if (bad != NULL)
        return mca_call_error_object(bad);
    csv_parser p;
    mca_csv_open(&p, data, n);
    cJSON *out = parse(&p, &o);
    mca_csv_close(&p);
    return out;
}

cJSON *mca_op_parse_csv(const cJSON *input, const cJSON *options)
{
    if (!cJSON_IsString(input) || input->valuestring == NULL)
        return mca_call_error_object("csv.notText");
    return mca_data_parse_csv(input->valuestring, strlen(input->valuestring), options);
}
