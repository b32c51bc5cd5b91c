/* test_verdict_model.c - the whole-post reading: loading and rejecting model
 * files, the features (tools/verdict-features.c prints the same for
 * tools/train-verdict.py), scoring, and what it may change: a review, to ok
 * or block, and a block, to review unless a hard identifier drove it, with
 * the reason saying so; never a block to ok or an ok to anything;
 * --rules-only (TACT_SCAN_RULES_ONLY) leaves the rules' verdict. */
#include "verdict_model.h"
#include "harness.h"

#include <math.h>
#include <stdlib.h>

static tact__alloc a_;
static tact_ruleset *rs_;
static tact_scanner *sc_;

static int load(const char *text, tact__vm **m)
{
    return tact__vm_load(&a_, text, strlen(text), m);
}

static void test_load_rejects(void)
{
    static const char *const bad[] = {
        "",                                                   /* no magic line */
        "tact-verdict-model 2\n",                             /* unknown version */
        "B\t1\t2\t3\n",                                       /* weights before the magic */
        "tact-verdict-model 1\nB\t1\t2\n",                    /* two weights */
        "tact-verdict-model 1\nB\t1\t2\tx\n",                 /* not a number */
        "tact-verdict-model 1\nB\t1\t2\tnan\n",               /* not finite */
        "tact-verdict-model 1\nB\t1\t2\t3\nB\t1\t2\t3\n",     /* listed twice */
        "tact-verdict-model 1\n\t1\t2\t3\n",                  /* no name */
        "tact-verdict-model 1\nthreshold review-ok\n",        /* no value */
        "tact-verdict-model 1\nthreshold review-ok 7\n",      /* out of range */
        "tact-verdict-model 1\nthreshold sideways 0.5\n",     /* unknown threshold */
        "tact-verdict-model 1\nthreshold block-review -1\n", /* out of range */
        "tact-verdict-model 1\nB 1 2 3\n",                    /* spaces, not tabs */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        tact__vm *m = (tact__vm *)1;
        CHECK_INT(load(bad[i], &m), TACT_EMODEL);
        CHECK(m == NULL);
    }
    tact__vm *m = NULL;
    CHECK_INT(load("# a comment\r\ntact-verdict-model 1\r\nthreshold review-ok 0.9\r\n"
                   "\r\nB\t0.5\t-1\t0.25\r\n",
                   &m),
              TACT_OK);
    CHECK(m != NULL);
    tact__vm_free(&a_, m);
}

typedef struct seen {
    char names[128][80];
    float v[128];
    int n;
} seen;

static void collect(void *ctx, const char *name, size_t n, float v)
{
    seen *s = ctx;
    if (s->n < 128 && n < 80) {
        memcpy(s->names[s->n], name, n);
        s->names[s->n][n] = 0;
        s->v[s->n++] = v;
    }
}

static float has(const seen *s, const char *name)
{
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->names[i], name) == 0)
            return s->v[i];
    return 0.f;
}

static const tact_result *scan(const char *text, unsigned flags)
{
    const tact_result *r = NULL;
    tact_error err;
    CHECK_INT(tact_scanner_scan(sc_, text, strlen(text), flags, &r, &err), TACT_OK);
    return r;
}

static void test_features(void)
{
    const tact_result *r = scan("Walk with my little sister in Keswick? LOVELY day.", TACT_SCAN_RULES_ONLY);
    CHECK(r != NULL);
    seen s = {0};
    tact__vm_features(sc_, collect, &s);
    char v[32];
    snprintf(v, sizeof v, "V:%s", tact_verdict_name(r->verdict));
    CHECK(has(&s, v) == 1.f);
    CHECK(has(&s, "L:s") == 1.f);
    CHECK(has(&s, "X:rel") == 1.f);   /* "my little sister" */
    CHECK(has(&s, "X:q") == 1.f);
    CHECK(has(&s, "W:lovely") == 0.5f); /* words lowercased */
    CHECK(has(&s, "W:keswick") == 0.5f);
    CHECK(has(&s, "B") == 1.f);
    CHECK(has(&s, "W:LOVELY") == 0.f);
    CHECK(has(&s, "W:my little") == 0.5f); /* neighbouring words */
    CHECK(has(&s, "W:keswick lovely") == 0.5f); /* across punctuation */
    CHECK(has(&s, "W:walk my") == 0.f);
    /* "my" and the relative must be next to each other */
    scan("My, what a day. Sister act is on.", TACT_SCAN_RULES_ONLY);
    seen t = {0};
    tact__vm_features(sc_, collect, &t);
    CHECK(has(&t, "X:rel") == 0.f);
}

static void test_probs(void)
{
    tact__vm *m = NULL;
    /* a bias to block, and the word "hello" pulling to ok; words count once */
    CHECK_INT(load("tact-verdict-model 1\nthreshold review-ok 0.9\nthreshold review-block 0.6\n"
                   "B\t0\t0\t1\nW:hello\t4\t0\t0\n",
                   &m),
              TACT_OK);
    scan("nothing here", TACT_SCAN_RULES_ONLY);
    float p[3];
    CHECK_INT(tact__vm_probs(m, sc_, p), TACT_OK);
    float e = expf(1.f);
    CHECK(fabsf(p[2] - e / (2.f + e)) < 1e-5f);
    scan("hello hello hello", TACT_SCAN_RULES_ONLY);
    CHECK_INT(tact__vm_probs(m, sc_, p), TACT_OK);
    float ok = expf(2.f), bl = expf(1.f); /* 4 x 0.5, once */
    CHECK(fabsf(p[0] - ok / (ok + 1.f + bl)) < 1e-5f);
    CHECK(fabsf(p[0] + p[1] + p[2] - 1.f) < 1e-5f);
    tact__vm_free(&a_, m);
}

static size_t drives(const tact_result *r)
{
    size_t n = 0;
    for (size_t k = 0; k < r->count; k++)
        n += (r->findings[k].flags & TACT_FINDING_DRIVES_VERDICT) != 0;
    return n;
}

static void test_soften(void)
{
    /* a model that reads everything as ok, with softening at 0.5 */
    tact__vm *m = NULL;
    CHECK_INT(load("tact-verdict-model 1\nthreshold block-review 0.5\nB\t9\t0\t0\n", &m), TACT_OK);
    static const char family[] =
        "Me, my husband Dev and our girls Anya (8) and Mira (5) at the beach in Filey.";
    static const char *const hard[] = {
        "Me, my husband Dev and our girls Anya (8) and Mira (5) at the beach. Anya's DOB "
        "12/03/2017 for the party list.",
        "Me, my husband Dev and our girls Anya (8) and Mira (5), home to 14 Sandpiper Close, "
        "Filey YO14 9XX.",
    };
    const tact_result *r = scan(family, TACT_SCAN_RULES_ONLY);
    CHECK_INT(r->verdict, TACT_VERDICT_BLOCK);
    CHECK_INT(tact__vm_apply_with(m, sc_), TACT_OK);
    CHECK_INT(r->verdict, TACT_VERDICT_REVIEW); /* softened, never to ok */
    CHECK(strncmp(r->reason, "Read as a whole", 15) == 0);
    CHECK(drives(r) > 0); /* the findings it still needs a look for */
    for (size_t i = 0; i < sizeof hard / sizeof hard[0]; i++) {
        r = scan(hard[i], TACT_SCAN_RULES_ONLY);
        CHECK_INT(r->verdict, TACT_VERDICT_BLOCK);
        const char *reason = r->reason;
        CHECK_INT(tact__vm_apply_with(m, sc_), TACT_OK);
        CHECK_INT(r->verdict, TACT_VERDICT_BLOCK); /* a date of birth, an address */
        CHECK_STR(r->reason, reason);
    }
    tact__vm_free(&a_, m);
    /* without the threshold, blocks stay */
    CHECK_INT(load("tact-verdict-model 1\nB\t9\t0\t0\n", &m), TACT_OK);
    r = scan(family, TACT_SCAN_RULES_ONLY);
    CHECK_INT(tact__vm_apply_with(m, sc_), TACT_OK);
    CHECK_INT(r->verdict, TACT_VERDICT_BLOCK);
    tact__vm_free(&a_, m);
    CHECK_INT(tact__vm_apply_with(NULL, sc_), TACT_OK);
    CHECK_INT(r->verdict, TACT_VERDICT_BLOCK);
}

static void test_shipped(void)
{
    /* the model is built in; it moves a review either way, softens a block
     * to review at most, and leaves an ok */
    CHECK(tact__vm_of(rs_) != NULL);
    static const char *const posts[] = {
        "Lovely walk round Ullswater with my sister Bethan today. Pub lunch in Pooley Bridge.",
        "The lady in the yellow house by the chapel in Llanrug is hoarding again",
        "Graduation day in Lancaster! Three years of essays done. Thank you Mum.",
        "The lad on my caseload from the flats behind the Co-op in Tywyn turned up drunk again.",
        "Another 12 hour shift. Exhausted. Why do I do this job?",
        "Me, my husband Dev and our girls Anya (8) and Mira (5) at the beach in Filey. Windy, "
        "freezing, perfect.",
    };
    int moved = 0, softened = 0;
    for (size_t i = 0; i < sizeof posts / sizeof posts[0]; i++) {
        tact_verdict rules = scan(posts[i], TACT_SCAN_RULES_ONLY)->verdict;
        const char *rules_reason = sc_->result.reason;
        const tact_result *r = scan(posts[i], 0);
        if (r->verdict == rules) {
            CHECK_STR(r->reason, rules_reason);
            continue;
        }
        CHECK(rules != TACT_VERDICT_OK);
        CHECK(strncmp(r->reason, "Read as a whole", 15) == 0);
        if (rules == TACT_VERDICT_BLOCK) {
            CHECK_INT(r->verdict, TACT_VERDICT_REVIEW);
            CHECK(drives(r) > 0);
            softened++;
            continue;
        }
        moved++;
        if (r->verdict == TACT_VERDICT_OK)
            CHECK_INT(drives(r), 0);
        else
            CHECK(drives(r) > 0);
    }
    CHECK(moved >= 2); /* the walk (to ok) and the hoarding (to block) */
    CHECK(softened >= 1); /* the beach */
}

int main(void)
{
    tact__alloc_init(&a_, NULL);
    static const th_test tests[] = {
        {"load_rejects", test_load_rejects},
        {"features", test_features},
        {"probs", test_probs},
        {"soften", test_soften},
        {"shipped", test_shipped},
        {NULL, NULL},
    };
    return th_main(tests, &rs_, &sc_);
}
