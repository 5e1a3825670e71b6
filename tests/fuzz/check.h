/* check.h — the small benchmark instances and solutions the `jincun check` harnesses
 * (fuzz_cordeau*.c, fuzz_tsplib*.c) pair with the fuzzed file, and the run itself.
 * SPDX-License-Identifier: MIT */
#ifndef TESTS_FUZZ_CHECK_H
#define TESTS_FUZZ_CHECK_H

#include <stddef.h>
#include <stdint.h>

/* Cordeau: 2 vehicles a day, 3 customers, 2 days; the solution is valid (cost 6.8284). */
#define CHECK_CORDEAU_TXT                                                                          \
    "1 2 3 2\n0 100\n0 100\n0 0 0 0 0 0 0\n1 1 0 0 5 1 2 1 2\n2 0 1 0 5 2 1 3\n"                   \
    "3 1 1 0 5 1 1 2\n"
#define CHECK_CORDEAU_RES "6.83\n1 1 3.41 10 0 2 3 0\n2 1 3.41 10 0 1 2 0\n"

/* TSPLIB: depot and 3 customers, 2 vehicles of capacity 10; the solution is valid (15). */
#define CHECK_TSPLIB_VRP                                                                           \
    "NAME : T-n4-k2\nTYPE : CVRP\nDIMENSION : 4\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 10\n"       \
    "NODE_COORD_SECTION\n1 0 0\n2 3 4\n3 0 5\n4 1 1\nDEMAND_SECTION\n1 0\n2 4\n3 5\n4 6\n"         \
    "DEPOT_SECTION\n1\n-1\nEOF\n"
#define CHECK_TSPLIB_SOL "Route #1: 1 2\nRoute #2: 3\nCost 15\n"

/* Runs `jincun check --format FORMAT INSTANCE SOLUTION` with the fuzzed data as the file
 * named fuzzed (the instance or the solution name) and the fixed text as the other; aborts
 * unless the exit status is 0 (valid), 2 (unreadable input) or 3 (invalid solution). */
void check_run(const char *format, const char *inst_name, const char *sol_name, const char *fuzzed,
               const char *fixed_text, const uint8_t *data, size_t size);

#endif
