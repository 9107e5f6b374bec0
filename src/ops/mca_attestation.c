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

/* Step 1 body: { input field, body field } in body order. Microsoft confirms
 * companyName, country, language, signatoryFirstName and
 * signatoryLastName. The signatory's email (required) and phone (optional)
 * are listed as prerequisites without published field names: the names
 * below are UNCONFIRMED and this table is the one place to change them. */
static const char *const step1_fields[][2] = {
    { "companyName", "companyName" },
    { "country", "country" },
    { "language", "language" },
    { "signatoryFirstName", "signatoryFirstName" },
    { "signatoryLastName", "signatoryLastName" },
    { "signatoryEmail", "signatoryEmail" },                 /* unconfirmed */
    { "signatoryPhoneNumber", "signatoryPhoneNumber" },     /* unconfirmed; left out when absent */
};

static const char *const known_fields[] = {
    "customerId", "companyName", "country", "language", "signatoryFirstName",
    "signatoryLastName", "signatoryEmail", "signatoryPhoneNumber", NULL
};

/* customerId is validated (step 3 needs it) but is not part of the step 1
 * body: that endpoint is not under /customers/{id}. */
static void validate(mca_report *r, const cJSON *input, const cJSON *options)
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
    mca_warn_unknown_fields(r, input, known_fields);
}

cJSON *mca_op_validate_attestation(const cJSON *input, const cJSON *options)
{
    return mca_run_rules(input, options, validate, NULL);
}

static cJSON *step1_payload(const cJSON *normalized)
{
    cJSON *payload = cJSON_CreateObject();
    for (size_t i = 0; payload != NULL && i < sizeof step1_fields / sizeof step1_fields[0]; i++) {
        if (mca_payload_copy(payload, normalized, step1_fields[i][0], step1_fields[i][1]) != 0) {
            cJSON_Delete(payload);
            payload = NULL;
        }
    }
    return payload;
}

cJSON *mca_op_build_attestation(const cJSON *input, const cJSON *options)
{
    return mca_run_rules(input, options, validate, step1_payload);
}

/* ---- step 3 ---- */

/* The agreement that records the accepted attestation. What this body holds
 * is not published: the property name attestationId is UNCONFIRMED, and
 * whether primaryContact and dateAgreed are still sent is unknown (they are
 * not). This function is the one place that makes the choice. */
static cJSON *step3_payload(const cJSON *normalized)
{
    cJSON *payload = cJSON_CreateObject();
    if (payload == NULL || mca_payload_copy(payload, normalized, "templateId", "templateId") != 0
        || cJSON_AddStringToObject(payload, "type", MCA_AGREEMENT_TYPE) == NULL
        || mca_payload_copy(payload, normalized, "attestationId", "attestationId") != 0) {
        cJSON_Delete(payload);
        return NULL;
    }
    return payload;
}

static const char *const step3_known_fields[] = { "attestationId", "templateId", NULL };

static void validate_step3(mca_report *r, const cJSON *input, const cJSON *options)
{
    mca_check_guid(r, input, "attestationId");
    mca_check_template(r, input, options);
    mca_warn_unknown_fields(r, input, step3_known_fields);
}

cJSON *mca_op_build_attestation_agreement(const cJSON *input, const cJSON *options)
{
    return mca_run_rules(input, options, validate_step3, step3_payload);
}
