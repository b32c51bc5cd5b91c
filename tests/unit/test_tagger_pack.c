/* test_tagger_pack.c - the tagger's repacked weights (tact__tagger_pack)
 * decode exactly as the model read in place: the same tags and the same
 * margins, bit for bit, for the embedded model and for hand-made models
 * whose weights sit at the ends of the int16 range (the sums that would
 * overflow a lane if the packing were wrong). */
#include "harness.h"
#include "internal.h"
#include "tagger.h"

#include <stdlib.h>

static const char *const texts[] = {
    "Hello Kayla Brown, the end",
    "Met Sarah and her mum Tracey at the Tesco in Bristol today, she was in bits",
    "Visited Mr Jones at 14 Elm Road, Leeds. His daughter Amy (7) was at school.",
    "lol",
    "",
    "@JohnSmith99 #JusticeForJamie RIP Little Tommy from Withington x",
    "Long day with the Fitzgerald family in Cardiff and Newport and Swansea and "
    "Barry and Penarth and Caerphilly and Bridgend and Neath and Port Talbot and "
    "Merthyr and Aberdare and Pontypridd and Llanelli, then home to Cwmbran.",
    "A B C D E F G H I J K L M N O P Q R S T U V W X Y Z",
    "ÉLODIE and Zoë went to Bordeaux with Mrs O'Neill-Smith",
};

/* Tag every text with both models and compare. */
static void same_decoding(const tagger_model *a, const tagger_model *b)
{
    tact_ruleset *rs;
    tact_scanner *sc;
    CHECK_INT(tact_ruleset_compile(NULL, &rs, NULL), TACT_OK);
    CHECK_INT(tact_scanner_new(rs, NULL, &sc, NULL), TACT_OK);
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        sc->text = texts[t];
        sc->len = strlen(texts[t]);
        CHECK_INT(tact__tokenize(sc), TACT_OK);
        size_t n = sc->ntoks ? sc->ntoks : 1;
        uint8_t *ta = calloc(n, 1), *tb = calloc(n, 1);
        float *ma = calloc(n, sizeof *ma), *mb = calloc(n, sizeof *mb);
        CHECK(ta && tb && ma && mb);
        if (ta && tb && ma && mb) {
            tact__tagger_tag(a, sc, ta, ma);
            tact__tagger_tag(b, sc, tb, mb);
            CHECK(memcmp(ta, tb, n) == 0);
            CHECK(memcmp(ma, mb, n * sizeof *ma) == 0);
            /* without margins too */
            tact__tagger_tag(b, sc, tb, NULL);
            CHECK(memcmp(ta, tb, n) == 0);
        }
        free(ta);
        free(tb);
        free(ma);
        free(mb);
    }
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
}

static void test_embedded(void)
{
    size_t len;
    const char *d = tact__data_get("ner.bin", &len);
    if (!d)
        return;
    tact__alloc al;
    tact__alloc_init(&al, NULL);
    tagger_model plain, packed;
    CHECK_INT(tact__tagger_load(d, len, &plain), TACT_OK);
    CHECK(plain.ridx == NULL && plain.rows == NULL);
    packed = plain;
    CHECK_INT(tact__tagger_pack(&al, &packed), TACT_OK);
    if (plain.viterbi)
        return; /* packed rows serve greedy decoding only */
    CHECK(packed.ridx != NULL && packed.rows != NULL);
    same_decoding(&plain, &packed);
    tact__tagger_unpack(&al, &packed);
    CHECK(packed.ridx == NULL && packed.rows == NULL);
}

/* Weights drawn from the ends of the range and a few small values, so
 * that nearly every row is distinct and the sums reach +-32 * 32768. */
static void test_extremes(void)
{
    static const int16_t pick[] = {32767, -32768, -32767, 32766, 0, 1, -1, 12345};
    for (int round = 0; round < 3; round++) {
        unsigned bits = 10;
        size_t nb = (size_t)1 << bits;
        size_t n = TG_HEADER + nb * TG_NTAGS * sizeof(int16_t);
        unsigned char *img = calloc(1, n);
        CHECK(img != NULL);
        if (!img)
            return;
        uint32_t b32 = bits, ntags = TG_NTAGS;
        float scale = 0.5f;
        memcpy(img, "TACTNER1", 8);
        memcpy(img + 8, &b32, 4);
        memcpy(img + 12, &ntags, 4);
        memcpy(img + 16, &scale, 4);
        uint32_t x = 12345u + (uint32_t)round;
        for (size_t r = 0; r < nb * TG_NTAGS; r++) {
            x = x * 1103515245u + 12345u;
            int16_t v = round == 0   ? pick[(x >> 16) & 7u]
                        : round == 1 ? (int16_t)32767
                                     : (int16_t)-32768;
            memcpy(img + TG_HEADER + r * sizeof v, &v, sizeof v);
        }
        tact__alloc al;
        tact__alloc_init(&al, NULL);
        tagger_model plain, packed;
        CHECK_INT(tact__tagger_load_with(img, n, NULL, &plain), TACT_OK);
        packed = plain;
        CHECK_INT(tact__tagger_pack(&al, &packed), TACT_OK);
        CHECK(packed.ridx != NULL);
        same_decoding(&plain, &packed);
        tact__tagger_unpack(&al, &packed);
        free(img);
    }
}

int main(void)
{
    static const th_test tests[] = {
        {"embedded", test_embedded}, {"extremes", test_extremes}, {NULL, NULL}};
    return th_run(tests);
}
