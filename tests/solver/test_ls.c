/* test_ls.c — solver/ls.c: each local-search move on a hand-built plan where it (and only it)
 * helps, a local optimum of a bad plan, plans that ls_improve refuses, and ls_run's
 * bookkeeping (the cost it keeps equals the cost recomputed; it starts from the dirty routes).
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "solver/inst.h"
#include "solver/ls.h"
#include "solver/sol.h"
#include "tests/solver/fixture.h"
#include "util/mem.h"

/* Improves plan `rows` of b with `moves`, checks the result and returns its cost. */
static int64_t improved_cost(const built *b, const uint32_t *rows, unsigned moves)
{
    vrp_solution *in = fixture_plan(b, rows), *out = NULL;
    err e = {0};
    cr_assert_eq(ls_improve(&b->p, moves, in, &out, &e), ERR_OK, "%s", e.msg);
    int64_t cost = fixture_check(&b->p, out, true);
    /* a local optimum: a second pass changes nothing */
    vrp_solution *again = NULL;
    cr_assert_eq(ls_improve(&b->p, moves, out, &again, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(again->cost, cost);
    vrp_solution_free(in);
    vrp_solution_free(out);
    vrp_solution_free(again);
    return cost;
}

Test(ls, swap_exchanges_stops_between_full_routes)
{
    /* depot, E1 E2 in the east, W1 W2 in the west; vans of capacity 2 each drive east-west */
    const double xy[] = {0, 0, 100, 0, 100, 10, -100, 0, -100, 10};
    built b;
    fixture_build(&b, 5, 1, 1, xy, 2);
    b.veh[0].capacity = b.veh[1].capacity = 2;
    const uint32_t rows[] = {0, 0, 1, 4, FIXTURE_END, 0, 1, 3, 2, FIXTURE_END, FIXTURE_PLAN_END};
    /* 100 + 200 + 100 twice = 800; one van per side: (100 + 10 + 100) twice = 420 */
    cr_assert_eq(improved_cost(&b, rows, VRP_MOVE_SWAP), 420);
    /* full vans: no stop can be moved, and reversing a two-stop route gains nothing */
    cr_assert_eq(improved_cost(&b, rows, VRP_MOVE_RELOCATE | VRP_MOVE_2OPT), 800);
    fixture_unbuild(&b);
}

Test(ls, two_opt_star_exchanges_route_tails)
{
    /* E1..E4 on x = 100, W1..W4 on x = -100; each full van (capacity 4) serves two of each */
    const double xy[] = {0,  0,    100, -15,  100, -5,   100, 5,    100,
                         15, -100, 5,   -100, 15,  -100, -15, -100, -5};
    built b;
    fixture_build(&b, 9, 1, 1, xy, 2);
    b.veh[0].capacity = b.veh[1].capacity = 4;
    const uint32_t rows[] = {0, 0, 1, 2, 5, 6,           FIXTURE_END,     0,
                             1, 7, 8, 3, 4, FIXTURE_END, FIXTURE_PLAN_END};
    /* one van per side: 101 + 10 + 10 + 10 + 101, twice */
    cr_assert_eq(improved_cost(&b, rows, VRP_MOVE_2OPT_STAR), 464);
    cr_assert_gt(improved_cost(&b, rows, VRP_MOVE_RELOCATE), 464);
    fixture_unbuild(&b);
}

Test(ls, pattern_move_changes_a_stops_day)
{
    /* two days; stop 1 may go on either day, stop 2 only on day 2 (next to stop 1), stop 3
     * only on day 1 (on the other side) */
    const double xy[] = {0, 0, 100, 0, 100, 10, -100, 0};
    built b;
    fixture_build(&b, 4, 1, 2, xy, 1);
    b.nodes[2].n_patterns = b.nodes[3].n_patterns = 1;
    b.pats[8 * 2] = 2;
    b.pats[8 * 3] = 1;
    const uint32_t rows[] = {0, 0, 3, 1, FIXTURE_END, 1, 0, 2, FIXTURE_END, FIXTURE_PLAN_END};
    /* day 1: 100 + 200 + 100, day 2: 100 + 100; after: day 1 100 + 100, day 2 210 */
    cr_assert_eq(improved_cost(&b, rows, VRP_MOVES_ALL & ~VRP_MOVE_PATTERN), 600);
    vrp_solution *in = fixture_plan(&b, rows), *out = NULL;
    err e = {0};
    cr_assert_eq(ls_improve(&b.p, VRP_MOVE_PATTERN, in, &out, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(fixture_check(&b.p, out, true), 410);
    cr_assert_eq(out->pattern[1], 2u, "stop 1 moved to day 2");
    vrp_solution_free(in);
    vrp_solution_free(out);
    fixture_unbuild(&b);
}

Test(ls, all_moves_reach_a_local_optimum_of_a_bad_plan)
{
    enum { N = 41 };
    double xy[2 * N];
    fixture_random_points(xy, N, 17);
    built b;
    fixture_build(&b, N, 1, 1, xy, 4);
    for (uint32_t v = 0; v < 4; v++)
        b.veh[v].capacity = 15;
    /* stops in index order, 10 per van: long zig-zag routes */
    uint32_t rows[N + 4 * 3 + 1], k = 0;
    for (uint32_t v = 0; v < 4; v++) {
        rows[k++] = 0;
        rows[k++] = v;
        for (uint32_t i = 1 + 10 * v; i <= 10 * (v + 1); i++)
            rows[k++] = i;
        rows[k++] = FIXTURE_END;
    }
    rows[k] = FIXTURE_PLAN_END;
    int64_t before = improved_cost(&b, rows, 0); /* no moves: the plan as it is */
    int64_t after = improved_cost(&b, rows, VRP_MOVES_ALL);
    cr_assert_lt(after, before * 3 / 4, "%lld -> %lld", (long long)before, (long long)after);
    fixture_unbuild(&b);
}

Test(ls, a_plan_that_does_not_fit_is_refused_with_its_route)
{
    const double xy[] = {0, 0, 100, 0, 100, 10};
    built b;
    fixture_build(&b, 3, 1, 2, xy, 1);
    b.veh[0].days = 1; /* the van works on day 1 only */
    vrp_solution *out = NULL;
    err e = {0};
    const uint32_t off_day[] = {0, 0, 1, FIXTURE_END, 1, 0, 2, FIXTURE_END, FIXTURE_PLAN_END};
    vrp_solution *in = fixture_plan(&b, off_day);
    cr_assert_eq(ls_improve(&b.p, VRP_MOVES_ALL, in, &out, &e), ERR_USAGE);
    cr_assert_null(out);
    cr_assert(strstr(e.msg, "route 2: vehicle 1 does not work on day 2"), "%s", e.msg);
    vrp_solution_free(in);
    const uint32_t twice[] = {0, 0, 1, 2, 1, FIXTURE_END, FIXTURE_PLAN_END};
    in = fixture_plan(&b, twice);
    cr_assert_eq(ls_improve(&b.p, VRP_MOVES_ALL, in, &out, &e), ERR_USAGE);
    cr_assert(strstr(e.msg, "route 1: stop 1"), "%s", e.msg);
    vrp_solution_free(in);
    fixture_unbuild(&b);
}

Test(ls, run_keeps_the_cost_it_tracks_equal_to_the_recomputed_cost)
{
    built b;
    fixture_periodic(&b, 21);
    inst *I = inst_new(&b.p);
    sol_delta D;
    sol_delta_init(I, &D);
    sol x;
    fixture_greedy(I, &D, &x);
    int64_t before = sol_obj(&x);
    ls *L = ls_new(I, &D, VRP_MOVES_ALL);
    sol_delta_all_dirty(I, &D, &x);
    ls_run(L, &x);
    cr_assert_lt(sol_obj(&x), before, "the greedy plan has room for improvement");
    cr_assert_eq(x.pen, 0);
    vrp_solution *s = sol_export(I, &x);
    cr_assert_eq(fixture_check(&b.p, s, true), x.cost);
    vrp_solution_free(s);
    ls_free(L);
    sol_free(I, &x);
    sol_delta_free(&D);
    inst_free(I);
    fixture_unbuild(&b);
}

Test(ls, run_without_dirty_routes_changes_nothing)
{
    built b;
    fixture_periodic(&b, 21);
    inst *I = inst_new(&b.p);
    sol_delta D;
    sol_delta_init(I, &D);
    sol x;
    fixture_greedy(I, &D, &x);
    vrp_solution *s0 = sol_export(I, &x);
    ls *L = ls_new(I, &D, VRP_MOVES_ALL);
    ls_run(L, &x); /* nothing is dirty: the search has nowhere to start */
    vrp_solution *s1 = sol_export(I, &x);
    cr_assert_eq(s1->cost, s0->cost);
    cr_assert_eq(s1->n_routes, s0->n_routes);
    cr_assert_arr_eq(s1->pattern, s0->pattern, b.p.n_nodes * sizeof *s0->pattern);
    cr_assert_eq(D.n_dirty, 0);
    vrp_solution_free(s0);
    vrp_solution_free(s1);
    ls_free(L);
    sol_free(I, &x);
    sol_delta_free(&D);
    inst_free(I);
    fixture_unbuild(&b);
}
