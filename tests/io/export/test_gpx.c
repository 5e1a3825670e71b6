/* test_gpx.c — GPX itineraries: schema-valid GPX 1.1 that gpsbabel reads back with the same
 * waypoints, route points and road track. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/export/export.h"
#include "tests/io/plan/fixture_plan.h"
#include "tests/support.h"
#include "util/mem.h"

static char *babel(const char *what, const char *file)
{
    char cmd[4096], *out = NULL;
    snprintf(cmd, sizeof cmd, "gpsbabel %s -i gpx -f '%s' -o unicsv -F -", what, file);
    int st = fixture_sh(cmd, &out);
    cr_assert_eq(st, 0, "gpsbabel %s %s failed: %s", what, file, out ? out : "");
    return out;
}

Test(gpx, every_file_validates_against_the_gpx11_schema)
{
    char xsd[4096];
    TEST_SHARED_OR_SKIP(xsd, "schemas/gpx11.xsd");
    cr_assert(fixture_have("xmllint"), "xmllint missing (Debian libxml2-utils, .ci/deps.sh)");
    plan *p = fixture_plan_new();
    err e = {0};
    char *dir = fixture_export(p, NULL, &e);
    cr_assert_not_null(dir, "%s", e.msg);
    for (size_t i = 0; i < p->n_routes; i++) {
        char *file = fixture_route_file(p, dir, "gpx", i, "gpx");
        char cmd[8192], *out = NULL;
        snprintf(cmd, sizeof cmd, "xmllint --noout --schema '%s' '%s'", xsd, file);
        int st = fixture_sh(cmd, &out);
        cr_expect_eq(st, 0, "%s: %s", file, out);
        cr_expect_not_null(strstr(out, "validates"), "%s", out);
        free(out);
        free(file);
    }
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}

Test(gpx, gpsbabel_reads_back_stops_route_and_road_track)
{
    cr_assert(fixture_have("gpsbabel"), "gpsbabel missing (Debian gpsbabel, .ci/deps.sh)");
    plan *p = fixture_plan_new();
    err e = {0};
    char *dir = fixture_export(p, NULL, &e);
    cr_assert_not_null(dir, "%s", e.msg);
    for (size_t i = 0; i < p->n_routes; i++) {
        const plan_route *r = &p->routes[i];
        char *file = fixture_route_file(p, dir, "gpx", i, "gpx");
        /* Waypoints: the depot, then every stop in order, names intact (CSV-quoted). */
        char *w = babel("-w", file);
        cr_expect_eq(fixture_lines(w), 1 + 1 + r->n_visits, "%s", w);
        const char *at = strstr(w, "\"城关网点\"");
        cr_expect_not_null(at, "%s", w);
        for (size_t k = 0; at && k < r->n_visits; k++) {
            const char *name = p->stops[r->visits[k].stop].name;
            char quoted[256];
            size_t q = 0;
            quoted[q++] = '"';
            for (const char *c = name; *c && q < sizeof quoted - 3; c++) {
                if (*c == '"')
                    quoted[q++] = '"';
                quoted[q++] = *c;
            }
            quoted[q++] = '"';
            quoted[q] = '\0';
            const char *next = strstr(at, quoted);
            cr_expect_not_null(next, "%s: waypoint %s not after the previous one in\n%s", file,
                               quoted, w);
            at = next;
        }
        /* Route: depot first and last. */
        char *rt = babel("-r", file);
        cr_expect_eq(fixture_lines(rt), 1 + r->n_visits + 2, "%s", rt);
        cr_expect_not_null(strstr(rt, "depot: start"));
        cr_expect_not_null(strstr(rt, "depot: end"));
        /* Track: every road point. */
        char *t = babel("-t", file);
        cr_expect_eq(fixture_lines(t), 1 + r->n_points, "%s", t);
        free(w);
        free(rt);
        free(t);
        free(file);
    }
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}

Test(gpx, times_are_iso8601_with_the_scenario_offset)
{
    plan *p = fixture_plan_new();
    err e = {0};
    char *dir = fixture_export(p, NULL, &e);
    cr_assert_not_null(dir, "%s", e.msg);
    char *file = fixture_route_file(p, dir, "gpx", 2, "gpx"); /* day 1 = 2026-12-01 */
    char *text = test_slurp(file, NULL);
    cr_assert_not_null(text);
    /* leaves 07:30, first leg 300 s: arrives 07:35 */
    cr_expect_not_null(strstr(text, "<time>2026-12-01T07:30:00+08:00</time>"), "%s", text);
    cr_expect_not_null(strstr(text, "<time>2026-12-01T07:35:00+08:00</time>"), "%s", text);
    cr_expect_not_null(strstr(text, "<name>下洋村</name>"));
    cr_expect_not_null(strstr(text, "driver 张三"));
    cr_expect_not_null(strstr(text, "中通 3, 圆通 5"), "parcels per company in desc");
    free(text);
    free(file);
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}

Test(gpx, names_needing_escapes_are_escaped)
{
    plan *p = fixture_plan_new();
    err e = {0};
    char *dir = fixture_export(p, NULL, &e);
    cr_assert_not_null(dir, "%s", e.msg);
    char *file = fixture_route_file(p, dir, "gpx", 0, "gpx");
    char *text = test_slurp(file, NULL);
    cr_assert_not_null(text);
    cr_expect_not_null(strstr(text, "<name>&lt;&amp;&gt;&quot;&#39;镇</name>"), "%s", text);
    cr_expect_not_null(strstr(text, "邮政&amp;EMS 2"));
    cr_expect_null(strstr(text, "<&>"));
    free(text);
    free(file);
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}

Test(gpx, route_without_geometry_has_no_track_and_still_validates)
{
    char xsd[4096];
    TEST_SHARED_OR_SKIP(xsd, "schemas/gpx11.xsd");
    plan *p = fixture_plan_new();
    free(p->routes[1].lonlat);
    p->routes[1].lonlat = NULL;
    p->routes[1].n_points = 0;
    free(p->week_start);
    p->week_start = xstrdup(""); /* no dates known: no <time> at all */
    err e = {0};
    char *dir = fixture_export(p, NULL, &e);
    cr_assert_not_null(dir, "%s", e.msg);
    char *file = fixture_route_file(p, dir, "gpx", 1, "gpx");
    char *text = test_slurp(file, NULL);
    cr_assert_not_null(text);
    cr_expect_null(strstr(text, "<trk>"));
    cr_expect_null(strstr(text, "<time>"));
    char cmd[8192], *out = NULL;
    snprintf(cmd, sizeof cmd, "xmllint --noout --schema '%s' '%s'", xsd, file);
    cr_expect_eq(fixture_sh(cmd, &out), 0, "%s", out);
    free(out);
    free(text);
    free(file);
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}

Test(gpx, a_line_has_one_file_for_its_days_without_dates_and_it_validates)
{
    plan *p = fixture_lines_plan_new();
    err e = {0};
    char *dir = fixture_export(p, NULL, &e);
    cr_assert_not_null(dir, "%s", e.msg);
    char file[4200];
    snprintf(file, sizeof file, "%s/gpx/line-1.gpx", dir);
    char *gpx = test_slurp(file, NULL);
    cr_assert_not_null(gpx, "%s written", file);
    cr_expect_not_null(strstr(gpx, "<name>临海 test &lt;&amp;&gt; / line 1 (mon+tue/周二) / van01"
                                   "</name>"),
                       "%s", gpx);
    cr_expect_null(strstr(gpx, "<time>"), "a line runs on several dates: no <time>");
    cr_expect_not_null(strstr(gpx, "<cmt>stop 1 of 2, 白水洋镇 at 07:35</cmt>"), "%s", gpx);
    cr_expect_not_null(strstr(gpx, "<cmt>depot: start at 07:30</cmt>"), "%s", gpx);
    cr_expect_not_null(strstr(gpx, "<trkseg>"), "the road geometry");
    free(gpx);
    snprintf(file, sizeof file, "%s/gpx/line-2.gpx", dir);
    gpx = test_slurp(file, NULL);
    cr_assert_not_null(gpx, "%s written", file);
    cr_expect_not_null(strstr(gpx, "上塘村"));
    free(gpx);
    char xsd[4096];
    if (test_shared_path(xsd, sizeof xsd, "schemas/gpx11.xsd") && fixture_have("xmllint")) {
        char cmd[16384], *out = NULL;
        snprintf(cmd, sizeof cmd, "xmllint --noout --schema '%s' '%s'/gpx/line-*.gpx", xsd, dir);
        cr_expect_eq(fixture_sh(cmd, &out), 0, "%s", out);
        free(out);
    }
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}

Test(gpx, a_plan_without_lines_has_no_line_files)
{
    plan *p = fixture_plan_new();
    err e = {0};
    char *dir = fixture_export(p, NULL, &e);
    cr_assert_not_null(dir, "%s", e.msg);
    char file[4200];
    snprintf(file, sizeof file, "%s/gpx/line-1.gpx", dir);
    char *gpx = test_slurp(file, NULL);
    cr_expect_null(gpx);
    free(gpx);
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}
