/* http.h - the libmicrohttpd glue of `tact serve` (http.c). */
#ifndef TACT_SRV_HTTP_H
#define TACT_SRV_HTTP_H

#include "handler.h"

typedef struct srv_http_opts {
    unsigned threads;         /* worker threads (MHD thread pool) */
    unsigned max_connections; /* concurrent connections */
    unsigned timeout;         /* seconds a connection may stay idle */
    bool quiet;               /* no request log on stderr */
    bool ipv6;                /* listen_fd is an IPv6 socket */
} srv_http_opts;

typedef struct srv_http srv_http;

/* Serve requests arriving on an already bound, listening socket. The
 * context must outlive the server. Returns NULL when MHD cannot start. */
srv_http *srv_http_start(srv_ctx *ctx, int listen_fd, const srv_http_opts *o);
void srv_http_stop(srv_http *h);

#endif
