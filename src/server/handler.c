/*
 * handler.c - what `tact serve` answers, as a pure function of the request.
 *
 * Order of checks, so that the cheapest refusal comes first and nothing is
 * parsed for a request that may not be made:
 *   Host (DNS rebinding) -> Origin (other web pages) -> route (404) ->
 *   method (405) -> bearer token (401) -> body size (413) ->
 *   Content-Type (415) -> JSON and fields (400) -> the work.
 *
 * Nothing here logs; error messages are fixed strings and never echo the
 * request.
 *
 * Answers: /v1/check is tact_result_json; /v1/redact is tact_redact_json
 * (see include/tact.h) without the originals: {"mode","text",
 * "replacements":[{"start","end","type","replacement"}],"remaining":[the
 * conduct findings, as in /v1/check, with offsets into "text"]}.
 */
#include "handler.h"
#include "../cli/jsonl.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_HOSTS 3

struct srv_ctx {
    srv_config cfg;
    char hosts[MAX_HOSTS][96]; /* accepted Host header values */
    size_t nhosts;
    srv_engine *engine;
};

/* ---- small helpers ------------------------------------------------------ */

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static bool ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (lower((unsigned char)*a) != lower((unsigned char)*b))
            return false;
    return *a == *b;
}

static const char *header(const srv_request *req, const char *name)
{
    for (size_t i = 0; i < req->nheaders; i++)
        if (req->headers[i].name && req->headers[i].value && ieq(req->headers[i].name, name))
            return req->headers[i].value;
    return NULL;
}

/* Compare without an early exit, so the time taken does not tell an attacker
 * how much of a guessed token was right. */
static bool ct_equal(const char *a, size_t alen, const char *b, size_t blen)
{
    unsigned char diff = (unsigned char)(alen != blen);
    size_t n = alen > blen ? alen : blen;
    for (size_t i = 0; i < n; i++) {
        unsigned char x = i < alen ? (unsigned char)a[i] : 0;
        unsigned char y = i < blen ? (unsigned char)b[i] : 0;
        diff |= (unsigned char)(x ^ y);
    }
    return diff == 0;
}

typedef struct buf {
    char *p;
    size_t len, cap;
    bool oom;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->oom = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void puts_(buf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void put_json_str(buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    put(b, "\"", 1);
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        put(b, s + run, i - run);
        run = i + 1;
        char esc[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
        if (c == '"' || c == '\\') {
            esc[1] = (char)c;
            put(b, esc, 2);
        } else if (c == '\n') {
            put(b, "\\n", 2);
        } else if (c == '\t') {
            put(b, "\\t", 2);
        } else if (c == '\r') {
            put(b, "\\r", 2);
        } else {
            put(b, esc, 6);
        }
    }
    put(b, s + run, n - run);
    put(b, "\"", 1);
}

/* ---- responses ---------------------------------------------------------- */

static const char csp[] = "default-src 'self'; script-src 'self'; style-src 'self'; "
                          "img-src 'self'; connect-src 'self'; object-src 'none'; "
                          "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

static void add_header(srv_response *r, const char *name, const char *value)
{
    if (r->nheaders < SRV_MAX_HEADERS) {
        r->headers[r->nheaders].name = name;
        r->headers[r->nheaders].value = value;
        r->nheaders++;
    }
}

static void base_headers(srv_response *r, const char *type, bool api)
{
    r->nheaders = 0;
    add_header(r, "Content-Type", type);
    add_header(r, "Content-Security-Policy", csp);
    add_header(r, "X-Content-Type-Options", "nosniff");
    add_header(r, "X-Frame-Options", "DENY");
    add_header(r, "Referrer-Policy", "no-referrer");
    add_header(r, "Cross-Origin-Opener-Policy", "same-origin");
    add_header(r, "Cross-Origin-Resource-Policy", "same-origin");
    add_header(r, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    add_header(r, "Cache-Control", api ? "no-store" : "no-cache");
}

static void set_static(srv_response *r, int status, const char *type, const char *body,
                       size_t len, bool api)
{
    srv_response_free(r);
    r->status = status;
    r->body = body;
    r->body_len = len;
    base_headers(r, type, api);
}

#define JSON_TYPE "application/json; charset=utf-8"
#define SET_ERROR(r, status, msg)                                                                    \
    set_static((r), (status), JSON_TYPE, "{\"error\":\"" msg "\"}",                             \
               sizeof("{\"error\":\"" msg "\"}") - 1, true)

static void set_owned(srv_response *r, int status, buf *b)
{
    if (b->oom) {
        free(b->p);
        SET_ERROR(r, 500, "out of memory");
        return;
    }
    srv_response_free(r);
    r->status = status;
    r->body = b->p;
    r->owned = b->p;
    r->body_len = b->len;
    base_headers(r, JSON_TYPE, true);
}

void srv_response_free(srv_response *resp)
{
    free(resp->owned);
    resp->owned = NULL;
    resp->body = NULL;
    resp->body_len = 0;
}

/* ---- context ------------------------------------------------------------ */

int srv_ctx_new(const srv_config *cfg, srv_ctx **out, tact_error *err)
{
    *out = NULL;
    srv_ctx *ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        return TACT_ENOMEM;
    ctx->cfg = *cfg;
    const char *h = cfg->host ? cfg->host : "127.0.0.1";
    snprintf(ctx->hosts[ctx->nhosts++], sizeof ctx->hosts[0], "%s:%u", h, cfg->port);
    if (strcmp(h, "127.0.0.1") == 0 || strcmp(h, "[::1]") == 0)
        snprintf(ctx->hosts[ctx->nhosts++], sizeof ctx->hosts[0], "localhost:%u", cfg->port);
    if (cfg->port == 80)
        snprintf(ctx->hosts[ctx->nhosts++], sizeof ctx->hosts[0], "%s", h);
    int rc = srv_engine_new(cfg->scanners, &ctx->engine, err);
    if (rc != TACT_OK) {
        free(ctx);
        return rc;
    }
    *out = ctx;
    return TACT_OK;
}

void srv_ctx_free(srv_ctx *ctx)
{
    if (!ctx)
        return;
    srv_engine_free(ctx->engine);
    free(ctx);
}

size_t srv_ctx_max_body(const srv_ctx *ctx)
{
    return ctx->cfg.max_body;
}

static bool host_ok(const srv_ctx *ctx, const char *host)
{
    if (!host || !*host)
        return false;
    if (ctx->cfg.wildcard)
        return true;
    for (size_t i = 0; i < ctx->nhosts; i++)
        if (ieq(host, ctx->hosts[i]))
            return true;
    return false;
}

/* Same origin: the Origin a browser sends is exactly http:// + Host. */
static bool origin_ok(const char *origin, const char *host)
{
    if (!origin)
        return true;
    if (strncmp(origin, "http://", 7) != 0)
        return false;
    return ieq(origin + 7, host);
}

static bool token_ok(const srv_ctx *ctx, const srv_request *req)
{
    const char *tok = ctx->cfg.token;
    if (!tok)
        return true;
    const char *auth = header(req, "Authorization");
    if (!auth || strncmp(auth, "Bearer ", 7) != 0)
        return false;
    const char *given = auth + 7;
    return ct_equal(given, strlen(given), tok, strlen(tok));
}

static bool is_json_type(const char *ct)
{
    if (!ct)
        return false;
    static const char want[] = "application/json";
    size_t n = sizeof want - 1;
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)ct[i]) != want[i])
            return false;
    return ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ';
}

/* ---- JSON requests ------------------------------------------------------ */

typedef struct fields {
    const char *text;
    size_t text_len;
    const char *policy; /* NULL: none */
    const char *id;
    const char *mode;
} fields;

/* Parse the body into fields; on failure fill resp and return false.
 * `allowed` lists the keys this endpoint takes besides "text". */
static bool parse_fields(const srv_request *req, const char *const *allowed, cJSON **root,
                         fields *f, srv_response *resp)
{
    memset(f, 0, sizeof *f);
    *root = cJSON_ParseWithLength(req->body ? req->body : "", req->body_len);
    if (!*root) {
        SET_ERROR(resp, 400, "the body is not valid JSON");
        return false;
    }
    if (!cJSON_IsObject(*root)) {
        SET_ERROR(resp, 400, "the body must be a JSON object");
        return false;
    }
    if (tact_json_has_nul_escape(req->body, req->body_len)) {
        SET_ERROR(resp, 400, "the body contains a NUL character (\\\\u0000), which tact does not accept");
        return false;
    }
    for (cJSON *it = (*root)->child; it; it = it->next) {
        const char *k = it->string ? it->string : "";
        const char **slot = NULL;
        if (strcmp(k, "text") == 0) {
            slot = &f->text;
        } else {
            for (size_t i = 0; allowed[i]; i++) {
                if (strcmp(k, allowed[i]) != 0)
                    continue;
                slot = strcmp(k, "policy") == 0 ? &f->policy
                     : strcmp(k, "id") == 0     ? &f->id
                                                : &f->mode;
            }
        }
        if (!slot) {
            SET_ERROR(resp, 400, "unknown field in the request object");
            return false;
        }
        if (*slot) {
            SET_ERROR(resp, 400, "a field appears twice in the request object");
            return false;
        }
        if (cJSON_IsNull(it) && slot != &f->text)
            continue;
        if (!cJSON_IsString(it) || !it->valuestring) {
            SET_ERROR(resp, 400, "text, policy, id and mode must be strings");
            return false;
        }
        *slot = it->valuestring;
    }
    if (!f->text) {
        SET_ERROR(resp, 400, "the field \\\"text\\\" (a string) is required");
        return false;
    }
    f->text_len = strlen(f->text);
    return true;
}

static void scan_error(srv_response *resp, int rc)
{
    switch (rc) {
    case TACT_EUTF8:
        SET_ERROR(resp, 400, "the text is not valid UTF-8");
        break;
    case TACT_ERANGE:
        SET_ERROR(resp, 413, "the text is too long");
        break;
    case TACT_ENOMEM:
        SET_ERROR(resp, 503, "out of memory");
        break;
    default:
        SET_ERROR(resp, 500, "internal error while screening");
        break;
    }
}

static void do_check(srv_ctx *ctx, const srv_request *req, srv_response *resp)
{
    static const char *const allowed[] = {"policy", "id", NULL};
    cJSON *root = NULL;
    fields f;
    if (!parse_fields(req, allowed, &root, &f, resp))
        goto done;
    size_t plen = f.policy ? strlen(f.policy) : 0;
    if (plen > SRV_MAX_POLICY) {
        SET_ERROR(resp, 413, "the policy is too long (at most 64 KiB)");
        goto done;
    }
    srv_lease lease;
    tact_error err;
    int rc = srv_engine_acquire(ctx->engine, f.policy, plen, &lease, &err);
    if (rc == TACT_EPARSE) {
        SET_ERROR(resp, 400, "the policy could not be read (check it with: tact policy check FILE)");
        goto done;
    }
    if (rc != TACT_OK) {
        scan_error(resp, rc);
        goto done;
    }
    const tact_result *res;
    const char *json;
    size_t jl;
    rc = tact_scanner_scan(lease.sc, f.text, f.text_len, 0, &res, &err);
    if (rc == TACT_OK)
        rc = tact_result_json(lease.sc, f.id, f.id ? strlen(f.id) : 0, &json, &jl, &err);
    if (rc != TACT_OK) {
        srv_engine_release(ctx->engine, &lease);
        scan_error(resp, rc);
        goto done;
    }
    buf b = {0};
    put(&b, json, jl);
    srv_engine_release(ctx->engine, &lease);
    set_owned(resp, 200, &b);
done:
    cJSON_Delete(root);
}

static bool parse_mode(const char *m, tact_redact_mode *mode)
{
    static const struct {
        const char *name;
        tact_redact_mode mode;
    } modes[] = {{"mask", TACT_REDACT_MASK},
                 {"redact", TACT_REDACT_REMOVE},
                 {"remove", TACT_REDACT_REMOVE},
                 {"pseudonymise", TACT_REDACT_PSEUDONYMISE},
                 {"pseudonymize", TACT_REDACT_PSEUDONYMISE},
                 {"generalise", TACT_REDACT_GENERALISE},
                 {"generalize", TACT_REDACT_GENERALISE}};
    if (!m) {
        *mode = TACT_REDACT_MASK;
        return true;
    }
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
        if (strcmp(m, modes[i].name) == 0) {
            *mode = modes[i].mode;
            return true;
        }
    return false;
}

/* The safe version is tact_redact_json's, without the originals: the
 * answer then holds no identifier, so it can be copied or kept as it is. */
static void do_redact(srv_ctx *ctx, const srv_request *req, srv_response *resp)
{
    static const char *const allowed[] = {"mode", NULL};
    cJSON *root = NULL;
    fields f;
    if (!parse_fields(req, allowed, &root, &f, resp))
        goto done;
    tact_redact_options o = TACT_REDACT_OPTIONS_INIT;
    if (!parse_mode(f.mode, &o.mode)) {
        SET_ERROR(resp, 400, "mode must be one of mask, redact, pseudonymise, generalise");
        goto done;
    }
    srv_lease lease;
    tact_error err;
    int rc = srv_engine_acquire(ctx->engine, NULL, 0, &lease, &err);
    if (rc != TACT_OK) {
        scan_error(resp, rc);
        goto done;
    }
    size_t need = 0, jl = 0;
    const char *json = NULL;
    /* asking for the size does the whole rewrite; the JSON carries the text */
    rc = tact_redact(lease.sc, f.text, f.text_len, &o, NULL, 0, &need, &err);
    if (rc == TACT_OK || (rc == TACT_ERANGE && tact_scanner_result(lease.sc)))
        rc = tact_redact_json(lease.sc, TACT_REDACT_JSON_NO_ORIGINALS, &json, &jl, &err);
    buf b = {0};
    if (rc == TACT_OK)
        put(&b, json, jl);
    srv_engine_release(ctx->engine, &lease);
    if (rc != TACT_OK) {
        scan_error(resp, rc);
        goto done;
    }
    set_owned(resp, 200, &b);
done:
    cJSON_Delete(root);
}

/* ---- routing ------------------------------------------------------------ */

enum route_kind { R_ASSET, R_CHECK, R_REDACT, R_HEALTH, R_VERSION };

typedef struct route {
    const char *path;
    enum route_kind kind;
    const char *asset; /* for R_ASSET: embedded file name */
    const char *type;
} route;

static const route routes[] = {
    {"/", R_ASSET, "index.html", "text/html; charset=utf-8"},
    {"/index.html", R_ASSET, "index.html", "text/html; charset=utf-8"},
    {"/app.js", R_ASSET, "app.js", "text/javascript; charset=utf-8"},
    {"/style.css", R_ASSET, "style.css", "text/css; charset=utf-8"},
    {"/favicon.svg", R_ASSET, "favicon.svg", "image/svg+xml"},
    {"/v1/check", R_CHECK, NULL, NULL},
    {"/v1/redact", R_REDACT, NULL, NULL},
    {"/v1/health", R_HEALTH, NULL, NULL},
    {"/v1/version", R_VERSION, NULL, NULL},
};

static const route *find_route(const char *path)
{
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
        if (strcmp(path, routes[i].path) == 0)
            return &routes[i];
    return NULL;
}

static void do_version(srv_response *resp)
{
    buf b = {0};
    puts_(&b, "{\"name\":\"tact\",\"version\":");
    const char *v = tact_version();
    put_json_str(&b, v, strlen(v));
    puts_(&b, ",\"api\":1}");
    set_owned(resp, 200, &b);
}

void srv_handle(srv_ctx *ctx, const srv_request *req, srv_response *resp)
{
    memset(resp, 0, sizeof *resp);
    resp->route = "-";
    const char *method = req->method ? req->method : "";
    const char *path = req->path ? req->path : "";
    const char *host = header(req, "Host");
    if (!host_ok(ctx, host)) {
        SET_ERROR(resp, 403, "the Host header does not name this server");
        return;
    }
    if (!origin_ok(header(req, "Origin"), host)) {
        SET_ERROR(resp, 403, "requests from other web pages are not allowed");
        return;
    }
    const route *rt = find_route(path);
    if (!rt) {
        SET_ERROR(resp, 404, "no such page or endpoint");
        return;
    }
    resp->route = rt->path;
    bool post = rt->kind == R_CHECK || rt->kind == R_REDACT;
    bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    if (post ? strcmp(method, "POST") != 0 : !get) {
        SET_ERROR(resp, 405, "method not allowed");
        add_header(resp, "Allow", post ? "POST" : "GET, HEAD");
        return;
    }
    if (rt->kind != R_ASSET && rt->kind != R_HEALTH && !token_ok(ctx, req)) {
        SET_ERROR(resp, 401, "a bearer token is required (Authorization: Bearer ...)");
        add_header(resp, "WWW-Authenticate", "Bearer realm=\"tact\"");
        return;
    }
    if (req->body_too_large || req->body_len > ctx->cfg.max_body) {
        SET_ERROR(resp, 413, "the request body is too large");
        return;
    }
    switch (rt->kind) {
    case R_ASSET: {
        size_t len = 0;
        const char *p = srv_asset_get(rt->asset, &len);
        if (!p) {
            SET_ERROR(resp, 404, "no such page or endpoint");
            return;
        }
        set_static(resp, 200, rt->type, p, len, false);
        return;
    }
    case R_HEALTH:
        set_static(resp, 200, JSON_TYPE, "{\"status\":\"ok\"}", 15, true);
        return;
    case R_VERSION:
        do_version(resp);
        return;
    case R_CHECK:
    case R_REDACT:
        break;
    }
    if (!is_json_type(header(req, "Content-Type"))) {
        SET_ERROR(resp, 415, "send the body as Content-Type: application/json");
        return;
    }
    if (rt->kind == R_CHECK)
        do_check(ctx, req, resp);
    else
        do_redact(ctx, req, resp);
}
