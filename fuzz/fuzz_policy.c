/*
 * fuzz_policy.c - the policy file reader: any bytes as the policy text, then
 * a scan of a few posts with it (so that the policy is applied, not only
 * parsed). A bad policy must give TACT_EPARSE with an offset inside the text.
 *
 * Compiling a whole ruleset (lexicons, tagger, classifier) for every input
 * would leave the fuzzer a few executions a second, so most inputs replace
 * only the policy part of one ruleset built once (tact__policy_compile /
 * tact__policy_free, the calls tact_ruleset_compile and tact_ruleset_free
 * make); every 64th input, and every input when replaying the corpus
 * (TACT_FUZZ_REPLAY), goes through the public tact_ruleset_compile.
 */
#include "fuzz_common.h"
#include "internal.h"

static const char *const posts[] = {
    "Visited Jayden Smith at 14 Hawthorn Close BS7 8QT, mum rang 07700 900123",
    "Great team day at Bristol City Council with the Fostering Team!",
    "@jay_sw email me at worker@example.gov.uk about case AB12/34567",
    "",
};

static void scan_with(const tact_ruleset *rs, const uint8_t *data, size_t size)
{
    tact_scanner *sc = NULL;
    if (tact_scanner_new(rs, NULL, &sc, NULL) != TACT_OK)
        return;
    const tact_result *res;
    int rc;
    for (size_t i = 0; i < sizeof posts / sizeof posts[0]; i++) {
        size_t n = strlen(posts[i]);
        rc = tact_scanner_scan(sc, posts[i], n, 0, &res, NULL);
        FUZZ_ASSERT(rc == TACT_OK || rc == TACT_ENOMEM);
        if (rc == TACT_OK)
            fuzz_check_result(res, n);
    }
    /* the policy text as a post: its own names meet the allow-list */
    rc = tact_scanner_scan(sc, (const char *)data, size, TACT_SCAN_REPLACE_INVALID, &res, NULL);
    FUZZ_ASSERT(fuzz_scan_status_ok(rc));
    if (rc == TACT_OK)
        fuzz_check_result(res, size);
    tact_scanner_free(sc);
}

static void check_error(int rc, const tact_error *err, size_t size)
{
    if (rc == TACT_EMODEL || rc == TACT_EINTERNAL) {
        fprintf(stderr, "fuzz: cannot start: %s\n", err->message);
        abort();
    }
    FUZZ_ASSERT(rc == TACT_EPARSE || rc == TACT_ENOMEM || rc == TACT_ERANGE || rc == TACT_EUTF8);
    FUZZ_ASSERT(rc != TACT_EPARSE || err->offset == SIZE_MAX || err->offset <= size);
    FUZZ_ASSERT(memchr(err->message, '\0', sizeof err->message) != NULL);
}

static void public_path(const uint8_t *data, size_t size)
{
    tact_ruleset_options o = TACT_RULESET_OPTIONS_INIT;
    o.policy = (const char *)data;
    o.policy_len = size;
    tact_ruleset *rs = NULL;
    tact_error err;
    int rc = tact_ruleset_compile(&o, &rs, &err);
    if (rc != TACT_OK) {
        FUZZ_ASSERT(rs == NULL);
        check_error(rc, &err, size);
        return;
    }
    scan_with(rs, data, size);
    tact_ruleset_free(rs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tact_ruleset *base;
#ifdef TACT_FUZZ_REPLAY
    public_path(data, size);
#else
    static unsigned long n;
    if (n++ % 64 == 0)
        public_path(data, size);
#endif
    if (!base && tact_ruleset_compile(NULL, &base, NULL) != TACT_OK)
        abort();
    tact__policy_free(base);
    base->policy = NULL;
    tact_error err;
    memset(&err, 0, sizeof err);
    int rc = tact__policy_compile(base, (const char *)data, size, &err);
    if (rc == TACT_OK)
        scan_with(base, data, size);
    else
        check_error(rc, &err, size);
    tact__policy_free(base);
    base->policy = NULL;
    return 0;
}
