/* lp.c — benchmark driver for the GLPK models (solver/lp.h) on the Cordeau PVRP instances:
 *   pattern assignment: time, objective, and the daily demand spread it reaches compared with
 *     the day combinations of the 1997 tabu-search solution;
 *   set partitioning: pool = routes of the 1997 solution, each of them with one customer
 *     removed, each with one customer of another route of the same day inserted at its
 *     cheapest feasible position (capacity, duration), and every single-customer route;
 *     warm-started with the 1997 solution. The optimum combines independent relocations, so
 *     it can beat the start. Prints time, pool size, nodes, cost versus the start, and a
 *     vrp_check of the result.
 * usage: build/bench/lp SHARED_DIR [TIME_LIMIT_S] [INSTANCE...]
 * SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/instances/cordeau.h"
#include "solver/check.h"
#include "solver/lp.h"
#include "util/mem.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Max over days of (demand on day d) / (mean demand per day). */
static double spread(const cordeau_instance *ci, const uint32_t *pat)
{
    double load[VRP_MAX_DAYS] = {0}, tot = 0, mx = 0;
    for (uint32_t i = 1; i <= ci->n; i++)
        for (uint32_t d = 0; d < ci->t; d++)
            if (pat[i] & (1u << d)) {
                load[d] += ci->demand[i];
                tot += ci->demand[i];
            }
    for (uint32_t d = 0; d < ci->t; d++)
        mx = load[d] > mx ? load[d] : mx;
    return tot > 0 ? mx / (tot / ci->t) : 0;
}

static int64_t route_cost(const vrp_problem *p, const uint32_t *st, uint32_t k)
{
    int64_t c = 0;
    uint32_t prev = 0;
    for (uint32_t j = 0; j < k; j++) {
        c += p->dist[(size_t)prev * p->n_nodes + st[j]];
        prev = st[j];
    }
    return c + p->dist[(size_t)prev * p->n_nodes];
}

static int bench_one(const char *shared, const char *name, double tlim)
{
    char inst[4096], res[4096];
    snprintf(inst, sizeof inst, "%s/bench/pvrp/%s.txt", shared, name);
    snprintf(res, sizeof res, "%s/bench/pvrp/cgl97_solutions/%s.res", shared, name);
    err e = {0};
    cordeau_instance *ci = cordeau_load(inst, &e);
    cordeau_res *r = ci ? cordeau_res_load(res, &e) : NULL;
    vrp_solution *s0 = NULL;
    if (!r || cordeau_res_to_solution(ci, r, &s0, &e)) {
        fprintf(stderr, "%s: %s\n", name, e.msg);
        cordeau_res_free(r);
        cordeau_free(ci);
        return 1;
    }
    const vrp_problem *p = &ci->problem;
    lp_params prm;
    lp_params_init(&prm);
    prm.time_limit = tlim;

    /* Pattern assignment. */
    uint32_t *pat = xcalloc(p->n_nodes, sizeof *pat);
    lp_pattern_params pp;
    lp_pattern_params_init(&pp);
    pp.start = s0->pattern;
    lp_status st;
    double t0 = now();
    err_code c1 = lp_assign_patterns(p, &prm, &pp, pat, &st, &e);
    double t_pat = now() - t0;
    if (c1)
        fprintf(stderr, "%s: %s\n", name, e.msg);
    printf("%-5s %4u %2u | pattern %6.2fs %-4s spread %.3f (1997: %.3f) | ", name, ci->n, ci->t,
           t_pat,
           c1           ? "FAIL"
           : st.optimal ? "opt"
                        : "feas",
           c1 ? 0 : spread(ci, pat), spread(ci, s0->pattern));

    /* Pool. */
    size_t cap = s0->n_routes, n = 0;
    for (size_t k = 0; k < s0->n_routes; k++)
        cap += s0->routes[k].n_stops;
    cap += (size_t)ci->n * ci->t;
    lp_route *pool_r = xcalloc(cap, sizeof *pool_r);
    bool *start = xcalloc(cap, sizeof *start), *chosen = xcalloc(cap, sizeof *chosen);
    uint32_t **owned = xcalloc(cap, sizeof *owned);
    uint32_t *ids = xcalloc(ci->n + 1, sizeof *ids);
    for (uint32_t i = 0; i <= ci->n; i++)
        ids[i] = i;
    for (size_t k = 0; k < s0->n_routes; k++) {
        const vrp_route *rt = &s0->routes[k];
        start[n] = true;
        pool_r[n++] = (lp_route){rt->day, 0, rt->n_stops, rt->stops, rt->cost};
        for (uint32_t j = 0; rt->n_stops > 1 && j < rt->n_stops; j++) {
            uint32_t *st2 = xmallocarray(rt->n_stops - 1, sizeof *st2);
            memcpy(st2, rt->stops, j * sizeof *st2);
            memcpy(st2 + j, rt->stops + j + 1, (rt->n_stops - j - 1) * sizeof *st2);
            owned[n] = st2;
            pool_r[n++] =
                (lp_route){rt->day, 0, rt->n_stops - 1, st2, route_cost(p, st2, rt->n_stops - 1)};
        }
    }
    /* Relocations within a day: customer c of route a inserted into route b. */
    for (size_t a = 0; a < s0->n_routes; a++)
        for (size_t b = 0; b < s0->n_routes; b++) {
            const vrp_route *ra = &s0->routes[a], *rb = &s0->routes[b];
            if (a == b || ra->day != rb->day)
                continue;
            const vrp_vehicle *v = &p->vehicles[rb->vehicle];
            for (uint32_t j = 0; j < ra->n_stops; j++) {
                uint32_t c = ra->stops[j];
                if (rb->load + p->nodes[c].demand > v->capacity)
                    continue;
                uint32_t *best = NULL;
                int64_t best_cost = INT64_MAX;
                uint32_t *tr = xmallocarray(rb->n_stops + 1, sizeof *tr);
                for (uint32_t pos = 0; pos <= rb->n_stops; pos++) {
                    memcpy(tr, rb->stops, pos * sizeof *tr);
                    tr[pos] = c;
                    memcpy(tr + pos + 1, rb->stops + pos, (rb->n_stops - pos) * sizeof *tr);
                    int64_t cost = route_cost(p, tr, rb->n_stops + 1);
                    int64_t dur = cost + rb->duration - rb->distance + p->nodes[c].service;
                    if (cost < best_cost && (v->max_duration == 0 || dur <= v->max_duration)) {
                        best_cost = cost;
                        if (!best)
                            best = xmallocarray(rb->n_stops + 1, sizeof *best);
                        memcpy(best, tr, (rb->n_stops + 1) * sizeof *best);
                    }
                }
                free(tr);
                if (!best)
                    continue;
                if (n == cap) {
                    cap *= 2;
                    pool_r = xreallocarray(pool_r, cap, sizeof *pool_r);
                    start = xreallocarray(start, cap, sizeof *start);
                    chosen = xreallocarray(chosen, cap, sizeof *chosen);
                    owned = xreallocarray(owned, cap, sizeof *owned);
                }
                start[n] = false;
                owned[n] = best;
                pool_r[n++] = (lp_route){rb->day, 0, rb->n_stops + 1, best, best_cost};
            }
        }
    if (n + (size_t)ci->n * ci->t > cap) {
        cap = n + (size_t)ci->n * ci->t;
        pool_r = xreallocarray(pool_r, cap, sizeof *pool_r);
        start = xreallocarray(start, cap, sizeof *start);
        chosen = xreallocarray(chosen, cap, sizeof *chosen);
        owned = xreallocarray(owned, cap, sizeof *owned);
    }
    for (uint32_t i = 1; i <= ci->n; i++) {
        uint32_t any = 0;
        for (uint32_t q = 0; q < ci->n_patterns[i]; q++)
            any |= ci->patterns[i][q];
        for (uint32_t d = 0; d < ci->t; d++)
            if (any & (1u << d)) {
                start[n] = false;
                owned[n] = NULL;
                pool_r[n++] = (lp_route){d, 0, 1, &ids[i], route_cost(p, &ids[i], 1)};
            }
    }
    uint32_t fleet[VRP_MAX_DAYS];
    for (uint32_t d = 0; d < ci->t; d++)
        fleet[d] = ci->m;
    lp_pool pool = {.n_routes = n, .routes = pool_r, .n_groups = 1, .fleet = fleet, .start = start};
    t0 = now();
    err_code c2 = lp_set_partition(p, &pool, &prm, chosen, pat, &st, &e);
    double t_sp = now() - t0;
    bool valid = false;
    if (!c2) {
        vrp_solution *s1 = xcalloc(1, sizeof *s1);
        s1->n_nodes = p->n_nodes;
        s1->pattern = xcalloc(p->n_nodes, sizeof *s1->pattern);
        memcpy(s1->pattern, pat, p->n_nodes * sizeof *pat);
        s1->routes = xcalloc(n, sizeof *s1->routes);
        uint32_t used[VRP_MAX_DAYS] = {0};
        for (size_t k = 0; k < n; k++)
            if (chosen[k]) {
                vrp_route *rt = &s1->routes[s1->n_routes++];
                rt->day = pool_r[k].day;
                rt->vehicle = used[rt->day]++;
                rt->n_stops = pool_r[k].n_stops;
                rt->stops = xmallocarray(rt->n_stops + 1, sizeof *rt->stops);
                memcpy(rt->stops, pool_r[k].stops, rt->n_stops * sizeof *rt->stops);
            }
        vrp_check_opts o;
        vrp_check_opts_init(&o);
        o.check_stored = false;
        vrp_check_report rep = {0};
        valid = vrp_check_with(p, s1, &o, &rep);
        printf("partition pool %6zu %6.2fs %-4s nodes %5llu cost %.2f (start %.2f) %s\n", n, t_sp,
               st.optimal ? "opt" : "feas", (unsigned long long)st.nodes,
               cordeau_solution_cost(ci, s1), cordeau_solution_cost(ci, s0),
               valid ? "valid" : "INVALID");
        vrp_check_report_free(&rep);
        vrp_solution_free(s1);
    } else {
        printf("partition FAIL %s\n", e.msg);
    }
    fflush(stdout);
    for (size_t k = 0; k < n; k++)
        free(owned[k]);
    free(owned);
    free(ids);
    free(chosen);
    free(start);
    free(pool_r);
    free(pat);
    vrp_solution_free(s0);
    cordeau_res_free(r);
    cordeau_free(ci);
    return c1 || c2 || !valid;
}

int main(int argc, char **argv)
{
    static const char *const all[] = {"p01", "p02", "p04",  "p05",  "p07",  "p08",  "p10",
                                      "p12", "p14", "p15",  "p17",  "p18",  "p21",  "p24",
                                      "p27", "p30", "pr01", "pr02", "pr03", "pr07", "pr08"};
    if (argc < 2) {
        fprintf(stderr, "usage: %s SHARED_DIR [TIME_LIMIT_S] [INSTANCE...]\n", argv[0]);
        return 2;
    }
    double tlim = argc > 2 ? atof(argv[2]) : 10;
    int bad = 0;
    if (argc > 3)
        for (int k = 3; k < argc; k++)
            bad += bench_one(argv[1], argv[k], tlim);
    else
        for (size_t k = 0; k < sizeof all / sizeof *all; k++)
            bad += bench_one(argv[1], all[k], tlim);
    lp_free_env();
    return bad ? 1 : 0;
}
