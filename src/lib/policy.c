/* policy.c - the organisation's local policy (placeholder). */
#include "internal.h"

int tact__policy_compile(tact_ruleset *rs, const char *text, size_t len, tact_error *err)
{
    (void)rs;
    (void)text;
    (void)len;
    (void)err;
    return TACT_OK;
}

void tact__policy_free(tact_ruleset *rs)
{
    (void)rs;
}

int tact__policy_apply(tact_scanner *sc)
{
    (void)sc;
    return TACT_OK;
}
