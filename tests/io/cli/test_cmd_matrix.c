/* test_cmd_matrix.c — `jincun matrix` end to end on the hand-written fixtures.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support.h"

#define EQC "'+proj=eqc +R=6366197.723675814 +units=m +no_defs +type=crs'"

static char *write_points(const char *dir, const char *text)
{
    char *path = malloc(1024);
    snprintf(path, 1024, "%s/points.csv", dir);
    cr_assert_eq(test_write_file(NULL, path, text), 0, "cannot write %s", path);
    return path;
}

Test(cmd_matrix, prints_exact_matrices_for_the_oneway_fixture)
{
    char *dir = test_tmpdir();
    char *pts = write_points(dir, "id,lon,lat,name\nA,0.0045,0,on the one-way\nB,0.009,0.0045,"
                                  "east side\nFar,0.5,0.5,nowhere\n");
    char args[2048];
    for (int m = 0; m < 2; m++) {
        snprintf(args, sizeof args,
                 "matrix --map %s/tests/maps/fixtures/oneway.osm --points %s --crs " EQC
                 " --method %s",
                 test_root(), pts, m ? "dijkstra" : "ch");
        char *out = NULL, *errout = NULL;
        int st = test_run_jincun(args, &out, &errout);
        cr_assert_eq(st, 0, "exit %d, stderr: %s", st, errout);
        cr_assert_str_eq(out, "time_s,A,B,Far\n"
                              "A,0,120,\n"
                              "B,360,0,\n"
                              "Far,,,0\n"
                              "\n"
                              "distance_m,A,B,Far\n"
                              "A,0,1000,\n"
                              "B,3000,0,\n"
                              "Far,,,0\n");
        cr_assert(strstr(errout, "points.csv:4: point 'Far' not snapped: no road within 1000 m"),
                  "stderr: %s", errout);
        free(out);
        free(errout);
    }
    snprintf(args, sizeof args,
             "matrix --map %s/tests/maps/fixtures/oneway.osm --points %s --crs " EQC
             " --format json",
             test_root(), pts);
    char *out = NULL;
    cr_assert_eq(test_run_jincun(args, &out, NULL), 0);
    cr_assert(strstr(out, "\"time_s\": [\n  [\n   0,\n   120,\n   null\n  ]"), "%s", out);
    cr_assert(strstr(out, "\"reason\": \"no road within 1000 m\""), "%s", out);
    free(out);
    free(pts);
    test_rmtree(dir);
    free(dir);
}
