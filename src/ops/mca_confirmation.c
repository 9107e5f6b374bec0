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

static void validate(mca_report *r, const cJSON *input, const cJSON *options)
{
    mca_check_guid(r, input, "customerId");
    mca_check_name(r, input, "firstName");
    mca_check_name(r, input, "lastName");
    mca_check_email(r, input, "email");
    mca_check_country(r, input, "country", 0);
    mca_check_phone(r, input, "phoneNumber", "country");
    mca_check_date_agreed(r, input, options);
    mca_check_template(r, input, options);
    mca_warn_unknown_fields(r, input, known_fields);
}

cJSON *mca_op_validate_confirmation(const cJSON *input, const cJSON *options)
{
    return mca_run_rules(input, options, validate, NULL);
}

/* The request body (docs/rules.md, "Request bodies"), from the
 * normalised fields; phoneNumber is left out when absent. */
static cJSON *confirmation_payload(const cJSON *normalized)
{
    cJSON *payload = cJSON_CreateObject();
    cJSON *contact = cJSON_AddObjectToObject(payload, "primaryContact");
    if (contact == NULL || mca_payload_copy(contact, normalized, "firstName", "firstName") != 0
        || mca_payload_copy(contact, normalized, "lastName", "lastName") != 0
        || mca_payload_copy(contact, normalized, "email", "email") != 0
        || mca_payload_copy(contact, normalized, "phoneNumber", "phoneNumber") != 0
        || mca_payload_copy(payload, normalized, "templateId", "templateId") != 0
        || mca_payload_copy(payload, normalized, "dateAgreed", "dateAgreed") != 0
        || cJSON_AddStringToObject(payload, "type", MCA_AGREEMENT_TYPE) == NULL) {
        cJSON_Delete(payload);
        return NULL;
    }
    return payload;
}

cJSON *mca_op_build_confirmation(const cJSON *input, const cJSON *options)
{
    return mca_run_rules(input, options, validate, confirmation_payload);
}
