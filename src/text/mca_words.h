/* Eight bytes as one 64-bit word: the constants and tests the scanning
 * loops of the core share (the CSV reader, the JSON and block writers, the
 * GUID rule, the NFC quick check, the email rule). A word is read with
 * memcpy, in the machine's byte order. */
#ifndef MCA_WORDS_H
#define MCA_WORDS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define MCA_ONES 0x0101010101010101u  /* 0x01 in every byte */
#define MCA_HIGHS 0x8080808080808080u /* bit 7 of every byte */

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define MCA_LITTLE_ENDIAN 0
#else
#define MCA_LITTLE_ENDIAN 1
#endif

/* Bit 7 set in the bytes of x that are zero; exact in the lowest one and
 * below it (a borrow may mark more significant bytes): a caller looks at
 * the byte it finds. */
static inline uint64_t mca_word_zeros(uint64_t x)
{
    return (x - MCA_ONES) & ~x & MCA_HIGHS;
}

/* Bit 7 set in the bytes of w below c (c at most 0x80), as exact as
 * mca_word_zeros. */
static inline uint64_t mca_word_below(uint64_t w, unsigned c)
{
    return (w - MCA_ONES * c) & ~w & MCA_HIGHS;
}

/* The offset in memory of the first byte of mask (bits 7 of bytes) that is
 * set; mask is not 0. */
static inline size_t mca_word_first(uint64_t mask)
{
#if MCA_LITTLE_ENDIAN
    return (size_t)__builtin_ctzll(mask) / 8;
#else
    return (size_t)__builtin_clzll(mask) / 8;
#endif
}

/* The offset of the first byte of s[i..n) with bit 7 set, or n: eight
 * bytes at a time, the last ones as the word that ends at n with the bytes
 * before i masked off (none read past n), text shorter than a word byte by
 * byte. */
static inline size_t mca_first_high(const unsigned char *s, size_t i, size_t n)
{
    uint64_t w, high;
    for (; n - i >= 8; i += 8) {
        memcpy(&w, s + i, 8);
        if ((high = w & MCA_HIGHS) != 0)
            return i + mca_word_first(high);
    }
    if (i == n)
        return n;
    if (n >= 8) {
        memcpy(&w, s + n - 8, 8);
        high = w & (MCA_LITTLE_ENDIAN ? MCA_HIGHS << 8 * (8 - (n - i)) : MCA_HIGHS >> 8 * (8 - (n - i)));
        return high != 0 ? n - 8 + mca_word_first(high) : n;
    }
    while (i < n && s[i] < 0x80)
        i++;
    return i;
}

#endif
