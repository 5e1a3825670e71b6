/* test_game.c — Shapley value, proportional shares, rounding and the core check on
 * hand-computed 3-player games (one with an empty core). SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <math.h>

#include "solver/game.h"

/* Game A (costs in fen): alone 1000, 800, 600; pairs {1,2} 1400, {1,3} 1200, {2,3} 1000;
 * all three 1600. Marginal costs by order (1,2,3 / 1,3,2 / 2,1,3 / 2,3,1 / 3,1,2 / 3,2,1):
 * player 1: 1000 1000 600 600 600 600 -> Shapley 4400/6; player 2: 400 400 800 800 400 400
 * -> 3200/6; player 3: 200 200 200 200 600 600 -> 2000/6. In the core. */
static const int64_t game_a[8] = {0, 1000, 800, 1400, 600, 1200, 1000, 1600};
/* Game B: every company alone 600, any two together 600, all three 1000. Pairs would have to
 * pay x_i + x_j <= 600, so 2 x(N) <= 1800 < 2000: the core is empty. */
static const int64_t game_b[8] = {0, 600, 600, 600, 600, 600, 600, 1000};

Test(game, shapley_exact_matches_hand_computation)
{
    double phi[3];
    game_shapley(3, game_a, phi);
    cr_assert_float_eq(phi[0], 4400.0 / 6, 1e-9);
    cr_assert_float_eq(phi[1], 3200.0 / 6, 1e-9);
    cr_assert_float_eq(phi[2], 2000.0 / 6, 1e-9);
    game_shapley(3, game_b, phi);
    for (int i = 0; i < 3; i++)
        cr_assert_float_eq(phi[i], 1000.0 / 3, 1e-9);
}

Test(game, rounding_sums_exactly_and_gives_leftover_to_largest_fraction)
{
    double phi[3];
    int64_t x[3];
    game_shapley(3, game_a, phi);
    game_round(3, phi, 1600, x);
    /* floors 733, 533, 333 = 1599; the fractions .33 tie, so the lowest index gets the fen */
    cr_assert_eq(x[0], 734);
    cr_assert_eq(x[1], 533);
    cr_assert_eq(x[2], 333);
    double y[3] = {10.2, 20.9, 30.5}; /* floors 60, two left over: .9 then .5 */
    game_round(3, y, 62, x);
    cr_assert(x[0] == 10 && x[1] == 21 && x[2] == 31);
    double z[3] = {10.2, 20.9, 30.5}; /* one too many: taken from the smallest fraction */
    game_round(3, z, 59, x);
    cr_assert(x[0] == 9 && x[1] == 20 && x[2] == 30);
}

Test(game, sampling_every_order_gives_the_exact_value)
{
    const uint32_t all[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
    double phi[3], se[3];
    game_shapley_sample(3, game_a, 6, &all[0][0], phi, se);
    cr_assert_float_eq(phi[0], 4400.0 / 6, 1e-9);
    cr_assert_float_eq(phi[1], 3200.0 / 6, 1e-9);
    cr_assert_float_eq(phi[2], 2000.0 / 6, 1e-9);
    /* player 1's marginal costs 1000 1000 600 600 600 600: sample sd sqrt(640000/15 * ...)
     * = sqrt(sum (x - 733.3)^2 / 5) = sqrt((2 * 266.7^2 + 4 * 133.3^2) / 5) */
    double sd = sqrt((2 * (800.0 / 3) * (800.0 / 3) + 4 * (400.0 / 3) * (400.0 / 3)) / 5);
    cr_assert_float_eq(se[0], sd / sqrt(6), 1e-9);
}

Test(game, sampled_orders_need_their_prefixes_and_are_seeded)
{
    rng r1, r2;
    rng_seed(&r1, 7);
    rng_seed(&r2, 7);
    uint32_t o1[40 * 5], o2[40 * 5];
    game_orders(5, 40, &r1, o1);
    game_orders(5, 40, &r2, o2);
    cr_assert_arr_eq(o1, o2, sizeof o1);
    bool need[32] = {false};
    game_orders_need(5, 40, o1, need);
    cr_assert(need[31]);
    for (size_t o = 0; o < 40; o++)
        cr_assert(need[1u << o1[o * 5]]); /* the first of each order alone */
    /* an additive game: every marginal cost is the player's own, so se is 0 */
    int64_t c[32];
    for (uint32_t S = 0; S < 32; S++) {
        c[S] = 0;
        for (uint32_t i = 0; i < 5; i++)
            if (S >> i & 1)
                c[S] += 100 * (i + 1);
    }
    double phi[5], se[5];
    game_shapley_sample(5, c, 40, o1, phi, se);
    for (uint32_t i = 0; i < 5; i++) {
        cr_assert_float_eq(phi[i], 100.0 * (i + 1), 1e-9);
        cr_assert_float_eq(se[i], 0, 1e-12);
    }
}

Test(game, proportional_is_exact_with_largest_remainders)
{
    int64_t x[3];
    const int64_t parcels[3] = {5, 3, 2};
    game_proportional(3, parcels, 1600, x);
    cr_assert(x[0] == 800 && x[1] == 480 && x[2] == 320);
    const int64_t w[3] = {2, 1, 1}; /* 3.5, 1.75, 1.75: floors 3, 1, 1; remainders 2, 3, 3 */
    game_proportional(3, w, 7, x);
    cr_assert(x[0] == 3 && x[1] == 2 && x[2] == 2);
    const int64_t alone[3] = {1000, 800, 600}; /* by own cost: 1600 * 10/24 ... */
    game_proportional(3, alone, 1600, x);
    cr_assert_eq(x[0] + x[1] + x[2], 1600);
    cr_assert(x[0] == 667 && x[1] == 533 && x[2] == 400);
}

Test(game, core_check_names_the_objecting_coalition)
{
    uint32_t worst;
    const int64_t in_a[3] = {734, 533, 333};
    cr_assert_leq(game_core_excess(3, game_a, NULL, in_a, &worst), 0);
    /* Shapley in game B: pairs pay 667 or 666 for what costs them 600 together */
    const int64_t in_b[3] = {334, 333, 333};
    cr_assert_eq(game_core_excess(3, game_b, NULL, in_b, &worst), 67);
    cr_assert_eq(worst, 3u); /* {1,2}: ties with {1,3} go to the smaller mask */
    bool known[8] = {false, true, true, false, true, true, true, true};
    cr_assert_eq(game_core_excess(3, game_b, known, in_b, &worst), 67);
    cr_assert_eq(worst, 5u); /* {1,2} unknown: {1,3} objects */
}
