/* Exact number text for cJSON: the three C library calls cJSON makes for
 * numbers (strtod, sprintf, sscanf), implemented without the C library's
 * general printf/scanf machinery and its 128-bit long double arithmetic,
 * which made up about a sixth of the Wasm code.
 *
 * cJSON.c is compiled with -include src/text/mca_cjson_libc.h, which maps its
 * calls to these functions; no other file uses them through those names.
 * Results are exactly those of a correct C library in the "C" locale
 * (correct rounding, ties to even): tests compare them with the platform's
 * own library, natively (glibc) and in Wasm (musl). */
#ifndef MCA_JSON_NUMBERS_H
#define MCA_JSON_NUMBERS_H

/* strtod: optional white space, sign, decimal digits with an optional
 * point, optional exponent. Correctly rounded; ±HUGE_VAL beyond the range,
 * ±0 below it (errno is not set). No hexadecimal, "inf" or "nan" forms:
 * cJSON only passes the characters 0-9 + - . e E. */
double mca_json_strtod(const char *s, char **end);

/* sprintf for the conversions cJSON uses: %d %i %x %g with the flag 0, a
 * width and a precision (%1.15g, %1.17g, %04x, %i), and %%. Returns the
 * length written, or -1 for any other conversion (nothing cJSON does). */
int mca_json_sprintf(char *out, const char *format, ...);

/* sscanf for the one form cJSON uses, "%lg": returns 1 and stores a double
 * when s starts (after white space) with a number, 0 when it does not,
 * -1 when s is empty; any other format returns 0. */
int mca_json_sscanf(const char *s, const char *format, ...);

#endif
