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

static int rehash(const tact__alloc *a, tact__lex *lx)
{
    uint32_t n = lx->nslots * 2;
    uint32_t *slots = tact__calloc(a, n, sizeof *slots);
    if (!slots)
        return TACT_ENOMEM;
    for (uint32_t e = 0; e < lx->count; e++) {
        uint32_t i = (uint32_t)lx->khash[e] & (n - 1);
        while (slots[i])
            i = (i + 1) & (n - 1);
        slots[i] = e + 1;
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
    for (;;) {
        uint32_t e = lx->slots[i];
        if (!e)
            return 0;
        e--;
        if (lx->khash[e] == h && lx->klen[e] == n && memcmp(lx->keys + lx->koff[e], key, n) == 0)
            return e + 1;
        i = (i + 1) & mask;
    }
}

int tact__lex_add(const tact__alloc *a, tact__lex *lx, const char *key, size_t n, uint32_t val)
{
    if (n == 0 || n > 0xffff)
        return TACT_OK;
    uint64_t h = tact__hash(key, n);
    uint32_t e = find(lx, key, n, h);
    if (e) {
        lx->val[e - 1] |= val;
        return TACT_OK;
    }
    if ((lx->count + 1) * 4 > lx->nslots * 3 && rehash(a, lx) != TACT_OK)
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
    lx->slots[i] = idx + 1;
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
