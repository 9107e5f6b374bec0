/* The name rule (firstName, lastName, signatoryFirstName,
 * signatoryLastName): letters of any script with their combining marks,
 * spaces, apostrophes, hyphens and periods; trimmed and in NFC. */
#include "mca_internal.h"
#include "mca_rules.h"
#include "mca_unicode.h"

#define NAME_MESSAGES(field, what)                                                                        \
    { field ".controlCharacter", what " contains a control or invisible character." },                    \
    { field ".digit", what " cannot contain digits." },                                                   \
    { field ".invalidCharacter", what " may contain only letters, spaces, apostrophes, hyphens and periods." }, \
    { field ".invalidUtf8", what " contains text that is not valid Unicode (invalid UTF-8 or an unpaired surrogate)." }, \
    { field ".noLetter", what " must contain at least one letter." },                                     \
    { field ".required", what " is required." },                                                          \
    { field ".tooLong", what " can be at most 100 characters long." },                                    \
    { field ".type", what " must be text." }

static const mca_message_entry messages[] = {
    NAME_MESSAGES("firstName", "The first name"),
    NAME_MESSAGES("lastName", "The last name"),
    NAME_MESSAGES("signatoryFirstName", "The signatory's first name"),
    NAME_MESSAGES("signatoryLastName", "The signatory's last name"),
};
MCA_MESSAGE_TABLE(mca_name_messages, messages);

const char mca_rule_out_of_memory[] = "outOfMemory";

/* NFC turns at most 4 code points into one, of at most 4 bytes each: a
 * longer input cannot come down to the limit, and is not normalised. */
#define NAME_MAX_INPUT_BYTES (MCA_NAME_MAX_CODE_POINTS * 16)

static int is_name_punctuation(uint32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == '-' || cp == 0x2010 || cp == '.';
}

enum { ZWNJ = 0x200c, ZWJ = 0x200d, MIDDLE_DOT = 0x00b7 };

/* The code point that ends before s[at] (valid UTF-8), moving *at back to
 * its start; 0 at the start of the text. */
static uint32_t before(const char *s, size_t *at)
{
    if (*at == 0)
        return 0;
    size_t i = *at - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80)
        i--;
    *at = i;
    return mca_utf8_next(s, (size_t)-1, &i);
}

/* The joining type of the first code point in the given direction that is
 * not transparent (T); U at either end of the text. */
static unsigned joining_back(const char *s, size_t at)
{
    for (;;) {
        uint32_t cp = before(s, &at);
        unsigned jt = cp == 0 ? MCA_JT_U : mca_unicode_joining_type(cp);
        if (jt != MCA_JT_T)
            return jt;
    }
}

static unsigned joining_ahead(const char *s, size_t n, size_t at)
{
    while (at < n) {
        unsigned jt = mca_unicode_joining_type(mca_utf8_next(s, n, &at));
        if (jt != MCA_JT_T)
            return jt;
    }
    return MCA_JT_U;
}

/* RFC 5892 appendix A.1 and A.2 (CONTEXTJ): a joiner after a virama, and a
 * non-joiner between a left-joining and a right-joining letter (with
 * transparent marks between). s[start..end) is the joiner. */
static int joiner_allowed(const char *s, size_t n, size_t start, size_t end, uint32_t cp)
{
    size_t at = start;
    uint32_t prev = before(s, &at);
    if (prev != 0 && mca_unicode_ccc_of(prev) == MCA_CCC_VIRAMA)
        return 1;
    if (cp != ZWNJ)
        return 0;
    unsigned left = joining_back(s, start), right = joining_ahead(s, n, end);
    return (left == MCA_JT_L || left == MCA_JT_D) && (right == MCA_JT_R || right == MCA_JT_D);
}

/* The Catalan middle dot (RFC 5892 appendix A.3): between two l (either
 * case, as names are written in capitals too). */
static int middle_dot_allowed(const char *s, size_t n, size_t start, size_t end)
{
    size_t at = start;
    uint32_t prev = before(s, &at), next = end < n ? mca_utf8_next(s, n, &end) : 0;
    return (prev == 'l' || prev == 'L') && (next == 'l' || next == 'L');
}

/* The class a character counts as in a name: joiners and the middle dot
 * in their contexts count as marks (invisible in the joiners' case, and
 * neither starts a name part), elsewhere as control and other. */
static unsigned name_class(const char *s, size_t n, size_t start, size_t end, uint32_t cp)
{
    unsigned klass = mca_unicode_class(cp) & MCA_UC_CLASS_MASK;
    if (cp == ZWNJ || cp == ZWJ)
        return joiner_allowed(s, n, start, end, cp) ? MCA_UC_MARK : MCA_UC_CONTROL;
    if (cp == MIDDLE_DOT)
        return middle_dot_allowed(s, n, start, end) ? MCA_UC_MARK : MCA_UC_OTHER;
    return klass;
}

/* Checks the characters of an NFC name and rewrites other spaces to
 * U+0020 in place (same or shorter length), counting the code points into
 * *count; returns the rule or NULL. */
static const char *check_characters(char *s, size_t *n, size_t *count)
{
    int control = 0, digit = 0, invalid = 0;
    size_t letters = 0;
    unsigned prev = MCA_UC_OTHER;
    size_t w = 0, cps = 0;
    for (size_t i = 0; i < *n; cps++) {
        /* A run of ASCII letters, where nothing was rewritten: letters, in place. */
        if (w == i) {
            size_t run = i;
            while (run < *n && (unsigned)(((unsigned char)s[run] | 0x20) - 'a') < 26u)
                run++;
            if (run > i) {
                letters += run - i;
                cps += run - i - 1;
                prev = MCA_UC_LETTER;
                w = i = run;
                continue;
            }
        }
        size_t start = i;
        uint32_t cp = (unsigned char)s[i] < 0x80 ? (unsigned char)s[i++] : mca_utf8_next(s, *n, &i);
        unsigned klass = name_class(s, *n, start, i, cp);
        if (klass == MCA_UC_CONTROL)
            control = 1;
        else if (klass == MCA_UC_NUMBER)
            digit = 1;
        else if (klass == MCA_UC_LETTER)
            letters++;
        else if (klass == MCA_UC_MARK)
            invalid |= prev != MCA_UC_LETTER && prev != MCA_UC_MARK;
        else if (klass != MCA_UC_SPACE)
            invalid |= !is_name_punctuation(cp);
        prev = klass;
        if (klass == MCA_UC_SPACE) {
            s[w++] = ' ';
        } else if (w == start) { /* nothing rewritten before: in place */
            w = i;
        } else {
            for (size_t k = start; k < i; k++)
                s[w++] = s[k];
        }
    }
    s[w] = '\0';
    *n = w;
    *count = cps;
    return control ? "controlCharacter" : digit ? "digit" : invalid ? "invalidCharacter"
         : letters == 0 ? "noLetter" : NULL;
}

/* The checks after NFC, on text (len bytes) in the arena. */
static const char *checked(char *text, size_t len, char **out, size_t *out_n)
{
    size_t count;
    const char *rule = check_characters(text, &len, &count);
    if (rule == NULL && count > MCA_NAME_MAX_CODE_POINTS)
        rule = "tooLong";
    if (rule != NULL)
        return rule;
    *out = text;
    *out_n = len;
    return NULL;
}

const char *mca_rule_name(mca_arena *a, const char *s, size_t n, char **out, size_t *out_n)
{
    char *text;
    size_t len;
    *out = NULL;
    const char *begin = mca_utf8_begin(&s, &n);
    if (begin != NULL)
        return begin;
    if (n > NAME_MAX_INPUT_BYTES)
        return "tooLong";
    if (mca_nfc_in(a, s, n, &text, &len) != 0)
        return mca_rule_out_of_memory;
    return checked(text, len, out, out_n);
}

/* The rule on text mca_require_string prepared (valid UTF-8, trimmed, in
 * NFC, not blank): the same answer as mca_rule_name, without checking,
 * trimming and normalising it a second time. */
static const char *rule_prepared(mca_arena *a, const char *s, size_t n, char **out, size_t *out_n)
{
    *out = NULL;
    if (n > NAME_MAX_INPUT_BYTES)
        return "tooLong";
    char *text = mca_arena_strndup(a, s, n);
    return text != NULL ? checked(text, n, out, out_n) : mca_rule_out_of_memory;
}

void mca_check_name(mca_report *r, const mca_input *input, const char *field)
{
    mca_check_text_field(r, input, field, rule_prepared);
}
