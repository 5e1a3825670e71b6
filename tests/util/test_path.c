/* test_path.c — util/path: one '/' between folder and name; absolute names only through
 * path_resolve. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "util/path.h"

static void expect_join(const char *dir, const char *name, const char *want)
{
    char *got = path_join(dir, name);
    cr_expect_str_eq(got, want, "path_join(\"%s\", \"%s\")", dir, name);
    free(got);
}

Test(path, join_puts_one_slash_between)
{
    expect_join("out", "plan.json", "out/plan.json");
    expect_join("out/", "plan.json", "out/plan.json");
    expect_join("/", "tmp", "/tmp");
    expect_join("", "plan.json", "plan.json");
    expect_join("gpx", "", "gpx/");
    expect_join("a/b", "c/d.gpx", "a/b/c/d.gpx");
    expect_join("场景", "站点.csv", "场景/站点.csv");
}

Test(path, join_keeps_an_absolute_name_inside_dir)
{
    /* a name from a list in the folder must not escape it by starting with '/' */
    expect_join("out", "/etc/passwd", "out//etc/passwd");
}

Test(path, resolve_takes_an_absolute_path_as_it_is)
{
    char *a = path_resolve("scenarios/demo", "/data/county.osm.pbf");
    char *b = path_resolve("scenarios/demo", "county.osm.gz");
    char *c = path_resolve("scenarios/demo/", "../maps/x.osm");
    cr_expect_str_eq(a, "/data/county.osm.pbf");
    cr_expect_str_eq(b, "scenarios/demo/county.osm.gz");
    cr_expect_str_eq(c, "scenarios/demo/../maps/x.osm");
    free(a);
    free(b);
    free(c);
}
