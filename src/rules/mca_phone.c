/* The phone rule: a number as a person writes it (digits, an optional
 * leading "+", separators) to E.164, read as libphonenumber reads it, with
 * the numbering plans of every region (mca_tables.h, generated from
 * libphonenumber's metadata): the region's own international prefix, the
 * calling code, the national (trunk) prefix and its transform rule (also
 * after the calling code: "+44 (0)20 ...", "+20 010 ..."), and the
 * national number checked against the plan it belongs to (for a shared
 * calling code: by leading digits, or the first plan where it is valid). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mca_rules.h"
#include "mca_tables.h"

enum {
    E164_MAX_DIGITS = 15,
    MAX_DIGITS = 20 /* more cannot be a phone number: "tooLong" */
};

/* The digits of the input and whether it was written internationally. */
typedef struct phone_digits {
    char d[MAX_DIGITS];
    size_t n;          /* digits seen (may exceed MAX_DIGITS) */
    int international; /* leading "+" */
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
    p->international = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
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
    return memcmp(key, ((const mca_phone_plan *)entry)->region, 2);
}

static int compare_calling_code(const void *key, const void *entry)
{
    unsigned a = *(const unsigned *)key, b = ((const mca_calling_code *)entry)->code;
    return a < b ? -1 : a > b;
}

static const mca_phone_plan *find_region(const char *country)
{
    return bsearch(country, mca_phone_plans, mca_phone_region_count, sizeof mca_phone_plans[0],
                   compare_region);
}

static const mca_calling_code *calling_code_entry(unsigned code)
{
    return bsearch(&code, mca_calling_codes, mca_calling_code_count, sizeof mca_calling_codes[0],
                   compare_calling_code);
}

/* The calling code that starts d (codes are prefix-free, 1-3 digits). */
static const mca_calling_code *find_calling_code(const char *d, size_t n, size_t *len)
{
    unsigned code = 0;
    if (n == 0 || d[0] == '0')
        return NULL;
    for (size_t k = 0; k < 3 && k < n; k++) {
        code = code * 10u + (unsigned)(d[k] - '0');
        const mca_calling_code *c = calling_code_entry(code);
        if (c != NULL) {
            *len = k + 1;
            return c;
        }
    }
    return NULL;
}

/* Writes the calling code's digits (no NUL); returns their count. */
static size_t format_code(char *out, unsigned code)
{
    char cc[3];
    size_t k = 0, len = 0;
    do {
        cc[k++] = (char)('0' + code % 10u);
        code /= 10u;
    } while (code != 0 && k < 3);
    while (k > 0)
        out[len++] = cc[--k];
    return len;
}

static const mca_phone_plan *plan_of(const mca_calling_code *c, size_t i)
{
    return &mca_phone_plans[mca_phone_code_plans[c->first + i]];
}

/* ---- automata and programs ---- */

/* 1 when state s accepts (mca_tables.h). */
static int accepting(unsigned s)
{
    return mca_phone_accept[s >> 3] >> (s & 7u) & 1;
}

/* 1 when the automaton starting at state s accepts d[0..n). */
static int accepts(unsigned s, const char *d, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        s = mca_phone_next[s][d[i] - '0'];
        if (s == MCA_PHONE_NONE)
            return 0;
    }
    return accepting(s);
}

/* 1 when d begins with one of the prefixes of a leading-digits automaton. */
static int begins_with(unsigned s, const char *d, size_t n)
{
    for (size_t i = 0;; i++) {
        if (accepting(s))
            return 1;
        if (i == n || (s = mca_phone_next[s][d[i] - '0']) == MCA_PHONE_NONE)
            return 0;
    }
}

enum { VM_SLOTS = 8, VM_BUDGET = 20000 };

/* The backtracking machine: the end of the first match on d[i..n) of the
 * program starting at instruction base, from its instruction pc (-1 when
 * none); caps[] gets the groups' positions. */
typedef struct vm {
    const uint16_t *code; /* the program's first instruction */
    const char *d;
    size_t n;
    int caps[VM_SLOTS];
    unsigned budget;
} vm;

static int vm_run(vm *m, unsigned pc, size_t i)
{
    for (;;) {
        if (m->budget == 0 || --m->budget == 0)
            return -1;
        unsigned w = m->code[2 * pc], a = w & 0xFFFu, b = m->code[2 * pc + 1];
        switch (w >> 12) {
        case MCA_VM_SET:
            if (i == m->n || ((a >> (m->d[i] - '0')) & 1u) == 0)
                return -1;
            i++;
            pc++;
            break;
        case MCA_VM_SPLIT: {
            int r = vm_run(m, a, i);
            if (r >= 0)
                return r;
            pc = b;
            break;
        }
        case MCA_VM_JMP:
            pc = a;
            break;
        case MCA_VM_SAVE: {
            int old = m->caps[a % VM_SLOTS];
            m->caps[a % VM_SLOTS] = (int)i;
            int r = vm_run(m, pc + 1, i);
            if (r < 0)
                m->caps[a % VM_SLOTS] = old;
            return r;
        }
        case MCA_VM_END:
            if (i != m->n)
                return -1;
            pc++;
            break;
        default:
            return (int)i;
        }
    }
}

/* The end of the match of a plan's program at the start of d, or -1. */
static int vm_match(uint16_t program, const char *d, size_t n, int caps[VM_SLOTS])
{
    vm m = { mca_phone_program + 2 * (size_t)program, d, n, { 0 }, VM_BUDGET };
    for (size_t k = 0; k < VM_SLOTS; k++)
        m.caps[k] = -1;
    int end = program == MCA_PHONE_NONE ? -1 : vm_run(&m, 0, 0);
    memcpy(caps, m.caps, sizeof m.caps);
    return end;
}

/* ---- libphonenumber's reading of a number ---- */

enum { LENGTH_POSSIBLE, LENGTH_TOO_SHORT, LENGTH_TOO_LONG, LENGTH_INVALID };

static int check_length(const mca_phone_plan *plan, size_t n)
{
    uint32_t m = plan->lengths;
    if (m == 0)
        return LENGTH_POSSIBLE;
    unsigned lo = 0, hi = 31;
    while (!(m >> lo & 1u))
        lo++;
    while (!(m >> hi & 1u))
        hi--;
    if (n < lo)
        return LENGTH_TOO_SHORT;
    if (n > hi)
        return LENGTH_TOO_LONG;
    return (m >> n & 1u) ? LENGTH_POSSIBLE : LENGTH_INVALID;
}

static int valid_in(const mca_phone_plan *plan, const char *d, size_t n)
{
    return accepts(plan->states, d, n);
}

/* The plan of a calling code a national number belongs to: the only one,
 * else the first whose leading digits begin it or (without leading digits)
 * where it is valid; NULL when none. */
static const mca_phone_plan *plan_for_number(const mca_calling_code *c, const char *d, size_t n)
{
    if (c->count == 1)
        return plan_of(c, 0);
    for (size_t i = 0; i < c->count; i++) {
        const mca_phone_plan *p = plan_of(c, i);
        if (p->leading != MCA_PHONE_NONE ? begins_with(p->leading, d, n) : valid_in(p, d, n))
            return p;
    }
    return NULL;
}

/* A national number: digits (at most MAX_DIGITS, plus a transform). */
typedef struct national {
    char d[MAX_DIGITS + 8];
    size_t n;
} national;

/* The national number of d[0..n) under a plan, as libphonenumber extracts
 * it: the national prefix for parsing (with its transform rule) removed,
 * unless the general pattern fits only with it, or the shorter number is
 * not of a possible length in the plan of its calling code. */
static void extract_national(const mca_phone_plan *plan, const mca_calling_code *c, const char *d, size_t n,
                             national *out)
{
    int caps[VM_SLOTS];
    int end = vm_match(plan->prefix, d, n, caps);
    memcpy(out->d, d, n);
    out->n = n;
    if (end <= 0)
        return;
    national t;
    t.n = 0;
    int groups = 0;
    for (int g = 1; g < VM_SLOTS / 2; g++)
        if (caps[2 * g] >= 0 && caps[2 * g + 1] >= 0)
            groups = g;
    int last = groups > 0 && caps[2 * groups + 1] > caps[2 * groups];
    if (plan->transform[0] != '\0' && last) {
        for (const char *r = plan->transform; *r != '\0' && r < plan->transform + sizeof plan->transform; r++) {
            if (*r == '$' && r[1] >= '1' && r[1] <= '3') {
                int g = *++r - '0';
                for (int k = caps[2 * g]; k >= 0 && k < caps[2 * g + 1] && t.n < sizeof t.d; k++)
                    t.d[t.n++] = d[k];
            } else if (t.n < sizeof t.d) {
                t.d[t.n++] = *r;
            }
        }
    }
    if (t.n + (n - (size_t)end) > sizeof t.d)
        return;
    memcpy(t.d + t.n, d + end, n - (size_t)end);
    t.n += n - (size_t)end;
    if (accepts(plan->general, d, n) && !accepts(plan->general, t.d, t.n))
        return;
    const mca_phone_plan *exact = plan_for_number(c, t.d, t.n);
    int length = check_length(exact != NULL ? exact : plan, t.n);
    if (length == LENGTH_TOO_SHORT || length == LENGTH_INVALID)
        return;
    *out = t;
}

/* The length of the region's international prefix at the start of d (not
 * followed by a 0), or 0. */
static size_t idd_length(const mca_phone_plan *plan, const char *d, size_t n)
{
    int caps[VM_SLOTS];
    int end = vm_match(plan->idd, d, n, caps);
    return end > 0 && (size_t)end < n && d[end] != '0' ? (size_t)end : 0;
}

/* A national number that begins with its country's calling code (written
 * without +): the code is dropped when only the shorter number fits the
 * general pattern, or the longer one is too long. Returns the code's length. */
static size_t code_without_plus(const mca_phone_plan *r, const mca_calling_code *c, const char *d, size_t n)
{
    char code[4];
    size_t k = format_code(code, r->calling_code);
    if (n <= k || memcmp(d, code, k) != 0)
        return 0;
    national shorter, full;
    extract_national(r, c, d + k, n - k, &shorter);
    extract_national(r, c, d, n, &full);
    if ((!accepts(r->general, full.d, full.n) && accepts(r->general, shorter.d, shorter.n))
        || check_length(r, full.n) == LENGTH_TOO_LONG)
        return k;
    return 0;
}

/* Writes "+<calling code><national number>"; returns its digit count. */
static size_t format_e164(char *out, unsigned calling_code, const char *d, size_t n)
{
    size_t len = format_code(out + 1, calling_code);
    out[0] = '+';
    memcpy(out + 1 + len, d, n);
    out[1 + len + n] = '\0';
    return len + n;
}

/* The rule a national number breaks in its plan, or NULL when valid. */
static const char *check_plan(const mca_phone_plan *plan, const char *d, size_t n)
{
    if (valid_in(plan, d, n))
        return NULL;
    switch (check_length(plan, n)) {
    case LENGTH_TOO_SHORT:
        return "tooShort";
    case LENGTH_TOO_LONG:
        return "tooLong";
    default:
        return "invalidForCountry";
    }
}

const char *mca_rule_phone(const char *s, size_t n, const char *country, char out[17],
                           int *length_checked)
{
    phone_digits p;
    mca_phone_expand_tables();
    *length_checked = 0;
    if (s == NULL || !collect_digits(s, n, &p) || p.n == 0)
        return "invalid";
    if (p.n > MAX_DIGITS)
        return "tooLong";
    const char *d = p.d;
    size_t len = p.n;
    const mca_phone_plan *region = country != NULL && strlen(country) == 2 ? find_region(country) : NULL;
    if (!p.international && region != NULL) {
        size_t k = idd_length(region, d, len);
        p.international = k > 0;
        d += k;
        len -= k;
    } else if (!p.international && len >= 2 && d[0] == '0' && d[1] == '0') {
        /* no plan to read a national number with: 00 is the usual prefix */
        p.international = 1;
        d += 2;
        len -= 2;
    }

    const mca_calling_code *code;
    const mca_phone_plan *plan; /* the plan the national number is read with */
    if (!p.international) {
        if (country == NULL || country[0] == '\0')
            return "countryRequired";
        if (region == NULL || (code = calling_code_entry(region->calling_code)) == NULL)
            return "unknownCallingCode";
        size_t k = code_without_plus(region, code, d, len);
        plan = k > 0 ? plan_of(code, 0) : region;
        d += k;
        len -= k;
    } else {
        size_t cc_len = 0;
        code = find_calling_code(d, len, &cc_len);
        if (code == NULL)
            return len == 0 ? "invalid" : "unknownCallingCode";
        plan = plan_of(code, 0);
        d += cc_len;
        len -= cc_len;
    }
    national nat;
    extract_national(plan, code, d, len, &nat);
    const mca_phone_plan *exact = plan_for_number(code, nat.d, nat.n);
    *length_checked = 1;
    const char *rule = check_plan(exact != NULL ? exact : plan, nat.d, nat.n);
    if (rule != NULL)
        return rule;
    char e164[MAX_DIGITS + 16];
    if (format_e164(e164, code->code, nat.d, nat.n) > E164_MAX_DIGITS)
        return "tooLong";
    memcpy(out, e164, strlen(e164) + 1);
    return NULL;
}
