/* harness.h - a very small test harness for the C API tests. */
#ifndef TACT_HARNESS_H
#define TACT_HARNESS_H

#include <stdio.h>
#include <string.h>

#include "tact.h"

extern int th_failures;
extern int th_checks;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        th_checks++;                                                                  \
        if (!(cond)) {                                                                \
            th_failures++;                                                            \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);  \
        }                                                                             \
    } while (0)

#define CHECK_INT(a, b)                                                                        \
    do {                                                                                       \
        long long th_a = (long long)(a), th_b = (long long)(b);                                \
        th_checks++;                                                                           \
        if (th_a != th_b) {                                                                    \
            th_failures++;                                                                     \
            fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__, #a, th_a, \
                    th_b);                                                                     \
        }                                                                                      \
    } while (0)

#define CHECK_STR(a, b)                                                                         \
    do {                                                                                        \
        const char *th_a = (a), *th_b = (b);                                                    \
        th_checks++;                                                                            \
        if (!th_a || !th_b || strcmp(th_a, th_b) != 0) {                                        \
            th_failures++;                                                                      \
            fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #a,    \
                    th_a ? th_a : "(null)", th_b ? th_b : "(null)");                            \
        }                                                                                       \
    } while (0)

typedef struct th_test {
    const char *name;
    void (*fn)(void);
} th_test;

/* Runs each test, prints a summary line, returns the exit status. */
int th_run(const th_test *tests);

/* th_main - the usual main of a test file that scans: a default ruleset and
 * one scanner in *rs and *sc, the tests run, both freed; returns the exit
 * status. */
int th_main(const th_test *tests, tact_ruleset **rs, tact_scanner **sc);

#endif
