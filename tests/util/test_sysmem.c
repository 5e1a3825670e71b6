/* test_sysmem.c — util/sysmem: the memory limit from the machine or JINCUN_MAX_MEMORY_MB, and
 * the message of an estimate over it. Each Criterion test runs in its own process, so setenv
 * here touches no other test. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/sysmem.h"

Test(sysmem, limit_is_the_machines_memory_by_default)
{
    unsetenv(SYSMEM_ENV);
    uint64_t limit = 0;
    err e = {0};
    cr_assert_eq(sysmem_limit(&limit, &e), ERR_OK, "%s", e.msg);
    uint64_t phys = (uint64_t)sysconf(_SC_PHYS_PAGES) * (uint64_t)sysconf(_SC_PAGE_SIZE);
    cr_assert_eq(limit, phys);
    cr_assert_eq(sysmem_check(1 << 20, "a small input", &e), ERR_OK);
    cr_assert_eq(sysmem_check(UINT64_MAX, "the 100000 x 100000 travel matrices", &e), ERR_USAGE);
    cr_assert_not_null(strstr(e.msg, "the 100000 x 100000 travel matrices need about "), "%s",
                       e.msg);
    cr_assert_not_null(strstr(e.msg, "MiB this machine has; use a smaller input (or set "
                                     "JINCUN_MAX_MEMORY_MB if swap is to be used)"),
                       "%s", e.msg);
}

Test(sysmem, environment_sets_the_limit)
{
    setenv(SYSMEM_ENV, "100", 1);
    uint64_t limit = 0;
    err e = {0};
    cr_assert_eq(sysmem_limit(&limit, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(limit, 100u << 20);
    cr_assert_eq(sysmem_check(100u << 20, "x", &e), ERR_OK, "at the limit");
    cr_assert_eq(sysmem_check((100u << 20) + 1, "the 5000 x 5000 travel matrices", &e), ERR_USAGE);
    cr_assert_str_eq(e.msg, "the 5000 x 5000 travel matrices need about 101 MiB of memory, more "
                            "than the 100 MiB that JINCUN_MAX_MEMORY_MB allows; use a smaller "
                            "input");
    static const char *const bad[] = {"0", "-5", "1.5", "lots", "99999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        setenv(SYSMEM_ENV, bad[i], 1);
        cr_assert_eq(sysmem_limit(&limit, &e), ERR_USAGE, "'%s'", bad[i]);
        cr_assert_not_null(strstr(e.msg, "JINCUN_MAX_MEMORY_MB: expected a whole number of MiB"),
                           "%s", e.msg);
    }
}

Test(sysmem, mul_saturates)
{
    cr_assert_eq(sysmem_mul(3, 4), 12);
    cr_assert_eq(sysmem_mul(0, UINT64_MAX), 0);
    cr_assert_eq(sysmem_mul(UINT64_MAX / 2, 3), UINT64_MAX);
}
