/*
 * test_speed14.c - the tokenizer's precomputed tables (speed14): every
 * token's hash is tact__hash of its normalised form, whichever path made
 * it (the one-byte punctuation table, the plain-word table, push_token),
 * and the plain-word path's counts give the shapes and kinds of the
 * general path.
 */
#include "harness.h"
#include "internal.h"

#include <stdlib.h>

static void check_hashes(tact_scanner *sc, const char *text)
{
    sc->text = text;
    sc->len = strlen(text);
    CHECK_INT(tact__tokenize(sc), TACT_OK);
    for (size_t i = 0; i < sc->ntoks; i++) {
        const tact__token *t = &sc->toks[i];
        CHECK(t->hash == tact__hash(sc->norm.p + t->norm_off, t->norm_len));
        CHECK(t->norm_off + t->norm_len <= sc->norm.len);
    }
}

static void test_token_hashes(void)
{
    tact_ruleset *rs;
    tact_scanner *sc;
    CHECK_INT(tact_ruleset_compile(NULL, &rs, NULL), TACT_OK);
    CHECK_INT(tact_scanner_new(rs, NULL, &sc, NULL), TACT_OK);
    /* every printable ASCII byte, alone and between words */
    char buf[8];
    for (int ch = 0x21; ch < 0x7f; ch++) {
        buf[0] = (char)ch;
        buf[1] = '\0';
        check_hashes(sc, buf);
        snprintf(buf, sizeof buf, "a%cB", ch);
        check_hashes(sc, buf);
        snprintf(buf, sizeof buf, "x %c 9", ch);
        check_hashes(sc, buf);
    }
    /* each punctuation byte is a token of its own, hashed as itself */
    check_hashes(sc, "!\"$%&()*+,-./:;<=>?[\\]^_`{|}~");
    CHECK(sc->ntoks >= 20);
    check_hashes(sc, "Hello WORLD 42 B52 x9y 0a n0 @Someone #Tag https://a.example/x bob@mail.example.org "
                     "don't well-known Café naïve 😀 end.");
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
}

/* The plain-word path's counts (one table load per byte): a word's kind
 * and its digit and all-capitals shape bits. */
static void test_word_shapes(void)
{
    tact_ruleset *rs;
    tact_scanner *sc;
    CHECK_INT(tact_ruleset_compile(NULL, &rs, NULL), TACT_OK);
    CHECK_INT(tact_scanner_new(rs, NULL, &sc, NULL), TACT_OK);
    static const char *const words[] = {"a",   "A",     "ab",    "AB",    "Ab", "aB", "1",
                                        "12",  "1a",    "a1",    "1A",    "A1", "1Ab", "ABC9",
                                        "x2Y", "HELLO", "Hello", "hELLO", "q",  "Q7", "007"};
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        const char *w = words[k];
        sc->text = w;
        sc->len = strlen(w);
        CHECK_INT(tact__tokenize(sc), TACT_OK);
        CHECK_INT((long)sc->ntoks, 1);
        if (sc->ntoks != 1)
            continue;
        const tact__token *t = &sc->toks[0];
        size_t letters = 0, upper = 0, digits = 0;
        for (const char *p = w; *p; p++) {
            if (*p >= '0' && *p <= '9')
                digits++;
            else if (letters++, *p >= 'A' && *p <= 'Z')
                upper++;
        }
        CHECK(((t->shape & TACT__SH_DIGIT) != 0) == (digits > 0));
        CHECK(((t->shape & TACT__SH_ALLCAP) != 0) == (letters >= 2 && upper == letters));
        CHECK_INT(t->kind, !digits ? TACT__TOK_WORD : letters ? TACT__TOK_ALNUM : TACT__TOK_NUMBER);
        CHECK_INT((long)t->norm_len, (long)strlen(w));
        for (size_t i = 0; i < t->norm_len; i++) {
            char c = w[i];
            CHECK_INT(sc->norm.p[t->norm_off + i], c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
    }
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
}

int main(void)
{
    static const th_test tests[] = {{"token_hashes", test_token_hashes},
                                    {"word_shapes", test_word_shapes},
                                    {NULL, NULL}};
    return th_run(tests);
}
