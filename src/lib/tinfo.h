/*
 * tinfo.h - what several detectors' word lists say about a token's hash,
 * worked out once per token (speed).
 *
 * Several detectors ask their own word lists about every token, each with
 * a filter and a probe of its own: names' cue lexicon (names.c), the
 * phrase matcher's word classes and root edges (conduct_match.c), the
 * conduct word list (conduct_norm.c) and the conduct model's cue words
 * (conduct_model.c). At the ruleset's compile, tact__tinfo_build puts the
 * answers for every key of those lists in one table, keyed by the token
 * hash; the tokenizer looks each token up once (sc->tinfo) and the
 * detectors read their bits from there. The bits are exactly what each
 * detector's own probe answers for that hash (a hash that is no key of a
 * list: all its bits 0), so the detectors behave as before. A detector
 * uses them only when the table was made from its own lists (the pointers
 * kept below) and sc->tinfo is set; otherwise it asks its lists itself.
 */
#ifndef TACT_TINFO_H
#define TACT_TINFO_H

#include "internal.h"

#define TI_CUE_MASK 0xFFFFFFFFull       /* bits 0-31: names' cue value (NL_* bits) */
#define TI_PM_SHIFT 32                  /* bits 32-47: the matcher's class slot + 1 */
#define TI_PM_MASK 0xFFFFull
#define TI_PM_ROOT ((uint64_t)1 << 48)  /* the matcher's root has an edge keyed by it */
#define TI_CN ((uint64_t)1 << 49)       /* the conduct word list holds it */
#define TI_IX_GATE ((uint64_t)1 << 50)  /* idents' gate lexicon holds it (with a value) */
#define TI_IX_LEX ((uint64_t)1 << 51)   /* idents' lexicon holds it (with a value) */
#define TI_IX_NUM ((uint64_t)1 << 52)   /* a whole number word (idents.c: numf) */
#define TI_PM_RCH ((uint64_t)1 << 53)   /* its class slot has root children (pm_cx.nrch) */
#define TI_CM_SHIFT 56                  /* bits 56-63: the conduct model's word bits */

typedef struct tact__tinfo_slot {
    uint64_t h;
    uint64_t v; /* 0: empty (a hash with no bits is not kept) */
} tact__tinfo_slot;

struct tact__tinfo {
    tact__tinfo_slot *slots;
    uint32_t mask; /* slots - 1 (a power of two) */
    /* the lists the bits were made from (NULL: their bits are not kept) */
    const void *cue;   /* &names_rules.cue */
    const void *pm;    /* the conduct matcher (TI_PM_* kept only when pm_ok) */
    const void *words; /* the conduct word list */
    const void *cm;    /* the conduct model */
    const void *ix;    /* the idents rules (TI_IX_*) */
    bool pm_ok;        /* every class slot fits TI_PM_MASK */
};

/* The bits of hash h (0 for a hash that is no key of any list). */
static inline uint64_t tact__tinfo_get(const tact__tinfo *ti, uint64_t h)
{
    const tact__tinfo_slot *s = ti->slots;
    const uint32_t mask = ti->mask;
    /* (a token hash is mixed already: its low bits pick the slot) */
    for (uint32_t i = (uint32_t)(h ^ (h >> 29)) & mask;; i = (i + 1) & mask) {
        if (!s[i].v)
            return 0;
        if (s[i].h == h)
            return s[i].v;
    }
}

/* Build rs->tinfo from the compiled detectors (after tact__conduct_compile):
 * TACT_OK or TACT_ENOMEM. */
int tact__tinfo_build(tact_ruleset *rs);
void tact__tinfo_free(tact_ruleset *rs);

/* For tinfo.c, defined by the detectors that own the lists. */
const tact__lex *tact__conduct_words(const tact_ruleset *rs);
const struct tact__cm *tact__conduct_cm(const tact_ruleset *rs);
/* The conduct model's word bits of a hash (word_bits), and its cue words'
 * hashes (n of them) for the table. */
/* idents.c: the hashes of idents' gate and lexicon keys and number words,
 * and the TI_IX_* bits of one. */
size_t tact__ix_tinfo_keys(const tact_ruleset *rs, uint64_t *out, size_t cap);
uint64_t tact__ix_tinfo_bits(const tact_ruleset *rs, uint64_t h);
unsigned tact__cm_word_bits(const struct tact__cm *m, uint64_t h);
size_t tact__cm_word_keys(const struct tact__cm *m, uint64_t *out, size_t cap);

#endif
