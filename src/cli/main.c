/* main.c - the tact command: parse the subcommand and hand over. */
#include "cli.h"

#include <string.h>

static const char usage[] =
    "usage: tact <command> [options] [args]\n"
    "\n"
    "tact (\"think before you post\") checks what a social-care professional is about\n"
    "to post for anything that could identify a service user or a case, and for\n"
    "conduct that professional guidance says must not be posted. Everything runs on\n"
    "this machine; nothing is sent anywhere.\n"
    "\n"
    "commands:\n"
    "  check [FILE...]     screen text from files or standard input\n"
    "  redact [FILE]       write a safe version (mask, redact, pseudonymise, generalise)\n"
    "  serve               start the local web page and JSON API on 127.0.0.1\n"
    "  policy check FILE   check a local policy file and show what it sets\n"
    "\n"
    "  tact <command> --help   help for one command\n"
    "  tact --version          print the version\n"
    "\n"
    "See tact(1) for the verdict rules, the JSON format and exit codes.\n";

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return EX_USAGE_;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("tact %s\n", tact_version());
        return 0;
    }
    if (strcmp(cmd, "check") == 0)
        return cli_check(argc - 1, argv + 1);
    if (strcmp(cmd, "redact") == 0)
        return cli_redact(argc - 1, argv + 1);
    if (strcmp(cmd, "policy") == 0)
        return cli_policy(argc - 1, argv + 1);
    if (strcmp(cmd, "serve") == 0)
        return cli_serve(argc - 1, argv + 1);
    fprintf(stderr, "%s: unknown command '%s' (see tact --help)\n", cli_prog, cmd);
    return EX_USAGE_;
}
