/*
 * pmgen - compile the conduct pattern lists once, at build time, and write
 * the frozen trie (tact__pm_snapshot), so that libtact adopts it at
 * start-up instead of compiling a few hundred thousand trie nodes each time
 * a ruleset is compiled.
 *
 * usage: tact-pmgen OUT.pm
 *
 * Linked with the library's own objects and the embedded lists (not the
 * run-time data, which this file is part of), it runs exactly the compile
 * the library runs; the library checks at start-up, by a digest of the
 * lists, that the snapshot was made from its own lists.
 */
#include "conduct_match.h"

#include "write_file.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: tact-pmgen OUT.pm\n");
        return 64;
    }
    tact_ruleset rs;
    memset(&rs, 0, sizeof rs);
    tact__alloc_init(&rs.a, NULL);
    tact_error err;
    memset(&err, 0, sizeof err);
    int rc = tact__conduct_compile(&rs, &err);
    if (rc != TACT_OK) {
        fprintf(stderr, "tact-pmgen: %s\n", err.message[0] ? err.message : tact_strerror(rc));
        tact__conduct_free(&rs);
        return 65;
    }
    tact__buf out = {NULL, 0, 0};
    const tact__pm *pm = tact__conduct_pm(&rs);
    if (!pm || (rc = tact__pm_snapshot(&rs.a, pm, &out)) != TACT_OK) {
        fprintf(stderr, "tact-pmgen: %s\n", tact_strerror(pm ? rc : TACT_EINVAL));
        tact__conduct_free(&rs);
        return 70;
    }
    /* the library adopts the embedded snapshot on its header alone
     * (tact__pm_adopt_builtin): the whole check is made here, once */
    tact__pm *check = NULL;
    if ((rc = tact__pm_new(&rs.a, &check)) != TACT_OK ||
        (rc = tact__pm_adopt(&rs.a, check, out.p, out.len)) != TACT_OK) {
        fprintf(stderr, "tact-pmgen: the snapshot does not check: %s\n", tact_strerror(rc));
        tact__pm_free(&rs.a, check);
        tact__conduct_free(&rs);
        tact__buf_free(&rs.a, &out);
        return 70;
    }
    tact__pm_free(&rs.a, check);
    if (write_file(argv[1], out.p, out.len) != 0) {
        fprintf(stderr, "tact-pmgen: cannot write %s\n", argv[1]);
        tact__conduct_free(&rs);
        tact__buf_free(&rs.a, &out);
        return 73;
    }
    fprintf(stderr, "tact-pmgen: %zu bytes\n", out.len);
    tact__buf_free(&rs.a, &out);
    tact__conduct_free(&rs);
    return 0;
}
