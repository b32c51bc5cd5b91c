/*
 * names_cues.c - cue rules written for practitioners' posts: the words
 * around a name that say "this is a person I work with" even when the name
 * is in lower case, a nickname or an initial.
 *
 *   titles            "Mr Kowalski", "Mrs B", "mrs doreen pike"
 *   kin and roles     "her mum Kelly", "dad's new partner Shaz",
 *                     "key worker Jess", "daughter Pat", "spoons dave"
 *   nicknames         "little J", "Big Mick", "our reece", "baby Ruby-Mae"
 *   families          "the Mahmood family", "the Dyer kids"
 *   initials          "J (7)", "P.D.", "(initials LT)", "Kai (KJ ...)"
 *   owners, ages      "Tyler's nan", "Mia's LAC review", "Ava (9)"
 *   hashtags          "#justiceforkayleigh", "#RIPjayden"
 *   descriptions      "the one-legged bloke who sits outside ..."
 *   names             a known given name that is not an ordinary word
 *   places            listed places, and capitalised words after "in",
 *                     "near", "at" ..., "X estate", "Leeds General"
 */
#include "names.h"

/* Adjectives of endearment or size used as part of a nickname. */
static const char *const nick_adj[] = {"little", "lil", "big",  "our", "baby", "young",
                                       "wee",    "old", "auld", "bab", NULL};
/* Nouns after a surname that make it a family. */
static const char *const family_nouns[] = {"family",   "families", "kids",      "children", "boys",
                                           "girls",    "twins",    "household", "clan",     "lot",
                                           "brothers", "sisters",  "siblings",  "sibs",
                                           /* "the Morrison file", "the Doyle case" */
                                           "file",     "case",     "referral",  NULL};
/* Person nouns in a description. */
static const char *const person_nouns[] = {"bloke", "fella",  "feller",    "man",  "woman",
                                           "lad",   "lady",   "guy",       "girl", "boy",
                                           "chap",  "geezer", "gentleman", NULL};
/* Words that can follow a place to make a longer place. */
static const char *const facility[] = {
    "bus",    "coach",    "train",       "station", "general", "infirmary", "hospital", "royal",
    "park",   "centre",   "center",      "estate",  "common",  "green",     "library",  "precinct",
    "retail", "shopping", "magistrates", "police",  "court",   "courts",    "a&e",      "services",
    "high",   "harbour",  "docks",       "quay",    "village", NULL};
/* Nouns after a capitalised word that make it an area ("the Pinewood
 * site": a Traveller site or a caravan site). */
static const char *const area_nouns[] = {"estate", "patch",  "area",  "ward", "flats",
                                         "tower",  "towers", "court", "site", NULL};
/* Words after a capitalised run that make it an organisation, a building
 * or an address rather than a person: "Ashdown County Council"; "Children
 * and Young People" is a service's name, not a nickname ("people" is a
 * surname in npm humannames). */
static const char *const org_words[] = {
    "council",    "county", "borough",  "centre",      "center",  "home",       "house",
    "lodge",      "school", "primary",  "academy",     "college", "university", "hospital",
    "trust",      "team",   "services", "service",     "court",   "ltd",        "group",
    "foundation", "church", "surgery",  "practice",    "nursery", "club",       "fc",
    "united",     "city",   "park",     "station",     "unit",    "ward",       "clinic",
    "hall",       "hub",    "project",  "partnership", "inquiry", "review",     "award",
    "estate",     "people",
    /* venues (twenty-ninth session: "Team lunch at the Harbour Café") */
    "cafe",       "café",   "restaurant", "bistro",    "pub",     "inn",        "tavern",
    "hotel",      "bakery", "deli",     "tearoom",     "tearooms", "brewery",   "gallery",
    "museum",     "library", "theatre", "cinema",      NULL};
/* Venue words that end a capitalised run that is then no person ("the
 * Harbour Café"), unlike "hall" or "house" (Steve Hall, Emma House). */
static const char *const venue_words[] = {
    "cafe",   "café",    "restaurant", "bistro",  "pub",     "inn",    "tavern", "hotel",
    "bakery", "deli",    "tearoom",    "tearooms", "brewery", "museum", "theatre", "cinema",
    NULL};

/* First words of village and district names: "Little Haddow", "Upper
 * Brockley", "Long Ashby". */
static const char *const place_prefix[] = {
    "little",  "great", "upper",  "lower",  "nether", "long",   "high",   "old",      "east",
    "west",    "north", "south",  "kings",  "market", "church", "castle", "chipping", "steeple",
    "bishops", "much",  "higher", "middle", "far",    "low",    NULL};
/* Verbs before "to" that make it a place cue: "moved to Fenwick". */
static const char *const move_verbs[] = {"moved",     "move",       "moving",   "moves",
                                         "relocated", "relocating", "relocate", "transferred",
                                         "emigrated", "rehoused",   "rehouse",  NULL};

/* Hashtag prefixes that wrap a person's name, with their lengths
 * (rule_hashtag tries every prefix on every hashtag): "#justiceforjay",
 * "#teambrodie" (a child cheered on; "#teamwork" and "#teamgb" are not
 * names). */
static const struct tag_prefix {
    const char *s;
    size_t n;
} tag_prefix[] = {
    {"justicefor", 10}, {"prayfor", 7},      {"ripbig", 6},         {"riplittle", 9},
    {"rip", 3},         {"findmy", 6},       {"find", 4},           {"missing", 7},
    {"bringhome", 9},   {"bringback", 9},    {"remembering", 11},   {"welcomehome", 11},
    {"getwell", 7},     {"getwellsoon", 11}, {"happybirthday", 13}, {"love", 4},
    {"team", 4},        {NULL, 0}};

/* End of a name that starts at token a: through capitalised words that can
 * continue a name, at most three words in all. */
static size_t name_run(const names_ctx *c, size_t a)
{
    size_t e = a;
    while (e + 1 < c->n && e < a + 2 && !nm_glued(c, e + 1) && !nm_has(c, e + 1, NL_ORG) &&
           tact__nm_surname_like(c, e + 1) && nm_cap(c, a))
        e++;
    return e;
}

/* True when the words before token i say a place follows: "in", "near",
 * "around", "outside", "moved to". */
static bool place_cue_before(const names_ctx *c, size_t i)
{
    if (i == 0)
        return false;
    if (nm_is(c, i - 1, "in") || nm_is(c, i - 1, "near") || nm_is(c, i - 1, "around") ||
        nm_is(c, i - 1, "outside") || nm_is(c, i - 1, "nr"))
        return true;
    return nm_is(c, i - 1, "to") && i >= 2 && nm_in(c, i - 2, move_verbs);
}

/* "Little Haddow", "Upper Brockley-on-Wyre" at token i: a capitalised place
 * prefix and a capitalised word that is not an ordinary word, a possessive
 * or a big place ("North Wales" is a region). Only called after a place
 * cue. Returns the last token or SIZE_MAX. */
static size_t prefixed_place(const names_ctx *c, size_t i)
{
    if (!nm_cap(c, i) || !nm_in(c, i, place_prefix) || !nm_cap(c, i + 1) || nm_glued(c, i + 1) ||
        (nm_tok(c, i + 1)->shape & (TACT__SH_ONELETTER | TACT__SH_ALLCAP)))
        return SIZE_MAX;
    uint32_t b = tact__nm_bits(c, i + 1);
    if (b & (TACT__LX_STOP | TACT__LX_MONTH | TACT__LX_WEEKDAY | TACT__LX_TITLE | TACT__LX_KIN |
             TACT__LX_BRAND | TACT__LX_BIGPLACE | TACT__LX_ROLE))
        return SIZE_MAX;
    if ((b & TACT__LX_DICT) && !(b & TACT__LX_PLACE))
        return SIZE_MAX;
    /* "in Little Jay's room": a nickname after all */
    if (i + 2 < c->n && nm_tok(c, i + 2)->kind == TACT__TOK_POSS)
        return SIZE_MAX;
    if (nm_in(c, i + 1, place_prefix))
        return SIZE_MAX;
    return i + 1;
}

/* A token that can be a name after a cue: a capitalised name-like word, a
 * single capital, or a lower-case word that is only a name. */
static bool cue_target(const names_ctx *c, size_t k)
{
    if (!nm_word(c, k))
        return false;
    uint32_t b = tact__nm_bits(c, k);
    if (b & (TACT__LX_STOP | TACT__LX_MONTH | TACT__LX_WEEKDAY | TACT__LX_KIN | TACT__LX_TITLE |
             TACT__LX_BRAND | TACT__LX_BIGPLACE))
        return false;
    /* "I'm", "don't" */
    if ((nm_tok(c, k)->shape & TACT__SH_APOS) && !(b & TACT__LX_NAME))
        return false;
    if (nm_cap(c, k))
        return (nm_tok(c, k)->shape & TACT__SH_ONELETTER) ||
               (b & (TACT__LX_NAME | TACT__LX_PROPER)) || !(b & TACT__LX_DICT);
    return tact__nm_strong_name(c, k);
}

/* A known name in capitals after a title: "MRS KHAN SWORE AT ME AGAIN"
 * (thirtieth session; a post in capitals has no initial capitals to go
 * on, so the lexicon alone says it is a name). */
static bool allcap_surname(const names_ctx *c, size_t k)
{
    if (!(nm_tok(c, k)->shape & TACT__SH_ALLCAP) || nm_tok(c, k)->norm_len < 2)
        return false;
    uint32_t b = tact__nm_bits(c, k);
    return (b & TACT__LX_NAME) &&
           !(b & (TACT__LX_STOP | TACT__LX_BRAND | TACT__LX_TITLE | TACT__LX_KIN | TACT__LX_MONTH |
                  TACT__LX_WEEKDAY | TACT__LX_STREET | TACT__LX_BIGPLACE | TACT__LX_ROLE));
}

static int rule_title(names_ctx *c, size_t i)
{
    if (!(nm_lex(c, i) & TACT__LX_TITLE) || nm_tok(c, i)->kind != TACT__TOK_WORD)
        return TACT_OK;
    size_t k = i + 1;
    /* "Mr. Smith", "Dr. Khan"; but "my sister. Small world", "the
     * officer. Send help": a title written as a whole word ends its
     * sentence at a full stop */
    if (nm_punct(c, k, '.')) {
        if (nm_tok(c, i)->norm_len > 4)
            return TACT_OK;
        k++;
    }
    if (!nm_word(c, k))
        return TACT_OK;
    /* "an older lady I support": the pronoun after a title in lower case */
    if (!nm_cap(c, i) && nm_is(c, k, "i"))
        return TACT_OK;
    bool ok = nm_cap(c, k)
                  ? (tact__nm_surname_like(c, k) || (nm_tok(c, k)->shape & TACT__SH_ONELETTER))
                  : tact__nm_strong_name(c, k) || allcap_surname(c, k);
    if (!ok)
        return TACT_OK;
    size_t e = nm_cap(c, k) ? name_run(c, k) : k;
    return tact__nm_emit(c, i, e, TACT_TYPE_PERSON, 0.9f, "person.title", NULL);
}

/* Words after a relation word that make it an event, not a person. */
static const char *const time_nouns[] = {"week", "weekend", "day", "fortnight", "month",
                                         "year", NULL};

static int rule_relation(names_ctx *c, size_t i)
{
    uint32_t lx = nm_lex(c, i);
    if (!(lx & (TACT__LX_KIN | TACT__LX_ROLE | TACT__LX_BRAND)) || !nm_word(c, i))
        return TACT_OK;
    size_t k = i + 1;
    if (nm_is(c, k, "called") || nm_is(c, k, "named") || nm_is(c, k, "aka"))
        k++;
    if (!cue_target(c, k))
        return TACT_OK;
    /* "Carers Week", "Foster Care Fortnight": an awareness event */
    if (nm_in(c, k, time_nouns))
        return TACT_OK;
    /* "Police CAIT", "health visitor HV": a role word before capitals is
     * an acronym of a team, not a name (a kin word still cues: "mum KELLY") */
    if (!(lx & TACT__LX_KIN) && (nm_tok(c, k)->shape & TACT__SH_ALLCAP))
        return TACT_OK;
    /* "spoons dave": a brand only cues a lower-case name */
    if ((lx & TACT__LX_BRAND) && !(lx & (TACT__LX_KIN | TACT__LX_ROLE)) && nm_cap(c, k))
        return TACT_OK;
    size_t e = nm_cap(c, k) ? name_run(c, k) : k;
    return tact__nm_emit(c, k, e, TACT_TYPE_PERSON, 0.85f, "person.relation",
                         "A name next to a family or role word (mum, partner, key worker) "
                         "usually means a real person you know.");
}

/* Things of a person's own that practitioners write about after a
 * possessive: "Mia's LAC review", "Tyler's placement". */
static const char *const owned_words[] = {
    "review",  "placement", "plan",    "contact",  "school",     "carer",    "carers",
    "foster",  "file",      "case",    "birthday", "bedroom",    "room",     "behaviour",
    "meds",    "medication", "court",  "hearing",  "assessment", "social",   "keyworker",
    "key",     "pathway",   "support", "care",     "diagnosis",  "referral", "ehcp",
    "cp",      "cin",       "lac",     "iro",      "mental",     "section",  "discharge", NULL};

/* A name the cue rules may take: capitalised or a known given name, not a
 * place unless it is also a name ("Leeds's" is not someone). */
static bool owner_name(const names_ctx *c, size_t k)
{
    if (!cue_target(c, k) || (nm_tok(c, k)->shape & TACT__SH_ONELETTER))
        return false;
    uint32_t b = tact__nm_bits(c, k);
    return !(b & (TACT__LX_PLACE | TACT__LX_BIGPLACE | TACT__LX_STREET | TACT__LX_ROLE)) ||
           (b & TACT__LX_NAME);
}

/* A capitalised word that is not an ordinary one ("Kezza", "Tyler"), or a
 * known name that is also a word ("Grace") capitalised inside a sentence;
 * not "Room (4)" at the start of one. */
static bool known_or_unknown(const names_ctx *c, size_t k)
{
    uint32_t b = tact__nm_bits(c, k);
    if (!(b & TACT__LX_DICT))
        return nm_cap(c, k) || (b & TACT__LX_NAME);
    return (b & TACT__LX_NAME) && nm_cap(c, k) && !(nm_tok(c, k)->shape & TACT__SH_SENT_START);
}

/* "ring Tyler's nan", "Mia's LAC review", "Ruby's mum": a name with a
 * possessive before a family or role word, or before something of a
 * person's own that casework is about. */
static int rule_owner(names_ctx *c, size_t i)
{
    if (i + 2 >= c->n || nm_tok(c, i + 1)->kind != TACT__TOK_POSS || !owner_name(c, i))
        return TACT_OK;
    /* family and role words are cue enough; "Labour's plan" is not */
    if (!(nm_lex(c, i + 2) & (TACT__LX_KIN | TACT__LX_ROLE)) &&
        (!nm_in(c, i + 2, owned_words) || !known_or_unknown(c, i)))
        return TACT_OK;
    size_t a = i;
    /* "Jade Begum's mum": the name may start one word earlier */
    if (i > 0 && nm_cap(c, i) && nm_cap(c, i - 1) && !nm_glued(c, i) && owner_name(c, i - 1) &&
        known_or_unknown(c, i - 1))
        a = i - 1;
    return tact__nm_emit(c, a, i, TACT_TYPE_PERSON, 0.8f, "person.owner",
                         "A name with their family, carer or review after it is someone you "
                         "work with or know.");
}

/* Words numbered in brackets in documents: "Section (47)", "Room (4)". */
static const char *const numbered[] = {
    "section", "part",  "schedule", "article", "room",  "table",  "chapter", "year",  "page",
    "step",    "stage", "level",    "unit",    "ward",  "bed",    "flat",    "block", "phase",
    "week",    "day",   "figure",   "appendix", "paragraph", "rule", "regulation", "clause",
    "box",     "question", "item",  "point",   "option", "tier",  "band",    "grade", NULL};

/* "Visited Ava (9)", "Jack (aged 15)": a name with an age in brackets. */
static int rule_name_age(names_ctx *c, size_t i)
{
    if (i + 2 >= c->n || !nm_punct(c, i + 1, '(') || !owner_name(c, i) ||
        (nm_tok(c, i)->shape & TACT__SH_ALLCAP) || nm_in(c, i, numbered))
        return TACT_OK;
    size_t k = i + 2;
    if (nm_is(c, k, "aged") || nm_is(c, k, "age"))
        k++;
    const tact__token *t = k < c->n ? nm_tok(c, k) : NULL;
    if (!t || t->kind != TACT__TOK_NUMBER || t->norm_len > 2)
        return TACT_OK;
    if (!known_or_unknown(c, i))
        return TACT_OK;
    return tact__nm_emit(c, i, i, TACT_TYPE_PERSON, 0.8f, "person.age",
                         "A name with an age can identify a child to anyone who knows them.");
}

static int rule_nickname(names_ctx *c, size_t i)
{
    if (!nm_has(c, i, NL_NICK))
        return TACT_OK;
    /* "lives in Little Haddow": a village */
    if (place_cue_before(c, i) && prefixed_place(c, i) != SIZE_MAX)
        return TACT_OK;
    size_t k = i + 1;
    /* "our lovely Elsie", "my little Jay" */
    if (nm_word(c, k) && !nm_cap(c, k) && (nm_lex(c, k) & TACT__LX_DICT) && nm_cap(c, k + 1) &&
        tact__nm_strong_name(c, k + 1))
        k++;
    /* "in Old Street", "Little Lane"; "Young People", "Little Club": an
     * organisation word */
    if (!cue_target(c, k) || (nm_lex(c, k) & TACT__LX_STREET) || nm_has(c, k, NL_ORG))
        return TACT_OK;
    /* "our Muslim neighbours", "our Polish families": a people, not a
     * nickname */
    if (nm_has(c, k, NL_DEMONYM))
        return TACT_OK;
    if (nm_cap(c, k) && !(nm_tok(c, k)->shape & TACT__SH_ONELETTER) &&
        !(tact__nm_bits(c, k) & TACT__LX_NAME))
        return TACT_OK;
    /* "our Early Help", "our Young Carers": an ordinary word before another
     * capitalised ordinary word, or an organisation word, is a service's
     * name, not a nickname */
    if (nm_cap(c, k) && (tact__nm_bits(c, k) & TACT__LX_DICT) && !nm_glued(c, k + 1) &&
        (nm_has(c, k + 1, NL_ORG) ||
         (nm_cap(c, k + 1) && (tact__nm_bits(c, k + 1) & TACT__LX_DICT) &&
          !(tact__nm_bits(c, k + 1) & TACT__LX_NAME))))
        return TACT_OK;
    size_t e = nm_cap(c, k) ? name_run(c, k) : k;
    return tact__nm_emit(c, k == i + 1 ? i : k, e, TACT_TYPE_PERSON, 0.85f, "person.nickname",
                         "This reads like a nickname for someone you know.");
}

/* "the mcgarrity boys": in lower case, a listed name that is not an
 * ordinary word, after "the" (rule_family then checks the rest). */
static bool lower_family(const names_ctx *c, size_t i)
{
    if (i == 0 || !nm_is(c, i - 1, "the") || nm_tok(c, i)->norm_len < 4)
        return false;
    uint32_t b = tact__nm_bits(c, i);
    return (b & TACT__LX_NAME) && !(b & (TACT__LX_DICT | TACT__LX_STOP | TACT__LX_PROPER |
                                         TACT__LX_BRAND | TACT__LX_MONTH | TACT__LX_WEEKDAY));
}

static int rule_family(names_ctx *c, size_t i)
{
    if (!(nm_cap(c, i) ? tact__nm_surname_like(c, i) : lower_family(c, i)) ||
        tact__nm_blocked(c, i, i))
        return TACT_OK;
    /* "the Pemberton family" is a family even though Pemberton is also a
     * small place; "a Wigan family", "the Leeds families" are not */
    uint32_t b = tact__nm_bits(c, i);
    if ((b & TACT__LX_BIGPLACE) ||
        ((b & TACT__LX_PLACE) && !(i > 0 && nm_is(c, i - 1, "the") && (b & TACT__LX_SURNAME))))
        return TACT_OK;
    if ((b & TACT__LX_DICT) && (!(b & TACT__LX_NAME) || tact__nm_cap_free(c, i)))
        return TACT_OK;
    size_t k = i + 1;
    if (!nm_has(c, k, NL_FAMILY))
        return TACT_OK;
    /* "a Romanian family", "a Traveller family": not a surname */
    if (nm_has(c, i, NL_DEMONYM))
        return TACT_OK;
    /* "Riverside Family Centre" */
    if (nm_cap(c, k + 1) || nm_has(c, k + 1, NL_ORG))
        return TACT_OK;
    /* "the Merton case law", "the Rotherham case": a court ruling, or a
     * case named after a council's town (twenty-ninth session) */
    static const char *const law[] = {"law",      "laws",       "ruling",   "judgment",
                                      "judgement", "precedent", "principles", "compliant",
                                      "criteria", NULL};
    if (nm_is(c, k, "case") &&
        (nm_in(c, k + 1, law) || (tact__nm_bits(c, i) & TACT__LX_PLACE)))
        return TACT_OK;
    size_t a = i > 0 && nm_is(c, i - 1, "the") ? i - 1 : i;
    return tact__nm_emit(c, a, k, TACT_TYPE_PERSON, 0.85f, "person.family",
                         "A family name points straight at one household.");
}

/* "the Martins' youngest", "the Kellys' house": a surname in the plural
 * with a bare apostrophe, then a member of the household or its home */
static int rule_family_poss(names_ctx *c, size_t i)
{
    static const char *const household[] = {
        "youngest", "eldest", "kids",   "children", "boy",  "boys", "girl", "girls",
        "baby",     "son",    "daughter", "dad",    "mum",  "mam",  "house", "home",
        "door",     "garden", "case",   "file",     "twins", "nan",  "gran", "caravan",
        "flat",     NULL};
    const tact__token *t = nm_tok(c, i);
    if (i == 0 || !nm_is(c, i - 1, "the") || !nm_cap(c, i) || t->norm_len < 4 ||
        c->sc->norm.p[t->norm_off + t->norm_len - 1] != 's' || !nm_punct(c, i + 1, '\'') ||
        !nm_glued(c, i + 1) || !nm_in(c, i + 2, household) || !tact__nm_surname_like(c, i) ||
        (tact__nm_bits(c, i) & (TACT__LX_PLACE | TACT__LX_PUBLIC)) || tact__nm_blocked(c, i, i))
        return TACT_OK;
    return tact__nm_emit(c, i - 1, i + 1, TACT_TYPE_PERSON, 0.85f, "person.family",
                         "A family name points straight at one household.");
}

static bool letters_only_caps(const names_ctx *c, size_t k, size_t maxlen)
{
    const tact__token *t = nm_tok(c, k);
    if (t->kind != TACT__TOK_WORD || t->norm_len > maxlen)
        return false;
    return (t->shape & TACT__SH_ALLCAP) ||
           ((t->shape & TACT__SH_ONELETTER) && (t->shape & TACT__SH_INITCAP));
}

static int rule_initials(names_ctx *c, size_t i)
{
    /* "(initials LT)", "initial J" */
    if ((nm_is(c, i, "initials") || nm_is(c, i, "initial")) && i + 1 < c->n &&
        letters_only_caps(c, i + 1, 3))
        return tact__nm_emit(c, i + 1, i + 1, TACT_TYPE_PERSON, 0.9f, "person.initials",
                             "Initials with detail about the person can still identify them.");
    if (i + 1 >= c->n || !letters_only_caps(c, i, 3))
        return TACT_OK;
    /* "DD (15)", "DS (9)": a parenting forum's shorthand for the author's
     * own children (darling daughter, son, stepson ...), not initials */
    static const char *const forum_kin[] = {"dd", "ds", "dh", "dp", "dc", "dsd", "dss",
                                            NULL};
    if (nm_in(c, i, forum_kin))
        return TACT_OK;
    /* "J's first time seeing the sea", "took J's mum to contact": one
     * capital (not "A" or "I") owning something of a life */
    static const char *const first_words[] = {"first", "last", "new", "favourite", "fave",
                                              NULL};
    if ((nm_tok(c, i)->shape & TACT__SH_ONELETTER) && !nm_is(c, i, "a") && !nm_is(c, i, "i") &&
        nm_tok(c, i + 1)->kind == TACT__TOK_POSS && i + 2 < c->n &&
        (nm_tok(c, i + 2)->shape & TACT__SH_LOWER) &&
        (nm_in(c, i + 2, owned_words) || nm_in(c, i + 2, first_words) ||
         (nm_lex(c, i + 2) & (TACT__LX_KIN | TACT__LX_ROLE))))
        return tact__nm_emit(c, i, i, TACT_TYPE_PERSON, 0.7f, "person.initials",
                             "Initials can still identify someone to people who know them.");
    /* "JT in Wrexham is on 90ml": two capitals, then the town and what they
     * do (not an acronym: "GP in Leeds is", "BBC in Cardiff has") */
    static const char *const acronyms[] = {"gp", "mp", "sw", "uk", "us", "eu", "tv", "pe",
                                           "it", "hr", "ai", "ok", "ni", "dj", "pa", "ta",
                                           "pc", "qc", "kc", "hq", "cv", "id", "iv", "ot",
                                           "pt", "sen", "bbc", "itv", "nhs", "cps", "dwp",
                                           "aa", "na", "rn", "yot", "yos", "los", "edt", NULL};
    if (nm_tok(c, i)->norm_len >= 2 && (nm_tok(c, i)->shape & TACT__SH_ALLCAP) &&
        !nm_in(c, i, acronyms) &&
        !(nm_lex(c, i) & (TACT__LX_DICT | TACT__LX_STOP | TACT__LX_BRAND | TACT__LX_ROLE |
                          TACT__LX_PLACE | TACT__LX_BIGPLACE | TACT__LX_PUBLIC)) &&
        (nm_is(c, i + 1, "in") || nm_is(c, i + 1, "from")) && nm_cap(c, i + 2) &&
        (nm_lex(c, i + 2) & (TACT__LX_PLACE | TACT__LX_BIGPLACE)) && i + 3 < c->n &&
        (nm_is(c, i + 3, "is") || nm_is(c, i + 3, "was") || nm_is(c, i + 3, "has") ||
         nm_is(c, i + 3, "keeps") || nm_is(c, i + 3, "got") || nm_is(c, i + 3, "still")))
        return tact__nm_emit(c, i, i, TACT_TYPE_PERSON, 0.7f, "person.initials",
                             "Initials and a town can still identify someone to people who "
                             "know them.");
    /* "J (7)", "J (aged 7)", "LT, 16," */
    if (nm_punct(c, i + 1, '(') && i + 2 < c->n &&
        (nm_tok(c, i + 2)->kind == TACT__TOK_NUMBER || nm_is(c, i + 2, "aged") ||
         nm_is(c, i + 2, "age") || nm_tok(c, i + 2)->kind == TACT__TOK_ALNUM))
        return tact__nm_emit(c, i, i, TACT_TYPE_PERSON, 0.8f, "person.initials",
                             "Initials with an age can still identify a child.");
    /* "P.D." */
    if ((nm_tok(c, i)->shape & TACT__SH_ONELETTER) && nm_punct(c, i + 1, '.') &&
        nm_glued(c, i + 1) && i + 2 < c->n && nm_glued(c, i + 2) &&
        letters_only_caps(c, i + 2, 1)) {
        static const char *const common[] = {"u.k", "u.s", "a.m", "p.m", "e.g", "i.e", "n.b",
                                             "p.s", "r.i", "a.k", "b.c", "a.d", NULL};
        char pair[4] = {(char)(c->sc->norm.p[nm_tok(c, i)->norm_off]), '.',
                        (char)(c->sc->norm.p[nm_tok(c, i + 2)->norm_off]), 0};
        for (const char *const *p = common; *p; p++)
            if (strcmp(*p, pair) == 0)
                return TACT_OK;
        size_t e = nm_punct(c, i + 3, '.') ? i + 3 : i + 2;
        return tact__nm_emit(c, i, e, TACT_TYPE_PERSON, 0.7f, "person.initials",
                             "Initials can still identify someone to people who know them.");
    }
    return TACT_OK;
}

/* A quote mark: ' or " or a curly one. */
static bool nm_quote(const names_ctx *c, size_t i)
{
    return i < c->n && tact__tok_quote(c->sc, i);
}

/* lead (twenty-ninth session, practice-21): a capitalised word in quotes
 * right after a word for a young person or resident, or after "bless", or
 * followed by an age ("Our residential lad 'Bugsy' got ...", "Bless 'Smudge'
 * at the ... home, 14"): a nickname for someone the author works with. Not
 * a quoted word elsewhere ("rated 'Outstanding'", "the 'Good' rating"). */
static int rule_quoted_nick(names_ctx *c, size_t i)
{
    static const char *const who[] = {"lad", "lads", "lass", "girl", "boy", "kid", "resident",
                                      "client", "tenant", "man", "woman", "bloke", "fella",
                                      "user", "child", "teen", "teenager", "bless", NULL};
    if (i < 2 || !nm_quote(c, i - 1) || !nm_quote(c, i + 1) || nm_glued(c, i - 1) ||
        (nm_lex(c, i) & TACT__LX_STOP) || nm_tok(c, i)->kind != TACT__TOK_WORD)
        return TACT_OK;
    /* (not "called": pets are called 'Pepper' too) */
    bool cue = nm_in(c, i - 2, who);
    const tact__token *a = i + 3 < c->n ? nm_tok(c, i + 3) : NULL;
    bool age = a && nm_punct(c, i + 2, ',') && a->kind == TACT__TOK_NUMBER && a->norm_len <= 2;
    if (!cue && !age)
        return TACT_OK;
    return tact__nm_emit(c, i, i, TACT_TYPE_PERSON, 0.8f, "person.nickname",
                         "This reads like a nickname for someone you know.");
}

/* "Little Kai (KJ to everyone)": a short all-capitals nickname in brackets
 * right after a person. */
static int rule_bracket_nick(names_ctx *c, size_t i, const uint8_t *per)
{
    if (!nm_punct(c, i, '(') || i == 0 || !per[i - 1] || i + 1 >= c->n ||
        !letters_only_caps(c, i + 1, 3) ||
        (nm_lex(c, i + 1) & (TACT__LX_DICT | TACT__LX_STOP | TACT__LX_BRAND)))
        return TACT_OK;
    return tact__nm_emit(c, i + 1, i + 1, TACT_TYPE_PERSON, 0.8f, "person.nickname",
                         "This reads like a nickname for someone you know.");
}

static int rule_hashtag(names_ctx *c, size_t i)
{
    const tact__token *t = nm_tok(c, i);
    if (t->kind != TACT__TOK_HASHTAG || t->norm_len < 5)
        return TACT_OK;
    const char *w = c->sc->norm.p + t->norm_off + 1;
    size_t n = t->norm_len - 1;
    /* every prefix starts with one of these letters */
    switch (w[0]) {
    case 'b': case 'f': case 'g': case 'h': case 'j': case 'l': case 'm': case 'p': case 'r':
    case 't': case 'w':
        break;
    default:
        return TACT_OK;
    }
    for (const struct tag_prefix *p = tag_prefix; p->s; p++) {
        size_t pl = p->n;
        if (n <= pl + 2 || w[0] != p->s[0] || memcmp(w, p->s, pl) != 0)
            continue;
        uint32_t b = tact__lex_get(c->words, w + pl, n - pl);
        if ((b & TACT__LX_NAME) && !(b & (TACT__LX_DICT | TACT__LX_STOP | TACT__LX_PLACE)))
            return tact__nm_emit(c, i, i, TACT_TYPE_PERSON, 0.75f, "person.hashtag",
                                 "This hashtag contains a person's name.");
    }
    return TACT_OK;
}

/* "#AlanPardew", "#RIPJohnnyWinter", "#TeamSmithFamily": a hashtag in
 * CamelCase with a given name followed by a capitalised name part (or by
 * "Turns" or "Is" and more: "#RhysTurnsTen"). */
static int rule_hashtag_camel(names_ctx *c, size_t i)
{
    const tact__token *t = nm_tok(c, i);
    if (t->kind != TACT__TOK_HASHTAG || (t->shape & TACT__SH_NONASCII) || t->norm_len < 6 ||
        t->norm_len != t->end - t->start || t->norm_len > 64)
        return TACT_OK;
    const char *raw = c->sc->text + t->start + 1, *w = c->sc->norm.p + t->norm_off + 1;
    size_t n = t->norm_len - 1;
    /* part starts: an upper-case letter after a lower-case one, or the last
     * upper-case letter of a run before a lower-case one ("RIPJohnny") */
    size_t st[16], np = 0;
    for (size_t k = 0; k < n && np < 15; k++) {
        bool up = raw[k] >= 'A' && raw[k] <= 'Z';
        bool letter = up || (raw[k] >= 'a' && raw[k] <= 'z');
        if (!letter)
            return TACT_OK;
        if (k == 0 || (up && raw[k - 1] >= 'a' && raw[k - 1] <= 'z') ||
            (up && k + 1 < n && raw[k + 1] >= 'a' && raw[k + 1] <= 'z' && raw[k - 1] >= 'A' &&
             raw[k - 1] <= 'Z'))
            st[np++] = k;
    }
    st[np] = n;
    for (size_t p = 0; p + 1 < np; p++) {
        size_t a = st[p], al = st[p + 1] - a, b = st[p + 1], bl = st[p + 2] - b;
        if (al < 3 || bl < 3 || !(raw[a] >= 'A' && raw[a] <= 'Z') ||
            raw[a + 1] < 'a' || raw[b + 1] < 'a')
            continue;
        uint32_t ba = tact__lex_get(c->words, w + a, al), bb = tact__lex_get(c->words, w + b, bl);
        /* "#RhysTurnsTen", "#MiaIsFive": a name, a verb of a birthday or a
         * milestone and something after it (the name need not be a proper
         * noun of the word list) */
        bool milestone = p + 2 < np && ((bl == 5 && memcmp(w + b, "turns", 5) == 0) ||
                                        (bl == 2 && memcmp(w + b, "is", 2) == 0));
        if (!(ba & TACT__LX_NAME) || !(milestone || (ba & TACT__LX_PROPER)) ||
            (ba & (TACT__LX_DICT | TACT__LX_STOP | TACT__LX_PLACE | TACT__LX_BRAND)))
            continue;
        if (!milestone && (bb & (TACT__LX_STOP | TACT__LX_BRAND | TACT__LX_PLACE | TACT__LX_MONTH |
                                 TACT__LX_WEEKDAY | TACT__LX_DICT)))
            continue;
        return tact__nm_emit(c, i, i, TACT_TYPE_PERSON, 0.7f, "person.hashtag",
                             "This hashtag contains a person's name.");
    }
    return TACT_OK;
}

/* "wow emma and kaite", "marisa is swaggy": a common given name in lower
 * case (a proper noun of the word list that is also a known name and is
 * not an ordinary word). */
static int rule_lower_name(names_ctx *c, size_t i)
{
    const tact__token *t = nm_tok(c, i);
    if (t->kind != TACT__TOK_WORD || !(t->shape & TACT__SH_LOWER) || t->norm_len < 4 || c->lone)
        return TACT_OK;
    /* (the word's own bits first: they rule out nearly every word) */
    uint32_t b = tact__nm_bits(c, i);
    if (!(b & TACT__LX_NAME) || !(b & TACT__LX_PROPER) ||
        (b & (TACT__LX_DICT | TACT__LX_STOP | TACT__LX_PLACE | TACT__LX_BRAND | TACT__LX_MONTH |
              TACT__LX_WEEKDAY | TACT__LX_KIN | TACT__LX_TITLE | TACT__LX_ROLE | TACT__LX_STREET |
              TACT__LX_BIGPLACE)))
        return TACT_OK;
    /* "in amsterdam", "from mexico", "real madrid", "new york": a place */
    if (i > 0 && (nm_is(c, i - 1, "in") || nm_is(c, i - 1, "from") ||
                  nm_is(c, i - 1, "at") || nm_is(c, i - 1, "near") ||
                  nm_is(c, i - 1, "new") || nm_is(c, i - 1, "real") || nm_is(c, i - 1, "a") ||
                  nm_is(c, i - 1, "www") || nm_punct(c, i - 1, '.')))
        return TACT_OK;
    return tact__nm_emit(c, i, i, TACT_TYPE_PERSON, 0.55f, "person.lower", NULL);
}

static int rule_description(names_ctx *c, size_t i)
{
    if (!nm_is(c, i, "the"))
        return TACT_OK;
    for (size_t k = i + 2; k < c->n && k <= i + 4; k++) {
        if (!nm_word(c, k - 1) || (nm_lex(c, k - 1) & TACT__LX_STOP))
            return TACT_OK;
        if (nm_has(c, k, NL_PERSON) && (nm_is(c, k + 1, "who") || nm_is(c, k + 1, "that"))) {
            /* "the man who ..." in general statements has no modifier; a
             * description of someone in particular has one */
            return tact__nm_emit(c, i, k, TACT_TYPE_PERSON, 0.6f, "person.description",
                                 "A description like this can identify someone to people who "
                                 "know the area.");
        }
    }
    return TACT_OK;
}

/* Words after which a capitalised given name that is also a word is
 * someone: "went to the cinema with Jack", "just seen Jade from ...",
 * "tell Jack his worker says ..." (lead, eighteenth session). Without
 * "with", practice-11 (held) lost one block post. */
static const char *const social_cues[] = {"with", "saw",  "seen",   "met",    "visited", "tell",
                                          "told", "ask",  "asked",  "bless",  "hugged",  "texted",
                                          "rang", "phoned", NULL};
/* ... but not these: "met Hope", "bless Grace" */
static const char *const virtue_names[] = {"hope", "faith", "joy", "grace", "love", "pride",
                                           "honour", "honor", "glory", "liberty", "patience",
                                           "charity", "mercy", "destiny", "harmony", "unity",
                                           "justice", "trinity", "summer", "winter", "autumn",
                                           "spring", "dawn", "sky", "star", "rain", NULL};

/* A given name that is also a word, capitalised inside a sentence after a
 * lower-case social cue, and not followed by another capital or a number.
 * On the read suites it finds one name, in a block post, and no other
 * word; on 20,000 tweets one name ("ask Paco"). */
static bool cued_first(const names_ctx *c, size_t i, uint32_t b)
{
    if (i == 0 || !(b & TACT__LX_FIRST) || tact__nm_cap_free(c, i) || nm_cap(c, i + 1) ||
        (b & (TACT__LX_STOP | TACT__LX_PLACE | TACT__LX_BIGPLACE | TACT__LX_BRAND |
              TACT__LX_TITLE | TACT__LX_KIN | TACT__LX_ROLE | TACT__LX_MONTH |
              TACT__LX_WEEKDAY | TACT__LX_STREET)) ||
        !(nm_tok(c, i - 1)->shape & TACT__SH_LOWER) || !nm_in(c, i - 1, social_cues) ||
        nm_in(c, i, virtue_names) || (nm_tok(c, i)->shape & TACT__SH_ALLCAP) ||
        (i + 1 < c->n && (nm_tok(c, i + 1)->kind == TACT__TOK_NUMBER ||
                          nm_tok(c, i + 1)->kind == TACT__TOK_ALNUM)))
        return false; /* "with Section 17" */
    return true;
}

static size_t place_at(names_ctx *c, size_t i, uint32_t *bits);

size_t tact__nm_multi_place(names_ctx *c, size_t i)
{
    uint32_t pb;
    if (!(nm_lex(c, i) & TACT__LX_HEAD))
        return SIZE_MAX;
    size_t pe = place_at(c, i, &pb);
    return pe != SIZE_MAX && pe > i ? pe : SIZE_MAX;
}

/* "Lyme Regis": a listed place of several words starts at i */
static bool multi_place(names_ctx *c, size_t i)
{
    return tact__nm_multi_place(c, i) != SIZE_MAX;
}

static int rule_name(names_ctx *c, size_t i)
{
    if (!nm_cap(c, i) || (nm_tok(c, i)->shape & TACT__SH_ONELETTER) || c->lone ||
        multi_place(c, i))
        return TACT_OK;
    /* "round Loch an Eilein", "Llyn Padarn": a body of water or a hill
     * named after its kind is a place, not a person */
    static const char *const landform[] = {"loch", "lough", "llyn", "lake", "mount", "river",
                                           "afon", "mynydd", NULL};
    if (nm_in(c, i, landform))
        return TACT_OK;
    bool strong = tact__nm_strong_name(c, i);
    uint32_t b = tact__nm_bits(c, i);
    if (!strong && cued_first(c, i, b))
        return tact__nm_emit(c, i, i, TACT_TYPE_PERSON, 0.6f, "person.cued", NULL);
    if (!strong) {
        /* "Rose Smith": an ambiguous given name followed by a surname */
        if (!(b & TACT__LX_NAME) || tact__nm_cap_free(c, i) ||
            (b & (TACT__LX_STOP | TACT__LX_PLACE)) || !tact__nm_surname_like(c, i + 1) ||
            nm_glued(c, i + 1) || !(tact__nm_bits(c, i + 1) & TACT__LX_NAME) ||
            (tact__nm_bits(c, i + 1) & TACT__LX_DICT))
            return TACT_OK;
    }
    size_t e = name_run(c, i);
    /* "Clifton Street", "Ashdown County Council", "St Michael's"; "the
     * Harbour Café" (a venue word that is also a surname, after a
     * capitalised word) */
    if (nm_has(c, e + 1, NL_ORG) || (nm_lex(c, e + 1) & TACT__LX_STREET) ||
        (e > i && nm_in(c, e, venue_words)) ||
        (e == i && i > 0 && nm_cap(c, i - 1) && nm_in(c, i, venue_words)))
        return TACT_OK;
    if (i > 0 && (nm_is(c, i - 1, "st") || nm_is(c, i - 1, "saint") ||
                  (nm_punct(c, i - 1, '.') && nm_is(c, i - 2, "st"))))
        return TACT_OK;
    /* "in Frome": a place, left to the place rules */
    if (e == i && i > 0 &&
        (nm_is(c, i - 1, "in") || nm_is(c, i - 1, "near") || nm_is(c, i - 1, "around") ||
         nm_is(c, i - 1, "outside")))
        return TACT_OK;
    /* "Gemma Rowe": a first name at the start of a sentence that is also a
     * word, followed by a surname */
    if (strong && i > 0 && e == i && nm_cap(c, i - 1) && !nm_glued(c, i) &&
        (tact__nm_bits(c, i - 1) & TACT__LX_NAME) &&
        !(nm_lex(c, i - 1) & (TACT__LX_STOP | TACT__LX_TITLE))) {
        if (multi_place(c, i - 1))
            return TACT_OK;
        i--;
    }
    /* "moved to Upper Brockley-on-Wyre": a place, left to the place rules */
    if (place_cue_before(c, i) && prefixed_place(c, i) != SIZE_MAX)
        return TACT_OK;
    float conf = tact__nm_cap_free(c, i) ? 0.6f : 0.75f;
    if (e > i)
        conf += 0.1f;
    return tact__nm_emit(c, i, e, TACT_TYPE_PERSON, conf, "person.name", NULL);
}

/* ---- places ------------------------------------------------------------ */

/* End of a listed place starting at i (longest entry up to four words), or
 * SIZE_MAX; *bits receives the entry's bits. */
static size_t place_at(names_ctx *c, size_t i, uint32_t *bits)
{
    uint32_t lx = nm_lex(c, i);
    size_t best = SIZE_MAX;
    *bits = 0;
    if (!nm_word(c, i))
        return best;
    if (lx & TACT__LX_PLACE) {
        best = i;
        *bits = lx;
    }
    if (!(lx & TACT__LX_HEAD))
        return best;
    /* the entries of two to four words from i (mark_lists asked first) */
    uint32_t v[3];
    tact__nm_head_probes(c, i, v);
    for (size_t k = 0; k < 3; k++) {
        if (v[k] & TACT__LX_PLACE) {
            best = i + 1 + k;
            *bits = v[k];
        }
    }
    return best;
}

/* Extend a place over facility words: "Bristol bus station", "Leeds General". */
static size_t facility_run(const names_ctx *c, size_t e)
{
    size_t k = e;
    while (k + 1 < c->n && k < e + 3 && nm_has(c, k + 1, NL_FACILITY))
        k++;
    return k;
}

static int rule_place(names_ctx *c, size_t i, size_t *next)
{
    uint32_t bits;
    size_t e = place_at(c, i, &bits);
    if (e == SIZE_MAX)
        return TACT_OK;
    *next = e + 1;
    /* an ordinary word that is also a place ("reading", "bath") needs a
     * capital that means something */
    if ((nm_lex(c, i) & TACT__LX_DICT) && e == i && (!nm_cap(c, i) || tact__nm_cap_free(c, i)))
        return TACT_OK;
    if (!nm_cap(c, i) && (nm_lex(c, i) & (TACT__LX_NAME | TACT__LX_STOP)))
        return TACT_OK;
    size_t f = facility_run(c, e);
    if ((bits & TACT__LX_BIGPLACE) && f == e)
        return TACT_OK;
    /* "Bangor University", "Chester Zoo": a university or an attraction
     * named after the town (not "X University Hospital") */
    if (f == e && !nm_glued(c, e + 1) &&
        (nm_is(c, e + 1, "university") || nm_is(c, e + 1, "uni") || nm_is(c, e + 1, "met") ||
         nm_is(c, e + 1, "zoo") || nm_is(c, e + 1, "aquarium") || nm_is(c, e + 1, "museum")) &&
        !nm_is(c, e + 2, "hospital") && !nm_is(c, e + 2, "hospitals"))
        return TACT_OK;
    *next = f + 1;
    return tact__nm_emit(c, i, f, TACT_TYPE_LOCATION, f > e ? 0.8f : 0.7f, "location.list", NULL);
}

/* A capitalised word that is not an ordinary word, after a preposition of
 * place: "placement in Hengrove", "A&E at Southmead". */
/* The gate of rule_place_context: its prepositions, every word its first
 * test looks for (NL_PLACEPREP): a token that is none of them cannot pass
 * it. (Only words and punctuation are classified, and no other kind of
 * token has one of these as its normalised form.) */
static const char *const place_preps[] = {"in", "near", "around", "outside", "nr", "round",
                                          "at", "from", "on", "to", NULL};

/* Token i as a preposition of place: PREP_STRONG ("in", "near", "around",
 * "outside", "nr", "round"), PREP_WEAK ("at", "from", "on"), PREP_TO ("to")
 * or 0 (speed: one comparison by length, not one nm_is per word). */
enum { PREP_STRONG = 1, PREP_WEAK, PREP_TO };
static int place_prep(const names_ctx *c, size_t i)
{
    if (i >= c->n)
        return 0;
    const tact__token *t = nm_tok(c, i);
    const char *w = c->sc->norm.p + t->norm_off;
    switch (t->norm_len) {
    case 2:
        if ((w[0] == 'i' && w[1] == 'n') || (w[0] == 'n' && w[1] == 'r'))
            return PREP_STRONG;
        if ((w[0] == 'a' && w[1] == 't') || (w[0] == 'o' && w[1] == 'n'))
            return PREP_WEAK;
        return w[0] == 't' && w[1] == 'o' ? PREP_TO : 0;
    case 4:
        if (memcmp(w, "near", 4) == 0)
            return PREP_STRONG;
        return memcmp(w, "from", 4) == 0 ? PREP_WEAK : 0;
    case 5:
        return memcmp(w, "round", 5) == 0 ? PREP_STRONG : 0;
    case 6:
        return memcmp(w, "around", 6) == 0 ? PREP_STRONG : 0;
    case 7:
        return memcmp(w, "outside", 7) == 0 ? PREP_STRONG : 0;
    default:
        return 0;
    }
}

static int rule_place_context(names_ctx *c, size_t i)
{
    const int prep = place_prep(c, i);
    bool strong_prep = prep == PREP_STRONG;
    bool weak_prep = prep == PREP_WEAK;
    if (prep == PREP_TO && i > 0 && nm_in(c, i - 1, move_verbs))
        strong_prep = true;
    if (!strong_prep && !weak_prep)
        return TACT_OK;
    size_t k = i + 1;
    if (nm_is(c, k, "the"))
        k++;
    /* "in Little Haddow", "moved to Upper Brockley" */
    size_t pe = strong_prep && k == i + 1 ? prefixed_place(c, k) : SIZE_MAX;
    if (pe != SIZE_MAX)
        return tact__nm_emit(c, k, facility_run(c, pe), TACT_TYPE_LOCATION, 0.8f,
                             "location.context", NULL);
    if (!nm_cap(c, k) || (nm_tok(c, k)->shape & TACT__SH_ONELETTER))
        return TACT_OK;
    uint32_t b = tact__nm_bits(c, k);
    if (b & (TACT__LX_STOP | TACT__LX_MONTH | TACT__LX_WEEKDAY | TACT__LX_TITLE | TACT__LX_KIN |
             TACT__LX_BRAND | TACT__LX_BIGPLACE | TACT__LX_ROLE))
        return TACT_OK;
    if ((b & TACT__LX_DICT) && !(b & TACT__LX_PLACE))
        return TACT_OK;
    /* "at PMQs", "from CAMHS": an acronym, not a place */
    if (!(b & TACT__LX_PLACE)) {
        const tact__token *t = nm_tok(c, k);
        int upper = 0;
        for (size_t p = t->start; p < t->end && upper < 2; p++)
            upper += c->sc->text[p] >= 'A' && c->sc->text[p] <= 'Z';
        if (upper >= 2)
            return TACT_OK;
    }
    if ((weak_prep || prep == PREP_TO) && (b & TACT__LX_NAME) && !(b & TACT__LX_PLACE))
        return TACT_OK;
    size_t e = k;
    while (e + 1 < c->n && e < k + 2 && nm_cap(c, e + 1) &&
           !(nm_lex(c, e + 1) & (TACT__LX_STOP | TACT__LX_DICT)))
        e++;
    e = facility_run(c, e);
    return tact__nm_emit(c, k, e, TACT_TYPE_LOCATION, 0.65f, "location.context", NULL);
}

/* "HMP Altcourse", "HMYOI Feltham", "YOI Wetherby": a prison is a place
 * people can be found in, whatever its name. */
static int rule_prison(names_ctx *c, size_t i)
{
    if (!(nm_is(c, i, "hmp") || nm_is(c, i, "hmyoi") || nm_is(c, i, "hmpyoi") ||
          nm_is(c, i, "yoi")) ||
        !nm_cap(c, i + 1) || (nm_lex(c, i + 1) & (TACT__LX_STOP | TACT__LX_MONTH | TACT__LX_WEEKDAY)))
        return TACT_OK;
    size_t e = i + 1;
    while (e + 1 < c->n && e < i + 3 && nm_cap(c, e + 1) && !nm_glued(c, e + 1) &&
           !(nm_lex(c, e + 1) & TACT__LX_STOP))
        e++;
    return tact__nm_emit(c, i, e, TACT_TYPE_LOCATION, 0.8f, "location.prison", NULL);
}

/* "Pinehurst estate", "the Kingsdown patch" */
static int rule_area(names_ctx *c, size_t i)
{
    if (!nm_cap(c, i) || !nm_has(c, i + 1, NL_AREA) || tact__nm_cap_free(c, i))
        return TACT_OK;
    /* "the High Court", "Family Court": a kind of court, not a named one */
    if (tact__nm_court_kind(c, i))
        return TACT_OK;
    uint32_t b = tact__nm_bits(c, i);
    if (b & (TACT__LX_STOP | TACT__LX_BRAND | TACT__LX_MONTH | TACT__LX_WEEKDAY))
        return TACT_OK;
    if ((b & TACT__LX_DICT) && !(b & (TACT__LX_PLACE | TACT__LX_NAME)))
        return TACT_OK;
    /* "a Traveller site", "the Polish area": a people, not a name */
    if (nm_has(c, i, NL_DEMONYM))
        return TACT_OK;
    return tact__nm_emit(c, i, i + 1, TACT_TYPE_LOCATION, 0.75f, "location.area", NULL);
}

int tact__names_cues_lists(const tact__alloc *a, tact__lex *lx)
{
    int rc;
    if ((rc = tact__lex_add_all(a, lx, nick_adj, NL_NICK)) ||
        (rc = tact__lex_add_all(a, lx, family_nouns, NL_FAMILY)) ||
        (rc = tact__lex_add_all(a, lx, person_nouns, NL_PERSON)) ||
        (rc = tact__lex_add_all(a, lx, facility, NL_FACILITY)) ||
        (rc = tact__lex_add_all(a, lx, area_nouns, NL_AREA)) ||
        (rc = tact__lex_add_all(a, lx, org_words, NL_ORG)) ||
        (rc = tact__lex_add_all(a, lx, place_preps, NL_PLACEPREP)))
        return rc;
    return TACT_OK;
}

int tact__names_cues_scan(names_ctx *c)
{
    int rc;
    uint8_t *per = c->per; /* (zeroed by names.c) */
    size_t place_next = 0;
    /* Speed: most tokens start none of the rules: only those of c->cuel
     * (nm_cue_own) are visited */
    for (size_t h = 0; h < c->ncuel; h++) {
        size_t i = c->cuel[h];
        size_t before = c->sc->ncand;
        /*
         * Speed: each rule is called only when its own first test passes
         * (the gate beside it repeats that test: a rule whose first test
         * fails returns TACT_OK and adds nothing, so skipping it changes
         * nothing, and the rules that run keep their order). Most tokens
         * are lower-case words that pass almost none of the gates.
         */
        const tact__token *t = nm_tok(c, i);
        uint32_t lx = t->lex;
        bool next2 = i + 2 < c->n;
        bool cap = nm_cap(c, i);
        if ((lx & TACT__LX_TITLE && (rc = rule_title(c, i))) ||
            (lx & (TACT__LX_KIN | TACT__LX_ROLE | TACT__LX_BRAND) && (rc = rule_relation(c, i))) ||
            (nm_has(c, i, NL_NICK) && (rc = rule_nickname(c, i))) ||
            /* (rule_family needs a family noun after i, NL_FAMILY) */
            ((cap || (t->shape & TACT__SH_LOWER)) && nm_has(c, i + 1, NL_FAMILY) &&
             (rc = rule_family(c, i))) ||
            (next2 && nm_tok(c, i + 1)->kind == TACT__TOK_POSS && (rc = rule_owner(c, i))) ||
            (next2 && cap && nm_punct(c, i + 1, '\'') && (rc = rule_family_poss(c, i))) ||
            (next2 && nm_punct(c, i + 1, '(') && (rc = rule_name_age(c, i))) ||
            ((((t->norm_len == 7 || t->norm_len == 8) && c->sc->norm.p[t->norm_off] == 'i') ||
              (t->norm_len <= 3 && letters_only_caps(c, i, 3))) &&
             (rc = rule_initials(c, i))) ||
            (t->kind == TACT__TOK_PUNCT && (rc = rule_bracket_nick(c, i, per))) ||
            (cap && i >= 2 && nm_quote(c, i - 1) && (rc = rule_quoted_nick(c, i))) ||
            (t->kind == TACT__TOK_HASHTAG && (rc = rule_hashtag(c, i))) ||
            (t->norm_len == 3 && nm_is(c, i, "the") && (rc = rule_description(c, i))) ||
            /* (rule_name needs a name: tact__nm_bits with TACT__LX_NAME) */
            (cap && (tact__nm_bits(c, i) & TACT__LX_NAME) && (rc = rule_name(c, i))) ||
            (t->kind == TACT__TOK_HASHTAG && (rc = rule_hashtag_camel(c, i))) ||
            (t->kind == TACT__TOK_WORD && (t->shape & TACT__SH_LOWER) &&
             (rc = rule_lower_name(c, i))) ||
            (nm_has(c, i, NL_PLACEPREP) && (rc = rule_place_context(c, i))) ||
            (cap && nm_has(c, i + 1, NL_AREA) && (rc = rule_area(c, i))) ||
            ((t->norm_len == 3 || t->norm_len == 5 || t->norm_len == 6) &&
             (c->sc->norm.p[t->norm_off] == 'h' || c->sc->norm.p[t->norm_off] == 'y') &&
             (rc = rule_prison(c, i))))
            return rc;
        /* (rule_place: place_at finds nothing at a token that is no word
         * or has neither of these bits, and then nothing changes) */
        if (i >= place_next && t->kind == TACT__TOK_WORD &&
            (lx & (TACT__LX_PLACE | TACT__LX_HEAD)) && (rc = rule_place(c, i, &place_next)))
            return rc;
        for (size_t k = before; k < c->sc->ncand; k++) {
            tact__finding *f = &c->sc->cand[k];
            if (f->f.type == TACT_TYPE_PERSON && f->tok_last < c->n)
                per[f->tok_last] = 1;
        }
    }
    return TACT_OK;
}
