/* heap.c — the out-of-line part of the binary min-heap (see heap.h): growth and freeing.
 * SPDX-License-Identifier: MIT */
#include "maps/heap.h"

#include <stdlib.h>

#include "util/mem.h"

void heap_grow(heap *h)
{
    h->cap = h->cap ? 2 * h->cap : 64;
    h->a = xreallocarray(h->a, h->cap, sizeof *h->a);
}

void heap_free(heap *h)
{
    free(h->a);
    h->a = NULL;
    h->len = h->cap = 0;
}
