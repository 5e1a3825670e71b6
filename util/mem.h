/* mem.h — checked allocation: abort with a message instead of returning NULL.
 * SPDX-License-Identifier: MIT */
#ifndef UTIL_MEM_H
#define UTIL_MEM_H

#include <stddef.h>

/* Each checks n * size for overflow; on failure prints "out of memory (N bytes)" to stderr and
 * aborts. Callers never test the result for NULL. A size of 0 returns a valid unique pointer. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
void *xmallocarray(size_t n, size_t size);
char *xstrdup(const char *s);

#endif
