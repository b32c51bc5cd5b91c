/*
 * latency.c - in-process latency of one post through libtact, warm.
 *
 * usage: tact-latency [FILE] [ROUNDS]
 *
 * FILE holds one post per line (plain text, not JSON); without it a built-in
 * set of 280-character posts is used. Every post is scanned once to warm the
 * scanner, then ROUNDS scans (default 20000) cycling through the posts are
 * timed one by one with CLOCK_MONOTONIC. Prints ruleset compile time and
 * p50/p90/p99/p99.9/max of scan and of scan + tact_result_json, in
 * microseconds, as "key value" lines that bench/bench.py reads.
 */
#define _POSIX_C_SOURCE 200809L
#include "tact.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *builtin[] = {
    "Long day. Visited Jayden (7) at 14 Hawthorn Close, Barnsley S70 2QT - mum was not in "
    "again and the school says he missed four days. Rang her on 07700 900123 twice. Back "
    "tomorrow with the duty manager. Honestly some days I wonder why I do this job #socialwork",
    "Really proud of our team this week: two adoptions finalised, a reunification that "
    "worked, and a care leaver off to university in September. Supervision today was "
    "brilliant too. This is why social work matters, whatever the papers say. #WSWD #proud",
    "@sarah_k_sw can you DM me? Need to talk about the Robinson family before Monday's "
    "strategy meeting, the police have been out to Elm Road again and the little one (3) "
    "was at nan's. Case ref BS21/04471. Email jane.doe@example.gov.uk if easier, thanks x",
    "Anyone know a good children's centre near Stockport? Asking for a family I'm working "
    "with. Dad has just moved out, two kids under five, mum is struggling with money and "
    "housing. DOB of the baby is 03/02/2024 so she is tiny. Any advice welcome, ta all!!",
};

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double pct(const double *v, size_t n, double p)
{
    size_t k = (size_t)(p * (double)(n - 1) + 0.5);
    return v[k < n ? k : n - 1];
}

static void report(const char *key, double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_double);
    printf("%s_p50_us %.2f\n%s_p90_us %.2f\n%s_p99_us %.2f\n%s_p999_us %.2f\n%s_max_us %.2f\n", key,
           pct(v, n, 0.5), key, pct(v, n, 0.9), key, pct(v, n, 0.99), key, pct(v, n, 0.999), key,
           v[n - 1]);
}

/* Read FILE into lines; returns the count or 0. */
static size_t read_lines(const char *path, char **store, char ***lines)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t cap = 1 << 20, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
        if (len == cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (!buf)
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += buf[i] == '\n';
    char **ls = malloc((n + 1) * sizeof *ls);
    if (!ls) {
        free(buf);
        return 0;
    }
    size_t k = 0, s = 0;
    for (size_t i = 0; i <= len && k <= n; i++) {
        if (i == len || buf[i] == '\n') {
            if (i > s) {
                if (i < len)
                    buf[i] = '\0';
                ls[k++] = buf + s;
            }
            s = i + 1;
        }
    }
    *store = buf;
    *lines = ls;
    return k;
}

int main(int argc, char **argv)
{
    size_t rounds = argc > 2 ? (size_t)strtoul(argv[2], NULL, 10) : 20000;
    char *store = NULL;
    char **lines = NULL;
    size_t nposts = argc > 1 ? read_lines(argv[1], &store, &lines) : 0;
    const char *const *posts = nposts ? (const char *const *)lines : builtin;
    if (!nposts)
        nposts = sizeof builtin / sizeof builtin[0];
    if (rounds == 0)
        rounds = 1;

    tact_ruleset *rs = NULL;
    tact_scanner *sc = NULL;
    tact_error err;
    double t0 = now_us();
    if (tact_ruleset_compile(NULL, &rs, &err) != TACT_OK) {
        fprintf(stderr, "tact-latency: %s\n", err.message);
        return 1;
    }
    double t1 = now_us();
    if (tact_scanner_new(rs, NULL, &sc, &err) != TACT_OK) {
        fprintf(stderr, "tact-latency: %s\n", err.message);
        return 1;
    }
    printf("compile_ms %.2f\nposts %zu\n", (t1 - t0) / 1e3, nposts);

    const tact_result *res;
    size_t bytes = 0;
    for (size_t i = 0; i < nposts; i++) {
        size_t n = strlen(posts[i]);
        bytes += n;
        tact_scanner_scan(sc, posts[i], n, TACT_SCAN_REPLACE_INVALID, &res, NULL);
    }
    printf("mean_post_bytes %.1f\n", (double)bytes / (double)nposts);

    double *scan = malloc(rounds * sizeof *scan), *both = malloc(rounds * sizeof *both);
    if (!scan || !both)
        return 1;
    size_t findings = 0;
    for (size_t r = 0; r < rounds; r++) {
        const char *p = posts[r % nposts];
        size_t n = strlen(p);
        double a = now_us();
        int rc = tact_scanner_scan(sc, p, n, TACT_SCAN_REPLACE_INVALID, &res, NULL);
        double b = now_us();
        const char *json;
        size_t jl;
        if (rc == TACT_OK) {
            findings += res->count;
            tact_result_json(sc, "x", 1, &json, &jl, NULL);
        }
        double c = now_us();
        scan[r] = b - a;
        both[r] = c - a;
    }
    printf("rounds %zu\nfindings_per_post %.2f\n", rounds, (double)findings / (double)rounds);
    report("scan", scan, rounds);
    report("scan_json", both, rounds);
    free(scan);
    free(both);
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
    free(lines);
    free(store);
    return 0;
}
