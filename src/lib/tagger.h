/*
 * tagger.h - the statistical sequence tagger for people and places: an
 * averaged perceptron over hashed features with the previous tag as a
 * feature, greedy left-to-right or Viterbi decoding (the model says
 * which), BIO tags for PER and LOC.
 *
 * The feature extraction (tact__tagger_features) is the one place that
 * decides what the model sees; the trainer (tools/train-tagger.c) links it
 * from the library, so training and run time can never disagree.
 *
 * Model file (data/models/ner.bin, little-endian):
 *   0  "TACTNER1" or "TACTNER2"          magic: greedy decoding (1), or
 *                                       Viterbi (2; trained as a structured
 *                                       perceptron)
 *   8  uint32 bits                       log2 of the number of buckets
 *  12  uint32 ntags                      TG_NTAGS
 *  16  float  scale                      weight = int16 * scale
 *  20  uint32 clusters                   0, or the id of the word classes
 *                                       (data/models/clusters.bin) the
 *                                       model was trained with: their
 *                                       features are then on, and the
 *                                       model refuses to load without them
 *  24  int16  w[1 << bits][TG_NTAGS]     feature weights, row per bucket
 * The model is used in place (the embedded bytes), never copied.
 *
 * Word classes (data/models/clusters.bin, tools/train-clusters.c, which
 * documents the format): an open-addressed table from the library's token
 * hash to a class path of up to 16 bits whose prefixes are coarser
 * classes; also used in place.
 */
#ifndef TACT_TAGGER_H
#define TACT_TAGGER_H

#include "internal.h"
#include "lexicon.h"

enum tagger_tag { TG_O = 0, TG_BPER = 1, TG_IPER = 2, TG_BLOC = 3, TG_ILOC = 4, TG_NTAGS = 5 };

#define TG_MAX_FEATS 32
#define TG_HEADER 24

#define TG_CLU_HEADER 24

typedef struct tagger_clusters {
    const uint64_t *key; /* NULL: no classes */
    const uint16_t *cls;
    uint32_t mask;       /* slots - 1 */
    uint32_t id;
    uint8_t bits;        /* length of the full path */
    uint8_t pre[2];      /* lengths of the two coarser prefixes */
} tagger_clusters;

typedef struct tagger_model {
    const int16_t *w;
    uint32_t mask; /* buckets - 1 */
    float scale;
    bool viterbi;        /* "TACTNER2": Viterbi decoding */
    tagger_clusters clu; /* clu.key NULL: no class features */
    /* The weights repacked (tact__tagger_pack), or NULL: ridx[bucket] is
     * the number of the bucket's row among the distinct rows (all-zero
     * rows are ~78% of the buckets, and most others repeat), and
     * rows[2 * r], rows[2 * r + 1] hold that row's five weights, each
     * plus TG_BIAS, in 21-bit lanes (TG_LANE): three in the first word,
     * two in the second. Up to 32 rows add up without a carry between
     * lanes (32 * 65535 < 2^21), so a token's rows are summed with two
     * 64-bit additions each, exactly. */
    const uint16_t *ridx;
    const uint64_t *rows;
    /* with ridx: the row numbers of F_PREV for each previous tag and of
     * F_BIAS, the same for every token (set by tact__tagger_pack) */
    uint16_t prev_r[TG_NTAGS];
    uint16_t bias_r;
    /* with ridx: the row numbers of the features that read a shape code
     * alone (and the previous tag, or cap-freeness), TG_SHR_STRIDE of them
     * per code (< TG_NSH), by TG_SHR_*: the decoder needs no hash for
     * them, and a code's rows share a cache line */
    uint16_t *shr;
} tagger_model;

#define TG_NSH 4096 /* shape codes: (kind << 8 | shape bits) + 2, kind < 16 */
enum { TG_SHR_SHM1 = 0, TG_SHR_SHP1 = 1, TG_SHR_SH0 = 2, TG_SHR_CAP0 = 3, TG_SHR_CAP1 = 4,
       TG_SHR_PREV = 5, TG_SHR_N = TG_SHR_PREV + TG_NTAGS };
#define TG_SHR_STRIDE 16 /* >= TG_SHR_N: 32 bytes a code */

#define TG_BIAS 32768
#define TG_LANE 21

/* Check and wrap a word-class table image. TACT_OK or TACT_EMODEL. */
int tact__tagger_clusters_load(const void *data, size_t len, tagger_clusters *out);

/* Check and wrap a model image with the word classes it was trained with
 * (clu may be NULL for a model trained without). Returns TACT_OK, or
 * TACT_EMODEL when the bytes are not a model of this version or the
 * classes are missing or not the model's. */
int tact__tagger_load_with(const void *data, size_t len, const tagger_clusters *clu,
                           tagger_model *out);

/* tact__tagger_load_with with the embedded word classes (clusters.bin),
 * when there are; a damaged embedded table is TACT_EMODEL. */
int tact__tagger_load(const void *data, size_t len, tagger_model *out);

/* Repack m's weights for speed (m->ridx, m->rows), in memory from a;
 * tact__tagger_unpack frees them. TACT_OK (m left unpacked when its
 * distinct rows do not fit in 16 bits) or TACT_ENOMEM. Decoding gives the
 * same tags and margins either way. */
int tact__tagger_pack(const tact__alloc *a, tagger_model *m);
void tact__tagger_unpack(const tact__alloc *a, tagger_model *m);

/* Tokens the tagger never tags (punctuation, numbers, links, lower-case
 * function words): always TG_O, and their features are not computed. */
static inline bool tact__tagger_skip(const tact_scanner *sc, size_t i)
{
    const tact__token *t = &sc->toks[i];
    if (t->kind == TACT__TOK_WORD)
        return (t->lex & TACT__LX_STOP) && (t->shape & TACT__SH_LOWER);
    return t->kind != TACT__TOK_ALNUM && t->kind != TACT__TOK_HASHTAG;
}

/* A capital at token i carries no evidence of a name: first word of a
 * sentence or line, or after an emoji, hashtag, colon or quote. */
bool tact__tagger_cap_free(const tact_scanner *sc, size_t i);

/* Hashed feature ids of token i given the previous tag; returns their
 * number (at most TG_MAX_FEATS). Ids are full 32-bit hashes; a model takes
 * them modulo its bucket count. Only m->clu is read (the class features
 * are on when m->clu.key is set). */
size_t tact__tagger_features(const tagger_model *m, const tact_scanner *sc, size_t i, int prev_tag,
                             uint32_t *f);

/*
 * Tag every token of the scanner's current text. tags[i] receives a
 * tagger_tag; margin[i] (may be NULL) the score of the chosen tag minus the
 * best other tag given the tag chosen before it, in weight units. Never
 * allocates.
 */
void tact__tagger_tag(const tagger_model *m, const tact_scanner *sc, uint8_t *tags, float *margin);

/*
 * A cache of the packed sums of the features of a token that depend on the
 * token alone (its word, shape, lexicon bits, class, and whether a capital
 * there says nothing: tact__tagger_cap_free), for tact__tagger_tag_cached.
 * The same words come back post after post, so a scanner keeps one across
 * scans (names.c). An entry holds its whole key, so a hit gives the sum the
 * features would give: the same integer sum as without the cache. The
 * entries of another model are dropped (tagger_cache.m).
 */
#define TG_CACHE 2048 /* entries, a power of two */

typedef struct tagger_wsum {
    uint64_t h;      /* token hash */
    uint64_t lo, hi; /* packed sum of the bias and the word's own rows */
    uint32_t lx0;    /* lexicon bits the features read */
    uint16_t sh0;    /* shape code (never 0: 0 is an empty entry) */
    uint8_t len;     /* normalised length (longer words are not kept) */
    uint8_t kc;      /* token kind, and 0x80 when a capital there is free */
} tagger_wsum;       /* 32 bytes: two to a cache line */

typedef struct tagger_cache {
    tagger_wsum e[TG_CACHE];
    const tagger_model *m; /* the model of the entries */
} tagger_cache;

/*
 * tact__tagger_tag for the tokens i with sel[i] nonzero only: the others
 * receive TG_O (margin 0) and their features are not computed. sel must
 * select whole runs of tokens between tokens the tagger skips
 * (tact__tagger_skip): decoding restarts from TG_O after each skipped
 * token, so the selected tokens then get exactly the tags and margins of
 * tact__tagger_tag. Never allocates.
 */
void tact__tagger_tag_sel(const tagger_model *m, const tact_scanner *sc, const uint8_t *sel,
                          uint8_t *tags, float *margin);

/* tact__tagger_tag_sel with a cache of word sums (see tagger_cache; NULL:
 * none): the same tags and margins. */
void tact__tagger_tag_cached(const tagger_model *m, const tact_scanner *sc, tagger_cache *cache,
                             const uint8_t *sel, uint8_t *tags, float *margin);

/* tact__tagger_tag_cached given also the list of the tokens sel marks
 * (list[0..nlist-1]: every i with sel[i] nonzero, in order), so that the
 * others are not visited: the same tags and margins. */
void tact__tagger_tag_list(const tagger_model *m, const tact_scanner *sc, tagger_cache *cache,
                           const uint8_t *sel, const uint32_t *list, size_t nlist, uint8_t *tags,
                           float *margin);

#endif
