/*
 * serve.c - `tact serve`: the local web page and JSON API.
 *
 * Binds the socket itself (so that :0 can be resolved to the real port before
 * the first request and bind errors are reported clearly), builds the
 * handler context, starts libmicrohttpd on the socket and waits for SIGINT or
 * SIGTERM.
 */
#include "cli.h"
#include "handler.h"
#include "http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char serve_usage[] =
    "usage: tact serve [options]\n"
    "\n"
    "Start the local web page and JSON API. Open the address it prints in a browser,\n"
    "type or paste a draft, and see what could identify someone and why. Drafts are\n"
    "screened on this machine and never stored or logged.\n"
    "\n"
    "options:\n"
    "  --listen ADDR[:PORT]   address to listen on (default 127.0.0.1:8080);\n"
    "                         [::1]:PORT for IPv6; port 0 picks a free port\n"
    "  --port N               the port alone (overrides the one in --listen)\n"
    "  --token TOKEN          require 'Authorization: Bearer TOKEN' on the API\n"
    "                         (also from $TACT_TOKEN; at least 16 characters).\n"
    "                         Needed to listen on anything but loopback.\n"
    "  --max-body BYTES       largest request body (default 1048576)\n"
    "  --threads N            worker threads (default: the number of cores)\n"
    "  --max-connections N    concurrent connections (default 64)\n"
    "  --timeout SECONDS      idle connection timeout (default 30)\n"
    "  --quiet                no request log on standard error\n"
    "  -h, --help             show this help\n"
    "\n"
    "API: POST /v1/check {\"text\":..,\"policy\"?:..,\"id\"?:..} -> result object\n"
    "     POST /v1/redact {\"text\":..,\"mode\":\"mask|redact|pseudonymise|generalise\"}\n"
    "       -> {\"mode\",\"text\",\"replacements\":[{start,end,type,replacement}],\n"
    "           \"remaining\":[conduct findings, offsets into the safe text]}\n"
    "     GET /v1/health, GET /v1/version. Bodies are JSON (Content-Type:\n"
    "     application/json). Requests from other web pages (Origin) are refused.\n"
    "     \"policy\" is the text of a policy file (at most 64 KiB); the rulesets\n"
    "     compiled from the 4 most recently used policies are kept.\n";

typedef struct listen_addr {
    struct sockaddr_storage ss;
    socklen_t sslen;
    bool v6;
    char host[72]; /* as written in a URL */
    unsigned port;
} listen_addr;

static bool parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    if (!s || !*s)
        return false;
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (*end || errno || v > max || s[0] == '-')
        return false;
    *out = v;
    return true;
}

static bool parse_listen(const char *spec, listen_addr *la)
{
    char host[64];
    const char *port = NULL;
    memset(la, 0, sizeof *la);
    la->port = 8080;
    if (spec[0] == '[') {
        const char *rb = strchr(spec, ']');
        if (!rb || (size_t)(rb - spec - 1) >= sizeof host)
            return false;
        memcpy(host, spec + 1, (size_t)(rb - spec - 1));
        host[rb - spec - 1] = '\0';
        if (rb[1] == ':')
            port = rb + 2;
        else if (rb[1])
            return false;
        la->v6 = true;
    } else {
        const char *colon = strrchr(spec, ':');
        size_t n = colon ? (size_t)(colon - spec) : strlen(spec);
        if (n >= sizeof host)
            return false;
        memcpy(host, spec, n);
        host[n] = '\0';
        if (colon)
            port = colon + 1;
        if (!host[0] || strcmp(host, "localhost") == 0)
            strcpy(host, "127.0.0.1");
    }
    if (port) {
        unsigned long p;
        if (!parse_uint(port, 65535, &p))
            return false;
        la->port = (unsigned)p;
    }
    if (la->v6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&la->ss;
        a->sin6_family = AF_INET6;
        if (inet_pton(AF_INET6, host, &a->sin6_addr) != 1)
            return false;
        la->sslen = sizeof *a;
        snprintf(la->host, sizeof la->host, "[%s]", host);
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)&la->ss;
        a->sin_family = AF_INET;
        if (inet_pton(AF_INET, host, &a->sin_addr) != 1)
            return false;
        la->sslen = sizeof *a;
        snprintf(la->host, sizeof la->host, "%s", host);
    }
    return true;
}

static bool is_loopback(const listen_addr *la)
{
    if (la->v6) {
        const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)&la->ss;
        return IN6_IS_ADDR_LOOPBACK(&a->sin6_addr);
    }
    const struct sockaddr_in *a = (const struct sockaddr_in *)&la->ss;
    return (ntohl(a->sin_addr.s_addr) >> 24) == 127;
}

static bool is_wildcard(const listen_addr *la)
{
    if (la->v6) {
        const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)&la->ss;
        return IN6_IS_ADDR_UNSPECIFIED(&a->sin6_addr);
    }
    const struct sockaddr_in *a = (const struct sockaddr_in *)&la->ss;
    return a->sin_addr.s_addr == htonl(INADDR_ANY);
}

/* Bind and listen; on success la->port holds the real port. */
static int bind_listen(listen_addr *la)
{
    int fd = socket(la->v6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
    int one = 1;
    (void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (la->v6)
        (void)setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    if (la->v6)
        ((struct sockaddr_in6 *)&la->ss)->sin6_port = htons((uint16_t)la->port);
    else
        ((struct sockaddr_in *)&la->ss)->sin_port = htons((uint16_t)la->port);
    if (bind(fd, (struct sockaddr *)&la->ss, la->sslen) != 0 || listen(fd, 128) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    struct sockaddr_storage got;
    socklen_t gl = sizeof got;
    if (getsockname(fd, (struct sockaddr *)&got, &gl) == 0)
        la->port = got.ss_family == AF_INET6 ? ntohs(((struct sockaddr_in6 *)&got)->sin6_port)
                                             : ntohs(((struct sockaddr_in *)&got)->sin_port);
    return fd;
}

typedef struct serve_opts {
    const char *listen;
    const char *port;
    const char *token;
    unsigned long max_body, threads, max_conn, timeout;
    bool quiet;
} serve_opts;

static int parse_args(int argc, char **argv, serve_opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        unsigned long *num = NULL;
        unsigned long max = 0;
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(serve_usage, stdout);
            return -1;
        }
        if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            o->quiet = true;
            continue;
        }
        if (cli_opt(argc, argv, &i, "--listen", &v)) {
            o->listen = v;
        } else if (cli_opt(argc, argv, &i, "--port", &v)) {
            o->port = v;
        } else if (cli_opt(argc, argv, &i, "--token", &v)) {
            o->token = v;
        } else if (cli_opt(argc, argv, &i, "--max-body", &v)) {
            num = &o->max_body, max = (unsigned long)1 << 30;
        } else if (cli_opt(argc, argv, &i, "--threads", &v)) {
            num = &o->threads, max = 256;
        } else if (cli_opt(argc, argv, &i, "--max-connections", &v)) {
            num = &o->max_conn, max = 65536;
        } else if (cli_opt(argc, argv, &i, "--timeout", &v)) {
            num = &o->timeout, max = 86400;
        } else {
            fprintf(stderr, "%s serve: unknown option '%s' (see tact serve --help)\n", cli_prog, a);
            return EX_USAGE_;
        }
        if (!v) {
            fprintf(stderr, "%s serve: %s needs a value\n", cli_prog, a);
            return EX_USAGE_;
        }
        if (num && (!parse_uint(v, max, num) || *num == 0)) {
            fprintf(stderr, "%s serve: %s: not a valid number (1..%lu)\n", cli_prog, a, max);
            return EX_USAGE_;
        }
    }
    return 0;
}

int cli_serve(int argc, char **argv)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    serve_opts o = {"127.0.0.1:8080", NULL, NULL, (unsigned long)1 << 20,
                    cores > 0 ? (unsigned long)cores : 1, 64, 30, false};
    int rc = parse_args(argc, argv, &o);
    if (rc)
        return rc < 0 ? 0 : rc;
    if (!o.token) {
        const char *env = getenv("TACT_TOKEN");
        if (env && *env)
            o.token = env;
    }
    if (o.token && strlen(o.token) < 16) {
        fprintf(stderr, "%s serve: the token must be at least 16 characters long\n", cli_prog);
        return EX_USAGE_;
    }
    listen_addr la;
    if (!parse_listen(o.listen, &la)) {
        fprintf(stderr, "%s serve: cannot read --listen '%s' (want ADDR:PORT, e.g. 127.0.0.1:8080 "
                        "or [::1]:8080)\n", cli_prog, o.listen);
        return EX_USAGE_;
    }
    if (o.port) {
        unsigned long p;
        if (!parse_uint(o.port, 65535, &p)) {
            fprintf(stderr, "%s serve: --port: not a valid port\n", cli_prog);
            return EX_USAGE_;
        }
        la.port = (unsigned)p;
    }
    if (!is_loopback(&la) && !o.token) {
        fprintf(stderr,
                "%s serve: refusing to listen on %s: it is not a loopback address, so other\n"
                "machines could reach it. Set --token (or TACT_TOKEN) to require a bearer token,\n"
                "or listen on 127.0.0.1.\n", cli_prog, la.host);
        return EX_USAGE_;
    }
    int fd = bind_listen(&la);
    if (fd < 0) {
        fprintf(stderr, "%s serve: cannot listen on %s:%u: %s%s\n", cli_prog, la.host, la.port,
                strerror(errno), errno == EADDRINUSE ? " (choose another port, or :0 for any free one)" : "");
        return 69; /* EX_UNAVAILABLE */
    }
    srv_config cfg = {la.host, la.port, is_wildcard(&la), o.token, (size_t)o.max_body,
                      (unsigned)o.threads};
    srv_ctx *ctx = NULL;
    tact_error err;
    err.message[0] = '\0';
    rc = srv_ctx_new(&cfg, &ctx, &err);
    if (rc != TACT_OK) {
        close(fd);
        fprintf(stderr, "%s serve: cannot start: %s\n", cli_prog,
                err.message[0] ? err.message : tact_strerror(rc));
        return EX_SOFTWARE_;
    }
    /* Block the stop signals before MHD starts its threads, so that they all
     * inherit the mask and only sigwait below sees them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    srv_http_opts ho = {(unsigned)o.threads, (unsigned)o.max_conn, (unsigned)o.timeout, o.quiet,
                        la.v6};
    srv_http *h = srv_http_start(ctx, fd, &ho);
    if (!h) {
        close(fd);
        srv_ctx_free(ctx);
        fprintf(stderr, "%s serve: the HTTP server could not start\n", cli_prog);
        return EX_SOFTWARE_;
    }
    printf("listening on http://%s:%u/\n", la.host, la.port);
    if (o.token)
        printf("the API needs the token; for the page open http://%s:%u/#token=YOUR_TOKEN\n",
               la.host, la.port);
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    srv_http_stop(h); /* closes the listening socket too */
    srv_ctx_free(ctx);
    if (!o.quiet)
        fprintf(stderr, "%s serve: stopped\n", cli_prog);
    return 0;
}
