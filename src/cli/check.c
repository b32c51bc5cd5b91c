/*
 * check.c - `tact check`: screen text from files or standard input.
 *
 * text and json formats read each input whole as one post; jsonl reads JSON
 * lines {"id":..,"text":..} and writes one result per line, in order, using
 * --jobs worker threads over batches of lines.
 */
#include "cli.h"
#include "jsonl.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char check_usage[] =
    "usage: tact check [options] [FILE...]\n"
    "\n"
    "Screen a draft post (or many) for anything that could identify a service user\n"
    "or a case, and for conduct that professional guidance says must not be posted.\n"
    "With no FILE, or FILE '-', read standard input.\n"
    "\n"
    "options:\n"
    "  --format text|json|jsonl  text: diagnostics with carets (default)\n"
    "                            json: one result object per input\n"
    "                            jsonl: input is JSON lines {\"id\":..,\"text\":..};\n"
    "                                   one result object per line, same order\n"
    "  --policy FILE             local policy file (employer names, allow-list,\n"
    "                            severity overrides; see tact(1))\n"
    "  --replace-invalid         read invalid UTF-8 bytes as U+FFFD instead of failing\n"
    "  --rules-only              the verdict of the rules alone, without the whole-post\n"
    "                            reading that may settle a review as ok or block,\n"
    "                            or soften a block to review\n"
    "  --jobs N                  worker threads for jsonl (default: 1; 0: all cores)\n"
    "  --colour auto|always|never  colour in text output (default auto: on a terminal)\n"
    "  -h, --help                show this help\n"
    "\n"
    "exit status: 0 every post ok, 1 worst verdict review, 2 worst verdict block,\n"
    "64 usage error, 65 malformed input, 66 input not readable, 70 internal error.\n"
    "In jsonl mode a malformed line gives {\"line\":N,\"error\":..} and exit 65 after\n"
    "every other line has been screened.\n";

enum fmt { FMT_TEXT, FMT_JSON, FMT_JSONL };

typedef struct check_opts {
    enum fmt format;
    const char *policy;
    unsigned scan_flags;
    int jobs;
    bool colour;
} check_opts;

static int verdict_exit(tact_verdict v)
{
    return v == TACT_VERDICT_BLOCK ? 2 : (v == TACT_VERDICT_REVIEW ? 1 : 0);
}

int cli_ruleset(const char *policy_path, tact_ruleset **rs)
{
    tact_ruleset_options o = TACT_RULESET_OPTIONS_INIT;
    cli_input pol = {NULL, 0};
    if (policy_path) {
        int rc = cli_read_all(policy_path, &pol);
        if (rc)
            return rc;
        o.policy = pol.data;
        o.policy_len = pol.len;
    }
    tact_error err;
    int rc = tact_ruleset_compile(&o, rs, &err);
    free(pol.data);
    if (rc == TACT_OK)
        return 0;
    if (rc == TACT_EPARSE) {
        fprintf(stderr, "%s: %s: %s\n", cli_prog, policy_path ? policy_path : "policy", err.message);
        return EX_DATAERR_;
    }
    fprintf(stderr, "%s: cannot start: %s\n", cli_prog, err.message);
    return EX_SOFTWARE_;
}

/* ---- whole-input formats ------------------------------------------------ */

static int check_one(const tact_ruleset *rs, tact_scanner *sc, const check_opts *o, const char *path, int *worst)
{
    cli_input in;
    int rc = cli_read_all(path, &in);
    if (rc)
        return rc;
    const char *label = (!path || strcmp(path, "-") == 0) ? "<stdin>" : path;
    const tact_result *res;
    tact_error err;
    rc = tact_scanner_scan(sc, in.data, in.len, o->scan_flags, &res, &err);
    if (rc != TACT_OK) {
        if (rc == TACT_EUTF8)
            fprintf(stderr, "%s: %s: not valid UTF-8 at byte %zu (use --replace-invalid to read it anyway)\n",
                    cli_prog, label, err.offset);
        else
            fprintf(stderr, "%s: %s: %s\n", cli_prog, label, err.message);
        free(in.data);
        return rc == TACT_EUTF8 || rc == TACT_ERANGE ? EX_DATAERR_ : EX_SOFTWARE_;
    }
    if (o->format == FMT_TEXT) {
        cli_print_text(stdout, rs, label, in.data, in.len, res, o->colour);
        cli_print_summary(stdout, res, o->colour);
    } else {
        const char *json;
        size_t jl;
        bool named = path && strcmp(path, "-") != 0;
        if (tact_result_json(sc, named ? path : NULL, named ? strlen(path) : 0, &json, &jl, &err)) {
            fprintf(stderr, "%s: %s\n", cli_prog, err.message);
            free(in.data);
            return EX_SOFTWARE_;
        }
        fwrite(json, 1, jl, stdout);
        fputc('\n', stdout);
    }
    if ((int)res->verdict > *worst)
        *worst = (int)res->verdict;
    free(in.data);
    return 0;
}

/* ---- JSON lines ------------------------------------------------------------ */

typedef struct obuf {
    char *p;
    size_t len, cap;
} obuf;

static int obuf_put(obuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap : 4096;
        while (nc < b->len + n + 1)
            nc *= 2;
        char *np = realloc(b->p, nc);
        if (!np)
            return -1;
        b->p = np;
        b->cap = nc;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    return 0;
}

/* obuf_put of s and then a newline, with one capacity check. */
static int obuf_put_line(obuf *b, const char *s, size_t n)
{
    if (obuf_put(b, s, n))
        return -1;
    /* obuf_put keeps a byte spare after what it holds */
    b->p[b->len++] = '\n';
    return 0;
}

typedef struct line_ref {
    size_t off, len;
    unsigned long lineno;
} line_ref;

typedef struct worker {
    pthread_t th;
    tact_scanner *sc;
    const check_opts *o;
    const char *base;
    const line_ref *lines;
    size_t first, count;
    obuf out;
    int worst;
    bool data_error;
    bool oom;
    char *jbuf; /* the JSON lines reader's strings, reused line after line */
    size_t jcap;
    /* the first worker of a batch writes its lines to stdout as its buffer
     * fills (nothing is written before them): a small buffer reused, not
     * one grown to the batch's size; a failed write is kept in werr */
    bool direct;
    int werr;
} worker;

#define OBUF_FLUSH ((size_t)64 << 10)

static int put_error(obuf *b, unsigned long lineno, const char *msg)
{
    char tmp[256];
    int n = snprintf(tmp, sizeof tmp, "{\"line\":%lu,\"error\":\"%s\"}\n", lineno, msg);
    return obuf_put(b, tmp, (size_t)n);
}

static void screen_line(worker *w, const line_ref *lr)
{
    cli_jsonl_item item;
    const char *why;
    if (cli_jsonl_parse_buf(w->base + lr->off, lr->len, &item, &why, &w->jbuf, &w->jcap) != 0) {
        w->data_error = true;
        if (put_error(&w->out, lr->lineno, why))
            w->oom = true;
        return;
    }
    const tact_result *res;
    tact_error err;
    int rc = tact_scanner_scan(w->sc, item.text, item.text_len, w->o->scan_flags, &res, &err);
    if (rc != TACT_OK) {
        w->data_error = true;
        char msg[160];
        if (rc == TACT_EUTF8)
            snprintf(msg, sizeof msg, "text is not valid UTF-8 at byte %zu", err.offset);
        else
            snprintf(msg, sizeof msg, "%s", tact_strerror(rc));
        if (put_error(&w->out, lr->lineno, msg))
            w->oom = true;
        cli_jsonl_free(&item);
        return;
    }
    const char *json;
    size_t jl;
    if (tact_result_json(w->sc, item.id, item.id_len, &json, &jl, &err) ||
        obuf_put_line(&w->out, json, jl))
        w->oom = true;
    else if (w->direct && w->out.len >= OBUF_FLUSH && !w->werr) {
        errno = 0;
        if (fwrite(w->out.p, 1, w->out.len, stdout) != w->out.len)
            w->werr = errno ? errno : EIO;
        w->out.len = 0;
    }
    if ((int)res->verdict > w->worst)
        w->worst = (int)res->verdict;
    cli_jsonl_free(&item);
}

static void *worker_run(void *arg)
{
    worker *w = arg;
    for (size_t i = 0; i < w->count && !w->oom && !w->werr; i++)
        screen_line(w, &w->lines[w->first + i]);
    return NULL;
}

#define BATCH_LINES 4096
#define BATCH_BYTES ((size_t)16 << 20)

static int check_jsonl_stream(const tact_ruleset *rs, const check_opts *o, FILE *f,
                              const char *label, int *worst, bool *data_error)
{
    int nw = o->jobs;
    worker *ws = calloc((size_t)nw, sizeof *ws);
    line_ref *lines = malloc(BATCH_LINES * sizeof *lines);
    char *buf = NULL;
    size_t cap = 0, len = 0;
    int rc = 0;
    if (!ws || !lines)
        goto oom;
    for (int k = 0; k < nw; k++) {
        if (tact_scanner_new(rs, NULL, &ws[k].sc, NULL) != TACT_OK)
            goto oom;
        ws[k].o = o;
    }
    unsigned long lineno = 0;
    bool eof = false;
    size_t start = 0; /* start of the unconsumed part of buf */
    while (!eof || start < len) {
        /* fill: keep reading until we have BATCH_LINES lines or EOF */
        size_t nl = 0, pos = start;
        for (;;) {
            char *nlp = pos < len ? memchr(buf + pos, '\n', len - pos) : NULL;
            if (nlp) {
                size_t e = (size_t)(nlp - buf);
                lines[nl].off = pos;
                lines[nl].len = e - pos;
                nl++;
                pos = e + 1;
                if (nl == BATCH_LINES || pos - start >= BATCH_BYTES)
                    break;
                continue;
            }
            if (eof) {
                if (pos < len) {
                    lines[nl].off = pos;
                    lines[nl].len = len - pos;
                    nl++;
                    pos = len;
                }
                break;
            }
            /* need more input: compact, grow, read */
            if (start > 0) {
                memmove(buf, buf + start, len - start);
                for (size_t k = 0; k < nl; k++)
                    lines[k].off -= start;
                len -= start;
                pos -= start;
                start = 0;
            }
            if (len == cap) {
                size_t nc = cap ? cap * 2 : (size_t)1 << 20;
                if (nc > CLI_MAX_INPUT * 2) {
                    fprintf(stderr, "%s: %s: a line is longer than %zu MiB\n", cli_prog, label,
                            CLI_MAX_INPUT >> 20);
                    rc = EX_DATAERR_;
                    goto done;
                }
                char *nb = realloc(buf, nc);
                if (!nb)
                    goto oom;
                buf = nb;
                cap = nc;
            }
            size_t got = fread(buf + len, 1, cap - len, f);
            if (got == 0) {
                if (ferror(f)) {
                    fprintf(stderr, "%s: cannot read %s: %s\n", cli_prog, label, strerror(errno));
                    rc = EX_NOINPUT_;
                    goto done;
                }
                eof = true;
            }
            len += got;
        }
        /* number the lines; blank lines are reported, not skipped */
        for (size_t k = 0; k < nl; k++)
            lines[k].lineno = ++lineno;
        if (nl == 0)
            break;
        /* split the batch between workers, contiguous, in order */
        int used = nw;
        if ((size_t)used > nl)
            used = (int)nl;
        size_t per = nl / (size_t)used, extra = nl % (size_t)used, first = 0;
        for (int k = 0; k < used; k++) {
            worker *w = &ws[k];
            w->base = buf;
            w->lines = lines;
            w->first = first;
            w->count = per + ((size_t)k < extra ? 1 : 0);
            w->out.len = 0;
            w->direct = k == 0;
            first += w->count;
        }
        bool started[256] = {false};
        for (int k = 1; k < used; k++)
            started[k] = pthread_create(&ws[k].th, NULL, worker_run, &ws[k]) == 0;
        worker_run(&ws[0]);
        for (int k = 1; k < used; k++) {
            if (started[k])
                pthread_join(ws[k].th, NULL);
            else
                worker_run(&ws[k]); /* no thread to be had: do it here */
        }
        for (int k = 0; k < used; k++) {
            if (ws[k].oom)
                goto oom;
            if (ws[k].werr) {
                fprintf(stderr, "%s: cannot write output: %s\n", cli_prog, strerror(ws[k].werr));
                rc = EX_IOERR_;
                goto done;
            }
            if (fwrite(ws[k].out.p ? ws[k].out.p : "", 1, ws[k].out.len, stdout) != ws[k].out.len) {
                fprintf(stderr, "%s: cannot write output: %s\n", cli_prog, strerror(errno));
                rc = EX_IOERR_;
                goto done;
            }
        }
        start = pos;
    }
    goto done;
oom:
    fprintf(stderr, "%s: out of memory\n", cli_prog);
    rc = EX_SOFTWARE_;
done:
    if (ws) {
        for (int k = 0; k < nw; k++) {
            if (ws[k].worst > *worst)
                *worst = ws[k].worst;
            if (ws[k].data_error)
                *data_error = true;
            tact_scanner_free(ws[k].sc);
            free(ws[k].out.p);
            free(ws[k].jbuf);
        }
    }
    free(ws);
    free(lines);
    free(buf);
    return rc;
}

int cli_check(int argc, char **argv)
{
    check_opts o = {FMT_TEXT, NULL, 0, 1, false};
    const char *colour = "auto";
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    int nfiles = 0, rc = 0;
    if (!files)
        return EX_SOFTWARE_;
    for (int i = 1; i < argc; i++) {
        const char *v;
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(check_usage, stdout);
            free(files);
            return 0;
        } else if (cli_opt(argc, argv, &i, "--format", &v)) {
            if (!v || (strcmp(v, "text") && strcmp(v, "json") && strcmp(v, "jsonl"))) {
                fprintf(stderr, "%s check: --format takes text, json or jsonl\n", cli_prog);
                free(files);
                return EX_USAGE_;
            }
            o.format = v[0] == 't' ? FMT_TEXT : (strcmp(v, "json") == 0 ? FMT_JSON : FMT_JSONL);
        } else if (cli_opt(argc, argv, &i, "--policy", &v)) {
            if (!v) {
                fprintf(stderr, "%s check: --policy needs a file\n", cli_prog);
                free(files);
                return EX_USAGE_;
            }
            o.policy = v;
        } else if (cli_opt(argc, argv, &i, "--jobs", &v)) {
            char *end;
            long n = v ? strtol(v, &end, 10) : -1;
            if (!v || *end || n < 0 || n > 256) {
                fprintf(stderr, "%s check: --jobs takes a number from 0 to 256\n", cli_prog);
                free(files);
                return EX_USAGE_;
            }
            o.jobs = (int)n;
        } else if (cli_opt(argc, argv, &i, "--colour", &v) || cli_opt(argc, argv, &i, "--color", &v)) {
            if (!v || (strcmp(v, "auto") && strcmp(v, "always") && strcmp(v, "never"))) {
                fprintf(stderr, "%s check: --colour takes auto, always or never\n", cli_prog);
                free(files);
                return EX_USAGE_;
            }
            colour = v;
        } else if (strcmp(a, "--replace-invalid") == 0) {
            o.scan_flags |= TACT_SCAN_REPLACE_INVALID;
        } else if (strcmp(a, "--rules-only") == 0) {
            o.scan_flags |= TACT_SCAN_RULES_ONLY;
        } else if (strcmp(a, "--") == 0) {
            for (i++; i < argc; i++)
                files[nfiles++] = argv[i];
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "%s check: unknown option '%s' (see tact check --help)\n", cli_prog, a);
            free(files);
            return EX_USAGE_;
        } else {
            files[nfiles++] = a;
        }
    }
    if (o.jobs == 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        o.jobs = n > 0 ? (int)n : 1;
    }
    o.colour = strcmp(colour, "always") == 0 || (strcmp(colour, "auto") == 0 && isatty(1) &&
                                                  !getenv("NO_COLOR"));
    if (nfiles == 0)
        files[nfiles++] = "-";
    tact_ruleset *rs = NULL;
    if ((rc = cli_ruleset(o.policy, &rs)) != 0) {
        free(files);
        return rc;
    }
    int worst = 0, first_err = 0;
    bool data_error = false;
    if (o.format == FMT_JSONL) {
        for (int k = 0; k < nfiles; k++) {
            bool is_stdin = strcmp(files[k], "-") == 0;
            FILE *f = is_stdin ? stdin : fopen(files[k], "rb");
            if (!f) {
                fprintf(stderr, "%s: cannot open %s: %s\n", cli_prog, files[k], strerror(errno));
                if (!first_err)
                    first_err = EX_NOINPUT_;
                continue;
            }
            int r = check_jsonl_stream(rs, &o, f, is_stdin ? "standard input" : files[k], &worst,
                                       &data_error);
            if (!is_stdin)
                fclose(f);
            if (r && !first_err)
                first_err = r;
        }
    } else {
        tact_scanner *sc = NULL;
        if (tact_scanner_new(rs, NULL, &sc, NULL) != TACT_OK) {
            fprintf(stderr, "%s: out of memory\n", cli_prog);
            tact_ruleset_free(rs);
            free(files);
            return EX_SOFTWARE_;
        }
        for (int k = 0; k < nfiles; k++) {
            int r = check_one(rs, sc, &o, files[k], &worst);
            if (r && !first_err)
                first_err = r;
        }
        tact_scanner_free(sc);
    }
    tact_ruleset_free(rs);
    free(files);
    if (fflush(stdout) != 0) {
        fprintf(stderr, "%s: cannot write output: %s\n", cli_prog, strerror(errno));
        return EX_IOERR_;
    }
    if (first_err)
        return first_err;
    if (data_error)
        return EX_DATAERR_;
    return verdict_exit((tact_verdict)worst);
}
