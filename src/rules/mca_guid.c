/* The GUID rule of customerId and templateId. */
#include "mca_internal.h"

/* The lower-case form of each hex digit; 0 for any other byte. */
static const char hex_lower[256] = {
    ['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4', ['5'] = '5', ['6'] = '6',
    ['7'] = '7', ['8'] = '8', ['9'] = '9', ['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd',
    ['e'] = 'e', ['f'] = 'f', ['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e',
    ['F'] = 'f',
};

int mca_guid_normalize(const char *s, size_t n, char out[37])
{
    int nonzero = 0;
    if (s == NULL || n != 36)
        return MCA_GUID_INVALID;
    static const unsigned char group_end[] = { 8, 13, 18, 23, 36 }; /* a dash after each but the last */
    size_t i = 0;
    for (size_t g = 0; g < sizeof group_end; g++) {
        for (; i < group_end[g]; i++) {
            char c = hex_lower[(unsigned char)s[i]];
            if (c == 0)
                return MCA_GUID_INVALID;
            nonzero |= c ^ '0';
            out[i] = c;
        }
        if (i < 36) {
            if (s[i] != '-')
                return MCA_GUID_INVALID;
            out[i++] = '-';
        }
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
