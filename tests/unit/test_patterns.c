/* test_patterns.c - the conduct phrase-pattern compiler: word classes,
 * errors with line numbers, and the trie budget. */
#include "conduct.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const tags[] = {"t"};

static int add(const char *list, size_t *bad)
{
    tact__alloc a;
    tact__alloc_init(&a, NULL);
    tact__pm *pm = NULL;
    if (tact__pm_new(&a, &pm) != TACT_OK)
        return -100;
    *bad = 0;
    int rc = tact__pm_add_list(&a, pm, list, strlen(list), 0, tags, 1, bad);
    tact__pm_free(&a, pm);
    return rc;
}

static void test_valid(void)
{
    size_t bad;
    CHECK_INT(add("# a comment\n@who = manager|the duty team|tm\nt: @who {is|was} {useless|a joke}\n"
                  "t: thanks {@who|everyone} * <sarc>\n",
                  &bad),
              TACT_OK);
}

static void test_errors_name_the_line(void)
{
    size_t bad;
    CHECK_INT(add("t: fine\nt: {unclosed\n", &bad), TACT_EMODEL);
    CHECK_INT(bad, 2);
    CHECK_INT(add("t: fine\n\nt: uses @nosuchclass\n", &bad), TACT_EMODEL);
    CHECK_INT(bad, 3);
    CHECK_INT(add("@a = x\n@b = @a|y\n", &bad), TACT_EMODEL); /* classes do not nest */
    CHECK_INT(bad, 2);
}

/* A pattern whose choices of phrases multiply is refused with its line,
 * instead of silently costing start-up time and memory. */
static void test_budget(void)
{
    char *list = malloc(1 << 16);
    size_t n = 0;
    for (int c = 0; c < 4; c++) {
        n += (size_t)sprintf(list + n, "@c%d = ", c);
        for (int k = 0; k < 60; k++)
            n += (size_t)sprintf(list + n, "%sw%d%d x%d%d", k ? "|" : "", c, k, c, k);
        list[n++] = '\n';
    }
    n += (size_t)sprintf(list + n, "t: small pattern\nt: @c0 @c1 @c2 @c3\n");
    list[n] = '\0';
    size_t bad;
    CHECK_INT(add(list, &bad), TACT_EMODEL);
    CHECK_INT(bad, 6);
    free(list);
}

int main(void)
{
    static const th_test tests[] = {{"valid", test_valid},
                                    {"errors_name_the_line", test_errors_name_the_line},
                                    {"budget", test_budget},
                                    {NULL, NULL}};
    return th_run(tests);
}
