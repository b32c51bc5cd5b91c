/* io.c - reading inputs with clear errors that never echo their content. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *cli_prog = "tact";

int cli_read_all(const char *path, cli_input *in)
{
    in->data = NULL;
    in->len = 0;
    bool is_stdin = !path || strcmp(path, "-") == 0;
    const char *label = is_stdin ? "standard input" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: cannot open %s: %s\n", cli_prog, label, strerror(errno));
        return EX_NOINPUT_;
    }
    if (!is_stdin) {
        struct stat st;
        if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
            fprintf(stderr, "%s: cannot read %s: it is a directory\n", cli_prog, label);
            fclose(f);
            return EX_NOINPUT_;
        }
    }
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap);
    if (!buf) {
        fprintf(stderr, "%s: out of memory\n", cli_prog);
        if (!is_stdin)
            fclose(f);
        return EX_SOFTWARE_;
    }
    for (;;) {
        if (len == cap) {
            if (cap >= CLI_MAX_INPUT) {
                fprintf(stderr, "%s: %s is larger than %zu MiB; split it, or use --format jsonl\n",
                        cli_prog, label, CLI_MAX_INPUT >> 20);
                free(buf);
                if (!is_stdin)
                    fclose(f);
                return EX_DATAERR_;
            }
            size_t ncap = cap * 2 > CLI_MAX_INPUT ? CLI_MAX_INPUT : cap * 2;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                fprintf(stderr, "%s: out of memory reading %s\n", cli_prog, label);
                free(buf);
                if (!is_stdin)
                    fclose(f);
                return EX_SOFTWARE_;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    int saved = errno;
    if (!is_stdin)
        fclose(f);
    if (bad) {
        fprintf(stderr, "%s: cannot read %s: %s\n", cli_prog, label, strerror(saved));
        free(buf);
        return EX_NOINPUT_;
    }
    in->data = buf;
    in->len = len;
    return 0;
}

bool cli_opt(int argc, char **argv, int *i, const char *name, const char **value)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0)
        return false;
    if (a[n] == '=') {
        *value = a + n + 1;
        return true;
    }
    if (a[n] != '\0')
        return false;
    if (*i + 1 >= argc) {
        *value = NULL;
        return true;
    }
    *value = argv[++*i];
    return true;
}
