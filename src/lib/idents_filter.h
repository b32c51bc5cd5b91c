/*
 * idents_filter.h - a bit filter over the hashes of a small lexicon, so
 * that "is this token in the list?" is answered for most tokens by one
 * load and one test, without a lexicon probe.
 *
 * A lexicon lookup (tact__lex_get_h) identifies a key by its 64-bit hash
 * alone. The filter holds one bit per key, chosen by bits of that hash: a
 * clear bit proves that no key has the token's hash, so the lookup would
 * return 0, and the caller may return 0 without it. A set bit proves
 * nothing (another key may share the bit): the caller then does the real
 * lookup. So a filtered lookup always returns what the lookup returns.
 *
 * Used by idents.c (the IX_* lexicon) and names.c (the NL_* cue lexicon),
 * each a few hundred words: with 16384 bits about 2-4% of the tokens that
 * are not in the list still need the probe.
 */
#ifndef TACT_IDENTS_FILTER_H
#define TACT_IDENTS_FILTER_H

#include "internal.h"

#define TACT__HF_WORDS 256u /* 64-bit words: 16384 bits, 2 KiB */

typedef struct tact__hfilter {
    uint64_t w[TACT__HF_WORDS];
} tact__hfilter;

/* The bit of hash h: bits 40-53, which the lexicon's slot index (the low
 * bits) does not use, so keys that collide in the table spread here. */
static inline size_t tact__hf_bit(uint64_t h)
{
    return (size_t)(h >> 40) & (TACT__HF_WORDS * 64u - 1u);
}

/* Set the bit of every key of lx (empty when lx is empty). */
static inline void tact__hf_build(tact__hfilter *f, const tact__lex *lx)
{
    memset(f, 0, sizeof *f);
    for (uint32_t k = 0; k < lx->nslots; k++) {
        if (!lx->slots[k].e1)
            continue;
        size_t b = tact__hf_bit(lx->slots[k].h);
        f->w[b >> 6] |= 1ull << (b & 63u);
    }
}

/* False when no key of the filtered lexicon has hash h. */
static inline bool tact__hf_maybe(const tact__hfilter *f, uint64_t h)
{
    size_t b = tact__hf_bit(h);
    return (f->w[b >> 6] >> (b & 63u)) & 1u;
}

#endif
