/* Included before cJSON.c (CMake: -include on the cJSON target only): maps
 * cJSON's number calls to the core's exact implementations in
 * mca_json_numbers.c, so the Wasm core carries no printf/scanf machinery.
 * realloc is NULL: cJSON then grows and trims its print buffers with
 * malloc, memcpy and free, as it already does once the core's allocation
 * hooks are set (mca_json_init), and the allocator's realloc stays out of
 * the Wasm core.
 * The system headers come first so that their declarations keep their own
 * names; cJSON's later #include of them then adds nothing. */
#ifndef MCA_CJSON_LIBC_H
#define MCA_CJSON_LIBC_H

#include <stdio.h>
#include <stdlib.h>

#include "mca_json_numbers.h"

#define strtod mca_json_strtod
#define sprintf mca_json_sprintf
#define sscanf mca_json_sscanf
#define realloc NULL

#endif
