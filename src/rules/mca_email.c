/* The email rule (email, signatoryEmail): local@domain with a dot-atom
 * local part of at most 64 bytes, a domain of at least two labels of 1-63
 * letters, digits and hyphens, an alphabetic top-level label (judged in its Unicode form), at
 * most 254 bytes in all. The domain is lower-cased; an A-label (xn--) must
 * decode to a valid label and encode back to itself. An internationalised
 * label is accepted when it is valid as it stands (lower-case letters and
 * marks that IDNA2008 allows, ASCII digits, hyphens) and converted to its
 * xn-- form (NFC, then Punycode, RFC 3492). A label that would need IDNA
 * mapping (capitals, compatibility forms) or the Bidi rule (right-to-left
 * scripts) is refused as "idnUnsupported", never guessed. */
#include <string.h>

#include "mca_internal.h"
#include "mca_rules.h"
#include "mca_unicode.h"
#include "mca_words.h"

#define EMAIL_MESSAGES(field, what, inner)                                                                       \
    { field ".domainInvalid", "The domain of " inner " is not valid: it needs at least two parts separated by dots, each of 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen." }, \
    { field ".idnUnsupported", "The domain of " inner " uses international characters that cannot be converted as typed (capital or compatibility letters, or a right-to-left script); type the domain in lower case or in its xn-- form." }, \
    { field ".invalid", what " must have the form name@example.com." },                                  \
    { field ".invalidUtf8", what " contains text that is not valid Unicode (invalid UTF-8 or an unpaired surrogate)." }, \
    { field ".localInvalid", "The part of " inner " before the @ may contain only letters, digits and ! # $ % & ' * + - / = ? ^ _ ` { | } ~, with single dots between them (no quotes, spaces or leading, trailing or double dots)." }, \
    { field ".localTooLong", "The part of " inner " before the @ can be at most 64 characters long." },  \
    { field ".required", what " is required." },                                                        \
    { field ".tooLong", what " can be at most 254 characters long." },                                  \
    { field ".topLevelInvalid", "The last part of the domain of " inner " must be letters only (at least two), like .com or .nl." }, \
    { field ".type", what " must be text." }

static const mca_message_entry messages[] = {
    EMAIL_MESSAGES("email", "The email address", "the email address"),
    EMAIL_MESSAGES("signatoryEmail", "The signatory's email address", "the signatory's email address"),
};
MCA_MESSAGE_TABLE(mca_email_messages, messages);

/* Longer input is refused before any conversion. */
#define EMAIL_MAX_INPUT_BYTES 1024
#define LABEL_MAX 63

static int is_atext(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return 1;
    return c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

static const char *check_local(const char *s, size_t n)
{
    int after_dot = 1; /* at the start, a dot would be leading */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '.') {
            if (after_dot)
                return "localInvalid";
            after_dot = 1;
        } else if (!is_atext(c)) {
            return "localInvalid";
        } else {
            after_dot = 0;
        }
    }
    if (after_dot)
        return "localInvalid";
    return n > MCA_EMAIL_LOCAL_MAX_BYTES ? "localTooLong" : NULL;
}

/* ---- Punycode (RFC 3492) ---- */
enum { PC_BASE = 36, PC_TMIN = 1, PC_TMAX = 26, PC_SKEW = 38, PC_DAMP = 700,
       PC_INITIAL_BIAS = 72, PC_INITIAL_N = 128 };

static uint32_t adapt(uint32_t delta, uint32_t points, int first)
{
    uint32_t k = 0;
    delta = first ? delta / PC_DAMP : delta / 2;
    delta += delta / points;
    while (delta > ((PC_BASE - PC_TMIN) * PC_TMAX) / 2) {
        delta /= PC_BASE - PC_TMIN;
        k += PC_BASE;
    }
    return k + (PC_BASE - PC_TMIN + 1) * delta / (delta + PC_SKEW);
}

static int put(char *out, size_t cap, size_t *o, char c)
{
    if (*o >= cap)
        return 0;
    out[(*o)++] = c;
    return 1;
}

static int put_number(char *out, size_t cap, size_t *o, uint32_t q, uint32_t bias)
{
    for (uint32_t k = PC_BASE;; k += PC_BASE) {
        uint32_t t = k <= bias ? PC_TMIN : k >= bias + PC_TMAX ? PC_TMAX : k - bias;
        if (q < t)
            break;
        uint32_t d = t + (q - t) % (PC_BASE - t);
        if (!put(out, cap, o, (char)(d < 26 ? 'a' + d : '0' + d - 26)))
            return 0;
        q = (q - t) / (PC_BASE - t);
    }
    return put(out, cap, o, (char)(q < 26 ? 'a' + q : '0' + q - 26));
}

/* Encodes cps into out (cap bytes); 0 when it does not fit or overflows. */
static int punycode(const uint32_t *cps, size_t len, char *out, size_t cap, size_t *out_len)
{
    size_t o = 0, h, b;
    for (size_t i = 0; i < len; i++)
        if (cps[i] < 0x80 && !put(out, cap, &o, (char)cps[i]))
            return 0;
    h = b = o;
    if (b > 0 && !put(out, cap, &o, '-'))
        return 0;
    uint32_t n = PC_INITIAL_N, delta = 0, bias = PC_INITIAL_BIAS;
    while (h < len) {
        uint32_t m = UINT32_MAX;
        for (size_t i = 0; i < len; i++)
            if (cps[i] >= n && cps[i] < m)
                m = cps[i];
        if (m - n > (UINT32_MAX - delta) / (h + 1))
            return 0;
        delta += (m - n) * (uint32_t)(h + 1);
        n = m;
        for (size_t i = 0; i < len; i++) {
            if (cps[i] < n && ++delta == 0)
                return 0;
            if (cps[i] == n) {
                if (!put_number(out, cap, &o, delta, bias))
                    return 0;
                bias = adapt(delta, (uint32_t)h + 1, h == b);
                delta = 0;
                h++;
            }
        }
        delta++;
        n++;
    }
    *out_len = o;
    return 1;
}

static int digit_value(char c)
{
    return c >= 'a' && c <= 'z' ? c - 'a' : c >= '0' && c <= '9' ? c - '0' + 26 : -1;
}

/* Decodes the Punycode s[0..n) (lower case) into cps (at most cap code
 * points); 0 when it is not well-formed or does not fit. */
static int punycode_decode(const char *s, size_t n, uint32_t *cps, size_t cap, size_t *len)
{
    size_t b = 0, out = 0, in;
    for (size_t j = 0; j < n; j++)
        if (s[j] == '-')
            b = j;
    if (b > cap)
        return 0;
    for (size_t j = 0; j < b; j++)
        cps[out++] = (unsigned char)s[j];
    uint32_t code = PC_INITIAL_N, i = 0, bias = PC_INITIAL_BIAS;
    for (in = b > 0 ? b + 1 : 0; in < n;) {
        uint32_t old_i = i, w = 1;
        for (uint32_t k = PC_BASE;; k += PC_BASE) {
            int digit = in < n ? digit_value(s[in++]) : -1;
            if (digit < 0 || (uint32_t)digit > (UINT32_MAX - i) / w)
                return 0;
            i += (uint32_t)digit * w;
            uint32_t t = k <= bias ? PC_TMIN : k >= bias + PC_TMAX ? PC_TMAX : k - bias;
            if ((uint32_t)digit < t)
                break;
            if (w > UINT32_MAX / (PC_BASE - t))
                return 0;
            w *= PC_BASE - t;
        }
        bias = adapt(i - old_i, (uint32_t)out + 1, old_i == 0);
        if (i / (out + 1) > 0x10FFFF - code)
            return 0;
        code += i / (uint32_t)(out + 1);
        i %= (uint32_t)(out + 1);
        if (out == cap || code < 0x80 || (code >= 0xd800 && code <= 0xdfff))
            return 0;
        memmove(cps + i + 1, cps + i, (out - i) * sizeof cps[0]);
        cps[i++] = code;
        out++;
    }
    *len = out;
    return 1;
}

/* ---- domain ---- */

/* Right-to-left scripts: their letters are accepted in an A-label (decoded,
 * they have no case to map), though not typed as U-labels (the Bidi rule). */
static int is_rtl_block(uint32_t c)
{
    return c >= 0x0590 && ((c <= 0x08ff) || (c >= 0xfb1d && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff)
        || (c >= 0x10800 && c <= 0x10fff) || (c >= 0x1e800 && c <= 0x1efff));
}

/* The rules every U-label follows: no leading mark or hyphen, no trailing
 * hyphen, no "--" in the third and fourth places, ASCII only as lower-case
 * LDH; each other code point valid as it stands (or, in a decoded A-label,
 * a right-to-left letter, mark or digit). */
static const char *check_u_label(const uint32_t *cps, size_t len, int decoded)
{
    if (len == 0 || (mca_unicode_class(cps[0]) & MCA_UC_CLASS_MASK) == MCA_UC_MARK || cps[0] == '-'
        || cps[len - 1] == '-' || (len >= 4 && cps[2] == '-' && cps[3] == '-'))
        return "domainInvalid";
    for (size_t i = 0; i < len; i++) {
        uint32_t c = cps[i];
        unsigned klass = mca_unicode_class(c);
        if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return "domainInvalid";
        if (c < 0x80 || (klass & MCA_UC_IDN_OK))
            continue;
        klass &= MCA_UC_CLASS_MASK;
        if (decoded && is_rtl_block(c) && (klass == MCA_UC_LETTER || klass == MCA_UC_MARK || klass == MCA_UC_NUMBER))
            continue;
        return decoded ? "domainInvalid" : "idnUnsupported";
    }
    return NULL;
}

/* 1 when a label holds a right-to-left code point. */
static int is_rtl_label(const uint32_t *cps, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (is_rtl_block(cps[i]))
            return 1;
    return 0;
}

/* The Bidi rule of RFC 5893, for the right-to-left labels an A-label can
 * hold: a right-to-left label begins with a right-to-left letter, holds no
 * left-to-right letter (ASCII or other), and ends with a letter, digit or
 * mark; in a domain with such a label, every other label begins with a
 * letter. Conservative: the rule's finer cases are refused. */
static int bidi_label_ok(const uint32_t *cps, size_t len)
{
    if (!is_rtl_block(cps[0]) || (mca_unicode_class(cps[0]) & MCA_UC_CLASS_MASK) != MCA_UC_LETTER)
        return 0;
    for (size_t i = 0; i < len; i++)
        if ((cps[i] >= 'a' && cps[i] <= 'z') || (cps[i] >= 0x80 && !is_rtl_block(cps[i])))
            return 0;
    return cps[len - 1] != '-';
}

/* An A-label (xn--, lower case): it must decode, hold a non-ASCII code
 * point, be a valid U-label in NFC and encode back to the same text. The
 * decoded label goes to *u (for the top-level rule). */
static const char *check_a_label(const char *s, size_t n, uint32_t *u, size_t *u_len)
{
    char again[LABEL_MAX + 1], *nfc;
    size_t len = 0, again_len = 0, nfc_len, utf8_len = 0;
    if (!punycode_decode(s + 4, n - 4, u, LABEL_MAX, &len) || check_u_label(u, len, 1) != NULL)
        return "domainInvalid";
    int ascii = 1;
    char utf8[LABEL_MAX * 4];
    for (size_t i = 0; i < len; i++) {
        ascii &= u[i] < 0x80;
        utf8_len += mca_utf8_put(u[i], utf8 + utf8_len);
    }
    if (ascii || !punycode(u, len, again, LABEL_MAX, &again_len) || again_len != n - 4
        || memcmp(again, s + 4, again_len) != 0)
        return "domainInvalid";
    if (mca_nfc(utf8, utf8_len, &nfc, &nfc_len) != 0)
        return mca_rule_out_of_memory;
    int normal = nfc_len == utf8_len && memcmp(nfc, utf8, nfc_len) == 0;
    mca_free(nfc);
    *u_len = len;
    return normal ? NULL : "domainInvalid";
}


/* An internationalised label (NFC) to its xn-- form; ASCII capitals are
 * lower-cased, other capitals are refused (they need IDNA mapping). The
 * label's code points go to cps. */
static const char *convert_label(const char *s, size_t n, char *out, size_t *out_len, uint32_t *cps,
                                 size_t *len)
{
    *len = 0;
    for (size_t i = 0; i < n;) {
        if (*len == LABEL_MAX)
            return "domainInvalid"; /* the xn-- form would be longer than 63 */
        uint32_t c = mca_utf8_next(s, n, &i);
        cps[(*len)++] = c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
    }
    const char *rule = check_u_label(cps, *len, 0);
    if (rule != NULL)
        return rule;
    memcpy(out, "xn--", 4);
    if (!punycode(cps, *len, out + 4, LABEL_MAX - 4, out_len))
        return "domainInvalid";
    *out_len += 4;
    return NULL;
}

/* The lower-case form of each letter, digit and hyphen; 0 for any other byte. */
static const char ldh_lower[256] = {
    ['-'] = '-', ['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4', ['5'] = '5',
    ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
    ['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e', ['f'] = 'f', ['g'] = 'g',
    ['h'] = 'h', ['i'] = 'i', ['j'] = 'j', ['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n',
    ['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't', ['u'] = 'u',
    ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y', ['z'] = 'z',
    ['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e', ['F'] = 'f', ['G'] = 'g',
    ['H'] = 'h', ['I'] = 'i', ['J'] = 'j', ['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n',
    ['O'] = 'o', ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't', ['U'] = 'u',
    ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y', ['Z'] = 'z',
};

/* An ASCII label, lower-cased into out; an A-label is checked and
 * decoded into cps, any other label's letters copied there. */
static const char *ascii_label(const char *s, size_t n, char *out, size_t *out_len, uint32_t *cps,
                               size_t *len)
{
    if (n > LABEL_MAX || s[0] == '-' || s[n - 1] == '-')
        return "domainInvalid";
    for (size_t i = 0; i < n; i++) {
        char c = ldh_lower[(unsigned char)s[i]];
        if (c == 0)
            return "domainInvalid";
        out[i] = c;
        cps[i] = (unsigned char)c;
    }
    *out_len = *len = n;
    return n >= 4 && memcmp(out, "xn--", 4) == 0 ? check_a_label(out, n, cps, len) : NULL;
}

/* 1 when no byte of s[0..n) has bit 7 set. */
static int is_ascii(const char *s, size_t n)
{
    return mca_first_high((const unsigned char *)s, 0, n) == n;
}

/* The top-level label, in its Unicode form: at least two code points,
 * letters (and their marks), beginning with a letter. */
static const char *check_top_level(const uint32_t *cps, size_t len)
{
    if (len < 2)
        return "topLevelInvalid";
    for (size_t i = 0; i < len; i++) {
        uint32_t c = cps[i];
        unsigned klass = mca_unicode_class(c) & MCA_UC_CLASS_MASK;
        if (c < 0x80 ? !(c >= 'a' && c <= 'z') : !(klass == MCA_UC_LETTER || (klass == MCA_UC_MARK && i > 0)))
            return "topLevelInvalid";
    }
    return NULL;
}

/* Writes the ASCII form of the NFC domain d[0..n) to out (cap bytes);
 * ascii: d is known to be ASCII. */
static const char *convert_domain(const char *d, size_t n, int ascii, char *out, size_t cap, size_t *out_len)
{
    size_t o = 0, labels = 0, cps_len = 0;
    int rtl = 0, ltr_not_letter = 0;
    uint32_t cps[LABEL_MAX + 1]; /* the last label's code points */
    for (size_t start = 0; start <= n; labels++) {
        const char *dot = memchr(d + start, '.', n - start);
        size_t end = dot != NULL ? (size_t)(dot - d) : n, len;
        char label[LABEL_MAX + 1];
        if (end == start)
            return "domainInvalid";
        const char *rule = ascii || is_ascii(d + start, end - start)
            ? ascii_label(d + start, end - start, label, &len, cps, &cps_len)
            : convert_label(d + start, end - start, label, &len, cps, &cps_len);
        if (rule != NULL)
            return rule;
        if (is_rtl_label(cps, cps_len)) {
            if (!bidi_label_ok(cps, cps_len))
                return "domainInvalid";
            rtl = 1;
        } else {
            ltr_not_letter |= (mca_unicode_class(cps[0]) & MCA_UC_CLASS_MASK) != MCA_UC_LETTER;
        }
        if (o + (labels > 0) + len > cap)
            return "tooLong";
        if (labels > 0)
            out[o++] = '.';
        memcpy(out + o, label, len);
        o += len;
        start = end + 1;
    }
    if (labels < 2 || (rtl && ltr_not_letter))
        return "domainInvalid";
    *out_len = o;
    return check_top_level(cps, cps_len);
}

static const char *check_domain(const char *d, size_t n, char *out, size_t cap, size_t *out_len)
{
    if (is_ascii(d, n))
        return convert_domain(d, n, 1, out, cap, out_len);
    char *text;
    size_t len;
    if (mca_nfc(d, n, &text, &len) != 0)
        return mca_rule_out_of_memory;
    const char *rule = convert_domain(text, len, 0, out, cap, out_len);
    mca_free(text);
    return rule;
}

/* The rule on text mca_require_string prepared (valid UTF-8, trimmed, not
 * blank): the same answer as mca_rule_email, without checking and trimming
 * it a second time. */
static const char *rule_prepared(const char *s, size_t n, char out[255])
{
    if (n > EMAIL_MAX_INPUT_BYTES)
        return "tooLong";
    const char *at = NULL;
    for (size_t i = n; i > 0; i--)
        if (s[i - 1] == '@') {
            at = s + i - 1;
            break;
        }
    if (at == NULL || at == s || at == s + n - 1)
        return "invalid";
    size_t local = (size_t)(at - s), domain_len;
    const char *rule = check_local(s, local);
    if (rule != NULL)
        return rule;
    memcpy(out, s, local);
    out[local] = '@';
    rule = check_domain(at + 1, n - local - 1, out + local + 1, MCA_EMAIL_MAX_BYTES - local - 1, &domain_len);
    if (rule != NULL)
        return rule;
    out[local + 1 + domain_len] = '\0';
    return NULL;
}

const char *mca_rule_email(const char *s, size_t n, char out[255])
{
    const char *begin = mca_utf8_begin(&s, &n);
    return begin != NULL ? begin : rule_prepared(s, n, out);
}

void mca_check_email(mca_report *r, const mca_input *input, const char *field)
{
    const char *s;
    size_t n;
    char email[MCA_EMAIL_MAX_BYTES + 1];
    if (!mca_require_string(r, input, field, &s, &n))
        return;
    const char *rule = rule_prepared(s, n, email);
    if (rule == mca_rule_out_of_memory)
        r->oom = 1;
    else if (rule != NULL)
        mca_report_rule(r, field, rule);
    else
        mca_report_normalized(r, field, email);
}
