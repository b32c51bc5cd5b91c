/*
 * conduct_model.c - the learned conduct model (see conduct_model.h).
 *
 * Features of a post, from the scanner's tokens (normalised: lower case,
 * NFKC, curly quotes straightened):
 * - a unigram for every word, possessive, hashtag and emoji token; numbers
 *   as one class "<num>", links and emails as their kind; "?" and "!" as
 *   themselves, a run of the same mark as one (handles break the chain:
 *   who is addressed is for the identifier detectors, and tweets full of
 *   them are not about work);
 * - a bigram for every two such tokens in a row within a sentence, and one
 *   for the first token of a sentence after a sentence-start marker (other
 *   punctuation breaks the chain);
 * - cues: a first-person word, a number, a relationship or role word
 *   (general lexicon: kin and role words), and their pairs;
 * - story features (cmodel3): pairs of cues met within one sentence (a
 *   relationship word with a time anchor such as "again", "still", "this
 *   week", "yesterday"; with a first-person word; with a number; two
 *   relationship words; a number with a time anchor), a relationship word
 *   after "the/his/her/their/a" (someone else's: "the mum", "her ex") or
 *   after "my/our" (the author's own), that one with a time anchor or a
 *   first-person word in its sentence, and how many relationship words;
 * - the identifier findings the scan made before conduct runs (a person's
 *   name, an age, a place, an organisation, a school, an address,
 *   other), each class once, alone and with a first-person word, a
 *   relationship word or a time anchor in its sentence.
 * Each feature is a 64-bit hash; the model keeps 2^bits weight buckets per
 * type, indexed by the hash's top bits: one array read per feature.
 *
 * The model speaks only in its domain: when fewer than min_known of a
 * post's features fall in a bucket the training corpus gave weight (tweets
 * in slang the corpus never saw), every probability is 0.
 *
 * conduct.bin (little endian):
 *   "TCM2" u32 bits u32 ntypes f32 min_known
 *   ntypes x { char name[24] (NUL-padded type name) f32 bias f32 threshold
 *              f32 scale f32 review_threshold }
 *   int8 w[2^bits][ntypes]    (weight = w * scale)
 * "TCM1" is the same without review_threshold (read as 1: no review tier).
 */
#include "conduct_model.h"
#include "lexicon.h"
#include "tinfo.h"

#include <math.h>
#include <stdatomic.h>

/* Slots per type of tact__cm.memo; the sums it keeps lie within
 * CM_MEMO_OFF of 0 (so that their key is never 0) */
#define CM_MEMO 512
#define CM_MEMO_OFF ((int32_t)1 << 24)

struct tact__cm {
    uint32_t bits, ntypes;
    float min_known; /* share of features with weight below which p = 0 */
    tact_type type[TACT__CM_MAXTYPES];
    float bias[TACT__CM_MAXTYPES], thr[TACT__CM_MAXTYPES], scale[TACT__CM_MAXTYPES];
    float thr2[TACT__CM_MAXTYPES]; /* the review tier's threshold (1: none) */
    int8_t *w; /* [2^bits][ntypes]: a quarter of a megabyte, mostly in cache */
    /* the few words the cues read (is_first_person, is_time_anchor,
     * owner_word), by token hash: one probe per word token instead of
     * three string tests (open addressing on the hash's low bits; key 0
     * empty) */
    uint64_t wkey[128];
    uint8_t wbits[128];
    uint64_t wfilt[4]; /* bit h >> 56 of every key: most words end here */
    uint64_t h_q, h_x; /* the hashes of "?" and "!" */
    /* sent_pairs(c, nrel) by c | (nrel >= 2) << 6 (SP_KEY) */
    uint16_t sp[128];
    /* the probabilities worked out so far (cm_prob): for type k, slot
     * acc & (CM_MEMO - 1) holds (acc + CM_MEMO_OFF) << 32 | the float's
     * bits, 0 empty. Atomic, each slot read and written whole: scanners
     * on other threads share the model */
    _Atomic uint64_t *memo; /* [ntypes][CM_MEMO] */
    void *memo_mem;         /* memo, to be freed */
};

/* ---- features ------------------------------------------------------------ */

static uint64_t mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

/* Class tokens and markers: fixed values outside what word hashes meet by
 * design (any collision only shares a bucket). */
#define H_NUM 0x6e756d0000000001ull
#define H_URL 0x75726c0000000003ull
#define H_EMAIL 0x656d61696c000004ull
#define H_BOS 0x626f730000000005ull
#define H_UNI 0x756e690000000011ull
#define H_BI 0x6269000000000012ull
#define H_CUE 0x6375650000000013ull

enum { CUE_FP = 1, CUE_NUM = 2, CUE_REL = 4, CUE_TIME = 8, CUE_OREL = 16, CUE_MREL = 32 };

static bool eq(const char *s, size_t n, const char *w, size_t wn)
{
    return n == wn && memcmp(s, w, n) == 0;
}

/* Sentence-scoped features (conduct model v3): cue pairs met within one
 * sentence, the count of relationship words, and the identifier findings
 * the scan made before conduct runs (sc->cand, conduct findings left out),
 * alone and with the cues of their sentence. Sentences past SENT_MAX share
 * the last slot. */
#define SENT_MAX 64
#define H_SENT 0x73656e7400000021ull
#define H_ID 0x6964000000000022ull

/* The word before a relationship word: 1 for the author's (my, our), 2 for
 * someone else's or a particular one (his, her, their, the, this, that, a,
 * an, same): "the mum", "her ex" against "my mum". */
static unsigned owner_word(const char *s, size_t n)
{
    switch (s[0]) {
    case 'm':
        return eq(s, n, "my", 2) ? 1 : 0;
    case 'o':
        return eq(s, n, "our", 3) ? 1 : 0;
    case 'h':
        return eq(s, n, "his", 3) || eq(s, n, "her", 3) ? 2 : 0;
    case 't':
        return eq(s, n, "the", 3) || eq(s, n, "their", 5) || eq(s, n, "this", 4) ||
                       eq(s, n, "that", 4)
                   ? 2
                   : 0;
    case 'a':
        return n == 1 || eq(s, n, "an", 2) ? 2 : 0;
    case 's':
        return eq(s, n, "same", 4) ? 2 : 0;
    default:
        return 0;
    }
}

/* again, still, yesterday, today, tonight, last (night), this week ...: a
 * time anchor on an account of something that happened */
static bool is_time_anchor(const char *s, size_t n, unsigned lex)
{
    if (lex & TACT__LX_WEEKDAY)
        return true;
    switch (s[0]) {
    case 'a':
        return eq(s, n, "again", 5);
    case 's':
        return eq(s, n, "still", 5) || eq(s, n, "second", 6);
    case 'y':
        return eq(s, n, "yesterday", 9);
    case 't':
        return eq(s, n, "today", 5) || eq(s, n, "tonight", 7) || eq(s, n, "third", 5);
    case 'l':
        return eq(s, n, "last", 4);
    case 'w':
        return eq(s, n, "week", 4) || eq(s, n, "weekend", 7);
    case 'm':
        return eq(s, n, "morning", 7);
    case 'n':
        return eq(s, n, "night", 5);
    case 'f':
        return eq(s, n, "fourth", 6);
    default:
        return false;
    }
}

/* i, me, my, i'm, im, i've, ive, i'd, i'll, myself, we, our, us, we've,
 * we're, ourselves */
static bool is_first_person(const char *s, size_t n)
{
    switch (s[0]) {
    case 'i':
        return n == 1 || eq(s, n, "i'm", 3) || eq(s, n, "im", 2) || eq(s, n, "i've", 4) ||
               eq(s, n, "ive", 3) || eq(s, n, "i'd", 3) || eq(s, n, "i'll", 4);
    case 'm':
        return eq(s, n, "me", 2) || eq(s, n, "my", 2) || eq(s, n, "myself", 6);
    case 'w':
        return eq(s, n, "we", 2) || eq(s, n, "we've", 5) || eq(s, n, "we're", 5);
    case 'o':
        return eq(s, n, "our", 3) || eq(s, n, "ourselves", 9);
    case 'u':
        return eq(s, n, "us", 2);
    default:
        return false;
    }
}

/* The cue words by hash (tact__cm.wkey): what the three tests above say
 * of a word, as bits. */
enum { WB_FP = 1, WB_TIME = 2, WB_OWN_SHIFT = 2 };

static const char *const cue_words[] = {
    "i", "i'm", "im", "i've", "ive", "i'd", "i'll", "me", "my", "myself", "we", "we've", "we're",
    "our", "ourselves", "us", "again", "still", "second", "yesterday", "today", "tonight", "third",
    "last", "week", "weekend", "morning", "night", "fourth", "his", "her", "the", "their", "this",
    "that", "a", "an", "same",
};

static void cue_table_build(tact__cm *m)
{
    for (size_t k = 0; k < sizeof cue_words / sizeof cue_words[0]; k++) {
        const char *w = cue_words[k];
        size_t n = strlen(w);
        unsigned b = (is_first_person(w, n) ? WB_FP : 0u) | (is_time_anchor(w, n, 0) ? WB_TIME : 0u) |
                     owner_word(w, n) << WB_OWN_SHIFT;
        uint64_t h = tact__hash(w, n);
        uint32_t i = (uint32_t)h & 127u;
        while (m->wkey[i] && m->wkey[i] != h)
            i = (i + 1) & 127u;
        m->wkey[i] = h;
        m->wbits[i] = (uint8_t)b;
        m->wfilt[h >> 62] |= (uint64_t)1 << ((h >> 56) & 63u);
    }
    m->h_q = tact__hash("?", 1);
    m->h_x = tact__hash("!", 1);
}

static inline unsigned word_bits(const tact__cm *m, uint64_t h)
{
    if (!((m->wfilt[h >> 62] >> ((h >> 56) & 63u)) & 1u))
        return 0;
    for (uint32_t i = (uint32_t)h & 127u;; i = (i + 1) & 127u) {
        if (m->wkey[i] == h)
            return m->wbits[i];
        if (!m->wkey[i])
            return 0;
    }
}

unsigned tact__cm_word_bits(const tact__cm *m, uint64_t h)
{
    return word_bits(m, h);
}

size_t tact__cm_word_keys(const tact__cm *m, uint64_t *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < sizeof m->wkey / sizeof m->wkey[0]; i++)
        if (m->wkey[i]) {
            if (out && n < cap)
                out[n] = m->wkey[i];
            n++;
        }
    return out && n > cap ? cap : n;
}

#if defined(__GNUC__)
#define CM_INLINE inline __attribute__((always_inline))
#else
#define CM_INLINE inline
#endif

/* The hash a token contributes, or 0 when it breaks the chain (inlined
 * into the walk: it runs for every token). */
static CM_INLINE uint64_t tok_feature(const tact_scanner *sc, size_t i, unsigned *cues,
                                      const tact__cm *m, const uint64_t *tiv, unsigned *owner)
{
    const tact__token *t = &sc->toks[i];
    size_t n;
    const char *s;
    /* (a word, the most common, before the switch) */
    if (t->kind == TACT__TOK_WORD && m) {
        unsigned wb = tiv ? (unsigned)(tiv[i] >> TI_CM_SHIFT) : word_bits(m, t->hash);
        *owner = wb >> WB_OWN_SHIFT;
        if (wb & WB_FP)
            *cues |= CUE_FP;
        if (t->lex & (TACT__LX_KIN | TACT__LX_ROLE))
            *cues |= CUE_REL;
        else if ((t->lex & TACT__LX_WEEKDAY) || (wb & WB_TIME))
            *cues |= CUE_TIME;
        return t->hash;
    }
    switch (t->kind) {
    case TACT__TOK_WORD:
        if (m) {
            /* (tiv: word_bits of every token, worked out at tokenize) */
            unsigned wb = tiv ? (unsigned)(tiv[i] >> TI_CM_SHIFT) : word_bits(m, t->hash);
            *owner = wb >> WB_OWN_SHIFT;
            if (wb & WB_FP)
                *cues |= CUE_FP;
            if (t->lex & (TACT__LX_KIN | TACT__LX_ROLE))
                *cues |= CUE_REL;
            else if ((t->lex & TACT__LX_WEEKDAY) || (wb & WB_TIME))
                *cues |= CUE_TIME;
            return t->hash;
        }
        s = tact__tok_norm(sc, i, &n);
        *owner = owner_word(s, n);
        if (is_first_person(s, n))
            *cues |= CUE_FP;
        if (t->lex & (TACT__LX_KIN | TACT__LX_ROLE))
            *cues |= CUE_REL;
        else if (is_time_anchor(s, n, t->lex))
            *cues |= CUE_TIME;
        return t->hash;
    case TACT__TOK_POSS:
    case TACT__TOK_HASHTAG:
    case TACT__TOK_EMOJI:
        return t->hash;
    case TACT__TOK_NUMBER:
        *cues |= CUE_NUM;
        return H_NUM;
    case TACT__TOK_ALNUM:
        if (t->shape & TACT__SH_DIGIT)
            *cues |= CUE_NUM;
        return t->hash;
    case TACT__TOK_URL:
        return H_URL;
    case TACT__TOK_EMAIL:
        return H_EMAIL;
    case TACT__TOK_PUNCT:
        if (m)
            return t->hash == m->h_q || t->hash == m->h_x ? t->hash : 0;
        s = tact__tok_norm(sc, i, &n);
        if (n == 1 && (s[0] == '?' || s[0] == '!'))
            return t->hash;
        return 0;
    default:
        return 0;
    }
}

/* The walk over the features; static inline so that the scorer's own call
 * gets its callback inlined (tact__cm_features is the same walk for the
 * trainer's tool and the tests). */

/* The pairs of cues met in one sentence (bit per pair, see sent_pairs). */
enum {
    SP_REL_TIME = 1,
    SP_REL_FP = 2,
    SP_REL_NUM = 4,
    SP_FP_TIME = 8,
    SP_REL_REL = 16,
    SP_NUM_TIME = 32,
    SP_OREL = 64,
    SP_MREL = 128,
    SP_OREL_TIME = 256,
    SP_OREL_FP = 512,
    SP_N = 10
};

static unsigned sent_pairs(unsigned c, unsigned nrel)
{
    unsigned p = 0;
    if ((c & (CUE_REL | CUE_TIME)) == (CUE_REL | CUE_TIME))
        p |= SP_REL_TIME;
    if ((c & (CUE_REL | CUE_FP)) == (CUE_REL | CUE_FP))
        p |= SP_REL_FP;
    if ((c & (CUE_REL | CUE_NUM)) == (CUE_REL | CUE_NUM))
        p |= SP_REL_NUM;
    if ((c & (CUE_FP | CUE_TIME)) == (CUE_FP | CUE_TIME))
        p |= SP_FP_TIME;
    if (nrel >= 2)
        p |= SP_REL_REL;
    if ((c & (CUE_NUM | CUE_TIME)) == (CUE_NUM | CUE_TIME))
        p |= SP_NUM_TIME;
    if (c & CUE_OREL)
        p |= SP_OREL;
    if (c & CUE_MREL)
        p |= SP_MREL;
    if ((c & (CUE_OREL | CUE_TIME)) == (CUE_OREL | CUE_TIME))
        p |= SP_OREL_TIME;
    if ((c & (CUE_OREL | CUE_FP)) == (CUE_OREL | CUE_FP))
        p |= SP_OREL_FP;
    return p;
}

/* sent_pairs reads the six cue bits and whether nrel >= 2: a table of the
 * 128 answers (tact__cm.sp) when there is a model */
#define SP_KEY(c, nrel) (((c) & 63u) | ((nrel) >= 2 ? 64u : 0u))
#define SENT_PAIRS(m, c, nrel) ((m) ? (unsigned)(m)->sp[SP_KEY(c, nrel)] : sent_pairs(c, nrel))
_Static_assert((CUE_FP | CUE_NUM | CUE_REL | CUE_TIME | CUE_OREL | CUE_MREL) == 63,
               "SP_KEY: the cue bits are the low six");

/* The class of an identifier finding for the features (0: not used). */
static unsigned id_class(const tact_finding *f)
{
    if (f->category == TACT_CAT_CONDUCT || (f->flags & TACT_FINDING_PUBLIC_FIGURE))
        return 0;
    switch (f->type) {
    case TACT_TYPE_PERSON:
        return 1;
    case TACT_TYPE_HANDLE:
        /* who is addressed is for the identifier detectors: tweets full of
         * handles looked like case stories (20,000 tweets: case findings
         * 33 -> 17 without this class, conduct.md) */
        return 0;
    case TACT_TYPE_AGE:
        return 3;
    case TACT_TYPE_LOCATION:
        return 4;
    case TACT_TYPE_ORGANISATION:
        return 5;
    case TACT_TYPE_SCHOOL:
        return 6;
    case TACT_TYPE_ADDRESS:
    case TACT_TYPE_POSTCODE:
        return 7;
    case TACT_TYPE_URL:
    case TACT_TYPE_PHONE:
    case TACT_TYPE_EMAIL:
        return 0;
    default:
        return 8;
    }
}

static CM_INLINE void walk(const tact_scanner *sc, const tact__cm *m, tact__cm_feat_fn fn,
                           void *ctx)
{
    /* the model's word bits of each token (tinfo.h), when made from m */
    const uint64_t *tiv =
        m && sc->tinfo && sc->rs->tinfo && sc->rs->tinfo->cm == m ? sc->tinfo : NULL;
    unsigned cues = 0;
    uint64_t prev = H_BOS; /* the unigram feature before, or the marker */
    size_t first_fp = SIZE_MAX, first_num = SIZE_MAX, first_rel = SIZE_MAX;
    uint64_t last = 0; /* the hash of the token before */
    /* per sentence (capped at SENT_MAX): its cues and first token */
    uint8_t scue[SENT_MAX];
    uint32_t sfirst[SENT_MAX];
    unsigned ns = 0, nrel_sent = 0, nrel = 0, pairs = 0, owner = 0;
    size_t pair_tok[SP_N];
    scue[0] = 0;
    sfirst[0] = 0;
    /* (in locals: fn's stores may alias the scanner) */
    const size_t ntoks = sc->ntoks;
    const tact__token *const toks = sc->toks;
    for (size_t i = 0; i < ntoks; i++) {
        if (i && (toks[i].shape & TACT__SH_SENT_START)) {
            prev = H_BOS;
            unsigned np = SENT_PAIRS(m, scue[ns], nrel_sent) & ~pairs;
            for (unsigned b = 0; np >> b; b++)
                if (np & (1u << b))
                    pair_tok[b] = i - 1;
            pairs |= np;
            nrel_sent = 0;
            if (ns + 1 < SENT_MAX) {
                ns++;
                scue[ns] = 0;
                sfirst[ns] = (uint32_t)i;
            }
        }
        unsigned c = 0, own = 0;
        uint64_t h = tok_feature(sc, i, &c, m, tiv, &own);
        /* (speed: most tokens are no cue, c == 0: the cue bookkeeping is
         * skipped, it would change nothing) */
        if (c) {
            if (c & CUE_REL) {
                c |= owner == 1 ? CUE_MREL : owner == 2 ? CUE_OREL : 0u;
                nrel_sent++;
                nrel++;
            }
            scue[ns] = (uint8_t)(scue[ns] | c);
        }
        owner = own; /* 0 unless a word */
        /* "!!!!!!" counts as one "!": a run of marks is emphasis, not more
         * evidence (and it filled the out-of-domain gate with known features) */
        if (toks[i].kind == TACT__TOK_PUNCT && h == last && h)
            continue;
        last = h;
        if (c) {
            if (c & CUE_FP && first_fp == SIZE_MAX)
                first_fp = i;
            if (c & CUE_NUM && first_num == SIZE_MAX)
                first_num = i;
            if (c & CUE_REL && first_rel == SIZE_MAX)
                first_rel = i;
            cues |= c;
        }
        if (!h) {
            prev = 0;
            continue;
        }
        /* token hashes are mixed already (tact__hash): one multiply makes
         * the pair's hash depend on every bit of the word before */
        uint64_t u = h ^ H_UNI;
        fn(ctx, u, i);
        if (prev)
            fn(ctx, (prev * 0x9e3779b97f4a7c15ull) ^ h ^ H_BI, i);
        prev = u;
    }
    /* cues, each once, at their first token; pairs at the later one */
    if (cues & CUE_FP)
        fn(ctx, mix(H_CUE + CUE_FP), first_fp);
    if (cues & CUE_NUM)
        fn(ctx, mix(H_CUE + CUE_NUM), first_num);
    if (cues & CUE_REL)
        fn(ctx, mix(H_CUE + CUE_REL), first_rel);
    if ((cues & (CUE_FP | CUE_REL)) == (CUE_FP | CUE_REL))
        fn(ctx, mix(H_CUE + 8 + (CUE_FP | CUE_REL)),
           first_fp > first_rel ? first_fp : first_rel);
    if ((cues & (CUE_FP | CUE_NUM)) == (CUE_FP | CUE_NUM))
        fn(ctx, mix(H_CUE + 8 + (CUE_FP | CUE_NUM)),
           first_fp > first_num ? first_fp : first_num);
    if ((cues & (CUE_REL | CUE_NUM)) == (CUE_REL | CUE_NUM))
        fn(ctx, mix(H_CUE + 8 + (CUE_REL | CUE_NUM)),
           first_rel > first_num ? first_rel : first_num);
    /* cue pairs within a sentence, each once */
    if (sc->ntoks) {
        unsigned np = SENT_PAIRS(m, scue[ns], nrel_sent) & ~pairs;
        for (unsigned b = 0; np >> b; b++)
            if (np & (1u << b))
                pair_tok[b] = sc->ntoks - 1;
        pairs |= np;
    }
    /* (b up to the highest bit of pairs: < SP_N) */
    for (unsigned b = 0; pairs >> b; b++)
        if (pairs & (1u << b))
            fn(ctx, mix(H_SENT + b), pair_tok[b]);
    /* how many relationship words: several people in the story */
    if (nrel >= 2)
        fn(ctx, mix(H_SENT + 16), first_rel);
    if (nrel >= 4)
        fn(ctx, mix(H_SENT + 17), first_rel);
    /* the identifier findings made before conduct runs: each class once,
     * alone and with the cues of its sentence (order-free: the trainer's
     * tool reads them after the findings were sorted) */
    uint64_t idseen = 0;
    for (size_t k = 0; k < sc->ncand; k++) {
        const tact__finding *cf = &sc->cand[k];
        unsigned cl = id_class(&cf->f);
        if (!cl)
            continue;
        size_t t = cf->tok_first != UINT32_MAX ? cf->tok_first : tact__tok_after(sc, cf->f.start);
        if (t >= sc->ntoks)
            continue;
        unsigned s = 0;
        while (s < ns && sfirst[s + 1] <= t)
            s++;
        unsigned sc_ = scue[s] & (CUE_FP | CUE_REL | CUE_TIME);
        /* bits: class x {alone, fp, rel, time} */
        for (unsigned b = 0; b < 4; b++) {
            if (b && !(sc_ & (b == 1 ? CUE_FP : b == 2 ? CUE_REL : CUE_TIME)))
                continue;
            uint64_t bit = 1ull << (cl * 4 + b);
            if (idseen & bit)
                continue;
            idseen |= bit;
            fn(ctx, mix(H_ID + cl * 4 + b), t);
        }
    }
}

void tact__cm_features(const tact_scanner *sc, tact__cm_feat_fn fn, void *ctx)
{
    walk(sc, NULL, fn, ctx);
}

/* ---- the model file ------------------------------------------------------ */

#define HEAD 16u
#define PER_TYPE1 36u /* TCM1 */
#define PER_TYPE2 40u /* TCM2: + review threshold */

int tact__cm_load(const tact__alloc *a, const char *data, size_t len, tact__cm **out)
{
    *out = NULL;
    const unsigned char *p = (const unsigned char *)data;
    if (len < HEAD || (memcmp(p, "TCM1", 4) != 0 && memcmp(p, "TCM2", 4) != 0))
        return TACT_EMODEL;
    size_t per = p[3] == '2' ? PER_TYPE2 : PER_TYPE1;
    uint32_t bits = tact__rd32le(p + 4), nt = tact__rd32le(p + 8);
    float mk = tact__rdf32le(p + 12);
    if (bits < 8 || bits > 22 || nt == 0 || nt > TACT__CM_MAXTYPES || !(mk >= 0.f) || !(mk <= 1.f))
        return TACT_EMODEL;
    size_t nw = ((size_t)1 << bits) * nt;
    if (len != HEAD + per * nt + nw)
        return TACT_EMODEL;
    tact__cm *m = tact__calloc(a, 1, sizeof *m);
    if (!m)
        return TACT_ENOMEM;
    m->bits = bits;
    m->ntypes = nt;
    m->min_known = mk;
    for (uint32_t k = 0; k < nt; k++) {
        const unsigned char *q = p + HEAD + per * k;
        size_t n = 0;
        while (n < 24 && q[n])
            n++;
        float b = tact__rdf32le(q + 24), t = tact__rdf32le(q + 28), s = tact__rdf32le(q + 32);
        float t2 = per == PER_TYPE2 ? tact__rdf32le(q + 36) : 1.f;
        if (tact_type_from_name((const char *)q, n, &m->type[k]) != TACT_OK ||
            tact_type_category(m->type[k]) != TACT_CAT_CONDUCT || !(b == b) || !(t > 0.f) ||
            !(t <= 1.f) || !(s > 0.f) || !(s < 1.f) || !(t2 > 0.f) || !(t2 <= 1.f)) {
            tact__free(a, m);
            return TACT_EMODEL;
        }
        m->bias[k] = b;
        m->thr[k] = t;
        m->scale[k] = s;
        m->thr2[k] = t2;
    }
    m->w = tact__malloc(a, nw * sizeof *m->w);
    /* (all bits zero: every slot empty) */
    m->memo = m->memo_mem = m->w ? tact__calloc(a, (size_t)nt * CM_MEMO, sizeof *m->memo) : NULL;
    if (!m->memo_mem) {
        tact__free(a, m->w);
        tact__free(a, m);
        return TACT_ENOMEM;
    }
    memcpy(m->w, p + HEAD + per * nt, nw); /* bytes: no byte order */
    cue_table_build(m);
    for (unsigned k = 0; k < 128; k++)
        m->sp[k] = (uint16_t)sent_pairs(k & 63u, k & 64u ? 2u : 0u);
    *out = m;
    return TACT_OK;
}

void tact__cm_free(const tact__alloc *a, tact__cm *m)
{
    if (!m)
        return;
    tact__free(a, m->w);
    tact__free(a, m->memo_mem);
    tact__free(a, m);
}

size_t tact__cm_ntypes(const tact__cm *m)
{
    return m->ntypes;
}

tact_type tact__cm_type(const tact__cm *m, size_t k)
{
    return m->type[k];
}

float tact__cm_threshold(const tact__cm *m, size_t k)
{
    return m->thr[k];
}

float tact__cm_review_threshold(const tact__cm *m, size_t k)
{
    return m->thr2[k];
}

/* ---- scoring ------------------------------------------------------------- */

typedef struct score_ctx {
    const tact__cm *m;
    const int8_t *w;  /* m->w */
    unsigned shift;   /* 64 - m->bits: a feature's bucket is h >> shift */
    bool four;        /* m->ntypes == 4 */
    bool five;        /* m->ntypes == 5 */
    int32_t acc[TACT__CM_MAXTYPES];
    uint32_t nfeat, nknown;
    const uint32_t *sent;
    float *sent_sum;
} score_ctx;

/* The common pass: sums only. on_feature4 is a model of four types,
 * on_feature5 the shipped model's five (with venting, cmodel9), unrolled,
 * and a walk of its own (no test of the type count per feature): the
 * weights read before any sum is stored (int8 may alias the sums). */
static CM_INLINE void on_feature4(void *ctx, uint64_t h, size_t tok)
{
    score_ctx *c = ctx;
    (void)tok;
    const int8_t *w = c->w + ((size_t)(h >> c->shift) << 2);
    uint32_t x;
    memcpy(&x, w, sizeof x);
    const int32_t w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3];
    c->acc[0] += w0;
    c->acc[1] += w1;
    c->acc[2] += w2;
    c->acc[3] += w3;
    c->nfeat++;
    c->nknown += x != 0;
}

static CM_INLINE void on_feature5(void *ctx, uint64_t h, size_t tok)
{
    score_ctx *c = ctx;
    (void)tok;
    const int8_t *w = c->w + (size_t)(h >> c->shift) * 5u;
    uint32_t x;
    memcpy(&x, w, sizeof x);
    const int32_t w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4];
    c->acc[0] += w0;
    c->acc[1] += w1;
    c->acc[2] += w2;
    c->acc[3] += w3;
    c->acc[4] += w4;
    c->nfeat++;
    c->nknown += (x != 0) | (w4 != 0);
}

static CM_INLINE void on_feature(void *ctx, uint64_t h, size_t tok)
{
    score_ctx *c = ctx;
    const tact__cm *m = c->m;
    int known = 0;
    if (c->four) {
        on_feature4(ctx, h, tok);
        return;
    }
    if (c->five) {
        on_feature5(ctx, h, tok);
        return;
    }
    const int8_t *w = m->w + (size_t)(h >> (64 - m->bits)) * m->ntypes;
    for (uint32_t k = 0; k < m->ntypes; k++) {
        c->acc[k] += w[k];
        known |= w[k];
    }
    c->nfeat++;
    c->nknown += known != 0;
}

/* The rare pass that also finds the sentence that weighs most. */
static void on_feature_sent(void *ctx, uint64_t h, size_t tok)
{
    score_ctx *c = ctx;
    const tact__cm *m = c->m;
    on_feature(ctx, h, tok);
    const int8_t *w = m->w + (size_t)(h >> (64 - m->bits)) * m->ntypes;
    float *ss = c->sent_sum + (size_t)c->sent[tok] * m->ntypes;
    for (uint32_t k = 0; k < m->ntypes; k++)
        ss[k] += (float)w[k];
}

static float sigmoid(float z)
{
    return (float)(1.0 / (1.0 + exp(-(double)z)));
}

/* sigmoid(bias + acc * scale) of type k. Speed: a function of the integer
 * sum acc alone, so each value is worked out once and kept in m->memo (a
 * post's sums repeat from post to post: an exp per type per post was a
 * tenth of a short post's scoring). The same float either way. */
static float cm_prob(const tact__cm *m, uint32_t k, int32_t acc)
{
    if (acc <= -CM_MEMO_OFF || acc >= CM_MEMO_OFF)
        return sigmoid(m->bias[k] + (float)acc * m->scale[k]);
    /* (the model is otherwise read only: the memo alone is written) */
    _Atomic uint64_t *slot = &m->memo[(size_t)k * CM_MEMO + ((uint32_t)acc & (CM_MEMO - 1))];
    const uint64_t key = (uint64_t)(uint32_t)(acc + CM_MEMO_OFF) << 32;
    uint64_t v = atomic_load_explicit(slot, memory_order_relaxed);
    float p;
    if ((v & ~(uint64_t)UINT32_MAX) == key) {
        uint32_t bits = (uint32_t)v;
        memcpy(&p, &bits, sizeof p);
        return p;
    }
    p = sigmoid(m->bias[k] + (float)acc * m->scale[k]);
    uint32_t bits;
    memcpy(&bits, &p, sizeof bits);
    atomic_store_explicit(slot, key | bits, memory_order_relaxed);
    return p;
}

void tact__cm_score(const tact__cm *m, const tact_scanner *sc, const uint32_t *sent,
                    uint32_t nsent, float *p, uint32_t *best, float *sent_sum)
{
    score_ctx c;
    memset(&c, 0, sizeof c);
    c.m = m;
    c.w = m->w;
    c.shift = 64 - m->bits;
    c.four = m->ntypes == 4;
    c.five = m->ntypes == 5;
    if (sent && sent_sum) {
        c.sent = sent;
        c.sent_sum = sent_sum;
        memset(sent_sum, 0, ((size_t)nsent + 1) * m->ntypes * sizeof *sent_sum);
    }
    if (c.sent)
        walk(sc, m, on_feature_sent, &c);
    else if (c.four)
        walk(sc, m, on_feature4, &c);
    else if (c.five)
        walk(sc, m, on_feature5, &c);
    else
        walk(sc, m, on_feature, &c);
    bool in_domain = c.nfeat && (float)c.nknown >= m->min_known * (float)c.nfeat;
    for (uint32_t k = 0; k < m->ntypes; k++) {
        p[k] = in_domain ? cm_prob(m, k, c.acc[k]) : 0.f;
        if (!c.sent || !best)
            continue;
        uint32_t b = 0;
        for (uint32_t s = 1; s <= nsent; s++)
            if (sent_sum[(size_t)s * m->ntypes + k] > sent_sum[(size_t)b * m->ntypes + k])
                b = s;
        best[k] = b;
    }
}
