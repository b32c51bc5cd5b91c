/*
 * names-debug - what the names stage saw, for eval/20-names.py: where
 * person recall is lost (the tagger, or the filters after it).
 *
 * usage: names-debug < TEXTS
 *
 * Reads one text per line (no newlines inside a text) and writes one line
 * per text:
 *   T start:end:tag ...  tokens the tagger alone tagged (tag P or L), bytes
 *   C start:end:type:rule ...  names-stage candidates before overlap
 *                        resolution (person and location only)
 * on two lines, "T ..." then "C ...". Offsets are bytes of the line.
 * A development tool: it links the static library; nothing in the product
 * uses it.
 */
#include "internal.h"
#include "names.h"
#include "tagger.h"

#include <stdio.h>
#include <stdlib.h>


int main(void)
{
    tact_ruleset *rs;
    tact_scanner *sc;
    tact_error err;
    if (tact_ruleset_compile(NULL, &rs, &err) || tact_scanner_new(rs, NULL, &sc, &err)) {
        fprintf(stderr, "names-debug: cannot set up the library: %s\n", err.message);
        return 70;
    }
    const names_rules *nr = rs->names;
    size_t cap = 1 << 16;
    char *line = malloc(cap);
    uint8_t *tags = NULL;
    size_t tcap = 0;
    if (!line)
        return 1;
    while (fgets(line, (int)cap, stdin)) {
        size_t l = strlen(line);
        while (l && (line[l - 1] == '\n' || line[l - 1] == '\r'))
            line[--l] = 0;
        sc->ncand = 0;
        tact__scratch_reset(sc);
        sc->text = line;
        sc->len = l;
        if (tact__tokenize(sc) != TACT_OK) {
            printf("T\nC\n");
            continue;
        }
        if (sc->ntoks > tcap) {
            tcap = sc->ntoks * 2;
            tags = realloc(tags, tcap);
            if (!tags)
                return 1;
        }
        printf("T");
        if (nr && nr->model) {
            tact__tagger_tag(nr->model, sc, tags, NULL);
            for (size_t i = 0; i < sc->ntoks; i++)
                if (tags[i] != TG_O)
                    printf(" %u:%u:%c", sc->toks[i].start, sc->toks[i].end,
                           tags[i] == TG_BPER || tags[i] == TG_IPER ? 'P' : 'L');
        }
        printf("\nC");
        sc->ncand = 0;
        if (tact__names_scan(sc) == TACT_OK)
            for (size_t k = 0; k < sc->ncand; k++) {
                const tact__finding *f = &sc->cand[k];
                if (f->f.type != TACT_TYPE_PERSON && f->f.type != TACT_TYPE_LOCATION)
                    continue;
                printf(" %zu:%zu:%c:%s", f->f.start, f->f.end,
                       f->f.type == TACT_TYPE_PERSON ? 'P' : 'L', f->f.rule ? f->f.rule : "-");
            }
        printf("\n");
    }
    free(tags);
    free(line);
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
    return 0;
}
