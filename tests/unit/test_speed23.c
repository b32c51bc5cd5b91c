/*
 * test_speed23.c - speed23's shortcuts give what the general paths give:
 * the tokenizer's plain-word path joining an apostrophe or a hyphen
 * ("don't", "well-being"; a possessive 's still split off), the one pass
 * of idents_web.c over a link for the words of its lists, and the
 * conduct model's kept probabilities (the same post scored twice, around
 * others, writes the same JSON).
 */
#include "harness.h"
#include "internal.h"

#include <stdlib.h>

static bool is_alpha(unsigned char c)
{
    return (unsigned)((c | 0x20) - 'a') < 26u;
}

static bool is_alnum(unsigned char c)
{
    return is_alpha(c) || (unsigned)(c - '0') < 10u;
}

/* The kind and case/mark shape bits of an ASCII word token, from its bytes
 * as push_token works them out. */
static void reference_shape(const char *s, size_t n, unsigned *kind, unsigned *shape)
{
    unsigned upper = 0, lower = 0, digits = 0;
    bool first_upper = false, seen_letter = false;
    unsigned sh = 0;
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)s[k];
        if (is_alpha(c)) {
            bool up = c >= 'A' && c <= 'Z';
            if (!seen_letter)
                first_upper = up;
            seen_letter = true;
            if (up)
                upper++;
            else
                lower++;
        } else if (c >= '0' && c <= '9') {
            digits++;
        } else if (c == '-' && k > 0 && k + 1 < n) {
            sh |= TACT__SH_HYPHEN;
        } else if (c == '\'' && k > 0 && k + 1 < n) {
            sh |= TACT__SH_APOS;
        }
    }
    unsigned letters = upper + lower;
    if (digits)
        sh |= TACT__SH_DIGIT;
    if (letters == 1 && digits == 0)
        sh |= TACT__SH_ONELETTER;
    if (letters >= 2 && upper == letters)
        sh |= TACT__SH_ALLCAP;
    else if (first_upper)
        sh |= TACT__SH_INITCAP;
    else if (letters && lower == letters)
        sh |= TACT__SH_LOWER;
    if (letters == 1 && upper == 1)
        sh |= TACT__SH_INITCAP;
    *shape = sh;
    *kind = !digits ? TACT__TOK_WORD : letters ? TACT__TOK_ALNUM : TACT__TOK_NUMBER;
}

#define SHAPE_BITS                                                                                \
    (TACT__SH_DIGIT | TACT__SH_ONELETTER | TACT__SH_ALLCAP | TACT__SH_INITCAP | TACT__SH_LOWER |  \
     TACT__SH_HYPHEN | TACT__SH_APOS | TACT__SH_NONASCII)

/* Every word token of text (ASCII) as the general path makes it: hash,
 * normal form, kind, shape, and where it ends (an apostrophe or a hyphen
 * between two letters joins, unless it is a possessive 's). */
static void check_words(tact_scanner *sc, const char *text)
{
    sc->text = text;
    sc->len = strlen(text);
    CHECK_INT(tact__tokenize(sc), TACT_OK);
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < sc->ntoks; i++) {
        const tact__token *t = &sc->toks[i];
        const char *norm = sc->norm.p + t->norm_off;
        CHECK(t->hash == tact__hash(norm, t->norm_len));
        if (t->kind != TACT__TOK_WORD && t->kind != TACT__TOK_ALNUM &&
            t->kind != TACT__TOK_NUMBER)
            continue;
        size_t n = t->end - t->start;
        CHECK(t->norm_len == n);
        for (size_t k = 0; k < n && k < t->norm_len; k++) {
            unsigned char c = s[t->start + k];
            CHECK((unsigned char)norm[k] == (c >= 'A' && c <= 'Z' ? c + 32 : c));
        }
        unsigned kind, shape;
        reference_shape(text + t->start, n, &kind, &shape);
        CHECK_INT((int)t->kind, (int)kind);
        CHECK_INT((int)(t->shape & SHAPE_BITS), (int)shape);
        /* each mark inside joins two letters and is no possessive's */
        for (size_t k = t->start + 1; k + 1 < t->end; k++) {
            if (s[k] != '\'' && s[k] != '-')
                continue;
            CHECK(is_alpha(s[k - 1]) && is_alpha(s[k + 1]));
            if (s[k] == '\'' && (s[k + 1] | 0x20) == 's')
                CHECK(k + 2 < sc->len && is_alnum(s[k + 2]));
        }
        /* and a mark right after it does not join */
        size_t e = t->end;
        if (e + 1 < sc->len && (s[e] == '\'' || s[e] == '-') && is_alpha(s[e - 1]) &&
            is_alpha(s[e + 1]))
            CHECK(s[e] == '\'' && (s[e + 1] | 0x20) == 's' &&
                  (e + 2 >= sc->len || !is_alnum(s[e + 2])));
    }
}

static void test_word_marks(void)
{
    tact_ruleset *rs;
    tact_scanner *sc;
    CHECK_INT(tact_ruleset_compile(NULL, &rs, NULL), TACT_OK);
    CHECK_INT(tact_scanner_new(rs, NULL, &sc, NULL), TACT_OK);
    static const char *const fixed[] = {
        "don't", "it's", "Obama's", "90's", "a'b", "a-b", "a'", "'a", "a-", "-a", "a's", "a'sb",
        "a's1", "O'Brien's", "x'S", "x'S!", "ab-cd-ef", "ab--cd", "ab'-cd", "a'b'c",
        "rock-'n'-roll", "A-1", "1-A", "a1-b", "a-1b", "ab'S'", "AB'CD", "Ab'cD", "aB-Cd's",
        "well-", "-well", "WELL-BEING", "Mother-in-law's", "e-mail@x.com", "a-b@c.de"};
    char buf[128];
    for (size_t k = 0; k < sizeof fixed / sizeof fixed[0]; k++) {
        check_words(sc, fixed[k]);
        snprintf(buf, sizeof buf, "x %s y", fixed[k]);
        check_words(sc, buf);
        snprintf(buf, sizeof buf, "%s. %s!", fixed[k], fixed[k]);
        check_words(sc, buf);
    }
    /* where the tokens end */
    check_words(sc, "don't well-being it's Jo's");
    CHECK_INT((int)sc->ntoks, 6);
    CHECK(sc->toks[0].end == 5 && (sc->toks[0].shape & TACT__SH_APOS));
    CHECK(sc->toks[1].end == 16 && (sc->toks[1].shape & TACT__SH_HYPHEN));
    CHECK(sc->toks[2].end == 19 && sc->toks[3].kind == TACT__TOK_POSS);
    CHECK(sc->toks[5].kind == TACT__TOK_POSS);
    /* random ASCII runs of letters, digits, marks and spaces */
    static const char alphabet[] = "abSsZ19'-'- .";
    srand(23);
    for (int r = 0; r < 20000; r++) {
        size_t n = 1 + (size_t)(rand() % 14);
        for (size_t k = 0; k < n; k++)
            buf[k] = alphabet[rand() % (int)(sizeof alphabet - 1)];
        buf[n] = '\0';
        check_words(sc, buf);
    }
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
}

/* The rule of the first URL finding of text's scan, or "" when none. */
static const char *url_rule(tact_scanner *sc, const char *text)
{
    const tact_result *res;
    CHECK_INT(tact_scanner_scan(sc, text, strlen(text), 0, &res, NULL), TACT_OK);
    for (size_t i = 0; i < res->count; i++)
        if (res->findings[i].type == TACT_TYPE_URL)
            return res->findings[i].rule;
    return "";
}

static void test_link_words(void)
{
    tact_ruleset *rs;
    tact_scanner *sc;
    CHECK_INT(tact_ruleset_compile(NULL, &rs, NULL), TACT_OK);
    CHECK_INT(tact_scanner_new(rs, NULL, &sc, NULL), TACT_OK);
    CHECK_STR(url_rule(sc, "see https://t.co/abcDEF1"), "url");
    CHECK_STR(url_rule(sc, "my page https://www.facebook.com/jo.smith"), "url.profile");
    CHECK_STR(url_rule(sc, "https://www.FaceBook.com/jo"), "url.profile");
    CHECK_STR(url_rule(sc, "https://www.justgiving.com/page/jo"), "url.personal");
    CHECK_STR(url_rule(sc, "read https://www.example.org/report.pdf today"), "");
    CHECK_STR(url_rule(sc, "https://example.org/help-the-adeyemi-family"), "url.personal");
    CHECK_STR(url_rule(sc, "https://example.org/in-memory-of-jo"), "url.personal");
    CHECK_STR(url_rule(sc, "https://EXAMPLE.org/FUNERAL-costs"), "url.personal");
    CHECK_STR(url_rule(sc, "https://example.org/a"), "url");
    CHECK_STR(url_rule(sc, "https://news.example.com/2024/05/story"), "");
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
}

/* The JSON of text's scan, copied. */
static char *scan_json(tact_scanner *sc, const char *text)
{
    const tact_result *res;
    const char *json;
    size_t jl;
    CHECK_INT(tact_scanner_scan(sc, text, strlen(text), 0, &res, NULL), TACT_OK);
    CHECK_INT(tact_result_json(sc, "x", 1, &json, &jl, NULL), TACT_OK);
    char *copy = malloc(jl + 1);
    memcpy(copy, json, jl + 1);
    return copy;
}

static void test_model_memo(void)
{
    tact_ruleset *rs;
    tact_scanner *sc;
    CHECK_INT(tact_ruleset_compile(NULL, &rs, NULL), TACT_OK);
    CHECK_INT(tact_scanner_new(rs, NULL, &sc, NULL), TACT_OK);
    static const char *const posts[] = {
        "Visited Jayden today at his new foster home, he seems settled",
        "Great training day with the team!",
        "My mum is in hospital again, thinking of her",
        "Can't believe what the family said to me at the review meeting",
    };
    char *first[4];
    for (size_t k = 0; k < 4; k++)
        first[k] = scan_json(sc, posts[k]);
    for (size_t k = 4; k-- > 0;) {
        char *again = scan_json(sc, posts[k]);
        CHECK_STR(again, first[k]);
        free(again);
    }
    for (size_t k = 0; k < 4; k++)
        free(first[k]);
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
}

int main(void)
{
    static const th_test tests[] = {{"word_marks", test_word_marks},
                                    {"link_words", test_link_words},
                                    {"model_memo", test_model_memo},
                                    {NULL, NULL}};
    return th_run(tests);
}
