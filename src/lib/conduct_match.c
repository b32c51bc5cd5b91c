/*
 * conduct_match.c - the phrase matcher behind the conduct lists.
 *
 * Patterns (syntax in conduct.h) are compiled once into a token trie: each
 * edge is a (node, key) pair in one open-addressing table, "*" is a per-node
 * gap edge, and optional parts and choices of phrases are expanded while
 * inserting. Word classes (@name) and choices of three or more single words
 * are not expanded: each becomes one edge keyed by the class, and every
 * token looks up, once per scan, the classes it belongs to. Without that the
 * trie grew as the product of the class sizes (1.3 million nodes and 170 ms
 * of start-up for 526 patterns; 230 thousand and 20 ms with it). Scanning
 * tries the trie from every token: a token that starts no pattern costs a
 * few hash probes and nothing else.
 */
#include "conduct.h"

#include <stdio.h>

#define MAX_GAP 5
#define MAX_LONG_GAP 12
#define MAX_ATOMS 4096
#define MAX_ELEMS 48
#define MAX_ALTS 2048
#define MAX_CLASSES 64
#define MAX_EXPANDED 32768

#define PM_BLOOM_BITS (1u << 20)
#define SPEC_NUM 1u
#define SPEC_SARC 2u
#define SPEC_LAUGH 4u
#define SPEC_ANY 8u

typedef struct pm_edge {
    uint64_t key;   /* token hash */
    uint32_t node;  /* from, + 1 (0 = empty slot) */
    uint32_t child;
} pm_edge;

typedef struct pm_cslot {
    uint64_t word; /* hash of the member word; 0 with head 0 = empty */
    uint32_t head; /* first class key + 1 */
    uint32_t pad;
} pm_cslot;

typedef struct pm_ckey {
    uint64_t key;  /* the class's edge key */
    uint32_t next; /* next class key of the same word, + 1 */
    uint32_t pad;
} pm_ckey;

typedef struct pm_pat {
    uint8_t group, tag;
} pm_pat;

/* One pattern accepted at one node. A pattern with choices is accepted at
 * several nodes, so the lists cannot be linked through the patterns. */
typedef struct pm_acc {
    uint32_t pat;
    uint32_t next; /* next entry of the same node, + 1 */
} pm_acc;

struct tact__pm {
    pm_edge *edges;
    uint32_t nslots, nedges;
    uint32_t *gap; /* per node: gap child, 0 = none (the root is never a child) */
    uint8_t *gapmax; /* per node: how many tokens its gap edge may skip */
    uint32_t *acc; /* per node: first pm_acc entry + 1 */
    pm_acc *accs;
    uint32_t naccs, acap;
    uint32_t nnodes, ncap;
    pm_pat *pats;
    uint32_t npats, pcap;
    uint64_t h_num, h_sarc, h_laugh, h_any;
    /* word classes: a one-word member of a class is not expanded into the
     * trie; the class is one edge, keyed by the class, and each token looks
     * up the classes it belongs to (a word -> class-key list table) */
    pm_cslot *cslots;  /* open addressing on the word hash */
    uint32_t ncslots, ncwords;
    pm_ckey *ckeys;    /* linked lists of class keys */
    uint32_t nckeys, ckcap;
    uint32_t nlists;   /* lists added so far: makes class keys unique per list */
    uint8_t *spec; /* per node: SPEC_* bits, the class edges it has */
    /* one bit per (node, key) edge hash: most tokens start no pattern, and
     * a clear bit answers "no edge" without touching the edge table */
    uint64_t bloom[PM_BLOOM_BITS / 64];
};

static uint32_t slot_of(uint32_t node, uint64_t key, uint32_t mask)
{
    uint64_t h = key ^ ((uint64_t)node * 0x9E3779B97F4A7C15ull);
    h ^= h >> 29;
    return (uint32_t)h & mask;
}

static uint32_t bloom_bit(uint32_t node, uint64_t key)
{
    uint64_t h = (key ^ ((uint64_t)node * 0xC2B2AE3D27D4EB4Full)) * 0x165667B19E3779F9ull;
    return (uint32_t)(h >> 40) & (PM_BLOOM_BITS - 1);
}

static uint32_t edge_get(const tact__pm *pm, uint32_t node, uint64_t key)
{
    uint32_t b = bloom_bit(node, key);
    if (!((pm->bloom[b / 64] >> (b % 64)) & 1u))
        return 0;
    uint32_t mask = pm->nslots - 1;
    for (uint32_t i = slot_of(node, key, mask);; i = (i + 1) & mask) {
        const pm_edge *e = &pm->edges[i];
        if (!e->node)
            return 0;
        if (e->node == node + 1 && e->key == key)
            return e->child;
    }
}

static int edges_grow(const tact__alloc *a, tact__pm *pm)
{
    uint32_t n = pm->nslots * 2;
    pm_edge *ne = tact__calloc(a, n, sizeof *ne);
    if (!ne)
        return TACT_ENOMEM;
    for (uint32_t i = 0; i < pm->nslots; i++) {
        pm_edge *e = &pm->edges[i];
        if (!e->node)
            continue;
        uint32_t j = slot_of(e->node - 1, e->key, n - 1);
        while (ne[j].node)
            j = (j + 1) & (n - 1);
        ne[j] = *e;
    }
    tact__free(a, pm->edges);
    pm->edges = ne;
    pm->nslots = n;
    return TACT_OK;
}

/*
 * A budget for the whole trie. The lists compile to about 230,000 nodes;
 * a pattern whose choices multiply (a choice of many phrases next to
 * another) can add millions and cost start-up time and memory without any
 * test noticing, so going over the budget is a compile error naming the
 * line instead.
 */
#define PM_MAX_NODES (1u << 20)

static int node_new(const tact__alloc *a, tact__pm *pm, uint32_t *out)
{
    if (pm->nnodes >= PM_MAX_NODES)
        return TACT_ERANGE;
    if (pm->nnodes == pm->ncap) {
        uint32_t nc = pm->ncap ? pm->ncap * 2 : 1024;
        uint32_t *g = tact__realloc(a, pm->gap, nc * sizeof *g);
        if (!g)
            return TACT_ENOMEM;
        pm->gap = g;
        uint8_t *gm = tact__realloc(a, pm->gapmax, nc * sizeof *gm);
        if (!gm)
            return TACT_ENOMEM;
        pm->gapmax = gm;
        uint32_t *ac = tact__realloc(a, pm->acc, nc * sizeof *ac);
        if (!ac)
            return TACT_ENOMEM;
        pm->acc = ac;
        uint8_t *sp = tact__realloc(a, pm->spec, nc * sizeof *sp);
        if (!sp)
            return TACT_ENOMEM;
        pm->spec = sp;
        pm->ncap = nc;
    }
    pm->gap[pm->nnodes] = 0;
    pm->gapmax[pm->nnodes] = 0;
    pm->acc[pm->nnodes] = 0;
    pm->spec[pm->nnodes] = 0;
    *out = pm->nnodes++;
    return TACT_OK;
}

/* The child of node along key, created when missing. */
static int edge_child(const tact__alloc *a, tact__pm *pm, uint32_t node, uint64_t key,
                      uint32_t *out)
{
    uint32_t c = edge_get(pm, node, key);
    if (c) {
        *out = c;
        return TACT_OK;
    }
    if ((pm->nedges + 1) * 10 > pm->nslots * 7 && edges_grow(a, pm))
        return TACT_ENOMEM;
    int rc = node_new(a, pm, &c);
    if (rc)
        return rc;
    uint32_t mask = pm->nslots - 1;
    uint32_t i = slot_of(node, key, mask);
    while (pm->edges[i].node)
        i = (i + 1) & mask;
    pm->edges[i].node = node + 1;
    pm->edges[i].key = key;
    pm->edges[i].child = c;
    pm->nedges++;
    uint32_t b = bloom_bit(node, key);
    pm->bloom[b / 64] |= (uint64_t)1 << (b % 64);
    if (key == pm->h_num)
        pm->spec[node] |= SPEC_NUM;
    if (key == pm->h_sarc)
        pm->spec[node] |= SPEC_SARC;
    if (key == pm->h_laugh)
        pm->spec[node] |= SPEC_LAUGH;
    if (key == pm->h_any)
        pm->spec[node] |= SPEC_ANY;
    *out = c;
    return TACT_OK;
}

int tact__pm_new(const tact__alloc *a, tact__pm **out)
{
    tact__pm *pm = tact__calloc(a, 1, sizeof *pm);
    if (!pm)
        return TACT_ENOMEM;
    pm->nslots = 1024;
    pm->edges = tact__calloc(a, pm->nslots, sizeof *pm->edges);
    uint32_t root;
    if (!pm->edges || node_new(a, pm, &root)) {
        tact__pm_free(a, pm);
        return TACT_ENOMEM;
    }
    pm->h_num = tact__hash("<num>", 5);
    pm->h_sarc = tact__hash("<sarc>", 6);
    pm->h_laugh = tact__hash("<laugh>", 7);
    pm->h_any = tact__hash("<any>", 5);
    *out = pm;
    return TACT_OK;
}

void tact__pm_free(const tact__alloc *a, tact__pm *pm)
{
    if (!pm)
        return;
    tact__free(a, pm->edges);
    tact__free(a, pm->gap);
    tact__free(a, pm->gapmax);
    tact__free(a, pm->acc);
    tact__free(a, pm->spec);
    tact__free(a, pm->pats);
    tact__free(a, pm->accs);
    tact__free(a, pm->cslots);
    tact__free(a, pm->ckeys);
    tact__free(a, pm);
}

uint8_t tact__pm_group(const tact__pm *pm, uint32_t pat)
{
    return pm->pats[pat].group;
}

uint8_t tact__pm_tag(const tact__pm *pm, uint32_t pat)
{
    return pm->pats[pat].tag;
}

/* ---- word-class membership ----------------------------------------------- */

static pm_cslot *cslot_find(const tact__pm *pm, uint64_t word)
{
    uint32_t mask = pm->ncslots - 1;
    for (uint32_t i = (uint32_t)(word ^ (word >> 31)) & mask, k = 0; k < pm->ncslots;
         i = (i + 1) & mask, k++) {
        pm_cslot *c = &pm->cslots[i];
        if (!c->head || c->word == word)
            return c;
    }
    return NULL;
}

static int cslots_grow(const tact__alloc *a, tact__pm *pm)
{
    uint32_t old = pm->ncslots, n = old ? old * 2 : 1024;
    pm_cslot *prev = pm->cslots;
    pm->cslots = tact__calloc(a, n, sizeof *pm->cslots);
    if (!pm->cslots) {
        pm->cslots = prev;
        return TACT_ENOMEM;
    }
    pm->ncslots = n;
    for (uint32_t i = 0; i < old; i++)
        if (prev[i].head)
            *cslot_find(pm, prev[i].word) = prev[i];
    tact__free(a, prev);
    return TACT_OK;
}

/* Record that the word with hash `word` belongs to the class keyed `key`. */
static int class_member_add(const tact__alloc *a, tact__pm *pm, uint64_t word, uint64_t key)
{
    if ((pm->ncwords + 1) * 2 > pm->ncslots && cslots_grow(a, pm))
        return TACT_ENOMEM;
    pm_cslot *c = cslot_find(pm, word);
    for (uint32_t k = c->head; k; k = pm->ckeys[k - 1].next)
        if (pm->ckeys[k - 1].key == key)
            return TACT_OK;
    if (pm->nckeys == pm->ckcap) {
        uint32_t nc = pm->ckcap ? pm->ckcap * 2 : 1024;
        pm_ckey *nk = tact__realloc(a, pm->ckeys, nc * sizeof *nk);
        if (!nk)
            return TACT_ENOMEM;
        pm->ckeys = nk;
        pm->ckcap = nc;
    }
    if (!c->head)
        pm->ncwords++;
    pm->ckeys[pm->nckeys].key = key;
    pm->ckeys[pm->nckeys].next = c->head;
    c->word = word;
    c->head = ++pm->nckeys;
    return TACT_OK;
}

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
static int put_words(parsed *p, const char *s, size_t n)
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
        if (!pword(c)) {
            if (put_atom(p, ATOM_WORD, s + i, 1))
                return -1;
            i++;
            continue;
        }
        size_t e = i;
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
        if (c == '*' && i + 1 < n && s[i + 1] == '*' && (i + 2 == n || s[i + 2] == ' ')) {
            if (put_atom(p, ATOM_LONG_GAP, s + i, 2))
                return -1;
            i += 2;
            continue;
        }
        if (c == '*' && (i + 1 == n || s[i + 1] == ' ')) {
            if (put_atom(p, ATOM_GAP, s + i, 1))
                return -1;
            i++;
            continue;
        }
        if (c == '_' && (i + 1 == n || s[i + 1] == ' ')) {
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
        for (uint32_t q = pm->acc[node]; q; q = pm->accs[q - 1].next)
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
        pm->accs[pm->naccs].next = pm->acc[node];
        pm->acc[node] = ++pm->naccs;
        return TACT_OK;
    }
    for (size_t k = 0; k < p->elem_n[e]; k++) {
        size_t alt = p->elem_first[e] + k;
        uint32_t n = node;
        for (size_t t = 0; t < p->alt_n[alt]; t++) {
            size_t at = p->alt_first[alt] + t;
            if (p->kind[at] != ATOM_WORD) {
                if (!pm->gap[n]) {
                    uint32_t g;
                    int rc = node_new(a, pm, &g);
                    if (rc)
                        return rc;
                    pm->gap[n] = g;
                }
                uint8_t max = p->kind[at] == ATOM_LONG_GAP ? MAX_LONG_GAP : MAX_GAP;
                if (pm->gapmax[n] < max)
                    pm->gapmax[n] = max;
                n = pm->gap[n];
            } else {
                int rc = edge_child(a, pm, n, p->key[at], &n);
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
                int rc = class_member_add(a, pm, p->key[p->alt_first[alt]], key);
                if (rc)
                    return rc;
                if (class_alt != SIZE_MAX)
                    continue;
                class_alt = first + kept;
                p->key[p->alt_first[alt]] = key;
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
            int rc = class_member_add(a, pm, scratch->key[0], key);
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

/* ---- matching --------------------------------------------------------- */

typedef struct mctx {
    const tact__pm *pm;
    const tact_scanner *sc;
    const tact__alloc *a;
    tact__pm_match **out;
    size_t *n, *cap;
    uint32_t start;
    int rc;
    const uint32_t *chead; /* per token: its first class key + 1, or 0 */
} mctx;

static bool is_num_tok(const tact_scanner *sc, size_t i)
{
    const tact__token *t = &sc->toks[i];
    return t->kind == TACT__TOK_NUMBER || (t->kind == TACT__TOK_ALNUM && (t->shape & TACT__SH_DIGIT) &&
                                           sc->text[t->start] >= '0' && sc->text[t->start] <= '9');
}

static int32_t first_cp(const tact_scanner *sc, size_t i)
{
    int32_t cp;
    tact__utf8_decode((const unsigned char *)sc->text, sc->len, sc->toks[i].start, &cp);
    return cp;
}

static bool is_sarc(int32_t cp)
{
    /* upside-down face, eye roll, unamused, clapping, face palm, shrug,
     * expressionless, zipper-mouth */
    return cp == 0x1F643 || cp == 0x1F644 || cp == 0x1F612 || cp == 0x1F44F || cp == 0x1F926 ||
           cp == 0x1F937 || cp == 0x1F611 || cp == 0x1F910;
}

static bool is_laugh(int32_t cp)
{
    return cp == 0x1F602 || cp == 0x1F923 || cp == 0x1F606;
}

/* A sentence ends after token i. */
static bool sent_break(const tact_scanner *sc, size_t i)
{
    if (i + 1 < sc->ntoks && (sc->toks[i + 1].shape & TACT__SH_LINE_START))
        return true;
    const tact__token *t = &sc->toks[i];
    if (t->kind != TACT__TOK_PUNCT)
        return false;
    char c = sc->text[t->start];
    return c == '.' || c == '!' || c == '?';
}

static void step(mctx *m, uint32_t node, size_t p);

static void emit(mctx *m, uint32_t node, size_t p)
{
    for (uint32_t q = m->pm->acc[node]; q && m->rc == TACT_OK; q = m->pm->accs[q - 1].next) {
        if (*m->n == *m->cap &&
            tact__grow(m->a, (void **)m->out, m->cap, *m->n + 1, sizeof **m->out)) {
            m->rc = TACT_ENOMEM;
            return;
        }
        tact__pm_match *r = &(*m->out)[(*m->n)++];
        r->pat = m->pm->accs[q - 1].pat;
        r->first = m->start;
        r->last = (uint32_t)(p - 1);
    }
}

static void step_edges(mctx *m, uint32_t node, size_t p)
{
    const tact__pm *pm = m->pm;
    const tact_scanner *sc = m->sc;
    if (p >= sc->ntoks)
        return;
    uint32_t c;
    unsigned spec = pm->spec[node];
    if ((c = edge_get(pm, node, sc->toks[p].hash)))
        step(m, c, p + 1);
    for (uint32_t k = m->chead[p]; k; k = pm->ckeys[k - 1].next)
        if ((c = edge_get(pm, node, pm->ckeys[k - 1].key)))
            step(m, c, p + 1);
    if (!spec)
        return;
    if (is_num_tok(sc, p) && (c = edge_get(pm, node, pm->h_num)))
        step(m, c, p + 1);
    if (sc->toks[p].kind == TACT__TOK_EMOJI) {
        int32_t cp = first_cp(sc, p);
        if (is_sarc(cp) && (c = edge_get(pm, node, pm->h_sarc)))
            step(m, c, p + 1);
        if (is_laugh(cp) && (c = edge_get(pm, node, pm->h_laugh)))
            step(m, c, p + 1);
    }
    if ((c = edge_get(pm, node, pm->h_any)))
        step(m, c, p + 1);
}

static void step(mctx *m, uint32_t node, size_t p)
{
    if (m->rc != TACT_OK)
        return;
    if (m->pm->acc[node])
        emit(m, node, p);
    step_edges(m, node, p);
    uint32_t g = m->pm->gap[node];
    if (!g)
        return;
    for (size_t k = 0; k <= m->pm->gapmax[node] && p + k < m->sc->ntoks; k++) {
        if (k > 0 && sent_break(m->sc, p + k - 1))
            break;
        step_edges(m, g, p + k);
    }
}

int tact__pm_scan(const tact__pm *pm, const tact_scanner *sc, const tact__alloc *a,
                  tact__pm_match **out, size_t *n, size_t *cap)
{
    /* the classes of each token, looked up once: short posts on the stack */
    uint32_t local[512];
    uint32_t *chead = local;
    if (sc->ntoks > sizeof local / sizeof local[0] &&
        !(chead = tact__malloc(a, sc->ntoks * sizeof *chead)))
        return TACT_ENOMEM;
    for (size_t i = 0; i < sc->ntoks; i++) {
        const pm_cslot *c = pm->ncslots ? cslot_find(pm, sc->toks[i].hash) : NULL;
        chead[i] = c ? c->head : 0;
    }
    mctx m = {pm, sc, a, out, n, cap, 0, TACT_OK, chead};
    for (size_t i = 0; i < sc->ntoks && m.rc == TACT_OK; i++) {
        m.start = (uint32_t)i;
        step_edges(&m, 0, i);
    }
    if (chead != local)
        tact__free(a, chead);
    return m.rc;
}
