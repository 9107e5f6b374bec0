/* The name rule and the companyName rule: exact normalised values and
 * exact rule names, at the length boundaries. */
#include "check.h"

#include "mca_internal.h"
#include "mca_rules.h"

/* s repeated until n bytes (s is one code point) */
static char *repeat(const char *s, size_t count, const char *prefix, const char *suffix)
{
    size_t k = strlen(s), p = strlen(prefix), q = strlen(suffix);
    char *out = malloc(p + k * count + q + 1);
    memcpy(out, prefix, p);
    for (size_t i = 0; i < count; i++)
        memcpy(out + p + i * k, s, k);
    memcpy(out + p + k * count, suffix, q + 1);
    return out;
}

static int same(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

typedef const char *(*text_rule)(mca_arena *, const char *, size_t, char **, size_t *);

static void check_case(text_rule rule, const char *in, size_t n, const char *expected_rule, const char *expected,
                       const char *what)
{
    char *out = NULL;
    size_t out_n = 0;
    size_t before = mca_bytes_in_use();
    mca_arena arena;
    mca_arena_init(&arena);
    const char *got = rule(&arena, in, n, &out, &out_n);
    CHECK(same(got, expected_rule), "%s: rule (got %s, expected %s)", what, got ? got : "none",
          expected_rule ? expected_rule : "none");
    if (expected_rule == NULL)
        CHECK(same(out, expected), "%s: normalised value (got \"%s\", expected \"%s\")", what, out ? out : "(null)",
              expected);
    else
        CHECK(out == NULL, "%s: no value on error", what);
    if (out != NULL)
        CHECK(out_n == strlen(out), "%s: the length of the value", what);
    mca_arena_fini(&arena);
    CHECK(mca_bytes_in_use() == before, "%s: nothing left allocated", what);
}

static void test_names(void)
{
    static const struct { const char *in, *rule, *out, *what; } cases[] = {
        { "Anne", NULL, "Anne", "a plain name" },
        { "  de Vries ", NULL, "de Vries", "trimmed, inner space kept" },
        { "O'Brien", NULL, "O'Brien", "ASCII apostrophe" },
        { "O\xe2\x80\x99" "Brien", NULL, "O\xe2\x80\x99" "Brien", "typographic apostrophe" },
        { "van der Berg", NULL, "van der Berg", "several words" },
        { "Zoe\xcc\x88", NULL, "Zo\xc3\xab", "decomposed Zoë is composed (NFC)" },
        { "Jos\xc3\xa9-Mar\xc3\xad" "a", NULL, "Jos\xc3\xa9-Mar\xc3\xad" "a", "hyphen and accents" },
        { "J. R. R.", NULL, "J. R. R.", "periods" },
        { "Jean\xe2\x80\x90Pierre", NULL, "Jean\xe2\x80\x90Pierre", "Unicode hyphen U+2010" },
        { "\xe6\x9d\x8e", NULL, "\xe6\x9d\x8e", "Chinese: one character" },
        { "\xe5\xb1\xb1\xe7\x94\xb0 \xe5\xa4\xaa\xe9\x83\x8e", NULL, "\xe5\xb1\xb1\xe7\x94\xb0 \xe5\xa4\xaa\xe9\x83\x8e", "Japanese kanji" },
        { "\xe3\x81\x95\xe3\x81\x8f\xe3\x82\x89", NULL, "\xe3\x81\x95\xe3\x81\x8f\xe3\x82\x89", "Japanese hiragana" },
        { "\xe1\x84\x80\xe1\x85\xb5\xe1\x86\xb7", NULL, "\xea\xb9\x80", "Korean jamo composed to a syllable" },
        { "Nguye\xcc\x82\xcc\x83n", NULL, "Nguy\xe1\xbb\x85n", "Vietnamese, decomposed input" },
        { "\xd0\x90\xd0\xbd\xd0\xbd\xd0\xb0", NULL, "\xd0\x90\xd0\xbd\xd0\xbd\xd0\xb0", "Cyrillic" },
        { "\xce\x9d\xce\xaf\xce\xba\xce\xbf\xcf\x82", NULL, "\xce\x9d\xce\xaf\xce\xba\xce\xbf\xcf\x82", "Greek" },
        { "\xd7\x93\xd7\x95\xd7\x93", NULL, "\xd7\x93\xd7\x95\xd7\x93", "Hebrew" },
        { "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf", NULL, "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf", "Arabic" },
        { "\xe0\xa4\xb8\xe0\xa5\x81\xe0\xa4\xb0\xe0\xa5\x87\xe0\xa4\xb6", NULL, "\xe0\xa4\xb8\xe0\xa5\x81\xe0\xa4\xb0\xe0\xa5\x87\xe0\xa4\xb6", "Devanagari with vowel signs (marks)" },
        { "\xe0\xb8\xaa\xe0\xb8\xa1\xe0\xb8\x8a\xe0\xb8\xb2\xe0\xb8\xa2", NULL, "\xe0\xb8\xaa\xe0\xb8\xa1\xe0\xb8\x8a\xe0\xb8\xb2\xe0\xb8\xa2", "Thai" },
        { "Anne\xc2\xa0Marie", NULL, "Anne Marie", "a no-break space inside becomes a space" },
        /* RFC 5892 CONTEXTJ and CONTEXTO */
        { "\xd8\xad\xd8\xb3\xdb\x8c\xd9\x86\xe2\x80\x8c\xd8\xb2\xd8\xa7\xd8\xaf\xd9\x87", NULL, "\xd8\xad\xd8\xb3\xdb\x8c\xd9\x86\xe2\x80\x8c\xd8\xb2\xd8\xa7\xd8\xaf\xd9\x87", "Persian with a zero width non-joiner between joining letters" },
        { "\xe0\xb7\x81\xe0\xb7\x8a\xe2\x80\x8d\xe0\xb6\xbb\xe0\xb7\x93", NULL, "\xe0\xb7\x81\xe0\xb7\x8a\xe2\x80\x8d\xe0\xb6\xbb\xe0\xb7\x93", "Sinhala with a zero width joiner after the virama" },
        { "\xe0\xa4\x95\xe0\xa5\x8d\xe2\x80\x8c\xe0\xa4\xb7", NULL, "\xe0\xa4\x95\xe0\xa5\x8d\xe2\x80\x8c\xe0\xa4\xb7", "Devanagari with a zero width non-joiner after the virama" },
        { "Gal\xc2\xb7la", NULL, "Gal\xc2\xb7la", "Catalan middle dot between two l" },
        { "GAL\xc2\xb7LA", NULL, "GAL\xc2\xb7LA", "Catalan middle dot between two capital L" },
        { "Gal\xce\x87la", NULL, "Gal\xc2\xb7la", "the Greek ano teleia is the middle dot in NFC" },
        { "Ga\xc2\xb7la", "invalidCharacter", NULL, "a middle dot not between two l" },
        { "Gal\xc2\xb7", "invalidCharacter", NULL, "a middle dot at the end" },
        { "\xc2\xb7la", "invalidCharacter", NULL, "a middle dot at the start" },
        { "An\xe2\x80\x8cne", "controlCharacter", NULL, "a zero width non-joiner between Latin letters" },
        { "An\xe2\x80\x8dne", "controlCharacter", NULL, "a zero width joiner between Latin letters" },
        { "\xe2\x80\x8c\xd8\xb2\xd8\xa7", "controlCharacter", NULL, "a zero width non-joiner at the start" },
        { "\xd8\xb2\xe2\x80\x8c\xd8\xa7", "controlCharacter", NULL, "a zero width non-joiner after a right-joining letter" },
        { "\xd8\xad\xe2\x80\x8d\xd8\xb2", "controlCharacter", NULL, "a zero width joiner between Arabic letters (no virama)" },
        { "Anne\xef\xb8\x8f", "controlCharacter", NULL, "variation selector 16 after a letter" },
        { "Anne\xf3\xa0\x84\x80", "controlCharacter", NULL, "variation selector 17 (U+E0100) after a letter" },
        { "An\xcd\x8fne", "controlCharacter", NULL, "the combining grapheme joiner" },
        { "\xe1\xa0\xa0\xe1\xa0\x8b", "controlCharacter", NULL, "a Mongolian free variation selector" },
        { "", "required", NULL, "empty" },
        { "   ", "required", NULL, "only spaces" },
        { "\xe3\x80\x80\xc2\xa0", "required", NULL, "only Unicode spaces" },
        { "-", "noLetter", NULL, "only a hyphen" },
        { "'.- ", "noLetter", NULL, "only punctuation" },
        { "Anne2", "digit", NULL, "a digit" },
        { "\xd9\xa3", "digit", NULL, "an Arabic-Indic digit" },
        { "Henry \xe2\x85\xa7", "digit", NULL, "a Roman numeral" },
        { "An\tne", "controlCharacter", NULL, "a tab inside" },
        { "An\x7fne", "controlCharacter", NULL, "DEL" },
        { "Anne\xe2\x80\x8b", "controlCharacter", NULL, "a zero width space" },
        { "Anne\xe2\x80\xae", "controlCharacter", NULL, "a right-to-left override" },
        { "\xef\xbb\xbf" "Anne", "controlCharacter", NULL, "a byte order mark" },
        { "\xe3\x85\xa4", "controlCharacter", NULL, "an invisible Hangul filler" },
        { "<Anne>", "invalidCharacter", NULL, "angle brackets" },
        { "Anne<", "invalidCharacter", NULL, "a less-than sign" },
        { "Anne & Bob", "invalidCharacter", NULL, "an ampersand" },
        { "Anne@", "invalidCharacter", NULL, "an at sign" },
        { "Anne\xf0\x9f\x98\x80", "invalidCharacter", NULL, "an emoji" },
        { "\xcc\x81" "Anne", "invalidCharacter", NULL, "a combining mark with nothing to combine with" },
        { "Anne \xcc\x81", "invalidCharacter", NULL, "a combining mark after a space" },
        { "Anne\xee\x80\x80", "invalidCharacter", NULL, "a private-use character" },
        { "Anne2<", "digit", NULL, "a digit is reported before other characters" },
        { "\xed\xa0\x80", "invalidUtf8", NULL, "a lone surrogate (WTF-8)" },
        { "Ann\xc3", "invalidUtf8", NULL, "truncated UTF-8" },
        { "Anne\xc0\x80", "invalidUtf8", NULL, "an overlong NUL" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_case(mca_rule_name, cases[i].in, strlen(cases[i].in), cases[i].rule, cases[i].out, cases[i].what);

    /* length boundaries (code points after NFC): the input is `unit` `count`
     * times between `pre` and `post`; an accepted one normalises to `out`
     * `out_count` times (the input itself when out is NULL) */
    static const struct {
        const char *unit; size_t count; const char *pre, *post, *rule;
        const char *out; size_t out_count; const char *out_post; const char *what;
    } bounds[] = {
        { "a", 100, "", "", NULL, NULL, 0, "", "100 code points are accepted" },
        { "a", 101, "", "", "tooLong", NULL, 0, "", "101 code points are too long" },
        { "a\xe3\x80\x80", 49, "", "ab", NULL, "a ", 49, "ab", "100 code points with ideographic spaces are accepted" },
        { "a\xe3\x80\x80", 50, "", "a", "tooLong", NULL, 0, "", "101 code points with ideographic spaces are too long" },
        { "\xe6\x9d\x8e", 100, "  ", " ", NULL, "\xe6\x9d\x8e", 100, "", "100 CJK characters (300 bytes) between spaces" },
        { "e\xcc\x81", 100, "", "", NULL, "\xc3\xa9", 100, "", "200 code points that compose to 100 are accepted" },
        { "e\xcc\x81", 101, "", "", "tooLong", NULL, 0, "", "202 code points that compose to 101 are too long" },
        { "a", 10 * 1024 * 1024, "", "", "tooLong", NULL, 0, "", "a 10 MB name" },
    };
    for (size_t i = 0; i < sizeof bounds / sizeof bounds[0]; i++) {
        char *s = repeat(bounds[i].unit, bounds[i].count, bounds[i].pre, bounds[i].post);
        char *out = bounds[i].out ? repeat(bounds[i].out, bounds[i].out_count, "", bounds[i].out_post) : NULL;
        check_case(mca_rule_name, s, strlen(s), bounds[i].rule, bounds[i].rule ? NULL : out ? out : s, bounds[i].what);
        free(out);
        free(s);
    }
    printf("name rule: %zu cases + %zu length boundaries\n", sizeof cases / sizeof cases[0], sizeof bounds / sizeof bounds[0]);
}

static void test_company(void)
{
    static const struct { const char *in, *rule, *out, *what; } cases[] = {
        { "Contoso B.V.", NULL, "Contoso B.V.", "a company name" },
        { "  Fabrikam & Co. (Europe) #1  ", NULL, "Fabrikam & Co. (Europe) #1", "trimmed; symbols and digits allowed" },
        { "Cafe\xcc\x81 M\xc3\xbcller GmbH", NULL, "Caf\xc3\xa9 M\xc3\xbcller GmbH", "NFC" },
        { "\xe6\xa0\xaa\xe5\xbc\x8f\xe4\xbc\x9a\xe7\xa4\xbe", NULL, "\xe6\xa0\xaa\xe5\xbc\x8f\xe4\xbc\x9a\xe7\xa4\xbe", "Japanese" },
        { "\xd9\x85\xd9\x8a\xe2\x80\x8c\xd8\xb1\xd9\x88\xd8\xaf", NULL, "\xd9\x85\xd9\x8a\xe2\x80\x8c\xd8\xb1\xd9\x88\xd8\xaf", "a zero width non-joiner (Persian) is allowed" },
        { "", "required", NULL, "empty" },
        { " \xc2\xa0 ", "required", NULL, "only spaces" },
        { "Contoso\nLtd", "controlCharacter", NULL, "a line break" },
        { "Contoso\tLtd", "controlCharacter", NULL, "a tab" },
        { "Contoso\xc2\x85Ltd", "controlCharacter", NULL, "a next-line control (NEL) inside" },
        { "Contoso\xc2\x9b" "Ltd", "controlCharacter", NULL, "a C1 control" },
        { "Contoso\xe2\x80\xae" "dtL", "controlCharacter", NULL, "a right-to-left override" },
        { "Contoso\xe2\x80\xa8Ltd", "controlCharacter", NULL, "a line separator" },
        { "Contoso\xed\xa0\x80", "invalidUtf8", NULL, "a lone surrogate" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_case(mca_rule_company, cases[i].in, strlen(cases[i].in), cases[i].rule, cases[i].out, cases[i].what);
    char *s = repeat("x", 255, "", "");
    check_case(mca_rule_company, s, strlen(s), NULL, s, "255 characters are accepted");
    free(s);
    s = repeat("x", 256, "", "");
    check_case(mca_rule_company, s, strlen(s), "tooLong", NULL, "256 characters are too long");
    free(s);
    s = repeat("\xe4\xbc\x9a", 255, "", "");
    check_case(mca_rule_company, s, strlen(s), NULL, s, "255 CJK characters (765 bytes) are accepted");
    free(s);
    s = repeat("x", 10 * 1024 * 1024, "", "");
    check_case(mca_rule_company, s, strlen(s), "tooLong", NULL, "a 10 MB company name");
    free(s);
    printf("companyName rule: %zu cases + 4 length boundaries\n", sizeof cases / sizeof cases[0]);
}

int main(void)
{
    mca_json_init();
    test_names();
    test_company();
    return check_report("name");
}
