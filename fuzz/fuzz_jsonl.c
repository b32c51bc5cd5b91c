/*
 * fuzz_jsonl.c - the JSON lines reader of `tact check --format jsonl`
 * (src/cli/jsonl.c: its fast reader, else cJSON) on one line of any bytes,
 * checked against cJSON alone, and the scan of the text it yields, as the
 * command does it.
 */
#include "fuzz_common.h"
#include "jsonl.h"

/* The reader's fast path and cJSON alone read every line the same way. */
static void same_as_cjson(const uint8_t *data, size_t size, int rc, const cli_jsonl_item *item,
                          const char *why)
{
    cli_jsonl_item ref;
    const char *rwhy = NULL;
    int rrc = cli_jsonl_parse_cjson((const char *)data, size, &ref, &rwhy);
    FUZZ_ASSERT(rrc == rc);
    if (rc != 0) {
        FUZZ_ASSERT(strcmp(why, rwhy) == 0);
        return;
    }
    FUZZ_ASSERT(ref.text_len == item->text_len && memcmp(ref.text, item->text, ref.text_len) == 0);
    FUZZ_ASSERT((ref.id == NULL) == (item->id == NULL));
    FUZZ_ASSERT(ref.id_len == item->id_len);
    FUZZ_ASSERT(!ref.id || memcmp(ref.id, item->id, ref.id_len) == 0);
    cli_jsonl_free(&ref);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tact_scanner *sc = fuzz_scanner();
    cli_jsonl_item item;
    const char *why = NULL;
    int prc = cli_jsonl_parse((const char *)data, size, &item, &why);
    same_as_cjson(data, size, prc, &item, why);
    if (prc != 0) {
        FUZZ_ASSERT(why != NULL && strlen(why) < 100);
        FUZZ_ASSERT(item.root == NULL);
        return 0;
    }
    FUZZ_ASSERT(item.root != NULL && item.text != NULL);
    FUZZ_ASSERT(strlen(item.text) == item.text_len);
    FUZZ_ASSERT(item.id == NULL || strlen(item.id) == item.id_len);
    const tact_result *res = NULL;
    tact_error err;
    int rc = tact_scanner_scan(sc, item.text, item.text_len, 0, &res, &err);
    FUZZ_ASSERT(fuzz_scan_status_ok(rc));
    if (rc == TACT_OK) {
        fuzz_check_result(res, item.text_len);
        const char *json;
        size_t jl;
        rc = tact_result_json(sc, item.id, item.id_len, &json, &jl, NULL);
        FUZZ_ASSERT(rc == TACT_OK || rc == TACT_ENOMEM);
    }
    cli_jsonl_free(&item);
    FUZZ_ASSERT(item.root == NULL);
    return 0;
}
