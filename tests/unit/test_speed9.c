/* test_speed9.c - the shortcuts of the speed9 round decide nothing:
 *   - tact__tagger_tag_cached (a cache of word sums kept across posts)
 *     gives exactly the tags and margins of tact__tagger_tag_sel without
 *     one, whatever the cache holds from earlier posts;
 *   - tail tokens (sel[i] == 2, tagger.h): every span that starts before
 *     the tail gets the tags and margins it gets with the tail tagged in
 *     full, and every span of the full tagging that starts before the tail
 *     is there;
 *   - a scanner gives each post the same JSON whatever it scanned before
 *     (the caches and per-post lists of names.c and idents.c).
 * Output-level identity is checked by comparing `tact check` with the
 * previous build on large inputs; these are the unit-level guards. */
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
    "great session today with the team #socialwork #proud Jo Bloggs 2024",
    "Kayla Brown Kayla brown KAYLA BROWN kayla Brown: Sarah Jane Smith went home",
    "Jayden 15 from Hartcliffe, born on Christmas Day 2010, D.O.B. given, Flat 3, 12 "
    "Withywood Road, Oakfield Primary, the Swindon assessment team, Rowan Lodge care home",
    "see https://www.facebook.com/kayla.b and www.example.org/report/2024/05/x.pdf, "
    "mail jo@example.com or @BASW_UK, insta: jay_x93, 51.4545, -2.5879 ///one.two.three",
};

#define NTEXTS (sizeof texts / sizeof texts[0])

/* sel for the runs between skipped tokens: run r is left out when bit
 * (r % 8) of pattern is clear; otherwise its tokens after a point chosen
 * by x are its tail (2), the others 1. */
static void mark_runs(const tact_scanner *sc, unsigned pattern, uint32_t *x, bool tails,
                      uint8_t *sel)
{
    size_t i = 0, r = 0;
    while (i < sc->ntoks) {
        if (tact__tagger_skip(sc, i)) {
            sel[i++] = 0;
            continue;
        }
        size_t e = i;
        while (e < sc->ntoks && !tact__tagger_skip(sc, e))
            e++;
        bool on = (pattern >> (r % 8)) & 1u;
        *x ^= *x << 13;
        *x ^= *x >> 17;
        *x ^= *x << 5;
        size_t last = i + *x % (e - i); /* the last token that is not tail */
        for (size_t k = i; k < e; k++)
            sel[k] = (uint8_t)(!on ? 0 : (tails && k > last) ? 2 : 1);
        i = e;
        r++;
    }
}

/* The end of the span of tags starting with a B tag at i. */
static size_t span_end(const uint8_t *tags, size_t n, size_t i)
{
    int inside = tags[i] == TG_BPER ? TG_IPER : TG_ILOC;
    size_t e = i;
    while (e + 1 < n && tags[e + 1] == inside)
        e++;
    return e;
}

static void check_model(const tagger_model *m)
{
    tact_ruleset *rs;
    tact_scanner *sc;
    CHECK_INT(tact_ruleset_compile(NULL, &rs, NULL), TACT_OK);
    CHECK_INT(tact_scanner_new(rs, NULL, &sc, NULL), TACT_OK);
    tagger_cache *cache = calloc(1, sizeof *cache);
    CHECK(cache != NULL);
    if (!cache)
        return;
    static const unsigned patterns[] = {0xffu, 0x55u, 0xaau, 0x36u};
    uint32_t x = 2463534242u;
    /* every text three times, in an order that changes what the cache
     * holds from before */
    for (size_t round = 0; round < 3 * NTEXTS; round++) {
        size_t t = (round * 7 + round / NTEXTS) % NTEXTS;
        sc->text = texts[t];
        sc->len = strlen(texts[t]);
        CHECK_INT(tact__tokenize(sc), TACT_OK);
        size_t n = sc->ntoks ? sc->ntoks : 1;
        uint8_t *ta = calloc(n, 1), *tb = calloc(n, 1), *sel = calloc(n, 1), *flat = calloc(n, 1);
        float *ma = calloc(n, sizeof *ma), *mb = calloc(n, sizeof *mb);
        CHECK(ta && tb && sel && flat && ma && mb);
        if (ta && tb && sel && flat && ma && mb) {
            for (size_t p = 0; p < sizeof patterns / sizeof patterns[0]; p++) {
                /* the cache changes nothing (no tails) */
                mark_runs(sc, patterns[p], &x, false, sel);
                tact__tagger_tag_sel(m, sc, sel, ta, ma);
                memset(tb, 0xee, n);
                tact__tagger_tag_cached(m, sc, cache, sel, tb, mb);
                for (size_t i = 0; i < sc->ntoks; i++) {
                    CHECK_INT(tb[i], ta[i]);
                    CHECK(memcmp(&mb[i], &ma[i], sizeof mb[i]) == 0);
                }
                /* tails: the spans that start before them are kept */
                mark_runs(sc, patterns[p], &x, true, sel);
                for (size_t i = 0; i < sc->ntoks; i++)
                    flat[i] = sel[i] != 0;
                tact__tagger_tag_sel(m, sc, flat, ta, ma);
                tact__tagger_tag_cached(m, sc, (round & 1) ? cache : NULL, sel, tb, mb);
                for (size_t i = 0; i < sc->ntoks; i++) {
                    if (sel[i] != 1)
                        continue;
                    CHECK_INT(tb[i], ta[i]);
                    CHECK(memcmp(&mb[i], &ma[i], sizeof mb[i]) == 0);
                    if (ta[i] != TG_BPER && ta[i] != TG_BLOC)
                        continue;
                    size_t e = span_end(ta, sc->ntoks, i);
                    CHECK_INT(span_end(tb, sc->ntoks, i), e);
                    for (size_t k = i; k <= e; k++) {
                        CHECK_INT(tb[k], ta[k]);
                        CHECK(memcmp(&mb[k], &ma[k], sizeof mb[k]) == 0);
                    }
                }
            }
        }
        free(ta);
        free(tb);
        free(sel);
        free(flat);
        free(ma);
        free(mb);
    }
    free(cache);
    sc->text = NULL;
    sc->len = 0;
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
}

static void test_tagger_cache(void)
{
    size_t len;
    const char *d = tact__data_get("ner.bin", &len);
    if (!d)
        return;
    tact__alloc al;
    tact__alloc_init(&al, NULL);
    tagger_model plain, packed;
    CHECK_INT(tact__tagger_load(d, len, &plain), TACT_OK);
    check_model(&plain);
    packed = plain;
    CHECK_INT(tact__tagger_pack(&al, &packed), TACT_OK);
    check_model(&packed);
    tact__tagger_unpack(&al, &packed);
}

/* The JSON of every text from a fresh scanner, and from one scanner that
 * has scanned the other texts before (in two orders). */
static void test_scanner_reuse(void)
{
    tact_ruleset *rs;
    CHECK_INT(tact_ruleset_compile(NULL, &rs, NULL), TACT_OK);
    char *fresh[NTEXTS];
    for (size_t t = 0; t < NTEXTS; t++) {
        tact_scanner *sc;
        const tact_result *res;
        const char *json;
        size_t jl;
        fresh[t] = NULL;
        CHECK_INT(tact_scanner_new(rs, NULL, &sc, NULL), TACT_OK);
        CHECK_INT(tact_scanner_scan(sc, texts[t], strlen(texts[t]), 0, &res, NULL), TACT_OK);
        CHECK_INT(tact_result_json(sc, NULL, 0, &json, &jl, NULL), TACT_OK);
        fresh[t] = malloc(jl + 1);
        if (fresh[t])
            memcpy(fresh[t], json, jl + 1);
        tact_scanner_free(sc);
    }
    for (int order = 0; order < 2; order++) {
        tact_scanner *sc;
        CHECK_INT(tact_scanner_new(rs, NULL, &sc, NULL), TACT_OK);
        for (size_t r = 0; r < 3 * NTEXTS; r++) {
            size_t t = order ? NTEXTS - 1 - r % NTEXTS : (r * 5) % NTEXTS;
            const tact_result *res;
            const char *json;
            size_t jl;
            CHECK_INT(tact_scanner_scan(sc, texts[t], strlen(texts[t]), 0, &res, NULL), TACT_OK);
            CHECK_INT(tact_result_json(sc, NULL, 0, &json, &jl, NULL), TACT_OK);
            CHECK_STR(json, fresh[t]);
        }
        tact_scanner_free(sc);
    }
    for (size_t t = 0; t < NTEXTS; t++)
        free(fresh[t]);
    tact_ruleset_free(rs);
}

int main(void)
{
    static const th_test tests[] = {{"tagger_cache", test_tagger_cache},
                                    {"scanner_reuse", test_scanner_reuse},
                                    {NULL, NULL}};
    return th_run(tests);
}
