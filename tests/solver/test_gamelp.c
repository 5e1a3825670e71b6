/* test_gamelp.c — least core, Equal Profit Method and nucleolus on hand-computed 3-player
 * games, one with an empty core. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <string.h>

#include "solver/gamelp.h"
#include "solver/lp.h"

static void teardown(void)
{
    lp_free_env();
}

TestSuite(gamelp, .fini = teardown);

/* The games of test_game.c. A: pairs at most c + eps give x1 >= 600 - eps, x2 >= 400 - eps,
 * x3 >= 200 - eps, summing to 1600: eps = -400/3 and x = (2200, 1600, 1000) / 3, unique, so
 * it is also the nucleolus. EPM: savings equal when y = 2/3 of each own cost,
 * (2000/3, 1600/3, 400), which is in the core. B: empty core; least core eps = 200/3. */
static const int64_t game_a[8] = {0, 1000, 800, 1400, 600, 1200, 1000, 1600};
static const int64_t game_b[8] = {0, 600, 600, 600, 600, 600, 600, 1000};

Test(gamelp, least_core_of_a_game_with_a_core)
{
    double x[3], eps;
    cr_assert_eq(gamelp_least_core(3, game_a, NULL, x, &eps, NULL), ERR_OK);
    cr_assert_float_eq(eps, -400.0 / 3, 1e-6);
    cr_assert_float_eq(x[0], 2200.0 / 3, 1e-6);
    cr_assert_float_eq(x[1], 1600.0 / 3, 1e-6);
    cr_assert_float_eq(x[2], 1000.0 / 3, 1e-6);
}

Test(gamelp, least_core_says_the_core_is_empty)
{
    double x[3], eps;
    cr_assert_eq(gamelp_least_core(3, game_b, NULL, x, &eps, NULL), ERR_OK);
    cr_assert_float_eq(eps, 200.0 / 3, 1e-6);
    cr_assert_float_eq(x[0] + x[1] + x[2], 1000, 1e-6);
}

Test(gamelp, epm_equalises_relative_savings)
{
    double y[3], f;
    cr_assert_eq(gamelp_epm(3, game_a, NULL, 0, y, &f, NULL), ERR_OK);
    cr_assert_float_eq(f, 0, 1e-9);
    cr_assert_float_eq(y[0], 2000.0 / 3, 1e-6);
    cr_assert_float_eq(y[1], 1600.0 / 3, 1e-6);
    cr_assert_float_eq(y[2], 400, 1e-6);
}

Test(gamelp, epm_of_an_empty_core_needs_the_least_core_slack)
{
    double y[3], f;
    err e = {0};
    cr_assert_eq(gamelp_epm(3, game_b, NULL, 0, y, &f, &e), ERR_INFEASIBLE);
    cr_assert(strstr(e.msg, "EPM") != NULL);
    cr_assert_eq(gamelp_epm(3, game_b, NULL, 200.0 / 3 + 1e-6, y, &f, NULL), ERR_OK);
    for (int i = 0; i < 3; i++)
        cr_assert_float_eq(y[i], 1000.0 / 3, 1e-4);
}

Test(gamelp, epm_refuses_a_zero_own_cost)
{
    const int64_t c[8] = {0, 0, 600, 600, 600, 600, 600, 1000};
    double y[3], f;
    cr_assert_eq(gamelp_epm(3, c, NULL, 0, y, &f, NULL), ERR_USAGE);
}

Test(gamelp, nucleolus_of_both_games)
{
    double x[3];
    cr_assert_eq(gamelp_nucleolus(3, game_a, NULL, x, NULL), ERR_OK);
    cr_assert_float_eq(x[0], 2200.0 / 3, 1e-6);
    cr_assert_float_eq(x[1], 1600.0 / 3, 1e-6);
    cr_assert_float_eq(x[2], 1000.0 / 3, 1e-6);
    cr_assert_eq(gamelp_nucleolus(3, game_b, NULL, x, NULL), ERR_OK);
    for (int i = 0; i < 3; i++)
        cr_assert_float_eq(x[i], 1000.0 / 3, 1e-6);
}

/* Nucleolus where the least core is not one point: alone 100, 200, 300; pairs 250, 350, 450;
 * all 480. Least core: x1 + x2 <= 250 + e, x1 + x3 <= 350 + e, x2 + x3 <= 450 + e give
 * 2 * 480 <= 1050 + 3e, e >= -30, so every pair pays 30 less than alone together:
 * x = (480 - 420, 480 - 320, 480 - 220) = (60, 160, 260). Singletons are slack there. */
Test(gamelp, nucleolus_when_pairs_bind)
{
    const int64_t c[8] = {0, 100, 200, 250, 300, 350, 450, 480};
    double x[3];
    cr_assert_eq(gamelp_nucleolus(3, c, NULL, x, NULL), ERR_OK);
    cr_assert_float_eq(x[0], 60, 1e-6);
    cr_assert_float_eq(x[1], 160, 1e-6);
    cr_assert_float_eq(x[2], 260, 1e-6);
}
