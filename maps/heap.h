/* heap.h — binary min-heap of (key, node) entries for Dijkstra-like searches (maps/dijkstra.c,
 * maps/ch.c). Ties on key are broken by node id, so a search pops in the same order on every
 * platform. Searches use lazy deletion: a node whose key drops is pushed again, and the stale
 * entry is skipped when it is popped. The struct is public, like util/vec.h, so a search can
 * embed one and a zeroed heap is an empty one. Push and pop are the inner loop of every
 * search, so they are inline here; the growth path is in heap.c. SPDX-License-Identifier: MIT */
#ifndef MAPS_HEAP_H
#define MAPS_HEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct heap_item {
    uint64_t key;  /* packed cost (maps/ch.h) or priority */
    uint32_t node; /* the node it belongs to */
} heap_item;

typedef struct heap {
    heap_item *a; /* a[0] is the least; NULL while cap == 0 */
    size_t len;   /* entries in use */
    size_t cap;   /* entries allocated */
} heap;

/* Makes room for one more entry by doubling (at least 64); aborts on exhaustion
 * (util/mem.h). Called by heap_push when the array is full. */
void heap_grow(heap *h);

/* Frees h's memory and leaves it empty; a zeroed heap is fine. */
void heap_free(heap *h);

/* True when x pops before y: smaller key, then smaller node. */
static inline bool heap_item_less(const heap_item *x, const heap_item *y)
{
    return x->key < y->key || (x->key == y->key && x->node < y->node);
}

/* Adds (key, node). The array and length are copied to locals: a key is a uint64_t, the same
 * type as size_t here, so stores into the array could otherwise alias h->len for the compiler. */
static inline void heap_push(heap *h, uint64_t key, uint32_t node)
{
    if (h->len == h->cap)
        heap_grow(h);
    heap_item *a = h->a, it = {key, node};
    size_t i = h->len++;
    while (i > 0) { /* sift up: move parents down until it fits */
        size_t p = (i - 1) / 2;
        if (!heap_item_less(&it, &a[p]))
            break;
        a[i] = a[p];
        i = p;
    }
    a[i] = it;
}

/* Removes and returns the least entry. h->len must be > 0. */
static inline heap_item heap_pop(heap *h)
{
    heap_item *a = h->a;
    size_t n = --h->len, i = 0;
    heap_item top = a[0], last = a[n];
    for (;;) { /* sift the last entry down from the root */
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && heap_item_less(&a[c + 1], &a[c]))
            c++;
        if (!heap_item_less(&a[c], &last))
            break;
        a[i] = a[c];
        i = c;
    }
    if (n > 0)
        a[i] = last;
    return top;
}

/* Empties h, keeping its memory for the next search. */
static inline void heap_clear(heap *h)
{
    h->len = 0;
}

#endif
