/* test_arena.c — util/arena.c. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdalign.h>
#include <stdint.h>
#include <string.h>

#include "util/arena.h"

Test(arena, allocations_are_aligned_and_distinct)
{
    arena *a = arena_new(128);
    char *prev = NULL;
    for (int i = 0; i < 1000; i++) {
        char *p = arena_alloc(a, (size_t)(i % 37) + 1);
        cr_assert_eq((uintptr_t)p % alignof(max_align_t), 0);
        cr_assert_neq(p, prev);
        memset(p, 0xab, (size_t)(i % 37) + 1);
        prev = p;
    }
    arena_free(a);
}

Test(arena, large_allocation_and_strings)
{
    arena *a = arena_new(0);
    char *big = arena_alloc(a, 1 << 20);
    memset(big, 1, 1 << 20);
    char *s = arena_strdup(a, "黄岩区");
    cr_assert_str_eq(s, "黄岩区");
    arena_reset(a);
    char *t = arena_strdup(a, "ok");
    cr_assert_str_eq(t, "ok");
    arena_free(a);
    arena_free(NULL);
}
