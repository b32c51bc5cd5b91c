/*
 * jsonl.c - one line of JSON lines input.
 *
 * Nearly every line is {"id":"..","text":".."}: a reader of exactly that
 * shape (plain_parse) takes it without cJSON's tree and its allocations.
 * It only ever accepts: anything it does not know (another key, a number,
 * white space other than blanks, a BOM, an escape it does not decode, a
 * NUL) goes to cJSON, as every line did before, so both readers give the
 * same item for every line and all errors come from cJSON.
 */
#include "jsonl.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}


/* Each byte's value as a hex digit plus one, 0 for a byte that is none.
 * (Speed: a tweet's emoji come as \u escapes, a surrogate pair of two
 * hex4 calls each; one load per digit instead of three range tests.) */
static const unsigned char hex_digit[256] = {
    ['0'] = 1,  ['1'] = 2,  ['2'] = 3,  ['3'] = 4,  ['4'] = 5,  ['5'] = 6,  ['6'] = 7,  ['7'] = 8,
    ['8'] = 9,  ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
    ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        unsigned d = hex_digit[(unsigned char)p[k]];
        if (!d)
            return -1;
        v = v << 4 | (d - 1);
    }
    *out = v;
    return 0;
}

/*
 * The string starting at s[*at] (its opening quote), decoded into o as
 * cJSON decodes it (the escapes of JSON; a \u pair of surrogates is one
 * code point; other bytes copied as they are). Returns the bytes written,
 * with *at past the closing quote, or -1 for anything cJSON would refuse or
 * read differently (those lines go to cJSON).
 */
static long plain_string(const char *s, size_t n, size_t *at, char *o)
{
    size_t i = *at + 1;
    char *o0 = o;
    /* the next quote from i, and the next backslash before it (each
     * looked for again only once i has passed it, the backslash never past
     * the quote: linear on any line); a backslash position equal to qpos
     * means none before the quote. (The line holds no NUL: plain_parse
     * has made sure.) */
    size_t qpos = 0, bpos = 0; /* 0 < i: both looked for at once */
    for (;;) {
        if (qpos < i) {
            const char *q = memchr(s + i, '"', n - i);
            qpos = q ? (size_t)(q - s) : n;
        }
        if (bpos < i && i < qpos && s[i] == '\\') {
            bpos = i; /* (escapes come in runs: a tweet's emoji, \u pairs) */
        } else if (bpos < i) {
            const char *b = memchr(s + i, '\\', qpos - i);
            bpos = b ? (size_t)(b - s) : qpos;
        }
        size_t run = qpos < bpos ? qpos : bpos;
        if (run > i) { /* (none between two escapes of a run) */
            memcpy(o, s + i, run - i);
            o += run - i;
            i = run;
        }
        if (i >= n)
            return -1;
        if (s[i] == '"')
            break;
        if (i + 1 >= n)
            return -1;
        char e = s[i + 1];
        switch (e) {
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case '"':
        case '\\':
        case '/': *o++ = e; break;
        case 'u': {
            unsigned cp, lo;
            if (i + 6 > n || hex4(s + i + 2, &cp) || cp == 0 || (cp >= 0xDC00 && cp <= 0xDFFF))
                return -1;
            size_t len = 6;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (i + 12 > n || s[i + 6] != '\\' || s[i + 7] != 'u' || hex4(s + i + 8, &lo) ||
                    lo < 0xDC00 || lo > 0xDFFF)
                    return -1;
                cp = 0x10000 + (((cp & 0x3FF) << 10) | (lo & 0x3FF));
                len = 12;
            }
            if (cp < 0x80) {
                *o++ = (char)cp;
            } else if (cp < 0x800) {
                *o++ = (char)(0xC0 | (cp >> 6));
                *o++ = (char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                *o++ = (char)(0xE0 | (cp >> 12));
                *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
                *o++ = (char)(0x80 | (cp & 0x3F));
            } else {
                *o++ = (char)(0xF0 | (cp >> 18));
                *o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
                *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
                *o++ = (char)(0x80 | (cp & 0x3F));
            }
            i += len;
            continue;
        }
        default:
            return -1;
        }
        i += 2;
    }
    /* the escapes must end before the closing quote, as cJSON finds it (the
     * first quote not escaped) */
    *at = i + 1;
    return (long)(o - o0);
}

static size_t blanks(const char *s, size_t n, size_t i)
{
    while (i < n && s[i] == ' ')
        i++;
    return i;
}

/* tact_json_has_nul_escape, jumping from backslash to backslash. */
static bool has_nul_escape(const char *s, size_t n)
{
    size_t i = 0;
    while (i + 1 < n) {
        const char *b = memchr(s + i, '\\', n - 1 - i);
        if (!b)
            return false;
        i = (size_t)(b - s);
        if (s[i + 1] == 'u' && i + 5 < n && s[i + 2] == '0' && s[i + 3] == '0' &&
            s[i + 4] == '0' && s[i + 5] == '0')
            return true;
        i += 2; /* past the escaped character */
    }
    return false;
}

/* The fast reader: 0 with *item filled, or -1 to let cJSON read the line
 * (never an error of its own). The strings are decoded into *buf (of *cap
 * bytes, grown as needed; NULL: a block of the item's own). */
static int plain_parse(const char *s, size_t n, cli_jsonl_item *item, char **buf, size_t *cap)
{
    /* (a \u0000 escape: plain_string refuses it inside the strings, and
     * anything else before the closing brace that holds a backslash goes
     * to cJSON; after the brace, has_nul_escape below) */
    if (n < 2 || s[0] != '{' || memchr(s, '\0', n))
        return -1; /* (a line with a NUL anywhere: cJSON's) */
    char *mem;
    if (!buf) {
        mem = malloc(n + 2); /* decoded strings are never longer */
    } else {
        if (*cap < n + 2) {
            size_t nc = *cap ? *cap : 256;
            while (nc < n + 2)
                nc *= 2;
            char *nb = realloc(*buf, nc);
            if (!nb)
                return -1;
            *buf = nb;
            *cap = nc;
        }
        mem = *buf;
    }
    if (!mem)
        return -1;
    char *o = mem;
    const char *text = NULL, *id = NULL;
    size_t text_len = 0, id_len = 0;
    bool id_null = false;
    size_t i = blanks(s, n, 1);
    for (;;) {
        /* a key: "id" or "text", once each */
        int key;
        if (i + 4 <= n && memcmp(s + i, "\"id\"", 4) == 0 && !id && !id_null)
            key = 0, i += 4;
        else if (i + 6 <= n && memcmp(s + i, "\"text\"", 6) == 0 && !text)
            key = 1, i += 6;
        else
            goto other;
        i = blanks(s, n, i);
        if (i >= n || s[i] != ':')
            goto other;
        i = blanks(s, n, i + 1);
        if (i < n && s[i] == '"') {
            /* (a decoded string holds no NUL: plain_string refuses one
             * and \u0000) */
            long l = plain_string(s, n, &i, o);
            if (l < 0)
                goto other;
            if (key) {
                text = o;
                text_len = (size_t)l;
            } else {
                id = o;
                id_len = (size_t)l;
            }
            o += l;
            *o++ = '\0';
        } else if (key == 0 && i + 4 <= n && memcmp(s + i, "null", 4) == 0) {
            id_null = true;
            i += 4;
        } else {
            goto other;
        }
        i = blanks(s, n, i);
        if (i < n && s[i] == ',') {
            i = blanks(s, n, i + 1);
            continue;
        }
        if (i < n && s[i] == '}')
            break; /* cJSON reads no further */
        goto other;
    }
    /* the line is refused for a \u0000 anywhere in it, the part after the
     * brace included (there, escapes pair up from the brace on, as from
     * the line's start: nothing before it is left half escaped) */
    if (!text || has_nul_escape(s + i + 1, n - i - 1))
        goto other;
    item->root = mem;
    item->plain = true;
    item->borrowed = buf != NULL;
    item->text = text;
    item->text_len = text_len;
    item->id = id;
    item->id_len = id_len;
    return 0;
other:
    if (!buf)
        free(mem);
    return -1;
}

int cli_jsonl_parse(const char *line, size_t len, cli_jsonl_item *item, const char **why)
{
    memset(item, 0, sizeof *item);
    if (plain_parse(line, len, item, NULL, NULL) == 0)
        return 0;
    return cli_jsonl_parse_cjson(line, len, item, why);
}

int cli_jsonl_parse_buf(const char *line, size_t len, cli_jsonl_item *item, const char **why,
                        char **buf, size_t *cap)
{
    item->root = NULL;
    item->plain = item->borrowed = false;
    item->id = NULL;
    item->id_len = 0;
    if (plain_parse(line, len, item, buf, cap) == 0)
        return 0;
    return cli_jsonl_parse_cjson(line, len, item, why);
}

int cli_jsonl_parse_cjson(const char *line, size_t len, cli_jsonl_item *item, const char **why)
{
    memset(item, 0, sizeof *item);
    if (blank(line, len)) {
        *why = "empty line";
        return -1;
    }
    cJSON *root = cJSON_ParseWithLength(line, len);
    if (!root) {
        *why = "malformed JSON";
        return -1;
    }
    if (tact_json_has_nul_escape(line, len)) {
        *why = "the line contains a NUL character (\\\\u0000), which tact does not accept";
        goto bad;
    }
    if (!cJSON_IsObject(root)) {
        *why = "line is not a JSON object";
        goto bad;
    }
    cJSON *text = cJSON_GetObjectItemCaseSensitive(root, "text");
    cJSON *id = cJSON_GetObjectItemCaseSensitive(root, "id");
    if (!text) {
        *why = "missing \\\"text\\\" field";
        goto bad;
    }
    if (!cJSON_IsString(text)) {
        *why = "\\\"text\\\" is not a string";
        goto bad;
    }
    if (id && !cJSON_IsString(id) && !cJSON_IsNumber(id) && !cJSON_IsNull(id)) {
        *why = "\\\"id\\\" is not a string or number";
        goto bad;
    }
    item->root = root;
    item->text = text->valuestring;
    /* cJSON strings are NUL-terminated; a \u0000 escape ends them early, so
     * the text length is measured the way it is stored. */
    item->text_len = strlen(item->text);
    if (id && cJSON_IsString(id)) {
        item->id = id->valuestring;
        item->id_len = strlen(item->id);
    } else if (id && cJSON_IsNumber(id)) {
        int n = snprintf(item->idbuf, sizeof item->idbuf, "%.17g", id->valuedouble);
        item->id = item->idbuf;
        item->id_len = n > 0 ? (size_t)n : 0;
    }
    return 0;
bad:
    cJSON_Delete(root);
    return -1;
}

void cli_jsonl_free(cli_jsonl_item *item)
{
    if (item->plain) {
        if (!item->borrowed)
            free(item->root);
    }
    else
        cJSON_Delete(item->root);
    item->root = NULL;
    item->plain = item->borrowed = false;
}
