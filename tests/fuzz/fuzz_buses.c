/* fuzz_buses.c — fuzz harness: a scenario's buses.csv (io/scenario/buses.c), the other files of
 * the folder fixed and valid. SPDX-License-Identifier: MIT */
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_buses(data, size);
    return 0;
}
