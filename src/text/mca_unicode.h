/* Unicode for the text rules: strict UTF-8, character classes and NFC.
 * The tables are generated at build time from the Unicode Character
 * Database (src/gen/gen-unicode.mjs). */
#ifndef MCA_UNICODE_H
#define MCA_UNICODE_H

#include <stddef.h>
#include <stdint.h>

/* Character classes (the low 3 bits of mca_unicode_class). */
enum {
    MCA_UC_OTHER = 0,   /* punctuation, symbols, private use, unassigned */
    MCA_UC_LETTER = 1,  /* L* (visible) */
    MCA_UC_MARK = 2,    /* M* */
    MCA_UC_NUMBER = 3,  /* N* */
    MCA_UC_SPACE = 4,   /* Zs */
    MCA_UC_CONTROL = 5, /* Cc, Cf, Zl, Zp and invisible letters */
    MCA_UC_CLASS_MASK = 7,
    /* The code point may stand in an internationalised domain label as it
     * is (IDNA2008 PVALID, no mapping needed; conservative). */
    MCA_UC_IDN_OK = 8
};

/* Generated tables (mca_gen_unicode.c). */
extern const char mca_unicode_version[];
extern const uint32_t mca_unicode_nfc_quick_below;
extern const uint8_t mca_unicode_nfc_yes_index[2048]; /* see mca_gen_unicode.c */
extern const uint8_t mca_unicode_nfc_yes_blocks[];
extern const uint8_t mca_unicode_class_index[1040]; /* see mca_gen_unicode.c */
extern const uint8_t mca_unicode_class_blocks[];
extern const uint8_t mca_unicode_ccc[];
extern const size_t mca_unicode_ccc_count;
extern const uint8_t mca_unicode_joining[];
extern const size_t mca_unicode_joining_count;
extern const uint8_t mca_unicode_decomp_runs[];
extern const size_t mca_unicode_decomp_runs_count;
extern const size_t mca_unicode_decomp_count;
extern const uint8_t mca_unicode_decomp_first[];
extern const uint8_t mca_unicode_decomp_second[];
extern const uint32_t mca_unicode_decomp_marks[];
extern const uint8_t mca_unicode_compose[];
extern const size_t mca_unicode_compose_count;

/* 1 when s[0..n) is well-formed UTF-8 (no overlong forms, no surrogates,
 * nothing above U+10FFFF). */
int mca_utf8_valid(const char *s, size_t n);

/* Decodes the code point at s[*i] of valid UTF-8 and advances *i. */
uint32_t mca_utf8_next(const char *s, size_t n, size_t *i);

/* Writes cp as UTF-8 into out (4 bytes room); returns the byte count. */
size_t mca_utf8_put(uint32_t cp, char *out);

/* Number of code points in valid UTF-8. */
size_t mca_utf8_count(const char *s, size_t n);

/* Class bits of a code point (MCA_UC_*); inline, as every character of a
 * name is looked up. */
static inline unsigned mca_unicode_class(uint32_t cp)
{
    size_t block;
    if (cp < 0x40000)
        block = cp >> 8;
    else if (cp >= 0xe0000 && cp < 0xe1000)
        block = 0x400 + ((cp - 0xe0000) >> 8);
    else
        return MCA_UC_OTHER; /* unassigned or private use */
    unsigned byte = mca_unicode_class_blocks[mca_unicode_class_index[block] * 128u + (cp & 255) / 2];
    return cp & 1 ? byte >> 4 : byte & 15;
}

/* Canonical combining class. */
unsigned mca_unicode_ccc_of(uint32_t cp);

/* Joining types (Unicode's ArabicShaping.txt), as RFC 5892's CONTEXTJ
 * rule uses them: code points not listed are U, marks not listed T. */
enum { MCA_JT_U = 0, MCA_JT_L = 1, MCA_JT_D = 2, MCA_JT_R = 3, MCA_JT_T = 4 };
unsigned mca_unicode_joining_type(uint32_t cp);

/* The canonical combining class of a virama (RFC 5892: Virama). */
#define MCA_CCC_VIRAMA 9

/* White space as trimmed from both ends of a field (Zs, tab, line breaks). */
int mca_unicode_is_space(uint32_t cp);

/* Narrows s[0..*n) to exclude leading and trailing white space (valid
 * UTF-8 expected; stops at anything else). Returns the new start. */
const char *mca_utf8_trim(const char *s, size_t *n);

/* The start every text rule shares: the rule "invalidUtf8" for invalid
 * UTF-8, else *s and *n narrowed by mca_utf8_trim and the rule "required"
 * when nothing is left, else NULL. */
const char *mca_utf8_begin(const char **s, size_t *n);

/*
 * Unicode Normalization Form C of valid UTF-8 s[0..n). On success *out is a
 * new NUL-terminated string (free with mca_free) of *out_n bytes and the
 * result is 0; -1 when memory is exhausted.
 */
int mca_nfc(const char *s, size_t n, char **out, size_t *out_n);
/* 1 when s[0..n) (valid UTF-8) is in NFC by the quick check: only code
 * points below the first that NFC could change (all Latin-1, most Latin). */
int mca_nfc_quick(const char *s, size_t n);
/* The same with the result and the working memory in an arena (struct
 * mca_arena of mca_internal.h): text already in NFC costs one copy. */
struct mca_arena;
int mca_nfc_in(struct mca_arena *a, const char *s, size_t n, char **out, size_t *out_n);

#endif
