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

/* ---- gen-phone.mjs: libphonenumber's metadata, reduced (docs/rules.md,
 * "Phone numbering plans") ---- */
#define MCA_PHONE_NONE 0xFFFF
/* A numbering plan: a region's, or a non-geographic calling code's. */
typedef struct mca_phone_plan {
    uint32_t lengths;         /* bit n set: a national number may have n digits */
    uint16_t calling_code;    /* ITU country calling code */
    char region[2];           /* ISO 3166-1 alpha-2 (plus AC, TA, XK); "00" when non-geographic */
    char national_prefix[3];  /* trunk prefix digits, NUL-padded, "" when none */
    char transform[8];        /* national prefix transform rule ("9$1"), "" when none */
    uint16_t states;          /* the start state of the automaton of its valid numbers */
    uint16_t general;         /* the automaton of its general national-number pattern */
    uint16_t leading;         /* its leading-digits automaton, or MCA_PHONE_NONE */
    uint16_t idd;             /* international prefix program in mca_phone_program, or NONE */
    uint16_t prefix;          /* national prefix for parsing program, or NONE */
} mca_phone_plan;
/* Regions first (sorted by region), then the non-geographic plans; the
 * phone rule fills mca_phone_plans on first use from
 * mca_phone_plan_planes: per field, in the order of the struct, byte k of
 * plan i at k * count + i (little-endian; lengths 3 bytes, national_prefix
 * 2, transform 7, the rest of the strings NUL), states as the difference
 * from the previous plan's states and general as the difference from the
 * plan's own states (both mod 2^16). */
extern const uint8_t mca_phone_plan_planes[];
extern const size_t mca_phone_plan_count;
extern const size_t mca_phone_region_count;
extern mca_phone_plan mca_phone_plans[];

typedef struct mca_calling_code {
    uint16_t code;
    uint16_t first;  /* its plans: mca_phone_code_plans[first .. first+count-1] */
    uint8_t count;   /* in libphonenumber's order: the first is the main plan */
} mca_calling_code;
/* Sorted by code; filled on first use from mca_calling_code_planes: the
 * count differences from the previous code (from 0 for the first), then the
 * count numbers of plans (first: the sum of the counts before). */
extern const uint8_t mca_calling_code_planes[];
extern const size_t mca_calling_code_count;
extern mca_calling_code mca_calling_codes[];
extern const uint8_t mca_phone_code_plans[];

/* Automaton states: all automata as one minimal graph (a plan's states,
 * general and leading fields are the numbers of their start states): first
 * the mca_phone_shared_count states most edges lead to, then the others in
 * the order the expansion (mca_phone_tables.c) first meets them. Coded as
 * mca_phone_word_count words by mca_phone_masks (a byte m < 255 for
 * mca_phone_mask_words[m], 255 for the next of mca_phone_mask_escapes), per
 * state one per next state, in the order of their lowest digits:
 * MCA_PHONE_FIRST on the first word of a state | MCA_PHONE_NEW for the next
 * state not met before (a state reached by no edge is met when the
 * expansion comes to it) | its digit mask squeezed << 2 (bit k: the k-th
 * digit above the previous next state's lowest digit that no earlier next
 * state of this state has; a state without next states has one word, with
 * no digits); and for a state met before, its number by mca_phone_targets:
 * a byte below MCA_PHONE_NEAR for that state, else MCA_PHONE_NEAR + its high
 * byte, and then its low byte is the next of mca_phone_target_lows.
 * mca_phone_accepting lists (sorted) the states where the digits read so
 * far are a number of the automaton (for a leading-digits automaton: they
 * begin with one of its prefixes). Expanded on first use into
 * mca_phone_next[s][d] (the state after digit d, or MCA_PHONE_NONE when no
 * number continues so) and mca_phone_accept (bit s % 8 of byte s / 8 set
 * when state s accepts). */
extern const size_t mca_phone_state_count;
extern const size_t mca_phone_shared_count;
extern const size_t mca_phone_word_count;
enum { MCA_PHONE_FIRST = 1, MCA_PHONE_NEW = 2, MCA_PHONE_NEAR = 224 };
extern const uint8_t mca_phone_masks[];
enum { MCA_PHONE_MASK_ESCAPE = 255 };
extern const uint16_t mca_phone_mask_words[];
extern const uint16_t mca_phone_mask_escapes[];
extern const uint8_t mca_phone_targets[];
extern const uint8_t mca_phone_target_lows[];
extern const uint16_t mca_phone_accepting[];
extern const size_t mca_phone_accepting_count;
extern uint16_t mca_phone_next[][10];
extern uint8_t mca_phone_accept[];
/* Programs of the backtracking machine (src/gen/digit-vm.mjs): two words
 * per instruction in mca_phone_program, word 0 = op << 12 | a, word 1 = b;
 * ops SET (a: digit mask), SPLIT (a first, then b), JMP (a), SAVE (slot a),
 * END (end of the input), MATCH; a and b are instruction numbers in the
 * program, which ends at its MATCH. Plan fields idd and prefix are
 * instruction numbers. Filled on first use from the
 * mca_phone_program_count instructions of mca_phone_program_bytes, each a
 * byte op | x << 3 and its operands, pc its number in its program: SET x =
 * a >> 8, then a byte a & 0xFF; SPLIT (a = pc + 1) a byte b - pc, or x =
 * MCA_VM_WIDE and b in two bytes (little-endian); JMP a byte a - pc (signed),
 * or x = MCA_VM_WIDE and a in two bytes; SAVE x = a. */
enum { MCA_VM_SET = 0, MCA_VM_SPLIT = 1, MCA_VM_JMP = 2, MCA_VM_SAVE = 3, MCA_VM_END = 4, MCA_VM_MATCH = 5 };
enum { MCA_VM_WIDE = 1 };
extern const uint8_t mca_phone_program_bytes[];
extern const size_t mca_phone_program_count;
extern uint16_t mca_phone_program[];

/* Fills mca_phone_plans, mca_calling_codes, mca_phone_next,
 * mca_phone_accept and mca_phone_program from the coded tables; the first
 * call does it, later ones return at once (mca_phone_tables.c). */
void mca_phone_expand_tables(void);

#endif
