/*
 * test_ix_digits.c - the number, phone, postcode and written-date detectors
 * skip a post whose digits are all inside URLs, emails, handles and
 * hashtags (ix_post.digit_out, idents.c). These posts check that the skip
 * loses nothing: numbers next to such tokens are still found, digits only
 * inside them find nothing, and emails that begin with digits (which may
 * carry the digits of a phone number, postcode or NI number) stay emails.
 */
#include "harness.h"

#include "tact.h"

#include <stdbool.h>

static tact_ruleset *rs_;

/* Number of findings of type ty in text (and the text of the first). */
static size_t count_type(const char *text, tact_type ty, size_t *start, size_t *end)
{
    tact_scanner *sc = NULL;
    const tact_result *res = NULL;
    size_t n = 0;
    if (tact_scanner_new(rs_, NULL, &sc, NULL) != TACT_OK)
        return (size_t)-1;
    if (tact_scanner_scan(sc, text, strlen(text), 0, &res, NULL) == TACT_OK) {
        for (size_t i = 0; i < res->count; i++)
            if (res->findings[i].type == ty) {
                if (n == 0 && start && end) {
                    *start = res->findings[i].start;
                    *end = res->findings[i].end;
                }
                n++;
            }
    } else {
        n = (size_t)-1;
    }
    tact_scanner_free(sc);
    return n;
}

static void test_link_digits_only(void)
{
    CHECK_INT(count_type("great day out https://t.co/ab12CD34 lovely", TACT_TYPE_PHONE, NULL, NULL), 0);
    CHECK_INT(count_type("great day out https://t.co/ab12CD34 lovely", TACT_TYPE_POSTCODE, NULL, NULL), 0);
    CHECK_INT(count_type("@bs7user #BS79EL https://t.co/07700900461", TACT_TYPE_PHONE, NULL, NULL), 0);
    CHECK_INT(count_type("@bs7user #BS79EL https://t.co/07700900461", TACT_TYPE_POSTCODE, NULL, NULL), 0);
}

static void test_numbers_beside_links(void)
{
    size_t s = 0, e = 0;
    const char *t1 = "call me on 07700 900461 https://t.co/ab12CD34";
    CHECK_INT(count_type(t1, TACT_TYPE_PHONE, &s, &e), 1);
    CHECK_INT(s, 11);
    CHECK_INT(e, 23);
    const char *t2 = "@someone she lives at BS7 9EL now https://t.co/x1";
    CHECK_INT(count_type(t2, TACT_TYPE_POSTCODE, &s, &e), 1);
    CHECK_INT(s, 22);
    CHECK_INT(e, 29);
    const char *t3 = "#care DOB 3rd April 1961 https://t.co/x1";
    CHECK_INT(count_type(t3, TACT_TYPE_DATE_OF_BIRTH, NULL, NULL), 1);
    const char *t4 = "her NI number is QQ 12 34 56 C https://t.co/x1";
    CHECK_INT(count_type(t4, TACT_TYPE_NI_NUMBER, NULL, NULL), 1);
}

static void test_digit_first_emails(void)
{
    /* the digits sit in an email that starts with them: still an email */
    CHECK_INT(count_type("ring +447700900461.x@example.com now", TACT_TYPE_EMAIL, NULL, NULL), 1);
    CHECK_INT(count_type("Postcode GIR 0AA.x@example.com", TACT_TYPE_EMAIL, NULL, NULL), 1);
}

int main(void)
{
    if (tact_ruleset_compile(NULL, &rs_, NULL) != TACT_OK) {
        fprintf(stderr, "cannot compile the ruleset\n");
        return 1;
    }
    static const th_test tests[] = {{"link_digits_only", test_link_digits_only},
                                    {"numbers_beside_links", test_numbers_beside_links},
                                    {"digit_first_emails", test_digit_first_emails},
                                    {NULL, NULL}};
    int rc = th_run(tests);
    tact_ruleset_free(rs_);
    return rc;
}
