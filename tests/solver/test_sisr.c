/* test_sisr.c — solver/sisr.c: what the whole-stop and the one-day ruins take out, the
 * recreates putting it back, and the same stream giving the same ruin.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "solver/inst.h"
#include "solver/sisr.h"
#include "solver/sol.h"
#include "tests/solver/fixture.h"

typedef struct fx {
    built b;
    inst *I;
    sol_delta D;
    rng r;
    sisr *S;
    sol x;
} fx;

/* The periodic fixture without duration limits (a put-back visit always fits), its greedy
 * plan, and a SISR operator seeded with `seed`. */
static void fx_open(fx *f, uint64_t seed)
{
    fixture_periodic(&f->b, 9);
    for (uint32_t v = 0; v < f->b.p.n_vehicles; v++)
        f->b.veh[v].max_duration = 0;
    f->I = inst_new(&f->b.p);
    sol_delta_init(f->I, &f->D);
    rng_seed(&f->r, seed);
    f->S = sisr_new(f->I, &f->D, &f->r, 10);
    fixture_greedy(f->I, &f->D, &f->x);
}

static void fx_close(fx *f)
{
    sol_free(f->I, &f->x);
    sisr_free(f->S);
    sol_delta_free(&f->D);
    inst_free(f->I);
    fixture_unbuild(&f->b);
}

static uint32_t visits(const fx *f)
{
    uint32_t n = 0;
    for (uint32_t ri = 0; ri < f->I->nr; ri++)
        n += f->x.r[ri].len;
    return n;
}

Test(sisr, whole_stop_ruin_unserves_its_stops_and_recreate_serves_them_again)
{
    fx f;
    fx_open(&f, 1);
    uint32_t before = visits(&f);
    sisr_ruin(f.S, &f.x, false);
    cr_assert_gt(f.D.n_rem, 0);
    cr_assert_eq(f.x.n_unserved, f.D.n_rem);
    uint32_t freq = 0;
    for (uint32_t k = 0; k < f.D.n_rem; k++) {
        uint32_t c = f.D.rem[k];
        cr_assert_eq(f.x.pat[c], 0, "stop %u unserved", c);
        for (uint32_t d = 0; d < f.I->nd; d++)
            cr_assert_eq(f.x.where[(size_t)c * f.I->nd + d], INST_NONE);
        freq += f.b.nodes[c].freq;
    }
    cr_assert_eq(visits(&f), before - freq, "every visit of the removed stops is gone");
    sisr_recreate(f.S, &f.x, NULL, 0.0);
    cr_assert_eq(f.x.n_unserved, 0);
    vrp_solution *s = sol_export(f.I, &f.x);
    cr_assert_eq(fixture_check(&f.b.p, s, true), f.x.cost);
    vrp_solution_free(s);
    fx_close(&f);
}

Test(sisr, one_day_ruin_keeps_the_patterns_and_its_visits_go_back_on_that_day)
{
    fx f;
    fx_open(&f, 2);
    uint32_t *pat = malloc(f.I->nn * sizeof *pat);
    memcpy(pat, f.x.pat, f.I->nn * sizeof *pat);
    uint32_t before = visits(&f);
    sisr_ruin(f.S, &f.x, true);
    cr_assert_eq(f.D.n_rem, 0, "no stop loses its pattern");
    cr_assert_arr_eq(f.x.pat, pat, f.I->nn * sizeof *pat);
    uint32_t after = visits(&f);
    cr_assert_lt(after, before);
    /* the missing visits are all of one day */
    uint32_t days = 0;
    for (uint32_t i = f.b.p.n_depots; i < f.I->nn; i++)
        for (uint32_t d = 0; d < f.I->nd; d++)
            if ((pat[i] >> d & 1) && f.x.where[(size_t)i * f.I->nd + d] == INST_NONE)
                days |= 1u << d;
    cr_assert_eq(__builtin_popcount(days), 1, "missing visits on days %#x", days);
    sisr_recreate_visits(f.S, &f.x, 0.0);
    cr_assert_eq(visits(&f), before);
    cr_assert_arr_eq(f.x.pat, pat, f.I->nn * sizeof *pat);
    vrp_solution *s = sol_export(f.I, &f.x);
    cr_assert_eq(fixture_check(&f.b.p, s, true), f.x.cost);
    vrp_solution_free(s);
    free(pat);
    fx_close(&f);
}

Test(sisr, the_same_stream_gives_the_same_ruin_and_recreate)
{
    fx a, b;
    fx_open(&a, 7);
    fx_open(&b, 7);
    for (int round = 0; round < 20; round++) {
        bool one_day = round % 2;
        sisr_ruin(a.S, &a.x, one_day);
        sisr_ruin(b.S, &b.x, one_day);
        cr_assert_eq(a.D.n_rem, b.D.n_rem);
        cr_assert_arr_eq(a.D.rem, b.D.rem, a.D.n_rem * sizeof *a.D.rem);
        if (one_day) {
            sisr_recreate_visits(a.S, &a.x, 0.01);
            sisr_recreate_visits(b.S, &b.x, 0.01);
        }
        sisr_recreate(a.S, &a.x, NULL, 0.01);
        sisr_recreate(b.S, &b.x, NULL, 0.01);
        cr_assert_eq(sol_obj(&a.x), sol_obj(&b.x));
        cr_assert_arr_eq(a.x.where, b.x.where, (size_t)a.I->nn * a.I->nd * sizeof *a.x.where);
        sol_delta_clear(&a.D);
        sol_delta_clear(&b.D);
    }
    fx_close(&a);
    fx_close(&b);
}

Test(sisr, ruin_of_an_empty_plan_does_nothing)
{
    fx f;
    fx_open(&f, 3);
    sol y;
    sol_init(f.I, &y);
    sisr_ruin(f.S, &y, false);
    sisr_ruin(f.S, &y, true);
    cr_assert_eq(f.D.n_rem + f.D.n_dirty, 0);
    sol_free(f.I, &y);
    fx_close(&f);
}
