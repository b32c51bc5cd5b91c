/* offensive_score.c - print the offensive-language probability of each line
 * of standard input (one number a line), for eval/45-offensive.py. Uses the
 * model embedded in the library, exactly as tact check does. */
#include "conduct.h"

#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    tact__alloc a;
    tact__alloc_init(&a, NULL);
    size_t n = 0;
    const char *d = tact__data_get("offensive.bin", &n);
    tact__clf *m = NULL;
    if (!d || tact__clf_load(&a, d, n, &m) != TACT_OK) {
        fputs("offensive_score: no usable model built in\n", stderr);
        return 70;
    }
    static char line[1 << 16];
    while (fgets(line, sizeof line, stdin)) {
        size_t len = strlen(line);
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        printf("%.6f\n", (double)tact__clf_score(m, line, len));
    }
    tact__clf_free(&a, m);
    return 0;
}
