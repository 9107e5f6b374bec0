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

/* A phone number to E.164 ("+" and 8-15 digits). country (upper-case
 * alpha-2, or NULL) is needed for a national number. out[17] gets the E.164
 * form. *length_checked is set to 1 when the national number's length and
 * leading digits were checked against the country's plan, else 0 (the
 * caller then warns). */
const char *mca_rule_phone(const char *s, size_t n, const char *country, char out[17],
                           int *length_checked);

/* 1 when code (two upper-case ASCII letters, not NUL-terminated) is an
 * assigned ISO 3166-1 alpha-2 code. */
int mca_country_known(const char code[2]);

/* The sources of the generated rule tables with their versions, e.g.
 * "iso-codes 4.15.0 iso_3166-1.json": countries, languages, phone. */
extern const char mca_source_countries[];
extern const char mca_source_languages[];
extern const char mca_source_phone[];

#endif
