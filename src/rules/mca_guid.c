/* The GUID rule of customerId and templateId. */
#include "mca_internal.h"
#include "mca_words.h"

#include <string.h>

/* Eight bytes, the first in the lowest bits. */
static uint64_t load_le(const char *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
#if !MCA_LITTLE_ENDIAN
    w = __builtin_bswap64(w);
#endif
    return w;
}

static void store_le(char *s, uint64_t w)
{
#if !MCA_LITTLE_ENDIAN
    w = __builtin_bswap64(w);
#endif
    memcpy(s, &w, 8);
}

/* Bit 7 of each byte of w (all below 0x80) that is in [lo, hi]: adding
 * 0x80 - lo sets it from lo up, adding 0x7f - hi from above hi; no byte
 * carries into the next. */
static uint64_t in_range(uint64_t w, unsigned lo, unsigned hi)
{
    return (w + MCA_ONES * (0x80 - lo)) & ~(w + MCA_ONES * (0x7f - hi)) & MCA_HIGHS;
}

/* Eight bytes of the GUID at s: hex digits where hex (bit 7 of a byte)
 * says, dashes elsewhere; lowered into out. 0 when one is not as it must
 * be. *nonzero collects the digits' bits beyond '0'. */
static inline __attribute__((always_inline)) int guid_word(const char *s, char *out, uint64_t hex, uint64_t *nonzero)
{
    uint64_t w = load_le(s);
    if ((w & MCA_HIGHS) != 0)
        return 0;
    uint64_t alpha = in_range(w | MCA_ONES * 0x20, 'a', 'f');
    uint64_t ok = (in_range(w, '0', '9') | alpha) & hex;
    ok |= in_range(w, '-', '-') & ~hex & MCA_HIGHS;
    if (ok != MCA_HIGHS)
        return 0;
    w |= alpha >> 2; /* 'A'-'F' to 'a'-'f' */
    *nonzero |= (w ^ MCA_ONES * '0') & (hex >> 7) * 0xff;
    store_le(out, w);
    return 1;
}

/* 8-4-4-4-12 hex digits, a dash after each group but the last: read as
 * the words at 0, 8, 16, 24 and 28 (the last two overlap). */
int mca_guid_normalize(const char *s, size_t n, char out[37])
{
    uint64_t nonzero = 0;
    if (s == NULL || n != 36)
        return MCA_GUID_INVALID;
    /* bytes 8 and 13 of the word at 8 are dashes (bits 7 of bytes 0 and
     * 5 clear), bytes 18 and 23 of the word at 16 (bytes 2 and 7) */
    if (!guid_word(s, out, MCA_HIGHS, &nonzero) || !guid_word(s + 8, out + 8, MCA_HIGHS & ~0x0000800000000080u, &nonzero)
        || !guid_word(s + 16, out + 16, MCA_HIGHS & ~0x8000000000800000u, &nonzero)
        || !guid_word(s + 24, out + 24, MCA_HIGHS, &nonzero) || !guid_word(s + 28, out + 28, MCA_HIGHS, &nonzero))
        return MCA_GUID_INVALID;
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
