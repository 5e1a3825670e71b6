/* fuzz_cordeau.c — fuzz harness: the Cordeau PVRP instance (.txt) as `jincun check` reads
 * it (io/instances/cordeau.c: cordeau_load), checked against a fixed valid
 * counterpart (tests/fuzz/check.h). SPDX-License-Identifier: MIT */
#include "tests/fuzz/check.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_run("cordeau", "p.txt", "p.res", "p.txt", CHECK_CORDEAU_RES, data, size);
    return 0;
}
