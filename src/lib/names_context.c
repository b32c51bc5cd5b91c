/*
 * names_context.c - names and places that need the rest of the post, or a
 * token of a rare shape; run after the cue rules (names_cues.c) and, for
 * the places, after the tagger, on their candidates.
 *
 *   households        "staying with the Kennedys" (a surname in the plural)
 *   hyphenated        "Bryn-y-Mor" (a place by its shape), "lily-mae told"
 *                     (two given names)
 *   cities, hashtags  a city or a "#Kirkby" in a post that already names,
 *                     ages or addresses someone
 */
#include "names.h"

/* Words before "the Parrys" that put children or a visit with a household. */
static const char *const household_preps[] = {"with", "at", "to", "from", "visit", "visited",
                                              "visiting", "placed", "stays", "staying", "about",
                                              NULL};
/* Verbs after "the Clarksons" that make the household the subject: "the
 * Clarksons are suing us", "the Hendrys have moved". */
static const char *const household_verbs[] = {"are", "were", "have", "had", "'ve", "'re",
                                              "got", "moved", "want", "wanted", "said",
                                              "say", "refused", "refuse", "rang", "called",
                                              NULL};

/* "the boys are with the Hendrys", "visiting the Okafors", "the Clarksons
 * are suing us": a surname in the plural after "the" is a household (not
 * "the Simpsons" or "the Smiths" on television: those are brands). */
static int rule_family_plural(names_ctx *c, size_t i)
{
    if (i < 1 || !nm_is(c, i - 1, "the") ||
        !((i >= 2 && nm_in(c, i - 2, household_preps)) || nm_in(c, i + 1, household_verbs)) ||
        !nm_cap(c, i) || nm_glued(c, i) || nm_cap(c, i + 1) || tact__nm_blocked(c, i, i))
        return TACT_OK;
    const tact__token *t = nm_tok(c, i);
    const char *w = c->sc->norm.p + t->norm_off;
    size_t n = t->norm_len;
    if (t->kind != TACT__TOK_WORD || n < 5 || w[n - 1] != 's' || w[n - 2] == 's' ||
        (t->shape & TACT__SH_ALLCAP))
        return TACT_OK;
    if (tact__nm_bits(c, i) & (TACT__LX_PLACE | TACT__LX_BIGPLACE | TACT__LX_BRAND |
                               TACT__LX_PUBLIC | TACT__LX_STOP | TACT__LX_MONTH |
                               TACT__LX_WEEKDAY | TACT__LX_STREET | TACT__LX_ROLE | TACT__LX_KIN))
        return TACT_OK;
    /* the stem is a surname: Parry(s), Hendry(s); "Joneses" is rare */
    uint32_t st = tact__lex_get(c->words, w, n - 1);
    /* "the O'Neills", "the D'Souzas": the name lists write them without the
     * apostrophe (oneill, dsouza) */
    if (!(st & TACT__LX_SURNAME) && (t->shape & TACT__SH_APOS) && n - 1 < 32) {
        char buf[32];
        size_t m = 0;
        for (size_t k = 0; k + 1 < n; k++)
            if (w[k] != '\'')
                buf[m++] = w[k];
        st |= tact__lex_get(c->words, buf, m);
    }
    /* "living with the Pickerings": a small place's name in the plural after
     * "with the" is a household (twenty-first session); "to the Yorkshires"
     * is not */
    bool with = nm_is(c, i - 2, "with") || nm_is(c, i - 2, "visited") ||
                nm_is(c, i - 2, "visiting") || nm_is(c, i - 2, "visit");
    if (!(st & TACT__LX_SURNAME) || (st & (TACT__LX_BRAND | TACT__LX_STOP | TACT__LX_BIGPLACE)) ||
        ((st & TACT__LX_PLACE) && !with))
        return TACT_OK;
    /* "at the Greens", "to the Woods": a surname that is also a word needs
     * a household verb ("with the Parrys", "staying with", "placed with") */
    if ((st & TACT__LX_DICT) && !nm_is(c, i - 2, "with") && !nm_is(c, i - 2, "visiting") &&
        !nm_is(c, i - 2, "visited") && !nm_is(c, i - 2, "visit"))
        return TACT_OK;
    return tact__nm_emit(c, i - 1, i, TACT_TYPE_PERSON, 0.7f, "person.family",
                         "A family name points straight at one household.");
}

/* ---- hyphenated names and places --------------------------------------- */

/* Verbs that make the word before them someone: "lily-mae told the judge". */
static const char *const person_verbs[] = {"told", "said", "says", "asked", "asks", "cried",
                                           "laughed", "wants", "wanted", "screamed", "shouted",
                                           "smiled", "ran", "loves", "hates", NULL};

/* Particles inside a hyphenated place: Craig-y-Don, Stoke-on-Trent,
 * Chapel-en-le-Frith, Weston-super-Mare, Ashby-de-la-Zouch. */
static const char *const place_particles[] = {"y",   "yr",   "on",  "upon", "le",   "la",
                                              "en",  "in",   "under", "by", "super", "de",
                                              "cum", "next", "over", "the", "of",   NULL};

static bool particle(const char *p, size_t n)
{
    for (const char *const *w = place_particles; *w; w++)
        if (strlen(*w) == n && memcmp(*w, p, n) == 0)
            return true;
    return false;
}

/*
 * One hyphenated token: "Bryn-y-Mor" (a place by its shape: capitalised
 * ends joined by a lower-case particle) or "lily-mae" (two given names, in
 * any case). Places in the list are rule_place's; cities are not reported.
 */
static int rule_hyphen(names_ctx *c, size_t i)
{
    const tact__token *t = nm_tok(c, i);
    if (t->kind != TACT__TOK_WORD || !(t->shape & TACT__SH_HYPHEN) || c->lone ||
        (t->shape & TACT__SH_NONASCII) || t->end - t->start != t->norm_len || t->norm_len > 48)
        return TACT_OK;
    const char *raw = c->sc->text + t->start, *w = c->sc->norm.p + t->norm_off;
    size_t n = t->norm_len, st[8], np = 0;
    st[np++] = 0;
    for (size_t k = 0; k < n; k++) {
        if (raw[k] != '-')
            continue;
        if (np == 7 || k + 1 >= n)
            return TACT_OK;
        st[np++] = k + 1;
    }
    st[np] = n + 1;
    uint32_t whole = nm_lex(c, i);
    if (whole & (TACT__LX_PLACE | TACT__LX_BIGPLACE | TACT__LX_BRAND | TACT__LX_PUBLIC |
                 TACT__LX_STOP))
        return TACT_OK;
    bool up0 = raw[0] >= 'A' && raw[0] <= 'Z';
    if (np >= 3 && up0) {
        size_t last = st[np - 1];
        bool shape = raw[last] >= 'A' && raw[last] <= 'Z';
        for (size_t p = 1; p + 1 < np && shape; p++)
            shape = raw[st[p]] >= 'a' && raw[st[p]] <= 'z' &&
                    particle(w + st[p], st[p + 1] - 1 - st[p]);
        if (shape)
            return tact__nm_emit(c, i, i, TACT_TYPE_LOCATION, 0.7f, "location.hyphen", NULL);
        return TACT_OK;
    }
    if (np != 2 || (whole & TACT__LX_DICT))
        return TACT_OK;
    size_t al = st[1] - 1, bl = n - st[1];
    if (al < 2 || bl < 2)
        return TACT_OK;
    uint32_t ba = tact__lex_get(c->words, w, al), bb = tact__lex_get(c->words, w + st[1], bl);
    /* "mark-up", "rose-gold": two words that are also names need a capital
     * inside a sentence or a verb of saying after them ("tyler-jay said") */
    bool words = (ba & TACT__LX_DICT) && (bb & TACT__LX_DICT);
    if (words && !(up0 && !tact__nm_cap_free(c, i)) && !nm_in(c, i + 1, person_verbs) &&
        !(i + 1 < c->n && nm_tok(c, i + 1)->kind == TACT__TOK_POSS))
        return TACT_OK;
    if (!(ba & TACT__LX_FIRST) || !(bb & TACT__LX_FIRST) ||
        ((ba | bb) & (TACT__LX_STOP | TACT__LX_PLACE | TACT__LX_BIGPLACE | TACT__LX_BRAND |
                      TACT__LX_MONTH | TACT__LX_WEEKDAY)))
        return TACT_OK;
    return tact__nm_emit(c, i, i, TACT_TYPE_PERSON, up0 ? 0.75f : 0.6f, "person.hyphen", NULL);
}

/* ---- places in a post about someone ---------------------------------- */

bool tact__nm_about_someone(const names_ctx *c)
{
    for (size_t k = 0; k < c->sc->ncand; k++) {
        tact_type t = c->sc->cand[k].f.type;
        if (t == TACT_TYPE_PERSON || t == TACT_TYPE_AGE || t == TACT_TYPE_DATE_OF_BIRTH ||
            t == TACT_TYPE_ADDRESS || t == TACT_TYPE_POSTCODE || t == TACT_TYPE_SCHOOL)
            return true;
    }
    return false;
}

/* "#Kirkby", "#Ferndale": a hashtag that is a listed town or district (not
 * a city, region or nation). */
static bool place_hashtag(const names_ctx *c, size_t i)
{
    const tact__token *t = nm_tok(c, i);
    if (t->kind != TACT__TOK_HASHTAG || t->norm_len < 4)
        return false;
    uint32_t b = tact__lex_get(c->words, c->sc->norm.p + t->norm_off + 1, t->norm_len - 1);
    if (!(b & TACT__LX_PLACE) ||
        (b & (TACT__LX_BIGPLACE | TACT__LX_STOP | TACT__LX_BRAND | TACT__LX_PUBLIC)))
        return false;
    /* "#paisley", "#Hope": a town that is also a word or a name needs its
     * capital ("#Paisley") */
    int c0 = (unsigned char)c->sc->text[t->start + 1];
    return !(b & (TACT__LX_DICT | TACT__LX_NAME)) || (c0 >= 'A' && c0 <= 'Z');
}

/*
 * A city named alone identifies nobody ("training in Leeds"), and a town
 * in a hashtag is usually a tag; but in a post that already names, ages or
 * addresses someone, the city the person went to, lives in or goes to
 * school in narrows them down ("he's 15 ... excluded from two schools in
 * Hexham", "Flat 2, Kestrel House, Hull", "#Kirkby"). Runs after the other
 * rules, on their candidates.
 */
int tact__names_case_places(names_ctx *c)
{
    if (c->lone || !tact__nm_about_someone(c))
        return TACT_OK;
    /* Speed: the loop below reports only hashtags and words with
     * TACT__LX_BIGPLACE; without such a word, only the hashtags need
     * visiting, and every hashtag is in c->cuel (nm_cue_own; in order) */
    if (!(c->lxany & TACT__LX_BIGPLACE)) {
        for (size_t h = 0; h < c->ncuel; h++) {
            size_t i = c->cuel[h];
            int rc;
            if (i >= 1 && place_hashtag(c, i) &&
                (rc = tact__nm_emit(c, i, i, TACT_TYPE_LOCATION, 0.6f, "location.hashtag", NULL)))
                return rc;
        }
        return TACT_OK;
    }
    for (size_t i = 1; i < c->n; i++) {
        if (place_hashtag(c, i)) {
            int rc = tact__nm_emit(c, i, i, TACT_TYPE_LOCATION, 0.6f, "location.hashtag", NULL);
            if (rc)
                return rc;
            continue;
        }
        if (!nm_cap(c, i) || !(nm_lex(c, i) & TACT__LX_BIGPLACE) || nm_has(c, i, NL_NATION | NL_COMPASS))
            continue;
        /* "Reading", "Bath": an ordinary word needs a capital that means something */
        if ((nm_lex(c, i) & TACT__LX_DICT) && tact__nm_cap_free(c, i))
            continue;
        bool prep = nm_is(c, i - 1, "in") || nm_is(c, i - 1, "to") || nm_is(c, i - 1, "near") ||
                    nm_is(c, i - 1, "nr") || nm_is(c, i - 1, "from") || nm_is(c, i - 1, "around") ||
                    nm_is(c, i - 1, "outside");
        /* "Flat 2, Kestrel House, Hull": the town of an address */
        bool addr = nm_punct(c, i - 1, ',') && c->sc->ncand > 0;
        if (addr) {
            addr = false;
            for (size_t k = 0; k < c->sc->ncand && !addr; k++)
                addr = c->sc->cand[k].f.type == TACT_TYPE_ADDRESS &&
                       c->sc->cand[k].f.end + 2 >= nm_tok(c, i - 1)->start &&
                       c->sc->cand[k].f.end <= nm_tok(c, i - 1)->start;
        }
        if (!prep && !addr)
            continue;
        /* "Swansea University", "Leeds Beckett", "Cardiff Council": a body
         * named after the city; "in Leeds General": the facility rules' */
        if (i + 1 < c->n && (nm_cap(c, i + 1) || nm_has(c, i + 1, NL_FACILITY)) && !nm_glued(c, i + 1))
            continue;
        if (i + 1 < c->n && nm_word(c, i + 1) && (nm_lex(c, i + 1) & TACT__LX_PLACE))
            continue;
        int rc = tact__nm_emit(c, i, i, TACT_TYPE_LOCATION, 0.55f, "location.case_city",
                               "A city is wide, but next to a name or an age it narrows down who "
                               "this is.");
        if (rc)
            return rc;
    }
    return TACT_OK;
}

int tact__names_shape_scan(names_ctx *c)
{
    /* Speed: without a hyphenated token only rule_family_plural can fire,
     * at a capitalised word: those are in c->capl (in order) */
    if (!(c->shany & TACT__SH_HYPHEN)) {
        for (size_t h = 0; h < c->ncapl; h++) {
            size_t i = c->capl[h];
            const tact__token *t = nm_tok(c, i);
            int rc;
            if (i >= 1 && t->kind == TACT__TOK_WORD && (t->shape & TACT__SH_INITCAP) &&
                t->norm_len >= 5 && c->sc->norm.p[t->norm_off + t->norm_len - 1] == 's' &&
                (rc = rule_family_plural(c, i)))
                return rc;
        }
        return TACT_OK;
    }
    for (size_t i = 0; i < c->n; i++) {
        const tact__token *t = nm_tok(c, i);
        int rc;
        if ((t->shape & TACT__SH_HYPHEN) && (rc = rule_hyphen(c, i)))
            return rc;
        /* (rule_family_plural needs a capital: nm_cap) */
        if (i >= 1 && t->kind == TACT__TOK_WORD && (t->shape & TACT__SH_INITCAP) &&
            t->norm_len >= 5 &&
            c->sc->norm.p[t->norm_off + t->norm_len - 1] == 's' &&
            (rc = rule_family_plural(c, i)))
            return rc;
    }
    return TACT_OK;
}
