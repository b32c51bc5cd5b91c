/*
 * idents_address.c - street addresses, places that narrow a person down
 * (streets, estates, named facilities, "the hostel on X Road", "the site
 * off the A38"), schools and organisations (care homes, councils, trusts,
 * teams). All cue-driven over tokens: a run of capitalised words followed
 * by a type word from data/street_types.txt or data/ident_words.txt.
 * Plain town and district names are the names subsystem's.
 */
#include "idents.h"

/* Street types strong enough to make a street from any capitalised word. */
static bool strong_street(const tact_scanner *sc, size_t k)
{
    static const char *const w[] = {"road", "rd", "street", "st", "avenue", "ave", "lane",
                                    "ln", "crescent", "cres", "terrace", "tce", "drive",
                                    "grove", "close", "gardens", "gdns", "mews", "way"};
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        if (ix_is(sc, k, w[i]))
            return true;
    return false;
}

static bool is_street(const tact_scanner *sc, size_t k)
{
    return k < sc->ntoks && (sc->toks[k].lex & TACT__LX_STREET) &&
           sc->toks[k].kind == TACT__TOK_WORD;
}

/* A capitalised word that can be part of a proper name. */
static bool name_word(const tact_scanner *sc, size_t k)
{
    if (!tact__ix_cap(sc, k))
        return false;
    return !(sc->toks[k].lex & TACT__LX_STOP) || ix_is(sc, k, "st");
}

/*
 * The start of the run of name words ending just before k (k itself when
 * there is none). Possessives and "St." join the run. A sentence-initial
 * ordinary word is dropped from the front.
 */
static size_t cap_run(const tact_scanner *sc, size_t k, size_t max)
{
    size_t s = k, n = 0;
    while (s > 0 && n < max) {
        size_t j = s - 1;
        if (sc->toks[j].kind == TACT__TOK_POSS && j > 0 && name_word(sc, j - 1)) {
            s = j;
            continue;
        }
        if (tact__ix_punct(sc, j, '.') && j > 0 && ix_is(sc, j - 1, "st")) {
            s = j;
            continue;
        }
        if (!name_word(sc, j))
            break;
        /* words must touch: no line break inside a name */
        if (sc->toks[s < sc->ntoks ? s : j].shape & TACT__SH_LINE_START && s != k)
            break;
        s = j;
        n++;
    }
    while (s < k && (sc->toks[s].shape & TACT__SH_SENT_START) &&
           (sc->toks[s].lex & TACT__LX_DICT) && !(sc->toks[s].lex & TACT__LX_PLACE) &&
           !ix_is(sc, s, "st") && !ix_is(sc, s, "holy") && s + 1 < k)
        s++;
    return s;
}

/* True when some word of [s, e) is distinctive: not a generic word. */
static bool distinctive(const tact_scanner *sc, size_t s, size_t e)
{
    for (size_t k = s; k < e; k++)
        if (sc->toks[k].kind == TACT__TOK_WORD && !(tact__ix_bits(sc, k) & IX_GENERIC) &&
            !(sc->toks[k].lex & TACT__LX_STOP))
            return true;
    return false;
}

static bool title_word_in(const tact_scanner *sc, size_t s, size_t e)
{
    for (size_t k = s; k < e; k++)
        if (tact__ix_bits(sc, k) & IX_TITLE_WORD)
            return true;
    return false;
}

/*
 * True when [s, e] holds a national body, charity or brand from
 * data/names_brands.txt: a listed word, or a listed phrase starting inside
 * the span ("Trussell Trust", "Prince's Trust"; a possessive joins the word
 * before it).
 */
static bool brand_in(const tact_scanner *sc, size_t s, size_t e)
{
    for (size_t i = s; i <= e && i < sc->ntoks; i++) {
        if (sc->toks[i].kind != TACT__TOK_WORD)
            continue;
        uint32_t lx = sc->toks[i].lex;
        /* a generic word ("NHS" in "X NHS Foundation Trust") does not make
         * the span a national body on its own */
        if ((lx & (TACT__LX_BRAND | TACT__LX_PUBLIC)) && !(tact__ix_bits(sc, i) & IX_GENERIC))
            return true;
        /* no TACT__LX_HEAD test: the head of "prince's trust" is "prince's",
         * which is two tokens; spans here are short and rare */
        char key[128];
        size_t kl = 0;
        for (size_t j = i; j <= e + 1 && j < sc->ntoks && j < i + 5; j++) {
            const tact__token *t = &sc->toks[j];
            bool poss = t->kind == TACT__TOK_POSS;
            if ((t->kind != TACT__TOK_WORD && !poss) || kl + t->norm_len + 1 >= sizeof key)
                break;
            if (j > i && !poss)
                key[kl++] = ' ';
            memcpy(key + kl, sc->norm.p + t->norm_off, t->norm_len);
            kl += t->norm_len;
            if (j > i &&
                (tact__lex_get(&sc->rs->words, key, kl) & (TACT__LX_BRAND | TACT__LX_PUBLIC)))
                return true;
        }
    }
    return false;
}

/* Some listed phrase of several words (data/names_brands.txt) ends at
 * the facility word k and starts in [s, k): "Royal Albert Hall",
 * "Symphony Hall". Unlike brand_in, a brand word alone ("police" in
 * "Barrowby police station") does not count. */
static bool venue_at(const tact_scanner *sc, size_t s, size_t k)
{
    for (size_t i = s; i < k; i++) {
        char key[128];
        size_t kl = 0;
        bool ok = true;
        for (size_t j = i; j <= k && ok; j++) {
            const tact__token *t = &sc->toks[j];
            bool poss = t->kind == TACT__TOK_POSS;
            if ((t->kind != TACT__TOK_WORD && !poss) || kl + t->norm_len + 1 >= sizeof key) {
                ok = false;
                break;
            }
            if (j > i && !poss)
                key[kl++] = ' ';
            memcpy(key + kl, sc->norm.p + t->norm_off, t->norm_len);
            kl += t->norm_len;
        }
        if (ok && (tact__lex_get(&sc->rs->words, key, kl) & (TACT__LX_BRAND | TACT__LX_PUBLIC)))
            return true;
    }
    return false;
}

/* A single capitalised dictionary word opening a sentence ("Urgent CAMHS
 * referral", "Meal Prep"): not a name. */
static bool weak_start(const tact_scanner *sc, size_t s, size_t k)
{
    return s + 1 == k && (sc->toks[s].shape & TACT__SH_SENT_START) &&
           (sc->toks[s].lex & TACT__LX_DICT) &&
           !(sc->toks[s].lex & (TACT__LX_PLACE | TACT__LX_PROPER));
}

/* True when every word of [s, k) is an ordinary dictionary word, not a
 * place or a proper noun (the surname list holds many ordinary words):
 * "Meal Prep", "the Amazing Duty Team". */
static bool all_dict(const tact_scanner *sc, size_t s, size_t k)
{
    for (size_t i = s; i < k; i++) {
        uint32_t lx = sc->toks[i].lex;
        if (sc->toks[i].kind == TACT__TOK_WORD && !(sc->toks[i].shape & TACT__SH_APOS) &&
            (!(lx & TACT__LX_DICT) || (lx & (TACT__LX_PLACE | TACT__LX_PROPER))))
            return false;
    }
    return true;
}

/* Every word of [s, k) can be part of a proper name: no "I'm", no short
 * or ordinary words ("I'm High", "Knee High"). */
static bool proper_run(const tact_scanner *sc, size_t s, size_t k)
{
    for (size_t i = s; i < k; i++) {
        const tact__token *t = &sc->toks[i];
        if (t->kind == TACT__TOK_POSS)
            continue;
        if (t->kind != TACT__TOK_WORD || (t->shape & TACT__SH_APOS) ||
            (t->norm_len < 3 && !ix_is(sc, i, "st") && !ix_is(sc, i, "rc") && !ix_is(sc, i, "ce")) ||
            ((t->lex & TACT__LX_DICT) &&
             !(t->lex & (TACT__LX_PLACE | TACT__LX_FIRST | TACT__LX_PROPER))))
            return false;
    }
    return true;
}

static int add_tok(tact_scanner *sc, size_t s, size_t e, tact_type type, float conf, const char *rule)
{
    return tact__add(sc, sc->toks[s].start, sc->toks[e].end, type, -1, conf, rule, NULL, NULL);
}

/* ", Kingswood" after a facility name: include the town. */
static size_t town_after(const tact_scanner *sc, size_t e)
{
    if (tact__ix_punct(sc, e + 1, ',') && name_word(sc, e + 2) &&
        !(sc->toks[e + 2].lex & (TACT__LX_MONTH | TACT__LX_WEEKDAY)) &&
        !(sc->toks[e + 2].shape & TACT__SH_ALLCAP)) {
        size_t j = e + 2;
        while (name_word(sc, j + 1) && j < e + 4)
            j++;
        return j;
    }
    return e;
}

/*
 * Speed: every loop below over the tokens k starts each of its rules at a
 * token of p->hot (a gate word, a word with IX_* bits, or a street type:
 * the first test of each loop says which), so it visits only those, in
 * order. A loop body may move k forward (k = e) and then continue: the
 * loop goes on at the first token of the list after it (HOT_NEXT, in the
 * loop's step, keeps the largest k + 1 seen).
 */
#define HOT_NEXT(next, k) ((next) = (k) + 1 > (next) ? (k) + 1 : (next))

/* ---- addresses and streets -------------------------------------------------- */

static bool house_number(const tact_scanner *sc, size_t k)
{
    if (k >= sc->ntoks)
        return false;
    const tact__token *t = &sc->toks[k];
    size_t n = t->end - t->start;
    if (t->kind == TACT__TOK_NUMBER)
        return n <= 4 && ix_at(sc, t->start) != '0';
    /* 12a, 27B */
    return t->kind == TACT__TOK_ALNUM && n >= 2 && n <= 4 && ix_digit(ix_at(sc, t->start)) &&
           ix_alpha(ix_at(sc, t->end - 1)) && ix_digit(ix_at(sc, t->end - 2));
}

static bool flat_word(const tact_scanner *sc, size_t k)
{
    return ix_is(sc, k, "flat") || ix_is(sc, k, "apartment") || ix_is(sc, k, "apt") ||
           ix_is(sc, k, "unit");
}

/*
 * "Flat 6, Marram House", "apartment 3 Kestrel Heights": a flat number then
 * a named building is a home address even without a street. Streets after
 * the number ("Flat 2, 19 Victoria Road") are streets()'s.
 */
static int flats(tact_scanner *sc, const ix_post *p)
{
    size_t k = 0, next = 0;
    for (size_t h = 0; h < p->nhot; h++, HOT_NEXT(next, k)) {
        k = p->hot[h];
        if (k < next)
            continue;
        if (k + 2 >= sc->ntoks)
            break;
        if (!(p->gate[k] & IG_FLAT))
            continue;
        if (sc->toks[k + 1].kind != TACT__TOK_NUMBER && sc->toks[k + 1].kind != TACT__TOK_ALNUM)
            continue;
        if (!(ix_is(sc, k, "flat") || ix_is(sc, k, "apartment") || ix_is(sc, k, "apt")) ||
            !house_number(sc, k + 1))
            continue;
        size_t j = k + 2;
        if (tact__ix_punct(sc, j, ','))
            j++;
        if (j >= sc->ntoks || house_number(sc, j) || !name_word(sc, j) ||
            (sc->toks[j].shape & TACT__SH_LINE_START) ||
            (sc->toks[j].lex & (TACT__LX_MONTH | TACT__LX_WEEKDAY | TACT__LX_BIGPLACE)))
            continue;
        size_t e = j;
        while (e + 1 < sc->ntoks && e < j + 3 && name_word(sc, e + 1) &&
               !(sc->toks[e + 1].shape & TACT__SH_LINE_START) &&
               !(sc->toks[e + 1].lex & (TACT__LX_MONTH | TACT__LX_WEEKDAY)))
            e++;
        if (!distinctive(sc, j, e + 1))
            continue;
        int rc = add_tok(sc, k, e, TACT_TYPE_ADDRESS, 0.85f, "address.flat");
        if (rc)
            return rc;
        k = e;
    }
    return TACT_OK;
}

/* "Castle Road, number 14", "Heol y Bryn, no. 6": the house number after
 * the street that ends at e. Returns its token, or 0 when there is none. */
static size_t number_after(const tact_scanner *sc, size_t e)
{
    size_t f = tact__ix_punct(sc, e + 1, ',') ? e + 2 : e + 1;
    if (!ix_is(sc, f, "number") && !ix_is(sc, f, "no"))
        return 0;
    if (ix_is(sc, f, "no") && tact__ix_punct(sc, f + 1, '.'))
        f++;
    return house_number(sc, f + 1) ? f + 1 : 0;
}

static int streets(tact_scanner *sc, const ix_post *p)
{
    size_t k = 0, next = 1;
    for (size_t h = 0; h < p->nhot; h++, HOT_NEXT(next, k)) {
        k = p->hot[h];
        if (k < next)
            continue;
        if (!is_street(sc, k))
            continue;
        bool cap_type = tact__ix_cap(sc, k);
        /* "St Mary's", "Dr Allen": a title before a name, not a street */
        if ((ix_is(sc, k, "st") || ix_is(sc, k, "dr")) && name_word(sc, k + 1))
            continue;
        /* "20 Food Bank parcels": a bank of goods, not a street ("17 Quarry
         * Bank, Millom" is one) */
        if (ix_is(sc, k, "bank") && k > 0 &&
            (ix_is(sc, k - 1, "food") || ix_is(sc, k - 1, "baby") || ix_is(sc, k - 1, "blood") ||
             ix_is(sc, k - 1, "clothes") || ix_is(sc, k - 1, "toy") ||
             ix_is(sc, k - 1, "uniform") || ix_is(sc, k - 1, "hygiene") ||
             ix_is(sc, k - 1, "data") || ix_is(sc, k - 1, "furniture")))
            continue;
        size_t s = cap_run(sc, k, 4);
        bool strong = strong_street(sc, k);
        if (s == k && strong) {
            /* lower-case street name after a house number: 27 withywood road */
            size_t j = k;
            while (j > 0 && j + 3 > k && sc->toks[j - 1].kind == TACT__TOK_WORD &&
                   !(sc->toks[j - 1].lex & TACT__LX_STOP) && !(tact__ix_bits(sc, j - 1) & IX_UNIT))
                j--;
            if (j < k && j > 0 && house_number(sc, j - 1)) {
                int rc = add_tok(sc, j - 1, k, TACT_TYPE_ADDRESS, 0.75f, "address.lower");
                if (rc)
                    return rc;
            }
            continue;
        }
        if (s == k || (!cap_type && !strong))
            continue;
        size_t e = k;
        int rc;
        if (s > 0 && house_number(sc, s - 1)) {
            size_t a = s - 1;
            /* 27-29 Withywood Road; Flat 3, 12 Withywood Road */
            if (a >= 2 && tact__ix_punct(sc, a - 1, '-') && house_number(sc, a - 2))
                a -= 2;
            size_t f = a;
            if (f >= 1 && tact__ix_punct(sc, f - 1, ','))
                f--;
            if (f >= 2 && house_number(sc, f - 1) && flat_word(sc, f - 2))
                a = f - 2;
            else if (a >= 1 && f == a && flat_word(sc, a - 1))
                a--; /* flat 12 Kestrel Court */
            rc = add_tok(sc, a, e, TACT_TYPE_ADDRESS, cap_type ? 0.92f : 0.8f, "address.street");
        } else {
            bool prep = s > 0 && (ix_is(sc, s - 1, "on") || ix_is(sc, s - 1, "in") ||
                                  ix_is(sc, s - 1, "off") || ix_is(sc, s - 1, "near") ||
                                  ix_is(sc, s - 1, "at") || ix_is(sc, s - 1, "along") ||
                                  ix_is(sc, s - 1, "from") || ix_is(sc, s - 1, "down") ||
                                  ix_is(sc, s - 1, "up"));
            if (!(cap_type && strong) && !prep)
                continue;
            if (!distinctive(sc, s, k))
                continue;
            /* "Benefits Street", "Coronation Street": a programme */
            if (venue_at(sc, s, k))
                continue;
            /* the hostel on Stapleton Road, the takeaway on Harehills Lane */
            size_t a = s;
            if (prep && s >= 2 && (tact__ix_bits(sc, s - 2) & IX_PLACE_NOUN)) {
                a = s - 2;
                if (a > 0 && (ix_is(sc, a - 1, "the") || ix_is(sc, a - 1, "a")))
                    a--;
            }
            size_t num = number_after(sc, e);
            rc = num ? add_tok(sc, a, num, TACT_TYPE_ADDRESS, 0.9f, "address.street")
                     : add_tok(sc, a, e, TACT_TYPE_LOCATION, 0.75f,
                               a < s ? "location.place_on" : "location.street");
        }
        if (rc)
            return rc;
    }
    return TACT_OK;
}

/* Heol, Ffordd, Stryd, Lon, Rhodfa, Clos: a Welsh street type, which comes
 * before the name. */
static bool welsh_type(const tact_scanner *sc, size_t k)
{
    static const char *const w[] = {"heol", "ffordd", "stryd", "lon", "rhodfa", "clos"};
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        if (ix_is(sc, k, w[i]))
            return true;
    return false;
}

/*
 * "7 Heol y Felin", "12 Ffordd Las", "on Stryd Fawr": a Welsh street, whose
 * type word comes first, then its name (with "y", "yr" inside). After a
 * house number (or with one after: "on Heol y Bryn, number 14") it is an
 * address; after "on", "in", "off", "at" or "near", a street.
 */
static int welsh_streets(tact_scanner *sc, const ix_post *p)
{
    size_t k = 0, next = 1;
    for (size_t h = 0; h < p->nhot; h++, HOT_NEXT(next, k)) {
        k = p->hot[h];
        if (k < next || k == 0)
            continue;
        if (!(p->gate[k] & IG_YSGOL) || !welsh_type(sc, k) || !tact__ix_cap(sc, k))
            continue;
        bool number = house_number(sc, k - 1);
        bool prep = ix_is(sc, k - 1, "on") || ix_is(sc, k - 1, "in") || ix_is(sc, k - 1, "off") ||
                    ix_is(sc, k - 1, "at") || ix_is(sc, k - 1, "near");
        if (!number && !prep)
            continue;
        size_t e = k, j = k + 1;
        while (j < sc->ntoks && j < k + 5 && !(sc->toks[j].shape & TACT__SH_LINE_START)) {
            if (name_word(sc, j) && !(sc->toks[j].lex & (TACT__LX_MONTH | TACT__LX_WEEKDAY)))
                e = j;
            else if (!ix_is(sc, j, "y") && !ix_is(sc, j, "yr"))
                break;
            j++;
        }
        if (e == k)
            continue;
        /* "on Heol y Bryn, number 14" */
        size_t num = number ? 0 : number_after(sc, e);
        int rc = number ? add_tok(sc, k - 1, e, TACT_TYPE_ADDRESS, 0.9f, "address.street")
                 : num  ? add_tok(sc, k, num, TACT_TYPE_ADDRESS, 0.9f, "address.street")
                        : add_tok(sc, k, e, TACT_TYPE_LOCATION, 0.75f, "location.street");
        if (rc)
            return rc;
        k = e;
    }
    return TACT_OK;
}

/* Family, Crown, Youth ...: the kinds of court (see the facility rule). */
static bool court_kind(const tact_scanner *sc, size_t k)
{
    static const char *const kinds[] = {"family", "crown", "county", "magistrates", "magistrate",
                                        "youth", "high", "supreme", "coroners", "coroner",
                                        "appeal", "district", "sheriff", "juvenile", "civil",
                                        "criminal", "divisional", "small", "claims", NULL};
    for (size_t i = 0; kinds[i]; i++)
        if (tact__tok_is(sc, k, kinds[i]))
            return true;
    return false;
}

/* Road numbers: "the site off the A38", "the lay-by on the M5". */
static bool road_number(const tact_scanner *sc, size_t k)
{
    if (k >= sc->ntoks || sc->toks[k].kind != TACT__TOK_ALNUM)
        return false;
    size_t s = sc->toks[k].start, e = sc->toks[k].end;
    int c = ix_at(sc, s);
    if (c != 'A' && c != 'B' && c != 'M')
        return false;
    for (size_t i = s + 1; i < e; i++)
        if (!ix_digit(ix_at(sc, i)))
            return false;
    return e - s >= 2 && e - s <= 5;
}

static int places(tact_scanner *sc, const ix_post *p)
{
    int rc = TACT_OK;
    const uint16_t *gate = p->gate;
    size_t k = 0, next = 0;
    for (size_t h = 0; h < p->nhot && rc == TACT_OK; h++, HOT_NEXT(next, k)) {
        k = p->hot[h];
        if (k < next)
            continue;
        uint32_t b = tact__ix_bits(sc, k);
        /* every rule below starts at a place noun, a facility word or one
         * of the gate words (IG_PLACES) */
        if (!(b & (IX_PLACE_NOUN | IX_FACILITY)) && !(gate[k] & IG_PLACES))
            continue;
        /* the site off the A38 */
        if ((b & IX_PLACE_NOUN) && (ix_is(sc, k + 1, "off") || ix_is(sc, k + 1, "on") ||
                                    ix_is(sc, k + 1, "by") || ix_is(sc, k + 1, "near"))) {
            size_t j = k + 2 + (ix_is(sc, k + 2, "the") ? 1 : 0);
            if (road_number(sc, j)) {
                size_t a = k > 0 && ix_is(sc, k - 1, "the") ? k - 1 : k;
                rc = add_tok(sc, a, j, TACT_TYPE_LOCATION, 0.75f, "location.road");
                continue;
            }
        }
        /* Pinehurst estate */
        if (ix_is(sc, k, "estate") || ix_is(sc, k, "estates")) {
            size_t s = cap_run(sc, k, 3);
            if (s < k && distinctive(sc, s, k) && !title_word_in(sc, s, k))
                rc = add_tok(sc, s, k, TACT_TYPE_LOCATION, 0.8f, "location.estate");
            continue;
        }
        /* outside Greggs on Broadmead */
        if (ix_is(sc, k, "outside") || ix_is(sc, k, "opposite") ||
            ix_is(sc, k, "behind")) {
            size_t j = k + 1;
            while (j < k + 4 && name_word(sc, j))
                j++;
            if (j > k + 1 && (ix_is(sc, j, "on") || ix_is(sc, j, "in")) &&
                name_word(sc, j + 1)) {
                size_t e = j + 1;
                while (e < j + 4 && name_word(sc, e + 1))
                    e++;
                rc = add_tok(sc, k, e, TACT_TYPE_LOCATION, 0.75f, "location.outside");
                k = e;
            }
            continue;
        }
        /* the Downend office */
        if (ix_is(sc, k, "the") && name_word(sc, k + 1) &&
            !(sc->toks[k + 1].shape & TACT__SH_ALLCAP)) {
            size_t j = k + 1;
            while (j < k + 3 && name_word(sc, j + 1))
                j++;
            if (ix_is(sc, j + 1, "office") || ix_is(sc, j + 1, "depot") ||
                ix_is(sc, j + 1, "hub") || ix_is(sc, j + 1, "base") ||
                ix_is(sc, j + 1, "branch") || ix_is(sc, j + 1, "patch")) {
                if (distinctive(sc, k + 1, j + 1) && !tact__ix_cap(sc, j + 1))
                    rc = add_tok(sc, k, j + 1, TACT_TYPE_LOCATION, 0.7f, "location.office");
            }
            continue;
        }
        /* Leeds General (hospital) */
        if (ix_is(sc, k, "general") && tact__ix_cap(sc, k) && k > 0 && name_word(sc, k - 1) &&
            !(tact__ix_bits(sc, k - 1) & IX_NOT_GENERAL) && !name_word(sc, k + 1)) {
            size_t s = cap_run(sc, k, 3);
            if (s < k && distinctive(sc, s, k))
                rc = add_tok(sc, s, k, TACT_TYPE_LOCATION, 0.75f, "location.hospital");
            continue;
        }
        /* the Royal Wenlow, Royal Ashby Hospital: not the Royal Mail, the
         * Royal Albert Hall, Royal Bristol Infirmary (the names rules') */
        if (ix_is(sc, k, "royal") && tact__ix_cap(sc, k) && !name_word(sc, k - 1) &&
            name_word(sc, k + 1) && !(sc->toks[k + 1].shape & TACT__SH_ALLCAP)) {
            uint32_t lx = sc->toks[k + 1].lex;
            size_t e = k + 1;
            bool hosp = ix_is(sc, k + 2, "hospital") || ix_is(sc, k + 2, "infirmary");
            if (hosp)
                e = k + 2;
            if (((lx & (TACT__LX_PLACE | TACT__LX_BIGPLACE)) || !(lx & TACT__LX_DICT)) &&
                (hosp || !(lx & TACT__LX_FIRST)) && (hosp || !name_word(sc, k + 2)) &&
                !(lx & (TACT__LX_MONTH | TACT__LX_WEEKDAY | TACT__LX_STOP)) &&
                !brand_in(sc, k, e)) {
                rc = add_tok(sc, k, e, TACT_TYPE_LOCATION, 0.75f, "location.hospital");
                k = e;
            }
            continue;
        }
        /* the Home Office, Cabinet Office, Met Office, Post Office: bodies
         * and generic counters, not a named local office */
        if ((ix_is(sc, k, "office") || ix_is(sc, k, "offices")) && k > 0 &&
            (ix_is(sc, k - 1, "home") || ix_is(sc, k - 1, "cabinet") ||
             ix_is(sc, k - 1, "foreign") || ix_is(sc, k - 1, "met") || ix_is(sc, k - 1, "post") ||
             ix_is(sc, k - 1, "war") || ix_is(sc, k - 1, "passport") || ix_is(sc, k - 1, "head") ||
             ix_is(sc, k - 1, "box") || ix_is(sc, k - 1, "back") || ix_is(sc, k - 1, "ticket") ||
             ix_is(sc, k - 1, "press")))
            continue;
        /* the Family Court, Crown Court, Youth Court: a kind of court
         * everyone has, not a named one ("Leeds Crown Court" still is) */
        if ((ix_is(sc, k, "court") || ix_is(sc, k, "courts")) && k > 0 && court_kind(sc, k - 1) &&
            (k < 2 || !name_word(sc, k - 2) || court_kind(sc, k - 2)))
            continue;
        /* named facilities: Riverside Family Centre, Bristol bus station, Civic Centre, Kingswood */
        if ((b & IX_FACILITY) && !is_street(sc, k + 1)) {
            if (tact__ix_bits(sc, k + 1) & IX_FACILITY)
                continue; /* the last word of the name decides */
            size_t s = k;
            if (k > 0 && sc->toks[k - 1].kind == TACT__TOK_WORD && !tact__ix_cap(sc, k - 1) &&
                !(sc->toks[k - 1].lex & TACT__LX_STOP))
                s = k - 1; /* bus station, police station */
            size_t s2 = cap_run(sc, s, 4);
            if (s2 == s || (!tact__ix_cap(sc, k) && s == k))
                continue;
            if (!tact__ix_cap(sc, k) && !(sc->toks[s2].lex & TACT__LX_PLACE) && s2 + 1 < s)
                continue;
            if (title_word_in(sc, s2, k + 1))
                continue;
            /* "Waiting outside court", "Parked by the station": an
             * ordinary word opening the sentence before a word in lower
             * case, not a name */
            if (s < k && weak_start(sc, s2, s))
                continue;
            /* the Albert Hall, Symphony Hall: a national venue
             * (data/names_brands.txt), not a local place */
            if (venue_at(sc, s2, k))
                continue;
            size_t e = town_after(sc, k);
            rc = add_tok(sc, s2, e, TACT_TYPE_LOCATION, 0.78f, "location.facility");
            k = e;
        }
    }
    return rc;
}

/* ---- schools and organisations ------------------------------------------------ */

/* "goes to oakbank primary": a word that can only be a name, in lower case. */
static bool lower_name_word(const tact_scanner *sc, size_t k)
{
    if (k >= sc->ntoks || sc->toks[k].kind != TACT__TOK_WORD || tact__ix_cap(sc, k) ||
        sc->toks[k].norm_len < 4)
        return false;
    return !(sc->toks[k].lex & (TACT__LX_DICT | TACT__LX_STOP | TACT__LX_MONTH | TACT__LX_WEEKDAY |
                                TACT__LX_BRAND | TACT__LX_KIN | TACT__LX_TITLE | TACT__LX_ROLE)) &&
           !(tact__ix_bits(sc, k) & (IX_GENERIC | IX_SCHOOL | IX_UNIT | IX_TEAM));
}

static bool school_cue(const tact_scanner *sc, size_t k)
{
    return ix_is(sc, k, "to") || ix_is(sc, k, "at") || ix_is(sc, k, "attends") ||
           ix_is(sc, k, "attend") || ix_is(sc, k, "attending") || ix_is(sc, k, "from") ||
           ix_is(sc, k, "started") || ix_is(sc, k, "joined");
}

/* Ysgol Bryn Celyn, Ysgol y Glannau: the Welsh word comes first. */
static int ysgol(tact_scanner *sc, const ix_post *p)
{
    int rc = TACT_OK;
    size_t k = 0, next = 0;
    for (size_t h = 0; h < p->nhot && rc == TACT_OK; h++, HOT_NEXT(next, k)) {
        k = p->hot[h];
        if (k < next)
            continue;
        if (k + 1 >= sc->ntoks)
            break;
        if (!(p->gate[k] & IG_YSGOL) || !ix_is(sc, k, "ysgol") || !tact__ix_cap(sc, k))
            continue;
        size_t e = k, j = k + 1;
        while (j < sc->ntoks && j < k + 5 && !(sc->toks[j].shape & TACT__SH_LINE_START)) {
            if (name_word(sc, j) || ix_is(sc, j, "y"))
                e = name_word(sc, j) ? j : e;
            else if (!ix_is(sc, j, "yr"))
                break;
            j++;
        }
        if (e > k) {
            rc = add_tok(sc, k, e, TACT_TYPE_SCHOOL, 0.88f, "school.ysgol");
            k = e;
        }
    }
    return rc;
}

/* Our Lady of Lourdes, St John of God: "of" inside a school's name. Moves
 * the start s of a run back over "Name of" pieces. */
static size_t of_run(const tact_scanner *sc, size_t s)
{
    while (s >= 2 && ix_is(sc, s - 1, "of") && !tact__ix_cap(sc, s - 1) && name_word(sc, s - 2)) {
        size_t s2 = cap_run(sc, s - 1, 3);
        /* only a saint's or holy name: not "Head of Oakfield Primary" */
        if (s2 == s - 1 || !(ix_is(sc, s2, "st") || ix_is(sc, s2, "saint") ||
                             ix_is(sc, s2, "holy") || ix_is(sc, s2, "sacred") ||
                             ix_is(sc, s2, "blessed") || ix_is(sc, s2, "lady")))
            break;
        s = s2;
    }
    /* "Our Lady": our is a stop word */
    if (s >= 1 && ix_is(sc, s, "lady") && ix_is(sc, s - 1, "our") && tact__ix_cap(sc, s - 1))
        s--;
    return s;
}

/* True when the words just before the "at"/"from" at k say school: "year 9
 * at", "Y10 at", "excluded from", "SENCO at", "teacher at". */
static bool school_context(const tact_scanner *sc, size_t k)
{
    if (k == 0)
        return false;
    size_t p = k - 1;
    if (ix_is(sc, k, "from"))
        return ix_is(sc, p, "excluded") || ix_is(sc, p, "exclusion") || ix_is(sc, p, "expelled");
    if (!ix_is(sc, k, "at"))
        return false;
    if (ix_is(sc, p, "senco") || ix_is(sc, p, "headteacher") || ix_is(sc, p, "teacher") ||
        ix_is(sc, p, "teachers") || ix_is(sc, p, "pupil") || ix_is(sc, p, "pupils") ||
        ix_is(sc, p, "dsl") || ix_is(sc, p, "tutor"))
        return true;
    /* year 9 at, yr 10 at, Y7 at */
    if (sc->toks[p].kind == TACT__TOK_NUMBER && p > 0 &&
        (ix_is(sc, p - 1, "year") || ix_is(sc, p - 1, "yr")))
        return true;
    if (sc->toks[p].kind == TACT__TOK_ALNUM && sc->toks[p].norm_len <= 3 &&
        sc->norm.p[sc->toks[p].norm_off] == 'y' && ix_digit(ix_at(sc, sc->toks[p].start + 1)))
        return true;
    return false;
}

/* "year 9 at Kingsmead", "excluded from Parkside": a name after a school
 * context is a school's even without a school word. Token k is the "at" or
 * "from"; returns the last token used (k when nothing was found). */
static size_t school_by_context(tact_scanner *sc, size_t k, int *rcp)
{
    if (k + 1 >= sc->ntoks || !tact__ix_cap(sc, k + 1) || !school_context(sc, k) ||
        !name_word(sc, k + 1))
        return k;
    size_t e = k + 1;
    while (e < k + 3 && name_word(sc, e + 1) && !(sc->toks[e + 1].shape & TACT__SH_LINE_START))
        e++;
    /* a school word, street or facility after it is the other rules' */
    if (tact__ix_bits(sc, e + 1) & (IX_SCHOOL | IX_FACILITY) || is_street(sc, e + 1))
        return k;
    bool big = true;
    for (size_t i = k + 1; i <= e; i++)
        if (!(sc->toks[i].lex & TACT__LX_BIGPLACE))
            big = false;
    if (big || !distinctive(sc, k + 1, e + 1) || brand_in(sc, k + 1, e) ||
        (sc->toks[k + 1].lex & (TACT__LX_MONTH | TACT__LX_WEEKDAY)))
        return k;
    *rcp = add_tok(sc, k + 1, e, TACT_TYPE_SCHOOL, 0.72f, "school.context");
    return e;
}

static int schools(tact_scanner *sc, const ix_post *p)
{
    int rc = ysgol(sc, p);
    const uint16_t *gate = p->gate;
    size_t k = 0, next = 1;
    for (size_t h = 0; h < p->nhot && rc == TACT_OK; h++, HOT_NEXT(next, k)) {
        k = p->hot[h];
        if (k < next)
            continue;
        /* every rule below starts at a school word or one of the gate
         * words (IG_SCHOOLS: the unit and high rules, and the "at" and
         * "from" of school_by_context) */
        if (!(gate[k] & IG_SCHOOLS) && !(tact__ix_bits(sc, k) & IX_SCHOOL))
            continue;
        /* Greystone Pupil Referral Unit, Greystone PRU */
        bool pru = k >= 2 && (ix_is(sc, k, "unit") || ix_is(sc, k, "centre")) &&
                   ix_is(sc, k - 1, "referral") && ix_is(sc, k - 2, "pupil");
        if (pru || (ix_is(sc, k, "pru") && tact__ix_cap(sc, k))) {
            size_t n = pru ? k - 2 : k;
            size_t s = cap_run(sc, n, 3);
            if (s < n && distinctive(sc, s, n) && !title_word_in(sc, s, n) && !weak_start(sc, s, n))
                rc = add_tok(sc, s, k, TACT_TYPE_SCHOOL, 0.88f, "school.pru");
            continue;
        }
        /* Stoneleigh High (but not High Street, Sky High, Stoneleigh High School: below) */
        if (ix_is(sc, k, "high") && tact__ix_cap(sc, k) && !name_word(sc, k + 1) &&
            !is_street(sc, k + 1)) {
            size_t s = cap_run(sc, k, 3);
            if (s < k && distinctive(sc, s, k) && proper_run(sc, s, k) &&
                !title_word_in(sc, s, k) && !weak_start(sc, s, k) && !brand_in(sc, s, k))
                rc = add_tok(sc, s, k, TACT_TYPE_SCHOOL, 0.8f, "school.high");
            continue;
        }
        uint32_t sbits = tact__ix_bits(sc, k);
        if (!(sbits & IX_SCHOOL)) {
            size_t n = sc->toks[k].norm_len;
            if (n == 2 || n == 4)
                k = school_by_context(sc, k, &rc);
            continue;
        }
        if (!tact__ix_cap(sc, k)) {
            /* goes to oakbank primary (school) */
            if (k >= 2 && !ix_is(sc, k, "school") && !ix_is(sc, k, "schools") &&
                lower_name_word(sc, k - 1) && school_cue(sc, k - 2)) {
                size_t e = ix_is(sc, k + 1, "school") ? k + 1 : k;
                rc = add_tok(sc, k - 1, e, TACT_TYPE_SCHOOL, 0.7f, "school.lower");
                k = e;
                continue;
            }
            /* Little Acorns nursery, Oakfield primary: a capitalised name
             * before a lower-case school word (not "Bristol nursery", "the
             * Monday nursery": a place or a day is not a school's name) */
            if (!ix_is(sc, k, "school") && !ix_is(sc, k, "schools") && !ix_is(sc, k, "college") &&
                !ix_is(sc, k, "sixth") && !ix_is(sc, k, "junior") && !ix_is(sc, k, "infant") &&
                name_word(sc, k - 1)) {
                size_t s = cap_run(sc, k, 3);
                bool place_only = true;
                for (size_t i = s; i < k; i++)
                    if (!(sc->toks[i].lex & (TACT__LX_PLACE | TACT__LX_BIGPLACE)))
                        place_only = false;
                bool one_dict = s + 1 == k && (sc->toks[s].lex & TACT__LX_DICT);
                if (s < k && !place_only && !one_dict && sc->toks[k - 1].kind == TACT__TOK_WORD &&
                    distinctive(sc, s, k) && !title_word_in(sc, s, k) &&
                    !weak_start(sc, s, k) && !brand_in(sc, s, k) &&
                    !(sc->toks[k - 1].shape & TACT__SH_ALLCAP) &&
                    !(sc->toks[k - 1].lex & (TACT__LX_MONTH | TACT__LX_WEEKDAY)) &&
                    !(tact__ix_bits(sc, k - 1) & (IX_TEAM | IX_GENERIC))) {
                    rc = add_tok(sc, s, k, TACT_TYPE_SCHOOL, 0.75f, "school.lower_kind");
                    continue;
                }
            }
            /* the school (Elmwood), his nursery (Little Acorns) */
            if ((ix_is(sc, k, "school") || ix_is(sc, k, "nursery") || ix_is(sc, k, "academy") ||
                 ix_is(sc, k, "college")) &&
                tact__ix_punct(sc, k + 1, '(') && name_word(sc, k + 2)) {
                size_t e = k + 2;
                while (e < k + 5 && name_word(sc, e + 1))
                    e++;
                if (tact__ix_punct(sc, e + 1, ')') && distinctive(sc, k + 2, e + 1) &&
                    !brand_in(sc, k + 2, e)) {
                    rc = add_tok(sc, k + 2, e, TACT_TYPE_SCHOOL, 0.8f, "school.bracket");
                    k = e + 1;
                }
            }
            continue;
        }
        size_t e = k;
        while (e + 1 < sc->ntoks && (tact__ix_bits(sc, e + 1) & IX_SCHOOL) && tact__ix_cap(sc, e + 1))
            e++;
        if (ix_is(sc, e, "sixth") && ix_is(sc, e + 1, "form"))
            e++; /* Beacon Hill Sixth Form */
        size_t s = cap_run(sc, k, 4);
        s = of_run(sc, s);
        /* C of E, CofE inside the name: St Mary's C of E Primary */
        size_t ce = s < k && ix_is(sc, s, "e") ? s : k - 1;
        if (ce >= 2 && ce + 1 >= s && ix_is(sc, ce, "e") && ix_is(sc, ce - 1, "of") &&
            ix_is(sc, ce - 2, "c"))
            s = cap_run(sc, ce - 2, 4);
        if (s == k || !distinctive(sc, s, k) || title_word_in(sc, s, k))
            continue;
        /* "Meal Prep": prep is a school only after a name */
        if (ix_is(sc, k, "prep") && all_dict(sc, s, k))
            continue;
        /* "Year 7 Primary": a school year is not a name */
        rc = add_tok(sc, s, e, TACT_TYPE_SCHOOL, 0.88f, "school.name");
        k = e;
    }
    return rc;
}

static int orgs(tact_scanner *sc, const ix_post *p)
{
    int rc = TACT_OK;
    const uint16_t *gate = p->gate;
    size_t k = 0, next = 1;
    for (size_t h = 0; h < p->nhot && rc == TACT_OK; h++, HOT_NEXT(next, k)) {
        k = p->hot[h];
        if (k < next)
            continue;
        /* the first four rules start at a gate word (IG_ORGS), the others
         * at a capital */
        if (!(gate[k] & IG_ORGS) && !tact__ix_cap(sc, k))
            continue;
        /* X Care Home, X Nursing Home */
        if (ix_is(sc, k, "home") && (ix_is(sc, k - 1, "care") ||
                                           ix_is(sc, k - 1, "nursing") ||
                                           ix_is(sc, k - 1, "residential"))) {
            size_t s = cap_run(sc, k - 1, 4);
            if (s < k - 1 && distinctive(sc, s, k - 1))
                rc = add_tok(sc, s, k, TACT_TYPE_ORGANISATION, 0.9f, "organisation.care_home");
            continue;
        }
        /* X Children's Home, X Children's Services, X children's home */
        if ((ix_is(sc, k, "home") || ix_is(sc, k, "services") || ix_is(sc, k, "service")) &&
            k >= 3 && sc->toks[k - 1].kind == TACT__TOK_POSS && ix_is(sc, k - 2, "children")) {
            size_t s = cap_run(sc, k - 2, 4);
            if (s < k - 2 && distinctive(sc, s, k - 2))
                rc = add_tok(sc, s, k, TACT_TYPE_ORGANISATION, 0.88f, "organisation.children");
            continue;
        }
        /* Orchard View supported living, Kestrel Court Supported Living */
        if (ix_is(sc, k, "supported") &&
            (ix_is(sc, k + 1, "living") || ix_is(sc, k + 1, "housing") ||
             ix_is(sc, k + 1, "accommodation"))) {
            size_t s = cap_run(sc, k, 4);
            if (s < k && distinctive(sc, s, k) && !title_word_in(sc, s, k) &&
                !weak_start(sc, s, k) && !brand_in(sc, s, k)) {
                rc = add_tok(sc, s, k + 1, TACT_TYPE_ORGANISATION, 0.8f, "organisation.supported");
                k++;
            }
            continue;
        }
        /* X MASH, X CAMHS, X YOT, the Cathedral night shelter, X Foodbank, X Women's Refuge */
        if (ix_is(sc, k, "mash") || ix_is(sc, k, "camhs") || ix_is(sc, k, "cmht") ||
            ix_is(sc, k, "yot") || ix_is(sc, k, "yos") || ix_is(sc, k, "shelter") ||
            ix_is(sc, k, "foodbank") || ix_is(sc, k, "refuge") ||
            (ix_is(sc, k, "bank") && ix_is(sc, k - 1, "food"))) {
            size_t j = k;
            if (ix_is(sc, k - 1, "night") || ix_is(sc, k - 1, "food") || ix_is(sc, k - 1, "winter"))
                j = k - 1;
            if (j >= 2 && sc->toks[j - 1].kind == TACT__TOK_POSS)
                j--;
            size_t s = cap_run(sc, j, 3);
            if (s < j && !(tact__ix_bits(sc, j - 1) & (IX_GENERIC | IX_TEAM)) &&
                !title_word_in(sc, s, j) && !weak_start(sc, s, j) && !brand_in(sc, s, j))
                rc = add_tok(sc, s, k, TACT_TYPE_ORGANISATION, 0.8f, "organisation.shelter");
            continue;
        }
        if (!tact__ix_cap(sc, k))
            continue;
        uint32_t b = tact__ix_bits(sc, k);
        /* every rule below starts at one of the IG_ORGCAP words or a word
         * with IX_ORG_HOME (speed: most capitalised words are neither) */
        if (!(gate[k] & IG_ORGCAP) && !(b & IX_ORG_HOME))
            continue;
        /* Kirkwood Homecare, Ashdale Fostering, Brookvale Home Care: a care
         * provider named by its trade (not "The Fostering Network",
         * "National Fostering ...": no local name before the trade word) */
        if ((ix_is(sc, k, "homecare") || ix_is(sc, k, "healthcare") || ix_is(sc, k, "fostering") ||
             (ix_is(sc, k, "care") && ix_is(sc, k - 1, "home") && tact__ix_cap(sc, k - 1))) &&
            !name_word(sc, k + 1)) {
            size_t j = ix_is(sc, k, "care") ? k - 1 : k;
            size_t s = cap_run(sc, j, 3);
            if (s < j && distinctive(sc, s, j) && !(tact__ix_bits(sc, j - 1) & (IX_GENERIC | IX_TEAM)) &&
                !title_word_in(sc, s, j) && !weak_start(sc, s, j) && !brand_in(sc, s, k) &&
                !(sc->toks[s].shape & TACT__SH_ALLCAP))
                rc = add_tok(sc, s, k, TACT_TYPE_ORGANISATION, 0.78f, "organisation.provider");
            continue;
        }
        /* Glenmoor Health and Social Care Partnership: a local body */
        if (ix_is(sc, k, "partnership") && k >= 5 && ix_is(sc, k - 1, "care") &&
            ix_is(sc, k - 2, "social") && (ix_is(sc, k - 3, "and") || tact__ix_punct(sc, k - 3, '&')) &&
            ix_is(sc, k - 4, "health")) {
            size_t s = cap_run(sc, k - 4, 3);
            if (s < k - 4 && distinctive(sc, s, k - 4) && !title_word_in(sc, s, k - 4) &&
                !weak_start(sc, s, k - 4) && !brand_in(sc, s, k - 4))
                rc = add_tok(sc, s, k, TACT_TYPE_ORGANISATION, 0.85f, "organisation.partnership");
            continue;
        }
        /* Rowan Lodge, X House: a care home when care words are near */
        if ((b & IX_ORG_HOME) && !name_word(sc, k + 1)) {
            size_t s = cap_run(sc, k, 3);
            if (s < k && distinctive(sc, s, k) && tact__ix_cue_near(sc, sc->toks[s].start,
                                                                    sc->toks[k].end, IX_CARE_CUE, 10, 10))
                rc = add_tok(sc, s, k, TACT_TYPE_ORGANISATION, 0.75f, "organisation.home");
            continue;
        }
        /* X Hostel, X Unit, X Ward */
        if (ix_is(sc, k, "hostel") || ix_is(sc, k, "unit") || ix_is(sc, k, "ward")) {
            if (ix_is(sc, k - 1, "referral"))
                continue; /* Pupil Referral Unit: a school */
            size_t s = cap_run(sc, k, 3);
            /* (not a national unit of data/names_brands.txt: "the Forced
             * Marriage Unit") */
            if (s < k && distinctive(sc, s, k) && !title_word_in(sc, s, k) && !venue_at(sc, s, k))
                rc = add_tok(sc, s, k, TACT_TYPE_ORGANISATION, 0.75f, "organisation.unit");
            continue;
        }
        /* Ashdown County Council, X Borough Council, Bristol City Council */
        if (ix_is(sc, k, "council")) {
            size_t j = k;
            bool kind = false;
            while (j > 0 && (tact__ix_bits(sc, j - 1) & IX_COUNCIL_KIND) && tact__ix_cap(sc, j - 1))
                j--, kind = true;
            size_t s = cap_run(sc, j, 3);
            if (s == j || (tact__ix_bits(sc, j - 1) & IX_GENERIC) || !distinctive(sc, s, j) ||
                brand_in(sc, s, j))
                continue;
            rc = add_tok(sc, s, k, TACT_TYPE_ORGANISATION, kind ? 0.9f : 0.8f, "organisation.council");
            continue;
        }
        /* X NHS Foundation Trust, X Health Board */
        if (ix_is(sc, k, "trust") || (ix_is(sc, k, "board") && k > 0 &&
                                             ix_is(sc, k - 1, "health"))) {
            size_t s = cap_run(sc, k, 6);
            if (s < k && distinctive(sc, s, k) && !brand_in(sc, s, k))
                rc = add_tok(sc, s, k, TACT_TYPE_ORGANISATION, 0.85f, "organisation.trust");
            continue;
        }
    }
    /* the Swindon assessment team, the Wyndham leaving care team, Ellesmere
     * Youth Offending Service, the Moorgate Community Mental Health Team */
    next = 1;
    for (size_t h = 0; h < p->nhot && rc == TACT_OK; h++, HOT_NEXT(next, k)) {
        k = p->hot[h];
        if (k < next)
            continue;
        if (!(gate[k] & IG_TEAM)) /* "team", "service" */
            continue;
        size_t m = k; /* first team word */
        bool titled = tact__ix_cap(sc, k);
        while (m > 0 && m + 4 > k && (tact__ix_bits(sc, m - 1) & IX_TEAM)) {
            titled = titled && tact__ix_cap(sc, m - 1);
            m--;
        }
        size_t a = m; /* the name before the team words */
        while (a > 0 && a + 3 > m && name_word(sc, a - 1) && !(tact__ix_bits(sc, a - 1) & IX_TEAM))
            a--;
        if (a == m)
            continue;
        bool the = a > 0 && ix_is(sc, a - 1, "the");
        if (!the && !(titled && m < k))
            continue;
        /* "the Bristol City team", "the Swindon Town team": a football
         * club (a name ending in a club word right before "team"), unless
         * the post talks about a council */
        if (m == k && ix_is(sc, k, "team") && m > a && tact__ix_cap(sc, m - 1) &&
            (ix_is(sc, m - 1, "city") || ix_is(sc, m - 1, "town") ||
             ix_is(sc, m - 1, "county") || ix_is(sc, m - 1, "united") ||
             ix_is(sc, m - 1, "rovers") || ix_is(sc, m - 1, "athletic") ||
             ix_is(sc, m - 1, "wanderers") || ix_is(sc, m - 1, "albion") ||
             ix_is(sc, m - 1, "rangers") || ix_is(sc, m - 1, "argyle") ||
             ix_is(sc, m - 1, "villa") || ix_is(sc, m - 1, "thistle") ||
             ix_is(sc, m - 1, "fc") || ix_is(sc, m - 1, "afc"))) {
            bool council = false;
            for (size_t q = 0; q < sc->ntoks && !council; q++)
                council = ix_is(sc, q, "council") || ix_is(sc, q, "councils");
            if (!council)
                continue;
        }
        if ((sc->toks[a].shape & TACT__SH_ALLCAP) ||
            (tact__ix_bits(sc, a) & (IX_TEAM | IX_GENERIC)) || !distinctive(sc, a, m) ||
            all_dict(sc, a, m) || (!the && weak_start(sc, a, m)) || brand_in(sc, a, k))
            continue;
        rc = add_tok(sc, a, k, TACT_TYPE_ORGANISATION, 0.72f, "organisation.team");
    }
    return rc;
}

int tact__ix_address_scan(tact_scanner *sc, const ix_post *p)
{
    int rc;
    if ((rc = streets(sc, p)) != TACT_OK || (rc = welsh_streets(sc, p)) != TACT_OK ||
        (rc = flats(sc, p)) != TACT_OK ||
        (rc = places(sc, p)) != TACT_OK || (rc = schools(sc, p)) != TACT_OK)
        return rc;
    return orgs(sc, p);
}
