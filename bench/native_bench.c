/* Native benchmark: the same work the JavaScript benchmark does with the Wasm
 * core, through the public C API, so the two can be compared.
 *
 *   mca_native_bench <file.csv> <op> <now-ms> <repetitions>
 *
 * Each repetition reads the CSV (with the core's "parseCsv" operation when it
 * exists, else a plain split: the generated data needs no quoting), then for
 * every row prints {"input": row, "options": {"now": ...}}, calls mca_call(op)
 * and parses the result, as the JavaScript shell does. The ops "buildCsv" (the
 * batch) and "buildCsvBlock" (its block, as the JavaScript shell takes it)
 * instead take the whole file in one mca_call_data, and only that call is
 * timed. Prints one JSON line:
 * {"op", "parse", "rows", "accepted", "seconds": [...]}.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cJSON.h"
#include "mca.h"

#define MAX_COLUMNS 32

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *buf = NULL;
    if (fseek(f, 0, SEEK_END) == 0) {
        long size = ftell(f);
        if (size >= 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)size + 1)) != NULL) {
            *len = fread(buf, 1, (size_t)size, f);
            buf[*len] = '\0';
        }
    }
    fclose(f);
    return buf;
}

/* Runs op on text; returns the parsed result (NULL when out of memory). */
static cJSON *call_json(const char *op, const char *text)
{
    size_t out_len = 0;
    char *out = mca_call(op, text, strlen(text), &out_len);
    if (out == NULL)
        return NULL;
    cJSON *result = cJSON_ParseWithLength(out, out_len);
    mca_free(out);
    return result;
}

/* 1 when the core has the operation (it does not answer call.unknownOperation). */
static int has_operation(const char *op, int data)
{
    size_t out_len = 0;
    char *out = data ? mca_call_data(op, "{}", 2, "", 0, &out_len) : mca_call(op, "{\"input\":{}}", 12, &out_len);
    int has = out != NULL && strstr(out, "call.unknownOperation") == NULL;
    mca_free(out);
    return has;
}

/* Rows as {column: cell} with empty cells left out, by splitting on commas. */
static cJSON *split_rows(char *text)
{
    const char *columns[MAX_COLUMNS];
    size_t ncolumns = 0;
    cJSON *rows = cJSON_CreateArray();
    char *line = text;
    int header = 1;
    while (rows != NULL && line != NULL && *line != '\0') {
        char *end = strchr(line, '\n');
        char *next = end != NULL ? end + 1 : NULL;
        if (end != NULL && end > line && end[-1] == '\r')
            end--;
        if (end != NULL)
            *end = '\0';
        cJSON *row = header ? NULL : cJSON_CreateObject();
        size_t i = 0;
        for (char *cell = line; cell != NULL && i < MAX_COLUMNS; i++) {
            char *comma = strchr(cell, ',');
            if (comma != NULL)
                *comma = '\0';
            if (header)
                columns[ncolumns++] = cell;
            else if (i < ncolumns && *cell != '\0')
                cJSON_AddItemToObject(row, columns[i], cJSON_CreateString(cell));
            cell = comma != NULL ? comma + 1 : NULL;
        }
        if (row != NULL)
            cJSON_AddItemToArray(rows, row);
        header = 0;
        line = next;
    }
    return rows;
}

/* The rows of the CSV through the core's parseCsv (NULL when it fails). */
static cJSON *parse_rows(const char *csv)
{
    cJSON *call = cJSON_CreateObject();
    cJSON_AddStringToObject(call, "input", csv);
    char *text = cJSON_PrintUnformatted(call);
    cJSON_Delete(call);
    cJSON *result = text != NULL ? call_json("parseCsv", text) : NULL;
    cJSON_free(text);
    cJSON *rows = cJSON_DetachItemFromObjectCaseSensitive(result, "rows");
    cJSON_Delete(result);
    return cJSON_IsArray(rows) ? rows : (cJSON_Delete(rows), NULL);
}

/* The rows and the accepted ones of a buildCsv result, counted in its text
 * (a row is {"line":N,"ok":…; inside strings a quote is always escaped). */
static long count_text(const char *out, long *nrows)
{
    long accepted = 0;
    if (strstr(out, "\"rows\":[") == NULL)
        return -1;
    for (const char *p = strstr(out, "{\"line\":"); p != NULL; p = strstr(p + 1, "{\"line\":")) {
        (*nrows)++;
        accepted += strncmp(strchr(p, ','), ",\"ok\":true", 10) == 0;
    }
    return accepted;
}

static uint32_t word_at(const char *out, size_t i)
{
    const unsigned char *b = (const unsigned char *)out + 4 * i;
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* The same of a buildCsvBlock result, walking its records (mca_batch.c). */
static long count_block(const char *out, size_t len, long *nrows)
{
    if (len < 32 || word_at(out, 0) != 0x62636d00u)
        return -1;
    long accepted = 0;
    size_t at = word_at(out, 4) / 4;
    *nrows = (long)word_at(out, 1);
    for (long i = 0; i < *nrows; i++) {
        uint32_t ok = word_at(out, at + 1), shape = word_at(out, at + 3);
        accepted += ok & 1;
        at += 6 + 2 * ((ok >> 1) + word_at(out, at + 2)) + 3 * ((shape & 0xffff) + (shape >> 16));
    }
    return accepted;
}

/* One repetition of the batch: the file in one call; the rows counted
 * outside the timing. */
static long run_batch(const char *op, const char *csv, size_t len, double now, long *nrows, double *seconds)
{
    char in[64];
    snprintf(in, sizeof in, "{\"options\":{\"now\":%.0f}}", now);
    size_t out_len = 0;
    double start = seconds_now();
    char *out = mca_call_data(op, in, strlen(in), csv, len, &out_len);
    *seconds = seconds_now() - start;
    *nrows = 0;
    long accepted = out == NULL ? -1 : strcmp(op, "buildCsv") == 0 ? count_text(out, nrows) : count_block(out, out_len, nrows);
    mca_free(out);
    return accepted;
}

/* One repetition: read the rows, run op on each; returns the accepted count. */
static long run_once(const char *csv, size_t len, const char *op, double now, int use_parse_csv, long *nrows)
{
    cJSON *rows;
    if (use_parse_csv) {
        rows = parse_rows(csv);
    } else {
        char *copy = malloc(len + 1);
        if (copy == NULL)
            return -1;
        memcpy(copy, csv, len + 1);
        rows = split_rows(copy);
        /* cJSON copied every key and value: the buffer is no longer needed. */
        free(copy);
    }
    if (rows == NULL)
        return -1;
    cJSON *call = cJSON_CreateObject();
    cJSON *options = cJSON_AddObjectToObject(call, "options");
    cJSON_AddNumberToObject(options, "now", now);
    long accepted = 0;
    *nrows = 0;
    cJSON *row;
    cJSON_ArrayForEach(row, rows) {
        cJSON_AddItemReferenceToObject(call, "input", row);
        char *text = cJSON_PrintUnformatted(call);
        cJSON_DeleteItemFromObjectCaseSensitive(call, "input");
        cJSON *result = text != NULL ? call_json(op, text) : NULL;
        cJSON_free(text);
        if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(result, "ok")))
            accepted++;
        cJSON_Delete(result);
        (*nrows)++;
    }
    cJSON_Delete(call);
    cJSON_Delete(rows);
    return accepted;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s <file.csv> <op> <now-ms> <repetitions>\n", argv[0]);
        return 2;
    }
    size_t len = 0;
    char *csv = read_file(argv[1], &len);
    if (csv == NULL) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 2;
    }
    const char *op = argv[2];
    double now = strtod(argv[3], NULL);
    int reps = atoi(argv[4]);
    /* The first call routes cJSON's allocations through the core's allocator,
     * so everything below allocates and frees through one allocator. */
    int batch = strcmp(op, "buildCsv") == 0 || strcmp(op, "buildCsvBlock") == 0;
    if (!has_operation(op, batch)) {
        fprintf(stderr, "the core has no operation %s\n", op);
        free(csv);
        return 2;
    }
    int use_parse_csv = !batch && has_operation("parseCsv", 0);
    long rows = 0, accepted = 0;
    printf("{\"op\":\"%s\",\"parse\":\"%s\",\"seconds\":[", op, batch ? op : use_parse_csv ? "parseCsv" : "split");
    for (int i = 0; i < reps; i++) {
        double start = seconds_now(), seconds = 0;
        accepted = batch ? run_batch(op, csv, len, now, &rows, &seconds) : run_once(csv, len, op, now, use_parse_csv, &rows);
        printf("%s%.6f", i ? "," : "", batch ? seconds : seconds_now() - start);
        if (accepted < 0) {
            printf("]}\n");
            fprintf(stderr, "out of memory\n");
            free(csv);
            return 1;
        }
    }
    printf("],\"rows\":%ld,\"accepted\":%ld}\n", rows, accepted);
    free(csv);
    return 0;
}
