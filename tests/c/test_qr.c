/* QR encoder: known answers for each piece (format and version information,
 * Reed-Solomon generator and ECC codewords, capacities, alignment
 * positions), the structure of whole symbols, the mask choice, and the
 * qrEncode operation's results, errors and memory. Decoding the symbols with
 * an independent decoder is done in tests/js/qr.test.js. */
#include "check.h"

#include "mca_internal.h"

#include <stdint.h>

/* ---- GF(256) done independently here: powers of a = 2 by doubling ---- */
static uint8_t alpha_pow(int e)
{
    unsigned v = 1;
    for (int i = 0; i < e % 255; i++)
        v = (v << 1) ^ ((v & 0x80) ? 0x11D : 0);
    return (uint8_t)v;
}

static uint8_t mul(uint8_t a, uint8_t b)
{
    unsigned r = 0, x = a;
    for (; b; b >>= 1, x = (x << 1) ^ ((x & 0x80) ? 0x11D : 0))
        if (b & 1)
            r ^= x;
    return (uint8_t)r;
}

static void test_format_bits(void)
{
    /* ISO/IEC 18004 Table C.1 (format information after masking with 0x5412). */
    static const struct { int ecc, mask; uint32_t bits; } cases[] = {
        { MCA_QR_ECC_L, 0, 0x77C4 }, { MCA_QR_ECC_L, 1, 0x72F3 }, { MCA_QR_ECC_M, 0, 0x5412 },
        { MCA_QR_ECC_M, 2, 0x5E7C }, { MCA_QR_ECC_Q, 0, 0x355F }, { MCA_QR_ECC_H, 0, 0x1689 },
        { MCA_QR_ECC_H, 7, 0x083B },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK(mca_qr_format_bits(cases[i].ecc, cases[i].mask) == cases[i].bits,
              "format information of level %d mask %d is 0x%04X (got 0x%04X)", cases[i].ecc,
              cases[i].mask, (unsigned)cases[i].bits,
              (unsigned)mca_qr_format_bits(cases[i].ecc, cases[i].mask));
}

static void test_version_bits(void)
{
    /* ISO/IEC 18004 Table D.1 (version information, BCH(18,6)). */
    static const struct { int version; uint32_t bits; } cases[] = {
        { 7, 0x07C94 }, { 8, 0x085BC }, { 10, 0x0A4D3 }, { 27, 0x1B08E }, { 40, 0x28C69 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK(mca_qr_version_bits(cases[i].version) == cases[i].bits,
              "version information of version %d is 0x%05X (got 0x%05X)", cases[i].version,
              (unsigned)cases[i].bits, (unsigned)mca_qr_version_bits(cases[i].version));
}

static void test_generator(void)
{
    /* Degree 7 and 10 generators as powers of a (ISO/IEC 18004 Annex A). */
    static const int g7[] = { 87, 229, 146, 149, 238, 102, 21 };
    static const int g10[] = { 251, 67, 46, 61, 118, 70, 64, 94, 32, 45 };
    uint8_t gen[30];
    mca_qr_rs_generator(7, gen);
    int same = 1;
    for (int i = 0; i < 7; i++)
        same &= gen[i] == alpha_pow(g7[i]);
    CHECK(same, "the degree-7 generator is x^7 + a^87 x^6 + ... + a^21");
    mca_qr_rs_generator(10, gen);
    same = 1;
    for (int i = 0; i < 10; i++)
        same &= gen[i] == alpha_pow(g10[i]);
    CHECK(same, "the degree-10 generator is x^10 + a^251 x^9 + ... + a^45");
}

/* Encodes text at version/ecc and compares the data and ECC codewords. */
static void check_codewords(const char *name, const char *text, int version, int ecc,
                            const uint8_t *want_data, int n_data, const uint8_t *want_ecc, int n_ecc)
{
    uint8_t data[64], gen[30], rem[30];
    int n = mca_qr_data_bytes(text, strlen(text), version, ecc, data);
    CHECK(n == n_data, "%s: %d data codewords (got %d)", name, n_data, n);
    CHECK(n == n_data && memcmp(data, want_data, (size_t)n_data) == 0, "%s: data codewords", name);
    mca_qr_rs_generator(n_ecc, gen);
    mca_qr_rs_remainder(data, (size_t)n_data, gen, n_ecc, rem);
    CHECK(memcmp(rem, want_ecc, (size_t)n_ecc) == 0, "%s: ECC codewords", name);
}

static void test_known_codewords(void)
{
    /* ISO/IEC 18004 Annex I: "01234567", version 1-M, numeric mode. */
    static const uint8_t iso_data[] = { 0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11,
                                        0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11 };
    static const uint8_t iso_ecc[] = { 0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55 };
    check_codewords("ISO annex example 01234567 1-M", "01234567", 1, MCA_QR_ECC_M, iso_data, 16,
                    iso_ecc, 10);
    /* The widely published "HELLO WORLD" 1-Q example, alphanumeric mode. */
    static const uint8_t hw_data[] = { 32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236 };
    static const uint8_t hw_ecc[] = { 168, 72, 22, 82, 217, 54, 156, 0, 46, 15, 180, 122, 16 };
    check_codewords("HELLO WORLD 1-Q", "HELLO WORLD", 1, MCA_QR_ECC_Q, hw_data, 13, hw_ecc, 13);
    /* Byte mode: "a" 1-L is 0100 00000001 01100001 0000 then padding. */
    static const uint8_t a_head[] = { 0x40, 0x16, 0x10, 0xEC, 0x11 };
    uint8_t data[64];
    CHECK(mca_qr_data_bytes("a", 1, 1, MCA_QR_ECC_L, data) == 19 && memcmp(data, a_head, 5) == 0,
          "byte mode: mode 0100, 8-bit count, the byte, terminator, pad 0xEC 0x11");
    /* Non-ASCII text: ECI 0111 00011010 (UTF-8) before the byte segment. */
    static const uint8_t e_head[] = { 0x71, 0xA4, 0x02, 0xC3, 0xA9, 0x00, 0xEC, 0x11 };
    CHECK(mca_qr_data_bytes("\xC3\xA9", 2, 1, MCA_QR_ECC_L, data) == 19 && memcmp(data, e_head, 8) == 0,
          "UTF-8 text: ECI designator 26, then byte mode with the two bytes of U+00E9");
}

static void test_reed_solomon_property(void)
{
    /* For every ECC length the tables use, data + ECC is a multiple of the
     * generator: the codeword is zero at a^0 .. a^(degree-1). */
    static const int degrees[] = { 7, 10, 13, 15, 16, 17, 18, 20, 22, 24, 26, 28, 30 };
    uint8_t data[123], gen[30], rem[30];
    uint32_t seed = 12345;
    for (size_t d = 0; d < sizeof degrees / sizeof degrees[0]; d++) {
        int degree = degrees[d], zero = 1;
        for (size_t i = 0; i < sizeof data; i++) {
            seed = seed * 1103515245u + 12345u;
            data[i] = (uint8_t)(seed >> 16);
        }
        mca_qr_rs_generator(degree, gen);
        mca_qr_rs_remainder(data, sizeof data, gen, degree, rem);
        for (int k = 0; k < degree; k++) {
            uint8_t x = alpha_pow(k), acc = 0;
            for (size_t i = 0; i < sizeof data; i++)
                acc = (uint8_t)(mul(acc, x) ^ data[i]);
            for (int i = 0; i < degree; i++)
                acc = (uint8_t)(mul(acc, x) ^ rem[i]);
            zero &= acc == 0;
        }
        CHECK(zero, "Reed-Solomon degree %d: every syndrome of data + ECC is zero", degree);
    }
}

static void test_capacities(void)
{
    /* ISO/IEC 18004 Table 7: data codewords per version and level. */
    static const struct { int version, ecc, codewords; } cases[] = {
        { 1, MCA_QR_ECC_L, 19 }, { 1, MCA_QR_ECC_M, 16 }, { 1, MCA_QR_ECC_Q, 13 }, { 1, MCA_QR_ECC_H, 9 },
        { 7, MCA_QR_ECC_M, 124 }, { 10, MCA_QR_ECC_Q, 154 }, { 27, MCA_QR_ECC_H, 628 },
        { 40, MCA_QR_ECC_L, 2956 }, { 40, MCA_QR_ECC_M, 2334 }, { 40, MCA_QR_ECC_Q, 1666 },
        { 40, MCA_QR_ECC_H, 1276 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK(mca_qr_data_codewords(cases[i].version, cases[i].ecc) == cases[i].codewords,
              "version %d level %d holds %d data codewords (got %d)", cases[i].version, cases[i].ecc,
              cases[i].codewords, mca_qr_data_codewords(cases[i].version, cases[i].ecc));
    int pos[7];
    CHECK(mca_qr_alignment_positions(1, pos) == 0, "version 1 has no alignment pattern");
    CHECK(mca_qr_alignment_positions(7, pos) == 3 && pos[0] == 6 && pos[1] == 22 && pos[2] == 38,
          "version 7 alignment rows 6, 22, 38");
    CHECK(mca_qr_alignment_positions(32, pos) == 6 && pos[1] == 34 && pos[5] == 138,
          "version 32 alignment rows 6, 34, 60, 86, 112, 138 (the irregular step)");
    CHECK(mca_qr_alignment_positions(40, pos) == 7 && pos[1] == 30 && pos[6] == 170,
          "version 40 alignment rows 6, 30, 58, ..., 170");
}

/* Reads 15 format bits from the first copy (around the top-left finder). */
static uint32_t read_format(const mca_qr_symbol *q, int copy)
{
    const uint8_t *m = q->modules;
    int n = q->size;
    uint32_t bits = 0;
    for (int i = 0; i < 15; i++) {
        int x, y;
        if (copy == 0) {
            x = i < 6 ? 8 : i == 6 ? 8 : i == 7 ? 8 : i == 8 ? 7 : 14 - i;
            y = i < 6 ? i : i == 6 ? 7 : i == 7 ? 8 : 8;
        } else {
            x = i < 8 ? n - 1 - i : 8;
            y = i < 8 ? 8 : n - 15 + i;
        }
        bits |= (uint32_t)m[y * n + x] << i;
    }
    return bits;
}

static void test_symbol_structure(void)
{
    static const struct { const char *text; int ecc, version; } cases[] = {
        { "01234567", MCA_QR_ECC_M, 1 }, { "HELLO WORLD", MCA_QR_ECC_H, 7 }, { "x", MCA_QR_ECC_L, 40 },
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        mca_qr_symbol q;
        int status = mca_qr_encode(cases[c].text, strlen(cases[c].text), cases[c].ecc, cases[c].version, -1, &q);
        CHECK(status == MCA_QR_OK && q.version == cases[c].version && q.size == cases[c].version * 4 + 17,
              "%s: version %d, %d modules a side", cases[c].text, cases[c].version, cases[c].version * 4 + 17);
        if (status != MCA_QR_OK)
            continue;
        int n = q.size, finder = 1, timing = 1;
        for (int y = 0; y < 7; y++)
            for (int x = 0; x < 7; x++) {
                int d = abs(x - 3) > abs(y - 3) ? abs(x - 3) : abs(y - 3);
                int want = d != 2;
                finder &= q.modules[y * n + x] == want && q.modules[y * n + n - 7 + x] == want
                          && q.modules[(n - 7 + y) * n + x] == want;
            }
        for (int i = 8; i < n - 8; i++)
            timing &= q.modules[6 * n + i] == (i % 2 == 0) && q.modules[i * n + 6] == (i % 2 == 0);
        CHECK(finder, "%s: three finder patterns in the corners", cases[c].text);
        CHECK(timing, "%s: alternating timing patterns on row and column 6", cases[c].text);
        CHECK(q.modules[(n - 8) * n + 8] == 1, "%s: the dark module", cases[c].text);
        uint32_t want = mca_qr_format_bits(cases[c].ecc, q.mask);
        CHECK(read_format(&q, 0) == want && read_format(&q, 1) == want,
              "%s: both copies of the format information carry level and mask %d", cases[c].text, q.mask);
        if (cases[c].version >= 7) {
            uint32_t v1 = 0, v2 = 0;
            for (int i = 0; i < 18; i++) {
                v1 |= (uint32_t)q.modules[(i / 3) * n + n - 11 + i % 3] << i;
                v2 |= (uint32_t)q.modules[(n - 11 + i % 3) * n + i / 3] << i;
            }
            CHECK(v1 == mca_qr_version_bits(cases[c].version) && v2 == v1,
                  "%s: both version information blocks", cases[c].text);
        }
        mca_free(q.modules);
    }
}

static void test_mask_choice(void)
{
    const char *text = "https://cdn.partner.microsoft.com/mca/?attestationid=3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    mca_qr_symbol best, forced;
    CHECK(mca_qr_encode(text, strlen(text), MCA_QR_ECC_M, 1, -1, &best) == MCA_QR_OK, "link encodes");
    long best_score = mca_qr_penalty(best.modules, best.size);
    int lowest = 1, differ = 0;
    for (int mask = 0; mask < 8; mask++) {
        if (mca_qr_encode(text, strlen(text), MCA_QR_ECC_M, 1, mask, &forced) != MCA_QR_OK)
            continue;
        long score = mca_qr_penalty(forced.modules, forced.size);
        lowest &= score >= best_score;
        differ += score != best_score;
        if (mask == best.mask)
            lowest &= memcmp(forced.modules, best.modules, (size_t)best.size * (size_t)best.size) == 0;
        mca_free(forced.modules);
    }
    CHECK(lowest, "the chosen mask %d has the lowest penalty of the eight", best.mask);
    CHECK(differ > 0, "the masks give different penalties");
    mca_free(best.modules);
    /* Penalty rules on a 21x21 all-light grid: 21 runs of 21 per row and
     * column (3 + 16 each), 400 2x2 blocks, 100% light (10 * 10). */
    uint8_t light[21 * 21] = { 0 };
    CHECK(mca_qr_penalty(light, 21) == 42 * 19 + 400 * 3 + 100, "penalty of an all-light grid is %d (got %ld)",
          42 * 19 + 400 * 3 + 100, mca_qr_penalty(light, 21));
}

/* ---- the operation ---- */
static void test_op_result(void)
{
    cJSON *r = check_call("qrEncode",
        "{\"input\":{\"text\":\"https://cdn.partner.microsoft.com/mca/?attestationid=3f2504e0-4f89-41d3-9a0c-0305e82c3301\"}}");
    CHECK(check_ok(r) == 1, "the acceptance link encodes");
    CHECK_STR(check_get_str(r, "ecc"), "M", "default level M");
    CHECK(cJSON_GetNumberValue(check_get(r, "version")) == 6, "an 89-byte link at level M is version 6 (version 5 holds 84 bytes)");
    CHECK(cJSON_GetNumberValue(check_get(r, "size")) == 41, "version 6 is 41 modules a side");
    CHECK(cJSON_GetNumberValue(check_get(r, "border")) == 4, "default quiet zone 4");
    const cJSON *rows = check_get(r, "modules");
    CHECK(cJSON_GetArraySize(rows) == 41 && strlen(check_get_str(r, "modules.40")) == 41
          && strspn(check_get_str(r, "modules.0"), "01") == 41, "41 rows of 41 '0'/'1'");
    CHECK(strncmp(check_get_str(r, "modules.0"), "11111110", 8) == 0, "row 0 starts with the finder and separator");
    cJSON_Delete(r);

    r = check_call("qrEncode", "{\"input\":{\"text\":\"Zoë 李\",\"ecc\":\"q\",\"minVersion\":10,\"border\":0}}");
    CHECK(check_ok(r) == 1 && cJSON_GetNumberValue(check_get(r, "version")) == 10,
          "minVersion raises the version");
    CHECK_STR(check_get_str(r, "ecc"), "Q", "a lower-case level is accepted and given upper case");
    CHECK(cJSON_GetNumberValue(check_get(r, "border")) == 0, "border 0 is kept");
    cJSON_Delete(r);
}

static void test_op_errors(void)
{
    static const struct { const char *name, *json, *field, *code; } cases[] = {
        { "empty text", "{\"input\":{\"text\":\"\"}}", "text", "text.required" },
        { "missing text", "{\"input\":{}}", "text", "text.required" },
        { "text not a string", "{\"input\":{\"text\":5}}", "text", "text.type" },
        { "level X", "{\"input\":{\"text\":\"a\",\"ecc\":\"X\"}}", "ecc", "ecc.invalid" },
        { "level as a word", "{\"input\":{\"text\":\"a\",\"ecc\":\"ML\"}}", "ecc", "ecc.invalid" },
        { "level not a string", "{\"input\":{\"text\":\"a\",\"ecc\":1}}", "ecc", "ecc.invalid" },
        { "minVersion 41", "{\"input\":{\"text\":\"a\",\"minVersion\":41}}", "minVersion", "minVersion.invalid" },
        { "minVersion 1.5", "{\"input\":{\"text\":\"a\",\"minVersion\":1.5}}", "minVersion", "minVersion.invalid" },
        { "border -1", "{\"input\":{\"text\":\"a\",\"border\":-1}}", "border", "border.invalid" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cJSON *r = check_call("qrEncode", cases[i].json);
        CHECK(check_ok(r) == 0 && check_get(r, "modules") == NULL, "%s: ok false, no modules", cases[i].name);
        CHECK_STR(check_get_str(r, "errors.0.code"), cases[i].code, "%s", cases[i].name);
        CHECK_STR(check_get_str(r, "errors.0.field"), cases[i].field, "%s: field", cases[i].name);
        CHECK(check_get_str(r, "errors.0.message") != NULL, "%s: has a message", cases[i].name);
        cJSON_Delete(r);
    }
    cJSON *r = check_call("qrEncode", "{\"input\":{\"text\":\"a\",\"colour\":\"red\"}}");
    CHECK(check_ok(r) == 1 && check_has_code(r, "warnings", "input.unknownField"), "an unknown field is a warning");
    cJSON_Delete(r);
}

/* Capacity limits of version 40 (ISO/IEC 18004 Table 7), per mode. */
static void test_op_too_long(void)
{
    static const struct { char fill; size_t fits; const char *ecc; } cases[] = {
        { 'a', 2953, "L" }, { 'a', 1273, "H" }, { '7', 7089, "L" }, { 'A', 4296, "L" }, { 'a', 2331, "M" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        for (size_t extra = 0; extra <= 1; extra++) {
            size_t n = cases[i].fits + extra;
            char *json = malloc(n + 64);
            int k = snprintf(json, 64, "{\"input\":{\"ecc\":\"%s\",\"text\":\"", cases[i].ecc);
            memset(json + k, cases[i].fill, n);
            strcpy(json + k + n, "\"}}");
            cJSON *r = check_call("qrEncode", json);
            if (extra == 0)
                CHECK(check_ok(r) == 1 && cJSON_GetNumberValue(check_get(r, "version")) == 40,
                      "%zu x '%c' at level %s fits version 40", n, cases[i].fill, cases[i].ecc);
            else
                CHECK(check_ok(r) == 0 && check_has_code(r, "errors", "text.tooLong"),
                      "%zu x '%c' at level %s is text.tooLong", n, cases[i].fill, cases[i].ecc);
            cJSON_Delete(r);
            free(json);
        }
    }
}

static void test_invalid_utf8(void)
{
    const char json[] = "{\"input\":{\"text\":\"a\xC3(\"}}";
    size_t before = mca_bytes_in_use(), len = 0;
    char *text = mca_call("qrEncode", json, sizeof json - 1, &len);
    CHECK(text != NULL && strstr(text, "\"code\":\"text.invalidUtf8\"") != NULL,
          "bytes that are not UTF-8 are refused");
    mca_free(text);
    CHECK(mca_bytes_in_use() == before, "no leak");
}

static void test_allocation_failures(void)
{
    const char *json = "{\"input\":{\"text\":\"https://cdn.partner.microsoft.com/mca/?attestationid=x\",\"y\":1}}";
    size_t before = mca_bytes_in_use();
    int answered = 0;
    for (size_t n = 1; n < 160; n++) {
        mca_fail_allocation_after(n);
        size_t len;
        char *text = mca_call("qrEncode", json, strlen(json), &len);
        mca_fail_allocation_after(0);
        answered += text != NULL;
        mca_free(text);
        CHECK(mca_bytes_in_use() == before, "no leak when allocation %zu fails", n);
    }
    CHECK(answered > 0, "calls still answer when memory runs out");
}

int main(void)
{
    test_format_bits();
    test_version_bits();
    test_generator();
    test_known_codewords();
    test_reed_solomon_property();
    test_capacities();
    test_symbol_structure();
    test_mask_choice();
    test_op_result();
    test_op_errors();
    test_op_too_long();
    test_invalid_utf8();
    test_allocation_failures();
    return check_report("qr");
}
