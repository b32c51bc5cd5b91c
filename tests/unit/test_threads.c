/*
 * test_threads.c - one compiled ruleset shared by 8 threads scanning at
 * once, each with its own scanner, gives exactly the results (as JSON) that
 * one thread gives over the same few hundred varied posts. Run under
 * ThreadSanitizer or Helgrind it also shows the ruleset is never written
 * during a scan.
 */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"
#include "tact.h"

#include <pthread.h>
#include <stdlib.h>

#define NTHREADS 8
#define ROUNDS 3

static const char *const openers[] = {
    "Long day.", "Honestly", "Quick one:", "", "RT @team_sw:", "Update -", "Can't believe it,",
    "Proud moment!", "Ugh.", "Reminder:",
};
static const char *const middles[] = {
    "Visited Jayden (7) at 14 Hawthorn Close, Barnsley S70 2QT and mum was out",
    "ring Sarah's nan back on 07700 900123 before 5",
    "email jane.doe@example.gov.uk about case BS21/04471",
    "our manager is useless and the family are a nightmare",
    "great training on the Mental Capacity Act with the whole team",
    "DOB 03/02/2012, NHS 943 476 5919, NI QQ 12 34 56 C",
    "the little one at St Mary's Primary School in Leeds is doing so well",
    "add me on Facebook, my number is 0117 496 0123",
    "met Mr and Mrs Khan at the contact centre on Elm Road",
    "see https://example.org/forum?x=1 for the slides",
    "liam and his dad turned up drunk again, police called",
    "Ruby-Mae\xE2\x80\x99s foster carer rang, \xC3\x89lodie starts school in September \xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7",
    "parked outside, reg AB12 CDE, 51.4545, -2.5879",
    "nothing to report, just tired #socialwork",
};
static const char *const closers[] = {
    "", " #socialwork", " x", "!!", " Back tomorrow.", " Send help.", " \xF0\x9F\x98\xA9",
    " What a day", " @jay_sw", ".",
};

#define NOPEN (sizeof openers / sizeof openers[0])
#define NMID (sizeof middles / sizeof middles[0])
#define NCLOSE (sizeof closers / sizeof closers[0])
#define NPOSTS 420

static char *posts[NPOSTS];
static size_t lens[NPOSTS];
static char *expect[NPOSTS];
static tact_ruleset *rs_;

static char *dup_n(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static void make_posts(void)
{
    for (size_t i = 0; i < NPOSTS; i++) {
        char buf[1024];
        size_t a = i % NOPEN, b = (i / 3 + i * 7) % NMID, c = (i / 5 + i) % NCLOSE;
        const char *m2 = middles[(b + 1 + i / NMID) % NMID];
        int n = i % 4 == 0 ? snprintf(buf, sizeof buf, "%s %s, %s%s", openers[a], middles[b], m2, closers[c])
                           : snprintf(buf, sizeof buf, "%s %s%s", openers[a], middles[b], closers[c]);
        lens[i] = (size_t)n;
        if (i % 37 == 5 && n > 10)
            buf[n / 2] = (char)0xFF; /* an invalid byte, read with TACT_SCAN_REPLACE_INVALID */
        posts[i] = dup_n(buf, lens[i]);
    }
}

/* The JSON of post i with scanner sc, as a new string; NULL on failure. */
static char *scan_json(tact_scanner *sc, size_t i)
{
    const tact_result *res;
    if (tact_scanner_scan(sc, posts[i], lens[i], TACT_SCAN_REPLACE_INVALID, &res, NULL) != TACT_OK)
        return NULL;
    char id[16];
    int n = snprintf(id, sizeof id, "p%zu", i);
    const char *json;
    size_t jl;
    if (tact_result_json(sc, id, (size_t)n, &json, &jl, NULL) != TACT_OK)
        return NULL;
    return dup_n(json, jl);
}

typedef struct job {
    pthread_t th;
    size_t offset;
    size_t mismatches, failures;
} job;

static void *run_job(void *arg)
{
    job *j = arg;
    tact_scanner *sc = NULL;
    if (tact_scanner_new(rs_, NULL, &sc, NULL) != TACT_OK) {
        j->failures++;
        return NULL;
    }
    for (size_t r = 0; r < ROUNDS; r++) {
        for (size_t k = 0; k < NPOSTS; k++) {
            /* each thread walks the posts from a different place, in a different order */
            size_t i = (j->offset + (r % 2 ? NPOSTS - 1 - k : k)) % NPOSTS;
            char *got = scan_json(sc, i);
            if (!got)
                j->failures++;
            else if (!expect[i] || strcmp(got, expect[i]) != 0)
                j->mismatches++;
            free(got);
        }
    }
    tact_scanner_free(sc);
    return NULL;
}

static void test_shared_ruleset(void)
{
    make_posts();
    tact_scanner *sc = NULL;
    CHECK_INT(tact_scanner_new(rs_, NULL, &sc, NULL), TACT_OK);
    size_t with_findings = 0;
    for (size_t i = 0; i < NPOSTS; i++) {
        expect[i] = scan_json(sc, i);
        CHECK(expect[i] != NULL);
        if (expect[i] && strstr(expect[i], "\"findings\":[{"))
            with_findings++;
    }
    tact_scanner_free(sc);
    /* the posts are varied enough to exercise the detectors, whatever they find */
    fprintf(stderr, "test_threads: %d posts, %zu with findings\n", NPOSTS, with_findings);

    job jobs[NTHREADS];
    memset(jobs, 0, sizeof jobs);
    int started = 0;
    for (int t = 0; t < NTHREADS; t++) {
        jobs[t].offset = (size_t)t * 53;
        if (pthread_create(&jobs[t].th, NULL, run_job, &jobs[t]) == 0)
            started++;
        else
            break;
    }
    CHECK_INT(started, NTHREADS);
    size_t mism = 0, fail = 0;
    for (int t = 0; t < started; t++) {
        pthread_join(jobs[t].th, NULL);
        mism += jobs[t].mismatches;
        fail += jobs[t].failures;
    }
    CHECK_INT(fail, 0);
    CHECK_INT(mism, 0);
    for (size_t i = 0; i < NPOSTS; i++) {
        free(posts[i]);
        free(expect[i]);
    }
}

int main(void)
{
    tact_error err;
    if (tact_ruleset_compile(NULL, &rs_, &err) != TACT_OK) {
        fprintf(stderr, "cannot compile ruleset: %s\n", err.message);
        return 1;
    }
    static const th_test tests[] = {
        {"shared_ruleset", test_shared_ruleset},
        {NULL, NULL},
    };
    int rc = th_run(tests);
    tact_ruleset_free(rs_);
    return rc;
}
