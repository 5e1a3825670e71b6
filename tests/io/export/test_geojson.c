/* test_geojson.c — plan.geojson read by a real JSON parser (python3) with RFC 7946 checks.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/export/export.h"
#include "io/export/geojson.h"
#include "io/plan/planjson.h"
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

/* The features as text. */
static char *features(const plan *p)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cr_assert_not_null(f);
    geojson_write_features(f, p);
    cr_assert_eq(fclose(f), 0);
    return text;
}

Test(geojson, plan_and_the_export_of_its_plan_json_write_the_same_bytes)
{
    plan *p = fixture_plan_new();
    /* 121.01500051 is 121.015001 at 6 decimals, but 121.0150005 (plan.json's 7) is 121.015000 */
    p->routes[0].lonlat[2] = 121.01500051;
    p->stops[1].lon = 121.00500051;
    char *direct = features(p);
    cr_expect_not_null(strstr(direct, "121.015001"), "the unrounded point at 6 decimals");
    planjson_round(p); /* what `jincun plan` does before it writes anything */
    char *planned = features(p);
    char *json = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&json, &len);
    err e = {0};
    cr_assert_eq(planjson_dump(p, f, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(fclose(f), 0);
    plan *q = planjson_parse(json, "plan.json", &e); /* what `jincun export` reads */
    cr_assert_not_null(q, "%s", e.msg);
    char *exported = features(q);
    cr_expect_str_eq(planned, exported);
    cr_expect_not_null(strstr(exported, "121.015,"), "121.0150005 at 6 decimals");
    free(direct);
    free(planned);
    free(exported);
    free(json);
    plan_free(q);
    plan_free(p);
}
