/* Enhanced attestation: validation, the body of step 1
 * (POST /v1/attestations/enhanced) and the body of step 3
 * (POST /v1/customers/{customerId}/agreements with the attestation id). */
#include "mca_internal.h"
#include "mca_rules.h"

static const mca_message_entry messages[] = {
    { "attestationId.invalid", "The attestation ID must be a GUID: 32 hexadecimal digits as 8-4-4-4-12." },
    { "attestationId.invalidUtf8", "The attestation ID contains text that is not valid Unicode (invalid UTF-8 or an unpaired surrogate)." },
    { "attestationId.required", "The attestation ID is required: it is returned when the attestation is created." },
    { "attestationId.type", "The attestation ID must be text." },
    { "attestationId.zero", "The all-zero GUID is not an attestation ID." },
};
MCA_MESSAGE_TABLE(mca_attestation_messages, messages);

/* Step 1 body, in body order. Microsoft confirms companyName, country,
 * language, signatoryFirstName and signatoryLastName. The signatory's email
 * (required) and phone (optional) are listed as prerequisites without
 * published field names: the names below are UNCONFIRMED and this table is
 * the one place to change them. */
static const mca_body_part step1_body[] = {
    { MCA_BODY_FIELD, "companyName", "companyName" },
    { MCA_BODY_FIELD, "country", "country" },
    { MCA_BODY_FIELD, "language", "language" },
    { MCA_BODY_FIELD, "signatoryFirstName", "signatoryFirstName" },
    { MCA_BODY_FIELD, "signatoryLastName", "signatoryLastName" },
    { MCA_BODY_FIELD, "signatoryEmail", "signatoryEmail" },             /* unconfirmed */
    { MCA_BODY_FIELD, "signatoryPhoneNumber", "signatoryPhoneNumber" }, /* unconfirmed; left out when absent */
    { MCA_BODY_END, NULL, NULL },
};

static const char *const known_fields[] = {
    "customerId", "companyName", "country", "language", "signatoryFirstName",
    "signatoryLastName", "signatoryEmail", "signatoryPhoneNumber", NULL
};

/* customerId is validated (step 3 needs it) but is not part of the step 1
 * body: that endpoint is not under /customers/{id}. */
static void validate(mca_report *r, const mca_input *input, const cJSON *options)
{
    (void)options;
    mca_check_guid(r, input, "customerId");
    mca_check_company(r, input, "companyName");
    mca_check_country(r, input, "country", 1);
    mca_check_language(r, input, "language");
    mca_check_name(r, input, "signatoryFirstName");
    mca_check_name(r, input, "signatoryLastName");
    mca_check_email(r, input, "signatoryEmail");
    mca_check_phone(r, input, "signatoryPhoneNumber", "country");
}

const mca_rules mca_attestation_rules = { known_fields, validate, step1_body };

cJSON *mca_op_validate_attestation(const cJSON *input, const cJSON *options)
{
    return mca_run_rules(input, options, &mca_attestation_rules, 0);
}

cJSON *mca_op_build_attestation(const cJSON *input, const cJSON *options)
{
    return mca_run_rules(input, options, &mca_attestation_rules, 1);
}

/* ---- step 3 ---- */

/* The agreement that records the accepted attestation. What this body holds
 * is not published: the property name attestationId is UNCONFIRMED, and
 * whether primaryContact and dateAgreed are still sent is unknown (they are
 * not). This table is the one place that makes the choice. */
static const mca_body_part step3_body[] = {
    { MCA_BODY_FIELD, "templateId", "templateId" },
    { MCA_BODY_CONST, "type", MCA_AGREEMENT_TYPE },
    { MCA_BODY_FIELD, "attestationId", "attestationId" },
    { MCA_BODY_END, NULL, NULL },
};

static const char *const step3_known_fields[] = { "attestationId", "templateId", NULL };

static void validate_step3(mca_report *r, const mca_input *input, const cJSON *options)
{
    mca_check_guid(r, input, "attestationId");
    mca_check_template(r, input, options);
}

static const mca_rules step3_rules = { step3_known_fields, validate_step3, step3_body };

cJSON *mca_op_build_attestation_agreement(const cJSON *input, const cJSON *options)
{
    return mca_run_rules(input, options, &step3_rules, 1);
}
