/*
 * names.c - people and places in informal text: the driver.
 *
 * A scan marks public names and brands first (names_public.c), then runs
 * the domain cue rules (names_cues.c) and the statistical tagger
 * (tagger.c, model data/models/ner.bin), each reporting person and location
 * candidates; overlap resolution (findings.c) keeps the longest.
 */
#include "names.h"
#include "tinfo.h"

int tact__names_compile(tact_ruleset *rs, tact_error *err)
{
    names_rules *nr = tact__calloc(&rs->a, 1, sizeof *nr);
    if (!nr)
        return TACT_ENOMEM;
    rs->names = nr;
    int rc;
    if ((rc = tact__lex_init(&rs->a, &nr->cue, 256)) ||
        (rc = tact__names_public_lists(&rs->a, &nr->cue)) ||
        (rc = tact__names_cues_lists(&rs->a, &nr->cue)))
        return rc;
    tact__hf_build(&nr->cuef, &nr->cue);
    size_t len;
    const char *d = tact__data_get("ner.bin", &len);
    if (d) {
        tagger_model m;
        if (tact__tagger_load(d, len, &m) != TACT_OK)
            return tact__err(err, TACT_EMODEL, SIZE_MAX, "the built-in name model is corrupt");
        nr->model = tact__malloc(&rs->a, sizeof *nr->model);
        if (!nr->model)
            return TACT_ENOMEM;
        *nr->model = m;
        if ((rc = tact__tagger_pack(&rs->a, nr->model)) != TACT_OK)
            return rc;
    }
    return TACT_OK;
}

void tact__names_free(tact_ruleset *rs)
{
    names_rules *nr = rs->names;
    if (!nr)
        return;
    if (nr->model)
        tact__tagger_unpack(&rs->a, nr->model);
    tact__free(&rs->a, nr->model);
    tact__lex_free(&rs->a, &nr->cue);
    tact__free(&rs->a, nr);
    rs->names = NULL;
}

/* What a scanner keeps from scan to scan (sc->names_scratch): the tagger's
 * cache of word sums, made at the first post that needs it. */
void tact__names_scratch_free(tact_scanner *sc)
{
    tact__free(&sc->a, sc->names_scratch);
    sc->names_scratch = NULL;
}

/* ---- helpers shared by the names files ------------------------------- */

bool tact__nm_cap_free(const names_ctx *c, size_t i)
{
    return tact__tagger_cap_free(c->sc, i);
}

uint32_t tact__nm_bits_parts(const names_ctx *c, size_t i)
{
    const tact__token *t = nm_tok(c, i);
    if (t->lex || !(t->shape & TACT__SH_HYPHEN))
        return t->lex;
    const char *w = c->sc->norm.p + t->norm_off;
    size_t n = t->norm_len, s = 0;
    uint32_t all = TACT__LX_NAME;
    /* "Drop-in", "Check-in", "Follow-up": a part after the hyphen written in
     * lower case that is an ordinary word makes a compound word, not a
     * double-barrelled name ("Mary-Jane", "Lily-Rose") */
    const char *raw = c->sc->text + t->start;
    size_t rn = t->end - t->start;
    bool lower_part = false;
    for (size_t k = 1; k + 1 < rn; k++)
        if (raw[k] == '-' && raw[k + 1] >= 'a' && raw[k + 1] <= 'z')
            lower_part = true;
    while (s < n) {
        size_t e = s;
        while (e < n && w[e] != '-')
            e++;
        uint32_t b = tact__lex_get(c->words, w + s, e - s);
        if (!(b & TACT__LX_NAME) ||
            (lower_part && s > 0 && (b & (TACT__LX_DICT | TACT__LX_STOP))))
            return 0;
        all &= b | TACT__LX_PROPER;
        s = e + 1;
    }
    return all & TACT__LX_NAME;
}

bool tact__nm_weekday_plural(const names_ctx *c, size_t i)
{
    if (!nm_word(c, i))
        return false;
    const tact__token *t = nm_tok(c, i);
    const char *w = c->sc->norm.p + t->norm_off;
    if (t->norm_len < 5 || w[t->norm_len - 1] != 's')
        return false;
    return (tact__lex_get(c->words, w, t->norm_len - 1) & TACT__LX_WEEKDAY) != 0;
}

bool tact__nm_discourse(const names_ctx *c, size_t i)
{
    return nm_has(c, i, NL_DISC) && (!nm_cap(c, i) || tact__nm_cap_free(c, i));
}

/* A short capital joined to "&": "B" of "B&B" (first) or of "A&E" (last). */
static bool amp_letters(const names_ctx *c, size_t k)
{
    return nm_word(c, k) && nm_tok(c, k)->norm_len <= 2 &&
           (nm_tok(c, k)->shape & (TACT__SH_ALLCAP | TACT__SH_ONELETTER));
}

static bool amp_first(const names_ctx *c, size_t k)
{
    return amp_letters(c, k) && nm_punct(c, k + 1, '&') && nm_glued(c, k + 1) &&
           nm_glued(c, k + 2) && amp_letters(c, k + 2);
}

static bool amp_last(const names_ctx *c, size_t k)
{
    return k >= 2 && amp_letters(c, k) && nm_punct(c, k - 1, '&') && nm_glued(c, k - 1) &&
           nm_glued(c, k) && amp_letters(c, k - 2);
}

bool tact__nm_blocked(const names_ctx *c, size_t a, size_t b)
{
    for (size_t k = a; k <= b && k < c->n; k++)
        if (c->block[k])
            return true;
    return false;
}

int tact__nm_emit(names_ctx *c, size_t a, size_t b, tact_type type, float conf, const char *rule,
                  const char *message)
{
    if (a > b || b >= c->n || tact__nm_blocked(c, a, b))
        return TACT_OK;
    /* "B&B", "M&S": letters of an abbreviation, not an initial or a place */
    if (amp_first(c, b) || amp_last(c, a))
        return TACT_OK;
    /* "Irish dancing", "a Welsh nursery": a nationality */
    if (a == b && nm_has(c, a, NL_DEMONYM))
        return TACT_OK;
    /* "on Fridays": a weekday */
    if (a == b && tact__nm_weekday_plural(c, a))
        return TACT_OK;
    /* "Carers Rights Day", "Foster Care Fortnight", "Pride Month": an
     * awareness day or event, not a person or a place */
    /* (not "Kelly Day": after a name that is no ordinary word, Day is a
     * surname) */
    if (b > a && nm_cap(c, b) && !tact__nm_strong_name(c, b - 1) &&
        (nm_is(c, b, "day") || nm_is(c, b, "week") || nm_is(c, b, "fortnight") ||
         nm_is(c, b, "month")))
        return TACT_OK;
    if (nm_cap(c, b + 1) && !nm_glued(c, b + 1) && !tact__nm_strong_name(c, b) &&
        (nm_is(c, b + 1, "day") || nm_is(c, b + 1, "week") || nm_is(c, b + 1, "fortnight") ||
         nm_is(c, b + 1, "month")))
        return TACT_OK;
    if (type == TACT_TYPE_PERSON) {
        /* "Ok I'll say it", "Hi Dave": a discourse word is not part of a
         * name; what follows must be a name on its own */
        size_t a0 = a;
        while (a <= b && tact__nm_discourse(c, a))
            a++;
        if (a > b)
            return TACT_OK;
        if (a > a0) {
            uint32_t bits = tact__nm_bits(c, a);
            if (!nm_word(c, a) || (bits & TACT__LX_STOP) || !(nm_cap(c, a) || tact__nm_strong_name(c, a)) ||
                ((nm_tok(c, a)->shape & TACT__SH_APOS) && !(bits & TACT__LX_NAME)) ||
                ((bits & TACT__LX_DICT) && !(bits & TACT__LX_NAME) && a == b))
                return TACT_OK;
        }
        /* "St Bede's", "Saint Aidan": a school, church or place named after
         * a saint, not a person */
        if (nm_has(c, a, NL_SAINT) || (a > 0 && nm_has(c, a - 1, NL_SAINT)) ||
            (a > 1 && nm_punct(c, a - 1, '.') && nm_has(c, a - 2, NL_SAINT)))
            return TACT_OK;
    }
    tact_scanner *sc = c->sc;
    int rc = tact__add(sc, sc->toks[a].start, sc->toks[b].end, type, -1, conf, rule, message, NULL);
    if (rc)
        return rc;
    sc->cand[sc->ncand - 1].tok_first = (uint32_t)a;
    sc->cand[sc->ncand - 1].tok_last = (uint32_t)b;
    return TACT_OK;
}

/* ---- the tagger's spans ------------------------------------------------ */

/* Most of the post's letters are capitals (at least three words in
 * capitals and none in lower case other than short ones). */
static bool shouting(const names_ctx *c)
{
    size_t caps = 0, lower = 0;
    for (size_t k = 0; k < c->n; k++) {
        const tact__token *t = nm_tok(c, k);
        if (t->kind != TACT__TOK_WORD)
            continue;
        if (t->shape & TACT__SH_ALLCAP)
            caps++;
        else if ((t->shape & TACT__SH_LOWER) && t->norm_len > 2)
            lower++;
    }
    return caps >= 2 && caps > 2 * lower;
}

/* shouting(c), worked out at its first use in a scan and kept in *memo
 * (-1: not yet): it is the same for every span, and a walk over every
 * token per span made long posts quadratic. */
static bool shouting_memo(const names_ctx *c, int *memo)
{
    if (*memo < 0)
        *memo = shouting(c);
    return *memo != 0;
}

/* Whether a tagged span is worth reporting: the model is trained on tweets
 * about celebrities and football as much as on people next door, so spans
 * that are only ordinary words, brands or big places are dropped. *shout
 * is the scan's shouting_memo. */
static bool tagger_span_ok(const names_ctx *c, size_t a, size_t b, int tag, int *shout)
{
    bool any_capital_or_name = false;
    for (size_t k = a; k <= b; k++) {
        const tact__token *t = nm_tok(c, k);
        if (t->kind != TACT__TOK_WORD)
            return false;
        uint32_t bits = tact__nm_bits(c, k);
        if (bits & (TACT__LX_BRAND | TACT__LX_MONTH | TACT__LX_WEEKDAY))
            return false;
        if (nm_cap(c, k) || (tag == TG_BPER && tact__nm_strong_name(c, k)))
            any_capital_or_name = true;
    }
    if (!any_capital_or_name)
        return false;
    /* "Judge today had ...", "Manager said ...": a role or title alone at
     * the start of a sentence is not a name */
    if (a == b && ((nm_lex(c, a) & (TACT__LX_ROLE | TACT__LX_KIN | TACT__LX_TITLE)) ||
                   nm_is(c, a, "chief")))
        return false;
    /* "PMQs", "CAMHS", "NSPCC": acronyms of bodies and events, not people
     * or places (a listed place in capitals is left to the place rules) */
    /* but "PLEASE JUSTIN!", "THANKS OBAMA": a known name in capitals in a
     * post written in capitals is still a name */
    if (a == b && !(nm_lex(c, a) & TACT__LX_PLACE) &&
        !(tag == TG_BPER && tact__nm_strong_name(c, a) && shouting_memo(c, shout))) {
        const tact__token *t = nm_tok(c, a);
        int upper = 0;
        for (size_t p = t->start; p < t->end && upper < 2; p++)
            upper += c->sc->text[p] >= 'A' && c->sc->text[p] <= 'Z';
        if (upper >= 2)
            return false;
    }
    if (tag == TG_BLOC && a == b && (nm_lex(c, a) & TACT__LX_BIGPLACE))
        return false;
    /* "Key message: ...", "Top tip: ...": an ordinary word opening a
     * heading of two words before a colon, not a name */
    if (a == b && (nm_lex(c, a) & TACT__LX_DICT) && tact__nm_cap_free(c, a) && nm_word(c, a + 1) &&
        !nm_cap(c, a + 1) && (nm_lex(c, a + 1) & TACT__LX_DICT) && nm_punct(c, a + 2, ':'))
        return false;
    /* "Northern Ireland Social Care Council", "Cardiff Met", "Chester Zoo":
     * a body, a university or an attraction named after a place */
    if (tag == TG_BLOC && b > a &&
        (nm_is(c, b, "council") || nm_is(c, b, "university") || nm_is(c, b, "uni") ||
         nm_is(c, b, "college") || nm_is(c, b, "met") || nm_is(c, b, "government") ||
         nm_is(c, b, "services") || nm_is(c, b, "service") || nm_is(c, b, "trust") ||
         nm_is(c, b, "board") || nm_is(c, b, "commission") || nm_is(c, b, "inspectorate") ||
         nm_is(c, b, "authority") || nm_is(c, b, "partnership") || nm_is(c, b, "police") ||
         nm_is(c, b, "constabulary") || nm_is(c, b, "zoo") || nm_is(c, b, "aquarium") ||
         nm_is(c, b, "museum") || nm_is(c, b, "gallery") || nm_is(c, b, "pier") ||
         nm_is(c, b, "wonderland")))
        return false;
    /* "a day at Pride", "the Fringe": an event */
    if (tag == TG_BLOC && nm_has(c, a, NL_EVENT | NL_EVENTW) && (a == b || !nm_cap(c, a + 1)))
        return false;
    /* "a Welsh nursery", "the Polish shop": a nationality, not a place */
    if (tag == TG_BLOC && nm_has(c, a, NL_DEMONYM) && (a == b || !nm_cap(c, a + 1)))
        return false;
    /* "Albert Hall", "Ashley House": a building or a body, not a person */
    if (tag == TG_BPER && b > a &&
        (nm_is(c, b, "hall") || nm_is(c, b, "house") || nm_is(c, b, "centre") ||
         nm_is(c, b, "center") || nm_is(c, b, "lodge") || nm_is(c, b, "school") ||
         nm_is(c, b, "academy") || nm_is(c, b, "college") || nm_is(c, b, "university") ||
         nm_is(c, b, "hospital") || nm_is(c, b, "trust") || nm_is(c, b, "council") ||
         nm_is(c, b, "church") || nm_is(c, b, "surgery") || nm_is(c, b, "clinic") ||
         nm_is(c, b, "stadium") || nm_is(c, b, "arena") || nm_is(c, b, "theatre")))
        return false;
    /* "Albert Hall", "Rowan House", "Clifton Street": a building, a body or
     * an address, not a person */
    if (tag == TG_BPER && b + 1 < c->n && !nm_glued(c, b + 1) &&
        (nm_has(c, b + 1, NL_ORG) || (nm_lex(c, b + 1) & TACT__LX_STREET)))
        return false;
    return true;
}

/* "a 14 year old, Callum,", "Gloria, DOB ...": a span the tagger takes for
 * a place that is a listed given name and nothing else (alone or with an
 * initial), not after a preposition of place, in a post about someone, is
 * a person. */
static bool given_not_place(const names_ctx *c, size_t a, size_t b, int *about)
{
    if (b > a + 1 || (b > a && !(nm_tok(c, b)->shape & TACT__SH_ONELETTER)))
        return false;
    if (!nm_word(c, a) || nm_tok(c, a)->norm_len < 3)
        return false;
    uint32_t bits = tact__nm_bits(c, a);
    if (!(bits & TACT__LX_FIRST) || (bits & (NOT_A_NAME | TACT__LX_PUBLIC)))
        return false;
    static const char *const preps[] = {"in", "at", "near", "to", "from", "around", "outside",
                                        "into", "via", "nr", "of", "round", NULL};
    /* "shout out to Dionne", "thanks to Pat": a person after all */
    static const char *const greet[] = {"out",   "thanks",   "congrats", "congratulations",
                                        "shoutout", "shout-out", "cheers", NULL};
    if (a > 1 && nm_is(c, a - 1, "to") && nm_in(c, a - 2, greet))
        return true;
    /* said to someone: "rest in peace Callum", "happy birthday Gladys",
     * "thank you Florence", "well done Jay" */
    static const char *const said_to[] = {"peace",  "rip",   "birthday", "bday", "done",
                                          "thanks", "congrats", "congratulations", "you",
                                          "night",  "bye",   "goodbye",  NULL};
    if (a > 0 && nm_in(c, a - 1, said_to))
        return true;
    if (a > 0 && nm_in(c, a - 1, preps))
        return false;
    /* a name that is no place, word or proper noun in any list */
    if (!(bits & (TACT__LX_PLACE | TACT__LX_BIGPLACE | TACT__LX_PROPER | TACT__LX_DICT)))
        return true;
    /* only in a post already about someone by the structured detectors:
     * an age, a date of birth, a school, an address, a number ("Israel" or
     * "Florence" in a post about the news or a trip is a place) */
    /* (the same for every span of a scan: the names rules add only people
     * and places, so the walk over the candidates is made once, *about:
     * -1 not yet; on a long post it made the tagger's loop quadratic) */
    if (*about < 0) {
        *about = 0;
        for (size_t k = 0; k < c->sc->ncand && !*about; k++) {
            tact_type t = c->sc->cand[k].f.type;
            if (t == TACT_TYPE_AGE || t == TACT_TYPE_DATE_OF_BIRTH || t == TACT_TYPE_SCHOOL ||
                t == TACT_TYPE_ADDRESS || t == TACT_TYPE_NHS_NUMBER ||
                t == TACT_TYPE_NI_NUMBER || t == TACT_TYPE_CASE_REFERENCE)
                *about = 1;
        }
    }
    return *about != 0;
}

/*
 * The tokens worth tagging (names_ctx.sel, marked by tact__names_scan):
 * tagger_span_ok takes a span only when one of its words has an initial
 * capital (nm_cap) or is a strong name (tact__nm_strong_name: TACT__LX_NAME
 * and none of NOT_A_NAME in tact__nm_bits, which are the token's lexicon
 * bits, or for an unlisted hyphenated word those of its parts), and a span
 * never crosses a token the tagger skips (those are TG_O). So a run of
 * tokens between skipped tokens with no such word (sel_word) cannot give a
 * finding, whatever its tags: it is left out (the tags of the runs kept do
 * not change, decoding restarts after each skipped token). The tokens of a
 * kept run after its last such word are marked 2 (its tail): a span that
 * starts in the tail cannot be reported either, so the tail is tagged only
 * as far as a span from before it goes on (tact__tagger_tag_sel).
 */
static inline bool sel_word(const tact__token *t)
{
    /* (a word with lexicon bits is a strong name by those bits alone:
     * tact__nm_bits; a name that is also an ordinary word in lower case,
     * "will", "hope", "may", is neither, and a run of such words is not
     * tagged) */
    return t->kind == TACT__TOK_WORD &&
           ((t->shape & TACT__SH_INITCAP) ||
            ((t->lex & TACT__LX_NAME) && !(t->lex & NOT_A_NAME) && t->norm_len >= 2) ||
            (!t->lex && (t->shape & TACT__SH_HYPHEN)));
}

/* Marks the run of tokens a .. e-1 (between skipped tokens) whose last
 * such word is last (SIZE_MAX: none; sel is zeroed before, so a run left
 * out is left as it is). (inline: called for most runs of a post) */
static inline void sel_run(names_ctx *c, size_t a, size_t e, size_t last)
{
    if (last == SIZE_MAX)
        return;
    /* (runs are short: a loop, not memset calls) */
    for (size_t i = a; i < e; i++) {
        c->sel[i] = (uint8_t)(i <= last ? 1 : 2);
        c->sell[c->nsell++] = (uint32_t)i;
    }
    c->sel_any = true;
}

/*
 * Speed: the runs of c->sel trimmed by the tokens names_public.c blocked.
 * A span the tagger finds is reported only when it holds a word of
 * sel_word (see above) and no blocked token (tact__nm_emit), so a blocked
 * word of sel_word cannot make a run worth tagging: each run's tail starts
 * after its last such word that is not blocked, and a run with none is
 * left out (as in sel_run). The tokens still tagged get the same tags
 * (tact__tagger_tag_list: decoding runs left to right, a tail is tagged as
 * far as a span from before it goes on). Runs are the stretches of
 * consecutive tokens in c->sell: a skipped token separates two runs.
 */
static void sel_unblocked(names_ctx *c)
{
    const tact__token *toks = c->sc->toks;
    const uint8_t *block = c->block;
    uint32_t *sell = c->sell;
    uint8_t *sel = c->sel;
    size_t nsell = c->nsell, w = 0;
    for (size_t h = 0; h < nsell;) {
        size_t e = h + 1; /* the run: sell[h .. e-1] */
        while (e < nsell && sell[e] == sell[e - 1] + 1)
            e++;
        size_t last = SIZE_MAX;
        for (size_t k = e; k-- > h;) {
            uint32_t i = sell[k];
            if (!block[i] && sel_word(&toks[i])) {
                last = i;
                break;
            }
        }
        for (size_t k = h; k < e; k++) {
            uint32_t i = sell[k];
            if (last == SIZE_MAX) {
                sel[i] = 0;
                continue;
            }
            if (i > last)
                sel[i] = 2;
            sell[w++] = i;
        }
        h = e;
    }
    c->nsell = w;
    c->sel_any = w > 0;
}

static int tagger_scan(names_ctx *c)
{
    const tagger_model *m = c->nr->model;
    if (!m || c->n == 0)
        return TACT_OK;
    uint8_t *sel = c->sel;
    if (c->blocked_any && c->sel_any)
        sel_unblocked(c);
    if (!c->sel_any)
        return TACT_OK; /* no span the tagger could find would be reported */
    float *margin = c->margin;
    uint8_t *tags = c->tags;
    tagger_cache *cache = c->sc->names_scratch;
    if (!cache) {
        cache = tact__calloc(&c->sc->a, 1, sizeof *cache);
        if (!cache)
            return TACT_ENOMEM;
        c->sc->names_scratch = cache;
    }
    tact__tagger_tag_list(m, c->sc, cache, sel, c->sell, c->nsell, tags, margin);
    int shout = -1; /* shouting(c), once known */
    int about = -1; /* the post is about someone (given_not_place), once known */
    for (size_t i = 0; i < c->n; i++) {
        /* speed: most tags are TG_O (0): 8 of them at a time */
        while (i + 8 <= c->n) {
            uint64_t x;
            memcpy(&x, tags + i, sizeof x);
            if (x)
                break;
            i += 8;
        }
        if (i >= c->n)
            break;
        if (tags[i] != TG_BPER && tags[i] != TG_BLOC)
            continue;
        int inside = tags[i] == TG_BPER ? TG_IPER : TG_ILOC;
        size_t e = i;
        float mn = margin[i];
        while (e + 1 < c->n && tags[e + 1] == inside) {
            e++;
            if (margin[e] < mn)
                mn = margin[e];
        }
        if (tagger_span_ok(c, i, e, tags[i], &shout)) {
            /* margin in weight units to a rough confidence */
            float conf = 0.5f + mn / (mn + 4.f) * 0.45f;
            /* "Lyme Regis" tagged as a person: a listed place */
            bool listed = e > i && tact__nm_multi_place(c, i) == e;
            bool per = !listed && (tags[i] == TG_BPER || given_not_place(c, i, e, &about));
            int rc = tact__nm_emit(c, i, e, per ? TACT_TYPE_PERSON : TACT_TYPE_LOCATION, conf,
                                   per ? "person.tagger" : "location.tagger", NULL);
            if (rc)
                return rc;
        }
        i = e;
    }
    return TACT_OK;
}

/* "residents Pam and Bernard", "Shaz & Dean": a capitalised given name
 * joined by "and" to a person already found is a person too (the tagger
 * often takes only one of a pair). Not at the start of a sentence, not a
 * word of the stop, month, weekday or place lists. */
static bool coord_name(const names_ctx *c, size_t k)
{
    if (k >= c->n || !nm_word(c, k) || !nm_cap(c, k) || tact__nm_cap_free(c, k) ||
        (nm_tok(c, k)->shape & TACT__SH_ONELETTER))
        return false;
    uint32_t b = tact__nm_bits(c, k);
    return (b & TACT__LX_NAME) &&
           !(b & (TACT__LX_STOP | TACT__LX_MONTH | TACT__LX_WEEKDAY | TACT__LX_PLACE |
                  TACT__LX_BIGPLACE | TACT__LX_BRAND | TACT__LX_TITLE | TACT__LX_KIN |
                  TACT__LX_ROLE | TACT__LX_STREET | TACT__LX_PUBLIC));
}

static int names_coord(names_ctx *c, size_t before)
{
    tact_scanner *sc = c->sc;
    size_t n = sc->ncand;
    for (size_t k = before; k < n; k++) {
        const tact__finding *f = &sc->cand[k];
        if (f->f.type != TACT_TYPE_PERSON || f->tok_first == UINT32_MAX || f->tok_first != f->tok_last)
            continue;
        size_t a = f->tok_first;
        int rc = TACT_OK;
        if (a >= 2 && (nm_is(c, a - 1, "and") || nm_punct(c, a - 1, '&')) && coord_name(c, a - 2))
            rc = tact__nm_emit(c, a - 2, a - 2, TACT_TYPE_PERSON, 0.6f, "person.pair", NULL);
        if (rc == TACT_OK && (nm_is(c, a + 1, "and") || nm_punct(c, a + 1, '&')) &&
            coord_name(c, a + 2) && !nm_glued(c, a + 2))
            rc = tact__nm_emit(c, a + 2, a + 2, TACT_TYPE_PERSON, 0.6f, "person.pair", NULL);
        if (rc)
            return rc;
    }
    return TACT_OK;
}

void tact__nm_head_probes(names_ctx *c, size_t i, uint32_t v[3])
{
    for (size_t k = 0; k < c->nhv; k++) {
        if (c->hv_tok[k] == i) {
            v[0] = c->hv[k][0];
            v[1] = c->hv[k][1];
            v[2] = c->hv[k][2];
            return;
        }
    }
    v[0] = v[1] = v[2] = 0;
    /* the key: the words joined by spaces, up to KEY_MAX - 1 bytes, hashed
     * a word at a time (tact__lex_probe reads only the hash) */
    enum { KEY_MAX = 128 };
    uint64_t hs = TACT__FNV0;
    size_t kl = 0;
    for (size_t j = i; j < c->n && j < i + 4; j++) {
        const tact__token *t = nm_tok(c, j);
        /* "King's Lynn", "St David's": the possessive is a token of its
         * own, joined to the word before it without a space */
        bool poss = t->kind == TACT__TOK_POSS && j > i && nm_glued(c, j);
        if ((t->kind != TACT__TOK_WORD && !poss) || kl + t->norm_len + 1 >= KEY_MAX)
            break;
        if (j > i && !poss) {
            hs = (hs ^ (unsigned char)' ') * 0x100000001b3ull;
            kl++;
        }
        hs = tact__fnv_more(hs, c->sc->norm.p + t->norm_off, t->norm_len);
        kl += t->norm_len;
        if (j > i)
            v[j - i - 1] = tact__lex_probe(c->words, tact__fnv_finish(hs));
    }
    if (c->nhv < NM_HEADS) {
        c->hv_tok[c->nhv] = (uint32_t)i;
        c->hv[c->nhv][0] = v[0];
        c->hv[c->nhv][1] = v[1];
        c->hv[c->nhv][2] = v[2];
        c->nhv++;
    }
}

int tact__names_scan(tact_scanner *sc)
{
    names_ctx c = {sc,   &sc->rs->words, sc->rs->names, NULL, sc->ntoks, NULL, 0, false, 0,
                   false, NULL,          0,             0,    NULL,      0,    NULL, 0, NULL, false,
                   NULL,  0,             false,         0,    {0},       {{0}}, NULL,
                   NULL,  NULL,          false};
    if (!c.nr || sc->ntoks == 0)
        return TACT_OK;
    /* the per-token arrays in one piece of scratch (speed: one call): the
     * five of uint32_t first, the tagger's margins, then the four of
     * bytes (block, per, sel, tags) */
    size_t nt = sc->ntoks;
    uint32_t *u32 = tact__scratch(sc, nt * (5 * sizeof(uint32_t) + sizeof(float) + 4) + 1);
    if (!u32)
        return TACT_ENOMEM;
    c.cls = u32;
    c.capl = u32 + nt;
    c.lstl = u32 + 2 * nt;
    c.cuel = u32 + 3 * nt;
    c.sell = u32 + 4 * nt;
    c.margin = (float *)(void *)(u32 + 5 * nt);
    c.block = (uint8_t *)(void *)(c.margin + nt);
    c.per = c.block + nt; /* (zeroed with block, below, as sel) */
    c.sel = c.per + nt + 1;
    c.tags = c.sel + nt;
    bool cue_prev = false; /* a cue rule may start at the token before (c.cuel) */
    bool lst_prev = false; /* the token before has a list bit of c.lstl */
    size_t run = 0, run_last = SIZE_MAX; /* the run of c.sel being read, its last such word */
    size_t words = 0; /* word tokens */
    memset(c.block, 0, 3 * sc->ntoks + 1);
    /* list membership of every token, once (see nm_has), and the lists of
     * the tokens later passes start from. Speed: one switch on the kind
     * of the token; what each kind cannot have is left out (a token that
     * is neither a word nor punctuation has no list bits, cl == 0; the
     * tagger skips every punctuation and possessive token and no number,
     * and takes every alnum and hashtag token; nm_cue_own of a token that
     * is not a word is its tests for a hashtag and '('). Counters and
     * unions are kept in locals and stored after the loop. */
    const size_t n = sc->ntoks;
    const char *norm = sc->norm.p;
    const tact__hfilter *cuef = &c.nr->cuef;
    /* the cue values of every token (the TI_CUE_MASK bits of tinfo.h),
     * worked out at tokenize; without them, here (the filter answers "in
     * no list" for most tokens without the probe, and never for a token
     * that is in one: idents_filter.h) */
    const uint64_t *tiv =
        sc->tinfo && sc->rs->tinfo && sc->rs->tinfo->cue == &c.nr->cue ? sc->tinfo : NULL;
    if (!tiv) {
        uint64_t *cv = tact__scratch(sc, (n ? n : 1) * sizeof *cv);
        if (!cv)
            return TACT_ENOMEM;
        for (size_t i = 0; i < n; i++) {
            const tact__token *t = &sc->toks[i];
            cv[i] = t->norm_len && tact__hf_maybe(cuef, t->hash)
                        ? tact__lex_probe(&c.nr->cue, t->hash)
                        : 0;
        }
        tiv = cv;
    }
    uint32_t lxany = 0, shany = 0, any = 0;
    bool numtok = false, has_my = false;
    const uint64_t h_my = tact__hash_inl("my", 2);
    /* (a '(' token has the hash of "(", and a "dr" that of "dr": the tests
     * of their bytes run only for a token with that hash) */
    const uint64_t h_paren = tact__hash_inl("(", 1), h_dr = tact__hash_inl("dr", 2);
    size_t ncapl = 0, nlstl = 0, ncuel = 0;
    /* (in locals: sel_run's calls in the loop change none of them) */
    const tact__token *const toks = sc->toks;
    uint32_t *const cls = c.cls, *const capl = c.capl, *const lstl = c.lstl, *const cuel = c.cuel;
    for (size_t i = 0; i < n; i++) {
        const tact__token *t = &toks[i];
        uint32_t cl = 0, lx = t->lex;
        unsigned sh = t->shape;
        size_t len = t->norm_len;
        const char *w = norm + t->norm_off;
        bool own, skip, cap = false, paren = false, poss = false;
        lxany |= lx;
        shany |= sh;
        switch (t->kind) {
        case TACT__TOK_WORD:
            words++;
            /* (only a word's normal form is "my": mark_own_family's test,
             * a token whose hash is that of "my") */
            has_my |= t->hash == h_my;
            /* (tiv: its cue value, worked out before the loop) */
            if (len)
                cl = (uint32_t)(tiv[i] & TI_CUE_MASK);
            cap = (sh & TACT__SH_INITCAP) != 0;
            own = nm_cue_own(sc, t, cl);
            skip = (lx & TACT__LX_STOP) && (sh & TACT__SH_LOWER);
            if (!skip && sel_word(t))
                run_last = i;
            break;
        case TACT__TOK_PUNCT:
            if (len) {
                cl = (uint32_t)(tiv[i] & TI_CUE_MASK);
                if ((unsigned char)(w[0] - '0') < 10u)
                    numtok = true;
            }
            paren = t->hash == h_paren && t->end - t->start == 1 && sc->text[t->start] == '(';
            own = (cl & (NL_NICK | NL_PLACEPREP)) || paren;
            skip = true;
            break;
        default:
            if (len && (unsigned char)(w[0] - '0') < 10u)
                numtok = true;
            poss = t->kind == TACT__TOK_POSS;
            own = t->kind == TACT__TOK_HASHTAG;
            skip = t->kind != TACT__TOK_ALNUM && t->kind != TACT__TOK_HASHTAG;
            break;
        }
        cls[i] = cl;
        any |= cl;
        if (cap || (cl & (NL_VERSUS | NL_INTRO | NL_PTITLE | NL_WORSHIP)) ||
            (len == 2 && t->hash == h_dr && w[0] == 'd' && w[1] == 'r'))
            capl[ncapl++] = (uint32_t)i;
        if (i > 0) {
            /* (a token before a possessive: added at the possessive) */
            if (lst_prev || poss)
                lstl[nlstl++] = (uint32_t)(i - 1);
            /* the token before is a cue start (nm_cue_own) also when it is
             * a word followed by a possessive or '(' with a token after
             * it, or a lower-case word followed by a family noun */
            const tact__token *p = t - 1;
            /* (speed: the test needs one of poss, paren or a family noun,
             * which most tokens are not: asked first) */
            if (!cue_prev && (poss || paren || (cl & NL_FAMILY)) && p->kind == TACT__TOK_WORD &&
                ((i + 1 < n && (poss || paren)) || ((p->shape & TACT__SH_LOWER) && (cl & NL_FAMILY))))
                cue_prev = true;
            if (cue_prev)
                cuel[ncuel++] = (uint32_t)(i - 1);
        }
        lst_prev = (lx & (TACT__LX_PUBLIC | TACT__LX_BRAND | TACT__LX_HEAD)) != 0;
        cue_prev = own;
        /* the runs of tokens the tagger does not skip (c.sel) */
        if (skip) {
            if (run < i)
                sel_run(&c, run, i, run_last);
            run = i + 1;
            run_last = SIZE_MAX;
        }
    }
    c.lxany = lxany;
    c.shany = shany;
    c.any = any;
    c.numtok = numtok;
    c.has_my = has_my;
    c.ncapl = ncapl;
    c.nlstl = nlstl;
    c.ncuel = ncuel;
    if (lst_prev)
        c.lstl[c.nlstl++] = (uint32_t)(sc->ntoks - 1);
    if (cue_prev)
        c.cuel[c.ncuel++] = (uint32_t)(sc->ntoks - 1);
    if (run < sc->ntoks)
        sel_run(&c, run, sc->ntoks, run_last);
    tact__names_public_mark(&c);
    /* a post of one word ("Dave", "Kelly!") says nothing about anyone: the
     * name rules and the tagger need some context */
    c.lone = words < 2;
    size_t first = sc->ncand;
    int rc = tact__names_cues_scan(&c);
    if (rc == TACT_OK && !c.lone)
        rc = tact__names_shape_scan(&c);
    if (rc == TACT_OK && !c.lone)
        rc = tagger_scan(&c);
    if (rc == TACT_OK && !c.lone)
        rc = names_coord(&c, first);
    if (rc == TACT_OK)
        rc = tact__names_case_places(&c);
    return rc;
}
