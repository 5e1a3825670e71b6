/* test_export.c — export_plan as a whole: every file written atomically under sanitised,
 * unique names; bad plans and unwritable places rejected. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
        if (hidden && de->d_name[0] == '.' && strcmp(de->d_name, EXPORT_MANIFEST) != 0)
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
        "plan.geojson",           "map.html",
        "gpx/mon-van01.gpx",      "gpx/mon-van_2_.gpx",
        "gpx/tue_周二-van01.gpx", "sheets/mon-van01.html",
        "sheets/mon-van_2_.html", "sheets/tue_周二-van01.html",
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
    cr_expect_eq(count_entries(dir, &hidden), 4); /* plan.geojson map.html gpx sheets */
    snprintf(sub, sizeof sub, "%s/gpx", dir);
    cr_expect_eq(count_entries(sub, &hidden), p->n_routes + 1); /* + EXPORT_MANIFEST */
    snprintf(sub, sizeof sub, "%s/sheets", dir);
    cr_expect_eq(count_entries(sub, &hidden), p->n_routes + 1);
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

static bool exists(const char *dir, const char *rel)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    return access(path, F_OK) == 0;
}

/* DIR/REL holds text, or the test fails. */
static void put(const char *dir, const char *rel, const char *text)
{
    cr_assert_eq(test_write_file(dir, rel, text), 0, "cannot write %s/%s", dir, rel);
}

Test(export, re_export_removes_only_its_own_stale_files)
{
    plan *p = fixture_plan_new();
    err e = {0};
    char *dir = fixture_export(p, NULL, &e);
    cr_assert_not_null(dir, "%s", e.msg);
    /* A user's files next to the export, one of them shaped like an export file. */
    put(dir, "gpx/notes.txt", "mine");
    put(dir, "gpx/wed-van09.gpx", "mine too");
    put(dir, "sheets/.hidden.html", "mine");
    /* Second export: only route (0,0) is left; van<2> has no route any more. */
    size_t all = p->n_routes;
    p->n_routes = 1;
    cr_assert_eq(export_plan(p, NULL, dir, &e), ERR_OK, "%s", e.msg);
    cr_expect(exists(dir, "gpx/mon-van01.gpx"));
    cr_expect(exists(dir, "sheets/mon-van01.html"));
    static const char *const gone[] = {"gpx/mon-van_2_.gpx", "gpx/tue_周二-van01.gpx",
                                       "sheets/mon-van_2_.html", "sheets/tue_周二-van01.html"};
    for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++)
        cr_expect(!exists(dir, gone[i]), "%s left behind", gone[i]);
    cr_expect(exists(dir, "gpx/notes.txt"), "user file removed");
    cr_expect(exists(dir, "gpx/wed-van09.gpx"), "user file with an export-like name removed");
    cr_expect(exists(dir, "sheets/.hidden.html"), "user file removed");
    char sub[4200];
    snprintf(sub, sizeof sub, "%s/gpx", dir);
    cr_expect_eq(count_entries(sub, NULL), 4); /* mon-van01, 2 user files, manifest */
    snprintf(sub, sizeof sub, "%s/gpx/" EXPORT_MANIFEST, dir);
    char *m = test_slurp(sub, NULL);
    cr_assert_not_null(m);
    cr_expect_not_null(strstr(m, "\nmon-van01.gpx\n"), "%s", m);
    cr_expect_null(strstr(m, "van_2_"), "%s", m);
    free(m);
    /* A manifest entry with a path or another extension is never followed. */
    put(dir, "keep.gpx", "outside");
    put(dir, "gpx/" EXPORT_MANIFEST, "../keep.gpx\nnotes.txt\n.x-y.gpx\nwed-van09.gpx\n");
    put(dir, "gpx/.x-y.gpx", "hidden");
    cr_assert_eq(export_plan(p, NULL, dir, &e), ERR_OK, "%s", e.msg);
    cr_expect(exists(dir, "keep.gpx"));
    cr_expect(exists(dir, "gpx/notes.txt"));
    cr_expect(exists(dir, "gpx/.x-y.gpx"));
    cr_expect(!exists(dir, "gpx/wed-van09.gpx"), "listed as jincun's, so removed");
    /* Back to all routes: everything is written again. */
    p->n_routes = all;
    cr_assert_eq(export_plan(p, NULL, dir, &e), ERR_OK, "%s", e.msg);
    for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++)
        cr_expect(exists(dir, gone[i]), "%s missing", gone[i]);
    test_rmtree(dir);
    free(dir);
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
