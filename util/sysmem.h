/* sysmem.h — the memory a run may use, so that an input too large for the machine stops with
 * a message before the big allocation instead of aborting in the middle of it.
 * SPDX-License-Identifier: MIT */
#ifndef UTIL_SYSMEM_H
#define UTIL_SYSMEM_H

#include <stdint.h>

#include "util/err.h"

/* Environment variable that sets the limit in MiB instead of the machine's memory. */
#define SYSMEM_ENV "JINCUN_MAX_MEMORY_MB"

/* Bytes a run may allocate: SYSMEM_ENV when set, else the machine's physical memory
 * (sysconf _SC_PHYS_PAGES x _SC_PAGE_SIZE; UINT64_MAX if unknown). ERR_USAGE when SYSMEM_ENV
 * is not a whole number of MiB >= 1. */
err_code sysmem_limit(uint64_t *bytes, err *e);

/* ERR_USAGE "WHAT needs about N MiB of memory, more than the M MiB this machine has (the
 * limit is set by JINCUN_MAX_MEMORY_MB)" when need bytes exceed sysmem_limit; ERR_OK
 * otherwise. what names the input and its size, e.g. "the 30000 x 30000 travel matrices". */
err_code sysmem_check(uint64_t need, const char *what, err *e);

/* a * b, saturating at UINT64_MAX, for memory estimates. */
uint64_t sysmem_mul(uint64_t a, uint64_t b);

#endif
