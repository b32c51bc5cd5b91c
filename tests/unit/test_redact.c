/* test_redact.c - tact_redact: buffer sizes, replacements, modes, keys, OOM;
 * tact_redact_json: the contract, escaping, OOM. */
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

/* ---- tact_redact_json ---------------------------------------------------- */

/* A strict JSON checker: the value at *p, with *p moved past it. Strings are
 * checked for escapes, control characters and UTF-8. */
static bool j_value(const char **p, int depth);

static void j_ws(const char **p)
{
    while (**p == ' ' || **p == '\n' || **p == '\t' || **p == '\r')
        ++*p;
}

static bool j_string(const char **p)
{
    const unsigned char *s = (const unsigned char *)*p;
    if (*s++ != '"')
        return false;
    for (;;) {
        unsigned char c = *s;
        if (c == '"')
            break;
        if (c < 0x20)
            return false;
        if (c == '\\') {
            s++;
            if (*s == 'u') {
                for (int i = 1; i <= 4; i++)
                    if (!strchr("0123456789abcdefABCDEF", s[i]) || !s[i])
                        return false;
                s += 5;
            } else if (*s && strchr("\"\\/bfnrt", *s)) {
                s++;
            } else {
                return false;
            }
            continue;
        }
        size_t n = strlen((const char *)s), l = n < 4 ? n : 4;
        int32_t cp;
        size_t k = tact__utf8_decode(s, l, 0, &cp);
        if (cp < 0)
            return false;
        s += k;
    }
    *p = (const char *)s + 1;
    return true;
}

static bool j_value(const char **p, int depth)
{
    j_ws(p);
    if (depth > 16)
        return false;
    char c = **p;
    if (c == '"')
        return j_string(p);
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        ++*p;
        j_ws(p);
        if (**p == close) {
            ++*p;
            return true;
        }
        for (;;) {
            if (c == '{') {
                j_ws(p);
                if (!j_string(p))
                    return false;
                j_ws(p);
                if (*(*p)++ != ':')
                    return false;
            }
            if (!j_value(p, depth + 1))
                return false;
            j_ws(p);
            if (**p == ',') {
                ++*p;
                continue;
            }
            if (**p != close)
                return false;
            ++*p;
            return true;
        }
    }
    if (strncmp(*p, "true", 4) == 0 || strncmp(*p, "null", 4) == 0) {
        *p += 4;
        return true;
    }
    if (strncmp(*p, "false", 5) == 0) {
        *p += 5;
        return true;
    }
    const char *s = *p;
    if (*s == '-')
        s++;
    if (*s < '0' || *s > '9')
        return false;
    while ((*s >= '0' && *s <= '9') || *s == '.')
        s++;
    *p = s;
    return true;
}

static bool json_ok(const char *j, size_t jl)
{
    const char *p = j;
    if (!j || strlen(j) != jl || !j_value(&p, 0))
        return false;
    j_ws(&p);
    return *p == '\0';
}

static int redact_size(tact_scanner *sc, const char *t, tact_redact_mode mode)
{
    tact_redact_options o = TACT_REDACT_OPTIONS_INIT;
    o.mode = mode;
    size_t need;
    int rc = tact_redact(sc, t, strlen(t), &o, NULL, 0, &need, NULL);
    return rc == TACT_ERANGE ? TACT_OK : rc;
}

static void test_json_contract(void)
{
    tact_scanner *sc;
    CHECK_INT(tact_scanner_new(rs_, NULL, &sc, NULL), TACT_OK);
    const char *j = NULL;
    size_t jl = 0;
    tact_error err;
    /* nothing to write before a redact, after a plain scan, or bad arguments */
    CHECK_INT(tact_redact_json(sc, 0, &j, &jl, &err), TACT_EINVAL);
    CHECK_INT(err.code, TACT_EINVAL);
    CHECK_INT(tact_redact_json(NULL, 0, &j, &jl, NULL), TACT_EINVAL);
    const char *t = "she is a useless cow, ring me@example.com \xF0\x9F\x8E\x89 or me@example.com";
    CHECK_INT(redact_size(sc, t, TACT_REDACT_MASK), TACT_OK);
    CHECK_INT(tact_redact_json(sc, 1u << 5, &j, &jl, NULL), TACT_EINVAL);
    CHECK_INT(tact_redact_json(sc, 0, NULL, &jl, NULL), TACT_EINVAL);
    CHECK_INT(tact_redact_json(sc, 0, &j, &jl, NULL), TACT_OK);
    CHECK(json_ok(j, jl));
    CHECK(strncmp(j, "{\"mode\":\"mask\",\"text\":\"she is a useless cow, ring [EMAIL 1] "
                     "\xF0\x9F\x8E\x89 or [EMAIL 1]\",\"replacements\":[{\"start\":27,\"end\":41,"
                     "\"type\":\"email\",\"original\":\"me@example.com\",\"replacement\":\"[EMAIL 1]\"}",
                  (size_t)180) == 0);
    /* remaining: the conduct findings, offsets into the safe text */
    const char *rem = strstr(j, "\"remaining\":[{\"start\":");
    CHECK(rem != NULL);
    CHECK(rem && strstr(rem, "\"category\":\"conduct\"") != NULL);
    CHECK(rem && strstr(rem, "\"category\":\"identifier\"") == NULL);
    CHECK(j[jl - 1] == '}');
    /* json_len may be NULL; the same answer twice */
    char *copy = malloc(jl + 1);
    if (copy)
        memcpy(copy, j, jl + 1);
    CHECK_INT(tact_redact_json(sc, 0, &j, NULL, NULL), TACT_OK);
    CHECK(copy && strcmp(copy, j) == 0);
    free(copy);
    /* NO_ORIGINALS */
    CHECK_INT(tact_redact_json(sc, TACT_REDACT_JSON_NO_ORIGINALS, &j, &jl, NULL), TACT_OK);
    CHECK(json_ok(j, jl));
    CHECK(strstr(j, "\"original\"") == NULL);
    CHECK(strstr(j, "me@example.com") == NULL);
    CHECK(strstr(j, "\"replacement\":\"[EMAIL 1]\"") != NULL);
    /* an offset after a replacement moves by the difference in length */
    CHECK_INT(redact_size(sc, "me@example.com: she is a useless cow", TACT_REDACT_MASK), TACT_OK);
    CHECK_INT(tact_redact_json(sc, 0, &j, &jl, NULL), TACT_OK);
    CHECK(strstr(j, "\"text\":\"she is a useless cow\"") != NULL);
    const char *st = strstr(j, "\"remaining\":[{\"start\":");
    CHECK(st && strncmp(st + 22, "11,", 3) == 0); /* "[EMAIL 1]: " is 11 bytes */
    /* a plain scan since: nothing to write */
    const tact_result *res;
    CHECK_INT(tact_scanner_scan(sc, "hello", 5, 0, &res, NULL), TACT_OK);
    CHECK_INT(tact_redact_json(sc, 0, &j, &jl, NULL), TACT_EINVAL);
    /* a failed redact: nothing either */
    tact_redact_options o = TACT_REDACT_OPTIONS_INIT;
    size_t need;
    CHECK_INT(redact_size(sc, "me@example.com", TACT_REDACT_MASK), TACT_OK);
    CHECK_INT(tact_redact(sc, "bad \xC3\x28", 6, &o, NULL, 0, &need, NULL), TACT_EUTF8);
    CHECK_INT(tact_redact_json(sc, 0, &j, &jl, NULL), TACT_EINVAL);
    /* empty text and every mode name */
    static const char *const modes[] = {"{\"mode\":\"mask\"", "{\"mode\":\"redact\"",
                                        "{\"mode\":\"pseudonymise\"", "{\"mode\":\"generalise\""};
    for (int m = 0; m < 4; m++) {
        CHECK_INT(redact_size(sc, "", (tact_redact_mode)m), TACT_OK);
        CHECK_INT(tact_redact_json(sc, 0, &j, &jl, NULL), TACT_OK);
        CHECK(strncmp(j, modes[m], strlen(modes[m])) == 0);
        CHECK(strstr(j, ",\"text\":\"\",\"replacements\":[],\"remaining\":[]}") != NULL);
    }
    tact_scanner_free(sc);
}

static void test_json_escaping(void)
{
    static const char pol[] = "[employer]\nAcme \"Best\" Care\nCaf\xC3\xA9 Club\n";
    tact_ruleset_options ro = TACT_RULESET_OPTIONS_INIT;
    ro.policy = pol;
    ro.policy_len = sizeof pol - 1;
    tact_ruleset *rs = NULL;
    tact_scanner *sc = NULL;
    CHECK_INT(tact_ruleset_compile(&ro, &rs, NULL), TACT_OK);
    CHECK_INT(tact_scanner_new(rs, NULL, &sc, NULL), TACT_OK);
    if (!sc) {
        tact_ruleset_free(rs);
        return;
    }
    const char *j = NULL;
    size_t jl = 0;
    /* quotes, a tab and a control character inside the originals */
    const char *t = "At Acme\x01\"Best\"\tCare \xF0\x9F\x8E\x89 and \xF0\x9F\x8E\x89"
                    "Caf\xC3\xA9 Club\xF0\x9F\x8E\x89 \xE2\x80\xA8 ok";
    CHECK_INT(redact_size(sc, t, TACT_REDACT_REMOVE), TACT_OK);
    CHECK_INT(tact_redact_json(sc, 0, &j, &jl, NULL), TACT_OK);
    CHECK(json_ok(j, jl));
    CHECK(strstr(j, "\"original\":\"At Acme\\u0001\\\"Best\\\"\\tCare \"") != NULL);
    CHECK(strstr(j, "\"original\":\"Caf\xC3\xA9 Club\"") != NULL);
    /* emoji next to a span stay whole; U+2028 is escaped for JavaScript */
    CHECK(strstr(j, "\"text\":\"\xF0\x9F\x8E\x89 and \xF0\x9F\x8E\x89\xF0\x9F\x8E\x89 \\u2028 ok\"") != NULL);
    /* invalid bytes read as U+FFFD are written as U+FFFD */
    tact_redact_options o = TACT_REDACT_OPTIONS_INIT;
    o.flags = TACT_SCAN_REPLACE_INVALID;
    size_t need;
    const char bad[] = "Acme \"Best\" Care \xC3\x28 me@example.com";
    int rc = tact_redact(sc, bad, sizeof bad - 1, &o, NULL, 0, &need, NULL);
    CHECK(rc == TACT_ERANGE || rc == TACT_OK);
    CHECK_INT(tact_redact_json(sc, 0, &j, &jl, NULL), TACT_OK);
    CHECK(json_ok(j, jl));
    CHECK(strstr(j, "\xEF\xBF\xBD(") != NULL);
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
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

/* The JSON writer fails each of its allocations in turn: TACT_ENOMEM, and
 * the scanner still gives the whole answer afterwards. */
static void test_json_oom(void)
{
    const char *t = "Kelly Smith, 07700 900123, me@example.com: she is a useless cow";
    tact_allocator al = {f_malloc, f_realloc, f_free, NULL};
    for (int mode = 0; mode < 4; mode++) {
        tact_scanner *sc = NULL;
        fail_at = 0;
        CHECK_INT(tact_scanner_new(rs_, &al, &sc, NULL), TACT_OK);
        if (!sc)
            return;
        CHECK_INT(redact_size(sc, t, (tact_redact_mode)mode), TACT_OK);
        const char *j;
        size_t jl;
        CHECK_INT(tact_redact_json(sc, 0, &j, &jl, NULL), TACT_OK);
        char *want = malloc(jl + 1);
        if (want)
            memcpy(want, j, jl + 1);
        bool ok = false;
        for (long k = 1; k < 200 && !ok; k++) {
            allocs = 0;
            fail_at = k;
            int rc = tact_redact_json(sc, 0, &j, &jl, NULL);
            CHECK(rc == TACT_OK || rc == TACT_ENOMEM);
            ok = rc == TACT_OK;
        }
        fail_at = 0;
        CHECK(ok);
        CHECK_INT(tact_redact_json(sc, 0, &j, &jl, NULL), TACT_OK);
        CHECK(want && strcmp(want, j) == 0);
        free(want);
        tact_scanner_free(sc);
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
                                    {"json_contract", test_json_contract},
                                    {"json_escaping", test_json_escaping},
                                    {"json_oom", test_json_oom},
                                    {NULL, NULL}};
    int rc = th_run(tests);
    tact_ruleset_free(rs_);
    return rc;
}
