/* The phone tables as generated (mca_tables.h: coded for a small .wasm),
 * expanded once, on first use, into the forms the phone rule reads. A file
 * of its own so that it is built for size (-Oz) while the rule, on the
 * batch path, is built -O2 (CMakeLists.txt, MCA_WASM_HOT_SOURCES). */
#include <stddef.h>
#include <stdint.h>

#include "mca_tables.h"

/* The next field of bytes byte planes of count entries at *p (from entry
 * i's byte), little-endian; *p moves past the field. */
static uint32_t plane_field(const uint8_t **p, size_t count, unsigned bytes)
{
    uint32_t v = 0;
    for (unsigned k = 0; k < bytes; k++, *p += count)
        v |= (uint32_t)**p << 8 * k;
    return v;
}

/* Fills mca_phone_plans and mca_calling_codes from their byte planes. */
static void expand_plans(void)
{
    size_t n = mca_phone_plan_count;
    uint16_t states = 0;
    for (size_t i = 0; i < n; i++) {
        mca_phone_plan *plan = &mca_phone_plans[i];
        const uint8_t *p = mca_phone_plan_planes + i;
        plan->lengths = plane_field(&p, n, 3);
        plan->calling_code = (uint16_t)plane_field(&p, n, 2);
        for (size_t k = 0; k < 2; k++)
            plan->region[k] = (char)plane_field(&p, n, 1);
        for (size_t k = 0; k < 2; k++)
            plan->national_prefix[k] = (char)plane_field(&p, n, 1);
        for (size_t k = 0; k < 7; k++)
            plan->transform[k] = (char)plane_field(&p, n, 1);
        states = (uint16_t)(states + plane_field(&p, n, 2));
        plan->states = states;
        plan->general = (uint16_t)(states + plane_field(&p, n, 2));
        plan->leading = (uint16_t)plane_field(&p, n, 2);
        plan->idd = (uint16_t)plane_field(&p, n, 2);
        plan->prefix = (uint16_t)plane_field(&p, n, 2);
    }
    unsigned code = 0, first = 0;
    for (size_t i = 0; i < mca_calling_code_count; i++) {
        mca_calling_code *c = &mca_calling_codes[i];
        code += mca_calling_code_planes[i];
        c->code = (uint16_t)code;
        c->first = (uint16_t)first;
        c->count = mca_calling_code_planes[mca_calling_code_count + i];
        first += c->count;
    }
}

/* The digit mask of a squeezed word (mca_tables.h): bit k of word for the
 * k-th digit from `from` up that is not in `used`. */
static unsigned unsqueeze_mask(unsigned word, unsigned used, unsigned from)
{
    unsigned mask = 0;
    for (unsigned d = from; d < 10 && word != 0; d++) {
        if (used >> d & 1u)
            continue;
        mask |= (word & 1u) << d;
        word >>= 1;
    }
    return mask;
}

/* The lowest digit of a non-empty mask, plus one. */
static unsigned above_lowest(unsigned mask)
{
    unsigned d = 0;
    while (!(mask >> d & 1u))
        d++;
    return d + 1;
}

/* Expands the coded states into mca_phone_next and mca_phone_accept. */
static void expand_states(void)
{
    const uint8_t *t = mca_phone_targets, *low = mca_phone_target_lows;
    const uint16_t *escape = mca_phone_mask_escapes;
    unsigned fresh = (unsigned)mca_phone_shared_count; /* the number of the next state not met */
    uint16_t *next = mca_phone_next[0]; /* the first word starts state 0 */
    unsigned states = 0, used = 0, from = 0;
    for (size_t i = 0; i < mca_phone_word_count; i++) {
        uint8_t byte = mca_phone_masks[i];
        unsigned word = byte == MCA_PHONE_MASK_ESCAPE ? *escape++ : mca_phone_mask_words[byte];
        if (word & MCA_PHONE_FIRST) {
            next = mca_phone_next[states++];
            for (int d = 0; d < 10; d++)
                next[d] = MCA_PHONE_NONE;
            if (fresh < states) /* a start state no edge leads to */
                fresh = states;
            used = 0;
            from = 0;
        }
        unsigned m = unsqueeze_mask(word >> 2, used, from);
        if (m == 0) /* a state without next states */
            continue;
        unsigned to;
        if (word & MCA_PHONE_NEW)
            to = fresh++;
        else if (*t < MCA_PHONE_NEAR)
            to = *t++;
        else
            to = (unsigned)(*t++ - MCA_PHONE_NEAR) << 8 | *low++;
        used |= m;
        from = above_lowest(m);
        for (int d = 0; d < 10; d++)
            if (m >> d & 1u)
                next[d] = (uint16_t)to;
    }
    for (size_t k = 0; k < mca_phone_accepting_count; k++)
        mca_phone_accept[mca_phone_accepting[k] >> 3] |= (uint8_t)(1u << (mca_phone_accepting[k] & 7u));
}

/* Expands mca_phone_program_bytes into mca_phone_program. */
static void expand_programs(void)
{
    const uint8_t *p = mca_phone_program_bytes;
    uint16_t *out = mca_phone_program;
    unsigned pc = 0; /* the instruction's number in its program */
    for (size_t i = 0; i < mca_phone_program_count; i++, out += 2) {
        unsigned op = *p & 7u, x = *p++ >> 3, a = 0, b = 0;
        switch (op) {
        case MCA_VM_SET:
            a = x << 8 | *p++;
            break;
        case MCA_VM_SPLIT:
            a = pc + 1;
            b = x == MCA_VM_WIDE ? (unsigned)(p[0] | p[1] << 8) : pc + *p;
            p += x == MCA_VM_WIDE ? 2 : 1;
            break;
        case MCA_VM_JMP:
            a = x == MCA_VM_WIDE ? (unsigned)(p[0] | p[1] << 8) : pc + *p - (*p & 0x80u ? 0x100u : 0u);
            p += x == MCA_VM_WIDE ? 2 : 1;
            break;
        case MCA_VM_SAVE:
            a = x;
            break;
        default:
            break;
        }
        out[0] = (uint16_t)(op << 12 | a);
        out[1] = (uint16_t)b;
        pc = op == MCA_VM_MATCH ? 0 : pc + 1;
    }
}

void mca_phone_expand_tables(void)
{
    static int expanded;
    if (expanded)
        return;
    expand_plans();
    expand_states();
    expand_programs();
    expanded = 1;
}
