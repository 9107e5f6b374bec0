/* buildCsv, the batch: the same answers as parseCsv followed by
 * buildConfirmation or buildAttestation on each row, CSV faults as
 * parseCsv reports them, nothing left allocated, every allocation failure
 * (the arena's chunks, the result text) answered cleanly. And the arena
 * and the JSON text writer on their own. */
#include "check.h"

#include "mca_internal.h"

#define NOW "1795176000000"

static int streq(const char *a, const char *b)
{
    return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* Runs op on bytes through mca_call_data; the parsed result (NULL when the
 * text is not JSON). Checks that every byte the call allocated is freed. */
static cJSON *data_call(const char *op, const char *data, size_t n, const char *options)
{
    char in[512];
    snprintf(in, sizeof in, "{\"options\":%s}", options);
    size_t before = mca_bytes_in_use(), len = 0;
    char *text = mca_call_data(op, in, strlen(in), data, n, &len);
    CHECK(text != NULL, "%s returned text", op);
    if (text == NULL)
        return NULL;
    CHECK(strlen(text) == len, "%s: out_len is the text's length", op);
    char *copy = malloc(len + 1);
    memcpy(copy, text, len + 1);
    mca_free(text);
    CHECK(mca_bytes_in_use() == before, "%s freed all it allocated", op);
    cJSON *r = cJSON_ParseWithLength(copy, len);
    free(copy);
    CHECK(r != NULL, "%s returned JSON", op);
    return r;
}

/* The result of op on one row of parseCsv (its _line left out). */
static cJSON *row_call(const char *op, const cJSON *row, const char *options_json)
{
    cJSON *call = cJSON_CreateObject();
    cJSON *input = cJSON_Duplicate(row, 1);
    cJSON_DeleteItemFromObjectCaseSensitive(input, "_line");
    cJSON_AddItemToObject(call, "input", input);
    cJSON_AddItemToObject(call, "options", cJSON_Parse(options_json));
    char *text = cJSON_PrintUnformatted(call);
    cJSON_Delete(call);
    size_t len = 0;
    char *out = mca_call(op, text, strlen(text), &len);
    cJSON_free(text);
    cJSON *r = cJSON_ParseWithLength(out, len);
    mca_free(out);
    return r;
}

/* Issues without their messages: [{field, code}]. */
static cJSON *codes_of(const cJSON *list)
{
    cJSON *out = cJSON_CreateArray();
    const cJSON *e;
    cJSON_ArrayForEach(e, list) {
        cJSON *item = cJSON_CreateObject();
        cJSON_AddStringToObject(item, "field", check_get_str(e, "field"));
        cJSON_AddStringToObject(item, "code", check_get_str(e, "code"));
        cJSON_AddItemToArray(out, item);
    }
    return out;
}

static int same_json(const cJSON *a, const cJSON *b)
{
    return cJSON_Compare(a, b, 1);
}

/* Every row of the batch equals the per-row answer; returns the rows seen. */
static size_t check_equivalent(const char *what, const char *csv, const char *options_json, const char *op)
{
    cJSON *batch = data_call("buildCsv", csv, strlen(csv), options_json);
    cJSON *parsed = data_call("parseCsv", csv, strlen(csv), options_json);
    if (batch == NULL || parsed == NULL) {
        cJSON_Delete(batch);
        cJSON_Delete(parsed);
        return 0;
    }
    CHECK(same_json(check_get(batch, "columns"), check_get(parsed, "columns")), "%s: columns as parseCsv", what);
    CHECK(same_json(check_get(batch, "separator"), check_get(parsed, "separator")), "%s: separator", what);
    CHECK(same_json(check_get(batch, "bom"), check_get(parsed, "bom")), "%s: bom", what);
    CHECK(same_json(check_get(batch, "errors"), check_get(parsed, "errors")), "%s: CSV errors as parseCsv", what);
    CHECK(same_json(check_get(batch, "fileError"), check_get(parsed, "fileError")), "%s: fileError as parseCsv", what);
    const cJSON *rows = check_get(batch, "rows"), *prow = check_get(parsed, "rows")->child;
    CHECK(cJSON_GetArraySize(rows) == cJSON_GetArraySize(check_get(parsed, "rows")), "%s: one result per row", what);
    size_t count = 0;
    const cJSON *row;
    cJSON_ArrayForEach(row, rows) {
        if (prow == NULL)
            break;
        cJSON *single = row_call(op, prow, options_json);
        cJSON *errors = codes_of(check_get(single, "errors")), *warnings = codes_of(check_get(single, "warnings"));
        int line = (int)check_get(prow, "_line")->valuedouble;
        CHECK((int)check_get(row, "line")->valuedouble == line, "%s: line %d", what, line);
        CHECK(same_json(check_get(row, "ok"), check_get(single, "ok")), "%s line %d: ok", what, line);
        CHECK(same_json(check_get(row, "errors"), errors), "%s line %d: errors", what, line);
        CHECK(same_json(check_get(row, "warnings"), warnings), "%s line %d: warnings", what, line);
        CHECK(same_json(check_get(row, "normalized"), check_get(single, "normalized")), "%s line %d: normalized",
              what, line);
        CHECK(same_json(check_get(row, "body"), check_get(single, "body")), "%s line %d: body (%s)", what, line,
              cJSON_IsString(check_get(row, "body")) ? check_get_str(row, "body") : "null");
        cJSON_Delete(errors);
        cJSON_Delete(warnings);
        cJSON_Delete(single);
        prow = prow->next;
        count++;
    }
    cJSON_Delete(batch);
    cJSON_Delete(parsed);
    return count;
}

static const char classic_csv[] =
    "\xEF\xBB\xBFTenant ID;First name;Last name;E-mail;Phone;Date agreed;Country;Notes\r\n"
    "3F2B7A51-8C4D-4E6A-9B1F-2D5C8E7A1B04;Anne;de Vries;anne@Contoso.NL;06 12345678;2026-01-15T09:30:00Z;nl;x\r\n"
    "b6e1c9d2-47a3-4f58-8e2b-9c0d1a3f5e67;\"Jo \"\"JJ\"\" \";Becker;jonas@fabrikam;;2026-01-15;;\r\n"
    "00000000-0000-0000-0000-000000000000; ;Zoe\xcc\x88;z@b\xc3\xbc" "cher.example;+31 20 123 4567;2027-01-01T00:00:00Z;UK;\r\n"
    "a1d4f7c2-5b8e-4c3a-9f6d-0e2b4c6a8d13;Olivia;Hughes\r\n"
    "c7e9a2b4-6d8f-4a1c-b3e5-f7092a4c6e81;\"Chlo\xc3\xa9\";\"Nguy\xe1\xbb\x85n\";\"a\"\"b@c.de\";0044 20 7946 0958;2026-10-26T14:31:15+02:00;GB;\"two\r\nlines\"\r\n"
    "\r\n"
    "d2f5b8e1-3c6a-4d9f-a2b5-c8e1f4a7d0b3;Ren\xc3\xa9\tX;O'Brien-Smith;r@x.io;;2026-02-30T10:00:00Z;US;\r\n";

static const char enhanced_csv[] =
    "customerId,companyName,country,language,signatoryFirstName,signatoryLastName,signatoryEmail,signatoryPhoneNumber,extra\n"
    "3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04,\"Contoso \"\"Q\"\", \\\\ B.V.\",NL,nl-nl,Anne,de Vries,anne@contoso.nl,020 123 4567,\n"
    "b6e1c9d2-47a3-4f58-8e2b-9c0d1a3f5e67,Fabrikam\xe2\x80\xae,DE,de,Jonas,Becker,jonas@fabrikam.de,,1\n"
    "zzz,,EU,xx-XX,,,,,\n";

static void test_equivalence(void)
{
    size_t n = check_equivalent("classic", classic_csv, "{\"flow\":\"classic\",\"now\":" NOW "}", "buildConfirmation");
    CHECK(n == 5, "classic: five rows compared (got %zu)", n);
    n = check_equivalent("classic without now", classic_csv, "{}", "buildConfirmation");
    CHECK(n == 5, "classic without now: five rows compared");
    n = check_equivalent("classic with templates", classic_csv,
                         "{\"now\":" NOW ",\"templates\":[{\"agreementType\":\"MicrosoftCustomerAgreement\","
                         "\"templateId\":\"aaaaaaaa-1111-2222-3333-444444444444\",\"versionRank\":9}]}",
                         "buildConfirmation");
    CHECK(n == 5, "classic with templates: five rows compared");
    n = check_equivalent("enhanced", enhanced_csv, "{\"flow\":\"enhanced\"}", "buildAttestation");
    CHECK(n == 3, "enhanced: three rows compared (got %zu)", n);
}

static void test_shape(void)
{
    const char csv[] = "customerId,email\n3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04,a@b.nl\n";
    cJSON *r = data_call("buildCsv", csv, strlen(csv), "{\"now\":" NOW "}");
    const cJSON *row = r != NULL ? check_get(r, "rows")->child : NULL;
    CHECK(row != NULL && !cJSON_IsTrue(check_get(row, "ok")) && cJSON_IsNull(check_get(row, "body")),
          "an invalid row has ok false and body null");
    CHECK(row != NULL && check_get(check_get(row, "errors")->child, "message") == NULL,
          "errors carry field and code, no message");
    CHECK(r != NULL && streq(check_get_str(r, "flow"), "classic"), "the flow is named");
    CHECK(row != NULL && streq(check_get_str(row, "input.email"), "a@b.nl") && check_get(row, "input.firstName") == NULL,
          "an invalid row carries its fields as written (only those the file has)");
    cJSON_Delete(r);
    /* the same through mca_call with a string input */
    const char in[] = "{\"input\":\"customerId\\n3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04\\n\",\"options\":{}}";
    size_t len = 0;
    char *text = mca_call("buildCsv", in, strlen(in), &len);
    cJSON *j = cJSON_Parse(text);
    CHECK(j != NULL && cJSON_GetArraySize(check_get(j, "rows")) == 1, "mca_call runs buildCsv on a string");
    cJSON_Delete(j);
    mca_free(text);
    text = mca_call("buildCsv", "{\"input\":5}", 11, &len);
    CHECK(text != NULL && strstr(text, "csv.notText") != NULL, "a non-string input is csv.notText");
    mca_free(text);
    r = data_call("buildCsv", csv, strlen(csv), "{\"flow\":\"both\"}");
    CHECK(r != NULL && streq(check_get_str(check_get(r, "error"), "code"), "csv.invalidFlow"),
          "a bad flow is the call error csv.invalidFlow");
    cJSON_Delete(r);
    r = data_call("buildCsv", "Email,E-mail\n", 13, "{}");
    CHECK(r != NULL && cJSON_GetArraySize(check_get(r, "rows")) == 0
          && streq(check_get_str(check_get(r, "errors")->child, "code"), "csv.duplicateColumn"),
          "a header fault: no rows, the fault in errors");
    cJSON_Delete(r);
    r = data_call("buildCsv", "firstName\nAnne\n", 15, "{}");
    CHECK(r != NULL && streq(check_get_str(r, "fileError.code"), "csv.noCustomerId") && cJSON_GetArraySize(check_get(r, "rows")) == 1,
          "no customerId column: the fileError, the rows still there");
    cJSON_Delete(r);
    r = data_call("buildCsv", "", 0, "{}");
    CHECK(r != NULL && streq(check_get_str(check_get(r, "errors")->child, "code"), "csv.emptyFile"),
          "an empty file is csv.emptyFile");
    cJSON_Delete(r);
    r = data_call("buildCsv", "customerId\na\nb\nc\n", 17, "{\"maxRows\":2}");
    CHECK(r != NULL && cJSON_GetArraySize(check_get(r, "rows")) == 2
          && streq(check_get_str(check_get(r, "errors")->child, "code"), "csv.tooManyRows"),
          "maxRows stops the batch as it stops parseCsv");
    cJSON_Delete(r);
}

/* Every allocation of a batch made to fail in turn: the call answers NULL
 * or input.outOfMemory, and frees everything. */
static void test_allocation_failures(void)
{
    const char *in = "{\"options\":{\"now\":" NOW "}}";
    size_t k, len;
    for (k = 1; k < 400; k++) {
        size_t before = mca_bytes_in_use();
        mca_fail_allocation_after(k);
        char *text = mca_call_data("buildCsv", in, strlen(in), classic_csv, strlen(classic_csv), &len);
        mca_fail_allocation_after(0);
        /* (cJSON answers a failed allocation while parsing the options as
         * text it could not parse: input.invalidJson) */
        int clean = text == NULL || strstr(text, "input.outOfMemory") != NULL
            || strstr(text, "input.invalidJson") != NULL || strstr(text, "\"rows\":[{") != NULL;
        int done = text != NULL && strstr(text, "\"rows\":[{") != NULL;
        CHECK(clean, "allocation %zu failing: a clean answer (%s)", k, text ? text : "NULL");
        mca_free(text);
        CHECK(mca_bytes_in_use() == before, "allocation %zu failing: nothing left allocated", k);
        if (done)
            break;
    }
    CHECK(k > 3 && k < 400, "the batch makes a few allocations, not one per field (%zu)", k);
}

static void test_few_allocations(void)
{
    /* 2,000 rows: the number of allocations does not grow with the rows
     * (arena chunks and doubling text), counted by making the n-th fail. */
    size_t rows = 2000, per = strlen("3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04,Anne,de Vries,anne@contoso.nl,2026-01-15T09:30:00Z\n");
    const char head[] = "customerId,firstName,lastName,email,dateAgreed\n";
    char *csv = malloc(sizeof head + rows * per);
    size_t n = strlen(head);
    memcpy(csv, head, n);
    for (size_t i = 0; i < rows; i++, n += per)
        memcpy(csv + n, "3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04,Anne,de Vries,anne@contoso.nl,2026-01-15T09:30:00Z\n", per);
    const char *in = "{\"options\":{\"now\":" NOW "}}";
    size_t k, len = 0;
    for (k = 1; k < 200; k++) {
        mca_fail_allocation_after(k);
        char *text = mca_call_data("buildCsv", in, strlen(in), csv, n, &len);
        mca_fail_allocation_after(0);
        int done = text != NULL && strstr(text, "input.outOfMemory") == NULL;
        mca_free(text);
        if (done)
            break;
    }
    CHECK(k < 60, "2,000 rows in fewer than 60 allocations (%zu)", k);
    free(csv);
}

static uint32_t word_at(const char *b, size_t i)
{
    const unsigned char *u = (const unsigned char *)b + 4 * i;
    return (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 | (uint32_t)u[3] << 24;
}

/* buildCsvBlock: per row the line, ok and counts of buildCsv's JSON; a
 * value's span covers its text (here ASCII: UTF-16 units are bytes); meta
 * as buildCsv's head; every allocation failure answered cleanly. */
static void test_block(void)
{
    const char *in = "{\"options\":{\"now\":" NOW "}}";
    const char csv[] = "customerId,email,shoe\n3f2b7a51-8c4d-4e6a-9b1f-2d5c8e7a1b04,a@contoso.nl,9\nx,a@b,\n";
    cJSON *json = data_call("buildCsv", csv, strlen(csv), "{\"now\":" NOW "}");
    size_t len = 0, before = mca_bytes_in_use();
    char *b = mca_call_data("buildCsvBlock", in, strlen(in), csv, strlen(csv), &len);
    CHECK(b != NULL && len >= 32 && word_at(b, 0) == 0x62636d00u, "the block starts with its magic");
    const cJSON *rows = check_get(json, "rows");
    CHECK(word_at(b, 1) == (uint32_t)cJSON_GetArraySize(rows), "the block has buildCsv's rows");
    const char *strings = b + word_at(b, 2);
    size_t at = word_at(b, 4) / 4, end = at + word_at(b, 5);
    const cJSON *row;
    cJSON_ArrayForEach(row, rows) {
        uint32_t flags = word_at(b, at + 1), shape = word_at(b, at + 3);
        CHECK(word_at(b, at) == (uint32_t)check_get(row, "line")->valuedouble, "the row's line");
        CHECK((flags & 1) == (uint32_t)cJSON_IsTrue(check_get(row, "ok")), "the row's ok");
        CHECK(flags >> 1 == (uint32_t)cJSON_GetArraySize(check_get(row, "errors"))
              && word_at(b, at + 2) == (uint32_t)cJSON_GetArraySize(check_get(row, "warnings"))
              && (shape & 0xffff) == (uint32_t)cJSON_GetArraySize(check_get(row, "normalized")),
              "the row's counts of errors, warnings and values");
        const cJSON *body = check_get(row, "body");
        if (cJSON_IsString(body)) {
            size_t s = word_at(b, at + 4), e = word_at(b, at + 5);
            CHECK(e - s == strlen(body->valuestring) && memcmp(strings + s, body->valuestring, e - s) == 0,
                  "the body's span holds the body");
        } else {
            CHECK((shape >> 16) == 2, "an invalid row carries its input");
        }
        at += 6 + 2 * ((flags >> 1) + word_at(b, at + 2)) + 3 * ((shape & 0xffff) + (shape >> 16));
    }
    CHECK(at == end, "the records end with the last row");
    cJSON *meta = b != NULL ? cJSON_ParseWithLength(b + word_at(b, 6), word_at(b, 7)) : NULL;
    CHECK(cJSON_Compare(check_get(meta, "columns"), check_get(json, "columns"), 1)
          && cJSON_Compare(check_get(meta, "errors"), check_get(json, "errors"), 1)
          && cJSON_GetArraySize(check_get(meta, "names")) > 3, "meta: buildCsv's head, errors and the names");
    cJSON_Delete(meta);
    mca_free(b);
    CHECK(mca_bytes_in_use() == before, "the block freed all it allocated");
    cJSON_Delete(json);
    size_t k;
    for (k = 1; k < 400; k++) {
        before = mca_bytes_in_use();
        mca_fail_allocation_after(k);
        char *text = mca_call_data("buildCsvBlock", in, strlen(in), classic_csv, strlen(classic_csv), &len);
        mca_fail_allocation_after(0);
        int done = text != NULL && text[0] == '\0';
        CHECK(text == NULL || done || strstr(text, "input.outOfMemory") != NULL || strstr(text, "input.invalidJson") != NULL,
              "block, allocation %zu failing: a clean answer", k);
        mca_free(text);
        CHECK(mca_bytes_in_use() == before, "block, allocation %zu failing: nothing left allocated", k);
        if (done)
            break;
    }
    CHECK(k > 3 && k < 400, "the block makes a few allocations (%zu)", k);
}

static void test_arena(void)
{
    size_t before = mca_bytes_in_use();
    mca_arena a;
    mca_arena_init(&a);
    char *p1 = mca_arena_alloc(&a, 3), *p2 = mca_arena_alloc(&a, 5);
    CHECK(p1 != NULL && p2 != NULL && ((size_t)p1 % 8) == 0 && ((size_t)p2 % 8) == 0, "allocations are aligned");
    CHECK(p2 >= p1 + 3, "allocations do not overlap");
    size_t one_chunk = mca_bytes_in_use();
    mca_arena_mark m = mca_arena_save(&a);
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 100; i++)
            memset(mca_arena_alloc(&a, 100), i, 100);
        char *big = mca_arena_alloc(&a, 100000);
        CHECK(big != NULL, "a block larger than a chunk");
        memset(big, 1, 100000);
        mca_arena_restore(&a, m);
        if (round == 0)
            one_chunk = mca_bytes_in_use();
        else
            CHECK(mca_bytes_in_use() == one_chunk, "after a restore the chunks are used again (round %d)", round);
    }
    mca_arena_fini(&a);
    CHECK(mca_bytes_in_use() == before, "fini frees every chunk");
    mca_arena_init(&a);
    mca_fail_allocation_after(1);
    CHECK(mca_arena_alloc(&a, 10) == NULL && a.oom, "a failed chunk: NULL and oom");
    mca_fail_allocation_after(0);
    mca_arena_fini(&a);
    CHECK(mca_bytes_in_use() == before, "nothing left after a failed chunk");
}

/* Strings written by mca_text_string are what cJSON prints. */
static void test_text_escapes(void)
{
    char s[256];
    for (int c = 1; c < 256; c++)
        s[c - 1] = (char)c;
    s[255] = '\0';
    cJSON *item = cJSON_CreateString(s);
    char *expected = cJSON_PrintUnformatted(item);
    mca_text t;
    mca_text_init(&t);
    mca_text_string(&t, s, 255);
    size_t len = 0;
    char *got = mca_text_take(&t, &len);
    CHECK(got != NULL && strcmp(got, expected) == 0 && len == strlen(expected), "every byte escaped as cJSON does");
    mca_free(got);
    cJSON_free(expected);
    cJSON_Delete(item);
}

int main(void)
{
    mca_free(mca_call("constants", "{}", 2, NULL)); /* routes cJSON through the core's allocator */
    test_equivalence();
    test_shape();
    test_allocation_failures();
    test_few_allocations();
    test_block();
    test_arena();
    test_text_escapes();
    return check_report("batch");
}
