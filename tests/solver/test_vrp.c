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

/* Depot 0 and stops 1, 2, 3 on a line at 10, 20, 30 (time = distance), service 5 each, one
 * vehicle leaving at 100: the hand-computed timelines below. */
static void line_problem(built *b)
{
    const double xy[] = {0, 0, 10, 0, 20, 0, 30, 0};
    fixture_build(b, 4, 1, 1, xy, 1);
    for (uint32_t i = 1; i < 4; i++)
        b->nodes[i].service = 5;
    b->veh[0].start = 100;
}

Test(vrp, timeline_without_windows_is_travel_plus_service)
{
    built b;
    line_problem(&b);
    const uint32_t r[] = {1, 2, 3};
    vrp_visit_time vt[3];
    vrp_timeline t;
    cr_assert(vrp_route_timeline(&b.p, 0, 0, NULL, r, 3, vt, &t));
    cr_assert_eq(t.departure, 100);
    cr_assert_eq(vt[0].arrival, 110);
    cr_assert_eq(vt[0].departure, 115);
    cr_assert_eq(vt[1].arrival, 125);
    cr_assert_eq(vt[2].arrival, 140);
    cr_assert_eq(vt[2].departure, 145);
    cr_assert_eq(t.back, 175);
    cr_assert_eq(t.duration, 60 + 15);
    cr_assert_eq(t.distance, 60);
    cr_assert_eq(t.wait, 0);
    cr_assert_eq(t.load, 3);
    cr_assert_eq(t.peak, 3);
    cr_assert_eq(vt[2].load_after, 0);
    cr_assert(!vrp_has_windows(&b.p) && !vrp_has_pickups(&b.p));
    fixture_unbuild(&b);
}

Test(vrp, timeline_waits_for_a_window_and_counts_the_wait)
{
    built b;
    line_problem(&b);
    b.nodes[2].open = 200;
    b.nodes[2].close = 300;
    const uint32_t r[] = {1, 2, 3};
    vrp_visit_time vt[3];
    vrp_timeline t;
    cr_assert(vrp_route_timeline(&b.p, 0, 0, NULL, r, 3, vt, &t));
    cr_assert_eq(vt[1].arrival, 125);
    cr_assert_eq(vt[1].wait, 75);
    cr_assert_eq(vt[1].start, 200);
    cr_assert_eq(vt[1].departure, 205);
    cr_assert_eq(vt[2].arrival, 215);
    cr_assert_eq(t.back, 250);
    cr_assert_eq(t.duration, 150);
    cr_assert_eq(t.wait, 75);
    cr_assert(vrp_has_windows(&b.p));
    /* a shift of 149 is one too short with the wait */
    b.veh[0].max_duration = 149;
    cr_assert(!vrp_route_timeline(&b.p, 0, 0, NULL, r, 3, vt, &t));
    cr_assert_eq(t.late, UINT32_MAX);
    fixture_unbuild(&b);
}

Test(vrp, timeline_leaves_late_rather_than_wait_at_the_first_stop)
{
    built b;
    line_problem(&b);
    b.nodes[1].open = 150;
    b.nodes[1].close = VRP_TIME_MAX;
    const uint32_t r[] = {1, 2};
    vrp_visit_time vt[2];
    vrp_timeline t;
    cr_assert(vrp_route_timeline(&b.p, 0, 0, NULL, r, 2, vt, &t));
    cr_assert_eq(t.departure, 140);
    cr_assert_eq(vt[0].arrival, 150);
    cr_assert_eq(vt[0].wait, 0);
    cr_assert_eq(t.back, 140 + 10 + 5 + 10 + 5 + 20);
    cr_assert_eq(t.duration, 50);
    /* never earlier than the vehicle's start */
    b.nodes[1].open = 50;
    cr_assert(vrp_route_timeline(&b.p, 0, 0, NULL, r, 2, vt, &t));
    cr_assert_eq(t.departure, 100);
    fixture_unbuild(&b);
}

Test(vrp, timeline_names_the_first_missed_window)
{
    built b;
    line_problem(&b);
    b.nodes[3].open = 0;
    b.nodes[3].close = 139; /* arrival 140 */
    const uint32_t r[] = {1, 2, 3};
    vrp_visit_time vt[3];
    vrp_timeline t;
    cr_assert(!vrp_route_timeline(&b.p, 0, 0, NULL, r, 3, vt, &t));
    cr_assert_eq(t.late, 2);
    cr_assert_eq(vt[2].start, 140, "the timeline goes on at the arrival");
    cr_assert_eq(t.back, 175);
    b.nodes[3].close = 140;
    cr_assert(vrp_route_timeline(&b.p, 0, 0, NULL, r, 3, vt, &t));
    fixture_unbuild(&b);
}

Test(vrp, timeline_load_profile_with_pickups_overflows_mid_route)
{
    built b;
    line_problem(&b);
    b.veh[0].capacity = 10;
    for (uint32_t i = 1; i < 4; i++)
        b.nodes[i].demand = 3; /* 9 on board at the start: deliveries fit */
    b.nodes[2].pickup = 5;
    b.nodes[3].pickup = 5;
    const uint32_t r[] = {1, 2, 3};
    vrp_visit_time vt[3];
    vrp_timeline t;
    /* 9, then 6, 8, 10 */
    cr_assert(vrp_route_timeline(&b.p, 0, 0, NULL, r, 3, vt, &t));
    cr_assert_eq(vt[0].load_after, 6);
    cr_assert_eq(vt[1].load_after, 8);
    cr_assert_eq(vt[2].load_after, 10);
    cr_assert_eq(t.peak, 10);
    cr_assert_eq(t.pickup, 10);
    cr_assert(vrp_has_pickups(&b.p));
    b.nodes[2].pickup = 6; /* 9, 6, 9, 11: over after the third stop */
    cr_assert(!vrp_route_timeline(&b.p, 0, 0, NULL, r, 3, vt, &t));
    cr_assert_eq(t.overload, 2);
    cr_assert_eq(t.peak, 11);
    /* stop 3 first: 9, 11 at once */
    const uint32_t r2[] = {3, 1, 2};
    cr_assert(!vrp_route_timeline(&b.p, 0, 0, NULL, r2, 3, vt, &t));
    cr_assert_eq(t.overload, 0);
    /* without stop 3: 6, 3, 6 */
    const uint32_t r3[] = {1, 2};
    cr_assert(vrp_route_timeline(&b.p, 0, 0, NULL, r3, 2, vt, &t));
    cr_assert_eq(t.peak, 6);
    fixture_unbuild(&b);
}

Test(vrp, timeline_of_pieces_equals_the_route_they_make)
{
    built b;
    line_problem(&b);
    b.nodes[2].open = 200;
    b.nodes[2].close = 300;
    const uint32_t a[] = {3}, bb[] = {1, 2}, whole[] = {3, 2, 1};
    vrp_seg segs[2] = {{a, 1, false}, {bb, 2, true}};
    vrp_visit_time v1[3], v2[3];
    vrp_timeline t1, t2;
    bool ok1 = vrp_timeline_segs(&b.p, 0, 0, NULL, segs, 2, true, v1, &t1);
    bool ok2 = vrp_route_timeline(&b.p, 0, 0, NULL, whole, 3, v2, &t2);
    cr_assert_eq(ok1, ok2);
    cr_assert_eq(memcmp(&t1, &t2, sizeof t1), 0);
    cr_assert_eq(memcmp(v1, v2, sizeof v1), 0);
    fixture_unbuild(&b);
}

Test(vrp, timeline_at_a_fixed_departure_waits_at_the_first_stop)
{
    built b;
    line_problem(&b);
    b.nodes[1].open = 150;
    b.nodes[1].close = 400;
    const uint32_t r[] = {1, 2};
    vrp_visit_time vt[2];
    vrp_timeline t;
    cr_assert(vrp_route_timeline_at(&b.p, 0, 0, NULL, 100, r, 2, vt, &t));
    cr_assert_eq(t.departure, 100);
    cr_assert_eq(vt[0].arrival, 110);
    cr_assert_eq(vt[0].wait, 40);
    cr_assert_eq(vt[1].arrival, 165);
    cr_assert_eq(t.duration, 90);
    /* without the windows it is the plain timeline moved to the departure */
    b.nodes[1].close = 0;
    cr_assert(vrp_route_timeline_at(&b.p, 0, 0, NULL, 130, r, 2, vt, &t));
    cr_assert_eq(vt[1].arrival, 130 + 10 + 5 + 10);
    cr_assert_eq(t.duration, 50);
    /* before the vehicle's start: infeasible */
    cr_assert_not(vrp_route_timeline_at(&b.p, 0, 0, NULL, 90, r, 2, vt, &t));
    fixture_unbuild(&b);
}

Test(vrp, prev_day_is_the_pattern_day_before_going_round_the_period)
{
    uint32_t mwf = 1u | 4u | 16u; /* days 0, 2, 4 */
    cr_assert_eq(vrp_prev_day(mwf, 0), 4);
    cr_assert_eq(vrp_prev_day(mwf, 2), 0);
    cr_assert_eq(vrp_prev_day(mwf, 4), 2);
    cr_assert_eq(vrp_prev_day(8u, 3), 3, "a single day follows itself");
    cr_assert_eq(vrp_prev_day(1u | 2u, 1), 0);
    cr_assert_eq(vrp_prev_day(1u | 2u, 0), 1);
}

/* Depot 0 and stop 1 over 3 days; stop 1 gets 10 parcels a day and is visited twice (so one
 * of its visits carries 2 days, 20 parcels, the other 10). Vehicle 0 carries 15 on every
 * day, vehicle 1 carries 25 on day 0 only. */
static void weekly_pair(built *b, int32_t *table)
{
    double xy[4] = {0, 0, 30, 40};
    fixture_build(b, 2, 1, 3, xy, 2);
    b->nodes[1].freq = 2;
    b->nodes[1].n_patterns = 3;
    b->pats[8] = 3u;  /* days 0+1: day 0 carries days 1..0 (2 days), day 1 one day */
    b->pats[9] = 5u;  /* days 0+2: day 2 carries 2 days */
    b->pats[10] = 6u; /* days 1+2: day 1 carries 2 days */
    b->veh[0].capacity = 15;
    b->veh[1].capacity = 25;
    b->veh[1].days = 1u;
    const int32_t rate[2] = {0, 10};
    fixture_weekly(b, table, rate);
}

Test(vrp, visit_demand_follows_the_days_since_the_previous_visit)
{
    built b;
    int32_t table[2 * 9];
    weekly_pair(&b, table);
    const vrp_node *n = &b.nodes[1];
    cr_assert_eq(n->demand, 30, "the largest entry: a whole period");
    cr_assert_eq(vrp_visit_demand(n, 3, 3u, 0), 20);
    cr_assert_eq(vrp_visit_demand(n, 3, 3u, 1), 10);
    cr_assert_eq(vrp_visit_demand(n, 3, 5u, 0), 10);
    cr_assert_eq(vrp_visit_demand(n, 3, 5u, 2), 20);
    cr_assert_eq(vrp_visit_demand(n, 3, 6u, 1), 20);
    fixture_unbuild(&b);
}

Test(vrp, stop_reason_tests_each_visit_of_each_pattern_against_the_vehicles_of_its_day)
{
    built b;
    int32_t table[2 * 9];
    weekly_pair(&b, table);
    /* only days 0+1 puts the 20-parcel visit on day 0, where vehicle 1 works */
    cr_assert_eq(vrp_stop_reason(&b.p, 1), 0);
    b.pats[8] = 6u; /* now every pattern is days 1+2: the big visit on day 1 */
    b.nodes[1].n_patterns = 1;
    cr_assert_eq(vrp_stop_reason(&b.p, 1), VRP_REASON_NO_DAYS);
    b.veh[1].capacity = 18; /* no vehicle carries 20 */
    cr_assert_eq(vrp_stop_reason(&b.p, 1), VRP_REASON_DEMAND);
    fixture_unbuild(&b);
}

Test(vrp, timeline_loads_each_visit_of_its_day_in_the_pattern)
{
    built b;
    int32_t table[2 * 9];
    weekly_pair(&b, table);
    uint32_t pattern[2] = {0, 3u}; /* days 0+1: 20 parcels on day 0, 10 on day 1 */
    const uint32_t r[] = {1};
    vrp_visit_time vt[1];
    vrp_timeline t;
    cr_assert(vrp_route_timeline(&b.p, 1, 0, pattern, r, 1, vt, &t));
    cr_assert_eq(t.load, 20);
    cr_assert_eq(vt[0].load_after, 0);
    cr_assert(vrp_route_timeline(&b.p, 0, 1, pattern, r, 1, vt, &t));
    cr_assert_eq(t.load, 10);
    /* without the pattern, the stop's demand (its largest visit, 30) */
    cr_assert(!vrp_route_timeline(&b.p, 1, 0, NULL, r, 1, vt, &t));
    cr_assert_eq(t.load, 30);
    fixture_unbuild(&b);
}
