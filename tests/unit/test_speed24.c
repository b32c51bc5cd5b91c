/*
 * test_speed24.c - the table of tinfo.h answers for a hash exactly what
 * the detectors' own lists answer (names' cue lexicon, the phrase
 * matcher's classes and root edges, the conduct word list and model, the
 * idents lexicons), for every key of those lists and for other hashes;
 * and the bits the tokenizer keeps for each token of a scan are those of
 * its hash.
 */
#include "harness.h"
#include "conduct_match.h"
#include "conduct_model.h"
#include "names.h"
#include "tinfo.h"

/* The bits of h as the lists themselves answer them. */
static uint64_t expected(const tact_ruleset *rs, uint64_t h)
{
    const names_rules *nr = rs->names;
    const tact__pm *pm = tact__conduct_pm(rs);
    const tact__lex *words = tact__conduct_words(rs);
    const tact__cm *cm = tact__conduct_cm(rs);
    uint64_t v = 0;
    bool ok = true;
    if (nr)
        v |= tact__lex_probe(&nr->cue, h);
    if (pm)
        v |= tact__pm_tinfo_bits(pm, h, &ok);
    if (words && tact__lex_probe(words, h))
        v |= TI_CN;
    if (cm)
        v |= (uint64_t)(tact__cm_word_bits(cm, h) & 0xFFu) << TI_CM_SHIFT;
    v |= tact__ix_tinfo_bits(rs, h);
    return v;
}

static uint64_t next_rand(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void test_table(void)
{
    tact_ruleset *rs = NULL;
    CHECK_INT(tact_ruleset_compile(NULL, &rs, NULL), TACT_OK);
    if (!rs)
        return;
    const tact__tinfo *ti = rs->tinfo;
    CHECK(ti != NULL);
    if (!ti) {
        tact_ruleset_free(rs);
        return;
    }
    CHECK(ti->pm_ok);
    /* every key the table holds, and every slot's hash of each list */
    size_t bad = 0, keys = 0;
    for (uint32_t i = 0; i <= ti->mask; i++) {
        if (!ti->slots[i].v)
            continue;
        keys++;
        bad += tact__tinfo_get(ti, ti->slots[i].h) != expected(rs, ti->slots[i].h);
    }
    const names_rules *nr = rs->names;
    for (uint32_t i = 0; nr && i < nr->cue.nslots; i++)
        if (nr->cue.slots[i].e1)
            bad += tact__tinfo_get(ti, nr->cue.slots[i].h) != expected(rs, nr->cue.slots[i].h);
    const tact__lex *words = tact__conduct_words(rs);
    for (uint32_t i = 0; words && i < words->nslots; i++)
        if (words->slots[i].e1)
            bad += tact__tinfo_get(ti, words->slots[i].h) != expected(rs, words->slots[i].h);
    /* hashes that are no key, and the hashes of some words */
    uint64_t s = 0x9e3779b97f4a7c15ull;
    for (int k = 0; k < 20000; k++) {
        uint64_t h = next_rand(&s);
        bad += tact__tinfo_get(ti, h) != expected(rs, h);
    }
    static const char *const w[] = {"my",   "you",    "idiot", "mum",  "twenty", "road",
                                    "dr",   "(",      "!",     "?",    "the",    "school",
                                    "fuck", "kayden", "I",     "twat", "i",      "#"};
    for (size_t k = 0; k < sizeof w / sizeof w[0]; k++) {
        uint64_t h = tact__hash(w[k], strlen(w[k]));
        bad += tact__tinfo_get(ti, h) != expected(rs, h);
    }
    CHECK(keys > 0);
    CHECK_INT(bad, 0);
    tact_ruleset_free(rs);
}

static void test_scan_bits(void)
{
    tact_ruleset *rs = NULL;
    tact_scanner *sc = NULL;
    CHECK_INT(tact_ruleset_compile(NULL, &rs, NULL), TACT_OK);
    CHECK_INT(tact_scanner_new(rs, NULL, &sc, NULL), TACT_OK);
    if (!rs || !sc) {
        tact_scanner_free(sc);
        tact_ruleset_free(rs);
        return;
    }
    static const char *const posts[] = {
        "RT @someone: you are an idiot!!! #fail http://example.com/x?y=1",
        "My mum (88!!) lives on Station Road, call 0161 496 0000 \xF0\x9F\x99\x84",
        "Dr Smith said the twenty-one year old was fine. f u c k this shiiit",
        "",
    };
    for (size_t k = 0; k < sizeof posts / sizeof posts[0]; k++) {
        const tact_result *res = NULL;
        CHECK_INT(tact_scanner_scan(sc, posts[k], strlen(posts[k]), 0, &res, NULL), TACT_OK);
        CHECK(sc->tinfo != NULL);
        size_t bad = 0;
        for (size_t i = 0; sc->tinfo && i < sc->ntoks; i++)
            bad += sc->tinfo[i] != expected(rs, sc->toks[i].hash);
        CHECK_INT(bad, 0);
    }
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
}

int main(void)
{
    static const th_test tests[] = {
        {"table", test_table}, {"scan_bits", test_scan_bits}, {NULL, NULL}};
    return th_run(tests);
}
