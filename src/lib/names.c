/* names.c - people and places in informal text (placeholder until the tagger lands). */
#include "internal.h"

int tact__names_compile(tact_ruleset *rs, tact_error *err)
{
    (void)rs;
    (void)err;
    return TACT_OK;
}

void tact__names_free(tact_ruleset *rs)
{
    (void)rs;
}

int tact__names_scan(tact_scanner *sc)
{
    (void)sc;
    return TACT_OK;
}

void tact__names_scratch_free(tact_scanner *sc)
{
    (void)sc;
}
