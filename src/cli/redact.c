/*
 * redact.c - `tact redact`: write a safe version of a post.
 *
 * A thin front end over tact_redact: read the input whole, pick the mode,
 * print the safe text (and a note on what still needs the author's
 * attention), or the JSON of tact_redact_json: the text, the replacements
 * made and the conduct findings left in place.
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
    "                        what still needs your attention; json: one line,\n"
    "                        {\"mode\", \"text\" (the safe text), \"replacements\":\n"
    "                        [{\"start\", \"end\" (bytes of the input), \"type\",\n"
    "                        \"original\", \"replacement\"}], \"remaining\": [finding\n"
    "                        objects as in tact check, offsets into the safe text]}\n"
    "  --no-originals        json: leave \"original\" out of the replacements\n"
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
    "\"remaining\": the conduct findings, with offsets and text from the safe\n"
    "text; identifiers are all rewritten, so none is listed). The same JSON is\n"
    "what POST /v1/redact of tact serve answers.\n"
    "\n"
    "exit status: 0 safe text written and nothing else found, 1 safe text written\n"
    "but conduct findings remain, 64 usage error, 65 malformed input (invalid\n"
    "UTF-8), 66 input or key file not readable, 70 internal error.\n";

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
        const char *json;
        size_t jl;
        r = tact_redact_json(sc, o.originals ? 0 : TACT_REDACT_JSON_NO_ORIGINALS, &json, &jl, NULL);
        if (r != TACT_OK) {
            fprintf(stderr, "%s: %s\n", cli_prog, tact_strerror(r));
            rc = EX_SOFTWARE_;
            goto done;
        }
        fwrite(json, 1, jl, stdout);
        fputc('\n', stdout);
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
    free(safe);
    free(in.data);
    free(key.data);
    tact_scanner_free(sc);
    tact_ruleset_free(rs);
    return rc;
}
