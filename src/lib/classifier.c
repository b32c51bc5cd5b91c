/*
 * classifier.c - the offensive-language classifier: logistic regression on
 * hashed word unigrams, word bigrams and character 3-5-grams, with int8
 * weights. Trained by tools/train-offensive.py, which computes the same
 * features; the two must change together (tests/unit/test_classifier.c
 * holds scores computed by the trainer).
 *
 * Model file (little-endian): "TOFF", u32 version (1), u32 nbits, f32 bias,
 * f32 scale, f32 threshold, then 2^nbits int8 weights.
 *
 * Scoring allocates nothing: tokens are read straight from the text, and the
 * previous token (for bigrams) is kept in a fixed buffer.
 */
#include "conduct.h"

#include <math.h>

#define TOK_MAX 64
#define TOKS_MAX 512

struct tact__clf {
    uint32_t nbits, mask;
    float bias, scale, threshold;
    const int8_t *w; /* borrowed from the embedded data */
};

int tact__clf_load(const tact__alloc *a, const char *data, size_t len, tact__clf **out)
{
    const unsigned char *p = (const unsigned char *)data;
    *out = NULL;
    if (len < 24 || memcmp(p, "TOFF", 4) != 0 || tact__rd32le(p + 4) != 1)
        return TACT_EMODEL;
    uint32_t nbits = tact__rd32le(p + 8);
    if (nbits < 8 || nbits > 24 || len != 24 + ((size_t)1 << nbits))
        return TACT_EMODEL;
    tact__clf *m = tact__calloc(a, 1, sizeof *m);
    if (!m)
        return TACT_ENOMEM;
    m->nbits = nbits;
    m->mask = (1u << nbits) - 1;
    m->bias = tact__rdf32le(p + 12);
    m->scale = tact__rdf32le(p + 16);
    m->threshold = tact__rdf32le(p + 20);
    m->w = (const int8_t *)(const void *)(p + 24);
    if (!isfinite(m->bias) || !isfinite(m->scale)) {
        tact__free(a, m);
        return TACT_EMODEL;
    }
    *out = m;
    return TACT_OK;
}

void tact__clf_free(const tact__alloc *a, tact__clf *m)
{
    if (m)
        tact__free(a, m);
}

#define FNV_BASIS 2166136261u
#define FNV_PRIME 16777619u

static uint32_t fnv_add(uint32_t h, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= FNV_PRIME;
    }
    return h;
}

static bool isword(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static bool prefix_ci(const unsigned char *s, size_t n, size_t i, const char *p)
{
    for (size_t k = 0; p[k]; k++) {
        if (i + k >= n)
            return false;
        unsigned char c = s[i + k];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        if (c != (unsigned char)p[k])
            return false;
    }
    return true;
}

typedef struct acc {
    const tact__clf *m;
    long sum;
    size_t nf;
    const unsigned char *prev; /* the token before: a literal or the other
                                * of tact__clf_score's two word buffers */
    size_t prevn;
    bool have_prev;
} acc;

/* Features are summed in locals (the int8 weights may alias anything, so
 * a running sum kept in *a would be stored and reloaded around every
 * weight read) and added to *a once per token. A word has character grams
 * too: it comes as s, with a byte free before it and after it (s[0], s[n +
 * 1]) for their "<" and ">", and t = s + 1; special tokens have s NULL.
 * t must stay unchanged until the next token is done with it (its prev). */
static void on_token(acc *a, const unsigned char *t, size_t n, unsigned char *s)
{
    const int8_t *w = a->m->w;
    const uint32_t mask = a->m->mask;
    long sum = 0;
    size_t nf = 1;
    sum += w[fnv_add(fnv_add(FNV_BASIS, (const unsigned char *)"w", 1), t, n) & mask];
    if (a->have_prev) {
        uint32_t h = fnv_add(FNV_BASIS, (const unsigned char *)"b", 1);
        h = fnv_add(h, a->prev, a->prevn);
        h = fnv_add(h, (const unsigned char *)" ", 1);
        sum += w[fnv_add(h, t, n) & mask];
        nf++;
    }
    a->prev = t;
    a->prevn = n;
    a->have_prev = true;
    if (s) {
        s[0] = '<';
        s[n + 1] = '>';
        size_t sn = n + 2;
        /* character 3-, 4- and 5-grams: FNV-1a is a running hash, so the
         * hash of s[p..p+4) continues the one of s[p..p+3): one pass per
         * start position instead of one per gram. The sum does not depend
         * on the order in which the grams are added. */
        const uint32_t hc = fnv_add(FNV_BASIS, (const unsigned char *)"c", 1);
        for (size_t p = 0; p + 3 <= sn; p++) {
            uint32_t h = fnv_add(hc, s + p, 3);
            sum += w[h & mask];
            nf++;
            if (p + 4 > sn)
                continue;
            h = (h ^ s[p + 3]) * FNV_PRIME;
            sum += w[h & mask];
            nf++;
            if (p + 5 > sn)
                continue;
            sum += w[((h ^ s[p + 4]) * FNV_PRIME) & mask];
            nf++;
        }
    }
    a->sum += sum;
    a->nf += nf;
}

float tact__clf_score(const tact__clf *m, const char *text, size_t len)
{
    const unsigned char *b = (const unsigned char *)text;
    acc a;
    a.m = m;
    a.sum = 0;
    a.nf = 0;
    a.prev = NULL;
    a.prevn = 0;
    a.have_prev = false;
    /* words alternate between two buffers, so that the one before is
     * still there for the bigram */
    unsigned char wbuf[2][TOK_MAX + 2];
    unsigned cur = 0;
    size_t ntok = 0, i = 0;
    while (i < len && ntok < TOKS_MAX) {
        unsigned char c = b[i];
        /* a link starts with h or w */
        if (((c | 0x20) == 'h' || (c | 0x20) == 'w') &&
            (prefix_ci(b, len, i, "http://") || prefix_ci(b, len, i, "https://") ||
             prefix_ci(b, len, i, "www."))) {
            while (i < len && b[i] > 0x20)
                i++;
            on_token(&a, (const unsigned char *)"url", 3, NULL);
            ntok++;
            continue;
        }
        if (c == '@' && i + 1 < len && isword(b[i + 1])) {
            i++;
            while (i < len && (isword(b[i]) || b[i] == '_'))
                i++;
            on_token(&a, (const unsigned char *)"@user", 5, NULL);
            ntok++;
            continue;
        }
        if (isword(c) || (c == '#' && i + 1 < len && isword(b[i + 1]))) {
            size_t j = i + 1;
            while (j < len) {
                if (isword(b[j]))
                    j++;
                else if (b[j] == '\'' && j + 1 < len && isword(b[j + 1]) && isword(b[j - 1]))
                    j++;
                else
                    break;
            }
            /* lower-case, squeeze runs of 3+ to 2, keep the first 64 bytes */
            unsigned char *wb = wbuf[cur], *t = wb + 1;
            cur ^= 1u;
            size_t n = 0;
            for (size_t k = i; k < j && n < TOK_MAX; k++) {
                unsigned char ch = b[k];
                if (ch >= 'A' && ch <= 'Z')
                    ch = (unsigned char)(ch + 32);
                if (n >= 2 && t[n - 1] == ch && t[n - 2] == ch)
                    continue;
                t[n++] = ch;
            }
            on_token(&a, t, n, wb);
            ntok++;
            i = j;
            continue;
        }
        i++;
    }
    double z = m->bias;
    if (a.nf)
        z += (double)m->scale * (double)a.sum / sqrt((double)a.nf);
    if (z > 30)
        z = 30;
    if (z < -30)
        z = -30;
    return (float)(1.0 / (1.0 + exp(-z)));
}
