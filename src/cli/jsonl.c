/* jsonl.c - one line of JSON lines input, parsed with cJSON. */
#include "jsonl.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

int cli_jsonl_parse(const char *line, size_t len, cli_jsonl_item *item, const char **why)
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
    cJSON_Delete(item->root);
    item->root = NULL;
}
