/*
 * conduct_cooc.c - order-free co-occurrence rules (data/conduct_cooccur.txt).
 *
 * The phrase lists learn how a thing was phrased; these rules learn what
 * kind of thing it is: "a colleague or agency, and a failing, in one
 * sentence, in any order". Each word class of the list is compiled into the
 * shared phrase matcher as a one-element pattern (group given by the
 * caller, tag = class index), so finding the classes costs one pass that
 * the matcher makes anyway. A rule is then two bit masks over the classes
 * seen in a sentence: the classes it needs and the classes that block it.
 *
 * List syntax (one item per line, '#' starts a comment line):
 *
 *     @name = word|two words|word * word|...
 *     <type> <severity>: +@a +@b [+@c] [-@blocker ...] [=@p] [!@q] [~N] [?]
 *
 * Classes are those of the phrase lists (conduct.h), at most 64 per list.
 * <type> is case_discussion, derogatory, discrimination, colleague_criticism,
 * venting, boundary or abuse; <severity> low, medium or high. A rule fires
 * on a sentence holding a match of every +class, on distinct tokens, and no
 * match of any -class; ~N limits the span from the first to the last
 * matched token to N tokens. "=@p" needs a match of p anywhere in the post
 * and "!@q" is blocked by q anywhere in the post (conduct12: "a group named
 * in one sentence, a dismissal of them in the next"); a rule with a =class
 * may need a single +class in the sentence. A "?" lets the rule speak
 * in a question put in general terms too ("Is it ok to hug a client who's
 * just been bereaved?"), where the other rules of its type stand down.
 */
#include "conduct.h"

#define COOC_MAX_CLASSES 64
#define COOC_MAX_RULES 256
#define COOC_MAX_NEED 4
#define COOC_SENT_MATCHES 256

typedef struct cooc_rule {
    uint64_t need, block;
    uint64_t post, postblock; /* classes needed / blocking anywhere in the post */
    uint8_t cls[COOC_MAX_NEED]; /* the needed classes, in the order written */
    uint8_t ncls;
    uint8_t type, sev;
    uint8_t asked; /* '?': also in a question put in general terms */
    uint16_t window; /* 0 = the whole sentence */
} cooc_rule;

#define COOC_RULE_WORDS (COOC_MAX_RULES / 64)

struct tact__cooc {
    cooc_rule *rules;
    size_t nrules;
    uint8_t group;
    /* the rules as bit sets, by the lowest class each needs (row 64: a
     * rule that needs none): a sentence tries only the rules whose lowest
     * needed class it has, in their order */
    uint64_t by_low[COOC_MAX_CLASSES + 1][COOC_RULE_WORDS];
    uint64_t lows; /* the classes some rule needs as its lowest (all: a
                    * rule needs none) */
};

/* Index of the lowest set bit of w (w != 0). */
static inline unsigned low_bit(uint64_t w)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(w);
#else
    unsigned k = 0;
    while (!(w & 1)) {
        w >>= 1;
        k++;
    }
    return k;
#endif
}

static const struct {
    const char *name;
    uint8_t type;
} cooc_types[] = {
    {"case_discussion", TACT_TYPE_CASE_DISCUSSION},
    {"abuse", TACT_TYPE_ABUSE},
    {"derogatory", TACT_TYPE_DEROGATORY},
    {"discrimination", TACT_TYPE_DISCRIMINATION},
    {"colleague_criticism", TACT_TYPE_COLLEAGUE_CRITICISM},
    {"venting", TACT_TYPE_VENTING},
    {"boundary", TACT_TYPE_BOUNDARY},
};

static const char *const cooc_sevs[] = {"low", "medium", "high"};

void tact__cooc_free(const tact__alloc *a, tact__cooc *c)
{
    if (!c)
        return;
    tact__free(a, c->rules);
    tact__free(a, c);
}

static bool name_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
}

static bool is_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r';
}

/* The word at s (letters, digits, '_'): its length. */
static size_t word_len(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && name_char(s[k]))
        k++;
    return k;
}

typedef struct cooc_names {
    const char *name[COOC_MAX_CLASSES];
    size_t len[COOC_MAX_CLASSES];
    size_t n;
} cooc_names;

static int class_index(const cooc_names *cn, const char *s, size_t n)
{
    for (size_t k = 0; k < cn->n; k++)
        if (cn->len[k] == n && memcmp(cn->name[k], s, n) == 0)
            return (int)k;
    return -1;
}

/* Parse "<type> <severity>: +@a -@b ~N" (s..t, trimmed). */
static bool parse_rule(const cooc_names *cn, const char *s, const char *t, cooc_rule *r)
{
    memset(r, 0, sizeof *r);
    size_t n = word_len(s, (size_t)(t - s));
    size_t k = 0;
    for (; k < sizeof cooc_types / sizeof cooc_types[0]; k++)
        if (strlen(cooc_types[k].name) == n && memcmp(cooc_types[k].name, s, n) == 0)
            break;
    if (k == sizeof cooc_types / sizeof cooc_types[0])
        return false;
    r->type = cooc_types[k].type;
    s += n;
    while (s < t && is_blank(*s))
        s++;
    n = word_len(s, (size_t)(t - s));
    for (k = 0; k < 3; k++)
        if (strlen(cooc_sevs[k]) == n && memcmp(cooc_sevs[k], s, n) == 0)
            break;
    if (k == 3)
        return false;
    r->sev = (uint8_t)k;
    s += n;
    if (s == t || *s != ':')
        return false;
    s++;
    while (s < t) {
        if (is_blank(*s)) {
            s++;
            continue;
        }
        char op = *s++;
        if (op == '?') {
            r->asked = 1;
            continue;
        }
        if (op == '~') {
            unsigned w = 0;
            size_t d = 0;
            while (s < t && *s >= '0' && *s <= '9' && w < 1000) {
                w = w * 10u + (unsigned)(*s++ - '0');
                d++;
            }
            if (!d || w == 0 || w >= 1000)
                return false;
            r->window = (uint16_t)w;
            continue;
        }
        if ((op != '+' && op != '-' && op != '=' && op != '!') || s == t || *s != '@')
            return false;
        s++;
        n = word_len(s, (size_t)(t - s));
        int c = class_index(cn, s, n);
        if (c < 0)
            return false;
        s += n;
        uint64_t bit = (uint64_t)1 << c;
        if (op == '=') {
            r->post |= bit;
        } else if (op == '!') {
            r->postblock |= bit;
        } else if (op == '-') {
            r->block |= bit;
        } else if (!(r->need & bit)) {
            if (r->ncls == COOC_MAX_NEED)
                return false;
            r->need |= bit;
            r->cls[r->ncls++] = (uint8_t)c;
        }
    }
    return (r->ncls >= 2 || (r->ncls == 1 && r->post)) && !(r->need & r->block) &&
           !(r->post & r->postblock) && !(r->need & r->postblock);
}

int tact__cooc_compile(const tact__alloc *a, tact__pm *pm, const char *data, size_t len,
                       uint8_t group, tact__cooc **out, size_t *bad_line)
{
    *out = NULL;
    tact__cooc *c = tact__calloc(a, 1, sizeof *c);
    if (!c)
        return TACT_ENOMEM;
    c->group = group;
    /* the classes as a phrase list: each "@x = ..." line followed by "x: @x" */
    size_t cap = 3 * len + 8 * COOC_MAX_CLASSES; /* each class line adds under 2x itself */
    char *list = tact__malloc(a, cap);
    char *names = tact__malloc(a, len + COOC_MAX_CLASSES);
    const char **tags = tact__malloc(a, COOC_MAX_CLASSES * sizeof *tags);
    cooc_names cn;
    cn.n = 0;
    int rc = TACT_OK;
    if (!list || !names || !tags || !(c->rules = tact__calloc(a, COOC_MAX_RULES, sizeof *c->rules))) {
        rc = TACT_ENOMEM;
        goto done;
    }
    size_t o = 0, no = 0, line = 0;
    /* first pass: classes; second pass: rules (they name the classes) */
    for (int pass = 0; pass < 2 && rc == TACT_OK; pass++) {
        line = 0;
        for (size_t i = 0; i < len && rc == TACT_OK;) {
            /* the line's end (memchr: the files are long, and most lines
             * are comments the passes skip) */
            const char *nl = memchr(data + i, '\n', len - i);
            size_t e = nl ? (size_t)(nl - data) : len;
            line++;
            const char *s = data + i, *t = data + e;
            i = e + 1;
            while (s < t && is_blank(*s))
                s++;
            while (t > s && is_blank(t[-1]))
                t--;
            if (s == t || *s == '#')
                continue;
            if (*s == '@') {
                if (pass)
                    continue;
                size_t n = word_len(s + 1, (size_t)(t - s - 1));
                if (n == 0 || cn.n == COOC_MAX_CLASSES || class_index(&cn, s + 1, n) >= 0 ||
                    o + (size_t)(t - s) + 2 * n + 8 > cap) {
                    rc = TACT_EMODEL;
                    *bad_line = line;
                    break;
                }
                memcpy(names + no, s + 1, n);
                names[no + n] = '\0';
                cn.name[cn.n] = names + no;
                cn.len[cn.n] = n;
                tags[cn.n] = names + no;
                cn.n++;
                no += n + 1;
                memcpy(list + o, s, (size_t)(t - s));
                o += (size_t)(t - s);
                list[o++] = '\n';
                memcpy(list + o, s + 1, n);
                o += n;
                list[o++] = ':';
                list[o++] = ' ';
                memcpy(list + o, s, n + 1);
                o += n + 1;
                list[o++] = '\n';
                continue;
            }
            if (!pass)
                continue;
            if (c->nrules == COOC_MAX_RULES || !parse_rule(&cn, s, t, &c->rules[c->nrules])) {
                rc = TACT_EMODEL;
                *bad_line = line;
                break;
            }
            c->nrules++;
        }
        if (pass == 0 && rc == TACT_OK) {
            size_t bad = 0;
            rc = tact__pm_add_list(a, pm, list, o, group, tags, cn.n, &bad);
            if (rc == TACT_EMODEL)
                *bad_line = 0; /* a class body: the phrase-list parser rejected it */
        }
    }
done:
    tact__free(a, list);
    tact__free(a, names);
    tact__free(a, tags);
    if (rc) {
        tact__cooc_free(a, c);
        return rc;
    }
    for (size_t k = 0; k < c->nrules; k++) {
        uint64_t need = c->rules[k].need;
        c->by_low[need ? low_bit(need) : COOC_MAX_CLASSES][k / 64] |= (uint64_t)1 << (k % 64);
        c->lows |= need ? need & (~need + 1) : ~(uint64_t)0;
    }
    *out = c;
    return TACT_OK;
}

/* Distance in tokens between two ranges (0 when they touch or overlap). */
static uint32_t gap_between(const tact__pm_match *x, const tact__pm_match *y)
{
    if (x->last < y->first)
        return y->first - x->last;
    if (y->last < x->first)
        return x->first - y->last;
    return 0;
}

static bool overlaps(const tact__pm_match *x, const tact__pm_match *y)
{
    return !(x->last < y->first || y->last < x->first);
}

/* The tightest span holding one match of every class the rule needs, the
 * anchor class on distinct tokens from the others; false when none fits
 * the rule's window. */
static bool tight_span(const cooc_rule *r, const tact__pm_match *m,
                       const uint32_t *idx, size_t n, uint32_t *first, uint32_t *last)
{
    uint32_t best = UINT32_MAX;
    for (size_t i = 0; i < n; i++) {
        const tact__pm_match *anchor = &m[idx[i]];
        if (anchor->tag != r->cls[0])
            continue;
        uint32_t f = anchor->first, l = anchor->last;
        bool ok = true;
        for (uint8_t k = 1; k < r->ncls && ok; k++) {
            const tact__pm_match *near = NULL;
            for (size_t j = 0; j < n; j++) {
                const tact__pm_match *x = &m[idx[j]];
                if (x->tag != r->cls[k] || overlaps(x, anchor))
                    continue;
                if (!near || gap_between(x, anchor) < gap_between(near, anchor))
                    near = x;
            }
            if (!near) {
                ok = false;
                break;
            }
            if (near->first < f)
                f = near->first;
            if (near->last > l)
                l = near->last;
        }
        if (!ok || (r->window && l - f + 1 > r->window))
            continue;
        if (l - f < best) {
            best = l - f;
            *first = f;
            *last = l;
        }
    }
    return best != UINT32_MAX;
}

#if defined(__GNUC__)
#define COOC_NOINLINE __attribute__((noinline))
#else
#define COOC_NOINLINE
#endif

/* tact__cooc_eval past its first tests (out of line: most calls end at
 * them, and without this one's frame) */
static COOC_NOINLINE int cooc_eval_sents(const tact__cooc *c, uint64_t post,
                                         const tact__pm_match *m, size_t nm,
                                         const uint32_t *sent, tact__cooc_fn fn, void *ctx)
{
    uint32_t idx[COOC_SENT_MATCHES];
    size_t i = 0;
    while (i < nm) {
        /* the class matches of one sentence (matches come in token order) */
        uint32_t s = sent[m[i].first];
        size_t n = 0;
        uint64_t seen = 0;
        for (; i < nm && sent[m[i].first] == s; i++) {
            if (m[i].group != c->group)
                continue;
            seen |= (uint64_t)1 << m[i].tag;
            if (n < COOC_SENT_MATCHES)
                idx[n++] = (uint32_t)i;
        }
        if (!seen)
            continue;
        /* the rules a sentence with these classes may fire, in order: a
         * rule needs its lowest class (the check below asks again) */
        uint64_t cand[COOC_RULE_WORDS];
        const size_t nw = (c->nrules + 63) / 64;
        for (size_t w = 0; w < nw; w++)
            cand[w] = c->by_low[COOC_MAX_CLASSES][w];
        for (uint64_t b = seen; b; b &= b - 1) {
            const uint64_t *row = c->by_low[low_bit(b)];
            for (size_t w = 0; w < nw; w++)
                cand[w] |= row[w];
        }
        for (size_t w = 0; w < nw; w++) {
            for (uint64_t bits = cand[w]; bits; bits &= bits - 1) {
                size_t k = w * 64 + low_bit(bits);
                const cooc_rule *r = &c->rules[k];
                if ((seen & r->need) != r->need || (seen & r->block) ||
                    (post & r->post) != r->post || (post & r->postblock))
                    continue;
                tact__cooc_hit hit = {r->type, r->sev, r->asked, (uint16_t)k, 0, 0};
                if (!tight_span(r, m, idx, n, &hit.first, &hit.last))
                    continue;
                int rc = fn(ctx, &hit);
                if (rc)
                    return rc;
            }
        }
    }
    return TACT_OK;
}

int tact__cooc_eval(const tact__cooc *c, uint64_t post, const tact__pm_match *m, size_t nm,
                    const uint32_t *sent, tact__cooc_fn fn, void *ctx)
{
    /* (the matches carry their pattern's group and tag; post: the classes
     * met anywhere in the post, for the =class and !class terms) */
    if (!c || !c->nrules)
        return TACT_OK;
    if (!(post & c->lows))
        return TACT_OK; /* no sentence can have a rule's lowest class */
    return cooc_eval_sents(c, post, m, nm, sent, fn, ctx);
}
