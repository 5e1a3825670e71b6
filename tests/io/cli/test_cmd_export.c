/* test_cmd_export.c — `jincun export PLAN_DIR` as a user runs it: reads plan.json, writes the
 * exports, draws the road background from the plan's roads.geojson or an OSM file (bad
 * input: tests/cases/bad_export_*).
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/plan/planjson.h"
#include "io/text/outdir.h"
#include "tests/io/plan/fixture_plan.h"
#include "tests/support.h"

/* A temporary PLAN_DIR holding the fixture's plan.json moved by (dlon, dlat) degrees, listed
 * as jincun plan lists it. */
static char *plan_dir_moved(double dlon, double dlat)
{
    plan *p = fixture_plan_new();
    for (size_t i = 0; i < p->n_stops; i++) {
        p->stops[i].lon += dlon;
        p->stops[i].lat += dlat;
    }
    for (size_t r = 0; r < p->n_routes; r++)
        for (size_t k = 0; k < p->routes[r].n_points; k++) {
            p->routes[r].lonlat[2 * k] += dlon;
            p->routes[r].lonlat[2 * k + 1] += dlat;
        }
    char *dir = test_tmpdir();
    cr_assert_not_null(dir);
    char path[4200];
    snprintf(path, sizeof path, "%s/plan.json", dir);
    err e = {0};
    cr_assert_eq(planjson_write(p, path, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(test_write_file(dir, OUTDIR_MANIFEST, OUTDIR_FORMAT "\nplan.json\n"), 0);
    plan_free(p);
    return dir;
}

/* The fixture's plan, in Zhejiang (121.1E 28.8N). */
static char *plan_dir(void)
{
    return plan_dir_moved(0, 0);
}

static bool exists(const char *dir, const char *rel)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    return access(path, F_OK) == 0;
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
    /* the plan moved to Andorra (1.5E 42.5N): a map keeps only roads near the plan's stops */
    char *dir = plan_dir_moved(1.5 - 121.1, 42.5 - 28.8), args[8400], *out = NULL, *errs = NULL;
    /* --map wins over the roads the plan wrote */
    cr_assert_eq(test_write_file(dir, "roads.geojson",
                                 "{\"features\":[{\"geometry\":{\"type\":\"LineString\","
                                 "\"coordinates\":[[121.25,28.5],[121.26,28.51]]}}]}"),
                 0);
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

Test(cmd_export, background_comes_from_the_roads_plan_wrote)
{
    char *dir = plan_dir(), args[8400], *out = NULL, *errs = NULL;
    cr_assert_eq(test_write_file(dir, "roads.geojson",
                                 "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":"
                                 "\"Feature\",\"properties\":{},\"geometry\":{\"type\":"
                                 "\"MultiLineString\",\"coordinates\":[\n[[121.25,28.5],"
                                 "[121.26,28.51]],\n[[121.3,28.6],[121.31,28.6]]]}}]}\n"),
                 0);
    snprintf(args, sizeof args, "export '%s' -o '%s/web' --only map", dir, dir);
    int st = test_run_jincun(args, &out, &errs);
    cr_expect_eq(st, 0, "%s", errs);
    cr_expect_not_null(strstr(errs, "road background: 2 lines from "), "%s", errs);
    cr_expect_not_null(strstr(errs, "roads.geojson"), "%s", errs);
    char path[4400];
    snprintf(path, sizeof path, "%s/web/map.html", dir);
    char *html = test_slurp(path, NULL);
    cr_assert_not_null(html);
    cr_expect_not_null(strstr(html, "var JC_ROADS = [\n[121.25,28.5,121.26,28.51],\n"
                                    "[121.3,28.6,121.31,28.6]];"),
                       "the plan's roads, as written");
    free(html);
    free(out);
    free(errs);

    /* a damaged file costs the background, not the export */
    cr_assert_eq(test_write_file(dir, "roads.geojson", "{\"features\": [{"), 0);
    st = test_run_jincun(args, &out, &errs);
    cr_expect_eq(st, 0, "%s", errs);
    cr_expect_not_null(strstr(errs, "map page without road background: "), "%s", errs);
    cr_expect_not_null(strstr(errs, "roads.geojson:1:"), "names file and place: %s", errs);
    html = test_slurp(path, NULL);
    cr_expect_not_null(strstr(html, "var JC_ROADS = [];"), "no background");
    free(html);
    free(out);
    free(errs);
    test_rmtree(dir);
    free(dir);
}

Test(cmd_export, map_of_another_region_gives_no_background_and_says_why, .timeout = 120)
{
    char osm[4096];
    TEST_SHARED_OR_SKIP(osm, "osm/andorra.osm.pbf");
    char *dir = plan_dir(), args[8400], *out = NULL, *errs = NULL;
    snprintf(args, sizeof args, "export '%s' -o '%s/web' --only map --map '%s'", dir, dir, osm);
    int st = test_run_jincun(args, &out, &errs);
    cr_expect_eq(st, 0, "%s", errs);
    cr_expect_not_null(strstr(errs, "map page without road background: "), "%s", errs);
    cr_expect_not_null(strstr(errs, "no road of the map lies within 100 km of the plan's stops"),
                       "%s", errs);
    char path[4400];
    snprintf(path, sizeof path, "%s/web/map.html", dir);
    char *html = test_slurp(path, NULL);
    cr_assert_not_null(html);
    cr_expect_not_null(strstr(html, "var JC_ROADS = [];"), "no Andorra roads in Zhejiang");
    free(html);
    free(out);
    free(errs);
    test_rmtree(dir);
    free(dir);
}

/* A re-export replaces its own files, removes those of routes that are gone, and leaves the
 * user's files (also one named like an export) where they are. */
Test(cmd_export, re_export_replaces_only_its_own_files)
{
    char *dir = plan_dir(), args[4400], *errs = NULL;
    snprintf(args, sizeof args, "export '%s' --no-background", dir);
    cr_assert_eq(test_run_jincun(args, NULL, &errs), 0, "%s", errs);
    free(errs);
    cr_assert(exists(dir, "gpx/tue_周二-van01.gpx"));
    cr_assert_eq(test_write_file(dir, "gpx/notes.txt", "mine"), 0);
    cr_assert_eq(test_write_file(dir, "notes.txt", "mine"), 0);
    /* the plan loses its Tuesday route: drop it from plan.json, and Tuesday from its stops */
    char path[4400];
    snprintf(path, sizeof path, "%s/plan.json", dir);
    err e = {0};
    plan *p = planjson_read(path, &e);
    cr_assert_not_null(p, "%s", e.msg);
    p->n_routes = 2;
    for (size_t i = 1; i < p->n_stops; i++)
        if (p->stops[i].days == 3) {
            p->stops[i].days = 1;
            p->stops[i].freq = 1;
        }
    cr_assert_eq(planjson_write(p, path, &e), ERR_OK, "%s", e.msg);
    p->n_routes = 3;
    plan_free(p);
    cr_assert_eq(test_run_jincun(args, NULL, &errs), 0, "%s", errs);
    free(errs);
    cr_expect(!exists(dir, "gpx/tue_周二-van01.gpx"), "stale GPX of a route that is gone");
    cr_expect(!exists(dir, "sheets/tue_周二-van01.html"), "stale sheet of a route that is gone");
    cr_expect(exists(dir, "gpx/mon-van01.gpx"));
    cr_expect(exists(dir, "gpx/notes.txt"));
    cr_expect(exists(dir, "notes.txt"));
    cr_expect(exists(dir, "plan.json"), "the plan itself is not the export's to remove");
    snprintf(path, sizeof path, "%s/" OUTDIR_MANIFEST, dir);
    char *m = test_slurp(path, NULL);
    cr_assert_not_null(m);
    cr_expect_not_null(strstr(m, "\nplan.json\n"), "plan.json stays listed: %s", m);
    cr_expect_null(strstr(m, "tue_"), "%s", m);
    free(m);
    test_rmtree(dir);
    free(dir);
}

/* Item: export -o into a folder with the user's own map.html (no list) is refused before the
 * map is read, and the file is unchanged. */
Test(cmd_export, a_users_map_html_is_never_overwritten)
{
    char *dir = plan_dir(), args[8800], *errs = NULL;
    char web[4400];
    snprintf(web, sizeof web, "%s/web", dir);
    cr_assert_eq(mkdir(web, 0755), 0);
    cr_assert_eq(test_write_file(web, "map.html", "my own page"), 0);
    snprintf(args, sizeof args, "export '%s' -o '%s'", dir, web);
    cr_expect_eq(test_run_jincun(args, NULL, &errs), 2, "%s", errs);
    cr_expect_not_null(strstr(errs, "is not empty (it holds 'map.html')"), "%s", errs);
    cr_expect_null(strstr(errs, "road background"), "refused before the map: %s", errs);
    free(errs);
    /* in the plan folder itself, map.html unlisted */
    cr_assert_eq(test_write_file(dir, "map.html", "my own page"), 0);
    snprintf(args, sizeof args, "export '%s'", dir);
    cr_expect_eq(test_run_jincun(args, NULL, &errs), 2, "%s", errs);
    cr_expect_not_null(strstr(errs, "map.html is not a file jincun wrote"), "%s", errs);
    free(errs);
    snprintf(args, sizeof args, "export '%s' -o ''", dir);
    cr_expect_eq(test_run_jincun(args, NULL, &errs), 2, "%s", errs);
    cr_expect_not_null(strstr(errs, "-o: empty folder name"), "%s", errs);
    free(errs);
    char path[4500];
    snprintf(path, sizeof path, "%s/map.html", web);
    char *t = test_slurp(path, NULL);
    cr_expect_str_eq(t, "my own page");
    free(t);
    snprintf(path, sizeof path, "%s/map.html", dir);
    t = test_slurp(path, NULL);
    cr_expect_str_eq(t, "my own page");
    free(t);
    cr_expect(!exists(dir, "gpx"), "nothing written");
    test_rmtree(dir);
    free(dir);
}

Test(cmd_export, a_plan_with_lines_gets_line_files_and_timetables_from_plan_json)
{
    plan *p = fixture_lines_plan_new();
    char *dir = test_tmpdir();
    cr_assert_not_null(dir);
    char path[4400];
    snprintf(path, sizeof path, "%s/plan.json", dir);
    err e = {0};
    cr_assert_eq(planjson_write(p, path, &e), ERR_OK, "%s", e.msg);
    plan_free(p);
    cr_assert_eq(test_write_file(dir, OUTDIR_MANIFEST, OUTDIR_FORMAT "\nplan.json\n"), 0);
    char args[4400], *out = NULL, *errs = NULL;
    snprintf(args, sizeof args, "export '%s'", dir);
    int st = test_run_jincun(args, &out, &errs);
    cr_expect_eq(st, 0, "%s", errs);
    static const char *const files[] = {
        "gpx/line-1.gpx",    "gpx/line-2.gpx", "sheets/line-1.html",       "sheets/line-2.html",
        "gpx/mon-van01.gpx", "timetable.csv",  "timetables/白水洋镇.html",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        cr_expect(exists(dir, files[i]), "%s missing", files[i]);
    snprintf(path, sizeof path, "%s/timetable.csv", dir);
    char *csv = test_slurp(path, NULL);
    cr_assert_not_null(csv);
    cr_expect_not_null(strstr(csv, "白水洋镇,V1,下洋村,village,mon+tue/周二,07:35,1,van01,张三"),
                       "%s", csv);
    free(csv);
    /* every file export wrote is listed, so the next export may replace it */
    snprintf(path, sizeof path, "%s/" OUTDIR_MANIFEST, dir);
    char *list = test_slurp(path, NULL);
    cr_assert_not_null(list);
    cr_expect_not_null(strstr(list, "\nsheets/line-1.html\n"), "%s", list);
    cr_expect_not_null(strstr(list, "\ntimetables/白水洋镇.html\n"), "%s", list);
    free(list);
    free(out);
    free(errs);
    test_rmtree(dir);
    free(dir);
}
