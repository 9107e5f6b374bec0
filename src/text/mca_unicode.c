/* Strict UTF-8, character classes and Unicode Normalization Form C
 * (UAX #15: full canonical decomposition, canonical ordering, canonical
 * composition), over the tables generated from the Unicode Character
 * Database. */
#include "mca_unicode.h"

#include <stdlib.h>

#include "mca_internal.h"
#include "mca_words.h"

int mca_utf8_valid(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t len;
        uint32_t cp, min;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xc2 && c <= 0xdf) {
            len = 2, cp = c & 0x1f, min = 0x80;
        } else if (c >= 0xe0 && c <= 0xef) {
            len = 3, cp = c & 0x0f, min = 0x800;
        } else if (c >= 0xf0 && c <= 0xf4) {
            len = 4, cp = c & 0x07, min = 0x10000;
        } else {
            return 0;
        }
        if (n - i < len)
            return 0;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return 0;
            cp = cp << 6 | (s[i + k] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
        i += len;
    }
    return 1;
}

uint32_t mca_utf8_next(const char *str, size_t n, size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    uint32_t c = s[*i];
    size_t len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    static const unsigned char lead_mask[] = { 0, 0x7f, 0x1f, 0x0f, 0x07 };
    uint32_t cp = c & lead_mask[len];
    for (size_t k = 1; k < len && *i + k < n; k++)
        cp = cp << 6 | (s[*i + k] & 0x3f);
    *i += len;
    return cp;
}

size_t mca_utf8_put(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xc0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xe0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        out[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
    out[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

size_t mca_utf8_count(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += ((unsigned char)s[i] & 0xc0) != 0x80;
    return count;
}

/* Entry i of a table of count entries stored as byte planes, the least
 * significant first: byte k of entry i at table[k * count + i] (the planes
 * compress better than the words). planes (1 to 4) is a constant at every
 * call, which leaves the loads and shifts of its bytes only; the entry is
 * a size_t (32 bits suffice), which an index into a table needs as it is. */
static inline size_t plane_entry(const uint8_t *table, size_t count, unsigned planes, size_t i)
{
    size_t v = table[i];
    if (planes > 1)
        v |= (size_t)table[count + i] << 8;
    if (planes > 2)
        v |= (size_t)table[2 * count + i] << 16;
    if (planes > 3)
        v |= (size_t)table[3 * count + i] << 24;
    return v;
}

/* The value of the last run starting at or before cp in a table of runs
 * (start << 8 | value) in four byte planes: the value is plane 0, the
 * start planes 1 to 3. */
static unsigned run_value(const uint8_t *table, size_t count, uint32_t cp)
{
    size_t lo = 0, hi = count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (plane_entry(table + count, count, 3, mid) <= cp)
            lo = mid;
        else
            hi = mid;
    }
    return table[lo];
}

unsigned mca_unicode_ccc_of(uint32_t cp)
{
    return run_value(mca_unicode_ccc, mca_unicode_ccc_count, cp);
}

unsigned mca_unicode_joining_type(uint32_t cp)
{
    unsigned jt = run_value(mca_unicode_joining, mca_unicode_joining_count, cp);
    if (jt == MCA_JT_U && (mca_unicode_class(cp) & MCA_UC_CLASS_MASK) == MCA_UC_MARK)
        return MCA_JT_T;
    return jt;
}

int mca_unicode_is_space(uint32_t cp)
{
    if ((cp >= 0x09 && cp <= 0x0d) || cp == 0x85 || cp == 0x2028 || cp == 0x2029)
        return 1;
    return (mca_unicode_class(cp) & MCA_UC_CLASS_MASK) == MCA_UC_SPACE;
}

/* A printable ASCII byte: no white space by any definition (the common
 * first and last byte of a value, decided without the tables). */
static int ascii_graphic(char c)
{
    return (unsigned char)c > 0x20 && (unsigned char)c < 0x7f;
}

/* The trim of a value that may begin or end with white space. */
static __attribute__((noinline)) const char *trim_spaces(const char *s, size_t *n)
{
    size_t start = 0, end = *n;
    while (start < end) {
        size_t i = start;
        if (!mca_unicode_is_space(mca_utf8_next(s, end, &i)))
            break;
        start = i;
    }
    while (end > start) {
        size_t i = end - 1;
        while (i > start && ((unsigned char)s[i] & 0xc0) == 0x80)
            i--;
        size_t j = i;
        if (!mca_unicode_is_space(mca_utf8_next(s, end, &j)))
            break;
        end = i;
    }
    *n = end - start;
    return s + start;
}

const char *mca_utf8_trim(const char *s, size_t *n)
{
    if (*n > 0 && ascii_graphic(s[0]) && ascii_graphic(s[*n - 1]))
        return s;
    return trim_spaces(s, n);
}

const char *mca_utf8_begin(const char **s, size_t *n)
{
    if (!mca_utf8_valid(*s, *n))
        return "invalidUtf8";
    *s = mca_utf8_trim(*s, n);
    return *n == 0 ? "required" : NULL;
}

/* ---- NFC ---- */

enum { S_BASE = 0xac00, L_BASE = 0x1100, V_BASE = 0x1161, T_BASE = 0x11a7,
       L_COUNT = 19, V_COUNT = 21, T_COUNT = 28, N_COUNT = V_COUNT * T_COUNT,
       S_COUNT = L_COUNT * N_COUNT };

#define RUN_START(v) ((v) >> 12)
#define RUN_ENTRY(v) ((size_t)((v) & 0xfff))

/* Run i of mca_unicode_decomp_runs (four byte planes). */
static inline uint32_t decomp_run(size_t i)
{
    return (uint32_t)plane_entry(mca_unicode_decomp_runs, mca_unicode_decomp_runs_count, 4, i);
}

/* The decomposition entry of cp, or -1 when cp has none. */
static long decomp_entry(uint32_t cp)
{
    size_t lo = 0, hi = mca_unicode_decomp_runs_count;
    if (hi == 0 || RUN_START(decomp_run(0)) > cp)
        return -1;
    while (hi - lo > 1) { /* the last run starting at or before cp */
        size_t mid = lo + (hi - lo) / 2;
        if (RUN_START(decomp_run(mid)) <= cp)
            lo = mid;
        else
            hi = mid;
    }
    size_t entry = RUN_ENTRY(decomp_run(lo)) + (cp - RUN_START(decomp_run(lo)));
    size_t end = lo + 1 < mca_unicode_decomp_runs_count ? RUN_ENTRY(decomp_run(lo + 1)) : mca_unicode_decomp_count;
    return entry < end ? (long)entry : -1;
}

/* The code point of decomposition entry i. */
static uint32_t decomp_cp(size_t i)
{
    size_t lo = 0, hi = mca_unicode_decomp_runs_count;
    while (hi - lo > 1) { /* the last run whose first entry is at or before i */
        size_t mid = lo + (hi - lo) / 2;
        if (RUN_ENTRY(decomp_run(mid)) <= i)
            lo = mid;
        else
            hi = mid;
    }
    return RUN_START(decomp_run(lo)) + (uint32_t)(i - RUN_ENTRY(decomp_run(lo)));
}

/* The first code point of decomposition entry i (three byte planes). */
static uint32_t decomp_first(size_t i)
{
    return (uint32_t)plane_entry(mca_unicode_decomp_first, mca_unicode_decomp_count, 3, i);
}

static uint32_t decomp_second(size_t i)
{
    return mca_unicode_decomp_marks[mca_unicode_decomp_second[i]];
}

/* Appends the full canonical decomposition of cp to out[*len] (room for
 * cap code points); the tables bound its length to 4. */
static void decompose(uint32_t cp, uint32_t *out, size_t *len, size_t cap, int depth)
{
    if (cp >= S_BASE && cp < S_BASE + S_COUNT) {
        uint32_t s = cp - S_BASE, t = s % T_COUNT;
        if (*len + 3 <= cap) {
            out[(*len)++] = L_BASE + s / N_COUNT;
            out[(*len)++] = V_BASE + s % N_COUNT / T_COUNT;
            if (t != 0)
                out[(*len)++] = T_BASE + t;
        }
        return;
    }
    long e = depth < 8 ? decomp_entry(cp) : -1;
    if (e < 0) {
        if (*len < cap)
            out[(*len)++] = cp;
        return;
    }
    decompose(decomp_first((size_t)e), out, len, cap, depth + 1);
    if (decomp_second((size_t)e) != 0)
        decompose(decomp_second((size_t)e), out, len, cap, depth + 1);
}

/* Stable sort of each run of non-starters by combining class. */
static void canonical_order(uint32_t *cps, unsigned char *cc, size_t len)
{
    for (size_t i = 1; i < len; i++) {
        for (size_t j = i; j > 0 && cc[j] != 0 && cc[j - 1] > cc[j]; j--) {
            uint32_t t = cps[j];
            unsigned char tc = cc[j];
            cps[j] = cps[j - 1], cc[j] = cc[j - 1];
            cps[j - 1] = t, cc[j - 1] = tc;
        }
    }
}

static int compare_pair(uint32_t a, uint32_t b, size_t i)
{
    uint32_t ea = decomp_first(i), eb = decomp_second(i);
    if (a != ea)
        return a < ea ? -1 : 1;
    return b < eb ? -1 : b > eb;
}

/* The primary composite of a + b, or 0 when there is none. */
static uint32_t compose_pair(uint32_t a, uint32_t b)
{
    if (a >= L_BASE && a < L_BASE + L_COUNT && b >= V_BASE && b < V_BASE + V_COUNT)
        return S_BASE + ((a - L_BASE) * V_COUNT + (b - V_BASE)) * T_COUNT;
    if (a >= S_BASE && a < S_BASE + S_COUNT && (a - S_BASE) % T_COUNT == 0 && b > T_BASE
        && b < T_BASE + T_COUNT)
        return a + (b - T_BASE);
    size_t lo = 0, hi = mca_unicode_compose_count;
    while (lo < hi) {
        /* the decomposition entry of pair mid (two byte planes) */
        size_t mid = lo + (hi - lo) / 2, e = plane_entry(mca_unicode_compose, mca_unicode_compose_count, 2, mid);
        int c = compare_pair(a, b, e);
        if (c == 0)
            return decomp_cp(e);
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

/* Canonical composition in place; returns the new length. */
static size_t canonical_compose(uint32_t *cps, const unsigned char *cc, size_t len)
{
    size_t w = 0, starter = SIZE_MAX;
    int last = -1; /* class of the last character kept after the starter; -1: none */
    for (size_t i = 0; i < len; i++) {
        uint32_t c = cps[i];
        int klass = cc[i];
        if (starter != SIZE_MAX && (last == -1 || (last != 0 && last < klass))) {
            uint32_t composite = compose_pair(cps[starter], c);
            if (composite != 0) {
                cps[starter] = composite;
                continue;
            }
        }
        if (klass == 0) {
            starter = w;
            last = -1;
        } else {
            last = klass;
        }
        cps[w++] = c;
    }
    return w;
}

/* 1 when cp is NFC_QC=Yes with combining class 0. */
static int nfc_yes(uint32_t cp)
{
    if (cp < mca_unicode_nfc_quick_below)
        return 1;
    if (cp >= 0x40000)
        return 0; /* not in the table: the full normalisation answers */
    unsigned byte = mca_unicode_nfc_yes_blocks[mca_unicode_nfc_yes_index[cp >> 7] * 16u + (cp & 127) / 8];
    return byte >> (cp & 7) & 1;
}

/* 1 when s is already in NFC by the quick check: only code points that are
 * NFC_QC=Yes with combining class 0 (all Latin-1, precomposed letters and
 * most text of any script). */
int mca_nfc_quick(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    for (;;) {
        i = mca_first_high(u, i, n);
        if (i >= n)
            return 1;
        uint32_t cp;
        if (u[i] < 0xe0 && n - i >= 2) { /* two bytes, as mca_utf8_next reads them */
            cp = (uint32_t)(u[i] & 0x1f) << 6 | (u[i + 1] & 0x3f);
            i += 2;
        } else {
            cp = mca_utf8_next(s, n, &i);
        }
        if (!nfc_yes(cp))
            return 0;
    }
}

int mca_nfc_in(mca_arena *a, const char *s, size_t n, char **out, size_t *out_n)
{
    if (mca_nfc_quick(s, n)) {
        *out = mca_arena_strndup(a, s, n);
        *out_n = n;
        return *out != NULL ? 0 : -1;
    }
    size_t cap = n * 4 + 4, len = 0;
    if (cap > ((size_t)-1 - 1) / 4 / sizeof(uint32_t))
        return -1;
    uint32_t *cps = mca_arena_alloc(a, cap * sizeof *cps);
    unsigned char *cc = mca_arena_alloc(a, cap);
    if (cps == NULL || cc == NULL)
        return -1;
    for (size_t i = 0; i < n;)
        decompose(mca_utf8_next(s, n, &i), cps, &len, cap, 0);
    for (size_t i = 0; i < len; i++)
        cc[i] = (unsigned char)mca_unicode_ccc_of(cps[i]);
    canonical_order(cps, cc, len);
    len = canonical_compose(cps, cc, len);
    /* The working memory stays in the arena until the caller gives it back. */
    char *text = mca_arena_alloc(a, len * 4 + 1);
    if (text == NULL)
        return -1;
    size_t w = 0;
    for (size_t i = 0; i < len; i++)
        w += mca_utf8_put(cps[i], text + w);
    text[w] = '\0';
    *out = text;
    *out_n = w;
    return 0;
}

int mca_nfc(const char *s, size_t n, char **out, size_t *out_n)
{
    mca_arena a;
    char *text;
    size_t len;
    mca_arena_init(&a);
    int status = mca_nfc_in(&a, s, n, &text, &len);
    *out = status == 0 ? mca_strndup(text, len) : NULL;
    *out_n = status == 0 ? len : 0;
    mca_arena_fini(&a);
    return *out != NULL ? 0 : -1;
}
