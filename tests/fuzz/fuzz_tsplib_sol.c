/* fuzz_tsplib_sol.c — fuzz harness: the CVRPLIB solution (.sol) as `jincun check` reads
 * it (io/instances/tsplib.c: tsplib_sol_load and tsplib_sol_to_solution), checked against a fixed
 * valid counterpart (tests/fuzz/check.h). SPDX-License-Identifier: MIT */
#include "tests/fuzz/check.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_run("tsplib", "t.vrp", "t.sol", "t.sol", CHECK_TSPLIB_VRP, data, size);
    return 0;
}
