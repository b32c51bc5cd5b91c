/* test_tagger.c - the people-and-places tagger: model loading, rejection of
 * corrupt models, and decoding through the library's own tokens. */
#include "harness.h"
#include "internal.h"
#include "tagger.h"

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
    size_t nf = tact__tagger_features(sc, 1, TG_BPER, f);
    CHECK(nf > 10 && nf <= TG_MAX_FEATS);
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
    free(img);
}

int main(void)
{
    static const th_test tests[] = {{"load_rejects_bad_models", test_load_rejects_bad_models},
                                    {"embedded_model_loads", test_embedded_model_loads},
                                    {"decode", test_decode},
                                    {NULL, NULL}};
    return th_run(tests);
}
