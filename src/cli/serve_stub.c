/* serve_stub.c - `tact serve` when the server is not built (TACT_SERVER=OFF). */
#include "cli.h"

#ifndef TACT_HAVE_SERVER
int cli_serve(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "%s serve: this build has no server (rebuild with -DTACT_SERVER=ON)\n", cli_prog);
    return EX_SOFTWARE_;
}
#endif
