/* The language rule: a culture name as Partner Center takes it,
 * language[-Script]-REGION (nl-NL, zh-Hant-TW), checked against the
 * generated ISO 639, ISO 15924 and ISO 3166-1 tables (mca_tables.h) and
 * normalised to that case form. A three-letter language code that has a
 * two-letter equivalent (nld, dut) is normalised to it (nl), as culture
 * names always use the shortest code. */
#include <stdlib.h>
#include <string.h>

#include "mca_rules.h"
#include "mca_tables.h"

/* A culture has at most three subtags: language, script, region. */
typedef struct subtags {
    const char *part[3];
    size_t len[3];
    size_t count;
} subtags;

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static char upper(char c)
{
    return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

/* Splits at '-' into letter-only subtags; 0 when the text is not of that
 * shape (other characters, empty subtags, more than three subtags). */
static int split(const char *s, size_t n, subtags *t)
{
    size_t start = 0;
    t->count = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && is_alpha(s[i]))
            continue;
        if (i < n && s[i] != '-')
            return 0;
        if (i == start || t->count == 3)
            return 0;
        t->part[t->count] = s + start;
        t->len[t->count] = i - start;
        t->count++;
        start = i + 1;
    }
    return 1;
}

static int compare_code2(const void *a, const void *b)
{
    return memcmp(a, b, 2);
}

static int compare_code3(const void *a, const void *b)
{
    return memcmp(a, b, 3);
}

static int compare_code4(const void *a, const void *b)
{
    return memcmp(a, b, 4);
}

/* Looks the lower-case language code up; writes the canonical code (two
 * letters when there is a two-letter form) to out and returns its length,
 * or 0 when the code is not assigned. */
static size_t canonical_language(const char *code, size_t n, char out[3])
{
    if (n == 2) {
        if (bsearch(code, mca_language2_codes, mca_language2_count, 2, compare_code2) == NULL)
            return 0;
        memcpy(out, code, 2);
        return 2;
    }
    const mca_language_alias *alias = bsearch(code, mca_language_aliases,
                                              mca_language_alias_count,
                                              sizeof mca_language_aliases[0], compare_code3);
    if (alias != NULL) {
        memcpy(out, alias->two, 2);
        return 2;
    }
    unsigned bit = ((unsigned)(code[0] - 'a') * 26u + (unsigned)(code[1] - 'a')) * 26u
                   + (unsigned)(code[2] - 'a');
    if ((mca_language3_bits[bit >> 3] & (1u << (bit & 7u))) == 0)
        return 0;
    memcpy(out, code, 3);
    return 3;
}

const char *mca_rule_language(const char *s, size_t n, char out[16])
{
    subtags t;
    if (s == NULL || !split(s, n, &t) || t.len[0] < 2 || t.len[0] > 3)
        return "invalid";
    if (t.count == 1 || (t.count == 2 && t.len[1] == 4))
        return "regionRequired";
    int has_script = t.count == 3;
    size_t region = t.count - 1;
    if ((has_script && t.len[1] != 4) || t.len[region] != 2)
        return "invalid";

    char lang[3], script[4], region_code[2], canon[3];
    for (size_t i = 0; i < t.len[0]; i++)
        lang[i] = lower(t.part[0][i]);
    for (size_t i = 0; has_script && i < 4; i++)
        script[i] = i == 0 ? upper(t.part[1][i]) : lower(t.part[1][i]);
    region_code[0] = upper(t.part[region][0]);
    region_code[1] = upper(t.part[region][1]);

    size_t lang_len = canonical_language(lang, t.len[0], canon);
    if (lang_len == 0)
        return "unknownLanguage";
    if (has_script
        && bsearch(script, mca_script_codes, mca_script_count, 4, compare_code4) == NULL)
        return "unknownScript";
    if (!mca_country_known(region_code))
        return "unknownRegion";

    size_t k = 0;
    memcpy(out, canon, lang_len);
    k += lang_len;
    if (has_script) {
        out[k++] = '-';
        memcpy(out + k, script, 4);
        k += 4;
    }
    out[k++] = '-';
    memcpy(out + k, region_code, 2);
    out[k + 2] = '\0';
    return NULL;
}
