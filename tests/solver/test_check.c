/* test_check.c — the independent checker: hand-made problems with known violations, the 1997
 * Cordeau solutions (all accepted) and deliberately broken copies of them (each rejected with
 * the violation named), through the library and through `jincun check`.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/instances/cordeau.h"
#include "io/instances/tsplib.h"
#include "solver/check.h"
#include "tests/support.h"
#include "util/mem.h"

/* ---- a tiny hand-made problem: depot 0, stops 1..4 on a line, 3 days, 2 vehicles ---------- */

typedef struct tiny {
    vrp_node nodes[5];
    vrp_vehicle veh[2];
    int32_t dist[25];
    uint32_t pat_every_other[2]; /* {day1,day3}, {day2} as masks: 0b101 and 0b010 */
    uint32_t pat_once[3];
    vrp_problem p;
} tiny;

static void tiny_init(tiny *t)
{
    memset(t, 0, sizeof *t);
    for (int a = 0; a < 5; a++)
        for (int b = 0; b < 5; b++)
            t->dist[a * 5 + b] = 10 * abs(a - b);
    t->pat_every_other[0] = 5u; /* days 1 and 3 */
    t->pat_every_other[1] = 2u; /* for freq-2 stops this one is invalid, never used */
    t->pat_once[0] = 1u;
    t->pat_once[1] = 2u;
    t->pat_once[2] = 4u;
    for (int i = 1; i < 5; i++) {
        t->nodes[i].demand = 80;
        t->nodes[i].service = 5;
        t->nodes[i].freq = 1;
        t->nodes[i].n_patterns = 3;
        t->nodes[i].patterns = t->pat_once;
    }
    t->nodes[1].freq = 2; /* stop 1: days 1 and 3 */
    t->nodes[1].n_patterns = 1;
    t->nodes[1].patterns = t->pat_every_other;
    for (int k = 0; k < 2; k++) {
        t->veh[k].capacity = 160;
        t->veh[k].days = 7u;
        t->veh[k].cost_per_dist = 1;
        t->veh[k].max_duration = 200;
    }
    t->p = (vrp_problem){.n_nodes = 5,
                         .n_depots = 1,
                         .n_days = 3,
                         .nodes = t->nodes,
                         .n_vehicles = 2,
                         .vehicles = t->veh,
                         .time = t->dist,
                         .dist = t->dist};
}

/* Builds a solution from "day vehicle stop stop ... ;" (1-based day and vehicle), with stored
 * figures recomputed from the matrix and pattern[] from the visits. */
static vrp_solution *sol_from(const tiny *t, const char *spec)
{
    vrp_solution *s = xcalloc(1, sizeof *s);
    s->n_nodes = 5;
    s->pattern = xcalloc(5, sizeof *s->pattern);
    s->routes = xcalloc(16, sizeof *s->routes);
    const char *p = spec;
    while (*p) {
        int day, veh, used;
        if (sscanf(p, " %d %d%n", &day, &veh, &used) != 2)
            break;
        p += used;
        vrp_route *rt = &s->routes[s->n_routes++];
        rt->day = (uint32_t)day - 1;
        rt->vehicle = (uint32_t)veh - 1;
        rt->stops = xcalloc(8, sizeof *rt->stops);
        int st;
        while (sscanf(p, " %d%n", &st, &used) == 1) {
            p += used;
            rt->stops[rt->n_stops++] = (uint32_t)st;
        }
        while (*p == ' ' || *p == ';')
            p++;
        uint32_t prev = 0;
        for (uint32_t j = 0; j <= rt->n_stops; j++) {
            uint32_t x = j < rt->n_stops ? rt->stops[j] : 0;
            rt->distance += t->dist[prev * 5 + x];
            if (j < rt->n_stops) {
                rt->load += t->nodes[x].demand;
                rt->duration += t->nodes[x].service;
                s->pattern[x] |= 1u << rt->day;
            }
            prev = x;
        }
        rt->duration += rt->distance;
        rt->cost = rt->distance;
        s->cost += rt->cost;
    }
    return s;
}

/* True when some stored violation of this kind contains text. */
static bool has(const vrp_check_report *r, vrp_violation_kind kind, const char *text)
{
    for (size_t k = 0; k < r->n_stored; k++)
        if (r->violations[k].kind == kind && strstr(r->violations[k].msg, text))
            return true;
    return false;
}

static void dump(const vrp_check_report *r)
{
    for (size_t k = 0; k < r->n_stored; k++)
        fprintf(stderr, "  %s: %s\n", vrp_violation_kind_name(r->violations[k].kind),
                r->violations[k].msg);
}

Test(check, valid_plan_has_no_violation_and_its_cost_recomputed)
{
    tiny t;
    tiny_init(&t);
    /* stop 1 days 1 and 3; stops 2,3 day 2 (load 160); stop 4 day 3 with stop 1 */
    vrp_solution *s = sol_from(&t, "1 1 1; 2 1 2 3; 3 2 1 4");
    vrp_check_report r = {0};
    bool ok = vrp_check(&t.p, s, &r);
    if (!ok)
        dump(&r);
    cr_assert(ok);
    cr_assert_eq(r.n_violations, 0);
    cr_assert_eq(r.cost, 20 + 60 + 80);
    cr_assert_eq(r.distance, 160);
    cr_assert_eq(r.duration, 160 + 5 * 5);
    cr_assert_eq(r.n_used_routes, 3);
    vrp_check_report_free(&r);
    vrp_solution_free(s);
}

Test(check, every_kind_of_violation_is_named)
{
    tiny t;
    tiny_init(&t);
    t.veh[1].days = 3u; /* vehicle 2 not available on day 3 */
    t.veh[0].max_distance = 70;
    /* day 3 vehicle 2: stops 1 4 2: load 240 > 160, unavailable, distance 80 ok;
     * day 2 vehicle 1: 3 3 (duplicate, load 160, distance 60)
     * day 2 vehicle 1 again: 4 (vehicle-day), stop 4 on days 2 and 3 (pattern)
     * day 1 vehicle 1: 2 -> stop 2 on days 1 and 3
     * stop 1 visited only on day 3: pattern {3} not allowed */
    vrp_solution *s = sol_from(&t, "1 1 2; 2 1 3 3; 2 1 4; 3 2 1 4 2");
    s->routes[0].cost = 99; /* stored cost wrong */
    s->pattern[3] = 4u;     /* pattern field wrong */
    vrp_check_report r = {0};
    cr_assert_not(vrp_check(&t.p, s, &r));
    cr_assert(has(&r, VRP_VIOL_CAPACITY, "day 3 vehicle 2: load 240 > capacity 160"));
    cr_assert(has(&r, VRP_VIOL_AVAILABLE, "day 3 vehicle 2: vehicle not available on day 3"));
    cr_assert(has(&r, VRP_VIOL_DUPLICATE, "stop 3 visited 2 times on day 2"));
    cr_assert(has(&r, VRP_VIOL_VEHICLE_DAY, "day 2 vehicle 1: more than one route"));
    cr_assert(has(&r, VRP_VIOL_PATTERN, "stop 1 visited on days {3} (1 visits)"));
    cr_assert(has(&r, VRP_VIOL_PATTERN, "stop 4 visited on days {2,3} (2 visits)"));
    cr_assert(has(&r, VRP_VIOL_PATTERN, "stop 2 visited on days {1,3}"));
    cr_assert(has(&r, VRP_VIOL_PATTERN_FIELD,
                  "stop 3: recorded pattern {3} but visited on "
                  "days {2}"));
    cr_assert(has(&r, VRP_VIOL_STORED, "day 1 vehicle 1: stored"));
    cr_assert(has(&r, VRP_VIOL_DISTANCE, "day 3 vehicle 2") == false);
    vrp_check_report_free(&r);
    vrp_solution_free(s);
}

Test(check, limits_fleet_and_missing_stops)
{
    tiny t;
    tiny_init(&t);
    t.veh[0].max_duration = 50;
    t.veh[0].max_distance = 40;
    t.veh[1].days = 1u; /* only one vehicle on days 2 and 3 */
    /* day 1 vehicle 1: 1 4 -> distance 80 > 40, duration 90 > 50; stop 1 only on day 1;
     * day 3 vehicle 1 and vehicle 2 -> 2 routes > 1 vehicle; stops 2 never visited */
    vrp_solution *s = sol_from(&t, "1 1 1 4; 3 1 3; 3 2 1");
    vrp_check_report r = {0};
    cr_assert_not(vrp_check(&t.p, s, &r));
    cr_assert(has(&r, VRP_VIOL_DURATION, "day 1 vehicle 1: duration 90 > max duration 50"));
    cr_assert(has(&r, VRP_VIOL_DISTANCE, "day 1 vehicle 1: distance 80 > max distance 40"));
    cr_assert(has(&r, VRP_VIOL_FLEET, "day 3: 2 routes > 1 vehicles available"));
    cr_assert(has(&r, VRP_VIOL_AVAILABLE, "day 3 vehicle 2"));
    cr_assert(has(&r, VRP_VIOL_MISSING, "stop 2 is never visited (needs 1 visits)"));
    cr_assert_eq(vrp_check_count(&r, VRP_VIOL_MISSING), 1);
    vrp_check_report_free(&r);
    /* With skipping allowed, the missing stop is no longer a violation. */
    vrp_check_opts o;
    vrp_check_opts_init(&o);
    o.allow_skipped = true;
    vrp_check_with(&t.p, s, &o, &r);
    cr_assert_eq(vrp_check_count(&r, VRP_VIOL_MISSING), 0);
    cr_assert_gt(r.n_violations, 0);
    vrp_check_report_free(&r);
    vrp_solution_free(s);
}

Test(check, out_of_range_indices_are_reported_not_crashed_on)
{
    tiny t;
    tiny_init(&t);
    vrp_solution *s = sol_from(&t, "1 1 1; 2 1 2 3; 3 2 1 4");
    s->routes[0].stops[0] = 17;
    s->routes[1].vehicle = 5;
    s->routes[2].stops[1] = 0;
    vrp_check_report r = {0};
    cr_assert_not(vrp_check(&t.p, s, &r));
    cr_assert(has(&r, VRP_VIOL_ROUTE, "stop 17 outside the problem's 5 nodes"));
    cr_assert(has(&r, VRP_VIOL_ROUTE, "vehicle 6 outside 1..2"));
    cr_assert(has(&r, VRP_VIOL_ROUTE, "depot 0 listed as a stop"));
    vrp_check_report_free(&r);
    vrp_solution_free(s);
}

Test(check, unreachable_arcs_are_violations)
{
    tiny t;
    tiny_init(&t);
    t.dist[2 * 5 + 3] = VRP_UNREACHABLE;
    vrp_solution *s = sol_from(&t, "1 1 1; 2 1 2 4; 2 2 3; 3 1 1");
    s->routes[1].stops[1] = 3; /* 2 -> 3 is cut */
    s->routes[2].stops[0] = 4;
    for (uint32_t i = 0; i < 5; i++)
        s->pattern[i] = 0;
    s->pattern[1] = 5;
    s->pattern[2] = s->pattern[3] = s->pattern[4] = 2;
    vrp_check_opts o;
    vrp_check_opts_init(&o);
    o.check_stored = false;
    vrp_check_report r = {0};
    cr_assert_not(vrp_check_with(&t.p, s, &o, &r));
    cr_assert(has(&r, VRP_VIOL_UNREACHABLE, "day 2 vehicle 1: no road from node 2 to node 3"));
    cr_assert_eq(r.n_violations, 1);
    vrp_check_report_free(&r);
    vrp_solution_free(s);
}

/* ---- the 1997 Cordeau solutions and broken copies, through `jincun check` ---------------- */

/* Writes a .res from a loaded one (so a test can mutate it first). */
static void write_res(const cordeau_res *r, const char *path)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fprintf(f, "%.2f\n", r->cost);
    for (size_t k = 0; k < r->n_routes; k++) {
        const cordeau_res_route *rt = &r->routes[k];
        fprintf(f, "%u %u %.2f %.0f 0", rt->day, rt->vehicle, rt->duration, rt->load);
        for (uint32_t j = 0; j < rt->n_stops; j++)
            fprintf(f, " %u", rt->stops[j]);
        fprintf(f, " 0\n");
    }
    fclose(f);
}

/* Runs `jincun check INST RES`, returns the exit status; *out gets stdout (caller frees). */
static int run_check(const char *inst, const char *res, char **out)
{
    char args[8300];
    snprintf(args, sizeof args, "check '%s' '%s'", inst, res);
    return test_run_jincun(args, out, NULL);
}

typedef struct fixture {
    char inst[4096];
    char *dir;
    char res[4096];
    cordeau_res *r;
} fixture;

static void fx_open(fixture *fx, const char *name)
{
    char rel[256];
    snprintf(rel, sizeof rel, "bench/pvrp/%s.txt", name);
    if (!test_shared_path(fx->inst, sizeof fx->inst, rel))
        cr_skip_test("needs %s/%s (shared material absent)", test_shared_dir(), rel);
    char src[4096];
    snprintf(rel, sizeof rel, "bench/pvrp/cgl97_solutions/%s.res", name);
    cr_assert_not_null(test_shared_path(src, sizeof src, rel));
    err e = {0};
    fx->r = cordeau_res_load(src, &e);
    cr_assert_not_null(fx->r, "%s", e.msg);
    fx->dir = test_tmpdir();
    snprintf(fx->res, sizeof fx->res, "%s/%s.res", fx->dir, name);
}

/* Writes the (mutated) solution, runs the checker, expects exit 3 and `want` in the output. */
static void fx_expect_invalid(fixture *fx, const char *want)
{
    write_res(fx->r, fx->res);
    char *out = NULL;
    int st = run_check(fx->inst, fx->res, &out);
    cr_assert_eq(st, 3, "exit %d, output:\n%s", st, out);
    cr_assert_not_null(strstr(out, want), "wanted '%s' in:\n%s", want, out);
    cr_assert_not_null(strstr(out, "invalid:"));
    free(out);
}

static void fx_close(fixture *fx)
{
    cordeau_res_free(fx->r);
    test_rmtree(fx->dir);
    free(fx->dir);
}

Test(check, cli_accepts_every_1997_solution_at_its_stated_cost)
{
    static const char *const names[] = {"p01", "p02", "p04",  "p05",  "p07",  "p08",  "p10",
                                        "p12", "p14", "p15",  "p17",  "p18",  "p21",  "p24",
                                        "p27", "p30", "pr01", "pr02", "pr03", "pr07", "pr08"};
    char inst[4096], res[4096];
    TEST_SHARED_OR_SKIP(inst, "bench/pvrp/p01.txt");
    for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
        char rel[256];
        snprintf(rel, sizeof rel, "bench/pvrp/%s.txt", names[k]);
        cr_assert_not_null(test_shared_path(inst, sizeof inst, rel));
        snprintf(rel, sizeof rel, "bench/pvrp/cgl97_solutions/%s.res", names[k]);
        cr_assert_not_null(test_shared_path(res, sizeof res, rel));
        char *out = NULL;
        int st = run_check(inst, res, &out);
        cr_assert_eq(st, 0, "%s: exit %d\n%s", names[k], st, out);
        cr_assert_not_null(strstr(out, "\nvalid\n"), "%s", out);
        cr_assert_null(strstr(out, "violation"), "%s", out);
        free(out);
    }
}

Test(check, cli_rejects_a_removed_customer)
{
    fixture fx = {0};
    fx_open(&fx, "p01");
    cordeau_res_route *rt = &fx.r->routes[0];
    char want[128];
    snprintf(want, sizeof want, "violation: stop %u is never visited", rt->stops[0]);
    memmove(rt->stops, rt->stops + 1, (rt->n_stops - 1) * sizeof *rt->stops);
    rt->n_stops--;
    fx_expect_invalid(&fx, want);
    fx_close(&fx);
}

Test(check, cli_rejects_a_duplicated_customer)
{
    fixture fx = {0};
    fx_open(&fx, "p01");
    /* routes 0 and 1 are both on day 1: visit route 0's first customer in route 1 too */
    cr_assert_eq(fx.r->routes[1].day, fx.r->routes[0].day);
    uint32_t c = fx.r->routes[0].stops[0];
    cordeau_res_route *rt = &fx.r->routes[1];
    rt->stops[rt->n_stops - 1] = c; /* replaces its last stop: that one goes missing */
    char want[128];
    snprintf(want, sizeof want, "violation: stop %u visited 2 times on day 1", c);
    fx_expect_invalid(&fx, want);
    fx_close(&fx);
}

Test(check, cli_rejects_a_wrong_day_combination)
{
    fixture fx = {0};
    fx_open(&fx, "p05");
    err e = {0};
    cordeau_instance *ci = cordeau_load(fx.inst, &e);
    cr_assert_not_null(ci);
    /* Find a visit of a customer i on day b and a route on a day c not visited by i such
     * that moving the visit from b to c gives a combination i may not use. */
    bool done = false;
    for (size_t a = 0; a < fx.r->n_routes && !done; a++) {
        cordeau_res_route *ra = &fx.r->routes[a];
        for (uint32_t j = 0; j < ra->n_stops && !done; j++) {
            uint32_t i = ra->stops[j], mask = 0;
            for (size_t k = 0; k < fx.r->n_routes; k++)
                for (uint32_t q = 0; q < fx.r->routes[k].n_stops; q++)
                    if (fx.r->routes[k].stops[q] == i)
                        mask |= 1u << (fx.r->routes[k].day - 1);
            for (size_t b = 0; b < fx.r->n_routes && !done; b++) {
                cordeau_res_route *rb = &fx.r->routes[b];
                uint32_t dbit = 1u << (rb->day - 1);
                if (mask & dbit)
                    continue;
                uint32_t moved = (mask & ~(1u << (ra->day - 1))) | dbit;
                bool allowed = false;
                for (uint32_t q = 0; q < ci->n_patterns[i]; q++)
                    allowed |= ci->patterns[i][q] == moved;
                if (allowed)
                    continue;
                memmove(ra->stops + j, ra->stops + j + 1, (ra->n_stops - j - 1) * 4);
                ra->n_stops--;
                rb->stops = realloc(rb->stops, (rb->n_stops + 1) * sizeof *rb->stops);
                rb->stops[rb->n_stops++] = i;
                char want[128];
                snprintf(want, sizeof want, "violation: stop %u visited on days {", i);
                fx_expect_invalid(&fx, want);
                fx_expect_invalid(&fx, "not one of its allowed patterns");
                done = true;
            }
        }
    }
    cr_assert(done, "no customer of p05 could be moved to a forbidden combination");
    cordeau_free(ci);
    fx_close(&fx);
}

Test(check, cli_rejects_an_overloaded_route)
{
    fixture fx = {0};
    fx_open(&fx, "p01");
    /* Move every customer of route 1 (day 1) into route 0 (day 1): 149 + 157 > 160. */
    cordeau_res_route *a = &fx.r->routes[0], *b = &fx.r->routes[1];
    a->stops = realloc(a->stops, (a->n_stops + b->n_stops) * sizeof *a->stops);
    memcpy(a->stops + a->n_stops, b->stops, b->n_stops * sizeof *b->stops);
    a->n_stops += b->n_stops;
    b->n_stops = 0;
    fx_expect_invalid(&fx, "violation: day 1 vehicle 1: load 306 > capacity 160");
    fx_close(&fx);
}

Test(check, cli_rejects_a_too_long_route)
{
    fixture fx = {0};
    fx_open(&fx, "pr01"); /* D = 500 */
    /* Concatenate route 1 onto route 0 (both day 1): 262.49 + 484.80 of travel and service. */
    cordeau_res_route *a = &fx.r->routes[0], *b = &fx.r->routes[1];
    cr_assert_eq(a->day, b->day);
    a->stops = realloc(a->stops, (a->n_stops + b->n_stops) * sizeof *a->stops);
    memcpy(a->stops + a->n_stops, b->stops, b->n_stops * sizeof *b->stops);
    a->n_stops += b->n_stops;
    b->n_stops = 0;
    fx_expect_invalid(&fx, "violation: day 1 vehicle 1: duration ");
    fx_expect_invalid(&fx, " > max duration 500");
    fx_close(&fx);
}

Test(check, cli_rejects_an_altered_stated_cost)
{
    fixture fx = {0};
    fx_open(&fx, "p01");
    fx.r->cost += 0.02;
    fx_expect_invalid(&fx, "violation: stated cost 524.63 differs from recomputed 524.6111");
    fx_close(&fx);
}

Test(check, cli_rejects_too_many_vehicles_on_a_day)
{
    fixture fx = {0};
    fx_open(&fx, "p01"); /* m = 3, day 2 already has 3 routes */
    size_t k = 2;
    cr_assert_eq(fx.r->routes[k].day, 2);
    cordeau_res_route *rt = &fx.r->routes[k];
    /* Split route k in two: the second half becomes vehicle 4 on day 2. */
    fx.r->routes = realloc(fx.r->routes, (fx.r->n_routes + 1) * sizeof *fx.r->routes);
    rt = &fx.r->routes[k];
    cordeau_res_route *nw = &fx.r->routes[fx.r->n_routes++];
    *nw = *rt;
    nw->vehicle = 4;
    uint32_t half = rt->n_stops / 2;
    nw->n_stops = rt->n_stops - half;
    nw->stops = malloc(nw->n_stops * sizeof *nw->stops);
    memcpy(nw->stops, rt->stops + half, nw->n_stops * sizeof *nw->stops);
    rt->n_stops = half;
    fx_expect_invalid(&fx, "violation: day 2: 4 routes > 3 vehicles available");
    fx_close(&fx);
}

Test(check, cli_tsplib_accepts_the_optimum_and_rejects_broken_copies)
{
    char inst[4096], sol[4096];
    TEST_SHARED_OR_SKIP(inst, "bench/cvrp/augerat/A-n32-k5.vrp");
    TEST_SHARED_OR_SKIP(sol, "bench/cvrp/augerat/A-n32-k5.sol");
    char *out = NULL;
    cr_assert_eq(run_check(inst, sol, &out), 0, "%s", out);
    cr_assert_not_null(strstr(out, "recomputed cost: 784\nvalid\n"), "%s", out);
    free(out);
    char *dir = test_tmpdir();
    char bad[4096];
    snprintf(bad, sizeof bad, "%s/a.sol", dir);
    /* Route #3 "27 24" dropped: customers 24 and 27 missing; cost still says 784. */
    FILE *f = fopen(bad, "w");
    fputs("Route #1: 21 31 19 17 13 7 26\nRoute #2: 12 1 16 30\n"
          "Route #4: 29 18 8 9 22 15 10 25 5 20\nRoute #5: 14 28 11 4 23 3 2 6\nCost 784\n",
          f);
    fclose(f);
    cr_assert_eq(run_check(inst, bad, &out), 3, "%s", out);
    cr_assert_not_null(strstr(out, "violation: stop 24 is never visited"), "%s", out);
    cr_assert_not_null(strstr(out, "violation: stop 27 is never visited"), "%s", out);
    cr_assert_not_null(strstr(out, "violation: stated cost 784 differs"), "%s", out);
    free(out);
    /* Six routes: valid, since k = 5 of the name is the least number of routes, not a fleet
     * limit (CVRPLIB); --vehicles=5 fixes the fleet, and then they are one too many. */
    f = fopen(bad, "w");
    fputs("Route #1: 21 31 19 17 13 7 26\nRoute #2: 12 1 16 30\nRoute #3: 27\nRoute #4: 24\n"
          "Route #5: 29 18 8 9 22 15 10 25 5 20\nRoute #6: 14 28 11 4 23 3 2 6\n",
          f);
    fclose(f);
    cr_assert_eq(run_check(inst, bad, &out), 0, "%s", out);
    cr_assert_not_null(strstr(out, "recomputed cost: 827\nvalid\n"), "%s", out);
    free(out);
    char args[8300];
    snprintf(args, sizeof args, "check --vehicles=5 '%s' '%s'", inst, bad);
    cr_assert_eq(test_run_jincun(args, &out, NULL), 3, "%s", out);
    cr_assert_not_null(strstr(out, "violation: day 1: 6 routes > 5 vehicles available"), "%s", out);
    free(out);
    test_rmtree(dir);
    free(dir);
}

/* ---- windows, waiting and the load profile (tiny: stops at 10, 20, 30, 40, service 5) ---- */

Test(check, a_missed_window_is_named_with_its_stop_and_times)
{
    tiny t;
    tiny_init(&t);
    vrp_solution *s = sol_from(&t, "1 1 1; 2 1 2 3; 3 2 1 4");
    t.nodes[3].close = 20; /* reached at 10 + 5 + 10 + 10 = 35 */
    vrp_check_report r = {0};
    cr_assert_not(vrp_check(&t.p, s, &r));
    cr_assert(has(&r, VRP_VIOL_WINDOW, "stop 3 starts at 35, outside its window 0-20"));
    cr_assert_eq(r.n_violations, 1);
    vrp_check_report_free(&r);
    vrp_solution_free(s);
}

Test(check, waiting_for_a_window_counts_in_the_duration)
{
    tiny t;
    tiny_init(&t);
    vrp_solution *s = sol_from(&t, "1 1 1; 2 1 2 3; 3 2 1 4");
    /* stop 3 opens at 100: arrives 35, waits 65, leaves 105, back 135 */
    t.nodes[3].open = 100;
    t.nodes[3].close = 200;
    vrp_check_report r = {0};
    cr_assert_not(vrp_check(&t.p, s, &r));
    cr_assert(has(&r, VRP_VIOL_STORED, "recomputed 160/60/135/60"), "stored 70 is the plain sum");
    vrp_check_report_free(&r);
    s->routes[1].duration = 135;
    cr_assert(vrp_check(&t.p, s, &r));
    cr_assert_eq(r.duration, 25 + 135 + 90);
    vrp_check_report_free(&r);
    t.veh[0].max_duration = 134;
    cr_assert_not(vrp_check(&t.p, s, &r));
    cr_assert(has(&r, VRP_VIOL_DURATION, "duration 135 > max duration 134"));
    vrp_check_report_free(&r);
    /* a van that starts at 180 reaches stop 3 at 215, after it closes at 200 */
    t.veh[0].max_duration = 200;
    t.veh[0].start = 180;
    cr_assert_not(vrp_check(&t.p, s, &r));
    cr_assert(has(&r, VRP_VIOL_WINDOW, "stop 3 starts at 215"));
    vrp_check_report_free(&r);
    vrp_solution_free(s);
}

Test(check, pickups_overflowing_mid_route_are_named_although_deliveries_fit)
{
    tiny t;
    tiny_init(&t);
    vrp_solution *s = sol_from(&t, "1 1 1; 2 1 2 3; 3 2 1 4");
    t.nodes[2].pickup = 100; /* 160 on board, then 160 - 80 + 100 = 180 after stop 2 */
    vrp_check_report r = {0};
    cr_assert_not(vrp_check(&t.p, s, &r));
    cr_assert(has(&r, VRP_VIOL_LOAD_PROFILE, "180 on board after stop 2 > capacity 160"));
    cr_assert_eq(vrp_check_count(&r, VRP_VIOL_CAPACITY), 0);
    vrp_check_report_free(&r);
    /* the other order delivers both first: 160, 80, 100 */
    s->routes[1].stops[0] = 3;
    s->routes[1].stops[1] = 2;
    cr_assert(vrp_check(&t.p, s, &r));
    vrp_check_report_free(&r);
    vrp_solution_free(s);
}
