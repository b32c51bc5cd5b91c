/* redact.c - safe versions (placeholder). */
#include "internal.h"

int tact_redact(tact_scanner *sc, const char *text, size_t len, const tact_redact_options *opts,
                char *buf, size_t cap, size_t *needed, tact_error *err)
{
    (void)sc; (void)text; (void)len; (void)opts; (void)buf; (void)cap; (void)needed;
    return tact__err(err, TACT_EINTERNAL, SIZE_MAX, "not built yet");
}

const tact_replacement *tact_redact_replacements(const tact_scanner *sc, size_t *count)
{
    (void)sc;
    if (count)
        *count = 0;
    return NULL;
}
