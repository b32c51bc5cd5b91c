/*
 * idents_postcode.c - UK postcodes: the full grammar (outward codes A9, A99,
 * A9A, AA9, AA99, AA9A against the list of real postcode areas, inward code
 * 9AA with the letters Royal Mail uses, GIR 0AA), with or without the space
 * and in lower case; and outward codes alone ("lives in M14") when a cue
 * says they are a place.
 */
#include "idents.h"

/* The postcode areas of the UK, Channel Islands and Isle of Man. */
static const char areas[] =
    " AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN"
    " DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA"
    " LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG"
    " SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE ";

void tact__ix_postcode_compile(tact__idents *ix)
{
    memset(ix->pc_area, 0, sizeof ix->pc_area);
    for (size_t i = 0; areas[i]; i++) {
        if (areas[i] == ' ' || (i > 0 && areas[i - 1] != ' '))
            continue;
        int a = areas[i] - 'A', b = areas[i + 1];
        if (a < 0 || a >= 26)
            continue;
        if (b == ' ')
            ix->pc_area[a] |= 1u << 26;
        else if (b >= 'A' && b <= 'Z')
            ix->pc_area[a] |= 1u << (b - 'A');
    }
}

/* a: an upper-case letter; b: an upper-case letter, or 0 for a one-letter
 * area. Called at every word start: a table lookup, not a string search. */
static bool area_ok(const tact_scanner *sc, int a, int b)
{
    const tact__idents *ix = sc->rs->idents;
    if (!ix) {
        char key[5] = {' ', (char)a, (char)(b ? b : ' '), b ? ' ' : '\0', '\0'};
        return strstr(areas, key) != NULL;
    }
    if (a < 'A' || a > 'Z')
        return false;
    if (!b)
        return (ix->pc_area[a - 'A'] >> 26) & 1u;
    if (b < 'A' || b > 'Z')
        return false;
    return (ix->pc_area[a - 'A'] >> (b - 'A')) & 1u;
}

static bool inward_letter(int c)
{
    return c && strchr("ABDEFGHJLNPQRSTUWXYZ", c) != NULL;
}

/*
 * Parse an outward code at i. Returns its end or 0. *upper is set when it
 * was written in capitals.
 */
static size_t outward(const tact_scanner *sc, size_t i, bool *upper)
{
    int a = ix_at(sc, i), b = ix_at(sc, i + 1);
    if (!ix_alpha(a))
        return 0;
    *upper = ix_upper(a);
    size_t p;
    int A = ix_up(a), B = ix_up(b);
    if (ix_alpha(b) && area_ok(sc, A, B) && (ix_upper(b) == *upper)) {
        p = i + 2;
    } else if (ix_digit(b) && area_ok(sc, A, 0)) {
        p = i + 1;
    } else {
        return 0;
    }
    size_t areal = p - i;
    if (!ix_digit(ix_at(sc, p)))
        return 0;
    p++;
    int c = ix_at(sc, p);
    if (ix_digit(c)) {
        p++;
    } else if (ix_alpha(c) && ix_upper(c) == *upper) {
        /* A9A takes ABCDEFGHJKPSTUW, AA9A takes ABEHMNPRVWXY */
        const char *ok = areal == 1 ? "ABCDEFGHJKPSTUW" : "ABEHMNPRVWXY";
        if (!strchr(ok, ix_up(c)))
            return 0;
        p++;
    }
    return p;
}

static size_t inward(const tact_scanner *sc, size_t p, bool upper)
{
    if (!ix_digit(ix_at(sc, p)))
        return 0;
    int x = ix_at(sc, p + 1), y = ix_at(sc, p + 2);
    if (!ix_alpha(x) || !ix_alpha(y) || ix_upper(x) != upper || ix_upper(y) != upper)
        return 0;
    if (!inward_letter(ix_up(x)) || !inward_letter(ix_up(y)))
        return 0;
    return p + 3;
}

static bool outward_cue(const tact_scanner *sc, size_t s, size_t e)
{
    size_t k = tact__ix_tok_before(sc, s);
    size_t j = tact__tok_after(sc, e);
    if (j < sc->ntoks && (ix_is(sc, j, "area") || ix_is(sc, j, "postcode") ||
                          ix_is(sc, j, "postcodes") || ix_is(sc, j, "district")))
        return true;
    if (k == SIZE_MAX || ix_is(sc, k, "the"))
        return false;
    /* "Postcode of the day: LS9 7 something" (thirtieth session) */
    if (tact__ix_punct(sc, k, ':') && k > 0) {
        for (size_t m = k; m-- > 0 && m + 6 > k;) {
            if (ix_is(sc, m, "lottery")) /* "my postcode lottery rant: M62 ..." */
                return false;
            if (ix_is(sc, m, "postcode") || ix_is(sc, m, "postcodes"))
                return !ix_is(sc, m + 1, "lottery");
        }
    }
    /* "22 Kelvin Grove, NE2", "Jesmond, NE2": the end of an address */
    if (tact__ix_punct(sc, k, ',') && k > 0 &&
        (sc->toks[k - 1].lex & (TACT__LX_STREET | TACT__LX_PLACE)))
        return true;
    static const char *const before[] = {"in", "lives", "from", "near", "around", "postcode",
                                         "to", "at", "live", "living", "moved", "round"};
    for (size_t m = 0; m < sizeof before / sizeof before[0]; m++)
        if (ix_is(sc, k, before[m]))
            return true;
    return false;
}

int tact__ix_postcode_scan(tact_scanner *sc, const ix_post *post)
{
    size_t i = 0, cur = 0;
    /* every outward code holds a digit (outward), and so does GIR 0AA. A
     * code starts outside the web tokens and reaches its outward digit
     * through letters only, so that digit is outside them too; the 0 of
     * "GIR 0AA" may start an email, which digit_out counts (see ix_post) */
    if (!post->digit_out)
        return TACT_OK;
    while (i < sc->len) {
        int c = ix_at(sc, i);
        /* (an outward code has a digit second or third, see outward; GIR 0AA
         * starts with 'G': a word with neither is passed over whole, as
         * below when outward finds nothing) */
        if (!ix_alpha(c) || !ix_left_edge(sc, i) ||
            (c != 'G' && !ix_digit(ix_at(sc, i + 1)) && !ix_digit(ix_at(sc, i + 2))) ||
            ix_in_web_c(sc, &cur, i)) {
            i++;
            /* the rest of a word or number: an alnum byte after c is no
             * left edge, so none of them starts a code */
            if (ix_alnum(c))
                while (ix_alnum(ix_at(sc, i)))
                    i++;
            /* speed17: a code at i has a digit within four bytes after i
             * (outward: second or third; "GIR 0AA": fourth or fifth), so
             * no position before j - 4 starts one, j from the 8-byte steps
             * over bytes without a digit. Landing inside a word changes
             * nothing: a byte after an alnum byte is no left edge and is
             * passed over as in the walk byte by byte */
            size_t j = ix_skip_none_between(sc, i, '0' - 1, '9' + 1);
            if (j > i + 4)
                i = j - 4;
            continue;
        }
        size_t e = c == 'G' ? tact__ix_match(sc, i, "GIR_0AA") : 0;
        if (e && ix_right_edge(sc, e)) {
            int rc = tact__add(sc, i, e, TACT_TYPE_POSTCODE, -1, 0.9f, "postcode.full", NULL, NULL);
            if (rc)
                return rc;
            i = e;
            continue;
        }
        bool upper = false;
        size_t o = outward(sc, i, &upper);
        if (o) {
            size_t p = o;
            while (ix_at(sc, p) == ' ' && p < o + 2)
                p++;
            size_t in = inward(sc, p, upper);
            /* without a space, the split must leave a valid outward code:
             * "BS79EL" is BS7 9EL */
            if (!in && p == o && ix_digit(ix_at(sc, o - 1)) && o - i >= 3) {
                in = inward(sc, o - 1, upper);
                if (in && o - 1 - i < 2)
                    in = 0;
            }
            int rc = TACT_OK;
            if (in && ix_right_edge(sc, in)) {
                rc = tact__add(sc, i, in, TACT_TYPE_POSTCODE, -1, upper ? 0.95f : 0.8f,
                               "postcode.full", NULL, NULL);
                i = in;
            } else if (upper && ix_right_edge(sc, o) && outward_cue(sc, i, o)) {
                rc = tact__add(sc, i, o, TACT_TYPE_POSTCODE, -1, 0.7f, "postcode.outward", NULL,
                               NULL);
                i = o;
            } else {
                i = o;
            }
            if (rc)
                return rc;
            continue;
        }
        while (i < sc->len && ix_alnum(ix_at(sc, i)))
            i++;
    }
    return TACT_OK;
}
