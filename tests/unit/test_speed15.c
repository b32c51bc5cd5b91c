/* test_speed15.c - the shortcuts of the speed15 round decide nothing:
 *   - tact__tagger_tag_list (the tagger visits only the listed tokens)
 *     gives exactly the tags and margins of tact__tagger_tag_cached with
 *     the same marks, tails included, with and without a cache;
 *   - the conduct model's table of sentence cue pairs (tact__cm.sp): the
 *     scorer sums the weights of exactly the features tact__cm_features
 *     gives (the walk without a model, which computes the pairs itself).
 * Output-level identity is checked by comparing `tact check` with the
 * previous build on large inputs; these are the unit-level guards. */
#include "conduct_model.h"
#include "harness.h"
#include "internal.h"
#include "tagger.h"

#include <math.h>
#include <stdlib.h>

static const char *const texts[] = {
    "Hello Kayla Brown, the end",
    "Met Sarah and her mum Tracey at the Tesco in Bristol today, she was in bits",
    "Visited Mr Jones at 14 Elm Road, Leeds. His daughter Amy (7) was at school.",
    "lol",
    "",
    "@JohnSmith99 #JusticeForJamie RIP Little Tommy from Withington x",
    "A B C D E F G H I J K L M N O P Q R S T U V W X Y Z",
    "ÉLODIE and Zoë went to Bordeaux with Mrs O'Neill-Smith on Monday in January",
    "great session today with the team #socialwork #proud Jo Bloggs 2024",
    "My mum rang again. The dad and his ex were there yesterday! 3 kids, our son too?? "
    "I saw her mum this week. We met the nan and the aunt twice last night.",
    "Kayla Brown Kayla brown KAYLA BROWN kayla Brown: Sarah Jane Smith went home",
};

#define NTEXTS (sizeof texts / sizeof texts[0])

/* sel for the runs between skipped tokens (run r left out when bit r % 8
 * of pattern is clear, its tokens after a point chosen by x its tail), and
 * the list of the marked tokens. */
static size_t mark_runs(const tact_scanner *sc, unsigned pattern, uint32_t *x, uint8_t *sel,
                        uint32_t *list)
{
    size_t i = 0, r = 0, nl = 0;
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
        size_t last = i + *x % (e - i);
        for (size_t k = i; k < e; k++) {
            sel[k] = (uint8_t)(!on ? 0 : k > last ? 2 : 1);
            if (sel[k])
                list[nl++] = (uint32_t)k;
        }
        i = e;
        r++;
    }
    return nl;
}

static void check_list(const tagger_model *m)
{
    tact_ruleset *rs;
    tact_scanner *sc;
    CHECK_INT(tact_ruleset_compile(NULL, &rs, NULL), TACT_OK);
    CHECK_INT(tact_scanner_new(rs, NULL, &sc, NULL), TACT_OK);
    tagger_cache *ca = calloc(1, sizeof *ca), *cb = calloc(1, sizeof *cb);
    CHECK(ca && cb);
    static const unsigned patterns[] = {0xffu, 0x55u, 0xaau, 0x36u, 0x01u};
    uint32_t x = 88172645u;
    for (size_t round = 0; ca && cb && round < 3 * NTEXTS; round++) {
        size_t t = (round * 5 + round / NTEXTS) % NTEXTS;
        sc->text = texts[t];
        sc->len = strlen(texts[t]);
        CHECK_INT(tact__tokenize(sc), TACT_OK);
        size_t n = sc->ntoks ? sc->ntoks : 1;
        uint8_t *ta = calloc(n, 1), *tb = calloc(n, 1), *sel = calloc(n, 1);
        uint32_t *list = calloc(n, sizeof *list);
        float *ma = calloc(n, sizeof *ma), *mb = calloc(n, sizeof *mb);
        CHECK(ta && tb && sel && list && ma && mb);
        for (size_t p = 0; ta && tb && sel && list && ma && mb && p < 5; p++) {
            size_t nl = mark_runs(sc, patterns[p], &x, sel, list);
            memset(ta, 0xee, n);
            memset(tb, 0xdd, n);
            tact__tagger_tag_cached(m, sc, (round & 1) ? ca : NULL, sel, ta, ma);
            tact__tagger_tag_list(m, sc, (round & 2) ? cb : NULL, sel, list, nl, tb, mb);
            for (size_t i = 0; i < sc->ntoks; i++) {
                CHECK_INT(tb[i], ta[i]);
                CHECK(memcmp(&mb[i], &ma[i], sizeof mb[i]) == 0);
            }
        }
        free(ta);
        free(tb);
        free(sel);
        free(list);
        free(ma);
        free(mb);
    }
    free(ca);
    free(cb);
    sc->text = NULL;
    sc->len = 0;
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
}

static void test_tagger_list(void)
{
    size_t len;
    const char *d = tact__data_get("ner.bin", &len);
    if (!d)
        return;
    tact__alloc al;
    tact__alloc_init(&al, NULL);
    tagger_model plain, packed;
    CHECK_INT(tact__tagger_load(d, len, &plain), TACT_OK);
    check_list(&plain);
    packed = plain;
    CHECK_INT(tact__tagger_pack(&al, &packed), TACT_OK);
    check_list(&packed);
    tact__tagger_unpack(&al, &packed);
}

/* ---- the conduct model's pair table ---------------------------------- */

#define CM_BITS 10u

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

typedef struct sum_ctx {
    const int8_t *w;
    long sum;
} sum_ctx;

static void sum_fn(void *ctx, uint64_t h, size_t tok)
{
    sum_ctx *s = ctx;
    (void)tok;
    s->sum += s->w[h >> (64 - CM_BITS)];
}

/* A one-type model with 2^CM_BITS pseudo-random weights (bias 0, gate
 * off): its probability gives back the weight sum, compared with the sum
 * over the features of tact__cm_features. */
static void test_cm_pairs(void)
{
    const float scale = 1.f / 1024.f;
    size_t nw = (size_t)1 << CM_BITS, len = 16 + 36 + nw;
    unsigned char *b = calloc(1, len);
    CHECK(b != NULL);
    if (!b)
        return;
    memcpy(b, "TCM1", 4);
    put32(b + 4, CM_BITS);
    put32(b + 8, 1);
    putf(b + 12, 0.f);
    memcpy(b + 16, "abuse", 5);
    putf(b + 16 + 24, 0.f);
    putf(b + 16 + 28, 0.5f);
    putf(b + 16 + 32, scale);
    uint32_t x = 2463534242u;
    for (size_t k = 0; k < nw; k++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        b[52 + k] = (unsigned char)(x >> 11);
    }
    tact__alloc al;
    tact__alloc_init(&al, NULL);
    tact__cm *m = NULL;
    int rc = tact__cm_load(&al, (const char *)b, len, &m);
    CHECK_INT(rc, TACT_OK);
    tact_ruleset *rs;
    tact_scanner *sc;
    CHECK_INT(tact_ruleset_compile(NULL, &rs, NULL), TACT_OK);
    CHECK_INT(tact_scanner_new(rs, NULL, &sc, NULL), TACT_OK);
    for (size_t t = 0; m && t < NTEXTS; t++) {
        sc->text = texts[t];
        sc->len = strlen(texts[t]);
        CHECK_INT(tact__tokenize(sc), TACT_OK);
        sum_ctx s = {(const int8_t *)(const void *)(b + 52), 0};
        tact__cm_features(sc, sum_fn, &s);
        float p = 0.f;
        tact__cm_score(m, sc, NULL, 0, &p, NULL, NULL);
        if (sc->ntoks == 0)
            continue; /* no features: the gate gives 0 */
        double z = log((double)p / (1.0 - (double)p)) / (double)scale;
        CHECK(fabs(z - (double)s.sum) < 0.5);
    }
    sc->text = NULL;
    sc->len = 0;
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
    tact__cm_free(&al, m);
    free(b);
}

int main(void)
{
    static const th_test tests[] = {{"tagger_list", test_tagger_list},
                                    {"cm_pairs", test_cm_pairs},
                                    {NULL, NULL}};
    return th_run(tests);
}
