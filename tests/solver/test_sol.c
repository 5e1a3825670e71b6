/* test_sol.c — solver/sol.c: the totals every edit keeps equal to a recomputation, cheapest
 * insertion against brute force, limits and blinks, the change record and sol_sync, import
 * and export. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "solver/inst.h"
#include "solver/sol.h"
#include "tests/solver/fixture.h"
#include "util/mem.h"

/* Fails unless x's routes, totals and where-table agree with a recomputation. */
static void assert_consistent(const inst *I, const sol *x)
{
    int64_t cost = 0, pen = 0;
    uint32_t unserved = 0;
    uint32_t *used = xcalloc(I->p->n_vehicles, sizeof *used);
    for (uint32_t ri = 0; ri < I->nr; ri++) {
        sol_route r = x->r[ri];
        sol_route_eval(I, x->pat, ri, &r);
        cr_assert_eq(r.load, x->r[ri].load, "slot %u load", ri);
        cr_assert_eq(r.dist, x->r[ri].dist, "slot %u distance", ri);
        cr_assert_eq(r.time, x->r[ri].time, "slot %u time", ri);
        cost += sol_route_cost(I, ri, &r);
        used[I->r_veh[ri]] += r.len > 0;
        if (sol_route_violates(I, ri, &r))
            pen += SOL_VIOLATION_PENALTY;
        for (uint32_t k = 0; k < r.len; k++)
            cr_assert_eq(x->where[(size_t)r.s[k] * I->nd + I->r_day[ri]], ri);
    }
    for (uint32_t k = 0; k < I->n_stops; k++) {
        uint32_t c = I->stops[k];
        uint32_t days = 0;
        for (uint32_t d = 0; d < I->nd; d++)
            days |= (uint32_t)(x->where[(size_t)c * I->nd + d] != INST_NONE) << d;
        cr_assert_eq(days, x->pat[c], "stop %u is visited on the days of its pattern", c);
        if (!x->pat[c]) {
            unserved++;
            pen += I->penalty[c];
        }
    }
    for (uint32_t v = 0; v < I->p->n_vehicles; v++) {
        cr_assert_eq(x->vused[v], used[v], "vehicle %u: routes counted", v);
        if (used[v])
            cost += I->p->vehicles[v].weekly_cost;
    }
    free(used);
    cr_assert_eq(x->cost, cost);
    cr_assert_eq(x->pen, pen);
    cr_assert_eq(x->n_unserved, unserved);
}

typedef struct fx {
    built b;
    inst *I;
    sol_delta D;
    sol x;
} fx;

static void fx_open(fx *f, uint64_t seed)
{
    fixture_periodic(&f->b, seed);
    f->I = inst_new(&f->b.p);
    sol_delta_init(f->I, &f->D);
    fixture_greedy(f->I, &f->D, &f->x);
}

static void fx_close(fx *f)
{
    sol_free(f->I, &f->x);
    sol_delta_free(&f->D);
    inst_free(f->I);
    fixture_unbuild(&f->b);
}

Test(sol, inserting_and_removing_stops_keeps_the_totals_right)
{
    fx f;
    fx_open(&f, 3);
    assert_consistent(f.I, &f.x);
    cr_assert_eq(f.x.n_unserved, 0);
    for (uint32_t k = 0; k < f.I->n_stops; k += 2) {
        sol_remove_stop(f.I, &f.D, &f.x, f.I->stops[k]);
        assert_consistent(f.I, &f.x);
    }
    cr_assert_eq(f.D.n_rem, (f.I->n_stops + 1) / 2, "each removed stop is recorded once");
    for (uint32_t k = 0; k < f.D.n_rem; k++)
        cr_assert_eq(f.D.rem[k], f.I->stops[2 * k]);
    cr_assert_gt(f.D.n_dirty, 0);
    sol_delta_clear(&f.D);
    cr_assert_eq(f.D.n_rem + f.D.n_dirty, 0);
    for (uint32_t ri = 0; ri < f.I->nr; ri++)
        cr_assert_eq(f.D.is_dirty[ri], 0);
    fx_close(&f);
}

Test(sol, the_weekly_cost_of_a_vehicle_is_charged_while_it_has_a_route)
{
    fx f;
    fixture_periodic(&f.b, 3);
    f.b.veh[0].weekly_cost = 50000;
    f.b.veh[1].weekly_cost = 70000;
    f.I = inst_new(&f.b.p);
    sol_delta_init(f.I, &f.D);
    fixture_greedy(f.I, &f.D, &f.x);
    assert_consistent(f.I, &f.x);
    int64_t full = f.x.cost;
    /* take every stop out: the routes empty, the vehicles are no longer charged */
    for (uint32_t k = 0; k < f.I->n_stops; k++) {
        sol_remove_stop(f.I, &f.D, &f.x, f.I->stops[k]);
        assert_consistent(f.I, &f.x);
    }
    cr_assert_eq(f.x.cost, 0);
    /* the first insertion into an unused vehicle's route costs its weekly cost; a second one
     * on another day of the same vehicle does not */
    uint32_t c = f.I->stops[0];
    sol_ins a = sol_best_insertion(f.I, &f.x, c, 0, 1u, 0.0, NULL);
    cr_assert_neq(a.ri, INST_NONE);
    const vrp_vehicle *v = inst_vehicle(f.I, a.ri);
    int64_t round =
        v->fixed_cost + v->cost_per_dist * (inst_dist(f.I, 0, c) + inst_dist(f.I, c, 0)) +
        v->cost_per_time * (inst_time(f.I, 0, c) + inst_time(f.I, c, 0) + f.b.p.nodes[c].service);
    cr_assert_eq(a.cost, round + v->weekly_cost);
    cr_assert_eq(sol_fleet_delta(f.I, &f.x, a.ri, 0, 1), v->weekly_cost);
    sol_insert_at(f.I, &f.D, &f.x, c, 0, a);
    f.x.pat[c] = 1; /* keep the test's books: c is served on day 0 only from here */
    cr_assert_eq(f.x.cost, round + v->weekly_cost);
    cr_assert_eq(sol_fleet_delta(f.I, &f.x, a.ri, 1, 0), -v->weekly_cost);
    uint32_t other_day = INST_NONE;
    for (uint32_t ri = f.I->day_first[1]; ri < f.I->day_first[2]; ri++)
        if (f.I->r_veh[ri] == f.I->r_veh[a.ri])
            other_day = ri;
    cr_assert_neq(other_day, INST_NONE);
    cr_assert_eq(sol_fleet_delta(f.I, &f.x, other_day, 0, 1), 0, "the vehicle is paid for");
    cr_assert_lt(full, SOL_VIOLATION_PENALTY);
    sol_free(f.I, &f.x);
    sol_delta_free(&f.D);
    inst_free(f.I);
    fixture_unbuild(&f.b);
}

Test(sol, best_insertion_is_the_cheapest_feasible_position)
{
    fx f;
    fx_open(&f, 4);
    for (uint32_t k = 0; k < f.I->n_stops; k += 3) {
        uint32_t c = f.I->stops[k];
        sol_remove_stop(f.I, &f.D, &f.x, c);
        for (uint32_t d = 0; d < f.I->nd; d++) {
            /* every position of every route of day d, by recomputation */
            int64_t best = INT64_MAX;
            for (uint32_t ri = f.I->day_first[d]; ri < f.I->day_first[d + 1]; ri++) {
                const sol_route *r = &f.x.r[ri];
                for (uint32_t pos = 0; pos <= r->len; pos++) {
                    sol_route t = {.len = r->len + 1, .s = xmallocarray(r->len + 1, 4)};
                    memcpy(t.s, r->s, pos * sizeof *t.s);
                    t.s[pos] = c;
                    memcpy(t.s + pos + 1, r->s + pos, (r->len - pos) * sizeof *t.s);
                    sol_route_eval(f.I, f.x.pat, ri, &t);
                    if (!sol_route_violates(f.I, ri, &t)) {
                        int64_t add = sol_route_cost(f.I, ri, &t) - sol_route_cost(f.I, ri, r);
                        if (add < best)
                            best = add;
                    }
                    free(t.s);
                }
            }
            sol_ins at = sol_best_insertion(f.I, &f.x, c, d, 1u << d, 0.0, NULL);
            if (best == INT64_MAX) {
                cr_assert_eq(at.ri, INST_NONE);
            } else {
                cr_assert_eq(at.cost, best, "stop %u day %u", c, d);
                cr_assert_eq(f.I->r_day[at.ri], d);
            }
        }
        cr_assert(sol_insert_stop(f.I, &f.D, &f.x, c, 0, 0.0, NULL));
        assert_consistent(f.I, &f.x);
    }
    fx_close(&f);
}

Test(sol, insertion_respects_capacity_and_a_blink_rate_of_one_skips_every_position)
{
    double xy[2 * 4] = {0, 0, 10, 0, 20, 0, 30, 0};
    built b;
    fixture_build(&b, 4, 1, 1, xy, 1);
    b.veh[0].capacity = 2;
    inst *I = inst_new(&b.p);
    sol_delta D;
    sol_delta_init(I, &D);
    sol x;
    sol_init(I, &x);
    rng r;
    rng_seed(&r, 1);
    sol_blinker bk = {.rng = &r, .gap = 0};
    cr_assert_eq(sol_best_insertion(I, &x, 1, 0, 1u, 1.0, &bk).ri, INST_NONE);
    for (uint32_t c = 1; c <= 2; c++) {
        x.n_unserved++;
        x.pen += I->penalty[c];
        cr_assert(sol_insert_stop(I, &D, &x, c, 0, 0.0, NULL));
    }
    cr_assert_eq(sol_best_insertion(I, &x, 3, 0, 1u, 0.0, NULL).ri, INST_NONE, "the van is full");
    sol_free(I, &x);
    sol_delta_free(&D);
    inst_free(I);
    fixture_unbuild(&b);
}

Test(sol, insert_stop_takes_the_asked_pattern_when_it_fits)
{
    /* stop 1 may come on day 1 or day 2; the van is cheaper on day 1 */
    double xy[2 * 2] = {0, 0, 10, 0};
    built b;
    fixture_build(&b, 2, 1, 2, xy, 2);
    b.veh[0].days = 1;
    b.veh[1].days = 2;
    b.veh[1].fixed_cost = 100;
    inst *I = inst_new(&b.p);
    sol_delta D;
    sol_delta_init(I, &D);
    sol x;
    sol_init(I, &x);
    x.n_unserved = 1;
    x.pen = I->penalty[1];
    cr_assert(sol_insert_stop(I, &D, &x, 1, 0x2, 0.0, NULL));
    cr_assert_eq(x.pat[1], 0x2);
    sol_remove_stop(I, &D, &x, 1);
    cr_assert(sol_insert_stop(I, &D, &x, 1, 0, 0.0, NULL));
    cr_assert_eq(x.pat[1], 0x1, "the cheapest pattern without a wish");
    sol_remove_stop(I, &D, &x, 1);
    b.veh[1].capacity = 0; /* day 2 cannot take it any more: the wish falls back */
    cr_assert(sol_insert_stop(I, &D, &x, 1, 0x2, 0.0, NULL));
    cr_assert_eq(x.pat[1], 0x1);
    assert_consistent(I, &x);
    sol_free(I, &x);
    sol_delta_free(&D);
    inst_free(I);
    fixture_unbuild(&b);
}

Test(sol, sync_copies_exactly_what_the_delta_records)
{
    fx f;
    fx_open(&f, 6);
    sol y;
    sol_init(f.I, &y);
    sol_copy(f.I, &y, &f.x);
    /* move a few stops: out, then back with their cheapest pattern */
    for (uint32_t k = 1; k < f.I->n_stops; k += 4)
        sol_remove_stop(f.I, &f.D, &f.x, f.I->stops[k]);
    for (uint32_t k = 0; k < f.D.n_rem; k++)
        sol_insert_stop(f.I, &f.D, &f.x, f.D.rem[k], 0, 0.0, NULL);
    sol_sync(f.I, &f.D, &y, &f.x);
    assert_consistent(f.I, &y);
    cr_assert_eq(sol_obj(&y), sol_obj(&f.x));
    cr_assert_arr_eq(y.pat, f.x.pat, f.I->nn * sizeof *y.pat);
    cr_assert_arr_eq(y.where, f.x.where, (size_t)f.I->nn * f.I->nd * sizeof *y.where);
    for (uint32_t ri = 0; ri < f.I->nr; ri++) {
        cr_assert_eq(y.r[ri].len, f.x.r[ri].len);
        cr_assert_arr_eq(y.r[ri].s, f.x.r[ri].s, y.r[ri].len * sizeof *y.r[ri].s);
    }
    sol_free(f.I, &y);
    fx_close(&f);
}

Test(sol, export_and_load_round_trip_and_load_refuses_broken_plans)
{
    fx f;
    fx_open(&f, 7);
    vrp_solution *s = sol_export(f.I, &f.x);
    cr_assert_eq(fixture_check(&f.b.p, s, true), f.x.cost);
    sol y;
    sol_init(f.I, &y);
    err e = {0};
    cr_assert_eq(sol_load(f.I, &y, s, &e), ERR_OK, "%s", e.msg);
    assert_consistent(f.I, &y);
    cr_assert_eq(sol_obj(&y), sol_obj(&f.x));
    cr_assert_arr_eq(y.where, f.x.where, (size_t)f.I->nn * f.I->nd * sizeof *y.where);
    sol_free(f.I, &y);
    /* a pattern that is not what the routes visit */
    uint32_t c = s->routes[0].stops[0];
    s->pattern[c] ^= 1u << ((s->routes[0].day + 1) % 3);
    sol_init(f.I, &y);
    cr_assert_eq(sol_load(f.I, &y, s, &e), ERR_USAGE);
    cr_assert(strstr(e.msg, "pattern"), "%s", e.msg);
    sol_free(f.I, &y);
    vrp_solution_free(s);
    fx_close(&f);
}
