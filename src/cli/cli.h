/* cli.h - what the files of the tact command share. */
#ifndef TACT_CLI_H
#define TACT_CLI_H

#include "tact.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* sysexits(3) values the command uses */
#define EX_OK_ 0
#define EX_USAGE_ 64
#define EX_DATAERR_ 65
#define EX_NOINPUT_ 66
#define EX_SOFTWARE_ 70
#define EX_CANTCREAT_ 73
#define EX_IOERR_ 74

/* Largest single input the command reads whole (text and json formats). */
#define CLI_MAX_INPUT ((size_t)64 << 20)

typedef struct cli_input {
    char *data;
    size_t len;
} cli_input;

/* Read a whole file ("-" or NULL: standard input). On failure prints a
 * message naming the file (never its content) and returns the exit code. */
int cli_read_all(const char *path, cli_input *in);

/* Subcommands: each returns the process exit status. */
int cli_check(int argc, char **argv);
int cli_redact(int argc, char **argv);
int cli_serve(int argc, char **argv);
int cli_policy(int argc, char **argv);

/* Load a policy file into ruleset options; returns 0 or an exit code. */
int cli_ruleset(const char *policy_path, tact_ruleset **rs);

/* Text diagnostics for one scanned post. */
void cli_print_text(FILE *out, const tact_ruleset *rs, const char *label, const char *text,
                    size_t len, const tact_result *res, bool colour);
/* The short summary at the end of text output. */
void cli_print_summary(FILE *out, const tact_result *res, bool colour);

/* Option parsing helpers: "--name=value" or "--name value". */
bool cli_opt(int argc, char **argv, int *i, const char *name, const char **value);

extern const char *cli_prog;

#endif
