/*
 * policy.c - an organisation's local policy file.
 *
 * Format (line-based; '#' starts a comment; sections in brackets):
 *
 *     [policy]
 *     framework = hcpc            # hcpc (default), swe or sssc: guidance ids used
 *     [employer]                  # employer, team and service names, one a line:
 *     Ashdown County Council      #   reported as organisation wherever they appear
 *     [allow]                     # never report these as identifiers
 *     Harry Ferguson
 *     [severity]                  # per-type severity overrides
 *     venting = medium
 *     [disable]                   # types not to report at all
 *     vehicle_registration
 *
 * Matching is on normalised words (case, accents and spacing do not matter).
 */
#include "internal.h"

#include <stdlib.h>

#define MAX_TYPES 65
#define MAX_PHRASE_WORDS 12

typedef struct phrase {
    uint32_t first; /* index into words */
    uint32_t count;
} phrase;

struct tact__policy {
    int framework;
    tact__lex allow;          /* normalised text -> 1 */
    uint64_t *words;          /* hashes of employer phrase words */
    size_t nwords, words_cap;
    phrase *employers;
    size_t nemployers, employers_cap;
    tact__lex employer_first; /* first word of some employer phrase -> 1 */
    signed char severity[MAX_TYPES];
    bool disabled[MAX_TYPES];
};

/* ---- frameworks ------------------------------------------------------------ */

static const char *const fw_names[] = {"hcpc", "swe", "sssc"};

static const struct {
    const char *id, *title;
} fw_items[3][TACT_GUIDE_COUNT] = {
    {{"HCPC-1", "Act in the best interests of service users"},
     {"HCPC-2", "Respect the confidentiality of service users"},
     {"HCPC-3", "Keep high standards of personal conduct"},
     {"HCPC-13", "Behave with honesty and integrity and make sure your behaviour does not damage "
                 "public confidence in you or your profession"},
     {"HCPC-SM", "HCPC guidance on social media"}},
    {{"SWE-1", "Promote the rights, strengths and wellbeing of people, families and communities"},
     {"SWE-2", "Establish and maintain the trust and confidence of people"},
     {"SWE-5", "Act safely, respectfully and with professional integrity"},
     {"SWE-5", "Act safely, respectfully and with professional integrity"},
     {"SWE-3", "Be accountable for the quality of my practice and the decisions I make"}},
    {{"SSSC-1", "Protect the rights and promote the interests of people who use services and carers"},
     {"SSSC-2", "Strive to establish and maintain the trust and confidence of people who use "
                "services and carers"},
     {"SSSC-5", "Uphold public trust and confidence in social services"},
     {"SSSC-5", "Uphold public trust and confidence in social services"},
     {"SSSC-6", "Be accountable for the quality of my work"}},
};

static int bit_index(unsigned bit)
{
    for (int i = 0; i < TACT_GUIDE_COUNT; i++)
        if (bit == (1u << i))
            return i;
    return -1;
}

const char *tact_ruleset_guidance_id(const tact_ruleset *rs, unsigned bit)
{
    int i = bit_index(bit);
    if (i < 0)
        return NULL;
    int fw = rs && rs->policy ? rs->policy->framework : 0;
    return fw_items[fw][i].id;
}

const char *tact_ruleset_guidance_title(const tact_ruleset *rs, unsigned bit)
{
    int i = bit_index(bit);
    if (i < 0)
        return NULL;
    int fw = rs && rs->policy ? rs->policy->framework : 0;
    return fw_items[fw][i].title;
}

const char *tact_ruleset_framework(const tact_ruleset *rs)
{
    return fw_names[rs && rs->policy ? rs->policy->framework : 0];
}

/* ---- normalisation ---------------------------------------------------------- */

/* Normalise s into out: folded, accents stripped, runs of anything that is
 * not a letter or digit collapsed to one space, trimmed. */
static int norm_text(const tact__alloc *a, tact__buf *out, const char *s, size_t n)
{
    out->len = 0;
    bool space = false;
    size_t i = 0;
    while (i < n) {
        int32_t cp;
        size_t l = tact__utf8_decode((const unsigned char *)s, n, i, &cp);
        i += l;
        if (cp < 0)
            cp = 0xFFFD;
        if (!(tact__cp_is_letter(cp) || tact__cp_is_digit(cp))) {
            if (cp == '\'' || cp == 0x2019 || tact__cp_is_mark(cp))
                continue;
            space = out->len > 0;
            continue;
        }
        if (space && tact__buf_putc(a, out, ' '))
            return TACT_ENOMEM;
        space = false;
        if (tact__norm_cp(a, out, cp))
            return TACT_ENOMEM;
    }
    return TACT_OK;
}

/* ---- parsing ------------------------------------------------------------------- */

enum section { SEC_NONE, SEC_POLICY, SEC_EMPLOYER, SEC_ALLOW, SEC_SEVERITY, SEC_DISABLE };

static void trim(const char **s, const char **e)
{
    while (*s < *e && (**s == ' ' || **s == '\t' || **s == '\r'))
        (*s)++;
    while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t' || (*e)[-1] == '\r'))
        (*e)--;
}

static bool eq(const char *s, const char *e, const char *w)
{
    size_t n = strlen(w);
    return (size_t)(e - s) == n && memcmp(s, w, n) == 0;
}

static int add_employer(tact_ruleset *rs, struct tact__policy *p, const char *s, size_t n,
                        tact__buf *tmp, size_t off, tact_error *err)
{
    const tact__alloc *a = &rs->a;
    int rc = norm_text(a, tmp, s, n);
    if (rc)
        return rc;
    if (tmp->len == 0)
        return TACT_OK;
    if (p->nemployers == p->employers_cap &&
        tact__grow(a, (void **)&p->employers, &p->employers_cap, p->nemployers + 1,
                   sizeof *p->employers))
        return TACT_ENOMEM;
    phrase ph = {(uint32_t)p->nwords, 0};
    size_t i = 0;
    while (i < tmp->len) {
        size_t j = i;
        while (j < tmp->len && tmp->p[j] != ' ')
            j++;
        if (ph.count == MAX_PHRASE_WORDS)
            return tact__err(err, TACT_EPARSE, off, "employer name at byte %zu has more than %d words",
                             off, MAX_PHRASE_WORDS);
        if (p->nwords == p->words_cap &&
            tact__grow(a, (void **)&p->words, &p->words_cap, p->nwords + 1, sizeof *p->words))
            return TACT_ENOMEM;
        p->words[p->nwords++] = tact__hash(tmp->p + i, j - i);
        if (ph.count == 0 && (rc = tact__lex_add(a, &p->employer_first, tmp->p + i, j - i, 1)))
            return rc;
        ph.count++;
        i = j + 1;
    }
    p->employers[p->nemployers++] = ph;
    return TACT_OK;
}

static int parse_kv(const char *s, const char *e, const char **k, const char **ke, const char **v,
                    const char **ve)
{
    const char *eqp = memchr(s, '=', (size_t)(e - s));
    if (!eqp)
        return -1;
    *k = s;
    *ke = eqp;
    *v = eqp + 1;
    *ve = e;
    trim(k, ke);
    trim(v, ve);
    return (*k == *ke || *v == *ve) ? -1 : 0;
}

int tact__policy_compile(tact_ruleset *rs, const char *text, size_t len, tact_error *err)
{
    if (!text)
        return TACT_OK;
    size_t bad = tact__utf8_validate(text, len);
    if (bad != len)
        return tact__err(err, TACT_EPARSE, bad, "policy is not valid UTF-8 (byte %zu)", bad);
    const tact__alloc *a = &rs->a;
    struct tact__policy *p = tact__calloc(a, 1, sizeof *p);
    if (!p)
        return TACT_ENOMEM;
    rs->policy = p;
    memset(p->severity, -1, sizeof p->severity);
    int rc;
    if ((rc = tact__lex_init(a, &p->allow, 64)) || (rc = tact__lex_init(a, &p->employer_first, 64)))
        return rc;
    tact__buf tmp = {NULL, 0, 0};
    enum section sec = SEC_NONE;
    size_t i = 0, lineno = 0;
    rc = TACT_OK;
    while (i < len && rc == TACT_OK) {
        size_t e = i;
        while (e < len && text[e] != '\n')
            e++;
        lineno++;
        const char *s = text + i, *le = text + e;
        const char *hash = memchr(s, '#', (size_t)(le - s));
        if (hash)
            le = hash;
        trim(&s, &le);
        size_t off = (size_t)(s - text);
        i = e + 1;
        if (s == le)
            continue;
        if (*s == '[') {
            if (le[-1] != ']') {
                rc = tact__err(err, TACT_EPARSE, off, "line %zu: a section name needs a closing ]", lineno);
                break;
            }
            const char *ns = s + 1, *ne = le - 1;
            trim(&ns, &ne);
            if (eq(ns, ne, "policy"))
                sec = SEC_POLICY;
            else if (eq(ns, ne, "employer"))
                sec = SEC_EMPLOYER;
            else if (eq(ns, ne, "allow"))
                sec = SEC_ALLOW;
            else if (eq(ns, ne, "severity"))
                sec = SEC_SEVERITY;
            else if (eq(ns, ne, "disable"))
                sec = SEC_DISABLE;
            else
                rc = tact__err(err, TACT_EPARSE, off,
                               "line %zu: unknown section (known: policy, employer, allow, severity, disable)",
                               lineno);
            continue;
        }
        const char *k, *ke, *v, *ve;
        tact_type t;
        switch (sec) {
        case SEC_NONE:
            rc = tact__err(err, TACT_EPARSE, off, "line %zu: text before the first [section]", lineno);
            break;
        case SEC_POLICY:
            if (parse_kv(s, le, &k, &ke, &v, &ve) || !eq(k, ke, "framework")) {
                rc = tact__err(err, TACT_EPARSE, off, "line %zu: expected 'framework = hcpc|swe|sssc'", lineno);
                break;
            }
            p->framework = -1;
            for (int f = 0; f < 3; f++)
                if (eq(v, ve, fw_names[f]))
                    p->framework = f;
            if (p->framework < 0) {
                p->framework = 0;
                rc = tact__err(err, TACT_EPARSE, off, "line %zu: unknown framework (known: hcpc, swe, sssc)", lineno);
            }
            break;
        case SEC_EMPLOYER:
            rc = add_employer(rs, p, s, (size_t)(le - s), &tmp, off, err);
            break;
        case SEC_ALLOW:
            if ((rc = norm_text(a, &tmp, s, (size_t)(le - s))) == TACT_OK && tmp.len)
                rc = tact__lex_add(a, &p->allow, tmp.p, tmp.len, 1);
            break;
        case SEC_SEVERITY:
            if (parse_kv(s, le, &k, &ke, &v, &ve) ||
                tact_type_from_name(k, (size_t)(ke - k), &t) != TACT_OK) {
                rc = tact__err(err, TACT_EPARSE, off, "line %zu: expected 'TYPE = low|medium|high' with a known type", lineno);
                break;
            }
            if (eq(v, ve, "low"))
                p->severity[t] = TACT_SEV_LOW;
            else if (eq(v, ve, "medium"))
                p->severity[t] = TACT_SEV_MEDIUM;
            else if (eq(v, ve, "high"))
                p->severity[t] = TACT_SEV_HIGH;
            else
                rc = tact__err(err, TACT_EPARSE, off, "line %zu: severity must be low, medium or high", lineno);
            break;
        case SEC_DISABLE:
            if (tact_type_from_name(s, (size_t)(le - s), &t) != TACT_OK)
                rc = tact__err(err, TACT_EPARSE, off, "line %zu: unknown finding type", lineno);
            else
                p->disabled[t] = true;
            break;
        }
    }
    tact__buf_free(a, &tmp);
    return rc;
}

void tact__policy_free(tact_ruleset *rs)
{
    struct tact__policy *p = rs->policy;
    if (!p)
        return;
    tact__lex_free(&rs->a, &p->allow);
    tact__lex_free(&rs->a, &p->employer_first);
    tact__free(&rs->a, p->words);
    tact__free(&rs->a, p->employers);
    tact__free(&rs->a, p);
    rs->policy = NULL;
}

/* ---- applying ------------------------------------------------------------------- */

static bool allowed(tact_scanner *sc, const struct tact__policy *p, const tact_finding *f)
{
    if (!p->allow.count)
        return false;
    tact__buf tmp = {NULL, 0, 0};
    bool hit = false;
    if (norm_text(&sc->a, &tmp, sc->text + f->start, f->end - f->start) == TACT_OK && tmp.len)
        hit = tact__lex_get(&p->allow, tmp.p, tmp.len) != 0;
    tact__buf_free(&sc->a, &tmp);
    return hit;
}


/* Word tokens only: employer names are matched word by word. */
static bool wordish(const tact__token *t)
{
    return t->kind == TACT__TOK_WORD || t->kind == TACT__TOK_ALNUM || t->kind == TACT__TOK_NUMBER;
}

/* The longest employer name that starts at token i: its end byte and last
 * token, or 0 when none does. */
static size_t employer_at(const tact_scanner *sc, const struct tact__policy *p, size_t i,
                          size_t *last)
{
    size_t best_end = 0;
    for (size_t e = 0; e < p->nemployers; e++) {
        const phrase *ph = &p->employers[e];
        size_t k = i, w = 0;
        while (w < ph->count && k < sc->ntoks) {
            if (!wordish(&sc->toks[k])) {
                if (sc->toks[k].kind == TACT__TOK_PUNCT && w > 0) {
                    k++;
                    continue;
                }
                break;
            }
            if (sc->toks[k].hash != p->words[ph->first + w])
                break;
            w++;
            k++;
        }
        if (w == ph->count && sc->toks[k - 1].end > best_end) {
            best_end = sc->toks[k - 1].end;
            *last = k - 1;
        }
    }
    return best_end;
}

typedef struct emp_span {
    size_t start, end;
    bool ok;
} emp_span;

static bool is_ident(const tact_finding *f)
{
    return f->category != TACT_CAT_CONDUCT;
}

/*
 * Employer names become organisation findings. Identifiers may not overlap:
 * guessed findings wholly inside an employer name give way to it; one that
 * reaches outside it wins and the name is not reported over it. The
 * findings are sorted and identifiers never overlap each other, so one walk
 * over the findings alongside the names does it, in linear time.
 */
static int add_employers(tact_scanner *sc, const struct tact__policy *p)
{
    emp_span *sp = NULL;
    size_t ns = 0;
    for (size_t i = 0; i < sc->ntoks; i++) {
        const tact__token *t = &sc->toks[i];
        if (!wordish(t) || !tact__lex_get_h(&p->employer_first, sc->norm.p + t->norm_off,
                                            t->norm_len, t->hash))
            continue;
        size_t last = i, end = employer_at(sc, p, i, &last);
        if (!end)
            continue;
        if (!sp && !(sp = tact__scratch(sc, sc->ntoks * sizeof *sp)))
            return TACT_ENOMEM;
        sp[ns].start = t->start;
        sp[ns].end = end;
        sp[ns].ok = true;
        ns++;
        i = last;
    }
    if (!ns)
        return TACT_OK;
    /* names that an identifier reaches out of are not reported */
    size_t f = 0;
    for (size_t s = 0; s < ns; s++) {
        while (f < sc->nfindings &&
               (!is_ident(&sc->findings[f]) || sc->findings[f].end <= sp[s].start))
            f++;
        for (size_t k = f; k < sc->nfindings && sc->findings[k].start < sp[s].end; k++) {
            const tact_finding *g = &sc->findings[k];
            if (is_ident(g) && g->end > sp[s].start &&
                (g->start < sp[s].start || g->end > sp[s].end))
                sp[s].ok = false;
        }
    }
    /* identifiers inside a reported name give way to it */
    size_t kept = 0, s = 0;
    for (size_t k = 0; k < sc->nfindings; k++) {
        const tact_finding *g = &sc->findings[k];
        while (s < ns && sp[s].end <= g->start)
            s++;
        if (s < ns && sp[s].ok && is_ident(g) && g->start >= sp[s].start && g->end <= sp[s].end)
            continue;
        sc->findings[kept++] = *g;
    }
    sc->nfindings = kept;
    for (s = 0; s < ns; s++) {
        if (!sp[s].ok)
            continue;
        if (tact__grow(&sc->a, (void **)&sc->findings, &sc->findings_cap, sc->nfindings + 1,
                       sizeof *sc->findings))
            return TACT_ENOMEM;
        tact_finding *g = &sc->findings[sc->nfindings++];
        memset(g, 0, sizeof *g);
        g->start = sp[s].start;
        g->end = sp[s].end;
        g->category = TACT_CAT_IDENTIFIER;
        g->type = TACT_TYPE_ORGANISATION;
        g->severity = TACT_SEV_MEDIUM;
        g->confidence = 1.0f;
        g->guidance = tact__type_info_get(TACT_TYPE_ORGANISATION)->guidance;
        g->rule = "policy.employer";
        g->message = "This names your employer or team (from your organisation's policy). "
                     "Named in a post, it links what you say to your workplace.";
        g->suggestion = "[EMPLOYER]";
    }
    return TACT_OK;
}

int tact__policy_apply(tact_scanner *sc)
{
    const struct tact__policy *p = sc->rs->policy;
    if (!p)
        return TACT_OK;
    int rc = add_employers(sc, p);
    if (rc)
        return rc;
    size_t k = 0;
    for (size_t i = 0; i < sc->nfindings; i++) {
        tact_finding *f = &sc->findings[i];
        if ((unsigned)f->type < MAX_TYPES && p->disabled[f->type])
            continue;
        if (f->category != TACT_CAT_CONDUCT && f->rule && strcmp(f->rule, "policy.employer") != 0 &&
            allowed(sc, p, f))
            continue;
        if ((unsigned)f->type < MAX_TYPES && p->severity[f->type] >= 0)
            f->severity = (tact_severity)p->severity[f->type];
        sc->findings[k++] = *f;
    }
    sc->nfindings = k;
    if (sc->nfindings > 1) /* qsort of a NULL array is undefined even when empty */
        qsort(sc->findings, sc->nfindings, sizeof *sc->findings, tact__finding_cmp_pos);
    return TACT_OK;
}
