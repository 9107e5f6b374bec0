/* The one place every allocation of the core goes through (cJSON's too),
 * so tests can count live bytes and make allocations fail. */
#include "mca_internal.h"

#include <stdlib.h>
#include <string.h>

/* Each block carries its size in a header so frees can be counted. The
 * header is 16 bytes to keep the user pointer aligned for any type. */
#define HEADER 16u

static size_t bytes_in_use;
static size_t fail_countdown;

void *mca_malloc(size_t n)
{
    if (fail_countdown > 0 && --fail_countdown == 0)
        return NULL;
    if (n > (size_t)-1 - HEADER)
        return NULL;
    unsigned char *p = malloc(n + HEADER);
    if (p == NULL)
        return NULL;
    memcpy(p, &n, sizeof n);
    bytes_in_use += n;
    return p + HEADER;
}

void mca_free(void *ptr)
{
    if (ptr == NULL)
        return;
    unsigned char *p = (unsigned char *)ptr - HEADER;
    size_t n;
    memcpy(&n, p, sizeof n);
    bytes_in_use -= n;
    free(p);
}

char *mca_strndup(const char *s, size_t n)
{
    char *out = mca_malloc(n + 1);
    if (out == NULL)
        return NULL;
    if (n > 0)
        memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

size_t mca_bytes_in_use(void)
{
    return bytes_in_use;
}

void mca_fail_allocation_after(size_t n)
{
    fail_countdown = n;
}

void mca_json_init(void)
{
    static int done;
    if (!done) {
        cJSON_Hooks hooks = { mca_malloc, mca_free };
        cJSON_InitHooks(&hooks);
        done = 1;
    }
}
