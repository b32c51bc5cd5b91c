/*
 * test_speed17.c - the number and postcode walks pass over bytes with no
 * digit eight at a time (speed17, idents_numbers.c, idents_postcode.c),
 * landing anywhere, also inside a word; the organisation-handle test reads
 * only the org words whose first two letters the handle has
 * (idents_web.c). These posts put each identifier after runs of text of
 * every length from 0 to 40 bytes, so that it starts at every offset
 * within the 8-byte steps, and check that it is still found whole, at the
 * same place.
 */
#include "harness.h"

#include "tact.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static tact_ruleset *rs_;

/* Number of findings of type ty in text (and the span of the first). */
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

/* The filler before the identifier: words and spaces, pad bytes long,
 * ending in a space (none when pad is 0). */
static void filler(char *out, size_t pad)
{
    static const char words[] = "we had a lovely chat about the garden and the weather today ";
    size_t k = 0;
    for (; k + 1 < pad; k++)
        out[k] = words[k % (sizeof words - 1)];
    if (pad)
        out[k++] = ' ';
    out[k] = '\0';
}

/* cue + ident after fillers of every length: found once, at its place. */
static void check_all_pads(const char *cue, const char *ident, const char *after, tact_type ty)
{
    char text[256], pre[64];
    for (size_t pad = 0; pad <= 40; pad++) {
        filler(pre, pad);
        snprintf(text, sizeof text, "%s%s%s%s", pre, cue, ident, after);
        size_t s = 0, e = 0;
        size_t want_s = strlen(pre) + strlen(cue);
        size_t n = count_type(text, ty, &s, &e);
        CHECK_INT(n, 1);
        CHECK_INT(s, want_s);
        CHECK_INT(e, want_s + strlen(ident));
        if (n != 1 || s != want_s)
            fprintf(stderr, "  (pad %zu, ident '%s')\n", pad, ident);
    }
}

static void test_numbers_at_every_offset(void)
{
    check_all_pads("her NI number is ", "QQ 12 34 56 C", " thanks", TACT_TYPE_NI_NUMBER);
    check_all_pads("NHS no ", "943 476 5919", " thanks", TACT_TYPE_NHS_NUMBER);
    check_all_pads("his car reg is ", "AB12 CDE", " thanks", TACT_TYPE_VEHICLE_REGISTRATION);
}

static void test_postcodes_at_every_offset(void)
{
    check_all_pads("she lives at ", "BS7 9EL", " now", TACT_TYPE_POSTCODE);
    check_all_pads("she lives at ", "BS79EL", " now", TACT_TYPE_POSTCODE);
    check_all_pads("she lives at ", "GIR 0AA", " now", TACT_TYPE_POSTCODE);
}

static void test_org_handles(void)
{
    /* an acronym with an org word, upper or lower case: the organisation's */
    CHECK_INT(count_type("thanks to @NSPCC_Learning for this", TACT_TYPE_HANDLE, NULL, NULL), 0);
    CHECK_INT(count_type("thanks to @SWEngland for this", TACT_TYPE_HANDLE, NULL, NULL), 0);
    CHECK_INT(count_type("thanks to @BASWCYMRU_news for this", TACT_TYPE_HANDLE, NULL, NULL), 0);
    /* a person's handle */
    CHECK_INT(count_type("thanks to @JaSmith for this", TACT_TYPE_HANDLE, NULL, NULL), 1);
    /* brand handles with and without a tail */
    CHECK_INT(count_type("thanks to @nspcc for this", TACT_TYPE_HANDLE, NULL, NULL), 0);
    CHECK_INT(count_type("thanks to @nspcc_uk for this", TACT_TYPE_HANDLE, NULL, NULL), 0);
}

int main(void)
{
    if (tact_ruleset_compile(NULL, &rs_, NULL) != TACT_OK) {
        fprintf(stderr, "cannot compile the ruleset\n");
        return 1;
    }
    static const th_test tests[] = {{"numbers_at_every_offset", test_numbers_at_every_offset},
                                    {"postcodes_at_every_offset", test_postcodes_at_every_offset},
                                    {"org_handles", test_org_handles},
                                    {NULL, NULL}};
    int rc = th_run(tests);
    tact_ruleset_free(rs_);
    return rc;
}
