/* ISO-8601 date-times to UTC epoch seconds and back. */
#include "mca_time.h"

static int digits(const char *s, size_t n, size_t at, size_t count, unsigned *out)
{
    unsigned v = 0;
    if (at + count > n)
        return 0;
    for (size_t i = at; i < at + count; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (unsigned)(s[i] - '0');
    }
    *out = v;
    return 1;
}

int64_t mca_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

int mca_date_valid(int64_t y, unsigned m, unsigned d)
{
    static const unsigned char days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m < 1 || m > 12 || d < 1)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

/* Parses the zone at s[at..n): Z, +HH:MM, +HHMM or +HH. */
static int parse_zone(const char *s, size_t n, size_t at, int64_t *offset_s)
{
    unsigned hh, mm = 0;
    if (at == n)
        return MCA_TIME_NO_ZONE;
    if ((s[at] == 'Z' || s[at] == 'z') && at + 1 == n) {
        *offset_s = 0;
        return MCA_TIME_OK;
    }
    if (s[at] != '+' && s[at] != '-')
        return MCA_TIME_INVALID;
    int sign = s[at] == '-' ? -1 : 1;
    if (!digits(s, n, at + 1, 2, &hh))
        return MCA_TIME_INVALID;
    size_t rest = n - (at + 3);
    if (rest == 3 && s[at + 3] == ':' && digits(s, n, at + 4, 2, &mm)) {
    } else if (rest == 2 && digits(s, n, at + 3, 2, &mm)) {
    } else if (rest != 0) {
        return MCA_TIME_INVALID;
    }
    if (hh > 14 || mm > 59 || (hh == 14 && mm > 0))
        return MCA_TIME_IMPOSSIBLE;
    *offset_s = sign * (int64_t)(hh * 3600 + mm * 60);
    return MCA_TIME_OK;
}

int mca_time_parse(const char *s, size_t n, int64_t *epoch_s)
{
    unsigned y, mo, d, h = 0, mi = 0, sec = 0;
    if (s == NULL || !digits(s, n, 0, 4, &y) || n < 10 || s[4] != '-' || !digits(s, n, 5, 2, &mo)
        || s[7] != '-' || !digits(s, n, 8, 2, &d))
        return MCA_TIME_INVALID;
    int64_t offset = 0;
    if (n == 10) {
        /* a date alone: 00:00 UTC */
    } else {
        if ((s[10] != 'T' && s[10] != 't') || !digits(s, n, 11, 2, &h) || n < 16 || s[13] != ':'
            || !digits(s, n, 14, 2, &mi))
            return MCA_TIME_INVALID;
        size_t at = 16;
        if (at < n && s[at] == ':') {
            if (!digits(s, n, at + 1, 2, &sec))
                return MCA_TIME_INVALID;
            at += 3;
            if (at < n && (s[at] == '.' || s[at] == ',')) {
                size_t start = ++at;
                while (at < n && s[at] >= '0' && s[at] <= '9')
                    at++;
                if (at == start)
                    return MCA_TIME_INVALID;
            }
        }
        int zone = parse_zone(s, n, at, &offset);
        if (zone != MCA_TIME_OK)
            return zone;
    }
    if (y == 0 || !mca_date_valid(y, mo, d) || h > 23 || mi > 59 || sec > 59)
        return MCA_TIME_IMPOSSIBLE;
    *epoch_s = mca_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - offset;
    return MCA_TIME_OK;
}

/* 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z in epoch seconds. */
#define MCA_TIME_MIN INT64_C(-62167219200)
#define MCA_TIME_MAX INT64_C(253402300799)

void mca_time_format(int64_t t, char out[21])
{
    /* Moments outside years 0000-9999 saturate to the first or last second
     * of that range (and no arithmetic below can overflow). */
    t = t < MCA_TIME_MIN ? MCA_TIME_MIN : t > MCA_TIME_MAX ? MCA_TIME_MAX : t;
    int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    int64_t secs = t - days * 86400;
    /* civil_from_days (proleptic Gregorian) */
    days += 719468;
    const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = (unsigned)(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    int64_t y = (int64_t)yoe + era * 400 + (m <= 2);
    unsigned vals[6] = { (unsigned)y, m, d, (unsigned)(secs / 3600),
                         (unsigned)(secs / 60 % 60), (unsigned)(secs % 60) };
    static const char layout[] = "0000-00-00T00:00:00Z";
    static const unsigned char pos[6] = { 0, 5, 8, 11, 14, 17 };
    for (int i = 0; i < 21; i++)
        out[i] = layout[i];
    for (int i = 0; i < 6; i++) {
        unsigned v = vals[i];
        int width = i == 0 ? 4 : 2;
        for (int k = width - 1; k >= 0; k--) {
            out[pos[i] + k] = (char)('0' + v % 10);
            v /= 10;
        }
    }
}
