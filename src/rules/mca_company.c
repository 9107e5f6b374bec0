/* The companyName rule: trimmed, NFC, 1-255 characters, no control
 * characters. */
#include "mca_internal.h"
#include "mca_rules.h"
#include "mca_unicode.h"

static const mca_message_entry messages[] = {
    { "companyName.controlCharacter", "The company name cannot contain control characters (such as line breaks, tabs or text-direction controls)." },
    { "companyName.invalidUtf8", "The company name contains text that is not valid Unicode (invalid UTF-8 or an unpaired surrogate)." },
    { "companyName.required", "The company name is required." },
    { "companyName.tooLong", "The company name can be at most 255 characters long." },
    { "companyName.type", "The company name must be text." },
};
MCA_MESSAGE_TABLE(mca_company_messages, messages);

/* See mca_name.c: NFC shrinks at most 16 bytes to one code point. */
#define COMPANY_MAX_INPUT_BYTES (MCA_COMPANY_MAX_CODE_POINTS * 16)

/* C0 and C1 controls, line and paragraph separators, and the bidirectional
 * controls (which can make a name display as something else). */
static int is_company_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 || cp == 0x061c
        || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

const char *mca_rule_company(mca_arena *a, const char *s, size_t n, char **out, size_t *out_n)
{
    char *text;
    size_t len;
    *out = NULL;
    const char *begin = mca_utf8_begin(&s, &n);
    if (begin != NULL)
        return begin;
    for (size_t i = 0; i < n;)
        if (is_company_control(mca_utf8_next(s, n, &i)))
            return "controlCharacter";
    if (n > COMPANY_MAX_INPUT_BYTES)
        return "tooLong";
    if (mca_nfc_in(a, s, n, &text, &len) != 0)
        return mca_rule_out_of_memory;
    if (mca_utf8_count(text, len) > MCA_COMPANY_MAX_CODE_POINTS)
        return "tooLong";
    *out = text;
    *out_n = len;
    return NULL;
}

void mca_check_company(mca_report *r, const mca_input *input, const char *field)
{
    mca_check_text_field(r, input, field, mca_rule_company);
}
