/*
 * verdict_model.c - the whole-post reading: a learned second look at a post
 * the rules sent for review or blocked.
 *
 * The rules (verdict.c) weigh findings one at a time. Many of the posts
 * they send for review are, read as a whole, either plainly someone's own
 * life or talk about the work in general (a town, a friend's name, a
 * conference), or plainly a case or a breach the rules caught only in part.
 * This model reads the post as a whole: a softmax over ok, review and block
 * from features of the rules' verdict and reason, the findings (types,
 * rules, which drove the verdict, whether they are the author's own), the
 * post's length, its words and pairs of words. It settles a review: to ok
 * when it gives ok a probability of at least the model's "review-ok"
 * threshold, to block when it gives block at least "review-block". It
 * softens a block to a review when it gives ok at least "block-review" (the
 * rules' block on the author's own life, a notice or training: their
 * commonest false alarm), unless an identifier that is never the author's
 * to share, or abuse, drove the block (hard_drives). It never turns a block
 * into an ok (an unsafe pass is the worst error) and never raises an ok
 * (the rules found nothing to explain).
 *
 * Trained by tools/train-verdict.py on the team's own scenario suites (the
 * readable ones; never the dev suite), with features printed by the
 * library's own function (tools/verdict-features.c) so that trainer and
 * scorer cannot drift. Provenance and figures: data/models/verdict.md.
 *
 * data/models/verdict.tsv: lines of "#" comments; "tact-verdict-model 1";
 * "threshold review-ok P", "threshold review-block P" and optionally
 * "threshold block-review P" (absent: blocks stay); then one line per
 * feature: its name, a tab, and its weights for ok, review and block
 * separated by tabs. A feature the file does not list weighs nothing.
 */
#include "verdict_model.h"
#include "conduct.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

struct tact__vm {
    size_t n;        /* features */
    float *w;        /* 3 weights each */
    size_t cap;      /* slots, a power of two */
    uint64_t *key;   /* feature name hash per slot */
    uint32_t *slot;  /* feature index + 1 per slot, 0: empty */
    float thr_ok, thr_block, thr_soften;
};

static const char *line_end(const char *s, const char *e)
{
    const char *p = memchr(s, '\n', (size_t)(e - s));
    return p ? p : e;
}

/* A decimal number as the trainer writes it ("%.6g": "-0.0123", "1.5e-05"),
 * read without strtod (start-up reads some 3,600 of them); anything else
 * (no digits, a stray byte, an exponent out of range) is refused. */
static bool parse_float(const char *s, const char *e, float *out)
{
    static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,
                                 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
                                 1e20, 1e21, 1e22};
    bool neg = s < e && *s == '-';
    if (s < e && (*s == '-' || *s == '+'))
        s++;
    uint64_t mant = 0;
    int digits = 0, scale = 0;
    for (; s < e && *s >= '0' && *s <= '9'; s++, digits++)
        if (mant < UINT64_C(100000000000000000))
            mant = mant * 10 + (uint64_t)(*s - '0');
        else
            scale++;
    if (s < e && *s == '.')
        for (s++; s < e && *s >= '0' && *s <= '9'; s++, digits++)
            if (mant < UINT64_C(100000000000000000))
                mant = mant * 10 + (uint64_t)(*s - '0'), scale--;
    if (!digits)
        return false;
    if (s < e && (*s == 'e' || *s == 'E')) {
        s++;
        bool eneg = s < e && *s == '-';
        if (s < e && (*s == '-' || *s == '+'))
            s++;
        int ex = 0, ed = 0;
        for (; s < e && *s >= '0' && *s <= '9' && ed < 4; s++, ed++)
            ex = ex * 10 + (*s - '0');
        if (!ed)
            return false;
        scale += eneg ? -ex : ex;
    }
    if (s != e || scale < -44 || scale > 22)
        return false;
    double d = (double)mant;
    if (scale < 0)
        d = scale >= -22 ? d / p10[-scale] : d / p10[22] / p10[-scale - 22];
    else
        d *= p10[scale];
    if (!isfinite(d) || d > 3.0e38)
        return false;
    *out = (float)(neg ? -d : d);
    return true;
}

static uint32_t *find_slot(const tact__vm *m, uint64_t h, uint64_t **keyp)
{
    size_t i = (size_t)h & (m->cap - 1);
    while (m->slot[i] && m->key[i] != h)
        i = (i + 1) & (m->cap - 1);
    if (keyp)
        *keyp = &m->key[i];
    return &m->slot[i];
}

void tact__vm_free(const tact__alloc *a, tact__vm *m)
{
    if (!m)
        return;
    tact__free(a, m->w);
    tact__free(a, m->key);
    tact__free(a, m->slot);
    tact__free(a, m);
}

int tact__vm_load(const tact__alloc *a, const char *text, size_t n, tact__vm **out)
{
    *out = NULL;
    const char *e = text + n;
    size_t lines = 0;
    for (const char *p = text; p < e; p = line_end(p, e) + 1)
        lines++;
    tact__vm *m = tact__calloc(a, 1, sizeof *m);
    if (!m)
        return TACT_ENOMEM;
    m->cap = 16;
    while (m->cap < 2 * lines + 2)
        m->cap <<= 1;
    m->w = tact__calloc(a, lines ? lines * 3 : 3, sizeof *m->w);
    m->key = tact__calloc(a, m->cap, sizeof *m->key);
    m->slot = tact__calloc(a, m->cap, sizeof *m->slot);
    if (!m->w || !m->key || !m->slot) {
        tact__vm_free(a, m);
        return TACT_ENOMEM;
    }
    m->thr_ok = m->thr_block = m->thr_soften = 2.0f; /* (never, until the file says) */
    bool magic = false;
    for (const char *p = text; p < e;) {
        const char *le = line_end(p, e);
        const char *next = le + 1;
        if (le > p && le[-1] == '\r')
            le--;
        if (le == p || *p == '#') {
            p = next;
            continue;
        }
        if (!magic) {
            if ((size_t)(le - p) != 20 || memcmp(p, "tact-verdict-model 1", 20) != 0)
                goto bad;
            magic = true;
            p = next;
            continue;
        }
        if ((size_t)(le - p) > 10 && memcmp(p, "threshold ", 10) == 0) {
            const char *k = p + 10, *sp = memchr(k, ' ', (size_t)(le - k));
            float v;
            if (!sp || !parse_float(sp + 1, le, &v) || v < 0.0f || v > 2.0f)
                goto bad;
            if ((size_t)(sp - k) == 9 && memcmp(k, "review-ok", 9) == 0)
                m->thr_ok = v;
            else if ((size_t)(sp - k) == 12 && memcmp(k, "review-block", 12) == 0)
                m->thr_block = v;
            else if ((size_t)(sp - k) == 12 && memcmp(k, "block-review", 12) == 0)
                m->thr_soften = v;
            else
                goto bad;
            p = next;
            continue;
        }
        const char *t1 = memchr(p, '\t', (size_t)(le - p));
        if (!t1 || t1 == p)
            goto bad;
        float w[3];
        const char *q = t1 + 1;
        for (int k = 0; k < 3; k++) {
            const char *t = k < 2 ? memchr(q, '\t', (size_t)(le - q)) : le;
            if (!t || !parse_float(q, t, &w[k]))
                goto bad;
            q = t + 1;
        }
        uint64_t h = tact__hash(p, (size_t)(t1 - p)), *kp;
        uint32_t *sl = find_slot(m, h, &kp);
        if (*sl)
            goto bad; /* a feature listed twice (or a hash collision) */
        *kp = h;
        *sl = (uint32_t)(m->n + 1);
        memcpy(&m->w[3 * m->n], w, sizeof w);
        m->n++;
        p = next;
    }
    if (!magic)
        goto bad;
    *out = m;
    return TACT_OK;
bad:
    tact__vm_free(a, m);
    return TACT_EMODEL;
}

/* ---- features -------------------------------------------------------- */

#define WORD_VALUE 0.5f

static bool word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'';
}

/* A word of the text (up to its first apostrophe), compared with a
 * lower-case literal of n bytes, ignoring ASCII case. */
static bool word_is(const char *w, size_t n, const char *lit, size_t ln)
{
    if (n != ln)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((char)(w[i] | 0x20) != lit[i])
            return false;
    return true;
}

#define LIT(s) s, sizeof s - 1
typedef struct lit {
    const char *s;
    size_t n;
} lit;
static const lit KIN[] = {
    {LIT("mum")},     {LIT("mam")},      {LIT("dad")},      {LIT("son")},     {LIT("daughter")},
    {LIT("kids")},    {LIT("children")}, {LIT("boy")},      {LIT("boys")},    {LIT("girl")},
    {LIT("girls")},   {LIT("husband")},  {LIT("wife")},     {LIT("partner")}, {LIT("sister")},
    {LIT("brother")}, {LIT("nan")},      {LIT("nana")},     {LIT("gran")},    {LIT("granny")},
    {LIT("grandad")}, {LIT("grandma")},  {LIT("niece")},    {LIT("nephew")},  {LIT("auntie")},
    {LIT("uncle")},   {LIT("cousin")},   {LIT("family")},   {LIT("parents")}, {LIT("twins")},
    {LIT("baby")},    {LIT("eldest")},   {LIT("youngest")}, {LIT("dog")},     {LIT("cat")},
    {NULL, 0}};
static const lit KIN_MOD[] = {{LIT("own")}, {LIT("wee")}, {LIT("late")}, {LIT("little")}, {NULL, 0}};

static bool in_list(const char *w, size_t n, const lit *list)
{
    for (size_t i = 0; list[i].s; i++)
        if (word_is(w, n, list[i].s, list[i].n))
            return true;
    return false;
}

static bool my_or_our(const char *w, size_t n)
{
    return word_is(w, n, "my", 2) || word_is(w, n, "our", 3);
}

/* "my" or "our", perhaps "own", "wee", "late" or "little", and a relative
 * or pet, with only white space between (each word compared up to its
 * first apostrophe: "my mum's"). */
static bool kin_phrase(const char *s, size_t len)
{
    /* state 1: the last word was "my"/"our"; 2: then a modifier */
    int state = 0;
    bool ws = true; /* only white space since the last word */
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (!word_byte(c)) {
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                ws = false;
            i++;
            continue;
        }
        size_t a = i, ap = SIZE_MAX;
        while (i < len && word_byte((unsigned char)s[i])) {
            if (s[i] == '\'' && ap == SIZE_MAX)
                ap = i;
            i++;
        }
        size_t n = (ap == SIZE_MAX ? i : ap) - a;
        if (state && ws && n >= 3 && n <= 8 && in_list(s + a, n, KIN))
            return true;
        if (state == 1 && ws && n >= 3 && n <= 6 && in_list(s + a, n, KIN_MOD))
            state = 2;
        else
            state = n <= 3 && ap == SIZE_MAX && my_or_our(s + a, n) ? 1 : 0;
        ws = true;
    }
    return false;
}

/* Emit the feature named a + b + c + d (c and d may be NULL). */
static void emit_cat(tact__vm_emit emit, void *ctx, const char *a, const char *b, const char *c,
                     const char *d)
{
    char buf[128];
    size_t n = 0;
    const char *part[4] = {a, b, c, d};
    for (int k = 0; k < 4 && part[k]; k++)
        for (const char *q = part[k]; *q && n < sizeof buf; q++)
            buf[n++] = *q;
    emit(ctx, buf, n, 1.0f);
}

void tact__vm_features(const tact_scanner *sc, tact__vm_emit emit, void *ctx)
{
    const char *vn = tact_verdict_name(sc->result.verdict);
    emit_cat(emit, ctx, "V:", vn, NULL, NULL);
    /* the reason, by its first 40 bytes, spaces as underscores */
    char r[48] = "R:";
    size_t rn = 2;
    for (const char *p = sc->result.reason ? sc->result.reason : ""; *p && rn < 42; p++)
        r[rn++] = *p == ' ' ? '_' : *p;
    emit(ctx, r, rn, 1.0f);
    emit_cat(emit, ctx, "L:", sc->len < 120 ? "s" : sc->len < 400 ? "m" : "l", NULL, NULL);
    unsigned types = 0, idtypes = 0;
    size_t nid = 0;
    bool cond = false, own = false;
    for (size_t i = 0; i < sc->nfindings; i++) {
        const tact_finding *f = &sc->findings[i];
        const char *tn = tact_type_name(f->type);
        emit_cat(emit, ctx, "T:", tn, NULL, NULL);
        if (f->rule)
            emit_cat(emit, ctx, "RU:", f->rule, NULL, NULL);
        if (f->flags & TACT_FINDING_DRIVES_VERDICT) {
            emit_cat(emit, ctx, "DT:", tn, NULL, NULL);
            if (f->rule)
                emit_cat(emit, ctx, "DR:", f->rule, NULL, NULL);
        }
        if (f->flags & TACT_FINDING_OWN_DETAILS)
            own = true;
        types |= 1u << ((unsigned)f->type & 31u);
        if (f->category == TACT_CAT_IDENTIFIER) {
            nid++;
            idtypes |= 1u << ((unsigned)f->type & 31u);
            emit_cat(emit, ctx, "VT:", vn, ":", tn);
        } else {
            cond = true;
        }
    }
    char num[4] = {0};
    unsigned nt = (unsigned)__builtin_popcount(types);
    num[0] = (char)('0' + (nt > 5 ? 5 : nt));
    emit_cat(emit, ctx, "NT:", num, NULL, NULL);
    num[0] = (char)('0' + (nid > 4 ? 4 : nid));
    emit_cat(emit, ctx, "NI:", num, NULL, NULL);
    if (idtypes && idtypes == 1u << TACT_TYPE_LOCATION)
        emit_cat(emit, ctx, "X:loconly:", vn, NULL, NULL);
    if (!cond)
        emit_cat(emit, ctx, "X:nocond:", vn, NULL, NULL);
    if (kin_phrase(sc->text, sc->len)) {
        emit(ctx, "X:rel", 5, 1.0f);
        emit_cat(emit, ctx, "X:rel:", vn, NULL, NULL);
    }
    if (memchr(sc->text, '?', sc->len))
        emit(ctx, "X:q", 3, 1.0f);
    if (own)
        emit(ctx, "X:own", 5, 1.0f);
    /* the learned conduct model's case probability, by tenths ("CP:none":
     * not asked; "CP:out": out of its domain) */
    float cp = tact__conduct_case_p(sc);
    if (cp < 0.f) {
        emit(ctx, "CP:none", 7, 1.0f);
    } else if (cp == 0.f) {
        emit(ctx, "CP:out", 6, 1.0f);
    } else {
        char b[6] = "CP:0";
        int d = (int)(cp * 10.f);
        b[3] = (char)('0' + (d > 9 ? 9 : d < 0 ? 0 : d));
        emit(ctx, b, 4, 1.0f);
    }
    /* the words, lowercased (runs of ASCII letters and apostrophes), and
     * each pair of neighbouring words ("W:my son"); a word longer than 63
     * bytes is in no feature, and its neighbours pair with each other */
    char w[66] = "W:";
    char pair[2 + 63 + 1 + 63] = "W:";
    size_t pn = 0; /* the previous word, at pair + 2 */
    for (size_t i = 0; i < sc->len;) {
        if (!word_byte((unsigned char)sc->text[i])) {
            i++;
            continue;
        }
        size_t a = i;
        while (i < sc->len && word_byte((unsigned char)sc->text[i]))
            i++;
        size_t n = i - a;
        if (n > 63)
            continue;
        for (size_t k = 0; k < n; k++) {
            char c = sc->text[a + k];
            w[2 + k] = (c >= 'A' && c <= 'Z') ? (char)(c | 0x20) : c;
        }
        emit(ctx, w, 2 + n, WORD_VALUE);
        if (pn) {
            pair[2 + pn] = ' ';
            memcpy(pair + 3 + pn, w + 2, n);
            emit(ctx, pair, 3 + pn + n, WORD_VALUE);
        }
        memcpy(pair + 2, w + 2, n);
        pn = n;
    }
    emit(ctx, "B", 1, 1.0f);
}

/* ---- scoring --------------------------------------------------------- */

typedef struct score_ctx {
    const tact__vm *m;
    uint8_t *seen; /* per feature of the model: met in this post */
    double s[3];
} score_ctx;

static void on_feature(void *vctx, const char *name, size_t n, float v)
{
    score_ctx *c = vctx;
    uint32_t sl = *find_slot(c->m, tact__hash(name, n), NULL);
    if (!sl || c->seen[sl - 1])
        return; /* not in the model, or met before: a feature counts once */
    c->seen[sl - 1] = 1;
    const float *w = &c->m->w[3 * (sl - 1)];
    for (int k = 0; k < 3; k++)
        c->s[k] += (double)w[k] * v;
}

int tact__vm_probs(const tact__vm *m, tact_scanner *sc, float p[3])
{
    score_ctx c = {m, tact__scratch(sc, m->n ? m->n : 1), {0, 0, 0}};
    if (!c.seen)
        return TACT_ENOMEM;
    memset(c.seen, 0, m->n);
    tact__vm_features(sc, on_feature, &c);
    double mx = c.s[0] > c.s[1] ? c.s[0] : c.s[1];
    if (c.s[2] > mx)
        mx = c.s[2];
    double e[3], z = 0;
    for (int k = 0; k < 3; k++)
        z += e[k] = exp(c.s[k] - mx);
    for (int k = 0; k < 3; k++)
        p[k] = (float)(e[k] / z);
    return TACT_OK;
}

static const char REASON_READ_OK[] =
    "Read as a whole, it reads as your own life or as talk about the work in general, not as "
    "anyone you work with (a reading learned from posts practitioners judged). The names and "
    "places it notes are shown: check none of them could identify someone you work with.";
static const char REASON_READ_BLOCK[] =
    "Read as a whole, it reads like posts that identify someone you work with or fall short "
    "of professional standards (a reading learned from posts practitioners judged); the "
    "findings marked are what it rests on.";
static const char REASON_READ_SOFTEN[] =
    "Read as a whole, it reads more like your own life, a notice or talk about the work in "
    "general than like a post about someone you work with (a reading learned from posts "
    "practitioners judged), so it is a question rather than a stop. The findings marked are "
    "why it still needs a look: check none of them could identify someone you work with or "
    "fall short of professional standards.";

/* A review the rules gave for a handle, in a post the conduct model does not
 * read as a case (probability under 0.2): a reply or a mention. The reading
 * learned handles from few posts (14 of the read ones), and on ordinary
 * tweets it took nearly every reply for a case; it does not raise these. */
static bool handle_reply(const tact_scanner *sc)
{
    if (tact__conduct_case_p(sc) >= 0.2f)
        return false;
    for (size_t i = 0; i < sc->nfindings; i++)
        if (sc->findings[i].type == TACT_TYPE_HANDLE &&
            (sc->findings[i].flags & TACT_FINDING_DRIVES_VERDICT))
            return true;
    return false;
}

/* A block an identifier drove that is never the author's to share in a
 * post (a date of birth, an NHS, NI or case number, coordinates, a vehicle,
 * an address or postcode, a person on the register), or abusive,
 * discriminatory or demeaning words: the reading learned what a
 * practitioner's own life looks like, not when abuse is fine, and on
 * ordinary tweets it would soften slurs. It does not soften these. */
static bool hard_drives(const tact_scanner *sc)
{
    for (size_t i = 0; i < sc->nfindings; i++) {
        if (!(sc->findings[i].flags & TACT_FINDING_DRIVES_VERDICT))
            continue;
        switch (sc->findings[i].type) {
        case TACT_TYPE_DATE_OF_BIRTH:
        case TACT_TYPE_NHS_NUMBER:
        case TACT_TYPE_NI_NUMBER:
        case TACT_TYPE_CASE_REFERENCE:
        case TACT_TYPE_GEO_COORDINATES:
        case TACT_TYPE_VEHICLE_REGISTRATION:
        case TACT_TYPE_ADDRESS:
        case TACT_TYPE_POSTCODE:
        case TACT_TYPE_PROTECTED_PERSON:
        case TACT_TYPE_ABUSE:
        case TACT_TYPE_DISCRIMINATION:
        case TACT_TYPE_DEROGATORY:
            return true;
        default:
            break;
        }
    }
    return false;
}

int tact__vm_apply(tact_scanner *sc)
{
    return tact__vm_apply_with(tact__vm_of(sc->rs), sc);
}

int tact__vm_apply_with(const tact__vm *m, tact_scanner *sc)
{
    /* nor a post the conduct model finds out of its domain (few of its
     * features known: an ordinary tweet, not a practitioner's post) */
    if (!m || tact__conduct_case_p(sc) == 0.f)
        return TACT_OK;
    tact_verdict v = sc->result.verdict;
    if (!(v == TACT_VERDICT_REVIEW ||
          (v == TACT_VERDICT_BLOCK && m->thr_soften <= 1.0f && !hard_drives(sc))))
        return TACT_OK;
    float p[3];
    int rc = tact__vm_probs(m, sc, p);
    if (rc != TACT_OK)
        return rc;
    if (v == TACT_VERDICT_BLOCK) {
        if (p[0] >= m->thr_soften && p[0] > p[2]) {
            sc->result.verdict = TACT_VERDICT_REVIEW;
            sc->result.reason = REASON_READ_SOFTEN;
        }
    } else if (p[0] >= m->thr_ok && p[0] > p[1] && p[0] > p[2]) {
        for (size_t i = 0; i < sc->nfindings; i++)
            sc->findings[i].flags &= ~TACT_FINDING_DRIVES_VERDICT;
        sc->result.verdict = TACT_VERDICT_OK;
        sc->result.reason = REASON_READ_OK;
    } else if (p[2] >= m->thr_block && p[2] > p[1] && p[2] > p[0] && !handle_reply(sc)) {
        sc->result.verdict = TACT_VERDICT_BLOCK;
        sc->result.reason = REASON_READ_BLOCK;
    }
    return TACT_OK;
}

/* ---- the ruleset's model ---------------------------------------------- */

const tact__vm *tact__vm_of(const tact_ruleset *rs)
{
    return rs ? (const tact__vm *)rs->vmodel : NULL;
}

int tact__vm_compile(tact_ruleset *rs, tact_error *err)
{
    size_t n = 0;
    const char *text = tact__data_get("verdict.tsv", &n);
    if (!text)
        return TACT_OK;
    tact__vm *m = NULL;
    int rc = tact__vm_load(&rs->a, text, n, &m);
    if (rc == TACT_EMODEL)
        return tact__err(err, rc, SIZE_MAX, "verdict.tsv: the model is corrupt");
    if (rc != TACT_OK)
        return rc;
    rs->vmodel = m;
    return TACT_OK;
}

void tact__vm_release(tact_ruleset *rs)
{
    tact__vm_free(&rs->a, rs->vmodel);
    rs->vmodel = NULL;
}
