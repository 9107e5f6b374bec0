/* Message lookup. Each module keeps its own sorted table of
 * { code, English text } next to its rules; this file lists the tables and
 * searches them with bsearch. A unit test checks that each table is sorted
 * and that no code appears twice. The UI translates by code. */
#include "mca_internal.h"

#include <stdlib.h>
#include <string.h>

/* The core's own codes: calls and input that cannot be read. */
static const mca_message_entry core_messages[] = {
    { "call.noData", "This operation does not take a byte buffer as its input." },
    { "call.notObject", "The call needs an object: pass the fields as { name: value }." },
    { "call.unknownOperation", "This operation does not exist in the core." },
    { "input.invalidJson", "The input could not be read as JSON." },
    { "input.notObject", "The input must be an object of fields." },
    { "input.notSerializable", "The input cannot be read as data (it refers to itself or holds a value such as a BigInt or a function)." },
    { "input.outOfMemory", "The input is too large to process." },
    { "input.tooDeep", "The input is nested too deeply to be read." },
    { "input.tooLarge", "The input is larger than the core accepts (64 MiB)." },
    { "input.unknownField", "This field is not used and was ignored." },
};
static MCA_MESSAGE_TABLE(core_table, core_messages);

/* Tables of the other modules (each defined next to its rules). */
extern const mca_message_table mca_confirmation_messages;
extern const mca_message_table mca_attestation_messages;
extern const mca_message_table mca_company_messages;
extern const mca_message_table mca_date_agreed_messages;
extern const mca_message_table mca_email_messages;
extern const mca_message_table mca_locale_fields_messages;
extern const mca_message_table mca_name_messages;
extern const mca_message_table mca_template_messages;
extern const mca_message_table mca_scenario_messages;
extern const mca_message_table mca_match_messages;
extern const mca_message_table mca_csv_messages;
extern const mca_message_table mca_qr_messages;
extern const mca_message_table mca_calls_messages;

static const mca_message_table *const tables[] = {
    &core_table,
    &mca_confirmation_messages,
    &mca_attestation_messages,
    &mca_company_messages,
    &mca_date_agreed_messages,
    &mca_email_messages,
    &mca_locale_fields_messages,
    &mca_name_messages,
    &mca_template_messages,
    &mca_scenario_messages,
    &mca_match_messages,
    &mca_csv_messages,
    &mca_qr_messages,
    &mca_calls_messages,
};

static int compare(const void *key, const void *entry)
{
    return strcmp((const char *)key, ((const mca_message_entry *)entry)->code);
}

const char *mca_message(const char *code)
{
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        const mca_message_entry *e = bsearch(code, tables[i]->entries, tables[i]->count,
                                             sizeof tables[i]->entries[0], compare);
        if (e != NULL)
            return e->message;
    }
    return NULL;
}

const mca_message_table *const *mca_message_tables(size_t *count)
{
    *count = sizeof tables / sizeof tables[0];
    return tables;
}
