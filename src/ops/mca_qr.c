/* QR Code Model 2 encoder (ISO/IEC 18004): numeric, alphanumeric and byte
 * (UTF-8) mode, versions 1-40, error correction levels L/M/Q/H, Reed-Solomon
 * over GF(256), all eight masks scored with the standard penalty rules.
 *
 * The symbol is built in a grid of size*size bytes (row-major, 1 = dark):
 * function patterns first (finders, separators, timing, alignment, reserved
 * format/version areas, dark module), then the interleaved data and ECC
 * codewords in the two-column zigzag, then each mask is tried with its format
 * bits and the one with the lowest penalty is kept.
 *
 * The whole text goes into one segment in the densest mode that holds every
 * character (numeric, else alphanumeric, else byte). Byte mode carries the
 * UTF-8 bytes as they are. Text with a non-ASCII character is preceded by
 * the ECI designator 26 (UTF-8), since byte mode otherwise means ISO-8859-1
 * and readers guess; ASCII text (the acceptance link) has no ECI header, for
 * the widest reader support. */
#include "mca_internal.h"
#include "mca_unicode.h"

#include <stdlib.h>
#include <string.h>

static const mca_message_entry qr_messages[] = {
    { "border.invalid", "The quiet zone must be a whole number of modules from 0 to 16." },
    { "ecc.invalid", "The error correction level must be L, M, Q or H." },
    { "minVersion.invalid", "The minimum QR version must be a whole number from 1 to 40." },
    { "text.invalidUtf8", "The text is not valid Unicode: it holds invalid UTF-8, an unpaired surrogate or a NUL character." },
    { "text.required", "There is no text to put in the QR code." },
    { "text.tooLong", "The text does not fit in a QR code (version 40) at this error correction level; use a lower level or a shorter text." },
    { "text.type", "The text for the QR code must be a string." },
};
MCA_MESSAGE_TABLE(mca_qr_messages, qr_messages);

/* ---- tables of ISO/IEC 18004 (Table 9), index [ecc][version] ---- */
static const int8_t ecc_per_block[4][41] = {
    { -1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30 },
    { -1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28 },
    { -1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30 },
    { -1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30 },
};
static const int8_t ecc_blocks[4][41] = {
    { -1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25 },
    { -1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49 },
    { -1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68 },
    { -1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81 },
};

enum { QR_MODE_NUMERIC = 0, QR_MODE_ALNUM = 1, QR_MODE_BYTE = 2, QR_MODE_UTF8 = 3 };
enum { QR_ECI_UTF8 = 26, QR_ECI_BITS = 12 /* mode 0111 + 8-bit designator */ };
static const char alnum_chars[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/* ---- GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1 ---- */
static uint8_t gf_mul(uint8_t x, uint8_t y)
{
    unsigned z = 0;
    for (int i = 7; i >= 0; i--) {
        z = (z << 1) ^ ((z >> 7) * 0x11Du);
        z ^= ((y >> i) & 1u) * x;
    }
    return (uint8_t)z;
}

void mca_qr_rs_generator(int degree, uint8_t *gen)
{
    /* Coefficients from highest to lowest power, leading 1 omitted:
     * the product of (x - a^i) for i in 0..degree-1. */
    memset(gen, 0, (size_t)degree);
    gen[degree - 1] = 1;
    uint8_t root = 1;
    for (int i = 0; i < degree; i++) {
        for (int j = 0; j < degree; j++) {
            gen[j] = gf_mul(gen[j], root);
            if (j + 1 < degree)
                gen[j] ^= gen[j + 1];
        }
        root = gf_mul(root, 0x02);
    }
}

void mca_qr_rs_remainder(const uint8_t *data, size_t n, const uint8_t *gen, int degree, uint8_t *out)
{
    memset(out, 0, (size_t)degree);
    for (size_t i = 0; i < n; i++) {
        uint8_t factor = data[i] ^ out[0];
        memmove(out, out + 1, (size_t)degree - 1);
        out[degree - 1] = 0;
        for (int j = 0; j < degree; j++)
            out[j] ^= gf_mul(gen[j], factor);
    }
}

/* ---- BCH-coded format and version information ---- */
uint32_t mca_qr_format_bits(int ecc, int mask)
{
    static const uint32_t ecc_bits[4] = { 1, 0, 3, 2 }; /* L M Q H */
    uint32_t data = ecc_bits[ecc] << 3 | (uint32_t)mask;
    uint32_t rem = data;
    for (int i = 0; i < 10; i++)
        rem = (rem << 1) ^ ((rem >> 9) * 0x537u);
    return ((data << 10) | (rem & 0x3FFu)) ^ 0x5412u;
}

uint32_t mca_qr_version_bits(int version)
{
    uint32_t rem = (uint32_t)version;
    for (int i = 0; i < 12; i++)
        rem = (rem << 1) ^ ((rem >> 11) * 0x1F25u);
    return (uint32_t)version << 12 | (rem & 0xFFFu);
}

/* ---- capacities ---- */
static int raw_data_modules(int ver)
{
    int result = (16 * ver + 128) * ver + 64;
    if (ver >= 2) {
        int align = ver / 7 + 2;
        result -= (25 * align - 10) * align - 55;
        if (ver >= 7)
            result -= 36;
    }
    return result;
}

int mca_qr_data_codewords(int version, int ecc)
{
    return raw_data_modules(version) / 8 - ecc_per_block[ecc][version] * ecc_blocks[ecc][version];
}

static int count_bits(int mode, int ver)
{
    static const int bits[3][3] = { { 10, 12, 14 }, { 9, 11, 13 }, { 8, 16, 16 } };
    return bits[mode][ver <= 9 ? 0 : ver <= 26 ? 1 : 2];
}

static int pick_mode(const char *s, size_t n)
{
    int mode = QR_MODE_NUMERIC;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            continue;
        if (s[i] == '\0' || strchr(alnum_chars, s[i]) == NULL) {
            for (size_t k = i; k < n; k++)
                if ((unsigned char)s[k] >= 0x80)
                    return QR_MODE_UTF8;
            return QR_MODE_BYTE;
        }
        mode = QR_MODE_ALNUM;
    }
    return mode;
}

/* Bits the segment takes at this version (header and data), or -1 when the
 * character count does not fit its field. */
static long segment_bits(int mode, size_t n, int ver)
{
    if (mode == QR_MODE_UTF8) {
        long bits = segment_bits(QR_MODE_BYTE, n, ver);
        return bits < 0 ? -1 : bits + QR_ECI_BITS;
    }
    int cbits = count_bits(mode, ver);
    if (n >= ((size_t)1 << cbits))
        return -1;
    long data = mode == QR_MODE_NUMERIC ? (long)(n / 3 * 10 + (n % 3 ? n % 3 * 3 + 1 : 0))
              : mode == QR_MODE_ALNUM   ? (long)(n / 2 * 11 + (n % 2) * 6)
                                        : (long)n * 8;
    return 4 + cbits + data;
}

/* ---- bit buffer ---- */
typedef struct bitbuf {
    uint8_t *bytes;
    size_t bits;
} bitbuf;

static void put_bits(bitbuf *b, uint32_t value, int count)
{
    for (int i = count - 1; i >= 0; i--, b->bits++)
        if ((value >> i) & 1u)
            b->bytes[b->bits >> 3] |= (uint8_t)(0x80u >> (b->bits & 7));
}

static void put_segment(bitbuf *b, int mode, const char *s, size_t n, int ver)
{
    if (mode == QR_MODE_UTF8) {
        put_bits(b, 7, 4); /* ECI */
        put_bits(b, QR_ECI_UTF8, 8);
        mode = QR_MODE_BYTE;
    }
    put_bits(b, 1u << mode, 4);
    put_bits(b, (uint32_t)n, count_bits(mode, ver));
    if (mode == QR_MODE_BYTE) {
        for (size_t i = 0; i < n; i++)
            put_bits(b, (unsigned char)s[i], 8);
    } else if (mode == QR_MODE_NUMERIC) {
        for (size_t i = 0; i < n; i += 3) {
            size_t k = n - i < 3 ? n - i : 3;
            uint32_t v = 0;
            for (size_t j = 0; j < k; j++)
                v = v * 10 + (uint32_t)(s[i + j] - '0');
            put_bits(b, v, (int)k * 3 + 1);
        }
    } else {
        for (size_t i = 0; i < n; i += 2) {
            uint32_t v = (uint32_t)(strchr(alnum_chars, s[i]) - alnum_chars);
            if (i + 1 < n)
                put_bits(b, v * 45 + (uint32_t)(strchr(alnum_chars, s[i + 1]) - alnum_chars), 11);
            else
                put_bits(b, v, 6);
        }
    }
}

/* Fills data[capacity] with the segment, terminator and pad codewords. */
static void encode_data(const char *s, size_t n, int mode, int ver, uint8_t *data, int capacity)
{
    bitbuf b = { data, 0 };
    size_t cap_bits = (size_t)capacity * 8;
    memset(data, 0, (size_t)capacity);
    put_segment(&b, mode, s, n, ver);
    b.bits += cap_bits - b.bits < 4 ? cap_bits - b.bits : 4; /* terminator */
    b.bits = (b.bits + 7) & ~(size_t)7;
    for (uint8_t pad = 0xEC; b.bits < cap_bits; pad ^= 0xEC ^ 0x11, b.bits += 8)
        data[b.bits >> 3] = pad;
}

int mca_qr_data_bytes(const char *s, size_t n, int version, int ecc, uint8_t *out)
{
    int mode = pick_mode(s, n);
    long bits = segment_bits(mode, n, version);
    int capacity = mca_qr_data_codewords(version, ecc);
    if (bits < 0 || bits > (long)capacity * 8)
        return -1;
    encode_data(s, n, mode, version, out, capacity);
    return capacity;
}

/* Splits data into blocks, appends each block's ECC and interleaves them
 * into out (raw_data_modules / 8 codewords). */
static void interleave(const uint8_t *data, int ver, int ecc, uint8_t *out)
{
    int blocks = ecc_blocks[ecc][ver], ecc_len = ecc_per_block[ecc][ver];
    int raw = raw_data_modules(ver) / 8;
    int short_blocks = blocks - raw % blocks, short_len = raw / blocks - ecc_len;
    int data_total = raw - blocks * ecc_len;
    uint8_t gen[30], rem[30];
    mca_qr_rs_generator(ecc_len, gen);
    for (int b = 0, start = 0; b < blocks; b++) {
        int len = short_len + (b >= short_blocks);
        for (int i = 0; i < len; i++) {
            /* Short blocks skip the last data row of the interleave. */
            int row = i, pos = row * blocks + b - (row == short_len ? short_blocks : 0);
            out[pos] = data[start + i];
        }
        mca_qr_rs_remainder(data + start, (size_t)len, gen, ecc_len, rem);
        for (int i = 0; i < ecc_len; i++)
            out[data_total + i * blocks + b] = rem[i];
        start += len;
    }
}

/* ---- the grid ---- */
typedef struct qr_grid {
    int size;
    uint8_t *dark;     /* size*size: 1 = dark */
    uint8_t *function; /* size*size: 1 = function pattern (not data) */
} qr_grid;

static void set_fn(qr_grid *g, int x, int y, int dark)
{
    g->dark[y * g->size + x] = (uint8_t)(dark != 0);
    g->function[y * g->size + x] = 1;
}

static void draw_finder(qr_grid *g, int cx, int cy)
{
    for (int dy = -4; dy <= 4; dy++)
        for (int dx = -4; dx <= 4; dx++) {
            int x = cx + dx, y = cy + dy;
            int d = abs(dx) > abs(dy) ? abs(dx) : abs(dy);
            if (x >= 0 && x < g->size && y >= 0 && y < g->size)
                set_fn(g, x, y, d != 2 && d != 4);
        }
}

static void draw_alignment(qr_grid *g, int cx, int cy)
{
    for (int dy = -2; dy <= 2; dy++)
        for (int dx = -2; dx <= 2; dx++) {
            int d = abs(dx) > abs(dy) ? abs(dx) : abs(dy);
            set_fn(g, cx + dx, cy + dy, d != 1);
        }
}

/* Centre coordinates of the alignment patterns; returns their count. */
int mca_qr_alignment_positions(int ver, int out[7])
{
    if (ver == 1)
        return 0;
    int count = ver / 7 + 2, size = ver * 4 + 17;
    int step = ver == 32 ? 26 : (ver * 4 + count * 2 + 1) / (count * 2 - 2) * 2;
    out[0] = 6;
    for (int i = count - 1, pos = size - 7; i >= 1; i--, pos -= step)
        out[i] = pos;
    return count;
}

static void draw_format(qr_grid *g, int ecc, int mask)
{
    uint32_t bits = mca_qr_format_bits(ecc, mask);
    int n = g->size;
    for (int i = 0; i <= 5; i++)
        set_fn(g, 8, i, (bits >> i) & 1u);
    set_fn(g, 8, 7, (bits >> 6) & 1u);
    set_fn(g, 8, 8, (bits >> 7) & 1u);
    set_fn(g, 7, 8, (bits >> 8) & 1u);
    for (int i = 9; i < 15; i++)
        set_fn(g, 14 - i, 8, (bits >> i) & 1u);
    for (int i = 0; i < 8; i++)
        set_fn(g, n - 1 - i, 8, (bits >> i) & 1u);
    for (int i = 8; i < 15; i++)
        set_fn(g, 8, n - 15 + i, (bits >> i) & 1u);
    set_fn(g, 8, n - 8, 1); /* the dark module */
}

static void draw_function_patterns(qr_grid *g, int ver)
{
    int n = g->size, pos[7];
    for (int i = 0; i < n; i++) {
        set_fn(g, 6, i, i % 2 == 0);
        set_fn(g, i, 6, i % 2 == 0);
    }
    draw_finder(g, 3, 3);
    draw_finder(g, n - 4, 3);
    draw_finder(g, 3, n - 4);
    int count = mca_qr_alignment_positions(ver, pos);
    for (int i = 0; i < count; i++)
        for (int j = 0; j < count; j++)
            if (!((i == 0 && j == 0) || (i == 0 && j == count - 1) || (i == count - 1 && j == 0)))
                draw_alignment(g, pos[i], pos[j]);
    draw_format(g, 0, 0); /* reserves the area; redrawn per mask */
    if (ver >= 7) {
        uint32_t bits = mca_qr_version_bits(ver);
        for (int i = 0; i < 18; i++) {
            int a = n - 11 + i % 3, b = i / 3, bit = (bits >> i) & 1u;
            set_fn(g, a, b, bit);
            set_fn(g, b, a, bit);
        }
    }
}

static void place_codewords(qr_grid *g, const uint8_t *cw, size_t count)
{
    int n = g->size;
    size_t i = 0;
    for (int right = n - 1; right >= 1; right -= 2) {
        if (right == 6)
            right = 5; /* skip the vertical timing column */
        int upward = ((right + 1) & 2) == 0;
        for (int v = 0; v < n; v++)
            for (int j = 0; j < 2; j++) {
                int x = right - j, y = upward ? n - 1 - v : v;
                if (g->function[y * n + x] || i >= count * 8)
                    continue;
                g->dark[y * n + x] = (cw[i >> 3] >> (7 - (i & 7))) & 1u;
                i++;
            }
    }
}

static int mask_bit(int mask, int y, int x)
{
    switch (mask) {
    case 0: return (y + x) % 2 == 0;
    case 1: return y % 2 == 0;
    case 2: return x % 3 == 0;
    case 3: return (y + x) % 3 == 0;
    case 4: return (y / 2 + x / 3) % 2 == 0;
    case 5: return (y * x) % 2 + (y * x) % 3 == 0;
    case 6: return ((y * x) % 2 + (y * x) % 3) % 2 == 0;
    default: return ((y + x) % 2 + (y * x) % 3) % 2 == 0;
    }
}

/* XORs the mask over the data modules (applying it twice undoes it). */
static void apply_mask(qr_grid *g, int mask)
{
    for (int y = 0; y < g->size; y++)
        for (int x = 0; x < g->size; x++)
            if (!g->function[y * g->size + x] && mask_bit(mask, y, x))
                g->dark[y * g->size + x] ^= 1;
}

/* ---- penalty (ISO/IEC 18004 7.8.3: N1=3, N2=3, N3=40, N4=10) ---- */
static int light_span(const uint8_t *m, int size, int step, int from, int to)
{
    /* Modules outside the symbol count as light (the quiet zone). */
    for (int i = from < 0 ? 0 : from; i < to && i < size; i++)
        if (m[i * step])
            return 0;
    return 1;
}

static long penalty_line(const uint8_t *m, int size, int step)
{
    static const uint8_t finder[7] = { 1, 0, 1, 1, 1, 0, 1 };
    long score = 0;
    int run = 1;
    for (int i = 1; i <= size; i++) {
        if (i < size && m[i * step] == m[(i - 1) * step]) {
            run++;
            continue;
        }
        if (run >= 5)
            score += 3 + (run - 5);
        run = 1;
    }
    /* A 1:1:3:1:1 dark-light-dark pattern with four light modules before
     * or after it looks like a finder pattern. */
    for (int i = 0; i + 7 <= size; i++) {
        int k = 0;
        while (k < 7 && m[(i + k) * step] == finder[k])
            k++;
        if (k == 7 && (light_span(m, size, step, i - 4, i) || light_span(m, size, step, i + 7, i + 11)))
            score += 40;
    }
    return score;
}

long mca_qr_penalty(const uint8_t *m, int size)
{
    long score = 0, dark = 0, total = (long)size * size;
    for (int i = 0; i < size; i++) {
        score += penalty_line(m + i * size, size, 1);
        score += penalty_line(m + i, size, size);
    }
    for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++) {
            uint8_t c = m[y * size + x];
            dark += c;
            if (x + 1 < size && y + 1 < size && c == m[y * size + x + 1]
                && c == m[(y + 1) * size + x] && c == m[(y + 1) * size + x + 1])
                score += 3;
        }
    long deviation = dark * 2 - total;
    if (deviation < 0)
        deviation = -deviation;
    return score + deviation * 10 / total * 10;
}

/* ---- the encoder ---- */
static int pick_version(size_t n, int mode, int ecc, int min_version)
{
    for (int v = min_version; v <= 40; v++) {
        long bits = segment_bits(mode, n, v);
        if (bits >= 0 && bits <= (long)mca_qr_data_codewords(v, ecc) * 8)
            return v;
    }
    return 0;
}

/* Draws the symbol into g and returns its mask (force_mask, or the
 * lowest-penalty one when force_mask is -1). */
static int build_symbol(qr_grid *g, const uint8_t *codewords, int ver, int ecc, int force_mask)
{
    draw_function_patterns(g, ver);
    place_codewords(g, codewords, (size_t)raw_data_modules(ver) / 8);
    int best = force_mask;
    if (best < 0) {
        long best_score = 0;
        for (int mask = 0; mask < 8; mask++) {
            apply_mask(g, mask);
            draw_format(g, ecc, mask);
            long score = mca_qr_penalty(g->dark, g->size);
            if (best < 0 || score < best_score) {
                best = mask;
                best_score = score;
            }
            apply_mask(g, mask);
        }
    }
    apply_mask(g, best);
    draw_format(g, ecc, best);
    return best;
}

int mca_qr_encode(const char *s, size_t n, int ecc, int min_version, int force_mask, mca_qr_symbol *out)
{
    memset(out, 0, sizeof *out);
    int mode = pick_mode(s, n);
    int ver = pick_version(n, mode, ecc, min_version);
    if (ver == 0)
        return MCA_QR_TOO_LONG;
    int size = ver * 4 + 17, raw = raw_data_modules(ver) / 8;
    uint8_t *data = mca_malloc((size_t)raw);
    uint8_t *codewords = mca_malloc((size_t)raw);
    uint8_t *grid = mca_malloc((size_t)size * (size_t)size * 2);
    if (data == NULL || codewords == NULL || grid == NULL) {
        mca_free(data);
        mca_free(codewords);
        mca_free(grid);
        return MCA_QR_NO_MEMORY;
    }
    memset(grid, 0, (size_t)size * (size_t)size * 2);
    encode_data(s, n, mode, ver, data, mca_qr_data_codewords(ver, ecc));
    interleave(data, ver, ecc, codewords);
    qr_grid g = { size, grid, grid + (size_t)size * (size_t)size };
    out->mask = build_symbol(&g, codewords, ver, ecc, force_mask);
    out->version = ver;
    out->size = size;
    out->modules = grid; /* the function map after it is scratch */
    mca_free(data);
    mca_free(codewords);
    return MCA_QR_OK;
}

/* ---- the qrEncode operation ---- */
static const char ecc_names[] = "LMQH";

/* Reads an optional whole-number field within [lo, hi]; 0 when valid. */
static int read_int(const cJSON *input, const char *name, int lo, int hi, int *value)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(input, name);
    if (item == NULL || cJSON_IsNull(item))
        return 0;
    if (!cJSON_IsNumber(item) || !(item->valuedouble >= lo && item->valuedouble <= hi)
        || item->valuedouble != (double)(int)item->valuedouble)
        return -1;
    *value = (int)item->valuedouble;
    return 0;
}

static int read_ecc(const cJSON *input, int *ecc)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(input, "ecc");
    if (item == NULL || cJSON_IsNull(item))
        return 0;
    if (!cJSON_IsString(item) || item->valuestring == NULL || item->valuestring[0] == '\0'
        || item->valuestring[1] != '\0')
        return -1;
    const char *p = strchr(ecc_names, item->valuestring[0] & ~0x20);
    if (p == NULL || *p == '\0')
        return -1;
    *ecc = (int)(p - ecc_names);
    return 0;
}

/* Rows of '0'/'1' characters, one string per row, top to bottom. */
static cJSON *modules_json(const mca_qr_symbol *q)
{
    cJSON *rows = cJSON_CreateArray();
    char *line = mca_malloc((size_t)q->size + 1);
    int ok = rows != NULL && line != NULL;
    for (int y = 0; ok && y < q->size; y++) {
        for (int x = 0; x < q->size; x++)
            line[x] = (char)('0' + q->modules[y * q->size + x]);
        line[q->size] = '\0';
        cJSON *row = cJSON_CreateString(line);
        ok = row != NULL;
        if (ok)
            cJSON_AddItemToArray(rows, row);
    }
    mca_free(line);
    if (!ok) {
        cJSON_Delete(rows);
        return NULL;
    }
    return rows;
}

static int add_symbol(cJSON *out, const mca_qr_symbol *q, int ecc, int border)
{
    char ecc_name[2] = { ecc_names[ecc], '\0' };
    cJSON *modules = modules_json(q);
    if (modules == NULL)
        return -1;
    cJSON_AddItemToObjectCS(out, "modules", modules);
    return cJSON_AddNumberToObject(out, "size", q->size) != NULL
        && cJSON_AddNumberToObject(out, "version", q->version) != NULL
        && cJSON_AddStringToObject(out, "ecc", ecc_name) != NULL
        && cJSON_AddNumberToObject(out, "mask", q->mask) != NULL
        && cJSON_AddNumberToObject(out, "border", border) != NULL ? 0 : -1;
}

static void read_text(mca_report *r, const cJSON *input, const char **s, size_t *n)
{
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(input, "text");
    *s = NULL;
    if (text == NULL || cJSON_IsNull(text))
        mca_report_error(r, "text", "text.required");
    else if (!cJSON_IsString(text) || text->valuestring == NULL)
        mca_report_error(r, "text", "text.type");
    else if (text->valuestring[0] == '\0')
        mca_report_error(r, "text", "text.required");
    else if (!mca_utf8_valid(text->valuestring, strlen(text->valuestring)))
        mca_report_error(r, "text", "text.invalidUtf8");
    else {
        *s = text->valuestring;
        *n = strlen(text->valuestring);
    }
}

cJSON *mca_op_qr_encode(const cJSON *input, const cJSON *options)
{
    static const char *const known[] = { "text", "ecc", "minVersion", "border", NULL };
    (void)options;
    mca_report r;
    if (mca_report_init(&r) != 0)
        return NULL;
    const char *s;
    size_t n = 0;
    int ecc = 1, min_version = 1, border = 4;
    read_text(&r, input, &s, &n);
    if (read_ecc(input, &ecc) != 0)
        mca_report_error(&r, "ecc", "ecc.invalid");
    if (read_int(input, "minVersion", 1, 40, &min_version) != 0)
        mca_report_error(&r, "minVersion", "minVersion.invalid");
    if (read_int(input, "border", 0, 16, &border) != 0)
        mca_report_error(&r, "border", "border.invalid");
    mca_warn_unknown_members(&r, input, known);
    mca_qr_symbol q = { 0, 0, 0, NULL };
    int status = MCA_QR_OK;
    if (mca_report_ok(&r) && s != NULL) {
        status = mca_qr_encode(s, n, ecc, min_version, -1, &q);
        if (status == MCA_QR_TOO_LONG)
            mca_report_error(&r, "text", "text.tooLong");
    }
    cJSON *out = status == MCA_QR_NO_MEMORY ? NULL : mca_report_take(&r);
    mca_report_fini(&r);
    if (out != NULL && q.modules != NULL && add_symbol(out, &q, ecc, border) != 0) {
        cJSON_Delete(out);
        out = NULL;
    }
    mca_free(q.modules);
    return out;
}
