/*
 * lexicon.c - the general word lexicon: every word list that more than one
 * detector needs, merged into one map from normalised word to TACT__LX_*
 * bits, so that each token is looked up once.
 */
#include "internal.h"
#include "lexicon.h"

static const struct {
    const char *file;
    uint32_t bits;
} lists[] = {
    {"stopwords.txt", TACT__LX_STOP},
    {"months.txt", TACT__LX_MONTH},
    {"weekdays.txt", TACT__LX_WEEKDAY},
    {"titles.txt", TACT__LX_TITLE},
    {"kin.txt", TACT__LX_KIN},
    {"street_types.txt", TACT__LX_STREET},
};

int tact__lexicon_compile(tact_ruleset *rs, tact_error *err)
{
    (void)err;
    int rc = tact__lex_init(&rs->a, &rs->words, 4096);
    if (rc)
        return rc;
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        size_t n;
        const char *d = tact__data_get(lists[i].file, &n);
        if (d && (rc = tact__lex_add_lines(&rs->a, &rs->words, d, n, lists[i].bits, true)))
            return rc;
    }
    return TACT_OK;
}

void tact__lexicon_free(tact_ruleset *rs)
{
    tact__lex_free(&rs->a, &rs->words);
}
