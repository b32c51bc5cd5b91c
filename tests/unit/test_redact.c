/* test_redact.c - tact_redact: buffer sizes, replacements, modes, keys, OOM. */
#include "harness.h"
#include "internal.h"

#include <stdlib.h>

static tact_ruleset *rs_;

static char *redact_alloc(tact_scanner *sc, const char *t, tact_redact_mode mode, const char *key)
{
    tact_redact_options o = TACT_REDACT_OPTIONS_INIT;
    o.mode = mode;
    if (key) {
        o.key = key;
        o.key_len = strlen(key);
    }
    size_t need = 0;
    int rc = tact_redact(sc, t, strlen(t), &o, NULL, 0, &need, NULL);
    if (rc != TACT_ERANGE && rc != TACT_OK)
        return NULL;
    char *out = malloc(need + 1);
    if (out && tact_redact(sc, t, strlen(t), &o, out, need + 1, &need, NULL) != TACT_OK) {
        free(out);
        return NULL;
    }
    return out;
}

static void test_buffer_sizes(void)
{
    tact_scanner *sc;
    CHECK_INT(tact_scanner_new(rs_, NULL, &sc, NULL), TACT_OK);
    const char *t = "write to someone@example.com today \xF0\x9F\x98\x80";
    size_t len = strlen(t), need = 12345;
    tact_redact_options o = TACT_REDACT_OPTIONS_INIT;
    tact_error err;
    CHECK_INT(tact_redact(sc, t, len, &o, NULL, 0, &need, &err), TACT_ERANGE);
    CHECK(need != 12345 && need > 0);
    char *buf = malloc(need + 1);
    /* one byte short fails and says what it needs */
    size_t need2 = 0;
    memset(buf, 'x', need + 1);
    CHECK_INT(tact_redact(sc, t, len, &o, buf, need - 1, &need2, NULL), TACT_ERANGE);
    CHECK_INT(need2, need);
    /* exactly the text fits (no room for the NUL) */
    CHECK_INT(tact_redact(sc, t, len, &o, buf, need, &need2, NULL), TACT_OK);
    /* need + 1: NUL-terminated */
    CHECK_INT(tact_redact(sc, t, len, &o, buf, need + 1, &need2, NULL), TACT_OK);
    CHECK_INT(strlen(buf), need);
    CHECK_STR(buf, "write to [EMAIL 1] today \xF0\x9F\x98\x80");
    size_t n = 0;
    const tact_replacement *r = tact_redact_replacements(sc, &n);
    CHECK_INT(n, 1);
    if (n == 1) {
        CHECK_INT(r[0].start, 9);
        CHECK_INT(r[0].end, 28);
        CHECK_INT(r[0].type, TACT_TYPE_EMAIL);
        CHECK_STR(r[0].replacement, "[EMAIL 1]");
    }
    CHECK(tact_scanner_result(sc) != NULL);
    free(buf);
    /* empty text */
    CHECK_INT(tact_redact(sc, "", 0, &o, NULL, 0, &need, NULL), TACT_OK);
    CHECK_INT(need, 0);
    /* bad arguments */
    o.version = 99;
    CHECK_INT(tact_redact(sc, t, len, &o, NULL, 0, &need, NULL), TACT_EVERSION);
    o.version = TACT_REDACT_OPTIONS_VERSION;
    o.mode = (tact_redact_mode)9;
    CHECK_INT(tact_redact(sc, t, len, &o, NULL, 0, &need, NULL), TACT_EINVAL);
    CHECK_INT(tact_redact(NULL, t, len, NULL, NULL, 0, &need, NULL), TACT_EINVAL);
    tact_scanner_free(sc);
}

static void test_mask_numbering(void)
{
    tact_scanner *sc;
    CHECK_INT(tact_scanner_new(rs_, NULL, &sc, NULL), TACT_OK);
    char *out = redact_alloc(sc, "a@example.com, b@example.com, A@Example.com", TACT_REDACT_MASK,
                             NULL);
    CHECK_STR(out, "[EMAIL 1], [EMAIL 2], [EMAIL 1]");
    free(out);
    tact_scanner_free(sc);
}

static void test_remove_tidies(void)
{
    tact_scanner *sc;
    CHECK_INT(tact_scanner_new(rs_, NULL, &sc, NULL), TACT_OK);
    char *out = redact_alloc(sc, "Contact me (me@example.com) today", TACT_REDACT_REMOVE, NULL);
    CHECK_STR(out, "Contact me today");
    free(out);
    out = redact_alloc(sc, "me@example.com, then lunch.", TACT_REDACT_REMOVE, NULL);
    CHECK_STR(out, "then lunch.");
    free(out);
    out = redact_alloc(sc, "best to write to me@example.com?", TACT_REDACT_REMOVE, NULL);
    CHECK_STR(out, "best to write?");
    free(out);
    tact_scanner_free(sc);
}

static void test_pseudonym_keys(void)
{
    tact_scanner *sc;
    CHECK_INT(tact_scanner_new(rs_, NULL, &sc, NULL), TACT_OK);
    char *a = redact_alloc(sc, "mail x@example.com now", TACT_REDACT_PSEUDONYMISE, "secret");
    char *b = redact_alloc(sc, "a different post: x@example.com", TACT_REDACT_PSEUDONYMISE,
                           "secret");
    char *c = redact_alloc(sc, "mail x@example.com now", TACT_REDACT_PSEUDONYMISE, "other");
    char *d = redact_alloc(sc, "mail x@example.com now", TACT_REDACT_PSEUDONYMISE, NULL);
    char *e = redact_alloc(sc, "mail x@example.com now", TACT_REDACT_PSEUDONYMISE, NULL);
    CHECK(a && b && c && d && e);
    if (a && b && c && d && e) {
        /* same key: the same surrogate in another post */
        CHECK(strstr(a, "@example.org") != NULL);
        CHECK(strstr(b, a + 5) != NULL || strncmp(a + 5, b + 18, strlen(a + 5) - 4) == 0);
        /* without a key: deterministic for the same document */
        CHECK_STR(d, e);
        CHECK(strstr(a, "x@example.com") == NULL);
        (void)c;
    }
    free(a);
    free(b);
    free(c);
    free(d);
    free(e);
    tact_scanner_free(sc);
}

static void test_invalid_utf8(void)
{
    tact_scanner *sc;
    CHECK_INT(tact_scanner_new(rs_, NULL, &sc, NULL), TACT_OK);
    const char t[] = "bad \xC3\x28 me@example.com";
    tact_redact_options o = TACT_REDACT_OPTIONS_INIT;
    size_t need = 0;
    CHECK_INT(tact_redact(sc, t, sizeof t - 1, &o, NULL, 0, &need, NULL), TACT_EUTF8);
    o.flags = TACT_SCAN_REPLACE_INVALID;
    char buf[128];
    CHECK_INT(tact_redact(sc, t, sizeof t - 1, &o, buf, sizeof buf, &need, NULL), TACT_OK);
    CHECK_INT(tact__utf8_validate(buf, need), need);
    CHECK(strstr(buf, "\xEF\xBF\xBD") != NULL);
    tact_scanner_free(sc);
}

/* Fail the n-th allocation: every failure must come back as TACT_ENOMEM. */
static long fail_at, allocs;

static void *f_malloc(void *ctx, size_t n)
{
    (void)ctx;
    return ++allocs == fail_at ? NULL : malloc(n);
}

static void *f_realloc(void *ctx, void *p, size_t n)
{
    (void)ctx;
    return ++allocs == fail_at ? NULL : realloc(p, n);
}

static void f_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

static void test_oom(void)
{
    const char *t = "Kelly Smith, 14 Elm Road BS7 8XX, 07700 900123, me@example.com, Kelly's mum";
    tact_allocator al = {f_malloc, f_realloc, f_free, NULL};
    for (int mode = 0; mode < 4; mode++) {
        bool ok = false;
        for (fail_at = 1; fail_at < 5000 && !ok; fail_at++) {
            tact_scanner *sc = NULL;
            allocs = 0;
            if (tact_scanner_new(rs_, &al, &sc, NULL) != TACT_OK)
                continue;
            tact_redact_options o = TACT_REDACT_OPTIONS_INIT;
            o.mode = (tact_redact_mode)mode;
            char buf[512];
            size_t need;
            int rc = tact_redact(sc, t, strlen(t), &o, buf, sizeof buf, &need, NULL);
            CHECK(rc == TACT_OK || rc == TACT_ENOMEM);
            ok = rc == TACT_OK;
            tact_scanner_free(sc);
        }
        CHECK(ok);
    }
}

int main(void)
{
    if (tact_ruleset_compile(NULL, &rs_, NULL) != TACT_OK) {
        fprintf(stderr, "cannot compile the ruleset\n");
        return 1;
    }
    static const th_test tests[] = {{"buffer_sizes", test_buffer_sizes},
                                    {"mask_numbering", test_mask_numbering},
                                    {"remove_tidies", test_remove_tidies},
                                    {"pseudonym_keys", test_pseudonym_keys},
                                    {"invalid_utf8", test_invalid_utf8},
                                    {"oom", test_oom},
                                    {NULL, NULL}};
    int rc = th_run(tests);
    tact_ruleset_free(rs_);
    return rc;
}
