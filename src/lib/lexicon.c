/*
 * lexicon.c - the general word lexicon: every word list that more than one
 * detector needs, merged into one map from normalised word to TACT__LX_*
 * bits, so that each token is looked up once.
 *
 * Team-written lists live in data/; the large lists (names, dictionary
 * words, proper nouns) are generated at configure time from Debian
 * wbritish-huge and npm humannames by tools/gen-data.sh. A list that is
 * absent is skipped, so a build without the generated lists still works
 * (with fewer names known).
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
    {"words_dict.txt", TACT__LX_DICT},
    {"words_proper.txt", TACT__LX_PROPER},
    {"names_human.txt", TACT__LX_NAME},
    {"names_nicknames.txt", TACT__LX_FIRST},
    {"names_uk.txt", TACT__LX_FIRST},
    {"names_roles.txt", TACT__LX_ROLE},
    {"places_uk.txt", TACT__LX_PLACE},
    {"names_bigplaces.txt", TACT__LX_BIGPLACE},
    {"public_figures.txt", TACT__LX_PUBLIC},
    {"names_brands.txt", TACT__LX_BRAND},
};

/* Lists whose entries may be several words: their first words get
 * TACT__LX_HEAD as well. */
static bool multiword(uint32_t bits)
{
    return (bits & (TACT__LX_PLACE | TACT__LX_BIGPLACE | TACT__LX_PUBLIC | TACT__LX_BRAND)) != 0;
}

static int add_heads(const tact__alloc *a, tact__lex *lx, const char *d, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && d[e] != '\n')
            e++;
        if (e > i && d[i] != '#') {
            size_t sp = i;
            while (sp < e && d[sp] != ' ')
                sp++;
            if (sp < e) {
                int rc = tact__lex_add(a, lx, d + i, sp - i, TACT__LX_HEAD);
                /* "king's lynn": the text splits the possessive off, so
                 * "king" heads the entry as well */
                if (rc == TACT_OK && sp - i > 2 && d[sp - 2] == '\'' && d[sp - 1] == 's')
                    rc = tact__lex_add(a, lx, d + i, sp - i - 2, TACT__LX_HEAD);
                if (rc)
                    return rc;
            }
        }
        i = e + 1;
    }
    return TACT_OK;
}

int tact__lexicon_build(const tact__alloc *a, tact__lex *lx)
{
    int rc = tact__lex_init(a, lx, 1u << 19);
    if (rc)
        return rc;
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        size_t n;
        const char *d = tact__data_get(lists[i].file, &n);
        if (!d)
            continue;
        if ((rc = tact__lex_add_lines(a, lx, d, n, lists[i].bits, true)))
            return rc;
        if (multiword(lists[i].bits) && (rc = add_heads(a, lx, d, n)))
            return rc;
    }
    return TACT_OK;
}

/*
 * The build freezes the lexicon into words.lex (tools/lexgen.c), so start-up
 * maps it in place instead of hashing half a million words. A build without
 * it (or a corrupt one) falls back to building from the lists.
 */
int tact__lexicon_compile(tact_ruleset *rs, tact_error *err)
{
    size_t n;
    const char *d = tact__data_get("words.lex", &n);
    if (d) {
        int rc = tact__lex_thaw(&rs->words, d, n);
        if (rc == TACT_OK)
            return TACT_OK;
        return tact__err(err, rc, SIZE_MAX, "the built-in word list is corrupt");
    }
    return tact__lexicon_build(&rs->a, &rs->words);
}

void tact__lexicon_free(tact_ruleset *rs)
{
    tact__lex_free(&rs->a, &rs->words);
}
