/*
 * redact_json.c - tact_redact_json: the one writer of the safe-version JSON
 * that `tact redact --format json` and `POST /v1/redact` print.
 *
 * "remaining" holds the conduct findings of the scan tact_redact made (it
 * never rewrites them), moved into the safe text. They are written by
 * tact__json_finding, the writer of tact_result_json's findings, so a
 * remaining finding and a finding of `tact check` are one object written by
 * one function.
 */
#include "redact.h"

#include <stdio.h>

static const char *mode_name(unsigned m)
{
    static const char *const names[] = {"mask", "redact", "pseudonymise", "generalise"};
    return m < sizeof names / sizeof names[0] ? names[m] : "mask";
}

/* Where each replacement starts in the safe text, and its length there. */
typedef struct rd_map {
    const tact_replacement *r;
    size_t n;
    size_t *at, *len;
} rd_map;

/* Move a byte offset of the original into the safe text. An offset inside a
 * replaced span moves to the start of what replaced it (is_end: its end). */
static size_t map_offset(const rd_map *m, size_t o, bool is_end)
{
    size_t lo = 0, hi = m->n; /* first replacement that ends after o */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->r[mid].end <= o)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < m->n && m->r[lo].start < o)
        return m->at[lo] + (is_end ? m->len[lo] : 0);
    if (lo == 0)
        return o;
    return m->at[lo - 1] + m->len[lo - 1] + (o - m->r[lo - 1].end);
}

/*
 * Append the "remaining" array to out: the conduct findings, which a safe
 * version does not remove, at their offsets in the safe text.
 */
static int put_remaining(tact_scanner *sc, const rd_map *m, tact__buf *out)
{
    const tact_result *res = &sc->result;
    if (tact__buf_putc(&sc->a, out, '['))
        return TACT_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < res->count; i++) {
        const tact_finding *f = &res->findings[i];
        if (f->category != TACT_CAT_CONDUCT)
            continue;
        tact_finding moved = *f;
        moved.start = map_offset(m, f->start, false);
        moved.end = map_offset(m, f->end, true);
        /* only a scan given undocumented flag bits could break these */
        if (moved.start > sc->redact_out.len)
            moved.start = sc->redact_out.len;
        if (moved.end > sc->redact_out.len)
            moved.end = sc->redact_out.len;
        if (moved.end < moved.start)
            moved.end = moved.start;
        if ((n++ && tact__buf_putc(&sc->a, out, ',')) ||
            tact__json_finding(sc, out, &moved, sc->redact_out.p))
            return TACT_ENOMEM;
    }
    return tact__buf_putc(&sc->a, out, ']');
}

static int put_replacements(tact_scanner *sc, const rd_map *m, bool originals, tact__buf *out)
{
    const tact__alloc *a = &sc->a;
    if (tact__buf_putc(a, out, '['))
        return TACT_ENOMEM;
    for (size_t i = 0; i < m->n; i++) {
        const tact_replacement *r = &m->r[i];
        const char *type = tact_type_name(r->type);
        char num[80];
        int k = snprintf(num, sizeof num, "%s{\"start\":%zu,\"end\":%zu,\"type\":", i ? "," : "",
                         r->start, r->end);
        if (tact__buf_put(a, out, num, (size_t)k) || tact__buf_json_str(a, out, type, strlen(type)))
            return TACT_ENOMEM;
        if (originals && (tact__buf_puts(a, out, ",\"original\":") ||
                          tact__buf_json_str(a, out, sc->text + r->start, r->end - r->start)))
            return TACT_ENOMEM;
        if (tact__buf_puts(a, out, ",\"replacement\":") ||
            tact__buf_json_str(a, out, r->replacement, m->len[i]) || tact__buf_putc(a, out, '}'))
            return TACT_ENOMEM;
    }
    return tact__buf_putc(a, out, ']');
}

int tact_redact_json(tact_scanner *sc, unsigned flags, const char **json, size_t *json_len,
                     tact_error *err)
{
    if (!sc || !json || (flags & ~(unsigned)TACT_REDACT_JSON_NO_ORIGINALS))
        return tact__err(err, TACT_EINVAL, SIZE_MAX, "invalid argument");
    if (!sc->have_result || !sc->redacted)
        return tact__err(err, TACT_EINVAL, SIZE_MAX, "no safe version on this scanner");
    rd_map m = {NULL, 0, NULL, NULL};
    m.r = tact_redact_replacements(sc, &m.n);
    size_t prev_end = 0;
    for (size_t i = 0; i < m.n; i++) {
        if (m.r[i].start < prev_end || m.r[i].end < m.r[i].start || m.r[i].end > sc->len)
            return tact__err(err, TACT_EINVAL, SIZE_MAX, "no safe version on this scanner");
        prev_end = m.r[i].end;
    }
    const char *mode = mode_name(sc->redact_mode);
    tact__buf out = {NULL, 0, 0};
    int rc = TACT_ENOMEM;
    if (m.n) {
        m.at = tact__malloc(&sc->a, 2 * m.n * sizeof *m.at);
        if (!m.at)
            goto fail;
        m.len = m.at + m.n;
        for (size_t i = 0; i < m.n; i++) {
            m.len[i] = strlen(m.r[i].replacement);
            m.at[i] = i ? m.at[i - 1] + m.len[i - 1] + (m.r[i].start - m.r[i - 1].end)
                        : m.r[i].start;
        }
    }
    if (tact__buf_puts(&sc->a, &out, "{\"mode\":") ||
        tact__buf_json_str(&sc->a, &out, mode, strlen(mode)) ||
        tact__buf_puts(&sc->a, &out, ",\"text\":") ||
        tact__buf_json_str(&sc->a, &out, sc->redact_out.p ? sc->redact_out.p : "",
                           sc->redact_out.len) ||
        tact__buf_puts(&sc->a, &out, ",\"replacements\":"))
        goto fail;
    if ((rc = put_replacements(sc, &m, !(flags & TACT_REDACT_JSON_NO_ORIGINALS), &out)) != TACT_OK)
        goto fail;
    if (tact__buf_puts(&sc->a, &out, ",\"remaining\":")) {
        rc = TACT_ENOMEM;
        goto fail;
    }
    if ((rc = put_remaining(sc, &m, &out)) != TACT_OK)
        goto fail;
    if (tact__buf_putc(&sc->a, &out, '}')) { /* tact__buf keeps a NUL after len */
        rc = TACT_ENOMEM;
        goto fail;
    }
    tact__free(&sc->a, m.at);
    tact__buf_free(&sc->a, &sc->json);
    sc->json = out;
    *json = out.p;
    if (json_len)
        *json_len = out.len;
    return TACT_OK;
fail:
    tact__free(&sc->a, m.at);
    tact__buf_free(&sc->a, &out);
    return tact__err(err, rc, SIZE_MAX, "%s", tact_strerror(rc));
}
