/*
 * idents_dates.c - dates of birth and ages.
 *
 * Dates are found in numeric (14.02.1938, 3/7/61), written (3rd April 2012,
 * Apr 3 2012, 3 April) and short forms, and as fixed holidays ("born on
 * Boxing Day 2016"); a date is a date of birth when a birth cue (DOB, born,
 * birthday) is near it, or when it is a full date far in the past with no
 * event word near. Ages are idents_ages.c's.
 */
#include "idents.h"

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
    long v = ix_tok_num(sc, k, false);
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

/* Speed: true when "d.o.b" (any case) is somewhere in the text, which
 * the second test of dob_cue looks for. */
static bool dob_dots(const tact_scanner *sc, const ix_bytes *dots)
{
    if (dots->all) {
        /* (the '.' bytes listed: those the walk below tries, every one
         * with three bytes after it; the walk passes over one only right
         * after a '.', where no "d" can be) */
        if (sc->len < 5)
            return false;
        for (size_t j = 0; j < dots->n; j++) {
            size_t i = dots->at[j];
            if (i + 3 < sc->len && i >= 1 && ix_up(ix_at(sc, i - 1)) == 'D' &&
                ix_up(ix_at(sc, i + 1)) == 'O' && ix_at(sc, i + 2) == '.' &&
                ix_up(ix_at(sc, i + 3)) == 'B')
                return true;
        }
        return false;
    }
    const char *p = sc->text, *end = sc->text + sc->len;
    while ((size_t)(end - p) >= 5 && (p = memchr(p, '.', (size_t)(end - p) - 3)) != NULL) {
        size_t i = (size_t)(p - sc->text);
        if (i >= 1 && ix_up(ix_at(sc, i - 1)) == 'D' && ix_up(ix_at(sc, i + 1)) == 'O' &&
            ix_at(sc, i + 2) == '.' && ix_up(ix_at(sc, i + 3)) == 'B')
            return true;
        p++;
    }
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
    /* "since 1 April 1974", "came in on 14 October 1991": a date after a
     * preposition is when something happened, not a birth */
    size_t pk = tact__ix_tok_before(sc, s);
    if (pk != SIZE_MAX &&
        (ix_is(sc, pk, "since") || ix_is(sc, pk, "on") || ix_is(sc, pk, "from") ||
         ix_is(sc, pk, "until") || ix_is(sc, pk, "till") || ix_is(sc, pk, "in") ||
         ix_is(sc, pk, "by") || ix_is(sc, pk, "between") || ix_is(sc, pk, "before") ||
         ix_is(sc, pk, "after") || ix_is(sc, pk, "during") || ix_is(sc, pk, "of")))
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
            /* and every 8 bytes without a digit */
            i = ix_skip_none_between(sc, i + 1, '0' - 1, '9' + 1);
            continue;
        }
        size_t p = i;
        while (ix_digit(ix_at(sc, p)) && p - i < 3)
            p++;
        int sep = ix_at(sc, p);
        long d = ix_num_at(sc, i, p), m = -1, y = -1;
        size_t e = 0;
        if ((sep == '/' || sep == '.' || sep == '-') && p - i <= 2) {
            size_t q = p + 1, r = q;
            while (ix_digit(ix_at(sc, r)) && r - q < 3)
                r++;
            m = (r - q >= 1 && r - q <= 2) ? ix_num_at(sc, q, r) : -1;
            if (m > 0 && ix_at(sc, r) == sep && ix_digit(ix_at(sc, r + 1))) {
                size_t t = r + 1, u = t;
                while (ix_digit(ix_at(sc, u)) && u - t < 5)
                    u++;
                if ((u - t == 2 || u - t == 4) && ix_right_edge(sc, u) &&
                    !(ix_at(sc, u) == sep && ix_digit(ix_at(sc, u + 1)))) {
                    y = ix_num_at(sc, t, u);
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
            y = ix_num_at(sc, i, p + 1);
            m = ix_num_at(sc, p + 2, p + 4);
            d = ix_num_at(sc, p + 5, p + 7);
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
        long v = ix_tok_num(sc, k, true);
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
            long d2 = ix_tok_num(sc, j, true);
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

/* Token after a possessive "'s" at k, or k itself. */
static size_t skip_poss(const tact_scanner *sc, size_t k)
{
    return k < sc->ntoks && sc->toks[k].kind == TACT__TOK_POSS ? k + 1 : k;
}

/*
 * A holiday that falls on a fixed day, starting at token k: "Christmas Day",
 * "Christmas Eve", "Boxing Day", "New Year's Day", "Valentine's Day",
 * "Halloween", "Bonfire Night", "St David's Day". Returns the token after
 * it, or k when there is none.
 */
static size_t fixed_holiday(const tact_scanner *sc, size_t k)
{
    if (!tact__ix_cap(sc, k))
        return k;
    if (ix_is(sc, k, "halloween") || ix_is(sc, k, "hogmanay"))
        return k + 1;
    if (ix_is(sc, k, "christmas") || ix_is(sc, k, "xmas"))
        return ix_is(sc, k + 1, "day") || ix_is(sc, k + 1, "eve") ? k + 2 : k;
    if (ix_is(sc, k, "boxing") || ix_is(sc, k, "valentine") || ix_is(sc, k, "valentines")) {
        size_t j = skip_poss(sc, k + 1);
        return ix_is(sc, j, "day") ? j + 1 : k;
    }
    if (ix_is(sc, k, "bonfire") || ix_is(sc, k, "guy"))
        return ix_is(sc, k + 1, "night") || ix_is(sc, k + 1, "fawkes") ? k + 2 : k;
    if (ix_is(sc, k, "new") && (ix_is(sc, k + 1, "year") || ix_is(sc, k + 1, "years"))) {
        size_t j = skip_poss(sc, k + 2);
        return ix_is(sc, j, "day") || ix_is(sc, j, "eve") ? j + 1 : k;
    }
    if ((ix_is(sc, k, "st") || ix_is(sc, k, "saint")) &&
        (ix_is(sc, k + 1, "david") || ix_is(sc, k + 1, "davids") ||
         ix_is(sc, k + 1, "patrick") || ix_is(sc, k + 1, "patricks") ||
         ix_is(sc, k + 1, "andrew") || ix_is(sc, k + 1, "andrews") ||
         ix_is(sc, k + 1, "george") || ix_is(sc, k + 1, "georges"))) {
        size_t j = skip_poss(sc, k + 2);
        return ix_is(sc, j, "day") ? j + 1 : k;
    }
    return k;
}

/* "born on Christmas Day 2010", "DOB Boxing Day 2016": a birth on a fixed
 * holiday is a date of birth written as a name (a cue is required: "every
 * Christmas Day since 2010" is not a birth). */
static int holiday_dates(tact_scanner *sc)
{
    for (size_t k = 0; k < sc->ntoks; k++) {
        if (sc->toks[k].kind != TACT__TOK_WORD || sc->toks[k].norm_len == 0)
            continue;
        /* every holiday starts with one of these letters */
        char c0 = sc->norm.p[sc->toks[k].norm_off];
        if ((c0 != 'c' && c0 != 'x' && c0 != 'b' && c0 != 'v' && c0 != 'h' && c0 != 'g' &&
             c0 != 'n' && c0 != 's') ||
            !tact__ix_cap(sc, k))
            continue;
        size_t j = fixed_holiday(sc, k);
        if (j == k)
            continue;
        size_t s = sc->toks[k].start, e = sc->toks[j - 1].end;
        long year = -1;
        size_t j2 = j + (tact__ix_punct(sc, j, ',') ? 1 : 0);
        if (year_tok(sc, j2, &year)) {
            e = sc->toks[j2].end;
            j = j2 + 1;
        }
        if (dob_cue(sc, s, e) && !tact__ix_example_before(sc, s)) {
            int rc = tact__add(sc, s, e, TACT_TYPE_DATE_OF_BIRTH, -1, year > 0 ? 0.85f : 0.65f,
                               "date_of_birth.holiday", NULL, NULL);
            if (rc)
                return rc;
        }
        k = j - 1;
    }
    return TACT_OK;
}

/* Whether the text holds a digit, then sep, then a digit: every numeric
 * date has one (d/m/y and d/m with '/', '.' or '-'; ISO with '-'). */
static bool digit_sep_digit(const tact_scanner *sc, char sep, const ix_bytes *at)
{
    if (sc->len < 3)
        return false;
    if (at && at->all) {
        /* the sep bytes listed (ix_post): the same tests at each */
        for (size_t j = 0; j < at->n; j++) {
            size_t i = at->at[j];
            if (i >= 1 && i + 1 < sc->len && ix_digit(ix_at(sc, i - 1)) &&
                ix_digit(ix_at(sc, i + 1)))
                return true;
        }
        return false;
    }
    const char *s = sc->text, *e = sc->text + sc->len;
    for (const char *p = memchr(s + 1, sep, sc->len - 1); p;
         p = memchr(p + 1, sep, (size_t)(e - p - 1)))
        if (e - p > 1 && ix_digit((unsigned char)p[-1]) && ix_digit((unsigned char)p[1]))
            return true;
    return false;
}

int tact__ix_dates_scan(tact_scanner *sc, const ix_post *post)
{
    int rc;
    /* numeric dates start at a digit; a written date needs a day or a year
     * (ix_tok_num reads digits), a month alone is skipped; holidays are
     * words and ages are idents_ages.c's, so they always run */
    /* numeric_dates does not skip the web tokens (it can read a date in a
     * URL's query), so it needs only a digit; written_dates takes days and
     * years from number and alnum tokens (ix_tok_num), never web tokens */
    if (post->digit &&
        (digit_sep_digit(sc, '/', post->slashes) || digit_sep_digit(sc, '-', NULL) ||
         digit_sep_digit(sc, '.', post->dots)) &&
        (rc = numeric_dates(sc)) != TACT_OK)
        return rc;
    if (post->digit_out && (rc = written_dates(sc)) != TACT_OK)
        return rc;
    /* a holiday is reported only with a cue (dob_cue): a word with
     * IX_DOB_CUE, or "d.o.b" spelled with dots */
    if (((post->ixany & IX_DOB_CUE) || dob_dots(sc, post->dots)) &&
        (rc = holiday_dates(sc)) != TACT_OK)
        return rc;
    return tact__ix_ages_scan(sc, post);
}
