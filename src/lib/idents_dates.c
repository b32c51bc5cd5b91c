/*
 * idents_dates.c - dates of birth and ages.
 *
 * Dates are found in numeric (14.02.1938, 3/7/61), written (3rd April 2012,
 * Apr 3 2012, 3 April) and short forms; a date is a date of birth when a
 * birth cue (DOB, born, birthday) is near it, or when it is a full date far
 * in the past with no event word near. Ages come from fixed phrasings (aged
 * 7, 7yo, 7-year-old, his 90th birthday) and from a number next to a person
 * ("Kayleigh Marsh, 14,", "(15)", "she's only 15").
 */
#include "idents.h"

static long num_at(const tact_scanner *sc, size_t s, size_t e)
{
    long v = 0;
    for (size_t i = s; i < e; i++) {
        if (!ix_digit(ix_at(sc, i)) || v > 100000)
            return -1;
        v = v * 10 + (ix_at(sc, i) - '0');
    }
    return e > s ? v : -1;
}

/* Number token value (plain digits, or 3rd/21st), or -1. */
static long tok_num(const tact_scanner *sc, size_t k, bool ordinal_ok)
{
    if (k >= sc->ntoks)
        return -1;
    const tact__token *t = &sc->toks[k];
    if (t->kind == TACT__TOK_NUMBER)
        return num_at(sc, t->start, t->end);
    if (t->kind == TACT__TOK_ALNUM && ordinal_ok && t->end - t->start >= 3) {
        /* the suffix is read from the original bytes: a combining mark can
         * make the normalised form shorter than the text */
        size_t e = t->end - 2;
        char suf[2] = {(char)(sc->text[e] | 0x20), (char)(sc->text[e + 1] | 0x20)};
        if (memcmp(suf, "st", 2) && memcmp(suf, "nd", 2) && memcmp(suf, "rd", 2) &&
            memcmp(suf, "th", 2))
            return -1;
        return num_at(sc, t->start, e);
    }
    return -1;
}

static bool is_month(const tact_scanner *sc, size_t k)
{
    if (k >= sc->ntoks || !(sc->toks[k].lex & TACT__LX_MONTH))
        return false;
    /* "may" and "mar" are verbs too: only capitalised */
    if ((ix_is(sc, k, "may") || ix_is(sc, k, "mar")) && !tact__ix_cap(sc, k))
        return false;
    return true;
}

static bool year_tok(const tact_scanner *sc, size_t k, long *y)
{
    long v = tok_num(sc, k, false);
    if (v >= 1900 && v <= 2035 && sc->toks[k].end - sc->toks[k].start == 4) {
        *y = v;
        return true;
    }
    return false;
}

static bool dob_cue(const tact_scanner *sc, size_t s, size_t e)
{
    if (tact__ix_cue_near(sc, s, e, IX_DOB_CUE, 5, 2))
        return true;
    /* d.o.b */
    size_t from = s > 12 ? s - 12 : 0;
    for (size_t i = from; i + 5 <= s; i++)
        if (ix_up(ix_at(sc, i)) == 'D' && ix_at(sc, i + 1) == '.' && ix_up(ix_at(sc, i + 2)) == 'O' &&
            ix_at(sc, i + 3) == '.' && ix_up(ix_at(sc, i + 4)) == 'B')
            return true;
    return false;
}

static int date_found(tact_scanner *sc, size_t s, size_t e, long year, bool has_day)
{
    if (tact__ix_example_before(sc, s))
        return TACT_OK;
    if (dob_cue(sc, s, e))
        return tact__add(sc, s, e, TACT_TYPE_DATE_OF_BIRTH, -1, has_day ? 0.95f : 0.7f,
                         "date_of_birth.cue", NULL, NULL);
    if (tact__ix_cue_near(sc, s, e, IX_EVENT, 8, 4))
        return TACT_OK;
    if (year > 0 && year < 2000 && has_day)
        return tact__add(sc, s, e, TACT_TYPE_DATE_OF_BIRTH, TACT_SEV_MEDIUM, 0.5f,
                         "date_of_birth.old_date", NULL, NULL);
    return TACT_OK;
}

/* Numeric dates: d/m/y, d.m.y, d-m-y (one separator throughout); d/m with a cue. */
static int numeric_dates(tact_scanner *sc)
{
    size_t i = 0;
    while (i < sc->len) {
        if (!ix_digit(ix_at(sc, i)) || !ix_left_edge(sc, i)) {
            i++;
            continue;
        }
        size_t p = i;
        while (ix_digit(ix_at(sc, p)) && p - i < 3)
            p++;
        int sep = ix_at(sc, p);
        long d = num_at(sc, i, p), m = -1, y = -1;
        size_t e = 0;
        if ((sep == '/' || sep == '.' || sep == '-') && p - i <= 2) {
            size_t q = p + 1, r = q;
            while (ix_digit(ix_at(sc, r)) && r - q < 3)
                r++;
            m = (r - q >= 1 && r - q <= 2) ? num_at(sc, q, r) : -1;
            if (m > 0 && ix_at(sc, r) == sep && ix_digit(ix_at(sc, r + 1))) {
                size_t t = r + 1, u = t;
                while (ix_digit(ix_at(sc, u)) && u - t < 5)
                    u++;
                if ((u - t == 2 || u - t == 4) && ix_right_edge(sc, u) &&
                    !(ix_at(sc, u) == sep && ix_digit(ix_at(sc, u + 1)))) {
                    y = num_at(sc, t, u);
                    if (u - t == 2)
                        y += y <= 30 ? 2000 : 1900;
                    e = u;
                }
            } else if (m > 0 && sep == '/' && ix_right_edge(sc, r) && ix_at(sc, r) != '/') {
                e = r; /* 3/7: only with a cue */
            }
        }
        /* ISO form 1958-06-18 */
        if (!e && p - i == 3 && ix_digit(ix_at(sc, p)) && ix_at(sc, p + 1) == '-' &&
                   ix_digit(ix_at(sc, p + 2)) && ix_digit(ix_at(sc, p + 3)) &&
                   ix_at(sc, p + 4) == '-' && ix_digit(ix_at(sc, p + 5)) &&
                   ix_digit(ix_at(sc, p + 6)) && ix_right_edge(sc, p + 7)) {
            y = num_at(sc, i, p + 1);
            m = num_at(sc, p + 2, p + 4);
            d = num_at(sc, p + 5, p + 7);
            e = p + 7;
        }
        bool valid = e && d >= 1 && d <= 31 && m >= 1 && m <= 12;
        if (!valid && e && m >= 1 && m <= 31 && d >= 1 && d <= 12) /* US order */
            valid = true;
        if (valid && (y < 0 || (y >= 1900 && y <= 2035))) {
            int rc;
            if (y < 0) {
                rc = dob_cue(sc, i, e) ? tact__add(sc, i, e, TACT_TYPE_DATE_OF_BIRTH, -1, 0.75f,
                                                   "date_of_birth.cue", NULL, NULL)
                                       : TACT_OK;
            } else {
                rc = date_found(sc, i, e, y, true);
            }
            if (rc)
                return rc;
            i = e;
            continue;
        }
        while (i < sc->len && (ix_digit(ix_at(sc, i)) || ix_at(sc, i) == '/' || ix_at(sc, i) == '.' ||
                               ix_at(sc, i) == '-'))
            i++;
    }
    return TACT_OK;
}

/* Written dates: 3rd April 2012, 3 of April, April 3rd, 2012, Apr 3 2012, April 2012. */
static int written_dates(tact_scanner *sc)
{
    for (size_t k = 0; k < sc->ntoks; k++) {
        size_t s = 0, e = 0, j;
        long day = -1, year = -1;
        long v = tok_num(sc, k, true);
        if (v >= 1 && v <= 31) {
            j = k + 1;
            if (ix_is(sc, j, "of"))
                j++;
            if (!is_month(sc, j))
                continue;
            day = v;
            s = sc->toks[k].start;
            e = sc->toks[j].end;
            j++;
        } else if (is_month(sc, k)) {
            j = k + 1;
            if (tact__ix_punct(sc, j, '.'))
                j++;
            long d2 = tok_num(sc, j, true);
            s = sc->toks[k].start;
            e = sc->toks[k].end;
            if (d2 >= 1 && d2 <= 31 && sc->toks[j].end - sc->toks[j].start <= 4) {
                day = d2;
                e = sc->toks[j].end;
                j++;
            }
        } else {
            continue;
        }
        size_t j2 = j + (tact__ix_punct(sc, j, ',') ? 1 : 0);
        if (year_tok(sc, j2, &year)) {
            e = sc->toks[j2].end;
            j = j2 + 1;
        }
        if (day < 0 && year < 0)
            continue;
        int rc;
        if (year < 0 || day < 0)
            rc = dob_cue(sc, s, e) ? tact__add(sc, s, e, TACT_TYPE_DATE_OF_BIRTH, -1, 0.7f,
                                               "date_of_birth.cue", NULL, NULL)
                                   : TACT_OK;
        else
            rc = date_found(sc, s, e, year, true);
        if (rc)
            return rc;
        k = j - 1;
    }
    return TACT_OK;
}

/* ---- ages ------------------------------------------------------------------- */

static const char *const age_suffixes[] = {
    "-year-old", "-years-old", "-yr-old", "-yo", " year old", " years old", " yr old",
    " yrs old", "yrs old", "yr old", " y/o", "y/o", " yo", "yo", "yrs", " yrs", "-month-old",
    " month old", " months old", "-week-old", " week old", " weeks old", "-day-old", " day old",
    " days old"};

/* Length of an age suffix at p, or 0. */
static size_t age_suffix(const tact_scanner *sc, size_t p)
{
    for (size_t a = 0; a < sizeof age_suffixes / sizeof age_suffixes[0]; a++) {
        const char *w = age_suffixes[a];
        size_t n = strlen(w), k = 0;
        while (k < n && ix_up(ix_at(sc, p + k)) == ix_up((unsigned char)w[k]))
            k++;
        if (k != n || !ix_right_edge(sc, p + n))
            continue;
        /* "10 yrs" alone is a duration; "yrs" needs "old" or a person after it */
        if (strstr(w, "yrs") && !strstr(w, "old")) {
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

static int add_age(tact_scanner *sc, size_t s, size_t e, float conf, const char *rule)
{
    return tact__add(sc, s, e, TACT_TYPE_AGE, -1, conf, rule, NULL, NULL);
}

static int ages(tact_scanner *sc)
{
    int rc = TACT_OK;
    for (size_t k = 0; k < sc->ntoks && rc == TACT_OK; k++) {
        const tact__token *t = &sc->toks[k];
        /* 7yo, 7 year old, 7-year-old */
        if ((t->kind == TACT__TOK_NUMBER || t->kind == TACT__TOK_ALNUM) &&
            ix_digit(ix_at(sc, t->start)) && ix_left_edge(sc, t->start)) {
            size_t p = t->start;
            while (ix_digit(ix_at(sc, p)))
                p++;
            long v = num_at(sc, t->start, p);
            size_t n = (v >= 0 && v <= 120) ? age_suffix(sc, p) : 0;
            if (n) {
                size_t e = p + n;
                rc = add_age(sc, t->start, e, 0.88f, "age.years_old");
                k = tact__tok_after(sc, e) - 1;
                continue;
            }
            /* 90th birthday */
            long o = tok_num(sc, k, true);
            if (o > 0 && o <= 120 && ix_is(sc, k + 1, "birthday")) {
                rc = add_age(sc, t->start, sc->toks[k + 1].end, 0.85f, "age.birthday");
                continue;
            }
        }
        if (t->kind != TACT__TOK_WORD && t->kind != TACT__TOK_PUNCT && t->kind != TACT__TOK_POSS)
            continue;
        /* aged 7, age 15, ages 3 and 5 */
        if (ix_is(sc, k, "aged") || ix_is(sc, k, "age") || ix_is(sc, k, "ages")) {
            size_t j = k + 1 + (tact__ix_punct(sc, k + 1, ':') ? 1 : 0);
            long v = tok_num(sc, j, false);
            if (v >= 0 && v <= 120 && !unit_after(sc, j + 1)) {
                size_t e = sc->toks[j].end;
                if (ix_is(sc, j + 1, "and") && tok_num(sc, j + 2, false) >= 0)
                    e = sc->toks[j + 2].end;
                rc = add_age(sc, t->start, e, 0.9f, "age.aged");
            }
            continue;
        }
        /* (15) after a name or a person word */
        if (tact__ix_punct(sc, k, '(') && k > 0 && tact__ix_punct(sc, k + 2, ')')) {
            long v = tok_num(sc, k + 1, false);
            if (v >= 0 && v <= 110 &&
                (tact__ix_cap(sc, k - 1) || (tact__ix_bits(sc, k - 1) & IX_PERSON_NOUN)))
                rc = add_age(sc, sc->toks[k + 1].start, sc->toks[k + 1].end, 0.8f, "age.parenthesis");
            continue;
        }
        /* Kayleigh Marsh, 14,  the boys, 4 and 7, */
        if (tact__ix_punct(sc, k, ',') && k > 0 &&
            (tact__ix_cap(sc, k - 1) || (tact__ix_bits(sc, k - 1) & IX_PERSON_NOUN)) &&
            !(sc->toks[k - 1].lex & (TACT__LX_MONTH | TACT__LX_WEEKDAY | TACT__LX_STREET))) {
            long v = tok_num(sc, k + 1, false);
            size_t j = k + 2, e = k + 1 < sc->ntoks ? sc->toks[k + 1].end : 0;
            /* a list of ages: "4 and 7", "4, 7 and 9" must end like one age */
            bool list = false;
            while (j + 1 < sc->ntoks && (ix_is(sc, j, "and") || ix_is(sc, j, "&")) &&
                   tok_num(sc, j + 1, false) >= 0 && tok_num(sc, j + 1, false) <= 110 &&
                   sc->toks[j + 1].end - sc->toks[j + 1].start <= 3) {
                e = sc->toks[j + 1].end;
                j += 2;
                list = true;
            }
            bool closes = j >= sc->ntoks || tact__ix_punct(sc, j, ',') ||
                          tact__ix_punct(sc, j, ')');
            bool verb = list ? (ix_is(sc, j, "were") || ix_is(sc, j, "are") ||
                                ix_is(sc, j, "who"))
                             : (ix_is(sc, j, "from") || ix_is(sc, j, "who") ||
                                (ix_is(sc, j, "of") && tact__ix_cap(sc, k - 1)) ||
                                ix_is(sc, j, "was") || ix_is(sc, j, "is"));
            if (v >= 0 && v <= 110 && sc->toks[k + 1].end - sc->toks[k + 1].start <= 3 &&
                (closes || verb))
                rc = add_age(sc, sc->toks[k + 1].start, e, 0.82f, "age.apposition");
            continue;
        }
        /* she's only 15, just 16, turned 18, he's 23 now */
        bool only = ix_is(sc, k, "only") || ix_is(sc, k, "just");
        bool turn = ix_is(sc, k, "turned") || ix_is(sc, k, "turns") ||
                    ix_is(sc, k, "turning");
        /* he's 23, she is 14, my son is 15 (one child, not "the kids are 3") */
        bool pron = (t->kind == TACT__TOK_POSS || ix_is(sc, k, "is") || ix_is(sc, k, "was")) &&
                    k > 0 && (ix_is(sc, k - 1, "he") || ix_is(sc, k - 1, "she") ||
                              ((tact__ix_bits(sc, k - 1) & IX_PERSON_NOUN) && k > 1 &&
                               (ix_is(sc, k - 2, "my") || ix_is(sc, k - 2, "our") ||
                                ix_is(sc, k - 2, "his") || ix_is(sc, k - 2, "her") ||
                                ix_is(sc, k - 2, "their"))));
        if (only || turn || pron) {
            long v = tok_num(sc, k + 1, false);
            if (v < 1 || v > 110 || unit_after(sc, k + 2) || (only && v > 19) ||
                ix_is(sc, k + 2, "of") || ix_is(sc, k + 2, "out"))
                continue;
            if (only && !(k > 0 && (sc->toks[k - 1].kind == TACT__TOK_POSS ||
                                    ix_is(sc, k - 1, "is") || ix_is(sc, k - 1, "was") ||
                                    ix_is(sc, k - 1, "are") || ix_is(sc, k - 1, "were"))))
                continue;
            rc = add_age(sc, only ? t->start : sc->toks[k + 1].start, sc->toks[k + 1].end,
                         turn ? 0.8f : 0.75f, "age.context");
        }
    }
    return rc;
}

int tact__ix_dates_scan(tact_scanner *sc)
{
    int rc;
    if ((rc = numeric_dates(sc)) != TACT_OK || (rc = written_dates(sc)) != TACT_OK)
        return rc;
    return ages(sc);
}
