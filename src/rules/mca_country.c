/* The country rule: ISO 3166-1 alpha-2 from the generated list of assigned
 * codes (mca_tables.h), any case in, upper case out. */
#include <stdlib.h>
#include <string.h>

#include "mca_rules.h"
#include "mca_tables.h"

static int compare_code2(const void *a, const void *b)
{
    return memcmp(a, b, 2);
}

/* 1 when the two upper-case letters are an assigned code. */
int mca_country_known(const char code[2])
{
    return bsearch(code, mca_country_codes, mca_country_count, 2, compare_code2) != NULL;
}

const char *mca_rule_country(const char *s, size_t n, char out[3])
{
    char code[2];
    if (s == NULL || n != 2)
        return "invalid";
    for (size_t i = 0; i < 2; i++) {
        char c = s[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c < 'A' || c > 'Z')
            return "invalid";
        code[i] = c;
    }
    if (!mca_country_known(code))
        return "unknown";
    out[0] = code[0];
    out[1] = code[1];
    out[2] = '\0';
    return NULL;
}
