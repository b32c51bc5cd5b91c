/* idents.c - structured identifiers (placeholder: tokens the tokenizer already typed). */
#include "internal.h"

int tact__idents_compile(tact_ruleset *rs, tact_error *err)
{
    (void)rs;
    (void)err;
    return TACT_OK;
}

void tact__idents_free(tact_ruleset *rs)
{
    (void)rs;
}

int tact__idents_scan(tact_scanner *sc)
{
    for (size_t i = 0; i < sc->ntoks; i++) {
        const tact__token *t = &sc->toks[i];
        int rc = TACT_OK;
        if (t->kind == TACT__TOK_EMAIL)
            rc = tact__add(sc, t->start, t->end, TACT_TYPE_EMAIL, -1, 0.99f, "email", NULL, NULL);
        else if (t->kind == TACT__TOK_URL)
            rc = tact__add(sc, t->start, t->end, TACT_TYPE_URL, -1, 0.95f, "url", NULL, NULL);
        else if (t->kind == TACT__TOK_HANDLE)
            rc = tact__add(sc, t->start, t->end, TACT_TYPE_HANDLE, -1, 0.9f, "handle", NULL, NULL);
        if (rc)
            return rc;
    }
    return TACT_OK;
}
