/*
 * conduct_match.h - the phrase matcher's insides, shared by its two files:
 * conduct_match.c (the trie, its freezing and the scan) and
 * conduct_match_parse.c (reading pattern lists into the trie). The
 * interface for everyone else is in conduct.h.
 */
#ifndef TACT_CONDUCT_MATCH_H
#define TACT_CONDUCT_MATCH_H

#include "conduct.h"

#define MAX_GAP 5       /* tokens a "*" may skip */
#define MAX_LONG_GAP 12 /* tokens a "**" may skip */
#define PM_BLOOM_WORDS (1u << 15) /* 2^21 bits, two per edge in one word */
#define SPEC_NUM 1u
#define SPEC_SARC 2u
#define SPEC_LAUGH 4u
#define SPEC_ANY 8u
#define SPEC_WORD 16u  /* has an edge keyed by a word */
#define SPEC_CLASS 32u /* has an edge keyed by a word class */
#define SPEC_TOKEN (SPEC_NUM | SPEC_SARC | SPEC_LAUGH | SPEC_ANY)

typedef struct pm_edge {
    uint64_t key;   /* token hash */
    uint32_t node;  /* from, + 1 (0 = empty slot) */
    uint32_t child;
} pm_edge;

/* What a node does besides its word edges: kept together, so that reaching
 * a node costs one cache line. */
typedef struct pm_node {
    uint32_t gap;   /* the gap child, 0 = none (the root is never a child) */
    uint32_t acc;   /* first pm_acc entry + 1 */
    uint32_t first; /* its edges in fkeys/fchild, once frozen */
    uint16_t nkeys; /* how many; PM_HASHED: look them up in the hash table */
    uint8_t spec;   /* SPEC_* bits: the class edges it has */
    uint8_t gapmax; /* how many tokens its gap edge may skip */
} pm_node;

/* A frozen node with up to PM_SMALL edges keeps them in a list; a bigger
 * one in an open-addressing table of its own, 2^(nkeys & 31) slots, marked
 * PM_TABLE. PM_HASHED: not frozen, the edges are in the shared table. */
#define PM_SMALL 12
#define PM_TABLE 0x8000u
#define PM_HASHED 0xFFFFu

/* An edge from the root, in a table of its own: every token of every post
 * asks the root, and the root's few thousand edges stay in cache. */
typedef struct pm_redge {
    uint64_t key;
    uint32_t child; /* 0 = empty slot */
    uint32_t pad;
} pm_redge;

typedef struct pm_cslot {
    uint64_t word; /* hash of the member word; 0 with head 0 = empty */
    uint32_t head; /* first class key + 1 */
    uint32_t nonroot; /* frozen: how many of the first keys of the list are
                       * edges of some node other than the root (the others
                       * only start patterns) */
} pm_cslot;

typedef struct pm_ckey {
    uint64_t key;  /* the class's edge key */
    uint32_t next; /* next class key of the same word, + 1 */
    uint32_t rchild; /* the root's child along this class, 0 = none (frozen) */
} pm_ckey;

/* An entry of tact__pm.cxp: slot1 0 when empty. */
typedef struct pm_cpair {
    uint64_t key;
    uint32_t slot1, pad;
} pm_cpair;

/* The class keys of one word laid out for the scan (built at the freeze
 * from the linked lists, which stay the snapshot's format): its keys side
 * by side in list order, the root's children along them (zeros left out),
 * and the bloom word of the first nonroot keys. Indexed like cslots. */
typedef struct pm_cx {
    const uint64_t *keys;
    const uint16_t *tk; /* each key's half of its tfilter bit (tbit_key) */
    const uint32_t *rch;
    const struct pm_rnb *rnb; /* the masks of each rch, side by side (or NULL) */
    uint32_t nkeys, nonroot, nrch;
    uint32_t slot1; /* 1 + its slot in pm->cx when laid out by build_cx (cxp), else 0 */
    uint64_t bloom;
    uint64_t bloom2; /* the first nonroot keys again, bits (key >> 6) & 63 */
    uint64_t bloom3; /* and again, bits (key >> 12) & 63 (tok_has_class asks it first) */
} pm_cx;

/* What a node's edges can be reached by, as two 64-bit masks: bit key & 63
 * of every edge key in a, bit (key >> 6) & 63 in b, and with a <num> edge
 * PM_NUM_BIT (conduct_match.c) in both, which a number token's masks carry;
 * all ones for a node that accepts, has a gap or a <sarc>/<laugh>/<any>
 * edge, or is not frozen. A step to the node with a token that has neither
 * bit of any of its keys (its word, its first nonroot class keys) in both
 * masks can do nothing, and is skipped before reading the node. */
struct pm_nbloom {
    uint64_t a, b;
};
typedef struct pm_nbloom pm_nbloom;

/* A root child's pm_nbloom (a, b) and the union of its children's (c, d):
 * a step from the root to it at token p + 1 can do something only when a
 * and b meet that token's masks and c and d the next one's (all ones for a
 * node that accepts or has a gap or a <sarc>/<laugh>/<any> edge).
 * Built at the freeze or the adopt (not in the snapshot), for the root's
 * steps only: a token with many classes meets most a and b, and most of
 * those steps ended one token later. */
typedef struct pm_rnb {
    uint64_t a, b, c, d;
} pm_rnb;

#define PM_FILTER_WORDS 1024u /* 2^16 bits, keyed by the top 16 bits of a hash */

/* The class keys of a node with an edge table, as two 64-bit masks (bit
 * key & 63 in a, (key >> 6) & 63 in b), in an open-addressing table keyed
 * by the node (node1 = node + 1; 0: an empty slot). A token none of whose
 * first nonroot class keys meets both masks has no class edge at the node,
 * and the scan skips trying its keys there one by one. */
typedef struct pm_cmask {
    uint32_t node1;
    uint32_t pad;
    uint64_t a, b;
} pm_cmask;

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
    pm_edge *edges; /* edges from every node but the root */
    uint32_t nslots, nedges;
    pm_redge *redges; /* edges from the root */
    uint32_t nrslots, nredges;
    pm_node *nodes;
    /* frozen: the edges of each small node side by side, so that stepping
     * through a node reads one or two cache lines whatever the token */
    uint64_t *fkeys;
    uint32_t *fchild;
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
    /* the lists added so far, as a digest; with a snapshot adopted, adding
     * a list only updates it, and freezing checks it against the
     * snapshot's */
    uint64_t digest, snap_digest;
    bool adopted; /* the arrays point into a snapshot: not ours to free */
    bool rchild_ok; /* every pm_ckey.rchild is up to date */
    bool nonroot_ok; /* every pm_cslot.nonroot is up to date */
    /* built by tact__pm_freeze (cx_ok), cleared by any later change: the
     * class lists laid out for the scan, and filters the scan asks
     * first, in the L1 cache, before probing the root's edges and the
     * class table (most tokens are in neither) */
    bool cx_ok;
    pm_cx *cx;
    uint64_t *cxk;
    uint16_t *cxt;
    uint32_t *cxr;
    pm_rnb *cxn; /* the masks of the cxr nodes, for the root's steps */
    /* the slots of cx that hold a word, in order (ncxs of them): start-up
     * walks these, not all of cslots (a quarter of them hold one) */
    uint32_t *cxs;
    uint32_t ncxs;
    /* each laid-out word's first nonroot class keys as (slot1, key) pairs
     * in an open-addressing table of cxp_mask + 1 entries (slot1 0: empty;
     * NULL without memory): tok_has_class's one probe instead of a walk of
     * the word's keys */
    struct pm_cpair *cxp;
    uint32_t cxp_mask;
    uint64_t rfilter[PM_FILTER_WORDS];
    uint64_t cfilter[PM_FILTER_WORDS];
    /* cfilter and rfilter interleaved: bucket b's bits at 2b (c), 2b + 1 (r) */
    uint64_t crfilter[2 * PM_FILTER_WORDS];
    /* the (node, class key) edges of the nodes with an edge table: a token
     * tries its classes at such a node, and nearly all miss */
    uint64_t tfilter[PM_FILTER_WORDS];
    bool tfilter_ok; /* tfilter filled by the adopt (build_cx need not) */
    /* pm_cmask of the table nodes with class edges (in the snapshot once
     * adopted, else ours, built with tfilter); ncm slots, 0: none */
    const pm_cmask *cm;
    pm_cmask *cm_own;
    uint32_t ncm;
    /* per node, frozen: pm_nbloom (in the snapshot once adopted, else
     * ours); nbl_ok cleared by any change to the trie */
    const pm_nbloom *nbl;
    pm_nbloom *nbl_own;
    bool nbl_ok;
    /* two bits of one word per (node, key) edge hash: most steps find no
     * edge, and a clear bit answers that without touching the edge table
     * (one bit in 2^20 let 60% of misses through to the table).
     * PM_BLOOM_WORDS words, allocated with the first edge past the root:
     * NULL while there is none (a matcher that adopted a snapshot adds
     * none, and start-up then clears 256 KB less) */
    uint64_t *bloom;
};

/*
 * Lay the edges of each node side by side once every list is added
 * (tact__pm_scan is correct without it, only slower; an edge added later
 * sends its node back to the shared hash table). Returns TACT_OK or
 * TACT_ENOMEM, which leaves the matcher working unfrozen.
 */
int tact__pm_freeze(const tact__alloc *a, tact__pm *pm);

/*
 * Snapshots: the frozen trie written out at build time (tools/pmgen.c) and
 * adopted at start-up instead of compiling the lists again. A matcher that
 * adopted one still takes the same tact__pm_add_list calls, in the same
 * order, as the one that was written out; they only update the digest, and
 * tact__pm_freeze returns TACT_EMODEL when the lists differ from those the
 * snapshot was made from.
 *
 * tact__pm_snapshot: append the frozen pm to out. TACT_EINVAL if not frozen.
 * tact__pm_adopt: use blob (16-byte aligned, alive as long as pm) as the
 * trie of a new, empty pm; TACT_EMODEL when it is not a valid snapshot.
 * tact__pm_adopt_builtin: the same for the snapshot the build embedded in
 * the library, checked by its header alone: tools/pmgen.c runs
 * tact__pm_adopt's whole check on it before writing it, so start-up does
 * not read its 34 MB again (half of start-up). Any other blob goes through
 * tact__pm_adopt.
 */
int tact__pm_snapshot(const tact__alloc *a, const tact__pm *pm, tact__buf *out);
int tact__pm_adopt(const tact__alloc *a, tact__pm *pm, const char *blob, size_t len);
int tact__pm_adopt_builtin(const tact__alloc *a, tact__pm *pm, const char *blob, size_t len);

/* The conduct checks' matcher, once tact__conduct_compile has run (for
 * tools/pmgen.c). */
const tact__pm *tact__conduct_pm(const tact_ruleset *rs);

/* Fold a list into pm's digest (both modes call it from add_list). */
void tact__pm_digest(tact__pm *pm, const char *data, size_t len, uint8_t group,
                     const char *const *tags, size_t ntags);

/* A new node; TACT_ERANGE past the trie's budget (PM_MAX_NODES). */
int tact__pm_node_new(const tact__alloc *a, tact__pm *pm, uint32_t *out);

/* The child of node along key, created when missing; cls: key is a word
 * class (a token reaches it through its classes, not its own hash). */
int tact__pm_edge_child(const tact__alloc *a, tact__pm *pm, uint32_t node, uint64_t key,
                        bool cls, uint32_t *out);

/* Record that the word with hash `word` belongs to the class keyed `key`. */
int tact__pm_class_add(const tact__alloc *a, tact__pm *pm, uint64_t word, uint64_t key);

/* tinfo.c: the hashes the scan's set-up asks the matcher about (its class
 * words and the keys of the root's edges; at most cap into out, or, out
 * NULL, an upper bound of how many), and the TI_PM_* bits of one (*ok
 * cleared when its class slot does not fit them). */
size_t tact__pm_tinfo_keys(const tact__pm *pm, uint64_t *out, size_t cap);
uint64_t tact__pm_tinfo_bits(const tact__pm *pm, uint64_t h, bool *ok);

#endif
