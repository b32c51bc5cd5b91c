/*
 * fuzz_common.h - what the libFuzzer targets share: one ruleset and scanner
 * built on first use (kept for the life of the process, as libFuzzer runs
 * many inputs in one process), and invariant checks that turn a silent
 * contract breach into a crash the fuzzer reports.
 *
 * Each fuzz/fuzz_<target>.c defines LLVMFuzzerTestOneInput; it is linked
 * either with libFuzzer (fuzz/CMakeLists.txt, -DTACT_FUZZ=ON) or with
 * fuzz/replay.c in the normal build (tests/fuzz/tests.cmake).
 */
#ifndef TACT_FUZZ_COMMON_H
#define TACT_FUZZ_COMMON_H

#include "tact.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A contract breach: say which, then abort so the fuzzer keeps the input. */
#define FUZZ_ASSERT(cond)                                                              \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                   \
        }                                                                              \
    } while (0)

/* The shared scanner; aborts when the library cannot even start. */
static inline tact_scanner *fuzz_scanner(void)
{
    static tact_ruleset *fuzz_rs_;
    static tact_scanner *fuzz_sc_;
    if (fuzz_sc_)
        return fuzz_sc_;
    tact_error err;
    if (tact_ruleset_compile(NULL, &fuzz_rs_, &err) != TACT_OK ||
        tact_scanner_new(fuzz_rs_, NULL, &fuzz_sc_, &err) != TACT_OK) {
        fprintf(stderr, "fuzz: cannot start: %s\n", err.message);
        abort();
    }
    return fuzz_sc_;
}

/* Status codes a scan may return for any input. */
static inline int fuzz_scan_status_ok(int rc)
{
    return rc == TACT_OK || rc == TACT_EUTF8 || rc == TACT_ERANGE || rc == TACT_ENOMEM;
}

/* Every result must keep the contract of tact.h and DESIGN.md. */
static inline void fuzz_check_result(const tact_result *res, size_t len)
{
    FUZZ_ASSERT(res != NULL);
    FUZZ_ASSERT((int)res->verdict >= TACT_VERDICT_OK && (int)res->verdict <= TACT_VERDICT_BLOCK);
    FUZZ_ASSERT(res->count == 0 || res->findings != NULL);
    size_t last_id_end = 0;
    for (size_t i = 0; i < res->count; i++) {
        const tact_finding *f = &res->findings[i];
        FUZZ_ASSERT(f->start < f->end);
        FUZZ_ASSERT(f->end <= len);
        FUZZ_ASSERT(f->rule && f->message && f->suggestion);
        FUZZ_ASSERT(f->confidence >= 0.f && f->confidence <= 1.f);
        FUZZ_ASSERT(strcmp(tact_type_name(f->type), "unknown") != 0);
        if (i) {
            const tact_finding *g = &res->findings[i - 1];
            FUZZ_ASSERT(g->start < f->start || (g->start == f->start && g->end <= f->end));
        }
        /* identifiers never overlap each other */
        if (f->category != TACT_CAT_CONDUCT) {
            FUZZ_ASSERT(f->start >= last_id_end);
            last_id_end = f->end;
        }
    }
}

#endif
