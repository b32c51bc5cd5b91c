/*
 * verdict-features.c - the whole-post reading's features of each post, for
 * tools/train-verdict.py: the trainer and the scorer
 * (src/lib/verdict_model.c) share one feature function.
 *
 * Standard input holds one post a line, with backslash escapes for what a
 * line cannot hold ("\n", "\r", "\t", "\\"). Each post is screened by the
 * library as tact check does, with the rules alone (TACT_SCAN_RULES_ONLY);
 * the output line is the rules' verdict, a tab, and the features, each as
 * "name value", separated by tabs.
 *
 *   tact-verdict-features < posts.txt > features.tsv
 *
 * With --probs, the built-in model's probabilities of ok, review and block
 * follow the rules' verdict instead of the features, and then the verdict
 * with the model ("review 0.0312 0.8121 0.1567 review").
 */
#include "verdict_model.h"

#include <stdio.h>
#include <stdlib.h>

static void print_feature(void *ctx, const char *name, size_t n, float v)
{
    (void)ctx;
    printf("\t%.*s %g", (int)n, name, (double)v);
}

static size_t unescape(char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n) {
            char c = s[++i];
            s[o++] = c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : c;
        } else {
            s[o++] = s[i];
        }
    }
    return o;
}

int main(int argc, char **argv)
{
    bool probs = argc > 1 && strcmp(argv[1], "--probs") == 0;
    if (argc > 1 && !probs) {
        fputs("usage: tact-verdict-features [--probs] < posts.txt\n", stderr);
        return 64;
    }
    tact_ruleset *rs = NULL;
    tact_scanner *sc = NULL;
    tact_error err;
    if (tact_ruleset_compile(NULL, &rs, &err) != TACT_OK ||
        tact_scanner_new(rs, NULL, &sc, &err) != TACT_OK) {
        fputs("verdict-features: cannot build the ruleset\n", stderr);
        return 70;
    }
    if (probs && !tact__vm_of(rs)) {
        fputs("verdict-features: no verdict model is built in\n", stderr);
        tact_scanner_free(sc);
        tact_ruleset_free(rs);
        return 70;
    }
    static char line[1 << 17];
    unsigned long lineno = 0;
    int status = 0;
    while (fgets(line, sizeof line, stdin)) {
        lineno++;
        size_t len = strlen(line);
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        len = unescape(line, len);
        const tact_result *res = NULL;
        if (tact_scanner_scan(sc, line, len, TACT_SCAN_REPLACE_INVALID | TACT_SCAN_RULES_ONLY,
                              &res, &err) != TACT_OK) {
            fprintf(stderr, "verdict-features: line %lu could not be screened\n", lineno);
            status = 65;
            break;
        }
        fputs(tact_verdict_name(res->verdict), stdout);
        if (probs) {
            float p[3];
            if (tact__vm_probs(tact__vm_of(rs), sc, p) != TACT_OK) {
                status = 70;
                break;
            }
            const tact_result *full = NULL;
            if (tact_scanner_scan(sc, line, len, TACT_SCAN_REPLACE_INVALID, &full, &err) !=
                TACT_OK) {
                status = 65;
                break;
            }
            printf(" %.4f %.4f %.4f %s", (double)p[0], (double)p[1], (double)p[2],
                   tact_verdict_name(full->verdict));
        } else {
            tact__vm_features(sc, print_feature, NULL);
        }
        fputc('\n', stdout);
    }
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
    return status;
}
