/* The CSV reader shared by parseCsv (rows as objects, mca_csv.c) and the
 * batch (rows validated and built as they are read, mca_batch.c). Internal. */
#ifndef MCA_CSV_H
#define MCA_CSV_H

#include "mca_internal.h"

#define CSV_MAX_RECORD_BYTES 65536u   /* a record longer than this is refused */
#define CSV_MAX_COLUMNS 256u          /* header columns */
#define CSV_DEFAULT_MAX_ROWS 100000.0 /* data records (options.maxRows) */
#define CSV_LINE_KEY "_line"          /* row member with the record's line */

typedef struct csv_span {
    size_t start, end; /* field content, without the surrounding quotes */
    int escaped;       /* holds doubled quotes to undo */
} csv_span;

typedef struct csv_record {
    size_t start, end; /* bytes of the record without its line ending */
    size_t line;       /* physical line where it starts */
    const char *error; /* a fault found while scanning, or NULL */
    size_t error_line;
} csv_record;

typedef struct csv_parser {
    const unsigned char *s;
    size_t n, pos, line; /* line: physical line at pos (1-based) */
    unsigned char sep;
    csv_span *spans;     /* fields of the current record (first span_limit) */
    size_t count, cap, span_limit;
    cJSON *errors;       /* [{line, code, message, column?}] */
    int oom;
} csv_parser;

typedef struct csv_options {
    int flow;
    int sep;          /* 0: detect */
    double max_rows;
} csv_options;

/* Reads flow, separator and maxRows; NULL, or the error code. */
const char *mca_csv_options(const cJSON *options, csv_options *o);
/* A parser over data[0..n) (read in place); oom is set when it cannot run. */
void mca_csv_open(csv_parser *p, const char *data, size_t n);
void mca_csv_close(csv_parser *p);
/* BOM, separator and the header (its names into columns); returns the
 * number of columns, or 0 when no row can be read (the fault reported). */
size_t mca_csv_start(csv_parser *p, const csv_options *o, cJSON *columns, int *bom);
/* The next data record to use: 1 with p->spans holding its ncols fields
 * and *r its lines; 0 at the end. Records with a fault are reported and
 * passed over; more than max_rows records stop the reading. */
int mca_csv_next(csv_parser *p, size_t ncols, double max_rows, double *seen, csv_record *r);
/* The field's text with doubled quotes undone into out (room for
 * f->end - f->start + 1 bytes); returns its length. */
size_t mca_csv_unescape(const csv_parser *p, const csv_span *f, char *out);
/* The fault that stops the whole file (an unreadable or empty file, a bad
 * header, no customerId column): a new {line, code, message} (a header
 * fault is the first error: the header is read first, and stops the file),
 * or NULL when there is none (*oom set when memory ran out). */
cJSON *mca_csv_file_error(const cJSON *errors, const cJSON *columns, int header_ok, int *oom);
/* Adds {line, code, message, column?} to p->errors (column 0: none). */
void mca_csv_report(csv_parser *p, size_t line, const char *code, size_t column);

#endif
