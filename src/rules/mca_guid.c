/* The GUID rule of customerId and templateId. */
#include "mca_internal.h"

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int mca_guid_normalize(const char *s, size_t n, char out[37])
{
    static const char hex[] = "0123456789abcdef";
    int nonzero = 0;
    if (s == NULL || n != 36)
        return MCA_GUID_INVALID;
    for (size_t i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-')
                return MCA_GUID_INVALID;
            out[i] = '-';
            continue;
        }
        int v = hex_value(s[i]);
        if (v < 0)
            return MCA_GUID_INVALID;
        nonzero |= v;
        out[i] = hex[v];
    }
    out[36] = '\0';
    return nonzero ? MCA_GUID_OK : MCA_GUID_ZERO;
}

void mca_check_guid(mca_report *r, const mca_input *input, const char *field)
{
    const char *s;
    size_t n;
    char guid[37];
    if (!mca_require_string(r, input, field, &s, &n))
        return;
    switch (mca_guid_normalize(s, n, guid)) {
    case MCA_GUID_OK:
        mca_report_normalized(r, field, guid);
        break;
    case MCA_GUID_ZERO:
        mca_report_rule(r, field, "zero");
        break;
    default:
        mca_report_rule(r, field, "invalid");
        break;
    }
}
