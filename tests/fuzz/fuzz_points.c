/* fuzz_points.c — fuzz harness: the points file of `jincun matrix --points`
 * (io/cli/cmd_matrix.c over io/text/csvread.c). The points are read before the map; the
 * road profile named here does not exist, so a file that reads well stops there (exit 1)
 * instead of loading a map. SPDX-License-Identifier: MIT */
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *points = fuzz_write("points.csv", data, size);
    const char *argv[] = {"jincun",   "matrix",    "--map",
                          "map.osm",  "--profile", "/nonexistent/jincun-fuzz.profile",
                          "--points", points,      NULL};
    static const int ok[] = {1, 2}; /* 1: the missing profile; 2: bad points */
    fuzz_expect_status(fuzz_cli(argv), ok, 2);
    return 0;
}
