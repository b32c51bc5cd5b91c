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
    F_SH0_SHP1, F_LEN, F_KIND
};

static uint32_t mix(uint64_t tmpl, uint64_t v)
{
    uint64_t h = v ^ (tmpl * 0x9e3779b97f4a7c15ull);
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 29;
    return (uint32_t)(h >> 16);
}

int tact__tagger_load(const void *data, size_t len, tagger_model *out)
{
    const unsigned char *p = data;
    memset(out, 0, sizeof *out);
    if (!p || len < TG_HEADER || memcmp(p, "TACTNER1", 8) != 0)
        return TACT_EMODEL;
    uint32_t bits, ntags;
    float scale;
    memcpy(&bits, p + 8, 4);
    memcpy(&ntags, p + 12, 4);
    memcpy(&scale, p + 16, 4);
    if (bits < 8 || bits > 24 || ntags != TG_NTAGS || !(scale > 0.f))
        return TACT_EMODEL;
    size_t need = TG_HEADER + ((size_t)1 << bits) * TG_NTAGS * sizeof(int16_t);
    if (len < need || ((uintptr_t)(p + TG_HEADER) % sizeof(int16_t)) != 0)
        return TACT_EMODEL;
    out->w = (const int16_t *)(const void *)(p + TG_HEADER);
    out->mask = (1u << bits) - 1u;
    out->scale = scale;
    return TACT_OK;
}

bool tact__tagger_skip(const tact_scanner *sc, size_t i)
{
    const tact__token *t = &sc->toks[i];
    switch (t->kind) {
    case TACT__TOK_WORD:
        return (t->lex & TACT__LX_STOP) && (t->shape & TACT__SH_LOWER);
    case TACT__TOK_ALNUM:
    case TACT__TOK_HASHTAG:
        return false;
    default:
        return true;
    }
}

bool tact__tagger_cap_free(const tact_scanner *sc, size_t i)
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
 * *sh0_out receives the token's shape code.
 */
static size_t features(const tact_scanner *sc, size_t i, int prev_tag, bool with_prev,
                       uint32_t *f, uint32_t *sh0_out)
{
    size_t n = 0, nt = sc->ntoks;
    const tact__token *t = &sc->toks[i];
    bool hm1 = i >= 1, hm2 = i >= 2, hp1 = i + 1 < nt, hp2 = i + 2 < nt;
    uint32_t sh0 = shape_code(sc, i, true);
    uint32_t shm1 = shape_code(sc, i - 1, hm1), shp1 = shape_code(sc, i + 1, hp1);
    bool capfree = tact__tagger_cap_free(sc, i);
    *sh0_out = sh0;
    f[n++] = mix(F_BIAS, 0);
    f[n++] = mix(F_W0, t->hash);
    f[n++] = mix(F_WM1, tok_hash(sc, i - 1, hm1));
    f[n++] = mix(F_WP1, tok_hash(sc, i + 1, hp1));
    f[n++] = mix(F_WM2, tok_hash(sc, i - 2, hm2));
    f[n++] = mix(F_WP2, tok_hash(sc, i + 2, hp2));
    f[n++] = mix(F_SH0, sh0);
    f[n++] = mix(F_SHM1, shm1);
    f[n++] = mix(F_SHP1, shp1);
    f[n++] = mix(F_CAPFREE, (uint64_t)capfree << 20 | sh0);
    f[n++] = mix(F_SH0_SHP1, (uint64_t)sh0 << 20 | shp1);
    const char *w = sc->norm.p + t->norm_off;
    size_t len = t->norm_len;
    if (len >= 4) {
        f[n++] = mix(F_SUF3, tact__hash(w + len - 3, 3));
        f[n++] = mix(F_SUF2, tact__hash(w + len - 2, 2));
        f[n++] = mix(F_PRE3, tact__hash(w, 3));
    }
    f[n++] = mix(F_LEN, len > 12 ? 12 : len);
    uint32_t lx0 = t->lex & LEX_KEEP;
    f[n++] = mix(F_LEX0, lx0);
    f[n++] = mix(F_LEX0, (uint64_t)lx0 << 20 | sh0 | (uint64_t)capfree << 40);
    f[n++] = mix(F_LEXM1, hm1 ? sc->toks[i - 1].lex & LEX_KEEP : 0xffffff);
    f[n++] = mix(F_LEXP1, hp1 ? sc->toks[i + 1].lex & LEX_KEEP : 0xffffff);
    if (with_prev) {
        f[n++] = mix(F_PREV, (uint64_t)prev_tag);
        f[n++] = mix(F_PREV_SH0, (uint64_t)prev_tag << 24 | sh0);
    }
    f[n++] = mix(F_WM1_SH0, tok_hash(sc, i - 1, hm1) ^ sh0);
    f[n++] = mix(F_KIND, (uint64_t)t->kind << 8 | (uint64_t)(t->lex & TACT__LX_FIRST ? 1 : 0));
    return n;
}

size_t tact__tagger_features(const tact_scanner *sc, size_t i, int prev_tag, uint32_t *f)
{
    uint32_t sh0;
    return features(sc, i, prev_tag, true, f, &sh0);
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

void tact__tagger_tag(const tagger_model *m, const tact_scanner *sc, uint8_t *tags, float *margin)
{
    uint32_t f[TG_BLOCK][TG_MAX_FEATS];
    size_t nf[TG_BLOCK];
    int32_t base[TG_BLOCK][TG_NTAGS];
    uint32_t sh0s[TG_BLOCK];
    bool skip[TG_BLOCK];
    const int16_t *prev_row[TG_NTAGS];
    for (int p = 0; p < TG_NTAGS; p++)
        prev_row[p] = m->w + (size_t)(mix(F_PREV, (uint64_t)p) & m->mask) * TG_NTAGS;
    int prev = TG_O;
    for (size_t b0 = 0; b0 < sc->ntoks; b0 += TG_BLOCK) {
        size_t nb = sc->ntoks - b0 < TG_BLOCK ? sc->ntoks - b0 : TG_BLOCK;
        /* features of the block, with their rows fetched ahead */
        for (size_t j = 0; j < nb; j++) {
            size_t i = b0 + j;
            skip[j] = tact__tagger_skip(sc, i);
            if (skip[j])
                continue;
            nf[j] = features(sc, i, TG_O, false, f[j], &sh0s[j]);
            for (size_t k = 0; k < nf[j]; k++)
                TG_PREFETCH(m->w + (size_t)(f[j][k] & m->mask) * TG_NTAGS);
        }
        for (size_t j = 0; j < nb; j++) {
            if (skip[j])
                continue;
            int32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0;
            for (size_t k = 0; k < nf[j]; k++) {
                const int16_t *row = m->w + (size_t)(f[j][k] & m->mask) * TG_NTAGS;
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
