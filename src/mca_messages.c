/* English texts for every stable code the core can emit. Sorted by code
 * (strcmp order) and searched with bsearch; a unit test checks the order.
 * The UI translates by code; these texts are the English originals. */
#include "mca_internal.h"

#include <stdlib.h>
#include <string.h>

static const mca_message_entry messages[] = {
    { "call.notObject", "The call needs an object: pass the fields as { name: value }." },
    { "call.unknownOperation", "This operation does not exist in the core." },
    { "customerId.invalid", "The customer ID must be a GUID: 32 hexadecimal digits as 8-4-4-4-12, like 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0." },
    { "customerId.required", "The customer ID is required." },
    { "customerId.type", "The customer ID must be text." },
    { "customerId.zero", "The all-zero GUID is not a real customer ID; use the customer's Microsoft Entra tenant ID." },
    { "input.invalidJson", "The input could not be read as JSON (it may contain an unpaired surrogate or invalid UTF-8)." },
    { "input.notObject", "The input must be an object of fields." },
    { "input.notSerializable", "The input cannot be read as data (it refers to itself or holds a value such as a BigInt or a function)." },
    { "input.outOfMemory", "The input is too large to process." },
    { "input.tooDeep", "The input is nested too deeply to be read." },
    { "input.tooLarge", "The input is larger than the core accepts (64 MiB)." },
    { "input.unknownField", "This field is not used and was ignored." },
};

static int compare(const void *key, const void *entry)
{
    return strcmp((const char *)key, ((const mca_message_entry *)entry)->code);
}

const char *mca_message(const char *code)
{
    const mca_message_entry *e = bsearch(code, messages, sizeof messages / sizeof messages[0],
                                         sizeof messages[0], compare);
    return e ? e->message : NULL;
}

const mca_message_entry *mca_messages(size_t *count)
{
    *count = sizeof messages / sizeof messages[0];
    return messages;
}
