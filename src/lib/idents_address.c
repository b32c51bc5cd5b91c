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

static int streets(tact_scanner *sc)
{
    for (size_t k = 1; k < sc->ntoks; k++) {
        if (!is_street(sc, k))
            continue;
        bool cap_type = tact__ix_cap(sc, k);
        /* "St Mary's", "Dr Allen": a title before a name, not a street */
        if ((ix_is(sc, k, "st") || ix_is(sc, k, "dr")) && name_word(sc, k + 1))
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
            if (f >= 2 && house_number(sc, f - 1) &&
                (ix_is(sc, f - 2, "flat") || ix_is(sc, f - 2, "apartment") ||
                 ix_is(sc, f - 2, "apt") || ix_is(sc, f - 2, "unit")))
                a = f - 2;
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
            /* the hostel on Stapleton Road, the takeaway on Harehills Lane */
            size_t a = s;
            if (prep && s >= 2 && (tact__ix_bits(sc, s - 2) & IX_PLACE_NOUN)) {
                a = s - 2;
                if (a > 0 && (ix_is(sc, a - 1, "the") || ix_is(sc, a - 1, "a")))
                    a--;
            }
            rc = add_tok(sc, a, e, TACT_TYPE_LOCATION, 0.75f, a < s ? "location.place_on" : "location.street");
        }
        if (rc)
            return rc;
    }
    return TACT_OK;
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

static int places(tact_scanner *sc)
{
    int rc = TACT_OK;
    for (size_t k = 0; k < sc->ntoks && rc == TACT_OK; k++) {
        uint32_t b = tact__ix_bits(sc, k);
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
            size_t e = town_after(sc, k);
            rc = add_tok(sc, s2, e, TACT_TYPE_LOCATION, 0.78f, "location.facility");
            k = e;
        }
    }
    return rc;
}

/* ---- schools and organisations ------------------------------------------------ */

static int schools(tact_scanner *sc)
{
    int rc = TACT_OK;
    for (size_t k = 1; k < sc->ntoks && rc == TACT_OK; k++) {
        if (!(tact__ix_bits(sc, k) & IX_SCHOOL) || !tact__ix_cap(sc, k))
            continue;
        size_t e = k;
        while (e + 1 < sc->ntoks && (tact__ix_bits(sc, e + 1) & IX_SCHOOL) && tact__ix_cap(sc, e + 1))
            e++;
        size_t s = cap_run(sc, k, 4);
        /* C of E, CofE inside the name: St Mary's C of E Primary */
        size_t ce = s < k && ix_is(sc, s, "e") ? s : k - 1;
        if (ce >= 2 && ce + 1 >= s && ix_is(sc, ce, "e") && ix_is(sc, ce - 1, "of") &&
            ix_is(sc, ce - 2, "c"))
            s = cap_run(sc, ce - 2, 4);
        if (s == k || !distinctive(sc, s, k) || title_word_in(sc, s, k))
            continue;
        /* "Year 7 Primary": a school year is not a name */
        rc = add_tok(sc, s, e, TACT_TYPE_SCHOOL, 0.88f, "school.name");
        k = e;
    }
    return rc;
}

static int orgs(tact_scanner *sc)
{
    int rc = TACT_OK;
    for (size_t k = 1; k < sc->ntoks && rc == TACT_OK; k++) {
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
        if ((tact__tok_is(sc, k, "home") || tact__tok_is(sc, k, "services") ||
             tact__tok_is(sc, k, "service")) && k >= 3 && sc->toks[k - 1].kind == TACT__TOK_POSS &&
            tact__tok_is(sc, k - 2, "children")) {
            size_t s = cap_run(sc, k - 2, 4);
            if (s < k - 2 && distinctive(sc, s, k - 2))
                rc = add_tok(sc, s, k, TACT_TYPE_ORGANISATION, 0.88f, "organisation.children");
            continue;
        }
        /* X MASH, the Cathedral night shelter, X Foodbank, X Women's Refuge */
        if (tact__tok_is(sc, k, "mash") || tact__tok_is(sc, k, "shelter") ||
            tact__tok_is(sc, k, "foodbank") || tact__tok_is(sc, k, "refuge") ||
            (tact__tok_is(sc, k, "bank") && tact__tok_is(sc, k - 1, "food"))) {
            size_t j = k;
            if (tact__tok_is(sc, k - 1, "night") || tact__tok_is(sc, k - 1, "food") ||
                tact__tok_is(sc, k - 1, "winter"))
                j = k - 1;
            if (j >= 2 && sc->toks[j - 1].kind == TACT__TOK_POSS)
                j--;
            size_t s = cap_run(sc, j, 3);
            if (s < j && !(tact__ix_bits(sc, j - 1) & IX_GENERIC) && !title_word_in(sc, s, j))
                rc = add_tok(sc, s, k, TACT_TYPE_ORGANISATION, 0.8f, "organisation.shelter");
            continue;
        }
        if (!tact__ix_cap(sc, k))
            continue;
        uint32_t b = tact__ix_bits(sc, k);
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
            size_t s = cap_run(sc, k, 3);
            if (s < k && distinctive(sc, s, k) && !title_word_in(sc, s, k))
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
            if (s == j || (tact__ix_bits(sc, j - 1) & IX_GENERIC) || !distinctive(sc, s, j))
                continue;
            rc = add_tok(sc, s, k, TACT_TYPE_ORGANISATION, kind ? 0.9f : 0.8f, "organisation.council");
            continue;
        }
        /* X NHS Foundation Trust, X Health Board */
        if (ix_is(sc, k, "trust") || (ix_is(sc, k, "board") && k > 0 &&
                                             ix_is(sc, k - 1, "health"))) {
            size_t s = cap_run(sc, k, 6);
            if (s < k && distinctive(sc, s, k))
                rc = add_tok(sc, s, k, TACT_TYPE_ORGANISATION, 0.85f, "organisation.trust");
            continue;
        }
    }
    /* the Swindon assessment team */
    for (size_t k = 0; k + 2 < sc->ntoks && rc == TACT_OK; k++) {
        if (!ix_is(sc, k, "the") || !name_word(sc, k + 1) ||
            (sc->toks[k + 1].shape & TACT__SH_ALLCAP))
            continue;
        size_t j = k + 1;
        while (j < k + 3 && name_word(sc, j + 1))
            j++;
        if (!distinctive(sc, k + 1, j + 1) ||
            (tact__ix_bits(sc, k + 1) & (IX_TEAM | IX_GENERIC)))
            continue;
        size_t m = j + 1;
        while (m < j + 4 && (tact__ix_bits(sc, m) & IX_TEAM))
            m++;
        if (ix_is(sc, m, "team") || ix_is(sc, m, "service")) {
            rc = add_tok(sc, k + 1, m, TACT_TYPE_ORGANISATION, 0.72f, "organisation.team");
            k = m;
        }
    }
    return rc;
}

int tact__ix_address_scan(tact_scanner *sc)
{
    int rc;
    if ((rc = streets(sc)) != TACT_OK || (rc = places(sc)) != TACT_OK ||
        (rc = schools(sc)) != TACT_OK)
        return rc;
    return orgs(sc);
}
