/* fuzz_cordeau_res.c — fuzz harness: the Cordeau solution (.res) as `jincun check` reads
 * it (io/instances/cordeau.c: cordeau_res_load and cordeau_res_to_solution), checked against a
 * fixed valid counterpart (tests/fuzz/check.h). SPDX-License-Identifier: MIT */
#include "tests/fuzz/check.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_run("cordeau", "p.txt", "p.res", "p.res", CHECK_CORDEAU_TXT, data, size);
    return 0;
}
