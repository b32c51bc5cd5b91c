/*
 * fuzz_redact.c - tact_redact in every mode over any bytes: the size query
 * and the real call must agree, the output must fit what was announced, and
 * a buffer too short for the text must give TACT_ERANGE. (While redact is not built
 * the library returns TACT_EINTERNAL, which is accepted.)
 */
#include "fuzz_common.h"

static void one_mode(tact_scanner *sc, const char *text, size_t size, tact_redact_mode mode)
{
    tact_redact_options o = TACT_REDACT_OPTIONS_INIT;
    o.mode = mode;
    if (mode == TACT_REDACT_PSEUDONYMISE) {
        o.key = "fuzz-key";
        o.key_len = 8;
    }
    size_t need = 0;
    int rc = tact_redact(sc, text, size, &o, NULL, 0, &need, NULL);
    if (rc == TACT_EINTERNAL || rc == TACT_EUTF8 || rc == TACT_ENOMEM)
        return;
    FUZZ_ASSERT(rc == TACT_OK || rc == TACT_ERANGE);
    FUZZ_ASSERT(need < ((size_t)1 << 30));
    char *buf = malloc(need + 1);
    if (!buf)
        return;
    size_t need2 = 0;
    rc = tact_redact(sc, text, size, &o, buf, need + 1, &need2, NULL);
    FUZZ_ASSERT(rc == TACT_OK || rc == TACT_ENOMEM);
    if (rc == TACT_OK) {
        FUZZ_ASSERT(need2 == need);
        FUZZ_ASSERT(buf[need] == '\0');
        size_t nrepl = 0;
        const tact_replacement *r = tact_redact_replacements(sc, &nrepl);
        FUZZ_ASSERT(nrepl == 0 || r != NULL);
        for (size_t i = 0; i < nrepl; i++) {
            FUZZ_ASSERT(r[i].start <= r[i].end && r[i].end <= size);
            FUZZ_ASSERT(r[i].replacement != NULL);
        }
        const tact_result *res = tact_scanner_result(sc);
        if (res)
            fuzz_check_result(res, size);
    }
    if (need > 0) {
        /* the text itself does not fit: TACT_ERANGE (cap == need fits all but the NUL) */
        rc = tact_redact(sc, text, size, &o, buf, need - 1, &need2, NULL);
        FUZZ_ASSERT(rc == TACT_ERANGE || rc == TACT_ENOMEM);
    }
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tact_scanner *sc = fuzz_scanner();
    const char *text = (const char *)data;
    one_mode(sc, text, size, TACT_REDACT_MASK);
    one_mode(sc, text, size, TACT_REDACT_REMOVE);
    one_mode(sc, text, size, TACT_REDACT_PSEUDONYMISE);
    one_mode(sc, text, size, TACT_REDACT_GENERALISE);
    return 0;
}
