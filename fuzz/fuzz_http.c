/*
 * fuzz_http.c - the request handler of `tact serve` (src/server/handler.c)
 * over any request, without sockets. Link: tact_srv.
 *
 * Input format (so that seeds are readable and the dictionary helps):
 *   METHOD SP PATH LF
 *   Name: value LF        (headers, until an empty line)
 *   LF
 *   body...               (the rest, bytes as they are)
 * CR before LF is dropped. Every request goes to two contexts: one open, one
 * requiring a bearer token; the body limit is small so 413 is reachable.
 *
 * Invariants: a known status; every response carries the security headers;
 * a JSON response parses; a 200 from /v1/check has a findings array.
 */
#include "fuzz_common.h"
#include "handler.h"

#include <cjson/cJSON.h>

#define FUZZ_TOKEN "fuzz-token-0123456789abcdef"

static srv_ctx *fuzz_ctx(bool with_token)
{
    static srv_ctx *open_, *tok_;
    srv_ctx **slot = with_token ? &tok_ : &open_;
    if (*slot)
        return *slot;
    srv_config cfg = {"127.0.0.1", 8080, false, with_token ? FUZZ_TOKEN : NULL, 4096, 1};
    tact_error err;
    if (srv_ctx_new(&cfg, slot, &err) != TACT_OK) {
        fprintf(stderr, "fuzz_http: cannot start: %s\n", err.message);
        abort();
    }
    return *slot;
}

static const char *resp_header(const srv_response *r, const char *name)
{
    for (size_t i = 0; i < r->nheaders; i++)
        if (strcmp(r->headers[i].name, name) == 0)
            return r->headers[i].value;
    return NULL;
}

static void check_response(const srv_request *req, const srv_response *r)
{
    static const int known[] = {200, 400, 401, 403, 404, 405, 413, 415, 500, 503};
    bool ok = false;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        ok |= r->status == known[i];
    FUZZ_ASSERT(ok);
    FUZZ_ASSERT(r->body != NULL || r->body_len == 0);
    FUZZ_ASSERT(r->nheaders <= SRV_MAX_HEADERS);
    FUZZ_ASSERT(resp_header(r, "Content-Security-Policy") != NULL);
    FUZZ_ASSERT(resp_header(r, "X-Content-Type-Options") != NULL);
    FUZZ_ASSERT(resp_header(r, "X-Frame-Options") != NULL);
    FUZZ_ASSERT(resp_header(r, "Referrer-Policy") != NULL);
    if (r->status == 405)
        FUZZ_ASSERT(resp_header(r, "Allow") != NULL);
    const char *ct = resp_header(r, "Content-Type");
    FUZZ_ASSERT(ct != NULL);
    if (strncmp(ct, "application/json", 16) != 0)
        return;
    cJSON *doc = cJSON_ParseWithLength(r->body, r->body_len);
    if (r->status == 503 && !doc)
        return; /* out of memory */
    FUZZ_ASSERT(doc != NULL);
    if (r->status != 200)
        FUZZ_ASSERT(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(doc, "error")));
    else if (strcmp(req->path, "/v1/check") == 0)
        FUZZ_ASSERT(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(doc, "findings")));
    cJSON_Delete(doc);
}

/* Cut the next line (without CR LF) off [*p, end). */
static char *next_line(char **p, char *end)
{
    char *s = *p;
    if (s >= end)
        return NULL;
    char *nl = memchr(s, '\n', (size_t)(end - s));
    char *e = nl ? nl : end;
    *p = nl ? nl + 1 : end;
    if (e > s && e[-1] == '\r')
        e--;
    *e = '\0';
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size + 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    char *p = copy, *end = copy + size;
    char *line = next_line(&p, end);
    const char *method = "", *path = "";
    if (line) {
        char *sp = strchr(line, ' ');
        method = line;
        if (sp) {
            *sp = '\0';
            path = sp + 1;
        }
    }
    srv_header headers[32];
    size_t nh = 0;
    while ((line = next_line(&p, end)) != NULL && *line) {
        char *colon = strchr(line, ':');
        if (!colon || nh == 32)
            continue;
        *colon = '\0';
        char *v = colon + 1;
        while (*v == ' ')
            v++;
        headers[nh].name = line;
        headers[nh].value = v;
        nh++;
    }
    srv_request req = {method, path, headers, nh, p, (size_t)(end - p), false};
    for (int t = 0; t < 2; t++) {
        srv_response r;
        srv_handle(fuzz_ctx(t == 1), &req, &r);
        check_response(&req, &r);
        srv_response_free(&r);
    }
    free(copy);
    return 0;
}
