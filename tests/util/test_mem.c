/* test_mem.c — util/mem.c. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

Test(mem, calloc_zeroes_and_realloc_keeps_content)
{
    int *a = xcalloc(100, sizeof *a);
    for (int i = 0; i < 100; i++)
        cr_assert_eq(a[i], 0);
    a[99] = 7;
    a = xreallocarray(a, 1000, sizeof *a);
    cr_assert_eq(a[99], 7);
    free(a);
}

Test(mem, zero_size_gives_a_freeable_pointer)
{
    void *p = xmalloc(0);
    cr_assert_not_null(p);
    free(p);
}

Test(mem, strdup_copies)
{
    char *s = xstrdup("进村");
    cr_assert_str_eq(s, "进村");
    free(s);
}

Test(mem, overflowing_product_aborts, .signal = SIGABRT)
{
    void *p = xmallocarray(SIZE_MAX / 2, 4);
    free(p);
}
