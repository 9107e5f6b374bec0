/* The WebAssembly bridge: the only Wasm-aware C file.
 *
 * JavaScript writes the operation name and the JSON text into memory it got
 * from mca_wasm_alloc, calls mca_wasm_call, reads the result block and hands
 * it back to mca_wasm_free. A result block is a 4-byte little-endian length
 * followed by that many bytes of UTF-8 JSON (and a NUL).
 */
#include <emscripten.h>
#include <stdint.h>
#include <string.h>

#include "mca_internal.h"

EMSCRIPTEN_KEEPALIVE void *mca_wasm_alloc(size_t n)
{
    return mca_malloc(n == 0 ? 1 : n);
}

EMSCRIPTEN_KEEPALIVE void mca_wasm_free(void *p)
{
    mca_free(p);
}

/* Wraps result text into a result block and frees the text. */
static uint8_t *to_block(char *text, size_t len)
{
    if (text == NULL)
        return NULL;
    uint8_t *block = mca_malloc(4 + len + 1);
    if (block != NULL) {
        uint32_t n32 = (uint32_t)len;
        memcpy(block, &n32, 4);
        memcpy(block + 4, text, len + 1);
    }
    mca_free(text);
    return block;
}

/* Returns a result block (see above), or 0 when memory is exhausted. */
EMSCRIPTEN_KEEPALIVE uint8_t *mca_wasm_call(const char *op, const char *in, size_t in_len)
{
    size_t len = 0;
    char *text = mca_call(op, in, in_len, &len);
    return to_block(text, len);
}

/* The same for an operation on a byte buffer (parseCsv): JavaScript writes
 * the bytes once into memory from mca_wasm_alloc and the core reads them in
 * place. The result can be large (every row of a file), so it is returned
 * as is, without a length header: the length goes to *out_len (4 bytes the
 * caller allocated). Returns 0 when memory is exhausted. */
EMSCRIPTEN_KEEPALIVE char *mca_wasm_call_data(const char *op, const char *in, size_t in_len,
                                              const char *data, size_t data_len, uint32_t *out_len)
{
    size_t len = 0;
    char *text = mca_call_data(op, in, in_len, data, data_len, &len);
    *out_len = (uint32_t)len;
    return text;
}

/* Live bytes held by the core's allocator (for the leak tests). */
EMSCRIPTEN_KEEPALIVE size_t mca_wasm_bytes_in_use(void)
{
    return mca_bytes_in_use();
}
