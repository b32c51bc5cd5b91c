/*
 * conduct_match.c - the phrase matcher behind the conduct lists: its trie
 * and the scan (conduct_match_parse.c reads the lists into it).
 *
 * Patterns (syntax in conduct.h) are compiled once into a token trie: "*"
 * is a per-node gap edge, and optional parts and choices of phrases are
 * expanded while inserting. Word classes (@name) and choices of three or
 * more single words are not expanded: each becomes one edge keyed by the
 * class, and every token looks up, once per scan, the classes it belongs
 * to. Without that the trie grew as the product of the class sizes (1.3
 * million nodes and 170 ms of start-up for 526 patterns; 230 thousand and
 * 20 ms with it).
 *
 * While lists are added, edges live in one open-addressing table keyed by
 * (node, key) behind a bloom filter. tact__pm_freeze then lays each node's
 * edges side by side (a short list, or a small table of the node's own for
 * a node with many), so that a step reads the node and one or two cache
 * lines; the root's edges have a table of their own that stays in cache.
 * Scanning tries the trie from every token: a token that starts no pattern
 * costs a few probes of the root table and nothing else. Most of those, and
 * of a token's class lookups, are answered by small bit filters that stay
 * in the L1 cache; each word's class keys are laid out side by side
 * (pm_cx); and a snapshot numbers the nodes breadth first, so that the
 * nodes a scan visits most share a few hundred kilobytes. Most steps to a
 * node past the root find no edge for the next token (96% on tweets): two
 * 64-bit masks per node of the keys of its edges (pm_nbloom, in the
 * snapshot), met against masks of each token's word and classes, skip
 * most of them before the node is read.
 */
#include "conduct_match.h"
#include "tinfo.h"

static uint32_t slot_of(uint32_t node, uint64_t key, uint32_t mask)
{
    uint64_t h = key ^ ((uint64_t)node * 0x9E3779B97F4A7C15ull);
    h ^= h >> 29;
    return (uint32_t)h & mask;
}

/* The bloom word of an edge, and its two bits in it. */
static uint64_t bloom_hash(uint32_t node, uint64_t key)
{
    return (key ^ ((uint64_t)node * 0xC2B2AE3D27D4EB4Full)) * 0x165667B19E3779F9ull;
}

static uint64_t bloom_bits(uint64_t h)
{
    return ((uint64_t)1 << (h & 63)) | ((uint64_t)1 << ((h >> 6) & 63));
}

static uint32_t bloom_word(uint64_t h)
{
    return (uint32_t)(h >> 49) & (PM_BLOOM_WORDS - 1);
}

static uint32_t root_slot(uint64_t key, uint32_t mask)
{
    return (uint32_t)(key ^ (key >> 29)) & mask;
}

static uint32_t root_get(const tact__pm *pm, uint64_t key)
{
    uint32_t mask = pm->nrslots - 1;
    for (uint32_t i = root_slot(key, mask);; i = (i + 1) & mask) {
        const pm_redge *e = &pm->redges[i];
        if (!e->child || e->key == key)
            return e->child;
    }
}

/* The scan's filters (pm->rfilter, cfilter, tfilter): one bit per top 16
 * bits of a hash, set for every key they hold (so a clear bit proves a key
 * absent); filled at the freeze (build_cx) or the adopt. */
static bool filter_has(const uint64_t *f, uint64_t key)
{
    uint32_t b = (uint32_t)(key >> 48);
    return (f[b >> 6] >> (b & 63)) & 1;
}

static void filter_add(uint64_t *f, uint64_t key)
{
    uint32_t b = (uint32_t)(key >> 48);
    f[b >> 6] |= (uint64_t)1 << (b & 63);
}

/* tfilter's bit for the edge (node, key): a half from each, so that a scan
 * trying many class keys at one node hashes the node once and reads each
 * key's half from the layout (pm_cx.tk). */
static uint16_t tbit_key(uint64_t key)
{
    return (uint16_t)((key * 0x165667B19E3779F9ull) >> 48);
}

static uint16_t tbit_node(uint32_t node)
{
    return (uint16_t)(((uint64_t)node * 0xC2B2AE3D27D4EB4Full) >> 48);
}

static bool tfilter_has(const uint64_t *f, unsigned b)
{
    return (f[b >> 6] >> (b & 63)) & 1;
}

static uint32_t cm_slot(uint32_t node, uint32_t ncm)
{
    return (uint32_t)(((uint64_t)node * 0x9E3779B1u) >> 7) & (ncm - 1);
}

/* node's pm_cmask, or NULL (a table needs an empty slot: the adopt checks) */
static const pm_cmask *cm_find(const pm_cmask *cm, uint32_t ncm, uint32_t node)
{
    for (uint32_t i = cm_slot(node, ncm);; i = (i + 1) & (ncm - 1)) {
        if (!cm[i].node1)
            return NULL;
        if (cm[i].node1 == node + 1)
            return &cm[i];
    }
}

static uint32_t edge_get(const tact__pm *pm, uint32_t node, uint64_t key)
{
    if (!node)
        return pm->cx_ok && !filter_has(pm->rfilter, key) ? 0 : root_get(pm, key);
    if (!pm->bloom)
        return 0; /* no edge past the root yet */
    uint64_t h = bloom_hash(node, key), bits = bloom_bits(h);
    if ((pm->bloom[bloom_word(h)] & bits) != bits)
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

static int redges_grow(const tact__alloc *a, tact__pm *pm)
{
    uint32_t n = pm->nrslots * 2;
    pm_redge *ne = tact__calloc(a, n, sizeof *ne);
    if (!ne)
        return TACT_ENOMEM;
    for (uint32_t i = 0; i < pm->nrslots; i++) {
        pm_redge *e = &pm->redges[i];
        if (!e->child)
            continue;
        uint32_t j = root_slot(e->key, n - 1);
        while (ne[j].child)
            j = (j + 1) & (n - 1);
        ne[j] = *e;
    }
    tact__free(a, pm->redges);
    pm->redges = ne;
    pm->nrslots = n;
    return TACT_OK;
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

int tact__pm_node_new(const tact__alloc *a, tact__pm *pm, uint32_t *out)
{
    if (pm->nnodes >= PM_MAX_NODES)
        return TACT_ERANGE;
    if (pm->nnodes == pm->ncap) {
        uint32_t nc = pm->ncap ? pm->ncap * 2 : 1024;
        pm_node *nn = tact__realloc(a, pm->nodes, nc * sizeof *nn);
        if (!nn)
            return TACT_ENOMEM;
        pm->nodes = nn;
        pm->ncap = nc;
    }
    memset(&pm->nodes[pm->nnodes], 0, sizeof pm->nodes[0]);
    pm->nodes[pm->nnodes].nkeys = PM_HASHED;
    pm->nbl_ok = false;
    *out = pm->nnodes++;
    return TACT_OK;
}

int tact__pm_edge_child(const tact__alloc *a, tact__pm *pm, uint32_t node, uint64_t key,
                      bool cls, uint32_t *out)
{
    uint32_t c = edge_get(pm, node, key);
    if (c) {
        *out = c;
        return TACT_OK;
    }
    pm->cx_ok = false; /* a new edge: build_cx again at the next freeze */
    pm->tfilter_ok = false;
    pm->nbl_ok = false;
    pm->ncm = 0; /* the masks are rebuilt with tfilter */
    if (node == 0) {
        if ((pm->nredges + 1) * 2 > pm->nrslots && redges_grow(a, pm))
            return TACT_ENOMEM;
        int rc = tact__pm_node_new(a, pm, &c);
        if (rc)
            return rc;
        uint32_t mask = pm->nrslots - 1, i = root_slot(key, mask);
        while (pm->redges[i].child)
            i = (i + 1) & mask;
        pm->redges[i].key = key;
        pm->redges[i].child = c;
        pm->nredges++;
        pm->rchild_ok = false;
        goto spec;
    }
    if (!pm->bloom && !(pm->bloom = tact__calloc(a, PM_BLOOM_WORDS, sizeof *pm->bloom)))
        return TACT_ENOMEM;
    if ((pm->nedges + 1) * 10 > pm->nslots * 7 && edges_grow(a, pm))
        return TACT_ENOMEM;
    int rc = tact__pm_node_new(a, pm, &c);
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
    pm->nonroot_ok = false;
    uint64_t h = bloom_hash(node, key);
    pm->bloom[bloom_word(h)] |= bloom_bits(h);
spec:
    pm->nodes[node].nkeys = PM_HASHED; /* a new edge after a freeze */
    if (key != pm->h_num && key != pm->h_sarc && key != pm->h_laugh && key != pm->h_any)
        pm->nodes[node].spec |= cls ? SPEC_CLASS : SPEC_WORD;
    if (key == pm->h_num)
        pm->nodes[node].spec |= SPEC_NUM;
    if (key == pm->h_sarc)
        pm->nodes[node].spec |= SPEC_SARC;
    if (key == pm->h_laugh)
        pm->nodes[node].spec |= SPEC_LAUGH;
    if (key == pm->h_any)
        pm->nodes[node].spec |= SPEC_ANY;
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
    pm->nrslots = 1024;
    pm->redges = tact__calloc(a, pm->nrslots, sizeof *pm->redges);
    uint32_t root;
    if (!pm->edges || !pm->redges || tact__pm_node_new(a, pm, &root)) {
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
    tact__free(a, pm->cx);
    tact__free(a, pm->cxk);
    tact__free(a, pm->cxt);
    tact__free(a, pm->cxr);
    tact__free(a, pm->cxn);
    tact__free(a, pm->cxp);
    tact__free(a, pm->cxs);
    tact__free(a, pm->nbl_own);
    tact__free(a, pm->cm_own);
    tact__free(a, pm->bloom);
    if (pm->adopted) {
        tact__free(a, pm->edges);
        tact__free(a, pm);
        return;
    }
    tact__free(a, pm->edges);
    tact__free(a, pm->redges);
    tact__free(a, pm->nodes);
    tact__free(a, pm->fkeys);
    tact__free(a, pm->fchild);
    tact__free(a, pm->pats);
    tact__free(a, pm->accs);
    tact__free(a, pm->cslots);
    tact__free(a, pm->ckeys);
    tact__free(a, pm);
}

/* Most class keys of a word only start patterns (the root's answer is kept
 * in rchild); past the root, a token need only try the keys that some other
 * node has an edge for. Puts those first in each word's list and counts
 * them in its slot. */
static int order_classes(const tact__alloc *a, tact__pm *pm)
{
    uint32_t nset = 2;
    while (nset < pm->nckeys * 2u)
        nset *= 2;
    typedef struct {
        uint64_t key;
        uint32_t full, used;
    } cset;
    cset *set = tact__calloc(a, nset, sizeof *set);
    if (!set)
        return TACT_ENOMEM;
    uint32_t mask = nset - 1;
    for (uint32_t k = 0; k < pm->nckeys; k++) {
        uint32_t i = root_slot(pm->ckeys[k].key, mask);
        while (set[i].full && set[i].key != pm->ckeys[k].key)
            i = (i + 1) & mask;
        set[i].key = pm->ckeys[k].key;
        set[i].full = 1;
    }
    for (uint32_t e = 0; e < pm->nslots; e++) {
        if (!pm->edges[e].node)
            continue;
        uint32_t i = root_slot(pm->edges[e].key, mask);
        while (set[i].full && set[i].key != pm->edges[e].key)
            i = (i + 1) & mask;
        if (set[i].full)
            set[i].used = 1;
    }
    for (uint32_t s = 0; s < pm->ncslots; s++) {
        pm_cslot *c = &pm->cslots[s];
        if (!c->head)
            continue;
        /* relink: the used keys, then the others, each in list order */
        uint32_t head = 0, *tail = &head, rest = 0, *rtail = &rest, n = 0;
        for (uint32_t k = c->head; k;) {
            uint32_t next = pm->ckeys[k - 1].next, i = root_slot(pm->ckeys[k - 1].key, mask);
            while (set[i].key != pm->ckeys[k - 1].key)
                i = (i + 1) & mask;
            uint32_t **t = set[i].used ? &tail : &rtail;
            **t = k;
            *t = &pm->ckeys[k - 1].next;
            n += set[i].used;
            k = next;
        }
        *rtail = 0;
        *tail = rest;
        c->head = head;
        c->nonroot = n;
    }
    tact__free(a, set);
    pm->nonroot_ok = true;
    return TACT_OK;
}

/* The number of class keys in all the words' lists, or UINT32_MAX when the
 * lists hold more keys than there are (a cycle: a damaged snapshot). */
static uint32_t class_keys_listed(const pm_cslot *cslots, uint32_t ncslots, const pm_ckey *ckeys,
                                  uint32_t nckeys)
{
    uint32_t total = 0;
    for (uint32_t s = 0; s < ncslots; s++)
        for (uint32_t k = cslots[s].head; k; k = ckeys[k - 1].next)
            if (++total > nckeys)
                return UINT32_MAX;
    return total;
}

/*
 * The tfilter bits of a frozen trie (nodes, fkeys, fchild of nnodes nodes):
 * one per edge of a table node keyed by a class key of pm. Counts them, and
 * writes them to bits when not NULL. TACT_OK or TACT_ENOMEM.
 */
static int table_class_bits(const tact__alloc *a, const tact__pm *pm, const pm_node *nodes,
                            uint32_t nnodes, const uint64_t *fkeys, const uint32_t *fchild,
                            uint16_t *bits, uint32_t *count, pm_cmask *cm, uint32_t ncm,
                            uint32_t *cnodes)
{
    /* the class keys, as a set */
    uint32_t nset = 2;
    while (nset < pm->nckeys * 2u)
        nset *= 2;
    uint64_t *set = tact__calloc(a, nset, sizeof *set);
    bool *full = tact__calloc(a, nset, sizeof *full);
    if (!set || !full) {
        tact__free(a, set);
        tact__free(a, full);
        return TACT_ENOMEM;
    }
    for (uint32_t k = 0; k < pm->nckeys; k++) {
        uint32_t i = root_slot(pm->ckeys[k].key, nset - 1);
        while (full[i] && set[i] != pm->ckeys[k].key)
            i = (i + 1) & (nset - 1);
        set[i] = pm->ckeys[k].key;
        full[i] = true;
    }
    uint32_t n = 0, nc = 0;
    for (uint32_t v = 1; v < nnodes; v++) {
        const pm_node *nd = &nodes[v];
        if (nd->nkeys == PM_HASHED || !(nd->nkeys & PM_TABLE) || !(nd->spec & SPEC_CLASS))
            continue;
        uint64_t ma = 0, mb = 0;
        for (uint32_t k = 0; k < (1u << (nd->nkeys & 31u)); k++) {
            uint64_t key = fkeys[nd->first + k];
            if (!fchild[nd->first + k])
                continue;
            uint32_t i = root_slot(key, nset - 1);
            while (full[i] && set[i] != key)
                i = (i + 1) & (nset - 1);
            if (!full[i])
                continue;
            if (bits)
                bits[n] = (uint16_t)(tbit_key(key) ^ tbit_node(v));
            n++;
            ma |= (uint64_t)1 << (key & 63);
            mb |= (uint64_t)1 << ((key >> 6) & 63);
        }
        if (!ma)
            continue;
        nc++;
        if (cm && nc < ncm) { /* ncm >= 2 * the count (cm_slots): a slot stays free */
            uint32_t i = cm_slot(v, ncm);
            while (cm[i].node1)
                i = (i + 1) & (ncm - 1);
            cm[i].node1 = v + 1;
            cm[i].a = ma;
            cm[i].b = mb;
        }
    }
    tact__free(a, set);
    tact__free(a, full);
    *count = n;
    if (cnodes)
        *cnodes = nc;
    return TACT_OK;
}

/* The pm_cmask slots for nc nodes: a power of two, at least twice nc. */
static uint32_t cm_slots(uint32_t nc)
{
    uint32_t n = 2;
    while (n < nc * 2u)
        n *= 2;
    return n;
}

/* tfilter from the trie's own arrays (a snapshot brings its bits). */
static int tfilter_build(const tact__alloc *a, tact__pm *pm)
{
    uint32_t n = 0, nc = 0;
    uint16_t *bits = NULL;
    pm->ncm = 0;
    tact__free(a, pm->cm_own);
    pm->cm_own = NULL;
    int rc = table_class_bits(a, pm, pm->nodes, pm->nnodes, pm->fkeys, pm->fchild, NULL, &n, NULL,
                              0, &nc);
    uint32_t ncm = cm_slots(nc);
    if (rc || !(bits = tact__malloc(a, (n ? n : 1) * sizeof *bits)) ||
        !(pm->cm_own = tact__calloc(a, ncm, sizeof *pm->cm_own)) ||
        (rc = table_class_bits(a, pm, pm->nodes, pm->nnodes, pm->fkeys, pm->fchild, bits, &n,
                               pm->cm_own, ncm, &nc))) {
        tact__free(a, bits);
        return TACT_ENOMEM;
    }
    pm->cm = pm->cm_own;
    pm->ncm = ncm;
    memset(pm->tfilter, 0, sizeof pm->tfilter);
    for (uint32_t i = 0; i < n; i++)
        pm->tfilter[bits[i] >> 6] |= (uint64_t)1 << (bits[i] & 63);
    tact__free(a, bits);
    pm->tfilter_ok = true;
    return TACT_OK;
}

/* filter_add into tact__pm.crfilter: its cfilter half (r 0) or its
 * rfilter half (r 1). (Set along with those two: cheaper than interleaving
 * the two filters' 65,536 bits once they are filled.) */
static void crfilter_add(uint64_t *f, uint64_t key, unsigned r)
{
    uint32_t b = (uint32_t)(key >> 48);
    f[b >> 5] |= (uint64_t)1 << ((b & 31) * 2 + r);
}

/* The entry of tact__pm.cxp where the pair (slot1, key) is or would go
 * first. */
static uint32_t cpair_slot(uint32_t slot1, uint64_t key, uint32_t mask)
{
    uint64_t h = (key ^ (uint64_t)slot1 * 0x9E3779B97F4A7C15ull) * 0xff51afd7ed558ccdull;
    return (uint32_t)(h >> 32) & mask;
}

/* Fill pm->cxp with the first nonroot keys of each laid-out word (npair of
 * them): a speed-up only, left NULL without memory (tok_has_class then
 * walks the keys). */
static void cpairs_build(const tact__alloc *a, tact__pm *pm, size_t npair)
{
    /* (at most two thirds full; zeroed by tact__calloc: the C library's
     * calloc clears with wide stores, or not at all for a block fresh from
     * the system, where a store per entry took a loop of its own) */
    size_t cap = 16, need = npair + npair / 2;
    while (cap < need && cap < ((size_t)1 << 30))
        cap *= 2;
    pm_cpair *t;
    if (cap < need || !(t = tact__calloc(a, cap, sizeof *t)))
        return;
    const uint32_t mask = (uint32_t)(cap - 1), *cxs = pm->cxs, ncxs = pm->ncxs;
    const pm_cx *cx = pm->cx;
    pm->cxp = t;
    pm->cxp_mask = mask;
    /* (the table and the layout in locals: the stores to the table would
     * otherwise have the compiler read pm's fields again for each key) */
    for (uint32_t i0 = 0; i0 < ncxs; i0++) {
        const pm_cx *x = &cx[cxs[i0]];
        const uint32_t slot1 = x->slot1, nonroot = x->nonroot;
        const uint64_t *keys = x->keys;
        for (uint32_t j = 0; j < nonroot; j++) {
            const uint64_t key = keys[j];
            uint32_t i = cpair_slot(slot1, key, mask);
            while (t[i].slot1 && !(t[i].slot1 == slot1 && t[i].key == key))
                i = (i + 1) & mask;
            t[i].slot1 = slot1;
            t[i].key = key;
        }
    }
}

/* Free build_cx's layout (the scan then reads the lists). */
static void cx_release(const tact__alloc *a, tact__pm *pm)
{
    pm->cx_ok = false;
    tact__free(a, pm->cx);
    tact__free(a, pm->cxk);
    tact__free(a, pm->cxt);
    tact__free(a, pm->cxr);
    tact__free(a, pm->cxn);
    tact__free(a, pm->cxp);
    tact__free(a, pm->cxs);
    pm->cxp = NULL;
    pm->cxp_mask = 0;
    pm->cxs = NULL;
    pm->ncxs = 0;
    pm->cx = NULL;
    pm->cxk = NULL;
    pm->cxt = NULL;
    pm->cxr = NULL;
    pm->cxn = NULL;
}

/*
 * Lay out the class lists for the scan (pm_cx) and fill the filters (tfilter
 * only when the adopt has not). Needs rchild_ok and nonroot_ok (a freeze sets them). TACT_OK,
 * TACT_ENOMEM (the scan then reads the lists), or TACT_EMODEL when the
 * lists are damaged.
 */
static int build_cx(const tact__alloc *a, tact__pm *pm)
{
    cx_release(a, pm);
    if (!pm->rchild_ok || !pm->nonroot_ok)
        return TACT_OK;
    /* Speed: the lists are walked once, into arrays of nckeys entries (a
     * list holds only those keys, or it is damaged: a walk past nckeys
     * keys stops the layout) instead of once to count the keys first; and
     * the lists and the layout are read through locals, which the stores
     * to the layout would otherwise have the compiler read from pm again
     * for each key. */
    const pm_cslot *cs = pm->cslots;
    const pm_ckey *ck = pm->ckeys;
    const uint32_t ncs = pm->ncslots, nck = pm->nckeys, cap = nck ? nck : 1;
    pm_cx *cx = pm->cx = tact__calloc(a, ncs ? ncs : 1, sizeof *pm->cx);
    uint64_t *cxk = pm->cxk = tact__malloc(a, cap * sizeof *pm->cxk);
    uint16_t *cxt = pm->cxt = tact__malloc(a, cap * sizeof *pm->cxt);
    uint32_t *cxr = pm->cxr = tact__malloc(a, cap * sizeof *pm->cxr);
    uint32_t *cxs = pm->cxs = tact__malloc(a, cap * sizeof *pm->cxs); /* (a slot per list) */
    if (!cx || !cxk || !cxt || !cxr || !cxs)
        return TACT_ENOMEM;
    memset(pm->rfilter, 0, sizeof pm->rfilter);
    memset(pm->cfilter, 0, sizeof pm->cfilter);
    memset(pm->crfilter, 0, sizeof pm->crfilter);
    for (uint32_t i = 0; i < pm->nrslots; i++)
        if (pm->redges[i].child) {
            filter_add(pm->rfilter, pm->redges[i].key);
            crfilter_add(pm->crfilter, pm->redges[i].key, 1);
        }
    if (!pm->tfilter_ok && tfilter_build(a, pm) != TACT_OK)
        return TACT_ENOMEM;
    uint32_t nk = 0, nr = 0, nx = 0;
    size_t npair = 0;
    for (uint32_t s = 0; s < ncs; s++) {
        const pm_cslot *c = &cs[s];
        if (!c->head)
            continue;
        filter_add(pm->cfilter, c->word);
        crfilter_add(pm->crfilter, c->word, 0);
        cxs[nx++] = s; /* (nx <= nk <= nck: every list holds a key) */
        const uint32_t k0 = nk, r0 = nr, nonroot = c->nonroot;
        uint64_t b1 = 0, b2 = 0, b3 = 0;
        for (uint32_t k = c->head; k; k = ck[k - 1].next) {
            if (nk == nck) {
                cx_release(a, pm); /* more keys listed than there are: a cycle */
                return TACT_EMODEL;
            }
            const uint64_t key = ck[k - 1].key;
            const uint32_t rchild = ck[k - 1].rchild;
            if (nk - k0 < nonroot) {
                b1 |= (uint64_t)1 << (key & 63);
                b2 |= (uint64_t)1 << ((key >> 6) & 63);
                b3 |= (uint64_t)1 << ((key >> 12) & 63);
            }
            cxt[nk] = tbit_key(key);
            cxk[nk++] = key;
            if (rchild)
                cxr[nr++] = rchild;
        }
        pm_cx *x = &cx[s];
        x->keys = cxk + k0;
        x->tk = cxt + k0;
        x->rch = cxr + r0;
        x->nkeys = nk - k0;
        x->nrch = nr - r0;
        x->nonroot = nonroot < x->nkeys ? nonroot : x->nkeys;
        x->slot1 = s + 1;
        x->bloom = b1;
        x->bloom2 = b2;
        x->bloom3 = b3;
        npair += x->nonroot;
    }
    pm->ncxs = nx;
    cpairs_build(a, pm, npair);
    pm->cx_ok = true;
    return TACT_OK;
}

/* The bit of both masks of a number token (is_num_tok), in the masks of a
 * node with a <num> edge (and no other token edge): most tokens are no
 * number, and such a node, with masks of all ones, was stepped to by every
 * token. */
#define PM_NUM_BIT ((uint64_t)1 << 63)

/* The pm_nbloom of each of nnodes frozen nodes (see conduct_match.h). */
static void nbloom_fill(const pm_node *nodes, uint32_t nnodes, const uint64_t *fkeys,
                        const uint32_t *fchild, pm_nbloom *out)
{
    for (uint32_t v = 0; v < nnodes; v++) {
        const pm_node *nd = &nodes[v];
        pm_nbloom b = {~(uint64_t)0, ~(uint64_t)0};
        if (nd->nkeys != PM_HASHED && !nd->acc && !nd->gap &&
            !(nd->spec & (SPEC_TOKEN & ~SPEC_NUM))) {
            bool table = (nd->nkeys & PM_TABLE) != 0;
            uint32_t n = table ? 1u << (nd->nkeys & 31u) : nd->nkeys;
            b.a = b.b = (nd->spec & SPEC_NUM) ? PM_NUM_BIT : 0;
            for (uint32_t k = 0; k < n; k++) {
                if (table && !fchild[nd->first + k])
                    continue;
                uint64_t key = fkeys[nd->first + k];
                b.a |= (uint64_t)1 << (key & 63);
                b.b |= (uint64_t)1 << ((key >> 6) & 63);
            }
        }
        out[v] = b;
    }
}

/* pm_rnb.c and .d of a frozen node v: the union of the pm_nbloom of its
 * children (all ones where v's own masks are, or a child is not frozen).
 * Whatever v does at token p + 1 other than accept or skip a gap (masks of
 * all ones) is a step to a child at p + 2, which may_step lets through only
 * when the child's masks meet that token's: so do these. */
static void node_masks2(const tact__pm *pm, uint32_t v, pm_rnb *r)
{
    const pm_node *nd = &pm->nodes[v];
    r->c = r->d = ~(uint64_t)0;
    /* (a <num> edge steps to its child at p + 2 as the others do) */
    if (nd->nkeys == PM_HASHED || nd->acc || nd->gap || (nd->spec & (SPEC_TOKEN & ~SPEC_NUM)))
        return;
    bool table = (nd->nkeys & PM_TABLE) != 0;
    uint32_t n = table ? 1u << (nd->nkeys & 31u) : nd->nkeys;
    const uint32_t *fchild = pm->fchild + nd->first;
    const pm_nbloom *nbl = pm->nbl;
    uint64_t c = 0, d = 0;
    for (uint32_t k = 0; k < n; k++) {
        uint32_t ch = fchild[k];
        if (table && !ch)
            continue; /* an empty slot: node_get stops there */
        c |= nbl[ch].a;
        d |= nbl[ch].b;
    }
    r->c = c;
    r->d = d;
}

/* node_masks2 of the root children met so far, by node number modulo
 * PM_RNB_MEMO: the words of a class share its root children (7,590 root
 * children of class words were 853 nodes when this was written), and a
 * node's masks cost a walk of its children each time. */
#define PM_RNB_MEMO 2048u

/*
 * Copy the pm_nbloom of each class word's root children next to them
 * (pm_cx.rnb): a token of a class word steps to each, and reading the masks
 * side by side costs a cache line or two instead of one miss per child.
 * Needs cx_ok and nbl_ok; without memory the scan reads pm->nbl as before.
 */
static void cx_fill_nbl(const tact__alloc *a, tact__pm *pm)
{
    if (!pm->cx_ok || !pm->nbl_ok || pm->cxn)
        return;
    /* (pm's arrays in locals: the stores below would otherwise have the
     * compiler read them again for each slot) */
    pm_cx *cx = pm->cx;
    const uint32_t *cxs = pm->cxs, ncxs = pm->ncxs;
    const pm_nbloom *nbl = pm->nbl;
    uint32_t total = 0;
    for (uint32_t i = 0; i < ncxs; i++)
        total += cx[cxs[i]].nrch ? cx[cxs[i]].nrch + 1 : 0;
    pm_rnb *cxn = tact__malloc(a, (total ? total : 1) * sizeof *cxn);
    if (!cxn)
        return;
    pm->cxn = cxn;
    /* the memo: mv[i] the node + 1 whose masks are in mcd[2 * i], mcd[2 *
     * i + 1], 0 for none (only mv is cleared); without memory for it,
     * every child's masks are walked */
    uint32_t *mv = tact__calloc(a, PM_RNB_MEMO, sizeof *mv);
    uint64_t *mcd = mv ? tact__malloc(a, 2 * PM_RNB_MEMO * sizeof *mcd) : NULL;
    uint32_t at = 0;
    for (uint32_t i = 0; i < ncxs; i++) {
        pm_cx *x = &cx[cxs[i]];
        const uint32_t nrch = x->nrch;
        if (!nrch)
            continue; /* (rnb stays NULL: read only with children) */
        /* first the union of the children's masks (rnb[-1]): a token
         * after which none could pass skips them all */
        pm_rnb u = {0, 0, 0, 0};
        const uint32_t u_at = at++;
        x->rnb = cxn + at;
        for (uint32_t j = 0; j < nrch; j++) {
            const uint32_t v = x->rch[j];
            pm_rnb *r = &cxn[at++];
            r->a = nbl[v].a;
            r->b = nbl[v].b;
            const uint32_t m = v & (PM_RNB_MEMO - 1u);
            if (mcd && mv[m] == v + 1) {
                r->c = mcd[2 * m];
                r->d = mcd[2 * m + 1];
            } else {
                node_masks2(pm, v, r);
                if (mcd) {
                    mv[m] = v + 1;
                    mcd[2 * m] = r->c;
                    mcd[2 * m + 1] = r->d;
                }
            }
            u.a |= r->a;
            u.b |= r->b;
            u.c |= r->c;
            u.d |= r->d;
        }
        cxn[u_at] = u;
    }
    tact__free(a, mv);
    tact__free(a, mcd);
}

int tact__pm_freeze(const tact__alloc *a, tact__pm *pm)
{
    if (pm->adopted) {
        if (pm->digest != pm->snap_digest)
            return TACT_EMODEL;
        int rc = build_cx(a, pm);
        if (rc == TACT_OK)
            cx_fill_nbl(a, pm);
        return rc;
    }
    uint32_t *cnt = tact__calloc(a, pm->nnodes, sizeof *cnt);
    if (!cnt)
        return TACT_ENOMEM;
    for (uint32_t i = 0; i < pm->nslots; i++)
        if (pm->edges[i].node)
            cnt[pm->edges[i].node - 1]++;
    uint32_t total = 0;
    for (uint32_t v = 1; v < pm->nnodes; v++) {
        pm->nodes[v].first = total;
        if (cnt[v] <= PM_SMALL) {
            pm->nodes[v].nkeys = (uint16_t)cnt[v];
            total += cnt[v];
        } else {
            unsigned lg = 1;
            while ((1u << lg) < cnt[v] * 2)
                lg++;
            pm->nodes[v].nkeys = (uint16_t)(PM_TABLE | lg);
            total += 1u << lg;
        }
        cnt[v] = 0;
    }
    tact__free(a, pm->fkeys);
    tact__free(a, pm->fchild);
    pm->fkeys = tact__calloc(a, total ? total : 1, sizeof *pm->fkeys);
    pm->fchild = tact__calloc(a, total ? total : 1, sizeof *pm->fchild);
    if (!pm->fkeys || !pm->fchild) {
        for (uint32_t v = 1; v < pm->nnodes; v++)
            pm->nodes[v].nkeys = PM_HASHED;
        tact__free(a, cnt);
        return TACT_ENOMEM;
    }
    for (uint32_t i = 0; i < pm->nslots; i++) {
        const pm_edge *e = &pm->edges[i];
        if (!e->node)
            continue;
        const pm_node *nd = &pm->nodes[e->node - 1];
        uint32_t at;
        if (nd->nkeys & PM_TABLE) {
            uint32_t mask = (1u << (nd->nkeys & 31u)) - 1;
            uint32_t k = root_slot(e->key, mask);
            while (pm->fchild[nd->first + k])
                k = (k + 1) & mask;
            at = nd->first + k;
        } else {
            at = nd->first + cnt[e->node - 1]++;
        }
        pm->fkeys[at] = e->key;
        pm->fchild[at] = e->child;
    }
    tact__free(a, cnt);
    for (uint32_t k = 0; k < pm->nckeys; k++)
        pm->ckeys[k].rchild = root_get(pm, pm->ckeys[k].key);
    pm->rchild_ok = true;
    int rc = order_classes(a, pm);
    if (rc || (rc = build_cx(a, pm)))
        return rc;
    tact__free(a, pm->nbl_own);
    if (!(pm->nbl_own = tact__malloc(a, (size_t)pm->nnodes * sizeof *pm->nbl_own)))
        return TACT_ENOMEM;
    nbloom_fill(pm->nodes, pm->nnodes, pm->fkeys, pm->fchild, pm->nbl_own);
    pm->nbl = pm->nbl_own;
    pm->nbl_ok = true;
    cx_fill_nbl(a, pm);
    return TACT_OK;
}

/* ---- snapshots ------------------------------------------------------------ */

#define SNAP_MAGIC "tactpm8" /* change it with any layout change */

typedef struct pm_snap_head {
    char magic[8];
    uint64_t digest;
    uint32_t nnodes, nfk, nrslots, nredges, naccs, npats, ncslots, ncwords, nckeys;
    uint32_t ntbits; /* tfilter bits (uint16) */
    uint32_t ncm;    /* pm_cmask slots in the last section */
    uint64_t h_num, h_sarc, h_laugh, h_any;
} pm_snap_head;

/* The digest h with the eight bytes at s folded in: the rotation brings
 * the product's high bits down to mix with the next word (one instruction
 * where a shift and an xor took three). */
static inline uint64_t digest_word(uint64_t h, const char *s)
{
    uint64_t w;
    memcpy(&w, s, sizeof w);
    h = (h ^ w) * 0x9E3779B97F4A7C15ull;
    return h << 35 | h >> 29;
}

void tact__pm_digest(tact__pm *pm, const char *data, size_t len, uint8_t group,
                     const char *const *tags, size_t ntags)
{
    if (!pm->adopted)
        pm->nbl_ok = false; /* the lists change the trie */
    uint64_t h = pm->digest ^ 0xcbf29ce484222325ull;
    unsigned char g[2] = {group, (unsigned char)ntags};
    for (size_t i = 0; i < 2; i++)
        h = (h ^ g[i]) * 0x100000001b3ull;
    for (size_t k = 0; k < ntags; k++)
        for (const char *t = tags[k];; t++) {
            h = (h ^ (unsigned char)*t) * 0x100000001b3ull;
            if (!*t)
                break;
        }
    /* the list text eight bytes at a time, two words a turn (start-up
     * digests every list, half a megabyte) */
    size_t i = 0;
    for (; i + 16 <= len; i += 16) {
        h = digest_word(h, data + i);
        h = digest_word(h, data + i + 8);
    }
    for (; i + 8 <= len; i += 8)
        h = digest_word(h, data + i);
    for (; i < len; i++)
        h = (h ^ (unsigned char)data[i]) * 0x100000001b3ull;
    pm->digest = h ^ (uint64_t)len;
}

/* The sections after the header, in order: where each starts (16-aligned)
 * and the total size. */
#define SNAP_SECTIONS 11

static size_t snap_layout(const pm_snap_head *h, size_t off[SNAP_SECTIONS])
{
    const size_t sz[SNAP_SECTIONS] = {
        (size_t)h->nnodes * sizeof(pm_node),   (size_t)h->nfk * sizeof(uint64_t),
        (size_t)h->nfk * sizeof(uint32_t),     (size_t)h->nrslots * sizeof(pm_redge),
        (size_t)h->naccs * sizeof(pm_acc),     (size_t)h->npats * sizeof(pm_pat),
        (size_t)h->ncslots * sizeof(pm_cslot), (size_t)h->nckeys * sizeof(pm_ckey),
        (size_t)h->ntbits * sizeof(uint16_t),  (size_t)h->nnodes * sizeof(pm_nbloom),
        (size_t)h->ncm * sizeof(pm_cmask)};
    size_t at = (sizeof *h + 15) & ~(size_t)15;
    for (size_t i = 0; i < SNAP_SECTIONS; i++) {
        off[i] = at;
        at = (at + sz[i] + 15) & ~(size_t)15;
    }
    return at;
}

/* The edge slots of a frozen node (0 for the root, whose edges are in
 * redges). */
static uint32_t node_slots(const pm_node *nd)
{
    if (nd->nkeys == PM_HASHED)
        return 0;
    return nd->nkeys & PM_TABLE ? 1u << (nd->nkeys & 31u) : nd->nkeys;
}

/*
 * The frozen trie renumbered breadth first: the root's children, then
 * theirs, and so on, each node's edges laid out in the new node order.
 * Scans go a token or two deep from every token, so the nodes they visit
 * most, and their edges, end up side by side in a few hundred kilobytes
 * at the front instead of spread over the whole 20 MB; each node keeps its
 * edges in the same order, so the matches come out in the same order.
 * Fills nodes, fkeys, fchild, redges and ckeys (of pm's sizes, nfk edge
 * slots). TACT_OK, TACT_ENOMEM or TACT_EINVAL.
 */
static int bfs_layout(const tact__alloc *a, const tact__pm *pm, uint32_t nfk, pm_node *nodes,
                      uint64_t *fkeys, uint32_t *fchild, pm_redge *redges, pm_ckey *ckeys)
{
    uint32_t nn = pm->nnodes;
    uint32_t *newid = tact__malloc(a, (size_t)nn * sizeof *newid);
    uint32_t *order = tact__malloc(a, (size_t)nn * sizeof *order);
    if (!newid || !order) {
        tact__free(a, newid);
        tact__free(a, order);
        return TACT_ENOMEM;
    }
    for (uint32_t v = 0; v < nn; v++)
        newid[v] = UINT32_MAX;
    uint32_t head = 0, tail = 0;
#define PM_VISIT(v)                                                                               \
    do {                                                                                          \
        uint32_t v_ = (v);                                                                        \
        if (v_ && v_ < nn && newid[v_] == UINT32_MAX) {                                           \
            newid[v_] = tail;                                                                     \
            order[tail++] = v_;                                                                   \
        }                                                                                         \
    } while (0)
    newid[0] = 0;
    order[tail++] = 0;
    for (uint32_t i = 0; i < pm->nrslots; i++)
        PM_VISIT(pm->redges[i].child);
    while (head < tail) {
        const pm_node *nd = &pm->nodes[order[head++]];
        uint32_t n = node_slots(nd);
        for (uint32_t k = 0; k < n; k++)
            PM_VISIT(pm->fchild[nd->first + k]);
        PM_VISIT(nd->gap);
    }
    for (uint32_t v = 1; v < nn; v++) /* none, in a trie: kept all the same */
        PM_VISIT(v);
#undef PM_VISIT
    uint32_t at = 0;
    for (uint32_t j = 0; j < nn; j++) {
        const pm_node *nd = &pm->nodes[order[j]];
        uint32_t n = node_slots(nd);
        nodes[j] = *nd;
        nodes[j].gap = nd->gap ? newid[nd->gap] : 0;
        if (nd->nkeys == PM_HASHED)
            continue;
        if (n > nfk - at) { /* cannot be: the freeze lays the edges end to end */
            tact__free(a, newid);
            tact__free(a, order);
            return TACT_EINVAL;
        }
        nodes[j].first = at;
        for (uint32_t k = 0; k < n; k++) {
            uint32_t c = pm->fchild[nd->first + k];
            fkeys[at + k] = pm->fkeys[nd->first + k];
            fchild[at + k] = c ? newid[c] : 0;
        }
        at += n;
    }
    for (; at < nfk; at++) {
        fkeys[at] = 0;
        fchild[at] = 0;
    }
    for (uint32_t i = 0; i < pm->nrslots; i++) {
        redges[i] = pm->redges[i];
        redges[i].child = redges[i].child ? newid[redges[i].child] : 0;
    }
    for (uint32_t k = 0; k < pm->nckeys; k++) {
        ckeys[k] = pm->ckeys[k];
        ckeys[k].rchild = ckeys[k].rchild ? newid[ckeys[k].rchild] : 0;
    }
    tact__free(a, newid);
    tact__free(a, order);
    return TACT_OK;
}

int tact__pm_snapshot(const tact__alloc *a, const tact__pm *pm, tact__buf *out)
{
    if (pm->adopted || !pm->fkeys || !pm->rchild_ok || !pm->nonroot_ok)
        return TACT_EINVAL;
    for (uint32_t v = 1; v < pm->nnodes; v++)
        if (pm->nodes[v].nkeys == PM_HASHED)
            return TACT_EINVAL; /* an edge added after the freeze */
    pm_snap_head h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, SNAP_MAGIC, sizeof h.magic);
    h.digest = pm->digest;
    h.nnodes = pm->nnodes;
    h.nfk = 0;
    for (uint32_t v = 1; v < pm->nnodes; v++) {
        const pm_node *nd = &pm->nodes[v];
        uint32_t n = nd->nkeys & PM_TABLE ? 1u << (nd->nkeys & 31u) : nd->nkeys;
        if (nd->first + n > h.nfk)
            h.nfk = nd->first + n;
    }
    h.nrslots = pm->nrslots;
    h.nredges = pm->nredges;
    h.naccs = pm->naccs;
    h.npats = pm->npats;
    h.ncslots = pm->ncslots;
    h.ncwords = pm->ncwords;
    h.nckeys = pm->nckeys;
    h.h_num = pm->h_num;
    h.h_sarc = pm->h_sarc;
    h.h_laugh = pm->h_laugh;
    h.h_any = pm->h_any;
    uint32_t nc = 0;
    int rc = table_class_bits(a, pm, pm->nodes, pm->nnodes, pm->fkeys, pm->fchild, NULL, &h.ntbits,
                              NULL, 0, &nc);
    if (rc)
        return rc;
    h.ncm = cm_slots(nc);
    size_t off[SNAP_SECTIONS], total = snap_layout(&h, off);
    size_t base = out->len;
    if (tact__buf_reserve(a, out, total))
        return TACT_ENOMEM;
    memset(out->p + base, 0, total);
    memcpy(out->p + base, &h, sizeof h);
    /* nodes, edges, root edges and class keys: renumbered (bfs_layout) */
    const void *src[8] = {NULL, NULL, NULL, NULL, pm->accs, pm->pats, pm->cslots, NULL};
    rc = bfs_layout(a, pm, h.nfk, (pm_node *)(void *)(out->p + base + off[0]),
                   (uint64_t *)(void *)(out->p + base + off[1]),
                   (uint32_t *)(void *)(out->p + base + off[2]),
                   (pm_redge *)(void *)(out->p + base + off[3]),
                   (pm_ckey *)(void *)(out->p + base + off[7]));
    /* the tfilter bits, of the renumbered nodes */
    uint32_t nb = 0;
    if (!rc)
        rc = table_class_bits(a, pm, (const pm_node *)(const void *)(out->p + base + off[0]),
                              pm->nnodes, (const uint64_t *)(const void *)(out->p + base + off[1]),
                              (const uint32_t *)(const void *)(out->p + base + off[2]),
                              (uint16_t *)(void *)(out->p + base + off[8]), &nb,
                              (pm_cmask *)(void *)(out->p + base + off[10]), h.ncm, NULL);
    if (!rc && nb != h.ntbits)
        rc = TACT_EINVAL;
    if (rc)
        return rc;
    nbloom_fill((const pm_node *)(const void *)(out->p + base + off[0]), pm->nnodes,
                (const uint64_t *)(const void *)(out->p + base + off[1]),
                (const uint32_t *)(const void *)(out->p + base + off[2]),
                (pm_nbloom *)(void *)(out->p + base + off[9]));
    const size_t sz[8] = {h.nnodes * sizeof(pm_node),  h.nfk * sizeof(uint64_t),
                          h.nfk * sizeof(uint32_t),    h.nrslots * sizeof(pm_redge),
                          h.naccs * sizeof(pm_acc),    h.npats * sizeof(pm_pat),
                          h.ncslots * sizeof(pm_cslot), h.nckeys * sizeof(pm_ckey)};
    for (size_t i = 0; i < 8; i++)
        if (sz[i] && src[i])
            memcpy(out->p + base + off[i], src[i], sz[i]);
    out->len = base + total;
    return TACT_OK;
}

/* A pointer into the snapshot for a field the matcher only reads once a
 * snapshot is adopted (the compile paths that write are never taken). */
static void *snap_ptr(const char *blob, size_t off)
{
    return (void *)(uintptr_t)(blob + off);
}

/* The header of a snapshot for a new, empty pm: its sizes, its sections'
 * offsets (off) and that they add up to len. TACT_OK or TACT_EMODEL. */
static int snap_head(const tact__pm *pm, const char *blob, size_t len, pm_snap_head *hp,
                     size_t off[SNAP_SECTIONS])
{
    pm_snap_head h;
    if (pm->adopted || pm->nnodes != 1 || pm->npats || len < sizeof h ||
        ((uintptr_t)blob & 15u))
        return TACT_EMODEL;
    memcpy(&h, blob, sizeof h);
    if (memcmp(h.magic, SNAP_MAGIC, sizeof h.magic) != 0 || snap_layout(&h, off) != len ||
        h.nnodes < 1 || !h.nrslots || (h.nrslots & (h.nrslots - 1)) ||
        (h.ncslots & (h.ncslots - 1)) || h.ncwords > h.ncslots ||
        h.h_num != pm->h_num || h.h_any != pm->h_any)
        return TACT_EMODEL;
    *hp = h;
    return TACT_OK;
}

/* Every index of the snapshot inside its array, every table and list
 * ending: what the scan trusts. TACT_OK or TACT_EMODEL. Reads the whole
 * blob (about half of start-up for the built-in one, which the build
 * checks instead: tact__pm_adopt_builtin). */
static int snap_indices(const pm_snap_head *hp, const char *blob, const size_t off[SNAP_SECTIONS])
{
    const pm_snap_head h = *hp;
    /* the scan trusts these: every index must stay inside its array */
    const pm_node *nodes = (const pm_node *)(const void *)(blob + off[0]);
    const uint32_t *fchild = (const uint32_t *)(const void *)(blob + off[2]);
    const pm_redge *redges = (const pm_redge *)(const void *)(blob + off[3]);
    const pm_acc *accs = (const pm_acc *)(const void *)(blob + off[4]);
    const pm_cslot *cslots = (const pm_cslot *)(const void *)(blob + off[6]);
    const pm_ckey *ckeys = (const pm_ckey *)(const void *)(blob + off[7]);
    /* one pass over each array in tight loops without a branch per entry
     * (start-up reads the 30 MB once). Every count is below 2^30 (the
     * sizes add up to len), so two 32-bit indices are checked at once in
     * a 64-bit word: lane x <= lim (with x < 2^31) sets the lane's top bit
     * of (lim + 2^31) - x, and no lane borrows from the next. */
    if (h.nnodes > (1u << 30) || h.nfk > (1u << 30) || h.naccs > (1u << 30) ||
        h.nckeys > (1u << 30))
        return TACT_EMODEL;
    if (nodes[0].nkeys != PM_HASHED || nodes[0].first > h.nfk || nodes[0].gap >= h.nnodes ||
        nodes[0].acc > h.naccs)
        return TACT_EMODEL;
    const uint64_t top = 0x8000000080000000ull;
    uint64_t all = top, any = 0, endbad = 0;
    uint64_t lim_ga; /* pm_node's gap and acc: < nnodes, <= naccs */
    {
        const uint32_t l[2] = {h.nnodes - 1 + 0x80000000u, h.naccs + 0x80000000u};
        memcpy(&lim_ga, l, sizeof lim_ga);
    }
    const uint32_t nnodes = h.nnodes, nfk = h.nfk;
    for (uint32_t v = 1; v < nnodes; v++) {
        const pm_node *nd = &nodes[v];
        uint32_t nk = nd->nkeys;
        if (nk & PM_TABLE) {
            /* a table (rare) or PM_HASHED (only the root may be) */
            uint32_t lg = nk & 31u, n = lg < 31 ? 1u << lg : 0;
            if (nk == PM_HASHED || !n || nd->first > nfk || n > nfk - nd->first)
                return TACT_EMODEL;
            /* probing stops at an empty slot: every table needs one */
            uint32_t k = 0;
            while (k < n && fchild[nd->first + k])
                k++;
            if (k == n)
                return TACT_EMODEL;
            nk = 0; /* its extent is checked: the fold below sees none */
        }
        uint64_t ga;
        memcpy(&ga, nd, sizeof ga); /* gap, acc */
        any |= ga;
        all &= lim_ga - ga;
        endbad |= (uint64_t)nfk - ((uint64_t)nd->first + nk); /* top bit: past nfk */
    }
    {
        /* fchild: every child < nnodes */
        const uint64_t lim = (uint64_t)(nnodes - 1 + 0x80000000u) * 0x100000001ull;
        uint32_t i = 0;
        for (; i + 4 <= nfk; i += 4) {
            uint64_t w0, w1;
            memcpy(&w0, fchild + i, sizeof w0);
            memcpy(&w1, fchild + i + 2, sizeof w1);
            any |= w0 | w1;
            all &= (lim - w0) & (lim - w1);
        }
        for (; i < nfk; i++)
            endbad |= (uint64_t)(fchild[i] >= nnodes) << 63;
    }
    {
        /* accs: pat < npats, next <= naccs */
        uint64_t lim;
        const uint32_t l[2] = {h.npats - 1 + 0x80000000u, h.naccs + 0x80000000u};
        memcpy(&lim, l, sizeof lim);
        const uint32_t naccs = h.naccs;
        if (naccs && !h.npats)
            return TACT_EMODEL;
        for (uint32_t i = 0; i < naccs; i++) {
            uint64_t w;
            memcpy(&w, &accs[i], sizeof w);
            any |= w;
            all &= lim - w;
        }
    }
    if ((any & top) || (all & top) != top || (endbad >> 63))
        return TACT_EMODEL;
    if (h.ncm) {
        /* the class masks' table: a power of two with a free slot */
        if (h.ncm & (h.ncm - 1))
            return TACT_EMODEL;
        const pm_cmask *cm = (const pm_cmask *)(const void *)(blob + off[10]);
        uint32_t nfree = 0;
        for (uint32_t i = 0; i < h.ncm; i++)
            nfree += cm[i].node1 == 0;
        if (!nfree)
            return TACT_EMODEL;
    }
    uint32_t bad = 0, used = 0;
    for (uint32_t i = 0; i < h.nrslots; i++) {
        bad |= (uint32_t)(redges[i].child >= h.nnodes);
        used += redges[i].child != 0;
    }
    if (bad || used >= h.nrslots)
        return TACT_EMODEL;
    for (uint32_t i = 0; i < h.ncslots; i++)
        bad |= (uint32_t)(cslots[i].head > h.nckeys) | (uint32_t)(cslots[i].nonroot > h.nckeys);
    for (uint32_t i = 0; i < h.nckeys; i++)
        bad |= (uint32_t)(ckeys[i].next > h.nckeys) | (uint32_t)(ckeys[i].rchild >= h.nnodes);
    if (bad)
        return TACT_EMODEL;
    /* the lists end (no cycle): the scan walks them */
    if (class_keys_listed(cslots, h.ncslots, ckeys, h.nckeys) == UINT32_MAX)
        return TACT_EMODEL;
    return TACT_OK;
}

/* pm's arrays pointed into the checked blob. */
static void snap_install(const tact__alloc *a, tact__pm *pm, const char *blob,
                         const pm_snap_head *hp, const size_t off[SNAP_SECTIONS])
{
    const pm_snap_head h = *hp;
    tact__free(a, pm->redges);
    tact__free(a, pm->nodes);
    pm->redges = snap_ptr(blob, off[3]);
    pm->nrslots = h.nrslots;
    pm->nredges = h.nredges;
    pm->nodes = snap_ptr(blob, off[0]);
    pm->nnodes = pm->ncap = h.nnodes;
    pm->fkeys = snap_ptr(blob, off[1]);
    pm->fchild = snap_ptr(blob, off[2]);
    pm->accs = snap_ptr(blob, off[4]);
    pm->naccs = pm->acap = h.naccs;
    pm->pats = snap_ptr(blob, off[5]);
    pm->npats = pm->pcap = h.npats;
    pm->cslots = h.ncslots ? snap_ptr(blob, off[6]) : NULL;
    pm->ncslots = h.ncslots;
    pm->ncwords = h.ncwords;
    pm->ckeys = snap_ptr(blob, off[7]);
    pm->nckeys = pm->ckcap = h.nckeys;
    pm->snap_digest = h.digest;
    pm->adopted = true;
    pm->rchild_ok = true; /* snapshots are taken frozen */
    pm->nonroot_ok = true;
    /* any value is a valid bit (a damaged one, like a damaged edge key,
     * can only lose matches: the filter never leads out of an array) */
    const uint16_t *tbits = (const uint16_t *)(const void *)(blob + off[8]);
    memset(pm->tfilter, 0, sizeof pm->tfilter);
    for (uint32_t i = 0; i < h.ntbits; i++)
        pm->tfilter[tbits[i] >> 6] |= (uint64_t)1 << (tbits[i] & 63);
    pm->tfilter_ok = true;
    /* any value is valid here too: a damaged mask can only skip steps */
    pm->nbl = (const pm_nbloom *)(const void *)(blob + off[9]);
    pm->nbl_ok = true;
    /* and in the class masks (checked above: a free slot ends every probe) */
    pm->cm = h.ncm ? (const pm_cmask *)(const void *)(blob + off[10]) : NULL;
    pm->ncm = h.ncm;
}

int tact__pm_adopt(const tact__alloc *a, tact__pm *pm, const char *blob, size_t len)
{
    pm_snap_head h;
    size_t off[SNAP_SECTIONS];
    int rc = snap_head(pm, blob, len, &h, off);
    if (!rc)
        rc = snap_indices(&h, blob, off);
    if (rc)
        return rc;
    snap_install(a, pm, blob, &h, off);
    return TACT_OK;
}

int tact__pm_adopt_builtin(const tact__alloc *a, tact__pm *pm, const char *blob, size_t len)
{
    pm_snap_head h;
    size_t off[SNAP_SECTIONS];
    int rc = snap_head(pm, blob, len, &h, off);
    if (rc)
        return rc;
    snap_install(a, pm, blob, &h, off);
    return TACT_OK;
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

int tact__pm_class_add(const tact__alloc *a, tact__pm *pm, uint64_t word, uint64_t key)
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
    pm->ckeys[pm->nckeys].rchild = 0;
    pm->rchild_ok = false;
    pm->nonroot_ok = false;
    pm->cx_ok = false;
    c->word = word;
    c->head = ++pm->nckeys;
    return TACT_OK;
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
    const pm_cx *const *tc; /* per token: its classes (pm_cx; nkeys 0: none) */
    const pm_nbloom *nbl;   /* pm->nbl, or NULL when not up to date */
    const uint64_t *tm;     /* per token (and one past the last): the two
                             * masks its keys must meet in a node's pm_nbloom */
    const uint64_t *tiv;    /* sc->tinfo when made from pm (tinfo.h), or NULL */
} mctx;

size_t tact__pm_tinfo_keys(const tact__pm *pm, uint64_t *out, size_t cap)
{
    if (!out)
        return (size_t)pm->ncslots + pm->nrslots; /* (at most that many) */
    /* (cap checked only where a key is written: start-up walks every slot,
     * or with the layout built only the class words' (cxs)) */
    size_t n = 0;
    const pm_cslot *cs = pm->cslots;
    if (pm->cx_ok) {
        for (uint32_t i = 0; i < pm->ncxs && n < cap; i++)
            out[n++] = cs[pm->cxs[i]].word;
    } else {
        for (uint32_t s = 0, ncs = pm->ncslots; s < ncs; s++)
            if (cs[s].head) {
                if (n == cap)
                    return n;
                out[n++] = cs[s].word;
            }
    }
    const pm_redge *re = pm->redges;
    for (uint32_t s = 0, nrs = pm->nrslots; s < nrs; s++)
        if (re[s].child) {
            if (n == cap)
                return n;
            out[n++] = re[s].key;
        }
    return n;
}

uint64_t tact__pm_tinfo_bits(const tact__pm *pm, uint64_t h, bool *ok)
{
    uint64_t v = 0;
    /* (cfilter answers for most hashes that are no class word) */
    const pm_cslot *c =
        pm->ncslots && (!pm->cx_ok || filter_has(pm->cfilter, h)) ? cslot_find(pm, h) : NULL;
    if (c && c->head && c->word == h) {
        uint64_t slot1 = (uint64_t)(c - pm->cslots) + 1;
        if (slot1 > TI_PM_MASK || !pm->cx_ok)
            *ok = false;
        else
            v |= slot1 << TI_PM_SHIFT | (pm->cx[slot1 - 1].nrch ? TI_PM_RCH : 0);
    }
    if (pm->nrslots && (!pm->cx_ok || filter_has(pm->rfilter, h)) && root_get(pm, h))
        v |= TI_PM_ROOT;
    return v;
}

/* Whether class key `key` is one of the first nonroot class keys of a
 * token (called only when the token's bloom bit says it may be). */
static bool tok_has_class(const tact__pm *pm, const pm_cx *x, uint64_t key)
{
    if (!((x->bloom3 >> ((key >> 12) & 63)) & 1))
        return false; /* a third bit: most false hits of the first two end here */
    if (x->slot1 && pm->cxp) {
        /* one probe of the pairs (cpairs_build) for a laid-out word */
        const pm_cpair *t = pm->cxp;
        for (uint32_t i = cpair_slot(x->slot1, key, pm->cxp_mask);; i = (i + 1) & pm->cxp_mask) {
            if (!t[i].slot1)
                return false;
            if (t[i].slot1 == x->slot1 && t[i].key == key)
                return true;
        }
    }
    for (uint32_t j = 0; j < x->nonroot; j++)
        if (x->keys[j] == key)
            return true;
    return false;
}

/* A kind that may be a number or an emoji token (NUMBER, ALNUM, EMOJI). */
#define TOK_KIND_RARE(k)                                                                          \
    ((k) < 32u && (((1u << TACT__TOK_NUMBER | 1u << TACT__TOK_ALNUM | 1u << TACT__TOK_EMOJI) >>    \
                    (k)) & 1u))

static inline bool is_num_tok(const tact_scanner *sc, size_t i)
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

static void step_node(mctx *m, uint32_t node, size_t p);

/* Whether the node's masks leave it something to do at token p. */
static inline bool may_step(const mctx *m, uint32_t node, size_t p)
{
    if (!m->nbl)
        return true;
    const pm_nbloom *b = &m->nbl[node];
    return (b->a & m->tm[2 * p]) && (b->b & m->tm[2 * p + 1]);
}

/* Step to node at token p, unless its masks show that it can do nothing
 * there. */
static inline void step(mctx *m, uint32_t node, size_t p)
{
    if (may_step(m, node, p))
        step_node(m, node, p);
}

static void emit(mctx *m, uint32_t node, size_t p)
{
    for (uint32_t q = m->pm->nodes[node].acc; q && m->rc == TACT_OK; q = m->pm->accs[q - 1].next) {
        if (*m->n == *m->cap &&
            tact__grow(m->a, (void **)m->out, m->cap, *m->n + 1, sizeof **m->out)) {
            m->rc = TACT_ENOMEM;
            return;
        }
        tact__pm_match *r = &(*m->out)[(*m->n)++];
        uint32_t pat = m->pm->accs[q - 1].pat;
        r->pat = pat;
        r->first = m->start;
        r->last = (uint32_t)(p - 1);
        r->group = m->pm->pats[pat].group;
        r->tag = m->pm->pats[pat].tag;
        r->pad = 0;
    }
}

#if defined(__GNUC__)
#define PM_INLINE inline __attribute__((always_inline))
#else
#define PM_INLINE inline
#endif

/* The child of node along key: a short scan of a frozen small node, the
 * hash table otherwise (inlined: the steps call it for nearly every token). */
static PM_INLINE uint32_t node_get(const tact__pm *pm, const pm_node *nd, uint32_t node, uint64_t key)
{
    if (nd->nkeys == PM_HASHED)
        return edge_get(pm, node, key);
    if (nd->nkeys & PM_TABLE) {
        uint32_t mask = (1u << (nd->nkeys & 31u)) - 1;
        for (uint32_t i = root_slot(key, mask);; i = (i + 1) & mask) {
            uint32_t c = pm->fchild[nd->first + i];
            if (!c || pm->fkeys[nd->first + i] == key)
                return c;
        }
    }
    const uint64_t *k = pm->fkeys + nd->first;
    for (uint32_t i = 0; i < nd->nkeys; i++)
        if (k[i] == key)
            return pm->fchild[nd->first + i];
    return 0;
}

/* step_edges runs once per step (inlined into step_node, whose call it saves) */
static PM_INLINE void step_edges(mctx *m, uint32_t node, size_t p)
{
    const tact__pm *pm = m->pm;
    const tact_scanner *sc = m->sc;
    if (p >= sc->ntoks)
        return;
    uint32_t c;
    const pm_node *nd = &pm->nodes[node];
    unsigned spec = nd->spec;
    if (node && (spec & SPEC_CLASS) && nd->nkeys != PM_HASHED && !(nd->nkeys & PM_TABLE) &&
        pm->nonroot_ok) {
        /* a small inner node: one pass over its few edges, each checked
         * against the token's word and (through its bloom word) classes,
         * instead of one search of the node per class of the token */
        const uint64_t *k = pm->fkeys + nd->first;
        const uint32_t *ch = pm->fchild + nd->first;
        const pm_cx *x = m->tc[p];
        uint64_t word = sc->toks[p].hash, bloom = x->bloom, bloom2 = x->bloom2;
        for (uint32_t i = 0; i < nd->nkeys; i++) {
            if (k[i] == word ? (spec & SPEC_WORD) != 0
                             : ((bloom >> (k[i] & 63)) & (bloom2 >> ((k[i] >> 6) & 63)) & 1) &&
                                   tok_has_class(pm, x, k[i]))
                step(m, ch[i], p + 1);
        }
        goto tokens;
    }
    if ((spec & SPEC_WORD) && (c = node_get(pm, nd, node, sc->toks[p].hash)))
        step(m, c, p + 1);
    if ((spec & SPEC_CLASS) && node == 0 && pm->rchild_ok) {
        /* every token asks the root about each of its classes: the answer
         * is kept with the class key */
        const pm_cx *x = m->tc[p];
        for (uint32_t j = 0; j < x->nrch; j++)
            step(m, x->rch[j], p + 1);
    } else if (spec & SPEC_CLASS) {
        const pm_cx *x = m->tc[p];
        uint32_t n = node ? x->nonroot : x->nkeys;
        /* a frozen table node: its class edges are in tfilter */
        bool filt = node && pm->cx_ok && nd->nkeys != PM_HASHED && (nd->nkeys & PM_TABLE);
        const pm_cmask *cmk = filt && n && pm->ncm ? cm_find(pm->cm, pm->ncm, node) : NULL;
        if (cmk && !((x->bloom & cmk->a) && (x->bloom2 & cmk->b))) {
            /* none of the token's keys is a class edge of the node */
        } else if (filt) {
            const uint16_t *tk = x->tk;
            const uint64_t *keys = x->keys;
            const unsigned nb = tbit_node(node);
            for (uint32_t j = 0; j < n; j++)
                if (tfilter_has(pm->tfilter, tk[j] ^ nb) && (c = node_get(pm, nd, node, keys[j])))
                    step(m, c, p + 1);
        } else {
            for (uint32_t j = 0; j < n; j++)
                if ((c = node_get(pm, nd, node, x->keys[j])))
                    step(m, c, p + 1);
        }
    }
tokens:
    if (!(spec & SPEC_TOKEN))
        return;
    /* a node has an edge keyed by one of these only with its SPEC_ bit */
    if ((spec & SPEC_NUM) && is_num_tok(sc, p) && (c = node_get(pm, nd, node, pm->h_num)))
        step(m, c, p + 1);
    if ((spec & (SPEC_SARC | SPEC_LAUGH)) && sc->toks[p].kind == TACT__TOK_EMOJI) {
        int32_t cp = first_cp(sc, p);
        if ((spec & SPEC_SARC) && is_sarc(cp) && (c = node_get(pm, nd, node, pm->h_sarc)))
            step(m, c, p + 1);
        if ((spec & SPEC_LAUGH) && is_laugh(cp) && (c = node_get(pm, nd, node, pm->h_laugh)))
            step(m, c, p + 1);
    }
    if ((spec & SPEC_ANY) && (c = node_get(pm, nd, node, pm->h_any)))
        step(m, c, p + 1);
}

/* step_edges of a frozen small node nd (not the root) with no <sarc>,
 * <laugh> or <any> edge, at token p < ntoks of a frozen matcher
 * (nonroot_ok): its word and class edges in one pass, as step_edges' small
 * node path (a node with only word edges: node_get's scan, which stops at
 * the one key equal to the word), then its <num> edge. (Speed: many nodes
 * have only a <num> edge, and their masks of all ones let every token
 * through to them.) */
static PM_INLINE void step_small(mctx *m, const pm_node *nd, size_t p)
{
    const tact__pm *pm = m->pm;
    const unsigned spec = nd->spec;
    const uint64_t *k = pm->fkeys + nd->first;
    const uint32_t *ch = pm->fchild + nd->first;
    const uint64_t word = m->sc->toks[p].hash;
    if (!(spec & SPEC_CLASS)) {
        if (spec & SPEC_WORD)
            for (uint32_t i = 0; i < nd->nkeys; i++)
                if (k[i] == word) {
                    step(m, ch[i], p + 1);
                    break;
                }
    } else {
        const pm_cx *x = m->tc[p];
        const uint64_t bloom = x->bloom, bloom2 = x->bloom2;
        for (uint32_t i = 0; i < nd->nkeys; i++) {
            if (k[i] == word ? (spec & SPEC_WORD) != 0
                             : ((bloom >> (k[i] & 63)) & (bloom2 >> ((k[i] >> 6) & 63)) & 1) &&
                                   tok_has_class(pm, x, k[i]))
                step(m, ch[i], p + 1);
        }
    }
    if ((spec & SPEC_NUM) && is_num_tok(m->sc, p)) {
        for (uint32_t i = 0; i < nd->nkeys; i++)
            if (k[i] == pm->h_num) {
                step(m, ch[i], p + 1);
                break;
            }
    }
}

/* Whether a step to the frozen table node nd (node, not the root) at token
 * p of a frozen matcher (cx_ok) can do nothing: it neither accepts nor has
 * a gap or a token edge, has no edge keyed by the token's word, and
 * tfilter holds none of its class keys with the node (step_edges' table
 * path tries only the keys it holds). (Speed: the root's children with
 * many edges have masks that most tokens meet.) */
static PM_INLINE bool table_idle(const mctx *m, const pm_node *nd, uint32_t node, size_t p)
{
    if (nd->acc || nd->gap || (nd->spec & SPEC_TOKEN) || nd->nkeys == PM_HASHED ||
        !(nd->nkeys & PM_TABLE))
        return false;
    const tact__pm *pm = m->pm;
    if (p >= m->sc->ntoks)
        return true;
    if ((nd->spec & SPEC_WORD) && node_get(pm, nd, node, m->sc->toks[p].hash))
        return false;
    if (nd->spec & SPEC_CLASS) {
        const pm_cx *x = m->tc[p];
        if (!x->nonroot)
            return true;
        const pm_cmask *cmk = pm->ncm ? cm_find(pm->cm, pm->ncm, node) : NULL;
        if (cmk && !((x->bloom & cmk->a) && (x->bloom2 & cmk->b)))
            return true;
        const uint16_t *tk = x->tk;
        const unsigned nb = tbit_node(node);
        for (uint32_t j = 0; j < x->nonroot; j++)
            if (tfilter_has(pm->tfilter, tk[j] ^ nb))
                return false;
    }
    return true;
}

/* step_edges from the root at token p < ntoks of a frozen matcher (cx_ok,
 * rchild_ok): the root's word edge through rfilter, its class edges kept
 * with the token's classes; the same steps in the same order. */
static void step_root(mctx *m, size_t p)
{
    const tact__pm *pm = m->pm;
    const tact_scanner *sc = m->sc;
    const pm_node *nd = &pm->nodes[0];
    unsigned spec = nd->spec;
    uint32_t c;
    if (spec & SPEC_WORD) {
        /* (tiv: whether the root has an edge keyed by the word, exactly) */
        uint64_t h = sc->toks[p].hash;
        if ((m->tiv ? (m->tiv[p] & TI_PM_ROOT) != 0 : filter_has(pm->rfilter, h)) &&
            (c = root_get(pm, h)))
            step(m, c, p + 1);
    }
    if (spec & SPEC_CLASS) {
        /* the token's root children, often many: what may_step reads, in
         * locals (step_node may write memory the compiler cannot rule
         * out) */
        const pm_cx *x = m->tc[p];
        const uint32_t *rch = x->rch;
        uint32_t nrch = x->nrch;
        const pm_nbloom *nbl = m->nbl;
        const pm_rnb *rnb = x->rnb;
        if (nrch && nbl) {
            const uint64_t ta = m->tm[2 * (p + 1)], tb = m->tm[2 * (p + 1) + 1];
            if (rnb) {
                /* the masks side by side (cx_fill_nbl), and the children's
                 * against the token after (past the end: all ones) */
                const size_t q = p + 2 <= sc->ntoks ? p + 2 : sc->ntoks;
                const uint64_t tc = m->tm[2 * q], td = m->tm[2 * q + 1];
                const pm_rnb *u = rnb - 1;
                if (!((u->a & ta) && (u->b & tb) && (u->c & tc) && (u->d & td)))
                    nrch = 0;
                const pm_node *nodes = pm->nodes;
                for (uint32_t j = 0; j < nrch; j++)
                    if ((rnb[j].a & ta) && (rnb[j].b & tb) && (rnb[j].c & tc) && (rnb[j].d & td)) {
                        /* a leaf (no SPEC_ bits: no edges to try; no gap)
                         * only emits: no step_node frame for it */
                        const pm_node *v = &nodes[rch[j]];
                        if (!v->acc && !v->gap && !(v->spec & (SPEC_TOKEN & ~SPEC_NUM)) &&
                            v->nkeys < PM_TABLE) {
                            /* a small node that only steps on (most of
                             * them): step_node's steps here, without the
                             * call (the same steps in the same order) */
                            if (p + 1 < sc->ntoks)
                                step_small(m, v, p + 1);
                        } else if (v->spec || v->gap) {
                            if (!table_idle(m, v, rch[j], p + 1))
                                step_node(m, rch[j], p + 1);
                        } else if (v->acc) {
                            emit(m, rch[j], p + 1);
                        }
                    }
            } else {
                for (uint32_t j = 0; j < nrch; j++) {
                    const pm_nbloom *b = &nbl[rch[j]];
                    if ((b->a & ta) && (b->b & tb))
                        step_node(m, rch[j], p + 1);
                }
            }
        } else {
            for (uint32_t j = 0; j < nrch; j++)
                step(m, rch[j], p + 1);
        }
    }
    if (!(spec & SPEC_TOKEN))
        return;
    /* (the number and emoji edges only for a token of a kind they may
     * take, one test for the rest: nearly every token, and the root has
     * both kinds of edge) */
    const unsigned kind = sc->toks[p].kind;
    if (TOK_KIND_RARE(kind)) {
        if ((spec & SPEC_NUM) && is_num_tok(sc, p) && (c = node_get(pm, nd, 0, pm->h_num)))
            step(m, c, p + 1);
        if ((spec & (SPEC_SARC | SPEC_LAUGH)) && kind == TACT__TOK_EMOJI) {
            int32_t cp = first_cp(sc, p);
            if ((spec & SPEC_SARC) && is_sarc(cp) && (c = node_get(pm, nd, 0, pm->h_sarc)))
                step(m, c, p + 1);
            if ((spec & SPEC_LAUGH) && is_laugh(cp) && (c = node_get(pm, nd, 0, pm->h_laugh)))
                step(m, c, p + 1);
        }
    }
    if ((spec & SPEC_ANY) && (c = node_get(pm, nd, 0, pm->h_any)))
        step(m, c, p + 1);
}

static void step_node(mctx *m, uint32_t node, size_t p)
{
    /* no check of m->rc here: only emit fails, and after a failure it
     * adds nothing, and the scan's loop stops at the next token */
    const pm_node *nd = &m->pm->nodes[node];
    if (nd->acc)
        emit(m, node, p);
    step_edges(m, node, p);
    uint32_t g = nd->gap;
    if (!g)
        return;
    /* the tokens the gap may skip, [p, end), and may_step's masks of g, in
     * locals: step_edges may store (emit), and the compiler would read
     * them again through m for each token */
    const tact_scanner *sc = m->sc;
    const size_t end = p + nd->gapmax + 1 < sc->ntoks ? p + nd->gapmax + 1 : sc->ntoks;
    const pm_nbloom *gm = m->nbl ? &m->nbl[g] : NULL;
    const uint64_t *tm = m->tm;
    for (size_t q = p; q < end; q++) {
        if (q > p && sent_break(sc, q - 1))
            break;
        /* (may_step: all ones for a gap node that accepts or has a gap) */
        if (!gm || ((gm->a & tm[2 * q]) && (gm->b & tm[2 * q + 1])))
            step_edges(m, g, q);
    }
}

static const pm_cx no_cx;

/* The classes of each token without build_cx's layout (a matcher changed
 * since its freeze, or never frozen): read from the lists into x, keys and
 * children in buffers of their own. */
static int classes_slow(const tact__pm *pm, const tact_scanner *sc, const tact__alloc *a, pm_cx *x,
                        void **mem)
{
    size_t total = 0;
    for (size_t i = 0; i < sc->ntoks; i++) {
        const pm_cslot *c = pm->ncslots ? cslot_find(pm, sc->toks[i].hash) : NULL;
        uint32_t n = 0;
        for (uint32_t k = c ? c->head : 0; k && n <= pm->nckeys; k = pm->ckeys[k - 1].next)
            n++;
        total += n;
    }
    uint64_t *keys = tact__malloc(a, (total ? total : 1) * (sizeof *keys + sizeof(uint32_t)));
    if (!keys)
        return TACT_ENOMEM;
    uint32_t *rch = (uint32_t *)(void *)(keys + (total ? total : 1));
    *mem = keys;
    for (size_t i = 0; i < sc->ntoks; i++) {
        const pm_cslot *c = pm->ncslots ? cslot_find(pm, sc->toks[i].hash) : NULL;
        pm_cx *t = &x[i];
        memset(t, 0, sizeof *t);
        t->keys = keys;
        t->rch = rch;
        uint32_t nonroot = !c ? 0 : pm->nonroot_ok ? c->nonroot : UINT32_MAX;
        for (uint32_t k = c ? c->head : 0; k && t->nkeys <= pm->nckeys; k = pm->ckeys[k - 1].next) {
            const pm_ckey *ck = &pm->ckeys[k - 1];
            keys[t->nkeys] = ck->key;
            if (t->nkeys < nonroot) {
                t->bloom |= (uint64_t)1 << (ck->key & 63);
                t->bloom2 |= (uint64_t)1 << ((ck->key >> 6) & 63);
                t->bloom3 |= (uint64_t)1 << ((ck->key >> 12) & 63);
            }
            t->nkeys++;
            if (pm->rchild_ok && ck->rchild)
                rch[t->nrch++] = ck->rchild;
        }
        t->nonroot = nonroot < t->nkeys ? nonroot : t->nkeys;
        keys += t->nkeys;
        rch += t->nkeys;
    }
    return TACT_OK;
}

int tact__pm_scan(const tact__pm *pm, const tact_scanner *sc, const tact__alloc *a,
                  tact__pm_match **out, size_t *n, size_t *cap)
{
    /* the classes of each token, looked up once: short posts on the stack */
    enum { LOCAL = 256 };
    const pm_cx *local[LOCAL];
    uint64_t tmlocal[2 * (LOCAL + 1)];
    uint32_t actlocal[LOCAL];
    const pm_cx **tc = local;
    uint64_t *tm = tmlocal;
    uint32_t *act = actlocal;
    pm_cx *slow = NULL;
    void *mem = NULL;
    if (sc->ntoks > LOCAL) {
        tc = tact__malloc(a, sc->ntoks * sizeof *tc);
        tm = tact__malloc(a, 2 * (sc->ntoks + 1) * sizeof *tm);
        act = tact__malloc(a, sc->ntoks * sizeof *act);
        if (!tc || !tm || !act) {
            tact__free(a, tc);
            tact__free(a, tm);
            tact__free(a, act);
            return TACT_ENOMEM;
        }
    }
    int rc = TACT_OK;
    const pm_nbloom *nbl = pm->nbl_ok ? pm->nbl : NULL;
    bool tm_done = false;
    bool fast = pm->cx_ok && pm->rchild_ok;
    /* fast: the tokens step_root can do something at (nact of them, in
     * order); the others it would leave at once */
    size_t nact = 0;
    /* the bits of each token's hash worked out at tokenize (tinfo.h) */
    const uint64_t *tiv =
        sc->tinfo && sc->rs->tinfo && sc->rs->tinfo->pm == pm && sc->rs->tinfo->pm_ok
            ? sc->tinfo
            : NULL;
    if (pm->cx_ok) {
        /* most tokens are no class's word: the filter answers in cache;
         * the masks of each token (below) in the same pass */
        const unsigned rspec = pm->nodes[0].spec;
        /* a root <any> edge: every token steps */
        const bool all = (rspec & SPEC_ANY) && node_get(pm, &pm->nodes[0], 0, pm->h_any);
        /* (speed: the root's edge kinds and the filters in locals; a token
         * no class holds, most of them, reads nothing of no_cx) */
        const bool rclass = (rspec & SPEC_CLASS) != 0, rword = (rspec & SPEC_WORD) != 0,
                   rnum = (rspec & SPEC_NUM) != 0, remoji = (rspec & (SPEC_SARC | SPEC_LAUGH)) != 0;
        const uint64_t *crfilter = pm->crfilter;
        const tact__token *toks = sc->toks;
        const size_t ntoks = sc->ntoks;
        const pm_cslot *cslots = pm->cslots;
        const uint32_t ncs = pm->ncslots, cmask = ncs - 1;
        /* the kinds step_root's number and emoji edges may take (an
         * alphanumeric token only when is_num_tok) */
        const unsigned kmask =
            (rnum ? 1u << TACT__TOK_NUMBER | 1u << TACT__TOK_ALNUM : 0u) |
            (remoji ? 1u << TACT__TOK_EMOJI : 0u);
        /* with tiv: each token's class slot, whether the root has an edge
         * keyed by it and whether its class slot has root children, as
         * the filters and the probe below would answer */
        if (tiv) {
            const pm_cx *cx = pm->cx;
            /* what makes step_root try a token, as bits of its tinfo: a
             * word edge of the root, root children along its classes */
            const uint64_t onmask = (rword ? TI_PM_ROOT : 0) | (rclass ? TI_PM_RCH : 0);
            for (size_t i = 0; i < ntoks; i++) {
                const uint64_t h = toks[i].hash, v = tiv[i];
                uint64_t ma = (uint64_t)1 << (h & 63), mb = (uint64_t)1 << ((h >> 6) & 63);
                const uint32_t slot1 = (uint32_t)(v >> TI_PM_SHIFT) & TI_PM_MASK;
                /* (no_cx: no classes, its blooms 0) */
                const pm_cx *x = slot1 ? &cx[slot1 - 1] : &no_cx;
                ma |= x->bloom;
                mb |= x->bloom2;
                bool on = (v & onmask) != 0;
                const unsigned kind = toks[i].kind;
                if (TOK_KIND_RARE(kind)) {
                    const bool num = is_num_tok(sc, i);
                    if (num) {
                        ma |= PM_NUM_BIT;
                        mb |= PM_NUM_BIT;
                    }
                    on |= ((kmask >> kind) & 1) && (kind != TACT__TOK_ALNUM || num);
                }
                tc[i] = x;
                tm[2 * i] = ma;
                tm[2 * i + 1] = mb;
                if (on)
                    act[nact++] = (uint32_t)i;
            }
            if (all) {
                /* a root <any> edge: every token steps */
                for (size_t i = 0; i < ntoks; i++)
                    act[i] = (uint32_t)i;
                nact = ntoks;
            }
        } else {
            for (size_t i = 0; i < ntoks; i++) {
                const uint64_t h = toks[i].hash;
                const uint32_t fb = (uint32_t)(h >> 48);
                /* bit 0: cfilter's, bit 1: rfilter's */
                const unsigned f = (unsigned)(crfilter[fb >> 5] >> ((fb & 31) * 2)) & 3u;
                uint64_t ma = (uint64_t)1 << (h & 63), mb = (uint64_t)1 << ((h >> 6) & 63);
                bool on = all;
                const pm_cx *x = &no_cx;
                if (f & 1) {
                    /* cslot_find inline, by slot number (pm->cx is by slot) */
                    for (uint32_t j = (uint32_t)(h ^ (h >> 31)) & cmask, k = 0; k < ncs;
                         j = (j + 1) & cmask, k++) {
                        const pm_cslot *c = &cslots[j];
                        if (!c->head)
                            break;
                        if (c->word == h) {
                            x = &pm->cx[j];
                            ma |= x->bloom;
                            mb |= x->bloom2;
                            on |= rclass && x->nrch;
                            break;
                        }
                    }
                }
                const unsigned kind = toks[i].kind;
                if ((kind == TACT__TOK_NUMBER || kind == TACT__TOK_ALNUM) && is_num_tok(sc, i)) {
                    ma |= PM_NUM_BIT;
                    mb |= PM_NUM_BIT;
                }
                tc[i] = x;
                tm[2 * i] = ma;
                tm[2 * i + 1] = mb;
                /* what step_root tries, in short: its word edge (through
                 * rfilter), its class children, its number and emoji edges */
                if (on || (rword && (f & 2)) ||
                    (kind < 16 && ((kmask >> kind) & 1) &&
                     (kind != TACT__TOK_ALNUM || is_num_tok(sc, i))))
                    act[nact++] = (uint32_t)i;
            }
        }
        tm_done = true;
    } else if (!(slow = tact__malloc(a, (sc->ntoks ? sc->ntoks : 1) * sizeof *slow)) ||
               (rc = classes_slow(pm, sc, a, slow, &mem)) != TACT_OK) {
        rc = TACT_ENOMEM;
    } else {
        for (size_t i = 0; i < sc->ntoks; i++)
            tc[i] = &slow[i];
    }
    if (nbl && rc == TACT_OK) {
        for (size_t i = 0; !tm_done && i < sc->ntoks; i++) {
            uint64_t h = sc->toks[i].hash;
            tm[2 * i] = tc[i]->bloom | (uint64_t)1 << (h & 63);
            tm[2 * i + 1] = tc[i]->bloom2 | (uint64_t)1 << ((h >> 6) & 63);
            if (is_num_tok(sc, i)) {
                tm[2 * i] |= PM_NUM_BIT;
                tm[2 * i + 1] |= PM_NUM_BIT;
            }
        }
        tm[2 * sc->ntoks] = tm[2 * sc->ntoks + 1] = ~(uint64_t)0; /* past the end: accepts */
    }
    mctx m = {pm, sc, a, out, n, cap, 0, rc, tc, nbl, tm, tiv};
    if (fast) {
        for (size_t k = 0; k < nact && m.rc == TACT_OK; k++) {
            m.start = act[k];
            step_root(&m, act[k]);
        }
    } else {
        for (size_t i = 0; i < sc->ntoks && m.rc == TACT_OK; i++) {
            m.start = (uint32_t)i;
            step_edges(&m, 0, i);
        }
    }
    tact__free(a, mem);
    tact__free(a, slow);
    if (tc != local) {
        tact__free(a, tc);
        tact__free(a, tm);
        tact__free(a, act);
    }
    return m.rc;
}
