/* test_city.c — io/export/city: the city report's figures from the hand-built plan
 * (tests/io/plan/fixture_plan.h) and a scenario made to match it, their total over two
 * counties, and the CSV and text pages. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/export/city.h"
#include "tests/io/plan/fixture_plan.h"

/* The fixture's stops and vans as a scenario: depot, village, township, village, village. */
static void matching_scenario(const plan *p, scenario *sc, scenario_stop *st, scenario_vehicle *v)
{
    memset(sc, 0, sizeof *sc);
    sc->currency = (char *)"CNY";
    sc->name = (char *)"fixture";
    sc->n_stops = p->n_stops;
    sc->stops = st;
    for (size_t i = 0; i < p->n_stops; i++) {
        memset(&st[i], 0, sizeof st[i]);
        st[i].kind = p->stops[i].kind == PLAN_DEPOT      ? SCENARIO_DEPOT
                     : p->stops[i].kind == PLAN_TOWNSHIP ? SCENARIO_TOWNSHIP
                                                         : SCENARIO_VILLAGE;
    }
    sc->n_vehicles = p->n_vehicles;
    sc->vehicles = v;
    for (size_t k = 0; k < p->n_vehicles; k++)
        v[k] = (scenario_vehicle){.use_per_100km = 10, .co2_per_unit = 2.5};
}

Test(city, figures_of_a_county_and_their_total)
{
    plan *p = fixture_plan_new();
    scenario sc;
    scenario_stop st[16];
    scenario_vehicle v[4];
    cr_assert_leq(p->n_stops, 16);
    matching_scenario(p, &sc, st, v);
    city_report r;
    city_report_init(&r);
    err e = {0};
    cr_assert_eq(city_report_add(&r, "a", 0, p, &sc, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(city_report_add(&r, "b", 3, p, &sc, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(city_report_add(&r, "c", 2, NULL, &sc, &e), ERR_OK, "%s", e.msg);
    const city_row *a = &r.rows[0];
    cr_assert(a->planned);
    cr_assert_eq(a->villages, 3);
    cr_assert_eq(a->townships, 1);
    cr_assert_eq(a->villages_served, 2, "外岙村 is on no route");
    cr_assert_eq(a->villages_3x, 0, "two days only");
    cr_assert_eq(a->townships_5x, 0);
    cr_assert_eq(a->routes, 3);
    cr_assert_eq(a->vans_used, 2);
    cr_assert_eq(a->vans_busiest_day, 2, "monday has two routes");
    double km = 0;
    for (size_t k = 0; k < p->n_routes; k++)
        km += p->routes[k].dist_m / 1000.0;
    cr_assert_float_eq(a->km, km, 1e-9);
    cr_assert_float_eq(a->co2_kg, km * 10 / 100 * 2.5, 1e-9);
    cr_assert_eq(r.n_carriers, p->n_carriers);
    cr_assert_not(r.rows[2].planned, "a county without a plan counts its stops only");
    cr_assert_eq(r.total.villages, 9);
    cr_assert_eq(r.total.villages_served, 4);
    cr_assert_eq(r.total.routes, 6);
    cr_assert_eq(r.total.status, 2, "a failed county marks the total");
    for (uint32_t c = 0; c < r.n_carriers; c++)
        cr_assert_eq(r.total.parcels[c], 2 * a->parcels[c]);

    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_eq(city_report_csv(&r, f, &e), ERR_OK);
    fclose(f);
    cr_assert_eq(fixture_lines(buf), 5, "header, three counties, total:\n%s", buf);
    cr_assert(strstr(buf, "\r\nc,failed,3,0,0,1,0,0.0,"), "%s", buf);
    free(buf);
    f = open_memstream(&buf, &len);
    cr_assert_eq(city_report_text(&r, "SYNTHETIC", f, &e), ERR_OK);
    fclose(f);
    cr_assert(strstr(buf, "\nSYNTHETIC\n"));
    cr_assert(strstr(buf, "NOT MET"), "%s", buf);
    cr_assert(strstr(buf, "NOT PLANNED"));
    free(buf);
    city_report_free(&r);
    plan_free(p);
}

Test(city, a_plan_of_another_scenario_is_refused)
{
    plan *p = fixture_plan_new();
    scenario sc;
    scenario_stop st[16];
    scenario_vehicle v[4];
    matching_scenario(p, &sc, st, v);
    sc.n_stops--;
    city_report r;
    city_report_init(&r);
    err e = {0};
    cr_assert_eq(city_report_add(&r, "a", 0, p, &sc, &e), ERR_PARSE);
    cr_assert(strstr(e.msg, "plan it again"), "%s", e.msg);
    city_report_free(&r);
    plan_free(p);
}
