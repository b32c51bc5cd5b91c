/*
 * idents_ages.c - ages.
 *
 * Ages come from fixed phrasings (aged 7, 7yo, 7-year-old, 94 years young,
 * his 90th birthday) and from a number next to a person ("Kayleigh Marsh,
 * 14,", "(15)", "she's only 15", "... the lad I saw. 13, bruises ...").
 */
#include "idents.h"

/*
 * A number written as a word at the start of s[0..n): "fourteen",
 * "twenty-one", "ninety". Returns the length of the number word (0 when
 * there is none) and its value in *v. Used for ages only ("a fourteen year
 * old", "aged seventeen", "she's only twelve").
 */
/* Every number word starts with one of these letters. */
static inline bool numword_start(char c)
{
    return c == 'o' || c == 't' || c == 'f' || c == 's' || c == 'e' || c == 'n';
}

/* A number word and its length; every token starting with one of their
 * letters is tried, so compare the first two letters before the rest. */
typedef struct numword {
    const char *w;
    size_t len;
} numword;

#define NW(s) {s, sizeof(s) - 1}

static bool nw_is(const char *s, size_t n, const numword *w)
{
    return w->len <= n && s[0] == w->w[0] && s[1] == w->w[1] && memcmp(s, w->w, w->len) == 0;
}

static size_t numword_prefix(const char *s, size_t n, long *v)
{
    if (n < 3 || !numword_start(s[0]))
        return 0;
    static const numword units[] = {NW("one"),      NW("two"),      NW("three"),    NW("four"),
                                    NW("five"),     NW("six"),      NW("seven"),    NW("eight"),
                                    NW("nine"),     NW("ten"),      NW("eleven"),   NW("twelve"),
                                    NW("thirteen"), NW("fourteen"), NW("fifteen"),  NW("sixteen"),
                                    NW("seventeen"), NW("eighteen"), NW("nineteen")};
    static const numword tens[] = {NW("twenty"), NW("thirty"),  NW("forty"),  NW("fifty"),
                                   NW("sixty"),  NW("seventy"), NW("eighty"), NW("ninety")};
    size_t best = 0;
    long val = 0;
    for (size_t i = 0; i < sizeof tens / sizeof tens[0]; i++) {
        size_t m = tens[i].len;
        if (nw_is(s, n, &tens[i])) {
            best = m;
            val = (long)(i + 2) * 10;
            /* twenty-one, twenty one is two tokens: only the hyphenated form */
            if (m + 1 < n && s[m] == '-') {
                for (size_t u = 0; u < 9; u++) {
                    size_t mu = units[u].len;
                    if (nw_is(s + m + 1, n - m - 1, &units[u])) {
                        best = m + 1 + mu;
                        val += (long)u + 1;
                        break;
                    }
                }
            }
            break;
        }
    }
    if (!best) {
        /* longest match first: "fourteen" before "four" */
        for (size_t i = sizeof units / sizeof units[0]; i-- > 0;) {
            size_t m = units[i].len;
            if (nw_is(s, n, &units[i]) && (m == n || !ix_lower((unsigned char)s[m]))) {
                best = m;
                val = (long)i + 1;
                break;
            }
        }
    }
    if (best && best < n && ix_lower((unsigned char)s[best]))
        return 0; /* "tenant", "nineties" */
    *v = val;
    return best;
}

/* Value of token k when it is a whole number word ("fourteen"), or -1. */
static long tok_numword(const tact_scanner *sc, size_t k)
{
    if (k >= sc->ntoks || sc->toks[k].kind != TACT__TOK_WORD)
        return -1;
    size_t n;
    const char *s = tact__tok_norm(sc, k, &n);
    long v;
    size_t m = numword_prefix(s, n, &v);
    return m && m == n ? v : -1;
}

/* An age-like number at token k: digits, or a word from two up ("one" is
 * too common a word to be an age here). */
static long age_num(const tact_scanner *sc, size_t k)
{
    long v = ix_tok_num(sc, k, false);
    if (v >= 0)
        return v;
    v = tok_numword(sc, k);
    return v >= 2 ? v : -1;
}

/* True when token k, right after an age, ends the phrase: end of text,
 * closing punctuation, an emoji, or a word that cannot be what the number
 * counts ("is 19 with three kids", "are 7 now", "15 - missing"). */
static bool age_closes(const tact_scanner *sc, size_t k)
{
    if (k >= sc->ntoks || sc->toks[k].kind == TACT__TOK_EMOJI)
        return true;
    const tact__token *t = &sc->toks[k];
    if (t->kind == TACT__TOK_PUNCT) {
        int c = ix_at(sc, t->start);
        return c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == ')' ||
               c == '-' || c == 0xE2 /* en and em dashes */;
    }
    static const char *const w[] = {"and", "now", "today", "tomorrow", "yesterday", "next",
                                    "last", "this", "with", "when", "but", "so", "yet",
                                    "already", "in", "going", "nearly", "almost", "soon",
                                    "&", "tbh", "lol", "who", "was", "is", "has", "had",
                                    "from", "who'd", "who's", "whose"};
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        if (ix_is(sc, k, w[i]))
            return true;
    return false;
}

/* True when token k, after an age, makes it a range or a threshold that
 * describes a group, not a person: "aged 18-25", "aged 16 to 25", "aged 5+",
 * "aged 18 or over", "aged 65 and over". */
static bool age_range(const tact_scanner *sc, size_t k)
{
    if (k >= sc->ntoks)
        return false;
    const tact__token *t = &sc->toks[k];
    if (t->kind == TACT__TOK_PUNCT) {
        int c = ix_at(sc, t->start);
        bool dash = c == '-' || (c == 0xE2 && ix_at(sc, t->start + 1) == 0x80 &&
                                 (ix_at(sc, t->start + 2) == 0x93 || ix_at(sc, t->start + 2) == 0x94));
        if (c == '+')
            return true;
        return dash && ix_tok_num(sc, k + 1, false) >= 0;
    }
    if (ix_is(sc, k, "to") || ix_is(sc, k, "plus"))
        return ix_is(sc, k, "plus") || ix_tok_num(sc, k + 1, false) >= 0;
    if (ix_is(sc, k, "or") || ix_is(sc, k, "and"))
        return ix_is(sc, k + 1, "over") || ix_is(sc, k + 1, "under") ||
               ix_is(sc, k + 1, "above") || ix_is(sc, k + 1, "below") ||
               ix_is(sc, k + 1, "older") || ix_is(sc, k + 1, "younger") ||
               ix_is(sc, k + 1, "up") || ix_is(sc, k + 1, "upwards");
    return ix_is(sc, k, "upwards") || ix_is(sc, k, "and-over");
}

/* People counted with "of": "a boy of 13", "a woman of 80" (not "a mother
 * of 3", "a family of 5": those count others). */
static bool of_age_noun(const tact_scanner *sc, size_t k)
{
    static const char *const w[] = {"boy", "girl", "lad", "lass", "child", "kid", "man",
                                    "woman", "lady", "gentleman", "gent", "bloke", "teenager",
                                    "teen", "youngster", "baby", "toddler", "person",
                                    "pensioner", "widow", "widower", "chap", "fella"};
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        if (ix_is(sc, k, w[i]))
            return true;
    return false;
}

/* The age of a thing, not a person: "Munro's review is now fifteen years
 * old", "the Children Act is 35 years old", "our house is 200 years old".
 * k: the number's token; the words before it are "is" or "was" (perhaps
 * and "now", "nearly" ...) after a word for a document, a building or a
 * thing (twenty-eighth session). */
static bool thing_aged(const tact_scanner *sc, size_t k)
{
    static const char *const hedge[] = {"now", "nearly", "almost", "over", "just", "already",
                                        "well", "about", "around", "only", "still"};
    static const char *const thing[] = {
        "review",   "report",   "act",      "law",      "policy",    "guidance", "framework",
        "strategy", "standards", "code",    "legislation", "book",   "film",     "song",
        "album",    "blog",     "podcast",  "house",    "building",  "cottage",  "church",
        "chapel",   "bridge",   "castle",   "pub",      "car",       "van",      "bike",
        "boiler",   "kettle",   "laptop",   "phone",    "sofa",      "tree",     "scheme",
        "charity",  "service",  "website",  "account",  "article",   "paper",    "study",
        "inquiry",  "research", "programme", "theory",  "tradition", "recipe"};
    size_t j = k;
    for (int m = 0; m < 2 && j > 0; m++) {
        bool h = false;
        for (size_t i = 0; i < sizeof hedge / sizeof hedge[0] && !h; i++)
            h = ix_is(sc, j - 1, hedge[i]);
        if (!h)
            break;
        j--;
    }
    if (j < 2 || !(ix_is(sc, j - 1, "is") || ix_is(sc, j - 1, "was") || ix_is(sc, j - 1, "'s")))
        return false;
    for (size_t i = 0; i < sizeof thing / sizeof thing[0]; i++)
        if (ix_is(sc, j - 2, thing[i]))
            return true;
    return false;
}

/* Plural person words that a list of ages can follow ("two brothers, 8 and
 * 11", "the twins, both 4") but that a lone number in brackets after them
 * usually counts ("students (20)"). */
static bool plural_person(const tact_scanner *sc, size_t k)
{
    /* speed: every word below ends in "s", "e" (people) or "n" (children) */
    if (k >= sc->ntoks || sc->toks[k].kind != TACT__TOK_WORD || sc->toks[k].norm_len < 4)
        return false;
    char last = sc->norm.p[sc->toks[k].norm_off + sc->toks[k].norm_len - 1];
    if (last != 's' && last != 'e' && last != 'n')
        return false;
    static const char *const w[] = {"brothers", "sisters", "sons", "daughters", "siblings",
                                    "twins", "boys", "girls", "kids", "children", "lads",
                                    "lasses", "weans", "bairns", "teenagers", "teens",
                                    "toddlers", "babies", "grandchildren", "grandkids",
                                    "leavers", "residents", "clients", "people"};
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        if (ix_is(sc, k, w[i]))
            return true;
    return false;
}

/* Plural people (plural_person) in the n tokens before k. */
static bool plural_before(const tact_scanner *sc, size_t k, size_t n)
{
    for (size_t j = k; j > 0 && j + n > k; j--)
        if (plural_person(sc, j - 1))
            return true;
    return false;
}

/* "one of my care leavers (19)": a plural after "one of" names one person
 * (a few words back). */
static bool one_of_before(const tact_scanner *sc, size_t k)
{
    for (size_t j = k; j > 0 && j + 5 > k; j--)
        if (ix_is(sc, j, "of") && ix_is(sc, j - 1, "one"))
            return true;
    return false;
}

/* "YP" (a young person) in the five words before token k. */
static bool yp_before(const tact_scanner *sc, size_t k)
{
    for (size_t j = k; j > 0 && j + 6 > k; j--)
        if (ix_is(sc, j - 1, "yp"))
            return true;
    return false;
}

/* Words that describe a person right after a bare age opening a sentence:
 * "91, lives alone", "87 and housebound". */
static bool age_description(const tact_scanner *sc, size_t k)
{
    static const char *const w[] = {"lives", "living", "lived", "widowed", "diagnosed",
                                    "housebound", "bedbound", "bed-bound", "frail", "alone",
                                    "pregnant", "married", "divorced", "unemployed",
                                    "homeless", "nonverbal", "non-verbal", "autistic",
                                    "disabled", "recently", "registered", "partially"};
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        if (ix_is(sc, k, w[i]))
            return true;
    return false;
}

/* After an ordinal: "her 18th today", "happy 16th!", "his 21st party".
 * Only a party says birthday for any number or owner; "my 15th today" may
 * be a worker's fifteenth visit, "her 3rd." a third placement. */
static bool birthday_after(const tact_scanner *sc, size_t k, long v, bool other)
{
    static const char *const party[] = {"party", "bash", "celebration", "celebrations", "cake",
                                        "present", "presents"};
    for (size_t i = 0; i < sizeof party / sizeof party[0]; i++)
        if (ix_is(sc, k, party[i]))
            return true;
    if (v < 13 || !other)
        return false;
    static const char *const w[] = {"today", "tomorrow", "yesterday", "on", "next", "last",
                                    "this", "coming", "to"};
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        if (ix_is(sc, k, w[i]))
            return true;
    if (k >= sc->ntoks || sc->toks[k].kind == TACT__TOK_EMOJI)
        return true;
    return tact__ix_punct(sc, k, '!') || tact__ix_punct(sc, k, '.') ||
           tact__ix_punct(sc, k, ',') || tact__ix_punct(sc, k, ')');
}

/* A birthday post: "birthday" or "bday" in a word or hashtag, or a cake
 * or balloon emoji; for a great age (party_ok) a party popper will do. */
static bool birthday_post(const tact_scanner *sc, bool party_ok)
{
    for (size_t i = 0; i < sc->ntoks; i++) {
        const tact__token *t = &sc->toks[i];
        const char *w = sc->norm.p + t->norm_off;
        size_t n = t->norm_len;
        if (t->kind == TACT__TOK_EMOJI) {
            const unsigned char *e = (const unsigned char *)sc->text + t->start;
            /* U+1F382 cake, U+1F388 balloon, U+1F389 party popper */
            if (t->end - t->start >= 4 && e[0] == 0xF0 && e[1] == 0x9F && e[2] == 0x8E &&
                (e[3] == 0x82 || e[3] == 0x88 || (party_ok && e[3] == 0x89)))
                return true;
            continue;
        }
        for (size_t j = 0; j + 4 <= n; j++)
            if ((j + 8 <= n && memcmp(w + j, "birthday", 8) == 0) || memcmp(w + j, "bday", 4) == 0)
                return true;
    }
    return false;
}

static const char *const age_suffixes[] = {
    "-year-olds", "-year-old", "-years-old", "-yr-old", "-yo", " year olds", " year old",
    " years old", " year-old", " years-old", "-year old", "-years old", " yr old", " yr-old",
    " yrs old", "yrs old", "yr old", " y/o", "y/o", " y.o", "y.o", " yo", "yo", "yrs", " yrs",
    /* "94 years young": the cheerful way of giving an old person's age */
    " years young", "-years-young", " yrs young",
    "-month-old", " month old", " months old", "-week-old", " week old", " weeks old",
    "-day-old", " day old", " days old"};

/* Length of an age suffix at p, or 0. */
/* The token before the first one that ends after byte e, so that the
 * scan's k++ goes on after an age; never back to token k itself: an age
 * can end inside its token ("14yo-ish"), and going back to k looped for
 * ever, adding the same finding until memory ran out. */
static size_t skip_to(const tact_scanner *sc, size_t k, size_t e)
{
    size_t nk = tact__tok_after(sc, e);
    return nk > k + 1 ? nk - 1 : k;
}

static size_t age_suffix(const tact_scanner *sc, size_t p)
{
    /* every suffix is "y...", or ' ' / '-' then y, m(onth), w(eek), d(ay) */
    int c = ix_at(sc, p) | 0x20;
    if (ix_at(sc, p) == ' ' || ix_at(sc, p) == '-')
        c = ix_at(sc, p + 1) | 0x20;
    if (c != 'y' && c != 'm' && c != 'w' && c != 'd')
        return 0;
    for (size_t a = 0; a < sizeof age_suffixes / sizeof age_suffixes[0]; a++) {
        const char *w = age_suffixes[a];
        size_t n = strlen(w), k = 0;
        while (k < n && ix_up(ix_at(sc, p + k)) == ix_up((unsigned char)w[k]))
            k++;
        if (k != n || !ix_right_edge(sc, p + n))
            continue;
        /* "10 yrs" alone is a duration; "yrs" needs "old" or a person after it */
        if (strstr(w, "yrs") && !strstr(w, "old") && !strstr(w, "young")) {
            size_t t = tact__tok_after(sc, p + n);
            if (!(tact__ix_bits(sc, t) & IX_PERSON_NOUN))
                continue;
        }
        return n;
    }
    return 0;
}

static bool unit_after(const tact_scanner *sc, size_t k)
{
    return k < sc->ntoks && ((tact__ix_bits(sc, k) & IX_UNIT) || tact__ix_punct(sc, k, '%') ||
                             tact__ix_punct(sc, k, ':') || sc->toks[k].kind == TACT__TOK_NUMBER);
}

/* A unit or another number among the n tokens from k: "5, maybe 6 visits". */
static bool unit_within(const tact_scanner *sc, size_t k, size_t n)
{
    for (size_t j = k; j < k + n && j < sc->ntoks; j++)
        if (sc->toks[j].kind == TACT__TOK_NUMBER || (tact__ix_bits(sc, j) & IX_UNIT))
            return true;
    return false;
}

static int add_age(tact_scanner *sc, size_t s, size_t e, float conf, const char *rule)
{
    return tact__add(sc, s, e, TACT_TYPE_AGE, -1, conf, rule, NULL, NULL);
}

/* A height after "14 and": "6ft", "6 foot", "5 feet". */
static bool height_at(const tact_scanner *sc, size_t k)
{
    const tact__token *t = &sc->toks[k];
    if (t->kind == TACT__TOK_ALNUM && ix_digit(ix_at(sc, t->start))) {
        size_t n;
        const char *s = tact__tok_norm(sc, k, &n);
        return n >= 3 && s[n - 2] == 'f' && s[n - 1] == 't';
    }
    return t->kind == TACT__TOK_NUMBER &&
           (ix_is(sc, k + 1, "foot") || ix_is(sc, k + 1, "ft") || ix_is(sc, k + 1, "feet"));
}

/* True when what follows "N and" (token k on) goes on about a person
 * ("14 and already carrying", "94 and the most gentle man", "13 and 6ft
 * tall", "16 and no fear"), not a range, a count or an amount ("16 and
 * over", "2 and a half", "10 and counting", "5 and 6"). */
static bool and_describes(const tact_scanner *sc, size_t k)
{
    if (k >= sc->ntoks)
        return false;
    const tact__token *t = &sc->toks[k];
    if (t->kind != TACT__TOK_WORD)
        return height_at(sc, k);
    if (age_num(sc, k) >= 0 || (tact__ix_bits(sc, k) & IX_UNIT))
        return false;
    static const char *const no[] = {"over", "under", "up", "upwards", "above", "below", "older",
                                     "younger", "counting", "rising", "i", "we", "you", "it",
                                     "they", "he", "she", "that", "this", "there", "then",
                                     "so", "or", "change", "odd", "something", "one", "more",
                                     "less", "other", "others", "all"};
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (ix_is(sc, k, no[i]))
            return ix_is(sc, k, "more") && k + 1 < sc->ntoks &&
                   sc->toks[k + 1].kind == TACT__TOK_WORD && !ix_is(sc, k + 1, "than") &&
                   !ix_is(sc, k + 1, "to") && !(tact__ix_bits(sc, k + 1) & IX_UNIT);
    if (ix_is(sc, k, "a") || ix_is(sc, k, "an"))
        return k + 1 < sc->ntoks && sc->toks[k + 1].kind == TACT__TOK_WORD &&
               !ix_is(sc, k + 1, "half") && !ix_is(sc, k + 1, "quarter") &&
               !ix_is(sc, k + 1, "bit") && !ix_is(sc, k + 1, "few") &&
               !ix_is(sc, k + 1, "couple") && !ix_is(sc, k + 1, "lot") &&
               !ix_is(sc, k + 1, "load") && !ix_is(sc, k + 1, "little") &&
               !ix_is(sc, k + 1, "dozen") && !ix_is(sc, k + 1, "bunch") &&
               !(tact__ix_bits(sc, k + 1) & IX_UNIT);
    /* "f. 026 and f. 060v": a letter is no description */
    return !(t->shape & TACT__SH_ONELETTER);
}

/* "7 going on 40": the idiom for a child older than their years (k is
 * the word after the age). */
static bool going_on(const tact_scanner *sc, size_t k, long v)
{
    return ix_is(sc, k, "going") && ix_is(sc, k + 1, "on") && age_num(sc, k + 2) > v;
}

/* Grandparents and parents counted with "of" ("a gran of 63", "a dad of
 * 45"): an age only when the number is too big to count grandchildren or
 * children ("a nan of 5", "a mum of 3"). */
static bool of_kin_noun(const tact_scanner *sc, size_t k, long v)
{
    static const char *const grand[] = {"gran", "granny", "grandma", "grandmother", "grandad",
                                        "granddad", "grandpa", "grandfather", "nan", "nana",
                                        "nanna", "nanny", "grandparent", "great-grandmother",
                                        "great-grandfather", "great-gran"};
    static const char *const parent[] = {"mum", "mam", "mom", "mother", "dad", "father"};
    if (v >= 35)
        for (size_t i = 0; i < sizeof grand / sizeof grand[0]; i++)
            if (ix_is(sc, k, grand[i]))
                return true;
    if (v >= 19)
        for (size_t i = 0; i < sizeof parent / sizeof parent[0]; i++)
            if (ix_is(sc, k, parent[i]))
                return true;
    return false;
}

/* After "at 23": what ends an age told with "at" ("all grown up at 23.",
 * "at 23, was pregnant", "came to us at 15 from ..."), not a time ("at
 * 16.30", "at 15:00") or a threshold ("at 18 or over"). */
static bool at_closes(const tact_scanner *sc, size_t k)
{
    if (k >= sc->ntoks || sc->toks[k].kind == TACT__TOK_EMOJI)
        return true;
    const tact__token *t = &sc->toks[k];
    if (t->kind == TACT__TOK_PUNCT) {
        int c = ix_at(sc, t->start);
        if (c == '.' && k + 1 < sc->ntoks && sc->toks[k + 1].start == t->end &&
            sc->toks[k + 1].kind == TACT__TOK_NUMBER)
            return false; /* 16.30 */
        return c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == ')';
    }
    static const char *const w[] = {"from", "with", "when", "but", "she", "he", "and", "after",
                                    "because", "having"};
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        if (ix_is(sc, k, w[i]))
            return !ix_is(sc, k, "and") ||
                   (k + 1 < sc->ntoks && sc->toks[k + 1].kind == TACT__TOK_WORD &&
                    age_num(sc, k + 1) < 0 && !age_range(sc, k));
    return false;
}

/* Words of an appointment in the four tokens before "at" (k): "meeting
 * him at 15.", "picking her up Friday at 16": a time on a 24-hour clock,
 * not an age. */
static bool clock_before(const tact_scanner *sc, size_t k)
{
    static const char *const w[] = {"meet", "meeting", "meets", "see", "seeing", "visit",
                                    "visiting", "call", "calling", "ring", "ringing", "phone",
                                    "pick", "picking", "collect", "collecting", "appointment",
                                    "session", "start", "starts", "starting", "finish",
                                    "finishes", "arrive", "arrives", "arriving", "leave",
                                    "leaves", "today", "tomorrow", "tonight", "up", "back",
                                    "off", "due", "booked", "contact"};
    for (size_t j = k; j > 0 && j + 4 > k; j--) {
        if (sc->toks[j - 1].lex & TACT__LX_WEEKDAY)
            return true;
        for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
            if (ix_is(sc, j - 1, w[i]))
                return !ix_is(sc, j - 1, "up") || !ix_is(sc, j - 2, "grown");
    }
    return false;
}

/* A school year ("Year 9", "year 2"), token k the word "year", k + 1 its
 * number, told of a child: "a Year 9 boy", "a Year 2 who's", "the twins
 * are in Year 2", "the eldest (Year 9)". Not "Year 2 of my degree", "I'm
 * in year 3", "students in Year 1". */
static bool school_year(const tact_scanner *sc, size_t k)
{
    long v = ix_tok_num(sc, k + 1, false);
    if (v < 1 || v > 13 || sc->toks[k + 1].end - sc->toks[k + 1].start > 2 ||
        ix_is(sc, k + 2, "of") || ix_is(sc, k + 2, "at") || ix_is(sc, k + 2, "student") ||
        ix_is(sc, k + 2, "students") || unit_after(sc, k + 2))
        return false;
    static const char *const child[] = {"boy", "girl", "lad", "lass", "pupil", "child", "kid",
                                        "son", "daughter", "boys", "girls", "twins"};
    for (size_t i = 0; i < sizeof child / sizeof child[0]; i++)
        if (ix_is(sc, k + 2, child[i]))
            return true;
    if (k == 0)
        return false;
    if (ix_is(sc, k - 1, "a") && (ix_is(sc, k + 2, "who") || ix_is(sc, k + 2, "who's")))
        return true;
    if (tact__ix_punct(sc, k - 1, '(') && tact__ix_punct(sc, k + 2, ')') && k > 1)
        return (tact__ix_bits(sc, k - 2) & IX_PERSON_NOUN) || ix_is(sc, k - 2, "eldest") ||
               ix_is(sc, k - 2, "youngest") || ix_is(sc, k - 2, "oldest") ||
               ((sc->toks[k - 2].lex & TACT__LX_FIRST) && tact__ix_cap(sc, k - 2));
    if (k > 2 && ix_is(sc, k - 1, "in") &&
        (ix_is(sc, k - 2, "is") || ix_is(sc, k - 2, "are") || ix_is(sc, k - 2, "was") ||
         ix_is(sc, k - 2, "were") || sc->toks[k - 2].kind == TACT__TOK_POSS) &&
        !ix_is(sc, k - 3, "i") && !ix_is(sc, k - 3, "we") && !ix_is(sc, k - 3, "you") &&
        !ix_is(sc, k - 3, "student") && !ix_is(sc, k - 3, "students") &&
        !ix_is(sc, k - 3, "it") && !ix_is(sc, k - 3, "that") && !ix_is(sc, k - 3, "this"))
        return true;
    return false;
}

/* Someone in the n tokens before k (not across a line break): a person
 * word ("lad", "she", "resident"), "his", or a given name in capitals
 * ("we lost Reg overnight", "Connor W got banned"); what a bare age
 * opening the next sentence can be told of. */
static bool someone_before(const tact_scanner *sc, size_t k, size_t n)
{
    for (size_t j = k; j > 0 && j + n > k; j--) {
        size_t i = j - 1;
        const tact__token *t = &sc->toks[i];
        if (t->kind == TACT__TOK_WORD &&
            ((tact__ix_bits(sc, i) & IX_PERSON_NOUN) || ix_is(sc, i, "his") ||
             ((t->lex & TACT__LX_FIRST) && tact__ix_cap(sc, i) &&
              !(t->lex & (TACT__LX_STOP | TACT__LX_MONTH | TACT__LX_WEEKDAY | TACT__LX_STREET |
                          TACT__LX_BRAND | TACT__LX_PUBLIC)) &&
              (!(t->shape & TACT__SH_SENT_START) || !(t->lex & TACT__LX_DICT)))))
            return true;
        if (t->shape & TACT__SH_LINE_START)
            break;
    }
    return false;
}

/* The author's own family in the n tokens before k: "my nephew", "our
 * nan" ("my nephew is taller than me at 14": not a case). */
static bool own_family_before(const tact_scanner *sc, size_t k, size_t n)
{
    for (size_t j = k; j > 1 && j + n > k; j--)
        if ((sc->toks[j - 1].lex & TACT__LX_KIN) &&
            (ix_is(sc, j - 2, "my") || ix_is(sc, j - 2, "our") ||
             (j > 2 && (ix_is(sc, j - 3, "my") || ix_is(sc, j - 3, "our")))))
            return true;
    return false;
}

/* A person word, or "eldest" / "youngest" / "oldest", in the n tokens
 * before k. */
static bool person_within(const tact_scanner *sc, size_t k, size_t n)
{
    for (size_t j = k; j > 0 && j + n > k; j--)
        if ((tact__ix_bits(sc, j - 1) & IX_PERSON_NOUN) || ix_is(sc, j - 1, "eldest") ||
            ix_is(sc, j - 1, "youngest") || ix_is(sc, j - 1, "oldest"))
            return true;
    return false;
}

static bool look_word(const tact_scanner *sc, size_t k)
{
    return ix_is(sc, k, "looks") || ix_is(sc, k, "looked") || ix_is(sc, k, "look") ||
           ix_is(sc, k, "looking");
}

/* Token k, right before a number, makes it an age guessed or claimed of
 * someone just before: "the youngest can't be more than 15", "no older
 * than 14", "she looked about 13", "the girl looks 12", "he says 16". */
static bool guessed_age(const tact_scanner *sc, size_t k)
{
    if (k < 2)
        return false;
    if (ix_is(sc, k, "than"))
        return (ix_is(sc, k - 1, "more") || ix_is(sc, k - 1, "older")) &&
               (ix_is(sc, k - 2, "be") || ix_is(sc, k - 2, "no")) && person_within(sc, k - 2, 4);
    if (ix_is(sc, k, "about") || ix_is(sc, k, "around") || ix_is(sc, k, "like"))
        return look_word(sc, k - 1) && person_within(sc, k - 1, 5);
    if (look_word(sc, k))
        return person_within(sc, k, 5);
    if (ix_is(sc, k, "says") || ix_is(sc, k, "said") || ix_is(sc, k, "claims") ||
        ix_is(sc, k, "claimed"))
        return ix_is(sc, k - 1, "he") || ix_is(sc, k - 1, "she");
    return false;
}

/* No number (digits or a number word) among the n tokens before k: a lone
 * "Thirteen." after a sentence about someone is an age, "Twelve." after
 * "12 referrals" a count said again. */
static bool no_number_before(const tact_scanner *sc, size_t k, size_t n)
{
    for (size_t j = k; j > 0 && j + n > k; j--)
        if (sc->toks[j - 1].kind == TACT__TOK_NUMBER || tok_numword(sc, j - 1) >= 0)
            return false;
    return true;
}

/* The possessive words before a person's ordinal: "her 18th". */
static bool poss_word(const tact_scanner *sc, size_t k)
{
    return ix_is(sc, k, "his") || ix_is(sc, k, "her") || ix_is(sc, k, "their") ||
           ix_is(sc, k, "my") || ix_is(sc, k, "your");
}

/* A spelled-out age with a suffix: "fourteen-year-old" (one token) or
 * "eleven year old". Returns the end byte, or 0. */
static size_t numword_age(const tact_scanner *sc, size_t k)
{
    const tact__token *t = &sc->toks[k];
    size_t n;
    const char *s = tact__tok_norm(sc, k, &n);
    long v;
    size_t m = numword_prefix(s, n, &v);
    if (!m || v > 110)
        return 0;
    if (m == n) {
        size_t sl = age_suffix(sc, t->end);
        return sl ? t->end + sl : 0;
    }
    /* the hyphenated form is one token: match the rest of its bytes */
    if (n != t->end - t->start || s[m] != '-')
        return 0;
    size_t sl = age_suffix(sc, t->start + m);
    return sl && t->start + m + sl == t->end ? t->end : 0;
}

/* The author's own birthday: "I turned 40", "I've just turned 30",
 * "Turned 40 today 🎂" (no one else in front of it). A subjectless
 * "turned 18" opening a sentence is left alone: it is how a care leaver's
 * birthday is told. */
static bool own_turn(const tact_scanner *sc, size_t k)
{
    size_t j = k;
    if (j > 0 && (ix_is(sc, j - 1, "just") || ix_is(sc, j - 1, "finally") ||
                  ix_is(sc, j - 1, "officially")))
        j--;
    if (j > 0 && (ix_is(sc, j - 1, "have") || ix_is(sc, j - 1, "'ve") || ix_is(sc, j - 1, "ve")))
        j--;
    if (j > 0 && (ix_is(sc, j - 1, "i") || ix_is(sc, j - 1, "ive")))
        return true;
    if (j == 0 || (sc->toks[j].shape & (TACT__SH_SENT_START | TACT__SH_LINE_START))) {
        long v = ix_tok_num(sc, k + 1, false);
        return v >= 25;
    }
    return false;
}

/*
 * Speed: whether a word, punctuation or possessive token k can start one
 * of the rules after the number rules in tact__ix_ages_scan; false only
 * when every one of them would find nothing there (each rule's own first
 * tests, repeated):
 *   a first name before a number          next token a number
 *   fourteen-year-old                     a word of 3+ bytes, hyphenated
 *                                         or followed by " y"
 *   aged 7, a boy of 13                   "aged", "age", "ages", "of"
 *                                         (IG_AGES)
 *   (15), ", 19 and a", "Jay, 15"         a '(' or ','
 *   she's only 15, turned 18, he is 23    a possessive, "only", "just",
 *                                         "nearly", "almost", "turn*",
 *                                         "is", "was", "are", "shes",
 *                                         "hes" (IG_AGES_NUM), with a
 *                                         number (or a number word) next
 */
/* "weeks", "months", "days" (their first two letters) at byte p, after a
 * number word ("three weeks old"). */
static inline bool numword_unit(const tact_scanner *sc, size_t p)
{
    int a = ix_at(sc, p) | 0x20, b = ix_at(sc, p + 1) | 0x20;
    return (a == 'w' && b == 'e') || (a == 'm' && b == 'o') || (a == 'd' && b == 'a');
}

static inline bool ages_gate(const tact_scanner *sc, const uint16_t *gate, size_t k)
{
    const tact__token *t = &sc->toks[k];
    if (t->kind == TACT__TOK_PUNCT) {
        if (t->end != t->start + 1)
            return false;
        char ch = sc->text[t->start];
        return ch == ',' || ch == '(';
    }
    const tact__token *u = k + 1 < sc->ntoks ? &sc->toks[k + 1] : NULL;
    if (u && u->kind == TACT__TOK_NUMBER)
        return true;
    /* (whether a number word may come next: read only when needed) */
#define NUMWORD_NEXT                                                                              \
    (u && u->kind == TACT__TOK_WORD && u->norm_len >= 3 && numword_start(sc->norm.p[u->norm_off]))
    if (t->kind == TACT__TOK_POSS)
        return NUMWORD_NEXT;
    if ((gate[k] & IG_AGES) || ((gate[k] & IG_AGES_NUM) && NUMWORD_NEXT))
        return true;
#undef NUMWORD_NEXT
    if (t->norm_len < 3)
        return false;
    if ((t->shape & TACT__SH_HYPHEN) ||
        (ix_at(sc, t->end) == ' ' && (ix_at(sc, t->end + 1) | 0x20) == 'y'))
        return true;
    const char *s = sc->norm.p + t->norm_off;
    /* a number word opening a sentence ("Fourteen and ..."), or before
     * " weeks old", " months old", " days old" */
    if (!numword_start(s[0]))
        return false;
    if (ix_at(sc, t->end) == ' ' && numword_unit(sc, t->end + 1))
        return true;
    return (t->shape & TACT__SH_SENT_START) && u &&
           (tact__ix_punct(sc, k + 1, '.') || tact__ix_punct(sc, k + 1, '!') ||
            ix_is(sc, k + 1, "and") || ix_is(sc, k + 1, "going"));
}

/* What can follow "a 15F": the end, a stop, or a word that goes on about
 * the person ("on my caseload", "who", "with"), never a noun ("a 15M
 * contract"). */
static bool shorthand_follow(const tact_scanner *sc, size_t k)
{
    static const char *const w[] = {"on", "who", "who's", "whose", "with", "in", "at", "that",
                                    "is", "was", "has", "had", "and", "living", "placed", "i",
                                    "we", "currently", "recently", NULL};
    if (k >= sc->ntoks || sc->toks[k].kind == TACT__TOK_PUNCT)
        return true;
    for (size_t i = 0; w[i]; i++)
        if (ix_is(sc, k, w[i]))
            return true;
    return false;
}

/* True when some word token starts with a number word (numword_prefix):
 * the first three or four letters of one, then the full test. Only a
 * whole number word (tok_numword, numword_age) or one before an inner
 * hyphen (numword_age) is read below: ix_post.numword says when the post
 * may have one. */
static bool any_numword(const tact_scanner *sc)
{
    for (size_t k = 0; k < sc->ntoks; k++) {
        const tact__token *t = &sc->toks[k];
        if (t->kind != TACT__TOK_WORD || t->norm_len < 3)
            continue;
        const char *s = sc->norm.p + t->norm_off;
        char a = s[0], b = s[1], c = s[2];
        bool may;
        switch (a) {
        case 'o': may = b == 'n' && c == 'e'; break;
        case 't':
            may = (b == 'w' && (c == 'o' || c == 'e')) || (b == 'e' && c == 'n') ||
                  (b == 'h' && (c == 'r' || (c == 'i' && t->norm_len >= 4 && s[3] == 'r')));
            break;
        case 'f': may = (b == 'o' && (c == 'u' || c == 'r')) || (b == 'i' && (c == 'v' || c == 'f')); break;
        case 's': may = (b == 'i' && c == 'x') || (b == 'e' && c == 'v'); break;
        case 'e': may = (b == 'i' && c == 'g') || (b == 'l' && c == 'e'); break;
        case 'n': may = b == 'i' && c == 'n'; break;
        default: may = false;
        }
        long v;
        if (may && numword_prefix(s, t->norm_len, &v))
            return true;
    }
    return false;
}

int tact__ix_ages_scan(tact_scanner *sc, const ix_post *post)
{
    int rc = TACT_OK;
    /* every rule below needs a number or alnum token (ix_tok_num, the digit
     * rules) or a word that starts with a number word (numword_prefix: age_num,
     * numword_age): without either, nothing to find */
    if (!post->numtok && !(post->numword && any_numword(sc)))
        return TACT_OK;
    for (size_t k = 0; k < sc->ntoks && rc == TACT_OK; k++) {
        const tact__token *t = &sc->toks[k];
        /* 7yo, 7 year old, 7-year-old */
        if ((t->kind == TACT__TOK_NUMBER || t->kind == TACT__TOK_ALNUM) &&
            ix_digit(ix_at(sc, t->start)) && ix_left_edge(sc, t->start)) {
            size_t p = t->start;
            while (ix_digit(ix_at(sc, p)))
                p++;
            long v = ix_num_at(sc, t->start, p);
            size_t n = (v >= 0 && v <= 120) ? age_suffix(sc, p) : 0;
            if (n && !thing_aged(sc, k)) {
                size_t e = p + n;
                rc = add_age(sc, t->start, e, 0.88f, "age.years_old");
                k = skip_to(sc, k, e);
                continue;
            }
            /* "a 15F on my caseload", "my 34M client": the forums' age and
             * sex shorthand (capital F or M straight after the digits),
             * after "a"/"my"/"our"/"the", not money ("a 15M contract") */
            if (v >= 1 && v <= 110 && t->kind == TACT__TOK_ALNUM && p - t->start <= 2 &&
                p + 1 == t->end && (ix_at(sc, p) == 'F' || ix_at(sc, p) == 'M') && k > 0 &&
                (ix_is(sc, k - 1, "a") || ix_is(sc, k - 1, "my") || ix_is(sc, k - 1, "our") ||
                 ix_is(sc, k - 1, "the")) &&
                shorthand_follow(sc, k + 1)) {
                rc = add_age(sc, t->start, t->end, 0.75f, "age.shorthand");
                continue;
            }
            /* 15 years of age */
            if (v >= 0 && v <= 110 && t->kind == TACT__TOK_NUMBER &&
                (ix_is(sc, k + 1, "years") || ix_is(sc, k + 1, "yrs")) && ix_is(sc, k + 2, "of") &&
                ix_is(sc, k + 3, "age")) {
                rc = add_age(sc, t->start, sc->toks[k + 3].end, 0.88f, "age.years_of_age");
                k += 3;
                continue;
            }
            /* 90th birthday */
            long o = ix_tok_num(sc, k, true);
            if (o > 0 && o <= 120 && ix_is(sc, k + 1, "birthday") &&
                /* "75th birthday NHS!": an organisation's */
                !(k + 2 < sc->ntoks && ((sc->toks[k + 2].shape & TACT__SH_ALLCAP) ||
                                        (sc->toks[k + 2].lex & (TACT__LX_BRAND | TACT__LX_PUBLIC))))) {
                rc = add_age(sc, t->start, sc->toks[k + 1].end, 0.85f, "age.birthday");
                continue;
            }
            /* "Dot who's 101 TODAY 🎂", "my favourite resident, 102 today! 🎉",
             * "🎈 6 today": an age on the day, in a birthday post */
            if (v >= 1 && v <= 110 && t->kind == TACT__TOK_NUMBER && k > 0 &&
                ix_is(sc, k + 1, "today") &&
                (ix_is(sc, k - 1, "is") || ix_is(sc, k - 1, "who's") || ix_is(sc, k - 1, "turns") ||
                 ix_is(sc, k - 1, "turned") || sc->toks[k - 1].kind == TACT__TOK_POSS ||
                 sc->toks[k - 1].kind == TACT__TOK_EMOJI || tact__ix_punct(sc, k - 1, ',') ||
                 tact__ix_punct(sc, k - 1, '!')) &&
                birthday_post(sc, v >= 60)) {
                rc = add_age(sc, t->start, t->end, 0.75f, "age.today");
                continue;
            }
            /* "@... you're 16 not 21, get off the dating apps": an age
             * set against the one claimed (twenty-seventh session); not
             * "you are 5 not 10 minutes late" */
            if (t->kind == TACT__TOK_NUMBER && v >= 1 && v <= 110 && k > 0 &&
                (ix_is(sc, k - 1, "you're") || ix_is(sc, k - 1, "youre") ||
                 ix_is(sc, k - 1, "she's") || ix_is(sc, k - 1, "he's") ||
                 (k > 1 && ix_is(sc, k - 1, "are") && ix_is(sc, k - 2, "you"))) &&
                ix_is(sc, k + 1, "not") && ix_tok_num(sc, k + 2, false) > 0 &&
                (k + 3 >= sc->ntoks || sc->toks[k + 3].kind == TACT__TOK_PUNCT)) {
                rc = add_age(sc, t->start, t->end, 0.75f, "age.context");
                continue;
            }
            /* her 18th today, happy 16th! */
            if (o > 0 && o <= 110 && t->kind == TACT__TOK_ALNUM && k > 0 &&
                (poss_word(sc, k - 1) || ix_is(sc, k - 1, "happy")) &&
                birthday_after(sc, k + 1, o, !ix_is(sc, k - 1, "my") && !ix_is(sc, k - 1, "your"))) {
                rc = add_age(sc, t->start, t->end, 0.75f, "age.ordinal");
                continue;
            }
            /* "a single dad with 3 under 5s": young children counted by
             * their ages */
            if (t->kind == TACT__TOK_NUMBER && v >= 1 && v <= 9 && p - t->start == 1 &&
                ix_is(sc, k + 1, "under") && k + 2 < sc->ntoks &&
                sc->toks[k + 2].kind == TACT__TOK_ALNUM) {
                const tact__token *u = &sc->toks[k + 2];
                size_t q = u->start;
                while (ix_digit(ix_at(sc, q)))
                    q++;
                if (q > u->start && q - u->start <= 2 && q + 1 == u->end &&
                    (ix_at(sc, q) | 0x20) == 's') {
                    rc = add_age(sc, t->start, u->end, 0.7f, "age.under");
                    k += 2;
                    continue;
                }
            }
            /* 91, lives alone (a bare age opening a sentence) */
            if (t->kind == TACT__TOK_NUMBER && (t->shape & (TACT__SH_SENT_START | TACT__SH_LINE_START)) &&
                v >= 1 && v <= 110 && p - t->start <= 3 &&
                (tact__ix_punct(sc, k + 1, ',') || ix_is(sc, k + 1, "and")) &&
                (age_description(sc, k + 2) ||
                 /* "89 and still loves a pickled egg": an old age */
                 (v >= 60 && ix_is(sc, k + 1, "and") && ix_is(sc, k + 2, "still")))) {
                rc = add_age(sc, t->start, t->end, 0.75f, "age.opening");
                continue;
            }
            /* "... the lad I saw today. 13, bruises all over": a child's age
             * opening a sentence (or a clause after a colon: "their new
             * arrival: 13, first time in care"), after a sentence about
             * someone; an adult's only before a word that goes on about a
             * life ("42, been using since 14") */
            /* (after a space: not "Mag 4.5, Saturday") */
            bool opens = ((t->shape & TACT__SH_SENT_START) ||
                          (k > 0 && tact__ix_punct(sc, k - 1, ':'))) &&
                         ix_at(sc, t->start) != '0' &&
                         (t->start == 0 || ix_at(sc, t->start - 1) == ' ' ||
                          ix_at(sc, t->start - 1) == '\n');
            if (t->kind == TACT__TOK_NUMBER && opens && k > 0 && v >= 1 && v <= 110 &&
                p - t->start <= 3 && tact__ix_punct(sc, k + 1, ',') && k + 2 < sc->ntoks &&
                sc->toks[k + 2].kind == TACT__TOK_WORD &&
                (v <= 19 || age_description(sc, k + 2) || ix_is(sc, k + 2, "been") ||
                 ix_is(sc, k + 2, "never") || ix_is(sc, k + 2, "single")) &&
                !unit_within(sc, k + 2, 3) &&
                someone_before(sc, k, 20)) {
                rc = add_age(sc, t->start, t->end, 0.65f, "age.sentence");
                continue;
            }
            /* "... through the lounge door. 14 and 6ft tall", "94 and the
             * most gentle man", "7 going on 40": an age opening a sentence
             * and described, after a sentence about someone */
            if (t->kind == TACT__TOK_NUMBER && opens && !tact__ix_punct(sc, k - 1, ':') &&
                v >= 1 && v <= 110 && p - t->start <= 3 &&
                ((ix_is(sc, k + 1, "and") && and_describes(sc, k + 2)) ||
                 going_on(sc, k + 1, v)) &&
                someone_before(sc, k, 20)) {
                rc = add_age(sc, t->start, t->end, 0.65f, "age.sentence");
                continue;
            }
        }
        if (t->kind != TACT__TOK_WORD && t->kind != TACT__TOK_PUNCT && t->kind != TACT__TOK_POSS)
            continue;
        if (!ages_gate(sc, post->gate, k))
            continue;
        /* Tyler 14 from Hartcliffe, Jayden 15, Kyle 13: a first name, then a
         * number that ends the phrase (not "Room 12", "Ward 7": not names) */
        if (t->kind == TACT__TOK_WORD && k + 1 < sc->ntoks &&
            sc->toks[k + 1].kind == TACT__TOK_NUMBER && (t->lex & TACT__LX_FIRST) &&
            tact__ix_cap(sc, k) &&
            !(t->lex & (TACT__LX_DICT | TACT__LX_STOP | TACT__LX_MONTH | TACT__LX_WEEKDAY |
                        TACT__LX_STREET | TACT__LX_PLACE)) &&
            k + 1 < sc->ntoks && sc->toks[k + 1].kind == TACT__TOK_NUMBER &&
            sc->toks[k + 1].end - sc->toks[k + 1].start <= 2 && sc->toks[k + 1].start == t->end + 1 &&
            ix_at(sc, t->end) == ' ') {
            long v = ix_tok_num(sc, k + 1, false);
            if (v >= 1 && v <= 99 && (k + 2 >= sc->ntoks || tact__ix_punct(sc, k + 2, ',') ||
                                      tact__ix_punct(sc, k + 2, ')') || ix_is(sc, k + 2, "from") ||
                                      (ix_is(sc, k + 2, "and") && tact__ix_cap(sc, k + 3)))) {
                rc = add_age(sc, sc->toks[k + 1].start, sc->toks[k + 1].end, 0.7f, "age.name_number");
                k++;
                continue;
            }
        }
        if (t->kind == TACT__TOK_WORD) {
            /* "... the shop owner. Fourteen and more grown-up than ...",
             * "... smells like her mum'. Thirteen. Unbelievable.": a number
             * word opening a sentence after one about someone */
            if ((t->shape & TACT__SH_SENT_START) && k > 0) {
                long v = tok_numword(sc, k);
                if (v >= 2 && v <= 99 &&
                    ((ix_is(sc, k + 1, "and") && and_describes(sc, k + 2)) ||
                     going_on(sc, k + 1, v) ||
                     (v >= 11 && v <= 17 &&
                      (tact__ix_punct(sc, k + 1, '.') || tact__ix_punct(sc, k + 1, '!')) &&
                      no_number_before(sc, k, 12))) &&
                    someone_before(sc, k, 20)) {
                    rc = add_age(sc, t->start, t->end, 0.65f, "age.sentence");
                    continue;
                }
            }
            if (k + 1 < sc->ntoks && sc->toks[k + 1].kind == TACT__TOK_NUMBER &&
                sc->toks[k + 1].end - sc->toks[k + 1].start <= 3 &&
                ix_at(sc, sc->toks[k + 1].start) != '0') {
                long v = ix_tok_num(sc, k + 1, false);
                /* "three kids, eldest 12, all ...", "youngest 4" (not "the
                 * youngest 3 players") */
                if ((ix_is(sc, k, "eldest") || ix_is(sc, k, "youngest") ||
                     ix_is(sc, k, "oldest")) &&
                    v >= 0 && v <= 110 && !(k > 0 && ix_is(sc, k - 1, "the")) &&
                    !unit_after(sc, k + 2) && !age_range(sc, k + 2) && age_closes(sc, k + 2) &&
                    !(ix_is(sc, k + 2, "and") && age_num(sc, k + 3) >= 0 &&
                      !ix_is(sc, k + 4, "and"))) {
                    rc = add_age(sc, t->start, sc->toks[k + 1].end, 0.75f, "age.eldest");
                    k++;
                    continue;
                }
                /* "all grown up at 23.", "at 23, was pregnant again", "came
                 * to us at 15 from ...": a teenage or adult age after "at",
                 * near someone, closing the phrase (not a time: "at 16.30") */
                if (ix_is(sc, k, "at") && v >= 13 && v <= 110 &&
                    sc->toks[k + 1].end - sc->toks[k + 1].start <= 3 && at_closes(sc, k + 2) &&
                    !unit_after(sc, k + 2) && !age_range(sc, k + 2) &&
                    tact__ix_cue_near(sc, t->start, t->end, IX_PERSON_NOUN, 12,
                                      (t->shape & TACT__SH_SENT_START) ? 4 : 0) &&
                    !own_family_before(sc, k, 12) && !clock_before(sc, k)) {
                    rc = add_age(sc, t->start, sc->toks[k + 1].end, 0.7f, "age.at");
                    k++;
                    continue;
                }
                if (v >= 1 && v <= 110 && !unit_after(sc, k + 2) && !age_range(sc, k + 2) &&
                    age_closes(sc, k + 2) && !ix_is(sc, k + 2, "in") &&
                    !ix_is(sc, k + 2, "and") && guessed_age(sc, k)) {
                    rc = add_age(sc, sc->toks[k + 1].start, sc->toks[k + 1].end, 0.65f,
                                 "age.guessed");
                    k++;
                    continue;
                }
                /* "a Year 9 boy", "the twins are in Year 2": a school year */
                if (ix_is(sc, k, "year") && school_year(sc, k)) {
                    rc = add_age(sc, t->start, sc->toks[k + 1].end, 0.7f, "age.school_year");
                    k++;
                    continue;
                }
            }
        }
        /* a fourteen-year-old, an eleven year old: only a hyphenated word,
         * or one followed by " y..." (year, yr, yo), is tried */
        if (t->kind == TACT__TOK_WORD && t->norm_len >= 3 &&
            ((t->shape & TACT__SH_HYPHEN) ||
             (ix_at(sc, t->end) == ' ' &&
              ((ix_at(sc, t->end + 1) | 0x20) == 'y' ||
               (numword_start(sc->norm.p[t->norm_off]) && numword_unit(sc, t->end + 1)))))) {
            size_t e = numword_age(sc, k);
            if (e && !thing_aged(sc, k)) {
                rc = add_age(sc, t->start, e, 0.85f, "age.years_old");
                k = skip_to(sc, k, e);
                continue;
            }
        }
        /* aged 7, age 15, ages 3 and 5, aged just 13, at the age of 14 */
        if (ix_is(sc, k, "aged") || ix_is(sc, k, "age") || ix_is(sc, k, "ages")) {
            size_t j = k + 1 + (tact__ix_punct(sc, k + 1, ':') ? 1 : 0);
            if (ix_is(sc, k, "age") && ix_is(sc, j, "of") && k > 0 && ix_is(sc, k - 1, "the"))
                j++;
            if (ix_is(sc, j, "just") || ix_is(sc, j, "only") || ix_is(sc, j, "about") ||
                ix_is(sc, j, "around") || ix_is(sc, j, "nearly") || ix_is(sc, j, "almost"))
                j++;
            long v = ix_tok_num(sc, j, false);
            if (v < 0 && ix_is(sc, k, "aged"))
                v = age_num(sc, j);
            if (v >= 0 && v <= 120 && !unit_after(sc, j + 1) && !age_range(sc, j + 1)) {
                size_t e = sc->toks[j].end;
                if (ix_is(sc, j + 1, "and") && ix_tok_num(sc, j + 2, false) >= 0)
                    e = sc->toks[j + 2].end;
                rc = add_age(sc, t->start, e, 0.9f, "age.aged");
            }
            continue;
        }
        /* a boy of 13, a woman of eighty */
        if (ix_is(sc, k, "of") && k > 0 && of_age_noun(sc, k - 1)) {
            long v = age_num(sc, k + 1);
            /* a baby of 6 weeks, a girl of 15 months */
            bool span = ix_is(sc, k + 2, "weeks") || ix_is(sc, k + 2, "months") ||
                        ix_is(sc, k + 2, "years");
            size_t e = span ? k + 2 : k + 1;
            if (v >= 1 && v <= 110 && (span || !unit_after(sc, k + 2)) &&
                !ix_is(sc, e + 1, "of") && (span || age_closes(sc, e + 1)))
                rc = add_age(sc, sc->toks[k + 1].start, sc->toks[e].end, 0.75f, "age.of");
            continue;
        }
        /* a gran of 63 looking after ..., a dad of 45 who ...: a number too
         * big to count grandchildren or children */
        if (ix_is(sc, k, "of") && k > 0 && k + 1 < sc->ntoks &&
            sc->toks[k + 1].kind == TACT__TOK_NUMBER) {
            long v = ix_tok_num(sc, k + 1, false);
            if (v <= 110 && sc->toks[k + 1].end - sc->toks[k + 1].start <= 3 &&
                of_kin_noun(sc, k - 1, v) && !unit_after(sc, k + 2) && !age_range(sc, k + 2) &&
                !plural_person(sc, k + 2) && !ix_is(sc, k + 2, "of") &&
                (age_closes(sc, k + 2) || ix_is(sc, k + 2, "looking") ||
                 ix_is(sc, k + 2, "caring") || ix_is(sc, k + 2, "raising") ||
                 ix_is(sc, k + 2, "living") || ix_is(sc, k + 2, "who") ||
                 ix_is(sc, k + 2, "whose")))
                rc = add_age(sc, sc->toks[k + 1].start, sc->toks[k + 1].end, 0.75f, "age.of");
            continue;
        }
        /* "Children (5 & 7)", "the boys (4, 6 and 9)": a list of ages in
         * brackets after plural people */
        if (tact__ix_punct(sc, k, '(') && k > 0 && plural_person(sc, k - 1)) {
            size_t j = k + 1, n = 0;
            while (j < sc->ntoks && sc->toks[j].kind == TACT__TOK_NUMBER &&
                   sc->toks[j].end - sc->toks[j].start <= 2) {
                n++;
                if (ix_is(sc, j + 1, "and") || ix_is(sc, j + 1, "&") ||
                    tact__ix_punct(sc, j + 1, '&') ||
                    tact__ix_punct(sc, j + 1, ','))
                    j += 2;
                else
                    break;
            }
            if (n >= 2 && j < sc->ntoks && sc->toks[j].kind == TACT__TOK_NUMBER &&
                tact__ix_punct(sc, j + 1, ')')) {
                rc = add_age(sc, sc->toks[k + 1].start, sc->toks[j].end, 0.8f, "age.parenthesis");
                k = j;
                continue;
            }
        }
        /* (15) after a name or a person word */
        /* ("nanna joan (88!!)": marks after the number, a given name in
         * lower case) */
        /* ("Tyreece (now 8!)": "now" before the number; "A YP I work with
         * (16, in supported accommodation)": a comma after it) */
        size_t num = k + 1 + (ix_is(sc, k + 1, "now") ? 1 : 0);
        size_t close = num + 1;
        while (close < num + 4 && tact__ix_punct(sc, close, '!'))
            close++;
        bool comma = tact__ix_punct(sc, close, ',') && close + 1 < sc->ntoks &&
                     sc->toks[close + 1].kind == TACT__TOK_WORD;
        if (tact__ix_punct(sc, k, '(') && k > 0 && (tact__ix_punct(sc, close, ')') || comma)) {
            long v = ix_tok_num(sc, num, false);
            if (v >= 0 && v <= 110 && sc->toks[num].end - sc->toks[num].start <= 3 &&
                (tact__ix_cap(sc, k - 1) || (tact__ix_bits(sc, k - 1) & IX_PERSON_NOUN) ||
                 ix_is(sc, k - 1, "eldest") || ix_is(sc, k - 1, "youngest") ||
                 ix_is(sc, k - 1, "oldest") || ix_is(sc, k - 1, "yp") ||
                 (k > 1 && ix_is(sc, k - 1, "person") && ix_is(sc, k - 2, "young")) ||
                 /* "A YP I work with (16, ...)": a person word a few words back */
                 (comma && (tact__ix_cue_near(sc, sc->toks[k].start, sc->toks[k].end,
                                              IX_PERSON_NOUN, 16, 0) ||
                            yp_before(sc, k))) ||
                 (sc->toks[k - 1].kind == TACT__TOK_WORD &&
                  (sc->toks[k - 1].lex & TACT__LX_FIRST) &&
                  !(sc->toks[k - 1].lex & TACT__LX_DICT)) ||
                 /* "R.J. (14)": initials */
                 (k > 1 && tact__ix_punct(sc, k - 1, '.') &&
                  (sc->toks[k - 2].shape & TACT__SH_ONELETTER) && tact__ix_cap(sc, k - 2)) ||
                 (plural_person(sc, k - 1) && one_of_before(sc, k - 1))))
                rc = add_age(sc, sc->toks[num].start, sc->toks[num].end, 0.8f, "age.parenthesis");
            continue;
        }
        /* "... since the overdose, 19 and a nursing student": a number
         * described as someone ("and a student", "and an amazing mum"),
         * not "2 and a half", "10 and a bit" */
        if (ix_is(sc, k + 2, "and") && tact__ix_punct(sc, k, ',') && k > 0 &&
            (ix_is(sc, k + 3, "a") || ix_is(sc, k + 3, "an")) && k + 4 < sc->ntoks &&
            sc->toks[k + 4].kind == TACT__TOK_WORD && !ix_is(sc, k + 4, "half") &&
            !ix_is(sc, k + 4, "quarter") && !ix_is(sc, k + 4, "bit") &&
            !ix_is(sc, k + 4, "few") && !ix_is(sc, k + 4, "couple") &&
            !ix_is(sc, k + 4, "lot") && !ix_is(sc, k + 4, "load") && !ix_is(sc, k + 4, "little") &&
            !ix_is(sc, k + 4, "dozen") && !ix_is(sc, k + 4, "bunch") &&
            !(tact__ix_bits(sc, k + 4) & IX_UNIT) && sc->toks[k + 1].kind == TACT__TOK_NUMBER) {
            long v = ix_tok_num(sc, k + 1, false);
            /* someone ("she", "the lad") must be in the sentence before */
            if (v >= 10 && v <= 110 && sc->toks[k + 1].end - sc->toks[k + 1].start <= 3 &&
                tact__ix_cue_near(sc, sc->toks[k].start, sc->toks[k].end, IX_PERSON_NOUN, 16, 0)) {
                rc = add_age(sc, sc->toks[k + 1].start, sc->toks[k + 1].end, 0.7f,
                             "age.apposition");
                k++;
                continue;
            }
        }
        /* "a grandad today, 71, lives ...", "a gentleman with dementia, only
         * 58, who ...", "our first foster child, now 21, just sent ...", "the
         * one doing the dance, 15 and cheeky as anything": an age set off by
         * commas a few words after someone */
        if (tact__ix_punct(sc, k, ',') && k > 0 && k + 2 < sc->ntoks) {
            size_t j = k + 1;
            bool adv = sc->toks[j].kind == TACT__TOK_WORD &&
                       sc->toks[j + 1].kind == TACT__TOK_NUMBER &&
                       (ix_is(sc, j, "only") || ix_is(sc, j, "just") || ix_is(sc, j, "now") ||
                        ix_is(sc, j, "barely") || ix_is(sc, j, "still"));
            if (adv)
                j++;
            if (j < sc->ntoks && sc->toks[j].kind == TACT__TOK_NUMBER &&
                sc->toks[j].end - sc->toks[j].start <= 3 && ix_at(sc, sc->toks[j].start) != '0') {
                long v = ix_tok_num(sc, j, false);
                bool cw = tact__ix_punct(sc, j + 1, ',') && j + 2 < sc->ntoks &&
                          sc->toks[j + 2].kind == TACT__TOK_WORD && age_num(sc, j + 2) < 0 &&
                          !unit_within(sc, j + 2, 3);
                bool ok = false;
                if (adv)
                    ok = v >= 1 && (cw || (age_closes(sc, j + 1) && !ix_is(sc, j + 1, "and") &&
                                          !ix_is(sc, j + 1, "in") && !unit_after(sc, j + 1))) &&
                         tact__ix_cue_near(sc, sc->toks[k].start, sc->toks[k].end,
                                           IX_PERSON_NOUN, 6, 0);
                else if (v >= 2 && !tact__ix_cap(sc, k - 1) &&
                         !(tact__ix_bits(sc, k - 1) & IX_PERSON_NOUN) && !plural_person(sc, k - 1))
                    ok = (cw && tact__ix_cue_near(sc, sc->toks[k].start, sc->toks[k].end,
                                                  IX_PERSON_NOUN, 4, 0)) ||
                         (v >= 10 && ix_is(sc, j + 1, "and") && and_describes(sc, j + 2) &&
                          !ix_is(sc, j + 2, "the") &&
                          tact__ix_cue_near(sc, sc->toks[k].start, sc->toks[k].end,
                                            IX_PERSON_NOUN, 16, 0));
                if (ok && v <= 110) {
                    rc = add_age(sc, sc->toks[adv ? k + 1 : j].start, sc->toks[j].end, 0.7f,
                                 "age.apposition");
                    k = j;
                    continue;
                }
            }
        }
        /* Kayleigh Marsh, 14,  the boys, 4 and 7,  Jay, 15 - missing */
        if (tact__ix_punct(sc, k, ',') && k > 0 &&
            (tact__ix_cap(sc, k - 1) || (tact__ix_bits(sc, k - 1) & IX_PERSON_NOUN) ||
             plural_person(sc, k - 1)) &&
            !(sc->toks[k - 1].lex & (TACT__LX_MONTH | TACT__LX_WEEKDAY)) &&
            /* "Withywood Road, 14": not a person; "Lea, 5" is a name first */
            (!(sc->toks[k - 1].lex & TACT__LX_STREET) || (sc->toks[k - 1].lex & TACT__LX_FIRST))) {
            long v = ix_tok_num(sc, k + 1, false);
            size_t j = k + 2, e = k + 1 < sc->ntoks ? sc->toks[k + 1].end : 0;
            /* a list of ages: "4 and 7", "4, 7 and 9" must end like one age */
            bool list = false;
            while (j + 1 < sc->ntoks && (ix_is(sc, j, "and") || ix_is(sc, j, "&")) &&
                   ix_tok_num(sc, j + 1, false) >= 0 && ix_tok_num(sc, j + 1, false) <= 110 &&
                   sc->toks[j + 1].end - sc->toks[j + 1].start <= 3) {
                e = sc->toks[j + 1].end;
                j += 2;
                list = true;
            }
            bool dash = j < sc->ntoks && sc->toks[j].kind == TACT__TOK_PUNCT &&
                        (ix_at(sc, sc->toks[j].start) == '-' ||
                         (ix_at(sc, sc->toks[j].start) == 0xE2 && ix_at(sc, sc->toks[j].start + 1) == 0x80 &&
                          (ix_at(sc, sc->toks[j].start + 2) == 0x93 || ix_at(sc, sc->toks[j].start + 2) == 0x94)));
            bool closes = j >= sc->ntoks || tact__ix_punct(sc, j, ',') ||
                          tact__ix_punct(sc, j, ')') || (dash && sc->toks[j].start > e);
            /* "a lovely lady, 94 and still sharp": and, then not a number */
            bool and_desc = !list && ix_is(sc, j, "and") && j + 1 < sc->ntoks &&
                            sc->toks[j + 1].kind == TACT__TOK_WORD && age_num(sc, j + 1) < 0 &&
                            !(tact__ix_bits(sc, j + 1) & IX_UNIT) &&
                            !(ix_is(sc, j + 1, "a") &&
                              (ix_is(sc, j + 2, "half") || ix_is(sc, j + 2, "quarter") ||
                               ix_is(sc, j + 2, "bit")));
            bool verb = list ? (ix_is(sc, j, "were") || ix_is(sc, j, "are") ||
                                ix_is(sc, j, "who"))
                             : (ix_is(sc, j, "from") || ix_is(sc, j, "who") ||
                                (ix_is(sc, j, "of") && tact__ix_cap(sc, k - 1) &&
                                 /* "in Poole, 14 of her classmates": a count */
                                 !ix_is(sc, j + 1, "her") && !ix_is(sc, j + 1, "his") &&
                                 !ix_is(sc, j + 1, "their") && !ix_is(sc, j + 1, "my") &&
                                 !ix_is(sc, j + 1, "our") && !ix_is(sc, j + 1, "the") &&
                                 !ix_is(sc, j + 1, "them") && !ix_is(sc, j + 1, "us") &&
                                 !ix_is(sc, j + 1, "your")) ||
                                ix_is(sc, j, "was") || ix_is(sc, j, "is"));
            if (v >= 0 && v <= 110 && sc->toks[k + 1].end - sc->toks[k + 1].start <= 3 &&
                (closes || verb || and_desc))
                rc = add_age(sc, sc->toks[k + 1].start, e, 0.82f, "age.apposition");
            continue;
        }
        /* "the twins, both 4,": "both" and a number that ends the phrase,
         * right after plural people and a comma */
        /* ("the Smith twins in Bangor today - both 7, both settled": a dash,
         * the plural people a few words back) */
        if (ix_is(sc, k, "both") && k > 1 && k + 1 < sc->ntoks &&
            sc->toks[k + 1].kind == TACT__TOK_NUMBER &&
            ((tact__ix_punct(sc, k - 1, ',') && plural_person(sc, k - 2)) ||
             (sc->toks[k - 1].kind == TACT__TOK_PUNCT && age_closes(sc, k - 1) &&
              !tact__ix_punct(sc, k - 1, '.') && plural_before(sc, k - 1, 6)))) {
            long v = ix_tok_num(sc, k + 1, false);
            if (v >= 0 && v <= 110 && !unit_after(sc, k + 2) && age_closes(sc, k + 2)) {
                rc = add_age(sc, t->start, sc->toks[k + 1].end, 0.8f, "age.both");
                k++;
                continue;
            }
        }
        /* "..., 97 and still cheating at bingo": an old age described */
        if (tact__ix_punct(sc, k, ',') && k + 3 < sc->ntoks &&
            sc->toks[k + 1].kind == TACT__TOK_NUMBER && ix_is(sc, k + 2, "and") &&
            ix_is(sc, k + 3, "still") && sc->toks[k + 1].end - sc->toks[k + 1].start == 2) {
            long v = ix_tok_num(sc, k + 1, false);
            if (v >= 60 && v <= 110) {
                rc = add_age(sc, sc->toks[k + 1].start, sc->toks[k + 1].end, 0.75f,
                             "age.apposition");
                k++;
                continue;
            }
        }
        /* "tiegan-rose is 16 tomorrow", "our Jade's 18 today": an age on a
         * birthday, told of a name (an unknown word: not "it's 30 today";
         * not kin: "Mam's 80 today" is left to the birthday rules) */
        if ((t->kind == TACT__TOK_POSS || ix_is(sc, k, "is")) && k > 0 && k + 2 < sc->ntoks &&
            sc->toks[k + 1].kind == TACT__TOK_NUMBER &&
            sc->toks[k + 1].end - sc->toks[k + 1].start <= 3 &&
            (ix_is(sc, k + 2, "tomorrow") || ix_is(sc, k + 2, "today")) &&
            sc->toks[k - 1].kind == TACT__TOK_WORD && !(sc->toks[k - 1].lex & TACT__LX_KIN) &&
            (((sc->toks[k - 1].lex & TACT__LX_FIRST) &&
              !(sc->toks[k - 1].lex & (TACT__LX_STOP | TACT__LX_MONTH | TACT__LX_WEEKDAY))) ||
             !(sc->toks[k - 1].lex & (TACT__LX_DICT | TACT__LX_STOP | TACT__LX_PROPER)))) {
            long v = ix_tok_num(sc, k + 1, false);
            if (v >= 1 && v <= 110) {
                rc = add_age(sc, sc->toks[k + 1].start, sc->toks[k + 2].end, 0.75f, "age.today");
                k += 2;
                continue;
            }
        }
        /* "Baby is 11 months and still in limbo", "the newborn's 3 weeks" */
        if ((t->kind == TACT__TOK_POSS || ix_is(sc, k, "is") || ix_is(sc, k, "was")) && k > 0 &&
            (ix_is(sc, k - 1, "baby") || ix_is(sc, k - 1, "newborn") ||
             ix_is(sc, k - 1, "infant")) &&
            k + 2 < sc->ntoks && sc->toks[k + 1].kind == TACT__TOK_NUMBER &&
            sc->toks[k + 1].end - sc->toks[k + 1].start <= 2 &&
            (ix_is(sc, k + 2, "months") || ix_is(sc, k + 2, "weeks") || ix_is(sc, k + 2, "days") ||
             ix_is(sc, k + 2, "month") || ix_is(sc, k + 2, "week") || ix_is(sc, k + 2, "day")) &&
            (age_closes(sc, k + 3) || ix_is(sc, k + 3, "old")) && !ix_is(sc, k + 3, "in")) {
            size_t e = ix_is(sc, k + 3, "old") ? k + 3 : k + 2;
            rc = add_age(sc, sc->toks[k + 1].start, sc->toks[e].end, 0.75f, "age.context");
            k = e;
            continue;
        }
        /* she's only 15, just 16, turned 18, he's 23 now, nearly 18 */
        /* everything below needs a number (or a number word) next */
        if (k + 1 >= sc->ntoks ||
            !(sc->toks[k + 1].kind == TACT__TOK_NUMBER ||
              (sc->toks[k + 1].kind == TACT__TOK_WORD && sc->toks[k + 1].norm_len >= 3 &&
               numword_start(sc->norm.p[sc->toks[k + 1].norm_off]))))
            continue;
        bool only = ix_is(sc, k, "only") || ix_is(sc, k, "just") || ix_is(sc, k, "nearly") ||
                    ix_is(sc, k, "almost");
        /* "when they turn 18", "once you turn 18": a rule about everyone */
        bool turn = (ix_is(sc, k, "turned") || ix_is(sc, k, "turns") ||
                     ix_is(sc, k, "turning") || ix_is(sc, k, "turn")) &&
                    !(k > 0 && (ix_is(sc, k - 1, "they") || ix_is(sc, k - 1, "you") ||
                                ix_is(sc, k - 1, "we") || ix_is(sc, k - 1, "people") ||
                                ix_is(sc, k - 1, "leavers") || ix_is(sc, k - 1, "children") ||
                                ix_is(sc, k - 1, "kids") || ix_is(sc, k - 1, "everyone") ||
                                ix_is(sc, k - 1, "anyone") || ix_is(sc, k - 1, "someone"))) &&
                    !own_turn(sc, k);
        bool be = t->kind == TACT__TOK_POSS || ix_is(sc, k, "is") || ix_is(sc, k, "was");
        /* he's 23, she is 14, my son is 15 (one child, not "the kids are 3") */
        bool pron = be && k > 0 && (ix_is(sc, k - 1, "he") || ix_is(sc, k - 1, "she") ||
                              ((tact__ix_bits(sc, k - 1) & IX_PERSON_NOUN) && k > 1 &&
                               (ix_is(sc, k - 2, "my") || ix_is(sc, k - 2, "our") ||
                                ix_is(sc, k - 2, "his") || ix_is(sc, k - 2, "her") ||
                                ix_is(sc, k - 2, "their"))));
        /* the mum is 19 with, who is 11, Lad is 17, my little one is 4,
         * the twins are 7: the age must end the phrase (checked below) */
        /* shes 15, hes 14: the apostrophe left out */
        bool weak = ix_is(sc, k, "shes") || ix_is(sc, k, "hes");
        if (!pron && !weak && k > 0 && (be || ix_is(sc, k, "are"))) {
            size_t p = k - 1;
            bool noun = ((tact__ix_bits(sc, p) & IX_PERSON_NOUN) && !ix_is(sc, p, "they") &&
                         !ix_is(sc, p, "him") && !ix_is(sc, p, "her") && !ix_is(sc, p, "who")) ||
                        ix_is(sc, p, "youngest") || ix_is(sc, p, "eldest") ||
                        ix_is(sc, p, "oldest");
            bool det = p == 0 || (sc->toks[p].shape & TACT__SH_SENT_START) ||
                       /* "a newborn on the estate: mum's 19, dad's ..." */
                       tact__ix_punct(sc, p - 1, ':') || tact__ix_punct(sc, p - 1, ';') ||
                       ix_is(sc, p - 1, "the") || ix_is(sc, p - 1, "this") ||
                       ix_is(sc, p - 1, "my") || ix_is(sc, p - 1, "our") ||
                       ix_is(sc, p - 1, "his") || ix_is(sc, p - 1, "her") ||
                       ix_is(sc, p - 1, "their") || ix_is(sc, p - 1, "your");
            bool plural = ix_is(sc, p, "twins") || ix_is(sc, p, "kids") ||
                          ix_is(sc, p, "boys") || ix_is(sc, p, "girls") ||
                          ix_is(sc, p, "children");
            if (ix_is(sc, k, "are"))
                weak = plural && det && p > 0 && (!ix_is(sc, p - 1, "the") || ix_is(sc, p, "twins"));
            else
                weak = (ix_is(sc, p, "who") && k > 1 && tact__ix_punct(sc, p - 1, ',')) ||
                       (noun && det && !plural) ||
                       /* Jo is 12, SHANNON is 16: a first name */
                       (tact__ix_cap(sc, p) && (sc->toks[p].lex & TACT__LX_FIRST) &&
                        !(sc->toks[p].lex & (TACT__LX_STOP | TACT__LX_MONTH | TACT__LX_WEEKDAY))) ||
                       (ix_is(sc, p, "one") && p > 0 &&
                        (ix_is(sc, p - 1, "little") || ix_is(sc, p - 1, "wee"))) ||
                       /* "The lads are back on the corner. One's 13." */
                       (ix_is(sc, p, "one") && (sc->toks[p].shape & TACT__SH_SENT_START));
        }
        if (only || turn || pron || weak) {
            long v = ix_tok_num(sc, k + 1, false);
            bool word = false;
            if (v < 0 && (turn || pron || weak ||
                          (only && k > 1 && sc->toks[k - 1].kind == TACT__TOK_POSS &&
                           (ix_is(sc, k - 2, "he") || ix_is(sc, k - 2, "she"))))) {
                v = age_num(sc, k + 1);
                word = v >= 0;
            }
            if (v < 1 || v > 110 || unit_after(sc, k + 2) || (only && v > 19) ||
                ix_is(sc, k + 2, "of") || ix_is(sc, k + 2, "out"))
                continue;
            /* "at just 14" (pregnant at just 14), but not "at nearly 5" (a time) */
            bool at = k > 0 && ix_is(sc, k - 1, "at") && !ix_is(sc, k, "nearly") &&
                      !ix_is(sc, k, "almost") && v >= 10;
            if (only && !at && !(k > 0 && (sc->toks[k - 1].kind == TACT__TOK_POSS ||
                                    ix_is(sc, k - 1, "is") || ix_is(sc, k - 1, "was") ||
                                    ix_is(sc, k - 1, "are") || ix_is(sc, k - 1, "were"))))
                continue;
            /* "at just 10 to": a time */
            if (at && (ix_is(sc, k + 2, "to") || ix_is(sc, k + 2, "past") ||
                       tact__ix_punct(sc, k + 2, ':') || tact__ix_punct(sc, k + 2, '.')))
                continue;
            if ((weak || word) && !age_closes(sc, k + 2))
                continue;
            rc = add_age(sc, only ? t->start : sc->toks[k + 1].start, sc->toks[k + 1].end,
                         turn ? 0.8f : 0.75f, "age.context");
            if (turn || pron || weak)
                k++;
        }
    }
    return rc;
}
