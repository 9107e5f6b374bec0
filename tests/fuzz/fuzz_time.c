/* libFuzzer target of the ISO-8601 rules (src/text/mca_time.h).
 * The bytes are parsed with mca_time_parse; an accepted moment is formatted
 * and, when its UTC year is 0001-9999, parses back to the same second.
 * The first 8 bytes, as a signed 64-bit number, are also formatted: any
 * epoch second gives the fixed layout YYYY-MM-DDTHH:MM:SSZ without UB. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mca_time.h"

static void fail(const char *what, const char *text)
{
    fprintf(stderr, "\nINVARIANT BROKEN (time): %s (\"%s\")\n", what, text);
    abort();
}

static void check_layout(const char out[21])
{
    static const char layout[] = "0000-00-00T00:00:00Z";
    for (int i = 0; i < 21; i++) {
        int digit = layout[i] == '0';
        if (digit ? (out[i] < '0' || out[i] > '9') : out[i] != layout[i])
            fail("formatted text is not YYYY-MM-DDTHH:MM:SSZ", out);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int64_t t = 0;
    char out[21];
    int rc = mca_time_parse((const char *)data, size, &t);
    if (rc < MCA_TIME_OK || rc > MCA_TIME_NO_ZONE)
        fail("unknown return code", "");
    if (rc == MCA_TIME_OK) {
        mca_time_format(t, out);
        check_layout(out);
        if (memcmp(out, "0000", 4) != 0 && !(t > 253402300799)) {
            int64_t back = -1;
            if (mca_time_parse(out, 20, &back) != MCA_TIME_OK || back != t)
                fail("the formatted moment does not parse back to the same second", out);
        }
    }
    if (size >= 8) {
        uint64_t u = 0;
        for (int i = 0; i < 8; i++)
            u = u << 8 | data[i];
        int64_t any;
        memcpy(&any, &u, sizeof any);
        mca_time_format(any, out);
        check_layout(out);
    }
    return 0;
}
