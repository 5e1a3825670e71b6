/* test_plan.c — the names of stop kinds and days; plan_check: the hand-built plan passes; each
 * kind of hand edit that makes a plan disagree with itself is refused with the route, day, van
 * and stop named.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "io/plan/plan.h"
#include "tests/io/plan/fixture_plan.h"
#include "util/mem.h"

/* plan_check must refuse p with ERR_PARSE and a message holding want; frees p. */
static void refused(plan *p, const char *want)
{
    err e = {0};
    cr_expect_eq(plan_check(p, &e), ERR_PARSE, "accepted, expected '%s'", want);
    cr_expect_not_null(strstr(e.msg, want), "'%s' not in: %s", want, e.msg);
    plan_free(p);
}

Test(plan, the_fixture_is_consistent)
{
    plan *p = fixture_plan_new();
    err e = {0};
    cr_expect_eq(plan_check(p, &e), ERR_OK, "%s", e.msg);
    plan_free(p);
}

Test(plan, departure_before_arrival_is_refused)
{
    plan *p = fixture_plan_new();
    p->routes[0].visits[1].departure_s = p->routes[0].visits[1].arrival_s - 60;
    refused(p, "route 1 (mon, van01): leaves 'T1' <&>\"'镇 at 07:50, before it arrives at 07:51");
}

Test(plan, arriving_sooner_than_the_leg_allows_is_refused)
{
    plan *p = fixture_plan_new();
    p->routes[2].visits[1].arrival_s -= 600; /* and departure stays: still after arrival */
    refused(p, "route 3 (tue/周二, van01): arrives at 'V2' 上塘村 at 07:41, but leaving 'V1' at "
               "07:45 it cannot be there before 07:51");
    p = fixture_plan_new();
    p->routes[0].end_s -= 60;
    refused(p, "route 1 (mon, van01): back at the depot at 08:07, but leaving 'T1' at 08:01");
}

Test(plan, a_load_beyond_the_van_is_refused)
{
    plan *p = fixture_plan_new();
    p->vehicles[0].capacity = 20; /* route 1 loads 8 + 19 = 27 parcels */
    refused(p, "route 1 (mon, van01): loads 27 parcels, more than van 'van01' holds (capacity 20)");
    p = fixture_plan_new();
    p->routes[0].visits[0].parcels[0] += 200;
    p->routes[0].visits[0].load_after = 19; /* unchanged: 19 left after it */
    refused(p, "loads 227 parcels");
    p = fixture_plan_new();
    p->routes[0].visits[0].load_after = 20;
    refused(p, "route 1 (mon, van01): 20 parcels on board after 'V1' 下洋村, but the parcels of "
               "its visits leave 19");
    p = fixture_plan_new();
    p->routes[1].visits[0].parcels[2] = -1;
    refused(p, "route 2 (mon, van<2>): visit 1: -1 parcels of 邮政&EMS");
}

Test(plan, a_stop_twice_is_refused)
{
    plan *p = fixture_plan_new();
    p->routes[0].visits[1].stop = 1; /* 下洋村 again, instead of the township */
    refused(p, "route 1 (mon, van01): visits 'V1' 下洋村 twice");
    p = fixture_plan_new();
    p->routes[1].visits[0].stop = 1; /* van<2> visits 下洋村, which van01 visits on mon */
    refused(p, "route 2 (mon, van<2>): visits 'V1' 下洋村, which route 1 visits on mon too");
    p = fixture_plan_new();
    p->routes[1].vehicle = 0;
    refused(p, "route 2 (mon, van01): vehicle 'van01' twice on mon (routes 1 and 2)");
    p = fixture_plan_new();
    p->routes[1].visits[0].stop = 0;
    refused(p, "route 2 (mon, van<2>): visit 1 is the depot 'D1' 城关网点");
}

Test(plan, served_days_must_match_the_routes_and_the_frequency)
{
    plan *p = fixture_plan_new();
    p->stops[2].days = 3; /* the township, visited on mon only */
    refused(p, "stop 'T1' <&>\"'镇: served on mon+tue/周二, but its routes visit it on mon");
    p = fixture_plan_new();
    p->stops[2].freq = 2;
    refused(p, "stop 'T1' <&>\"'镇: served on mon (1 visits) but needs 2 a week, and no problem "
               "says why");
    p = fixture_plan_new();
    p->stops[2].freq = 2;
    p->stops[2].problem = xstrdup("not placed: the fleet cannot fit this stop");
    err e = {0};
    cr_expect_eq(plan_check(p, &e), ERR_OK, "a stop served less often with a reason: %s", e.msg);
    plan_free(p);
}

Test(plan, shift_range_and_km_are_checked)
{
    plan *p = fixture_plan_new();
    p->vehicles[0].shift_s = 1800; /* route 1 runs 07:30 to 08:08 */
    refused(p, "route 1 (mon, van01): 07:30 to 08:08 is longer than the shift of van 'van01' "
               "(0.5 h)");
    p = fixture_plan_new();
    p->vehicles[1].range_m = 6000; /* route 2: 3 + 4 km */
    refused(p, "route 2 (mon, van<2>): drives 7.0 km, beyond the range of van 'van<2>' (6.0 km)");
    p = fixture_plan_new();
    p->routes[2].dist_m += 1;
    refused(p, "route 3 (tue/周二, van01): km_m is 12001 m, but its legs add up to 12000 m");
    p = fixture_plan_new();
    p->routes[2].visits[0].leg_m = -5;
    refused(p, "route 3 (tue/周二, van01): the leg to 'V1' 下洋村 is 300 s, -5 m");
}

Test(plan, indices_out_of_range_are_refused_not_read)
{
    plan *p = fixture_plan_new();
    p->routes[1].vehicle = 9;
    refused(p, "route 2: vehicle 9 of 2");
    p = fixture_plan_new();
    p->routes[2].day = 5;
    refused(p, "route 3: day 5 of 2");
    p = fixture_plan_new();
    p->routes[2].visits[1].stop = 99;
    refused(p, "route 3 (tue/周二, van01): visit 2: stop 99 of 5");
    p = fixture_plan_new();
    p->vehicles[1].depot = 7;
    refused(p, "vehicle 'van<2>': depot 7 of 5 stops");
    err e = {0};
    cr_expect_eq(plan_check(NULL, &e), ERR_PARSE);
}

Test(plan, kind_names_read_back)
{
    const plan_kind all[] = {PLAN_DEPOT, PLAN_TOWNSHIP, PLAN_VILLAGE};
    const char *const want[] = {"depot", "township", "village"};
    for (size_t i = 0; i < 3; i++) {
        cr_expect_str_eq(plan_kind_name(all[i]), want[i]);
        plan_kind k = PLAN_DEPOT;
        cr_expect(plan_kind_parse(want[i], &k));
        cr_expect_eq(k, all[i]);
    }
    plan_kind k = PLAN_TOWNSHIP;
    cr_expect_not(plan_kind_parse("Village", &k), "exact spelling only");
    cr_expect_not(plan_kind_parse("", &k));
    cr_expect_eq(k, PLAN_TOWNSHIP, "untouched when not found");
}

Test(plan, days_are_joined_with_plus)
{
    plan *p = fixture_plan_new();
    char buf[64];
    cr_expect_str_eq(plan_days_text(p, 0x3, "-", buf, sizeof buf), "mon+tue/周二");
    cr_expect_str_eq(plan_days_text(p, 0x2, "-", buf, sizeof buf), "tue/周二");
    cr_expect_str_eq(plan_days_text(p, 0, "-", buf, sizeof buf), "-");
    cr_expect_str_eq(plan_days_text(p, 0, "no day", buf, sizeof buf), "no day");
    cr_expect_str_eq(plan_days_text(p, UINT32_C(1) << 31, "none", buf, sizeof buf), "none",
                     "a bit past the plan's days names no day");
    cr_expect_str_eq(plan_days_text(p, 0x3, "-", buf, 6), "mon+t", "cut at the buffer's end");
    cr_expect_eq(plan_days_count(0), 0);
    cr_expect_eq(plan_days_count(0x15), 3);
    cr_expect_eq(plan_days_count(UINT32_MAX), 32);
    plan_free(p);
}

Test(plan, the_lines_fixture_is_consistent)
{
    plan *p = fixture_lines_plan_new();
    err e = {0};
    cr_expect_eq(plan_check(p, &e), ERR_OK, "%s", e.msg);
    plan_free(p);
}

Test(plan, a_line_run_differently_on_one_of_its_days_is_refused)
{
    plan *p = fixture_lines_plan_new();
    p->routes[2].visits[1].arrival_s += 60; /* later at 镇 on tue: still feasible alone */
    p->routes[2].visits[1].departure_s += 60;
    p->routes[2].end_s += 60;
    refused(p, "route 3 (tue/周二, van01) of line 1: arrives at 'T1' <&>\"'镇 at 07:52, but at "
               "07:51 on mon");
}

Test(plan, a_route_off_its_line_is_refused)
{
    plan *p = fixture_lines_plan_new();
    p->routes[1].start_s -= 60;
    refused(p, "route 2 (mon, van<2>) of line 2: leaves at 07:29, but the line leaves at 07:30");
    p = fixture_lines_plan_new();
    p->lines[1].days = 3; /* says mon+tue, runs mon only */
    refused(p, "line 2 (van<2>): runs on mon+tue/周二, but has routes on mon");
    p = fixture_lines_plan_new();
    p->routes[1].line = 0;
    refused(p, "route 2 (mon, van<2>) of line 1: the line's van is 'van01'");
    p = fixture_lines_plan_new();
    p->routes[1].line = 7;
    refused(p, "route 2 (mon, van<2>): line 7 of 2");
}

Test(plan, consistency_rules_are_checked_on_a_free_plan_too)
{
    plan *p = fixture_plan_new(); /* 上塘村: van<2> on mon, van01 on tue */
    p->has_consistency = true;
    p->consistency =
        (plan_consistency){.same_van = true, .township_spread_s = -1, .village_spread_s = -1};
    refused(p, "stop 'V2' 上塘村: served by van 'van<2>' and by van 'van01' (route 3, "
               "tue/周二), but each stop keeps one van");
    p = fixture_plan_new(); /* 上塘村 at 07:35 on mon, 07:51 on tue */
    p->has_consistency = true;
    p->consistency = (plan_consistency){.township_spread_s = 0, .village_spread_s = 900};
    refused(p, "village 'V2' 上塘村: arrivals between 07:35 and 07:51, 16.0 min apart, more "
               "than the 15.0 min allowed");
    p = fixture_plan_new();
    p->has_consistency = true;
    p->consistency =
        (plan_consistency){.lines = true, .township_spread_s = -1, .village_spread_s = -1};
    refused(p, "the plan was made in lines mode, but has no lines");
}

Test(plan, the_bus_fixture_is_consistent)
{
    plan *p = fixture_bus_plan_new();
    err e = {0};
    cr_expect_eq(plan_check(p, &e), ERR_OK, "%s", e.msg);
    plan_free(p);
}

Test(plan, a_bus_over_its_capacity_is_refused)
{
    plan *p = fixture_bus_plan_new();
    p->bus_runs[0].capacity = 5;
    refused(p, "bus run 1 (K101 县城—<&>\"'镇, tue/周二): 19 parcels, over its capacity 5");
}

Test(plan, a_stop_by_van_and_bus_on_one_day_is_refused)
{
    plan *p = fixture_bus_plan_new();
    p->bus_runs[0].drops[0].stop = 1; /* 下洋村: van01 visits it on tue */
    refused(p, "stop 'V1' 下洋村 also gets parcels from another route or bus that day");
}

Test(plan, a_bus_day_missing_from_the_stop_is_refused)
{
    plan *p = fixture_bus_plan_new();
    p->stops[2].days = 1;
    refused(p, "served on mon, but its routes visit it on mon+tue/周二");
}

Test(plan, a_window_missed_or_left_early_and_a_start_before_the_van_are_refused)
{
    plan *p = fixture_plan_new();
    p->stops[2].has_window = true; /* T1, second stop of route 1, reached at 07:51 */
    p->stops[2].open_s = 7 * 3600;
    p->stops[2].close_s = 7 * 3600 + 45 * 60;
    refused(p, "route 1 (mon, van01): arrives at 'T1' <&>\"'镇 at 07:51, after it closes at 07:45");
    p = fixture_plan_new();
    p->stops[2].has_window = true;
    p->stops[2].open_s = 9 * 3600;
    p->stops[2].close_s = 17 * 3600;
    refused(p, "before it opens at 09:00");
    p = fixture_plan_new();
    p->stops[2].has_window = true;
    p->stops[2].open_s = 7 * 3600;
    p->stops[2].close_s = 8 * 3600;
    err e = {0};
    cr_expect_eq(plan_check(p, &e), ERR_OK, "%s", e.msg);
    plan_free(p);
    p = fixture_plan_new();
    p->vehicles[0].start_s = 8 * 3600; /* its routes leave at 07:30 */
    refused(p, "route 1 (mon, van01): leaves the depot at 07:30, before van 'van01' starts at "
               "08:00");
}

/* Gives visit k of route ri outbound parcels n (carrier 0) and sets every load_after of the
 * route to what is on board. */
static void collect(plan *p, size_t ri, size_t k, int32_t n)
{
    plan_route *r = &p->routes[ri];
    r->visits[k].pickup = xcalloc(p->n_carriers, sizeof *r->visits[k].pickup);
    r->visits[k].pickup[0] = n;
    int32_t load = 0;
    for (size_t j = 0; j < r->n_visits; j++)
        for (uint32_t c = 0; c < p->n_carriers; c++)
            load += r->visits[j].parcels[c];
    for (size_t j = 0; j < r->n_visits; j++) {
        for (uint32_t c = 0; c < p->n_carriers; c++)
            load += (r->visits[j].pickup ? r->visits[j].pickup[c] : 0) - r->visits[j].parcels[c];
        r->visits[j].load_after = load;
    }
}

Test(plan, outbound_parcels_count_in_the_load_after_each_stop)
{
    plan *p = fixture_plan_new();
    collect(p, 0, 0, 5); /* route 1: 27 on board, 8 delivered and 5 collected at 下洋村 */
    err e = {0};
    cr_expect_eq(plan_check(p, &e), ERR_OK, "%s", e.msg);
    cr_expect_eq(p->routes[0].visits[0].load_after, 24);
    plan_free(p);
    /* the load after a stop, not only the load leaving the depot, must fit the van */
    p = fixture_plan_new();
    p->vehicles[0].capacity = 30;
    collect(p, 0, 0, 5);
    err e2 = {0};
    cr_expect_eq(plan_check(p, &e2), ERR_OK, "%s", e2.msg);
    plan_free(p);
    p = fixture_plan_new();
    p->vehicles[0].capacity = 30;
    collect(p, 0, 0, 10); /* 27 - 8 + 10 = 29 after 下洋村, then 29 - 19 + 15 = 25 */
    collect(p, 0, 1, 15);
    err e3 = {0};
    cr_expect_eq(plan_check(p, &e3), ERR_OK, "%s", e3.msg);
    plan_free(p);
    p = fixture_plan_new();
    p->vehicles[0].capacity = 30;
    collect(p, 0, 0, 12); /* 27 - 8 + 12 = 31 on board: more than 30 */
    refused(p, "route 1 (mon, van01): 31 parcels on board after collecting 12 at 'V1' 下洋村, "
               "more than van 'van01' holds (capacity 30)");
    p = fixture_plan_new();
    collect(p, 0, 0, -1);
    refused(p, "route 1 (mon, van01): visit 1: -1 outbound parcels of");
    p = fixture_plan_new();
    collect(p, 0, 0, 3);
    p->routes[0].visits[0].load_after -= 3; /* as if the collected parcels were not on board */
    refused(p, "parcels on board after 'V1' 下洋村, but the parcels of its visits leave");
}
