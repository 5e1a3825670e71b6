/* test_vrp.c — solver/vrp.c: the per-stop feasibility test and diagnosis, pattern validity,
 * counting unserved stops, the default options. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "solver/vrp.h"
#include "tests/solver/fixture.h"
#include "util/mem.h"

Test(vrp, diagnose_names_each_infeasible_stop_with_its_reason)
{
    built b;
    fixture_infeasible(&b);
    vrp_diag *d = NULL;
    size_t nd = 0;
    err e = {0};
    cr_assert_eq(vrp_diagnose(&b.p, &d, &nd, &e), ERR_OK);
    cr_assert_eq(nd, 5);
    cr_assert_eq(d[0].node, 2);
    cr_assert_eq(d[0].reason, VRP_REASON_DEMAND);
    cr_assert_eq(d[1].node, 3);
    cr_assert_eq(d[1].reason, VRP_REASON_UNREACHABLE);
    cr_assert_eq(d[2].node, 4);
    cr_assert_eq(d[2].reason, VRP_REASON_NO_PATTERN);
    cr_assert_eq(d[3].node, 5);
    cr_assert_eq(d[3].reason, VRP_REASON_NO_DAYS);
    cr_assert_eq(d[4].node, 6);
    cr_assert_eq(d[4].reason, VRP_REASON_UNREACHABLE);
    cr_assert_str_not_empty(vrp_reason_text(d[4].reason));
    free(d);
    /* vrp_stop_reason gives the same answer stop by stop */
    const vrp_reason want[8] = {0,
                                0,
                                VRP_REASON_DEMAND,
                                VRP_REASON_UNREACHABLE,
                                VRP_REASON_NO_PATTERN,
                                VRP_REASON_NO_DAYS,
                                VRP_REASON_UNREACHABLE,
                                0};
    for (uint32_t i = 1; i < 8; i++)
        cr_assert_eq(vrp_stop_reason(&b.p, i), want[i], "stop %u", i);
    fixture_unbuild(&b);
}

Test(vrp, diagnose_is_err_infeasible_when_no_stop_fits)
{
    double xy[2 * 4];
    fixture_random_points(xy, 4, 2);
    built b;
    fixture_build(&b, 4, 1, 1, xy, 1);
    for (uint32_t i = 1; i < 4; i++)
        b.nodes[i].demand = 5000;
    vrp_diag *d = NULL;
    size_t nd = 0;
    err e = {0};
    cr_assert_eq(vrp_diagnose(&b.p, &d, &nd, &e), ERR_INFEASIBLE);
    cr_assert_eq(nd, 3);
    cr_assert(strstr(e.msg, "capacity"), "message names the reason: %s", e.msg);
    free(d);
    fixture_unbuild(&b);
}

Test(vrp, pattern_valid_needs_freq_days_inside_the_period)
{
    double xy[2 * 2] = {0, 0, 10, 0};
    built b;
    fixture_build(&b, 2, 1, 3, xy, 1);
    b.nodes[1].freq = 2;
    cr_assert(vrp_pattern_valid(&b.p, 1, 0x3));
    cr_assert(vrp_pattern_valid(&b.p, 1, 0x5));
    cr_assert_not(vrp_pattern_valid(&b.p, 1, 0x1), "one day for frequency 2");
    cr_assert_not(vrp_pattern_valid(&b.p, 1, 0x7), "three days for frequency 2");
    cr_assert_not(vrp_pattern_valid(&b.p, 1, 0x9), "day 3 is outside a 3-day period");
    fixture_unbuild(&b);
}

Test(vrp, unserved_counts_stops_with_pattern_zero)
{
    double xy[2 * 4] = {0, 0, 10, 0, 20, 0, 30, 0};
    built b;
    fixture_build(&b, 4, 1, 1, xy, 1);
    b.nodes[3].freq = 0; /* not a stop to serve: never counted */
    vrp_solution s = {.n_nodes = 4, .pattern = (uint32_t[]){0, 1, 0, 0}};
    cr_assert_eq(vrp_solution_unserved(&b.p, &s), 1);
    fixture_unbuild(&b);
}

Test(vrp, params_init_sets_the_documented_defaults)
{
    vrp_params p;
    memset(&p, 0xff, sizeof p);
    vrp_params_init(&p);
    cr_assert_eq(p.seed, 1);
    cr_assert_float_eq(p.time_limit_s, 10.0, 1e-12);
    cr_assert_eq(p.max_iterations, 0);
    cr_assert(p.use_lp);
    cr_assert_null(p.interrupted);
    cr_assert_eq(p.avg_removed, 10);
    cr_assert_float_eq(p.temp_start, 3.0, 1e-12);
    cr_assert_float_eq(p.temp_end, 0.03, 1e-12);
    cr_assert(p.local_search);
}

Test(vrp, end_text_names_each_end)
{
    const vrp_end ends[] = {VRP_END_NONE, VRP_END_ITERATIONS, VRP_END_TIME, VRP_END_INTERRUPTED};
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
        cr_assert_str_not_empty(vrp_end_text(ends[i]));
        for (size_t j = 0; j < i; j++)
            cr_assert_str_neq(vrp_end_text(ends[i]), vrp_end_text(ends[j]));
    }
    cr_assert_str_eq(vrp_end_text(VRP_END_TIME), "the time limit");
}
