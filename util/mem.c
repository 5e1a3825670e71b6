/* mem.c — checked allocation (abort on exhaustion, overflow-checked products).
 * SPDX-License-Identifier: MIT */
#include "util/mem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t bytes)
{
    fprintf(stderr, "out of memory (%zu bytes)\n", bytes);
    abort();
}

static size_t checked_mul(size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        oom(SIZE_MAX);
    return n * size;
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        oom(size);
    return p;
}

void *xmallocarray(size_t n, size_t size)
{
    return xmalloc(checked_mul(n, size));
}

void *xcalloc(size_t n, size_t size)
{
    size_t bytes = checked_mul(n, size);
    void *p = calloc(bytes ? n : 1, bytes ? size : 1);
    if (!p)
        oom(bytes);
    return p;
}

void *xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q)
        oom(size);
    return q;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
    return xrealloc(p, checked_mul(n, size));
}

char *xstrdup(const char *s)
{
    size_t len = strlen(s) + 1;
    char *d = xmalloc(len);
    memcpy(d, s, len);
    return d;
}
