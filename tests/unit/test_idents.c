/* test_idents.c - property tests of the structured identifier detectors:
 * random valid NHS numbers (modulus 11) are found in spaced, dashed and
 * plain forms and one changed digit is not; random NI numbers with valid
 * prefixes and suffixes are found and invalid prefixes are not. */
#include "harness.h"
#include "idents.h"

#include <stdio.h>
#include <stdlib.h>

static tact_ruleset *rs_;
static unsigned long long rng_ = 0x9E3779B97F4A7C15ull;

static unsigned rnd(unsigned n)
{
    rng_ ^= rng_ << 13;
    rng_ ^= rng_ >> 7;
    rng_ ^= rng_ << 17;
    return (unsigned)(rng_ % n);
}

/* Count findings of type t in text. */
static int count_type(tact_scanner *sc, const char *text, tact_type t)
{
    const tact_result *res;
    if (tact_scanner_scan(sc, text, strlen(text), 0, &res, NULL) != TACT_OK)
        return -1;
    int n = 0;
    for (size_t i = 0; i < res->count; i++)
        n += res->findings[i].type == t;
    return n;
}

static void make_nhs(char d[11])
{
    for (;;) {
        int sum = 0;
        d[0] = (char)('4' + rnd(6)); /* 4..9: never a phone's leading 0 */
        for (int k = 1; k < 9; k++)
            d[k] = (char)('0' + rnd(10));
        for (int k = 0; k < 9; k++)
            sum += (d[k] - '0') * (10 - k);
        int c = 11 - sum % 11;
        if (c == 11)
            c = 0;
        if (c == 10)
            continue;
        d[9] = (char)('0' + c);
        d[10] = '\0';
        return;
    }
}

static void format_nhs(const char *d, int style, char *out, size_t n)
{
    if (style == 0)
        snprintf(out, n, "NHS no %.3s %.3s %.4s today", d, d + 3, d + 6);
    else if (style == 1)
        snprintf(out, n, "NHS no %.3s-%.3s-%.4s today", d, d + 3, d + 6);
    else
        snprintf(out, n, "patient %s on the list", d);
}

static void test_nhs_checksum(void)
{
    CHECK(tact__ix_nhs_valid("9434765919"));
    CHECK(!tact__ix_nhs_valid("9434765918"));
    CHECK(tact__ix_nhs_valid("9992743816"));
    CHECK(!tact__ix_nhs_valid("1234567890"));
    CHECK(!tact__ix_nhs_valid("12345"));
}

static void test_nhs_property(void)
{
    tact_scanner *sc;
    CHECK_INT(tact_scanner_new(rs_, NULL, &sc, NULL), TACT_OK);
    char d[11], text[128];
    int found = 0, corrupted_found = 0, runs = 300;
    for (int i = 0; i < runs; i++) {
        make_nhs(d);
        CHECK(tact__ix_nhs_valid(d));
        format_nhs(d, i % 3, text, sizeof text);
        found += count_type(sc, text, TACT_TYPE_NHS_NUMBER) == 1;
        /* change one digit: modulus 11 catches every single-digit error */
        int pos = (int)rnd(10);
        char old = d[pos];
        d[pos] = (char)('0' + (old - '0' + 1 + (int)rnd(9)) % 10);
        if (pos == 0 && d[0] == '0')
            d[0] = old == '9' ? '8' : '9';
        if (tact__ix_nhs_valid(d))
            continue; /* changing the first digit may not alter the check */
        format_nhs(d, i % 3, text, sizeof text);
        corrupted_found += count_type(sc, text, TACT_TYPE_NHS_NUMBER) != 0;
    }
    CHECK_INT(found, runs);
    CHECK_INT(corrupted_found, 0);
    tact_scanner_free(sc);
}

static const char first_ok[] = "ABCEGHJKLMNOPRSTWXYZ";
static const char second_ok[] = "ABCEGHJKLMNPRSTWXYZ";

static void test_ni_prefixes(void)
{
    CHECK(tact__ix_ni_prefix_valid('A', 'B'));
    CHECK(tact__ix_ni_prefix_valid('J', 'K'));
    const char *bad_first = "DFIQUV";
    for (const char *p = bad_first; *p; p++)
        CHECK(!tact__ix_ni_prefix_valid(*p, 'A'));
    const char *bad_second = "DFIQUVO";
    for (const char *p = bad_second; *p; p++)
        CHECK(!tact__ix_ni_prefix_valid('A', *p));
    const char *bad[] = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"};
    for (size_t i = 0; i < 7; i++)
        CHECK(!tact__ix_ni_prefix_valid(bad[i][0], bad[i][1]));
}

static void test_ni_property(void)
{
    tact_scanner *sc;
    CHECK_INT(tact_scanner_new(rs_, NULL, &sc, NULL), TACT_OK);
    char text[128];
    int found = 0, runs = 0, invalid_found = 0, invalid_runs = 0;
    for (int i = 0; i < 400; i++) {
        char a = first_ok[rnd(sizeof first_ok - 1)], b = second_ok[rnd(sizeof second_ok - 1)];
        char suffix = (char)('A' + rnd(4));
        unsigned n = rnd(1000000);
        if (!tact__ix_ni_prefix_valid(a, b))
            continue;
        if (i % 2)
            snprintf(text, sizeof text, "on file: %c%c%06u%c ok", a, b, n, suffix);
        else
            snprintf(text, sizeof text, "on file: %c%c %02u %02u %02u %c ok", a, b, n / 10000,
                     n / 100 % 100, n % 100, suffix);
        runs++;
        found += count_type(sc, text, TACT_TYPE_NI_NUMBER) == 1;
        /* the same number with an invalid prefix */
        const char *bad_first = "DFIQUV";
        char c = bad_first[rnd(6)];
        snprintf(text, sizeof text, "on file: %c%c%06u%c ok", c, b, n, suffix);
        invalid_runs++;
        invalid_found += count_type(sc, text, TACT_TYPE_NI_NUMBER) != 0;
        const char *bad[] = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"};
        const char *p = bad[rnd(7)];
        snprintf(text, sizeof text, "on file: %c%c %02u %02u %02u %c ok", p[0], p[1], n / 10000,
                 n / 100 % 100, n % 100, suffix);
        invalid_runs++;
        invalid_found += count_type(sc, text, TACT_TYPE_NI_NUMBER) != 0;
    }
    CHECK(runs > 300);
    CHECK_INT(found, runs);
    CHECK(invalid_runs > 600);
    CHECK_INT(invalid_found, 0);
    tact_scanner_free(sc);
}

static void test_examples(void)
{
    tact_scanner *sc;
    CHECK_INT(tact_scanner_new(rs_, NULL, &sc, NULL), TACT_OK);
    CHECK_INT(count_type(sc, "never email an NHS no. like 123 456 7890", TACT_TYPE_NHS_NUMBER), 0);
    CHECK_INT(count_type(sc, "never email an NHS no. like 123 456 7890", TACT_TYPE_PHONE), 0);
    CHECK_INT(count_type(sc, "booking ref 402 118 7351 - who", TACT_TYPE_PHONE), 0);
    CHECK_INT(count_type(sc, "booking ref 402 118 7351 - who", TACT_TYPE_CASE_REFERENCE), 0);
    CHECK_INT(count_type(sc, "ring mum on 07700 900461", TACT_TYPE_PHONE), 1);
    CHECK_INT(count_type(sc, "Last known 14 Mervyn Road, BS7 9EL", TACT_TYPE_POSTCODE), 1);
    CHECK_INT(count_type(sc, "Last known 14 Mervyn Road, BS7 9EL", TACT_TYPE_ADDRESS), 1);
    tact_scanner_free(sc);
}

int main(void)
{
    if (tact_ruleset_compile(NULL, &rs_, NULL) != TACT_OK) {
        fprintf(stderr, "cannot compile the ruleset\n");
        return 1;
    }
    static const th_test tests[] = {{"nhs_checksum", test_nhs_checksum},
                                    {"nhs_property", test_nhs_property},
                                    {"ni_prefixes", test_ni_prefixes},
                                    {"ni_property", test_ni_property},
                                    {"examples", test_examples},
                                    {NULL, NULL}};
    int rc = th_run(tests);
    tact_ruleset_free(rs_);
    return rc;
}
