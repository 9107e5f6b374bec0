/* Preparing JSON text for cJSON (see mca_json_prepare in mca_internal.h).
 *
 * JavaScript strings may hold unpaired surrogates; JSON.stringify writes
 * them as escapes (\ud800) that cJSON refuses, which would fail the whole
 * input. Rewriting them to WTF-8 keeps the failure on the one field, where
 * its rule reports "<field>.invalidUtf8". \u0000 would end a C string early
 * (a name "Anne\u0000<b>" read as "Anne"), so it becomes the invalid C0 80. */
#include "mca_internal.h"

#include <string.h>

static int hex4(const char *s, size_t n, size_t at, unsigned *v)
{
    unsigned x = 0;
    if (at + 4 > n)
        return 0;
    for (size_t i = at; i < at + 4; i++) {
        char c = s[i];
        unsigned d;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = (unsigned)(c - 'A' + 10);
        else
            return 0;
        x = x << 4 | d;
    }
    *v = x;
    return 1;
}

/* Length of the escape at s[i] (a backslash inside a string) and, when it
 * must be rewritten, its replacement bytes in rep (*rep_len > 0). */
static size_t escape_at(const char *s, size_t n, size_t i, char rep[3], size_t *rep_len)
{
    unsigned v, low;
    *rep_len = 0;
    if (i + 1 >= n || s[i + 1] != 'u' || !hex4(s, n, i + 2, &v))
        return i + 1 < n ? 2 : 1;
    if (v >= 0xd800 && v <= 0xdbff && i + 11 < n && s[i + 6] == '\\' && s[i + 7] == 'u'
        && hex4(s, n, i + 8, &low) && low >= 0xdc00 && low <= 0xdfff)
        return 12; /* a proper pair */
    if (v == 0) {
        rep[0] = (char)0xc0, rep[1] = (char)0x80;
        *rep_len = 2;
    } else if (v >= 0xd800 && v <= 0xdfff) {
        rep[0] = (char)(0xe0 | v >> 12);
        rep[1] = (char)(0x80 | (v >> 6 & 0x3f));
        rep[2] = (char)(0x80 | (v & 0x3f));
        *rep_len = 3;
    }
    return 6;
}

/* One pass over the text; writes the rewritten text into out when out is
 * not NULL. Returns MCA_JSON_READY or a refusal; *rewrites counts escapes
 * rewritten and *len the output length. */
static int scan(const char *s, size_t n, char *out, size_t *rewrites, size_t *len)
{
    size_t depth = 0, w = 0;
    int in_string = 0;
    *rewrites = 0;
    for (size_t i = 0; i < n;) {
        char c = s[i];
        size_t step = 1, rep_len = 0;
        char rep[3];
        if (c == '\0')
            return MCA_JSON_NUL;
        if (in_string) {
            if (c == '"')
                in_string = 0;
            else if (c == '\\')
                step = escape_at(s, n, i, rep, &rep_len);
        } else if (c == '"') {
            in_string = 1;
        } else if (c == '[' || c == '{') {
            if (++depth > CJSON_NESTING_LIMIT)
                return MCA_JSON_TOO_DEEP;
        } else if ((c == ']' || c == '}') && depth > 0) {
            depth--;
        }
        if (rep_len > 0)
            ++*rewrites;
        if (out != NULL) {
            memcpy(out + w, rep_len > 0 ? rep : s + i, rep_len > 0 ? rep_len : step);
        }
        w += rep_len > 0 ? rep_len : step;
        i += step;
    }
    *len = w;
    return MCA_JSON_READY;
}

/* The common case first: no NUL, no backslash inside a string (so nothing
 * to rewrite), nesting within the limit. A tight pass over the bytes that
 * can matter; 0 when the full scan must decide. */
static int plainly_ready(const char *s, size_t n)
{
    size_t depth = 0;
    int in_string = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (in_string) {
            if (c == '"')
                in_string = 0;
            else if (c == '\\' || c == '\0')
                return 0;
        } else if (c == '"') {
            in_string = 1;
        } else if (c == '[' || c == '{') {
            if (++depth > CJSON_NESTING_LIMIT)
                return 0;
        } else if (c == ']' || c == '}') {
            depth -= depth > 0;
        } else if (c == '\0') {
            return 0;
        }
    }
    return 1;
}

int mca_json_prepare(const char *in, size_t n, char **copy, size_t *copy_len)
{
    size_t rewrites, len;
    *copy = NULL;
    *copy_len = 0;
    if (plainly_ready(in, n))
        return MCA_JSON_READY;
    int status = scan(in, n, NULL, &rewrites, &len);
    if (status != MCA_JSON_READY || rewrites == 0)
        return status;
    char *out = mca_malloc(len + 1);
    if (out == NULL)
        return MCA_JSON_OOM;
    scan(in, n, out, &rewrites, &len);
    out[len] = '\0';
    *copy = out;
    *copy_len = len;
    return MCA_JSON_READY;
}
