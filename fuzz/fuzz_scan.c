/*
 * fuzz_scan.c - tact_scanner_scan and tact_result_json over any bytes, with
 * and without TACT_SCAN_REPLACE_INVALID. The JSON must parse (cJSON) and
 * every result must keep the contract (fuzz_common.h).
 */
#include "fuzz_common.h"

#include <cjson/cJSON.h>

static void check_json(tact_scanner *sc, const tact_result *res)
{
    const char *json = NULL;
    size_t jl = 0;
    int rc = tact_result_json(sc, "fuzz\"id\n", 8, &json, &jl, NULL);
    if (rc == TACT_ENOMEM)
        return;
    FUZZ_ASSERT(rc == TACT_OK);
    FUZZ_ASSERT(json && json[jl] == '\0' && strlen(json) == jl);
    cJSON *doc = cJSON_ParseWithLength(json, jl);
    FUZZ_ASSERT(doc != NULL);
    cJSON *f = cJSON_GetObjectItemCaseSensitive(doc, "findings");
    FUZZ_ASSERT(cJSON_IsArray(f));
    FUZZ_ASSERT((size_t)cJSON_GetArraySize(f) == res->count);
    cJSON_Delete(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tact_scanner *sc = fuzz_scanner();
    const char *text = (const char *)data;
    const tact_result *res = NULL;
    tact_error err;
    int rc = tact_scanner_scan(sc, text, size, 0, &res, &err);
    FUZZ_ASSERT(fuzz_scan_status_ok(rc));
    if (rc == TACT_OK) {
        fuzz_check_result(res, size);
        check_json(sc, res);
    } else {
        FUZZ_ASSERT(res == NULL);
        FUZZ_ASSERT(rc != TACT_EUTF8 || err.offset < size);
    }
    rc = tact_scanner_scan(sc, text, size, TACT_SCAN_REPLACE_INVALID, &res, &err);
    FUZZ_ASSERT(rc == TACT_OK || rc == TACT_ERANGE || rc == TACT_ENOMEM);
    if (rc == TACT_OK) {
        fuzz_check_result(res, size);
        check_json(sc, res);
    }
    return 0;
}
