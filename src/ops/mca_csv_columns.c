/* Bulk input columns: a CSV header name to the input field name of the
 * chosen flow. Names match case-insensitively, ignoring spaces, hyphens and
 * underscores ("First Name", "first_name", "E-mail"), and common aliases
 * ("tenant id", "phone", "company") map to the field they mean. Each flow
 * has its own sorted table of normalised names, searched with bsearch. */
#include "mca_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct csv_alias {
    const char *key;   /* normalised header: lower-case ASCII, no ' ', '-', '_' */
    const char *field; /* the flow's input field name */
} csv_alias;

/* Classic confirmation: POST /v1/customers/{id}/agreements. Sorted by key. */
static const csv_alias classic_aliases[] = {
    { "acceptancedate", "dateAgreed" },
    { "accepteddate", "dateAgreed" },
    { "agreeddate", "dateAgreed" },
    { "country", "country" },
    { "countrycode", "country" },
    { "customerid", "customerId" },
    { "customertenantid", "customerId" },
    { "date", "dateAgreed" },
    { "dateaccepted", "dateAgreed" },
    { "dateagreed", "dateAgreed" },
    { "email", "email" },
    { "emailaddress", "email" },
    { "familyname", "lastName" },
    { "first", "firstName" },
    { "firstname", "firstName" },
    { "forename", "firstName" },
    { "givenname", "firstName" },
    { "last", "lastName" },
    { "lastname", "lastName" },
    { "mail", "email" },
    { "mobile", "phoneNumber" },
    { "phone", "phoneNumber" },
    { "phonenumber", "phoneNumber" },
    { "surname", "lastName" },
    { "tel", "phoneNumber" },
    { "telephone", "phoneNumber" },
    { "telephonenumber", "phoneNumber" },
    { "template", "templateId" },
    { "templateid", "templateId" },
    { "tenant", "customerId" },
    { "tenantid", "customerId" },
};

/* Enhanced attestation: the signatory's names, e-mail and phone. Sorted by key. */
static const csv_alias enhanced_aliases[] = {
    { "company", "companyName" },
    { "companyname", "companyName" },
    { "country", "country" },
    { "countrycode", "country" },
    { "culture", "language" },
    { "customerid", "customerId" },
    { "customertenantid", "customerId" },
    { "email", "signatoryEmail" },
    { "emailaddress", "signatoryEmail" },
    { "familyname", "signatoryLastName" },
    { "first", "signatoryFirstName" },
    { "firstname", "signatoryFirstName" },
    { "forename", "signatoryFirstName" },
    { "givenname", "signatoryFirstName" },
    { "language", "language" },
    { "last", "signatoryLastName" },
    { "lastname", "signatoryLastName" },
    { "locale", "language" },
    { "mail", "signatoryEmail" },
    { "mobile", "signatoryPhoneNumber" },
    { "organisation", "companyName" },
    { "organisationname", "companyName" },
    { "organization", "companyName" },
    { "organizationname", "companyName" },
    { "phone", "signatoryPhoneNumber" },
    { "phonenumber", "signatoryPhoneNumber" },
    { "signatoryemail", "signatoryEmail" },
    { "signatoryemailaddress", "signatoryEmail" },
    { "signatoryfirstname", "signatoryFirstName" },
    { "signatorylastname", "signatoryLastName" },
    { "signatoryphone", "signatoryPhoneNumber" },
    { "signatoryphonenumber", "signatoryPhoneNumber" },
    { "surname", "signatoryLastName" },
    { "tel", "signatoryPhoneNumber" },
    { "telephone", "signatoryPhoneNumber" },
    { "telephonenumber", "signatoryPhoneNumber" },
    { "tenant", "customerId" },
    { "tenantid", "customerId" },
};

static int compare_alias(const void *key, const void *entry)
{
    return strcmp((const char *)key, ((const csv_alias *)entry)->key);
}

/* Lower-case ASCII without spaces, tabs, hyphens and underscores into out;
 * 0 when the name is too long to be any alias. */
static int normalise_header(const char *s, size_t n, char *out, size_t size)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '-' || c == '_')
            continue;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (k + 1 >= size)
            return 0;
        out[k++] = c;
    }
    out[k] = '\0';
    return 1;
}

const char *mca_csv_field_for_header(int flow, const char *s, size_t n)
{
    char key[48];
    if (!normalise_header(s, n, key, sizeof key))
        return NULL;
    const csv_alias *table = flow == MCA_FLOW_ENHANCED ? enhanced_aliases : classic_aliases;
    size_t count = flow == MCA_FLOW_ENHANCED ? sizeof enhanced_aliases / sizeof enhanced_aliases[0]
                                             : sizeof classic_aliases / sizeof classic_aliases[0];
    const csv_alias *a = bsearch(key, table, count, sizeof table[0], compare_alias);
    return a != NULL ? a->field : NULL;
}

const char *mca_csv_alias_key(int flow, size_t i)
{
    const csv_alias *table = flow == MCA_FLOW_ENHANCED ? enhanced_aliases : classic_aliases;
    size_t count = flow == MCA_FLOW_ENHANCED ? sizeof enhanced_aliases / sizeof enhanced_aliases[0]
                                             : sizeof classic_aliases / sizeof classic_aliases[0];
    return i < count ? table[i].key : NULL;
}
