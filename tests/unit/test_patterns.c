/* test_patterns.c - the conduct phrase-pattern compiler: word classes,
 * errors with line numbers, the trie budget, and the frozen trie matching
 * exactly what the unfrozen one matches. */
#include "conduct_match.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const tags[] = {"t"};

static int add(const char *list, size_t *bad)
{
    tact__alloc a;
    tact__alloc_init(&a, NULL);
    tact__pm *pm = NULL;
    if (tact__pm_new(&a, &pm) != TACT_OK)
        return -100;
    *bad = 0;
    int rc = tact__pm_add_list(&a, pm, list, strlen(list), 0, tags, 1, bad);
    tact__pm_free(&a, pm);
    return rc;
}

static void test_valid(void)
{
    size_t bad;
    CHECK_INT(add("# a comment\n@who = manager|the duty team|tm\nt: @who {is|was} {useless|a joke}\n"
                  "t: thanks {@who|everyone} * <sarc>\n",
                  &bad),
              TACT_OK);
}

static void test_errors_name_the_line(void)
{
    size_t bad;
    CHECK_INT(add("t: fine\nt: {unclosed\n", &bad), TACT_EMODEL);
    CHECK_INT(bad, 2);
    CHECK_INT(add("t: fine\n\nt: uses @nosuchclass\n", &bad), TACT_EMODEL);
    CHECK_INT(bad, 3);
    CHECK_INT(add("@a = x\n@b = @a|y\n", &bad), TACT_EMODEL); /* classes do not nest */
    CHECK_INT(bad, 2);
}

/* A pattern whose choices of phrases multiply is refused with its line,
 * instead of silently costing start-up time and memory. */
static void test_budget(void)
{
    char *list = malloc(1 << 16);
    size_t n = 0;
    for (int c = 0; c < 4; c++) {
        n += (size_t)sprintf(list + n, "@c%d = ", c);
        for (int k = 0; k < 60; k++)
            n += (size_t)sprintf(list + n, "%sw%d%d x%d%d", k ? "|" : "", c, k, c, k);
        list[n++] = '\n';
    }
    n += (size_t)sprintf(list + n, "t: small pattern\nt: @c0 @c1 @c2 @c3\n");
    list[n] = '\0';
    size_t bad;
    CHECK_INT(add(list, &bad), TACT_EMODEL);
    CHECK_INT(bad, 6);
    free(list);
}

/* Matches of pm over the tokens of text, as "pat:first-last;..." */
static void matches(tact_scanner *sc, const tact__pm *pm, const char *text, char *out, size_t cap)
{
    const tact_result *res;
    out[0] = '\0';
    CHECK_INT(tact_scanner_scan(sc, text, strlen(text), 0, &res, NULL), TACT_OK);
    tact__alloc a;
    tact__alloc_init(&a, NULL);
    tact__pm_match *m = NULL;
    size_t n = 0, mcap = 0, o = 0;
    CHECK_INT(tact__pm_scan(pm, sc, &a, &m, &n, &mcap), TACT_OK);
    for (size_t i = 0; i < n && o + 40 < cap; i++)
        o += (size_t)snprintf(out + o, cap - o, "%u:%u-%u;", m[i].pat, m[i].first, m[i].last);
    free(m);
}

/* Freezing lays edges out as lists and per-node tables: a node with many
 * words after it (the table), class edges, gaps, <num> and the root must
 * all match the same before and after. */
static void test_frozen_same(void)
{
    char list[8192];
    size_t n = (size_t)sprintf(list, "@who = manager|boss|tm|the duty team\n"
                                     "t: the @who * useless\n"
                                     "t: <num> times {again|today}\n"
                                     "t: {she|he} is {useless|lazy|rude|late}\n"
                                     "t: kicked {_|_ _|} off\n");
    for (int k = 0; k < 40; k++)
        n += (size_t)sprintf(list + n, "t: alpha w%d [now]\n", k);
    tact__alloc a;
    tact__alloc_init(&a, NULL);
    tact__pm *pm = NULL;
    size_t bad = 0;
    CHECK_INT(tact__pm_new(&a, &pm), TACT_OK);
    CHECK_INT(tact__pm_add_list(&a, pm, list, n, 0, tags, 1, &bad), TACT_OK);
    tact_ruleset *rs = NULL;
    tact_scanner *sc = NULL;
    CHECK_INT(tact_ruleset_compile(NULL, &rs, NULL), TACT_OK);
    CHECK_INT(tact_scanner_new(rs, NULL, &sc, NULL), TACT_OK);
    static const char *const texts[] = {
        "alpha w7 and alpha w39 now, alpha w40",
        "the manager is useless. The duty team were so very useless",
        "the boss . useless",
        "3 times again and 12 times today",
        "she is lazy and he is late",
        "nothing here at all",
        "kicked off, kicked it off, kicked it all off, kicked it all right off",
    };
    char before[7][512], after[512];
    for (size_t t = 0; t < 7; t++)
        matches(sc, pm, texts[t], before[t], sizeof before[t]);
    CHECK(strlen(before[0]) > 0 && strlen(before[1]) > 0 && strlen(before[3]) > 0 &&
          strlen(before[4]) > 0);
    CHECK_STR(before[2], ""); /* a gap does not cross a sentence */
    CHECK_STR(before[5], "");
    /* "_" inside a choice is any one word, and an empty choice is optional */
    CHECK_STR(before[6], "3:0-1;3:3-5;3:7-10;");
    CHECK_INT(tact__pm_freeze(&a, pm), TACT_OK);
    for (size_t t = 0; t < 7; t++) {
        matches(sc, pm, texts[t], after, sizeof after);
        CHECK_STR(after, before[t]);
    }
    /* a list added after the freeze still matches (its nodes go back to
     * the shared table) */
    CHECK_INT(tact__pm_add_list(&a, pm, "t: alpha w3 later\n", 18, 0, tags, 1, &bad), TACT_OK);
    matches(sc, pm, "alpha w3 later", after, sizeof after);
    CHECK(strstr(after, "-2;") != NULL);
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
    tact__pm_free(&a, pm);
}

/* A snapshot adopted by a fresh matcher matches what the compiled one
 * matches; its digest must agree with the lists added after it; a damaged
 * snapshot is refused, never trusted. */
static void test_snapshot(void)
{
    static const char list[] = "@who = manager|boss|tm|the duty team\n"
                               "t: the @who * useless\n"
                               "t: <num> times {again|today}\n"
                               "t: alpha w1\nt: alpha w2\nt: alpha w3\n";
    tact__alloc a;
    tact__alloc_init(&a, NULL);
    tact__pm *pm = NULL, *copy = NULL;
    size_t bad = 0;
    CHECK_INT(tact__pm_new(&a, &pm), TACT_OK);
    CHECK_INT(tact__pm_add_list(&a, pm, list, sizeof list - 1, 0, tags, 1, &bad), TACT_OK);
    tact__buf snap = {NULL, 0, 0};
    CHECK_INT(tact__pm_snapshot(&a, pm, &snap), TACT_EINVAL); /* not frozen */
    CHECK_INT(tact__pm_freeze(&a, pm), TACT_OK);
    CHECK_INT(tact__pm_snapshot(&a, pm, &snap), TACT_OK);
    /* the buffer is malloc'ed, so 16-byte aligned */
    CHECK_INT(tact__pm_new(&a, &copy), TACT_OK);
    CHECK_INT(tact__pm_adopt(&a, copy, snap.p, snap.len), TACT_OK);
    CHECK_INT(tact__pm_add_list(&a, copy, list, sizeof list - 1, 0, tags, 1, &bad), TACT_OK);
    CHECK_INT(tact__pm_freeze(&a, copy), TACT_OK);
    tact_ruleset *rs = NULL;
    tact_scanner *sc = NULL;
    CHECK_INT(tact_ruleset_compile(NULL, &rs, NULL), TACT_OK);
    CHECK_INT(tact_scanner_new(rs, NULL, &sc, NULL), TACT_OK);
    static const char *const texts[] = {"the boss was useless, 3 times again", "alpha w2 alpha w4",
                                        "nothing"};
    char x[512], y[512];
    for (size_t t = 0; t < 3; t++) {
        matches(sc, pm, texts[t], x, sizeof x);
        matches(sc, copy, texts[t], y, sizeof y);
        CHECK_STR(y, x);
    }
    tact__pm_free(&a, copy);
    /* other lists than the snapshot's: refused at the freeze */
    CHECK_INT(tact__pm_new(&a, &copy), TACT_OK);
    CHECK_INT(tact__pm_adopt(&a, copy, snap.p, snap.len), TACT_OK);
    CHECK_INT(tact__pm_add_list(&a, copy, "t: other\n", 9, 0, tags, 1, &bad), TACT_OK);
    CHECK_INT(tact__pm_freeze(&a, copy), TACT_EMODEL);
    tact__pm_free(&a, copy);
    /* damaged: truncated, bad magic, an index out of range anywhere */
    CHECK_INT(tact__pm_new(&a, &copy), TACT_OK);
    CHECK_INT(tact__pm_adopt(&a, copy, snap.p, snap.len - 16), TACT_EMODEL);
    snap.p[0] ^= 1;
    CHECK_INT(tact__pm_adopt(&a, copy, snap.p, snap.len), TACT_EMODEL);
    snap.p[0] ^= 1;
    size_t refused = 0, tried = 0;
    for (size_t off = 96; off < snap.len; off += 4) {
        uint32_t keep;
        memcpy(&keep, snap.p + off, 4);
        uint32_t evil = 0x7fffffffu;
        memcpy(snap.p + off, &evil, 4);
        int rc = tact__pm_adopt(&a, copy, snap.p, snap.len);
        memcpy(snap.p + off, &keep, 4);
        tried++;
        if (rc == TACT_OK) {
            /* a word the checks cannot see (a key, padding): still safe */
            tact__pm_free(&a, copy);
            CHECK_INT(tact__pm_new(&a, &copy), TACT_OK);
        } else {
            refused++;
        }
    }
    CHECK(refused > tried / 4);
    tact__pm_free(&a, copy);
    tact__buf_free(&a, &snap);
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
    tact__pm_free(&a, pm);
}

int main(void)
{
    static const th_test tests[] = {{"valid", test_valid},
                                    {"errors_name_the_line", test_errors_name_the_line},
                                    {"budget", test_budget},
                                    {"frozen_same", test_frozen_same},
                                    {"snapshot", test_snapshot},
                                    {NULL, NULL}};
    return th_run(tests);
}
