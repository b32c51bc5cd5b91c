/*
 * idents_numbers.c - NHS numbers (modulus 11), National Insurance numbers,
 * case and court reference numbers, and vehicle registrations.
 */
#include "idents.h"

bool tact__ix_nhs_valid(const char *d)
{
    int sum = 0;
    for (int k = 0; k < 9; k++) {
        if (!ix_digit((unsigned char)d[k]))
            return false;
        sum += (d[k] - '0') * (10 - k);
    }
    if (!ix_digit((unsigned char)d[9]))
        return false;
    int check = 11 - sum % 11;
    if (check == 11)
        check = 0;
    if (check == 10)
        return false;
    return check == d[9] - '0';
}

bool tact__ix_ni_prefix_valid(int a, int b)
{
    a = ix_up(a);
    b = ix_up(b);
    if (!ix_upper(a) || !ix_upper(b))
        return false;
    if (strchr("DFIQUV", a) || strchr("DFIQUVO", b))
        return false;
    static const char *const bad[] = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (bad[i][0] == a && bad[i][1] == b)
            return false;
    return true;
}

/* True when a token saying "NHS" is among the few before off. */
static bool word_before(const tact_scanner *sc, size_t off, const char *w, size_t n)
{
    size_t k = tact__ix_tok_before(sc, off);
    for (size_t m = 0; m < n && k != SIZE_MAX; m++, k--) {
        if (ix_is(sc, k, w))
            return true;
        if (k == 0)
            break;
    }
    return false;
}

static int nhs_at(tact_scanner *sc, size_t i, size_t *next)
{
    static const char *const pats[] = {"999 999 9999", "999-999-9999", "9999999999"};
    for (size_t p = 0; p < 3; p++) {
        size_t e = tact__ix_match(sc, i, pats[p]);
        if (!e || !ix_right_edge(sc, e) ||
            ((ix_at(sc, e) == '.' || ix_at(sc, e) == ',') && ix_digit(ix_at(sc, e + 1))))
            continue;
        char d[11];
        size_t nd = 0;
        for (size_t k = i; k < e; k++)
            if (ix_digit(ix_at(sc, k)))
                d[nd++] = sc->text[k];
        d[nd] = '\0';
        *next = e;
        if (!tact__ix_nhs_valid(d) || tact__ix_example_before(sc, i))
            return TACT_OK;
        bool cue = word_before(sc, i, "nhs", 4);
        if (!cue && (d[0] == '0' || tact__ix_cue_near(sc, i, e, IX_NONCASE_REF | IX_PHONE_CUE, 4, 0)))
            return TACT_OK;
        return tact__add(sc, i, e, TACT_TYPE_NHS_NUMBER, -1, cue ? 0.98f : 0.85f,
                         cue ? "nhs_number.cue" : "nhs_number.mod11", NULL, NULL);
    }
    return TACT_OK;
}

static int ni_at(tact_scanner *sc, size_t i, size_t *next)
{
    size_t e = tact__ix_match(sc, i, "LL_99_99_99");
    if (!e)
        return TACT_OK;
    bool upper = ix_upper(ix_at(sc, i)) && ix_upper(ix_at(sc, i + 1));
    bool suffix = false;
    size_t s2 = e + (ix_at(sc, e) == ' ');
    int c = ix_up(ix_at(sc, s2));
    if (c >= 'A' && c <= 'D' && ix_right_edge(sc, s2 + 1) &&
        (ix_upper(ix_at(sc, s2)) || !upper)) {
        suffix = true;
        e = s2 + 1;
    }
    if (!ix_right_edge(sc, e))
        return TACT_OK;
    *next = e;
    bool cue = word_before(sc, i, "ni", 3) || word_before(sc, i, "nino", 3) ||
               word_before(sc, i, "insurance", 3);
    bool valid = tact__ix_ni_prefix_valid(ix_at(sc, i), ix_at(sc, i + 1));
    if (tact__ix_example_before(sc, i) && !cue)
        return TACT_OK;
    float conf;
    const char *rule = "ni_number.format";
    if (valid && upper)
        conf = suffix ? 0.93f : 0.7f;
    else if (cue)
        conf = 0.6f, rule = "ni_number.cue";
    else
        return TACT_OK;
    if (cue && valid)
        conf += 0.05f;
    if (!suffix && !cue && !valid)
        return TACT_OK;
    return tact__add(sc, i, e, TACT_TYPE_NI_NUMBER, -1, conf, rule, NULL, NULL);
}

/* Family court case numbers: two letters, two digits, a letter, five digits. */
static int court_at(tact_scanner *sc, size_t i, size_t *next)
{
    size_t e = tact__ix_match(sc, i, "AA99A99999");
    if (!e || !ix_right_edge(sc, e))
        return TACT_OK;
    *next = e;
    return tact__add(sc, i, e, TACT_TYPE_CASE_REFERENCE, -1, 0.9f, "case_reference.court", NULL,
                     NULL);
}

static bool vehicle_age_ok(int a, int b)
{
    int n = (a - '0') * 10 + (b - '0');
    return (n >= 2 && n <= 29) || (n >= 51 && n <= 79);
}

static int vehicle_at(tact_scanner *sc, size_t i, size_t *next)
{
    size_t e;
    bool current = false;
    if ((e = tact__ix_match(sc, i, "AA99_AAA")) && ix_right_edge(sc, e)) {
        if (strchr("IQZ", ix_at(sc, i)) || !vehicle_age_ok(ix_at(sc, i + 2), ix_at(sc, i + 3)))
            return TACT_OK;
        current = true;
    } else if (!(((e = tact__ix_match(sc, i, "A999_AAA")) || (e = tact__ix_match(sc, i, "A99_AAA")) ||
                  (e = tact__ix_match(sc, i, "A9_AAA")) || (e = tact__ix_match(sc, i, "AAA_999A")) ||
                  (e = tact__ix_match(sc, i, "AAA_99A")) || (e = tact__ix_match(sc, i, "AAA_9A"))) &&
                 ix_right_edge(sc, e))) {
        return TACT_OK;
    }
    bool cue = tact__ix_cue_near(sc, i, e, IX_VEHICLE, 6, 4);
    if (!current && !cue)
        return TACT_OK;
    *next = e;
    return tact__add(sc, i, e, TACT_TYPE_VEHICLE_REGISTRATION, -1,
                     current ? (cue ? 0.92f : 0.75f) : 0.7f,
                     current ? "vehicle_registration.current" : "vehicle_registration.older", NULL,
                     NULL);
}

/*
 * Code-like references: ASC/3391/KT, CP-2024-0113, LA/7781. Upper-case
 * letter groups (1-5) and digit groups joined by one kind of separator, '/'
 * or '-', starting with letters. Kept when a case or ref cue is just before,
 * when the digits come to 5 or more, or in the letters/digits/letters shape.
 * Dates, fractions and "24/7" start with digits and never match here.
 */
static bool strong_case_cue(const tact_scanner *sc, size_t k);

static bool code_prefix_skipped(const tact_scanner *sc, size_t i, size_t n)
{
    static const char *const skip[] = {"ISO", "IEC", "COVID", "SARS", "JAN", "FEB", "MAR", "APR",
                                       "MAY", "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT", "NOV",
                                       "DEC", "KS", "Y", "V", "VER", "MK", "GMT", "UTC", "BST"};
    for (size_t a = 0; a < sizeof skip / sizeof skip[0]; a++)
        if (strlen(skip[a]) == n && memcmp(sc->text + i, skip[a], n) == 0)
            return true;
    return false;
}

static int code_ref_at(tact_scanner *sc, size_t i, size_t *next)
{
    size_t p = i;
    while (ix_upper(ix_at(sc, p)) && p - i < 6)
        p++;
    size_t nl = p - i;
    int sep = ix_at(sc, p);
    if (nl < 1 || nl > 5 || (sep != '/' && sep != '-') || !ix_digit(ix_at(sc, p + 1)) ||
        code_prefix_skipped(sc, i, nl))
        return TACT_OK;
    size_t groups = 1, digits = 0, e = p;
    bool lettered_tail = false;
    while (ix_at(sc, e) == sep) {
        size_t q = e + 1, r = q;
        if (ix_digit(ix_at(sc, q))) {
            while (ix_digit(ix_at(sc, r)))
                r++;
            digits += r - q;
        } else if (ix_upper(ix_at(sc, q))) {
            while (ix_upper(ix_at(sc, r)))
                r++;
            if (r - q > 5)
                break;
            lettered_tail = true;
        }
        if (r == q || ix_alnum(ix_at(sc, r)))
            break; /* a mixed group: not this shape */
        e = r;
        groups++;
    }
    if (groups < 2 || !ix_right_edge(sc, e) || digits < 3 || digits > 12 ||
        (ix_at(sc, e) == '.' && ix_digit(ix_at(sc, e + 1))))
        return TACT_OK;
    *next = e;
    if (tact__ix_example_before(sc, i) || tact__ix_cue_near(sc, i, e, IX_NONCASE_REF, 4, 0))
        return TACT_OK;
    /* the cue must lead straight to the code: "ref: LA/7781", "case no LA/7781" */
    bool cue = false, strong = false;
    size_t k = tact__ix_tok_before(sc, i);
    for (size_t m = 0; m < 3 && k != SIZE_MAX && !cue; m++, k--) {
        cue = (tact__ix_bits(sc, k) & IX_CASE_CUE) != 0;
        strong = cue && strong_case_cue(sc, k);
        /* "case ref CH-2231-77": the word before a weak cue may be strong */
        if (cue && !strong && k > 0 && strong_case_cue(sc, k - 1))
            strong = true;
        if (!cue && !(sc->toks[k].kind == TACT__TOK_PUNCT
                          ? tact__ix_punct(sc, k, ':') || tact__ix_punct(sc, k, '#')
                          : ix_is(sc, k, "no") || ix_is(sc, k, "number") || ix_is(sc, k, "is")))
            break;
        if (k == 0)
            break;
    }
    /* a weak cue ("ref SAR/2024/018", "ref E-77213") with a code of four
     * digits or more is still a reference; a longer letter prefix is an
     * organisation's publication or guidance code ("ref NICE-..."), not a case */
    if ((cue && !strong && (digits < 4 || nl > 3)) ||
        (!cue && (nl < 2 || (digits < 5 && !(lettered_tail && groups >= 3)))))
        return TACT_OK;
    /* a weak cue ("ref", "id") says less than a case cue ("case", "mosaic") */
    return tact__add(sc, i, e, TACT_TYPE_CASE_REFERENCE, -1,
                     cue ? (strong ? 0.9f : 0.65f) : 0.8f,
                     cue ? "case_reference.code_cue" : "case_reference.code", NULL, NULL);
}

/* Words that may sit between a case cue and its number. */
static bool filler(const tact_scanner *sc, size_t k)
{
    const tact__token *t = &sc->toks[k];
    if (t->kind == TACT__TOK_PUNCT)
        return tact__ix_punct(sc, k, ':') || tact__ix_punct(sc, k, '#') ||
               tact__ix_punct(sc, k, '.') || tact__ix_punct(sc, k, '-');
    return ix_is(sc, k, "no") || ix_is(sc, k, "number") ||
           ix_is(sc, k, "num") || ix_is(sc, k, "ref") ||
           ix_is(sc, k, "reference") || ix_is(sc, k, "id") ||
           ix_is(sc, k, "is") || ix_is(sc, k, "nos") ||
           (tact__ix_bits(sc, k) & IX_CASE_CUE);
}

static bool strong_case_cue(const tact_scanner *sc, size_t k)
{
    return (tact__ix_bits(sc, k) & IX_CASE_CUE) && !ix_is(sc, k, "ref") &&
           !ix_is(sc, k, "reference") && !ix_is(sc, k, "id") &&
           !ix_is(sc, k, "file") && !ix_is(sc, k, "record") &&
           !ix_is(sc, k, "client");
}

/* True when a word of booking a place at an event ("booked", "tickets",
 * "conference", "webinar") comes within a dozen tokens before token k, on
 * the same line (not "hearing", "meeting": a case has those). */
static bool booking_before(const tact_scanner *sc, size_t k)
{
    static const char *const words[] = {"booked", "booking", "conference", "webinar", "ticket",
                                        "tickets", "festival", "gig", "seminar", "summit",
                                        "workshop", "course", "registered", "registration",
                                        NULL};
    for (size_t m = 0; m < 12 && k > 0; m++) {
        if (sc->toks[k].shape & TACT__SH_LINE_START)
            break;
        k--;
        for (size_t w = 0; words[w]; w++)
            if (tact__tok_is(sc, k, words[w]))
                return true;
    }
    return false;
}

static int case_refs(tact_scanner *sc)
{
    for (size_t k = 0; k < sc->ntoks; k++) {
        if (!(tact__ix_bits(sc, k) & IX_CASE_CUE))
            continue;
        /* a booking or order reference is not a case: the word up to six
         * words back in the sentence ("Flight to Belfast ref", "Paid off our
         * summer holiday at last, ref ...") */
        bool booking = false;
        for (size_t m = 1; m <= 6 && m <= k && !booking; m++) {
            booking = (tact__ix_bits(sc, k - m) & IX_NONCASE_REF) != 0;
            if (sc->toks[k - m].shape & TACT__SH_SENT_START)
                break;
        }
        if (booking)
            continue;
        bool strong = strong_case_cue(sc, k);
        size_t j = k + 1, lim = k + 5;
        while (j < sc->ntoks && j < lim && filler(sc, j)) {
            strong = strong || strong_case_cue(sc, j);
            j++;
        }
        if (j >= sc->ntoks)
            continue;
        const tact__token *t = &sc->toks[j];
        if (t->kind != TACT__TOK_NUMBER && t->kind != TACT__TOK_ALNUM)
            continue;
        if (t->kind == TACT__TOK_ALNUM && t->norm_len > 2 &&
            (ix_is(sc, j, "am") || ix_is(sc, j, "pm")))
            continue;
        /* the number may continue in groups: 402 118 7351, 12/3456, AB-1234,
         * 2024/ML/1183, 2023-CP-0098 (a joined group may be letters) */
        size_t end = t->end, m = j + 1;
        while (m < sc->ntoks) {
            if (sc->toks[m].kind == TACT__TOK_NUMBER) {
                if (sc->toks[m].start > end + 1 || ix_at(sc, end) != ' ')
                    break;
                end = sc->toks[m].end;
                m++;
                continue;
            }
            if (m + 1 < sc->ntoks && (tact__ix_punct(sc, m, '/') || tact__ix_punct(sc, m, '-')) &&
                sc->toks[m].start == end && sc->toks[m + 1].start == sc->toks[m].end &&
                (sc->toks[m + 1].kind == TACT__TOK_NUMBER || sc->toks[m + 1].kind == TACT__TOK_ALNUM ||
                 (sc->toks[m + 1].kind == TACT__TOK_WORD && (sc->toks[m + 1].shape & TACT__SH_ALLCAP) &&
                  sc->toks[m + 1].end - sc->toks[m + 1].start <= 5))) {
                end = sc->toks[m + 1].end;
                m += 2;
                continue;
            }
            break;
        }
        size_t nd = 0;
        for (size_t b = t->start; b < end; b++)
            nd += ix_digit(ix_at(sc, b));
        if (nd < 4 || tact__ix_example_before(sc, t->start))
            continue;
        /* "booked on the conference ... ref 123 456": a bare "ref" in a
         * sentence about an event or a booking is the booking's */
        if (!strong && booking_before(sc, k))
            continue;
        int rc = tact__add(sc, t->start, end, TACT_TYPE_CASE_REFERENCE, -1, strong ? 0.9f : 0.65f,
                           strong ? "case_reference.cue" : "case_reference.ref", NULL, NULL);
        if (rc)
            return rc;
        k = m - 1;
    }
    return TACT_OK;
}

int tact__ix_numbers_scan(tact_scanner *sc, const ix_post *post)
{
    size_t i = 0, cur = 0;
    /* every shape of this loop holds a digit (a digit first, or one in the
     * first seven bytes): without one in the post it finds nothing. The
     * loop starts only outside the web tokens, at a digit, or at letters
     * followed by digits directly (outside too: see ix_post) or after a
     * space, '/' or '-' (where only an email could start, which digit_out
     * counts); case_refs reads digits of number and alnum tokens only. So
     * without digit_out neither part finds anything. */
    if (!post->digit_out)
        return TACT_OK;
    while (i < sc->len) {
        int c = ix_at(sc, i);
        size_t next = i + 1;
        int rc = TACT_OK;
        /* (a word without a digit in its first seven bytes starts nothing:
         * see below; it is passed over whole, as there) */
        if (!ix_alnum(c) || !ix_left_edge(sc, i) ||
            (!ix_digit(c) && !ix_digit(ix_at(sc, i + 1)) && !ix_digit(ix_at(sc, i + 2)) &&
             !ix_digit(ix_at(sc, i + 3)) && !ix_digit(ix_at(sc, i + 4)) &&
             !ix_digit(ix_at(sc, i + 5)) && !ix_digit(ix_at(sc, i + 6))) ||
            ix_in_web_c(sc, &cur, i)) {
            i++;
            /* the rest of a word or number: an alnum byte after c is no
             * left edge, so none of them starts anything */
            if (ix_alnum(c))
                while (ix_alnum(ix_at(sc, i)))
                    i++;
            /* speed17: and the positions whose bytes up to six after hold
             * no digit (none starts anything, see above): every 8 bytes
             * from i that ix_skip_none_between steps over hold none, so
             * every position before j - 6 is such. Landing inside a word
             * changes nothing: a byte after an alnum byte is no left edge
             * and is passed over as in the walk byte by byte, which visits
             * every left edge there is, as this one does */
            size_t j = ix_skip_none_between(sc, i, '0' - 1, '9' + 1);
            if (j > i + 6)
                i = j - 6;
            continue;
        }
        if (ix_digit(c)) {
            rc = nhs_at(sc, i, &next);
        } else if (ix_digit(ix_at(sc, i + 1)) || ix_digit(ix_at(sc, i + 2)) ||
                   ix_digit(ix_at(sc, i + 3)) || ix_digit(ix_at(sc, i + 4)) ||
                   ix_digit(ix_at(sc, i + 5)) || ix_digit(ix_at(sc, i + 6))) {
            /* every letter-first shape (NI, court, vehicle, code refs) has a
             * digit within its first seven bytes: a word without one is skipped */
            size_t n1 = next, n2 = next, n3 = next;
            size_t n4 = next;
            if ((rc = ni_at(sc, i, &n1)) == TACT_OK && (rc = court_at(sc, i, &n2)) == TACT_OK &&
                (rc = vehicle_at(sc, i, &n3)) == TACT_OK)
                rc = code_ref_at(sc, i, &n4);
            next = n1 > next ? n1 : (n2 > next ? n2 : (n3 > next ? n3 : n4));
        }
        if (rc)
            return rc;
        /* move to the end of this word or number */
        if (next == i + 1)
            while (next < sc->len && ix_alnum(ix_at(sc, next)))
                next++;
        i = next;
    }
    /* every case reference follows a word with IX_CASE_CUE */
    return (post->ixany & IX_CASE_CUE) ? case_refs(sc) : TACT_OK;
}
