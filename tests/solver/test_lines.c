/* test_lines.c — lines mode (solver/lines.h) and its independent check (solver/linecheck.h):
 * the day-sets, a small week planned as lines (each village on one line, townships on two
 * within their spread, every line the same on its days), and the checker refusing a line run
 * differently on one day, a line left early, and a stop on two vans under same_van.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solver/check.h"
#include "solver/linecheck.h"
#include "solver/lines.h"
#include "util/mem.h"

Test(lines, day_sets_follow_the_frequency)
{
    uint32_t s[VRP_MAX_DAYS];
    cr_assert_eq(vrp_lines_day_sets(6, 3, s), 2);
    cr_expect_eq(s[0], 0x15u); /* mon+wed+fri */
    cr_expect_eq(s[1], 0x2au); /* tue+thu+sat */
    cr_assert_eq(vrp_lines_day_sets(7, 3, s), 3);
    cr_expect(s[0] == 0x15u && s[1] == 0x2au && s[2] == 0x40u);
    cr_assert_eq(vrp_lines_day_sets(5, 3, s), 2); /* mon+tue+thu, then wed+fri left over */
    cr_expect(s[0] == 0x0bu && s[1] == 0x14u);
    cr_assert_eq(vrp_lines_day_sets(6, 6, s), 1);
    cr_expect_eq(s[0], 0x3fu);
}

/* A week of 6 days: depot 0 in the middle, NT townships (freq 5, any 5 days) and villages
 * (freq 3, mon+wed+fri or tue+thu+sat) spread over a 30 x 30 km square; 3 vans. Times are
 * seconds, distances metres (50 km/h). */
#define N 31
#define NT 3
typedef struct week {
    vrp_node nodes[N];
    vrp_vehicle veh[3];
    int32_t time[N * N], dist[N * N];
    uint32_t pat3[2], pat5[6];
    int32_t spread[N];
    vrp_problem p;
    vrp_lines_params lp;
} week;

static void week_init(week *w)
{
    memset(w, 0, sizeof *w);
    double x[N], y[N];
    uint64_t st = 12345;
    x[0] = y[0] = 15000;
    for (int i = 1; i < N; i++) {
        st = st * 6364136223846793005ULL + 1442695040888963407ULL;
        x[i] = (double)(st >> 33) / (double)(1ULL << 31) * 30000;
        st = st * 6364136223846793005ULL + 1442695040888963407ULL;
        y[i] = (double)(st >> 33) / (double)(1ULL << 31) * 30000;
    }
    for (int a = 0; a < N; a++)
        for (int b = 0; b < N; b++) {
            double d = 1.3 * hypot(x[a] - x[b], y[a] - y[b]);
            w->dist[a * N + b] = (int32_t)lround(d);
            w->time[a * N + b] = (int32_t)lround(d / 13.9);
        }
    w->pat3[0] = 0x15;
    w->pat3[1] = 0x2a;
    for (int k = 0; k < 6; k++)
        w->pat5[k] = 0x3fu & ~(1u << k);
    w->spread[0] = -1;
    for (int i = 1; i < N; i++) {
        bool town = i <= NT;
        w->nodes[i] = (vrp_node){.demand = town ? 30 : 10,
                                 .service = 300,
                                 .freq = town ? 5 : 3,
                                 .n_patterns = town ? 6 : 2,
                                 .patterns = town ? w->pat5 : w->pat3};
        w->spread[i] = town ? 1800 : 900;
    }
    for (int v = 0; v < 3; v++)
        w->veh[v] = (vrp_vehicle){.capacity = 150,
                                  .max_duration = 8 * 3600,
                                  .days = 0x3f,
                                  .fixed_cost = 100000,
                                  .cost_per_dist = 1};
    w->p = (vrp_problem){.n_nodes = N,
                         .n_depots = 1,
                         .n_days = 6,
                         .nodes = w->nodes,
                         .n_vehicles = 3,
                         .vehicles = w->veh,
                         .time = w->time,
                         .dist = w->dist};
    vrp_lines_params_init(&w->lp);
    w->lp.n_sets = vrp_lines_day_sets(6, 3, w->lp.sets);
    w->lp.max_spread = w->spread;
    w->lp.start_step = 60;
}

static vrp_lines *solve_week(week *w)
{
    vrp_params par;
    vrp_params_init(&par);
    par.max_iterations = 3000;
    par.time_limit_s = 0;
    vrp_lines *l = NULL;
    err e = {0};
    cr_assert_eq(vrp_solve_lines(&w->p, &w->lp, &par, NULL, &l, &e), ERR_OK, "%s", e.msg);
    return l;
}

/* Arrival of route r at stop c when it leaves at t. */
static int64_t arrival(const week *w, const vrp_route *r, int64_t t, uint32_t c)
{
    uint32_t at = 0;
    for (uint32_t k = 0; k < r->n_stops; k++) {
        t += w->time[at * N + r->stops[k]];
        if (r->stops[k] == c)
            return t;
        t += w->nodes[r->stops[k]].service;
        at = r->stops[k];
    }
    return -1;
}

Test(lines, a_week_of_lines_keeps_the_rules)
{
    week w;
    week_init(&w);
    vrp_lines *l = solve_week(&w);
    err e = {0};
    cr_expect_eq(vrp_lines_check(&w.p, &w.lp, l, &e), ERR_OK, "%s", e.msg);
    cr_expect_eq(l->n_unaligned, 0);
    /* per stop: vans, and earliest and latest arrival over its days */
    uint32_t van[N];
    int64_t lo[N], hi[N];
    for (int i = 0; i < N; i++) {
        van[i] = UINT32_MAX;
        lo[i] = INT64_MAX;
        hi[i] = INT64_MIN;
    }
    int64_t cost = 0;
    for (size_t i = 0; i < l->sol->n_routes; i++) {
        const vrp_route *r = &l->sol->routes[i];
        const vrp_line *ln = &l->lines[l->route_line[i]];
        cr_assert(ln->days >> r->day & 1);
        cr_assert_eq(r->vehicle, ln->vehicle);
        cr_assert_geq(ln->start, 0);
        cr_assert_eq(ln->start % 60, 0);
        cost += r->cost;
        for (uint32_t k = 0; k < r->n_stops; k++) {
            uint32_t c = r->stops[k];
            int64_t t = arrival(&w, r, ln->start, c);
            lo[c] = t < lo[c] ? t : lo[c];
            hi[c] = t > hi[c] ? t : hi[c];
            if (c > NT) /* a village: one van all week */
                cr_assert(van[c] == UINT32_MAX || van[c] == r->vehicle, "village %u", c);
            van[c] = r->vehicle;
        }
    }
    cr_expect_eq(cost, l->sol->cost);
    for (uint32_t c = 1; c < N; c++) {
        if (c <= NT) {
            cr_expect_eq(l->sol->pattern[c], 0x3fu, "township %u on both day-sets", c);
            cr_expect_leq(hi[c] - lo[c], 1800, "township %u spread", c);
        } else {
            cr_expect(l->sol->pattern[c] == 0x15u || l->sol->pattern[c] == 0x2au);
            cr_expect_eq(hi[c], lo[c], "village %u: one arrival time", c);
        }
    }
    /* the routes keep every limit: the plan is valid when each stop's line days are its
     * pattern */
    vrp_node nodes[N];
    memcpy(nodes, w.nodes, sizeof nodes);
    for (int c = 1; c < N; c++) {
        nodes[c].freq = (uint32_t)__builtin_popcount(l->sol->pattern[c]);
        nodes[c].n_patterns = 1;
        nodes[c].patterns = &l->sol->pattern[c];
    }
    vrp_problem q = w.p;
    q.nodes = nodes;
    vrp_check_report rep = {0};
    cr_expect(vrp_check(&q, l->sol, &rep), "%s", rep.n_stored ? rep.violations[0].msg : "");
    vrp_check_report_free(&rep);
    vrp_lines_free(l);
}

Test(lines, the_checker_refuses_a_line_run_differently)
{
    week w;
    week_init(&w);
    vrp_lines *l = solve_week(&w);
    err e = {0};
    /* a route of a line that is not the line's first, with two stops: swap them */
    size_t victim = SIZE_MAX;
    bool seen[64] = {0};
    for (size_t i = 0; i < l->sol->n_routes && victim == SIZE_MAX; i++) {
        if (seen[l->route_line[i]] && l->sol->routes[i].n_stops >= 2)
            victim = i;
        seen[l->route_line[i]] = true;
    }
    cr_assert_neq(victim, SIZE_MAX);
    uint32_t *s = l->sol->routes[victim].stops;
    uint32_t t = s[0];
    s[0] = s[1];
    s[1] = t;
    cr_expect_eq(vrp_lines_check(&w.p, &w.lp, l, &e), ERR_INTERNAL);
    cr_expect_not_null(strstr(e.msg, "visit different stops"), "%s", e.msg);
    s[1] = s[0];
    s[0] = t;
    cr_assert_eq(vrp_lines_check(&w.p, &w.lp, l, &e), ERR_OK, "%s", e.msg);

    /* a line holding a township leaves an hour later: the township's spread breaks */
    uint32_t k = UINT32_MAX;
    for (size_t i = 0; i < l->sol->n_routes && k == UINT32_MAX; i++)
        for (uint32_t q = 0; q < l->sol->routes[i].n_stops; q++)
            if (l->sol->routes[i].stops[q] <= NT)
                k = l->route_line[i];
    cr_assert_neq(k, UINT32_MAX);
    l->lines[k].start += 3600;
    cr_expect_eq(vrp_lines_check(&w.p, &w.lp, l, &e), ERR_INTERNAL);
    cr_expect_not_null(strstr(e.msg, "arrival times"), "%s", e.msg);
    l->lines[k].start -= 3600;

    /* same_van: a township on the lines of two vans is refused; one van passes */
    vrp_lines_params lp = w.lp;
    lp.same_van = true;
    uint32_t vans[NT + 1] = {0};
    bool two = false;
    for (size_t i = 0; i < l->sol->n_routes; i++)
        for (uint32_t q = 0; q < l->sol->routes[i].n_stops; q++) {
            uint32_t c = l->sol->routes[i].stops[q];
            if (c <= NT) {
                two |= vans[c] && vans[c] != l->sol->routes[i].vehicle + 1;
                vans[c] = l->sol->routes[i].vehicle + 1;
            }
        }
    err_code rc = vrp_lines_check(&w.p, &lp, l, &e);
    if (two)
        cr_expect(rc == ERR_INTERNAL && strstr(e.msg, "on lines of vehicles"), "%s", e.msg);
    else
        cr_expect_eq(rc, ERR_OK, "%s", e.msg);
    vrp_lines_free(l);
}

Test(lines, same_van_keeps_each_township_on_one_van)
{
    week w;
    week_init(&w);
    w.lp.same_van = true;
    vrp_lines *l = solve_week(&w);
    err e = {0};
    cr_expect_eq(vrp_lines_check(&w.p, &w.lp, l, &e), ERR_OK, "%s", e.msg);
    vrp_lines_free(l);
}

Test(lines, bad_day_sets_are_refused)
{
    week w;
    week_init(&w);
    w.lp.n_sets = 2;
    w.lp.sets[0] = 0x15;
    w.lp.sets[1] = 0x1a; /* overlaps on thu... and misses sat */
    vrp_params par;
    vrp_params_init(&par);
    vrp_lines *l = NULL;
    err e = {0};
    cr_expect_eq(vrp_solve_lines(&w.p, &w.lp, &par, NULL, &l, &e), ERR_USAGE);
    cr_expect_null(l);
    cr_expect_not_null(strstr(e.msg, "day-set 2"), "%s", e.msg);
}

/* Weekly volumes in lines mode: a line runs its route on every day of its day-set, and a
 * stop's visits differ by day (visit_demand: 4 parcels per calendar day since its previous
 * visit, Sunday included, so a Monday or Tuesday visit brings 12 and the others 8), so each
 * day's load must fit the van; the routes' loads are those of their day. */
Test(lines, lines_fit_each_days_visits_of_weekly_volumes)
{
    week w;
    week_init(&w);
    static int32_t table[N][36];
    for (int i = NT + 1; i < N; i++) {
        for (uint32_t q = 0; q < 6; q++)
            for (uint32_t d = 0; d < 6; d++)
                table[i][q * 6 + d] = 4 * (int32_t)(d > q ? d - q : d + 7 - q);
        w.nodes[i].visit_demand = table[i];
        w.nodes[i].demand = 12; /* the largest visit of its patterns: three days */
    }
    for (int v = 0; v < 3; v++)
        w.veh[v].capacity = 100;
    vrp_lines *l = solve_week(&w);
    uint32_t days_seen = 0;
    for (size_t i = 0; i < l->sol->n_routes; i++) {
        const vrp_route *r = &l->sol->routes[i];
        int32_t load = 0;
        for (uint32_t k = 0; k < r->n_stops; k++)
            load +=
                vrp_visit_demand(&w.nodes[r->stops[k]], 6, l->sol->pattern[r->stops[k]], r->day);
        cr_expect_eq(r->load, load, "route %zu: its day's load", i);
        cr_expect_leq(r->load, 100);
        days_seen |= 1u << r->day;
    }
    cr_expect_eq(days_seen, 0x3fu);
    vrp_node nodes[N];
    memcpy(nodes, w.nodes, sizeof nodes);
    for (int c = 1; c < N; c++) {
        nodes[c].freq = (uint32_t)__builtin_popcount(l->sol->pattern[c]);
        nodes[c].n_patterns = 1;
        nodes[c].patterns = &l->sol->pattern[c];
    }
    vrp_problem q = w.p;
    q.nodes = nodes;
    vrp_check_report rep = {0};
    cr_expect(vrp_check(&q, l->sol, &rep), "%s", rep.n_stored ? rep.violations[0].msg : "");
    vrp_check_report_free(&rep);
    vrp_lines_free(l);
}

/* Two stops 10 min from the depot and from each other, both served on both days of a 2-day
 * week by one van (start 0, 1-minute departures). Stop 2 opens at 20 min and closes at 25 min,
 * stop 1 opens at 33:20 and closes at 45 min: reaching stop 1 first, stop 2 would be missed,
 * so the line must run 2 then 1 and leave at 10 min (not at the van's start, which would mean
 * waiting 10 min at stop 2), and it waits at stop 1. Leaving 10 min later misses stop 2. */
Test(lines, a_window_forces_the_order_and_the_departure)
{
    vrp_node nodes[3] = {{0}};
    uint32_t pat = 0x3;
    for (int i = 1; i < 3; i++)
        nodes[i] =
            (vrp_node){.demand = 1, .service = 60, .freq = 2, .n_patterns = 1, .patterns = &pat};
    nodes[1].open = 2000;
    nodes[1].close = 2700;
    nodes[2].open = 1200;
    nodes[2].close = 1500;
    int32_t time[9], dist[9];
    for (int k = 0; k < 9; k++) {
        time[k] = k % 4 ? 600 : 0;
        dist[k] = k % 4 ? 10000 : 0;
    }
    vrp_vehicle veh = {.capacity = 10,
                       .max_duration = 8 * 3600,
                       .days = 0x3,
                       .fixed_cost = 1000,
                       .cost_per_dist = 1,
                       .cost_per_time = 1};
    vrp_problem p = {.n_nodes = 3,
                     .n_depots = 1,
                     .n_days = 2,
                     .nodes = nodes,
                     .n_vehicles = 1,
                     .vehicles = &veh,
                     .time = time,
                     .dist = dist};
    vrp_lines_params lp;
    vrp_lines_params_init(&lp);
    lp.n_sets = vrp_lines_day_sets(2, 2, lp.sets);
    lp.start_step = 60;
    vrp_params par;
    vrp_params_init(&par);
    par.max_iterations = 200;
    par.time_limit_s = 0;
    vrp_lines *l = NULL;
    err e = {0};
    cr_assert_eq(vrp_solve_lines(&p, &lp, &par, NULL, &l, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(l->n_lines, 1);
    cr_expect_eq(l->lines[0].days, 0x3u);
    cr_expect_eq(l->lines[0].start, 600, "departs at %d", (int)l->lines[0].start);
    cr_assert_eq(l->sol->n_routes, 2);
    for (size_t i = 0; i < 2; i++) {
        const vrp_route *r = &l->sol->routes[i];
        cr_assert_eq(r->n_stops, 2);
        cr_expect(r->stops[0] == 2 && r->stops[1] == 1, "day %u: %u then %u", r->day, r->stops[0],
                  r->stops[1]);
        vrp_visit_time vt[2];
        vrp_timeline tl;
        cr_expect(vrp_route_timeline_at(&p, 0, r->day, l->sol->pattern, l->lines[0].start, r->stops,
                                        2, vt, &tl));
        cr_expect_eq(vt[0].arrival, 1200);
        cr_expect_eq(vt[1].wait, 2000 - 1860);
    }
    cr_expect_eq(vrp_lines_check(&p, &lp, l, &e), ERR_OK, "%s", e.msg);
    l->lines[0].start += 600; /* reaches stop 2 at 30 min, after it closes */
    err_code rc = vrp_lines_check(&p, &lp, l, &e);
    cr_expect(rc == ERR_INTERNAL && strstr(e.msg, "after it closes"), "%s", e.msg);
    vrp_lines_free(l);
}
