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

/* Expands the coded states into mca_phone_next. */
static void expand_states(void)
{
    const uint8_t *mask = mca_phone_masks, *t = mca_phone_targets, *low = mca_phone_target_lows;
    const uint16_t *escape = mca_phone_mask_escapes;
    unsigned fresh = (unsigned)mca_phone_shared_count; /* the number of the next state not met */
    for (size_t s = 0; s < mca_phone_state_count; s++) {
        uint16_t *next = mca_phone_next[s];
        unsigned used = 0, from = 0;
        for (int d = 0; d < 10; d++)
            next[d] = MCA_PHONE_NONE;
        if (fresh <= s) /* a start state no edge leads to */
            fresh = (unsigned)s + 1u;
        for (unsigned g = mca_phone_heads[s] >> 1; g > 0; g--, mask++) {
            unsigned word = *mask == MCA_PHONE_MASK_ESCAPE ? *escape++ : mca_phone_mask_words[*mask];
            unsigned to;
            if (word & MCA_PHONE_NEW)
                to = fresh++;
            else if (*t < MCA_PHONE_NEAR)
                to = *t++;
            else
                to = (unsigned)(*t++ - MCA_PHONE_NEAR) << 8 | *low++;
            unsigned m = unsqueeze_mask(word >> 1, used, from);
            used |= m;
            from = above_lowest(m);
            for (int d = 0; d < 10; d++)
                if (m >> d & 1u)
                    next[d] = (uint16_t)to;
        }
    }
}

void mca_phone_expand_tables(void)
{
    static int expanded;
    if (expanded)
        return;
    expand_plans();
    expand_states();
    expanded = 1;
}
