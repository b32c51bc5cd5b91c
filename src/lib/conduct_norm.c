/*
 * conduct_norm.c - undo the ways people disguise swear words and slurs:
 * leetspeak ("sh1t", "$hit"), stretched letters ("fuuuuck"), masking
 * ("f***", "sh*t", "f#ck") and spacing ("f u c k", "f-u-c-k"). The conduct
 * driver looks each decoded form up in its word lists.
 */
#include "conduct.h"
#include "tinfo.h"

#define UNIT_MAX 40

static char leet(unsigned char c)
{
    switch (c) {
    case '0': return 'o';
    case '1': return 'i';
    case '3': return 'e';
    case '4': return 'a';
    case '5': return 's';
    case '7': return 't';
    case '8': return 'b';
    case '@': return 'a';
    case '$': return 's';
    case '!': return 'i';
    case '|': return 'l';
    case '*': case '#': case '%': case '_': return '*';
    default: break;
    }
    if (c >= 'A' && c <= 'Z')
        return (char)(c + 32);
    if (c >= 'a' && c <= 'z')
        return (char)c;
    return 0;
}

static inline bool glue_punct(unsigned char c)
{
    return c == '*' || c == '#' || c == '%' || c == '_' || c == '@' || c == '$' || c == '!' ||
           c == '.' || c == '|';
}

bool tact__cn_mask_fits(const char *masked, size_t n, const char *word, size_t wn)
{
    if (n != wn || n < 3 || masked[0] == '*' || masked[0] != word[0])
        return false;
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (masked[i] == '*')
            continue;
        if (masked[i] != word[i])
            return false;
        shown++;
    }
    return shown < n;
}

/* Runs of three or more of one letter squeezed to one ("fuuuck" ->
 * "fuck"). Returns the new length, or 0 when nothing was squeezed. */
static size_t squeeze(const char *s, size_t n, char *out)
{
    size_t o = 0;
    bool changed = false;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] == s[i])
            j++;
        out[o++] = s[i];
        if (j - i >= 3)
            changed = true;
        else if (j - i == 2)
            out[o++] = s[i];
        i = j;
    }
    return changed ? o : 0;
}

/* give's rare part: s (shorter than UNIT_MAX) has a run of three. */
static int give_squeezed(tact__cn_fn fn, void *ctx, size_t first, size_t last, const char *s,
                         size_t n)
{
    int rc;
    char sq[UNIT_MAX];
    size_t m = squeeze(s, n, sq);
    if (m && (rc = fn(ctx, first, last, sq, m, TACT__CN_SQUEEZED)))
        return rc;
    if (m) {
        /* "fuuuckk": squeeze doubled letters too */
        char sq2[UNIT_MAX];
        size_t o = 0;
        for (size_t i = 0; i < m; i++)
            if (!o || sq2[o - 1] != sq[i])
                sq2[o++] = sq[i];
        if (o != m && (rc = fn(ctx, first, last, sq2, o, TACT__CN_SQUEEZED)))
            return rc;
    }
    return TACT_OK;
}

/* Whether s holds a run of three of one byte. (Speed: where s[r] differs
 * from s[r - 1], no run of three ends at r or at r + 1: the next to try is
 * r + 2.) */
static bool has_run3(const char *s, size_t n)
{
    size_t r = 2;
    while (r < n) {
        if (s[r] != s[r - 1])
            r += 2;
        else if (s[r] == s[r - 2])
            return true;
        else
            r++;
    }
    return false;
}

/* Pass s on as it is, and squeezed when it stretches a letter; masked
 * when it has a '*' (may_mask: it can have one; a word token's own normal
 * form cannot). */
#if defined(__GNUC__)
#define CN_INLINE inline __attribute__((always_inline))
#else
#define CN_INLINE inline
#endif

static CN_INLINE int give(tact__cn_fn fn, void *ctx, size_t first, size_t last, const char *s,
                          size_t n, bool may_mask)
{
    int rc;
    if (may_mask && memchr(s, '*', n) != NULL)
        return fn(ctx, first, last, s, n, TACT__CN_MASKED);
    if ((rc = fn(ctx, first, last, s, n, TACT__CN_PLAIN)))
        return rc;
    if (n >= UNIT_MAX)
        return TACT_OK; /* no disguised word is that long */
    /* nearly every word has no run of three: squeeze would find nothing */
    if (!has_run3(s, n))
        return TACT_OK;
    return give_squeezed(fn, ctx, first, last, s, n);
}

/* Whether lx holds the key with hash h (tact__lex_get_h's walk, inlined:
 * nearly every token asks, and nearly every answer is no). */
static CN_INLINE bool lex_has(const tact__lex *lx, uint64_t h)
{
    return tact__lex_probe(lx, h) != 0;
}

/* Whether words holds token i: its TI_CN bit when tiv (sc->tinfo made
 * from words: tinfo_of) is given, else the probe. */
static CN_INLINE bool word_has(const tact__lex *words, const uint64_t *tiv, const tact_scanner *sc,
                               size_t i)
{
    return tiv ? (tiv[i] & TI_CN) != 0 : lex_has(words, sc->toks[i].hash);
}

/* sc->tinfo when it was made from words (tinfo.h), else NULL. */
static const uint64_t *tinfo_of(const tact_scanner *sc, const tact__lex *words)
{
    return words && sc->tinfo && sc->rs->tinfo && sc->rs->tinfo->words == words ? sc->tinfo
                                                                                 : NULL;
}

/* Token i's own normal form to fn, as give would with may_mask false
 * (a word token's own form has no '*'), but only when words (if any)
 * holds it. */
static CN_INLINE int give_own(tact__cn_fn fn, void *ctx, const tact_scanner *sc,
                              const tact__lex *words, const uint64_t *tiv, size_t i)
{
    int rc;
    size_t n = sc->toks[i].norm_len;
    const char *s = sc->norm.p + sc->toks[i].norm_off;
    if ((!words || word_has(words, tiv, sc, i)) &&
        (rc = fn(ctx, i, i, s, n, TACT__CN_PLAIN | TACT__CN_OWN)))
        return rc;
    if (n >= UNIT_MAX || !has_run3(s, n))
        return TACT_OK;
    return give_squeezed(fn, ctx, i, i, s, n);
}

/* Decode the bytes [a, b) of the text into out; returns the length, or 0
 * when the run does not look like a disguised word. Hyphens and dots are
 * dropped when they separate single letters ("f-u-c-k", "f.u.c.k"). */
static size_t decode(const char *t, size_t a, size_t b, char *out)
{
    if (b - a >= UNIT_MAX)
        return 0;
    /* trailing ! . are sentence punctuation, not letters */
    while (b > a && (t[b - 1] == '!' || t[b - 1] == '.'))
        b--;
    while (a < b && (t[a] == '.' || t[a] == '!'))
        a++;
    size_t o = 0, letters = 0, seg = 0, maxseg = 0, seps = 0;
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c == '-' || c == '.' || c == '\'') {
            seps++;
            if (seg > maxseg)
                maxseg = seg;
            seg = 0;
            out[o++] = (char)c;
            continue;
        }
        char d = leet(c);
        if (!d)
            return 0;
        if (d != '*')
            letters++;
        out[o++] = d;
        seg++;
    }
    if (seg > maxseg)
        maxseg = seg;
    if (letters == 0)
        return 0;
    if (seps && maxseg == 1) {
        size_t k = 0;
        for (size_t i = 0; i < o; i++)
            if (out[i] != '-' && out[i] != '.')
                out[k++] = out[i];
        o = k;
    }
    return o;
}

/* Whether token i joins a run of tokens with no space between them. */
static inline bool glue_tok(const tact_scanner *sc, size_t i)
{
    const tact__token *t = &sc->toks[i];
    return t->kind == TACT__TOK_WORD || t->kind == TACT__TOK_ALNUM || t->kind == TACT__TOK_NUMBER ||
           (t->kind == TACT__TOK_PUNCT && glue_punct((unsigned char)sc->text[t->start]));
}

/* tact__cn_units' walk; tiv: tinfo_of(sc, words), inlined twice (with and
 * without it) so that neither copy tests it per token. */
static CN_INLINE int units(const tact_scanner *sc, const tact__lex *words, const uint64_t *tiv,
                           tact__cn_fn fn, void *ctx)
{
    const tact__token *tk = sc->toks;
    const size_t nt = sc->ntoks; /* (in a local: fn is called in the loop) */
    char buf[UNIT_MAX];
    int rc;
    size_t i = 0;
    while (i < nt) {
        /* the usual token: a plain word of two or more ASCII letters that
         * nothing glues to the next token (what the general path below
         * does with it, in short) */
        if (tk[i].kind == TACT__TOK_WORD &&
            !(tk[i].shape & (TACT__SH_ONELETTER | TACT__SH_NONASCII | TACT__SH_HYPHEN)) &&
            (i + 1 >= nt || tk[i + 1].start != tk[i].end || !glue_tok(sc, i + 1))) {
            if ((rc = give_own(fn, ctx, sc, words, tiv, i)))
                return rc;
            i++;
            continue;
        }
        /* spaced single letters: "f u c k" */
        if ((tk[i].shape & TACT__SH_ONELETTER) && tk[i].kind == TACT__TOK_WORD) {
            size_t j = i;
            size_t o = 0;
            while (j < nt && tk[j].kind == TACT__TOK_WORD && (tk[j].shape & TACT__SH_ONELETTER) &&
                   tk[j].norm_len == 1 && o < UNIT_MAX - 1 &&
                   (j == i || (tk[j].shape & TACT__SH_SPACE_BEFORE))) {
                buf[o++] = sc->norm.p[tk[j].norm_off];
                j++;
            }
            if (j - i >= 3) {
                if ((rc = fn(ctx, i, j - 1, buf, o, TACT__CN_SPACED)))
                    return rc;
                i = j;
                continue;
            }
        }
        /* a run of tokens with no space between them */
        size_t j = i + 1;
        bool simple = tk[i].kind == TACT__TOK_WORD && !(tk[i].shape & TACT__SH_NONASCII);
        bool ok = tk[i].kind == TACT__TOK_WORD || tk[i].kind == TACT__TOK_ALNUM ||
                  tk[i].kind == TACT__TOK_NUMBER ||
                  (tk[i].kind == TACT__TOK_PUNCT && glue_punct((unsigned char)sc->text[tk[i].start]));
        while (ok && j < nt && tk[j].start == tk[j - 1].end &&
               (tk[j].kind == TACT__TOK_WORD || tk[j].kind == TACT__TOK_ALNUM ||
                tk[j].kind == TACT__TOK_NUMBER ||
                (tk[j].kind == TACT__TOK_PUNCT && glue_punct((unsigned char)sc->text[tk[j].start])))) {
            simple = false;
            j++;
        }
        if (!ok) {
            i++;
            continue;
        }
        if (simple) {
            size_t n;
            const char *s = tact__tok_norm(sc, i, &n);
            bool hyph = (tk[i].shape & TACT__SH_HYPHEN) != 0;
            if (!hyph) {
                if ((rc = give_own(fn, ctx, sc, words, tiv, i)))
                    return rc;
            } else {
                size_t m = decode(sc->text, tk[i].start, tk[i].end, buf);
                if (m && (rc = give(fn, ctx, i, i, buf, m, true)))
                    return rc;
                if ((!words || word_has(words, tiv, sc, i)) &&
                    (rc = fn(ctx, i, i, s, n, TACT__CN_PLAIN | TACT__CN_OWN)))
                    return rc;
            }
        } else {
            size_t m = decode(sc->text, tk[i].start, tk[j - 1].end, buf);
            if (m && (rc = give(fn, ctx, i, j - 1, buf, m, true)))
                return rc;
            /* also each word of the run on its own ("shit!!" or "idiot.") */
            for (size_t k = i; k < j; k++)
                if (tk[k].kind == TACT__TOK_WORD) {
                    size_t n;
                    const char *s = tact__tok_norm(sc, k, &n);
                    if ((!words || word_has(words, tiv, sc, k)) &&
                        (rc = fn(ctx, k, k, s, n, TACT__CN_PLAIN | TACT__CN_OWN)))
                        return rc;
                }
        }
        i = j;
    }
    return TACT_OK;
}

int tact__cn_units(const tact_scanner *sc, const tact__lex *words, tact__cn_fn fn, void *ctx)
{
    const uint64_t *tiv = tinfo_of(sc, words);
    return tiv ? units(sc, words, tiv, fn, ctx) : units(sc, words, NULL, fn, ctx);
}
