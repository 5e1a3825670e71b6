/* test_mip.c — solver/mip.c: GLPK start patterns, and set partitioning over a pool that holds
 * a better plan than the incumbent. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "solver/inst.h"
#include "solver/lp.h"
#include "solver/ls.h"
#include "solver/mip.h"
#include "solver/pool.h"
#include "solver/sol.h"
#include "tests/solver/fixture.h"

static void teardown(void)
{
    lp_free_env();
}

TestSuite(mip, .fini = teardown);

typedef struct fx {
    built b;
    inst *I;
    sol_delta D;
    sol x;
    mip *M;
    pool *P;
} fx;

static void fx_open(fx *f, uint64_t seed)
{
    fixture_periodic(&f->b, seed);
    f->I = inst_new(&f->b.p);
    sol_delta_init(f->I, &f->D);
    fixture_greedy(f->I, &f->D, &f->x);
    f->M = mip_new(f->I, NULL);
    f->P = pool_new(f->I);
}

static void fx_close(fx *f)
{
    pool_free(f->P);
    mip_free(f->M);
    sol_free(f->I, &f->x);
    sol_delta_free(&f->D);
    inst_free(f->I);
    fixture_unbuild(&f->b);
}

Test(mip, start_patterns_give_each_stop_one_of_its_patterns)
{
    fx f;
    fx_open(&f, 2);
    uint32_t *pat = mip_start_patterns(f.M, f.x.pat, 0);
    cr_assert_not_null(pat);
    for (uint32_t i = 0; i < f.I->nn; i++) {
        bool allowed = i < f.b.p.n_depots ? pat[i] == 0 : false;
        for (uint32_t k = 0; k < f.I->n_pats[i]; k++)
            allowed |= f.I->pats[i][k] == pat[i];
        cr_assert(allowed, "node %u: pattern %#x", i, pat[i]);
    }
    cr_assert_not(mip_timed_out(f.M), "no time limit");
    free(pat);
    fx_close(&f);
}

Test(mip, a_glpk_step_stopped_by_its_time_limit_is_remembered)
{
    fx f;
    fx_open(&f, 2);
    uint32_t *pat = mip_start_patterns(f.M, f.x.pat, 1e-6); /* 0 ms */
    cr_assert_not_null(pat, "the incumbent comes back");
    cr_assert(mip_timed_out(f.M));
    free(pat);
    fx_close(&f);
}

Test(mip, recombine_finds_the_cheaper_plan_held_by_the_pool)
{
    fx f;
    fx_open(&f, 3);
    /* a cheaper plan: the greedy one after the local search; its routes go to the pool */
    sol y;
    sol_init(f.I, &y);
    sol_copy(f.I, &y, &f.x);
    ls *L = ls_new(f.I, &f.D, VRP_MOVES_ALL);
    sol_delta_all_dirty(f.I, &f.D, &y);
    ls_run(L, &y);
    sol_delta_clear(&f.D);
    cr_assert_lt(sol_obj(&y), sol_obj(&f.x));
    for (uint32_t ri = 0; ri < f.I->nr; ri++)
        pool_add(f.P, ri, &y.r[ri], false);
    sol out;
    sol_init(f.I, &out);
    cr_assert(mip_recombine(f.M, f.P, &f.x, &out, 0, 0));
    cr_assert_not(mip_timed_out(f.M));
    cr_assert_leq(sol_obj(&out), sol_obj(&y));
    vrp_solution *s = sol_export(f.I, &out);
    cr_assert_eq(fixture_check(&f.b.p, s, true), out.cost);
    /* and the incumbent's routes are in the pool now */
    for (uint32_t ri = 0; ri < f.I->nr; ri++)
        if (f.x.r[ri].len)
            cr_assert_neq(
                pool_find(f.P, f.I->r_day[ri], pool_group(f.P, ri), f.x.r[ri].s, f.x.r[ri].len),
                INST_NONE);
    vrp_solution_free(s);
    sol_free(f.I, &out);
    sol_free(f.I, &y);
    ls_free(L);
    fx_close(&f);
}

Test(mip, recombine_leaves_a_plan_with_unserved_stops_alone)
{
    fx f;
    fx_open(&f, 4);
    sol_remove_stop(f.I, &f.D, &f.x, f.I->stops[0]);
    sol out;
    sol_init(f.I, &out);
    cr_assert_not(mip_recombine(f.M, f.P, &f.x, &out, 0, 0));
    cr_assert_eq(pool_size(f.P), 0);
    sol_free(f.I, &out);
    fx_close(&f);
}
