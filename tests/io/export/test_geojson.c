/* test_geojson.c — plan.geojson read by a real JSON parser (python3) with RFC 7946 checks.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/export/export.h"
#include "tests/io/plan/fixture_plan.h"
#include "tests/support.h"

Test(geojson, python_parses_one_feature_per_route_and_stop_along_the_roads)
{
    cr_assert(fixture_have("python3"), "python3 missing (.ci/deps.sh)");
    plan *p = fixture_plan_new();
    err e = {0};
    char *dir = fixture_export(p, NULL, &e);
    cr_assert_not_null(dir, "%s", e.msg);
    char pts[128] = "";
    for (size_t i = 0; i < p->n_routes; i++)
        snprintf(pts + strlen(pts), sizeof pts - strlen(pts), "%s%zu", i ? "," : "",
                 p->routes[i].n_points);
    char cmd[8192], *out = NULL;
    snprintf(cmd, sizeof cmd,
             "python3 '%s/tests/io/export/check_geojson.py' '%s/plan.geojson' %zu %zu %s",
             test_root(), dir, p->n_routes, p->n_stops, pts);
    int st = fixture_sh(cmd, &out);
    cr_expect_eq(st, 0, "%s", out);
    cr_expect_not_null(strstr(out, "ok routes=3 stops=5"), "%s", out); /* served or not */
    cr_expect_not_null(strstr(out, "<&>\"'镇"), "names survive escaping: %s", out);
    free(out);
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}

Test(geojson, route_properties_hold_day_vehicle_km_minutes_parcels)
{
    plan *p = fixture_plan_new();
    err e = {0};
    char *dir = fixture_export(p, NULL, &e);
    cr_assert_not_null(dir, "%s", e.msg);
    char path[4200];
    snprintf(path, sizeof path, "%s/plan.geojson", dir);
    char *text = test_slurp(path, NULL);
    cr_assert_not_null(text);
    /* route 0: legs 3+4+5 km, 07:30-08:08, 8 + 19 parcels */
    cr_expect_not_null(strstr(text, "\"day\":\"mon\""));
    cr_expect_not_null(strstr(text, "\"vehicle\":\"van01\""));
    cr_expect_not_null(strstr(text, "\"km\":12.000,\"minutes\":38,\"parcels\":27"), "%s", text);
    cr_expect_not_null(strstr(text, "\"vehicle\":\"van\\u003c2\\u003e\""));
    cr_expect_not_null(strstr(text, "\"days\":[\"mon\",\"tue/周二\"]"), "%s", text);
    free(text);
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}
