/*
 * http.c - libmicrohttpd glue: collect a request (headers, body within the
 * limit), hand it to srv_handle(), send what it answers, log one line.
 *
 * libmicrohttpd is loaded when the server starts (mhd_load), not linked:
 * linked, every run of tact (check, redact, ...) would load and relocate it
 * and its TLS stack (gnutls, nettle, gmp, p11-kit, ...), about a quarter of
 * `tact check`'s start-up, for a library only `tact serve` calls.
 *
 * The log line holds the method, the matched route (never the raw path, which
 * a client could fill with anything), status, response bytes and duration:
 * never a header value or any part of a body.
 */
#include "http.h"

#include <dlfcn.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_REQ_HEADERS 48

#ifndef TACT_MHD_SONAME
#define TACT_MHD_SONAME "libmicrohttpd.so.12"
#endif

/* The libmicrohttpd functions http.c calls, each typed as microhttpd.h
 * declares it (set by mhd_load, before any daemon runs). */
static struct {
    __typeof__(&MHD_start_daemon) MHD_start_daemon;
    __typeof__(&MHD_stop_daemon) MHD_stop_daemon;
    __typeof__(&MHD_get_connection_values) MHD_get_connection_values;
    __typeof__(&MHD_lookup_connection_value) MHD_lookup_connection_value;
    __typeof__(&MHD_create_response_from_buffer) MHD_create_response_from_buffer;
    __typeof__(&MHD_add_response_header) MHD_add_response_header;
    __typeof__(&MHD_queue_response) MHD_queue_response;
    __typeof__(&MHD_destroy_response) MHD_destroy_response;
} mhd;

/* Loads libmicrohttpd and its functions into mhd (once: the library stays
 * loaded). False, with a message on stderr, when it cannot. */
static bool mhd_load(void)
{
    if (mhd.MHD_start_daemon)
        return true;
    void *lib = dlopen(TACT_MHD_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char *e = dlerror();
        fprintf(stderr, "tact serve: cannot load %s: %s\n", TACT_MHD_SONAME, e ? e : "?");
        return false;
    }
#define MHD_SYM(f) {#f, &mhd.f}
    /* (a void * into each function pointer by memcpy: ISO C has no cast
     * between the two, POSIX guarantees they have the same representation) */
    const struct {
        const char *name;
        void *slot;
    } syms[] = {MHD_SYM(MHD_stop_daemon),
                MHD_SYM(MHD_get_connection_values),
                MHD_SYM(MHD_lookup_connection_value),
                MHD_SYM(MHD_create_response_from_buffer),
                MHD_SYM(MHD_add_response_header),
                MHD_SYM(MHD_queue_response),
                MHD_SYM(MHD_destroy_response),
                MHD_SYM(MHD_start_daemon)}; /* (last: set means all are) */
#undef MHD_SYM
    for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++) {
        void *f = dlsym(lib, syms[i].name);
        if (!f) {
            fprintf(stderr, "tact serve: %s has no %s\n", TACT_MHD_SONAME, syms[i].name);
            return false;
        }
        memcpy(syms[i].slot, &f, sizeof f);
    }
    return true;
}

struct srv_http {
    struct MHD_Daemon *d;
    srv_ctx *ctx;
    size_t max_body;
    bool quiet;
};

typedef struct conn_state {
    char *body;
    size_t len, cap;
    bool too_large;
    bool answered;
    struct timespec t0;
} conn_state;

typedef struct header_list {
    srv_header h[MAX_REQ_HEADERS];
    size_t n;
} header_list;

static enum MHD_Result collect_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *value)
{
    (void)kind;
    header_list *hl = cls;
    if (hl->n < MAX_REQ_HEADERS) {
        hl->h[hl->n].name = key;
        hl->h[hl->n].value = value ? value : "";
        hl->n++;
    }
    return MHD_YES;
}

static const char *log_method(const char *m)
{
    static const char *const known[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(m, known[i]) == 0)
            return known[i];
    return "OTHER";
}

static void log_line(const srv_http *h, const conn_state *st, const char *method,
                     const srv_response *r)
{
    if (h->quiet)
        return;
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - st->t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - st->t0.tv_nsec) / 1e6;
    time_t now = time(NULL);
    struct tm tm;
    char ts[32] = "-";
    if (gmtime_r(&now, &tm))
        strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
    fprintf(stderr, "%s %s %s %d %zuB %.1fms\n", ts, log_method(method), r->route ? r->route : "-",
            r->status, r->body_len, ms);
}

static enum MHD_Result answer(srv_http *h, struct MHD_Connection *c, conn_state *st,
                              const char *url, const char *method)
{
    header_list hl;
    hl.n = 0;
    mhd.MHD_get_connection_values(c, MHD_HEADER_KIND, collect_header, &hl);
    srv_request req = {method, url, hl.h, hl.n, st->body, st->len, st->too_large};
    srv_response r;
    srv_handle(h->ctx, &req, &r);
    struct MHD_Response *mr;
    if (r.owned) {
        mr = mhd.MHD_create_response_from_buffer(r.body_len, r.owned, MHD_RESPMEM_MUST_FREE);
        if (mr)
            r.owned = NULL; /* MHD frees it now */
    } else {
        mr = mhd.MHD_create_response_from_buffer(r.body_len, (void *)(size_t)r.body,
                                                 MHD_RESPMEM_PERSISTENT);
    }
    if (!mr) {
        srv_response_free(&r);
        return MHD_NO;
    }
    for (size_t i = 0; i < r.nheaders; i++)
        mhd.MHD_add_response_header(mr, r.headers[i].name, r.headers[i].value);
    if (st->too_large)
        mhd.MHD_add_response_header(mr, MHD_HTTP_HEADER_CONNECTION, "close");
    enum MHD_Result ok = mhd.MHD_queue_response(c, (unsigned)r.status, mr);
    mhd.MHD_destroy_response(mr);
    st->answered = true;
    log_line(h, st, method, &r);
    srv_response_free(&r);
    return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)version;
    srv_http *h = cls;
    conn_state *st = *con_cls;
    if (!st) {
        st = calloc(1, sizeof *st);
        if (!st)
            return MHD_NO;
        clock_gettime(CLOCK_MONOTONIC, &st->t0);
        *con_cls = st;
        /* Refuse an announced oversized body before reading any of it. */
        const char *cl = mhd.MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                         MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl) {
            char *end;
            unsigned long long n = strtoull(cl, &end, 10);
            if (end == cl || n > h->max_body) {
                st->too_large = true;
                return answer(h, c, st, url, method);
            }
        }
        return MHD_YES;
    }
    if (st->answered) {
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (st->too_large || n > h->max_body - st->len) {
            st->too_large = true; /* keep reading (chunked), keep nothing */
            return MHD_YES;
        }
        if (st->len + n > st->cap) {
            size_t cap = st->cap ? st->cap : 4096;
            while (cap < st->len + n)
                cap *= 2;
            char *p = realloc(st->body, cap);
            if (!p)
                return MHD_NO;
            st->body = p;
            st->cap = cap;
        }
        memcpy(st->body + st->len, upload_data, n);
        st->len += n;
        return MHD_YES;
    }
    return answer(h, c, st, url, method);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode code)
{
    (void)cls;
    (void)c;
    (void)code;
    conn_state *st = *con_cls;
    if (st) {
        free(st->body);
        free(st);
        *con_cls = NULL;
    }
}

srv_http *srv_http_start(srv_ctx *ctx, int listen_fd, const srv_http_opts *o)
{
    if (!mhd_load())
        return NULL;
    srv_http *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->ctx = ctx;
    h->max_body = srv_ctx_max_body(ctx);
    h->quiet = o->quiet;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO;
    if (o->ipv6)
        flags |= MHD_USE_IPv6;
    h->d = mhd.MHD_start_daemon(flags, 0, NULL, NULL, on_request, h,
                            MHD_OPTION_LISTEN_SOCKET, (MHD_socket)listen_fd,
                            MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)(o->threads ? o->threads : 1),
                            MHD_OPTION_CONNECTION_LIMIT, (unsigned int)o->max_connections,
                            MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)o->timeout,
                            MHD_OPTION_NOTIFY_COMPLETED, on_completed, h,
                            MHD_OPTION_END);
    if (!h->d) {
        free(h);
        return NULL;
    }
    return h;
}

void srv_http_stop(srv_http *h)
{
    if (!h)
        return;
    mhd.MHD_stop_daemon(h->d);
    free(h);
}
