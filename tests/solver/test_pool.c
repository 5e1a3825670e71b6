/* test_pool.c — solver/pool.c: vehicle groups and fleet per day, distinct feasible routes
 * only, the POOL_MAX cap, lookup, and the view handed to lp_set_partition.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "solver/inst.h"
#include "solver/pool.h"
#include "solver/sol.h"
#include "tests/solver/fixture.h"
#include "util/mem.h"

/* Slot ri's route through stops s[0..n), evaluated. */
static sol_route route_of(const inst *I, uint32_t ri, uint32_t *s, uint32_t n)
{
    sol_route r = {.len = n, .cap = n, .s = s};
    uint32_t *pat = xcalloc(I->nn, sizeof *pat); /* the demands here do not depend on it */
    sol_route_eval(I, pat, ri, &r);
    free(pat);
    return r;
}

Test(pool, identical_vehicles_form_a_group_counted_per_day)
{
    double xy[2 * 3] = {0, 0, 10, 0, 20, 0};
    built b;
    fixture_build(&b, 3, 1, 2, xy, 3);
    b.veh[1].days = 1;   /* differs from vehicle 0 in its days */
    b.veh[2] = b.veh[0]; /* same type as vehicle 0 */
    inst *I = inst_new(&b.p);
    pool *P = pool_new(I);
    /* slots: day 0: vehicles 0 1 2; day 1: vehicles 0 2 */
    const uint32_t grp[] = {0, 1, 0, 0, 0};
    for (uint32_t ri = 0; ri < I->nr; ri++)
        cr_assert_eq(pool_group(P, ri), grp[ri], "slot %u", ri);
    lp_pool v = pool_lp(P, NULL);
    cr_assert_eq(v.n_groups, 2);
    const uint32_t fleet[] = {2, 2, 1, 0}; /* group 0 on days 0 and 1, group 1 on both */
    cr_assert_arr_eq(v.fleet, fleet, sizeof fleet);
    cr_assert_eq(v.n_routes, 0);
    pool_free(P);
    inst_free(I);
    fixture_unbuild(&b);
}

Test(pool, keeps_distinct_feasible_routes_and_finds_them)
{
    double xy[2 * 4] = {0, 0, 10, 0, 20, 0, 30, 0};
    built b;
    fixture_build(&b, 4, 1, 1, xy, 1);
    b.veh[0].capacity = 2;
    inst *I = inst_new(&b.p);
    pool *P = pool_new(I);
    uint32_t a[] = {1, 2}, c[] = {2, 1}, over[] = {1, 2, 3};
    sol_route ra = route_of(I, 0, a, 2), rc = route_of(I, 0, c, 2), ro = route_of(I, 0, over, 3);
    sol_route empty = {0};
    pool_add(P, 0, &ra, false);
    pool_add(P, 0, &ra, false);
    pool_add(P, 0, &rc, false);
    pool_add(P, 0, &ro, false);
    pool_add(P, 0, &empty, true);
    cr_assert_eq(pool_size(P), 2, "a twice, c once; over capacity and empty refused");
    a[0] = 3; /* the pool holds its own copy */
    uint32_t a0[] = {1, 2};
    uint32_t k = pool_find(P, 0, 0, a0, 2);
    cr_assert_eq(k, 0);
    const lp_route *q = pool_route(P, k);
    cr_assert_eq(q->n_stops, 2);
    cr_assert_eq(q->stops[0], 1);
    cr_assert_eq(q->stops[1], 2);
    cr_assert_eq(q->cost, 40); /* 10 + 10 + 20 */
    cr_assert_eq(pool_find(P, 0, 0, c, 2), 1);
    cr_assert_eq(pool_find(P, 0, 0, over, 3), INST_NONE);
    bool start[2] = {true, false};
    lp_pool v = pool_lp(P, start);
    cr_assert_eq(v.n_routes, 2);
    cr_assert_eq(v.start, start);
    pool_free(P);
    inst_free(I);
    fixture_unbuild(&b);
}

Test(pool, a_full_pool_takes_only_the_routes_it_must)
{
    enum { N = 9 };
    double xy[2 * N];
    fixture_random_points(xy, N, 3);
    built b;
    fixture_build(&b, N, 1, 1, xy, 1);
    inst *I = inst_new(&b.p);
    pool *P = pool_new(I);
    /* distinct routes: every ordered choice of 4 of the 8 stops (1680) and of 5 (6720) */
    uint32_t s[5];
    for (uint32_t len = 4; len <= 5 && pool_size(P) < POOL_MAX; len++)
        for (uint32_t code = 0; code < 8 * 8 * 8 * 8 * 8 && pool_size(P) < POOL_MAX; code++) {
            uint32_t used = 0, x = code;
            bool ok = true;
            for (uint32_t j = 0; j < len && ok; j++, x /= 8) {
                s[j] = 1 + x % 8;
                ok = !(used >> s[j] & 1);
                used |= 1u << s[j];
            }
            if (!ok || (len == 4 && code >= 8 * 8 * 8 * 8))
                continue;
            sol_route r = route_of(I, 0, s, len);
            pool_add(P, 0, &r, false);
        }
    cr_assert_eq(pool_size(P), POOL_MAX);
    uint32_t t[] = {1, 2, 3, 4, 5, 6};
    sol_route r = route_of(I, 0, t, 6);
    pool_add(P, 0, &r, false);
    cr_assert_eq(pool_size(P), POOL_MAX, "full");
    pool_add(P, 0, &r, true);
    cr_assert_eq(pool_size(P), POOL_MAX + 1, "a start route goes in all the same");
    cr_assert_eq(pool_find(P, 0, 0, t, 6), POOL_MAX);
    pool_free(P);
    inst_free(I);
    fixture_unbuild(&b);
}

Test(pool, free_null_is_a_no_op)
{
    pool_free(NULL);
}
