/* test_solve.c — vrp_solve (solver/solve.c) on problems built in code: optimum of small
 * instances (checked by brute force), feasibility of periodic, multi-depot and heterogeneous
 * plans (checked independently by the fixture), determinism, stops left out, the interrupt
 * flag, the GLPK steps; and vrp_improve as the door to the local search. Every run is stopped
 * by an iteration limit. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/instances/cordeau.h"
#include "solver/lp.h"
#include "solver/solve.h"
#include "tests/solver/fixture.h"
#include "util/mem.h"
#include "tests/support.h"

static vrp_solution *solve_iters(const vrp_problem *p, uint64_t iters, uint64_t seed)
{
    vrp_params par;
    vrp_params_init(&par);
    par.time_limit_s = 0;
    par.max_iterations = iters;
    par.seed = seed;
    par.use_lp = false;
    vrp_solution *s = NULL;
    err e = {0};
    cr_assert_eq(vrp_solve(p, &par, NULL, &s, &e), ERR_OK, "%s", e.msg);
    cr_assert_not_null(s);
    cr_assert_eq(s->end, VRP_END_ITERATIONS);
    return s;
}

/* Length of the best tour through stops 1..n-1 from depot 0, by enumeration. */
static int64_t brute_tsp(const int32_t *m, uint32_t n)
{
    uint32_t perm[10];
    uint32_t k = n - 1;
    for (uint32_t i = 0; i < k; i++)
        perm[i] = i + 1;
    int64_t best = INT64_MAX;
    for (;;) {
        int64_t len = m[perm[0]] + m[perm[k - 1] * n];
        for (uint32_t i = 0; i + 1 < k; i++)
            len += m[perm[i] * n + perm[i + 1]];
        if (len < best)
            best = len;
        /* next lexicographic permutation */
        int i = (int)k - 2;
        while (i >= 0 && perm[i] > perm[i + 1])
            i--;
        if (i < 0)
            break;
        int j = (int)k - 1;
        while (perm[j] < perm[i])
            j--;
        uint32_t t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
        for (int a = i + 1, b2 = (int)k - 1; a < b2; a++, b2--) {
            t = perm[a];
            perm[a] = perm[b2];
            perm[b2] = t;
        }
    }
    return best;
}

Test(solve, finds_optimal_tsp_tour)
{
    for (uint64_t seed = 1; seed <= 3; seed++) {
        double xy[2 * 9];
        fixture_random_points(xy, 9, seed);
        built b;
        fixture_build(&b, 9, 1, 1, xy, 1);
        int64_t opt = brute_tsp(b.m, 9);
        vrp_solution *s = solve_iters(&b.p, 3000, 7);
        cr_assert_eq(fixture_check(&b.p, s, true), opt, "instance %llu", (unsigned long long)seed);
        vrp_solution_free(s);
        fixture_unbuild(&b);
    }
}

Test(solve, capacity_splits_into_known_optimum)
{
    /* Two clusters far apart, each filling one vehicle: the optimum serves each cluster with
     * one route, whose best order is the convex loop. */
    double xy[] = {0, 0, 100, 0, 100, 10, 110, 10, 110, 0, -100, 0, -100, 10, -110, 10, -110, 0};
    built b;
    fixture_build(&b, 9, 1, 1, xy, 3);
    for (uint32_t v = 0; v < 3; v++)
        b.veh[v].capacity = 4;
    /* per cluster: two depot legs of 100 (rounded) and three 10-long sides */
    vrp_solution *s = solve_iters(&b.p, 2000, 1);
    cr_assert_eq(fixture_check(&b.p, s, true), 2 * 230);
    cr_assert_eq(s->n_routes, 2);
    vrp_solution_free(s);
    fixture_unbuild(&b);
}

Test(solve, periodic_plan_is_feasible_and_improves)
{
    built b;
    fixture_periodic(&b, 11);
    vrp_solution *s0 = solve_iters(&b.p, 1, 1);
    vrp_solution *s = solve_iters(&b.p, 3000, 1);
    int64_t c0 = fixture_check(&b.p, s0, true), c = fixture_check(&b.p, s, true);
    cr_assert_lt(c, c0, "search improves on the construction (%lld vs %lld)", (long long)c,
                 (long long)c0);
    vrp_solution_free(s0);
    vrp_solution_free(s);
    fixture_unbuild(&b);
}

Test(solve, same_seed_same_solution)
{
    built b;
    fixture_periodic(&b, 5);
    vrp_solution *a = solve_iters(&b.p, 1500, 42), *c = solve_iters(&b.p, 1500, 42);
    cr_assert_eq(a->cost, c->cost);
    cr_assert_eq(a->n_routes, c->n_routes);
    cr_assert_arr_eq(a->pattern, c->pattern, b.p.n_nodes * sizeof *a->pattern);
    for (size_t k = 0; k < a->n_routes; k++) {
        cr_assert_eq(a->routes[k].n_stops, c->routes[k].n_stops);
        cr_assert_arr_eq(a->routes[k].stops, c->routes[k].stops,
                         a->routes[k].n_stops * sizeof *a->routes[k].stops);
    }
    vrp_solution_free(a);
    vrp_solution_free(c);
    fixture_unbuild(&b);
}

Test(solve, multi_depot_heterogeneous_fleet_with_day_availability)
{
    double xy[2 * 26];
    fixture_random_points(xy, 26, 3);
    built b;
    fixture_build(&b, 26, 2, 2, xy, 4);
    /* vehicle 0: depot 0 both days; 1: depot 1 day 0 only; 2: depot 1 day 1 only, small;
     * 3: depot 0 day 1, range-limited, with a fixed cost and a time cost. */
    b.veh[0] = (vrp_vehicle){.depot = 0, .capacity = 10, .days = 3, .cost_per_dist = 1};
    b.veh[1] = (vrp_vehicle){.depot = 1, .capacity = 10, .days = 1, .cost_per_dist = 1};
    b.veh[2] = (vrp_vehicle){.depot = 1, .capacity = 6, .days = 2, .cost_per_dist = 2};
    b.veh[3] = (vrp_vehicle){.depot = 0,
                             .capacity = 10,
                             .max_distance = 2500,
                             .days = 2,
                             .fixed_cost = 300,
                             .cost_per_dist = 1,
                             .cost_per_time = 1};
    vrp_solution *s = solve_iters(&b.p, 2000, 1);
    fixture_check(&b.p, s, true);
    vrp_solution_free(s);
    fixture_unbuild(&b);
}

/* Vehicles used by s, as a bit mask. */
static uint32_t vehicles_used(const vrp_solution *s)
{
    uint32_t m = 0;
    for (size_t k = 0; k < s->n_routes; k++)
        m |= 1u << s->routes[k].vehicle;
    return m;
}

Test(solve, a_weekly_vehicle_cost_trades_a_vehicle_against_the_distance_it_saves)
{
    /* two clusters of 10 stops either side of the depot, each stop on day 0 or day 1;
     * vehicle 0 works both days at 2 per distance, vehicle 1 only day 0 at 1 per distance;
     * each carries 10, so one cluster a route */
    double xy[2 * 21] = {500, 500};
    for (uint32_t k = 0; k < 20; k++) {
        xy[2 * (k + 1)] = (k < 10 ? 100 : 900) + 10.0 * (k % 5);
        xy[2 * (k + 1) + 1] = 480 + 10.0 * (k % 10 / 5) + 3.0 * (k % 5);
    }
    built b;
    fixture_build(&b, 21, 1, 2, xy, 2);
    b.veh[0] = (vrp_vehicle){.depot = 0, .capacity = 10, .days = 3, .cost_per_dist = 2};
    b.veh[1] = (vrp_vehicle){.depot = 0, .capacity = 10, .days = 1, .cost_per_dist = 1};
    /* no weekly cost: the cheap vehicle drives one cluster, so both are used */
    vrp_solution *s = solve_iters(&b.p, 2000, 1);
    int64_t c0 = fixture_check(&b.p, s, true);
    cr_assert_eq(vehicles_used(s), 3u);
    vrp_solution_free(s);
    /* a weekly cost above what the cheap vehicle saves: vehicle 0 alone, on both days */
    b.veh[0].weekly_cost = b.veh[1].weekly_cost = 100000;
    s = solve_iters(&b.p, 2000, 1);
    int64_t c1 = fixture_check(&b.p, s, true);
    cr_assert_eq(vehicles_used(s), 1u);
    cr_assert_eq(s->n_routes, 2u);
    cr_assert_gt(c1 - 100000, c0, "the routes alone cost more than with both vehicles");
    cr_assert_lt(c1, c0 + 200000, "cheaper than paying for both vehicles");
    vrp_solution_free(s);
    fixture_unbuild(&b);
}

Test(solve, stops_that_cannot_be_served_are_left_out)
{
    built b;
    fixture_infeasible(&b);
    vrp_solution *s = solve_iters(&b.p, 200, 1);
    fixture_check(&b.p, s, false);
    cr_assert_eq(vrp_solution_unserved(&b.p, s), 5);
    for (uint32_t i = 1; i < 8; i++)
        cr_assert_eq(s->pattern[i] != 0, i == 1 || i == 7, "stop %u", i);
    vrp_solution_free(s);
    fixture_unbuild(&b);
}

Test(solve, nothing_feasible_is_err_infeasible)
{
    double xy[2 * 4];
    fixture_random_points(xy, 4, 2);
    built b;
    fixture_build(&b, 4, 1, 1, xy, 1);
    for (uint32_t i = 1; i < 4; i++)
        b.nodes[i].demand = 5000;
    err e = {0};
    vrp_params par;
    vrp_params_init(&par);
    par.max_iterations = 10;
    par.use_lp = false;
    vrp_solution *s = NULL;
    cr_assert_eq(vrp_solve(&b.p, &par, NULL, &s, &e), ERR_INFEASIBLE);
    cr_assert_null(s);
    cr_assert(strstr(e.msg, "capacity"), "message names the reason: %s", e.msg);
    fixture_unbuild(&b);
}

Test(solve, too_small_fleet_leaves_stops_unserved)
{
    double xy[2 * 7];
    fixture_random_points(xy, 7, 4);
    built b;
    fixture_build(&b, 7, 1, 1, xy, 1);
    b.veh[0].capacity = 4; /* 6 stops of demand 1, room for 4 */
    vrp_solution *s = solve_iters(&b.p, 300, 1);
    fixture_check(&b.p, s, false);
    cr_assert_eq(vrp_solution_unserved(&b.p, s), 2);
    vrp_solution_free(s);
    fixture_unbuild(&b);
}

Test(solve, interrupt_flag_returns_best_so_far)
{
    built b;
    fixture_periodic(&b, 8);
    volatile sig_atomic_t flag = 1;
    vrp_params par;
    vrp_params_init(&par);
    par.time_limit_s = 0;
    par.max_iterations = UINT64_MAX; /* only the flag can stop it */
    par.use_lp = false;
    par.interrupted = &flag;
    vrp_solution *s = NULL;
    err e = {0};
    cr_assert_eq(vrp_solve(&b.p, &par, NULL, &s, &e), ERR_OK, "%s", e.msg);
    fixture_check(&b.p, s, true);
    cr_assert_eq(s->end, VRP_END_INTERRUPTED);
    vrp_solution_free(s);
    fixture_unbuild(&b);
}

Test(solve, cordeau_p01_is_feasible_within_a_small_budget)
{
    char path[4096];
    TEST_SHARED_OR_SKIP(path, "bench/pvrp/p01.txt");
    err e = {0};
    cordeau_instance *ci = cordeau_load(path, &e);
    cr_assert_not_null(ci, "%s", e.msg);
    vrp_solution *s = solve_iters(&ci->problem, 20000, 1);
    fixture_check(&ci->problem, s, true);
    double cost = cordeau_solution_cost(ci, s);
    /* best known 524.61 */
    cr_assert(cost > 524.6 && cost < 524.61 * 1.03, "cost %.2f", cost);
    vrp_solution_free(s);
    cordeau_free(ci);
}

static void lp_teardown(void)
{
    lp_free_env();
}

Test(solve, glpk_parts_keep_plans_feasible_and_deterministic, .fini = lp_teardown)
{
    built b;
    fixture_periodic(&b, 13);
    vrp_params par;
    vrp_params_init(&par);
    par.time_limit_s = 0;
    par.max_iterations = 3000;
    par.use_lp = true;
    vrp_solution *s1 = NULL, *s2 = NULL;
    err e = {0};
    cr_assert_eq(vrp_solve(&b.p, &par, NULL, &s1, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(vrp_solve(&b.p, &par, NULL, &s2, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(fixture_check(&b.p, s1, true), fixture_check(&b.p, s2, true));
    cr_assert_arr_eq(s1->pattern, s2->pattern, b.p.n_nodes * sizeof *s1->pattern);
    vrp_solution_free(s1);
    vrp_solution_free(s2);
    fixture_unbuild(&b);
}

Test(solve, vrp_improve_refuses_a_plan_that_does_not_fit)
{
    const double xy[] = {0, 0, 100, 0, 100, 10};
    built b;
    fixture_build(&b, 3, 1, 2, xy, 1);
    b.veh[0].days = 1; /* the van works on day 1 only */
    const uint32_t off_day[] = {0, 0, 1, FIXTURE_END, 1, 0, 2, FIXTURE_END, FIXTURE_PLAN_END};
    vrp_solution *in = fixture_plan(&b, off_day), *out = NULL;
    err e = {0};
    cr_assert_eq(vrp_improve(&b.p, VRP_MOVES_ALL, in, &out, &e), ERR_USAGE);
    cr_assert_null(out);
    cr_assert(strstr(e.msg, "route 2: vehicle 1 does not work on day 2"), "%s", e.msg);
    vrp_solution_free(in);
    fixture_unbuild(&b);
}

/* ---- what ends a run, and what a run depends on ------------------------------------------ */

/* The messages of LOG_WARN and above a run logs, one per line. */
typedef struct warnings {
    char text[4096];
    size_t len;
} warnings;

static void keep_warning(void *ud, log_level level, const char *msg)
{
    warnings *w = ud;
    if (level < LOG_WARN)
        return;
    int n = snprintf(w->text + w->len, sizeof w->text - w->len, "%s\n", msg);
    if (n > 0)
        w->len = w->len + (size_t)n < sizeof w->text ? w->len + (size_t)n : sizeof w->text - 1;
}

static vrp_solution *solve_limits(const vrp_problem *p, double time_limit, uint64_t iters,
                                  bool use_lp, warnings *w)
{
    logger lg = {.sink = keep_warning, .ud = w, .min_level = LOG_WARN};
    vrp_params par;
    vrp_params_init(&par);
    par.time_limit_s = time_limit;
    par.max_iterations = iters;
    par.seed = 5;
    par.use_lp = use_lp;
    vrp_solution *s = NULL;
    err e = {0};
    cr_assert_eq(vrp_solve(p, &par, w ? &lg : NULL, &s, &e), ERR_OK, "%s", e.msg);
    return s;
}

static void assert_same_plan(const vrp_solution *a, const vrp_solution *c, uint32_t n_nodes)
{
    cr_assert_eq(a->cost, c->cost);
    cr_assert_eq(a->n_routes, c->n_routes);
    cr_assert_arr_eq(a->pattern, c->pattern, n_nodes * sizeof *a->pattern);
    for (size_t k = 0; k < a->n_routes; k++) {
        cr_assert_eq(a->routes[k].day, c->routes[k].day);
        cr_assert_eq(a->routes[k].vehicle, c->routes[k].vehicle);
        cr_assert_eq(a->routes[k].n_stops, c->routes[k].n_stops);
        cr_assert_arr_eq(a->routes[k].stops, c->routes[k].stops,
                         a->routes[k].n_stops * sizeof *a->routes[k].stops);
    }
}

Test(solve, same_seed_and_iteration_limit_give_the_same_plan_under_a_generous_time_limit,
     .fini = lp_teardown)
{
    built b;
    fixture_periodic(&b, 17);
    /* with GLPK: its rounds and the temperature follow the iterations, not the clock */
    vrp_solution *a = solve_limits(&b.p, 600, 4000, true, NULL);
    vrp_solution *c = solve_limits(&b.p, 600, 4000, true, NULL);
    vrp_solution *none = solve_limits(&b.p, 0, 4000, true, NULL); /* no clock at all */
    cr_assert_eq(a->end, VRP_END_ITERATIONS);
    cr_assert_eq(c->end, VRP_END_ITERATIONS);
    fixture_check(&b.p, a, true);
    assert_same_plan(a, c, b.p.n_nodes);
    assert_same_plan(a, none, b.p.n_nodes);
    vrp_solution_free(a);
    vrp_solution_free(c);
    vrp_solution_free(none);
    fixture_unbuild(&b);
}

Test(solve, a_time_limit_reached_before_the_iteration_limit_ends_the_run_and_says_so)
{
    built b;
    fixture_periodic(&b, 8);
    warnings w = {0};
    /* only the clock can end this run */
    vrp_solution *s = solve_limits(&b.p, 0.05, UINT64_MAX, false, &w);
    fixture_check(&b.p, s, true);
    cr_assert_eq(s->end, VRP_END_TIME);
    cr_assert(strstr(w.text, "the time limit (0.05 s) stopped the search after"), "%s", w.text);
    cr_assert(strstr(w.text, "depends on the machine's speed"), "%s", w.text);
    vrp_solution_free(s);
    /* without an iteration limit the clock is the expected end: no warning */
    warnings quiet = {0};
    s = solve_limits(&b.p, 0.05, 0, false, &quiet);
    cr_assert_eq(s->end, VRP_END_TIME);
    cr_assert_eq(quiet.len, 0, "%s", quiet.text);
    vrp_solution_free(s);
    fixture_unbuild(&b);
}

/* ---- time windows, start times, pickups --------------------------------------------------- */

/* One vehicle, one day, depot 0 at (0,0) and stops 1 (100,0), 2 (100,100), 3 (0,100): both
 * ways round the square are 400 long. */
static void square(built *b)
{
    const double xy[] = {0, 0, 100, 0, 100, 100, 0, 100};
    fixture_build(b, 4, 1, 1, xy, 1);
}

static void assert_route(const vrp_solution *s, size_t k, const uint32_t *want, uint32_t n)
{
    cr_assert_gt(s->n_routes, k);
    cr_assert_eq(s->routes[k].n_stops, n);
    cr_assert_arr_eq(s->routes[k].stops, want, n * sizeof *want);
}

Test(solve, a_window_forces_the_order_round_the_square)
{
    built b;
    square(&b);
    b.nodes[3].close = 100; /* reachable only as the first stop */
    vrp_solution *s = solve_iters(&b.p, 200, 1);
    cr_assert_eq(fixture_check(&b.p, s, true), 400);
    assert_route(s, 0, (const uint32_t[]){3, 2, 1}, 3);
    vrp_solution_free(s);
    b.nodes[3].close = 0;
    b.nodes[1].close = 100;
    s = solve_iters(&b.p, 200, 1);
    cr_assert_eq(fixture_check(&b.p, s, true), 400);
    assert_route(s, 0, (const uint32_t[]){1, 2, 3}, 3);
    vrp_solution_free(s);
    /* a van starting at 50 reaches neither in time as its first stop ... */
    b.veh[0].start = 50;
    cr_assert_eq(vrp_stop_reason(&b.p, 1), VRP_REASON_WINDOW);
    s = solve_iters(&b.p, 200, 1);
    cr_assert_eq(s->pattern[1], 0, "stop 1 left out");
    fixture_check(&b.p, s, false);
    vrp_solution_free(s);
    fixture_unbuild(&b);
}

Test(solve, waiting_counts_in_the_duration_and_the_cost)
{
    /* depot 0, stop 1 at 100, stop 2 at 200 on a line; stop 2 opens at 1000. Via 1 first the
     * van waits 800 at stop 2 (duration 1200); stop 2 first it leaves at 800 and is back at
     * 1200 (duration 400). Same 400 of road; cost 1 per time unit decides. */
    const double xy[] = {0, 0, 100, 0, 200, 0};
    built b;
    fixture_build(&b, 3, 1, 1, xy, 1);
    b.veh[0].cost_per_time = 1;
    b.nodes[2].open = 1000;
    b.nodes[2].close = VRP_TIME_MAX;
    vrp_solution *s = solve_iters(&b.p, 200, 1);
    cr_assert_eq(fixture_check(&b.p, s, true), 400 + 400);
    assert_route(s, 0, (const uint32_t[]){2, 1}, 2);
    cr_assert_eq(s->routes[0].duration, 400);
    vrp_solution_free(s);
    /* stop 1 closes at 150: it must come first, and the van waits 800 at stop 2 */
    b.nodes[1].close = 150;
    s = solve_iters(&b.p, 200, 1);
    assert_route(s, 0, (const uint32_t[]){1, 2}, 2);
    cr_assert_eq(s->routes[0].duration, 1200);
    cr_assert_eq(fixture_check(&b.p, s, true), 400 + 1200);
    vrp_solution_free(s);
    /* a shift of 1100 cannot hold the wait: with one van, one stop is left out */
    b.veh[0].max_duration = 1100;
    s = solve_iters(&b.p, 200, 1);
    cr_assert_eq(vrp_solution_unserved(&b.p, s), 1);
    fixture_check(&b.p, s, false);
    vrp_solution_free(s);
    fixture_unbuild(&b);
}

Test(solve, pickups_that_overflow_mid_route_force_the_order)
{
    /* capacity 10, deliveries 5 + 5 fit; stop 1 sends 6 out. Via stop 1 first the van has
     * 10 - 5 + 6 = 11 on board: only stop 2 first fits (10, 5, 6). */
    const double xy[] = {0, 0, 100, 0, 200, 0};
    built b;
    fixture_build(&b, 3, 1, 1, xy, 2);
    b.veh[0].capacity = b.veh[1].capacity = 10;
    b.veh[0].fixed_cost = b.veh[1].fixed_cost = 1000;
    b.nodes[1].demand = b.nodes[2].demand = 5;
    b.nodes[1].pickup = 6;
    vrp_solution *s = solve_iters(&b.p, 200, 1);
    cr_assert_eq(s->n_routes, 1);
    assert_route(s, 0, (const uint32_t[]){2, 1}, 2);
    fixture_check(&b.p, s, true);
    vrp_solution_free(s);
    /* stop 2 sends 6 out too: no order fits one van (11 either way), so two vans go */
    b.nodes[2].pickup = 6;
    s = solve_iters(&b.p, 200, 1);
    cr_assert_eq(s->n_routes, 2);
    fixture_check(&b.p, s, true);
    vrp_solution_free(s);
    fixture_unbuild(&b);
}

/* fixture_periodic with windows on a third of the stops, pickups on half of them and two
 * start times: every plan, with and without the GLPK parts, is feasible by the fixture's own
 * clock and by vrp_check. */
static void timed_periodic(built *b, uint64_t seed)
{
    fixture_periodic(b, seed);
    rng g;
    rng_seed(&g, seed);
    for (uint32_t i = b->p.n_depots; i < b->p.n_nodes; i++) {
        if (rng_below(&g, 3) == 0) {
            b->nodes[i].open = (int32_t)rng_below(&g, 2500);
            b->nodes[i].close = b->nodes[i].open + 600 + (int32_t)rng_below(&g, 1500);
        }
        if (rng_below(&g, 2) == 0)
            b->nodes[i].pickup = 1 + (int32_t)rng_below(&g, 3);
    }
    b->veh[1].start = 400;
}

Test(solve, plans_with_windows_pickups_and_starts_are_feasible, .fini = lp_teardown)
{
    for (uint64_t seed = 1; seed <= 3; seed++) {
        built b;
        timed_periodic(&b, seed);
        cr_assert(vrp_has_windows(&b.p) && vrp_has_pickups(&b.p));
        for (int lp = 0; lp < 2; lp++) {
            vrp_params par;
            vrp_params_init(&par);
            par.time_limit_s = 0;
            par.max_iterations = 1500;
            par.use_lp = lp;
            par.seed = seed;
            vrp_solution *s = NULL;
            err e = {0};
            cr_assert_eq(vrp_solve(&b.p, &par, NULL, &s, &e), ERR_OK, "%s", e.msg);
            fixture_check(&b.p, s, false);
            cr_assert_eq(vrp_solution_unserved(&b.p, s), 0, "seed %llu lp %d: %zu unserved",
                         (unsigned long long)seed, lp, vrp_solution_unserved(&b.p, s));
            vrp_solution_free(s);
        }
        fixture_unbuild(&b);
    }
}

Test(solve, pickups_within_each_stops_demand_change_nothing)
{
    /* no stop sends out more than it receives: the load never rises above the departure's,
     * so the plan is the one without pickups (the fast paths run) */
    built b;
    fixture_periodic(&b, 21);
    vrp_solution *a = solve_iters(&b.p, 1000, 3);
    for (uint32_t i = b.p.n_depots; i < b.p.n_nodes; i++)
        b.nodes[i].pickup = b.nodes[i].demand * 3 / 10 + (i % 2);
    for (uint32_t i = b.p.n_depots; i < b.p.n_nodes; i++)
        cr_assert_leq(b.nodes[i].pickup, b.nodes[i].demand);
    inst *I = inst_new(&b.p);
    cr_assert_not(I->timing);
    inst_free(I);
    vrp_solution *c = solve_iters(&b.p, 1000, 3);
    cr_assert_eq(a->cost, c->cost);
    cr_assert_eq(a->n_routes, c->n_routes);
    for (size_t k = 0; k < a->n_routes; k++)
        cr_assert_arr_eq(a->routes[k].stops, c->routes[k].stops,
                         a->routes[k].n_stops * sizeof *a->routes[k].stops);
    fixture_check(&b.p, c, true);
    vrp_solution_free(a);
    vrp_solution_free(c);
    fixture_unbuild(&b);
}

Test(solve, weekly_volumes_carry_each_stops_week_once_whatever_its_frequency)
{
    built b;
    fixture_periodic(&b, 17);
    int32_t *table = xcalloc((size_t)b.p.n_nodes * 9, sizeof *table);
    int32_t rate[31] = {0};
    int64_t week = 0;
    for (uint32_t i = 1; i < 31; i++) {
        rate[i] = 1 + (int32_t)(i % 3);
        week += 3 * rate[i];
    }
    fixture_weekly(&b, table, rate);
    for (uint32_t v = 0; v < 2; v++)
        b.veh[v].capacity = 40;
    vrp_solution *s = solve_iters(&b.p, 2000, 1);
    fixture_check(&b.p, s, true); /* recomputes every visit's demand from the patterns */
    int64_t carried = 0;
    for (size_t k = 0; k < s->n_routes; k++)
        carried += s->routes[k].load;
    cr_assert_eq(carried, week, "the plan carries each stop's parcels of the period once");
    vrp_solution_free(s);
    free(table);
    fixture_unbuild(&b);
}

Test(solve, a_visit_too_big_for_most_days_goes_where_the_big_van_works)
{
    built b;
    double xy[6] = {0, 0, 30, 40, 60, 80};
    fixture_build(&b, 3, 1, 3, xy, 2);
    int32_t table[3 * 9];
    b.nodes[1].freq = 2;
    b.nodes[1].n_patterns = 3;
    b.pats[8] = 3u;
    b.pats[9] = 5u;
    b.pats[10] = 6u;
    b.veh[0].capacity = 15;
    b.veh[1].capacity = 25;
    b.veh[1].days = 1u;
    const int32_t rate[3] = {0, 10, 1};
    fixture_weekly(&b, table, rate);
    vrp_solution *s = solve_iters(&b.p, 200, 1);
    fixture_check(&b.p, s, true);
    cr_assert_eq(s->pattern[1], 3u, "days 0+1: its 20-parcel visit on day 0, vehicle 1's day");
    vrp_solution_free(s);
    fixture_unbuild(&b);
}

Test(solve, weekly_volumes_with_pickups_keep_each_days_load_profile, .fini = lp_teardown)
{
    built b;
    fixture_periodic(&b, 23);
    int32_t *table = xcalloc((size_t)b.p.n_nodes * 9, sizeof *table);
    int32_t rate[31] = {0};
    for (uint32_t i = 1; i < 31; i++) {
        rate[i] = 1 + (int32_t)(i % 3);
        b.nodes[i].pickup = (int32_t)(i % 4); /* the timeline decides every move */
    }
    fixture_weekly(&b, table, rate);
    for (uint32_t v = 0; v < 2; v++)
        b.veh[v].capacity = 40;
    for (int lp = 0; lp < 2; lp++) {
        vrp_params par;
        vrp_params_init(&par);
        par.time_limit_s = 0;
        par.max_iterations = 1500;
        par.use_lp = lp;
        vrp_solution *s = NULL;
        err e = {0};
        cr_assert_eq(vrp_solve(&b.p, &par, NULL, &s, &e), ERR_OK, "%s", e.msg);
        fixture_check(&b.p, s, false); /* each visit's demand, and the load after each stop */
        vrp_solution_free(s);
    }
    free(table);
    fixture_unbuild(&b);
}
