/* test_speed16.c - speed16's shortcuts give what the long ways gave:
 * matches carry their pattern's group and tag; the normaliser with a word
 * filter passes on exactly the units it passed on without one, less the
 * own forms of tokens the filter does not hold. */
#include "conduct_match.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const tags_a[] = {"x", "y", "z"};
static const char *const tags_b[] = {"p", "q"};

static void test_match_group_tag(void)
{
    static const char list_a[] = "x: the manager\ny: {is|was} useless\nz: <num> times\n";
    static const char list_b[] = "q: useless\np: the *  useless\n";
    tact__alloc a;
    tact__alloc_init(&a, NULL);
    tact__pm *pm = NULL;
    size_t bad = 0;
    CHECK_INT(tact__pm_new(&a, &pm), TACT_OK);
    CHECK_INT(tact__pm_add_list(&a, pm, list_a, strlen(list_a), 3, tags_a, 3, &bad), TACT_OK);
    CHECK_INT(tact__pm_add_list(&a, pm, list_b, strlen(list_b), 7, tags_b, 2, &bad), TACT_OK);
    tact_ruleset *rs = NULL;
    tact_scanner *sc = NULL;
    CHECK_INT(tact_ruleset_compile(NULL, &rs, NULL), TACT_OK);
    CHECK_INT(tact_scanner_new(rs, NULL, &sc, NULL), TACT_OK);
    for (int frozen = 0; frozen < 2; frozen++) {
        if (frozen)
            CHECK_INT(tact__pm_freeze(&a, pm), TACT_OK);
        static const char text[] = "the manager was useless, 3 times. The duty team is useless";
        const tact_result *res;
        CHECK_INT(tact_scanner_scan(sc, text, strlen(text), 0, &res, NULL), TACT_OK);
        tact__pm_match *m = NULL;
        size_t n = 0, cap = 0;
        CHECK_INT(tact__pm_scan(pm, sc, &a, &m, &n, &cap), TACT_OK);
        CHECK(n >= 5);
        unsigned groups = 0;
        for (size_t i = 0; i < n; i++) {
            CHECK_INT(m[i].group, tact__pm_group(pm, m[i].pat));
            CHECK_INT(m[i].tag, tact__pm_tag(pm, m[i].pat));
            groups |= 1u << m[i].group;
        }
        CHECK_INT(groups, (1u << 3) | (1u << 7));
        free(m);
    }
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
    tact__pm_free(&a, pm);
}

/* The units the normaliser passes on, as text. */
typedef struct units {
    char buf[4096];
    size_t n;
} units;

static int note(void *ctx, size_t first, size_t last, const char *s, size_t n, unsigned how)
{
    units *u = ctx;
    u->n += (size_t)snprintf(u->buf + u->n, sizeof u->buf - u->n, "%zu-%zu:%.*s:%u;", first, last,
                             (int)n, s, how & TACT__CN_HOW);
    return TACT_OK;
}

/* Of the units of the unfiltered pass (own forms marked by TACT__CN_OWN),
 * those the filtered pass must give: the same list less the own forms the
 * lexicon does not hold. */
typedef struct keep {
    units *u;
    const tact__lex *lx;
    const tact_scanner *sc;
} keep;

static int note_kept(void *ctx, size_t first, size_t last, const char *s, size_t n, unsigned how)
{
    keep *k = ctx;
    if ((how & TACT__CN_OWN) &&
        !tact__lex_get_h(k->lx, s, n, k->sc->toks[first].hash))
        return TACT_OK;
    return note(k->u, first, last, s, n, how);
}

static void test_filter_same_units(void)
{
    tact__alloc a;
    tact__alloc_init(&a, NULL);
    tact__lex lx;
    CHECK_INT(tact__lex_init(&a, &lx, 16), TACT_OK);
    static const char *const words[] = {"idiot", "shit", "fuck", "word", NULL};
    CHECK_INT(tact__lex_add_all(&a, &lx, words, 1u), TACT_OK);
    tact_ruleset *rs = NULL;
    tact_scanner *sc = NULL;
    CHECK_INT(tact_ruleset_compile(NULL, &rs, NULL), TACT_OK);
    CHECK_INT(tact_scanner_new(rs, NULL, &sc, NULL), TACT_OK);
    static const char *const texts[] = {
        "you idiot, sh1t!! fuuuck f u c k shit-head word words",
        "idiot. shit! $hit f***ing fuuuckk a-b-c well-known Word",
        "nothing to see here at all, aaa bbb ccc",
        "",
    };
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        const tact_result *res;
        CHECK_INT(tact_scanner_scan(sc, texts[t], strlen(texts[t]), 0, &res, NULL), TACT_OK);
        units all = {{0}, 0}, filtered = {{0}, 0};
        keep k = {&all, &lx, sc};
        CHECK_INT(tact__cn_units(sc, NULL, note_kept, &k), TACT_OK);
        CHECK_INT(tact__cn_units(sc, &lx, note, &filtered), TACT_OK);
        CHECK_STR(filtered.buf, all.buf);
    }
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
    tact__lex_free(&a, &lx);
}

int main(void)
{
    static const th_test tests[] = {{"match_group_tag", test_match_group_tag},
                                    {"filter_same_units", test_filter_same_units},
                                    {NULL, NULL}};
    return th_run(tests);
}
