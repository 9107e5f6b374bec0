/* PENDING: placeholders for the country, language and phone rules of
 * mca_rules.h until the generated-table rules (mca_country.c,
 * mca_phone.c) are merged; this file is deleted then. They check only the
 * shape of a value: two letters, a language-REGION pair, "+" and 8-15
 * digits (length never checked against a country). */
#include "mca_rules.h"

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char upper(char c)
{
    return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

const char *mca_rule_country(const char *s, size_t n, char out[3])
{
    if (n != 2 || !is_alpha(s[0]) || !is_alpha(s[1]))
        return "invalid";
    out[0] = upper(s[0]), out[1] = upper(s[1]), out[2] = '\0';
    return NULL;
}

const char *mca_rule_language(const char *s, size_t n, char out[16])
{
    if (n != 5 || !is_alpha(s[0]) || !is_alpha(s[1]) || s[2] != '-' || !is_alpha(s[3]) || !is_alpha(s[4]))
        return "invalid";
    out[0] = (char)(s[0] | 0x20), out[1] = (char)(s[1] | 0x20), out[2] = '-';
    out[3] = upper(s[3]), out[4] = upper(s[4]), out[5] = '\0';
    return NULL;
}

const char *mca_rule_phone(const char *s, size_t n, const char *country, char out[17], int *length_checked)
{
    (void)country;
    *length_checked = 0;
    if (n < 9 || n > 16 || s[0] != '+')
        return "invalid";
    for (size_t i = 1; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return "invalid";
    for (size_t i = 0; i < n; i++)
        out[i] = s[i];
    out[n] = '\0';
    return NULL;
}
