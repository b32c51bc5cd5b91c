/*
 * lexgen - build the general word lexicon from the word lists and write it
 * frozen (tact__lex_freeze), so that libtact maps it at start-up instead of
 * hashing half a million words each time a ruleset is compiled.
 *
 * usage: tact-lexgen OUT.lex
 *
 * Linked with the library's own lex.c and lexicon.c and the embedded lists,
 * so the lexicon is exactly what the library would build itself.
 */
#include "internal.h"

#include "write_file.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: tact-lexgen OUT.lex\n");
        return 64;
    }
    tact__alloc a;
    tact__alloc_init(&a, NULL);
    tact__lex lx;
    tact__buf out = {NULL, 0, 0};
    if (tact__lexicon_build(&a, &lx) != TACT_OK || tact__lex_freeze(&a, &lx, &out) != TACT_OK) {
        fprintf(stderr, "tact-lexgen: out of memory\n");
        return 70;
    }
    if (write_file(argv[1], out.p, out.len) != 0) {
        fprintf(stderr, "tact-lexgen: cannot write %s\n", argv[1]);
        return 73;
    }
    fprintf(stderr, "tact-lexgen: %u words, %zu bytes\n", lx.count, out.len);
    tact__lex_free(&a, &lx);
    tact__buf_free(&a, &out);
    return 0;
}
