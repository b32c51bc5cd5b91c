/* lex.c - the immutable string -> value map behind every word list. */
#include "internal.h"

/* FNV-1a with a final avalanche: short keys, no allocation, good spread. */
uint64_t tact__hash(const void *s, size_t n)
{
    const unsigned char *p = s;
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
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

/* A slot holds the entry index + 1 in its low half and the top 32 bits of
 * the key's hash in its high half, so that a lookup that misses (most of
 * them) touches one cache line of the table and nothing else. */
static uint64_t slot_of(uint32_t e, uint64_t h)
{
    return (uint64_t)(e + 1) | (h & 0xffffffff00000000ull);
}

static int rehash(const tact__alloc *a, tact__lex *lx)
{
    uint32_t n = lx->nslots * 2;
    uint64_t *slots = tact__calloc(a, n, sizeof *slots);
    if (!slots)
        return TACT_ENOMEM;
    for (uint32_t e = 0; e < lx->count; e++) {
        uint32_t i = (uint32_t)lx->khash[e] & (n - 1);
        while (slots[i])
            i = (i + 1) & (n - 1);
        slots[i] = slot_of(e, lx->khash[e]);
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
    uint64_t *kh = tact__realloc(a, lx->khash, ncap * sizeof *kh);
    if (!kh)
        return TACT_ENOMEM;
    lx->khash = kh;
    lx->cap = ncap;
    return TACT_OK;
}

static uint32_t find(const tact__lex *lx, const char *key, size_t n, uint64_t h)
{
    if (!lx->nslots)
        return 0;
    uint32_t mask = lx->nslots - 1;
    uint32_t i = (uint32_t)h & mask;
    uint64_t tag = h & 0xffffffff00000000ull;
    for (;;) {
        uint64_t sl = lx->slots[i];
        if (!sl)
            return 0;
        if ((sl & 0xffffffff00000000ull) == tag) {
            uint32_t e = (uint32_t)sl - 1;
            if (lx->klen[e] == n && memcmp(lx->keys + lx->koff[e], key, n) == 0)
                return e + 1;
        }
        i = (i + 1) & mask;
    }
}

int tact__lex_add(const tact__alloc *a, tact__lex *lx, const char *key, size_t n, uint32_t val)
{
    if (lx->frozen)
        return TACT_EINTERNAL;
    if (n == 0 || n > 0xffff)
        return TACT_OK;
    uint64_t h = tact__hash(key, n);
    uint32_t e = find(lx, key, n, h);
    if (e) {
        lx->val[e - 1] |= val;
        return TACT_OK;
    }
    if ((uint64_t)(lx->count + 1) * 2 > lx->nslots && rehash(a, lx) != TACT_OK)
        return TACT_ENOMEM;
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
    lx->khash[idx] = h;
    lx->keys_len += n;
    uint32_t mask = lx->nslots - 1;
    uint32_t i = (uint32_t)h & mask;
    while (lx->slots[i])
        i = (i + 1) & mask;
    lx->slots[i] = slot_of(idx, h);
    return TACT_OK;
}

uint32_t tact__lex_get_h(const tact__lex *lx, const char *key, size_t n, uint64_t h)
{
    uint32_t e = find(lx, key, n, h);
    return e ? lx->val[e - 1] : 0;
}

uint32_t tact__lex_get(const tact__lex *lx, const char *key, size_t n)
{
    return tact__lex_get_h(lx, key, n, tact__hash(key, n));
}

void tact__lex_free(const tact__alloc *a, tact__lex *lx)
{
    if (lx->frozen) {
        memset(lx, 0, sizeof *lx);
        return;
    }
    tact__free(a, lx->slots);
    tact__free(a, lx->koff);
    tact__free(a, lx->klen);
    tact__free(a, lx->val);
    tact__free(a, lx->khash);
    tact__free(a, lx->keys);
    memset(lx, 0, sizeof *lx);
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

#define FROZEN_MAGIC 0x3158454c54434154ull /* "TACTLEX1" */

typedef struct frozen_hdr {
    uint64_t magic;
    uint32_t nslots, count;
    uint64_t keys_len;
} frozen_hdr;

static size_t pad8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

int tact__lex_freeze(const tact__alloc *a, const tact__lex *lx, tact__buf *out)
{
    frozen_hdr h = {FROZEN_MAGIC, lx->nslots, lx->count, lx->keys_len};
    static const char zero[8];
    size_t c4 = (size_t)lx->count * 4;
    if (tact__buf_put(a, out, &h, sizeof h) ||
        tact__buf_put(a, out, lx->slots, (size_t)lx->nslots * sizeof *lx->slots) ||
        tact__buf_put(a, out, lx->koff, c4) || tact__buf_put(a, out, zero, pad8(c4) - c4) ||
        tact__buf_put(a, out, lx->klen, c4) || tact__buf_put(a, out, zero, pad8(c4) - c4) ||
        tact__buf_put(a, out, lx->val, c4) || tact__buf_put(a, out, zero, pad8(c4) - c4) ||
        tact__buf_put(a, out, lx->keys, lx->keys_len))
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
        h.count >= h.nslots)
        return TACT_EMODEL;
    size_t c4 = pad8((size_t)h.count * 4);
    size_t need = sizeof h + (size_t)h.nslots * 8 + 3 * c4;
    if (need > len || h.keys_len > len - need)
        return TACT_EMODEL;
    /* The block is read-only; the frozen flag keeps every writer away. */
    uintptr_t p = (uintptr_t)data + sizeof h;
    lx->slots = (uint64_t *)p;
    p += (size_t)h.nslots * 8;
    lx->koff = (uint32_t *)p;
    p += c4;
    lx->klen = (uint32_t *)p;
    p += c4;
    lx->val = (uint32_t *)p;
    p += c4;
    lx->keys = (char *)p;
    lx->nslots = h.nslots;
    lx->count = h.count;
    lx->keys_len = (size_t)h.keys_len;
    lx->frozen = true;
    /* check every entry stays inside the key block */
    for (uint32_t e = 0; e < lx->count; e++)
        if (lx->koff[e] > lx->keys_len || lx->klen[e] > lx->keys_len - lx->koff[e]) {
            memset(lx, 0, sizeof *lx);
            return TACT_EMODEL;
        }
    return TACT_OK;
}
