/* jsonl.h - reading one line of JSON lines input: {"id":..,"text":..}. */
#ifndef TACT_CLI_JSONL_H
#define TACT_CLI_JSONL_H

#include <stdbool.h>
#include <stddef.h>

/*
 * True when raw JSON text holds a \u0000 escape. cJSON ends its strings at
 * a NUL, so text after one would silently go unscreened: inputs with one are
 * refused instead. An escaped backslash ("\\u0000") is not an escape.
 */
static inline bool tact_json_has_nul_escape(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] != '\\')
            continue;
        if (s[i + 1] == 'u' && i + 5 < n && s[i + 2] == '0' && s[i + 3] == '0' &&
            s[i + 4] == '0' && s[i + 5] == '0')
            return true;
        i++; /* skip the escaped character */
    }
    return false;
}

typedef struct cli_jsonl_item {
    void *root;       /* the parsed document; free with cli_jsonl_free */
    bool plain;       /* root is the fast reader's block, not a cJSON tree */
    bool borrowed;    /* that block is the caller's (cli_jsonl_parse_buf) */
    const char *text; /* NUL-terminated, borrowed from root */
    size_t text_len;
    const char *id;   /* NULL when absent or null */
    size_t id_len;
    char idbuf[64];   /* a numeric id, formatted */
} cli_jsonl_item;

/*
 * Parse one line (without its newline). Returns 0 and fills *item, or -1
 * and sets *why to a static JSON-safe message (no input content in it).
 * A malformed line leaves nothing to free.
 */
int cli_jsonl_parse(const char *line, size_t len, cli_jsonl_item *item, const char **why);
void cli_jsonl_free(cli_jsonl_item *item);

/* cli_jsonl_parse decoding into the caller's buffer *buf of *cap bytes
 * (grown with realloc as needed; the caller frees it) instead of a block
 * of its own per line: the item borrows it until the next call. */
int cli_jsonl_parse_buf(const char *line, size_t len, cli_jsonl_item *item, const char **why,
                        char **buf, size_t *cap);

/* cli_jsonl_parse with cJSON alone, for lines of every shape (its fast
 * reader gives up on the unusual ones): what the fuzzer compares it with. */
int cli_jsonl_parse_cjson(const char *line, size_t len, cli_jsonl_item *item, const char **why);

#endif
