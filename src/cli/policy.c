/* policy.c - `tact policy check FILE`: validate a local policy file. */
#include "cli.h"

#include <string.h>

static const char policy_usage[] =
    "usage: tact policy check FILE\n"
    "\n"
    "Check an organisation's local policy file and print the guidance framework it\n"
    "selects. Exit 0 when it is valid, 65 with the line of the first problem when not.\n"
    "\n"
    "A policy file has sections, one entry a line, '#' for comments:\n"
    "  [policy]     framework = hcpc | swe | sssc   (guidance ids in findings)\n"
    "  [employer]   employer, team and service names, reported as organisation\n"
    "  [allow]      names never reported as identifiers (authors, public figures)\n"
    "  [severity]   TYPE = low | medium | high\n"
    "  [disable]    TYPE   (a finding type not to report at all)\n";

int cli_policy(int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(policy_usage, stdout);
        return 0;
    }
    if (argc != 3 || strcmp(argv[1], "check") != 0) {
        fputs(policy_usage, stderr);
        return EX_USAGE_;
    }
    tact_ruleset *rs = NULL;
    int rc = cli_ruleset(argv[2], &rs);
    if (rc)
        return rc;
    printf("%s: ok (guidance framework: %s)\n", argv[2], tact_ruleset_framework(rs));
    tact_ruleset_free(rs);
    return 0;
}
