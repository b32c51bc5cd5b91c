/* lex.c - the immutable string -> value map behind every word list. */
#include "internal.h"

/* FNV-1a with a final avalanche: short keys, no allocation, good spread. */
uint64_t tact__hash(const void *s, size_t n)
{
    return tact__hash_inl(s, n);
}

int tact__lex_init(const tact__alloc *a, tact__lex *lx, uint32_t expected)
{
    memset(lx, 0, sizeof *lx);
    uint32_t n = 64;
    while (n < expected * 2u && n < (1u << 30))
        n *= 2;
    lx->slots = tact__calloc(a, n, sizeof *lx->slots);
    if (!lx->slots)
        return TACT_ENOMEM;
    lx->nslots = n;
    return TACT_OK;
}

static const tact__lex_slot empty_slot;

/* The slot holding h, or the empty slot where it would go. The walk is
 * bounded, so even a damaged table without an empty slot ends. */
static tact__lex_slot *probe(const tact__lex *lx, uint64_t h)
{
    uint32_t mask = lx->nslots - 1;
    uint32_t i = (uint32_t)h & mask;
    for (uint32_t k = 0; k < lx->nslots; k++) {
        tact__lex_slot *sl = &lx->slots[i];
        if (!sl->e1 || sl->h == h)
            return sl;
        i = (i + 1) & mask;
    }
    return (tact__lex_slot *)(uintptr_t)&empty_slot;
}

static int rehash(const tact__alloc *a, tact__lex *lx)
{
    uint32_t n = lx->nslots * 2;
    tact__lex_slot *slots = tact__calloc(a, n, sizeof *slots);
    if (!slots)
        return TACT_ENOMEM;
    for (uint32_t k = 0; k < lx->nslots; k++) {
        const tact__lex_slot *old = &lx->slots[k];
        if (!old->e1)
            continue;
        uint32_t i = (uint32_t)old->h & (n - 1);
        while (slots[i].e1)
            i = (i + 1) & (n - 1);
        slots[i] = *old;
    }
    tact__free(a, lx->slots);
    lx->slots = slots;
    lx->nslots = n;
    return TACT_OK;
}

static int grow_entries(const tact__alloc *a, tact__lex *lx)
{
    uint32_t ncap = lx->cap ? lx->cap * 2 : 256;
    uint32_t *koff = tact__realloc(a, lx->koff, ncap * sizeof *koff);
    if (!koff)
        return TACT_ENOMEM;
    lx->koff = koff;
    uint32_t *klen = tact__realloc(a, lx->klen, ncap * sizeof *klen);
    if (!klen)
        return TACT_ENOMEM;
    lx->klen = klen;
    uint32_t *val = tact__realloc(a, lx->val, ncap * sizeof *val);
    if (!val)
        return TACT_ENOMEM;
    lx->val = val;
    lx->cap = ncap;
    return TACT_OK;
}

int tact__lex_add(const tact__alloc *a, tact__lex *lx, const char *key, size_t n, uint32_t val)
{
    if (lx->frozen)
        return TACT_EINTERNAL;
    if (n == 0 || n > 0xffff)
        return TACT_OK;
    uint64_t h = tact__hash(key, n);
    tact__lex_slot *sl = probe(lx, h);
    if (sl->e1) {
        sl->val |= val;
        lx->val[sl->e1 - 1] |= val;
        return TACT_OK;
    }
    if ((uint64_t)(lx->count + 1) * 2 > lx->nslots) {
        if (rehash(a, lx) != TACT_OK)
            return TACT_ENOMEM;
        sl = probe(lx, h);
    }
    if (lx->count == lx->cap && grow_entries(a, lx) != TACT_OK)
        return TACT_ENOMEM;
    if (lx->keys_len + n > UINT32_MAX)
        return TACT_ERANGE;
    if (tact__grow(a, (void **)&lx->keys, &lx->keys_cap, lx->keys_len + n, 1) != TACT_OK)
        return TACT_ENOMEM;
    memcpy(lx->keys + lx->keys_len, key, n);
    uint32_t idx = lx->count++;
    lx->koff[idx] = (uint32_t)lx->keys_len;
    lx->klen[idx] = (uint32_t)n;
    lx->val[idx] = val;
    lx->keys_len += n;
    sl->h = h;
    sl->val = val;
    sl->e1 = idx + 1;
    return TACT_OK;
}

uint32_t tact__lex_get_h(const tact__lex *lx, const char *key, size_t n, uint64_t h)
{
    (void)key;
    (void)n;
    return tact__lex_probe(lx, h);
}

uint32_t tact__lex_get(const tact__lex *lx, const char *key, size_t n)
{
    return tact__lex_get_h(lx, key, n, tact__hash(key, n));
}

void tact__lex_free(const tact__alloc *a, tact__lex *lx)
{
    if (!lx->frozen) {
        tact__free(a, lx->slots);
        tact__free(a, lx->koff);
        tact__free(a, lx->klen);
        tact__free(a, lx->val);
        tact__free(a, lx->keys);
    }
    memset(lx, 0, sizeof *lx);
}

int tact__lex_add_all(const tact__alloc *a, tact__lex *lx, const char *const *words, uint32_t val)
{
    for (; *words; words++) {
        int rc = tact__lex_add(a, lx, *words, strlen(*words), val);
        if (rc)
            return rc;
    }
    return TACT_OK;
}

int tact__lex_add_lines(const tact__alloc *a, tact__lex *lx, const char *data, size_t len,
                        uint32_t val, bool fold)
{
    char tmp[256];
    size_t i = 0;
    while (i < len) {
        size_t e = i;
        while (e < len && data[e] != '\n')
            e++;
        size_t s = i, t = e;
        while (s < t && (data[s] == ' ' || data[s] == '\t' || data[s] == '\r'))
            s++;
        while (t > s && (data[t - 1] == ' ' || data[t - 1] == '\t' || data[t - 1] == '\r'))
            t--;
        i = e + 1;
        if (s == t || data[s] == '#')
            continue;
        size_t n = t - s;
        const char *key = data + s;
        if (fold && n < sizeof tmp) {
            for (size_t k = 0; k < n; k++) {
                char c = key[k];
                tmp[k] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
            }
            key = tmp;
        }
        int rc = tact__lex_add(a, lx, key, n, val);
        if (rc != TACT_OK)
            return rc;
    }
    return TACT_OK;
}

/* ---- frozen lexicons ------------------------------------------------------ */

#define FROZEN_MAGIC 0x3258454c54434154ull /* "TACTLEX2" */

typedef struct frozen_hdr {
    uint64_t magic;
    uint32_t nslots, count;
} frozen_hdr;

int tact__lex_freeze(const tact__alloc *a, const tact__lex *lx, tact__buf *out)
{
    frozen_hdr h = {FROZEN_MAGIC, lx->nslots, lx->count};
    if (tact__buf_put(a, out, &h, sizeof h) ||
        tact__buf_put(a, out, lx->slots, (size_t)lx->nslots * sizeof *lx->slots))
        return TACT_ENOMEM;
    return TACT_OK;
}

int tact__lex_thaw(tact__lex *lx, const char *data, size_t len)
{
    memset(lx, 0, sizeof *lx);
    frozen_hdr h;
    if (len < sizeof h || ((uintptr_t)data & 7u))
        return TACT_EMODEL;
    memcpy(&h, data, sizeof h);
    if (h.magic != FROZEN_MAGIC || h.nslots == 0 || (h.nslots & (h.nslots - 1)) ||
        h.count >= h.nslots || (size_t)h.nslots * sizeof(tact__lex_slot) != len - sizeof h)
        return TACT_EMODEL;
    /* The block is read-only (the frozen flag keeps every writer away) and
     * is not scanned here, so that start-up touches none of its pages. */
    lx->slots = (tact__lex_slot *)((uintptr_t)data + sizeof h);
    lx->nslots = h.nslots;
    lx->count = h.count;
    lx->frozen = true;
    return TACT_OK;
}
