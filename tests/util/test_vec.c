/* test_vec.c — util/vec.h. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>

#include "util/vec.h"

Test(vec, push_grows_and_keeps_order)
{
    VEC(uint32_t) v = {0};
    for (uint32_t i = 0; i < 10000; i++)
        VEC_PUSH(&v, i * 3);
    cr_assert_eq(v.len, 10000);
    cr_assert_geq(v.cap, v.len);
    for (uint32_t i = 0; i < 10000; i++)
        cr_assert_eq(v.data[i], i * 3);
    VEC_FREE(&v);
    cr_assert_null(v.data);
    cr_assert_eq(v.len, 0);
}

Test(vec, reserve_gives_capacity_without_changing_length)
{
    VEC(double) v = {0};
    VEC_RESERVE(&v, 100);
    cr_assert_geq(v.cap, 100);
    cr_assert_eq(v.len, 0);
    VEC_FREE(&v);
}

Test(vec, struct_elements)
{
    typedef struct {
        int a;
        char b;
    } pair;
    VEC(pair) v = {0};
    VEC_PUSH(&v, ((pair){1, 'x'}));
    VEC_PUSH(&v, ((pair){2, 'y'}));
    cr_assert_eq(v.data[1].a, 2);
    cr_assert_eq(v.data[0].b, 'x');
    VEC_FREE(&v);
}
