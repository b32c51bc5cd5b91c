/* test_speed20.c - a shortcut of the conduct matcher that must never change
 * an answer: the table of (word, class key) pairs (tact__pm.cxp) that
 * tok_has_class probes once instead of walking a word's class keys. The
 * matcher must find the same matches, in the same order, with the table
 * as without it. */
#include "conduct_match.h"
#include "harness.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static tact_ruleset *rs_;

/* The conduct matcher's matches over text, as "pat:first-last;...", with
 * its pair table used or not. */
static void matches(tact_scanner *sc, tact__pm *pm, bool pairs, const char *text, char *out,
                    size_t cap)
{
    const tact_result *res;
    out[0] = '\0';
    CHECK_INT(tact_scanner_scan(sc, text, strlen(text), 0, &res, NULL), TACT_OK);
    tact__alloc a;
    tact__alloc_init(&a, NULL);
    tact__pm_match *m = NULL;
    size_t n = 0, mcap = 0, o = 0;
    pm_cpair *keep = pm->cxp;
    if (!pairs)
        pm->cxp = NULL;
    CHECK_INT(tact__pm_scan(pm, sc, &a, &m, &n, &mcap), TACT_OK);
    pm->cxp = keep;
    for (size_t i = 0; i < n && o + 40 < cap; i++)
        o += (size_t)snprintf(out + o, cap - o, "%u:%u-%u;", m[i].pat, m[i].first, m[i].last);
    free(m);
}

static void test_pairs_same(void)
{
    tact__pm *pm = (tact__pm *)(uintptr_t)tact__conduct_pm(rs_);
    CHECK(pm != NULL);
    if (!pm)
        return;
    CHECK(pm->cx_ok);
    CHECK(pm->cxp != NULL);
    tact_scanner *sc = NULL;
    CHECK_INT(tact_scanner_new(rs_, NULL, &sc, NULL), TACT_OK);
    static const char *const texts[] = {
        "my manager is useless and the duty team are a joke, honestly",
        "Can't be arsed with this shift. The service users are doing my head in",
        "she's such a liar 🙄 and he is lazy, lazy, lazy!!",
        "another 12 hour shift with no break, thanks management 👏👏",
        "I could kill my team leader today 😂 seriously",
        "visited a lovely family today, mum was so grateful",
        "the client on ward 3 kicked off again, absolute nightmare of a day",
        "@DeanoFitz I'll ring you about the contact arrangements before the conference",
        "the Hargreaves file is back in the system, strategy minutes on the duty list",
        "those people on the estate are all scroungers, sick of them",
        "Mrs Patel at number 19 on the Hollins estate was in a state again",
        "",
    };
    char with[4096], without[4096];
    size_t any = 0;
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        matches(sc, pm, true, texts[t], with, sizeof with);
        matches(sc, pm, false, texts[t], without, sizeof without);
        CHECK_STR(with, without);
        any += with[0] != '\0';
    }
    CHECK(any > 0);
    tact_scanner_free(sc);
}

/* Every pair in the table is one of the first nonroot keys of its word
 * (pairs_same checks that the table answers as the walk does). */
static void test_pairs_complete(void)
{
    const tact__pm *pm = tact__conduct_pm(rs_);
    CHECK(pm != NULL);
    if (!pm || !pm->cxp)
        return;
    size_t filled = 0, listed = 0;
    for (uint32_t i = 0; i <= pm->cxp_mask; i++) {
        const pm_cpair *e = &pm->cxp[i];
        if (!e->slot1)
            continue;
        filled++;
        CHECK(e->slot1 <= pm->ncslots);
        if (e->slot1 > pm->ncslots)
            continue;
        const pm_cx *x = &pm->cx[e->slot1 - 1];
        bool found = false;
        for (uint32_t j = 0; j < x->nonroot && !found; j++)
            found = x->keys[j] == e->key;
        CHECK(found);
    }
    for (uint32_t s = 0; s < pm->ncslots; s++)
        listed += pm->cx[s].nonroot;
    /* (no more pairs than keys: a key a word lists twice is one pair) */
    CHECK(filled > 0 && filled <= listed);
}

int main(void)
{
    if (tact_ruleset_compile(NULL, &rs_, NULL) != TACT_OK) {
        fprintf(stderr, "cannot compile the ruleset\n");
        return 1;
    }
    static const th_test tests[] = {{"pairs_same", test_pairs_same},
                                    {"pairs_complete", test_pairs_complete},
                                    {NULL, NULL}};
    int rc = th_run(tests);
    tact_ruleset_free(rs_);
    return rc;
}
