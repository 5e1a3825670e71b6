/* test_cmd_export.c — `jincun export PLAN_DIR` as a user runs it: reads plan.json, writes the
 * exports, draws the road background from an OSM file, fails cleanly on bad input.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/plan/planjson.h"
#include "tests/io/plan/fixture_plan.h"
#include "tests/support.h"

/* A temporary PLAN_DIR holding the fixture's plan.json. */
static char *plan_dir(void)
{
    plan *p = fixture_plan_new();
    char *dir = test_tmpdir();
    cr_assert_not_null(dir);
    char path[4200];
    snprintf(path, sizeof path, "%s/plan.json", dir);
    err e = {0};
    cr_assert_eq(planjson_write(p, path, &e), ERR_OK, "%s", e.msg);
    plan_free(p);
    return dir;
}

Test(cmd_export, writes_every_export_next_to_plan_json)
{
    char *dir = plan_dir(), args[4400], *out = NULL, *errs = NULL;
    snprintf(args, sizeof args, "export '%s'", dir);
    int st = test_run_jincun(args, &out, &errs);
    cr_expect_eq(st, 0, "%s", errs);
    cr_expect_not_null(strstr(out, "exported 3 routes"), "%s", out);
    cr_expect_not_null(strstr(errs, "without road background"), "says why: %s", errs);
    static const char *const files[] = {"plan.geojson", "map.html", "gpx/mon-van01.gpx",
                                        "sheets/tue_周二-van01.html"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[4400];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        char *text = test_slurp(path, NULL);
        cr_expect_not_null(text, "%s missing", files[i]);
        if (i == 2)
            cr_expect_not_null(strstr(text, "driver 张三"), "driver survives plan.json");
        free(text);
    }
    free(out);
    free(errs);
    test_rmtree(dir);
    free(dir);
}

Test(cmd_export, map_file_gives_the_page_a_road_background, .timeout = 120)
{
    char osm[4096];
    TEST_SHARED_OR_SKIP(osm, "osm/andorra.osm.pbf");
    char *dir = plan_dir(), args[8400], *out = NULL, *errs = NULL;
    snprintf(args, sizeof args, "export '%s' -o '%s/web' --only map --map '%s'", dir, dir, osm);
    int st = test_run_jincun(args, &out, &errs);
    cr_expect_eq(st, 0, "%s", errs);
    cr_expect_not_null(strstr(errs, "road background: "), "%s", errs);
    char path[4400];
    snprintf(path, sizeof path, "%s/web/map.html", dir);
    char *html = test_slurp(path, NULL);
    cr_assert_not_null(html);
    cr_expect_not_null(strstr(html, "var JC_ROADS = [\n[1."), "Andorra's roads (lon 1.4-1.8)");
    snprintf(path, sizeof path, "%s/web/plan.geojson", dir);
    cr_expect_null(test_slurp(path, NULL), "--only map writes only the map");
    free(html);
    free(out);
    free(errs);
    test_rmtree(dir);
    free(dir);
}

Test(cmd_export, missing_plan_and_bad_options_fail_with_one_message)
{
    char *errs = NULL;
    cr_expect_eq(test_run_jincun("export /nonexistent/plan-dir", NULL, &errs), 1);
    cr_expect_not_null(strstr(errs, "/nonexistent/plan-dir/plan.json"), "%s", errs);
    free(errs);
    cr_expect_eq(test_run_jincun("export", NULL, &errs), 2);
    cr_expect_not_null(strstr(errs, "PLAN_DIR"), "%s", errs);
    free(errs);
    cr_expect_eq(test_run_jincun("export x --only pdf", NULL, &errs), 2);
    cr_expect_not_null(strstr(errs, "--only"), "%s", errs);
    free(errs);
    cr_expect_eq(test_run_jincun("export x --frobnicate", NULL, &errs), 2);
    cr_expect_not_null(strstr(errs, "unknown option '--frobnicate'"), "%s", errs);
    free(errs);
}
