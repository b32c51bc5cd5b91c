/*
 * write_file.h - how the build-time generators (lexgen, pmgen) write their
 * output: beside it first, then renamed, so that an interrupted or failed
 * run never leaves a partial file that looks up to date to make.
 */
#ifndef TACT_TOOLS_WRITE_FILE_H
#define TACT_TOOLS_WRITE_FILE_H

#include <stdio.h>

/* 0 on success, -1 (with nothing left behind) otherwise. */
static int write_file(const char *path, const void *p, size_t n)
{
    char tmp[4096];
    int tn = snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if (tn <= 0 || (size_t)tn >= sizeof tmp)
        return -1;
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return -1;
    int ok = fwrite(p, 1, n, f) == n;
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path) != 0) {
        remove(tmp);
        return -1;
    }
    return 0;
}

#endif
