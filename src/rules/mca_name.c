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

/* Checks the characters of an NFC name and rewrites other spaces to
 * U+0020 in place (same or shorter length); returns the rule or NULL. */
static const char *check_characters(char *s, size_t *n)
{
    int control = 0, digit = 0, invalid = 0, letters = 0;
    unsigned prev = MCA_UC_OTHER;
    size_t w = 0;
    for (size_t i = 0; i < *n;) {
        size_t start = i;
        uint32_t cp = mca_utf8_next(s, *n, &i);
        unsigned klass = mca_unicode_class(cp) & MCA_UC_CLASS_MASK;
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
        } else {
            for (size_t k = start; k < i; k++)
                s[w++] = s[k];
        }
    }
    s[w] = '\0';
    *n = w;
    return control ? "controlCharacter" : digit ? "digit" : invalid ? "invalidCharacter"
         : letters == 0 ? "noLetter" : NULL;
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
    const char *rule = check_characters(text, &len);
    if (rule == NULL && mca_utf8_count(text, len) > MCA_NAME_MAX_CODE_POINTS)
        rule = "tooLong";
    if (rule != NULL)
        return rule;
    *out = text;
    *out_n = len;
    return NULL;
}

void mca_check_name(mca_report *r, const mca_input *input, const char *field)
{
    mca_check_text_field(r, input, field, mca_rule_name);
}
