/* test_tagger.c - the people-and-places tagger: model loading, rejection of
 * corrupt models, and decoding through the library's own tokens. */
#include "harness.h"
#include "internal.h"
#include "tagger.h"

#include <stdio.h>
#include <stdlib.h>

static void test_load_rejects_bad_models(void)
{
    tagger_model m;
    unsigned char buf[64] = {0};
    CHECK_INT(tact__tagger_load(NULL, 0, &m), TACT_EMODEL);
    CHECK_INT(tact__tagger_load(buf, sizeof buf, &m), TACT_EMODEL);
    memcpy(buf, "TACTNER1", 8);
    uint32_t bits = 8, ntags = TG_NTAGS;
    float scale = 1.f;
    memcpy(buf + 8, &bits, 4);
    memcpy(buf + 12, &ntags, 4);
    memcpy(buf + 16, &scale, 4);
    /* header fine, weights truncated */
    CHECK_INT(tact__tagger_load(buf, sizeof buf, &m), TACT_EMODEL);
}

static void test_embedded_model_loads(void)
{
    size_t len;
    const char *d = tact__data_get("ner.bin", &len);
    if (!d)
        return; /* a build without the model still works, with rules only */
    tagger_model m;
    CHECK_INT(tact__tagger_load(d, len, &m), TACT_OK);
    CHECK(m.mask > 0);
}

/* A hand-made model: one bucket row pushes every token to B-PER, so a
 * capitalised word is tagged B-PER and the next I-PER. */
static void test_decode(void)
{
    unsigned bits = 8;
    size_t n = TG_HEADER + ((size_t)1 << bits) * TG_NTAGS * 2;
    unsigned char *img = calloc(1, n);
    CHECK(img != NULL);
    if (!img)
        return;
    uint32_t b32 = bits, ntags = TG_NTAGS;
    float scale = 1.f;
    memcpy(img, "TACTNER1", 8);
    memcpy(img + 8, &b32, 4);
    memcpy(img + 12, &ntags, 4);
    memcpy(img + 16, &scale, 4);
    int16_t *w = (int16_t *)(void *)(img + TG_HEADER);
    for (size_t r = 0; r < ((size_t)1 << bits); r++) {
        w[r * TG_NTAGS + TG_BPER] = 1;
        w[r * TG_NTAGS + TG_IPER] = 2;
    }
    tagger_model m;
    CHECK_INT(tact__tagger_load(img, n, &m), TACT_OK);
    tact_ruleset *rs;
    tact_scanner *sc;
    CHECK_INT(tact_ruleset_compile(NULL, &rs, NULL), TACT_OK);
    CHECK_INT(tact_scanner_new(rs, NULL, &sc, NULL), TACT_OK);
    const char text[] = "Hello Kayla Brown, the end";
    sc->text = text;
    sc->len = sizeof text - 1;
    CHECK_INT(tact__tokenize(sc), TACT_OK);
    uint8_t tags[16];
    float margin[16];
    CHECK(sc->ntoks <= 16);
    tact__tagger_tag(&m, sc, tags, margin);
    CHECK_INT(tags[0], TG_BPER);   /* Hello */
    CHECK_INT(tags[1], TG_IPER);   /* Kayla: I after B */
    CHECK_INT(tags[3], TG_O);      /* "," is skipped */
    CHECK_INT(tags[4], TG_O);      /* "the" is a function word */
    CHECK(margin[1] > 0.f);
    uint32_t f[TG_MAX_FEATS];
    size_t nf = tact__tagger_features(&m, sc, 1, TG_BPER, f);
    CHECK(nf > 10 && nf <= TG_MAX_FEATS);
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
    free(img);
}

/* The same hand-made weights as a Viterbi model ("TACTNER2"): the best
 * path is B-PER then I-PER to the end of each run of tagged tokens, also
 * across the cut of a run longer than the decoder's window. */
static void test_viterbi(void)
{
    unsigned bits = 8;
    size_t n = TG_HEADER + ((size_t)1 << bits) * TG_NTAGS * 2;
    unsigned char *img = calloc(1, n);
    CHECK(img != NULL);
    if (!img)
        return;
    uint32_t b32 = bits, ntags = TG_NTAGS;
    float scale = 1.f;
    memcpy(img, "TACTNER2", 8);
    memcpy(img + 8, &b32, 4);
    memcpy(img + 12, &ntags, 4);
    memcpy(img + 16, &scale, 4);
    int16_t *w = (int16_t *)(void *)(img + TG_HEADER);
    for (size_t r = 0; r < ((size_t)1 << bits); r++) {
        w[r * TG_NTAGS + TG_BPER] = 1;
        w[r * TG_NTAGS + TG_IPER] = 2;
    }
    tagger_model m;
    CHECK_INT(tact__tagger_load(img, n, &m), TACT_OK);
    CHECK(m.viterbi);
    tact_ruleset *rs;
    tact_scanner *sc;
    CHECK_INT(tact_ruleset_compile(NULL, &rs, NULL), TACT_OK);
    CHECK_INT(tact_scanner_new(rs, NULL, &sc, NULL), TACT_OK);
    const char text[] = "Hello Kayla Brown, the end";
    sc->text = text;
    sc->len = sizeof text - 1;
    CHECK_INT(tact__tokenize(sc), TACT_OK);
    uint8_t tags[64];
    float margin[64];
    tact__tagger_tag(&m, sc, tags, margin);
    CHECK_INT(tags[0], TG_BPER);
    CHECK_INT(tags[1], TG_IPER);
    CHECK_INT(tags[2], TG_IPER);
    CHECK_INT(tags[3], TG_O); /* "," */
    CHECK_INT(tags[4], TG_O); /* "the" */
    CHECK_INT(tags[5], TG_BPER);
    for (size_t i = 0; i < sc->ntoks; i++)
        CHECK(margin[i] >= 0.f);
    /* 40 tagged words in a row: longer than one run */
    char longtext[400];
    size_t o = 0;
    for (int k = 0; k < 40; k++)
        o += (size_t)snprintf(longtext + o, sizeof longtext - o, "%sWord", k ? " " : "");
    sc->text = longtext;
    sc->len = o;
    CHECK_INT(tact__tokenize(sc), TACT_OK);
    CHECK_INT(sc->ntoks, 40);
    tact__tagger_tag(&m, sc, tags, NULL);
    CHECK_INT(tags[0], TG_BPER);
    CHECK_INT(tags[31], TG_IPER);
    CHECK_INT(tags[32], TG_IPER);
    CHECK_INT(tags[39], TG_IPER);
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
    free(img);
}

/* A word-class table of 2^4 slots holding the token hash of "kayla". */
static unsigned char *make_clusters(size_t *len, const tact_scanner *sc, size_t tok)
{
    size_t slots = 16;
    *len = TG_CLU_HEADER + slots * 10;
    unsigned char *img = aligned_alloc(16, (*len + 15) / 16 * 16);
    if (!img)
        return NULL;
    memset(img, 0, *len);
    memcpy(img, "TACTCLU1", 8);
    uint32_t sbits = 4, nwords = 1, id = 0x1234;
    memcpy(img + 8, &sbits, 4);
    memcpy(img + 12, &nwords, 4);
    img[16] = 2; /* levels 2,2: paths of 4 bits */
    img[17] = 2;
    memcpy(img + 20, &id, 4);
    uint64_t h = sc->toks[tok].hash;
    size_t j = (size_t)h & (slots - 1);
    uint16_t c = 0x9;
    memcpy(img + TG_CLU_HEADER + j * 8, &h, 8);
    memcpy(img + TG_CLU_HEADER + slots * 8 + j * 2, &c, 2);
    return img;
}

static void test_clusters(void)
{
    tact_ruleset *rs;
    tact_scanner *sc;
    CHECK_INT(tact_ruleset_compile(NULL, &rs, NULL), TACT_OK);
    CHECK_INT(tact_scanner_new(rs, NULL, &sc, NULL), TACT_OK);
    const char text[] = "saw Kayla today";
    sc->text = text;
    sc->len = sizeof text - 1;
    CHECK_INT(tact__tokenize(sc), TACT_OK);
    size_t clen;
    unsigned char *cb = make_clusters(&clen, sc, 1);
    CHECK(cb != NULL);
    if (!cb)
        return;
    tagger_clusters clu;
    CHECK_INT(tact__tagger_clusters_load(cb, clen, &clu), TACT_OK);
    CHECK_INT(clu.bits, 4);
    CHECK_INT(clu.pre[0], 2);
    CHECK_INT(clu.id, 0x1234);
    /* damaged tables are refused */
    CHECK_INT(tact__tagger_clusters_load(cb, clen - 1, &clu), TACT_EMODEL);
    uint32_t wrong = 2;
    memcpy(cb + 12, &wrong, 4); /* filled-slot count disagrees */
    CHECK_INT(tact__tagger_clusters_load(cb, clen, &clu), TACT_EMODEL);
    wrong = 1;
    memcpy(cb + 12, &wrong, 4);
    cb[16] = 0; /* a level after an unused one */
    CHECK_INT(tact__tagger_clusters_load(cb, clen, &clu), TACT_EMODEL);
    cb[16] = 2;
    CHECK_INT(tact__tagger_clusters_load(cb, clen, &clu), TACT_OK);
    /* a model trained with these classes needs them */
    unsigned bits = 8;
    size_t n = TG_HEADER + ((size_t)1 << bits) * TG_NTAGS * 2;
    unsigned char *img = calloc(1, n);
    CHECK(img != NULL);
    if (img) {
        uint32_t b32 = bits, ntags = TG_NTAGS, cid = 0x1234;
        float scale = 1.f;
        memcpy(img, "TACTNER1", 8);
        memcpy(img + 8, &b32, 4);
        memcpy(img + 12, &ntags, 4);
        memcpy(img + 16, &scale, 4);
        memcpy(img + 20, &cid, 4);
        tagger_model m;
        CHECK_INT(tact__tagger_load_with(img, n, NULL, &m), TACT_EMODEL);
        CHECK_INT(tact__tagger_load_with(img, n, &clu, &m), TACT_OK);
        CHECK(m.clu.key != NULL);
        uint32_t f1[TG_MAX_FEATS], f2[TG_MAX_FEATS];
        size_t n1 = tact__tagger_features(&m, sc, 1, TG_O, f1);
        tagger_model plain = m;
        memset(&plain.clu, 0, sizeof plain.clu);
        size_t n2 = tact__tagger_features(&plain, sc, 1, TG_O, f2);
        CHECK(n1 > n2 && n1 <= TG_MAX_FEATS);
        /* the shared features come first and are the same */
        CHECK(memcmp(f1, f2, n2 * sizeof *f1) == 0);
        /* the decoder runs with classes, through blocks of tokens */
        uint8_t tags[8];
        tact__tagger_tag(&m, sc, tags, NULL);
        cid = 0x4321;
        memcpy(img + 20, &cid, 4);
        CHECK_INT(tact__tagger_load_with(img, n, &clu, &m), TACT_EMODEL);
        free(img);
    }
    free(cb);
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
}

int main(void)
{
    static const th_test tests[] = {{"load_rejects_bad_models", test_load_rejects_bad_models},
                                    {"embedded_model_loads", test_embedded_model_loads},
                                    {"decode", test_decode},
                                    {"viterbi", test_viterbi},
                                    {"clusters", test_clusters},
                                    {NULL, NULL}};
    return th_run(tests);
}
