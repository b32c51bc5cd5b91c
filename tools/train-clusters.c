/*
 * train-clusters - hierarchical word classes from unlabelled text for the
 * people-and-places tagger (src/lib/tagger.c), written as
 * data/models/clusters.bin.
 *
 * usage: train-clusters [--levels 4,4,2] [--min 5] [--iters 15] [--dump FILE] OUT.bin TEXT...
 *
 * TEXT: one post or paragraph per line (tools/cluster-text.py makes it).
 * Each line is tokenized by the library's own tokenizer; a word is the
 * library's token hash (tact__token.hash of the normalised form), so the
 * table is looked up at run time with the hash the tokenizer already has.
 * @handles, links, e-mails and numbers are one pseudo-word per kind.
 *
 * The classes maximise the likelihood of a class bigram model (Brown et
 * al. 1992) by the exchange algorithm (Kneser & Ney 1993, Martin et al.
 * 1998), top-down: first 2^b1 classes, then each class split into 2^b2
 * (a word moves only among the children of its class), and so on. A
 * word's class id is its path: the first b1 bits its top class, and so on,
 * so prefixes of the id are coarser classes, as with Brown clusters.
 * Words seen fewer than --min times (default 5) are not in the table; at
 * most --iters passes per level (default 15), fewer when under 0.1% of the
 * words move. --dump writes "class TAB word" lines for reading by eye.
 * On the ~1.1M tokens of tools/cluster-text.py it runs in about a second.
 *
 * Deterministic: integer counts, a fixed visiting order (frequency), ties
 * keep the current class.
 *
 * Output (little-endian):
 *   0  "TACTCLU1"
 *   8  uint32 slot_bits        log2 of the slots of the open-addressed table
 *  12  uint32 nwords           filled slots
 *  16  uint8  levels[4]        bits per level (0 = unused), sum <= 16
 *  20  uint32 id               fingerprint of the table (never 0); the tagger
 *                              model trained with these classes records it
 *  24  uint64 key[slots]       token hash, 0 = empty; linear probing from
 *                              hash & (slots - 1)
 *  ..  uint16 cls[slots]       class path of the word in that slot
 */
#include "internal.h"
#include "tagger.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "train-clusters: out of memory\n");
        exit(1);
    }
    return q;
}

static void *xcalloc(size_t n, size_t s)
{
    void *q = calloc(n ? n : 1, s ? s : 1);
    if (!q) {
        fprintf(stderr, "train-clusters: out of memory\n");
        exit(1);
    }
    return q;
}

/* ---- vocabulary: token hash -> index -------------------------------- */

typedef struct vocab {
    uint64_t *key;
    uint32_t *idx;
    size_t mask, n;
    uint64_t *keys_of; /* index -> key */
    uint64_t *count;   /* index -> count */
    char **surf;       /* index -> first normalised form seen (for --dump) */
    size_t cap;
} vocab;

static void vocab_grow(vocab *v);

static uint32_t vocab_id(vocab *v, uint64_t k)
{
    if (v->n * 2 >= v->mask)
        vocab_grow(v);
    size_t i = (size_t)k & v->mask;
    while (v->key[i] && v->key[i] != k)
        i = (i + 1) & v->mask;
    if (!v->key[i]) {
        if (v->n == v->cap) {
            v->cap = v->cap ? v->cap * 2 : 4096;
            v->keys_of = xrealloc(v->keys_of, v->cap * sizeof *v->keys_of);
            v->count = xrealloc(v->count, v->cap * sizeof *v->count);
            v->surf = xrealloc(v->surf, v->cap * sizeof *v->surf);
        }
        v->surf[v->n] = NULL;
        v->key[i] = k;
        v->idx[i] = (uint32_t)v->n;
        v->keys_of[v->n] = k;
        v->count[v->n] = 0;
        v->n++;
    }
    return v->idx[i];
}

static void vocab_grow(vocab *v)
{
    size_t old = v->mask ? v->mask + 1 : 0, nsize = old ? old * 2 : 1u << 16;
    uint64_t *ok = v->key;
    uint32_t *oi = v->idx;
    v->key = xcalloc(nsize, sizeof *v->key);
    v->idx = xcalloc(nsize, sizeof *v->idx);
    v->mask = nsize - 1;
    for (size_t i = 0; i < old; i++) {
        if (!ok[i])
            continue;
        size_t j = (size_t)ok[i] & v->mask;
        while (v->key[j])
            j = (j + 1) & v->mask;
        v->key[j] = ok[i];
        v->idx[j] = oi[i];
    }
    free(ok);
    free(oi);
}

/* pseudo-words (never 0: 0 marks an empty slot) */
#define K_BOUND 1u
#define K_HANDLE 2u
#define K_URL 3u
#define K_EMAIL 4u
#define K_NUMBER 5u

static uint64_t token_key(const tact_scanner *sc, size_t i)
{
    const tact__token *t = &sc->toks[i];
    switch (t->kind) {
    case TACT__TOK_HANDLE:
        return K_HANDLE;
    case TACT__TOK_URL:
        return K_URL;
    case TACT__TOK_EMAIL:
        return K_EMAIL;
    case TACT__TOK_NUMBER:
        return K_NUMBER;
    default:
        return t->hash > K_NUMBER ? t->hash : t->hash + 8;
    }
}

static bool is_pseudo(uint64_t k)
{
    return k >= K_BOUND && k <= K_NUMBER;
}

/* ---- the corpus as word indices --------------------------------------- */

typedef struct seq {
    uint32_t *w;
    size_t n, cap;
} seq;

static void seq_push(seq *s, uint32_t w)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 1u << 20;
        s->w = xrealloc(s->w, s->cap * sizeof *s->w);
    }
    s->w[s->n++] = w;
}

static int read_text(tact_scanner *sc, vocab *v, seq *s, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "train-clusters: cannot open %s\n", path);
        return -1;
    }
    size_t cap = 1 << 16, len = 0;
    char *line = xrealloc(NULL, cap);
    int ch;
    uint32_t bound = vocab_id(v, K_BOUND);
    for (;;) {
        ch = fgetc(f);
        if (ch != EOF && ch != '\n') {
            if (len + 1 >= cap) {
                cap *= 2;
                line = xrealloc(line, cap);
            }
            line[len++] = (char)ch;
            continue;
        }
        line[len] = 0;
        if (len) {
            sc->text = line;
            sc->len = len;
            if (tact__tokenize(sc) == TACT_OK && sc->ntoks) {
                seq_push(s, bound);
                v->count[bound]++;
                for (size_t i = 0; i < sc->ntoks; i++) {
                    uint32_t id = vocab_id(v, token_key(sc, i));
                    v->count[id]++;
                    if (!v->surf[id]) {
                        const tact__token *t = &sc->toks[i];
                        v->surf[id] = xrealloc(NULL, t->norm_len + 1);
                        memcpy(v->surf[id], sc->norm.p + t->norm_off, t->norm_len);
                        v->surf[id][t->norm_len] = 0;
                    }
                    seq_push(s, id);
                }
            }
        }
        len = 0;
        if (ch == EOF)
            break;
    }
    seq_push(s, bound);
    v->count[bound]++;
    free(line);
    fclose(f);
    return 0;
}

/* ---- the exchange algorithm ------------------------------------------- */

typedef struct nb {
    uint32_t w, n;
} nb;

typedef struct model {
    size_t V;          /* words in the model (count >= min), by frequency */
    uint32_t *right0;  /* CSR offsets into rights */
    nb *rights;        /* (v, n): bigram (w, v), v != w */
    uint32_t *left0;
    nb *lefts;         /* (u, n): bigram (u, w), u != w */
    uint32_t *self;    /* n(w, w) */
    uint64_t *cl, *cr; /* bigrams with w on the left / on the right */
    uint32_t *cls;     /* class of each word */
    size_t K;          /* classes */
    int64_t *M;        /* K x K class bigram counts */
    int64_t *Nl, *Nr;
    double *flog;      /* x log x for x < nflog */
    size_t nflog;
} model;

static double F(const model *m, int64_t x)
{
    return (size_t)x < m->nflog ? m->flog[x] : (double)x * log((double)x);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* CSR of (a -> b, n) from pairs packed a << 32 | b, sorted */
static void build_csr(const uint64_t *pairs, size_t np, size_t V, uint32_t **off, nb **list)
{
    *off = xcalloc(V + 1, sizeof **off);
    *list = xrealloc(NULL, np * sizeof **list);
    size_t k = 0;
    for (size_t i = 0; i < np;) {
        size_t j = i;
        while (j < np && pairs[j] == pairs[i])
            j++;
        uint32_t a = (uint32_t)(pairs[i] >> 32);
        (*list)[k].w = (uint32_t)pairs[i];
        (*list)[k].n = (uint32_t)(j - i);
        (*off)[a + 1]++;
        k++;
        i = j;
    }
    for (size_t a = 0; a < V; a++)
        (*off)[a + 1] += (*off)[a];
}

static void rebuild_counts(model *m)
{
    memset(m->M, 0, m->K * m->K * sizeof *m->M);
    memset(m->Nl, 0, m->K * sizeof *m->Nl);
    memset(m->Nr, 0, m->K * sizeof *m->Nr);
    for (size_t w = 0; w < m->V; w++) {
        uint32_t a = m->cls[w];
        for (uint32_t k = m->right0[w]; k < m->right0[w + 1]; k++)
            m->M[(size_t)a * m->K + m->cls[m->rights[k].w]] += m->rights[k].n;
        m->M[(size_t)a * m->K + a] += m->self[w];
        m->Nl[a] += (int64_t)m->cl[w];
        m->Nr[a] += (int64_t)m->cr[w];
    }
}

static double objective(const model *m)
{
    double s = 0;
    for (size_t k = 0; k < m->K * m->K; k++)
        s += F(m, m->M[k]);
    for (size_t c = 0; c < m->K; c++)
        s -= F(m, m->Nl[c]) + F(m, m->Nr[c]);
    return s;
}

/* One pass of exchanges; children of a parent are the 2^bits classes
 * sharing cls >> bits. Returns the number of words moved. */
static size_t exchange_pass(model *m, unsigned bits, int64_t *R, int64_t *L, uint32_t *nzR,
                            uint32_t *nzL)
{
    size_t moved = 0, K = m->K, nch = (size_t)1 << bits;
    for (size_t w = 0; w < m->V; w++) {
        size_t nr = 0, nl = 0;
        for (uint32_t k = m->right0[w]; k < m->right0[w + 1]; k++) {
            uint32_t d = m->cls[m->rights[k].w];
            if (!R[d])
                nzR[nr++] = d;
            R[d] += m->rights[k].n;
        }
        for (uint32_t k = m->left0[w]; k < m->left0[w + 1]; k++) {
            uint32_t d = m->cls[m->lefts[k].w];
            if (!L[d])
                nzL[nl++] = d;
            L[d] += m->lefts[k].n;
        }
        int64_t sw = m->self[w], clw = (int64_t)m->cl[w], crw = (int64_t)m->cr[w];
        uint32_t a = m->cls[w];
        /* take w out of a */
        for (size_t k = 0; k < nr; k++)
            m->M[(size_t)a * K + nzR[k]] -= R[nzR[k]];
        for (size_t k = 0; k < nl; k++)
            m->M[(size_t)nzL[k] * K + a] -= L[nzL[k]];
        m->M[(size_t)a * K + a] -= sw;
        m->Nl[a] -= clw;
        m->Nr[a] -= crw;
        /* the best child of a's parent to put it back in */
        size_t c0 = (a >> bits) << bits;
        double best = -INFINITY;
        size_t bc = a;
        for (size_t pass = 0; pass <= nch; pass++) {
            /* a first, so that ties keep it */
            size_t c = pass == 0 ? a : c0 + pass - 1;
            if (pass && c == a)
                continue;
            double g = 0;
            const int64_t *row = m->M + c * K;
            for (size_t k = 0; k < nr; k++) {
                uint32_t d = nzR[k];
                if (d != c)
                    g += F(m, row[d] + R[d]) - F(m, row[d]);
            }
            for (size_t k = 0; k < nl; k++) {
                uint32_t d = nzL[k];
                if (d != c)
                    g += F(m, m->M[(size_t)d * K + c] + L[d]) - F(m, m->M[(size_t)d * K + c]);
            }
            g += F(m, row[c] + R[c] + L[c] + sw) - F(m, row[c]);
            g -= F(m, m->Nl[c] + clw) - F(m, m->Nl[c]);
            g -= F(m, m->Nr[c] + crw) - F(m, m->Nr[c]);
            if (g > best + 1e-9) {
                best = g;
                bc = c;
            }
        }
        for (size_t k = 0; k < nr; k++)
            m->M[bc * K + nzR[k]] += R[nzR[k]];
        for (size_t k = 0; k < nl; k++)
            m->M[(size_t)nzL[k] * K + bc] += L[nzL[k]];
        m->M[bc * K + bc] += sw;
        m->Nl[bc] += clw;
        m->Nr[bc] += crw;
        if (bc != a) {
            m->cls[w] = (uint32_t)bc;
            moved++;
        }
        for (size_t k = 0; k < nr; k++)
            R[nzR[k]] = 0;
        for (size_t k = 0; k < nl; k++)
            L[nzL[k]] = 0;
    }
    return moved;
}

static uint64_t fnv64(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

int main(int argc, char **argv)
{
    unsigned levels[4] = {4, 4, 2, 0};
    unsigned nlev = 3;
    uint64_t minc = 5;
    int iters = 15;
    const char *out = NULL, *dump = NULL;
    const char *texts[16];
    int ntexts = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--levels") && i + 1 < argc) {
            const char *s = argv[++i];
            nlev = 0;
            memset(levels, 0, sizeof levels);
            while (*s && nlev < 4) {
                char *end;
                levels[nlev++] = (unsigned)strtoul(s, &end, 10);
                s = *end == ',' ? end + 1 : end;
                if (*end && *end != ',')
                    break;
            }
        } else if (!strcmp(argv[i], "--min") && i + 1 < argc)
            minc = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--dump") && i + 1 < argc)
            dump = argv[++i];
        else if (!strcmp(argv[i], "--iters") && i + 1 < argc)
            iters = atoi(argv[++i]);
        else if (!out)
            out = argv[i];
        else if (ntexts < 16)
            texts[ntexts++] = argv[i];
    }
    unsigned total = 0;
    for (unsigned l = 0; l < nlev; l++)
        total += levels[l];
    if (!out || !ntexts || !nlev || total == 0 || total > 16 || minc < 1) {
        fprintf(stderr, "usage: train-clusters [--levels 4,4,2] [--min 5] [--iters 15] [--dump FILE] OUT.bin "
                        "TEXT...\n");
        return 64;
    }
    tact_ruleset *rs;
    tact_scanner *sc;
    tact_error err;
    if (tact_ruleset_compile(NULL, &rs, &err) || tact_scanner_new(rs, NULL, &sc, &err)) {
        fprintf(stderr, "train-clusters: cannot set up the library: %s\n", err.message);
        return 70;
    }
    vocab v;
    memset(&v, 0, sizeof v);
    vocab_grow(&v);
    seq s = {0};
    for (int i = 0; i < ntexts; i++)
        if (read_text(sc, &v, &s, texts[i]))
            return 1;
    /* model words: count >= min, most frequent first (ties by key); the
     * rest share one word "rare" at the end */
    size_t nv = v.n;
    uint64_t *order = xrealloc(NULL, nv * sizeof *order);
    size_t V = 0;
    /* sort indices by (count desc, key asc) through a packed array */
    typedef struct {
        uint64_t c, k;
        uint32_t i;
    } ent;
    ent *e = xrealloc(NULL, nv * sizeof *e);
    for (size_t i = 0; i < nv; i++) {
        e[i].c = v.count[i];
        e[i].k = v.keys_of[i];
        e[i].i = (uint32_t)i;
    }
    for (size_t gap = nv / 2; gap > 0; gap /= 2) /* shell sort: no comparator state */
        for (size_t i = gap; i < nv; i++) {
            ent t = e[i];
            size_t j = i;
            while (j >= gap && (e[j - gap].c < t.c || (e[j - gap].c == t.c && e[j - gap].k > t.k))) {
                e[j] = e[j - gap];
                j -= gap;
            }
            e[j] = t;
        }
    uint32_t *map = xrealloc(NULL, nv * sizeof *map);
    char **osurf = xcalloc(nv, sizeof *osurf);
    for (size_t i = 0; i < nv; i++)
        if (e[i].c >= minc || is_pseudo(e[i].k))
            V++;
    size_t vi = 0;
    for (size_t i = 0; i < nv; i++) {
        if (e[i].c >= minc || is_pseudo(e[i].k)) {
            order[vi] = e[i].k;
            osurf[vi] = v.surf[e[i].i];
            map[e[i].i] = (uint32_t)vi++;
        }
    }
    for (size_t i = 0; i < nv; i++)
        if (!(e[i].c >= minc || is_pseudo(e[i].k)))
            map[e[i].i] = (uint32_t)V; /* rare */
    V++;
    free(e);
    printf("train-clusters: %zu tokens, %zu types, %zu model words (seen >= %llu)\n", s.n, nv, V - 1,
           (unsigned long long)minc);
    /* bigrams */
    size_t np = s.n ? s.n - 1 : 0, nright = 0;
    uint64_t *pr = xrealloc(NULL, np * sizeof *pr), *pl = xrealloc(NULL, np * sizeof *pl);
    model m;
    memset(&m, 0, sizeof m);
    m.V = V;
    m.self = xcalloc(V, sizeof *m.self);
    m.cl = xcalloc(V, sizeof *m.cl);
    m.cr = xcalloc(V, sizeof *m.cr);
    for (size_t i = 0; i + 1 < s.n; i++) {
        uint32_t a = map[s.w[i]], b = map[s.w[i + 1]];
        m.cl[a]++;
        m.cr[b]++;
        if (a == b) {
            m.self[a]++;
            continue;
        }
        pr[nright] = (uint64_t)a << 32 | b;
        pl[nright] = (uint64_t)b << 32 | a;
        nright++;
    }
    qsort(pr, nright, sizeof *pr, cmp_u64);
    qsort(pl, nright, sizeof *pl, cmp_u64);
    build_csr(pr, nright, V, &m.right0, &m.rights);
    build_csr(pl, nright, V, &m.left0, &m.lefts);
    free(pr);
    free(pl);
    m.nflog = s.n + 2;
    m.flog = xrealloc(NULL, m.nflog * sizeof *m.flog);
    m.flog[0] = 0;
    for (size_t x = 1; x < m.nflog; x++)
        m.flog[x] = (double)x * log((double)x);
    m.cls = xcalloc(V, sizeof *m.cls);
    /* top-down levels */
    size_t K = 1;
    int64_t *R = NULL, *L = NULL;
    uint32_t *nzR = NULL, *nzL = NULL;
    for (unsigned l = 0; l < nlev; l++) {
        unsigned b = levels[l];
        size_t nch = (size_t)1 << b;
        K <<= b;
        /* children: round robin by frequency within each parent */
        uint32_t *next = xcalloc(K >> b, sizeof *next);
        for (size_t w = 0; w < V; w++) {
            uint32_t p = m.cls[w];
            m.cls[w] = (uint32_t)((size_t)p << b | (next[p] % nch));
            next[p]++;
        }
        free(next);
        m.K = K;
        free(m.M);
        free(m.Nl);
        free(m.Nr);
        m.M = xcalloc(K * K, sizeof *m.M);
        m.Nl = xcalloc(K, sizeof *m.Nl);
        m.Nr = xcalloc(K, sizeof *m.Nr);
        R = xrealloc(R, K * sizeof *R);
        L = xrealloc(L, K * sizeof *L);
        memset(R, 0, K * sizeof *R);
        memset(L, 0, K * sizeof *L);
        nzR = xrealloc(nzR, K * sizeof *nzR);
        nzL = xrealloc(nzL, K * sizeof *nzL);
        rebuild_counts(&m);
        printf("  level %u: %zu classes, objective %.1f\n", l + 1, K, objective(&m));
        for (int it = 0; it < iters; it++) {
            size_t mv = exchange_pass(&m, b, R, L, nzR, nzL);
            printf("    pass %d: %zu words moved, objective %.1f\n", it + 1, mv, objective(&m));
            fflush(stdout);
            if (mv * 1000 < V)
                break;
        }
    }
    if (dump) {
        /* class, count, word: for reading the classes by eye */
        FILE *fd = fopen(dump, "w");
        if (fd) {
            for (size_t w = 0; w + 1 < V; w++)
                fprintf(fd, "%u\t%s\n", m.cls[w], osurf[w] ? osurf[w] : "?");
            fclose(fd);
        }
    }
    /* the table: model words except pseudo-words and "rare" */
    size_t nwords = 0;
    for (size_t w = 0; w + 1 < V; w++)
        nwords += !is_pseudo(order[w]);
    unsigned sbits = 8;
    while (((size_t)1 << sbits) < nwords * 3)
        sbits++;
    size_t slots = (size_t)1 << sbits, smask = slots - 1;
    uint64_t *key = xcalloc(slots, sizeof *key);
    uint16_t *cls = xcalloc(slots, sizeof *cls);
    for (size_t w = 0; w + 1 < V; w++) {
        if (is_pseudo(order[w]))
            continue;
        size_t j = (size_t)order[w] & smask;
        while (key[j])
            j = (j + 1) & smask;
        key[j] = order[w];
        cls[j] = (uint16_t)m.cls[w];
    }
    size_t size = 24 + slots * 8 + slots * 2;
    unsigned char *img = xcalloc(1, size);
    memcpy(img, "TACTCLU1", 8);
    put32(img + 8, sbits);
    put32(img + 12, (uint32_t)nwords);
    for (unsigned l = 0; l < 4; l++)
        img[16 + l] = (unsigned char)levels[l];
    for (size_t j = 0; j < slots; j++) {
        for (int b = 0; b < 8; b++)
            img[24 + j * 8 + (size_t)b] = (unsigned char)(key[j] >> (8 * b));
        img[24 + slots * 8 + j * 2] = (unsigned char)cls[j];
        img[24 + slots * 8 + j * 2 + 1] = (unsigned char)(cls[j] >> 8);
    }
    uint64_t h = fnv64(0xcbf29ce484222325ull, img + 8, size - 8);
    uint32_t id = (uint32_t)(h ^ (h >> 32));
    put32(img + 20, id ? id : 1u);
    /* the library must accept what we write (img is malloc-aligned) */
    tagger_clusters check;
    if (tact__tagger_clusters_load(img, size, &check) != TACT_OK || check.bits != total) {
        fprintf(stderr, "train-clusters: the table written does not load\n");
        return 70;
    }
    FILE *fo = fopen(out, "wb");
    if (!fo || fwrite(img, 1, size, fo) != size || fclose(fo)) {
        fprintf(stderr, "train-clusters: cannot write %s\n", out);
        return 73;
    }
    printf("train-clusters: wrote %s (%zu words, %zu bytes, id %08x)\n", out, nwords, size,
           id ? id : 1u);
    free(img);
    free(key);
    free(cls);
    free(R);
    free(L);
    free(nzR);
    free(nzL);
    free(m.M);
    free(m.Nl);
    free(m.Nr);
    free(m.flog);
    free(m.cls);
    free(m.self);
    free(m.cl);
    free(m.cr);
    free(m.right0);
    free(m.rights);
    free(m.left0);
    free(m.lefts);
    free(map);
    free(order);
    free(osurf);
    for (size_t i = 0; i < v.n; i++)
        free(v.surf[i]);
    free(v.surf);
    free(s.w);
    free(v.key);
    free(v.idx);
    free(v.keys_of);
    free(v.count);
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
    return 0;
}
