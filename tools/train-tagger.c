/*
 * train-tagger - train the people-and-places tagger (src/lib/tagger.c) as
 * an averaged perceptron and write data/models/ner.bin.
 *
 * usage: train-tagger [--epochs N] [--bits B] [--clusters CLUSTERS.bin]
 *                     [--aux FILE --aux-epochs N] [--seed S] [--viterbi] [--dev FILE]...
 *                     OUT.bin [--repeat K] TRAIN...
 *        train-tagger [--clusters CLUSTERS.bin] --eval MODEL.bin --dev FILE...
 *
 * --viterbi trains a structured perceptron (Collins 2002: Viterbi decoding
 * of each post, updates where the best path leaves the gold one) and
 * writes a "TACTNER2" model, which the library decodes with Viterbi;
 * without it, greedy decoding in training and at run time ("TACTNER1").
 *
 * --aux FILE (CoNLL) adds posts of another register (TAB court documents)
 * to the first --aux-epochs N epochs only (default 0: not used), so they
 * weigh less than the tweets. --seed S changes the visiting order (for
 * measuring how much of a difference is noise); 0 is the default order.
 *
 * With --clusters, the word classes of that file (tools/train-clusters.c)
 * are features, and the model records their id: the library then uses it
 * only with the same embedded data/models/clusters.bin.
 *
 * Each --dev file is scored on its own, then the CoNLL ones together ("dev").
 *
 * Any TRAIN, --aux or --dev file may instead be a "#TACTSPANS" file
 * (tools/practitioner-conll.py: the post's own text with character spans,
 * tokenized as is). --repeat K puts each post of the TRAIN files named after
 * it K times into every epoch (a weight for a small in-domain set).
 * --eval MODEL.bin scores an existing model on the --dev files, no training.
 *
 * TRAIN and dev files are CoNLL (token TAB tag, blank line between posts),
 * tags BIO with PER/LOC (BTC) or person/location (WNUT-17); every other
 * type is O. Each post is put back together as text (no space before
 * punctuation and 's), tokenized by the library's own tokenizer, and each
 * library token takes the tag of the corpus token it starts in, so the
 * features are exactly those the library computes at run time
 * (tact__tagger_features).
 *
 * Deterministic: no randomness; posts are visited in a fixed interleaved
 * order each epoch.
 */
#include "internal.h"
#include "lexicon.h"
#include "tagger.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static unsigned char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, n = 0;
    unsigned char *b = malloc(cap);
    while (b) {
        n += fread(b + n, 1, cap - n, f);
        if (n < cap)
            break;
        unsigned char *nb = realloc(b, cap *= 2);
        if (!nb) {
            free(b);
            b = NULL;
        } else
            b = nb;
    }
    fclose(f);
    *len = n;
    return b;
}

typedef struct post {
    char *text;
    size_t len;
    size_t ntok;       /* corpus tokens */
    uint32_t *cstart;  /* corpus token starts in text */
    uint8_t *ctag;     /* corpus token tags (tagger_tag) */
    bool copy;         /* a --repeat copy: shares the arrays of an earlier post */
} post;

typedef struct corpus {
    post *p;
    size_t n, cap;
    bool spans; /* some file read into it was a #TACTSPANS file */
} corpus;

/* Frees a corpus's posts (a --repeat copy owns nothing of its own). */
static void corpus_free(corpus *c)
{
    for (size_t k = 0; k < c->n; k++)
        if (!c->p[k].copy) {
            free(c->p[k].text);
            free(c->p[k].cstart);
            free(c->p[k].ctag);
        }
    free(c->p);
    c->p = NULL;
    c->n = c->cap = 0;
}

static void corpora_free(corpus *train, corpus *aux, corpus *dev, int ndev)
{
    corpus_free(train);
    corpus_free(aux);
    for (int d = 0; d < ndev; d++)
        corpus_free(&dev[d]);
}

static int map_tag(const char *t)
{
    if (!strcmp(t, "B-PER") || !strcmp(t, "B-person"))
        return TG_BPER;
    if (!strcmp(t, "I-PER") || !strcmp(t, "I-person"))
        return TG_IPER;
    if (!strcmp(t, "B-LOC") || !strcmp(t, "B-location"))
        return TG_BLOC;
    if (!strcmp(t, "I-LOC") || !strcmp(t, "I-location"))
        return TG_ILOC;
    return TG_O;
}

static bool no_space_before(const char *w)
{
    static const char *const glue[] = {".", ",", "!", "?", ":", ";", "'s", "'S", "n't", "'m",
                                       "'re", "'ve", "'ll", "'d", ")", "...", NULL};
    for (const char *const *g = glue; *g; g++)
        if (!strcmp(w, *g))
            return true;
    return false;
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "train-tagger: out of memory\n");
        exit(1);
    }
    return q;
}

static void add_post(corpus *c, char **words, uint8_t *tags, size_t n)
{
    if (!n)
        return;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 1024;
        c->p = xrealloc(c->p, c->cap * sizeof *c->p);
    }
    post *p = &c->p[c->n++];
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += strlen(words[i]) + 1;
    p->copy = false;
    p->text = xrealloc(NULL, len + 1);
    p->cstart = xrealloc(NULL, n * sizeof *p->cstart);
    p->ctag = xrealloc(NULL, n);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && !no_space_before(words[i]))
            p->text[o++] = ' ';
        p->cstart[i] = (uint32_t)o;
        size_t l = strlen(words[i]);
        memcpy(p->text + o, words[i], l);
        o += l;
        p->ctag[i] = tags[i];
    }
    p->text[o] = 0;
    p->len = o;
    p->ntok = n;
}

static int read_spans(corpus *c, FILE *f, const char *path);

/* Read a CoNLL file, or a #TACTSPANS file (its first line says so). */
static int read_conll(corpus *c, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "train-tagger: cannot open %s\n", path);
        return -1;
    }
    char line[4096];
    if (fgets(line, sizeof line, f) && !strcmp(line, "#TACTSPANS\n")) {
        int r = read_spans(c, f, path);
        fclose(f);
        return r;
    }
    rewind(f);
    char *words[512];
    uint8_t tags[512];
    size_t n = 0;
    while (fgets(line, sizeof line, f)) {
        size_t l = strlen(line);
        while (l && (line[l - 1] == '\n' || line[l - 1] == '\r'))
            line[--l] = 0;
        char *tab = strchr(line, '\t');
        if (!l || !tab || tab == line) {
            add_post(c, words, tags, n);
            for (size_t i = 0; i < n; i++)
                free(words[i]);
            n = 0;
            continue;
        }
        *tab = 0;
        if (n < 512) {
            size_t wl = strlen(line);
            words[n] = xrealloc(NULL, wl + 1);
            memcpy(words[n], line, wl + 1);
            tags[n++] = (uint8_t)map_tag(tab + 1);
        }
    }
    add_post(c, words, tags, n);
    for (size_t i = 0; i < n; i++)
        free(words[i]);
    fclose(f);
    return 0;
}

/* Parse "start:end:P|L" spans (sorted, not overlapping) of a post of
 * length len into corpus "tokens": O at 0, B at each span start, O at each
 * span end; prepare() then gives later library tokens inside a span I. */
static int add_spans_post(corpus *c, const char *spec, char *text, size_t len)
{
    size_t cap = 16, n = 0;
    uint32_t *st = xrealloc(NULL, cap * sizeof *st);
    uint8_t *tg = xrealloc(NULL, cap);
    st[n] = 0;
    tg[n++] = TG_O;
    const char *q = spec;
    if (strcmp(spec, "-"))
        while (*q) {
            char *e;
            unsigned long a = strtoul(q, &e, 10);
            if (*e != ':')
                goto bad;
            unsigned long b = strtoul(e + 1, &e, 10);
            if (*e != ':' || (e[1] != 'P' && e[1] != 'L') || a >= b || b > len ||
                a < st[n - 1])
                goto bad;
            int t = e[1] == 'P' ? TG_BPER : TG_BLOC;
            q = e + 2;
            if (*q == ',')
                q++;
            else if (*q)
                goto bad;
            if (n + 2 > cap) {
                cap *= 2;
                st = xrealloc(st, cap * sizeof *st);
                tg = xrealloc(tg, cap);
            }
            st[n] = (uint32_t)a;
            tg[n++] = (uint8_t)t;
            st[n] = (uint32_t)b;
            tg[n++] = TG_O;
        }
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 1024;
        c->p = xrealloc(c->p, c->cap * sizeof *c->p);
    }
    post *p = &c->p[c->n++];
    p->copy = false;
    p->text = text;
    p->len = len;
    p->ntok = n;
    p->cstart = st;
    p->ctag = tg;
    return 0;
bad:
    free(st);
    free(tg);
    return -1;
}

/* A "#TACTSPANS" file (tools/practitioner-conll.py): one post a line,
 * SPANS TAB TEXT, the text with \\ \t \n \r escaped. */
static int read_spans(corpus *c, FILE *f, const char *path)
{
    size_t cap = 1 << 16;
    char *line = xrealloc(NULL, cap);
    size_t lineno = 1;
    c->spans = true;
    for (;;) {
        size_t l = 0;
        int ch;
        while ((ch = getc(f)) != EOF && ch != '\n') {
            if (l + 1 >= cap)
                line = xrealloc(line, cap *= 2);
            line[l++] = (char)ch;
        }
        if (ch == EOF && !l)
            break;
        line[l] = 0;
        lineno++;
        char *tab = strchr(line, '\t');
        if (!tab) {
            fprintf(stderr, "train-tagger: %s:%zu: no tab\n", path, lineno);
            free(line);
            return -1;
        }
        *tab = 0;
        const char *s = tab + 1;
        char *text = xrealloc(NULL, strlen(s) + 1);
        size_t o = 0;
        for (; *s; s++) {
            if (*s != '\\' || !s[1]) {
                text[o++] = *s;
                continue;
            }
            s++;
            text[o++] = *s == 'n' ? '\n' : (*s == 't' ? '\t' : (*s == 'r' ? '\r' : *s));
        }
        text[o] = 0;
        if (add_spans_post(c, line, text, o)) {
            fprintf(stderr, "train-tagger: %s:%zu: bad spans\n", path, lineno);
            free(text);
            free(line);
            return -1;
        }
    }
    free(line);
    return 0;
}

/* Tokenize post p with the library and give each token its gold tag. */
static int prepare(tact_scanner *sc, const post *p, uint8_t **gold, size_t *gcap)
{
    sc->text = p->text;
    sc->len = p->len;
    if (tact__tokenize(sc) != TACT_OK)
        return -1;
    if (sc->ntoks > *gcap) {
        *gcap = sc->ntoks * 2;
        *gold = xrealloc(*gold, *gcap);
    }
    size_t c = 0;
    for (size_t i = 0; i < sc->ntoks; i++) {
        uint32_t s = sc->toks[i].start;
        while (c + 1 < p->ntok && p->cstart[c + 1] <= s)
            c++;
        int t = p->ctag[c];
        if ((t == TG_BPER || t == TG_BLOC) && s != p->cstart[c])
            t++; /* a later piece of the same corpus token */
        if (tact__tagger_skip(sc, i))
            t = TG_O;
        if (t == TG_IPER && (i == 0 || ((*gold)[i - 1] != TG_BPER && (*gold)[i - 1] != TG_IPER)))
            t = TG_BPER;
        if (t == TG_ILOC && (i == 0 || ((*gold)[i - 1] != TG_BLOC && (*gold)[i - 1] != TG_ILOC)))
            t = TG_BLOC;
        (*gold)[i] = (uint8_t)t;
    }
    return 0;
}

typedef struct perceptron {
    uint32_t mask;
    float *w;     /* current weights */
    double *acc;  /* sum of weights over time, lazily */
    uint64_t *ts; /* last update time per weight */
    uint64_t t;
} perceptron;

static void upd(perceptron *m, uint32_t f, int tag, float d)
{
    size_t k = (size_t)(f & m->mask) * TG_NTAGS + (size_t)tag;
    m->acc[k] += (double)(m->t - m->ts[k]) * m->w[k];
    m->ts[k] = m->t;
    m->w[k] += d;
}

static int predict(const perceptron *m, const uint32_t *f, size_t nf, int prev)
{
    float s[TG_NTAGS] = {0};
    for (size_t k = 0; k < nf; k++) {
        const float *row = m->w + (size_t)(f[k] & m->mask) * TG_NTAGS;
        for (int j = 0; j < TG_NTAGS; j++)
            s[j] += row[j];
    }
    if (prev != TG_BPER && prev != TG_IPER)
        s[TG_IPER] = -1e30f;
    if (prev != TG_BLOC && prev != TG_ILOC)
        s[TG_ILOC] = -1e30f;
    int best = 0;
    for (int j = 1; j < TG_NTAGS; j++)
        if (s[j] > s[best])
            best = j;
    return best;
}

/* Token-level counts for PER (0) and LOC (1): true positive, predicted, gold. */
typedef struct score {
    size_t tp[2], pred[2], gold[2];
} score;

static int ent(int t)
{
    return t == TG_BPER || t == TG_IPER ? 0 : (t == TG_BLOC || t == TG_ILOC ? 1 : -1);
}

static void report(const char *name, const score *s)
{
    for (int e = 0; e < 2; e++) {
        double p = s->pred[e] ? (double)s->tp[e] / (double)s->pred[e] : 0;
        double r = s->gold[e] ? (double)s->tp[e] / (double)s->gold[e] : 0;
        printf("  %-18s %s  P %.3f  R %.3f  F1 %.3f  (gold tokens %zu)\n", name,
               e ? "LOC" : "PER", p, r, p + r > 0 ? 2 * p * r / (p + r) : 0, s->gold[e]);
    }
}

static void eval_model(tact_scanner *sc, const tagger_model *tm, const corpus *c, const char *name)
{
    uint8_t *gold = NULL, *tags = NULL;
    size_t gcap = 0, tcap = 0;
    score s;
    memset(&s, 0, sizeof s);
    for (size_t i = 0; i < c->n; i++) {
        if (prepare(sc, &c->p[i], &gold, &gcap))
            continue;
        if (sc->ntoks > tcap) {
            tcap = sc->ntoks * 2;
            tags = xrealloc(tags, tcap);
        }
        tact__tagger_tag(tm, sc, tags, NULL);
        for (size_t k = 0; k < sc->ntoks; k++) {
            int g = ent(gold[k]), p = ent(tags[k]);
            if (g >= 0)
                s.gold[g]++;
            if (p >= 0)
                s.pred[p]++;
            if (g >= 0 && g == p)
                s.tp[g]++;
        }
    }
    report(name, &s);
    free(gold);
    free(tags);
}

int main(int argc, char **argv)
{
    int epochs = 8;
    unsigned bits = 17;
    corpus train = {0}, aux = {0}, dev[8];
    int aux_epochs = 0, repeat = 1;
    bool viterbi = false;
    unsigned seed = 0;
    const char *devname[8];
    int ndev = 0;
    memset(dev, 0, sizeof dev);
    const char *out = NULL, *clpath = NULL, *evalpath = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--clusters") && i + 1 < argc) {
            clpath = argv[++i];
            continue;
        }
        if (!strcmp(argv[i], "--aux") && i + 1 < argc) {
            if (read_conll(&aux, argv[++i]))
                return 1;
            continue;
        }
        if (!strcmp(argv[i], "--aux-epochs") && i + 1 < argc) {
            aux_epochs = atoi(argv[++i]);
            continue;
        }
        if (!strcmp(argv[i], "--repeat") && i + 1 < argc) {
            repeat = atoi(argv[++i]);
            if (repeat < 1)
                repeat = 1;
            continue;
        }
        if (!strcmp(argv[i], "--eval") && i + 1 < argc) {
            evalpath = argv[++i];
            continue;
        }
        if (!strcmp(argv[i], "--viterbi")) {
            viterbi = true;
            continue;
        }
        if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
            seed = (unsigned)atoi(argv[++i]);
            continue;
        }
        if (!strcmp(argv[i], "--epochs") && i + 1 < argc)
            epochs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--bits") && i + 1 < argc)
            bits = (unsigned)atoi(argv[++i]);
        else if (!strcmp(argv[i], "--dev") && i + 1 < argc) {
            if (ndev == 8 || read_conll(&dev[ndev], argv[++i]))
                return 1;
            const char *b = strrchr(argv[i], '/');
            devname[ndev++] = b ? b + 1 : argv[i];
        } else if (!out)
            out = argv[i];
        else {
            size_t first = train.n;
            if (read_conll(&train, argv[i]))
                return 1;
            /* --repeat K: the posts of this file K times in each epoch
             * (the copies share the post's text and tags) */
            size_t nfile = train.n - first;
            for (int r = 1; r < repeat; r++)
                for (size_t k = 0; k < nfile; k++) {
                    if (train.n == train.cap) {
                        train.cap *= 2;
                        train.p = xrealloc(train.p, train.cap * sizeof *train.p);
                    }
                    train.p[train.n] = train.p[first + k];
                    train.p[train.n++].copy = true;
                }
        }
    }
    if ((!evalpath && (!out || !train.n)) || bits < 8 || bits > 24) {
        fprintf(stderr, "usage: train-tagger [--epochs N] [--bits B] [--clusters FILE] [--aux FILE "
                        "--aux-epochs N] [--seed S] [--viterbi] [--dev FILE]... OUT.bin [--repeat K] TRAIN...\n"
                        "       train-tagger [--clusters FILE] --eval MODEL.bin --dev FILE...\n");
        return 64;
    }
    tact_ruleset *rs;
    tact_scanner *sc;
    tact_error err;
    if (tact_ruleset_compile(NULL, &rs, &err) || tact_scanner_new(rs, NULL, &sc, &err)) {
        fprintf(stderr, "train-tagger: cannot set up the library: %s\n", err.message);
        return 70;
    }
    /* the word classes, in a model that only feeds the feature function */
    tagger_model fm;
    memset(&fm, 0, sizeof fm);
    size_t cllen = 0;
    unsigned char *clbytes = NULL;
    if (clpath) {
        clbytes = read_file(clpath, &cllen);
        /* copied to 16-byte aligned memory, as the embedded bytes are */
        void *al = clbytes ? aligned_alloc(16, (cllen + 15) / 16 * 16) : NULL;
        if (al)
            memcpy(al, clbytes, cllen);
        free(clbytes);
        clbytes = al;
        if (!clbytes || tact__tagger_clusters_load(clbytes, cllen, &fm.clu) != TACT_OK) {
            fprintf(stderr, "train-tagger: %s is not a word-class table\n", clpath);
            return 65;
        }
    }
    if (evalpath) {
        /* score an existing model (e.g. the committed one) on the dev files */
        size_t mlen = 0;
        unsigned char *raw = read_file(evalpath, &mlen);
        void *al = raw ? aligned_alloc(16, (mlen + 15) / 16 * 16 + 16) : NULL;
        if (al)
            memcpy(al, raw, mlen);
        free(raw);
        tagger_model em;
        if (!al || tact__tagger_load_with(al, mlen, fm.clu.key ? &fm.clu : NULL, &em) != TACT_OK) {
            fprintf(stderr, "train-tagger: %s does not load (with these word classes)\n", evalpath);
            return 65;
        }
        for (int d = 0; d < ndev; d++)
            eval_model(sc, &em, &dev[d], devname[d]);
        free(al);
        free(clbytes);
        corpora_free(&train, &aux, dev, ndev);
        tact_scanner_free(sc);
        tact_ruleset_free(rs);
        return 0;
    }
    size_t nw = ((size_t)1 << bits) * TG_NTAGS;
    perceptron m = {(1u << bits) - 1u, calloc(nw, sizeof(float)), calloc(nw, sizeof(double)),
                    calloc(nw, sizeof(uint64_t)), 0};
    if (!m.w || !m.acc || !m.ts)
        return 1;
    size_t ndevposts = 0;
    for (int d = 0; d < ndev; d++)
        ndevposts += dev[d].n;
    printf("train-tagger: %zu training posts, %zu dev posts, %d epochs, 2^%u buckets%s\n", train.n,
           ndevposts, epochs, bits, fm.clu.key ? ", word classes" : "");
    uint8_t *gold = NULL;
    size_t gcap = 0;
    uint32_t f[TG_MAX_FEATS];
    for (int ep = 0; ep < epochs; ep++) {
        size_t errors = 0, total = 0;
        /* a fixed permutation per epoch: stride through the posts */
        size_t ntot = train.n + (ep < aux_epochs ? aux.n : 0);
        static const size_t primes[] = {7919, 7927, 7933, 7937, 7949, 7951, 7963, 7993};
        size_t stride = primes[seed % 8];
        if (ntot % stride == 0)
            stride = 7907;
        for (size_t j = 0; j < ntot; j++) {
            size_t ix = (j * stride + (size_t)ep * 131 + (size_t)seed * 4099) % ntot;
            const post *p = ix < train.n ? &train.p[ix] : &aux.p[ix - train.n];
            if (prepare(sc, p, &gold, &gcap))
                continue;
            if (viterbi) {
                /* structured perceptron: the best path under the current
                 * weights (runs split by skipped tokens, as in the library),
                 * then updates where it leaves the gold path */
                size_t n = sc->ntoks;
                float (*ss)[TG_NTAGS][TG_NTAGS] = xrealloc(NULL, (n + 1) * sizeof *ss);
                uint8_t (*bp)[TG_NTAGS] = xrealloc(NULL, (n + 1) * sizeof *bp);
                uint8_t *pred = xrealloc(NULL, n + 1);
                bool *sk = xrealloc(NULL, n + 1);
                double d[TG_NTAGS], nd[TG_NTAGS];
                for (int t = 0; t < TG_NTAGS; t++)
                    d[t] = t == TG_O ? 0 : -1e30;
                for (size_t i = 0; i < n; i++) {
                    sk[i] = tact__tagger_skip(sc, i);
                    if (sk[i]) {
                        int b = 0;
                        for (int q = 1; q < TG_NTAGS; q++)
                            if (d[q] > d[b])
                                b = q;
                        for (int t = 0; t < TG_NTAGS; t++)
                            bp[i][t] = (uint8_t)b;
                        double v = d[b];
                        for (int t = 0; t < TG_NTAGS; t++)
                            d[t] = t == TG_O ? v : -1e30;
                        continue;
                    }
                    for (int q = 0; q < TG_NTAGS; q++) {
                        size_t nf = tact__tagger_features(&fm, sc, i, q, f);
                        float sv[TG_NTAGS] = {0};
                        for (size_t k = 0; k < nf; k++) {
                            const float *row = m.w + (size_t)(f[k] & m.mask) * TG_NTAGS;
                            for (int t = 0; t < TG_NTAGS; t++)
                                sv[t] += row[t];
                        }
                        if (q != TG_BPER && q != TG_IPER)
                            sv[TG_IPER] = -1e30f;
                        if (q != TG_BLOC && q != TG_ILOC)
                            sv[TG_ILOC] = -1e30f;
                        memcpy(ss[i][q], sv, sizeof sv);
                    }
                    for (int t = 0; t < TG_NTAGS; t++) {
                        int b = 0;
                        double best = -1e300;
                        for (int q = 0; q < TG_NTAGS; q++)
                            if (d[q] + ss[i][q][t] > best) {
                                best = d[q] + ss[i][q][t];
                                b = q;
                            }
                        nd[t] = best;
                        bp[i][t] = (uint8_t)b;
                    }
                    memcpy(d, nd, sizeof d);
                }
                int cur = 0;
                for (int t = 1; t < TG_NTAGS; t++)
                    if (d[t] > d[cur])
                        cur = t;
                for (size_t i = n; i-- > 0;) {
                    pred[i] = (uint8_t)(sk[i] ? TG_O : cur);
                    cur = bp[i][sk[i] ? TG_O : cur];
                }
                for (size_t i = 0; i < n; i++) {
                    if (sk[i])
                        continue;
                    m.t++;
                    total++;
                    int gp = i ? gold[i - 1] : TG_O, pp = i ? pred[i - 1] : TG_O;
                    if (pred[i] != gold[i])
                        errors++;
                    if (pred[i] == gold[i] && gp == pp)
                        continue;
                    size_t nf = tact__tagger_features(&fm, sc, i, gp, f);
                    for (size_t k = 0; k < nf; k++)
                        upd(&m, f[k], gold[i], 1.f);
                    nf = tact__tagger_features(&fm, sc, i, pp, f);
                    for (size_t k = 0; k < nf; k++)
                        upd(&m, f[k], pred[i], -1.f);
                }
                free(ss);
                free(bp);
                free(pred);
                free(sk);
                continue;
            }
            int prev = TG_O;
            for (size_t i = 0; i < sc->ntoks; i++) {
                if (tact__tagger_skip(sc, i)) {
                    prev = TG_O;
                    continue;
                }
                m.t++;
                size_t nf = tact__tagger_features(&fm, sc, i, prev, f);
                int y = predict(&m, f, nf, prev);
                total++;
                if (y != gold[i]) {
                    errors++;
                    for (size_t k = 0; k < nf; k++) {
                        upd(&m, f[k], gold[i], 1.f);
                        upd(&m, f[k], y, -1.f);
                    }
                }
                prev = y;
            }
        }
        printf("  epoch %d: %zu/%zu token errors\n", ep + 1, errors, total);
    }
    /* average and quantise */
    float maxabs = 0.f;
    float *avg = malloc(nw * sizeof *avg);
    if (!avg)
        return 1;
    for (size_t k = 0; k < nw; k++) {
        double a = m.acc[k] + (double)(m.t - m.ts[k]) * m.w[k];
        avg[k] = (float)(a / (double)(m.t ? m.t : 1));
        if (fabsf(avg[k]) > maxabs)
            maxabs = fabsf(avg[k]);
    }
    float scale = maxabs > 0.f ? maxabs / 32767.f : 1.f;
    size_t size = TG_HEADER + nw * sizeof(int16_t);
    unsigned char *img = calloc(1, size);
    if (!img)
        return 1;
    uint32_t ntags = TG_NTAGS, cid = fm.clu.key ? fm.clu.id : 0;
    memcpy(img, viterbi ? "TACTNER2" : "TACTNER1", 8);
    memcpy(img + 8, &bits, 4);
    memcpy(img + 12, &ntags, 4);
    memcpy(img + 16, &scale, 4);
    memcpy(img + 20, &cid, 4);
    for (size_t k = 0; k < nw; k++) {
        long q = lroundf(avg[k] / scale);
        int16_t v = (int16_t)(q > 32767 ? 32767 : (q < -32767 ? -32767 : q));
        memcpy(img + TG_HEADER + k * 2, &v, 2);
    }
    FILE *fo = fopen(out, "wb");
    if (!fo || fwrite(img, 1, size, fo) != size || fclose(fo)) {
        fprintf(stderr, "train-tagger: cannot write %s\n", out);
        return 73;
    }
    printf("train-tagger: wrote %s (%zu bytes)\n", out, size);
    tagger_model tm;
    if (tact__tagger_load_with(img, size, fm.clu.key ? &fm.clu : NULL, &tm) != TACT_OK) {
        fprintf(stderr, "train-tagger: the model written does not load\n");
        return 70;
    }
    eval_model(sc, &tm, &train, "train");
    for (int d = 0; d < ndev; d++)
        eval_model(sc, &tm, &dev[d], devname[d]);
    int nconll = 0;
    for (int d = 0; d < ndev; d++)
        nconll += !dev[d].spans;
    if (nconll > 1) {
        /* the CoNLL dev files together (#TACTSPANS ones only on their own) */
        corpus all = {0};
        for (int d = 0; d < ndev; d++)
            for (size_t k = 0; !dev[d].spans && k < dev[d].n; k++) {
                if (all.n == all.cap) {
                    all.cap = all.cap ? all.cap * 2 : 1024;
                    all.p = xrealloc(all.p, all.cap * sizeof *all.p);
                }
                all.p[all.n++] = dev[d].p[k];
            }
        eval_model(sc, &tm, &all, "dev");
        free(all.p);
    }
    free(gold);
    free(avg);
    free(img);
    free(clbytes);
    free(m.w);
    free(m.acc);
    free(m.ts);
    corpora_free(&train, &aux, dev, ndev);
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
    return 0;
}
