/* Classic confirmation: validation and the body of
 * POST /v1/customers/{customerId}/agreements. */
#include "mca_internal.h"

static const mca_message_entry messages[] = {
    { "customerId.invalid", "The customer ID must be a GUID: 32 hexadecimal digits as 8-4-4-4-12, like 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0." },
    { "customerId.required", "The customer ID is required." },
    { "customerId.type", "The customer ID must be text." },
    { "customerId.zero", "The all-zero GUID is not a real customer ID; use the customer's Microsoft Entra tenant ID." },
};
MCA_MESSAGE_TABLE(mca_confirmation_messages, messages);

static const char *const known_fields[] = {
    "customerId", "firstName", "lastName", "email", "phoneNumber",
    "dateAgreed", "templateId", "country", NULL
};

static void check_customer_id(mca_report *r, const cJSON *input)
{
    const char *s;
    size_t n;
    char guid[37];
    if (!mca_require_string(r, input, "customerId", &s, &n))
        return;
    switch (mca_guid_normalize(s, n, guid)) {
    case MCA_GUID_OK:
        mca_report_normalized(r, "customerId", guid);
        break;
    case MCA_GUID_ZERO:
        mca_report_error(r, "customerId", "customerId.zero");
        break;
    default:
        mca_report_error(r, "customerId", "customerId.invalid");
        break;
    }
}

cJSON *mca_op_validate_confirmation(const cJSON *input, const cJSON *options)
{
    mca_report r;
    (void)options;
    if (mca_report_init(&r) != 0)
        return NULL;
    check_customer_id(&r, input);
    mca_warn_unknown_fields(&r, input, known_fields);
    cJSON *out = mca_report_take(&r);
    mca_report_fini(&r);
    return out;
}
