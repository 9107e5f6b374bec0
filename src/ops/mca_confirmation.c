/* Classic confirmation: validation and the body of
 * POST /v1/customers/{customerId}/agreements. */
#include "mca_internal.h"

static const mca_message_entry messages[] = {
    { "customerId.invalid", "The customer ID must be a GUID: 32 hexadecimal digits as 8-4-4-4-12, like 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0." },
    { "customerId.invalidUtf8", "The customer ID contains text that is not valid Unicode (invalid UTF-8 or an unpaired surrogate)." },
    { "customerId.required", "The customer ID is required." },
    { "customerId.type", "The customer ID must be text." },
    { "customerId.zero", "The all-zero GUID is not a real customer ID; use the customer's Microsoft Entra tenant ID." },
};
MCA_MESSAGE_TABLE(mca_confirmation_messages, messages);

static const char *const known_fields[] = {
    "customerId", "firstName", "lastName", "email", "phoneNumber",
    "dateAgreed", "templateId", "country", NULL
};

static void validate(mca_report *r, const mca_input *input, const cJSON *options)
{
    mca_check_guid(r, input, "customerId");
    mca_check_name(r, input, "firstName");
    mca_check_name(r, input, "lastName");
    mca_check_email(r, input, "email");
    mca_check_country(r, input, "country", 0);
    mca_check_phone(r, input, "phoneNumber", "country");
    mca_check_date_agreed(r, input, options);
    mca_check_template(r, input, options);
}

/* The request body (docs/rules.md, "Request bodies"), from the
 * normalised fields; phoneNumber is left out when absent. */
static const mca_body_part confirmation_body[] = {
    { MCA_BODY_OPEN, "primaryContact", NULL },
    { MCA_BODY_FIELD, "firstName", "firstName" },
    { MCA_BODY_FIELD, "lastName", "lastName" },
    { MCA_BODY_FIELD, "email", "email" },
    { MCA_BODY_FIELD, "phoneNumber", "phoneNumber" },
    { MCA_BODY_CLOSE, NULL, NULL },
    { MCA_BODY_FIELD, "templateId", "templateId" },
    { MCA_BODY_FIELD, "dateAgreed", "dateAgreed" },
    { MCA_BODY_CONST, "type", MCA_AGREEMENT_TYPE },
    { MCA_BODY_END, NULL, NULL },
};

const mca_rules mca_confirmation_rules = { known_fields, validate, confirmation_body };

cJSON *mca_op_validate_confirmation(const cJSON *input, const cJSON *options)
{
    return mca_run_rules(input, options, &mca_confirmation_rules, 0);
}

cJSON *mca_op_build_confirmation(const cJSON *input, const cJSON *options)
{
    return mca_run_rules(input, options, &mca_confirmation_rules, 1);
}
