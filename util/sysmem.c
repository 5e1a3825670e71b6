/* sysmem.c — the memory a run may use (see sysmem.h). SPDX-License-Identifier: MIT */
#include "util/sysmem.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

err_code sysmem_limit(uint64_t *bytes, err *e)
{
    const char *env = getenv(SYSMEM_ENV);
    if (env && *env) {
        char *end;
        errno = 0;
        unsigned long long mb = strtoull(env, &end, 10);
        if (errno || *end || *env == '-' || mb == 0 || mb > UINT64_MAX >> 20)
            return err_set(e, ERR_USAGE, "%s: expected a whole number of MiB >= 1, got '%s'",
                           SYSMEM_ENV, env);
        *bytes = (uint64_t)mb << 20;
        return ERR_OK;
    }
    long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGE_SIZE);
    *bytes = pages > 0 && size > 0 ? sysmem_mul((uint64_t)pages, (uint64_t)size) : UINT64_MAX;
    return ERR_OK;
}

err_code sysmem_check(uint64_t need, const char *what, err *e)
{
    uint64_t limit;
    err_code rc = sysmem_limit(&limit, e);
    if (rc != ERR_OK)
        return rc;
    if (need <= limit)
        return ERR_OK;
    const char *env = getenv(SYSMEM_ENV);
    return err_set(e, ERR_USAGE,
                   "%s need about %llu MiB of memory, more than the %llu MiB %s; use a smaller "
                   "input%s",
                   what, (unsigned long long)((need + (1u << 20) - 1) >> 20),
                   (unsigned long long)(limit >> 20),
                   env && *env ? "that " SYSMEM_ENV " allows" : "this machine has",
                   env && *env ? "" : " (or set " SYSMEM_ENV " if swap is to be used)");
}

uint64_t sysmem_mul(uint64_t a, uint64_t b)
{
    return a && b > UINT64_MAX / a ? UINT64_MAX : a * b;
}
