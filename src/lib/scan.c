/* scan.c - ruleset and scanner lifetimes, the scan pipeline, JSON results. */
#include "internal.h"
#include "verdict_model.h"
#include "tinfo.h"

#include <stdio.h>

const char *tact_version(void)
{
    return TACT_VERSION_STRING;
}

const char *tact_strerror(int status)
{
    switch (status) {
    case TACT_OK: return "success";
    case TACT_ENOMEM: return "out of memory";
    case TACT_EINVAL: return "invalid argument";
    case TACT_EUTF8: return "text is not valid UTF-8";
    case TACT_EPARSE: return "malformed input data";
    case TACT_EIO: return "input/output error";
    case TACT_ERANGE: return "input too large or buffer too small";
    case TACT_EMODEL: return "built-in model or list is corrupt";
    case TACT_EINTERNAL: return "internal error";
    case TACT_EVERSION: return "unsupported options version";
    default: return "unknown error";
    }
}

int tact_ruleset_compile(const tact_ruleset_options *opts, tact_ruleset **out, tact_error *err)
{
    if (!out)
        return tact__err(err, TACT_EINVAL, SIZE_MAX, "no output pointer");
    *out = NULL;
    tact_ruleset_options defaults = TACT_RULESET_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    if (opts->version != TACT_RULESET_OPTIONS_VERSION)
        return tact__err(err, TACT_EVERSION, SIZE_MAX, "ruleset options version %u not supported",
                         opts->version);
    tact__alloc a;
    tact__alloc_init(&a, opts->allocator);
    tact_ruleset *rs = tact__calloc(&a, 1, sizeof *rs);
    if (!rs)
        return tact__err(err, TACT_ENOMEM, SIZE_MAX, "out of memory");
    rs->a = a;
    int rc;
    if ((rc = tact__lexicon_compile(rs, err)) != TACT_OK ||
        (rc = tact__idents_compile(rs, err)) != TACT_OK ||
        (rc = tact__names_compile(rs, err)) != TACT_OK ||
        (rc = tact__conduct_compile(rs, err)) != TACT_OK ||
        (rc = tact__policy_compile(rs, opts->policy, opts->policy_len, err)) != TACT_OK ||
        (rc = tact__tinfo_build(rs)) != TACT_OK || (rc = tact__vm_compile(rs, err)) != TACT_OK) {
        if (rc == TACT_ENOMEM)
            tact__err(err, rc, SIZE_MAX, "out of memory");
        tact_ruleset_free(rs);
        return rc;
    }
    *out = rs;
    return TACT_OK;
}

void tact_ruleset_free(tact_ruleset *rs)
{
    if (!rs)
        return;
    tact__vm_release(rs);
    tact__tinfo_free(rs);
    tact__policy_free(rs);
    tact__conduct_free(rs);
    tact__names_free(rs);
    tact__idents_free(rs);
    tact__lexicon_free(rs);
    tact__alloc a = rs->a;
    tact__free(&a, rs);
}

int tact_scanner_new(const tact_ruleset *rs, const tact_allocator *allocator, tact_scanner **out,
                     tact_error *err)
{
    if (!out)
        return tact__err(err, TACT_EINVAL, SIZE_MAX, "no output pointer");
    *out = NULL;
    if (!rs)
        return tact__err(err, TACT_EINVAL, SIZE_MAX, "no ruleset");
    tact__alloc a = rs->a;
    if (allocator)
        tact__alloc_init(&a, allocator);
    tact_scanner *sc = tact__calloc(&a, 1, sizeof *sc);
    if (!sc)
        return tact__err(err, TACT_ENOMEM, SIZE_MAX, "out of memory");
    sc->rs = rs;
    sc->a = a;
    *out = sc;
    return TACT_OK;
}

void tact_scanner_free(tact_scanner *sc)
{
    if (!sc)
        return;
    tact__names_scratch_free(sc);
    tact__conduct_scratch_free(sc);
    tact__scratch_free(sc);
    tact__free(&sc->a, sc->toks);
    tact__free(&sc->a, sc->findings);
    tact__free(&sc->a, sc->cand);
    tact__free(&sc->a, sc->repl);
    tact__buf_free(&sc->a, &sc->norm);
    tact__buf_free(&sc->a, &sc->json);
    tact__buf_free(&sc->a, &sc->redact_out);
    tact__buf_free(&sc->a, &sc->repl_text);
    for (size_t i = 0; i < TACT__JC_SLOTS; i++)
        tact__free(&sc->a, sc->jc[i].mem);
    tact__alloc a = sc->a;
    tact__free(&a, sc);
}

int tact_scanner_scan(tact_scanner *sc, const char *text, size_t len, unsigned flags,
                      const tact_result **out, tact_error *err)
{
    if (out)
        *out = NULL;
    if (!sc || !out || (!text && len))
        return tact__err(err, TACT_EINVAL, SIZE_MAX, "invalid argument");
    sc->have_result = false;
    sc->redacted = false;
    if (flags & ~(unsigned)(TACT_SCAN_REPLACE_INVALID | TACT_SCAN_RULES_ONLY))
        return tact__err(err, TACT_EINVAL, SIZE_MAX, "unknown scan flags");
    if (len > TACT_MAX_TEXT)
        return tact__err(err, TACT_ERANGE, SIZE_MAX, "text is %zu bytes; the limit is %zu", len,
                         (size_t)TACT_MAX_TEXT);
    if (!text)
        text = "";
    if (!(flags & TACT_SCAN_REPLACE_INVALID)) {
        size_t bad = tact__utf8_validate(text, len);
        if (bad != len)
            return tact__err(err, TACT_EUTF8, bad, "invalid UTF-8 at byte %zu", bad);
    }
    sc->text = text;
    sc->len = len;
    sc->scan_flags = flags;
    sc->ncand = 0;
    sc->nfindings = 0;
    tact__scratch_reset(sc);
    int rc;
    if ((rc = tact__tokenize(sc)) != TACT_OK || (rc = tact__idents_scan(sc)) != TACT_OK ||
        (rc = tact__names_scan(sc)) != TACT_OK || (rc = tact__conduct_scan(sc)) != TACT_OK ||
        (rc = tact__findings_resolve(sc)) != TACT_OK || (rc = tact__policy_apply(sc)) != TACT_OK ||
        (rc = tact__verdict_decide(sc)) != TACT_OK ||
        (!(flags & TACT_SCAN_RULES_ONLY) && (rc = tact__vm_apply(sc)) != TACT_OK)) {
        sc->nfindings = 0;
        return tact__err(err, rc, SIZE_MAX, "%s", tact_strerror(rc));
    }
    sc->result.count = sc->nfindings;
    sc->result.findings = sc->findings;
    sc->have_result = true;
    *out = &sc->result;
    return TACT_OK;
}

const tact_result *tact_scanner_result(const tact_scanner *sc)
{
    return sc && sc->have_result ? &sc->result : NULL;
}

/* Writers into space reserved beforehand: one reserve per finding instead of
 * a capacity check per piece (the JSON is several times the size of the
 * post, so this is on the hot path of `check --format jsonl`). */
static char *put_raw(char *o, const char *s, size_t n)
{
    memcpy(o, s, n);
    return o + n;
}

#define PUT_LIT(o, lit) put_raw((o), (lit), sizeof(lit) - 1)

static char *put_uz(char *o, size_t v)
{
    if (v < 10) {
        *o++ = (char)('0' + v); /* offsets in short posts, the confidence's units */
        return o;
    }
    if (v < 100) {
        *o++ = (char)('0' + v / 10);
        *o++ = (char)('0' + v % 10);
        return o;
    }
    if (v < 1000) { /* (offsets in a tweet) */
        *o++ = (char)('0' + v / 100);
        *o++ = (char)('0' + v / 10 % 10);
        *o++ = (char)('0' + v % 10);
        return o;
    }
    char t[24];
    size_t k = 0;
    do
        t[k++] = (char)('0' + v % 10);
    while (v /= 10);
    while (k)
        *o++ = t[--k];
    return o;
}

/* A confidence with two decimals, as "%.2f" would write it (halves round
 * up). */
static char *put_conf(char *o, float c)
{
    size_t v = c > 0 ? (size_t)((double)c * 100.0 + 0.5) : 0;
    o = put_uz(o, v / 100);
    *o++ = '.';
    *o++ = (char)('0' + v / 10 % 10);
    *o++ = (char)('0' + v % 10);
    return o;
}

/* tact__json_esc for short values (ids, most finding texts): a string of
 * plain bytes quoted in one pass, anything else left to tact__json_esc. */
static char *esc_short(char *o, const char *s, size_t n)
{
    if (n > 32)
        return tact__json_esc(o, s, n);
    char *q = o + 1;
    size_t i = 0;
    /* eight bytes at a time: whether one of them is < 0x20, '"', '\\' or
     * >= 0x80 (the bytes of tact__json_esc_byte; exact, as in alloc.c) */
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t dq = w ^ (ones * '"'), bs = w ^ (ones * '\\');
        if ((((w - ones * 0x20) & ~w) | ((dq - ones) & ~dq) | ((bs - ones) & ~bs) | w) & high)
            return tact__json_esc(o, s, n);
        memcpy(q + i, &w, 8);
    }
    if (i < n && n >= 8) {
        /* the last eight bytes as one more word (the first of them checked
         * already) instead of a byte at a time */
        uint64_t w;
        memcpy(&w, s + n - 8, 8);
        uint64_t dq = w ^ (ones * '"'), bs = w ^ (ones * '\\');
        if ((((w - ones * 0x20) & ~w) | ((dq - ones) & ~dq) | ((bs - ones) & ~bs) | w) & high)
            return tact__json_esc(o, s, n);
        memcpy(q + n - 8, &w, 8);
        i = n;
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (tact__json_esc_byte[c])
            return tact__json_esc(o, s, n);
        q[i] = (char)c;
    }
    o[0] = '"';
    q[n] = '"';
    return q + n + 1;
}

/* ,"key":"escaped value" */
static char *put_kv(char *o, const char *key, size_t klen, const char *v, size_t n)
{
    *o++ = ',';
    *o++ = '"';
    o = put_raw(o, key, klen);
    *o++ = '"';
    *o++ = ':';
    return esc_short(o, v, n);
}

#define PUT_KV(o, lit, v, n) put_kv((o), (lit), sizeof(lit) - 1, (v), (n))

/* The start of a finding's JSON: {"start":..,"end":..,"text":".." */
static char *put_where(char *o, const tact_finding *f, const char *text, size_t tlen)
{
    o = PUT_LIT(o, "{\"start\":");
    o = put_uz(o, f->start);
    o = PUT_LIT(o, ",\"end\":");
    o = put_uz(o, f->end);
    return PUT_KV(o, "text", tlen ? text + f->start : "", tlen);
}

/* The end of a finding's JSON after the suggestion: its flags and '}'. */
static char *put_flags(char *o, const tact_finding *f)
{
    if (f->flags & TACT_FINDING_DRIVES_VERDICT)
        o = PUT_LIT(o, ",\"drives_verdict\":true");
    if (f->flags & TACT_FINDING_PUBLIC_FIGURE)
        o = PUT_LIT(o, ",\"public_figure\":true");
    if (f->flags & TACT_FINDING_OWN_DETAILS)
        o = PUT_LIT(o, ",\"own_details\":true");
    *o++ = '}';
    return o;
}

/* The two slots a finding's kind may be kept in (two ways: with one, two
 * kinds of finding a post keeps writing in turn could share it, and which
 * share one depended on where the linker put the string literals). */
static void jc_slots(tact_scanner *sc, const tact_finding *f, tact__jcache **a, tact__jcache **b)
{
    /* the addresses mixed by a multiply (Fibonacci hashing) */
    uint64_t h = (uint64_t)(uintptr_t)f->message ^ ((uint64_t)(uintptr_t)f->rule << 1) ^
                 (uint64_t)f->type;
    h *= UINT64_C(0x9e3779b97f4a7c15);
    *a = &sc->jc[(h >> 32) % TACT__JC_SLOTS];
    *b = &sc->jc[(h >> 48) % TACT__JC_SLOTS];
}

/* Whether the string s is the n bytes at m: read no further than s's
 * end, so without measuring s first. */
static bool same_str(const char *m, size_t n, const char *s)
{
    return strncmp(m, s, n) == 0 && s[n] == '\0';
}

/* Whether jc holds f's fixed parts (its rule, message and suggestion, of
 * the lengths kept with them). */
static bool jc_hit(const tact__jcache *jc, const tact_finding *f)
{
    return jc->mem && jc->type == (int)f->type && jc->category == (int)f->category &&
           jc->severity == (int)f->severity && jc->guidance == f->guidance &&
           same_str(jc->mem, jc->rlen, f->rule) &&
           same_str(jc->mem + jc->rlen, jc->mlen, f->message) &&
           same_str(jc->mem + jc->rlen + jc->mlen, jc->slen, f->suggestion);
}

/* Keep f's fixed parts in jc: its rule, message and suggestion, f's
 * confidence (a float) and cl (a byte), then the JSON just written at blk:
 * n1 bytes before the confidence, the cl bytes of the confidence
 * (",\"confidence\":0.95"), n2 bytes after it (jc_seg reads them). Best
 * effort: without memory the slot is left empty. */
static void jc_keep(tact_scanner *sc, tact__jcache *jc, const tact_finding *f, size_t rlen,
                    size_t mlen, size_t glen, const char *blk, size_t n1, size_t cl, size_t n2)
{
    float conf = f->confidence;
    char c8 = (char)(unsigned char)cl; /* (the key and put_conf's digits: cl < 64) */
    size_t need = rlen + mlen + glen + sizeof conf + 1 + n1 + cl + n2;
    if (need > jc->cap) {
        char *m = tact__realloc(&sc->a, jc->mem, need);
        if (!m) {
            tact__free(&sc->a, jc->mem);
            memset(jc, 0, sizeof *jc);
            return;
        }
        jc->mem = m;
        jc->cap = need;
    }
    char *o = jc->mem;
    o = put_raw(o, f->rule, rlen);
    o = put_raw(o, f->message, mlen);
    o = put_raw(o, f->suggestion, glen);
    memcpy(o, &conf, sizeof conf);
    o += sizeof conf;
    *o++ = c8;
    put_raw(o, blk, n1 + cl + n2);
    jc->rlen = rlen;
    jc->mlen = mlen;
    jc->slen = glen;
    jc->seg1 = n1;
    jc->seg2 = n2;
    jc->type = (int)f->type;
    jc->category = (int)f->category;
    jc->severity = (int)f->severity;
    jc->guidance = f->guidance;
}

/* The JSON kept in jc (jc_keep): its start, the confidence it was written
 * with and the length of that confidence's text. */
static const char *jc_seg(const tact__jcache *jc, float *conf, size_t *cl)
{
    const char *t = jc->mem + jc->rlen + jc->mlen + jc->slen;
    memcpy(conf, t, sizeof *conf);
    *cl = (unsigned char)t[sizeof *conf];
    return t + sizeof *conf + 1;
}

int tact__json_finding(tact_scanner *sc, tact__buf *b, const tact_finding *f, const char *text)
{
    size_t tlen = f->end - f->start;
    tact__jcache *jc, *jc2;
    jc_slots(sc, f, &jc, &jc2);
    bool hit = jc_hit(jc, f);
    if (!hit && jc2 != jc) {
        /* the second way; a miss in both is kept in an empty one, else in
         * either (by a bit of where the finding is: two kinds that share
         * both slots settle one in each) */
        if ((hit = jc_hit(jc2, f)) || (jc->mem && (!jc2->mem || ((f->start ^ f->end) & 1))))
            jc = jc2;
    }
    if (hit) {
        /* the kind of finding written before: only where it is is new */
        if (tlen > SIZE_MAX / 16 ||
            tact__buf_reserve(&sc->a, b, 256 + TACT__JSON_MAX(tlen) + jc->seg1 + jc->seg2))
            return TACT_ENOMEM;
        size_t cl;
        float kept;
        const char *seg = jc_seg(jc, &kept, &cl);
        char *o = put_where(b->p + b->len, f, text, tlen);
        if (kept == f->confidence) {
            /* the same confidence (the usual case): the JSON kept, whole */
            o = put_raw(o, seg, jc->seg1 + cl + jc->seg2);
        } else {
            o = put_raw(o, seg, jc->seg1);
            o = PUT_LIT(o, ",\"confidence\":");
            o = put_conf(o, f->confidence);
            o = put_raw(o, seg + jc->seg1 + cl, jc->seg2);
        }
        o = put_flags(o, f);
        b->len = (size_t)(o - b->p);
        b->p[b->len] = '\0';
        return TACT_OK;
    }
    size_t rlen = strlen(f->rule), mlen = strlen(f->message), glen = strlen(f->suggestion);
    const char *cat = tact_category_name(f->category), *type = tact_type_name(f->type);
    const char *sev = tact_severity_name(f->severity);
    size_t clen = strlen(cat), ylen = strlen(type), slen = strlen(sev);
    const char *ids[TACT_GUIDE_COUNT];
    size_t nids = 0, idlen = 0;
    /* most findings carry the guidance of the one before: its JSON is kept */
    unsigned key = f->guidance + 1u; /* 0 (all bits set) is never kept */
    bool cached = key && sc->gj_key == key;
    for (unsigned bit = 1; !cached && bit < (1u << TACT_GUIDE_COUNT); bit <<= 1) {
        if (!(f->guidance & bit))
            continue;
        const char *id = tact_ruleset_guidance_id(sc->rs, bit);
        bool dup = false;
        for (size_t k = 0; k < nids; k++)
            dup = dup || strcmp(ids[k], id) == 0;
        if (!dup) {
            ids[nids++] = id;
            idlen += TACT__JSON_MAX(strlen(id)) + 1;
        }
    }
    if (!cached && key && idlen <= sizeof sc->gj) {
        char *g = sc->gj;
        for (size_t k = 0; k < nids; k++) {
            if (k)
                *g++ = ',';
            g = tact__json_esc(g, ids[k], strlen(ids[k]));
        }
        sc->gj_len = (size_t)(g - sc->gj);
        sc->gj_key = key;
        cached = true;
    }
    if (cached)
        idlen = sc->gj_len;
    if (tlen > SIZE_MAX / 16 || mlen > SIZE_MAX / 16 || glen > SIZE_MAX / 16 ||
        rlen > SIZE_MAX / 16)
        return TACT_ENOMEM;
    size_t need = 256 + TACT__JSON_MAX(tlen) + TACT__JSON_MAX(clen) + TACT__JSON_MAX(ylen) +
                  TACT__JSON_MAX(slen) + TACT__JSON_MAX(rlen) + TACT__JSON_MAX(mlen) +
                  TACT__JSON_MAX(glen) + idlen;
    if (tact__buf_reserve(&sc->a, b, need))
        return TACT_ENOMEM;
    char *o = put_where(b->p + b->len, f, text, tlen);
    char *seg1 = o;
    o = PUT_KV(o, "category", cat, clen);
    o = PUT_KV(o, "type", type, ylen);
    o = PUT_KV(o, "severity", sev, slen);
    size_t n1 = (size_t)(o - seg1);
    o = PUT_LIT(o, ",\"confidence\":");
    o = put_conf(o, f->confidence);
    char *seg2 = o;
    size_t cl = (size_t)(seg2 - seg1) - n1;
    o = PUT_KV(o, "rule", f->rule, rlen);
    o = PUT_KV(o, "message", f->message, mlen);
    o = PUT_LIT(o, ",\"guidance\":[");
    if (cached)
        o = put_raw(o, sc->gj, sc->gj_len);
    for (size_t k = 0; !cached && k < nids; k++) {
        if (k)
            *o++ = ',';
        o = tact__json_esc(o, ids[k], strlen(ids[k]));
    }
    *o++ = ']';
    o = PUT_KV(o, "suggestion", f->suggestion, glen);
    jc_keep(sc, jc, f, rlen, mlen, glen, seg1, n1, cl, (size_t)(o - seg2));
    o = put_flags(o, f);
    b->len = (size_t)(o - b->p);
    b->p[b->len] = '\0';
    return TACT_OK;
}

int tact_result_json(tact_scanner *sc, const char *id, size_t id_len, const char **json,
                     size_t *json_len, tact_error *err)
{
    if (!sc || !json || !sc->have_result)
        return tact__err(err, TACT_EINVAL, SIZE_MAX, "no scan result");
    tact__buf *b = &sc->json;
    b->len = 0;
    const char *v = tact_verdict_name(sc->result.verdict);
    const char *reason = sc->result.reason ? sc->result.reason : "";
    size_t vlen = strlen(v), rlen = strlen(reason);
    if (!id)
        id_len = 0;
    if (id_len > SIZE_MAX / 16 || rlen > SIZE_MAX / 16 || vlen > SIZE_MAX / 16)
        goto oom;
    size_t need = 64 + TACT__JSON_MAX(id_len) + TACT__JSON_MAX(vlen) + TACT__JSON_MAX(rlen);
    if (tact__buf_reserve(&sc->a, b, need))
        goto oom;
    /* {"id":..,"verdict":..,"reason":..,"findings":[ */
    char *o = b->p;
    *o++ = '{';
    if (id) {
        o = PUT_LIT(o, "\"id\":");
        o = esc_short(o, id, id_len);
        *o++ = ',';
    }
    o = PUT_LIT(o, "\"verdict\":");
    /* the verdict names are plain words: quoted as they are */
    *o++ = '"';
    o = put_raw(o, v, vlen);
    *o++ = '"';
    o = PUT_LIT(o, ",\"reason\":");
    size_t rs =
        (size_t)((((uint64_t)(uintptr_t)reason * UINT64_C(0x9e3779b97f4a7c15)) >> 32) %
                 TACT__RJ_SLOTS);
    if (rlen && rlen == sc->rj_len[rs] && memcmp(sc->rj[rs], reason, rlen) == 0) {
        o = put_raw(o, sc->rj[rs] + rlen, sc->rj_elen[rs]); /* written before */
    } else {
        char *r0 = o;
        o = tact__json_esc(o, reason, rlen);
        size_t el = (size_t)(o - r0);
        sc->rj_len[rs] = 0;
        if (rlen && rlen + el <= sizeof sc->rj[rs]) {
            memcpy(sc->rj[rs], reason, rlen);
            memcpy(sc->rj[rs] + rlen, r0, el);
            sc->rj_len[rs] = rlen;
            sc->rj_elen[rs] = el;
        }
    }
    o = PUT_LIT(o, ",\"findings\":[");
    b->len = (size_t)(o - b->p);
    b->p[b->len] = '\0';
    for (size_t i = 0; i < sc->result.count; i++) {
        if (i) {
            /* (a finding leaves room after it, but not always) */
            if (b->cap - b->len < 2 && tact__buf_reserve(&sc->a, b, 1))
                goto oom;
            b->p[b->len++] = ',';
        }
        if (tact__json_finding(sc, b, &sc->result.findings[i], sc->text))
            goto oom;
    }
    if (b->cap - b->len < 3 && tact__buf_reserve(&sc->a, b, 2))
        goto oom;
    b->p[b->len++] = ']';
    b->p[b->len++] = '}';
    b->p[b->len] = '\0';
    *json = b->p;
    if (json_len)
        *json_len = b->len;
    return TACT_OK;
oom:
    return tact__err(err, TACT_ENOMEM, SIZE_MAX, "out of memory");
}
