/* test_classifier.c - the offensive-language classifier: model loading, the
 * feature contract shared with tools/train-offensive.py, and the shipped
 * model's behaviour on clear cases. */
#include "conduct.h"
#include "harness.h"

#include <math.h>
#include <stdlib.h>

static tact__alloc a_;

/* A model of 2^8 weights, all equal to w, with the given scale and bias. */
static char *synthetic(int8_t w, float scale, float bias, size_t *len)
{
    size_t n = 24 + 256;
    unsigned char *b = calloc(1, n);
    if (!b)
        return NULL;
    memcpy(b, "TOFF", 4);
    uint32_t v = 1, bits = 8;
    float thr = 0.5f;
    memcpy(b + 4, &v, 4); /* the tests run on little-endian machines */
    memcpy(b + 8, &bits, 4);
    memcpy(b + 12, &bias, 4);
    memcpy(b + 16, &scale, 4);
    memcpy(b + 20, &thr, 4);
    memset(b + 24, (unsigned char)w, 256);
    *len = n;
    return (char *)b;
}

static double sigmoid(double z)
{
    return 1.0 / (1.0 + exp(-z));
}

/* With every weight 1, z = scale * sqrt(number of features): this pins the
 * tokenisation and n-gram counts to the ones the trainer computes
 * (python3 tools/train-offensive.py: len(features(text))). */
static void test_feature_counts(void)
{
    size_t n;
    char *b = synthetic(1, 0.1f, 0.f, &n);
    CHECK(b != NULL);
    tact__clf *m = NULL;
    CHECK_INT(tact__clf_load(&a_, b, n, &m), TACT_OK);
    static const struct {
        const char *text;
        int nf;
    } cases[] = {
        {"hello", 13}, {"Hello there", 27}, {"@bob http://x.y hi", 8},
        {"soooo", 7},  {"don't stop", 24},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        float p = tact__clf_score(m, cases[i].text, strlen(cases[i].text));
        double want = sigmoid(0.1 * sqrt((double)cases[i].nf));
        CHECK(fabs((double)p - want) < 1e-5);
    }
    CHECK(fabs((double)tact__clf_score(m, "", 0) - 0.5) < 1e-6);
    tact__clf_free(&a_, m);
    free(b);
}

static void test_corrupt(void)
{
    size_t n;
    char *b = synthetic(1, 0.1f, 0.f, &n);
    tact__clf *m = (tact__clf *)1;
    CHECK_INT(tact__clf_load(&a_, b, n - 1, &m), TACT_EMODEL);
    CHECK(m == NULL);
    b[0] = 'X';
    CHECK_INT(tact__clf_load(&a_, b, n, &m), TACT_EMODEL);
    CHECK_INT(tact__clf_load(&a_, b, 3, &m), TACT_EMODEL);
    free(b);
}

static void test_shipped_model(void)
{
    size_t n = 0;
    const char *d = tact__data_get("offensive.bin", &n);
    if (!d)
        return; /* no model built in: nothing to check */
    tact__clf *m = NULL;
    CHECK_INT(tact__clf_load(&a_, d, n, &m), TACT_OK);
    static const char *const bad[] = {"you are a fucking idiot", "shut up you stupid bitch"};
    static const char *const good[] = {"Lovely team day at the seaside",
                                       "Delivered child protection training to new foster carers today"};
    for (size_t i = 0; i < 2; i++) {
        CHECK(tact__clf_score(m, bad[i], strlen(bad[i])) > 0.8f);
        CHECK(tact__clf_score(m, good[i], strlen(good[i])) < 0.3f);
    }
    /* hostile input: long, binary, no words */
    char junk[5000];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)(i * 37 + 11);
    float p = tact__clf_score(m, junk, sizeof junk);
    CHECK(p >= 0.f && p <= 1.f);
    tact__clf_free(&a_, m);
}

int main(void)
{
    tact__alloc_init(&a_, NULL);
    static const th_test tests[] = {
        {"feature_counts", test_feature_counts},
        {"corrupt", test_corrupt},
        {"shipped_model", test_shipped_model},
        {NULL, NULL},
    };
    return th_run(tests);
}
