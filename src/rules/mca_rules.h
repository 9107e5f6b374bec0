/* Field rules shared by the operations. Each returns a rule name that the
 * caller turns into the code "<field>.<rule>" (so "email" and
 * "signatoryEmail" share the rule), or NULL when the value is valid. */
#ifndef MCA_RULES_H
#define MCA_RULES_H

#include <stddef.h>

/* ISO 3166-1 alpha-2, any case; out[3] gets the upper-case code.
 * Rules: "invalid" (not two letters), "unknown" (not an assigned code). */
const char *mca_rule_country(const char *s, size_t n, char out[3]);

/* A culture as Partner Center takes it: language (ISO 639, 2-3 letters),
 * optional script (4 letters), region (ISO 3166-1 alpha-2): nl-NL,
 * zh-Hant-TW. out[16] gets the canonical case form. */
const char *mca_rule_language(const char *s, size_t n, char out[16]);

/* A phone number to E.164 ("+" and at most 15 digits), read as
 * libphonenumber reads it with the numbering plans of every region
 * (mca_phone.c). country (upper-case alpha-2, or NULL) is needed for a
 * national number and gives its international prefix. out[17] gets the
 * E.164 form. *length_checked is set to 1 when the national number was
 * checked against a plan (always, once the number could be read), else 0.
 * Rules: "invalid", "countryRequired", "unknownCallingCode", "tooShort",
 * "tooLong", "invalidForCountry". */
const char *mca_rule_phone(const char *s, size_t n, const char *country, char out[17],
                           int *length_checked);

/* ---- text, email, date and template rules ---- */

/* Returned by a rule that ran out of memory (not a rule of the field: the
 * caller reports input.outOfMemory). Compare the pointer. */
extern const char mca_rule_out_of_memory[];

/* A person's name: trimmed, NFC, 1-100 code points of letters (with their
 * combining marks), spaces, apostrophes (' and U+2019), hyphens (- and
 * U+2010) and periods, at least one letter. Other space characters become
 * U+0020. On success *out is the normalised name, in arena a (*out_n
 * bytes, NUL after).
 * Rules: "invalidUtf8", "required", "controlCharacter", "digit",
 * "invalidCharacter", "noLetter", "tooLong". */
#define MCA_NAME_MAX_CODE_POINTS 100
struct mca_arena;
const char *mca_rule_name(struct mca_arena *a, const char *s, size_t n, char **out, size_t *out_n);

/* A company name: trimmed, NFC, 1-255 code points, no control characters
 * (C0, C1, line and paragraph separators, bidirectional controls). *out as
 * for names. Rules: "invalidUtf8", "required", "controlCharacter", "tooLong". */
#define MCA_COMPANY_MAX_CODE_POINTS 255
const char *mca_rule_company(struct mca_arena *a, const char *s, size_t n, char **out, size_t *out_n);

/* An email address local@domain (see mca_email.c). out[255] gets the
 * address with the domain in lower case and internationalised labels in
 * their xn-- form. Rules: "invalidUtf8", "required", "invalid",
 * "localTooLong", "localInvalid", "domainInvalid", "topLevelInvalid",
 * "tooLong", "idnUnsupported". */
#define MCA_EMAIL_MAX_BYTES 254
#define MCA_EMAIL_LOCAL_MAX_BYTES 64
const char *mca_rule_email(const char *s, size_t n, char out[255]);

/* dateAgreed: ISO-8601 (mca_time.h), out[21] gets YYYY-MM-DDTHH:MM:SSZ.
 * now_ms (may be NULL: no future check) is the caller's clock; a moment
 * later than now plus MCA_DATE_AGREED_SLACK_S is "future". Rules:
 * "invalidUtf8", "invalid", "impossible", "noTimeZone", "future". */
#define MCA_DATE_AGREED_SLACK_S 300
const char *mca_rule_date_agreed(const char *s, size_t n, const double *now_ms, char out[21]);

/* templateId: a GUID naming an MCA template, the current one or one of
 * templates (items of GET /v1/agreements; may be NULL). out[37] gets the
 * lower-case GUID. Rules: "invalid", "zero", "cloudAgreement" (the retired
 * Microsoft Cloud Agreement template), "notCustomerAgreement". */
#define MCA_TEMPLATE_CURRENT "117a77b0-9360-443b-8795-c6dedc750cf9"
#define MCA_TEMPLATE_CLOUD_AGREEMENT "998b88de-aa99-4388-a42c-1b3517d49490"
struct cJSON;
const char *mca_rule_template(const char *s, size_t n, const struct cJSON *templates, char out[37]);
/* The template to use when none is given: the MCA template of highest
 * versionRank among templates, else MCA_TEMPLATE_CURRENT. */
void mca_template_default(const struct cJSON *templates, char out[37]);
/* 1 when code (two upper-case ASCII letters, not NUL-terminated) is an
 * assigned ISO 3166-1 alpha-2 code. */
int mca_country_known(const char code[2]);

/* The sources of the generated rule tables with their versions, e.g.
 * "iso-codes 4.15.0 iso_3166-1.json": countries, languages, phone. */
extern const char mca_source_countries[];
extern const char mca_source_languages[];
extern const char mca_source_phone[];

#endif
