/*
 * fuzz_jsonl.c - the JSON lines reader of `tact check --format jsonl`
 * (src/cli/jsonl.c, with cJSON) on one line of any bytes, and the scan of
 * the text it yields, as the command does it.
 */
#include "fuzz_common.h"
#include "jsonl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tact_scanner *sc = fuzz_scanner();
    cli_jsonl_item item;
    const char *why = NULL;
    if (cli_jsonl_parse((const char *)data, size, &item, &why) != 0) {
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
