/*
 * conduct-features.c - the learned conduct model's features of each line of
 * standard input, for tools/train-conduct.py: the trainer and the scorer
 * (src/lib/conduct_model.c) share one feature function.
 *
 * Each line is screened by the library as tact check does; the output line
 * is the conduct types the rules found (comma-separated, "-" for none;
 * findings of the model itself, rules "model.*", are left out), a tab, and
 * the feature hashes in hexadecimal separated by spaces.
 *
 *   tact-conduct-features < lines.txt > features.tsv
 *
 * With --scores, the embedded model's probability for each of its types is
 * printed instead of the features ("case_discussion=0.1234 ..."), for
 * looking at what the model makes of a post.
 */
#include "conduct_model.h"

#include <stdio.h>
#include <stdlib.h>

static void print_feature(void *ctx, uint64_t h, size_t tok)
{
    (void)tok;
    int *first = ctx;
    printf("%s%016llx", *first ? "" : " ", (unsigned long long)h);
    *first = 0;
}

int main(int argc, char **argv)
{
    bool scores = argc > 1 && strcmp(argv[1], "--scores") == 0;
    tact__cm *cm = NULL;
    tact__alloc a;
    tact__alloc_init(&a, NULL);
    size_t cn = 0;
    const char *cd = tact__data_get("conduct.bin", &cn);
    if (scores && (!cd || tact__cm_load(&a, cd, cn, &cm) != TACT_OK)) {
        fputs("conduct-features: no usable conduct.bin built in\n", stderr);
        return 70;
    }
    tact_ruleset *rs = NULL;
    tact_scanner *sc = NULL;
    tact_error err;
    if (tact_ruleset_compile(NULL, &rs, &err) != TACT_OK ||
        tact_scanner_new(rs, NULL, &sc, &err) != TACT_OK) {
        fputs("conduct-features: cannot build the ruleset\n", stderr);
        return 70;
    }
    static char line[1 << 16];
    unsigned long lineno = 0;
    while (fgets(line, sizeof line, stdin)) {
        lineno++;
        size_t len = strlen(line);
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        const tact_result *res = NULL;
        if (tact_scanner_scan(sc, line, len, TACT_SCAN_REPLACE_INVALID, &res, &err) != TACT_OK) {
            fprintf(stderr, "conduct-features: line %lu could not be screened\n", lineno);
            tact_scanner_free(sc);
            tact_ruleset_free(rs);
            tact__cm_free(&a, cm);
            return 65;
        }
        unsigned seen = 0;
        int any = 0;
        for (size_t i = 0; i < res->count; i++) {
            const tact_finding *f = &res->findings[i];
            if (f->category != TACT_CAT_CONDUCT || (f->rule && strncmp(f->rule, "model.", 6) == 0))
                continue;
            unsigned bit = 1u << ((unsigned)f->type & 31u);
            if (seen & bit)
                continue;
            seen |= bit;
            printf("%s%s", any ? "," : "", tact_type_name(f->type));
            any = 1;
        }
        if (!any)
            fputs("-", stdout);
        fputc('\t', stdout);
        if (scores) {
            float p[TACT__CM_MAXTYPES];
            tact__cm_score(cm, sc, NULL, 0, p, NULL, NULL);
            for (size_t k = 0; k < tact__cm_ntypes(cm); k++)
                printf("%s%s=%.4f", k ? " " : "", tact_type_name(tact__cm_type(cm, k)),
                       (double)p[k]);
        } else {
            int first = 1;
            tact__cm_features(sc, print_feature, &first);
        }
        fputc('\n', stdout);
    }
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
    tact__cm_free(&a, cm);
    return 0;
}
