/* parseCsv: the bulk input parser (RFC 4180, UTF-8, "," or ";", header
 * mapping per flow), with exact rows, codes and physical line numbers. */
#include "check.h"

#include "mca_internal.h"

/* Runs parseCsv on bytes through mca_call_data and checks that every byte
 * the call allocated is freed. */
static cJSON *csv_call(const char *data, size_t n, const char *options)
{
    char in[256];
    snprintf(in, sizeof in, "{\"options\":%s}", options ? options : "{}");
    size_t before = mca_bytes_in_use(), len = 0;
    char *text = mca_call_data("parseCsv", in, strlen(in), data, n, &len);
    CHECK(text != NULL, "parseCsv returned text");
    if (text == NULL)
        return NULL;
    char *copy = malloc(len + 1);
    memcpy(copy, text, len + 1);
    mca_free(text);
    CHECK(mca_bytes_in_use() == before, "parseCsv freed all it allocated (%zu bytes left)",
          mca_bytes_in_use() - before);
    cJSON *r = cJSON_ParseWithLength(copy, len);
    free(copy);
    CHECK(r != NULL, "parseCsv returned JSON");
    return r;
}

static char *print(const cJSON *node)
{
    return node ? cJSON_PrintUnformatted(node) : NULL;
}

/* "line:code" of each error, joined by ",". */
static void error_list(const cJSON *r, char *buf, size_t size)
{
    const cJSON *e;
    size_t k = 0;
    buf[0] = '\0';
    cJSON_ArrayForEach(e, check_get(r, "errors")) {
        const cJSON *col = check_get(e, "column");
        int w = snprintf(buf + k, size - k, "%s%d:%s", k ? "," : "", (int)check_get(e, "line")->valuedouble,
                         check_get_str(e, "code"));
        if (w > 0 && (size_t)w < size - k)
            k += (size_t)w;
        if (cJSON_IsNumber(col)) {
            w = snprintf(buf + k, size - k, "@%d", (int)col->valuedouble);
            if (w > 0 && (size_t)w < size - k)
                k += (size_t)w;
        }
    }
}

typedef struct csv_case {
    const char *name;
    const char *data;      /* CSV bytes (length from strlen unless len is set) */
    size_t len;
    const char *options;   /* JSON or NULL */
    const char *separator;
    int bom;
    const char *columns;   /* JSON text */
    const char *rows;      /* JSON text */
    const char *errors;    /* "line:code[@column]" joined by "," */
} csv_case;

#define H2 "customerId,email\n"

static const csv_case cases[] = {
    { "comma-separated rows with LF endings, each row with its line", H2 "a,b\nc,d\n", 0, NULL, ",", 0,
      "[\"customerId\",\"email\"]",
      "[{\"_line\":2,\"customerId\":\"a\",\"email\":\"b\"},{\"_line\":3,\"customerId\":\"c\",\"email\":\"d\"}]", "" },
    { "Dutch Excel: semicolons and CRLF, header names with spaces and hyphens",
      "Customer ID;E-mail;Phone\r\nx;y@z.nl;+31 20\r\n", 0, NULL, ";", 0,
      "[\"customerId\",\"email\",\"phoneNumber\"]",
      "[{\"_line\":2,\"customerId\":\"x\",\"email\":\"y@z.nl\",\"phoneNumber\":\"+31 20\"}]", "" },
    { "a UTF-8 BOM is skipped and reported; the last line needs no line break",
      "\xEF\xBB\xBF" H2 "a,b", 0, NULL, ",", 1, "[\"customerId\",\"email\"]",
      "[{\"_line\":2,\"customerId\":\"a\",\"email\":\"b\"}]", "" },
    { "quoted fields hold separators, doubled quotes and line breaks; lines count physically",
      "customerId,firstName\n\"a,1\",\"say \"\"hi\"\"\nthere\"\nb,c\n", 0, NULL, ",", 0,
      "[\"customerId\",\"firstName\"]",
      "[{\"_line\":2,\"customerId\":\"a,1\",\"firstName\":\"say \\\"hi\\\"\\nthere\"},"
      "{\"_line\":4,\"customerId\":\"b\",\"firstName\":\"c\"}]", "" },
    { "a CRLF inside quotes is kept and counted as one line", "customerId;lastName\r\n\"x\";\"van\r\nder\"\r\ny;z\r\n",
      0, NULL, ";", 0, "[\"customerId\",\"lastName\"]",
      "[{\"_line\":2,\"customerId\":\"x\",\"lastName\":\"van\\r\\nder\"},{\"_line\":4,\"customerId\":\"y\",\"lastName\":\"z\"}]", "" },
    { "CR-only line endings end records", "customerId,email\ra,b\rc,d", 0, NULL, ",", 0, "[\"customerId\",\"email\"]",
      "[{\"_line\":2,\"customerId\":\"a\",\"email\":\"b\"},{\"_line\":3,\"customerId\":\"c\",\"email\":\"d\"}]", "" },
    { "classic header names: case, spaces, hyphens, underscores and aliases",
      "First Name,last_name,E-MAIL,tenant id,Telephone,Date Agreed,Template,country code\n", 0, NULL, ",", 0,
      "[\"firstName\",\"lastName\",\"email\",\"customerId\",\"phoneNumber\",\"dateAgreed\",\"templateId\",\"country\"]",
      "[]", "" },
    { "enhanced header names map to the signatory fields",
      "Company,Country,Language,First Name,Last Name,Mail,Phone,Tenant ID,signatory_email_address\n", 0,
      "{\"flow\":\"enhanced\"}", ",", 0,
      "[\"companyName\",\"country\",\"language\",\"signatoryFirstName\",\"signatoryLastName\",\"signatoryEmail\","
      "\"signatoryPhoneNumber\",\"customerId\",\"signatoryEmail\"]",
      "[]", "1:csv.duplicateColumn@9" },
    { "a column of the other flow keeps its header text (classic)", "Customer Id,Company\nx,Contoso\n", 0, NULL, ",", 0,
      "[\"customerId\",\"Company\"]", "[{\"_line\":2,\"customerId\":\"x\",\"Company\":\"Contoso\"}]", "" },
    { "a column of the other flow keeps its header text (enhanced)", "customerId,Date Agreed\n", 0,
      "{\"flow\":\"enhanced\"}", ",", 0, "[\"customerId\",\"Date Agreed\"]", "[]", "" },
    { "unknown columns keep their trimmed text and their values", " Notes ,\" customer id \"\nhi,x\n", 0, NULL, ",", 0,
      "[\"Notes\",\"customerId\"]", "[{\"_line\":2,\"Notes\":\"hi\",\"customerId\":\"x\"}]", "" },
    { "blank lines, lines of separators and of spaces are skipped; line numbers stay physical",
      "\n\n" H2 "\na,b\n,\n  ,  \n\"\",\"\"\nc,d\n", 0, NULL, ",", 0, "[\"customerId\",\"email\"]",
      "[{\"_line\":5,\"customerId\":\"a\",\"email\":\"b\"},{\"_line\":9,\"customerId\":\"c\",\"email\":\"d\"}]", "" },
    { "values are kept as written (spaces and empty fields)", H2 " a ,\n", 0, NULL, ",", 0, "[\"customerId\",\"email\"]",
      "[{\"_line\":2,\"customerId\":\" a \",\"email\":\"\"}]", "" },
    { "an unterminated quote is reported at the line where it opens", H2 "a,b\nc,\"open\nx,y\n", 0, NULL, ",", 0,
      "[\"customerId\",\"email\"]", "[{\"_line\":2,\"customerId\":\"a\",\"email\":\"b\"}]", "3:csv.unterminatedQuote" },
    { "a quote inside an unquoted field is a stray quote; the next line is read", H2 "a,b\"c\nd,e\n", 0, NULL, ",", 0,
      "[\"customerId\",\"email\"]", "[{\"_line\":3,\"customerId\":\"d\",\"email\":\"e\"}]", "2:csv.strayQuote" },
    { "text after a closing quote is a stray quote", H2 "\"a\"b,c\nd,e\n", 0, NULL, ",", 0, "[\"customerId\",\"email\"]",
      "[{\"_line\":3,\"customerId\":\"d\",\"email\":\"e\"}]", "2:csv.strayQuote" },
    { "a stray quote on the second line of a record is reported on that line",
      H2 "\"a\nb\"x,c\nd,e\n", 0, NULL, ",", 0, "[\"customerId\",\"email\"]",
      "[{\"_line\":4,\"customerId\":\"d\",\"email\":\"e\"}]", "3:csv.strayQuote" },
    { "too many and too few fields are reported per line", H2 "a,b,c\nd\ne,f\n", 0, NULL, ",", 0,
      "[\"customerId\",\"email\"]", "[{\"_line\":4,\"customerId\":\"e\",\"email\":\"f\"}]",
      "2:csv.tooManyFields,3:csv.tooFewFields" },
    { "an empty header name stops the parse and names the column", "customerId,,email\na,b,c\n", 0, NULL, ",", 0,
      "[\"customerId\",\"\",\"email\"]", "[]", "1:csv.emptyHeader@2" },
    { "a trailing separator on the header is an empty header", "customerId;email;\n", 0, NULL, ";", 0,
      "[\"customerId\",\"email\",\"\"]", "[]", "1:csv.emptyHeader@3" },
    { "two names of one field are a duplicate column", "\nEmail,customerId,E-mail\n", 0, NULL, ",", 0,
      "[\"email\",\"customerId\",\"email\"]", "[]", "2:csv.duplicateColumn@3" },
    { "two unknown columns of the same text are a duplicate column", "Notes,Notes\n", 0, NULL, ",", 0,
      "[\"Notes\",\"Notes\"]", "[]", "1:csv.duplicateColumn@2" },
    { "the row's line key cannot be a column", "customerId,_line\n", 0, NULL, ",", 0, "[\"customerId\",\"_line\"]",
      "[]", "1:csv.reservedColumn@2" },
    { "an invalid UTF-8 byte is reported on its line and the row is left out",
      "customerId,firstName\na,Zo\xC3\nb,Zo\xC3\xAB\n", 0, NULL, ",", 0, "[\"customerId\",\"firstName\"]",
      "[{\"_line\":3,\"customerId\":\"b\",\"firstName\":\"Zo\xC3\xAB\"}]", "2:csv.invalidUtf8" },
    { "invalid UTF-8 on the second line of a quoted record is reported on that line",
      "customerId,firstName\na,\"x\ny\xFF\"\n", 0, NULL, ",", 0, "[\"customerId\",\"firstName\"]", "[]",
      "3:csv.invalidUtf8" },
    { "overlong encodings, surrogates and code points above U+10FFFF are invalid UTF-8",
      "customerId\n\xC0\xAF\n\xED\xA0\x80\n\xF4\x90\x80\x80\n\xE2\x82\n", 0, NULL, ",", 0, "[\"customerId\"]", "[]",
      "2:csv.invalidUtf8,3:csv.invalidUtf8,4:csv.invalidUtf8,5:csv.invalidUtf8" },
    { "a NUL byte is refused as invalid text", "customerId\na\0b\nc\n", 17, NULL, ",", 0, "[\"customerId\"]",
      "[{\"_line\":3,\"customerId\":\"c\"}]", "2:csv.invalidUtf8" },
    { "two-, three- and four-byte UTF-8 is accepted", "lastName\nNguy\xE1\xBB\x85n\n\xE6\x9D\x8E\n\xF0\x9F\x98\x80\n",
      0, NULL, ",", 0, "[\"lastName\"]",
      "[{\"_line\":2,\"lastName\":\"Nguy\xE1\xBB\x85n\"},{\"_line\":3,\"lastName\":\"\xE6\x9D\x8E\"},"
      "{\"_line\":4,\"lastName\":\"\xF0\x9F\x98\x80\"}]", "" },
    { "invalid UTF-8 in the header stops the parse", "customerId,N\xFFme\na,b\n", 0, NULL, ",", 0, "[]", "[]",
      "1:csv.invalidUtf8" },
    { "more rows than maxRows: the limit is reported on the first extra row and reading stops",
      H2 "a,b\nc,d\ne,f\ng,h\n", 0, "{\"maxRows\":2}", ",", 0, "[\"customerId\",\"email\"]",
      "[{\"_line\":2,\"customerId\":\"a\",\"email\":\"b\"},{\"_line\":3,\"customerId\":\"c\",\"email\":\"d\"}]",
      "4:csv.tooManyRows" },
    { "an empty file has no header", "", 0, NULL, ",", 0, "[]", "[]", "1:csv.emptyFile" },
    { "a file of only a BOM and blank lines has no header", "\xEF\xBB\xBF\r\n\r\n", 0, NULL, ",", 1, "[]", "[]",
      "1:csv.emptyFile" },
    { "a UTF-16 file is named as such", "\xFF\xFE" "c\0u\0", 6, NULL, ",", 0, "[]", "[]", "1:csv.utf16" },
    { "the separator option overrides detection", "a,b;c\n1;2\n", 0, "{\"separator\":\";\"}", ";", 0,
      "[\"a,b\",\"c\"]", "[{\"_line\":2,\"a,b\":\"1\",\"c\":\"2\"}]", "" },
    { "a tab separator can be chosen", "customerId\temail\nx\ty\n", 0, "{\"separator\":\"\\t\"}", "\t", 0,
      "[\"customerId\",\"email\"]", "[{\"_line\":2,\"customerId\":\"x\",\"email\":\"y\"}]", "" },
    { "detection ignores separators inside quotes", "\"Name, full\";email\n", 0, NULL, ";", 0,
      "[\"Name, full\",\"email\"]", "[]", "" },
    { "detection looks past leading blank lines", "\n\ncustomerId;email\n", 0, NULL, ";", 0,
      "[\"customerId\",\"email\"]", "[]", "" },
    { "a one-column file uses a comma", "customerId\nx\n", 0, NULL, ",", 0, "[\"customerId\"]",
      "[{\"_line\":2,\"customerId\":\"x\"}]", "" },
};

static void test_cases(void)
{
    char errors[512];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const csv_case *c = &cases[i];
        cJSON *r = csv_call(c->data, c->len ? c->len : strlen(c->data), c->options);
        char *cols = print(check_get(r, "columns")), *rows = print(check_get(r, "rows"));
        error_list(r, errors, sizeof errors);
        CHECK_STR(check_get_str(r, "separator"), c->separator, "%s: separator", c->name);
        CHECK(cJSON_IsTrue(check_get(r, "bom")) == c->bom, "%s: bom", c->name);
        CHECK_STR(cols, c->columns, "%s: columns", c->name);
        CHECK_STR(rows, c->rows, "%s: rows", c->name);
        CHECK_STR(errors, c->errors, "%s: errors", c->name);
        const cJSON *e = check_get(r, "errors.0");
        if (e != NULL)
            CHECK_STR(check_get_str(e, "message"), mca_message(check_get_str(e, "code")), "%s: message", c->name);
        cJSON_free(cols);
        cJSON_free(rows);
        cJSON_Delete(r);
    }
}

static void test_long_records(void)
{
    size_t big = 70000;
    char *data = malloc(big + 64);
    size_t k = (size_t)sprintf(data, H2 "a,");
    memset(data + k, 'x', big);
    k += big;
    k += (size_t)sprintf(data + k, "\nc,d\n");
    cJSON *r = csv_call(data, k, NULL);
    char errors[128], *rows = print(check_get(r, "rows"));
    error_list(r, errors, sizeof errors);
    CHECK_STR(errors, "2:csv.lineTooLong", "a record over 65,536 bytes is refused on its line");
    CHECK_STR(rows, "[{\"_line\":3,\"customerId\":\"c\",\"email\":\"d\"}]", "the row after a long record is read");
    cJSON_free(rows);
    cJSON_Delete(r);

    k = 0;
    for (int i = 0; i < 300; i++)
        k += (size_t)sprintf(data + k, "c%d,", i);
    r = csv_call(data, k, NULL);
    error_list(r, errors, sizeof errors);
    CHECK_STR(errors, "1:csv.tooManyColumns", "a header of more than 256 columns is refused");
    cJSON_Delete(r);
    free(data);
}

static void test_options_and_calls(void)
{
    static const struct { const char *options, *code; } bad[] = {
        { "{\"flow\":\"modern\"}", "csv.invalidFlow" },
        { "{\"flow\":1}", "csv.invalidFlow" },
        { "{\"maxRows\":0}", "csv.invalidOption" },
        { "{\"maxRows\":1.5}", "csv.invalidOption" },
        { "{\"separator\":\"|\"}", "csv.invalidOption" },
        { "{\"separator\":\",;\"}", "csv.invalidOption" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cJSON *r = csv_call("a\n", 2, bad[i].options);
        CHECK_STR(check_get_str(r, "error.code"), bad[i].code, "options %s are refused", bad[i].options);
        cJSON_Delete(r);
    }
    cJSON *r = check_call("parseCsv", "{\"input\":\"Tenant ID;Mail\\r\\nx;y\",\"options\":{\"flow\":\"classic\"}}");
    CHECK_STR(check_get_str(r, "rows.0.email"), "y", "parseCsv through mca_call takes the text as a JSON string");
    CHECK_STR(check_get_str(r, "separator"), ";", "the JSON path detects the separator too");
    cJSON_Delete(r);
    r = check_call("parseCsv", "{\"input\":42}");
    CHECK_STR(check_get_str(r, "error.code"), "csv.notText", "parseCsv of a number is a call error");
    cJSON_Delete(r);

    size_t len;
    char *text = mca_call_data("validateConfirmation", "{}", 2, "x", 1, &len);
    CHECK(text != NULL && strstr(text, "\"call.noData\"") != NULL, "a buffer for an operation without one is refused");
    mca_free(text);
    text = mca_call_data("nothing", "{}", 2, "x", 1, &len);
    CHECK(text != NULL && strstr(text, "\"call.unknownOperation\"") != NULL, "an unknown buffer operation is refused");
    mca_free(text);
    text = mca_call_data("parseCsv", "{}", 2, "x", (size_t)MCA_MAX_INPUT_BYTES + 1, &len);
    CHECK(text != NULL && strstr(text, "\"input.tooLarge\"") != NULL, "a buffer over the input limit is refused unread");
    mca_free(text);

    /* Options nested beyond the limit are input.tooDeep, as for every other
     * operation (they were input.invalidJson: cJSON's own refusal). */
    char deep[400];
    size_t at = (size_t)snprintf(deep, sizeof deep, "{\"options\":{\"flow\":");
    for (int i = 0; i < 100; i++) deep[at++] = '[';
    for (int i = 0; i < 100; i++) deep[at++] = ']';
    deep[at++] = '}';
    deep[at++] = '}';
    size_t before = mca_bytes_in_use();
    text = mca_call_data("parseCsv", deep, at, "customerId\nx\n", 13, &len);
    CHECK(text != NULL && strstr(text, "\"input.tooDeep\"") != NULL, "parseCsv options nested 100 deep are input.tooDeep: %s",
          text ? text : "(null)");
    mca_free(text);
    CHECK(mca_bytes_in_use() == before, "nothing stays allocated after the deep options");
}

/* fileError: the one fault that stops the whole file, or null. */
static void test_file_error(void)
{
    static const struct { const char *behaviour, *data, *code; int line; } cases[] = {
        { "an empty file", "", "csv.emptyFile", 1 },
        { "only blank lines", "\r\n\r\n", "csv.emptyFile", 1 },
        { "UTF-16 text", "\xFF\xFE" "c\0", "csv.utf16", 1 },
        { "a column without a name", "customerId,,email\nx,y,z\n", "csv.emptyHeader", 1 },
        { "two columns for one field", "customerId,Tenant ID\nx,y\n", "csv.duplicateColumn", 1 },
        { "the reserved _line column", "customerId,_line\nx,1\n", "csv.reservedColumn", 1 },
        { "no customerId column", "firstName,email\nAnne,anne@contoso.nl\n", "csv.noCustomerId", 1 },
        { "another separator than , or ; (one column, no customerId)", "customerId|email\nx|y\n", "csv.noCustomerId", 1 },
        { "a header that is not UTF-8", "customerId,\xFF\nx,y\n", "csv.invalidUtf8", 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = strlen(cases[i].data);
        if (strncmp(cases[i].data, "\xFF\xFE", 2) == 0)
            n = 4;
        cJSON *r = csv_call(cases[i].data, n, NULL);
        CHECK_STR(check_get_str(r, "fileError.code"), cases[i].code, "%s is a file error", cases[i].behaviour);
        const cJSON *line = check_get(r, "fileError.line");
        CHECK(cJSON_IsNumber(line) && line->valueint == cases[i].line, "%s: its line", cases[i].behaviour);
        CHECK(check_get_str(r, "fileError.message") != NULL, "%s: with a message", cases[i].behaviour);
        cJSON_Delete(r);
    }
    cJSON *r = csv_call("Tenant ID;E-mail\nx;y\nz\n", 23, NULL);
    CHECK(cJSON_IsNull(check_get(r, "fileError")), "a readable file with a customerId column has no file error");
    CHECK_STR(check_get_str(r, "errors.0.code"), "csv.tooFewFields", "row faults stay row errors");
    cJSON_Delete(r);
}

static void test_alias_tables_sorted(void)
{
    for (int flow = MCA_FLOW_CLASSIC; flow <= MCA_FLOW_ENHANCED; flow++) {
        const char *prev = NULL, *key;
        for (size_t i = 0; (key = mca_csv_alias_key(flow, i)) != NULL; prev = key, i++) {
            if (prev != NULL)
                CHECK(strcmp(prev, key) < 0, "flow %d aliases sorted: %s before %s", flow, prev, key);
            CHECK(mca_csv_field_for_header(flow, key, strlen(key)) != NULL, "alias %s is found", key);
        }
    }
}

static void test_allocation_failures(void)
{
    const char *csv = "\xEF\xBB\xBF" "Tenant ID;E-mail;Notes\r\nx;\"a;\"\"b\";n\r\ny;c\r\n;;\r\nz;d;e\r\n";
    size_t before = mca_bytes_in_use();
    int answered = 0;
    for (size_t n = 1; n < 200; n++) {
        size_t len;
        mca_fail_allocation_after(n);
        char *text = mca_call_data("parseCsv", "{}", 2, csv, strlen(csv), &len);
        mca_fail_allocation_after(0);
        answered += text != NULL;
        mca_free(text);
        CHECK(mca_bytes_in_use() == before, "no leak when allocation %zu fails", n);
    }
    CHECK(answered > 0, "parseCsv answers when memory runs short");
}

int main(void)
{
    test_cases();
    test_long_records();
    test_options_and_calls();
    test_file_error();
    test_alias_tables_sorted();
    test_allocation_failures();
    return check_report("csv");
}
