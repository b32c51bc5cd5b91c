/*
 * tagger.c - features and greedy decoding for the people-and-places tagger
 * (see tagger.h). Shared by the library and tools/train-tagger.c.
 *
 * Speed: a tweet is ~20 tokens; each tagged token costs about 20 bucket
 * reads of 5 int16 (one cache line each), so the tagger stays well under
 * the time the tokenizer takes. Function words and punctuation are skipped.
 */
#include "tagger.h"
#include "lexicon.h"

/* Feature templates: each feature id mixes a template number with a value. */
enum {
    F_BIAS = 1, F_W0, F_WM1, F_WP1, F_WM2, F_WP2, F_SH0, F_SHM1, F_SHP1, F_CAPFREE,
    F_SUF3, F_SUF2, F_PRE3, F_LEX0, F_LEXM1, F_LEXP1, F_PREV, F_PREV_SH0, F_WM1_SH0,
    F_SH0_SHP1, F_LEN, F_KIND, F_CL0A, F_CL0B, F_CL0C, F_CLM1, F_CLP1, F_CL0_SH
};

/* class codes of tokens with no class: past the ends, and words not in the
 * table (other kinds: 0x10000 | kind) */
#define CL_EDGE 0x20000u
#define CL_NONE 0x30000u

static uint32_t mix(uint64_t tmpl, uint64_t v)
{
    uint64_t h = v ^ (tmpl * 0x9e3779b97f4a7c15ull);
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 29;
    return (uint32_t)(h >> 16);
}

int tact__tagger_clusters_load(const void *data, size_t len, tagger_clusters *out)
{
    const unsigned char *p = data;
    memset(out, 0, sizeof *out);
    if (!p || len < TG_CLU_HEADER || memcmp(p, "TACTCLU1", 8) != 0)
        return TACT_EMODEL;
    uint32_t sbits = tact__rd32le(p + 8), nwords = tact__rd32le(p + 12), id = tact__rd32le(p + 20);
    unsigned lv[4], total = 0, nlev = 0;
    for (int l = 0; l < 4; l++) {
        lv[l] = p[16 + l];
        if (lv[l] && nlev != (unsigned)l)
            return TACT_EMODEL; /* a level after an unused one */
        if (lv[l])
            nlev++;
        total += lv[l];
    }
    if (sbits < 4 || sbits > 24 || nlev == 0 || total > 16 || id == 0)
        return TACT_EMODEL;
    size_t slots = (size_t)1 << sbits;
    if (len != TG_CLU_HEADER + slots * (sizeof(uint64_t) + sizeof(uint16_t)) ||
        ((uintptr_t)(p + TG_CLU_HEADER) % sizeof(uint64_t)) != 0 || nwords >= slots)
        return TACT_EMODEL;
    const uint64_t *key = (const uint64_t *)(const void *)(p + TG_CLU_HEADER);
    const uint16_t *cls = (const uint16_t *)(const void *)(p + TG_CLU_HEADER + slots * sizeof(uint64_t));
    /* every filled slot counted, so lookups always meet an empty slot; every
     * class within the path length */
    size_t filled = 0;
    for (size_t j = 0; j < slots; j++) {
        if (!key[j])
            continue;
        filled++;
        if (total < 16 && (cls[j] >> total) != 0)
            return TACT_EMODEL;
    }
    if (filled != nwords)
        return TACT_EMODEL;
    out->key = key;
    out->cls = cls;
    out->mask = (uint32_t)(slots - 1);
    out->id = id;
    out->bits = (uint8_t)total;
    /* coarser prefixes: the first level, and all but the last */
    out->pre[0] = (uint8_t)lv[0];
    out->pre[1] = (uint8_t)(nlev >= 2 ? total - lv[nlev - 1] : lv[0]);
    return TACT_OK;
}

int tact__tagger_load_with(const void *data, size_t len, const tagger_clusters *clu,
                           tagger_model *out)
{
    const unsigned char *p = data;
    memset(out, 0, sizeof *out);
    if (!p || len < TG_HEADER || (memcmp(p, "TACTNER1", 8) != 0 && memcmp(p, "TACTNER2", 8) != 0))
        return TACT_EMODEL;
    uint32_t bits = tact__rd32le(p + 8), ntags = tact__rd32le(p + 12);
    float scale = tact__rdf32le(p + 16);
    uint32_t cid = tact__rd32le(p + 20);
    if (bits < 8 || bits > 24 || ntags != TG_NTAGS || !(scale > 0.f))
        return TACT_EMODEL;
    size_t need = TG_HEADER + ((size_t)1 << bits) * TG_NTAGS * sizeof(int16_t);
    if (len < need || ((uintptr_t)(p + TG_HEADER) % sizeof(int16_t)) != 0)
        return TACT_EMODEL;
    if (cid && (!clu || !clu->key || clu->id != cid))
        return TACT_EMODEL; /* trained with word classes we do not have */
    out->w = (const int16_t *)(const void *)(p + TG_HEADER);
    out->mask = (1u << bits) - 1u;
    out->scale = scale;
    out->viterbi = p[7] == '2';
    if (cid)
        out->clu = *clu;
    return TACT_OK;
}

int tact__tagger_load(const void *data, size_t len, tagger_model *out)
{
    size_t clen;
    const char *cd = tact__data_get("clusters.bin", &clen);
    tagger_clusters clu;
    memset(&clu, 0, sizeof clu);
    memset(out, 0, sizeof *out);
    if (cd && tact__tagger_clusters_load(cd, clen, &clu) != TACT_OK)
        return TACT_EMODEL;
    return tact__tagger_load_with(data, len, cd ? &clu : NULL, out);
}

#define TG_LMASK ((1u << TG_LANE) - 1u)

/* A weight plus TG_BIAS, as a lane of tagger_model.rows: for an int16
 * that is its 16 bits with the sign bit flipped (speed: no sign extension
 * and addition per weight). */
#define TG_LANE_OF(v) ((uint64_t)((uint16_t)(v) ^ 0x8000u))
_Static_assert(TG_BIAS == 0x8000, "TG_LANE_OF assumes TG_BIAS is 2^15");

#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__)
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define TG_PACK_LE 1
#endif
#endif

/* The five weights of a row in the packed lanes of tagger_model.rows, from
 * the row's raw bytes as pack_find keeps them: weights 0 to 3 in x, 4 in
 * y. (Speed: on a little-endian machine weight i is bits 16i to 16i + 15
 * of x, so the four sign bits flip in one xor and each lane moves with a
 * mask and a shift, instead of a load, a flip and a shift per weight.) */
static inline void pack_row(uint64_t x, uint16_t y, uint64_t *lo, uint64_t *hi)
{
#ifdef TG_PACK_LE
    _Static_assert(TG_LANE_OF(0) == 0x8000u, "the flip below is TG_LANE_OF's");
    x ^= 0x8000800080008000ull;
    *lo = (x & 0xffffu) | (x & 0xffff0000ull) << (TG_LANE - 16) |
          (x & 0xffff00000000ull) << (2 * TG_LANE - 32);
    *hi = x >> 48 | TG_LANE_OF(y) << TG_LANE;
#else
    int16_t w[TG_NTAGS];
    memcpy(w, &x, sizeof x);
    memcpy(w + 4, &y, sizeof y);
    *lo = TG_LANE_OF(w[0]) | TG_LANE_OF(w[1]) << TG_LANE | TG_LANE_OF(w[2]) << (2 * TG_LANE);
    *hi = TG_LANE_OF(w[3]) | TG_LANE_OF(w[4]) << TG_LANE;
#endif
}

_Static_assert(TG_SHR_N <= TG_SHR_STRIDE, "TG_SHR_STRIDE too small");

/* The entries of shape code sh in the tables of tagger_model.shr: the rows
 * of the features of features() that read sh alone (with the previous tag,
 * or cap-freeness). */
static void shr_fill(uint32_t mask, const uint16_t *ridx, uint16_t *shr, uint32_t sh)
{
    uint16_t *e = shr + (size_t)sh * TG_SHR_STRIDE;
    e[TG_SHR_SHM1] = ridx[mix(F_SHM1, sh) & mask];
    e[TG_SHR_SHP1] = ridx[mix(F_SHP1, sh) & mask];
    e[TG_SHR_SH0] = ridx[mix(F_SH0, sh) & mask];
    e[TG_SHR_CAP0] = ridx[mix(F_CAPFREE, (uint64_t)0 << 20 | sh) & mask];
    e[TG_SHR_CAP1] = ridx[mix(F_CAPFREE, (uint64_t)1 << 20 | sh) & mask];
    for (uint32_t p = 0; p < TG_NTAGS; p++)
        e[TG_SHR_PREV + p] = ridx[mix(F_PREV_SH0, (uint64_t)p << 24 | sh) & mask];
}

#define TG_PACK_SLOTS (1u << 17) /* > 2 * 65535: the dedup table stays half empty */

/* Sets *r to tact__tagger_pack's number for the row of raw bytes wb among
 * the distinct rows found so far (rx, ry: their bytes; slot: the dedup
 * table; *nrows: their count), a new one when it is not among them; 0 for
 * an all-zero row. False when a new one does not fit in 16 bits. */
static inline bool pack_find(const unsigned char *wb, uint64_t *rx, uint16_t *ry, uint16_t *slot,
                             size_t *nrows, uint16_t *r)
{
    uint64_t x;
    uint16_t y;
    memcpy(&x, wb, sizeof x);
    memcpy(&y, wb + sizeof x, sizeof y);
    if (!(x | y))
        return true; /* (*r: ridx comes zeroed) */
    uint64_t h = (x ^ (uint64_t)y * 0xc2b2ae3d27d4eb4full) * 0x9e3779b97f4a7c15ull;
    uint32_t j = (uint32_t)(h >> 47) & (TG_PACK_SLOTS - 1u);
    uint16_t k;
    while ((k = slot[j]) != 0 && (rx[k] != x || ry[k] != y))
        j = (j + 1) & (TG_PACK_SLOTS - 1u);
    if (!k) {
        if (*nrows > 65535)
            return false;
        k = (uint16_t)(*nrows)++;
        rx[k] = x;
        ry[k] = y;
        slot[j] = k;
    }
    *r = k;
    return true;
}

/* pack_find for the two rows (20 bytes) at wb, buckets r[0] and r[1]: most
 * pairs are all zero, ~61% of them, and cost one test of their raw bytes
 * and nothing else. False as pack_find. */
static inline bool pack_pair(const unsigned char *wb, uint64_t *rx, uint16_t *ry, uint16_t *slot,
                             size_t *nrows, uint16_t *r)
{
    const size_t rowb = TG_NTAGS * sizeof(int16_t);
    _Static_assert(TG_NTAGS * sizeof(int16_t) == 10, "a row is 10 bytes");
    uint64_t p0, p1;
    uint32_t p2;
    memcpy(&p0, wb, sizeof p0);
    memcpy(&p1, wb + 8, sizeof p1);
    memcpy(&p2, wb + 16, sizeof p2);
    if (!(p0 | p1 | p2))
        return true;
    return pack_find(wb, rx, ry, slot, nrows, &r[0]) &&
           pack_find(wb + rowb, rx, ry, slot, nrows, &r[1]);
}

int tact__tagger_pack(const tact__alloc *a, tagger_model *m)
{
    size_t nb = (size_t)m->mask + 1;
    /* (zeroed: row 0, the all-zero row, is every bucket's until found
     * otherwise below) */
    uint16_t *ridx = tact__calloc(a, nb, sizeof *ridx);
    /* the distinct rows found so far, as their raw bytes (row 0: zeros) */
    uint64_t *rx = tact__malloc(a, (size_t)65536 * sizeof *rx);
    uint16_t *ry = tact__malloc(a, (size_t)65536 * sizeof *ry);
    uint16_t *slot = tact__calloc(a, TG_PACK_SLOTS, sizeof *slot);
    uint64_t *rows = NULL;
    uint16_t *shr = NULL;
    if (!ridx || !rx || !ry || !slot)
        goto fail;
    rx[0] = 0;
    ry[0] = 0;
    size_t nrows = 1;
    /* (speed: ridx comes zeroed and the walk goes by pointer, two pairs
     * (pack_pair) a step: the loop's own counting was near half the cost
     * of the walk; nb, a power of two >= 256, is a multiple of four) */
    const size_t rowb = TG_NTAGS * sizeof(int16_t);
    const unsigned char *wb = (const unsigned char *)m->w, *const wend = wb + nb * rowb;
    for (size_t b = 0; wb < wend; b += 4, wb += 4 * rowb) {
        if (!pack_pair(wb, rx, ry, slot, &nrows, &ridx[b]) ||
            !pack_pair(wb + 2 * rowb, rx, ry, slot, &nrows, &ridx[b + 2])) {
            /* too many distinct rows for 16-bit numbers: unpacked */
            tact__free(a, ridx);
            ridx = NULL;
            goto done;
        }
    }
    rows = tact__malloc(a, nrows * 2 * sizeof *rows);
    if (!rows)
        goto fail;
    for (size_t r = 0; r < nrows; r++)
        pack_row(rx[r], ry[r], &rows[2 * r], &rows[2 * r + 1]);
    shr = tact__calloc(a, (size_t)TG_NSH * TG_SHR_STRIDE, sizeof *shr);
    if (!shr) {
        tact__free(a, rows);
        goto fail;
    }
    /* every shape code shape_code gives for a kind < 16 (the codes of the
     * other kinds are >= TG_NSH: the decoder hashes them), and 1, the code
     * past the ends */
    for (uint32_t k = 0; k < 16; k++)
        for (uint32_t b = 0; b < 64; b++) {
            uint32_t bits = (b & 0x1fu) | ((b & 0x20u) ? TACT__SH_ONELETTER : 0u);
            uint32_t sh = (k << 8 | bits) + 2;
            shr_fill(m->mask, ridx, shr, sh);
        }
    shr_fill(m->mask, ridx, shr, 1);
    m->ridx = ridx;
    m->rows = rows;
    m->shr = shr;
    for (int p = 0; p < TG_NTAGS; p++)
        m->prev_r[p] = ridx[mix(F_PREV, (uint64_t)p) & m->mask];
    m->bias_r = ridx[mix(F_BIAS, 0) & m->mask];
done:
    tact__free(a, rx);
    tact__free(a, ry);
    tact__free(a, slot);
    return TACT_OK;
fail:
    tact__free(a, ridx);
    tact__free(a, rx);
    tact__free(a, ry);
    tact__free(a, slot);
    return TACT_ENOMEM;
}

void tact__tagger_unpack(const tact__alloc *a, tagger_model *m)
{
    tact__free(a, (void *)(uintptr_t)m->ridx);
    tact__free(a, (void *)(uintptr_t)m->rows);
    tact__free(a, m->shr);
    m->ridx = NULL;
    m->rows = NULL;
    m->shr = NULL;
}

/* The class path of token i (CL_* when it has none). One probe of the
 * table for most words. */
static uint32_t cluster_of(const tagger_clusters *c, const tact_scanner *sc, size_t i, bool valid)
{
    if (!valid)
        return CL_EDGE;
    const tact__token *t = &sc->toks[i];
    if (t->kind != TACT__TOK_WORD && t->kind != TACT__TOK_ALNUM && t->kind != TACT__TOK_HASHTAG)
        return 0x10000u | t->kind;
    uint64_t h = t->hash;
    for (uint32_t j = (uint32_t)h & c->mask;; j = (j + 1) & c->mask) {
        uint64_t k = c->key[j];
        if (k == h)
            return c->cls[j];
        if (!k)
            return CL_NONE;
    }
}

/* tact__tagger_cap_free, inline for the decoders */
static inline bool cap_free(const tact_scanner *sc, size_t i)
{
    const tact__token *t = &sc->toks[i];
    if (t->shape & (TACT__SH_SENT_START | TACT__SH_LINE_START))
        return true;
    if (i == 0)
        return true;
    const tact__token *p = &sc->toks[i - 1];
    if (p->kind == TACT__TOK_EMOJI || p->kind == TACT__TOK_HASHTAG || p->kind == TACT__TOK_URL ||
        p->kind == TACT__TOK_HANDLE)
        return true;
    if (p->kind == TACT__TOK_PUNCT) {
        char ch = sc->text[p->start];
        return ch == ':' || ch == '"' || ch == '(' || ch == '-' || (unsigned char)ch >= 0x80;
    }
    return false;
}

bool tact__tagger_cap_free(const tact_scanner *sc, size_t i)
{
    return cap_free(sc, i);
}

/* A small code for the shape of token i (or a sentinel past the ends). */
static uint32_t shape_code(const tact_scanner *sc, size_t i, bool valid)
{
    if (!valid)
        return 1;
    const tact__token *t = &sc->toks[i];
    uint32_t c = (uint32_t)t->kind << 8;
    c |= t->shape & (TACT__SH_INITCAP | TACT__SH_ALLCAP | TACT__SH_LOWER | TACT__SH_DIGIT |
                     TACT__SH_HYPHEN | TACT__SH_ONELETTER);
    return c + 2;
}

#define LEX_KEEP                                                                                  \
    (TACT__LX_STOP | TACT__LX_DICT | TACT__LX_FIRST | TACT__LX_PLACE | TACT__LX_TITLE |            \
     TACT__LX_KIN | TACT__LX_PROPER | TACT__LX_BIGPLACE | TACT__LX_ROLE | TACT__LX_MONTH |         \
     TACT__LX_WEEKDAY | TACT__LX_STREET)

static uint64_t tok_hash(const tact_scanner *sc, size_t i, bool valid)
{
    return valid ? sc->toks[i].hash : 0x5bd1e995u;
}

/*
 * The features of token i. with_prev false leaves out the two features that
 * depend on the previous tag (F_PREV, F_PREV_SH0), which the decoder adds
 * itself (see tact__tagger_tag); the order of the others does not change.
 * *sh0_out receives the token's shape code. With word classes (clu->key
 * set), cl[0..2] are the class codes of tokens i-1, i, i+1 (cluster_of).
 * The ids are returned and-ed with mask (all ones: the full hashes).
 * word_sum and ctx_sum below are the same features split in two for
 * the packed decoder: a change here must be made there too (the unit
 * tests test_tagger_pack and test_speed7 compare the two decoders).
 */
static size_t features(const tagger_clusters *clu, const uint32_t *cl, const tact_scanner *sc,
                       size_t i, int prev_tag, bool with_prev, uint32_t mask, uint32_t *f,
                       uint32_t *sh0_out)
{
    size_t n = 0, nt = sc->ntoks;
    const tact__token *t = &sc->toks[i];
    bool hm1 = i >= 1, hm2 = i >= 2, hp1 = i + 1 < nt, hp2 = i + 2 < nt;
    uint32_t sh0 = shape_code(sc, i, true);
    uint32_t shm1 = shape_code(sc, i - 1, hm1), shp1 = shape_code(sc, i + 1, hp1);
    bool capfree = tact__tagger_cap_free(sc, i);
    *sh0_out = sh0;
    f[n++] = mask & mix(F_BIAS, 0);
    f[n++] = mask & mix(F_W0, t->hash);
    f[n++] = mask & mix(F_WM1, tok_hash(sc, i - 1, hm1));
    f[n++] = mask & mix(F_WP1, tok_hash(sc, i + 1, hp1));
    f[n++] = mask & mix(F_WM2, tok_hash(sc, i - 2, hm2));
    f[n++] = mask & mix(F_WP2, tok_hash(sc, i + 2, hp2));
    f[n++] = mask & mix(F_SH0, sh0);
    f[n++] = mask & mix(F_SHM1, shm1);
    f[n++] = mask & mix(F_SHP1, shp1);
    f[n++] = mask & mix(F_CAPFREE, (uint64_t)capfree << 20 | sh0);
    f[n++] = mask & mix(F_SH0_SHP1, (uint64_t)sh0 << 20 | shp1);
    const char *w = sc->norm.p + t->norm_off;
    size_t len = t->norm_len;
    if (len >= 4) {
        /* inline, with constant lengths: the loops unroll */
        f[n++] = mask & mix(F_SUF3, tact__hash_inl(w + len - 3, 3));
        f[n++] = mask & mix(F_SUF2, tact__hash_inl(w + len - 2, 2));
        f[n++] = mask & mix(F_PRE3, tact__hash_inl(w, 3));
    }
    f[n++] = mask & mix(F_LEN, len > 12 ? 12 : len);
    uint32_t lx0 = t->lex & LEX_KEEP;
    f[n++] = mask & mix(F_LEX0, lx0);
    f[n++] = mask & mix(F_LEX0, (uint64_t)lx0 << 20 | sh0 | (uint64_t)capfree << 40);
    f[n++] = mask & mix(F_LEXM1, hm1 ? sc->toks[i - 1].lex & LEX_KEEP : 0xffffff);
    f[n++] = mask & mix(F_LEXP1, hp1 ? sc->toks[i + 1].lex & LEX_KEEP : 0xffffff);
    if (with_prev) {
        f[n++] = mask & mix(F_PREV, (uint64_t)prev_tag);
        f[n++] = mask & mix(F_PREV_SH0, (uint64_t)prev_tag << 24 | sh0);
    }
    f[n++] = mask & mix(F_WM1_SH0, tok_hash(sc, i - 1, hm1) ^ sh0);
    f[n++] = mask & mix(F_KIND, (uint64_t)t->kind << 8 | (uint64_t)(t->lex & TACT__LX_FIRST ? 1 : 0));
    if (clu->key) {
        uint32_t c0 = cl[1], cm1 = cl[0], cp1 = cl[2];
        /* a prefix of a class path; codes >= 0x10000 (no class) unchanged */
#define CL_PRE(c, len) ((c) >= 0x10000u ? (c) : (c) >> (clu->bits - (len)))
        f[n++] = mask & mix(F_CL0A, CL_PRE(c0, clu->pre[0]));
        f[n++] = mask & mix(F_CL0B, CL_PRE(c0, clu->pre[1]));
        f[n++] = mask & mix(F_CL0C, c0);
        f[n++] = mask & mix(F_CLM1, CL_PRE(cm1, clu->pre[1]));
        f[n++] = mask & mix(F_CLP1, CL_PRE(cp1, clu->pre[1]));
        f[n++] = mask & mix(F_CL0_SH, (uint64_t)CL_PRE(c0, clu->pre[1]) << 20 | sh0 | (uint64_t)capfree << 40);
#undef CL_PRE
    }
    return n;
}

size_t tact__tagger_features(const tagger_model *m, const tact_scanner *sc, size_t i, int prev_tag,
                             uint32_t *f)
{
    uint32_t sh0, cl[3] = {0, 0, 0};
    if (m->clu.key) {
        cl[0] = cluster_of(&m->clu, sc, i - 1, i >= 1);
        cl[1] = cluster_of(&m->clu, sc, i, true);
        cl[2] = cluster_of(&m->clu, sc, i + 1, i + 1 < sc->ntoks);
    }
    return features(&m->clu, cl, sc, i, prev_tag, true, 0xffffffffu, f, &sh0);
}

#if defined(__GNUC__)
#define TG_PREFETCH(p) __builtin_prefetch(p)
#else
#define TG_PREFETCH(p) ((void)(p))
#endif

/* Tokens per block: the decoder first sums, for a block of tokens, every
 * feature that does not depend on the previous tag (independent loads the
 * CPU can overlap: the weight table does not fit in the L1/L2 caches), then
 * decodes the block left to right adding the two that do. Integer sums, so
 * the order of the additions changes nothing. */
#define TG_BLOCK 16

/* Viterbi: a skipped token is O and the token after it sees O before it,
 * so the best path splits into runs of tagged tokens, decoded one by one
 * (a run longer than TG_RUN continues from the tag chosen at its cut). */
#define TG_RUN 32

static void tag_viterbi(const tagger_model *m, const tact_scanner *sc, uint8_t *tags, float *margin)
{
    uint32_t f[TG_MAX_FEATS];
    int32_t s[TG_RUN][TG_NTAGS][TG_NTAGS]; /* [token][prev][tag] */
    uint8_t bp[TG_RUN][TG_NTAGS];
    uint32_t cl[TG_RUN + 2];
    const int16_t *prev_row[TG_NTAGS];
    for (int p = 0; p < TG_NTAGS; p++)
        prev_row[p] = m->w + (size_t)(mix(F_PREV, (uint64_t)p) & m->mask) * TG_NTAGS;
    size_t n = sc->ntoks, i = 0;
    int start_prev = TG_O;
    memset(cl, 0, sizeof cl);
    while (i < n) {
        if (tact__tagger_skip(sc, i)) {
            tags[i] = TG_O;
            if (margin)
                margin[i] = 0.f;
            start_prev = TG_O;
            i++;
            continue;
        }
        size_t r = 1; /* the run: tokens i .. i+r-1 */
        while (r < TG_RUN && i + r < n && !tact__tagger_skip(sc, i + r))
            r++;
        if (m->clu.key)
            for (size_t j = 0; j < r + 2; j++)
                cl[j] = cluster_of(&m->clu, sc, i + j - 1, i + j >= 1 && i + j - 1 < n);
        /* best path scores; 64-bit so that runs of forbidden steps cannot wrap */
        int64_t d[TG_NTAGS] = {0, 0, 0, 0, 0};
        for (size_t j = 0; j < r; j++) {
            uint32_t sh0;
            size_t nf = features(&m->clu, cl + j, sc, i + j, TG_O, false, 0xffffffffu, f, &sh0);
            int32_t b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0;
            for (size_t k = 0; k < nf; k++) {
                const int16_t *row = m->w + (size_t)(f[k] & m->mask) * TG_NTAGS;
                b0 += row[0];
                b1 += row[1];
                b2 += row[2];
                b3 += row[3];
                b4 += row[4];
            }
            int p0 = j ? 0 : start_prev, p1 = j ? TG_NTAGS - 1 : start_prev;
            for (int p = p0; p <= p1; p++) {
                const int16_t *r1 = prev_row[p];
                const int16_t *r2 =
                    m->w + (size_t)(mix(F_PREV_SH0, (uint64_t)p << 24 | sh0) & m->mask) * TG_NTAGS;
                int32_t *sp = s[j][p];
                sp[0] = b0 + r1[0] + r2[0];
                sp[1] = b1 + r1[1] + r2[1];
                /* I-X only continues X */
                sp[2] = p == TG_BPER || p == TG_IPER ? b2 + r1[2] + r2[2] : INT32_MIN / 4;
                sp[3] = b3 + r1[3] + r2[3];
                sp[4] = p == TG_BLOC || p == TG_ILOC ? b4 + r1[4] + r2[4] : INT32_MIN / 4;
            }
            if (j == 0) {
                for (int t = 0; t < TG_NTAGS; t++) {
                    d[t] = s[0][start_prev][t];
                    bp[0][t] = (uint8_t)start_prev;
                }
                continue;
            }
            int64_t nd[TG_NTAGS];
            for (int t = 0; t < TG_NTAGS; t++) {
                int best = 0;
                int64_t bv = d[0] + s[j][0][t];
                for (int p = 1; p < TG_NTAGS; p++) {
                    int64_t v = d[p] + s[j][p][t];
                    if (v > bv) {
                        bv = v;
                        best = p;
                    }
                }
                nd[t] = bv;
                bp[j][t] = (uint8_t)best;
            }
            memcpy(d, nd, sizeof d);
        }
        int cur = 0;
        for (int t = 1; t < TG_NTAGS; t++)
            if (d[t] > d[cur])
                cur = t;
        for (size_t j = r; j-- > 0;) {
            tags[i + j] = (uint8_t)cur;
            cur = bp[j][cur];
        }
        if (margin)
            for (size_t j = 0; j < r; j++) {
                int p = j ? tags[i + j - 1] : start_prev, y = tags[i + j];
                int32_t second = INT32_MIN;
                for (int t = 0; t < TG_NTAGS; t++)
                    if (t != y && s[j][p][t] > second)
                        second = s[j][p][t];
                /* the path may choose a tag that is not the best locally:
                 * its margin is then 0, not negative */
                margin[i + j] = s[j][p][y] > second ? (float)(s[j][p][y] - second) * m->scale : 0.f;
            }
        start_prev = tags[i + r - 1];
        i += r;
    }
}

/*
 * The features of features() split in two, for the packed decoder: those
 * of token i alone (word_sum: its word, shape code sh0, cap-freeness,
 * length, lexicon bits, class c0) and those of its neighbours (ctx_sum),
 * without the bias and the two of the previous tag. Together they are
 * exactly the other features of features(): each adds the rows of its
 * features to a packed sum (tagger_model.rows; the row numbers of their
 * ids and-ed with m->mask from m->ridx, those of the features that read a
 * shape code alone from m->shr) and returns their number.
 */
/* The number of rows word_sum gives for a word of normalised length len. */
static inline size_t word_nfeats(const tagger_clusters *clu, size_t len)
{
    size_t n = 7;
    if (len >= 4)
        n += 3;
    if (clu->key)
        n += 4;
    return n;
}

/* The row number of a feature that reads shape code sh alone (table tab of
 * tagger_model.shr), or of its id when the code is past the tables */
#define SH_ROW(m, tab, sh, id)                                                                    \
    ((sh) < TG_NSH ? (m)->shr[(size_t)(sh) * TG_SHR_STRIDE + (size_t)(tab)]                       \
                   : (m)->ridx[(id) & (m)->mask])

/* Add row r of m to the packed sum sum[0..1]. */
static inline void row_add(const tagger_model *m, uint64_t *sum, uint32_t r)
{
    const uint64_t *row = m->rows + 2 * (size_t)r;
    sum[0] += row[0];
    sum[1] += row[1];
}

/* word_sum, ctx_sum: add the feature's row to the sums in locals (added
 * to sum at the end: the same sum modulo 2^64; locals, as sum may alias
 * the rows and would be reloaded and stored at each row), and count it */
#define TG_ADD(r) (row_add(m, acc, (r)), n++)

static size_t word_sum(const tagger_model *m, uint32_t c0, const tact_scanner *sc,
                       const tact__token *t, uint32_t sh0, bool capfree, uint64_t *sum)
{
    const tagger_clusters *clu = &m->clu;
    const uint16_t *ridx = m->ridx;
    uint32_t mask = m->mask;
    size_t n = 0;
    uint64_t acc[2] = {0, 0};
    TG_ADD(ridx[mask & mix(F_W0, t->hash)]);
    TG_ADD(SH_ROW(m, TG_SHR_SH0, sh0, mix(F_SH0, sh0)));
    TG_ADD(SH_ROW(m, capfree ? TG_SHR_CAP1 : TG_SHR_CAP0, sh0,
                  mix(F_CAPFREE, (uint64_t)capfree << 20 | sh0)));
    const char *w = sc->norm.p + t->norm_off;
    size_t len = t->norm_len;
    if (len >= 4) {
        TG_ADD(ridx[mask & mix(F_SUF3, tact__hash_inl(w + len - 3, 3))]);
        TG_ADD(ridx[mask & mix(F_SUF2, tact__hash_inl(w + len - 2, 2))]);
        TG_ADD(ridx[mask & mix(F_PRE3, tact__hash_inl(w, 3))]);
    }
    TG_ADD(ridx[mask & mix(F_LEN, len > 12 ? 12 : len)]);
    uint32_t lx0 = t->lex & LEX_KEEP;
    TG_ADD(ridx[mask & mix(F_LEX0, lx0)]);
    TG_ADD(ridx[mask & mix(F_LEX0, (uint64_t)lx0 << 20 | sh0 | (uint64_t)capfree << 40)]);
    TG_ADD(ridx[mask & mix(F_KIND, (uint64_t)t->kind << 8 | (uint64_t)(t->lex & TACT__LX_FIRST ? 1 : 0))]);
    if (clu->key) {
#define CL_PRE(c, len) ((c) >= 0x10000u ? (c) : (c) >> (clu->bits - (len)))
        TG_ADD(ridx[mask & mix(F_CL0A, CL_PRE(c0, clu->pre[0]))]);
        TG_ADD(ridx[mask & mix(F_CL0B, CL_PRE(c0, clu->pre[1]))]);
        TG_ADD(ridx[mask & mix(F_CL0C, c0)]);
        TG_ADD(ridx[mask & mix(F_CL0_SH, (uint64_t)CL_PRE(c0, clu->pre[1]) << 20 | sh0 | (uint64_t)capfree << 40)]);
#undef CL_PRE
    }
    sum[0] += acc[0];
    sum[1] += acc[1];
    return n;
}

static size_t ctx_sum(const tagger_model *m, const uint32_t *cl, const tact_scanner *sc, size_t i,
                      uint32_t sh0, uint64_t *sum)
{
    const tagger_clusters *clu = &m->clu;
    const uint16_t *ridx = m->ridx;
    uint32_t mask = m->mask;
    size_t n = 0, nt = sc->ntoks;
    uint64_t acc[2] = {0, 0};
    bool hm1 = i >= 1, hm2 = i >= 2, hp1 = i + 1 < nt, hp2 = i + 2 < nt;
    uint32_t shm1 = shape_code(sc, i - 1, hm1), shp1 = shape_code(sc, i + 1, hp1);
    uint64_t wm1 = tok_hash(sc, i - 1, hm1);
    TG_ADD(ridx[mask & mix(F_WM1, wm1)]);
    TG_ADD(ridx[mask & mix(F_WP1, tok_hash(sc, i + 1, hp1))]);
    TG_ADD(ridx[mask & mix(F_WM2, tok_hash(sc, i - 2, hm2))]);
    TG_ADD(ridx[mask & mix(F_WP2, tok_hash(sc, i + 2, hp2))]);
    TG_ADD(SH_ROW(m, TG_SHR_SHM1, shm1, mix(F_SHM1, shm1)));
    TG_ADD(SH_ROW(m, TG_SHR_SHP1, shp1, mix(F_SHP1, shp1)));
    TG_ADD(ridx[mask & mix(F_SH0_SHP1, (uint64_t)sh0 << 20 | shp1)]);
    TG_ADD(ridx[mask & mix(F_LEXM1, hm1 ? sc->toks[i - 1].lex & LEX_KEEP : 0xffffff)]);
    TG_ADD(ridx[mask & mix(F_LEXP1, hp1 ? sc->toks[i + 1].lex & LEX_KEEP : 0xffffff)]);
    TG_ADD(ridx[mask & mix(F_WM1_SH0, wm1 ^ sh0)]);
    if (clu->key) {
#define CL_PRE(c, len) ((c) >= 0x10000u ? (c) : (c) >> (clu->bits - (len)))
        TG_ADD(ridx[mask & mix(F_CLM1, CL_PRE(cl[0], clu->pre[1]))]);
        TG_ADD(ridx[mask & mix(F_CLP1, CL_PRE(cl[2], clu->pre[1]))]);
#undef CL_PRE
    }
    sum[0] += acc[0];
    sum[1] += acc[1];
    return n;
}

#undef TG_ADD

/* The cache entry of a token's word sum (tagger_cache). */
static inline size_t wsum_slot(uint64_t h, uint32_t sh0, bool capfree)
{
    uint64_t x = (h ^ ((uint64_t)sh0 << 1 | capfree)) * 0x9e3779b97f4a7c15ull;
    return (size_t)(x >> 40) & (TG_CACHE - 1u);
}

/* Greedy decoding with the packed rows (tagger_model.ridx): as the loop in
 * tact__tagger_tag below, the same integer sums. Only the tokens to tag are
 * visited (those not skipped and, when sel is given, selected), in blocks
 * of TG_BLOCK of them: a token that does not follow the last one tagged
 * comes after a skipped (or unselected) token, which is TG_O, so it sees
 * TG_O before it. */
static void tag_packed(const tagger_model *m, const tact_scanner *sc, tagger_cache *cache,
                       const uint8_t *sel, const uint32_t *list, size_t nlist, uint8_t *tags,
                       float *margin)
{
    size_t nw[TG_BLOCK], nc[TG_BLOCK];
    uint64_t base[TG_BLOCK][2];   /* packed sums of the rows of all but F_PREV, F_PREV_SH0 */
    uint32_t sh0s[TG_BLOCK];
    size_t idx[TG_BLOCK];         /* the tokens of the block */
    uint32_t cl[3] = {0, 0, 0}; /* class codes of tokens i-1, i, i+1 */
    size_t cl_at = SIZE_MAX;   /* the i of cl */
    const uint64_t *rows = m->rows;
    const uint64_t *prev_row[TG_NTAGS];
    for (int p = 0; p < TG_NTAGS; p++)
        prev_row[p] = rows + 2 * (size_t)m->prev_r[p];
    const uint64_t *bias = rows + 2 * (size_t)m->bias_r;
    size_t n = sc->ntoks;
    if (cache && cache->m != m) {
        /* (an entry with sh0 0 is empty: no token's shape code is 0) */
        for (size_t k = 0; k < TG_CACHE; k++)
            cache->e[k].sh0 = 0;
        cache->m = m;
    }
    /* every token not tagged below is TG_O with margin 0 */
    memset(tags, TG_O, n);
    if (margin)
        for (size_t i = 0; i < n; i++)
            margin[i] = 0.f;
    int prev = TG_O;
    size_t last = SIZE_MAX; /* the token tagged last */
    bool live = false;      /* it is in a span that started before a tail */
    size_t i = 0, li = 0; /* li: the next of list */
    for (;;) {
        size_t nb = 0;
        /* with a list: the same tokens as the loop below takes (the
         * tokens sel marks are never skipped: tagger.h) */
        for (; list && li < nlist && nb < TG_BLOCK; li++) {
            size_t k = list[li];
            if (sel[k] == 2) {
                if (nb > 0)
                    break;
                if (!live || last == SIZE_MAX || last + 1 != k)
                    continue;
                idx[nb++] = k;
                li++;
                break;
            }
            idx[nb++] = k;
        }
        for (; !list && i < n && nb < TG_BLOCK; i++) {
            if (sel && !sel[i]) {
                /* and the unselected tokens after it, 8 at a time (most
                 * tokens are not selected) */
                uint64_t x;
                while (i + 9 <= n && (memcpy(&x, sel + i + 1, sizeof x), x == 0))
                    i += 8;
                continue;
            }
            if (tact__tagger_skip(sc, i))
                continue;
            if (sel && sel[i] == 2) {
                /* a tail token (tagger.h): tagged alone, after the tokens
                 * before it, and only while a live span goes on */
                if (nb > 0)
                    break;
                if (!live || last == SIZE_MAX || last + 1 != i)
                    continue;
                idx[nb++] = i++;
                break;
            }
            idx[nb++] = i;
        }
        if (nb == 0)
            break;
        /* the sums of the features of the block that do not depend on
         * the previous tag (each feature's row loads independently of the
         * others: the CPU overlaps them); a token whose word sum is cached
         * needs only the features of its neighbours. The bias (F_BIAS) is
         * the same row for every token: added without a lookup */
        for (size_t j = 0; j < nb; j++) {
            size_t t = idx[j];
            if (m->clu.key) {
                if (cl_at != SIZE_MAX && cl_at + 1 == t) {
                    cl[0] = cl[1];
                    cl[1] = cl[2];
                } else {
                    cl[0] = cluster_of(&m->clu, sc, t - 1, t >= 1);
                    cl[1] = cluster_of(&m->clu, sc, t, true);
                }
                cl[2] = cluster_of(&m->clu, sc, t + 1, t + 1 < n);
                cl_at = t;
            }
            const tact__token *tok = &sc->toks[t];
            uint32_t sh0 = shape_code(sc, t, true);
            bool capfree = cap_free(sc, t);
            sh0s[j] = sh0;
            bool hit = false;
            tagger_wsum *slot = NULL; /* a miss's cache entry */
            /* (the key as kept: a word too long, or a kind or shape code
             * too large for the entry, is not cached) */
            uint32_t kc = (uint32_t)tok->kind | (capfree ? 0x80u : 0u);
            if (cache && tok->norm_len <= 255 && tok->kind < 0x80 && sh0 <= 0xffff) {
                tagger_wsum *e = &cache->e[wsum_slot(tok->hash, sh0, capfree)];
                if (e->h == tok->hash && e->sh0 == sh0 && e->kc == kc &&
                    e->lx0 == (tok->lex & LEX_KEEP) && e->len == tok->norm_len) {
                    hit = true;
                    base[j][0] = e->lo;
                    base[j][1] = e->hi;
                    nw[j] = word_nfeats(&m->clu, tok->norm_len);
                } else {
                    slot = e;
                }
            }
            if (!hit) {
                base[j][0] = bias[0];
                base[j][1] = bias[1];
                nw[j] = word_sum(m, cl[1], sc, tok, sh0, capfree, base[j]);
                if (slot) {
                    tagger_wsum *e = slot;
                    e->h = tok->hash;
                    e->lo = base[j][0];
                    e->hi = base[j][1];
                    e->sh0 = (uint16_t)sh0;
                    e->lx0 = tok->lex & LEX_KEEP;
                    e->len = (uint8_t)tok->norm_len;
                    e->kc = (uint8_t)kc;
                }
            }
            nc[j] = ctx_sum(m, cl, sc, t, sh0, base[j]);
        }
        for (size_t j = 0; j < nb; j++) {
            size_t t = idx[j];
            if (last == SIZE_MAX || last + 1 != t)
                prev = TG_O;
            const uint64_t *r1 = prev_row[prev];
            uint32_t sh0 = sh0s[j];
            const uint64_t *r2 =
                rows + 2 * (size_t)SH_ROW(m, TG_SHR_PREV + prev, sh0,
                                          mix(F_PREV_SH0, (uint64_t)prev << 24 | sh0));
            /* 1 + nw + nc + 2 <= TG_MAX_FEATS rows: no lane overflows */
            uint64_t lo = base[j][0] + r1[0] + r2[0], hi = base[j][1] + r1[1] + r2[1];
            int32_t off = (int32_t)(1 + nw[j] + nc[j] + 2) * TG_BIAS;
            int32_t s[TG_NTAGS];
            s[0] = (int32_t)(lo & TG_LMASK) - off;
            s[1] = (int32_t)(lo >> TG_LANE & TG_LMASK) - off;
            s[2] = (int32_t)(lo >> (2 * TG_LANE) & TG_LMASK) - off;
            s[3] = (int32_t)(hi & TG_LMASK) - off;
            s[4] = (int32_t)(hi >> TG_LANE & TG_LMASK) - off;
            /* I-X only continues X */
            if (prev != TG_BPER && prev != TG_IPER)
                s[TG_IPER] = INT32_MIN / 2;
            if (prev != TG_BLOC && prev != TG_ILOC)
                s[TG_ILOC] = INT32_MIN / 2;
            /* the best tag (the first of the highest scores) and the
             * highest score of the others, in one pass: a score that
             * beats the best so far hands the old best down */
            int best = 0;
            int32_t top = s[0], second = INT32_MIN;
            for (int q = 1; q < TG_NTAGS; q++) {
                if (s[q] > top) {
                    second = top;
                    top = s[q];
                    best = q;
                } else if (s[q] > second) {
                    second = s[q];
                }
            }
            tags[t] = (uint8_t)best;
            if (margin)
                margin[t] = (float)(top - second) * m->scale;
            if (sel && sel[t] == 2)
                live = live && (best == TG_IPER || best == TG_ILOC);
            else
                live = best != TG_O;
            prev = best;
            last = t;
        }
    }
}

void tact__tagger_tag_sel(const tagger_model *m, const tact_scanner *sc, const uint8_t *sel,
                          uint8_t *tags, float *margin)
{
    tact__tagger_tag_cached(m, sc, NULL, sel, tags, margin);
}

void tact__tagger_tag_cached(const tagger_model *m, const tact_scanner *sc, tagger_cache *cache,
                             const uint8_t *sel, uint8_t *tags, float *margin)
{
    if (m->ridx && !m->viterbi) {
        tag_packed(m, sc, cache, sel, NULL, 0, tags, margin);
        return;
    }
    /* the other decoders tag everything; the tokens not selected are then
     * cleared as promised */
    tact__tagger_tag(m, sc, tags, margin);
    for (size_t i = 0; i < sc->ntoks; i++)
        if (!sel[i]) {
            tags[i] = TG_O;
            if (margin)
                margin[i] = 0.f;
        }
}

void tact__tagger_tag_list(const tagger_model *m, const tact_scanner *sc, tagger_cache *cache,
                           const uint8_t *sel, const uint32_t *list, size_t nlist, uint8_t *tags,
                           float *margin)
{
    if (m->ridx && !m->viterbi) {
        tag_packed(m, sc, cache, sel, list, nlist, tags, margin);
        return;
    }
    tact__tagger_tag_cached(m, sc, cache, sel, tags, margin);
}

void tact__tagger_tag(const tagger_model *m, const tact_scanner *sc, uint8_t *tags, float *margin)
{
    if (m->ridx && !m->viterbi) {
        tag_packed(m, sc, NULL, NULL, NULL, 0, tags, margin);
        return;
    }
    if (m->viterbi) {
        tag_viterbi(m, sc, tags, margin);
        return;
    }
    uint32_t f[TG_BLOCK][TG_MAX_FEATS];
    size_t nf[TG_BLOCK];
    int32_t base[TG_BLOCK][TG_NTAGS];
    uint32_t sh0s[TG_BLOCK];
    bool skip[TG_BLOCK];
    uint32_t cl[TG_BLOCK + 2]; /* class codes of tokens b0-1 .. b0+nb */
    const int16_t *prev_row[TG_NTAGS];
    for (int p = 0; p < TG_NTAGS; p++)
        prev_row[p] = m->w + (size_t)(mix(F_PREV, (uint64_t)p) & m->mask) * TG_NTAGS;
    int prev = TG_O;
    for (size_t b0 = 0; b0 < sc->ntoks; b0 += TG_BLOCK) {
        size_t nb = sc->ntoks - b0 < TG_BLOCK ? sc->ntoks - b0 : TG_BLOCK;
        if (m->clu.key) {
            /* the token before the block: carried over from the last block */
            cl[0] = b0 == 0 ? CL_EDGE : cl[TG_BLOCK];
            if (b0 > 0) {
                cl[1] = cl[TG_BLOCK + 1];
                for (size_t j = 1; j <= nb; j++)
                    cl[j + 1] = cluster_of(&m->clu, sc, b0 + j, b0 + j < sc->ntoks);
            } else {
                for (size_t j = 0; j <= nb; j++)
                    cl[j + 1] = cluster_of(&m->clu, sc, b0 + j, b0 + j < sc->ntoks);
            }
        }
        /* features of the block, with their rows fetched ahead */
        for (size_t j = 0; j < nb; j++) {
            size_t i = b0 + j;
            skip[j] = tact__tagger_skip(sc, i);
            if (skip[j])
                continue;
            nf[j] = features(&m->clu, cl + j, sc, i, TG_O, false, 0xffffffffu, f[j], &sh0s[j]);
            /* from here on f holds row offsets (bits <= 24: no overflow) */
            for (size_t k = 0; k < nf[j]; k++) {
                f[j][k] = (f[j][k] & m->mask) * TG_NTAGS;
                TG_PREFETCH(m->w + f[j][k]);
            }
        }
        for (size_t j = 0; j < nb; j++) {
            if (skip[j])
                continue;
            int32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0;
            for (size_t k = 0; k < nf[j]; k++) {
                const int16_t *row = m->w + f[j][k];
                s0 += row[0];
                s1 += row[1];
                s2 += row[2];
                s3 += row[3];
                s4 += row[4];
            }
            base[j][0] = s0;
            base[j][1] = s1;
            base[j][2] = s2;
            base[j][3] = s3;
            base[j][4] = s4;
        }
        for (size_t j = 0; j < nb; j++) {
            size_t i = b0 + j;
            if (skip[j]) {
                tags[i] = TG_O;
                if (margin)
                    margin[i] = 0.f;
                prev = TG_O;
                continue;
            }
            const int16_t *r1 = prev_row[prev];
            const int16_t *r2 =
                m->w + (size_t)(mix(F_PREV_SH0, (uint64_t)prev << 24 | sh0s[j]) & m->mask) * TG_NTAGS;
            int32_t s[TG_NTAGS];
            for (int t = 0; t < TG_NTAGS; t++)
                s[t] = base[j][t] + r1[t] + r2[t];
            /* I-X only continues X */
            if (prev != TG_BPER && prev != TG_IPER)
                s[TG_IPER] = INT32_MIN / 2;
            if (prev != TG_BLOC && prev != TG_ILOC)
                s[TG_ILOC] = INT32_MIN / 2;
            int best = 0;
            for (int t = 1; t < TG_NTAGS; t++)
                if (s[t] > s[best])
                    best = t;
            int32_t second = INT32_MIN;
            for (int t = 0; t < TG_NTAGS; t++)
                if (t != best && s[t] > second)
                    second = s[t];
            tags[i] = (uint8_t)best;
            if (margin)
                margin[i] = (float)(s[best] - second) * m->scale;
            prev = best;
        }
    }
}
