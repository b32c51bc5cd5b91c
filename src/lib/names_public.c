/*
 * names_public.c - spans that look like people or places but are public:
 * authors and studies ("Munro (2011)", "Harry Ferguson writes",
 * "Trevithick's book", "Rereading Featherstone, Gupta, Morris & White"),
 * speakers and office holders ("keynote from Dr Ruth Allen, BASW chief"),
 * inquiries ("the Victoria Climbié Inquiry"), the team's list of well-known
 * public names (data/public_figures.txt), and brands, charities and
 * agencies (data/names_brands.txt).
 *
 * Decision: these are not reported at all. The scenario scorer counts any
 * identifier finding over a public name as a false alarm, and a low
 * "public figure" finding would still teach practitioners to ignore the
 * tool; naming an author or a minister is not a confidentiality matter.
 * The tokens are marked in c->block so that neither the cue rules nor the
 * tagger report them.
 */
#include "names.h"

/* Words after a name that say it is an author or speaker. */
static const char *const said_verbs[] = {
    "writes", "wrote", "argues", "argued", "says", "said", "suggests", "suggested", "describes",
    "described", "explains", "explained", "notes", "noted", "reminds", "found", "finds",
    "observes", "observed", "puts", "calls", "called", "coined", "describes", "et", NULL};

/* Nouns after a possessive that make the owner an author: "Trevithick's book". */
static const char *const work_nouns[] = {
    "book", "books", "model", "theory", "framework", "work", "research", "study", "studies",
    "report", "review", "paper", "article", "approach", "triangle", "cycle", "hierarchy",
    "chapter", "text", "writing", "writings", "ideas", "concept", "principles", "talk",
    "keynote", "lecture", "podcast", "blog", "speech", "song", "songs", "music", "film", NULL};

/* Words before a work noun that make it a record about someone ("life
 * story book", "school report", "LAC review"), not a work of theirs. */
static const char *const record_words[] = {"life",    "story",  "memory", "school", "care",
                                           "pathway", "health", "lac",    "cla",    "ehcp",
                                           "placement", "annual", "baby", "contact", "red",
                                           "progress", "end-of-term", "medical", "case",
                                           "cin", "cp", "pep", "iro", "icpc", "rcpc", "child",
                                           "protection", "looked", "core", "strategy", NULL};

/* Words before names that make them speakers or authors. */
static const char *const intro_words[] = {
    "keynote", "reading", "rereading", "re-reading", "read", "hear", "heard", "hearing",
    "listening", "listened", "by", "author", "authors", "professor", "prof", "recommend",
    "cites", "citing", "quoting", "quote", "according", "thanks", "minister", "secretary",
    "mp", "lynn", "pm", "commissioner", "chancellor", "mayor", "baroness", "lord", "sir",
    "dame", "watching", "watched", "novel", "documentary", "film", "podcast", NULL};

/* Titles that, before a capitalised name, mark a public figure: peers,
 * knights, professors. "Dr" counts only before a full name ("Dr Ruth
 * Allen"), since a GP or consultant named by surname may be in a case. */
static const char *const public_titles[] = {"professor", "prof",       "lord", "baroness",
                                            "sir",       "cllr",       "dame", "lady",
                                            "councillor", NULL};

/* Buildings of worship: "Sunderland Minster", "St Mary's Church". */
static const char *const worship_words[] = {"minster", "cathedral", "abbey", "church", "chapel",
                                            "priory", "basilica", "mosque", "gurdwara", "temple",
                                            "synagogue", NULL};
/* Words after a worship word that make it a service someone uses. */
static const char *const service_words[] = {"shelter", "night", "hostel", "foodbank", "food",
                                            "project", "drop-in", "kitchen", "refuge", NULL};
/* Words in a capitalised run that make it a publication. */
static const char *const media_words[] = {"journal", "quarterly", "gazette", "times", "review",
                                          "magazine", "bulletin", "digest", NULL};

/* Compass words that make a region: "the North", "the South West",
 * "North Wales", "the West Midlands". */
static const char *const compass_words[] = {
    "north",     "south",     "east",       "west",       "northern",   "southern",
    "eastern",   "western",   "north-east", "north-west", "south-east", "south-west",
    "northeast", "northwest", "southeast",  "southwest",  "midlands",   NULL};

/* Roles after "Name, ORG": "Ruth Allen, BASW chief". */
static const char *const office_words[] = {
    "chief", "chair", "president", "director", "ceo", "minister", "secretary", "commissioner",
    "mp", "professor", "lecturer", "author", "founder", "head", "lead", "officer", NULL};

/* Nouns after a name that make it an inquiry, review or law. */
static const char *const inquiry_words[] = {
    "inquiry", "enquiry", "review", "report", "act", "principle", "principles", "case",
    "lecture", "memorial", "foundation", "trust", "award", "awards", "prize", NULL};

static void block(names_ctx *c, size_t a, size_t b, uint8_t why)
{
    for (size_t k = a; k <= b && k < c->n; k++) {
        c->block[k] |= why;
        c->blocked_any = true;
    }
}

/* Capitalised run ending at token e (inclusive), at most 4 words, through
 * initials with dots ("J. K."). Returns its first token. */
static size_t cap_run_back(const names_ctx *c, size_t e)
{
    size_t a = e;
    while (a > 0 && e - a < 4) {
        if (nm_cap(c, a - 1) && !(nm_lex(c, a - 1) & TACT__LX_STOP))
            a--;
        else if (nm_punct(c, a - 1, '.') && a >= 2 && nm_cap(c, a - 2))
            a -= 2;
        else
            break;
    }
    return a;
}

/* Capitalised run starting at token a; returns its last token, or a - 1
 * when token a is not capitalised. Titles are included. */
static size_t cap_run_fwd(const names_ctx *c, size_t a)
{
    size_t e = a;
    while (e < c->n && e - a < 5 && nm_cap(c, e) && !(nm_lex(c, e) & TACT__LX_STOP)) {
        e++;
        if (nm_punct(c, e, '.') && (nm_lex(c, e - 1) & TACT__LX_TITLE))
            e++;
    }
    return e - 1;
}

/* The author's own holiday or day out: "Lovely week in St Ives with the
 * kids", "back from Whitby". A seaside or tourist town named then is where
 * the author went, not where a service user lives. */
static const char *const holiday_words[] = {
    "holiday", "holidays", "hols", "staycation", "getaway", "seaside", "beach", "caravan",
    "glamping", "camping", "daytrip", "mini-break", "minibreak", "sightseeing", "annual",
    "vacation", "sunshine", "ice-cream", "fish", "chips", "paddling", NULL};
static const char *const holiday_spans[] = {"week", "weekend", "day", "days", "fortnight",
                                            "break", "trip", "night", "nights", NULL};
/* Words that make a post about a case, whatever else it says. */
static const char *const case_words[] = {
    "placed", "placement", "placements", "carer", "carers", "foster", "fostered", "fostering",
    "referral", "referrals", "safeguarding", "client", "clients", "resident", "residents",
    "caseload", "case", "allocated", "missing", "absconded", "police", "lives", "living",
    "moved", "address", "family's", "child's", "mum's", "dad's", "visit", "visits", "visited",
    "assessment", "section", "lac", "cla", "cin", "cp", "exploited", "exploitation", "county",
    "removed", "removal", "arrested", "sectioned", "evicted", "neglect", "relapsed", NULL};
/* Words before a place name that say the author went there. */
static const char *const trip_preps[] = {"in", "to", "from", "at", "around", "near", "visiting",
                                         "exploring", "explored", NULL};

/* Words after a team that make the word before it a football club:
 * "Chelsea fans", "Town FC". */
static const char *const sport_after[] = {"fans", "fan", "supporters", "fc", "afc", "ultras", NULL};
/* "Arsenal v Chelsea", "Spurs vs Chelsea" */
static const char *const versus_words[] = {"v", "vs", "versus", NULL};
/* Words that can start a holiday phrase: "back from", "day out", "lovely
 * week in" (the gate of mark_holiday). */
static const char *const holiday_starts[] = {"back", "day", NULL};

/*
 * Events named after a place: "the Leeds Half", "Brighton Pride", "the
 * Royal Welsh Show". The place is where the event is held, not where anyone
 * lives. event_words make an event after any capitalised run; the ordinary
 * words of event_plain only when capitalised after a listed place.
 */
static const char *const event_words[] = {
    "marathon", "half-marathon", "parkrun", "festival", "fest", "carnival", "triathlon",
    "duathlon", "fun-run", "mela", "eisteddfod", "airshow", "regatta", "proms",
    "marathons", "sportive", "fringe", NULL};
static const char *const event_plain[] = {"half", "pride", "show", "fair", "derby", "games",
                                          "run", "parade", "races", "cup", "expo", "gala", NULL};
/* Nations in an organisation's name: "Shelter Cymru", "Age UK", "Young
 * Carers Scotland". */
static const char *const nation_words[] = {"wales", "cymru", "scotland", "alba", "england",
                                           "ireland", "uk", "britain", "gb", "ni", NULL};
/* Words at the start of a sentence that are not the start of a name even
 * when they are also names ("Ok", "Will", "Hi"): discourse markers,
 * greetings, interjections. */
static const char *const discourse_words[] = {
    "ok", "okay", "okey", "okies", "k", "honestly", "right", "so", "well", "anyway", "anyways",
    "yeah", "yes", "yep", "no", "nope", "hi", "hiya", "hey", "oh", "ooh", "wow", "lol", "omg",
    "sorry", "cheers", "thanks", "ta", "morning", "evening", "afternoon", "night", "mate",
    "ugh", "hmm", "um", "erm", "basically", "literally", "seriously", "apparently", "obviously",
    "actually", "sadly", "luckily", "hopefully", "frankly", "truly", "genuinely", "bless",
    "aw", "aww", "awww", "yay", "ha", "haha", "right-o", "alright", "alrite", "fine", "sure",
    "listen", "look", "agreed", "true", "fair", "nah", "yup", "meh", "wait", "still", "also",
    "plus", "then", "now", "today", "tonight", "tomorrow", "yesterday", "update", "rant",
    "confession", "unpopular", "hot", "real", "random", "quick", "question", "reminder",
    "note", "ps", "p.s", "nb", "btw", "fyi", "tbh", "imo", "ngl", "dear", NULL};
/* Conditions named after a person or place: "Down's syndrome",
 * "Parkinson's", "Asperger's", "Bell's palsy", "Lewy body dementia". The
 * word is a diagnosis, not a person or a place ("has Down's syndrome" is
 * not County Down). Only with "'s" or a condition word after it. */
static const char *const eponyms[] = {
    "down",     "parkinson", "alzheimer", "asperger",  "tourette", "huntington", "crohn",
    "hodgkin",  "addison",   "cushing",   "graves",    "bell",     "raynaud",    "meniere",
    "munchausen", "korsakoff", "wernicke", "lyme",     "duchenne", "turner",     "williams",
    "rett",     "angelman",  "edwards",   "patau",     "klinefelter", "marfan",  "kawasaki",
    "lewy",     "pick",      "paget",     "sjogren",   "hashimoto", NULL};
static const char *const condition_words[] = {
    "syndrome", "syndromes", "disease", "diseases", "palsy", "dementia", "chorea",
    "lymphoma", "body", "bodies", "phenomenon", "sarcoma", "ataxia", "dystrophy", NULL};

/* Adjectives of nationality: "a Welsh nursery", "Polish shop". */
static const char *const demonyms[] = {
    "welsh", "english", "scottish", "scots", "irish", "british", "cornish", "manx", "ulster",
    "polish", "romanian", "lithuanian", "latvian", "bulgarian", "hungarian", "czech",
    "slovak", "ukrainian", "russian", "german", "french", "spanish", "portuguese",
    "italian", "greek", "turkish", "kurdish", "syrian", "afghan", "iranian", "iraqi",
    "pakistani", "indian", "bangladeshi", "sri lankan", "nepali", "chinese", "japanese",
    "korean", "vietnamese", "filipino", "thai", "nigerian", "ghanaian", "somali", "eritrean",
    "sudanese", "ethiopian", "kenyan", "zimbabwean", "congolese", "jamaican", "caribbean",
    "african", "asian", "european", "american", "canadian", "australian", "albanian",
    "kosovan", "dutch", "danish", "swedish", "norwegian", "brazilian",
    /* ethnic and faith groups */
    "roma", "romany", "romani", "gypsy", "gypsies", "traveller", "travellers", "irish-traveller",
    "muslim", "jewish", "sikh", "hindu", "christian", "catholic", "orthodox", "hasidic",
    "haredi", "black", "white", "mixed-race", "bame", NULL};
static const char *const saint_words[] = {"st", "saint", "ste", NULL};

int tact__names_public_lists(const tact__alloc *a, tact__lex *lx)
{
    int rc;
    if ((rc = tact__lex_add_all(a, lx, said_verbs, NL_SAID)) ||
        (rc = tact__lex_add_all(a, lx, work_nouns, NL_WORK)) ||
        (rc = tact__lex_add_all(a, lx, intro_words, NL_INTRO)) ||
        (rc = tact__lex_add_all(a, lx, office_words, NL_OFFICE)) ||
        (rc = tact__lex_add_all(a, lx, inquiry_words, NL_INQUIRY)) ||
        (rc = tact__lex_add_all(a, lx, holiday_words, NL_HOLIDAY)) ||
        (rc = tact__lex_add_all(a, lx, holiday_spans, NL_HSPAN)) ||
        (rc = tact__lex_add_all(a, lx, holiday_starts, NL_HBACK)) ||
        (rc = tact__lex_add_all(a, lx, case_words, NL_CASE)) ||
        (rc = tact__lex_add_all(a, lx, trip_preps, NL_TRIP)) ||
        (rc = tact__lex_add_all(a, lx, compass_words, NL_COMPASS)) ||
        (rc = tact__lex_add_all(a, lx, public_titles, NL_PTITLE)) ||
        (rc = tact__lex_add_all(a, lx, worship_words, NL_WORSHIP)) ||
        (rc = tact__lex_add_all(a, lx, service_words, NL_SERVICE)) ||
        (rc = tact__lex_add_all(a, lx, media_words, NL_MEDIA)) ||
        (rc = tact__lex_add_all(a, lx, sport_after, NL_SPORT)) ||
        (rc = tact__lex_add_all(a, lx, versus_words, NL_VERSUS)) ||
        (rc = tact__lex_add_all(a, lx, event_words, NL_EVENT)) ||
        (rc = tact__lex_add_all(a, lx, event_plain, NL_EVENTW)) ||
        (rc = tact__lex_add_all(a, lx, nation_words, NL_NATION)) ||
        (rc = tact__lex_add_all(a, lx, discourse_words, NL_DISC)) ||
        (rc = tact__lex_add_all(a, lx, demonyms, NL_DEMONYM)) ||
        (rc = tact__lex_add_all(a, lx, saint_words, NL_SAINT)) ||
        (rc = tact__lex_add_all(a, lx, eponyms, NL_EPONYM)) ||
        (rc = tact__lex_add_all(a, lx, condition_words, NL_CONDW)))
        return rc;
    return TACT_OK;
}

static bool holiday_post(const names_ctx *c)
{
    /* the gate: most posts have no holiday word at all */
    if (!(c->any & (NL_HOLIDAY | NL_HSPAN | NL_HBACK)) || (c->any & NL_CASE))
        return false;
    bool holiday = false;
    for (size_t i = 0; i < c->n; i++) {
        if (!(c->cls[i] & (NL_HOLIDAY | NL_HSPAN | NL_HBACK)))
            continue;
        if (nm_has(c, i, NL_HOLIDAY) ||
            (nm_is(c, i, "back") && nm_is(c, i + 1, "from")) ||
            (nm_is(c, i, "day") && nm_is(c, i + 1, "out")) ||
            (nm_has(c, i, NL_HSPAN) && i > 0 &&
             (nm_is(c, i - 1, "lovely") || nm_is(c, i - 1, "great") ||
              nm_is(c, i - 1, "amazing") || nm_is(c, i - 1, "fab") ||
              nm_is(c, i - 1, "brilliant") || nm_is(c, i - 1, "gorgeous") ||
              nm_is(c, i - 1, "wonderful") || nm_is(c, i - 1, "our") ||
              nm_is(c, i - 1, "family")) &&
             (nm_is(c, i + 1, "in") || nm_is(c, i + 1, "away") || nm_is(c, i + 1, "at") ||
              nm_is(c, i + 1, "to"))))
            holiday = true;
    }
    return holiday;
}

static void mark_holiday(names_ctx *c)
{
    if (!holiday_post(c))
        return;
    for (size_t i = 0; i + 1 < c->n; i++) {
        if (!nm_has(c, i, NL_TRIP) || !nm_cap(c, i + 1))
            continue;
        size_t e = cap_run_fwd(c, i + 1);
        if (e + 1 > i + 1 && e - i <= 3) {
            block(c, i + 1, e, NM_BLOCK_PUBLIC);
            i = e;
        }
    }
}

/* An author list: "Featherstone, Gupta, Morris & White". From token a
 * (capitalised), through commas, "&" and "and" between capitalised
 * words. Returns the last token. */
static size_t author_list(const names_ctx *c, size_t a)
{
    size_t e = cap_run_fwd(c, a);
    if (e + 1 == a)
        return e;
    for (;;) {
        size_t k = e + 1;
        if (nm_punct(c, k, ',') || nm_punct(c, k, '&') || nm_is(c, k, "and")) {
            if (nm_punct(c, k, ',') && (nm_punct(c, k + 1, '&') || nm_is(c, k + 1, "and")))
                k++;
            if (!nm_cap(c, k + 1))
                return e;
            e = cap_run_fwd(c, k + 1);
            continue;
        }
        return e;
    }
}

/* Whole-entry matches of the public list and the brand list, up to four
 * words, joined by single spaces. */
static void mark_lists(names_ctx *c)
{
    char key[128];
    /* (every token with one of the bits tested below, or before a
     * possessive, is in c->lstl: the others can mark nothing here) */
    for (size_t h = 0; h < c->nlstl; h++) {
        size_t i = c->lstl[h];
        uint32_t lx = nm_lex(c, i);
        if (lx & TACT__LX_PUBLIC)
            block(c, i, i, NM_BLOCK_PUBLIC);
        if (lx & TACT__LX_BRAND)
            block(c, i, i, NM_BLOCK_BRAND);
        /* "Arthur's Seat", "Prince's Trust": the head of the entry is the
         * word with its possessive, which the tokenizer splits off */
        size_t first = i;
        if (i + 1 < c->n && nm_tok(c, i + 1)->kind == TACT__TOK_POSS && nm_word(c, i) &&
            !nm_glued(c, i + 2)) {
            const tact__token *a = nm_tok(c, i), *p = nm_tok(c, i + 1);
            if (a->norm_len + p->norm_len < sizeof key) {
                memcpy(key, c->sc->norm.p + a->norm_off, a->norm_len);
                memcpy(key + a->norm_len, c->sc->norm.p + p->norm_off, p->norm_len);
                if (tact__lex_get(c->words, key, a->norm_len + p->norm_len) & TACT__LX_HEAD) {
                    lx = TACT__LX_HEAD;
                    first = i + 1;
                }
            }
        }
        if (!(lx & TACT__LX_HEAD))
            continue;
        if (first == i) {
            /* the entries of two to four words from i (kept for place_at) */
            uint32_t v[3];
            tact__nm_head_probes(c, i, v);
            for (size_t k = 0; k < 3; k++) {
                if (v[k] & TACT__LX_PUBLIC)
                    block(c, i, i + 1 + k, NM_BLOCK_PUBLIC);
                if (v[k] & TACT__LX_BRAND)
                    block(c, i, i + 1 + k, NM_BLOCK_BRAND);
            }
            continue;
        }
        /* (after a possessive) the entry's key, as written into key above,
         * hashed a word at a time (tact__lex_probe reads only the hash) */
        uint64_t hs = TACT__FNV0;
        size_t kl = 0;
        for (size_t j = i; j < c->n && j < first + 4; j++) {
            const tact__token *t = nm_tok(c, j);
            bool poss = j == first && j > i;
            if ((t->kind != TACT__TOK_WORD && !poss) || kl + t->norm_len + 1 >= sizeof key)
                break;
            if (j > i && !poss) {
                hs = (hs ^ (unsigned char)' ') * 0x100000001b3ull;
                kl++;
            }
            hs = tact__fnv_more(hs, c->sc->norm.p + t->norm_off, t->norm_len);
            kl += t->norm_len;
            if (j <= first)
                continue;
            uint32_t v = tact__lex_probe(c->words, tact__fnv_finish(hs));
            if (v & TACT__LX_PUBLIC)
                block(c, i, j, NM_BLOCK_PUBLIC);
            if (v & TACT__LX_BRAND)
                block(c, i, j, NM_BLOCK_BRAND);
        }
    }
}

/*
 * Regions: a run of capitalised compass words ("the North", "South West",
 * "North East"), alone or before a big place ("North Wales", "Northern
 * Ireland", "West Yorkshire"), is too wide to identify anyone; "North
 * Shields" or "East Ham" (a compass word before a town) is left alone.
 * Returns the last token of the region, or i - 1 when there is none.
 */
static size_t region_at(const names_ctx *c, size_t i)
{
    size_t e = i;
    while (e < c->n && e < i + 2 && nm_cap(c, e) && nm_has(c, e, NL_COMPASS))
        e++;
    if (e == i)
        return i - 1;
    if (!nm_cap(c, e) || (nm_tok(c, e)->shape & TACT__SH_LINE_START))
        return e - 1;
    if (nm_tok(c, e)->kind != TACT__TOK_WORD)
        return e - 1;
    if (nm_lex(c, e) & TACT__LX_BIGPLACE)
        return e;
    /* "Northern Ireland": a listed big place of two words */
    if (e == i + 1) {
        char key[64];
        const tact__token *a = nm_tok(c, i), *b = nm_tok(c, e);
        if (a->norm_len + b->norm_len + 1 < sizeof key) {
            memcpy(key, c->sc->norm.p + a->norm_off, a->norm_len);
            key[a->norm_len] = ' ';
            memcpy(key + a->norm_len + 1, c->sc->norm.p + b->norm_off, b->norm_len);
            if (tact__lex_get(c->words, key, a->norm_len + 1 + b->norm_len) & TACT__LX_BIGPLACE)
                return e;
        }
    }
    return i - 1;
}

/* "by" at token i introduces an author or performer: "a book by",
 * "written by", "keynote by", '"Jar of Hearts" by', and not "represented
 * by Mr Lewis", "seen by Kelly", "bitten by the dog". */
static bool authored_by(const names_ctx *c, size_t i)
{
    static const char *const made[] = {
        "written", "edited", "directed", "presented", "published", "produced", "sung",
        "performed", "hosted", "narrated", "delivered", "authored", "illustrated", "co-written",
        "composed", "painted", "photographed", "curated", "led", "chaired", "introduced",
        "recommended", "inspired", "quoted", "coined", "developed", "devised", "original", NULL};
    if (i == 0)
        return true;
    if (nm_has(c, i - 1, NL_WORK) || nm_has(c, i - 1, NL_INTRO) || nm_in(c, i - 1, made))
        return true;
    /* after a title in capitals or quotes, or punctuation */
    const tact__token *p = nm_tok(c, i - 1);
    return p->kind == TACT__TOK_PUNCT || (p->kind == TACT__TOK_WORD && nm_cap(c, i - 1) &&
                                          !(p->shape & TACT__SH_SENT_START));
}

/* "10k", "5K", "10km", "13.1 miles" is too much: a number glued to k or km. */
static bool distance_word(const names_ctx *c, size_t i)
{
    if (i >= c->n || nm_tok(c, i)->kind == TACT__TOK_WORD)
        return false;
    const tact__token *t = nm_tok(c, i);
    const char *p = c->sc->norm.p + t->norm_off;
    size_t n = t->norm_len, k = 0;
    while (k < n && p[k] >= '0' && p[k] <= '9')
        k++;
    if (k == 0 || k > 3)
        return false;
    return (n - k == 1 && p[k] == 'k') || (n - k == 2 && p[k] == 'k' && p[k + 1] == 'm');
}

/* Some token of [a, b] is a listed place (with heads: the first word of a
 * longer place, "Milton" of "Milton Keynes"). */
static bool has_place(const names_ctx *c, size_t a, size_t b, bool heads)
{
    uint32_t want = TACT__LX_PLACE | TACT__LX_BIGPLACE | (heads ? TACT__LX_HEAD : 0);
    for (size_t k = a; k <= b && k < c->n; k++)
        if (nm_lex(c, k) & want)
            return true;
    return false;
}

/* Club words that end a football club's name: "Bristol City", "Derby
 * County", "Tranmere Rovers". */
static const char *const club_words[] = {"city", "town", "county", "united", "rovers",
                                         "athletic", "wanderers", "albion", "rangers",
                                         "argyle", "thistle", "villa", "hotspur", NULL};
/* Words after a club that make it the club: "the Bristol City team". */
static const char *const club_after[] = {
    "team", "game", "games", "match", "matches", "fans", "fan", "squad", "players", "kit",
    "shirt", "shirts", "season", "ticket", "tickets", "manager", "score", "win",
    "won", "lost", "lose", "beat", "played", "play", "v", "vs", "home", "away", "stadium",
    "ground", "supporter", "supporters", "nil", "draw", "drew", NULL};

/* Words before a club: "supporting Bristol City". */
static const char *const club_before[] = {"supporting", "support", "supports", "supported",
                                          "watching", "watch", "watched", "cheering", "against",
                                          "beat", "beating", "playing", "played", "follow",
                                          "follows", "following", NULL};

/* "the Bristol City team", "Derby County won": a listed place and a club
 * word before a word about football, when the post does not mention a
 * council ("the Bristol City team" of Bristol City Council). */
static void mark_clubs(names_ctx *c)
{
    /* (every capitalised word is in c->capl) */
    for (size_t h = 0; h < c->ncapl; h++) {
        size_t i = c->capl[h];
        if (i < 1 || i + 1 >= c->n)
            continue;
        if (!nm_cap(c, i) || !nm_cap(c, i - 1) || nm_glued(c, i) || !nm_in(c, i, club_words))
            continue;
        size_t a = cap_run_back(c, i - 1);
        if (!has_place(c, a, i - 1, true))
            continue;
        /* "supporting Bristol City", "watched Derby County" */
        bool sport = nm_in(c, i + 1, club_after) ||
                     nm_in(c, a, club_before) || (a > 0 && nm_in(c, a - 1, club_before));
        if (!sport)
            continue;
        bool council = false;
        for (size_t q = 0; q < c->n && !council; q++)
            council = nm_is(c, q, "council") || nm_is(c, q, "councils");
        if (council)
            return;
        block(c, a, i, NM_BLOCK_BRAND);
    }
}

/* "the Leeds Half", "Brighton Pride", "Bristol 10k": an event named after a
 * place (see event_words). */
static void mark_events(names_ctx *c)
{
    for (size_t i = 1; i < c->n; i++) {
        bool strong = nm_has(c, i, NL_EVENT) || distance_word(c, i);
        bool plain = !strong && nm_has(c, i, NL_EVENTW) && nm_cap(c, i);
        if (!strong && !plain)
            continue;
        if (!nm_cap(c, i - 1) || nm_glued(c, i) || (nm_lex(c, i - 1) & TACT__LX_STOP))
            continue;
        size_t a = cap_run_back(c, i - 1);
        if (plain && !has_place(c, a, i - 1, true))
            continue;
        size_t e = i;
        while (e + 1 < c->n && e < i + 2 && !nm_glued(c, e + 1) &&
               (nm_has(c, e + 1, NL_EVENT) ||
                (nm_cap(c, e + 1) && nm_has(c, e + 1, NL_EVENTW))))
            e++;
        block(c, a, e, NM_BLOCK_PUBLIC);
        i = e;
    }
}

/* "Shelter Cymru", "Barnardo's Cymru", "Young Carers Scotland", "Voices
 * from Care Scotland", "Age UK": a run of capitalised ordinary words (or a
 * possessive) before a nation is an organisation, not a place. A run with
 * a listed place in it ("Cardiff Wales") or of names only ("Jake Wales")
 * is left alone. */
static void mark_nation_orgs(names_ctx *c)
{
    for (size_t i = 1; i < c->n; i++) {
        if (!nm_has(c, i, NL_NATION) || nm_glued(c, i) ||
            !(nm_cap(c, i) || (nm_tok(c, i)->shape & TACT__SH_ALLCAP)))
            continue;
        size_t j = i - 1;
        bool poss = false;
        if (nm_tok(c, j)->kind == TACT__TOK_POSS && j > 0 && nm_cap(c, j - 1)) {
            j--;
            poss = true;
        }
        if (!nm_cap(c, j) || (nm_lex(c, j) & TACT__LX_STOP) || nm_has(c, j, NL_COMPASS))
            continue;
        size_t a = cap_run_back(c, j);
        /* "Voices from Care", "Children of the Valleys" */
        for (int hop = 0; hop < 2; hop++) {
            size_t k = a;
            if (k >= 2 && nm_is(c, k - 1, "the"))
                k--;
            if (k >= 2 && (nm_is(c, k - 1, "from") || nm_is(c, k - 1, "of") ||
                           nm_is(c, k - 1, "for") || nm_is(c, k - 1, "in") ||
                           nm_is(c, k - 1, "and") || nm_punct(c, k - 1, '&')) &&
                nm_cap(c, k - 2) && !(nm_lex(c, k - 2) & TACT__LX_STOP))
                a = cap_run_back(c, k - 2);
            else
                break;
        }
        if (has_place(c, a, j, false))
            continue;
        bool ordinary = poss || nm_is(c, i, "cymru") || nm_is(c, i, "alba");
        for (size_t k = a; k <= j && !ordinary; k++)
            if (nm_word(c, k) && (nm_lex(c, k) & TACT__LX_DICT) && !(nm_lex(c, k) & TACT__LX_NAME))
                ordinary = true;
        if (!ordinary)
            continue;
        block(c, a, i, NM_BLOCK_BRAND);
    }
}

/*
 * The author's own family: "My daughter Freya's first day at school", "my
 * husband Rob", "my little brother Callum", "my eldest daughter Isla". A
 * close relative after "my" ("my eldest Isla" too) is the author's, not a service user's
 * (practitioners write "her mum", "mum", "our Tayla" of the people they
 * work with). Words that also mean a young person in care ("my lad", "my
 * girl", "my kids") are not in the list.
 */
static const char *const own_kin[] = {
    "son",     "daughter", "husband", "wife",    "hubby",       "fiance",     "fiancee",
    "mum",     "mam",      "mom",     "dad",     "nan",         "nana",       "nanna",
    "gran",    "granny",   "grandma", "grandad", "granddad",    "grandpa",    "brother",
    "sister",  "niece",    "nephew",  "grandson", "granddaughter", "stepson", "stepdaughter",
    "auntie",  "aunt",     "uncle",   "cousin",  "partner",     "sis",        "bro",
    "mother",  "father",   "mummy",   "daddy",   "grandmother", "grandfather", "stepmum",
    "stepmom", "stepdad",  "stepmother", "stepfather", NULL};

/* Words between "my" and the relative: "my little brother Callum". */
static const char *const own_kin_adj[] = {
    "little",    "big",     "baby",     "older",    "younger",  "twin",      "kid",
    "wee",       "elder",   "eldest",   "youngest", "wonderful", "amazing",  "lovely",
    "beautiful", "gorgeous", "darling", "dear",     "dearest",  "beloved",   "brilliant",
    "clever",    "handsome", "fabulous", "sweet",    "incredible", "awesome", "favourite",
    "late",      "own",     "long-suffering", "poor", "proud",   "precious",  "new",
    "best",      "lil",     NULL};

/* mark_own_family's test at token i (1 <= i, i + 1 < n): the end of what
 * it marked, or i when it marked nothing. */
static size_t own_family_at(names_ctx *c, size_t i)
{
    /* "my eldest Isla", "my youngest Alfie": the adjective is the kin */
    bool eldest = nm_is(c, i - 1, "my") &&
                  (nm_is(c, i, "eldest") || nm_is(c, i, "youngest") || nm_is(c, i, "oldest"));
    if (!eldest &&
        (!(nm_lex(c, i) & TACT__LX_KIN) || !nm_in(c, i, own_kin) ||
         !(nm_is(c, i - 1, "my") ||
           (i >= 2 && nm_is(c, i - 2, "my") && nm_in(c, i - 1, own_kin_adj)))))
        return i;
    size_t k = i + 1;
    if (!nm_word(c, k) || !(nm_cap(c, k) || (nm_lex(c, k) & TACT__LX_NAME)))
        return i;
    size_t e = nm_cap(c, k) ? cap_run_fwd(c, k) : k;
    if (e - k > 2)
        e = k + 2;
    block(c, k, e, NM_BLOCK_PUBLIC);
    return e;
}

static void mark_own_family(names_ctx *c)
{
    /* The test at each i from 1 (i + 1 < n), going on after what a match
     * marked. It needs "my" one or two tokens before i: only those i are
     * tried, in order (next: the first i the walk would try; a token whose
     * hash is not that of "my" is not "my"). */
    const tact__token *toks = c->sc->toks;
    const uint64_t h_my = tact__hash_inl("my", 2);
    size_t next = 1;
    for (size_t j = 0; j + 2 < c->n; j++) {
        if (toks[j].hash != h_my)
            continue;
        for (size_t i = j + 1; i <= j + 2 && i + 1 < c->n; i++) {
            if (i < next)
                continue;
            size_t e = own_family_at(c, i);
            next = e + 1; /* (e == i: nothing marked, the next i) */
        }
    }
}

static void mark_conditions(names_ctx *c)
{
    if (!(c->any & NL_EPONYM))
        return;
    for (size_t i = 0; i + 1 < c->n; i++) {
        if (!nm_has(c, i, NL_EPONYM))
            continue;
        bool poss = nm_tok(c, i + 1)->kind == TACT__TOK_POSS;
        /* "Bell's" and "Williams's" are surnames first: they need the
         * condition word; the distinctive ones ("Parkinson's") do not */
        bool cond = nm_has(c, poss ? i + 2 : i + 1, NL_CONDW);
        bool own = nm_is(c, i, "parkinson") || nm_is(c, i, "alzheimer") ||
                   nm_is(c, i, "asperger") || nm_is(c, i, "tourette") ||
                   nm_is(c, i, "huntington") || nm_is(c, i, "crohn") ||
                   nm_is(c, i, "munchausen") || nm_is(c, i, "korsakoff");
        if (cond || (poss && own))
            block(c, i, i, NM_BLOCK_PUBLIC);
    }
}

/* Speed: for a capitalised token i, true when no rule of the loop of
 * tact__names_public_mark can mark anything from it: i is in none of the
 * lists those rules test at i (the region, intro, title, worship, media and
 * inquiry words; versus words need i not capitalised) and is not "dr", and
 * the token after it is none of the things the rules test there: a said or
 * sport word, a possessive, a number, '(' or ','. */
static bool cap_idle(const names_ctx *c, size_t i)
{
    if (nm_has(c, i, NL_COMPASS | NL_INTRO | NL_PTITLE | NL_WORSHIP | NL_MEDIA | NL_INQUIRY) ||
        nm_is(c, i, "dr") || nm_is(c, i, "law"))
        return false;
    if (i + 1 >= c->n)
        return true;
    const tact__token *u = nm_tok(c, i + 1);
    if ((c->cls[i + 1] & (NL_SAID | NL_SPORT)) || u->kind == TACT__TOK_POSS ||
        u->kind == TACT__TOK_NUMBER)
        return false;
    return !nm_punct(c, i + 1, '(') && !nm_punct(c, i + 1, ',');
}

/*
 * Given names that are also ordinary English words ("Grace finally did the
 * jump", "Will starts college"): kept as possible names at the start of a
 * sentence by mark_opener (session 13: team-written from general knowledge,
 * merged with the given names of the lexicon of compromise (npm, MIT) that
 * the word list also holds, reviewed by hand; kept only the words of the
 * word list, sorted, normalised, lower case). Scope: names given in the UK
 * today or to older people, flowers, gems, virtues and short forms. An ordinary
 * word that opens a sentence and is not here ("Early help is everything",
 * "Home visits in ...", "Small world") is no one's name.
 */
static const char *const word_names[] = {
    "abbey", "abigail", "abram", "aggie", "aina", "al", "alan", "alannah", "alba", "albert",
    "alec", "alexander", "alexia", "amber", "amelia", "amie", "amine", "amir", "ana", "angel",
    "angelica", "ann", "anna", "aria", "ariel", "art", "ash", "august", "aurelia", "autumn", "ava",
    "barney", "basil", "ben", "benjamin", "benny", "bertha", "beryl", "beth", "betty", "bill",
    "billie", "billy", "blessing", "blossom", "bob", "bobby", "bonita", "bonnie", "brad", "bree",
    "brent", "britt", "brook", "buddy", "burton", "buster", "cal", "candy", "carina", "carl",
    "carmen", "carol", "celeste", "chad", "charity", "charley", "charlie", "charlotte", "chas",
    "chase", "cherry", "christen", "christie", "christy", "chuck", "clarence", "clay", "clement",
    "cliff", "clint", "colby", "cole", "colin", "colleen", "cory", "craig", "crystal", "curt",
    "dahlia", "daisy", "dale", "dan", "daphne", "darcy", "dawn", "dean", "deb", "debby", "dee",
    "derrick", "destiny", "devon", "dexter", "di", "dieter", "dirk", "dolly", "dominick",
    "dominique", "don", "dona", "donna", "dot", "drew", "ebenezer", "ebony", "ed", "emerald",
    "emery", "emma", "emmy", "erica", "erick", "ester", "eugenia", "eve", "faith", "favour", "fay",
    "fern", "fletcher", "flora", "frank", "franklin", "fritz", "gaby", "gale", "garland", "garnet",
    "garth", "gem", "gemma", "gena", "gene", "georgette", "germaine", "gilbert", "ginger", "glen",
    "gloria", "grace", "graham", "grant", "gregory", "gunter", "gus", "guy", "hank", "harmony",
    "harry", "hazel", "heath", "heather", "hector", "henry", "herb", "holly", "homer", "honey",
    "hope", "hunter", "hyacinth", "iris", "isabel", "isabella", "ivy", "jack", "jacky", "jade",
    "jake", "james", "jane", "jasmin", "jasmine", "jasper", "jay", "jeanette", "jeff", "jerry",
    "jess", "jesse", "jessie", "jewel", "jill", "jimmie", "jimmy", "jo", "joe", "joey", "johannes",
    "john", "johnnie", "johnny", "joseph", "josh", "joy", "judy", "julienne", "kali", "kamala",
    "kamila", "kara", "kat", "kati", "kay", "keir", "kelly", "ken", "kerry", "kiley", "kip", "kit",
    "kris", "lacy", "lambert", "lana", "lance", "lars", "laura", "laurel", "lea", "lee", "les",
    "lex", "liana", "lily", "lindy", "lionel", "logan", "lotte", "louie", "louis", "luke", "lulu",
    "luna", "luz", "mack", "madeleine", "madge", "madonna", "mae", "magdalene", "maire", "malik",
    "mara", "marc", "marcel", "marcella", "margarita", "marge", "marguerite", "maria", "marina",
    "mark", "marlin", "marquis", "marshal", "marshall", "martin", "maryjane", "mason", "matilda",
    "matt", "maud", "mavis", "max", "maxwell", "may", "meg", "mel", "melody", "mercy", "merle",
    "mick", "mickey", "micky", "mike", "miles", "milo", "milos", "mina", "minnie", "misty",
    "mitch", "mo", "moe", "moira", "molly", "mona", "monte", "morgan", "moses", "mya", "myrtle",
    "nancy", "neal", "ned", "nelson", "nick", "nils", "noel", "norm", "norman", "olive", "oliver",
    "omer", "otto", "pam", "paolo", "pascal", "pat", "patience", "patrick", "pattie", "patty",
    "paul", "pearl", "pedro", "peg", "peggy", "penny", "peter", "petro", "phil", "phoebe", "pia",
    "pierce", "pip", "polly", "poppy", "precious", "prem", "prudence", "queenie", "ralph",
    "ramona", "ray", "reed", "reg", "regina", "rhea", "ria", "rich", "rick", "rickey", "river",
    "roan", "rob", "robbin", "robin", "rocky", "rod", "roger", "rolf", "roman", "romeo", "rory",
    "roscoe", "rose", "rosella", "roselle", "rosemary", "rowan", "ruby", "russel", "rusty", "ruth",
    "sabine", "sade", "sage", "sal", "sally", "sam", "sandy", "saul", "savanna", "savannah",
    "scot", "scottie", "scotty", "serena", "serge", "shawn", "shay", "shea", "sheila", "shelly",
    "sherry", "sierra", "silas", "sky", "sophia", "spencer", "star", "stela", "stella", "stephane",
    "steven", "storm", "sue", "summer", "sunny", "sybil", "syed", "sylvia", "tamara", "tammie",
    "tammy", "tanner", "tara", "ted", "teddy", "terry", "tiara", "tiffany", "timothy", "toby",
    "tod", "tom", "tony", "tora", "tori", "travis", "trey", "troy", "val", "valentine", "vanessa",
    "vera", "veronica", "vi", "victor", "violet", "wade", "wally", "will", "willie", "willow",
    "willy", "zack", NULL};

/* Token i's normalised form is in the sorted list l of n words. */
static bool in_sorted(const names_ctx *c, size_t i, const char *const *l, size_t n)
{
    const tact__token *t = nm_tok(c, i);
    const char *w = c->sc->norm.p + t->norm_off;
    size_t lo = 0, hi = n, wl = t->norm_len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *s = l[mid];
        size_t k = 0;
        while (k < wl && s[k] && s[k] == w[k])
            k++;
        int d = k < wl ? (s[k] ? (unsigned char)s[k] - (unsigned char)w[k] : -1)
                       : (s[k] ? 1 : 0);
        if (d == 0)
            return true;
        if (d < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

/* Lexicon bits of a word that other rules read at the start of a
 * sentence: a function, kin, role or title word, a month or weekday, a
 * place, a brand, a street word, a public name. */
#define OPENER_NOT                                                                                \
    (TACT__LX_STOP | TACT__LX_PLACE | TACT__LX_BIGPLACE | TACT__LX_KIN | TACT__LX_ROLE | \
     TACT__LX_TITLE | TACT__LX_MONTH | TACT__LX_WEEKDAY | TACT__LX_BRAND | TACT__LX_PUBLIC |       \
     TACT__LX_STREET)

/*
 * An ordinary word that opens a sentence with a capital only because it
 * opens it: "Early help is everything", "Home visits in rural Norfolk",
 * "School run was chaos", "Small world". The tagger takes some of them
 * for a person or a place from the capital and the position alone. Such a
 * word (in the word list, with a capital that says nothing,
 * tact__nm_cap_free) before an ordinary word in lower case is marked,
 * unless it is a given name that is also a word (word_names), a nickname
 * adjective ("Little", "Our"), a compass, saint or discourse word, or in
 * another list a later rule reads. A name that is no ordinary word
 * ("Kaleb finally did the jump") is left alone.
 */
static void mark_opener(names_ctx *c, size_t i)
{
    const tact__token *t = nm_tok(c, i);
    if (t->kind != TACT__TOK_WORD || !(t->lex & TACT__LX_DICT) || (t->lex & OPENER_NOT) ||
        (t->shape & (TACT__SH_ONELETTER | TACT__SH_ALLCAP | TACT__SH_HYPHEN)) ||
        !(t->shape & TACT__SH_INITCAP))
        return;
    /* (an ordinary word in lower case after it, not a function word: the
     * first word qualifies the second, "Early help", "Home visits"; but
     * "Gloria, DOB ...", "Rose's mum", "Big Mick", "Texas is ..." are left
     * alone) */
    if (i + 1 >= c->n || !nm_word(c, i + 1) || !(nm_tok(c, i + 1)->shape & TACT__SH_LOWER) ||
        nm_glued(c, i + 1) || (nm_lex(c, i + 1) & TACT__LX_STOP) ||
        !(nm_lex(c, i + 1) & TACT__LX_DICT))
        return;
    /* "Texas is ...": a proper noun of the word list that is no name is a
     * place or a thing with a name of its own */
    if ((t->lex & TACT__LX_PROPER) && !(t->lex & TACT__LX_NAME))
        return;
    if (nm_has(c, i, NL_NICK | NL_COMPASS | NL_SAINT | NL_DISC) || !tact__nm_cap_free(c, i))
        return;
    /* "Dr. Cox still ...": the full stop of a title, not of a sentence */
    if (i >= 2 && nm_punct(c, i - 1, '.') && (nm_lex(c, i - 2) & TACT__LX_TITLE))
        return;
    if (in_sorted(c, i, word_names, sizeof word_names / sizeof *word_names - 1))
        return;
    block(c, i, i, NM_BLOCK_BRAND);
}

/*
 * Pubs: "the Nag's Head", "the King's Arms", "the Coach and Horses Inn",
 * "Fisherman's Tavern": a capitalised word with a possessive (or a run of
 * capitalised words) before Head, Arms, Inn or Tavern is a pub everyone
 * can drink in, not a person ("Head") or where anyone lives.
 */
static void mark_pub(names_ctx *c, size_t i)
{
    bool head = nm_is(c, i, "head");
    if (i < 2 || !(head || nm_is(c, i, "arms") || nm_is(c, i, "inn") || nm_is(c, i, "tavern")))
        return;
    size_t a;
    /* (Head only after "the": "Kelly's Head of Year" is a teacher of Kelly) */
    if (nm_tok(c, i - 1)->kind == TACT__TOK_POSS && nm_cap(c, i - 2) &&
        (!head || (i >= 3 && nm_is(c, i - 3, "the"))))
        a = i - 2;
    else if (!head && nm_cap(c, i - 1) && !(nm_lex(c, i - 1) & TACT__LX_STOP) &&
             !tact__nm_cap_free(c, i - 1))
        a = cap_run_back(c, i - 1);
    else
        return;
    block(c, a, i, NM_BLOCK_BRAND);
}

/*
 * Peoples and attitudes: "Romany Gypsy", "Irish Traveller", "White
 * British" (two capitalised words of NL_DEMONYM), "Anti-Gypsy", "Anti-Roma",
 * "Pro-Palestinian", "Non-Muslim" (a hyphenated word whose first part is a
 * prefix of attitude or whose last part is a people or faith) are
 * adjectives of a group, not a person's name.
 */
static void mark_people(names_ctx *c, size_t i)
{
    const tact__token *t = nm_tok(c, i);
    if (nm_has(c, i, NL_DEMONYM)) {
        if (nm_cap(c, i + 1) && nm_has(c, i + 1, NL_DEMONYM) && !nm_glued(c, i + 1))
            block(c, i, i + 1, NM_BLOCK_BRAND);
        return;
    }
    if (!(t->shape & TACT__SH_HYPHEN) || t->lex)
        return;
    const char *w = c->sc->norm.p + t->norm_off;
    size_t n = t->norm_len, h = 0;
    while (h < n && w[h] != '-')
        h++;
    if (h >= n)
        return;
    size_t l = n;
    while (l > 0 && w[l - 1] != '-')
        l--;
    if ((h == 4 && memcmp(w, "anti", 4) == 0) || (h == 3 && memcmp(w, "pro", 3) == 0) ||
        (h == 3 && memcmp(w, "non", 3) == 0) ||
        (tact__lex_get(&c->nr->cue, w + l, n - l) & NL_DEMONYM))
        block(c, i, i, NM_BLOCK_BRAND);
}

/*
 * Where the author or the author's family came from: "I came over from
 * Bulawayo in 2019", "My own mum came over from Harare", "Moved here from
 * Kerala last year to work in children's services". A town or a country
 * after "came / moved / over / here ... from", in a sentence whose subject
 * is the author ("I", "we", "myself", "my mum", "my own ...", or no
 * subject at all: the sentence opens with the verb), identifies nobody the
 * author works with ("my client moved here from ..." is left alone).
 */
static const char *const origin_verbs[] = {"came",     "come",     "moved",    "emigrated",
                                           "migrated", "over",     "here",     "originally",
                                           "arrived",  "relocated", "fled",    NULL};

static void mark_own_origin(names_ctx *c, size_t i)
{
    if (i < 2 || !nm_is(c, i - 1, "from") || !nm_in(c, i - 2, origin_verbs))
        return;
    bool own = false;
    size_t k = i - 2;
    /* back to the start of the sentence, at most 12 words */
    for (size_t n = 0; n < 12; n++) {
        const tact__token *t = nm_tok(c, k);
        if (nm_is(c, k, "i") || nm_is(c, k, "we") || nm_is(c, k, "myself") ||
            (nm_is(c, k, "my") && (nm_in(c, k + 1, own_kin) || nm_is(c, k + 1, "own") ||
                                   nm_is(c, k + 1, "family") || nm_is(c, k + 1, "parents"))))
            own = true;
        if ((t->shape & (TACT__SH_SENT_START | TACT__SH_LINE_START)) || k == 0) {
            /* "Moved here from ...": the verb opens the sentence */
            if (nm_in(c, k, origin_verbs))
                own = true;
            break;
        }
        k--;
    }
    if (!own)
        return;
    size_t e = cap_run_fwd(c, i);
    if (e > i + 1)
        e = i + 1;
    block(c, i, e, NM_BLOCK_PUBLIC);
}

/* "Brilliant talk from Rachel Carter", "a webinar by Siobhan Maclean": the
 * speaker of a talk is a public figure (see intro_words; "talk to Kelly" is
 * not). */
static const char *const talk_words[] = {"talk",     "talks",     "keynote", "lecture",
                                         "speech",   "webinar",   "seminar", "masterclass",
                                         "presentation", "podcast", NULL};

static void mark_speaker(names_ctx *c, size_t i)
{
    if (i < 2 || !(nm_is(c, i - 1, "from") || nm_is(c, i - 1, "by")) ||
        !nm_in(c, i - 2, talk_words) || (nm_lex(c, i) & (TACT__LX_PLACE | TACT__LX_BIGPLACE)))
        return;
    size_t e = author_list(c, i);
    if (e >= i)
        block(c, i, e, NM_BLOCK_PUBLIC);
}

/* A name on a stage: "Frank Cottrell-Boyce reading at the Hay festival
 * today", "Jackie Kay speaking at the book festival": someone who reads,
 * speaks or signs at a festival, conference or launch under a full name is
 * a public figure (thirtieth session). k is the last word of the
 * capitalised run. */
static const char *const stage_verbs[] = {"reading", "speaking", "talking", "signing",
                                          "performing", "singing", "appearing", NULL};
static const char *const stage_events[] = {"festival", "fest",      "conference", "launch",
                                           "summit",   "symposium", "lecture",    NULL};

static void mark_stage(names_ctx *c, size_t k)
{
    if (!nm_is(c, k + 2, "at") || !nm_in(c, k + 1, stage_verbs))
        return;
    bool event = false;
    for (size_t j = k + 3; j < c->n && j <= k + 7 && !event; j++)
        event = nm_in(c, j, stage_events);
    if (!event)
        return;
    size_t a = k;
    while (a > 0 && k - a < 4 && nm_cap(c, a - 1) && !(nm_lex(c, a - 1) & TACT__LX_STOP))
        a--;
    if (a == k) /* a name of one word ("Kayleigh reading at ...") may be a child */
        return;
    block(c, a, k, NM_BLOCK_PUBLIC);
}

/* "Station Road, Barry", "Mill Lane, Kerry": a capitalised word after a
 * street and a comma is the town of the address (a Welsh town that is also
 * a given name), not a person; a listed place (or the head of one,
 * "Barry Island") is left to the place rules. */
static void mark_street_town(names_ctx *c, size_t i)
{
    if (i < 3 || !nm_punct(c, i - 1, ',') || !(nm_lex(c, i - 2) & TACT__LX_STREET) ||
        !nm_cap(c, i - 2) || !nm_cap(c, i - 3) ||
        (nm_lex(c, i) & (TACT__LX_PLACE | TACT__LX_BIGPLACE | TACT__LX_STOP)) ||
        ((nm_lex(c, i) & TACT__LX_HEAD) && nm_cap(c, i + 1)))
        return;
    block(c, i, i, NM_BLOCK_BRAND);
}

/* A public figure's surname said again on its own, perhaps with a title
 * ("Our practice educator, Dr Helen Gill, ... Congratulations Dr Gill!",
 * "Prof Munro's review ... Munro says"): the same public figure. The
 * surname: the last word of a public span of two or more capitalised
 * words (at most 8 of them are followed). */
static void mark_said_again(names_ctx *c)
{
    size_t seen = 0;
    for (size_t h = 0; h < c->ncapl && seen < 8; h++) {
        size_t i = c->capl[h];
        if (i == 0 || !(c->block[i] & NM_BLOCK_PUBLIC) || !(c->block[i - 1] & NM_BLOCK_PUBLIC) ||
            !nm_cap(c, i) || !nm_cap(c, i - 1) || nm_tok(c, i)->norm_len < 3 ||
            (i + 1 < c->n && nm_cap(c, i + 1) && (c->block[i + 1] & NM_BLOCK_PUBLIC)))
            continue;
        seen++;
        uint64_t hash = nm_tok(c, i)->hash;
        for (size_t g = h + 1; g < c->ncapl; g++) {
            size_t j = c->capl[g];
            if (j <= i + 1 || nm_tok(c, j)->hash != hash || (c->block[j] & NM_BLOCK_PUBLIC) ||
                !nm_cap(c, j) || (j + 1 < c->n && nm_cap(c, j + 1)))
                continue;
            size_t a = j;
            if (j > 0 && (nm_lex(c, j - 1) & TACT__LX_TITLE) && nm_cap(c, j - 1))
                a = j - 1;
            else if (j > 1 && nm_punct(c, j - 1, '.') && (nm_lex(c, j - 2) & TACT__LX_TITLE))
                a = j - 2;
            block(c, a, j, NM_BLOCK_PUBLIC);
        }
    }
}

void tact__names_public_mark(names_ctx *c)
{
    /* Speed: each pass needs something of the post (c->lxany, c->nlstl,
     * c->numtok, c->any); a post without it can change nothing there. */
    if (c->has_my && (c->lxany & TACT__LX_KIN || c->lxany & TACT__LX_DICT))
        mark_own_family(c); /* needs "my" and a kin word, or "eldest" */
    mark_conditions(c);
    if (c->nlstl)
        mark_lists(c); /* a listed word or entry head, or a possessive ("Arthur's Seat") */
    /* sentence openers, pubs, the town of an address, peoples, origins,
     * speakers: tests of a capitalised token (c->capl). Speed: each is
     * called only when its first test on the token (or the one before)
     * passes: an ordinary word for mark_opener, a word of 3, 4 or 6
     * letters for mark_pub, punctuation before for mark_street_town, a
     * demonym or a hyphen for mark_people, "from" or "by" before for
     * mark_own_origin and mark_speaker (by hash, then by spelling). */
    const uint64_t h_from = tact__hash_inl("from", 4), h_by = tact__hash_inl("by", 2);
    for (size_t h = 0; h < c->ncapl; h++) {
        size_t k = c->capl[h];
        if (!nm_cap(c, k))
            continue;
        const tact__token *t = nm_tok(c, k);
        if ((t->lex & TACT__LX_DICT) && !(t->lex & OPENER_NOT))
            mark_opener(c, k);
        if (t->norm_len == 3 || t->norm_len == 4 || t->norm_len == 6)
            mark_pub(c, k);
        if ((t->shape & TACT__SH_HYPHEN) || nm_has(c, k, NL_DEMONYM))
            mark_people(c, k);
        if (k + 1 < c->n && !nm_cap(c, k + 1) && nm_word(c, k + 1))
            mark_stage(c, k);
        if (k == 0)
            continue;
        const tact__token *p = t - 1;
        if (p->kind == TACT__TOK_PUNCT)
            mark_street_town(c, k);
        if (p->hash == h_from || p->hash == h_by) {
            mark_own_origin(c, k);
            mark_speaker(c, k);
        }
    }
    mark_holiday(c);
    /* events: an event word, or "10k" (not a word, starts with a digit) */
    if ((c->any & (NL_EVENT | NL_EVENTW)) || c->numtok)
        mark_events(c);
    /* clubs: has_place(..., true) needs a listed place or entry head */
    if (c->lxany & (TACT__LX_PLACE | TACT__LX_BIGPLACE | TACT__LX_HEAD))
        mark_clubs(c);
    if (c->any & NL_NATION)
        mark_nation_orgs(c);
    /* Speed: every rule below needs token i capitalised, or one of the
     * lists NL_VERSUS, NL_INTRO, NL_PTITLE, NL_WORSHIP, or "dr": the loop
     * visits only those tokens (c->capl, in order; a rule that moves i on
     * to e goes on from the first after it); nor can most capitalised ones
     * change anything (cap_idle). */
    size_t i = 0, next = 0;
    for (size_t h = 0; h < c->ncapl; h++, next = i + 1 > next ? i + 1 : next) {
        i = c->capl[h];
        if (i < next)
            continue;
        if (nm_cap(c, i) ? cap_idle(c, i)
                         : !nm_has(c, i, NL_VERSUS | NL_INTRO | NL_PTITLE | NL_WORSHIP) &&
                               !nm_is(c, i, "dr"))
            continue;
        if (nm_cap(c, i) && nm_has(c, i, NL_COMPASS) &&
            (i == 0 || !nm_cap(c, i - 1) || nm_is(c, i - 1, "the") || nm_has(c, i - 1, NL_NICK) ||
             tact__nm_cap_free(c, i) || (nm_lex(c, i - 1) & TACT__LX_STOP))) {
            /* (a function word before: "In Northern Ireland the ...") */
            size_t e = region_at(c, i);
            if (e + 1 > i) {
                block(c, i, e, NM_BLOCK_PUBLIC);
                i = e;
                continue;
            }
        }
        /* "Munro (2011)", "Munro, 2011", "Munro 2011" */
        if (nm_cap(c, i)) {
            size_t k = i + 1;
            if (nm_punct(c, k, '(') || nm_punct(c, k, ','))
                k++;
            if (k < c->n && nm_tok(c, k)->kind == TACT__TOK_NUMBER &&
                nm_tok(c, k)->end - nm_tok(c, k)->start == 4 &&
                (c->sc->text[nm_tok(c, k)->start] == '1' || c->sc->text[nm_tok(c, k)->start] == '2') &&
                (k == i + 1 ? true : nm_punct(c, k + 1, ')') || nm_punct(c, k + 1, ',') ||
                                         nm_punct(c, k + 1, ';')) &&
                (nm_punct(c, i + 1, '(') || nm_punct(c, k + 1, ')'))) {
                size_t a = cap_run_back(c, i);
                /* walk back over an author list */
                while (a >= 2 && (nm_punct(c, a - 1, ',') || nm_punct(c, a - 1, '&') ||
                                  nm_is(c, a - 1, "and")) &&
                       nm_cap(c, a - 2))
                    a = cap_run_back(c, a - 2);
                block(c, a, i, NM_BLOCK_PUBLIC);
            }
        }
        /* "Harry Ferguson writes", "Smith et al"; but "Dave said he ...",
         * "Kelly says": a given name alone with a verb of talk is someone
         * in the story, not an author */
        if (nm_cap(c, i) && nm_has(c, i + 1, NL_SAID)) {
            size_t a = cap_run_back(c, i);
            bool talk = nm_is(c, i + 1, "says") || nm_is(c, i + 1, "said") ||
                        nm_is(c, i + 1, "calls") || nm_is(c, i + 1, "called") ||
                        nm_is(c, i + 1, "found") || nm_is(c, i + 1, "finds") ||
                        nm_is(c, i + 1, "puts") || nm_is(c, i + 1, "reminds");
            bool given = a == i && (nm_lex(c, i) & TACT__LX_FIRST) &&
                         !(nm_lex(c, i) & TACT__LX_PUBLIC);
            if ((!nm_is(c, i + 1, "et") || nm_is(c, i + 2, "al")) && !(talk && given))
                block(c, a, i, NM_BLOCK_PUBLIC);
        }
        /* "Arsenal v Chelsea", "Spurs vs Chelsea", "Chelsea fans": football
         * clubs, not people */
        if (nm_has(c, i, NL_VERSUS) && i > 0 && nm_cap(c, i - 1) && !nm_cap(c, i)) {
            size_t k = nm_punct(c, i + 1, '.') ? i + 2 : i + 1;
            if (nm_cap(c, k)) {
                size_t e = cap_run_fwd(c, k);
                if (e > k + 2)
                    e = k + 2;
                block(c, cap_run_back(c, i - 1), i - 1, NM_BLOCK_BRAND);
                block(c, k, e, NM_BLOCK_BRAND);
            }
        }
        if (nm_cap(c, i) && nm_has(c, i + 1, NL_SPORT))
            block(c, cap_run_back(c, i), i, NM_BLOCK_BRAND);
        /* "Trevithick's book", "Thompson's PCS model" */
        if (nm_cap(c, i) && i + 1 < c->n && nm_tok(c, i + 1)->kind == TACT__TOK_POSS) {
            size_t k = i + 2;
            while (k < c->n && k < i + 5 && !nm_has(c, k, NL_WORK) &&
                   (nm_tok(c, k)->kind == TACT__TOK_WORD || nm_tok(c, k)->kind == TACT__TOK_ALNUM) &&
                   !(nm_lex(c, k) & TACT__LX_STOP))
                k++;
            /* but "Leah's life story book", "Leah's school report", "Leah's
             * LAC review": a record about the person, not their work */
            bool record = false;
            for (size_t q = i + 2; q < k && !record; q++)
                record = nm_in(c, q, record_words);
            if (nm_has(c, k, NL_WORK) && !record)
                block(c, cap_run_back(c, i), k, NM_BLOCK_PUBLIC);
        }
        /* "keynote from Dr Ruth Allen", "Rereading Featherstone, Gupta ...", "hear Isabelle Trowler" */
        if (nm_has(c, i, NL_INTRO) && (!nm_is(c, i, "by") || authored_by(c, i))) {
            size_t k = i + 1;
            if (nm_is(c, k, "from") || nm_is(c, k, "to") || nm_is(c, k, "by"))
                k++;
            /* but "thanks Donald!", "heard Kelly shouting": a given name
             * alone after thanks or hearing is someone the author knows */
            bool social = nm_is(c, i, "thanks") || nm_is(c, i, "hear") ||
                          nm_is(c, i, "heard") || nm_is(c, i, "hearing");
            if (nm_cap(c, k) && !(nm_lex(c, k) & TACT__LX_PLACE)) {
                size_t e = author_list(c, k);
                if (social && e == k && (nm_lex(c, k) & TACT__LX_FIRST) &&
                    !(nm_lex(c, k) & TACT__LX_PUBLIC))
                    e = k - 1;
                if (e >= k)
                    block(c, k, e, NM_BLOCK_PUBLIC);
            }
        }
        /* "Ruth Allen, BASW chief" */
        if (nm_cap(c, i) && nm_punct(c, i + 1, ',')) {
            size_t k = i + 2;
            size_t lim = k + 3;
            while (k < c->n && k < lim && !nm_has(c, k, NL_OFFICE) &&
                   (nm_tok(c, k)->shape & (TACT__SH_ALLCAP | TACT__SH_INITCAP)))
                k++;
            if (k > i + 2 && nm_has(c, k, NL_OFFICE))
                block(c, cap_run_back(c, i), k, NM_BLOCK_PUBLIC);
        }
        /* "Professor Eileen Munro", "Sir Martin Narey", "Dr Ruth Allen" */
        if (nm_word(c, i) && (nm_has(c, i, NL_PTITLE) || nm_is(c, i, "dr"))) {
            size_t k = i + 1;
            if (nm_punct(c, k, '.'))
                k++;
            size_t e = nm_cap(c, k) ? cap_run_fwd(c, k) : k - 1;
            if (e >= k && (!nm_is(c, i, "dr") || e > k))
                block(c, i, e, NM_BLOCK_PUBLIC);
        }
        /* "Sunderland Minster", "St Mary's Church", but not "the Cathedral
         * night shelter" */
        if (nm_has(c, i, NL_WORSHIP) && !nm_has(c, i + 1, NL_SERVICE)) {
            size_t a = i;
            if (i > 0 && nm_cap(c, i - 1))
                a = cap_run_back(c, i - 1);
            else if (i > 1 && nm_tok(c, i - 1)->kind == TACT__TOK_POSS && nm_cap(c, i - 2))
                a = cap_run_back(c, i - 2);
            if (a > 0 && (nm_is(c, a - 1, "st") || nm_is(c, a - 1, "saint")))
                a--;
            block(c, a, i, NM_BLOCK_PUBLIC);
        }
        /* "British Journal of Social Work", "Community Care" */
        if (nm_cap(c, i) && nm_has(c, i, NL_MEDIA)) {
            size_t a = i > 0 && nm_cap(c, i - 1) ? cap_run_back(c, i - 1) : i;
            size_t e = i;
            if (nm_is(c, i + 1, "of") && nm_cap(c, i + 2))
                e = cap_run_fwd(c, i + 2);
            block(c, a, e, NM_BLOCK_PUBLIC);
        }
        /* "Victoria Climbié Inquiry", "the Laming Report" */
        if (nm_cap(c, i) && nm_has(c, i, NL_INQUIRY) && i > 0 && nm_cap(c, i - 1))
            block(c, cap_run_back(c, i - 1), i, NM_BLOCK_PUBLIC);
        /* "Clare's Law", "Sarah's Law", "Baby P's review": a law or review
         * named after someone ("Law" alone is a surname: Jude Law) */
        if (nm_cap(c, i) && (nm_is(c, i, "law") || nm_has(c, i, NL_INQUIRY)) && i > 1 &&
            nm_is(c, i - 1, "'s") && nm_cap(c, i - 2))
            block(c, cap_run_back(c, i - 2), i, NM_BLOCK_PUBLIC);
    }
    if (c->blocked_any)
        mark_said_again(c);
}

/* The kinds of court everyone has. */
static const char *const court_kinds[] = {"family",   "crown",  "county",  "magistrates",
                                          "youth",    "high",   "supreme", "coroners",
                                          "appeal",   "district", "sheriff", "civil",
                                          "criminal", "divisional", NULL};

bool tact__nm_court_kind(const names_ctx *c, size_t i)
{
    return (nm_is(c, i + 1, "court") || nm_is(c, i + 1, "courts")) && nm_in(c, i, court_kinds);
}
