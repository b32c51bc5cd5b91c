/*
 * test_speed26.c - start-up: the library adopts its embedded pattern
 * snapshot on its header alone (tact__pm_adopt_builtin), trusting the
 * build's whole check (tools/pmgen.c). The embedded snapshot passes that
 * whole check; the header checks still refuse a truncated or retagged
 * blob; a matcher adopted either way is the same. And tact__calloc zeroes
 * with the C library's allocator and with a caller's.
 */
#include "harness.h"
#include "conduct_match.h"

#include <stdlib.h>

static void test_builtin_checks(void)
{
    size_t n = 0;
    const char *snap = tact__data_get("conduct.pm", &n);
    CHECK(snap != NULL);
    if (!snap)
        return;
    tact__alloc a;
    tact__alloc_init(&a, NULL);
    tact__pm *full = NULL, *fast = NULL;
    CHECK_INT(tact__pm_new(&a, &full), TACT_OK);
    CHECK_INT(tact__pm_new(&a, &fast), TACT_OK);
    if (!full || !fast)
        goto done;
    /* what the build checked: the whole check passes on the embedded blob */
    CHECK_INT(tact__pm_adopt(&a, full, snap, n), TACT_OK);
    CHECK_INT(tact__pm_adopt_builtin(&a, fast, snap, n), TACT_OK);
    CHECK_INT(fast->nnodes, full->nnodes);
    CHECK_INT(fast->naccs, full->naccs);
    CHECK_INT(fast->npats, full->npats);
    CHECK_INT(fast->nckeys, full->nckeys);
    CHECK_INT(fast->ncslots, full->ncslots);
    CHECK_INT(fast->ncm, full->ncm);
    CHECK(fast->nodes == full->nodes && fast->fchild == full->fchild);
    CHECK(memcmp(fast->tfilter, full->tfilter, sizeof fast->tfilter) == 0);
    CHECK(fast->snap_digest == full->snap_digest);
done:
    tact__pm_free(&a, full);
    tact__pm_free(&a, fast);
}

static void test_builtin_header(void)
{
    size_t n = 0;
    const char *snap = tact__data_get("conduct.pm", &n);
    if (!snap || n < 64)
        return;
    tact__alloc a;
    tact__alloc_init(&a, NULL);
    /* a copy of the header and a little more, 16-byte aligned */
    char *copy = aligned_alloc(16, 4096);
    CHECK(copy != NULL);
    if (!copy)
        return;
    memcpy(copy, snap, 4096 < n ? 4096 : n);
    tact__pm *pm = NULL;
    CHECK_INT(tact__pm_new(&a, &pm), TACT_OK);
    /* the sizes in the header no longer add up to the length */
    CHECK_INT(tact__pm_adopt_builtin(&a, pm, copy, 4096), TACT_EMODEL);
    CHECK_INT(tact__pm_adopt_builtin(&a, pm, snap, n - 16), TACT_EMODEL);
    /* another layout's magic */
    copy[0] ^= 1;
    CHECK_INT(tact__pm_adopt_builtin(&a, pm, copy, n), TACT_EMODEL);
    /* not aligned */
    CHECK_INT(tact__pm_adopt_builtin(&a, pm, snap + 1, n - 1), TACT_EMODEL);
    /* still a new, empty matcher after the refusals */
    CHECK_INT(tact__pm_adopt_builtin(&a, pm, snap, n), TACT_OK);
    /* and not twice */
    CHECK_INT(tact__pm_adopt_builtin(&a, pm, snap, n), TACT_EMODEL);
    tact__pm_free(&a, pm);
    free(copy);
}

static void *my_malloc(void *ctx, size_t n)
{
    (*(int *)ctx)++;
    void *p = malloc(n);
    if (p)
        memset(p, 0xA5, n); /* not zero: calloc must clear it */
    return p;
}

static void *my_realloc(void *ctx, void *p, size_t n)
{
    (void)ctx;
    return realloc(p, n);
}

static void my_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

static bool all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

static void test_calloc(void)
{
    static const size_t sizes[] = {0, 1, 17, 4096, (size_t)1 << 20, ((size_t)1 << 22) + 3};
    int calls = 0;
    const tact_allocator mine = {my_malloc, my_realloc, my_free, &calls};
    tact__alloc std, user;
    tact__alloc_init(&std, NULL);
    tact__alloc_init(&user, &mine);
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        unsigned char *p = tact__calloc(&std, sizes[k], 1);
        unsigned char *q = tact__calloc(&user, 1, sizes[k]);
        CHECK(p != NULL && q != NULL);
        if (p && q) {
            CHECK(all_zero(p, sizes[k]));
            CHECK(all_zero(q, sizes[k]));
        }
        tact__free(&std, p);
        tact__free(&user, q);
    }
    /* the caller's allocator is still the one asked */
    CHECK_INT(calls, (int)(sizeof sizes / sizeof sizes[0]));
    /* an overflowing count is refused either way */
    CHECK(tact__calloc(&std, SIZE_MAX / 2, 4) == NULL);
    CHECK(tact__calloc(&user, SIZE_MAX / 2, 4) == NULL);
}

int main(void)
{
    static const th_test tests[] = {{"builtin_checks", test_builtin_checks},
                                    {"builtin_header", test_builtin_header},
                                    {"calloc", test_calloc},
                                    {NULL, NULL}};
    return th_run(tests);
}
