/*
 * http.c - libmicrohttpd glue: collect a request (headers, body within the
 * limit), hand it to srv_handle(), send what it answers, log one line.
 *
 * The log line holds the method, the matched route (never the raw path, which
 * a client could fill with anything), status, response bytes and duration:
 * never a header value or any part of a body.
 */
#include "http.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_REQ_HEADERS 48

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
    MHD_get_connection_values(c, MHD_HEADER_KIND, collect_header, &hl);
    srv_request req = {method, url, hl.h, hl.n, st->body, st->len, st->too_large};
    srv_response r;
    srv_handle(h->ctx, &req, &r);
    struct MHD_Response *mr;
    if (r.owned) {
        mr = MHD_create_response_from_buffer(r.body_len, r.owned, MHD_RESPMEM_MUST_FREE);
        if (mr)
            r.owned = NULL; /* MHD frees it now */
    } else {
        mr = MHD_create_response_from_buffer(r.body_len, (void *)(size_t)r.body,
                                             MHD_RESPMEM_PERSISTENT);
    }
    if (!mr) {
        srv_response_free(&r);
        return MHD_NO;
    }
    for (size_t i = 0; i < r.nheaders; i++)
        MHD_add_response_header(mr, r.headers[i].name, r.headers[i].value);
    if (st->too_large)
        MHD_add_response_header(mr, MHD_HTTP_HEADER_CONNECTION, "close");
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)r.status, mr);
    MHD_destroy_response(mr);
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
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
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
    srv_http *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->ctx = ctx;
    h->max_body = srv_ctx_max_body(ctx);
    h->quiet = o->quiet;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO;
    if (o->ipv6)
        flags |= MHD_USE_IPv6;
    h->d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, h,
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
    MHD_stop_daemon(h->d);
    free(h);
}
