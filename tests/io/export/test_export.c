/* test_export.c — export_plan as a whole: every file written atomically under sanitised,
 * unique names; bad plans and unwritable places rejected. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/export/export.h"
#include "tests/io/plan/fixture_plan.h"
#include "tests/support.h"
#include "util/mem.h"

static size_t count_entries(const char *dir, size_t *hidden)
{
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "%s", dir);
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        n++;
        if (hidden && de->d_name[0] == '.')
            (*hidden)++;
    }
    closedir(d);
    return n;
}

Test(export, writes_every_file_and_leaves_no_temporaries)
{
    plan *p = fixture_plan_new();
    err e = {0};
    char *dir = fixture_export(p, NULL, &e);
    cr_assert_not_null(dir, "%s", e.msg);
    static const char *const files[] = {
        "plan.geojson",
        "map.html",
        "gpx/mon-van01.gpx",
        "gpx/mon-van_2_.gpx",
        "gpx/tue_周二-van01.gpx",
        "sheets/mon-van01.html",
        "sheets/mon-van_2_.html",
        "sheets/tue_周二-van01.html",
        "timetable.csv",
        "timetables/白水洋镇.html",
        "timetables/_____镇.html",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        size_t len = 0;
        char *text = test_slurp(path, &len);
        cr_expect(text && len > 100, "%s missing or short", files[i]);
        free(text);
    }
    char sub[4200];
    size_t hidden = 0;
    /* plan.geojson map.html gpx sheets timetable.csv timetables */
    cr_expect_eq(count_entries(dir, &hidden), 6);
    snprintf(sub, sizeof sub, "%s/gpx", dir);
    cr_expect_eq(count_entries(sub, &hidden), p->n_routes);
    snprintf(sub, sizeof sub, "%s/sheets", dir);
    cr_expect_eq(count_entries(sub, &hidden), p->n_routes);
    snprintf(sub, sizeof sub, "%s/timetables", dir);
    cr_expect_eq(count_entries(sub, &hidden), 2); /* 白水洋镇 and <&>"'镇 */
    cr_expect_eq(hidden, 0, "temporary files left behind");
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}

Test(export, same_plan_gives_byte_identical_files)
{
    plan *p = fixture_plan_new();
    err e = {0};
    char *a = fixture_export(p, NULL, &e), *b = fixture_export(p, NULL, &e);
    cr_assert(a && b, "%s", e.msg);
    char cmd[9000], *out = NULL;
    snprintf(cmd, sizeof cmd, "diff -r '%s' '%s'", a, b);
    cr_expect_eq(fixture_sh(cmd, &out), 0, "%s", out);
    free(out);
    test_rmtree(a);
    test_rmtree(b);
    free(a);
    free(b);
    plan_free(p);
}

Test(export, colliding_names_are_made_unique)
{
    plan *p = fixture_plan_new();
    free(p->vehicles[1].id);
    p->vehicles[1].id = xstrdup("van01"); /* same id, and "van/01" would sanitise the same */
    char **days, **vehs;
    export_file_parts(p, &days, &vehs);
    cr_expect_str_eq(days[0], "mon");
    cr_expect_str_eq(days[1], "tue_周二");
    cr_expect_str_eq(vehs[0], "van01");
    cr_expect_str_eq(vehs[1], "van01-2");
    for (int i = 0; i < 2; i++) {
        free(days[i]);
        free(vehs[i]);
    }
    free(days);
    free(vehs);
    plan_free(p);
}

Test(export, inconsistent_plan_is_rejected_before_writing)
{
    plan *p = fixture_plan_new();
    p->routes[1].vehicle = 7;
    err e = {0};
    char *dir = test_tmpdir();
    char out[4200];
    snprintf(out, sizeof out, "%s/out", dir);
    cr_expect_eq(export_plan(p, NULL, out, &e), ERR_PARSE);
    cr_expect_not_null(strstr(e.msg, "route 1: vehicle 7 of 2"), "%s", e.msg);
    cr_expect_eq(count_entries(dir, NULL), 0, "nothing written");
    p->routes[1].vehicle = 0; /* now van01 twice on mon */
    cr_expect_eq(export_plan(p, NULL, out, &e), ERR_PARSE);
    cr_expect_not_null(strstr(e.msg, "twice"), "%s", e.msg);
    p->routes[1].vehicle = 1;
    p->stops[2].lat = 95;
    cr_expect_eq(export_plan(p, NULL, out, &e), ERR_PARSE);
    cr_expect_not_null(strstr(e.msg, "out of range"), "%s", e.msg);
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}

Test(export, unwritable_output_is_an_io_error)
{
    plan *p = fixture_plan_new();
    char *dir = test_tmpdir();
    char file[4200], out[4300];
    snprintf(file, sizeof file, "%s/file", dir);
    FILE *f = fopen(file, "w");
    cr_assert_not_null(f);
    fclose(f);
    snprintf(out, sizeof out, "%s/sub", file); /* under a regular file */
    err e = {0};
    cr_expect_eq(export_plan(p, NULL, out, &e), ERR_IO);
    cr_expect_not_null(strstr(e.msg, out), "%s", e.msg);
    cr_expect_eq(export_plan(p, NULL, file, &e), ERR_IO);
    cr_expect_not_null(strstr(e.msg, "not a directory"), "%s", e.msg);
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}
