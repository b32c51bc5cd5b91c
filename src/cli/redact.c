/*
 * redact.c - `tact redact`: write a safe version of a post.
 *
 * A thin front end over tact_redact: read the input whole, pick the mode,
 * print the safe text (and a note on what still needs the author's
 * attention), or a JSON object with the text, the replacements made and the
 * conduct findings left in place.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char redact_usage[] =
    "usage: tact redact [options] [FILE]\n"
    "\n"
    "Write a safe version of a post: every identifier tact finds is rewritten.\n"
    "With no FILE, or FILE '-', read standard input.\n"
    "\n"
    "options:\n"
    "  --mode MODE           mask (default): typed, numbered placeholders such as\n"
    "                          [NAME 1], [ADDRESS 1]; the same person or number\n"
    "                          always gets the same placeholder\n"
    "                        redact: remove, tidying spaces and punctuation\n"
    "                        pseudonymise: consistent realistic surrogates (other\n"
    "                          names, drama phone numbers, example.org, ZZ99\n"
    "                          postcodes, 999 NHS numbers, shifted dates)\n"
    "                        generalise: coarser values (year of birth, age band,\n"
    "                          \"a local primary school\", \"a child\")\n"
    "  --format text|json    text (default): the safe text, then a note listing\n"
    "                        what still needs your attention; json: {\"mode\",\n"
    "                        \"text\", \"replacements\", \"remaining\"}\n"
    "  --no-originals        json: leave the original text out of the output\n"
    "  --text-only           text: print only the safe text, without the note\n"
    "  --key-file FILE       a secret that keeps pseudonyms the same across posts\n"
    "                        (default: $TACT_PSEUDONYM_KEY; without either,\n"
    "                        pseudonyms are consistent within one post only)\n"
    "  --policy FILE         local policy file (see tact check --help)\n"
    "  --replace-invalid     read invalid UTF-8 bytes as U+FFFD instead of failing\n"
    "  -h, --help            show this help\n"
    "\n"
    "Conduct findings (case discussion, abuse, venting...) are never rewritten:\n"
    "they need your own judgement and are listed under the text (json:\n"
    "\"remaining\", with offsets into the safe text).\n"
    "\n"
    "exit status: 0 safe text written and nothing else found, 1 safe text written\n"
    "but conduct findings remain, 64 usage error, 65 malformed input (invalid\n"
    "UTF-8), 66 input or key file not readable, 70 internal error.\n";

typedef struct jbuf {
    char *p;
    size_t len, cap;
    bool oom;
} jbuf;

static void jput(jbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap : 4096;
        while (nc < b->len + n + 1)
            nc *= 2;
        char *np = realloc(b->p, nc);
        if (!np) {
            b->oom = true;
            return;
        }
        b->p = np;
        b->cap = nc;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void jputs(jbuf *b, const char *s)
{
    jput(b, s, strlen(s));
}

static void jstr(jbuf *b, const char *s, size_t n)
{
    jput(b, "\"", 1);
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x20 && ch != '"' && ch != '\\')
            continue;
        jput(b, s + run, i - run);
        run = i + 1;
        char esc[8];
        switch (ch) {
        case '"': jput(b, "\\\"", 2); break;
        case '\\': jput(b, "\\\\", 2); break;
        case '\n': jput(b, "\\n", 2); break;
        case '\r': jput(b, "\\r", 2); break;
        case '\t': jput(b, "\\t", 2); break;
        default:
            snprintf(esc, sizeof esc, "\\u%04x", ch);
            jput(b, esc, 6);
        }
    }
    jput(b, s + run, n - run);
    jput(b, "\"", 1);
}

static void jnum(jbuf *b, const char *key, size_t v)
{
    char tmp[64];
    int n = snprintf(tmp, sizeof tmp, "\"%s\":%zu", key, v);
    jput(b, tmp, (size_t)n);
}

/* Map a byte offset of the original into the safe text. An offset inside a
 * replaced span maps to that replacement's start (is_end: its end). */
static size_t map_offset(const tact_replacement *r, size_t nr, size_t o, bool is_end)
{
    long long delta = 0;
    for (size_t i = 0; i < nr; i++) {
        long long rl = (long long)strlen(r[i].replacement);
        if (r[i].end <= o) {
            delta += rl - (long long)(r[i].end - r[i].start);
            continue;
        }
        if (r[i].start < o) {
            long long base = (long long)r[i].start + delta;
            return (size_t)(is_end ? base + rl : base);
        }
        break;
    }
    return (size_t)((long long)o + delta);
}

static const char *mode_name(tact_redact_mode m)
{
    switch (m) {
    case TACT_REDACT_MASK: return "mask";
    case TACT_REDACT_REMOVE: return "redact";
    case TACT_REDACT_PSEUDONYMISE: return "pseudonymise";
    case TACT_REDACT_GENERALISE: return "generalise";
    }
    return "mask";
}

static void json_finding(jbuf *b, const tact_finding *f, const char *safe, size_t s, size_t e,
                         bool originals)
{
    jputs(b, "{");
    jnum(b, "start", s);
    jputs(b, ",");
    jnum(b, "end", e);
    if (originals) {
        jputs(b, ",\"text\":");
        jstr(b, safe + s, e - s);
    }
    jputs(b, ",\"category\":");
    jstr(b, tact_category_name(f->category), strlen(tact_category_name(f->category)));
    jputs(b, ",\"type\":");
    jstr(b, tact_type_name(f->type), strlen(tact_type_name(f->type)));
    jputs(b, ",\"severity\":");
    jstr(b, tact_severity_name(f->severity), strlen(tact_severity_name(f->severity)));
    char tmp[48];
    int n = snprintf(tmp, sizeof tmp, ",\"confidence\":%.2f", (double)f->confidence);
    jput(b, tmp, (size_t)n);
    jputs(b, ",\"rule\":");
    jstr(b, f->rule, strlen(f->rule));
    jputs(b, ",\"message\":");
    jstr(b, f->message, strlen(f->message));
    jputs(b, ",\"guidance\":[");
    bool first = true;
    for (unsigned bit = 1; bit < (1u << TACT_GUIDE_COUNT); bit <<= 1) {
        if (!(f->guidance & bit))
            continue;
        if (!first)
            jputs(b, ",");
        jstr(b, tact_guidance_id(bit), strlen(tact_guidance_id(bit)));
        first = false;
    }
    jputs(b, "],\"suggestion\":");
    jstr(b, f->suggestion, strlen(f->suggestion));
    jputs(b, "}");
}

static int read_key(const char *path, cli_input *key)
{
    int rc = cli_read_all(path, key);
    if (rc)
        return rc;
    while (key->len && (key->data[key->len - 1] == '\n' || key->data[key->len - 1] == '\r'))
        key->len--;
    if (key->len == 0) {
        fprintf(stderr, "%s redact: the key file %s is empty\n", cli_prog, path);
        return EX_DATAERR_;
    }
    return 0;
}

typedef struct redact_opts {
    tact_redact_mode mode;
    bool json, originals, text_only;
    const char *policy, *key_file, *file;
    unsigned flags;
} redact_opts;

static int parse_args(int argc, char **argv, redact_opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *v, *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(redact_usage, stdout);
            return -1;
        } else if (cli_opt(argc, argv, &i, "--mode", &v)) {
            if (v && strcmp(v, "mask") == 0)
                o->mode = TACT_REDACT_MASK;
            else if (v && (strcmp(v, "redact") == 0 || strcmp(v, "remove") == 0))
                o->mode = TACT_REDACT_REMOVE;
            else if (v && (strcmp(v, "pseudonymise") == 0 || strcmp(v, "pseudonymize") == 0))
                o->mode = TACT_REDACT_PSEUDONYMISE;
            else if (v && (strcmp(v, "generalise") == 0 || strcmp(v, "generalize") == 0))
                o->mode = TACT_REDACT_GENERALISE;
            else {
                fprintf(stderr, "%s redact: --mode takes mask, redact, pseudonymise or generalise\n",
                        cli_prog);
                return EX_USAGE_;
            }
        } else if (cli_opt(argc, argv, &i, "--format", &v)) {
            if (!v || (strcmp(v, "text") && strcmp(v, "json"))) {
                fprintf(stderr, "%s redact: --format takes text or json\n", cli_prog);
                return EX_USAGE_;
            }
            o->json = strcmp(v, "json") == 0;
        } else if (cli_opt(argc, argv, &i, "--key-file", &v) ||
                   cli_opt(argc, argv, &i, "--policy", &v)) {
            bool key = strncmp(a, "--key-file", 10) == 0;
            if (!v) {
                fprintf(stderr, "%s redact: %s needs a file\n", cli_prog, key ? "--key-file" : "--policy");
                return EX_USAGE_;
            }
            if (key)
                o->key_file = v;
            else
                o->policy = v;
        } else if (strcmp(a, "--no-originals") == 0) {
            o->originals = false;
        } else if (strcmp(a, "--text-only") == 0) {
            o->text_only = true;
        } else if (strcmp(a, "--replace-invalid") == 0) {
            o->flags |= TACT_SCAN_REPLACE_INVALID;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "%s redact: unknown option '%s' (see tact redact --help)\n", cli_prog, a);
            return EX_USAGE_;
        } else if (o->file) {
            fprintf(stderr, "%s redact: one input at a time (see tact redact --help)\n", cli_prog);
            return EX_USAGE_;
        } else {
            o->file = a;
        }
    }
    return 0;
}

static void text_note(FILE *out, const char *safe, size_t slen, const tact_result *res,
                      const tact_replacement *r, size_t nr, size_t remaining)
{
    if (slen && safe[slen - 1] != '\n')
        fputc('\n', out);
    fprintf(out, "\ntact: %zu thing%s above still need%s your attention before posting "
                 "(not changed):\n",
            remaining, remaining == 1 ? "" : "s", remaining == 1 ? "s" : "");
    for (size_t i = 0; i < res->count; i++) {
        const tact_finding *f = &res->findings[i];
        if (f->category != TACT_CAT_CONDUCT)
            continue;
        size_t s = map_offset(r, nr, f->start, false), e = map_offset(r, nr, f->end, true);
        size_t line = 1, col = 1;
        for (size_t k = 0; k < s && k < slen; k++) {
            if (safe[k] == '\n')
                line++, col = 1;
            else if (((unsigned char)safe[k] & 0xC0) != 0x80)
                col++;
        }
        fprintf(out, "  line %zu, col %zu: %s: %s\n      \"%.*s\"\n", line, col,
                tact_type_name(f->type), f->message, (int)(e > s ? e - s : 0), safe + s);
    }
}

int cli_redact(int argc, char **argv)
{
    redact_opts o = {TACT_REDACT_MASK, false, true, false, NULL, NULL, NULL, 0};
    int rc = parse_args(argc, argv, &o);
    if (rc)
        return rc < 0 ? 0 : rc;
    cli_input key = {NULL, 0}, in = {NULL, 0};
    tact_ruleset *rs = NULL;
    tact_scanner *sc = NULL;
    char *safe = NULL;
    jbuf jb = {NULL, 0, 0, false};
    const char *env = getenv("TACT_PSEUDONYM_KEY");
    if (o.key_file && (rc = read_key(o.key_file, &key)) != 0)
        goto done;
    if ((rc = cli_ruleset(o.policy, &rs)) != 0)
        goto done;
    if (tact_scanner_new(rs, NULL, &sc, NULL) != TACT_OK) {
        fprintf(stderr, "%s: out of memory\n", cli_prog);
        rc = EX_SOFTWARE_;
        goto done;
    }
    if ((rc = cli_read_all(o.file, &in)) != 0)
        goto done;
    const char *label = (!o.file || strcmp(o.file, "-") == 0) ? "<stdin>" : o.file;
    tact_redact_options ro = TACT_REDACT_OPTIONS_INIT;
    ro.mode = o.mode;
    ro.flags = o.flags;
    if (key.data) {
        ro.key = key.data;
        ro.key_len = key.len;
    } else if (env && *env) {
        ro.key = env;
        ro.key_len = strlen(env);
    }
    size_t need = 0;
    tact_error err;
    int r = tact_redact(sc, in.data, in.len, &ro, NULL, 0, &need, &err);
    if (r == TACT_ERANGE || r == TACT_OK) {
        safe = malloc(need + 1);
        r = safe ? tact_redact(sc, in.data, in.len, &ro, safe, need + 1, &need, &err) : TACT_ENOMEM;
    }
    if (r != TACT_OK) {
        if (r == TACT_EUTF8)
            fprintf(stderr, "%s: %s: not valid UTF-8 at byte %zu (use --replace-invalid to read it anyway)\n",
                    cli_prog, label, err.offset);
        else
            fprintf(stderr, "%s: %s: %s\n", cli_prog, label, tact_strerror(r));
        rc = r == TACT_EUTF8 || r == TACT_ERANGE ? EX_DATAERR_ : EX_SOFTWARE_;
        goto done;
    }
    const tact_result *res = tact_scanner_result(sc);
    size_t nr = 0, remaining = 0;
    const tact_replacement *rep = tact_redact_replacements(sc, &nr);
    for (size_t i = 0; res && i < res->count; i++)
        remaining += res->findings[i].category == TACT_CAT_CONDUCT;
    if (o.json) {
        jputs(&jb, "{\"mode\":");
        jstr(&jb, mode_name(o.mode), strlen(mode_name(o.mode)));
        jputs(&jb, ",\"text\":");
        jstr(&jb, safe, need);
        jputs(&jb, ",\"replacements\":[");
        for (size_t i = 0; i < nr; i++) {
            jputs(&jb, i ? ",{" : "{");
            jnum(&jb, "start", rep[i].start);
            jputs(&jb, ",");
            jnum(&jb, "end", rep[i].end);
            jputs(&jb, ",\"type\":");
            jstr(&jb, tact_type_name(rep[i].type), strlen(tact_type_name(rep[i].type)));
            if (o.originals) {
                jputs(&jb, ",\"original\":");
                jstr(&jb, in.data + rep[i].start, rep[i].end - rep[i].start);
            }
            jputs(&jb, ",\"replacement\":");
            jstr(&jb, rep[i].replacement, strlen(rep[i].replacement));
            jputs(&jb, "}");
        }
        jputs(&jb, "],\"remaining\":[");
        bool first = true;
        for (size_t i = 0; res && i < res->count; i++) {
            const tact_finding *f = &res->findings[i];
            if (f->category != TACT_CAT_CONDUCT)
                continue;
            if (!first)
                jputs(&jb, ",");
            first = false;
            json_finding(&jb, f, safe, map_offset(rep, nr, f->start, false),
                         map_offset(rep, nr, f->end, true), o.originals);
        }
        jputs(&jb, "]}\n");
        if (jb.oom) {
            fprintf(stderr, "%s: out of memory\n", cli_prog);
            rc = EX_SOFTWARE_;
            goto done;
        }
        fwrite(jb.p, 1, jb.len, stdout);
    } else {
        fwrite(safe, 1, need, stdout);
        if (remaining && !o.text_only)
            text_note(stdout, safe, need, res, rep, nr, remaining);
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "%s: cannot write output\n", cli_prog);
        rc = EX_IOERR_;
        goto done;
    }
    rc = remaining ? 1 : 0;
done:
    free(jb.p);
    free(safe);
    free(in.data);
    free(key.data);
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
    return rc;
}
