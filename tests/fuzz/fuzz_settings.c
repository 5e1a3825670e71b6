/* fuzz_settings.c — fuzz harness: a scenario's settings.ini (io/scenario/scenario.c), the other
 * files of the folder fixed and valid. SPDX-License-Identifier: MIT */
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_scenario("settings.ini", data, size);
    return 0;
}
