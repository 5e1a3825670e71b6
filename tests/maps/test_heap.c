/* test_heap.c — maps/heap: pop order by (key, node), against a plain scan for the least entry.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>

#include "maps/heap.h"
#include "util/rng.h"

Test(heap, pops_by_key_then_node)
{
    heap h = {0};
    heap_push(&h, 5, 1);
    heap_push(&h, 3, 9);
    heap_push(&h, 5, 0);
    heap_push(&h, 3, 2);
    heap_push(&h, 0, 7);
    static const heap_item want[] = {{0, 7}, {3, 2}, {3, 9}, {5, 0}, {5, 1}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        cr_assert_gt(h.len, 0);
        heap_item it = heap_pop(&h);
        cr_expect(it.key == want[i].key && it.node == want[i].node,
                  "pop %zu: (%llu, %u), expected (%llu, %u)", i, (unsigned long long)it.key,
                  it.node, (unsigned long long)want[i].key, want[i].node);
    }
    cr_expect_eq(h.len, 0);
    heap_free(&h);
    cr_expect_null(h.a);
    heap_free(&h); /* a freed (zeroed) heap may be freed again */
}

/* Random pushes and pops, far past the first allocation, against a linear scan. */
Test(heap, matches_a_linear_scan_under_random_use)
{
    rng r;
    rng_seed(&r, 42);
    enum { MAX = 5000 };
    static heap_item ref[MAX];
    size_t n_ref = 0;
    heap h = {0};
    for (int step = 0; step < 40000; step++) {
        bool push = n_ref == 0 || (n_ref < MAX && rng_below(&r, 3) != 0);
        if (push) {
            heap_item it = {rng_below(&r, 200), rng_below(&r, 1000)}; /* many equal keys */
            heap_push(&h, it.key, it.node);
            ref[n_ref++] = it;
        } else {
            size_t best = 0;
            for (size_t i = 1; i < n_ref; i++)
                if (heap_item_less(&ref[i], &ref[best]))
                    best = i;
            heap_item got = heap_pop(&h);
            cr_assert(got.key == ref[best].key && got.node == ref[best].node,
                      "step %d: (%llu, %u), expected (%llu, %u)", step, (unsigned long long)got.key,
                      got.node, (unsigned long long)ref[best].key, ref[best].node);
            ref[best] = ref[--n_ref];
        }
        cr_assert_eq(h.len, n_ref);
    }
    cr_expect_gt(h.cap, 64, "the test grew the heap");
    heap_free(&h);
}

Test(heap, clear_empties_and_keeps_the_memory)
{
    heap h = {0};
    for (uint32_t i = 0; i < 100; i++)
        heap_push(&h, 100 - i, i);
    heap_item *a = h.a;
    size_t cap = h.cap;
    heap_clear(&h);
    cr_expect_eq(h.len, 0);
    cr_expect_eq(h.a, a);
    cr_expect_eq(h.cap, cap);
    heap_push(&h, 9, 9);
    heap_push(&h, 1, 1);
    cr_expect_eq(heap_pop(&h).node, 1);
    cr_expect_eq(heap_pop(&h).node, 9);
    heap_free(&h);
}
