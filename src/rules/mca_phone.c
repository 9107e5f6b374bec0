/* The phone rule: a number as a person writes it (digits, an optional
 * leading "+" or "00", separators) to E.164, with the national (trunk)
 * prefix dropped, the ITU calling code checked against the full list, and
 * the national number's length and leading digits checked against the
 * numbering plan of the regions that have one (mca_tables.h,
 * generated from libphonenumber's metadata). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mca_rules.h"
#include "mca_tables.h"

enum {
    E164_MIN_DIGITS = 8,
    E164_MAX_DIGITS = 15,
    MAX_DIGITS = 20 /* more cannot be a phone number: "tooLong" */
};

/* The digits of the input and whether it was written internationally. */
typedef struct phone_digits {
    char d[MAX_DIGITS];
    size_t n;          /* digits seen (may exceed MAX_DIGITS) */
    size_t paren_zero; /* index in d of a digit written "(0)", or SIZE_MAX */
    int international; /* leading "+" (the "00" is still in d) */
} phone_digits;

static int is_separator(char c)
{
    return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
}

/* Collects digits; 0 when a character other than digits, separators and
 * one leading "+" appears. */
static int collect_digits(const char *s, size_t n, phone_digits *p)
{
    p->n = 0;
    p->paren_zero = SIZE_MAX;
    p->international = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '(' && i + 2 < n && s[i + 1] == '0' && s[i + 2] == ')'
            && p->paren_zero == SIZE_MAX)
            p->paren_zero = p->n;
        if (c >= '0' && c <= '9') {
            if (p->n < MAX_DIGITS)
                p->d[p->n] = c;
            p->n++;
        } else if (c == '+' && p->n == 0 && !p->international) {
            p->international = 1;
        } else if (!is_separator(c)) {
            return 0;
        }
    }
    return 1;
}

static int compare_region(const void *key, const void *entry)
{
    return memcmp(key, ((const mca_phone_region *)entry)->region, 2);
}

static int compare_calling_code(const void *key, const void *entry)
{
    unsigned a = *(const unsigned *)key, b = ((const mca_calling_code *)entry)->code;
    return a < b ? -1 : a > b;
}

static const mca_phone_region *find_region(const char *country)
{
    return bsearch(country, mca_phone_regions, mca_phone_region_count,
                   sizeof mca_phone_regions[0], compare_region);
}

/* The calling code that starts d (codes are prefix-free, 1-3 digits). */
static const mca_calling_code *find_calling_code(const char *d, size_t n, size_t *len)
{
    unsigned code = 0;
    if (n == 0 || d[0] == '0')
        return NULL;
    for (size_t k = 0; k < 3 && k < n; k++) {
        code = code * 10u + (unsigned)(d[k] - '0');
        const mca_calling_code *c = bsearch(&code, mca_calling_codes, mca_calling_code_count,
                                            sizeof mca_calling_codes[0], compare_calling_code);
        if (c != NULL) {
            *len = k + 1;
            return c;
        }
    }
    return NULL;
}

/* The rule a national number breaks in a plan, or NULL when it fits:
 * length (tooShort, tooLong, invalidForCountry for a length in between
 * that is not possible), then the automaton walk over its digits, then
 * the NANP rule (area and exchange codes start with 2-9). */
static const char *check_plan(const mca_phone_plan *plan, unsigned calling_code,
                              const char *d, size_t n)
{
    if (n >= 32)
        return "tooLong";
    uint32_t bit = (uint32_t)1 << n, below = bit - 1;
    if ((plan->lengths & bit) == 0) {
        if ((plan->lengths & below) == 0)
            return "tooShort";
        if ((plan->lengths & ~(bit | below)) == 0)
            return "tooLong";
        return "invalidForCountry";
    }
    const mca_phone_state *states = mca_phone_states + plan->first;
    unsigned s = 0;
    for (size_t i = 0; i < n; i++) {
        s = states[s].next[d[i] - '0'];
        if (s == 0xFF)
            return "invalidForCountry";
    }
    if ((plan->accept & ((uint64_t)1 << s)) == 0)
        return "invalidForCountry";
    if (calling_code == 1 && n == 10 && (d[0] < '2' || d[3] < '2'))
        return "invalidForCountry";
    return NULL;
}

/* 1 when the national number has a possible length (and, for a region
 * with a plan, fits it): decides whether a leading trunk prefix is one. */
static int plausible(const mca_phone_region *r, const char *d, size_t n)
{
    if (r->plan >= 0)
        return check_plan(&mca_phone_plans[r->plan], r->calling_code, d, n) == NULL;
    return n < 32 && (r->lengths & ((uint32_t)1 << n)) != 0;
}

/* Drops the trunk prefix from a national number (0 in most of Europe, 1 in
 * the NANP), unless the number only fits without dropping it. */
static size_t trunk_prefix_length(const mca_phone_region *r, const char *d, size_t n)
{
    size_t k = strlen(r->national_prefix);
    if (k == 0 || n < k || memcmp(d, r->national_prefix, k) != 0)
        return 0;
    if (plausible(r, d + k, n - k) || !plausible(r, d, n))
        return k;
    return 0;
}

/* Writes "+<calling code><national number>"; returns its length. */
static size_t format_e164(char *out, unsigned calling_code, const char *d, size_t n)
{
    char cc[3];
    size_t k = 0, len = 0;
    do {
        cc[k++] = (char)('0' + calling_code % 10u);
        calling_code /= 10u;
    } while (calling_code != 0);
    out[len++] = '+';
    while (k > 0)
        out[len++] = cc[--k];
    memcpy(out + len, d, n);
    len += n;
    out[len] = '\0';
    return len;
}

const char *mca_rule_phone(const char *s, size_t n, const char *country, char out[17],
                           int *length_checked)
{
    phone_digits p;
    *length_checked = 0;
    if (s == NULL || !collect_digits(s, n, &p) || p.n == 0)
        return "invalid";
    const char *d = p.d;
    size_t len = p.n;
    if (!p.international && len >= 2 && d[0] == '0' && d[1] == '0') {
        p.international = 1;
        d += 2;
        len -= 2;
    }
    if (p.n > MAX_DIGITS)
        return "tooLong";

    unsigned calling_code;
    int plan;
    if (p.international) {
        size_t cc_len = 0;
        const mca_calling_code *cc = find_calling_code(d, len, &cc_len);
        if (cc == NULL)
            return len == 0 ? "invalid" : "unknownCallingCode";
        calling_code = cc->code;
        plan = cc->plan;
        d += cc_len;
        len -= cc_len;
        /* "+44 (0)20 ...": the trunk prefix shown in brackets is dropped
         * where the region's trunk prefix is 0 (not in Italy: +39 (0)2 keeps
         * it, as there the 0 is part of the number). */
        if (cc->trunk0 && len > 0 && p.paren_zero == (size_t)(d - p.d)) {
            d++;
            len--;
        }
    } else {
        if (country == NULL || country[0] == '\0')
            return "countryRequired";
        const mca_phone_region *r = strlen(country) == 2 ? find_region(country) : NULL;
        if (r == NULL)
            return "unknownCallingCode";
        calling_code = r->calling_code;
        plan = r->plan;
        size_t k = trunk_prefix_length(r, d, len);
        d += k;
        len -= k;
    }

    if (plan >= 0) {
        *length_checked = 1;
        const char *rule = check_plan(&mca_phone_plans[plan], calling_code, d, len);
        if (rule != NULL)
            return rule;
    }
    char e164[MAX_DIGITS + 5];
    size_t total = format_e164(e164, calling_code, d, len) - 1;
    if (total < E164_MIN_DIGITS)
        return "tooShort";
    if (total > E164_MAX_DIGITS)
        return "tooLong";
    memcpy(out, e164, total + 2);
    return NULL;
}
