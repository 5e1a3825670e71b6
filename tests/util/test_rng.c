/* test_rng.c — util/rng.c. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdint.h>

#include "util/rng.h"

Test(rng, same_seed_same_stream)
{
    rng a, b;
    rng_seed(&a, 42);
    rng_seed(&b, 42);
    for (int i = 0; i < 1000; i++)
        cr_assert_eq(rng_next(&a), rng_next(&b));
}

Test(rng, different_seeds_differ)
{
    rng a, b;
    rng_seed(&a, 1);
    rng_seed(&b, 2);
    int same = 0;
    for (int i = 0; i < 100; i++)
        same += rng_next(&a) == rng_next(&b);
    cr_assert_lt(same, 2);
}

Test(rng, first_value_is_stable_across_platforms)
{
    /* Pinned so that a change of generator (which would change every plan) is noticed. */
    rng r;
    rng_seed(&r, 1);
    uint64_t first = rng_next(&r);
    rng_seed(&r, 1);
    cr_assert_eq(rng_next(&r), first);
    cr_assert_eq(first, UINT64_C(0xb3f2af6d0fc710c5), "got %#llx", (unsigned long long)first);
}

Test(rng, below_stays_in_range_and_covers_it)
{
    rng r;
    rng_seed(&r, 7);
    int seen[10] = {0};
    for (int i = 0; i < 10000; i++) {
        uint32_t x = rng_below(&r, 10);
        cr_assert_lt(x, 10);
        seen[x]++;
    }
    for (int k = 0; k < 10; k++)
        cr_assert(seen[k] > 800 && seen[k] < 1200, "bucket %d has %d", k, seen[k]);
}

Test(rng, double_in_unit_interval)
{
    rng r;
    rng_seed(&r, 3);
    double sum = 0;
    for (int i = 0; i < 10000; i++) {
        double x = rng_double(&r);
        cr_assert(x >= 0.0 && x < 1.0);
        sum += x;
    }
    cr_assert(sum / 10000 > 0.48 && sum / 10000 < 0.52);
}

Test(rng, shuffle_is_a_permutation)
{
    rng r;
    rng_seed(&r, 9);
    uint32_t a[100];
    for (uint32_t i = 0; i < 100; i++)
        a[i] = i;
    rng_shuffle_u32(&r, a, 100);
    int seen[100] = {0};
    int moved = 0;
    for (uint32_t i = 0; i < 100; i++) {
        seen[a[i]]++;
        moved += a[i] != i;
    }
    for (int i = 0; i < 100; i++)
        cr_assert_eq(seen[i], 1);
    cr_assert_gt(moved, 50);
}
