/* Rule data generated at build time by src/gen/gen-*.mjs from Debian's
 * iso-codes and libphonenumber's metadata (docs/rules.md, "Rule data").
 * The generated C files live in the build tree and are never committed. */
#ifndef MCA_TABLES_H
#define MCA_TABLES_H

#include <stddef.h>
#include <stdint.h>

/* Each generator records its sources and their versions, e.g.
 * "iso-codes 4.15.0 iso_3166-1.json". */
extern const char mca_source_countries[];
extern const char mca_source_languages[];
extern const char mca_source_phone[];

/* ---- gen-countries.mjs: ISO 3166-1 alpha-2, upper case, sorted ---- */
extern const char mca_country_codes[][2];
extern const size_t mca_country_count;

/* ---- gen-languages.mjs: ISO 639 and ISO 15924 ---- */
extern const char mca_language2_codes[][2]; /* lower case, sorted */
extern const size_t mca_language2_count;
/* Three-letter codes without a two-letter equivalent, as a bitset: code
 * "abc" is bit (a*26+b)*26+c with letters numbered 0-25. */
extern const unsigned char mca_language3_bits[];
extern const size_t mca_language3_count;
/* Three-letter codes (terminology and bibliographic) that have a two-letter
 * equivalent: "nld" and "dut" -> "nl". Sorted by three. */
typedef struct mca_language_alias {
    char three[3];
    char two[2];
} mca_language_alias;
extern const mca_language_alias mca_language_aliases[];
extern const size_t mca_language_alias_count;
extern const char mca_script_codes[][4]; /* title case ("Hant"), sorted */
extern const size_t mca_script_count;

/* ---- gen-phone.mjs: libphonenumber's metadata, reduced ---- */
typedef struct mca_phone_region {
    uint32_t lengths;         /* bit n set: a national number may have n digits */
    uint16_t calling_code;    /* ITU country calling code */
    char region[2];           /* ISO 3166-1 alpha-2 (plus AC, TA, XK) */
    char national_prefix[3];  /* trunk prefix digits, NUL-padded, "" when none */
    int8_t plan;              /* index in mca_phone_plans, -1 when not checked */
} mca_phone_region;
extern const mca_phone_region mca_phone_regions[]; /* sorted by region */
extern const size_t mca_phone_region_count;

typedef struct mca_calling_code {
    uint16_t code;
    int8_t plan;      /* plan for international numbers with this code, or -1 */
    uint8_t trunk0;   /* 1 when its (first) region's trunk prefix is "0": a
                         "(0)" written after the code is then dropped */
} mca_calling_code;
extern const mca_calling_code mca_calling_codes[]; /* sorted by code */
extern const size_t mca_calling_code_count;

/* A national numbering plan: a minimal automaton over the digits. Its
 * states are mca_phone_states[first .. first+count-1]; state 0 is the
 * start; next[d] is the state after digit d (local index) or 0xFF when no
 * national number continues with d. accept bit s: a number may end in s. */
typedef struct mca_phone_plan {
    uint64_t accept;
    uint32_t lengths; /* as in mca_phone_region */
    uint16_t first;
    uint8_t count;
} mca_phone_plan;
typedef struct mca_phone_state {
    uint8_t next[10];
} mca_phone_state;
extern const mca_phone_plan mca_phone_plans[];
extern const size_t mca_phone_plan_count;
extern const mca_phone_state mca_phone_states[];

#endif
