/* alloc.c - allocators, growable buffers, the per-scan arena, errors. */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static void *std_malloc(void *ctx, size_t n)
{
    (void)ctx;
    return malloc(n);
}

static void *std_realloc(void *ctx, void *p, size_t n)
{
    (void)ctx;
    return realloc(p, n);
}

static void std_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

void tact__alloc_init(tact__alloc *a, const tact_allocator *user)
{
    if (user && user->malloc && user->realloc && user->free) {
        a->malloc = user->malloc;
        a->realloc = user->realloc;
        a->free = user->free;
        a->ctx = user->ctx;
        return;
    }
    a->malloc = std_malloc;
    a->realloc = std_realloc;
    a->free = std_free;
    a->ctx = NULL;
}

void *tact__malloc(const tact__alloc *a, size_t n)
{
    return a->malloc(a->ctx, n ? n : 1);
}

void *tact__calloc(const tact__alloc *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    size_t n = count * size;
    /* the C library's own calloc when it is ours: its large blocks come
     * zeroed from the system, and start-up's big tables are mostly never
     * written (memset of them was a seventh of start-up) */
    if (a->malloc == std_malloc)
        return calloc(n ? n : 1, 1);
    void *p = tact__malloc(a, n);
    if (p && n)
        memset(p, 0, n);
    return p;
}

void *tact__realloc(const tact__alloc *a, void *p, size_t n)
{
    if (!p)
        return tact__malloc(a, n);
    return a->realloc(a->ctx, p, n ? n : 1);
}

void tact__free(const tact__alloc *a, void *p)
{
    if (p)
        a->free(a->ctx, p);
}

int tact__grow(const tact__alloc *a, void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return TACT_OK;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return TACT_ENOMEM;
        ncap *= 2;
    }
    if (elem && ncap > SIZE_MAX / elem)
        return TACT_ENOMEM;
    void *p = tact__realloc(a, *arr, ncap * elem);
    if (!p)
        return TACT_ENOMEM;
    *arr = p;
    *cap = ncap;
    return TACT_OK;
}

int tact__buf_reserve(const tact__alloc *a, tact__buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        return TACT_ENOMEM;
    return tact__grow(a, (void **)&b->p, &b->cap, b->len + extra + 1, 1);
}

int tact__buf_put(const tact__alloc *a, tact__buf *b, const void *s, size_t n)
{
    if (tact__buf_reserve(a, b, n) != TACT_OK)
        return TACT_ENOMEM;
    if (n)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return TACT_OK;
}

int tact__buf_puts(const tact__alloc *a, tact__buf *b, const char *s)
{
    return tact__buf_put(a, b, s, strlen(s));
}

int tact__buf_putc(const tact__alloc *a, tact__buf *b, char c)
{
    return tact__buf_put(a, b, &c, 1);
}

/*
 * JSON string escaping. Input is valid UTF-8 (the scanner validated it, or
 * replaced invalid bytes); bytes that are not valid UTF-8 anyway are written
 * as U+FFFD so the output is always valid JSON. Writes at most
 * TACT__JSON_MAX(n) bytes at o (no terminating NUL) and returns the end.
 */
/* Whether any of the 8 bytes in w needs escaping: a control byte (< 0x20),
 * '"', '\\' or a byte >= 0x80 (checked as UTF-8 one code point at a time).
 * The zero-byte tricks are exact as to whether some byte matches. */
/* 1 for the bytes esc8 looks for: < 0x20, '"', '\\', >= 0x80 */
const unsigned char tact__json_esc_byte[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

static bool esc8(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
    uint64_t lt20 = (w - ones * 0x20) & ~w;
    uint64_t zq = (q - ones) & ~q, zb = (b - ones) & ~b;
    return ((lt20 | zq | zb | w) & high) != 0;
}

char *tact__json_esc(char *o, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    *o++ = '"';
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        for (uint64_t w; run + 8 <= n; run += 8) {
            memcpy(&w, s + run, 8);
            if (esc8(w))
                break;
        }
        while (run < n && !tact__json_esc_byte[(unsigned char)s[run]])
            run++;
        memcpy(o, s + i, run - i);
        o += run - i;
        i = run;
        if (i >= n)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t') {
            *o++ = '\\';
            *o++ = c == '\n' ? 'n' : c == '\r' ? 'r' : c == '\t' ? 't' : (char)c;
            i++;
        } else if (c < 0x20) {
            memcpy(o, "\\u00", 4);
            o[4] = hex[c >> 4];
            o[5] = hex[c & 15];
            o += 6;
            i++;
        } else {
            int32_t cp;
            size_t l = tact__utf8_decode((const unsigned char *)s, n, i, &cp);
            if (cp < 0) {
                memcpy(o, "\xEF\xBF\xBD", 3); /* U+FFFD for each bad byte */
                o += 3;
            } else if (cp == 0x2028 || cp == 0x2029) {
                /* valid JSON, but breaks JavaScript string literals */
                memcpy(o, cp == 0x2028 ? "\\u2028" : "\\u2029", 6);
                o += 6;
            } else {
                memcpy(o, s + i, l);
                o += l;
            }
            i += l;
        }
    }
    *o++ = '"';
    return o;
}

int tact__buf_json_str(const tact__alloc *a, tact__buf *b, const char *s, size_t n)
{
    if (n > (SIZE_MAX - 2) / 6 || tact__buf_reserve(a, b, TACT__JSON_MAX(n)) != TACT_OK)
        return TACT_ENOMEM;
    b->len = (size_t)(tact__json_esc(b->p + b->len, s, n) - b->p);
    b->p[b->len] = '\0';
    return TACT_OK;
}

void tact__buf_free(const tact__alloc *a, tact__buf *b)
{
    tact__free(a, b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

int tact__err(tact_error *err, int code, size_t offset, const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    err->offset = offset;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

/* ---- per-scan arena ---------------------------------------------------- */

#define ARENA_ALIGN 16u
#define ARENA_HDR ((sizeof(tact__arena_block) + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1))

void *tact__scratch(tact_scanner *sc, size_t n)
{
    n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    tact__arena_block *b = sc->arena;
    if (b && b->size - b->used >= n) {
        void *p = (char *)b + ARENA_HDR + b->used;
        b->used += n;
        return p;
    }
    size_t size = b ? b->size * 2 : 64 * 1024;
    while (size < n)
        size *= 2;
    tact__arena_block *nb = tact__malloc(&sc->a, ARENA_HDR + size);
    if (!nb)
        return NULL;
    nb->next = b;
    nb->size = size;
    nb->used = n;
    sc->arena = nb;
    return (char *)nb + ARENA_HDR;
}

/* Keep only the largest block so that steady-state scans do not allocate. */
void tact__scratch_reset(tact_scanner *sc)
{
    tact__arena_block *b = sc->arena;
    if (!b)
        return;
    tact__arena_block *rest = b->next;
    b->next = NULL;
    b->used = 0;
    while (rest) {
        tact__arena_block *n = rest->next;
        tact__free(&sc->a, rest);
        rest = n;
    }
}

void tact__scratch_free(tact_scanner *sc)
{
    tact__arena_block *b = sc->arena;
    while (b) {
        tact__arena_block *n = b->next;
        tact__free(&sc->a, b);
        b = n;
    }
    sc->arena = NULL;
}
