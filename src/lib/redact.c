/*
 * redact.c - safe versions: the driver behind tact_redact.
 *
 * The text is screened once; identifier and register findings become items
 * in text order; items are grouped into entities (case-insensitive on the
 * normalised tokens, possessives and titles ignored, a lone first name or
 * surname joined to the full name it belongs to); then each item gets its
 * replacement from the mode and the output is written in one pass. Conduct
 * findings are never rewritten: they stay in the scan result for the author.
 */
#include "redact.h"
#include "lexicon.h"

#include <stdlib.h>

/* ---- small text helpers ------------------------------------------------- */

static bool is_hspace(char ch)
{
    return ch == ' ' || ch == '\t';
}

static bool is_alpha(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

bool tact__rd_ieq(const char *s, size_t n, const char *w)
{
    size_t i = 0;
    for (; i < n && w[i]; i++) {
        char a = s[i], b = w[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z')
            b = (char)(b - 'A' + 'a');
        if (a != b)
            return false;
    }
    return i == n && w[i] == '\0';
}

static bool in_set(const char *s, size_t n, const char *const *set)
{
    for (size_t i = 0; set[i]; i++)
        if (tact__rd_ieq(s, n, set[i]))
            return true;
    return false;
}

bool tact__rd_possessive(const char *s, size_t n, size_t *plen)
{
    if (n >= 3 && (s[n - 1] == 's' || s[n - 1] == 'S') && s[n - 2] == '\'') {
        *plen = 2;
        return true;
    }
    if (n >= 5 && (s[n - 1] == 's' || s[n - 1] == 'S') && memcmp(s + n - 4, "\xE2\x80\x99", 3) == 0) {
        *plen = 4;
        return true;
    }
    return false;
}

/* Length of a possessive 's / ’s starting at off and ending a word, or 0. */
static size_t possessive_at(const char *t, size_t len, size_t off)
{
    size_t p = 0;
    if (off + 2 <= len && t[off] == '\'')
        p = 1;
    else if (off + 4 <= len && memcmp(t + off, "\xE2\x80\x99", 3) == 0)
        p = 3;
    if (!p || (t[off + p] != 's' && t[off + p] != 'S'))
        return 0;
    if (off + p + 1 < len && is_alpha(t[off + p + 1]))
        return 0;
    return p + 1;
}

size_t tact__rd_word_before(const rd_ctx *c, size_t off, size_t *wn)
{
    size_t i = off;
    while (i > 0 && is_hspace(c->text[i - 1]))
        i--;
    size_t e = i;
    while (i > 0 && is_alpha(c->text[i - 1]))
        i--;
    *wn = e - i;
    if (e == i || (i > 0 && (unsigned char)c->text[i - 1] >= 0x80))
        return SIZE_MAX;
    return i;
}

int tact__rd_gender_near(const rd_ctx *c, size_t off)
{
    static const char *const fem[] = {"she", "her", "hers", "herself", "mum", "mother",
                                      "daughter", "girl", "sister", "wife", "nan", "gran", NULL};
    static const char *const mal[] = {"he", "him", "his", "himself", "dad", "father", "son",
                                      "boy", "brother", "husband", "grandad", NULL};
    const tact_scanner *sc = c->sc;
    size_t i = tact__tok_after(sc, off);
    for (size_t k = 0; i < sc->ntoks && k < 24; i++, k++) {
        if (sc->toks[i].kind != TACT__TOK_WORD)
            continue;
        size_t n;
        const char *w = tact__tok_norm(sc, i, &n);
        if (in_set(w, n, fem))
            return RD_G_FEMALE;
        if (in_set(w, n, mal))
            return RD_G_MALE;
    }
    return RD_G_ANY;
}

/* ---- entities ------------------------------------------------------------- */

typedef struct rd_entity {
    uint32_t group; /* index into groups[] */
    uint32_t nth;
} rd_entity;

typedef struct rd_slot {
    uint64_t h;
    uint32_t koff, klen;
    uint32_t tag;    /* group, or group + 0x10000 for a word of a person's name */
    uint32_t entity; /* index + 1; 0 = empty */
} rd_slot;

#define RD_MAX_GROUPS 32

typedef struct rd_groups {
    const char *ph[RD_MAX_GROUPS];
    uint32_t count[RD_MAX_GROUPS];
    uint32_t n;
} rd_groups;

typedef struct rd_table {
    rd_slot *slots;
    size_t mask;
    tact__buf *keys;
    const tact__alloc *a;
} rd_table;

static bool is_person(tact_type t)
{
    return t == TACT_TYPE_PERSON || t == TACT_TYPE_PROTECTED_PERSON;
}

static rd_slot *table_find(rd_table *tb, uint32_t tag, const char *k, size_t n, uint64_t h)
{
    for (size_t i = (size_t)h & tb->mask;; i = (i + 1) & tb->mask) {
        rd_slot *s = &tb->slots[i];
        if (!s->entity)
            return s;
        if (s->h == h && s->tag == tag && s->klen == n && memcmp(tb->keys->p + s->koff, k, n) == 0)
            return s;
    }
}

static int table_put(rd_table *tb, rd_slot *s, uint32_t tag, const char *k, size_t n, uint64_t h,
                     uint32_t entity)
{
    size_t off = tb->keys->len;
    if (tact__buf_put(tb->a, tb->keys, k, n))
        return TACT_ENOMEM;
    s->h = h;
    s->koff = (uint32_t)off;
    s->klen = (uint32_t)n;
    s->tag = tag;
    s->entity = entity + 1;
    return TACT_OK;
}

static const char *const titles[] = {"mr", "mrs", "ms", "miss", "mx", "dr", "master", "the",
                                     "sir", "dame", "lady", "lord", "prof", "rev", NULL};
static const char *const family_words[] = {"family", "kids", "children", "boys", "girls", "lot",
                                           "household", "twins", "siblings", NULL};

/*
 * The comparison key of an item: for names, the normalised words without
 * titles, family nouns and possessives, separated by spaces; for anything
 * else, the normalised letters and digits only ("07700 900123" and
 * "07700900123" are one number). Word boundaries of a name go to wstart[].
 */
static int item_key(rd_ctx *c, const rd_item *it, tact__buf *k, size_t *nwords, size_t *first_len,
                    size_t *last_off)
{
    tact_scanner *sc = c->sc;
    bool person = is_person(it->type);
    k->len = 0;
    *nwords = 0;
    *first_len = 0;
    *last_off = 0;
    for (size_t i = tact__tok_after(sc, it->start); i < sc->ntoks && sc->toks[i].start < it->end;
         i++) {
        const tact__token *t = &sc->toks[i];
        if (t->kind == TACT__TOK_PUNCT || t->kind == TACT__TOK_EMOJI || t->kind == TACT__TOK_POSS)
            continue;
        size_t n;
        const char *w = tact__tok_norm(sc, i, &n);
        if (person) {
            size_t pl;
            if (tact__rd_possessive(w, n, &pl))
                n -= pl;
            while (n && w[n - 1] == '\'')
                n--;
            if (!n || in_set(w, n, titles) || in_set(w, n, family_words))
                continue;
            if (*nwords && tact__buf_putc(&sc->a, k, ' '))
                return TACT_ENOMEM;
            *last_off = k->len;
            if (tact__buf_put(&sc->a, k, w, n))
                return TACT_ENOMEM;
            if (*nwords == 0)
                *first_len = n;
            ++*nwords;
        } else {
            for (size_t j = 0; j < n; j++)
                if ((unsigned char)w[j] >= 0x80 || is_alpha(w[j]) || (w[j] >= '0' && w[j] <= '9'))
                    if (tact__buf_putc(&sc->a, k, w[j]))
                        return TACT_ENOMEM;
        }
    }
    if (k->len == 0) /* nothing normalisable: use the raw span */
        return tact__buf_put(&sc->a, k, c->text + it->start, it->end - it->start);
    return TACT_OK;
}

static uint32_t group_of(rd_groups *g, tact_type t)
{
    const tact__type_info *ti = tact__type_info_get(t);
    const char *ph = ti ? ti->placeholder : "[REDACTED]";
    for (uint32_t i = 0; i < g->n; i++)
        if (g->ph[i] == ph || strcmp(g->ph[i], ph) == 0)
            return i;
    if (g->n == RD_MAX_GROUPS)
        return 0;
    g->ph[g->n] = ph;
    g->count[g->n] = 0;
    return g->n++;
}

static int assign_entities(rd_ctx *c, rd_item *items, size_t n, rd_groups *g)
{
    tact_scanner *sc = c->sc;
    size_t cap = 16;
    while (cap < n * 8 + 16)
        cap <<= 1;
    rd_table tb = {tact__scratch(sc, cap * sizeof(rd_slot)), cap - 1, NULL, &sc->a};
    rd_entity *ents = tact__scratch(sc, (n ? n : 1) * sizeof *ents);
    tact__buf keys = {NULL, 0, 0}, k = {NULL, 0, 0};
    uint32_t nents = 0;
    int rc = TACT_ENOMEM;
    if (!tb.slots || !ents)
        return TACT_ENOMEM;
    memset(tb.slots, 0, cap * sizeof(rd_slot));
    tb.keys = &keys;
    for (size_t i = 0; i < n; i++) {
        rd_item *it = &items[i];
        uint32_t grp = group_of(g, it->type);
        size_t nw, flen, loff;
        if (item_key(c, it, &k, &nw, &flen, &loff))
            goto done;
        uint64_t h = tact__hash(k.p, k.len);
        rd_slot *s = table_find(&tb, grp, k.p, k.len, h);
        uint32_t e = UINT32_MAX;
        if (s->entity) {
            e = s->entity - 1;
        } else if (is_person(it->type)) {
            /* a lone name joins the full name it is part of, and a full
             * name joins an earlier lone first name */
            const char *w = k.p;
            size_t wn = nw > 1 ? flen : k.len;
            rd_slot *ws = table_find(&tb, grp + 0x10000, w, wn, tact__hash(w, wn));
            if (ws->entity)
                e = ws->entity - 1;
            else if (nw > 1) {
                rd_slot *ls = table_find(&tb, grp + 0x10000, k.p + loff, k.len - loff,
                                         tact__hash(k.p + loff, k.len - loff));
                if (ls->entity)
                    e = ls->entity - 1;
            }
        }
        bool fresh = e == UINT32_MAX;
        if (fresh) {
            e = nents++;
            ents[e].group = grp;
            ents[e].nth = ++g->count[grp];
        }
        if (!s->entity && table_put(&tb, s, grp, k.p, k.len, h, e))
            goto done;
        if (is_person(it->type) && nw > 1) {
            /* register first and last words so lone mentions find this one */
            size_t offs[2] = {0, loff}, lens[2] = {flen, k.len - loff};
            for (int j = 0; j < 2; j++) {
                uint64_t wh = tact__hash(k.p + offs[j], lens[j]);
                rd_slot *ws = table_find(&tb, grp + 0x10000, k.p + offs[j], lens[j], wh);
                if (!ws->entity && table_put(&tb, ws, grp + 0x10000, k.p + offs[j], lens[j], wh, e))
                    goto done;
            }
        } else if (is_person(it->type) && fresh) {
            rd_slot *ws = table_find(&tb, grp + 0x10000, k.p, k.len, h);
            if (!ws->entity && table_put(&tb, ws, grp + 0x10000, k.p, k.len, h, e))
                goto done;
        }
        it->entity = e;
        it->nth = ents[e].nth;
        it->first_mention = fresh;
    }
    rc = TACT_OK;
done:
    tact__buf_free(&sc->a, &keys);
    tact__buf_free(&sc->a, &k);
    return rc;
}

/* ---- further mentions ------------------------------------------------------ */

typedef struct rd_name {
    const char *w;
    size_t n;
    tact_type type;
} rd_name;

static int cmp_item(const void *pa, const void *pb)
{
    const rd_item *a = pa, *b = pb;
    return a->start < b->start ? -1 : (a->start > b->start);
}

/*
 * A name found once is the same name everywhere: "Kelly Marsh ... kelly's
 * nan ... KELLY" are one entity, even where the detectors only saw it once.
 * Other mentions of a found person's (or place's) words become items too.
 * A word that is also an ordinary English word ("Will", "Rose") is taken
 * only when capitalised and not first in its sentence.
 */
static int add_mentions(rd_ctx *c, rd_item **pitems, size_t *pn)
{
    tact_scanner *sc = c->sc;
    rd_item *items = *pitems;
    size_t n = *pn;
    rd_name names[64];
    size_t nn = 0;
    for (size_t i = 0; i < n && nn < 64; i++) {
        if (!is_person(items[i].type) && items[i].type != TACT_TYPE_LOCATION)
            continue;
        for (size_t k = tact__tok_after(sc, items[i].start);
             k < sc->ntoks && sc->toks[k].start < items[i].end && nn < 64; k++) {
            const tact__token *t = &sc->toks[k];
            size_t wn;
            const char *w = tact__tok_norm(sc, k, &wn);
            if (t->kind != TACT__TOK_WORD || wn < 2 || in_set(w, wn, titles) ||
                in_set(w, wn, family_words) || (t->lex & (TACT__LX_STOP | TACT__LX_KIN)) ||
                (t->shape & TACT__SH_LOWER))
                continue;
            names[nn++] = (rd_name){w, wn, is_person(items[i].type) ? TACT_TYPE_PERSON
                                                                    : TACT_TYPE_LOCATION};
        }
    }
    if (!nn)
        return TACT_OK;
    size_t extra = 0;
    for (int pass = 0; pass < 2; pass++) {
        size_t j = 0, added = 0;
        for (size_t k = 0; k < sc->ntoks; k++) {
            const tact__token *t = &sc->toks[k];
            if (t->kind != TACT__TOK_WORD)
                continue;
            while (j < n && items[j].end <= t->start)
                j++;
            if (j < n && items[j].start < t->end)
                continue; /* already inside a finding */
            size_t wn;
            const char *w = tact__tok_norm(sc, k, &wn);
            const rd_name *hit = NULL;
            for (size_t q = 0; q < nn && !hit; q++)
                if (names[q].n == wn && memcmp(names[q].w, w, wn) == 0)
                    hit = &names[q];
            if (!hit)
                continue;
            bool capital = (t->shape & (TACT__SH_INITCAP | TACT__SH_ALLCAP)) != 0;
            bool name_word = (t->lex & (TACT__LX_FIRST | TACT__LX_SURNAME)) != 0;
            if ((t->lex & TACT__LX_DICT) && !name_word &&
                (!capital || (t->shape & TACT__SH_SENT_START)))
                continue;
            if (hit->type == TACT_TYPE_LOCATION && !capital)
                continue;
            if (pass == 1) {
                rd_item *it = &items[n + added];
                memset(it, 0, sizeof *it);
                it->start = it->rstart = t->start;
                it->end = it->rend = t->end;
                it->type = hit->type;
            }
            added++;
        }
        if (pass == 0) {
            if (!added)
                return TACT_OK;
            extra = added;
            rd_item *grown = tact__scratch(sc, (n + extra) * sizeof *grown);
            if (!grown)
                return TACT_ENOMEM;
            if (n)
                memcpy(grown, items, n * sizeof *items);
            items = grown;
        }
    }
    n += extra;
    qsort(items, n, sizeof *items, cmp_item);
    *pitems = items;
    *pn = n;
    return TACT_OK;
}

/* ---- mask ------------------------------------------------------------------ */

static int mask_one(const rd_item *it, tact__buf *out, const tact__alloc *a)
{
    const tact__type_info *ti = tact__type_info_get(it->type);
    const char *ph = ti ? ti->placeholder : "[REDACTED]";
    size_t n = strlen(ph);
    char num[24];
    int k = snprintf(num, sizeof num, " %u]", (unsigned)it->nth);
    /* ages and dates are attributes, not entities: "[AGE 1]" would also
     * read as an age to a detector */
    if (it->type == TACT_TYPE_AGE || it->type == TACT_TYPE_DATE_OF_BIRTH ||
        it->type == TACT_TYPE_GEO_COORDINATES)
        return tact__buf_puts(a, out, ph);
    if (n && ph[n - 1] == ']')
        n--;
    if (tact__buf_put(a, out, ph, n) || tact__buf_put(a, out, num, (size_t)k))
        return TACT_ENOMEM;
    return TACT_OK;
}

/* ---- remove, tidying ------------------------------------------------------------- */

/* The byte before position p of the output as it will read: from the
 * original when p is past the previous replacement, else the output so far. */
static char left_char(const rd_ctx *c, size_t p, const tact__buf *out)
{
    if (p > c->prev_end)
        return c->text[p - 1];
    return out->len ? out->p[out->len - 1] : '\0';
}

static bool dangling_prep(const char *w, size_t n, tact_type t)
{
    static const char *const loc[] = {"at", "in", "near", "from", "on", "to", "via", "of", "by",
                                      "around", NULL};
    static const char *const end[] = {"at", "in", "near", "from", "on", "to", "via", "of", "by",
                                      "with", "for", "called", "named", "is", "number", "around",
                                      NULL};
    (void)t;
    return in_set(w, n, end) || in_set(w, n, loc);
}

static bool place_like(tact_type t)
{
    return t == TACT_TYPE_LOCATION || t == TACT_TYPE_ADDRESS || t == TACT_TYPE_POSTCODE ||
           t == TACT_TYPE_SCHOOL || t == TACT_TYPE_ORGANISATION || t == TACT_TYPE_GEO_COORDINATES;
}

/* Widen a removal over the label words before it ("DOB:", "NHS number",
 * "Mr and" before "Mrs Khan"), which mean nothing once the value is gone. */
static size_t take_labels(const rd_ctx *c, size_t L, tact_type type)
{
    static const char *const dob[] = {"dob", "born", "birth", "of", "date", "birthday", NULL};
    static const char *const nhs[] = {"nhs", "no", "number", NULL};
    static const char *const ni[] = {"ni", "nino", "no", "number", "insurance", "national", NULL};
    static const char *const ref[] = {"case", "ref", "reference", "no", "number", "crn", NULL};
    static const char *const tel[] = {"tel", "phone", "mob", "mobile", "number", "no", NULL};
    static const char *const mail[] = {"email", "e-mail", "mail", NULL};
    static const char *const age[] = {"aged", "age", NULL};
    const char *const *set = NULL;
    switch (type) {
    case TACT_TYPE_DATE_OF_BIRTH: set = dob; break;
    case TACT_TYPE_NHS_NUMBER: set = nhs; break;
    case TACT_TYPE_NI_NUMBER: set = ni; break;
    case TACT_TYPE_CASE_REFERENCE: set = ref; break;
    case TACT_TYPE_PHONE: set = tel; break;
    case TACT_TYPE_EMAIL: set = mail; break;
    case TACT_TYPE_AGE: set = age; break;
    default: break;
    }
    for (;;) {
        size_t i = L;
        while (i > c->prev_end && (is_hspace(c->text[i - 1]) || c->text[i - 1] == ':' ||
                                   c->text[i - 1] == '.'))
            i--;
        size_t wn, ws = tact__rd_word_before(c, i, &wn);
        if (ws == SIZE_MAX || ws < c->prev_end)
            return L;
        if (set && in_set(c->text + ws, wn, set)) {
            L = ws;
            continue;
        }
        if (is_person(type) && tact__rd_ieq(c->text + ws, wn, "and")) {
            size_t tn, ts = tact__rd_word_before(c, ws, &tn);
            if (ts != SIZE_MAX && ts >= c->prev_end && in_set(c->text + ts, tn, titles) &&
                !tact__rd_ieq(c->text + ts, tn, "the"))
                return ts;
        }
        return L;
    }
}

size_t tact__rd_labels(const rd_ctx *c, size_t L, tact_type type)
{
    return take_labels(c, L, type);
}

static int remove_one(rd_ctx *c, rd_item *it, tact__buf *out)
{
    const char *t = c->text;
    size_t L = take_labels(c, it->start, it->type), R = it->end;
    /* a name's possessive goes with it */
    size_t pl = possessive_at(t, c->len, R);
    if (is_person(it->type) && pl)
        R += pl;
    /* #tag and @ prefixes go with the word */
    if (L > c->prev_end && (t[L - 1] == '#' || t[L - 1] == '@'))
        L--;
    while (L > c->prev_end && is_hspace(t[L - 1]))
        L--;
    while (R < c->len && is_hspace(t[R]))
        R++;
    char lc = left_char(c, L, out), rc = R < c->len ? t[R] : '\0';
    /* "( )" and "[ ]" left empty go too */
    if ((lc == '(' && rc == ')') || (lc == '[' && rc == ']')) {
        if (L > c->prev_end) {
            L--;
            R++;
            while (L > c->prev_end && is_hspace(t[L - 1]))
                L--;
            while (R < c->len && is_hspace(t[R]))
                R++;
            lc = left_char(c, L, out);
            rc = R < c->len ? t[R] : '\0';
        }
    }
    bool lstart = lc == '\0' || lc == '\n' || lc == '(' || lc == '[';
    bool lpunct = lc == ',' || lc == ';' || lc == ':' || lc == '.' || lc == '!' || lc == '?' ||
                  lc == '-';
    /* a separator with nothing before it goes: ", aged 14" at the start */
    while ((rc == ',' || rc == ';' || rc == ':') && (lstart || lpunct)) {
        R++;
        while (R < c->len && is_hspace(t[R]))
            R++;
        rc = R < c->len ? t[R] : '\0';
    }
    bool rend = rc == '\0' || rc == '\n' || rc == '\r' || rc == '.' || rc == ',' || rc == ';' ||
                rc == ':' || rc == '!' || rc == '?' || rc == ')' || rc == ']';
    /* a preposition left hanging goes too: "lives in ." / "placement in since" */
    size_t wn, ws = tact__rd_word_before(c, L, &wn);
    if (ws != SIZE_MAX && ws >= c->prev_end && (rend || place_like(it->type)) &&
        dangling_prep(t + ws, wn, it->type) && (ws == 0 || !is_alpha(t[ws - 1]))) {
        L = ws;
        while (L > c->prev_end && is_hspace(t[L - 1]))
            L--;
        lc = left_char(c, L, out);
        lstart = lc == '\0' || lc == '\n' || lc == '(' || lc == '[';
    }
    /* a comma before the end of a sentence: "met Jo, ." */
    if (rend && rc != ',' && rc != '\0' && rc != '\n' && L > c->prev_end && t[L - 1] == ',') {
        L--;
        while (L > c->prev_end && is_hspace(t[L - 1]))
            L--;
    }
    it->rstart = L;
    it->rend = R;
    if (!lstart && !rend && (L < it->start || R > it->end))
        return tact__buf_putc(&c->sc->a, out, ' ');
    return TACT_OK;
}

/* ---- the driver ---------------------------------------------------------------------- */

static int put_valid(tact_scanner *sc, tact__buf *out, const char *s, size_t n, bool replace)
{
    if (!replace)
        return tact__buf_put(&sc->a, out, s, n);
    size_t i = 0;
    while (i < n) {
        size_t bad = tact__utf8_validate(s + i, n - i);
        if (tact__buf_put(&sc->a, out, s + i, bad))
            return TACT_ENOMEM;
        i += bad;
        if (i < n) {
            if (tact__buf_put(&sc->a, out, "\xEF\xBF\xBD", 3))
                return TACT_ENOMEM;
            int32_t cp;
            i += tact__utf8_decode((const unsigned char *)s, n, i, &cp);
        }
    }
    return TACT_OK;
}

static bool rewritten(const tact_finding *f)
{
    return f->category != TACT_CAT_CONDUCT && !(f->flags & TACT_FINDING_PUBLIC_FIGURE);
}

static int derive_key(rd_ctx *c, const tact_redact_options *o)
{
    /* with no key, a key from the document itself: consistent within the
     * document, different across documents, and not reversible from the
     * output by trying every name */
    static const char tag[] = "tact-pseudonym-key";
    uint64_t a = tact__rd_siphash(0x736f6d6570736575ull, 0x646f72616e646f6dull, tag, sizeof tag - 1);
    uint64_t b = a ^ 0x6c7967656e657261ull;
    const char *k = o->key ? o->key : c->text;
    size_t n = o->key ? o->key_len : c->len;
    c->k0 = tact__rd_siphash(a, b, k, n);
    c->k1 = tact__rd_siphash(b, a, k, n);
    return TACT_OK;
}

int tact_redact(tact_scanner *sc, const char *text, size_t len, const tact_redact_options *opts,
                char *buf, size_t cap, size_t *needed, tact_error *err)
{
    tact_redact_options defaults = TACT_REDACT_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    if (!sc || (!text && len) || (!buf && cap))
        return tact__err(err, TACT_EINVAL, SIZE_MAX, "invalid argument");
    if (opts->version != TACT_REDACT_OPTIONS_VERSION)
        return tact__err(err, TACT_EVERSION, SIZE_MAX, "redact options version %u not supported",
                         opts->version);
    if ((unsigned)opts->mode > (unsigned)TACT_REDACT_GENERALISE ||
        (opts->flags & ~(unsigned)TACT_SCAN_REPLACE_INVALID) || (!opts->key && opts->key_len))
        return tact__err(err, TACT_EINVAL, SIZE_MAX, "invalid redact options");
    sc->nrepl = 0;
    const tact_result *res;
    int rc = tact_scanner_scan(sc, text ? text : "", len, opts->flags, &res, err);
    if (rc != TACT_OK)
        return rc;
    text = sc->text;
    bool replace = (opts->flags & TACT_SCAN_REPLACE_INVALID) != 0;

    rd_ctx c;
    memset(&c, 0, sizeof c);
    c.sc = sc;
    c.text = text;
    c.len = len;
    c.mode = opts->mode;
    derive_key(&c, opts);

    size_t n = 0;
    for (size_t i = 0; i < res->count; i++)
        n += rewritten(&res->findings[i]);
    rd_item *items = tact__scratch(sc, (n ? n : 1) * sizeof *items);
    size_t *roff = tact__scratch(sc, (n ? n : 1) * sizeof *roff);
    if (!items || !roff)
        goto oom;
    n = 0;
    for (size_t i = 0; i < res->count; i++) {
        const tact_finding *f = &res->findings[i];
        if (!rewritten(f))
            continue;
        rd_item *it = &items[n++];
        memset(it, 0, sizeof *it);
        it->start = it->rstart = f->start;
        it->end = it->rend = f->end;
        it->type = f->type;
        /* keep a possessive outside the replacement: "[NAME 1]'s" */
        size_t pl;
        if (is_person(f->type) && tact__rd_possessive(text + f->start, f->end - f->start, &pl) &&
            f->end - f->start > pl)
            it->end = it->rend = f->end - pl;
    }
    if ((rc = add_mentions(&c, &items, &n)) != TACT_OK)
        goto fail;
    roff = tact__scratch(sc, (n ? n : 1) * sizeof *roff);
    if (!roff)
        goto oom;
    rd_groups groups;
    memset(&groups, 0, sizeof groups);
    if ((rc = assign_entities(&c, items, n, &groups)) != TACT_OK)
        goto fail;

    c.ent_noun = tact__scratch(sc, (n ? n : 1) * sizeof *c.ent_noun);
    if (!c.ent_noun)
        goto oom;
    memset((void *)c.ent_noun, 0, (n ? n : 1) * sizeof *c.ent_noun);
    c.nents = n;
    tact__buf *out = &sc->redact_out;
    tact__buf *rt = &sc->repl_text;
    out->len = 0;
    rt->len = 0;
    if (n && tact__grow(&sc->a, (void **)&sc->repl, &sc->repl_cap, n, sizeof *sc->repl))
        goto oom;
    c.prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        rd_item *it = &items[i];
        if (it->start < c.prev_end) /* cannot happen: identifiers do not overlap */
            continue;
        size_t mark = rt->len;
        switch (c.mode) {
        case TACT_REDACT_MASK: rc = mask_one(it, rt, &sc->a); break;
        case TACT_REDACT_REMOVE: rc = remove_one(&c, it, rt); break;
        case TACT_REDACT_PSEUDONYMISE: rc = tact__rd_pseudonym(&c, it, rt); break;
        case TACT_REDACT_GENERALISE: rc = tact__rd_general(&c, it, rt); break;
        }
        if (rc != TACT_OK)
            goto fail;
        if (it->rstart < c.prev_end)
            it->rstart = c.prev_end;
        if (put_valid(sc, out, text + c.prev_end, it->rstart - c.prev_end, replace) ||
            tact__buf_put(&sc->a, out, rt->p ? rt->p + mark : "", rt->len - mark) ||
            tact__buf_putc(&sc->a, rt, '\0'))
            goto oom;
        tact_replacement *r = &sc->repl[sc->nrepl];
        r->start = it->rstart;
        r->end = it->rend;
        r->type = it->type;
        roff[sc->nrepl++] = mark;
        c.prev_end = it->rend;
        c.prev_type = it->type;
    }
    if (put_valid(sc, out, text + c.prev_end, len - c.prev_end, replace))
        goto oom;
    for (size_t i = 0; i < sc->nrepl; i++)
        sc->repl[i].replacement = rt->p + roff[i];
    tact__rd_ctx_free(&c);
    sc->redacted = true;
    sc->redact_mode = c.mode;
    if (needed)
        *needed = out->len;
    if (cap < out->len) {
        if (cap)
            buf[0] = '\0';
        return tact__err(err, TACT_ERANGE, SIZE_MAX, "the safe text needs %zu bytes", out->len + 1);
    }
    if (out->len)
        memcpy(buf, out->p, out->len);
    if (cap > out->len)
        buf[out->len] = '\0';
    return TACT_OK;
oom:
    rc = TACT_ENOMEM;
fail:
    sc->nrepl = 0;
    tact__rd_ctx_free(&c);
    return tact__err(err, rc, SIZE_MAX, "%s", tact_strerror(rc));
}

const tact_replacement *tact_redact_replacements(const tact_scanner *sc, size_t *count)
{
    if (count)
        *count = sc ? sc->nrepl : 0;
    return sc && sc->nrepl ? sc->repl : NULL;
}
