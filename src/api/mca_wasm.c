/* The WebAssembly bridge: the only Wasm-aware C file.
 *
 * One call for every operation. JavaScript writes the operation name, the
 * JSON text and, for an operation on a byte buffer (parseCsv), the bytes
 * into memory it got from mca_wasm_alloc, calls mca_wasm_call, reads the
 * result text (its length is written to *out_len) and hands every block
 * back to mca_wasm_free. See docs/architecture.md, "The bridge".
 */
#include <emscripten.h>
#include <stdint.h>

#include "mca_internal.h"

EMSCRIPTEN_KEEPALIVE void *mca_wasm_alloc(size_t n)
{
    return mca_malloc(n == 0 ? 1 : n);
}

EMSCRIPTEN_KEEPALIVE void mca_wasm_free(void *p)
{
    mca_free(p);
}

/* Runs op on the JSON text in/in_len and, when data is given (not 0, or a
 * length), on the bytes data/data_len read in place (mca_call_data); else
 * as mca_call. Returns the result text (NUL-terminated, its length in
 * *out_len, 4 bytes the caller owns), or 0 when memory is exhausted. */
EMSCRIPTEN_KEEPALIVE char *mca_wasm_call(const char *op, const char *in, size_t in_len,
                                         const char *data, size_t data_len, uint32_t *out_len)
{
    size_t len = 0;
    char *text = data != NULL || data_len > 0
        ? mca_call_data(op, in, in_len, data, data_len, &len)
        : mca_call(op, in, in_len, &len);
    *out_len = (uint32_t)len;
    return text;
}

/* Live bytes held by the core's allocator (for the leak tests). */
EMSCRIPTEN_KEEPALIVE size_t mca_wasm_bytes_in_use(void)
{
    return mca_bytes_in_use();
}
