/* Unicode: strict UTF-8, character classes, trimming and NFC. */
#include "check.h"

#include "mca_internal.h"
#include "mca_unicode.h"

static void test_utf8_validity(void)
{
    static const struct { const char *s; int valid; const char *what; } cases[] = {
        { "Zo\xc3\xab", 1, "two-byte sequence" },
        { "\xe6\x9d\x8e", 1, "three-byte CJK" },
        { "\xf0\x9f\x98\x80", 1, "four-byte emoji" },
        { "\xf4\x8f\xbf\xbf", 1, "U+10FFFF, the last code point" },
        { "\xc0\x80", 0, "overlong NUL" },
        { "\xc1\xbf", 0, "overlong two-byte" },
        { "\xe0\x80\x80", 0, "overlong three-byte" },
        { "\xf0\x80\x80\x80", 0, "overlong four-byte" },
        { "\xed\xa0\x80", 0, "high surrogate U+D800 (WTF-8)" },
        { "\xed\xbf\xbf", 0, "low surrogate U+DFFF" },
        { "\xf4\x90\x80\x80", 0, "above U+10FFFF" },
        { "\xf5\x80\x80\x80", 0, "lead byte F5" },
        { "\xff", 0, "byte FF" },
        { "a\x80", 0, "stray continuation byte" },
        { "\xc3", 0, "truncated two-byte" },
        { "\xe6\x9d", 0, "truncated three-byte" },
        { "\xe6\x28\x8e", 0, "bad continuation" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK(mca_utf8_valid(cases[i].s, strlen(cases[i].s)) == cases[i].valid, "UTF-8 %s is %s",
              cases[i].what, cases[i].valid ? "valid" : "refused");
    printf("utf8 validity: %zu cases\n", sizeof cases / sizeof cases[0]);
}

static void test_classes(void)
{
    static const struct { uint32_t cp; unsigned klass; int idn; const char *what; } cases[] = {
        { 'a', MCA_UC_LETTER, 1, "a" },
        { 'A', MCA_UC_LETTER, 0, "A (capital: needs mapping in a domain)" },
        { '7', MCA_UC_NUMBER, 0, "7" },
        { ' ', MCA_UC_SPACE, 0, "space" },
        { 0xa0, MCA_UC_SPACE, 0, "no-break space" },
        { 0x3000, MCA_UC_SPACE, 0, "ideographic space" },
        { '\t', MCA_UC_CONTROL, 0, "tab" },
        { 0x200b, MCA_UC_CONTROL, 0, "zero width space (Cf)" },
        { 0x202e, MCA_UC_CONTROL, 0, "right-to-left override" },
        { 0x3164, MCA_UC_CONTROL, 0, "Hangul filler (an invisible letter)" },
        { 0x2028, MCA_UC_CONTROL, 0, "line separator" },
        { 0x0301, MCA_UC_MARK, 1, "combining acute accent" },
        { 0x00e9, MCA_UC_LETTER, 1, "e with acute" },
        { 0x00c9, MCA_UC_LETTER, 0, "E with acute" },
        { 0x00df, MCA_UC_LETTER, 0, "sharp s (case folds to ss)" },
        { 0x674e, MCA_UC_LETTER, 1, "CJK ideograph" },
        { 0xd55c, MCA_UC_LETTER, 1, "Hangul syllable" },
        { 0x1100, MCA_UC_LETTER, 0, "old Hangul jamo" },
        { 0x05d0, MCA_UC_LETTER, 0, "Hebrew alef (right-to-left)" },
        { 0x0627, MCA_UC_LETTER, 0, "Arabic alef (right-to-left)" },
        { 0x0436, MCA_UC_LETTER, 1, "Cyrillic zhe" },
        { 0x0e01, MCA_UC_LETTER, 1, "Thai ko kai" },
        { 0x0661, MCA_UC_NUMBER, 0, "Arabic-Indic digit one" },
        { 0x2163, MCA_UC_NUMBER, 0, "Roman numeral four" },
        { 0xfb01, MCA_UC_LETTER, 0, "fi ligature (compatibility)" },
        { '<', MCA_UC_OTHER, 0, "<" },
        { 0x2019, MCA_UC_OTHER, 0, "right single quotation mark" },
        { 0xe000, MCA_UC_OTHER, 0, "private use" },
        { 0x0378, MCA_UC_OTHER, 0, "unassigned" },
        { 0x20d0, MCA_UC_MARK, 0, "combining mark for symbols (ignorable block)" },
        { 0x1f600, MCA_UC_OTHER, 0, "emoji" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned c = mca_unicode_class(cases[i].cp);
        CHECK((c & MCA_UC_CLASS_MASK) == cases[i].klass, "U+%04X %s has class %u (got %u)", (unsigned)cases[i].cp,
              cases[i].what, cases[i].klass, c & MCA_UC_CLASS_MASK);
        CHECK(!!(c & MCA_UC_IDN_OK) == cases[i].idn, "U+%04X %s is %s in a domain label", (unsigned)cases[i].cp,
              cases[i].what, cases[i].idn ? "allowed" : "not allowed");
    }
    CHECK(mca_unicode_ccc_of(0x0301) == 230 && mca_unicode_ccc_of(0x0323) == 220 && mca_unicode_ccc_of('a') == 0
              && mca_unicode_ccc_of(0x0345) == 240,
          "combining classes of acute (230), dot below (220), a (0), ypogegrammeni (240)");
    CHECK_STR(mca_unicode_version, "15.0.0", "the tables come from Unicode 15.0.0 (Debian unicode-data 15.0.0-1)");
    printf("character classes: %zu cases\n", sizeof cases / sizeof cases[0]);
}

static void test_trim(void)
{
    static const struct { const char *in, *out; } cases[] = {
        { "  Anne  ", "Anne" },
        { "\xc2\xa0" "Anne\xe3\x80\x80", "Anne" },
        { "\t\r\nAnne de Vries\n", "Anne de Vries" },
        { "\xe2\x80\xa8x\xe2\x80\xa9", "x" },
        { "   ", "" },
        { "a b", "a b" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = strlen(cases[i].in);
        const char *s = mca_utf8_trim(cases[i].in, &n);
        CHECK(n == strlen(cases[i].out) && memcmp(s, cases[i].out, n) == 0, "trim of case %zu gives \"%s\"", i,
              cases[i].out);
    }
}

static void test_nfc(void)
{
    static const struct { const char *in, *out, *what; } cases[] = {
        { "Zoe\xcc\x88", "Zo\xc3\xab", "e + combining diaeresis composes to \xc3\xab" },
        { "Zo\xc3\xab", "Zo\xc3\xab", "precomposed stays" },
        { "Jose\xcc\x81-Mari\xcc\x81" "a", "Jos\xc3\xa9-Mar\xc3\xad" "a", "two compositions" },
        { "Nguye\xcc\x82\xcc\x83n", "Nguy\xe1\xbb\x85n", "Vietnamese e + circumflex + tilde composes in two steps" },
        { "Nguye\xcc\x83\xcc\x82n", "Nguy\xe1\xba\xbd\xcc\x82n", "the other order (same class) composes only the first" },
        { "\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab", "\xed\x95\x9c", "Hangul jamo L V T compose to one syllable" },
        { "\xea\xb0\x80\xe1\x86\xa8", "\xea\xb0\x81", "Hangul LV syllable + T composes" },
        { "\xed\x95\x9c", "\xed\x95\x9c", "a precomposed Hangul syllable stays" },
        { "a\xcc\x81\xcc\xa3", "\xe1\xba\xa1\xcc\x81", "marks are reordered by class (dot below first), then composed" },
        { "\xe2\x84\xab", "\xc3\x85", "Angstrom sign (singleton) becomes A with ring" },
        { "A\xcc\x8a", "\xc3\x85", "A + ring above composes" },
        { "\xe0\xa5\x98", "\xe0\xa4\x95\xe0\xa4\xbc", "an excluded composite (Devanagari qa) stays decomposed" },
        { "\xcd\x84", "\xcc\x88\xcc\x81", "a non-starter decomposition is not recomposed" },
        { "\xce\xb1\xcc\x93\xcd\x85", "\xe1\xbe\x80", "Greek alpha + psili + ypogegrammeni compose" },
        { "\xe1\xbe\x80", "\xe1\xbe\x80", "Greek precomposed stays" },
        { "\xe6\x9d\x8e", "\xe6\x9d\x8e", "CJK stays" },
        { "\xef\xa4\x80", "\xe8\xb1\x88", "a CJK compatibility ideograph becomes its unified ideograph" },
        { "e\xcc\xb8\xcc\x81", "\xc3\xa9\xcc\xb8", "acute composes past a mark of lower class" },
        { "e\xcc\x81\xcc\x81", "\xc3\xa9\xcc\x81", "a second acute is blocked by the first" },
        { "\xcc\x81" "e", "\xcc\x81" "e", "a leading mark has no starter" },
        { "", "", "empty" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = NULL;
        size_t n = 0;
        size_t before = mca_bytes_in_use();
        CHECK(mca_nfc(cases[i].in, strlen(cases[i].in), &out, &n) == 0, "NFC runs: %s", cases[i].what);
        CHECK(out != NULL && n == strlen(cases[i].out) && strcmp(out, cases[i].out) == 0, "NFC: %s", cases[i].what);
        CHECK(!mca_nfc_quick(cases[i].in, strlen(cases[i].in)) || strcmp(cases[i].in, cases[i].out) == 0,
              "the quick check says yes only to text in NFC: %s", cases[i].what);
        mca_free(out);
        CHECK(mca_bytes_in_use() == before, "NFC frees its buffers: %s", cases[i].what);
    }
    /* The quick check: yes for precomposed letters of any script, no for a
     * combining mark or a character that composes with the one before. */
    static const struct { const char *s; int yes; } quick[] = {
        { "Nguy\xe1\xbb\x85n", 1 }, { "\xce\x93\xce\xb9\xcf\x8e\xcf\x81\xce\xb3\xce\xbf\xcf\x82", 1 },
        { "\xd9\x85\xd8\xad\xd9\x85\xd8\xaf", 1 }, { "\xed\x95\x9c", 1 }, { "\xe6\x9d\x8e", 1 },
        { "Zoe\xcc\x88", 0 }, { "\xe1\x84\x92\xe1\x85\xa1", 0 }, { "\xe0\xad\x87\xe0\xac\xbe", 0 },
        { "\xe2\x84\xab", 0 }, { "\xef\xa4\x80", 0 }, { "\xf0\xaf\xa0\x80", 0 },
    };
    for (size_t i = 0; i < sizeof quick / sizeof quick[0]; i++)
        CHECK(mca_nfc_quick(quick[i].s, strlen(quick[i].s)) == quick[i].yes, "quick check of case %zu is %d", i, quick[i].yes);
    /* The quick check reads words of eight bytes: a combining mark is
     * found after any number of ASCII bytes, a precomposed letter passes,
     * in a buffer of the text's length only (an over-read is an error
     * under AddressSanitizer), after a letter of two bytes or none. */
    size_t wrong = 0;
    for (size_t lead = 0; lead <= 2; lead += 2) {
        for (size_t n = lead + 2; n <= 27; n++) {
            for (size_t at = lead; at + 2 <= n; at++) {
                for (int mark = 0; mark <= 1; mark++) {
                    char *buf = malloc(n);
                    if (buf == NULL)
                        continue;
                    memset(buf, 'a', n);
                    if (lead > 0)
                        memcpy(buf, "\xc3\xa9", 2);
                    memcpy(buf + at, mark ? "\xcc\x81" : "\xc3\xa9", 2);
                    if (mca_nfc_quick(buf, n) != !mark)
                        wrong++;
                    free(buf);
                }
            }
        }
    }
    CHECK(wrong == 0, "the quick check finds a mark and passes a letter at every offset (%zu wrong)", wrong);
    /* Every code point the quick check passes is its own NFC. */
    size_t passed = 0;
    for (uint32_t cp = 0x80; cp < 0x40000; cp++) {
        char buf[4], *out = NULL;
        size_t len = mca_utf8_put(cp, buf), n = 0;
        if ((cp >= 0xd800 && cp <= 0xdfff) || !mca_nfc_quick(buf, len))
            continue;
        passed++;
        int same = mca_nfc(buf, len, &out, &n) == 0 && n == len && memcmp(out, buf, len) == 0;
        mca_free(out);
        if (!same) {
            CHECK(0, "U+%04X passes the quick check and is its own NFC", (unsigned)cp);
            break;
        }
    }
    CHECK(passed > 100000, "the quick check passes most code points (%zu)", passed);
    /* allocation failures: the arena's chunk, then the copy of the result */
    for (size_t k = 1; k <= 2; k++) {
        char *out = NULL;
        size_t n;
        size_t before = mca_bytes_in_use();
        mca_fail_allocation_after(k);
        int rc = mca_nfc("Zoe\xcc\x88", 5, &out, &n);
        mca_fail_allocation_after(0);
        CHECK(rc == -1 && out == NULL, "NFC reports allocation failure %zu", k);
        CHECK(mca_bytes_in_use() == before, "NFC leaks nothing when allocation %zu fails", k);
    }
    printf("nfc: %zu cases\n", sizeof cases / sizeof cases[0]);
}

int main(void)
{
    mca_json_init();
    test_utf8_validity();
    test_classes();
    test_trim();
    test_nfc();
    return check_report("unicode");
}
