/*
 * test_speed25.c - the tokenizer's short cut for curly double quotes, the
 * ellipsis and emoji that stand alone (tokenize.c, push_simple; speed25):
 * each code point it takes has the properties that make the general path
 * give the same token, and the tokens it makes are the general path's.
 */
#include "harness.h"
#include "internal.h"

#include <stdlib.h>

static size_t put_utf8(char *o, int32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* tact__norm_cp of cp, as a string in out (NUL-terminated). */
static size_t norm_of(int32_t cp, char *out, size_t cap)
{
    tact__alloc a;
    tact__alloc_init(&a, NULL);
    tact__buf b = {0};
    CHECK_INT(tact__norm_cp(&a, &b, cp), TACT_OK);
    size_t n = b.len < cap - 1 ? b.len : cap - 1;
    if (n)
        memcpy(out, b.p, n);
    out[n] = '\0';
    tact__free(&a, b.p);
    return b.len;
}

static bool word_cp(int32_t cp)
{
    return tact__cp_is_letter(cp) || tact__cp_is_digit(cp) || tact__cp_is_mark(cp);
}

/* What the general path asks of a token's first code point, for each one
 * the short cut takes. */
static void test_properties(void)
{
    size_t taken = 0;
    for (int32_t cp = 0x80; cp <= 0x10FFFF; cp++) {
        if (!tact__tok_simple_emoji(cp))
            continue;
        taken++;
        CHECK(cp >= 0x10000 && (cp >> 12) == 0x1F); /* bytes F0 9F .. .. */
        CHECK(tact__cp_is_emoji(cp));
        CHECK(!tact__cp_is_space(cp));
        CHECK(!word_cp(cp));
        CHECK(!(cp >= 0x1F1E6 && cp <= 0x1F1FF));
        char u[8], nb[16];
        size_t ul = put_utf8(u, cp);
        CHECK(norm_of(cp, nb, sizeof nb) == ul && memcmp(nb, u, ul) == 0);
    }
    CHECK(taken > 1000);
    /* the continuations of a cluster are not taken as what follows one:
     * they start with E2 (U+200D), EF (U+FE0F), F3 (tags) or F0 9F 8F (skin
     * tones) */
    static const struct {
        int32_t cp;
        const char *norm;
    } puncts[] = {{0x201C, "\""}, {0x201D, "\""}, {0x2026, "..."}};
    for (size_t k = 0; k < sizeof puncts / sizeof puncts[0]; k++) {
        int32_t cp = puncts[k].cp;
        CHECK(!tact__cp_is_emoji(cp));
        CHECK(!tact__cp_is_space(cp));
        CHECK(!word_cp(cp));
        char nb[16];
        CHECK(norm_of(cp, nb, sizeof nb) == strlen(puncts[k].norm) &&
              strcmp(nb, puncts[k].norm) == 0);
    }
}

typedef struct want {
    uint32_t start, end;
    int kind;
    const char *norm;
} want;

static void check_tokens(tact_scanner *sc, const char *text, const want *w, size_t nw)
{
    sc->text = text;
    sc->len = strlen(text);
    CHECK_INT(tact__tokenize(sc), TACT_OK);
    CHECK_INT(sc->ntoks, nw);
    for (size_t i = 0; i < sc->ntoks && i < nw; i++) {
        const tact__token *t = &sc->toks[i];
        CHECK_INT(t->start, w[i].start);
        CHECK_INT(t->end, w[i].end);
        CHECK_INT(t->kind, w[i].kind);
        CHECK_INT(t->norm_len, strlen(w[i].norm));
        CHECK(memcmp(sc->norm.p + t->norm_off, w[i].norm, t->norm_len) == 0);
        CHECK(t->hash == tact__hash(sc->norm.p + t->norm_off, t->norm_len));
        bool nonascii = false;
        for (uint32_t b = t->start; b < t->end; b++)
            nonascii |= (unsigned char)text[b] >= 0x80;
        CHECK(((t->shape & TACT__SH_NONASCII) != 0) == nonascii);
    }
}

static void test_tokens(void)
{
    tact_ruleset *rs;
    tact_scanner *sc;
    CHECK_INT(tact_ruleset_compile(NULL, &rs, NULL), TACT_OK);
    CHECK_INT(tact_scanner_new(rs, NULL, &sc, NULL), TACT_OK);
    const int P = TACT__TOK_PUNCT, E = TACT__TOK_EMOJI, W = TACT__TOK_WORD;
    /* quotes around a word */
    want q[] = {{0, 3, P, "\""}, {3, 5, W, "hi"}, {5, 8, P, "\""}};
    check_tokens(sc, "\xE2\x80\x9Chi\xE2\x80\x9D", q, 3);
    /* an ellipsis after a word, and before one */
    want el[] = {{0, 4, W, "wait"}, {4, 7, P, "..."}, {7, 9, W, "ok"}};
    check_tokens(sc, "wait\xE2\x80\xA6ok", el, 3);
    /* an emoji alone, twice, at the end */
    want e1[] = {{0, 1, W, "a"}, {1, 5, E, "\xF0\x9F\x98\x82"}, {6, 7, W, "b"}};
    check_tokens(sc, "a\xF0\x9F\x98\x82 b", e1, 3);
    want e2[] = {{0, 4, E, "\xF0\x9F\x98\x82"}, {4, 8, E, "\xF0\x9F\x98\xAD"}};
    check_tokens(sc, "\xF0\x9F\x98\x82\xF0\x9F\x98\xAD", e2, 2);
    /* a cluster is one token: a skin tone, a variation selector, a joiner */
    want c1[] = {{0, 8, E, "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"}};
    check_tokens(sc, "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", c1, 1);
    want c2[] = {{0, 7, E, "\xF0\x9F\x98\x82\xEF\xB8\x8F"}};
    char nb[16];
    norm_of(0xFE0F, nb, sizeof nb);
    if (nb[0] == '\0')
        c2[0].norm = "\xF0\x9F\x98\x82"; /* a variation selector normalises away */
    check_tokens(sc, "\xF0\x9F\x98\x82\xEF\xB8\x8F", c2, 1);
    want c3[] = {{0, 11, E, ""}};
    char buf[64];
    size_t k = 0;
    k += put_utf8(buf + k, 0x1F469);
    k += put_utf8(buf + k, 0x200D);
    k += put_utf8(buf + k, 0x1F4BB);
    buf[k] = '\0';
    sc->text = buf;
    sc->len = k;
    CHECK_INT(tact__tokenize(sc), TACT_OK);
    CHECK_INT(sc->ntoks, 1);
    CHECK_INT(sc->toks[0].end, c3[0].end);
    /* cut short: the general path (U+FFFD when replacing) */
    sc->text = "\xF0\x9F\x98";
    sc->len = 3;
    CHECK_INT(tact__tokenize(sc), TACT_OK);
    CHECK(sc->ntoks >= 1 && sc->toks[0].kind != E);
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
}

/* Whole scans: a post with quotes and emoji gives the findings it gave
 * through the general path (the verdict and the spans of the names). */
static void test_scan(void)
{
    tact_ruleset *rs;
    tact_scanner *sc;
    CHECK_INT(tact_ruleset_compile(NULL, &rs, NULL), TACT_OK);
    CHECK_INT(tact_scanner_new(rs, NULL, &sc, NULL), TACT_OK);
    const tact_result *r;
    const char *post =
        "Visited Jayden Smith today \xF0\x9F\x98\x82 he said \xE2\x80\x9Cno\xE2\x80\x9D";
    CHECK_INT(tact_scanner_scan(sc, post, strlen(post), 0, &r, NULL), TACT_OK);
    bool person = false;
    for (size_t i = 0; i < r->count; i++)
        person |= r->findings[i].type == TACT_TYPE_PERSON && r->findings[i].start == 8 &&
                  r->findings[i].end == 20;
    CHECK(person);
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
}

int main(void)
{
    static const th_test tests[] = {{"properties", test_properties},
                                    {"tokens", test_tokens},
                                    {"scan", test_scan},
                                    {NULL, NULL}};
    return th_run(tests);
}
