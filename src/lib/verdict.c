/* verdict.c - the rule table that turns findings into ok / review / block. */
#include "internal.h"

int tact__verdict_decide(tact_scanner *sc)
{
    tact_verdict v = TACT_VERDICT_OK;
    for (size_t i = 0; i < sc->nfindings; i++) {
        tact_finding *f = &sc->findings[i];
        tact_verdict fv = f->severity == TACT_SEV_HIGH ? TACT_VERDICT_BLOCK : TACT_VERDICT_REVIEW;
        if (fv > v)
            v = fv;
    }
    for (size_t i = 0; i < sc->nfindings; i++) {
        tact_finding *f = &sc->findings[i];
        tact_verdict fv = f->severity == TACT_SEV_HIGH ? TACT_VERDICT_BLOCK : TACT_VERDICT_REVIEW;
        if (fv == v)
            f->flags |= TACT_FINDING_DRIVES_VERDICT;
    }
    sc->result.verdict = v;
    sc->result.reason = v == TACT_VERDICT_OK ? "Nothing found that guidance objects to."
                        : v == TACT_VERDICT_REVIEW ? "Think again before posting this."
                                                   : "Do not post this as written.";
    return TACT_OK;
}
