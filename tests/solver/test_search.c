/* test_search.c — solver/solve.c and solver/search.c on problems built in code: optimum of
 * small instances (checked by brute force), feasibility of periodic, multi-depot and
 * heterogeneous plans (checked here independently), determinism, per-stop diagnosis, the
 * interrupt flag. Every run is stopped by an iteration limit. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "io/instances/cordeau.h"
#include "solver/check.h"
#include "solver/lp.h"
#include "solver/solve.h"
#include "tests/support.h"
#include "util/mem.h"
#include "util/rng.h"

/* A problem built from points in the plane (Euclidean distances, time = distance). */
typedef struct built {
    vrp_problem p;
    vrp_node *nodes;
    vrp_vehicle *veh;
    int32_t *m;
    uint32_t *pats; /* storage for patterns, 8 per node */
} built;

static void build(built *b, uint32_t n_nodes, uint32_t n_depots, uint32_t n_days, const double *xy,
                  uint32_t n_veh)
{
    memset(b, 0, sizeof *b);
    b->nodes = xcalloc(n_nodes, sizeof *b->nodes);
    b->veh = xcalloc(n_veh, sizeof *b->veh);
    b->m = xcalloc((size_t)n_nodes * n_nodes, sizeof *b->m);
    b->pats = xcalloc((size_t)n_nodes * 8, sizeof *b->pats);
    for (uint32_t i = 0; i < n_nodes; i++)
        for (uint32_t j = 0; j < n_nodes; j++)
            b->m[i * n_nodes + j] =
                (int32_t)lround(hypot(xy[2 * i] - xy[2 * j], xy[2 * i + 1] - xy[2 * j + 1]));
    for (uint32_t i = n_depots; i < n_nodes; i++) {
        b->nodes[i] =
            (vrp_node){.demand = 1, .freq = 1, .n_patterns = 0, .patterns = b->pats + 8 * i};
        for (uint32_t d = 0; d < n_days && d < 8; d++)
            b->pats[8 * i + b->nodes[i].n_patterns++] = 1u << d;
    }
    for (uint32_t v = 0; v < n_veh; v++)
        b->veh[v] = (vrp_vehicle){
            .depot = 0, .capacity = 1000, .days = (1u << n_days) - 1, .cost_per_dist = 1};
    b->p = (vrp_problem){.n_nodes = n_nodes,
                         .n_depots = n_depots,
                         .n_days = n_days,
                         .nodes = b->nodes,
                         .n_vehicles = n_veh,
                         .vehicles = b->veh,
                         .time = b->m,
                         .dist = b->m};
}

static void unbuild(built *b)
{
    free(b->nodes);
    free(b->veh);
    free(b->m);
    free(b->pats);
}

static void random_points(double *xy, uint32_t n, uint64_t seed)
{
    rng r;
    rng_seed(&r, seed);
    for (uint32_t i = 0; i < 2 * n; i++)
        xy[i] = floor(rng_double(&r) * 1000);
}

/* Independent check of s against p: every constraint of vrp.h; recomputed cost returned. */
static int64_t check(const vrp_problem *p, const vrp_solution *s, bool all_served)
{
    uint32_t n = p->n_nodes;
    uint32_t *seen = xcalloc(n, sizeof *seen);
    int64_t total = 0;
    for (size_t k = 0; k < s->n_routes; k++) {
        const vrp_route *r = &s->routes[k];
        cr_assert_lt(r->vehicle, p->n_vehicles);
        const vrp_vehicle *v = &p->vehicles[r->vehicle];
        cr_assert(v->days >> r->day & 1, "vehicle %u used on day %u", r->vehicle, r->day);
        if (k > 0) {
            const vrp_route *q = &s->routes[k - 1];
            cr_assert(q->day < r->day || (q->day == r->day && q->vehicle < r->vehicle),
                      "routes sorted, one per vehicle and day");
        }
        cr_assert_gt(r->n_stops, 0);
        int64_t dist = 0, time = 0;
        int32_t load = 0;
        uint32_t prev = v->depot;
        for (uint32_t j = 0; j < r->n_stops; j++) {
            uint32_t c = r->stops[j];
            cr_assert(c >= p->n_depots && c < n);
            cr_assert(s->pattern[c] >> r->day & 1, "stop %u visited off its pattern", c);
            cr_assert_eq(seen[c] >> r->day & 1, 0, "stop %u twice on day %u", c, r->day);
            seen[c] |= 1u << r->day;
            dist += p->dist[prev * n + c];
            time += p->time[prev * n + c] + p->nodes[c].service;
            load += p->nodes[c].demand;
            prev = c;
        }
        dist += p->dist[prev * n + v->depot];
        time += p->time[prev * n + v->depot];
        cr_assert_leq(load, v->capacity);
        if (v->max_duration)
            cr_assert_leq(time, v->max_duration);
        if (v->max_distance)
            cr_assert_leq(dist, v->max_distance);
        cr_assert_eq(load, r->load);
        cr_assert_eq(dist, r->distance);
        cr_assert_eq(time, r->duration);
        int64_t cost = v->fixed_cost + v->cost_per_dist * dist + v->cost_per_time * time;
        cr_assert_eq(cost, r->cost);
        total += cost;
    }
    for (uint32_t i = p->n_depots; i < n; i++) {
        const vrp_node *nd = &p->nodes[i];
        cr_assert_eq(seen[i], s->pattern[i], "stop %u: visits match its pattern", i);
        if (!s->pattern[i]) {
            cr_assert(!all_served || !nd->freq, "stop %u unserved", i);
            continue;
        }
        bool allowed = false;
        for (uint32_t k = 0; k < nd->n_patterns; k++)
            allowed |= nd->patterns[k] == s->pattern[i];
        cr_assert(allowed, "stop %u: pattern %#x not allowed", i, s->pattern[i]);
    }
    cr_assert_eq(total, s->cost);
    free(seen);
    /* and the project's independent checker agrees */
    vrp_check_opts o;
    vrp_check_opts_init(&o);
    o.allow_skipped = !all_served;
    vrp_check_report rep = {0};
    bool ok = vrp_check_with(p, s, &o, &rep);
    cr_assert(ok, "vrp_check: %zu violations, first: %s", rep.n_violations,
              rep.n_stored ? rep.violations[0].msg : "");
    cr_assert_eq(rep.cost, total);
    vrp_check_report_free(&rep);
    return total;
}

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

Test(search, finds_optimal_tsp_tour)
{
    for (uint64_t seed = 1; seed <= 3; seed++) {
        double xy[2 * 9];
        random_points(xy, 9, seed);
        built b;
        build(&b, 9, 1, 1, xy, 1);
        int64_t opt = brute_tsp(b.m, 9);
        vrp_solution *s = solve_iters(&b.p, 3000, 7);
        cr_assert_eq(check(&b.p, s, true), opt, "instance %llu", (unsigned long long)seed);
        vrp_solution_free(s);
        unbuild(&b);
    }
}

Test(search, capacity_splits_into_known_optimum)
{
    /* Two clusters far apart, each filling one vehicle: the optimum serves each cluster with
     * one route, whose best order is the convex loop. */
    double xy[] = {0, 0, 100, 0, 100, 10, 110, 10, 110, 0, -100, 0, -100, 10, -110, 10, -110, 0};
    built b;
    build(&b, 9, 1, 1, xy, 3);
    for (uint32_t v = 0; v < 3; v++)
        b.veh[v].capacity = 4;
    /* per cluster: two depot legs of 100 (rounded) and three 10-long sides */
    vrp_solution *s = solve_iters(&b.p, 2000, 1);
    cr_assert_eq(check(&b.p, s, true), 2 * 230);
    cr_assert_eq(s->n_routes, 2);
    vrp_solution_free(s);
    unbuild(&b);
}

/* A periodic instance: 30 stops over 3 days, frequencies 1..3 with several allowed patterns,
 * 2 vehicles of capacity 20 per day, a duration limit and service times. */
static void build_periodic(built *b, uint64_t seed)
{
    double xy[2 * 31];
    random_points(xy, 31, seed);
    xy[0] = xy[1] = 500;
    build(b, 31, 1, 3, xy, 2);
    for (uint32_t i = 1; i < 31; i++) {
        vrp_node *nd = &b->nodes[i];
        nd->freq = 1 + i % 3;
        nd->demand = 1 + (int32_t)(i % 2);
        nd->service = 10;
        nd->n_patterns = 0;
        uint32_t *pp = b->pats + 8 * i;
        for (uint32_t m = 1; m < 8; m++)
            if ((uint32_t)__builtin_popcount(m) == nd->freq)
                pp[nd->n_patterns++] = m;
    }
    for (uint32_t v = 0; v < 2; v++) {
        b->veh[v].capacity = 20;
        b->veh[v].max_duration = 6000;
    }
}

Test(search, periodic_plan_is_feasible_and_improves)
{
    built b;
    build_periodic(&b, 11);
    vrp_solution *s0 = solve_iters(&b.p, 1, 1);
    vrp_solution *s = solve_iters(&b.p, 3000, 1);
    int64_t c0 = check(&b.p, s0, true), c = check(&b.p, s, true);
    cr_assert_lt(c, c0, "search improves on the construction (%lld vs %lld)", (long long)c,
                 (long long)c0);
    vrp_solution_free(s0);
    vrp_solution_free(s);
    unbuild(&b);
}

Test(search, same_seed_same_solution)
{
    built b;
    build_periodic(&b, 5);
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
    unbuild(&b);
}

Test(search, multi_depot_heterogeneous_fleet_with_day_availability)
{
    double xy[2 * 26];
    random_points(xy, 26, 3);
    built b;
    build(&b, 26, 2, 2, xy, 4);
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
    check(&b.p, s, true);
    vrp_solution_free(s);
    unbuild(&b);
}

Test(search, infeasible_stops_are_diagnosed_and_left_out)
{
    double xy[2 * 8];
    random_points(xy, 8, 9);
    built b;
    build(&b, 8, 1, 2, xy, 2);
    b.veh[1].days = 1; /* day 1 has vehicle 0 only */
    b.veh[0].capacity = 5;
    b.veh[0].max_duration = 3000;
    b.veh[1].capacity = 20;
    /* stop 2: demand beyond every capacity */
    b.nodes[2].demand = 21;
    /* stop 3: no road to it */
    for (uint32_t j = 0; j < 8; j++)
        if (j != 3)
            b.m[j * 8 + 3] = b.m[3 * 8 + j] = VRP_UNREACHABLE;
    /* stop 4: frequency 2 but only single-day patterns */
    b.nodes[4].freq = 2;
    /* stop 5: demand 10 only fits vehicle 1, which works on day 0; allowed only day 1 */
    b.nodes[5].demand = 10;
    b.pats[8 * 5] = 2;
    b.nodes[5].n_patterns = 1;
    /* stop 6: too far for a duration limit of 3000 on both vehicles */
    b.veh[1].max_duration = 3000;
    b.m[0 * 8 + 6] = b.m[6 * 8 + 0] = 7000;
    vrp_diag *d = NULL;
    size_t nd = 0;
    err e = {0};
    cr_assert_eq(vrp_diagnose(&b.p, &d, &nd, &e), ERR_OK);
    cr_assert_eq(nd, 5);
    cr_assert_eq(d[0].node, 2);
    cr_assert_eq(d[0].reason, VRP_REASON_DEMAND);
    cr_assert_eq(d[1].node, 3);
    cr_assert_eq(d[1].reason, VRP_REASON_UNREACHABLE);
    cr_assert_eq(d[2].node, 4);
    cr_assert_eq(d[2].reason, VRP_REASON_NO_PATTERN);
    cr_assert_eq(d[3].node, 5);
    cr_assert_eq(d[3].reason, VRP_REASON_NO_DAYS);
    cr_assert_eq(d[4].node, 6);
    cr_assert_eq(d[4].reason, VRP_REASON_UNREACHABLE);
    cr_assert_str_not_empty(vrp_reason_text(d[4].reason));
    free(d);
    vrp_solution *s = solve_iters(&b.p, 200, 1);
    check(&b.p, s, false);
    cr_assert_eq(vrp_solution_unserved(&b.p, s), 5);
    for (uint32_t i = 1; i < 8; i++)
        cr_assert_eq(s->pattern[i] != 0, i == 1 || i == 7, "stop %u", i);
    vrp_solution_free(s);
    unbuild(&b);
}

Test(search, nothing_feasible_is_err_infeasible)
{
    double xy[2 * 4];
    random_points(xy, 4, 2);
    built b;
    build(&b, 4, 1, 1, xy, 1);
    for (uint32_t i = 1; i < 4; i++)
        b.nodes[i].demand = 5000;
    vrp_diag *d = NULL;
    size_t nd = 0;
    err e = {0};
    cr_assert_eq(vrp_diagnose(&b.p, &d, &nd, &e), ERR_INFEASIBLE);
    cr_assert_eq(nd, 3);
    free(d);
    vrp_params par;
    vrp_params_init(&par);
    par.max_iterations = 10;
    par.use_lp = false;
    vrp_solution *s = NULL;
    err_clear(&e);
    cr_assert_eq(vrp_solve(&b.p, &par, NULL, &s, &e), ERR_INFEASIBLE);
    cr_assert_null(s);
    cr_assert(strstr(e.msg, "capacity"), "message names the reason: %s", e.msg);
    unbuild(&b);
}

Test(search, too_small_fleet_leaves_stops_unserved)
{
    double xy[2 * 7];
    random_points(xy, 7, 4);
    built b;
    build(&b, 7, 1, 1, xy, 1);
    b.veh[0].capacity = 4; /* 6 stops of demand 1, room for 4 */
    vrp_solution *s = solve_iters(&b.p, 300, 1);
    check(&b.p, s, false);
    cr_assert_eq(vrp_solution_unserved(&b.p, s), 2);
    vrp_solution_free(s);
    unbuild(&b);
}

Test(search, interrupt_flag_returns_best_so_far)
{
    built b;
    build_periodic(&b, 8);
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
    check(&b.p, s, true);
    vrp_solution_free(s);
    unbuild(&b);
}

Test(search, cordeau_p01_is_feasible_within_a_small_budget)
{
    char path[4096];
    TEST_SHARED_OR_SKIP(path, "bench/pvrp/p01.txt");
    err e = {0};
    cordeau_instance *ci = cordeau_load(path, &e);
    cr_assert_not_null(ci, "%s", e.msg);
    vrp_solution *s = solve_iters(&ci->problem, 20000, 1);
    check(&ci->problem, s, true);
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

Test(search, glpk_parts_keep_plans_feasible_and_deterministic, .fini = lp_teardown)
{
    built b;
    build_periodic(&b, 13);
    vrp_params par;
    vrp_params_init(&par);
    par.time_limit_s = 0;
    par.max_iterations = 3000;
    par.use_lp = true;
    vrp_solution *s1 = NULL, *s2 = NULL;
    err e = {0};
    cr_assert_eq(vrp_solve(&b.p, &par, NULL, &s1, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(vrp_solve(&b.p, &par, NULL, &s2, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(check(&b.p, s1, true), check(&b.p, s2, true));
    cr_assert_arr_eq(s1->pattern, s2->pattern, b.p.n_nodes * sizeof *s1->pattern);
    vrp_solution_free(s1);
    vrp_solution_free(s2);
    unbuild(&b);
}

/* ---- vrp_improve: each local-search move on a plan where it (and only it) helps ---------- */

/* A plan of b's problem from routes given as (day, vehicle, stops...) rows, each ended by
 * UINT32_MAX; patterns follow from the routes. */
static vrp_solution *plan_of(const built *b, const uint32_t *rows)
{
    vrp_solution *s = xcalloc(1, sizeof *s);
    s->n_nodes = b->p.n_nodes;
    s->pattern = xcalloc(s->n_nodes, sizeof *s->pattern);
    s->routes = xcalloc(16, sizeof *s->routes);
    for (size_t k = 0; rows[k] != UINT32_MAX - 1; k++) {
        vrp_route *r = &s->routes[s->n_routes++];
        r->day = rows[k++];
        r->vehicle = rows[k++];
        r->stops = xcalloc(b->p.n_nodes, sizeof *r->stops);
        for (; rows[k] != UINT32_MAX; k++) {
            r->stops[r->n_stops++] = rows[k];
            s->pattern[rows[k]] |= 1u << r->day;
        }
    }
    return s;
}

#define END UINT32_MAX
#define PLAN_END (UINT32_MAX - 1)

/* Improves plan `rows` of b with `moves`, checks the result and returns its cost. */
static int64_t improved_cost(const built *b, const uint32_t *rows, unsigned moves)
{
    vrp_solution *in = plan_of(b, rows), *out = NULL;
    err e = {0};
    cr_assert_eq(vrp_improve(&b->p, moves, in, &out, &e), ERR_OK, "%s", e.msg);
    int64_t cost = check(&b->p, out, true);
    /* a local optimum: a second pass changes nothing */
    vrp_solution *again = NULL;
    cr_assert_eq(vrp_improve(&b->p, moves, out, &again, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(again->cost, cost);
    vrp_solution_free(in);
    vrp_solution_free(out);
    vrp_solution_free(again);
    return cost;
}

Test(improve, swap_exchanges_stops_between_full_routes)
{
    /* depot, E1 E2 in the east, W1 W2 in the west; vans of capacity 2 each drive east-west */
    const double xy[] = {0, 0, 100, 0, 100, 10, -100, 0, -100, 10};
    built b;
    build(&b, 5, 1, 1, xy, 2);
    b.veh[0].capacity = b.veh[1].capacity = 2;
    const uint32_t rows[] = {0, 0, 1, 4, END, 0, 1, 3, 2, END, PLAN_END};
    /* 100 + 200 + 100 twice = 800; one van per side: (100 + 10 + 100) twice = 420 */
    cr_assert_eq(improved_cost(&b, rows, VRP_MOVE_SWAP), 420);
    /* full vans: no stop can be moved, and reversing a two-stop route gains nothing */
    cr_assert_eq(improved_cost(&b, rows, VRP_MOVE_RELOCATE | VRP_MOVE_2OPT), 800);
    unbuild(&b);
}

Test(improve, two_opt_star_exchanges_route_tails)
{
    /* E1..E4 on x = 100, W1..W4 on x = -100; each full van (capacity 4) serves two of each */
    const double xy[] = {0,  0,    100, -15,  100, -5,   100, 5,    100,
                         15, -100, 5,   -100, 15,  -100, -15, -100, -5};
    built b;
    build(&b, 9, 1, 1, xy, 2);
    b.veh[0].capacity = b.veh[1].capacity = 4;
    const uint32_t rows[] = {0, 0, 1, 2, 5, 6, END, 0, 1, 7, 8, 3, 4, END, PLAN_END};
    /* one van per side: 101 + 10 + 10 + 10 + 101, twice */
    cr_assert_eq(improved_cost(&b, rows, VRP_MOVE_2OPT_STAR), 464);
    cr_assert_gt(improved_cost(&b, rows, VRP_MOVE_RELOCATE), 464);
    unbuild(&b);
}

Test(improve, pattern_move_changes_a_stops_day)
{
    /* two days; stop 1 may go on either day, stop 2 only on day 2 (next to stop 1), stop 3
     * only on day 1 (on the other side) */
    const double xy[] = {0, 0, 100, 0, 100, 10, -100, 0};
    built b;
    build(&b, 4, 1, 2, xy, 1);
    b.nodes[2].n_patterns = b.nodes[3].n_patterns = 1;
    b.pats[8 * 2] = 2;
    b.pats[8 * 3] = 1;
    const uint32_t rows[] = {0, 0, 3, 1, END, 1, 0, 2, END, PLAN_END};
    /* day 1: 100 + 200 + 100, day 2: 100 + 100; after: day 1 100 + 100, day 2 210 */
    cr_assert_eq(improved_cost(&b, rows, VRP_MOVES_ALL & ~VRP_MOVE_PATTERN), 600);
    vrp_solution *in = plan_of(&b, rows), *out = NULL;
    err e = {0};
    cr_assert_eq(vrp_improve(&b.p, VRP_MOVE_PATTERN, in, &out, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(check(&b.p, out, true), 410);
    cr_assert_eq(out->pattern[1], 2u, "stop 1 moved to day 2");
    vrp_solution_free(in);
    vrp_solution_free(out);
    unbuild(&b);
}

Test(improve, all_moves_reach_a_local_optimum_of_a_bad_plan)
{
    enum { N = 41 };
    double xy[2 * N];
    random_points(xy, N, 17);
    built b;
    build(&b, N, 1, 1, xy, 4);
    for (uint32_t v = 0; v < 4; v++)
        b.veh[v].capacity = 15;
    /* stops in index order, 10 per van: long zig-zag routes */
    uint32_t rows[N + 4 * 3 + 1], k = 0;
    for (uint32_t v = 0; v < 4; v++) {
        rows[k++] = 0;
        rows[k++] = v;
        for (uint32_t i = 1 + 10 * v; i <= 10 * (v + 1); i++)
            rows[k++] = i;
        rows[k++] = END;
    }
    rows[k] = PLAN_END;
    int64_t before = improved_cost(&b, rows, 0); /* no moves: the plan as it is */
    int64_t after = improved_cost(&b, rows, VRP_MOVES_ALL);
    cr_assert_lt(after, before * 3 / 4, "%lld -> %lld", (long long)before, (long long)after);
    unbuild(&b);
}

Test(improve, a_plan_that_does_not_fit_is_refused_with_its_route)
{
    const double xy[] = {0, 0, 100, 0, 100, 10};
    built b;
    build(&b, 3, 1, 2, xy, 1);
    b.veh[0].days = 1; /* the van works on day 1 only */
    vrp_solution *out = NULL;
    err e = {0};
    const uint32_t off_day[] = {0, 0, 1, END, 1, 0, 2, END, PLAN_END};
    vrp_solution *in = plan_of(&b, off_day);
    cr_assert_eq(vrp_improve(&b.p, VRP_MOVES_ALL, in, &out, &e), ERR_USAGE);
    cr_assert_null(out);
    cr_assert(strstr(e.msg, "route 2: vehicle 1 does not work on day 2"), "%s", e.msg);
    vrp_solution_free(in);
    const uint32_t twice[] = {0, 0, 1, 2, 1, END, PLAN_END};
    in = plan_of(&b, twice);
    cr_assert_eq(vrp_improve(&b.p, VRP_MOVES_ALL, in, &out, &e), ERR_USAGE);
    cr_assert(strstr(e.msg, "route 1: stop 1"), "%s", e.msg);
    vrp_solution_free(in);
    unbuild(&b);
}
