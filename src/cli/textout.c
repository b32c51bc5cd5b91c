/*
 * textout.c - compiler-style diagnostics: file:line:col, the line of text,
 * a caret line under the span, the guidance and what to do; then a verdict
 * line and a short summary. Colour only when writing to a terminal.
 */
#include "cli.h"

#include <string.h>
#include <utf8proc.h>

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_YELLOW "\033[1;33m"
#define C_GREEN "\033[1;32m"
#define C_CYAN "\033[36m"

static const char *sev_colour(tact_severity s)
{
    return s == TACT_SEV_HIGH ? C_RED : (s == TACT_SEV_MEDIUM ? C_YELLOW : C_CYAN);
}

/* Display columns of text[a..b): wide characters count two, marks none. */
static size_t columns(const char *text, size_t a, size_t b)
{
    size_t cols = 0, i = a;
    while (i < b) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)text + i,
                                              (utf8proc_ssize_t)(b - i), &cp);
        if (l <= 0) {
            cols++;
            i++;
            continue;
        }
        if (cp == '\t')
            cols += 8 - cols % 8;
        else {
            int w = utf8proc_charwidth(cp);
            cols += w > 0 ? (size_t)w : 0;
        }
        i += (size_t)l;
    }
    return cols;
}

/* Write text[a..b) with control characters shown as spaces, so a hostile
 * post cannot move the cursor or change the terminal. */
static void put_clean(FILE *out, const char *text, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\t' || c >= 0x20)
            fputc(c == 0x7f ? ' ' : c, out);
        else
            fputc(' ', out);
    }
}

void cli_print_text(FILE *out, const tact_ruleset *rs, const char *label, const char *text,
                    size_t len, const tact_result *res, bool colour)
{
    for (size_t k = 0; k < res->count; k++) {
        const tact_finding *f = &res->findings[k];
        size_t line = 1, ls = 0;
        for (size_t i = 0; i < f->start; i++)
            if (text[i] == '\n') {
                line++;
                ls = i + 1;
            }
        size_t le = f->start;
        while (le < len && text[le] != '\n')
            le++;
        size_t col = columns(text, ls, f->start) + 1;
        /* Long lines: show a window around the span. */
        size_t ws = ls, we = le;
        if (f->start - ls > 60) {
            ws = f->start - 40;
            while (ws > ls && ((unsigned char)text[ws] & 0xC0) == 0x80)
                ws--;
        }
        if (we > f->end + 60) {
            we = f->end + 40;
            while (we < le && ((unsigned char)text[we] & 0xC0) == 0x80)
                we++;
        }
        size_t span_end = f->end < we ? f->end : we;
        fprintf(out, "%s%s:%zu:%zu:%s %s%s%s: %s%s%s: %s [%s]\n", colour ? C_BOLD : "", label,
                line, col, colour ? C_RESET : "", colour ? sev_colour(f->severity) : "",
                tact_severity_name(f->severity), colour ? C_RESET : "", colour ? C_BOLD : "",
                tact_type_name(f->type), colour ? C_RESET : "", f->message, f->rule);
        fprintf(out, "%6zu | %s", line, ws > ls ? "..." : "");
        put_clean(out, text, ws, we);
        fprintf(out, "%s\n       | %s", we < le ? "..." : "", ws > ls ? "   " : "");
        size_t pad = columns(text, ws, f->start), width = columns(text, f->start, span_end);
        for (size_t i = 0; i < pad; i++)
            fputc(' ', out);
        if (colour)
            fputs(sev_colour(f->severity), out);
        fputc('^', out);
        for (size_t i = 1; i < width; i++)
            fputc('~', out);
        if (colour)
            fputs(C_RESET, out);
        fputc('\n', out);
        fputs("       = guidance:", out);
        const char *done[TACT_GUIDE_COUNT];
        size_t ndone = 0;
        for (unsigned bit = 1; bit < (1u << TACT_GUIDE_COUNT); bit <<= 1) {
            if (!(f->guidance & bit))
                continue;
            const char *id = tact_ruleset_guidance_id(rs, bit);
            bool dup = false;
            for (size_t d = 0; d < ndone; d++)
                dup = dup || strcmp(done[d], id) == 0;
            if (dup)
                continue;
            fprintf(out, "%s %s (%s)", ndone ? ";" : "", id, tact_ruleset_guidance_title(rs, bit));
            done[ndone++] = id;
        }
        fprintf(out, "\n       = %s: %s\n", f->category == TACT_CAT_CONDUCT ? "what to do" : "replace with",
                f->suggestion);
    }
}

void cli_print_summary(FILE *out, const tact_result *res, bool colour)
{
    const char *vc = res->verdict == TACT_VERDICT_BLOCK ? C_RED
                     : res->verdict == TACT_VERDICT_REVIEW ? C_YELLOW : C_GREEN;
    const char *words = res->verdict == TACT_VERDICT_BLOCK ? "do not post"
                        : res->verdict == TACT_VERDICT_REVIEW ? "think again" : "ok to post";
    size_t nid = 0, ncon = 0;
    for (size_t i = 0; i < res->count; i++) {
        if (res->findings[i].category == TACT_CAT_CONDUCT)
            ncon++;
        else
            nid++;
    }
    fprintf(out, "%sverdict: %s (%s)%s - %s\n", colour ? vc : "", tact_verdict_name(res->verdict),
            words, colour ? C_RESET : "", res->reason ? res->reason : "");
    if (res->count == 0)
        return;
    /* an ok post's findings are noted only (the author's own details, a
     * public figure, a slur quoted to condemn it): asking to remove them
     * would contradict the verdict */
    if (res->verdict == TACT_VERDICT_OK) {
        fprintf(out, "summary: %zu detail%s noted; nothing needs changing before you post.\n",
                res->count, res->count == 1 ? "" : "s");
        return;
    }
    fprintf(out, "summary: %zu identifying detail%s, %zu conduct concern%s.", nid, nid == 1 ? "" : "s",
            ncon, ncon == 1 ? "" : "s");
    if (nid)
        fputs(" Remove or anonymise the identifying details (tact redact makes a safe version).", out);
    if (ncon)
        fputs(" Rephrase or remove the conduct concerns; tact does not rewrite those for you.", out);
    fputc('\n', out);
}
