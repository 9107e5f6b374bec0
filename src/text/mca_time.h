/* ISO-8601 date-times in UTC, shared by the rules (dateAgreed), scenario
 * detection (confirmation dates, refresh cut-off) and error explanation. */
#ifndef MCA_TIME_H
#define MCA_TIME_H

#include <stddef.h>
#include <stdint.h>

enum {
    MCA_TIME_OK = 0,
    MCA_TIME_INVALID = 1,    /* not of the form below */
    MCA_TIME_IMPOSSIBLE = 2, /* well-formed but no such moment: 2026-02-30, 24:00, +25:00 */
    MCA_TIME_NO_ZONE = 3     /* a time without Z or an offset: ambiguous */
};

/*
 * Parses YYYY-MM-DD (00:00 UTC) or YYYY-MM-DDTHH:MM[:SS[.fraction]] followed
 * by Z or an offset (+HH:MM, +HHMM, +HH). 'T'/'t' and 'Z'/'z' in either case.
 * Fractions of a second are dropped. On MCA_TIME_OK sets *epoch_s to the
 * UTC seconds since 1970-01-01.
 */
int mca_time_parse(const char *s, size_t n, int64_t *epoch_s);

/* Writes YYYY-MM-DDTHH:MM:SSZ and a NUL into out[21]. Any int64_t is
 * accepted: moments before year 0000 or after 9999 saturate to
 * 0000-01-01T00:00:00Z or 9999-12-31T23:59:59Z. */
void mca_time_format(int64_t epoch_s, char out[21]);

/* Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
int64_t mca_days_from_civil(int64_t y, unsigned m, unsigned d);

/* 1 when the day exists in that month and year. */
int mca_date_valid(int64_t y, unsigned m, unsigned d);

#endif
