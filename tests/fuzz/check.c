/* check.c — the `jincun check` run of the benchmark-format harnesses (see check.h).
 * SPDX-License-Identifier: MIT */
#include "tests/fuzz/check.h"

#include <stdbool.h>
#include <string.h>

#include "tests/fuzz/fuzz.h"

void check_run(const char *format, const char *inst_name, const char *sol_name, const char *fuzzed,
               const char *fixed_text, const uint8_t *data, size_t size)
{
    bool inst_fuzzed = !strcmp(fuzzed, inst_name);
    const char *fixed = fuzz_write_text(inst_fuzzed ? sol_name : inst_name, fixed_text);
    const char *var = fuzz_write(fuzzed, data, size);
    const char *argv[] = {
        "jincun", "check", "--format", format, inst_fuzzed ? var : fixed, inst_fuzzed ? fixed : var,
        NULL};
    static const int ok[] = {0, 2, 3};
    fuzz_expect_status(fuzz_cli(argv), ok, 3);
}
