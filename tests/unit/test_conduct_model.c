/* test_conduct_model.c - the learned conduct model: loading and rejecting
 * model files, the feature contract shared with tools/train-conduct.py
 * (through tools/conduct-features.c), the out-of-domain gate, and the
 * shipped model's thresholds. */
#include "conduct_model.h"
#include "harness.h"

#include <math.h>
#include <stdlib.h>

static tact__alloc a_;
static tact_ruleset *rs_;
static tact_scanner *sc_;

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static void putf(unsigned char *p, float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    put32(p, u);
}

/* A model of 2^8 buckets and one type, every weight w (scale s, bias 0). */
static unsigned char *synthetic(const char *type, int8_t w, float s, float thr, float min_known,
                                size_t *len)
{
    size_t n = 16 + 36 + 256;
    unsigned char *b = calloc(1, n);
    if (!b)
        return NULL;
    memcpy(b, "TCM1", 4);
    put32(b + 4, 8);
    put32(b + 8, 1);
    putf(b + 12, min_known);
    memcpy(b + 16, type, strlen(type));
    putf(b + 16 + 24, 0.f);
    putf(b + 16 + 28, thr);
    putf(b + 16 + 32, s);
    memset(b + 52, (unsigned char)w, 256);
    *len = n;
    return b;
}

/* The same model as a TCM2 file, with a review threshold. */
static unsigned char *synthetic2(const char *type, int8_t w, float s, float thr, float rthr,
                                 size_t *len)
{
    size_t n = 16 + 40 + 256;
    unsigned char *b = calloc(1, n);
    if (!b)
        return NULL;
    memcpy(b, "TCM2", 4);
    put32(b + 4, 8);
    put32(b + 8, 1);
    putf(b + 12, 0.f);
    memcpy(b + 16, type, strlen(type));
    putf(b + 16 + 24, 0.f);
    putf(b + 16 + 28, thr);
    putf(b + 16 + 32, s);
    putf(b + 16 + 36, rthr);
    memset(b + 56, (unsigned char)w, 256);
    *len = n;
    return b;
}

static void scan(const char *text)
{
    const tact_result *res = NULL;
    tact_error err;
    CHECK_INT(tact_scanner_scan(sc_, text, strlen(text), 0, &res, &err), TACT_OK);
}

static void count_fn(void *ctx, uint64_t h, size_t tok)
{
    (void)h;
    (void)tok;
    (*(int *)ctx)++;
}

static int nfeatures(const char *text)
{
    scan(text);
    int n = 0;
    tact__cm_features(sc_, count_fn, &n);
    return n;
}

/* The feature contract: a unigram per kept token, a bigram per two kept
 * tokens in a row in a sentence (the first with a sentence-start marker),
 * punctuation other than ? and ! breaks the chain, and cues once each. */
static void test_feature_counts(void)
{
    /* 2 unigrams + 2 bigrams */
    CHECK_INT(nfeatures("lovely picnic"), 4);
    /* "a" "," "b": 2 unigrams, 1 bigram (the comma breaks the chain) */
    CHECK_INT(nfeatures("apples, pears"), 3);
    /* "!" is kept: 3 unigrams + 3 bigrams */
    CHECK_INT(nfeatures("lovely picnic!"), 6);
    /* a run of the same mark counts once ... */
    CHECK_INT(nfeatures("lovely picnic!!!!!!"), 6);
    /* ... different marks each count: 4 unigrams + 4 bigrams */
    CHECK_INT(nfeatures("lovely picnic!?"), 8);
    /* a number is one class and a cue: 2 + 2 + cue */
    CHECK_INT(nfeatures("picnic 12"), 5);
    /* first person and a relationship word: 3 + 3 + fp, rel, fp+rel, and
     * the pair within one sentence */
    CHECK_INT(nfeatures("i saw mum"), 10);
    /* a relationship word and a time anchor in one sentence: 2 + 2 + rel +
     * the sentence pair; in two sentences, no pair */
    CHECK_INT(nfeatures("mum again"), 6);
    CHECK_INT(nfeatures("Mum. Again"), 5);
    /* a new sentence starts a new chain with the marker: 2 + 2 */
    CHECK_INT(nfeatures("Lovely. Picnic"), 4);
    CHECK_INT(nfeatures(""), 0);
}

/* The identifier findings the scan made before conduct runs are features:
 * a person's name adds its class, and its class with the first-person word
 * of its sentence (the same words without a name: none). */
static void test_feature_identifiers(void)
{
    int with = nfeatures("I visited Mrs Jones");
    bool person = false;
    for (size_t i = 0; i < sc_->nfindings; i++)
        person |= sc_->findings[i].type == TACT_TYPE_PERSON;
    CHECK(person);
    CHECK_INT(with, nfeatures("I visited the shops") + 2);
    /* the name in another sentence than the first-person word: class only */
    CHECK_INT(nfeatures("I visited. Mrs Jones"), nfeatures("I visited. The shops") + 1);
}

static void test_load_rejects(void)
{
    size_t n;
    unsigned char *b = synthetic("case_discussion", 1, 0.01f, 0.9f, 0.f, &n);
    CHECK(b != NULL);
    tact__cm *m = NULL;
    CHECK_INT(tact__cm_load(&a_, (const char *)b, n, &m), TACT_OK);
    CHECK(m != NULL);
    if (!m)
        return;
    CHECK_INT(tact__cm_ntypes(m), 1);
    CHECK_INT(tact__cm_type(m, 0), TACT_TYPE_CASE_DISCUSSION);
    CHECK(fabsf(tact__cm_threshold(m, 0) - 0.9f) < 1e-6f);
    CHECK(tact__cm_review_threshold(m, 0) == 1.f); /* TCM1: no review tier */
    tact__cm_free(&a_, m);
    /* truncated, bad magic, unknown or identifier type, bad threshold */
    CHECK_INT(tact__cm_load(&a_, (const char *)b, n - 1, &m), TACT_EMODEL);
    CHECK(m == NULL);
    CHECK_INT(tact__cm_load(&a_, (const char *)b, 3, &m), TACT_EMODEL);
    b[0] = 'X';
    CHECK_INT(tact__cm_load(&a_, (const char *)b, n, &m), TACT_EMODEL);
    free(b);
    b = synthetic("nonsense", 1, 0.01f, 0.9f, 0.f, &n);
    CHECK_INT(tact__cm_load(&a_, (const char *)b, n, &m), TACT_EMODEL);
    free(b);
    b = synthetic("person", 1, 0.01f, 0.9f, 0.f, &n);
    CHECK_INT(tact__cm_load(&a_, (const char *)b, n, &m), TACT_EMODEL);
    free(b);
    b = synthetic("venting", 1, 0.01f, 1.5f, 0.f, &n);
    CHECK_INT(tact__cm_load(&a_, (const char *)b, n, &m), TACT_EMODEL);
    free(b);
    b = synthetic("venting", 1, 0.01f, 0.5f, 2.f, &n);
    CHECK_INT(tact__cm_load(&a_, (const char *)b, n, &m), TACT_EMODEL);
    free(b);
    CHECK(m == NULL);
}

/* p = sigmoid(bias + scale * sum of weights): every weight 100 at scale
 * 0.001 gives 0.1 per feature. */
static void test_load_review(void)
{
    size_t n;
    unsigned char *b = synthetic2("boundary", 1, 0.01f, 0.8f, 0.3f, &n);
    CHECK(b != NULL);
    if (!b)
        return;
    tact__cm *m = NULL;
    CHECK_INT(tact__cm_load(&a_, (const char *)b, n, &m), TACT_OK);
    if (m) {
        CHECK(fabsf(tact__cm_threshold(m, 0) - 0.8f) < 1e-6f);
        CHECK(fabsf(tact__cm_review_threshold(m, 0) - 0.3f) < 1e-6f);
        tact__cm_free(&a_, m);
    }
    /* a TCM2 file read as TCM1's size, or a bad review threshold */
    CHECK_INT(tact__cm_load(&a_, (const char *)b, n - 4, &m), TACT_EMODEL);
    free(b);
    b = synthetic2("boundary", 1, 0.01f, 0.8f, 0.f, &n);
    CHECK_INT(tact__cm_load(&a_, (const char *)b, n, &m), TACT_EMODEL);
    free(b);
    b = synthetic2("boundary", 1, 0.01f, 0.8f, 1.5f, &n);
    CHECK_INT(tact__cm_load(&a_, (const char *)b, n, &m), TACT_EMODEL);
    free(b);
    CHECK(m == NULL);
}

static void test_score(void)
{
    size_t n;
    unsigned char *b = synthetic("boundary", 100, 0.001f, 0.5f, 0.f, &n);
    tact__cm *m = NULL;
    CHECK_INT(tact__cm_load(&a_, (const char *)b, n, &m), TACT_OK);
    if (!m)
        return;
    scan("lovely picnic");
    float p[TACT__CM_MAXTYPES];
    tact__cm_score(m, sc_, NULL, 0, p, NULL, NULL);
    CHECK(fabs((double)p[0] - 1.0 / (1.0 + exp(-0.4))) < 1e-4);
    /* the sentence that weighs most: the second has more features */
    scan("Picnic. Lovely sunny picnic today");
    uint32_t sent[16], best[TACT__CM_MAXTYPES];
    float ss[4];
    uint32_t ns = 0;
    CHECK(sc_->ntoks < 16);
    for (size_t i = 0; i < sc_->ntoks && i < 16; i++) {
        if (i && (sc_->toks[i].shape & TACT__SH_SENT_START))
            ns++;
        sent[i] = ns;
    }
    CHECK_INT(ns, 1);
    tact__cm_score(m, sc_, sent, ns, p, best, ss);
    CHECK_INT(best[0], 1);
    tact__cm_free(&a_, m);
    free(b);
    /* every weight zero: nothing is known, and min_known silences it */
    b = synthetic("boundary", 0, 0.001f, 0.5f, 0.5f, &n);
    CHECK_INT(tact__cm_load(&a_, (const char *)b, n, &m), TACT_OK);
    if (!m)
        return;
    scan("lovely picnic");
    tact__cm_score(m, sc_, NULL, 0, p, NULL, NULL);
    CHECK(p[0] == 0.f);
    tact__cm_free(&a_, m);
    free(b);
}

/* The shipped model, when built in: it loads, its thresholds are high, and
 * an ordinary post scores below every one of them. */
static void test_shipped(void)
{
    size_t n = 0;
    const char *d = tact__data_get("conduct.bin", &n);
    if (!d)
        return;
    tact__cm *m = NULL;
    CHECK_INT(tact__cm_load(&a_, d, n, &m), TACT_OK);
    if (!m)
        return;
    CHECK(tact__cm_ntypes(m) >= 1);
    scan("Lovely sunny day for the team picnic, thanks to everyone who came.");
    float p[TACT__CM_MAXTYPES];
    tact__cm_score(m, sc_, NULL, 0, p, NULL, NULL);
    for (size_t k = 0; k < tact__cm_ntypes(m); k++) {
        CHECK(tact__cm_threshold(m, k) >= 0.5f);
        CHECK(p[k] < tact__cm_threshold(m, k));
        /* the review tier, where on, sits below the threshold and above
         * an ordinary post (0.25: the boundary type's, set by hand in the
         * twenty-second session with no verdict change on 40,000 tweets;
         * data/models/conduct.md) */
        CHECK(tact__cm_review_threshold(m, k) >= 0.25f);
        CHECK(p[k] < tact__cm_review_threshold(m, k));
    }
    tact__cm_free(&a_, m);
}

int main(void)
{
    tact__alloc_init(&a_, NULL);
    static const th_test tests[] = {
        {"feature_counts", test_feature_counts},
        {"feature_identifiers", test_feature_identifiers},
        {"load_rejects", test_load_rejects},
        {"load_review", test_load_review},
        {"score", test_score},
        {"shipped", test_shipped},
        {NULL, NULL},
    };
    return th_main(tests, &rs_, &sc_);
}
