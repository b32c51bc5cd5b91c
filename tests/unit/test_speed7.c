/* test_speed7.c - the shortcuts of the speed7 round decide nothing:
 *   - tact__tagger_tag_sel gives the selected runs exactly the tags and
 *     margins of tact__tagger_tag (packed and plain models), and TG_O with
 *     margin 0 elsewhere;
 *   - ix_skip_none_between (idents.h) never steps over a byte it is asked
 *     to find.
 * Output-level identity is checked by comparing `tact check` with the
 * previous build on large inputs; these are the unit-level guards. */
#include "harness.h"
#include "idents.h"
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
    "great session today with the team #socialwork #proud Jo Bloggs 2024",
};

/* Select runs of untagged-by-skip tokens: run r is selected when bit
 * (r % 8) of pattern is set. Returns the number of tokens selected. */
static size_t select_runs(const tact_scanner *sc, unsigned pattern, uint8_t *sel)
{
    size_t i = 0, r = 0, nsel = 0;
    while (i < sc->ntoks) {
        if (tact__tagger_skip(sc, i)) {
            sel[i++] = 0;
            continue;
        }
        uint8_t on = (uint8_t)((pattern >> (r % 8)) & 1u);
        for (; i < sc->ntoks && !tact__tagger_skip(sc, i); i++) {
            sel[i] = on;
            nsel += on;
        }
        r++;
    }
    return nsel;
}

static void sel_matches(const tagger_model *m)
{
    tact_ruleset *rs;
    tact_scanner *sc;
    CHECK_INT(tact_ruleset_compile(NULL, &rs, NULL), TACT_OK);
    CHECK_INT(tact_scanner_new(rs, NULL, &sc, NULL), TACT_OK);
    static const unsigned patterns[] = {0xffu, 0x00u, 0x55u, 0xaau, 0x01u, 0x80u, 0x36u};
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        sc->text = texts[t];
        sc->len = strlen(texts[t]);
        CHECK_INT(tact__tokenize(sc), TACT_OK);
        size_t n = sc->ntoks ? sc->ntoks : 1;
        uint8_t *ta = calloc(n, 1), *tb = calloc(n, 1), *sel = calloc(n, 1);
        float *ma = calloc(n, sizeof *ma), *mb = calloc(n, sizeof *mb);
        CHECK(ta && tb && sel && ma && mb);
        if (ta && tb && sel && ma && mb) {
            tact__tagger_tag(m, sc, ta, ma);
            for (size_t p = 0; p < sizeof patterns / sizeof patterns[0]; p++) {
                select_runs(sc, patterns[p], sel);
                memset(tb, 0xee, n);
                for (size_t i = 0; i < n; i++)
                    mb[i] = -1.f;
                tact__tagger_tag_sel(m, sc, sel, tb, mb);
                for (size_t i = 0; i < sc->ntoks; i++) {
                    if (sel[i]) {
                        CHECK_INT(tb[i], ta[i]);
                        CHECK(memcmp(&mb[i], &ma[i], sizeof mb[i]) == 0);
                    } else {
                        CHECK_INT(tb[i], TG_O);
                        CHECK(mb[i] == 0.f);
                    }
                }
                /* without margins */
                tact__tagger_tag_sel(m, sc, sel, tb, NULL);
                for (size_t i = 0; i < sc->ntoks; i++)
                    CHECK_INT(tb[i], sel[i] ? ta[i] : TG_O);
            }
        }
        free(ta);
        free(tb);
        free(sel);
        free(ma);
        free(mb);
    }
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
}

static void test_tag_sel(void)
{
    size_t len;
    const char *d = tact__data_get("ner.bin", &len);
    if (!d)
        return;
    tact__alloc al;
    tact__alloc_init(&al, NULL);
    tagger_model plain, packed;
    CHECK_INT(tact__tagger_load(d, len, &plain), TACT_OK);
    sel_matches(&plain);
    packed = plain;
    CHECK_INT(tact__tagger_pack(&al, &packed), TACT_OK);
    sel_matches(&packed);
    tact__tagger_unpack(&al, &packed);
}

/* Random bytes, with runs of letters and spaces (the common case) and
 * every byte value somewhere: the skip never passes a wanted byte, and
 * stops within 8 bytes of one. */
static void test_skip_bytes(void)
{
    tact_ruleset *rs;
    tact_scanner *sc;
    CHECK_INT(tact_ruleset_compile(NULL, &rs, NULL), TACT_OK);
    CHECK_INT(tact_scanner_new(rs, NULL, &sc, NULL), TACT_OK);
    static const unsigned ranges[][2] = {{'+' - 1, '9' + 1}, {'0' - 1, '9' + 1}, {0, 128}, {126, 128}};
    char buf[200];
    uint32_t x = 2463534242u;
    for (int round = 0; round < 2000; round++) {
        size_t n = (size_t)(round % 200);
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            unsigned r = x % 100u;
            buf[i] = (char)(r < 70 ? "abcdefghij klmnopqrst ,.xyz"[x % 27u] : (char)((x >> 8) & 0xffu));
        }
        sc->text = buf;
        sc->len = n;
        for (size_t k = 0; k < sizeof ranges / sizeof ranges[0]; k++) {
            unsigned lo = ranges[k][0], hi = ranges[k][1];
            for (size_t i = 0; i <= n; i++) {
                size_t j = ix_skip_none_between(sc, i, lo, hi);
                CHECK(j >= i && j <= n);
                /* nothing wanted in [i, j) */
                for (size_t q = i; q < j; q++) {
                    unsigned v = (unsigned char)buf[q];
                    CHECK(!(v > lo && v < hi));
                }
                /* it stopped at a block holding one, or near the end */
                if (j + 8 <= n) {
                    bool any = false;
                    for (size_t q = j; q < j + 8; q++) {
                        unsigned v = (unsigned char)buf[q];
                        any = any || (v > lo && v < hi);
                    }
                    CHECK(any);
                }
            }
        }
    }
    sc->text = NULL;
    sc->len = 0;
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
}

int main(void)
{
    static const th_test tests[] = {
        {"tag_sel", test_tag_sel}, {"skip_bytes", test_skip_bytes}, {NULL, NULL}};
    return th_run(tests);
}
