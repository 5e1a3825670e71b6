/* test_lp.c — the two GLPK models on hand-made instances whose optimum is known, and set
 * partitioning over the routes of a 1997 Cordeau solution (the result must pass the checker).
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "io/instances/cordeau.h"
#include "solver/check.h"
#include "solver/lp.h"
#include "tests/support.h"
#include "util/mem.h"

static void teardown(void)
{
    lp_free_env();
}

TestSuite(lp, .fini = teardown);

/* A small problem: depot 0 and stops 1..n_stops, matrix |a-b| * 10, vehicles as given. */
typedef struct small {
    vrp_node nodes[16];
    vrp_vehicle veh[4];
    int32_t dist[256];
    uint32_t pats[16][8];
    vrp_problem p;
} small;

static void small_init(small *s, uint32_t n_stops, uint32_t n_days, uint32_t n_veh, int32_t cap)
{
    memset(s, 0, sizeof *s);
    uint32_t nn = n_stops + 1;
    for (uint32_t a = 0; a < nn; a++)
        for (uint32_t b = 0; b < nn; b++)
            s->dist[a * nn + b] = 10 * (int32_t)(a > b ? a - b : b - a);
    for (uint32_t i = 1; i < nn; i++) {
        s->nodes[i].freq = 1;
        s->nodes[i].patterns = s->pats[i];
    }
    for (uint32_t k = 0; k < n_veh; k++) {
        s->veh[k].capacity = cap;
        s->veh[k].days = (1u << n_days) - 1;
        s->veh[k].cost_per_dist = 1;
    }
    s->p = (vrp_problem){.n_nodes = nn,
                         .n_depots = 1,
                         .n_days = n_days,
                         .nodes = s->nodes,
                         .n_vehicles = n_veh,
                         .vehicles = s->veh,
                         .time = s->dist,
                         .dist = s->dist};
}

static void set_patterns(small *s, uint32_t i, uint32_t freq, uint32_t n, const uint32_t *m)
{
    s->nodes[i].freq = freq;
    s->nodes[i].n_patterns = n;
    memcpy(s->pats[i], m, n * sizeof *m);
}

Test(lp, pattern_assignment_balances_demand_across_days)
{
    small s;
    small_init(&s, 5, 2, 1, 10);
    static const uint32_t either[] = {1u, 2u}, both[] = {3u};
    int32_t dem[] = {0, 5, 4, 3, 2, 1};
    for (uint32_t i = 1; i <= 4; i++) {
        s.nodes[i].demand = dem[i];
        set_patterns(&s, i, 1, 2, either);
    }
    s.nodes[5].demand = 1;
    set_patterns(&s, 5, 2, 1, both);
    lp_params prm;
    lp_params_init(&prm);
    lp_pattern_params pp;
    lp_pattern_params_init(&pp);
    pp.w_time = 0;
    uint32_t pat[6];
    lp_status st;
    err e = {0};
    cr_assert_eq(lp_assign_patterns(&s.p, &prm, &pp, pat, &st, &e), ERR_OK, "%s", e.msg);
    cr_assert(st.optimal);
    cr_assert_eq(pat[0], 0);
    cr_assert_eq(pat[5], 3u);
    int32_t load[2] = {1, 1};
    for (uint32_t i = 1; i <= 4; i++) {
        cr_assert(pat[i] == 1u || pat[i] == 2u);
        load[pat[i] == 1u ? 0 : 1] += dem[i];
    }
    /* 5+4+3+2 = 14 plus 1 each day: the even split is 8 / 8 ({5,2} and {4,3}). */
    cr_assert_eq(load[0], 8);
    cr_assert_eq(load[1], 8);
    /* objective = zq / ideal = (8/10) / (16/20) = 1 */
    cr_assert_float_eq(st.objective, 1.0, 1e-9);
}

Test(lp, pattern_assignment_balances_time_when_asked)
{
    small s;
    small_init(&s, 4, 2, 1, 100);
    static const uint32_t either[] = {1u, 2u};
    for (uint32_t i = 1; i <= 4; i++)
        set_patterns(&s, i, 1, 2, either);
    /* round trips 20, 40, 60, 80 (+ service 0): best split {20,80} / {40,60} = 100 / 100 */
    lp_pattern_params pp;
    lp_pattern_params_init(&pp);
    pp.w_load = 0;
    uint32_t pat[5];
    err e = {0};
    cr_assert_eq(lp_assign_patterns(&s.p, NULL, &pp, pat, NULL, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(pat[1], pat[4]);
    cr_assert_eq(pat[2], pat[3]);
    cr_assert_neq(pat[1], pat[2]);
}

Test(lp, pattern_assignment_avoids_days_without_vehicles)
{
    small s;
    small_init(&s, 2, 3, 1, 10);
    s.veh[0].days = 1u | 4u; /* no vehicle on day 2 */
    static const uint32_t p1[] = {2u, 4u}, p2[] = {3u, 5u};
    set_patterns(&s, 1, 1, 2, p1);
    set_patterns(&s, 2, 2, 2, p2);
    uint32_t pat[3];
    err e = {0};
    cr_assert_eq(lp_assign_patterns(&s.p, NULL, NULL, pat, NULL, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(pat[1], 4u);
    cr_assert_eq(pat[2], 5u);
    static const uint32_t only2[] = {2u};
    set_patterns(&s, 1, 1, 1, only2);
    cr_assert_eq(lp_assign_patterns(&s.p, NULL, NULL, pat, NULL, &e), ERR_INFEASIBLE);
    cr_assert_not_null(strstr(e.msg, "stop 1"), "%s", e.msg);
}

Test(lp, pattern_assignment_takes_a_start_and_a_node_limit)
{
    small s;
    small_init(&s, 10, 5, 2, 30);
    static const uint32_t one[] = {1u, 2u, 4u, 8u, 16u}, two[] = {5u, 10u, 20u, 9u, 18u};
    uint32_t start[11] = {0};
    for (uint32_t i = 1; i <= 10; i++) {
        s.nodes[i].demand = (int32_t)(i % 4 + 1);
        s.nodes[i].service = 3;
        if (i % 2) {
            set_patterns(&s, i, 1, 5, one);
            start[i] = 1u;
        } else {
            set_patterns(&s, i, 2, 5, two);
            start[i] = 5u;
        }
    }
    lp_params prm;
    lp_params_init(&prm);
    prm.node_limit = 1;
    lp_pattern_params pp;
    lp_pattern_params_init(&pp);
    pp.start = start;
    uint32_t pat[11];
    lp_status st;
    err e = {0};
    cr_assert_eq(lp_assign_patterns(&s.p, &prm, &pp, pat, &st, &e), ERR_OK, "%s", e.msg);
    for (uint32_t i = 1; i <= 10; i++) {
        bool ok = false;
        for (uint32_t q = 0; q < 5; q++)
            ok |= pat[i] == s.pats[i][q];
        cr_assert(ok, "stop %u got %u", i, pat[i]);
    }
    /* The start piles everything on days 1 and 3, so anything GLPK returns is no worse. */
    double load[5] = {0}, cap = 60, zq = 0;
    for (uint32_t i = 1; i <= 10; i++)
        for (uint32_t d = 0; d < 5; d++)
            if (start[i] & (1u << d))
                load[d] += s.nodes[i].demand;
    for (uint32_t d = 0; d < 5; d++)
        zq = load[d] / cap > zq ? load[d] / cap : zq;
    cr_assert_leq(st.objective, 2 * zq * 10 + 1e-6);
    cr_assert_leq(st.nodes, 3);
}

/* ---- set partitioning ---------------------------------------------------------------------- */

#define R(d, g, cost, ...)                                                                         \
    {                                                                                              \
        (d), (g), sizeof((uint32_t[]){__VA_ARGS__}) / sizeof(uint32_t),                            \
            (const uint32_t[]){__VA_ARGS__}, (cost)                                                \
    }

Test(lp, set_partition_finds_the_known_optimum_of_a_one_day_pool)
{
    small s;
    small_init(&s, 3, 1, 3, 100);
    static const uint32_t d0[] = {1u};
    for (uint32_t i = 1; i <= 3; i++)
        set_patterns(&s, i, 1, 1, d0);
    const lp_route routes[] = {R(0, 0, 11, 1, 2, 3), R(0, 0, 4, 1),    R(0, 0, 4, 2),
                               R(0, 0, 4, 3),        R(0, 0, 6, 1, 2), R(0, 0, 7, 2, 3),
                               R(0, 0, 9, 1, 3),     R(0, 0, 0, 1, 1)};
    uint32_t fleet = 2;
    lp_pool pool = {.n_routes = 8, .routes = routes, .n_groups = 1, .fleet = &fleet};
    bool chosen[8];
    uint32_t pat[4];
    lp_status st;
    err e = {0};
    cr_assert_eq(lp_set_partition(&s.p, &pool, NULL, chosen, pat, &st, &e), ERR_OK, "%s", e.msg);
    cr_assert(st.optimal);
    cr_assert_float_eq(st.objective, 10.0, 1e-9); /* {1,2} + {3} */
    cr_assert(chosen[4] && chosen[3]);
    cr_assert_eq(chosen[0] + chosen[1] + chosen[2] + chosen[5] + chosen[6] + chosen[7], 0);
    cr_assert_eq(pat[1], 1u);
    fleet = 1; /* one vehicle: only the full route */
    cr_assert_eq(lp_set_partition(&s.p, &pool, NULL, chosen, pat, &st, &e), ERR_OK);
    cr_assert_float_eq(st.objective, 11.0, 1e-9);
    cr_assert(chosen[0]);
    fleet = 3;
    cr_assert_eq(lp_set_partition(&s.p, &pool, NULL, chosen, pat, &st, &e), ERR_OK);
    cr_assert_float_eq(st.objective, 10.0, 1e-9);
}

Test(lp, set_partition_chooses_patterns_and_respects_them)
{
    small s;
    small_init(&s, 3, 2, 1, 100);
    static const uint32_t both[] = {3u}, either[] = {1u, 2u}, second[] = {2u};
    set_patterns(&s, 1, 2, 1, both);
    set_patterns(&s, 2, 1, 2, either);
    set_patterns(&s, 3, 1, 1, second);
    const lp_route routes[] = {
        R(0, 0, 5, 1, 2),    R(0, 0, 3, 1),    R(0, 0, 2, 2), R(1, 0, 4, 1, 3),
        R(1, 0, 8, 1, 2, 3), R(1, 0, 1, 1, 2), R(1, 0, 1, 3), R(0, 0, 0, 3), /* 3 not on day 1 */
    };
    uint32_t fleet[2] = {1, 1};
    bool start[8] = {false, true, false, false, true, false, false, false}; /* cost 11 */
    lp_pool pool = {.n_routes = 8, .routes = routes, .n_groups = 1, .fleet = fleet, .start = start};
    bool chosen[8];
    uint32_t pat[4];
    lp_status st;
    err e = {0};
    cr_assert_eq(lp_set_partition(&s.p, &pool, NULL, chosen, pat, &st, &e), ERR_OK, "%s", e.msg);
    cr_assert_float_eq(st.objective, 9.0, 1e-9); /* day 1 {1,2} + day 2 {1,3} */
    cr_assert(chosen[0] && chosen[3]);
    cr_assert_not(chosen[7]);
    cr_assert_not(st.from_incumbent);
    cr_assert_eq(pat[1], 3u);
    cr_assert_eq(pat[2], 1u);
    cr_assert_eq(pat[3], 2u);
    /* Two groups of one vehicle each on day 2: {1,2} + {3} (cost 2) becomes possible. */
    const lp_route routes2[] = {R(0, 0, 3, 1), R(0, 0, 5, 1, 2), R(1, 0, 1, 1, 2), R(1, 1, 1, 3),
                                R(1, 0, 4, 1, 3)};
    uint32_t fleet2[4] = {1, 1, 0, 1};
    lp_pool pool2 = {.n_routes = 5, .routes = routes2, .n_groups = 2, .fleet = fleet2};
    cr_assert_eq(lp_set_partition(&s.p, &pool2, NULL, chosen, pat, &st, &e), ERR_OK, "%s", e.msg);
    cr_assert_float_eq(st.objective, 5.0, 1e-9);
    cr_assert(chosen[0] && chosen[2] && chosen[3]);
    cr_assert_eq(pat[2], 2u);
}

Test(lp, set_partition_reports_an_uncoverable_pool_and_bad_indices)
{
    small s;
    small_init(&s, 2, 1, 1, 100);
    static const uint32_t d0[] = {1u};
    set_patterns(&s, 1, 1, 1, d0);
    set_patterns(&s, 2, 1, 1, d0);
    const lp_route routes[] = {R(0, 0, 3, 1)};
    uint32_t fleet = 1;
    lp_pool pool = {.n_routes = 1, .routes = routes, .n_groups = 1, .fleet = &fleet};
    bool chosen[1];
    uint32_t pat[3];
    err e = {0};
    cr_assert_eq(lp_set_partition(&s.p, &pool, NULL, chosen, pat, NULL, &e), ERR_INFEASIBLE);
    const lp_route bad_day[] = {R(1, 0, 3, 1, 2)};
    pool.routes = bad_day;
    cr_assert_eq(lp_set_partition(&s.p, &pool, NULL, chosen, pat, NULL, &e), ERR_USAGE);
    cr_assert_not_null(strstr(e.msg, "route 0: day 1 outside 0..0"), "%s", e.msg);
    const lp_route bad_stop[] = {R(0, 0, 3, 1, 7)};
    pool.routes = bad_stop;
    cr_assert_eq(lp_set_partition(&s.p, &pool, NULL, chosen, pat, NULL, &e), ERR_USAGE);
    cr_assert_not_null(strstr(e.msg, "node 7 is not a stop"), "%s", e.msg);
    const lp_route bad_group[] = {R(0, 3, 3, 1, 2)};
    pool.routes = bad_group;
    cr_assert_eq(lp_set_partition(&s.p, &pool, NULL, chosen, pat, NULL, &e), ERR_USAGE);
}

/* Pool = the routes of a 1997 solution + every single-customer route on each allowed day;
 * start = the 1997 solution. The chosen plan must pass the checker and cost no more. */
static void partition_over_1997_routes(const char *name)
{
    char inst[4096], res[4096], rel[256];
    snprintf(rel, sizeof rel, "bench/pvrp/%s.txt", name);
    TEST_SHARED_OR_SKIP(inst, rel);
    snprintf(rel, sizeof rel, "bench/pvrp/cgl97_solutions/%s.res", name);
    TEST_SHARED_OR_SKIP(res, rel);
    err e = {0};
    cordeau_instance *ci = cordeau_load(inst, &e);
    cordeau_res *r = cordeau_res_load(res, &e);
    cr_assert(ci && r, "%s", e.msg);
    vrp_solution *s0 = NULL;
    cr_assert_eq(cordeau_res_to_solution(ci, r, &s0, &e), ERR_OK);
    const vrp_problem *p = &ci->problem;
    size_t cap = s0->n_routes + (size_t)ci->n * ci->t;
    lp_route *pool_r = xcalloc(cap, sizeof *pool_r);
    bool *start = xcalloc(cap, sizeof *start);
    size_t n = 0;
    for (size_t k = 0; k < s0->n_routes; k++) {
        const vrp_route *rt = &s0->routes[k];
        pool_r[n] = (lp_route){rt->day, 0, rt->n_stops, rt->stops, rt->cost};
        start[n++] = true;
    }
    uint32_t *ids = xcalloc(ci->n + 1, sizeof *ids); /* stable one-stop arrays */
    for (uint32_t i = 0; i <= ci->n; i++)
        ids[i] = i;
    for (uint32_t i = 1; i <= ci->n; i++) {
        uint32_t any = 0;
        for (uint32_t q = 0; q < ci->n_patterns[i]; q++)
            any |= ci->patterns[i][q];
        for (uint32_t d = 0; d < ci->t; d++)
            if (any & (1u << d))
                pool_r[n++] = (lp_route){d, 0, 1, &ids[i], 2 * (int64_t)p->dist[i]};
    }
    uint32_t *fleet = xcalloc(ci->t, sizeof *fleet);
    for (uint32_t d = 0; d < ci->t; d++)
        fleet[d] = ci->m;
    lp_pool pool = {.n_routes = n, .routes = pool_r, .n_groups = 1, .fleet = fleet, .start = start};
    lp_params prm;
    lp_params_init(&prm);
    prm.node_limit = 200;
    prm.time_limit = 60;
    bool *chosen = xcalloc(n, sizeof *chosen);
    uint32_t *pat = xcalloc(p->n_nodes, sizeof *pat);
    lp_status st;
    cr_assert_eq(lp_set_partition(p, &pool, &prm, chosen, pat, &st, &e), ERR_OK, "%s", e.msg);
    cr_assert_leq(st.objective, (double)s0->cost + 1e-6);
    cr_assert_geq(st.objective + 1e-6, st.bound);
    /* Build the plan and check it independently. */
    vrp_solution *s1 = xcalloc(1, sizeof *s1);
    s1->n_nodes = p->n_nodes;
    s1->pattern = pat;
    s1->routes = xcalloc(n, sizeof *s1->routes);
    uint32_t used[VRP_MAX_DAYS] = {0};
    for (size_t j = 0; j < n; j++) {
        if (!chosen[j])
            continue;
        vrp_route *rt = &s1->routes[s1->n_routes++];
        rt->day = pool_r[j].day;
        rt->vehicle = used[rt->day]++;
        rt->n_stops = pool_r[j].n_stops;
        rt->stops = xmallocarray(rt->n_stops + 1, sizeof *rt->stops);
        memcpy(rt->stops, pool_r[j].stops, rt->n_stops * sizeof *rt->stops);
    }
    vrp_check_opts o;
    vrp_check_opts_init(&o);
    o.check_stored = false;
    vrp_check_report rep = {0};
    bool ok = vrp_check_with(p, s1, &o, &rep);
    for (size_t j = 0; j < rep.n_stored; j++)
        fprintf(stderr, "%s: %s\n", name, rep.violations[j].msg);
    cr_assert(ok, "%s: %zu violations", name, rep.n_violations);
    cr_assert_float_eq((double)rep.cost, st.objective, 1e-6);
    vrp_check_report_free(&rep);
    vrp_solution_free(s1);
    free(chosen);
    free(fleet);
    free(ids);
    free(start);
    free(pool_r);
    vrp_solution_free(s0);
    cordeau_res_free(r);
    cordeau_free(ci);
}

Test(lp, set_partition_over_a_1997_solution_p01_passes_the_checker)
{
    partition_over_1997_routes("p01");
}

Test(lp, set_partition_over_a_1997_solution_pr01_passes_the_checker)
{
    partition_over_1997_routes("pr01");
}

Test(lp, pattern_assignment_works_on_every_shared_instance_with_a_node_limit)
{
    static const char *const names[] = {"p01", "p02", "p04",  "p05",  "p07",  "p08",  "p10",
                                        "p12", "p14", "p15",  "p17",  "p18",  "p21",  "p24",
                                        "p27", "p30", "pr01", "pr02", "pr03", "pr07", "pr08"};
    char inst[4096];
    TEST_SHARED_OR_SKIP(inst, "bench/pvrp/p01.txt");
    for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
        char rel[256];
        snprintf(rel, sizeof rel, "bench/pvrp/%s.txt", names[k]);
        cr_assert_not_null(test_shared_path(inst, sizeof inst, rel));
        err e = {0};
        cordeau_instance *ci = cordeau_load(inst, &e);
        cr_assert_not_null(ci, "%s", e.msg);
        lp_params prm;
        lp_params_init(&prm);
        prm.node_limit = 5;
        prm.time_limit = 60; /* safety net only: the node limit ends the search */
        uint32_t *pat = xcalloc(ci->problem.n_nodes, sizeof *pat);
        lp_status st;
        /* Raw scaled demands and times once made the simplex fail (GLP_EFAIL) on p18. */
        cr_assert_eq(lp_assign_patterns(&ci->problem, &prm, NULL, pat, &st, &e), ERR_OK, "%s: %s",
                     names[k], e.msg);
        cr_assert_eq(pat[0], 0);
        for (uint32_t i = 1; i <= ci->n; i++) {
            bool ok = false;
            for (uint32_t q = 0; q < ci->n_patterns[i]; q++)
                ok |= pat[i] == ci->patterns[i][q];
            cr_assert(ok, "%s: stop %u got %u", names[k], i, pat[i]);
        }
        cr_assert_geq(st.objective + 1e-9, st.bound, "%s", names[k]);
        cr_assert_not(st.time_out, "%s: the node limit ended it, not the clock", names[k]);
        free(pat);
        cordeau_free(ci);
    }
}

Test(lp, a_time_limit_reached_is_reported_and_the_incumbent_returned)
{
    char inst[4096];
    TEST_SHARED_OR_SKIP(inst, "bench/pvrp/p12.txt");
    err e = {0};
    cordeau_instance *ci = cordeau_load(inst, &e);
    cr_assert_not_null(ci, "%s", e.msg);
    lp_params prm;
    lp_params_init(&prm);
    prm.time_limit = 1e-6; /* 0 ms: GLPK's first clock check stops it */
    uint32_t *pat = xcalloc(ci->problem.n_nodes, sizeof *pat);
    lp_status st;
    cr_assert_eq(lp_assign_patterns(&ci->problem, &prm, NULL, pat, &st, &e), ERR_OK, "%s", e.msg);
    cr_assert(st.time_out);
    cr_assert_not(st.optimal);
    for (uint32_t i = 1; i <= ci->n; i++) {
        bool ok = false;
        for (uint32_t q = 0; q < ci->n_patterns[i]; q++)
            ok |= pat[i] == ci->patterns[i][q];
        cr_assert(ok, "stop %u got %u", i, pat[i]);
    }
    free(pat);
    cordeau_free(ci);
}
