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
 * Scoring allocates nothing: tokens are read straight from the text into a
 * fixed buffer, and of the previous token (for bigrams) only its hash is
 * kept.
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

/* FNV-1a of the one byte c from the basis: the start of each feature
 * kind's hash ("w", "b" and "c" prefixes) */
#define FNV_ONE(c) ((uint32_t)((FNV_BASIS ^ (uint32_t)(c)) * FNV_PRIME))

/* The bytes of a word: letters, digits and everything from 0x80 on. */
static const bool word_byte[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
    ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
    ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1,
    ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1,
    ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
    ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1,
    ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
    [0x80] = 1, [0x81] = 1, [0x82] = 1, [0x83] = 1, [0x84] = 1, [0x85] = 1, [0x86] = 1,
    [0x87] = 1, [0x88] = 1, [0x89] = 1, [0x8a] = 1, [0x8b] = 1, [0x8c] = 1, [0x8d] = 1,
    [0x8e] = 1, [0x8f] = 1, [0x90] = 1, [0x91] = 1, [0x92] = 1, [0x93] = 1, [0x94] = 1,
    [0x95] = 1, [0x96] = 1, [0x97] = 1, [0x98] = 1, [0x99] = 1, [0x9a] = 1, [0x9b] = 1,
    [0x9c] = 1, [0x9d] = 1, [0x9e] = 1, [0x9f] = 1, [0xa0] = 1, [0xa1] = 1, [0xa2] = 1,
    [0xa3] = 1, [0xa4] = 1, [0xa5] = 1, [0xa6] = 1, [0xa7] = 1, [0xa8] = 1, [0xa9] = 1,
    [0xaa] = 1, [0xab] = 1, [0xac] = 1, [0xad] = 1, [0xae] = 1, [0xaf] = 1, [0xb0] = 1,
    [0xb1] = 1, [0xb2] = 1, [0xb3] = 1, [0xb4] = 1, [0xb5] = 1, [0xb6] = 1, [0xb7] = 1,
    [0xb8] = 1, [0xb9] = 1, [0xba] = 1, [0xbb] = 1, [0xbc] = 1, [0xbd] = 1, [0xbe] = 1,
    [0xbf] = 1, [0xc0] = 1, [0xc1] = 1, [0xc2] = 1, [0xc3] = 1, [0xc4] = 1, [0xc5] = 1,
    [0xc6] = 1, [0xc7] = 1, [0xc8] = 1, [0xc9] = 1, [0xca] = 1, [0xcb] = 1, [0xcc] = 1,
    [0xcd] = 1, [0xce] = 1, [0xcf] = 1, [0xd0] = 1, [0xd1] = 1, [0xd2] = 1, [0xd3] = 1,
    [0xd4] = 1, [0xd5] = 1, [0xd6] = 1, [0xd7] = 1, [0xd8] = 1, [0xd9] = 1, [0xda] = 1,
    [0xdb] = 1, [0xdc] = 1, [0xdd] = 1, [0xde] = 1, [0xdf] = 1, [0xe0] = 1, [0xe1] = 1,
    [0xe2] = 1, [0xe3] = 1, [0xe4] = 1, [0xe5] = 1, [0xe6] = 1, [0xe7] = 1, [0xe8] = 1,
    [0xe9] = 1, [0xea] = 1, [0xeb] = 1, [0xec] = 1, [0xed] = 1, [0xee] = 1, [0xef] = 1,
    [0xf0] = 1, [0xf1] = 1, [0xf2] = 1, [0xf3] = 1, [0xf4] = 1, [0xf5] = 1, [0xf6] = 1,
    [0xf7] = 1, [0xf8] = 1, [0xf9] = 1, [0xfa] = 1, [0xfb] = 1, [0xfc] = 1, [0xfd] = 1,
    [0xfe] = 1, [0xff] = 1,
};

static bool isword(unsigned char c)
{
    return word_byte[c];
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
    uint32_t hb; /* the bigram's hash so far: "b", the token before, " " */
    bool have_prev;
} acc;

/* The features of one token t of n bytes. Features are summed in locals
 * (the int8 weights may alias anything, so a running sum kept in *a would
 * be stored and reloaded around every weight read) and added to *a once
 * per token. A word has character grams too: it comes as s, with a byte
 * free before it and after it (s[0], s[n + 1]) for their "<" and ">", and
 * t = s + 1; special tokens have s NULL.
 *
 * Speed: FNV-1a is a running hash, so the caller hashes the token's
 * unigram (hw: "w" + t), its bigram (hb: a->hb, "b" + the token before +
 * " ", continued over t) and the next token's bigram start (hn: "b" + t)
 * while it copies t; the sum does not depend on the order in which
 * features are added, and the count of character grams follows from the
 * length. */
/* FNV-1a of h continued over the three bytes at s. */
static inline uint32_t fnv3(uint32_t h, const unsigned char *s)
{
    return (((((h ^ s[0]) * FNV_PRIME) ^ s[1]) * FNV_PRIME) ^ s[2]) * FNV_PRIME;
}

static void on_feats(acc *a, uint32_t hw, uint32_t hb, uint32_t hn, size_t n, unsigned char *s)
{
    const int8_t *w = a->m->w;
    const uint32_t mask = a->m->mask;
    long sum = w[hw & mask];
    size_t nf = 1;
    if (a->have_prev) {
        sum += w[hb & mask];
        nf++;
    }
    a->hb = (hn ^ (uint32_t)' ') * FNV_PRIME;
    a->have_prev = true;
    if (s) {
        s[0] = '<';
        s[n + 1] = '>';
        const size_t sn = n + 2; /* >= 3 */
        /* character 3-, 4- and 5-grams: the hash of s[p..p+4) continues
         * the one of s[p..p+3): one pass per start position */
        const uint32_t hc = FNV_ONE('c');
        size_t p = 0;
        for (; p + 5 <= sn; p++) {
            uint32_t h3 = fnv3(hc, s + p);
            uint32_t h4 = (h3 ^ s[p + 3]) * FNV_PRIME;
            uint32_t h5 = (h4 ^ s[p + 4]) * FNV_PRIME;
            sum += w[h3 & mask];
            sum += w[h4 & mask];
            sum += w[h5 & mask];
        }
        /* the last three or four bytes: their 3-gram, and with four a
         * 4-gram and the next 3-gram */
        uint32_t h3 = fnv3(hc, s + p);
        sum += w[h3 & mask];
        if (sn - p == 4) {
            sum += w[((h3 ^ s[p + 3]) * FNV_PRIME) & mask];
            sum += w[fnv3(hc, s + p + 1) & mask];
        }
        nf += (sn - 2) + (sn - 3) + (sn >= 5 ? sn - 4 : 0);
    }
    a->sum += sum;
    a->nf += nf;
}

/* A special token ("url", "@user"): its word and bigram features. */
static void on_special(acc *a, const char *t)
{
    uint32_t hw = FNV_ONE('w'), hb = a->hb, hn = FNV_ONE('b');
    for (size_t i = 0; t[i]; i++) {
        const uint32_t c = (unsigned char)t[i];
        hw = (hw ^ c) * FNV_PRIME;
        hb = (hb ^ c) * FNV_PRIME;
        hn = (hn ^ c) * FNV_PRIME;
    }
    on_feats(a, hw, hb, hn, 0, NULL);
}

float tact__clf_score(const tact__clf *m, const char *text, size_t len)
{
    const unsigned char *b = (const unsigned char *)text;
    acc a;
    a.m = m;
    a.sum = 0;
    a.nf = 0;
    a.hb = 0;
    a.have_prev = false;
    unsigned char wbuf[TOK_MAX + 2];
    size_t ntok = 0, i = 0;
    while (i < len && ntok < TOKS_MAX) {
        unsigned char c = b[i];
        /* a link starts with h or w */
        if (((c | 0x20) == 'h' || (c | 0x20) == 'w') &&
            (prefix_ci(b, len, i, "http://") || prefix_ci(b, len, i, "https://") ||
             prefix_ci(b, len, i, "www."))) {
            while (i < len && b[i] > 0x20)
                i++;
            on_special(&a, "url");
            ntok++;
            continue;
        }
        if (c == '@' && i + 1 < len && isword(b[i + 1])) {
            i++;
            while (i < len && (isword(b[i]) || b[i] == '_'))
                i++;
            on_special(&a, "@user");
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
            /* (and its unigram, bigram and next bigram hashes, on_feats) */
            unsigned char *wb = wbuf, *t = wb + 1;
            size_t n = 0;
            uint32_t hw = FNV_ONE('w'), hb = a.hb, hn = FNV_ONE('b');
            for (size_t k = i; k < j && n < TOK_MAX; k++) {
                unsigned char ch = b[k];
                if (ch >= 'A' && ch <= 'Z')
                    ch = (unsigned char)(ch + 32);
                if (n >= 2 && t[n - 1] == ch && t[n - 2] == ch)
                    continue;
                t[n++] = ch;
                hw = (hw ^ ch) * FNV_PRIME;
                hb = (hb ^ ch) * FNV_PRIME;
                hn = (hn ^ ch) * FNV_PRIME;
            }
            on_feats(&a, hw, hb, hn, n, wb);
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
