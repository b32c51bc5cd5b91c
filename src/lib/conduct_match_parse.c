/*
 * conduct_match_parse.c - reading pattern lists (syntax in conduct.h) into
 * the matcher's trie: word classes, choices, optional parts and gaps.
 */
#include "conduct_match.h"

#include <stdio.h>

#define MAX_ATOMS 4096
#define MAX_ELEMS 48
#define MAX_ALTS 2048
#define MAX_CLASSES 64
#define MAX_EXPANDED 32768

/* ---- parsing ---------------------------------------------------------- */

#define ATOM_WORD 0
#define ATOM_GAP 1
#define ATOM_LONG_GAP 2

typedef struct parsed {
    char buf[MAX_EXPANDED]; /* the pattern with its word classes written out */
    uint64_t key[MAX_ATOMS];
    uint8_t kind[MAX_ATOMS];
    uint8_t angle[MAX_ATOMS]; /* written <...>: a class such as <num> or a word class */
    uint16_t alt_first[MAX_ALTS], alt_n[MAX_ALTS]; /* atoms of each alternative */
    uint16_t elem_first[MAX_ELEMS], elem_n[MAX_ELEMS]; /* alternatives of each element */
    size_t natoms, nalts, nelems;
} parsed;

static bool pword(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static bool palpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int put_atom(parsed *p, uint8_t kind, const char *s, size_t n)
{
    if (p->natoms == MAX_ATOMS || p->nalts == 0)
        return -1;
    char low[128];
    if (n >= sizeof low)
        return -1;
    for (size_t i = 0; i < n; i++)
        low[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
    p->kind[p->natoms] = kind;
    p->angle[p->natoms] = n > 1 && s[0] == '<';
    p->key[p->natoms] = kind == ATOM_WORD ? tact__hash(low, n) : 0;
    p->natoms++;
    p->alt_n[p->nalts - 1]++;
    return 0;
}

static int new_alt(parsed *p)
{
    if (p->nalts == MAX_ALTS || p->nelems == 0)
        return -1;
    p->alt_first[p->nalts] = (uint16_t)p->natoms;
    p->alt_n[p->nalts] = 0;
    p->nalts++;
    p->elem_n[p->nelems - 1]++;
    return 0;
}

static int new_elem(parsed *p)
{
    if (p->nelems == MAX_ELEMS)
        return -1;
    p->elem_first[p->nelems] = (uint16_t)p->nalts;
    p->elem_n[p->nelems] = 0;
    p->nelems++;
    return new_alt(p);
}

/* Split a chunk of pattern text the way the tokenizer splits a post: words
 * joined across inner apostrophes and hyphens, a final 's split off, every
 * other ASCII punctuation character a token of its own. */
static int put_words_ascii(parsed *p, const char *s, size_t n);

/* The tokenizer reads a curly apostrophe (U+2018, U+2019) as "'" (a post's
 * "there’s" is the tokens "there" and "'s"): a pattern written with one is
 * read the same way, or it could never match (conduct15). */
static int put_words(parsed *p, const char *s, size_t n)
{
    char buf[128];
    size_t k = 0;
    bool curly = false;
    for (size_t i = 0; i < n; i++) {
        if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x98 || (unsigned char)s[i + 2] == 0x99)) {
            curly = true;
            break;
        }
    }
    if (!curly)
        return put_words_ascii(p, s, n);
    for (size_t i = 0; i < n; i++) {
        if (k == sizeof buf)
            return -1;
        if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x98 || (unsigned char)s[i + 2] == 0x99)) {
            buf[k++] = '\'';
            i += 2;
            continue;
        }
        buf[k++] = s[i];
    }
    return put_words_ascii(p, buf, k);
}

static int put_words_ascii(parsed *p, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == '<') {
            size_t e = i;
            while (e < n && s[e] != '>')
                e++;
            if (e == n)
                return -1;
            if (put_atom(p, ATOM_WORD, s + i, e + 1 - i))
                return -1;
            i = e + 1;
            continue;
        }
        if (c == '\'' && i + 1 < n && (s[i + 1] == 's' || s[i + 1] == 'S') &&
            (i + 2 == n || !pword((unsigned char)s[i + 2]))) {
            if (put_atom(p, ATOM_WORD, s + i, 2))
                return -1;
            i += 2;
            continue;
        }
        /* "#burnout" is one token in a post, as the tokenizer reads a hashtag */
        bool tag = c == '#' && i + 1 < n && palpha((unsigned char)s[i + 1]);
        if (!pword(c) && !tag) {
            if (put_atom(p, ATOM_WORD, s + i, 1))
                return -1;
            i++;
            continue;
        }
        size_t e = i + tag;
        for (;;) {
            while (e < n && pword((unsigned char)s[e]))
                e++;
            if (e + 1 < n && (s[e] == '\'' || s[e] == '-') && palpha((unsigned char)s[e - 1]) &&
                palpha((unsigned char)s[e + 1])) {
                if (s[e] == '\'' && (s[e + 1] == 's' || s[e + 1] == 'S') &&
                    (e + 2 >= n || !pword((unsigned char)s[e + 2])))
                    break;
                e++;
                continue;
            }
            break;
        }
        if (put_atom(p, ATOM_WORD, s + i, e - i))
            return -1;
        i = e;
    }
    return 0;
}

/* What may follow "*", "**" or "_" for it to be a gap or any word rather
 * than part of a word: a space, or the end of an alternative or choice. */
static bool atom_end(char c)
{
    return c == ' ' || c == '\t' || c == '|' || c == '}' || c == ']';
}

static int parse_pattern(parsed *p, const char *s, size_t n)
{
    p->natoms = p->nalts = p->nelems = 0;
    size_t i = 0;
    bool in_group = false;
    char close = 0;
    while (i < n) {
        char c = s[i];
        if (c == ' ' || c == '\t') {
            i++;
            continue;
        }
        if (c == '{' || c == '[') {
            if (in_group || new_elem(p))
                return -1;
            in_group = true;
            close = c == '{' ? '}' : ']';
            if (c == '[' && new_alt(p)) /* the empty alternative */
                return -1;
            i++;
            continue;
        }
        if (c == '|') {
            if (!in_group || new_alt(p))
                return -1;
            i++;
            continue;
        }
        if (c == '}' || c == ']') {
            if (!in_group || c != close)
                return -1;
            in_group = false;
            i++;
            continue;
        }
        if (!in_group && new_elem(p))
            return -1;
        if (c == '*' && i + 1 < n && s[i + 1] == '*' && (i + 2 == n || atom_end(s[i + 2]))) {
            if (put_atom(p, ATOM_LONG_GAP, s + i, 2))
                return -1;
            i += 2;
            continue;
        }
        if (c == '*' && (i + 1 == n || atom_end(s[i + 1]))) {
            if (put_atom(p, ATOM_GAP, s + i, 1))
                return -1;
            i++;
            continue;
        }
        if (c == '_' && (i + 1 == n || atom_end(s[i + 1]))) {
            if (put_atom(p, ATOM_WORD, "<any>", 5))
                return -1;
            i++;
            continue;
        }
        size_t e = i;
        while (e < n && s[e] != ' ' && s[e] != '\t' && s[e] != '{' && s[e] != '}' && s[e] != '[' &&
               s[e] != ']' && s[e] != '|')
            e++;
        if (put_words(p, s + i, e - i))
            return -1;
        i = e;
    }
    if (in_group || p->natoms == 0)
        return -1;
    /* a gap may not start or end a pattern */
    if (p->kind[0] != ATOM_WORD || p->kind[p->natoms - 1] != ATOM_WORD)
        return -1;
    return 0;
}

static int insert(const tact__alloc *a, tact__pm *pm, const parsed *p, size_t e, uint32_t node,
                  uint32_t pat)
{
    if (e == p->nelems) {
        /* accept: skip when this pattern is already accepted here */
        for (uint32_t q = pm->nodes[node].acc; q; q = pm->accs[q - 1].next)
            if (pm->accs[q - 1].pat == pat)
                return TACT_OK;
        if (pm->naccs == pm->acap) {
            uint32_t nc = pm->acap ? pm->acap * 2 : 1024;
            pm_acc *na = tact__realloc(a, pm->accs, nc * sizeof *na);
            if (!na)
                return TACT_ENOMEM;
            pm->accs = na;
            pm->acap = nc;
        }
        pm->accs[pm->naccs].pat = pat;
        pm->accs[pm->naccs].next = pm->nodes[node].acc;
        pm->nodes[node].acc = ++pm->naccs;
        return TACT_OK;
    }
    for (size_t k = 0; k < p->elem_n[e]; k++) {
        size_t alt = p->elem_first[e] + k;
        uint32_t n = node;
        for (size_t t = 0; t < p->alt_n[alt]; t++) {
            size_t at = p->alt_first[alt] + t;
            if (p->kind[at] != ATOM_WORD) {
                if (!pm->nodes[n].gap) {
                    uint32_t g;
                    int rc = tact__pm_node_new(a, pm, &g);
                    if (rc)
                        return rc;
                    pm->nodes[n].gap = g;
                }
                uint8_t max = p->kind[at] == ATOM_LONG_GAP ? MAX_LONG_GAP : MAX_GAP;
                if (pm->nodes[n].gapmax < max)
                    pm->nodes[n].gapmax = max;
                n = pm->nodes[n].gap;
            } else {
                int rc = tact__pm_edge_child(a, pm, n, p->key[at], p->angle[at], &n);
                if (rc)
                    return rc;
            }
        }
        int rc = insert(a, pm, p, e + 1, n, pat);
        if (rc)
            return rc;
    }
    return TACT_OK;
}

/* Word classes: a list may define "@name = word|two words|..." on a line of
 * its own and use @name in later patterns, as an element ("@verb him") or
 * inside a choice ("{@verb|saw}"). Classes belong to the list that defines
 * them. */
typedef struct wclass {
    const char *name, *body;
    size_t nlen, blen;
    char atom[48];  /* "<@L:name>": the class as one edge (one-word members) */
    size_t alen;    /* 0 when the class has no one-word member */
    char multi[MAX_EXPANDED / 4]; /* its members of several words, '|'-joined */
    size_t mlen;
} wclass;

static const wclass *class_find(const wclass *cl, size_t ncl, const char *s, size_t n)
{
    for (size_t k = 0; k < ncl; k++)
        if (cl[k].nlen == n && memcmp(cl[k].name, s, n) == 0)
            return &cl[k];
    return NULL;
}

static bool class_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* Write s with every @name replaced by its class body, braced outside a
 * choice. Returns the length written, or 0 on error (unknown class, too
 * long). */
static size_t expand(const wclass *cl, size_t ncl, const char *s, size_t n, char *out,
                     size_t cap)
{
    size_t o = 0;
    bool in_group = false;
    for (size_t i = 0; i < n;) {
        char c = s[i];
        if (c == '@') {
            size_t e = i + 1;
            while (e < n && class_char(s[e]))
                e++;
            const wclass *w = class_find(cl, ncl, s + i + 1, e - i - 1);
            if (!w || o + w->alen + w->mlen + 3 >= cap)
                return 0;
            if (!in_group)
                out[o++] = '{';
            memcpy(out + o, w->atom, w->alen);
            o += w->alen;
            if (w->alen && w->mlen)
                out[o++] = '|';
            memcpy(out + o, w->multi, w->mlen);
            o += w->mlen;
            if (!in_group)
                out[o++] = '}';
            i = e;
            continue;
        }
        if (c == '{' || c == '[')
            in_group = true;
        else if (c == '}' || c == ']')
            in_group = false;
        if (o + 1 >= cap)
            return 0;
        out[o++] = c;
        i++;
    }
    return o;
}

/*
 * A choice of many one-word alternatives ("{manager|boss|tm|...}") written
 * in a pattern becomes an anonymous class: one edge instead of one trie
 * branch per word (and per combination with the choices after it).
 */
#define COLLAPSE_MIN 3

/* An alternative of one plain word: not a gap, not a <num>-style class. */
static bool plain_single(const tact__pm *pm, const parsed *p, size_t alt)
{
    (void)pm;
    return p->alt_n[alt] == 1 && p->kind[p->alt_first[alt]] == ATOM_WORD &&
           !p->angle[p->alt_first[alt]];
}

static int collapse_choices(const tact__alloc *a, tact__pm *pm, parsed *p, uint32_t pat)
{
    for (size_t e = 0; e < p->nelems; e++) {
        size_t first = p->elem_first[e], n = p->elem_n[e], singles = 0;
        for (size_t k = 0; k < n; k++)
            singles += plain_single(pm, p, first + k);
        if (singles < COLLAPSE_MIN)
            continue;
        char name[64];
        int nl = snprintf(name, sizeof name, "<#%u:%u:%zu>", pm->nlists, pat, e);
        if (nl < 0 || (size_t)nl >= sizeof name)
            return TACT_EMODEL;
        uint64_t key = tact__hash(name, (size_t)nl);
        /* keep the other alternatives, then one alternative for the class */
        size_t kept = 0, class_alt = SIZE_MAX;
        for (size_t k = 0; k < n; k++) {
            size_t alt = first + k;
            if (plain_single(pm, p, alt)) {
                int rc = tact__pm_class_add(a, pm, p->key[p->alt_first[alt]], key);
                if (rc)
                    return rc;
                if (class_alt != SIZE_MAX)
                    continue;
                class_alt = first + kept;
                p->key[p->alt_first[alt]] = key;
                p->angle[p->alt_first[alt]] = 1;
            }
            p->alt_first[first + kept] = p->alt_first[alt];
            p->alt_n[first + kept] = p->alt_n[alt];
            kept++;
        }
        p->elem_n[e] = (uint16_t)kept;
    }
    return TACT_OK;
}

/*
 * Split a class's members: those the tokenizer reads as one word become
 * members of the class atom (no trie nodes at all); the others are written
 * out as alternatives, as before.
 */
static int class_define(const tact__alloc *a, tact__pm *pm, wclass *w, parsed *scratch)
{
    int n = snprintf(w->atom, sizeof w->atom, "<@%u:%.*s>", pm->nlists, (int)w->nlen, w->name);
    if (n < 0 || (size_t)n >= sizeof w->atom)
        return TACT_EMODEL;
    uint64_t key = tact__hash(w->atom, (size_t)n);
    w->alen = 0;
    w->mlen = 0;
    const char *m = w->body, *end = w->body + w->blen;
    while (m < end) {
        const char *bar = memchr(m, '|', (size_t)(end - m));
        const char *me = bar ? bar : end;
        const char *ms = m, *mt = me;
        while (ms < mt && (*ms == ' ' || *ms == '\t'))
            ms++;
        while (mt > ms && (mt[-1] == ' ' || mt[-1] == '\t'))
            mt--;
        m = bar ? bar + 1 : end;
        if (ms == mt)
            continue;
        /* one word, read exactly as a pattern word is read */
        scratch->natoms = scratch->nalts = scratch->nelems = 0;
        bool one = memchr(ms, '<', (size_t)(mt - ms)) == NULL && new_elem(scratch) == 0 &&
                   put_words(scratch, ms, (size_t)(mt - ms)) == 0 && scratch->natoms == 1 &&
                   scratch->kind[0] == ATOM_WORD;
        if (one) {
            int rc = tact__pm_class_add(a, pm, scratch->key[0], key);
            if (rc)
                return rc;
            w->alen = (size_t)n;
            continue;
        }
        size_t need = (size_t)(mt - ms) + (w->mlen ? 1 : 0);
        if (w->mlen + need >= sizeof w->multi)
            return TACT_EMODEL;
        if (w->mlen)
            w->multi[w->mlen++] = '|';
        memcpy(w->multi + w->mlen, ms, (size_t)(mt - ms));
        w->mlen += (size_t)(mt - ms);
    }
    return w->alen || w->mlen ? TACT_OK : TACT_EMODEL;
}

int tact__pm_add_list(const tact__alloc *a, tact__pm *pm, const char *data, size_t len,
                      uint8_t group, const char *const *tags, size_t ntags, size_t *bad_line)
{
    tact__pm_digest(pm, data, len, group, tags, ntags);
    if (pm->adopted)
        return TACT_OK; /* the snapshot has it; freezing checks the digest */
    wclass *cl = tact__malloc(a, MAX_CLASSES * sizeof *cl);
    if (!cl)
        return TACT_ENOMEM;
    size_t ncl = 0;
    parsed *p = tact__malloc(a, sizeof *p);
    if (!p) {
        tact__free(a, cl);
        return TACT_ENOMEM;
    }
    pm->nlists++;
    int rc = TACT_OK;
    size_t i = 0, line = 0;
    while (i < len && rc == TACT_OK) {
        size_t e = i;
        while (e < len && data[e] != '\n')
            e++;
        line++;
        size_t s = i, t = e;
        i = e + 1;
        while (s < t && (data[s] == ' ' || data[s] == '\t'))
            s++;
        while (t > s && (data[t - 1] == ' ' || data[t - 1] == '\t' || data[t - 1] == '\r'))
            t--;
        if (s == t || data[s] == '#')
            continue;
        if (data[s] == '@') {
            size_t ne = s + 1;
            while (ne < t && class_char(data[ne]))
                ne++;
            size_t b = ne;
            while (b < t && (data[b] == ' ' || data[b] == '\t'))
                b++;
            if (ne == s + 1 || b == t || data[b] != '=' || ncl == MAX_CLASSES) {
                *bad_line = line;
                rc = TACT_EMODEL;
                break;
            }
            b++;
            while (b < t && (data[b] == ' ' || data[b] == '\t'))
                b++;
            /* classes do not nest: keep the grammar flat */
            if (memchr(data + b, '@', t - b) || memchr(data + b, '{', t - b) ||
                memchr(data + b, '[', t - b)) {
                *bad_line = line;
                rc = TACT_EMODEL;
                break;
            }
            cl[ncl].name = data + s + 1;
            cl[ncl].nlen = ne - s - 1;
            cl[ncl].body = data + b;
            cl[ncl].blen = t - b;
            if ((rc = class_define(a, pm, &cl[ncl], p)) != TACT_OK) {
                if (rc == TACT_EMODEL)
                    *bad_line = line;
                break;
            }
            ncl++;
            continue;
        }
        size_t colon = s;
        while (colon < t && data[colon] != ':')
            colon++;
        size_t tag = ntags;
        for (size_t k = 0; k < ntags && colon < t; k++)
            if (strlen(tags[k]) == colon - s && memcmp(tags[k], data + s, colon - s) == 0)
                tag = k;
        size_t xn = tag == ntags ? 0
                                 : expand(cl, ncl, data + colon + 1, t - colon - 1, p->buf,
                                          sizeof p->buf);
        if (tag == ntags || xn == 0 || parse_pattern(p, p->buf, xn)) {
            *bad_line = line;
            rc = TACT_EMODEL;
            break;
        }
        if (pm->npats == pm->pcap) {
            uint32_t nc = pm->pcap ? pm->pcap * 2 : 256;
            pm_pat *np = tact__realloc(a, pm->pats, nc * sizeof *np);
            if (!np) {
                rc = TACT_ENOMEM;
                break;
            }
            pm->pats = np;
            pm->pcap = nc;
        }
        uint32_t pat = pm->npats++;
        pm->pats[pat].group = group;
        pm->pats[pat].tag = (uint8_t)tag;
        if ((rc = collapse_choices(a, pm, p, pat)) != TACT_OK)
            break;
        rc = insert(a, pm, p, 0, 0, pat);
        if (rc == TACT_ERANGE) {
            *bad_line = line; /* this pattern took the trie over its budget */
            rc = TACT_EMODEL;
        }
    }
    tact__free(a, p);
    tact__free(a, cl);
    return rc;
}
