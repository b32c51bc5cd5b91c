/*
 * idents_phone.c - telephone numbers: UK mobiles and landlines in any common
 * spacing, +44 / 0044 / (0) forms, and international numbers with a country
 * code. A hand-written scanner collects digit groups, then the longest run
 * of groups that forms a valid number wins. Times, prices, years, scores,
 * version numbers and sort codes never start with 0 or + and the right
 * length, so they fall out of the grammar.
 */
#include "idents.h"

#define MAXG 8
#define MAXD 20

typedef struct run {
    size_t start;
    bool plus;           /* started with + */
    size_t ngroups;
    size_t gend[MAXG];   /* byte end of each group */
    size_t gnd[MAXG];    /* digits so far at the end of each group */
    char d[MAXD + 1];
    size_t nd;
    size_t trunk_at;     /* digit index of a "(0)" trunk prefix, or SIZE_MAX */
} run;

static bool is_sep(int c)
{
    return c == ' ' || c == '-' || c == '.';
}

/* Collect digit groups from i. Returns false when nothing usable starts. */
static bool collect(const tact_scanner *sc, size_t i, run *r)
{
    memset(r, 0, sizeof *r);
    r->start = i;
    r->trunk_at = SIZE_MAX;
    size_t p = i;
    if (ix_at(sc, p) == '+') {
        r->plus = true;
        p++;
    }
    bool in_group = false;
    while (p < sc->len && r->ngroups < MAXG) {
        int c = ix_at(sc, p);
        if (ix_digit(c)) {
            if (r->nd == MAXD)
                return r->ngroups > 0;
            r->d[r->nd++] = (char)c;
            in_group = true;
            p++;
            continue;
        }
        if (in_group) {
            r->gend[r->ngroups] = p;
            r->gnd[r->ngroups] = r->nd;
            r->ngroups++;
            in_group = false;
        }
        /* "(0)" trunk prefix after a country code */
        if (c == '(' && ix_at(sc, p + 1) == '0' && ix_at(sc, p + 2) == ')' && r->nd > 0) {
            r->trunk_at = r->nd;
            p += 3;
            if (ix_at(sc, p) == ' ')
                p++;
            continue;
        }
        if (c == '(' && (ix_digit(ix_at(sc, p + 1)) || ix_at(sc, p + 1) == '+')) {
            p++;
            continue;
        }
        if (c == ')' && r->nd > 0) {
            p++;
            if (ix_at(sc, p) == ' ' || ix_at(sc, p) == '-')
                p++;
            continue;
        }
        /* one separator, or " - " */
        if (is_sep(c)) {
            size_t q = p + 1;
            if (c == ' ' && ix_at(sc, q) == '-' && ix_at(sc, q + 1) == ' ')
                q += 2;
            int nx = ix_at(sc, q);
            if (ix_digit(nx) || (nx == '(' && ix_digit(ix_at(sc, q + 1)))) {
                p = q;
                continue;
            }
        }
        break;
    }
    if (in_group && r->ngroups < MAXG) {
        r->gend[r->ngroups] = p;
        r->gnd[r->ngroups] = r->nd;
        r->ngroups++;
    }
    return r->ngroups > 0;
}

enum kind { K_NONE, K_MOBILE, K_LANDLINE, K_NONGEO, K_INTL, K_BARE10 };

/* Classify the first nd digits of r. */
static enum kind classify(const run *r, size_t nd)
{
    char nat[MAXD + 2];
    size_t nn = 0;
    const char *d = r->d;
    size_t k = 0;
    bool intl = r->plus;
    if (!intl && nd >= 2 && d[0] == '0' && d[1] == '0') {
        intl = true;
        k = 2;
    }
    if (intl) {
        if (nd - k >= 2 && d[k] == '4' && d[k + 1] == '4') {
            k += 2;
            nat[nn++] = '0';
            if (k < nd && d[k] == '0') /* +44 07700: a stray trunk zero */
                k++;
        } else {
            size_t n = nd - k;
            return (n >= 8 && n <= 15 && d[k] != '0') ? K_INTL : K_NONE;
        }
    }
    for (; k < nd; k++)
        nat[nn++] = d[k];
    nat[nn] = '\0';
    if (nat[0] != '0') {
        return (!intl && nn == 10) ? K_BARE10 : K_NONE;
    }
    if (nn < 2)
        return K_NONE;
    switch (nat[1]) {
    case '7':
        return nn == 11 ? K_MOBILE : K_NONE;
    case '1':
    case '2':
        return (nn == 11 || nn == 10) ? K_LANDLINE : K_NONE;
    case '3':
    case '5':
    case '9':
        return nn == 11 ? K_NONGEO : K_NONE;
    case '8':
        return (nn == 11 || nn == 10) ? K_NONGEO : K_NONE;
    default:
        return K_NONE;
    }
}

/* True when a charity, brand or public body (or an all-capitals acronym:
 * NSPCC) is among the few words before off. */
static bool brand_before(const tact_scanner *sc, size_t off)
{
    size_t k = tact__ix_tok_before(sc, off);
    for (size_t m = 0; m < 6 && k != SIZE_MAX; m++, k--) {
        const tact__token *t = &sc->toks[k];
        /* "whatsapp 0300 ...": a messaging app is a way to reach a person */
        if (t->kind == TACT__TOK_WORD && !(tact__ix_bits(sc, k) & IX_PHONE_CUE) &&
            ((t->lex & (TACT__LX_BRAND | TACT__LX_PUBLIC)) ||
             ((t->shape & TACT__SH_ALLCAP) && t->end - t->start >= 3)))
            return true;
        if ((t->shape & TACT__SH_SENT_START) || k == 0)
            break;
    }
    return false;
}

/* True when the words before off, in its sentence, say whose number it is:
 * the author ("ring me on", "my work number is") or someone else ("her
 * landline is", "Mandy's new number is", "ring the mum on"). A landline
 * with none of these ("call the scheme on", "Info: ... or 0161 ...",
 * "Call 0117 ... if you see her!") is an organisation's or a notice's
 * line (phone.org_line, low, takes no part in the verdict): on the read
 * suites 10 of the 11 posts with one are ok, the other review. */
static bool owner_before(const tact_scanner *sc, size_t off)
{
    static const char *const who[] = {"me", "my", "mine", "i", "i'm", "her", "his", "their",
                                      "him", "them", "hers", "she", "he", "she's", "he's"};
    size_t k = tact__ix_tok_before(sc, off);
    for (size_t m = 0; m < 16 && k != SIZE_MAX; m++, k--) {
        const tact__token *t = &sc->toks[k];
        if (t->kind == TACT__TOK_POSS || (t->lex & (TACT__LX_KIN | TACT__LX_TITLE)) ||
            ((t->lex & TACT__LX_FIRST) &&
             !(t->lex & (TACT__LX_DICT | TACT__LX_PLACE | TACT__LX_BIGPLACE)) &&
             (t->shape & TACT__SH_INITCAP)))
            return true;
        for (size_t w = 0; t->kind == TACT__TOK_WORD && w < sizeof who / sizeof who[0]; w++)
            if (ix_is(sc, k, who[w]))
                return true;
        if ((t->shape & TACT__SH_SENT_START) || k == 0)
            break;
    }
    return false;
}

static int report(tact_scanner *sc, size_t s, size_t e, enum kind k)
{
    if (tact__ix_example_before(sc, s))
        return TACT_OK;
    bool cue = tact__ix_cue_near(sc, s, e, IX_PHONE_CUE, 5, 2);
    bool noncase = tact__ix_cue_near(sc, s, e, IX_NONCASE_REF, 3, 0);
    float conf;
    const char *rule;
    switch (k) {
    case K_MOBILE: conf = 0.92f; rule = "phone.uk_mobile"; break;
    case K_LANDLINE: conf = 0.85f; rule = "phone.uk_landline"; break;
    case K_NONGEO: conf = 0.75f; rule = "phone.uk_nongeographic"; break;
    case K_INTL: conf = 0.8f; rule = "phone.international"; break;
    case K_BARE10:
        /* 555 123 4567: only as a phone when something says it is one */
        if (!cue || noncase)
            return TACT_OK;
        conf = 0.6f;
        rule = "phone.cue";
        break;
    default: return TACT_OK;
    }
    if (noncase && k != K_MOBILE)
        return TACT_OK;
    /* "NSPCC helpline 0808 800 5000", "Samaritans free on 0800 ...": a
     * freephone or 03 number with a helpline word or a charity's name is
     * an organisation's line, not a person's */
    if (k == K_NONGEO && (tact__ix_cue_near(sc, s, e, IX_HELPLINE, 6, 3) || brand_before(sc, s)))
        return TACT_OK;
    if (cue)
        conf += 0.06f;
    if (k == K_LANDLINE && !owner_before(sc, s))
        return tact__add(sc, s, e, TACT_TYPE_PHONE, TACT_SEV_LOW, conf, "phone.org_line",
                         "This landline reads as an organisation's or a notice's number (nothing "
                         "says it is a person's): check it is not a service user's.",
                         NULL);
    return tact__add(sc, s, e, TACT_TYPE_PHONE, -1, conf, rule, NULL, NULL);
}

int tact__ix_phone_scan(tact_scanner *sc, const ix_post *post)
{
    size_t i = 0, cur = 0;
    /* a number starts at a digit, or at '+' or '(' before one (or "(+"),
     * at a byte outside the web tokens: its first digit is that byte, or
     * one just after '+' or '(', which only an email can start with (see
     * ix_post): without digit_out nothing can start */
    if (!post->digit_out)
        return TACT_OK;
    while (i < sc->len) {
        int c = ix_at(sc, i);
        bool start = false;
        if (c == '+' && ix_digit(ix_at(sc, i + 1)))
            start = ix_left_edge(sc, i);
        else if (c == '(' && (ix_digit(ix_at(sc, i + 1)) || ix_at(sc, i + 1) == '+'))
            start = ix_left_edge(sc, i);
        else if (ix_digit(c))
            start = ix_left_edge(sc, i) && (i == 0 || (ix_at(sc, i - 1) != '.' &&
                                                       ix_at(sc, i - 1) != ',' &&
                                                       ix_at(sc, i - 1) != '-' &&
                                                       ix_at(sc, i - 1) != '/' &&
                                                       ix_at(sc, i - 1) != ':' &&
                                                       ix_at(sc, i - 1) != '$'));
        if (!start || ix_in_web_c(sc, &cur, i)) {
            i++;
            /* and every 8 bytes with no '(', '+' or digit (no start) */
            if (!ix_digit(c))
                i = ix_skip_none_between(sc, i, '(' - 1, '9' + 1);
            continue;
        }
        run r;
        if (!collect(sc, i, &r)) {
            i++;
            continue;
        }
        size_t s = c == '(' ? i : r.start;
        /* "ISBN 978 0 19 ...": a lone digit does not start a number */
        bool lone = !r.plus && r.gnd[0] < 2, done = false;
        for (size_t g = r.ngroups; g > 0 && !done && !lone; g--) {
            size_t e = r.gend[g - 1];
            /* the number must end cleanly: not glued to letters, not "1,234" */
            int nx = ix_at(sc, e);
            if (!ix_right_edge(sc, e) || (nx == ',' && ix_digit(ix_at(sc, e + 1))) ||
                (nx == '/' && ix_digit(ix_at(sc, e + 1))) ||
                (nx == '.' && ix_digit(ix_at(sc, e + 1)) && g == r.ngroups))
                continue;
            if (ix_at(sc, e) == ')' && c == '(')
                e++;
            enum kind k = classify(&r, r.gnd[g - 1]);
            if (k == K_NONE)
                continue;
            int rc = report(sc, s, e, k);
            if (rc)
                return rc;
            i = e;
            done = true;
        }
        if (!done) {
            /* a number may start at a later group: "room 4 07700 900461" */
            i = r.gend[0] > i ? r.gend[0] : i + 1;
        }
    }
    return TACT_OK;
}
