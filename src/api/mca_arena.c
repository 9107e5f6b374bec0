/* Scratch memory and JSON text for the rules.
 *
 * An arena hands out memory by moving a pointer through chunks it got from
 * the core's allocator: one chunk serves many fields, and everything goes
 * back at once. A batch keeps one arena for all its rows (each row returns
 * to a mark, so the chunks are reused); a single call has its own.
 *
 * A text buffer grows by doubling and writes JSON: strings escaped exactly
 * as cJSON prints them, so both ways of building a body give the same text. */
#include "mca_internal.h"
#include "mca_words.h"

#include <stdint.h>
#include <string.h>

#define ARENA_FIRST_CHUNK 2048u
#define ARENA_ALIGN 8u

struct mca_arena_chunk {
    struct mca_arena_chunk *next;
    size_t size; /* bytes of data after this header */
};
#define CHUNK_HEADER ((sizeof(mca_arena_chunk) + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN)

static unsigned char *chunk_data(mca_arena_chunk *c)
{
    return (unsigned char *)c + CHUNK_HEADER;
}

void mca_arena_init(mca_arena *a)
{
    memset(a, 0, sizeof *a);
}

/* A chunk of at least n bytes after the current one: the next one kept from
 * before when it is large enough, else a new one linked in its place. */
static int next_chunk(mca_arena *a, size_t n)
{
    mca_arena_chunk *after = a->cur != NULL ? a->cur->next : a->head;
    if (after != NULL && after->size >= n) {
        a->cur = after;
        a->used = 0;
        return 0;
    }
    size_t size = a->cur != NULL ? a->cur->size * 2 : ARENA_FIRST_CHUNK;
    if (size < n)
        size = n;
    if (size > (size_t)-1 - CHUNK_HEADER)
        return -1;
    mca_arena_chunk *c = mca_malloc(CHUNK_HEADER + size);
    if (c == NULL)
        return -1;
    c->size = size;
    c->next = after;
    if (a->cur != NULL)
        a->cur->next = c;
    else
        a->head = c;
    a->cur = c;
    a->used = 0;
    return 0;
}

void *mca_arena_alloc(mca_arena *a, size_t n)
{
    size_t need = (n + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN;
    if (need < n) {
        a->oom = 1;
        return NULL;
    }
    if (a->cur == NULL || a->cur->size - a->used < need) {
        if (next_chunk(a, need) != 0) {
            a->oom = 1;
            return NULL;
        }
    }
    void *p = chunk_data(a->cur) + a->used;
    a->used += need;
    return p;
}

char *mca_arena_strndup(mca_arena *a, const char *s, size_t n)
{
    char *out = mca_arena_alloc(a, n + 1);
    if (out == NULL)
        return NULL;
    if (n > 0)
        memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

mca_arena_mark mca_arena_save(const mca_arena *a)
{
    mca_arena_mark m = { a->cur, a->used };
    return m;
}

void mca_arena_restore(mca_arena *a, mca_arena_mark m)
{
    a->cur = m.chunk;
    a->used = m.used;
}

void mca_arena_fini(mca_arena *a)
{
    for (mca_arena_chunk *c = a->head; c != NULL;) {
        mca_arena_chunk *next = c->next;
        mca_free(c);
        c = next;
    }
    memset(a, 0, sizeof *a);
}

/* ---- text ---- */

void mca_text_init(mca_text *t)
{
    memset(t, 0, sizeof *t);
}

void mca_text_fini(mca_text *t)
{
    mca_free(t->s);
    memset(t, 0, sizeof *t);
}

/* Room for n more bytes and a NUL; 0, or -1 (and t->oom) when memory ran out. */
static int reserve(mca_text *t, size_t n)
{
    if (t->oom)
        return -1;
    if (t->cap - t->len > n)
        return 0;
    size_t cap = t->cap ? t->cap : 256;
    while (cap - t->len <= n) {
        if (cap > (size_t)-1 / 2) {
            t->oom = 1;
            return -1;
        }
        cap *= 2;
    }
    char *grown = mca_malloc(cap);
    if (grown == NULL) {
        t->oom = 1;
        return -1;
    }
    if (t->len > 0)
        memcpy(grown, t->s, t->len);
    mca_free(t->s);
    t->s = grown;
    t->cap = cap;
    return 0;
}

int mca_text_reserve(mca_text *t, size_t n)
{
    return reserve(t, n);
}

void mca_text_put_slow(mca_text *t, const char *s, size_t n)
{
    if (reserve(t, n) != 0)
        return;
    memcpy(t->s + t->len, s, n);
    t->len += n;
}

void mca_text_uint(mca_text *t, size_t v)
{
    char digits[24];
    size_t k = sizeof digits;
    do {
        digits[--k] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    mca_text_put(t, digits + k, sizeof digits - k);
}

/* Bytes cJSON prints escaped: controls, the quote and the backslash. */
static const unsigned char escaped[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ['"'] = 1, ['\\'] = 1,
};

/* The escape of byte c as cJSON prints it (c needs one). */
static const char *escape_of(unsigned char c, char buf[7])
{
    static const char hex[] = "0123456789abcdef";
    static const char *const named[32] = {
        ['\b'] = "\\b", ['\f'] = "\\f", ['\n'] = "\\n", ['\r'] = "\\r", ['\t'] = "\\t",
    };
    if (c == '"')
        return "\\\"";
    if (c == '\\')
        return "\\\\";
    if (named[c] != NULL)
        return named[c];
    memcpy(buf, "\\u00", 4);
    buf[4] = hex[c >> 4];
    buf[5] = hex[c & 15];
    buf[6] = '\0';
    return buf;
}

/* The length of the start of s[0..n) that needs no escape: eight bytes at
 * a time while none is below 0x20, a quote or a backslash (mca_words.h),
 * then byte by byte. */
static size_t plain_run(const char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (mca_word_below(w, 0x20) | mca_word_zeros(w ^ (MCA_ONES * '"')) | mca_word_zeros(w ^ (MCA_ONES * '\\')))
            break;
    }
    while (i < n && !escaped[(unsigned char)s[i]])
        i++;
    return i;
}

/* Writes s[0..n) escaped, depth times (2: for JSON text inside a string). */
static void put_escaped(mca_text *t, const char *s, size_t n, int depth)
{
    size_t run = 0;
    for (size_t i = plain_run(s, n); i < n; i = run + plain_run(s + run, n - run)) {
        char buf[7];
        const char *e = escape_of((unsigned char)s[i], buf);
        mca_text_put(t, s + run, i - run);
        if (depth > 1)
            put_escaped(t, e, strlen(e), depth - 1);
        else
            mca_text_puts(t, e);
        run = i + 1;
    }
    mca_text_put(t, s + run, n - run);
}

void mca_text_string(mca_text *t, const char *s, size_t n)
{
    /* Room for the common case (nothing to escape) at once. */
    if (t->cap - t->len <= n + 2 && reserve(t, n + 2) != 0)
        return;
    t->s[t->len++] = '"';
    put_escaped(t, s, n, 1);
    mca_text_put(t, "\"", 1);
}

void mca_text_string_in_string(mca_text *t, const char *s, size_t n)
{
    mca_text_put(t, "\\\"", 2);
    put_escaped(t, s, n, 2);
    mca_text_put(t, "\\\"", 2);
}

void mca_text_key(mca_text *t, const char *key)
{
    mca_text_string(t, key, strlen(key));
    mca_text_put(t, ":", 1);
}

char *mca_text_take(mca_text *t, size_t *len)
{
    if (t->oom || reserve(t, 0) != 0) {
        mca_text_fini(t);
        return NULL;
    }
    t->s[t->len] = '\0';
    char *s = t->s;
    if (len != NULL)
        *len = t->len;
    memset(t, 0, sizeof *t);
    return s;
}
