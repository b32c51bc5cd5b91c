/*
 * tinfo.c - the detectors' word-list bits by token hash (tinfo.h).
 */
#include "tinfo.h"

#include "conduct_match.h"
#include "conduct_model.h"
#include "names.h"

/* Keys of a lexicon (its slots' hashes) into out; returns how many (out
 * NULL: only counts). */
static size_t lex_keys(const tact__lex *lx, uint64_t *out)
{
    size_t n = 0;
    for (uint32_t k = 0; k < lx->nslots; k++) {
        if (!lx->slots[k].e1)
            continue;
        if (out)
            out[n] = lx->slots[k].h;
        n++;
    }
    return n;
}

static void tinfo_put(tact__tinfo *ti, uint64_t h, uint64_t v)
{
    if (!v)
        return;
    tact__tinfo_slot *s = ti->slots;
    for (uint32_t i = (uint32_t)(h ^ (h >> 29)) & ti->mask;; i = (i + 1) & ti->mask) {
        if (!s[i].v) {
            s[i].h = h;
            s[i].v = v;
            return;
        }
        if (s[i].h == h)
            return; /* (the same hash from another list: its bits are all in v) */
    }
}

int tact__tinfo_build(tact_ruleset *rs)
{
    const names_rules *nr = rs->names;
    const tact__pm *pm = tact__conduct_pm(rs);
    const tact__lex *words = tact__conduct_words(rs);
    const tact__cm *cm = tact__conduct_cm(rs);
    const void *ix = rs->idents;
    if (!nr && !pm && !words && !cm && !ix)
        return TACT_OK;
    size_t ncue = nr ? lex_keys(&nr->cue, NULL) : 0;
    size_t npm = pm ? tact__pm_tinfo_keys(pm, NULL, 0) : 0; /* (an upper bound) */
    size_t nw = words ? lex_keys(words, NULL) : 0;
    size_t ncm = cm ? tact__cm_word_keys(cm, NULL, 0) : 0;
    size_t nix = tact__ix_tinfo_keys(rs, NULL, 0);
    size_t total = ncue + npm + nw + ncm + nix;
    uint64_t *keys = tact__malloc(&rs->a, (total ? total : 1) * sizeof *keys);
    if (!keys)
        return TACT_ENOMEM;
    size_t k = 0;
    if (nr)
        k += lex_keys(&nr->cue, keys + k);
    if (pm)
        k += tact__pm_tinfo_keys(pm, keys + k, npm);
    if (words)
        k += lex_keys(words, keys + k);
    if (cm)
        k += tact__cm_word_keys(cm, keys + k, ncm);
    k += tact__ix_tinfo_keys(rs, keys + k, nix);
    /* (a load of a half or more: small enough to stay in the cache) */
    uint32_t nslots = 16;
    while (nslots < k + k / 2 + 16)
        nslots *= 2;
    tact__tinfo *ti = tact__calloc(&rs->a, 1, sizeof *ti);
    tact__tinfo_slot *slots = ti ? tact__calloc(&rs->a, nslots, sizeof *slots) : NULL;
    if (!slots) {
        tact__free(&rs->a, ti);
        tact__free(&rs->a, keys);
        return TACT_ENOMEM;
    }
    ti->slots = slots;
    ti->mask = nslots - 1;
    ti->cue = nr ? (const void *)&nr->cue : NULL;
    ti->pm = pm;
    ti->words = words;
    ti->cm = cm;
    ti->ix = ix;
    bool pm_ok = true;
    for (size_t i = 0; i < k; i++) {
        uint64_t h = keys[i], v = 0;
        if (tact__tinfo_get(ti, h))
            continue; /* (a key of several lists: all its bits are in) */
        if (nr && tact__hf_maybe(&nr->cuef, h))
            v |= tact__lex_probe(&nr->cue, h);
        if (pm)
            v |= tact__pm_tinfo_bits(pm, h, &pm_ok);
        if (words && tact__lex_probe(words, h))
            v |= TI_CN;
        if (cm)
            v |= (uint64_t)(tact__cm_word_bits(cm, h) & 0xFFu) << TI_CM_SHIFT;
        if (ix)
            v |= tact__ix_tinfo_bits(rs, h);
        tinfo_put(ti, h, v);
    }
    ti->pm_ok = pm_ok;
    tact__free(&rs->a, keys);
    rs->tinfo = ti;
    return TACT_OK;
}

void tact__tinfo_free(tact_ruleset *rs)
{
    if (!rs->tinfo)
        return;
    tact__free(&rs->a, rs->tinfo->slots);
    tact__free(&rs->a, rs->tinfo);
    rs->tinfo = NULL;
}
