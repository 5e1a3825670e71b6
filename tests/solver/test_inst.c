/* test_inst.c — solver/inst.c: route slots, the stops to serve and their usable patterns,
 * penalties, nearest-stop lists. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "solver/inst.h"
#include "tests/solver/fixture.h"

Test(inst, one_slot_per_day_and_working_vehicle_in_vehicle_order)
{
    double xy[2 * 3] = {0, 0, 10, 0, 20, 0};
    built b;
    fixture_build(&b, 3, 1, 3, xy, 3);
    b.veh[0].days = 0x7;
    b.veh[1].days = 0x2;
    b.veh[2].days = 0x5;
    inst *I = inst_new(&b.p);
    cr_assert_eq(I->nr, 6);
    const uint32_t first[] = {0, 2, 4, 6}, day[] = {0, 0, 1, 1, 2, 2}, veh[] = {0, 2, 0, 1, 0, 2};
    cr_assert_arr_eq(I->day_first, first, sizeof first);
    cr_assert_arr_eq(I->r_day, day, sizeof day);
    cr_assert_arr_eq(I->r_veh, veh, sizeof veh);
    for (uint32_t ri = 0; ri < I->nr; ri++)
        cr_assert_eq(inst_depot(I, ri), 0);
    inst_free(I);
    fixture_unbuild(&b);
}

Test(inst, stops_to_serve_leave_out_infeasible_stops_and_unusable_patterns)
{
    built b;
    fixture_infeasible(&b);
    /* stop 1 (frequency 1) also lists a two-day pattern, which it cannot use */
    b.pats[8 * 1 + b.nodes[1].n_patterns++] = 0x3;
    inst *I = inst_new(&b.p);
    cr_assert_eq(I->n_stops, 2);
    cr_assert_eq(I->stops[0], 1);
    cr_assert_eq(I->stops[1], 7);
    cr_assert_eq(I->n_pats[1], 2);
    cr_assert_eq(I->pats[1][0], 0x1);
    cr_assert_eq(I->pats[1][1], 0x2);
    for (uint32_t i = 2; i <= 6; i++)
        cr_assert_eq(I->n_pats[i], 0, "stop %u is left out", i);
    cr_assert(I->any_unreachable, "stop 3 has no road");
    inst_free(I);
    fixture_unbuild(&b);
}

Test(inst, penalty_exceeds_serving_the_stop_alone_and_far_is_the_nearest_round_trip)
{
    double xy[2 * 3] = {0, 0, 300, 400, 600, 800}; /* stops 500 and 1000 from the depot */
    built b;
    fixture_build(&b, 3, 1, 1, xy, 2);
    b.veh[1].fixed_cost = 700;
    b.veh[1].cost_per_time = 2;
    inst *I = inst_new(&b.p);
    cr_assert_not(I->any_unreachable);
    cr_assert_eq(I->far[1], 1000);
    cr_assert_eq(I->far[2], 2000);
    /* the dearest vehicle serves stop 2 alone for 700 + 2000 + 2 * 2000 */
    cr_assert_gt(I->penalty[2], 700 + 2000 + 2 * 2000);
    cr_assert_gt(I->penalty[2], I->penalty[1]);
    inst_free(I);
    fixture_unbuild(&b);
}

Test(inst, nearest_stops_start_with_the_stop_and_grow_with_distance)
{
    enum { N = 12 };
    double xy[2 * N];
    fixture_random_points(xy, N, 5);
    built b;
    fixture_build(&b, N, 1, 1, xy, 1);
    inst *I = inst_new(&b.p);
    cr_assert_eq(I->K, N - 1, "every stop is a neighbour when there are fewer than 100");
    for (uint32_t k = 0; k < I->n_stops; k++) {
        uint32_t c = I->stops[k];
        const uint32_t *nb = I->nbr + (size_t)c * I->K;
        cr_assert_eq(nb[0], c);
        for (uint32_t j = 2; j < I->K; j++) {
            int64_t prev = (int64_t)inst_dist(I, c, nb[j - 1]) + inst_dist(I, nb[j - 1], c);
            int64_t here = (int64_t)inst_dist(I, c, nb[j]) + inst_dist(I, nb[j], c);
            cr_assert(prev < here || (prev == here && nb[j - 1] < nb[j]),
                      "stop %u: neighbours %u and %u out of order", c, nb[j - 1], nb[j]);
        }
    }
    inst_free(I);
    fixture_unbuild(&b);
}

Test(inst, free_null_is_a_no_op)
{
    inst_free(NULL);
}
