/* harness.c - runs the tests of one unit-test file. */
#include "harness.h"

int th_failures = 0;
int th_checks = 0;

int th_run(const th_test *tests)
{
    int failed_tests = 0, n = 0;
    for (const th_test *t = tests; t->name; t++, n++) {
        int before = th_failures;
        t->fn();
        if (th_failures != before) {
            failed_tests++;
            fprintf(stderr, "FAIL %s\n", t->name);
        }
    }
    printf("%d passed, %d failed (%d checks)\n", n - failed_tests, failed_tests, th_checks);
    return failed_tests ? 1 : 0;
}

int th_main(const th_test *tests, tact_ruleset **rs, tact_scanner **sc)
{
    tact_error err;
    if (tact_ruleset_compile(NULL, rs, &err) != TACT_OK ||
        tact_scanner_new(*rs, NULL, sc, &err) != TACT_OK) {
        fprintf(stderr, "cannot build the ruleset\n");
        tact_ruleset_free(*rs);
        return 1;
    }
    int rc = th_run(tests);
    tact_scanner_free(*sc);
    tact_ruleset_free(*rs);
    return rc;
}
