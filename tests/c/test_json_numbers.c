/* cJSON's number text (mca_json_numbers.c) gives exactly what the C library
 * gives: strtod correctly rounded, %1.15g / %1.17g digit for digit, the
 * other conversions cJSON uses, and cJSON's printed numbers. Natively the
 * reference is glibc, in Wasm musl. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "mca_internal.h"
#include "mca_json_numbers.h"

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static uint64_t bits_of(double d)
{
    uint64_t b;
    memcpy(&b, &d, sizeof b);
    return b;
}

static double double_of(uint64_t b)
{
    double d;
    memcpy(&d, &b, sizeof d);
    return d;
}

/* Parses s with both and checks the same bits and the same end. */
static int same_strtod(const char *s)
{
    char *end_ours, *end_libc;
    double ours = mca_json_strtod(s, &end_ours);
    double libc = strtod(s, &end_libc);
    int same = bits_of(ours) == bits_of(libc) && end_ours == end_libc;
    CHECK(same, "strtod(\"%s\") = %.17g (end +%d), the C library gives %.17g (end +%d)", s, ours,
          (int)(end_ours - s), libc, (int)(end_libc - s));
    return same;
}

static int same_format(const char *format, double d)
{
    char ours[64], libc[64];
    int n = mca_json_sprintf(ours, format, d);
    snprintf(libc, sizeof libc, format, d);
    int same = n == (int)strlen(libc) && strcmp(ours, libc) == 0;
    CHECK(same, "%s of %a gives \"%s\", the C library \"%s\"", format, d, ours, libc);
    return same;
}

static void test_strtod_table(void)
{
    static const char *const cases[] = {
        "0", "-0", "1", "-1", "1795694400000", "0.1", "0.3", "-2.5e-3", "1e23", "8.98846567431158e307",
        "9007199254740993", "9007199254740992.5", "9007199254740993.0000000001",
        "2.2250738585072011e-308", "2.2250738585072014e-308", "4.9406564584124654e-324",
        "2.4703282292062327e-324", "2.4703282292062328e-324", "2.4703282292062327208828439643411068618252990130716238221279284125033775364e-324",
        "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "-1e400", "1e-400",
        "123456789012345678901234567890", "0.000000000000000000000000000001234567890123456789",
        "1.", ".5", "-.5e1", "1e", "1e+", "1e-", "1.5.3", "--1", "+-1", "-", "+", ".", "e5", "",
        "00012.5000e0002", "7e-1", "1e22", "1e-22", "123456789012345e-22", "123456789012345e22",
        "4503599627370496.5", "4503599627370497.5", "1e308", "1e309", "1e-323", "1e-324", "3e-324",
        "0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000001",
        "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9999999",
        "  42", "\t-7e2",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        same_strtod(cases[i]);
    /* Longer than the 800 digits kept: 2^53 + 1 (halfway between two doubles)
     * followed by zeros is a tie (to even, 2^53); a nonzero digit beyond the
     * kept ones breaks it (up, 2^53 + 2). */
    static char tie[1000], above[1000];
    memset(tie, '0', sizeof tie - 1);
    memcpy(tie, "9007199254740993.", 17);
    memcpy(above, tie, sizeof tie);
    above[sizeof above - 2] = '1';
    CHECK(same_strtod(tie) && mca_json_strtod(tie, NULL) == 9007199254740992.0, "a long exact tie rounds to even");
    CHECK(same_strtod(above) && mca_json_strtod(above, NULL) == 9007199254740994.0,
          "a nonzero digit past the kept ones breaks a tie");
    static char fraction[1000];
    memset(fraction, '0', sizeof fraction - 1);
    memcpy(fraction, "0.", 2);
    fraction[sizeof fraction - 2] = '7';
    same_strtod(fraction);
}

/* Random digit strings (1-25 digits, a point, an exponent from -340 to 320)
 * and the shortest-ish text of random doubles. */
static void test_strtod_random(int count)
{
    int failures = 0;
    for (int i = 0; i < count && failures < 5; i++) {
        char s[64];
        int n = 1 + (int)(next() % 25), len = 0;
        if (next() & 1)
            s[len++] = '-';
        int point = (int)(next() % (uint64_t)(n + 1));
        for (int k = 0; k < n; k++) {
            if (k == point && k > 0)
                s[len++] = '.';
            s[len++] = (char)('0' + next() % 10);
        }
        len += snprintf(s + len, sizeof s - (size_t)len, "e%d", (int)(next() % 661) - 340);
        failures += !same_strtod(s);
        double d = double_of(next());
        if (isfinite(d)) {
            snprintf(s, sizeof s, i & 1 ? "%.17g" : "%.15g", d);
            failures += !same_strtod(s);
        }
    }
}

static void test_format(int count)
{
    static const double cases[] = {
        0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1.5, 2.5, 1e15, 1e16, 1e17, 123456789012345.0, 1234567890123456.0,
        1795694400000.0, 9007199254740993.0, 1e-4, 1e-5, 0.00012345, 1e21, 1e22, 1e100, 1e-100, 5e-324,
        2.2250738585072014e-308, 1.7976931348623157e308, 3.141592653589793, 0.30000000000000004, 999999999999999.9,
        9999999999999999.0, 0.000099999999999999991, 64.0, 67108864.0, 1e300 * 10,
    };
    const char *formats[] = { "%1.15g", "%1.17g" };
    for (size_t f = 0; f < 2; f++) {
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
            same_format(formats[f], cases[i]);
        int failures = 0;
        for (int i = 0; i < count && failures < 5; i++) {
            double d = double_of(next());
            if (isfinite(d))
                failures += !same_format(formats[f], d);
            failures += !same_format(formats[f], (double)(int64_t)(next() >> (next() % 64)));
            failures += !same_format(formats[f], (double)(next() % 100000) / 1000.0);
        }
    }
}

static void test_other_conversions(void)
{
    char out[64];
    CHECK(mca_json_sprintf(out, "null") == 4 && strcmp(out, "null") == 0, "plain text is copied");
    CHECK(mca_json_sprintf(out, "u%04x", 0x1f) == 5 && strcmp(out, "u001f") == 0, "%%04x pads with zeros");
    CHECK(mca_json_sprintf(out, "%i.%i.%i", 1, 7, 15) == 6 && strcmp(out, "1.7.15") == 0, "%%i prints ints");
    CHECK(mca_json_sprintf(out, "%d|%5d|%05d|%%", -42, 7, -7) == 17 && strcmp(out, "-42|    7|-0007|%") == 0,
          "widths, the 0 flag after the sign, and %%%% (got %s)", out);
    CHECK(mca_json_sprintf(out, "%s", "x") == -1, "a conversion cJSON does not use is refused");
    double v = 0;
    CHECK(mca_json_sscanf(" 1.5e3", "%lg", &v) == 1 && v == 1500.0, "%%lg reads a number after white space");
    CHECK(mca_json_sscanf("x", "%lg", &v) == 0, "%%lg without a number matches nothing");
    CHECK(mca_json_sscanf("", "%lg", &v) == -1, "%%lg on empty text is the end of input");
    CHECK(mca_json_sscanf("1", "%d", &v) == 0, "another format reads nothing");
}

/* cJSON prints and reads numbers as it did with the C library (the expected
 * texts are cJSON 1.7.15 with glibc: %1.15g unless that reads back more than
 * DBL_EPSILON away, then %1.17g). */
static void test_cjson_numbers(void)
{
    static const struct { const char *in, *out; } cases[] = {
        { "[1795694400000,0.1,-0,1e400,5e-324,1e21,123.456,-2.5e-7,1.7976931348623157e308]",
          "[1795694400000,0.1,-0,null,4.94065645841247e-324,1e+21,123.456,-2.5e-07,1.79769313486232e+308]" },
        { "[9007199254740993,0.30000000000000004,100,1e-5,12345678901234567890]",
          "[9.00719925474099e+15,0.3,100,1e-05,1.2345678901234567e+19]" },
    };
    mca_json_init();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cJSON *json = cJSON_Parse(cases[i].in);
        char *text = json != NULL ? cJSON_PrintUnformatted(json) : NULL;
        CHECK_STR(text, cases[i].out, "cJSON prints numbers as before");
        cJSON_free(text);
        cJSON_Delete(json);
    }
    cJSON *bad = cJSON_Parse("[-]");
    CHECK(bad == NULL, "a lone minus is not a number");
    cJSON_Delete(bad);
}

int main(void)
{
    test_strtod_table();
    test_strtod_random(20000);
    test_format(20000);
    test_other_conversions();
    test_cjson_numbers();
    return check_report("json_numbers");
}
