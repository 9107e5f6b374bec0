/* libFuzzer target of the GUID rule (customerId, templateId): any bytes.
 * Invariants: OK gives the input in lower case (same length, dashes at
 * 8-13-18-23), which normalises to itself; ZERO only for the all-zero GUID;
 * INVALID otherwise; nothing read past n (ASan). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mca.h"

static void fail(const char *what, const char *out)
{
    fprintf(stderr, "\nINVARIANT BROKEN (guid): %s (out \"%.37s\")\n", what, out);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char out[37], again[37];
    int rc = mca_guid_normalize((const char *)data, size, out);
    if (rc != MCA_GUID_OK && rc != MCA_GUID_ZERO && rc != MCA_GUID_INVALID)
        fail("unknown return code", "");
    if (rc == MCA_GUID_INVALID)
        return 0;
    if (size != 36 || out[36] != '\0')
        fail("accepted a value that is not 36 bytes", out);
    for (size_t i = 0; i < 36; i++) {
        int dash = i == 8 || i == 13 || i == 18 || i == 23;
        char c = out[i];
        int ok = dash ? c == '-' : ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
        char lower = (char)(data[i] >= 'A' && data[i] <= 'F' ? data[i] + 32 : data[i]);
        if (!ok || c != lower)
            fail("the normalised form is not the input in lower case", out);
    }
    int zero = strcmp(out, "00000000-0000-0000-0000-000000000000") == 0;
    if ((rc == MCA_GUID_ZERO) != zero)
        fail("ZERO does not match the all-zero GUID", out);
    if (mca_guid_normalize(out, 36, again) != rc || memcmp(out, again, 37) != 0)
        fail("the normalised form does not normalise to itself", out);
    return 0;
}
