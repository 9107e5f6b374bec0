/* Wiring of the country, language and phone rules (mca_rules.h) into the
 * operations: read the field, apply the rule, report "<field>.<rule>" or
 * the normalised value. The phone is normalised with the input's country. */
#include <string.h>

#include "mca_internal.h"
#include "mca_rules.h"

#define PHONE_MESSAGES(field, what)                                                                        \
    { field ".countryRequired", what " is written nationally: give the country, or write it internationally with + and the calling code." }, \
    { field ".invalid", what " may contain only digits, an optional leading + and the separators space, -, . and parentheses." }, \
    { field ".invalidForCountry", what " does not fit the numbering plan of its country (wrong length or leading digits)." }, \
    { field ".invalidUtf8", what " contains text that is not valid Unicode (invalid UTF-8 or an unpaired surrogate)." }, \
    { field ".tooLong", what " has too many digits for its country's numbering plan (E.164 allows at most 15 with the calling code)." }, \
    { field ".tooShort", what " has too few digits for its country's numbering plan." },                      \
    { field ".type", what " must be text." },                                                                \
    { field ".unknownCallingCode", what " starts with a calling code that is not assigned, or its country has no calling code." }

static const mca_message_entry messages[] = {
    { "country.invalid", "The country must be an ISO 3166-1 alpha-2 code of two letters, like NL." },
    { "country.invalidUtf8", "The country contains text that is not valid Unicode (invalid UTF-8 or an unpaired surrogate)." },
    { "country.required", "The country is required (ISO 3166-1 alpha-2, like NL)." },
    { "country.type", "The country must be text." },
    { "country.unknown", "This is not an assigned ISO 3166-1 country code (UK is GB; EU is not a country)." },
    { "language.invalid", "The language must be a culture like nl-NL or zh-Hant-TW: a language code, an optional script and a region, separated by hyphens." },
    { "language.invalidUtf8", "The language contains text that is not valid Unicode (invalid UTF-8 or an unpaired surrogate)." },
    { "language.regionRequired", "The language needs a region too, like nl-NL rather than nl." },
    { "language.required", "The language is required (a culture like nl-NL)." },
    { "language.type", "The language must be text." },
    { "language.unknownLanguage", "The language code is not an ISO 639 language." },
    { "language.unknownRegion", "The region of the language is not an ISO 3166-1 country code." },
    { "language.unknownScript", "The script of the language is not an ISO 15924 script code." },
    PHONE_MESSAGES("phoneNumber", "The phone number"),
    PHONE_MESSAGES("signatoryPhoneNumber", "The signatory's phone number"),
};
MCA_MESSAGE_TABLE(mca_locale_fields_messages, messages);

void mca_check_country(mca_report *r, const mca_input *input, const char *field, int required)
{
    const char *s;
    size_t n;
    char out[3];
    int present = required ? mca_require_string(r, input, field, &s, &n)
                           : mca_optional_string(r, input, field, &s, &n);
    if (present <= 0)
        return;
    const char *rule = mca_rule_country(s, n, out);
    if (rule != NULL)
        mca_report_rule(r, field, rule);
    else
        mca_report_normalized(r, field, out);
}

void mca_check_language(mca_report *r, const mca_input *input, const char *field)
{
    const char *s;
    size_t n;
    char out[16];
    if (!mca_require_string(r, input, field, &s, &n))
        return;
    const char *rule = mca_rule_language(s, n, out);
    if (rule != NULL)
        mca_report_rule(r, field, rule);
    else
        mca_report_normalized(r, field, out);
}

/* The phone is optional (empty means absent). Its country is the
 * normalised country field; when that field was given but is not valid,
 * its own error says so and "countryRequired" is not added. */
void mca_check_phone(mca_report *r, const mca_input *input, const char *field, const char *country_field)
{
    const char *s, *ignored;
    size_t n, ignored_n;
    char out[17];
    int length_checked = 0;
    if (mca_optional_string(r, input, field, &s, &n) <= 0)
        return;
    const mca_value *country = mca_report_value(r, country_field);
    const char *code = country != NULL ? country->text : NULL;
    const char *rule = mca_rule_phone(s, n, code, out, &length_checked);
    if (rule != NULL) {
        int country_given = mca_field_string(input, country_field, &ignored, &ignored_n) == MCA_FIELD_STRING;
        if (!(code == NULL && country_given && strcmp(rule, "countryRequired") == 0))
            mca_report_rule(r, field, rule);
        return;
    }
    mca_report_normalized(r, field, out);
}
