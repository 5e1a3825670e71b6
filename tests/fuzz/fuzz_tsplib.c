/* fuzz_tsplib.c — fuzz harness: the TSPLIB CVRP instance (.vrp) as `jincun check` reads
 * it (io/instances/tsplib.c: tsplib_load), checked against a fixed valid
 * counterpart (tests/fuzz/check.h). SPDX-License-Identifier: MIT */
#include "tests/fuzz/check.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_run("tsplib", "t.vrp", "t.sol", "t.vrp", CHECK_TSPLIB_SOL, data, size);
    return 0;
}
