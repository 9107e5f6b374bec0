/* Exact number text for cJSON (see mca_json_numbers.h): decimal text to
 * double and double to %g text, each correctly rounded with ties to even.
 * Common numbers (integers, up to 15 digits with small exponents) take a
 * fast path; every other number an exact path on big integers, which is
 * short rather than fast because such numbers are rare in this product. */
#include "mca_json_numbers.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

/* ---- big unsigned integers (little-endian 32-bit limbs) ---- */

/* 4096 bits: 10^1124 (the largest divisor strtod needs) shifted by 64, and
 * 2^53 * 5^1074 (the smallest double's exact decimal), both fit. */
#define LIMBS 128

typedef struct big {
    uint32_t limb[LIMBS];
    int n; /* limbs in use; limb[n - 1] != 0 unless n == 0 */
} big;

static void big_set(big *b, uint64_t v)
{
    b->n = 0;
    for (; v != 0; v >>= 32)
        b->limb[b->n++] = (uint32_t)v;
}

/* b = b * m + add */
static void big_mul_add(big *b, uint32_t m, uint32_t add)
{
    uint64_t carry = add;
    for (int i = 0; i < b->n; i++) {
        carry += (uint64_t)b->limb[i] * m;
        b->limb[i] = (uint32_t)carry;
        carry >>= 32;
    }
    if (carry != 0 && b->n < LIMBS)
        b->limb[b->n++] = (uint32_t)carry;
}

/* b = b * base^e, in steps of base^step (which fits 32 bits). */
static void big_mul_pow(big *b, uint32_t base, int step, int e)
{
    uint32_t chunk = 1;
    for (int i = 0; i < step; i++)
        chunk *= base;
    for (; e >= step; e -= step)
        big_mul_add(b, chunk, 0);
    for (; e > 0; e--)
        big_mul_add(b, base, 0);
}

static int big_bits(const big *b)
{
    if (b->n == 0)
        return 0;
    return 32 * (b->n - 1) + 32 - __builtin_clz(b->limb[b->n - 1]);
}

static void big_shl(big *b, int bits)
{
    int words = bits / 32, shift = bits % 32;
    if (b->n == 0 || bits <= 0)
        return;
    int n = b->n + words + 1;
    if (n > LIMBS)
        n = LIMBS;
    for (int i = n - 1; i >= 0; i--) {
        int from = i - words;
        uint64_t hi = from >= 0 && from < b->n ? b->limb[from] : 0;
        uint64_t lo = from - 1 >= 0 && from - 1 < b->n ? b->limb[from - 1] : 0;
        b->limb[i] = (uint32_t)(shift ? (hi << shift | lo >> (32 - shift)) : hi);
    }
    b->n = n;
    while (b->n > 0 && b->limb[b->n - 1] == 0)
        b->n--;
}

static void big_shr1(big *b)
{
    for (int i = 0; i < b->n; i++)
        b->limb[i] = b->limb[i] >> 1 | (i + 1 < b->n ? b->limb[i + 1] << 31 : 0);
    while (b->n > 0 && b->limb[b->n - 1] == 0)
        b->n--;
}

static int big_cmp(const big *a, const big *b)
{
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    for (int i = a->n - 1; i >= 0; i--)
        if (a->limb[i] != b->limb[i])
            return a->limb[i] < b->limb[i] ? -1 : 1;
    return 0;
}

/* a -= b, with a >= b */
static void big_sub(big *a, const big *b)
{
    int64_t borrow = 0;
    for (int i = 0; i < a->n; i++) {
        int64_t d = (int64_t)a->limb[i] - (i < b->n ? b->limb[i] : 0) - borrow;
        borrow = d < 0;
        a->limb[i] = (uint32_t)(d + (borrow ? ((int64_t)1 << 32) : 0));
    }
    while (a->n > 0 && a->limb[a->n - 1] == 0)
        a->n--;
}

/* b /= d; returns the remainder. */
static uint32_t big_div_small(big *b, uint32_t d)
{
    uint64_t rem = 0;
    for (int i = b->n - 1; i >= 0; i--) {
        uint64_t cur = rem << 32 | b->limb[i];
        b->limb[i] = (uint32_t)(cur / d);
        rem = cur % d;
    }
    while (b->n > 0 && b->limb[b->n - 1] == 0)
        b->n--;
    return (uint32_t)rem;
}

/* ---- doubles from bits ---- */

static double from_bits(uint64_t bits)
{
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

static uint64_t to_bits(double d)
{
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    return bits;
}

/* The double nearest to (q + f) * 2^e2, where 0 <= f < 1 and sticky says
 * f > 0; ties to even; subnormals, zero and infinity included. q != 0. */
static double round_to_double(uint64_t q, int e2, int sticky, int neg)
{
    int bl = 64 - __builtin_clzll(q);
    int exp = bl - 1 + e2; /* value in [2^exp, 2^(exp + 1)) */
    int keep = exp < -1022 ? 53 - (-1022 - exp) : 53;
    uint64_t bits = 0;
    if (keep >= 0) {
        int drop = bl - keep;
        uint64_t m;
        if (drop <= 0) {
            m = q << -drop;
        } else {
            uint64_t rem = drop == 64 ? q : q & ((UINT64_C(1) << drop) - 1);
            uint64_t half = UINT64_C(1) << (drop - 1);
            m = drop == 64 ? 0 : q >> drop;
            if (rem > half || (rem == half && (sticky || (m & 1))))
                m++;
        }
        /* A normal number's m holds the hidden bit, so adding it to the
         * exponent field also carries a rounding overflow into it. */
        bits = exp < -1022 ? m : ((uint64_t)(exp + 1022) << 52) + m;
        if (bits >= UINT64_C(0x7ff0000000000000))
            bits = UINT64_C(0x7ff0000000000000);
    }
    return from_bits(bits | (neg ? UINT64_C(1) << 63 : 0));
}

/* ---- strtod ---- */

#define MAX_DIGITS 800 /* beyond 768 significant digits only "nonzero" matters */

typedef struct decimal {
    char digit[MAX_DIGITS]; /* values 0-9, no leading zeros */
    int n;
    long exp; /* value = digits * 10^exp */
    int neg;
} decimal;

static int is_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static void add_digit(decimal *d, char c, int after_point)
{
    if (d->n == 0 && c == '0') {
        d->exp -= after_point; /* a leading zero only moves the point */
    } else if (d->n < MAX_DIGITS) {
        d->digit[d->n++] = (char)(c - '0');
        d->exp -= after_point;
    } else {
        /* Dropped: only whether something nonzero follows can matter. */
        if (c != '0' && d->digit[MAX_DIGITS - 1] == 0)
            d->digit[MAX_DIGITS - 1] = 1;
        d->exp += !after_point;
    }
}

/* Reads the number at s into d; returns the end, or s when there is none. */
static const char *read_decimal(const char *s, decimal *d)
{
    const char *p = s;
    int any = 0;
    d->n = 0;
    d->exp = 0;
    d->neg = 0;
    while (is_space(*p))
        p++;
    if (*p == '+' || *p == '-')
        d->neg = *p++ == '-';
    for (; is_digit(*p); p++, any = 1)
        add_digit(d, *p, 0);
    if (*p == '.')
        for (p++; is_digit(*p); p++, any = 1)
            add_digit(d, *p, 1);
    if (!any)
        return s;
    if (*p == 'e' || *p == 'E') {
        const char *q = p + 1;
        int neg = 0;
        long e = 0;
        if (*q == '+' || *q == '-')
            neg = *q++ == '-';
        if (is_digit(*q)) {
            for (; is_digit(*q); q++)
                if (e < 100000)
                    e = e * 10 + (*q - '0');
            d->exp += neg ? -e : e;
            p = q;
        }
    }
    while (d->n > 0 && d->digit[d->n - 1] == 0) { /* trailing zeros */
        d->n--;
        d->exp++;
    }
    return p;
}

static const double exact_pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };

/* digits * 10^exp, exactly rounded, through big integers. */
static double decimal_exact(const decimal *d)
{
    big num, den;
    big_set(&num, 0);
    for (int i = 0; i < d->n; i++)
        big_mul_add(&num, 10, (uint32_t)d->digit[i]);
    if (d->exp >= 0) {
        big_mul_pow(&num, 10, 9, (int)d->exp);
        int bl = big_bits(&num), shift = bl > 64 ? bl - 64 : 0;
        uint64_t q = 0;
        int sticky = 0;
        for (int bit = bl - 1; bit >= shift; bit--)
            q = q << 1 | (num.limb[bit / 32] >> (bit % 32) & 1);
        for (int bit = 0; bit < shift && !sticky; bit++)
            sticky = num.limb[bit / 32] >> (bit % 32) & 1;
        return round_to_double(q, shift, sticky, d->neg);
    }
    big_set(&den, 1);
    big_mul_pow(&den, 10, 9, (int)-d->exp);
    int k = big_bits(&den) - big_bits(&num) + 63; /* quotient of 63 or 64 bits */
    if (k > 0)
        big_shl(&num, k);
    else
        big_shl(&den, -k);
    big_shl(&den, 63);
    uint64_t q = 0;
    for (int i = 63; i >= 0; i--, big_shr1(&den)) {
        if (big_cmp(&num, &den) >= 0) {
            big_sub(&num, &den);
            q |= UINT64_C(1) << i;
        }
    }
    return round_to_double(q, -k, num.n != 0, d->neg);
}

double mca_json_strtod(const char *s, char **end)
{
    decimal d;
    const char *stop = read_decimal(s, &d);
    if (end != NULL)
        *end = (char *)(uintptr_t)stop;
    if (stop == s)
        return 0.0;
    if (d.n == 0)
        return d.neg ? -0.0 : 0.0;
    if (d.n + d.exp > 310) /* at least 10^309 */
        return from_bits(UINT64_C(0x7ff0000000000000) | (d.neg ? UINT64_C(1) << 63 : 0));
    if (d.n + d.exp < -324) /* below 10^-325, under half the smallest double */
        return d.neg ? -0.0 : 0.0;
    if (d.n <= 15 && d.exp >= -22 && d.exp <= 22) {
        /* Both operands are exact doubles: one correctly rounded operation. */
        uint64_t v = 0;
        for (int i = 0; i < d.n; i++)
            v = v * 10 + (uint64_t)d.digit[i];
        double x = (double)v;
        x = d.exp < 0 ? x / exact_pow10[-d.exp] : x * exact_pow10[d.exp];
        return d.neg ? -x : x;
    }
    return decimal_exact(&d);
}

/* ---- %g ---- */

/* Exact decimal digits of a finite nonzero |v| into digit[] (values 0-9,
 * no trailing zeros); returns their count; *exp10 is the power of ten of
 * the first digit. At most 767 significant digits. */
static int exact_digits(double v, char *digit, int *exp10)
{
    big num;
    uint64_t bits = to_bits(v) & ~(UINT64_C(1) << 63);
    int e = (int)(bits >> 52);
    uint64_t m = bits & ((UINT64_C(1) << 52) - 1);
    if (e == 0)
        e = 1; /* subnormal */
    else
        m |= UINT64_C(1) << 52;
    e -= 1075; /* v = m * 2^e */
    while ((m & 1) == 0) {
        m >>= 1;
        e++;
    }
    char tmp[800];
    int n = 0;
    if (e >= 0 && e <= 11) { /* an integer below 2^64: no big numbers */
        for (uint64_t rest = m << e; rest != 0; rest /= 10)
            tmp[n++] = (char)(rest % 10);
    } else {
        big_set(&num, m);
        if (e > 0)
            big_shl(&num, e);
        else
            big_mul_pow(&num, 5, 13, -e); /* m * 2^e = m * 5^-e / 10^-e */
        while (num.n > 0) {
            uint32_t chunk = big_div_small(&num, 1000000000u);
            for (int i = 0; i < 9; i++, chunk /= 10)
                tmp[n++] = (char)(chunk % 10);
        }
    }
    while (n > 0 && tmp[n - 1] == 0) /* leading zeros of the last chunk */
        n--;
    int low = 0;
    while (tmp[low] == 0)
        low++;
    for (int i = 0; i < n - low; i++)
        digit[i] = tmp[n - 1 - i];
    *exp10 = n - 1 + (e < 0 ? e : 0);
    return n - low;
}

/* Rounds digit[0..n) to at most p digits (ties to even); returns the new
 * count without trailing zeros; a carry out of the first digit raises
 * *exp10. */
static int round_digits(char *digit, int n, int p, int *exp10)
{
    if (n <= p)
        return n;
    int up = digit[p] > 5 || (digit[p] == 5 && (n > p + 1 || (digit[p - 1] & 1)));
    n = p;
    if (up) {
        int i = p - 1;
        while (i >= 0 && digit[i] == 9)
            digit[i--] = 0;
        if (i < 0) {
            digit[0] = 1;
            n = 1;
            ++*exp10;
        } else {
            digit[i]++;
        }
    }
    while (n > 1 && digit[n - 1] == 0)
        n--;
    return n;
}

/* %.<p>g of v (without '#'): into out; returns the length. */
static int format_g(char *out, double v, int p)
{
    char digit[800];
    int n, x, len = 0;
    if (to_bits(v) >> 63)
        out[len++] = '-';
    if (v != v || v - v != 0) { /* not reached from cJSON: it prints null itself */
        memcpy(out + len, v != v ? "nan" : "inf", 3);
        return len + 3;
    }
    if (v == 0) {
        out[len++] = '0';
        return len;
    }
    n = exact_digits(v, digit, &x);
    n = round_digits(digit, n, p == 0 ? 1 : p, &x);
    if (x < -4 || x >= (p == 0 ? 1 : p)) {
        out[len++] = (char)('0' + digit[0]);
        if (n > 1)
            out[len++] = '.';
        for (int i = 1; i < n; i++)
            out[len++] = (char)('0' + digit[i]);
        out[len++] = 'e';
        out[len++] = x < 0 ? '-' : '+';
        int ax = x < 0 ? -x : x;
        if (ax >= 100)
            out[len++] = (char)('0' + ax / 100);
        out[len++] = (char)('0' + ax / 10 % 10);
        out[len++] = (char)('0' + ax % 10);
    } else if (x >= 0) {
        for (int i = 0; i <= x; i++)
            out[len++] = (char)('0' + (i < n ? digit[i] : 0));
        if (n > x + 1)
            out[len++] = '.';
        for (int i = x + 1; i < n; i++)
            out[len++] = (char)('0' + digit[i]);
    } else {
        out[len++] = '0';
        out[len++] = '.';
        for (int i = -1; i > x; i--)
            out[len++] = '0';
        for (int i = 0; i < n; i++)
            out[len++] = (char)('0' + digit[i]);
    }
    return len;
}

/* Unsigned integer in base 10 or 16 (lower case) into out; returns the length. */
static int format_unsigned(char *out, unsigned long v, unsigned base)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v != 0);
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

/* One conversion at *f (after '%'); appends to out; returns the length
 * written or -1 for a conversion outside what cJSON uses. */
static int convert(char *out, const char **f, va_list *ap)
{
    const char *p = *f;
    int zero = 0, width = 0, precision = -1, len = 0;
    char body[800];
    if (*p == '0')
        zero = 1, p++;
    while (is_digit(*p))
        width = width * 10 + (*p++ - '0');
    if (*p == '.')
        for (precision = 0, p++; is_digit(*p); p++)
            precision = precision * 10 + (*p - '0');
    if (*p == 'l')
        p++;
    char c = *p++;
    *f = p;
    if (c == 'g') {
        len = format_g(body, va_arg(*ap, double), precision < 0 ? 6 : precision);
        zero = 0;
    } else if ((c == 'd' || c == 'i') && precision < 0) {
        int v = va_arg(*ap, int);
        unsigned long mag = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
        if (v < 0)
            body[len++] = '-';
        len += format_unsigned(body + len, mag, 10);
    } else if (c == 'x' && precision < 0) {
        len = format_unsigned(body, va_arg(*ap, unsigned), 16);
    } else {
        return -1;
    }
    int pad = width > len ? width - len : 0, w = 0, sign = body[0] == '-';
    if (zero && sign)
        out[w++] = '-';
    for (int i = 0; i < pad; i++)
        out[w++] = zero ? '0' : ' ';
    memcpy(out + w, body + (zero && sign), (size_t)(len - (zero && sign)));
    return w + len - (zero && sign);
}

int mca_json_sprintf(char *out, const char *format, ...)
{
    va_list ap;
    int len = 0;
    va_start(ap, format);
    for (const char *f = format; *f != '\0';) {
        if (*f != '%' || f[1] == '%') {
            out[len++] = *f;
            f += *f == '%' ? 2 : 1;
            continue;
        }
        f++;
        int n = convert(out + len, &f, &ap);
        if (n < 0) {
            len = -1;
            break;
        }
        len += n;
    }
    va_end(ap);
    if (len >= 0)
        out[len] = '\0';
    return len;
}

int mca_json_sscanf(const char *s, const char *format, ...)
{
    if (strcmp(format, "%lg") != 0)
        return 0;
    while (is_space(*s))
        s++;
    if (*s == '\0')
        return -1;
    char *end;
    double v = mca_json_strtod(s, &end);
    if (end == s)
        return 0;
    va_list ap;
    va_start(ap, format);
    *va_arg(ap, double *) = v;
    va_end(ap);
    return 1;
}
