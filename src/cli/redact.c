/* redact.c - `tact redact` (placeholder until safe versions land). */
#include "cli.h"

int cli_redact(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "%s redact: not available in this build\n", cli_prog);
    return EX_SOFTWARE_;
}
