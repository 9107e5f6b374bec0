/* Wiring of the country, language and phone rules (mca_rules.h) into the
 * operations: read the field, apply the rule, report "<field>.<rule>" or
 * the normalised value. The phone is normalised with the input's country. */
#include <string.h>

#include "mca_internal.h"
#include "mca_rules.h"

static const mca_message_entry messages[] = {
    { "country.invalidUtf8", "The country contains text that is not valid Unicode (invalid UTF-8 or an unpaired surrogate)." },
    { "country.required", "The country is required (ISO 3166-1 alpha-2, like NL)." },
    { "country.type", "The country must be text." },
    { "language.invalidUtf8", "The language contains text that is not valid Unicode (invalid UTF-8 or an unpaired surrogate)." },
    { "language.required", "The language is required (a culture like nl-NL)." },
    { "language.type", "The language must be text." },
    { "phoneNumber.invalidUtf8", "The phone number contains text that is not valid Unicode (invalid UTF-8 or an unpaired surrogate)." },
    { "phoneNumber.lengthNotChecked", "The phone number's length could only be checked against the international maximum for this country." },
    { "phoneNumber.type", "The phone number must be text." },
    { "signatoryPhoneNumber.invalidUtf8", "The signatory's phone number contains text that is not valid Unicode (invalid UTF-8 or an unpaired surrogate)." },
    { "signatoryPhoneNumber.lengthNotChecked", "The signatory's phone number's length could only be checked against the international maximum for this country." },
    { "signatoryPhoneNumber.type", "The signatory's phone number must be text." },
};
MCA_MESSAGE_TABLE(mca_locale_fields_messages, messages);

void mca_check_country(mca_report *r, const cJSON *input, const char *field, int required)
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

void mca_check_language(mca_report *r, const cJSON *input, const char *field)
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
void mca_check_phone(mca_report *r, const cJSON *input, const char *field, const char *country_field)
{
    const char *s, *ignored;
    size_t n, ignored_n;
    char out[17];
    int length_checked = 0;
    if (mca_optional_string(r, input, field, &s, &n) <= 0)
        return;
    const cJSON *country = cJSON_GetObjectItemCaseSensitive(r->normalized, country_field);
    const char *code = cJSON_IsString(country) ? country->valuestring : NULL;
    const char *rule = mca_rule_phone(s, n, code, out, &length_checked);
    if (rule != NULL) {
        int country_given = mca_field_string(input, country_field, &ignored, &ignored_n) == MCA_FIELD_STRING;
        if (!(code == NULL && country_given && strcmp(rule, "countryRequired") == 0))
            mca_report_rule(r, field, rule);
        return;
    }
    mca_report_normalized(r, field, out);
    if (!length_checked)
        mca_report_rule_warning(r, field, "lengthNotChecked");
}
