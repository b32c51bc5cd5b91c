/* conduct.c - professional conduct findings (placeholder until the lexicons land). */
#include "internal.h"

int tact__conduct_compile(tact_ruleset *rs, tact_error *err)
{
    (void)rs;
    (void)err;
    return TACT_OK;
}

void tact__conduct_free(tact_ruleset *rs)
{
    (void)rs;
}

int tact__conduct_scan(tact_scanner *sc)
{
    (void)sc;
    return TACT_OK;
}

void tact__conduct_scratch_free(tact_scanner *sc)
{
    (void)sc;
}
