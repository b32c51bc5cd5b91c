/* test_speed2_filter.c - the hash filter of idents_filter.h never says "no"
 * for a key of the lexicon it was built from, and a filtered lookup always
 * gives what the plain lookup gives: checked on the ruleset's own lexicons
 * (the identifier cue words and the names cue lists) for every key and for
 * many words that are not keys. */
#include "harness.h"
#include "idents.h"
#include "names.h"

#include <stdio.h>

static tact_ruleset *rs_;

/* Filtered lookup, as tact__ix_bits and tact__names_scan do it. */
static uint32_t get_f(const tact__hfilter *f, const tact__lex *lx, const char *w, size_t n)
{
    uint64_t h = tact__hash(w, n);
    return tact__hf_maybe(f, h) ? tact__lex_get_h(lx, w, n, h) : 0;
}

static void check_lexicon(const tact__hfilter *f, const tact__lex *lx)
{
    CHECK(lx->count > 0);
    /* every key (the lexicon keeps its keys when built at compile time) */
    for (uint32_t k = 0; lx->koff && k < lx->count; k++) {
        const char *w = lx->keys + lx->koff[k];
        size_t n = lx->klen[k];
        CHECK(tact__hf_maybe(f, tact__hash(w, n)));
        CHECK(get_f(f, lx, w, n) == tact__lex_get(lx, w, n));
    }
    /* words that are mostly not keys: the answers agree */
    char w[16];
    size_t hits = 0;
    for (unsigned i = 0; i < 20000; i++) {
        int n = snprintf(w, sizeof w, "w%uq%c", i * 2654435761u, (char)('a' + i % 26));
        uint32_t a = get_f(f, lx, w, (size_t)n), b = tact__lex_get(lx, w, (size_t)n);
        CHECK(a == b);
        hits += tact__hf_maybe(f, tact__hash(w, (size_t)n));
    }
    /* and the filter rejects most of them (a few percent pass) */
    CHECK(hits < 2000);
}

static void test_idents_filter(void)
{
    const tact__idents *ix = rs_->idents;
    CHECK(ix != NULL);
    if (ix)
        check_lexicon(&ix->lexf, &ix->lex);
}

static void test_names_filter(void)
{
    const names_rules *nr = rs_->names;
    CHECK(nr != NULL);
    if (nr)
        check_lexicon(&nr->cuef, &nr->cue);
}

int main(void)
{
    if (tact_ruleset_compile(NULL, &rs_, NULL) != TACT_OK) {
        fprintf(stderr, "cannot compile the ruleset\n");
        return 1;
    }
    static const th_test tests[] = {{"idents_filter", test_idents_filter},
                                    {"names_filter", test_names_filter},
                                    {NULL, NULL}};
    int rc = th_run(tests);
    tact_ruleset_free(rs_);
    return rc;
}
