/* test_api.c - the public API: lifetimes, errors, UTF-8, tokens, JSON. */
#include "harness.h"
#include "internal.h"

#include <stdlib.h>

static tact_ruleset *rs_;

static void test_strerror(void)
{
    CHECK_STR(tact_strerror(TACT_OK), "success");
    CHECK_STR(tact_strerror(TACT_ENOMEM), "out of memory");
    CHECK_STR(tact_strerror(TACT_EUTF8), "text is not valid UTF-8");
    CHECK_STR(tact_strerror(12345), "unknown error");
    CHECK_INT(TACT_ENOMEM, -1);
    CHECK_INT(TACT_EUTF8, -3);
    CHECK_INT(TACT_EVERSION, -9);
}

static void test_names(void)
{
    CHECK_STR(tact_type_name(TACT_TYPE_DATE_OF_BIRTH), "date_of_birth");
    CHECK_STR(tact_type_name(TACT_TYPE_BOUNDARY), "boundary");
    CHECK_STR(tact_verdict_name(TACT_VERDICT_REVIEW), "review");
    CHECK_STR(tact_category_name(TACT_CAT_REGISTER), "register");
    tact_type t;
    CHECK_INT(tact_type_from_name("nhs_number", 10, &t), TACT_OK);
    CHECK_INT(t, TACT_TYPE_NHS_NUMBER);
    CHECK_INT(tact_type_from_name("nope", 4, &t), TACT_EINVAL);
    CHECK_INT(tact_type_category(TACT_TYPE_VENTING), TACT_CAT_CONDUCT);
    CHECK_STR(tact_guidance_id(TACT_GUIDE_HCPC_13), "HCPC-13");
    CHECK(tact_guidance_id(3u) == NULL);
}

static void test_null_args(void)
{
    tact_error err;
    CHECK_INT(tact_ruleset_compile(NULL, NULL, &err), TACT_EINVAL);
    tact_scanner *sc = (tact_scanner *)1;
    CHECK_INT(tact_scanner_new(NULL, NULL, &sc, &err), TACT_EINVAL);
    CHECK(sc == NULL);
    tact_ruleset_free(NULL);
    tact_scanner_free(NULL);
    tact_ruleset_options o = TACT_RULESET_OPTIONS_INIT;
    o.version = 99;
    tact_ruleset *rs = NULL;
    CHECK_INT(tact_ruleset_compile(&o, &rs, &err), TACT_EVERSION);
    CHECK(rs == NULL);
}

static void test_utf8(void)
{
    tact_scanner *sc;
    CHECK_INT(tact_scanner_new(rs_, NULL, &sc, NULL), TACT_OK);
    const tact_result *res = (const tact_result *)1;
    tact_error err;
    const char bad[] = "ok \xC3\x28 no";
    CHECK_INT(tact_scanner_scan(sc, bad, sizeof bad - 1, 0, &res, &err), TACT_EUTF8);
    CHECK(res == NULL);
    CHECK_INT(err.offset, 3);
    CHECK_INT(tact_scanner_scan(sc, bad, sizeof bad - 1, TACT_SCAN_REPLACE_INVALID, &res, &err),
              TACT_OK);
    /* overlong, surrogate, beyond U+10FFFF, truncated */
    const char *cases[] = {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82"};
    for (size_t i = 0; i < 4; i++)
        CHECK_INT(tact_scanner_scan(sc, cases[i], strlen(cases[i]), 0, &res, NULL), TACT_EUTF8);
    CHECK_INT(tact_scanner_scan(sc, "", 0, 0, &res, NULL), TACT_OK);
    CHECK_INT(res->count, 0);
    CHECK_INT(res->verdict, TACT_VERDICT_OK);
    CHECK_INT(tact_scanner_scan(sc, NULL, 0, 0, &res, NULL), TACT_OK);
    CHECK_INT(tact_scanner_scan(sc, NULL, 3, 0, &res, NULL), TACT_EINVAL);
    tact_scanner_free(sc);
}

static void test_tokens(void)
{
    tact_scanner *sc;
    CHECK_INT(tact_scanner_new(rs_, NULL, &sc, NULL), TACT_OK);
    const char *t = "Ruby-Mae's mum didn\xE2\x80\x99t ring 07700 900123 @jay_x #SWSCmedia "
                    "https://x.com/a, j@x.org \xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7 \xC3\x89LODIE!";
    const tact_result *res;
    CHECK_INT(tact_scanner_scan(sc, t, strlen(t), 0, &res, NULL), TACT_OK);
    struct {
        const char *text;
        int kind;
        const char *norm;
    } want[] = {
        {"Ruby-Mae", TACT__TOK_WORD, "ruby-mae"},
        {"'s", TACT__TOK_POSS, "'s"},
        {"mum", TACT__TOK_WORD, "mum"},
        {"didn\xE2\x80\x99t", TACT__TOK_WORD, "didn't"},
        {"ring", TACT__TOK_WORD, "ring"},
        {"07700", TACT__TOK_NUMBER, "07700"},
        {"900123", TACT__TOK_NUMBER, "900123"},
        {"@jay_x", TACT__TOK_HANDLE, "@jay_x"},
        {"#SWSCmedia", TACT__TOK_HASHTAG, "#swscmedia"},
        {"https://x.com/a", TACT__TOK_URL, "https://x.com/a"},
        {",", TACT__TOK_PUNCT, ","},
        {"j@x.org", TACT__TOK_EMAIL, "j@x.org"},
        {"\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7", TACT__TOK_EMOJI, NULL},
        {"\xC3\x89LODIE", TACT__TOK_WORD, "elodie"},
        {"!", TACT__TOK_PUNCT, "!"},
    };
    size_t n = sizeof want / sizeof want[0];
    CHECK_INT(sc->ntoks, n);
    for (size_t i = 0; i < n && i < sc->ntoks; i++) {
        const tact__token *k = &sc->toks[i];
        size_t wl = strlen(want[i].text);
        CHECK(k->end - k->start == wl && memcmp(t + k->start, want[i].text, wl) == 0);
        CHECK_INT(k->kind, want[i].kind);
        if (want[i].norm) {
            size_t nl;
            const char *nm = tact__tok_norm(sc, i, &nl);
            CHECK(nl == strlen(want[i].norm) && memcmp(nm, want[i].norm, nl) == 0);
        }
    }
    CHECK(sc->toks[0].shape & TACT__SH_INITCAP);
    CHECK(sc->toks[0].shape & TACT__SH_HYPHEN);
    CHECK(sc->toks[13].shape & TACT__SH_ALLCAP);
    CHECK(sc->toks[2].shape & TACT__SH_LOWER);
    tact_scanner_free(sc);
}

static void test_json(void)
{
    tact_scanner *sc;
    CHECK_INT(tact_scanner_new(rs_, NULL, &sc, NULL), TACT_OK);
    const char *json;
    size_t jl;
    CHECK_INT(tact_result_json(sc, NULL, 0, &json, &jl, NULL), TACT_EINVAL);
    const char t[] = "x \"q\" \x01 a@b.org";
    const tact_result *res;
    CHECK_INT(tact_scanner_scan(sc, t, sizeof t - 1, 0, &res, NULL), TACT_OK);
    CHECK_INT(tact_result_json(sc, "i\"d", 3, &json, &jl, NULL), TACT_OK);
    CHECK(strstr(json, "\"id\":\"i\\\"d\"") != NULL);
    CHECK(strstr(json, "\"text\":\"a@b.org\"") != NULL);
    CHECK(strlen(json) == jl);
    tact_scanner_free(sc);
}

/* Fail the n-th allocation for every n: no crash, ENOMEM or success. */
static long fail_at, alloc_count;
static void *f_malloc(void *ctx, size_t n)
{
    (void)ctx;
    if (++alloc_count == fail_at)
        return NULL;
    return malloc(n);
}
static void *f_realloc(void *ctx, void *p, size_t n)
{
    (void)ctx;
    if (++alloc_count == fail_at)
        return NULL;
    return realloc(p, n);
}
static void f_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

static void test_alloc_failure(void)
{
    tact_allocator al = {f_malloc, f_realloc, f_free, NULL};
    const char *t = "Home visit at 27 Withywood Road, BS7 9EL. Ring mum Kelly on 07700 900461 "
                    "or kelly@example.com. DOB 03/07/2012. Absolute joke.";
    /* scan: scanner allocations fail in turn */
    for (fail_at = 1;; fail_at++) {
        alloc_count = 0;
        long limit = fail_at;
        fail_at = 0;
        tact_scanner *sc = NULL;
        int rc = tact_scanner_new(rs_, &al, &sc, NULL);
        CHECK_INT(rc, TACT_OK);
        alloc_count = 0;
        fail_at = limit;
        const tact_result *res;
        rc = tact_scanner_scan(sc, t, strlen(t), 0, &res, NULL);
        CHECK(rc == TACT_OK || rc == TACT_ENOMEM);
        if (rc == TACT_OK) {
            const char *json;
            size_t jl;
            rc = tact_result_json(sc, "x", 1, &json, &jl, NULL);
            CHECK(rc == TACT_OK || rc == TACT_ENOMEM);
        }
        /* the scanner is still usable afterwards */
        fail_at = 0;
        CHECK_INT(tact_scanner_scan(sc, t, strlen(t), 0, &res, NULL), TACT_OK);
        tact_scanner_free(sc);
        if (rc == TACT_OK && limit > alloc_count + 50)
            break;
        if (limit > 100000)
            break;
        fail_at = limit;
    }
    /* compile: ruleset allocations fail in turn */
    tact_ruleset_options o = TACT_RULESET_OPTIONS_INIT;
    o.allocator = &al;
    for (long limit = 1;; limit++) {
        alloc_count = 0;
        fail_at = limit;
        tact_ruleset *rs = NULL;
        int rc = tact_ruleset_compile(&o, &rs, NULL);
        CHECK(rc == TACT_OK || rc == TACT_ENOMEM);
        tact_ruleset_free(rs);
        if (rc == TACT_OK || limit > 1000000)
            break;
        /* compiling allocates a lot; step faster past the first thousand */
        if (limit > 1000)
            limit += limit / 50;
    }
    fail_at = 0;
}

int main(void)
{
    if (tact_ruleset_compile(NULL, &rs_, NULL) != TACT_OK) {
        fprintf(stderr, "cannot compile the ruleset\n");
        return 1;
    }
    static const th_test tests[] = {
        {"strerror", test_strerror},   {"names", test_names},  {"null_args", test_null_args},
        {"utf8", test_utf8},           {"tokens", test_tokens}, {"json", test_json},
        {"alloc_failure", test_alloc_failure}, {NULL, NULL}};
    int rc = th_run(tests);
    tact_ruleset_free(rs_);
    return rc;
}
