/* ISO-8601 parsing and formatting shared by the rules. */
#include "check.h"
#include "mca_time.h"

typedef struct {
    const char *name, *input;
    int rc;
    const char *utc; /* formatted result when rc is OK */
} time_case;

static const time_case cases[] = {
    { "UTC with Z", "2026-11-20T09:30:00Z", MCA_TIME_OK, "2026-11-20T09:30:00Z" },
    { "lower-case t and z", "2026-11-20t09:30:00z", MCA_TIME_OK, "2026-11-20T09:30:00Z" },
    { "a date alone is 00:00 UTC", "2026-11-20", MCA_TIME_OK, "2026-11-20T00:00:00Z" },
    { "a +01:00 offset is converted to UTC", "2026-11-20T10:30:00+01:00", MCA_TIME_OK, "2026-11-20T09:30:00Z" },
    { "a -05:00 offset crosses midnight forward", "2026-11-20T22:00:00-05:00", MCA_TIME_OK, "2026-11-21T03:00:00Z" },
    { "a +02:00 offset crosses midnight backward", "2026-01-01T01:00:00+02:00", MCA_TIME_OK, "2025-12-31T23:00:00Z" },
    { "+HHMM offset", "2026-11-20T10:30:00+0100", MCA_TIME_OK, "2026-11-20T09:30:00Z" },
    { "+HH offset", "2026-11-20T10:30:00+01", MCA_TIME_OK, "2026-11-20T09:30:00Z" },
    { "+05:45 (Nepal)", "2026-11-20T15:15:00+05:45", MCA_TIME_OK, "2026-11-20T09:30:00Z" },
    { "seconds may be omitted", "2026-11-20T09:30Z", MCA_TIME_OK, "2026-11-20T09:30:00Z" },
    { "fractions are dropped", "2026-11-20T09:30:00.999Z", MCA_TIME_OK, "2026-11-20T09:30:00Z" },
    { "29 February in a leap year", "2024-02-29T12:00:00Z", MCA_TIME_OK, "2024-02-29T12:00:00Z" },
    { "29 February 2000 (divisible by 400)", "2000-02-29", MCA_TIME_OK, "2000-02-29T00:00:00Z" },
    { "29 February 2026 is impossible", "2026-02-29", MCA_TIME_IMPOSSIBLE, NULL },
    { "29 February 1900 is impossible", "1900-02-29", MCA_TIME_IMPOSSIBLE, NULL },
    { "30 February is impossible", "2026-02-30T00:00:00Z", MCA_TIME_IMPOSSIBLE, NULL },
    { "31 April is impossible", "2026-04-31", MCA_TIME_IMPOSSIBLE, NULL },
    { "month 13 is impossible", "2026-13-01", MCA_TIME_IMPOSSIBLE, NULL },
    { "month 00 is impossible", "2026-00-10", MCA_TIME_IMPOSSIBLE, NULL },
    { "day 00 is impossible", "2026-01-00", MCA_TIME_IMPOSSIBLE, NULL },
    { "hour 24 is impossible", "2026-11-20T24:00:00Z", MCA_TIME_IMPOSSIBLE, NULL },
    { "minute 60 is impossible", "2026-11-20T09:60:00Z", MCA_TIME_IMPOSSIBLE, NULL },
    { "second 60 is not accepted", "2026-11-20T09:30:60Z", MCA_TIME_IMPOSSIBLE, NULL },
    { "offset +15:00 is impossible", "2026-11-20T09:30:00+15:00", MCA_TIME_IMPOSSIBLE, NULL },
    { "a time without a zone is ambiguous", "2026-11-20T09:30:00", MCA_TIME_NO_ZONE, NULL },
    { "a space instead of T is rejected", "2026-11-20 09:30:00Z", MCA_TIME_INVALID, NULL },
    { "a slash date is rejected", "2026/11/20", MCA_TIME_INVALID, NULL },
    { "a two-digit year is rejected", "26-11-20", MCA_TIME_INVALID, NULL },
    { "a dot with no fraction digits is rejected", "2026-11-20T09:30:00.Z", MCA_TIME_INVALID, NULL },
    { "trailing text is rejected", "2026-11-20T09:30:00Zjunk", MCA_TIME_INVALID, NULL },
    { "the empty string is rejected", "", MCA_TIME_INVALID, NULL },
};

/* Found by the fuzz target "time": INT64_MIN overflowed (t - 86399). */
static void test_format_range(void)
{
    static const struct {
        const char *name;
        int64_t t;
        const char *utc;
    } range[] = {
        { "the smallest int64 saturates to the first second of year 0000", INT64_MIN, "0000-01-01T00:00:00Z" },
        { "one second before year 0000 saturates", INT64_C(-62167219201), "0000-01-01T00:00:00Z" },
        { "the first second of year 0000", INT64_C(-62167219200), "0000-01-01T00:00:00Z" },
        { "the last second of year 0000", INT64_C(-62135596801), "0000-12-31T23:59:59Z" },
        { "the last second of year 9999", INT64_C(253402300799), "9999-12-31T23:59:59Z" },
        { "one second after year 9999 saturates", INT64_C(253402300800), "9999-12-31T23:59:59Z" },
        { "the largest int64 saturates to the last second of year 9999", INT64_MAX, "9999-12-31T23:59:59Z" },
    };
    for (size_t i = 0; i < sizeof range / sizeof range[0]; i++) {
        char out[21];
        mca_time_format(range[i].t, out);
        CHECK_STR(out, range[i].utc, range[i].name);
    }
}

int main(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const time_case *c = &cases[i];
        int64_t t = 0;
        int rc = mca_time_parse(c->input, strlen(c->input), &t);
        CHECK(rc == c->rc, "%s (rc %d, expected %d)", c->name, rc, c->rc);
        if (rc == MCA_TIME_OK && c->utc != NULL) {
            char out[21];
            mca_time_format(t, out);
            CHECK_STR(out, c->utc, c->name);
        }
    }
    int64_t t;
    CHECK(mca_time_parse("1970-01-01T00:00:00Z", 20, &t) == MCA_TIME_OK && t == 0, "the epoch is 0");
    CHECK(mca_time_parse("2023-04-01T00:00:00Z", 20, &t) == MCA_TIME_OK && t == 1680307200, "the refresh cut-off in epoch seconds");
    char out[21];
    mca_time_format(-1, out);
    CHECK_STR(out, "1969-12-31T23:59:59Z", "one second before the epoch");
    test_format_range();
    return check_report("time");
}
