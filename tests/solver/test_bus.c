/* test_bus.c — bus_solve (solver/bus.c) and its checker buscheck_plan (solver/buscheck.c) on
 * the fixture's periodic problem: a free bus takes every visit it can, a dear one none, runs
 * keep their capacity and loading deadline, the plan with buses never costs more than the
 * van-only plan, and the checker catches tampered plans. Every solve is stopped by an iteration
 * limit. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "solver/bus.h"
#include "solver/buscheck.h"
#include "solver/solve.h"
#include "tests/solver/fixture.h"

#define N_RUNS 3

/* Runs over the fixture's 3 days: day 0 and day 2 call at stops 1..12, day 1 at 13..20. */
typedef struct runs_fx {
    uint32_t stops[N_RUNS][20];
    int32_t arrive[N_RUNS][20];
    bus_run runs[N_RUNS];
} runs_fx;

static void runs_make(runs_fx *f, int64_t fee, int32_t capacity)
{
    memset(f, 0, sizeof *f);
    for (uint32_t k = 0; k < N_RUNS; k++) {
        uint32_t first = k == 1 ? 13 : 1, last = k == 1 ? 20 : 12;
        bus_run *b = &f->runs[k];
        for (uint32_t c = first; c <= last; c++) {
            f->stops[k][b->n_stops] = c;
            f->arrive[k][b->n_stops] = 1000 + 60 * (int32_t)b->n_stops;
            b->n_stops++;
        }
        b->day = k;
        b->stops = f->stops[k];
        b->arrive = f->arrive[k];
        b->capacity = capacity;
        b->fee_per_unit = fee;
        b->fee_per_drop = fee;
        b->depart = 1000;
        b->ready = 0;
        b->deadline = 500;
    }
}

static vrp_solution *van_plan(const vrp_problem *p)
{
    vrp_params par;
    vrp_params_init(&par);
    par.time_limit_s = 0;
    par.max_iterations = 2000;
    par.use_lp = false;
    vrp_solution *s = NULL;
    err e = {0};
    cr_assert_eq(vrp_solve(p, &par, NULL, &s, &e), ERR_OK, "%s", e.msg);
    return s;
}

static bus_plan *plan_with(const built *b, const runs_fx *f, const vrp_solution *vans)
{
    bus_plan *bp = NULL;
    err e = {0};
    cr_assert_eq(bus_solve(&b->p, f->runs, N_RUNS, vans, &bp, &e), ERR_OK, "%s", e.msg);
    vrp_check_report r = {0};
    bool ok = buscheck_plan(&b->p, f->runs, N_RUNS, bp, NULL, &r);
    cr_assert(ok, "%zu violations, first: %s", r.n_violations,
              r.n_stored ? r.violations[0].msg : "");
    cr_assert_eq(r.cost, bp->cost);
    vrp_check_report_free(&r);
    cr_assert_leq(bp->cost, vans->cost, "buses made the plan dearer: %lld > %lld",
                  (long long)bp->cost, (long long)vans->cost);
    cr_assert_eq(bp->van_only, vans->cost);
    return bp;
}

/* True when a run of f on day d calls at c. */
static bool calls(const runs_fx *f, uint32_t c, uint32_t d)
{
    for (uint32_t j = 0; j < f->runs[d].n_stops; j++)
        if (f->stops[d][j] == c)
            return true;
    return false;
}

Test(bus, free_bus_takes_every_visit_it_calls_at)
{
    built b;
    fixture_periodic(&b, 3);
    vrp_solution *vans = van_plan(&b.p);
    runs_fx f;
    runs_make(&f, 0, 1000);
    bus_plan *bp = plan_with(&b, &f, vans);
    cr_assert_gt(bp->n_drops, 0);
    cr_assert_gt(bp->n_eligible, 0);
    cr_assert_eq(bp->fees, 0);
    for (uint32_t c = 1; c < b.p.n_nodes; c++) {
        cr_assert_eq(__builtin_popcount(bp->pattern[c]), (int)b.nodes[c].freq, "stop %u", c);
        for (uint32_t d = 0; d < 3; d++)
            cr_assert(!(bp->vans->pattern[c] >> d & 1) || !calls(&f, c, d),
                      "stop %u still by van on day %u though a free bus calls there", c, d);
    }
    cr_assert_lt(bp->cost, vans->cost);
    bus_plan_free(bp);
    vrp_solution_free(vans);
    fixture_unbuild(&b);
}

Test(bus, dear_bus_takes_nothing)
{
    built b;
    fixture_periodic(&b, 3);
    vrp_solution *vans = van_plan(&b.p);
    runs_fx f;
    runs_make(&f, 100000, 1000);
    bus_plan *bp = plan_with(&b, &f, vans);
    cr_assert_eq(bp->n_drops, 0);
    cr_assert_eq(bp->fees, 0);
    cr_assert_eq(bp->cost, vans->cost);
    cr_assert_eq(bp->vans->n_routes, vans->n_routes);
    for (uint32_t c = 0; c < b.p.n_nodes; c++)
        cr_assert_eq(bp->pattern[c], vans->pattern[c]);
    bus_plan_free(bp);
    vrp_solution_free(vans);
    fixture_unbuild(&b);
}

Test(bus, runs_keep_their_capacity)
{
    built b;
    fixture_periodic(&b, 5);
    vrp_solution *vans = van_plan(&b.p);
    runs_fx f;
    runs_make(&f, 0, 3);
    bus_plan *bp = plan_with(&b, &f, vans);
    int32_t load[N_RUNS] = {0};
    for (size_t k = 0; k < bp->n_drops; k++)
        load[bp->drops[k].run] += b.nodes[bp->drops[k].node].demand;
    int32_t total = 0;
    for (uint32_t k = 0; k < N_RUNS; k++) {
        cr_assert_leq(load[k], 3, "run %u carries %d", k, load[k]);
        total += load[k];
    }
    cr_assert_gt(total, 0);
    bus_plan_free(bp);
    vrp_solution_free(vans);
    fixture_unbuild(&b);
}

Test(bus, run_past_its_loading_deadline_takes_nothing)
{
    built b;
    fixture_periodic(&b, 3);
    vrp_solution *vans = van_plan(&b.p);
    runs_fx f;
    runs_make(&f, 0, 1000);
    for (uint32_t k = 0; k < N_RUNS; k++)
        f.runs[k].deadline = 1200; /* after it departs at 1000 */
    f.runs[1].ready = 600;         /* and this one: parcels ready only after the deadline */
    f.runs[1].deadline = 500;
    bus_plan *bp = plan_with(&b, &f, vans);
    cr_assert_eq(bp->n_drops, 0);
    cr_assert_eq(bp->n_eligible, 0);
    cr_assert_eq(bp->cost, vans->cost);
    bus_plan_free(bp);
    vrp_solution_free(vans);
    fixture_unbuild(&b);
}

Test(bus, a_stop_closed_when_the_bus_comes_keeps_its_van)
{
    built b;
    fixture_periodic(&b, 3);
    for (uint32_t c = 1; c <= 6; c++) { /* runs 0 and 2 reach stops 1..6 at 1000..1300 */
        b.nodes[c].open = 2000;
        b.nodes[c].close = 40000;
    }
    vrp_solution *vans = van_plan(&b.p);
    runs_fx f;
    runs_make(&f, 0, 1000);
    bus_plan *bp = plan_with(&b, &f, vans);
    cr_assert_gt(bp->n_drops, 0);
    for (size_t k = 0; k < bp->n_drops; k++)
        cr_assert(bp->drops[k].node > 6, "stop %u dropped outside its window", bp->drops[k].node);
    vrp_check_report r = {0};
    uint32_t c = bp->drops[0].node; /* the checker: a drop outside the window */
    b.nodes[c].open = 50000;
    b.nodes[c].close = 60000;
    cr_assert_not(buscheck_plan(&b.p, f.runs, N_RUNS, bp, NULL, &r));
    bool named = false;
    for (size_t k = 0; k < r.n_stored; k++)
        named |= strstr(r.violations[k].msg, "bus run") &&
                 strstr(r.violations[k].msg, "outside its window");
    cr_assert(named, "no bus window violation among %zu", r.n_violations);
    vrp_check_report_free(&r);
    bus_plan_free(bp);
    vrp_solution_free(vans);
    fixture_unbuild(&b);
}

Test(bus, a_stop_with_outbound_parcels_keeps_its_van)
{
    built b;
    fixture_periodic(&b, 3);
    for (uint32_t c = 1; c <= 6; c++)
        b.nodes[c].pickup = 1;
    vrp_solution *vans = van_plan(&b.p);
    runs_fx f;
    runs_make(&f, 0, 1000);
    bus_plan *bp = plan_with(&b, &f, vans);
    cr_assert_gt(bp->n_drops, 0);
    for (size_t k = 0; k < bp->n_drops; k++)
        cr_assert(bp->drops[k].node > 6, "stop %u with a pickup dropped by bus", bp->drops[k].node);
    vrp_check_report r = {0};
    b.nodes[bp->drops[0].node].pickup = 1; /* the checker names it */
    cr_assert_not(buscheck_plan(&b.p, f.runs, N_RUNS, bp, NULL, &r));
    bool named = false;
    for (size_t k = 0; k < r.n_stored; k++)
        named |= strstr(r.violations[k].msg, "outbound parcels a bus does not collect") != NULL;
    cr_assert(named);
    vrp_check_report_free(&r);
    bus_plan_free(bp);
    vrp_solution_free(vans);
    fixture_unbuild(&b);
}

Test(bus, same_input_same_plan)
{
    built b;
    fixture_periodic(&b, 4);
    vrp_solution *vans = van_plan(&b.p);
    runs_fx f;
    runs_make(&f, 2, 6);
    bus_plan *x = plan_with(&b, &f, vans), *y = plan_with(&b, &f, vans);
    cr_assert_eq(x->cost, y->cost);
    cr_assert_eq(x->n_drops, y->n_drops);
    cr_assert_eq(memcmp(x->drops, y->drops, x->n_drops * sizeof *x->drops), 0);
    bus_plan_free(x);
    bus_plan_free(y);
    vrp_solution_free(vans);
    fixture_unbuild(&b);
}

Test(bus, malformed_run_is_refused)
{
    built b;
    fixture_periodic(&b, 3);
    vrp_solution *vans = van_plan(&b.p);
    runs_fx f;
    runs_make(&f, 0, 1000);
    f.stops[0][1] = 0; /* the depot */
    bus_plan *bp = NULL;
    err e = {0};
    cr_assert_eq(bus_solve(&b.p, f.runs, N_RUNS, vans, &bp, &e), ERR_USAGE);
    cr_assert_null(bp);
    cr_assert(strstr(e.msg, "not a stop"), "%s", e.msg);
    vrp_solution_free(vans);
    fixture_unbuild(&b);
}

Test(bus, checker_catches_tampered_plans)
{
    built b;
    fixture_periodic(&b, 3);
    vrp_solution *vans = van_plan(&b.p);
    runs_fx f;
    runs_make(&f, 0, 1000);
    bus_plan *bp = plan_with(&b, &f, vans);
    cr_assert_gt(bp->n_drops, 1);
    vrp_check_report r = {0};

    f.runs[bp->drops[0].run].capacity = 0; /* over capacity */
    cr_assert_not(buscheck_plan(&b.p, f.runs, N_RUNS, bp, NULL, &r));
    cr_assert_geq(vrp_check_count(&r, VRP_VIOL_CAPACITY), 1);
    vrp_check_report_free(&r);
    f.runs[bp->drops[0].run].capacity = 1000;

    f.runs[bp->drops[0].run].deadline = 2000; /* after the departure */
    cr_assert_not(buscheck_plan(&b.p, f.runs, N_RUNS, bp, NULL, &r));
    cr_assert_geq(vrp_check_count(&r, VRP_VIOL_ROUTE), 1);
    vrp_check_report_free(&r);
    f.runs[bp->drops[0].run].deadline = 500;

    bus_drop keep = bp->drops[0]; /* a run dropping where it does not call */
    bp->drops[0].run = (keep.run + 1) % N_RUNS;
    cr_assert_not(buscheck_plan(&b.p, f.runs, N_RUNS, bp, NULL, &r));
    vrp_check_report_free(&r);
    bp->drops[0] = keep;

    bp->fees += 1; /* stated fees */
    cr_assert_not(buscheck_plan(&b.p, f.runs, N_RUNS, bp, NULL, &r));
    cr_assert_geq(vrp_check_count(&r, VRP_VIOL_STORED), 1);
    vrp_check_report_free(&r);
    bp->fees -= 1;

    size_t n = bp->n_drops; /* a bus visit forgotten: the stop misses a visit */
    bp->n_drops = n - 1;
    cr_assert_not(buscheck_plan(&b.p, f.runs, N_RUNS, bp, NULL, &r));
    vrp_check_report_free(&r);
    bp->n_drops = n;

    cr_assert(buscheck_plan(&b.p, f.runs, N_RUNS, bp, NULL, &r));
    vrp_check_report_free(&r);
    bus_plan_free(bp);
    vrp_solution_free(vans);
    fixture_unbuild(&b);
}
