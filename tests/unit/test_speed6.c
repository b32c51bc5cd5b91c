/* test_speed6.c - two shortcuts of the scan that must never change an
 * answer: the matcher's per-node masks (pm_nbloom), which skip steps that
 * can do nothing, and the cache of a finding's fixed JSON parts, which
 * must follow a string that changes under the same pointer. */
#include "conduct_match.h"
#include "harness.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static tact_ruleset *rs_;

/* The conduct matcher's matches over text, as "pat:first-last;...", with
 * its masks used or not. */
static void matches(tact_scanner *sc, tact__pm *pm, bool masks, const char *text, char *out,
                    size_t cap)
{
    const tact_result *res;
    out[0] = '\0';
    CHECK_INT(tact_scanner_scan(sc, text, strlen(text), 0, &res, NULL), TACT_OK);
    tact__alloc a;
    tact__alloc_init(&a, NULL);
    tact__pm_match *m = NULL;
    size_t n = 0, mcap = 0, o = 0;
    bool keep = pm->nbl_ok;
    pm->nbl_ok = masks && keep;
    CHECK_INT(tact__pm_scan(pm, sc, &a, &m, &n, &mcap), TACT_OK);
    pm->nbl_ok = keep;
    for (size_t i = 0; i < n && o + 40 < cap; i++)
        o += (size_t)snprintf(out + o, cap - o, "%u:%u-%u;", m[i].pat, m[i].first, m[i].last);
    free(m);
}

/* The ruleset's own matcher (adopted from the snapshot) finds the same
 * matches, in the same order, with its masks as without. */
static void test_masks_same(void)
{
    tact__pm *pm = (tact__pm *)(uintptr_t)tact__conduct_pm(rs_);
    CHECK(pm != NULL);
    if (!pm)
        return;
    CHECK(pm->nbl_ok);
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
        "f u c k this rota, sh1t pay and fuuuuck the agency",
        "why do I even bother with these people. Clueless. Every. Single. Day.",
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

/* A finding's JSON, written into a fresh buffer. */
static void finding_json(tact_scanner *sc, const tact_finding *f, const char *text, char *out,
                         size_t cap)
{
    tact__alloc a;
    tact__alloc_init(&a, NULL);
    tact__buf b = {NULL, 0, 0};
    CHECK_INT(tact__json_finding(sc, &b, f, text), TACT_OK);
    snprintf(out, cap, "%s", b.p ? b.p : "");
    tact__buf_free(&a, &b);
}

/* The cache keeps a finding's fixed parts by content: a message that
 * changes under the same pointer, or another severity, is written anew. */
static void test_json_cache_follows_content(void)
{
    tact_scanner *sc = NULL;
    CHECK_INT(tact_scanner_new(rs_, NULL, &sc, NULL), TACT_OK);
    const char *text = "call Jo on 07700 900123";
    char msg[64], sug[16], out[1024], again[1024];
    snprintf(msg, sizeof msg, "first \"message\"");
    snprintf(sug, sizeof sug, "[PHONE]");
    tact_finding f;
    memset(&f, 0, sizeof f);
    f.start = 11;
    f.end = 23;
    f.type = TACT_TYPE_PHONE;
    f.category = TACT_CAT_IDENTIFIER;
    f.severity = TACT_SEV_HIGH;
    f.confidence = 0.9f;
    f.rule = "phone.test";
    f.message = msg;
    f.suggestion = sug;
    finding_json(sc, &f, text, out, sizeof out);
    CHECK(strstr(out, "\"message\":\"first \\\"message\\\"\"") != NULL);
    finding_json(sc, &f, text, again, sizeof again); /* from the cache */
    CHECK_STR(again, out);
    /* same pointer, same length, other bytes */
    memcpy(msg, "FIRST", 5);
    finding_json(sc, &f, text, again, sizeof again);
    CHECK(strstr(again, "\"message\":\"FIRST \\\"message\\\"\"") != NULL);
    /* same pointer, other length */
    snprintf(msg, sizeof msg, "second");
    finding_json(sc, &f, text, again, sizeof again);
    CHECK(strstr(again, "\"message\":\"second\"") != NULL);
    /* another severity and confidence, and where it is */
    f.severity = TACT_SEV_LOW;
    f.confidence = 0.5f;
    f.start = 5;
    f.end = 7;
    finding_json(sc, &f, text, again, sizeof again);
    CHECK(strstr(again, "\"severity\":\"low\"") != NULL);
    CHECK(strstr(again, "\"confidence\":0.50") != NULL);
    CHECK(strstr(again, "\"text\":\"Jo\"") != NULL);
    /* the suggestion too */
    snprintf(sug, sizeof sug, "[NUMBER]");
    finding_json(sc, &f, text, again, sizeof again);
    CHECK(strstr(again, "\"suggestion\":\"[NUMBER]\"") != NULL);
    tact_scanner_free(sc);
}

int main(void)
{
    if (tact_ruleset_compile(NULL, &rs_, NULL) != TACT_OK) {
        fprintf(stderr, "cannot compile the ruleset\n");
        return 1;
    }
    static const th_test tests[] = {{"masks_same", test_masks_same},
                                    {"json_cache_follows_content", test_json_cache_follows_content},
                                    {NULL, NULL}};
    int rc = th_run(tests);
    tact_ruleset_free(rs_);
    return rc;
}
