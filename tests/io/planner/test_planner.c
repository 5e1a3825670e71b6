/* test_planner.c — io/planner: what planner_run carries from the scenario into the plan and
 * its outputs, on the tiny hand-written scenario of tests/cases/plan_tiny (the whole run and its
 * files byte for byte are that case's business). SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/plan/planjson.h"
#include "io/planner/planner.h"
#include "tests/support.h"

/* Plans tests/cases/plan_tiny/scenario into DIR/out and returns DIR (caller removes it). */
static char *plan_tiny(void)
{
    char *dir = test_tmpdir();
    cr_assert_not_null(dir);
    char scen[4096], out[4200];
    snprintf(scen, sizeof scen, "%s/tests/cases/plan_tiny/scenario", test_root());
    snprintf(out, sizeof out, "%s/out", dir);
    planner_opts o;
    planner_opts_init(&o);
    o.max_iterations = 2000;
    err e = {0};
    cr_assert_eq(planner_run(scen, out, &o, NULL, NULL, NULL, &e), ERR_OK, "%s", e.msg);
    return dir;
}

static char *slurp_in(const char *dir, const char *rel)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/out/%s", dir, rel);
    char *s = test_slurp(path, NULL);
    cr_assert_not_null(s, "%s written", path);
    return s;
}

Test(planner, driver_names_reach_the_plan_and_every_output)
{
    char *dir = plan_tiny();
    char pj[4200];
    snprintf(pj, sizeof pj, "%s/out/plan.json", dir);
    err e = {0};
    plan *p = planjson_read(pj, &e);
    cr_assert_not_null(p, "%s", e.msg);
    /* vehicles.csv: van01 driven by 王师傅, ev01 with an empty driver column */
    cr_assert_eq(p->n_vehicles, 2);
    cr_assert_str_eq(p->vehicles[0].id, "van01");
    cr_assert_str_eq(p->vehicles[0].driver, "王师傅");
    cr_assert_str_eq(p->vehicles[1].id, "ev01");
    cr_assert(!p->vehicles[1].driver || !*p->vehicles[1].driver, "ev01 has no driver");
    plan_free(p);

    char *routes = slurp_in(dir, "routes.csv");
    cr_assert_not_null(strstr(routes, "day,vehicle,driver,seq,"), "%s", routes);
    cr_assert_not_null(strstr(routes, "mon,van01,王师傅,0,d1,中心网点,,08:00,"), "%s", routes);
    cr_assert_not_null(strstr(routes, "mon,ev01,,0,d1,"), "%s", routes);
    char *sheet = slurp_in(dir, "sheets/mon-van01.html");
    cr_assert_not_null(strstr(sheet, "司机 Driver: <b>王师傅</b>"), "%s", sheet);
    char *ev_sheet = slurp_in(dir, "sheets/mon-ev01.html");
    cr_assert_not_null(strstr(ev_sheet, "司机 Driver: <b>—</b>"), "%s", ev_sheet);
    char *gpx = slurp_in(dir, "gpx/mon-van01.gpx");
    cr_assert_not_null(strstr(gpx, "driver 王师傅"), "%s", gpx);
    char *geo = slurp_in(dir, "plan.geojson");
    cr_assert_not_null(strstr(geo, "\"driver\":\"王师傅\""), "%s", geo);
    char *map = slurp_in(dir, "map.html");
    cr_assert_not_null(strstr(map, "\"driver\":\"王师傅\""), "map page data names the driver");
    free(routes);
    free(sheet);
    free(ev_sheet);
    free(gpx);
    free(geo);
    free(map);
    test_rmtree(dir);
    free(dir);
}
