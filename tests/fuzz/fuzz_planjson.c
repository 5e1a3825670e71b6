/* fuzz_planjson.c — fuzz harness: plan.json as `jincun export` reads it
 * (io/plan/planjson.c over io/text/jval.c, jansson); a plan that loads is written back out.
 * SPDX-License-Identifier: MIT */
#include <stdlib.h>

#include "io/plan/planjson.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    err e = {0};
    plan *p = planjson_read(fuzz_write("plan.json", data, size), &e);
    if (!p) {
        fuzz_expect_failure(&e, ERR_PARSE, ERR_PARSE);
        return 0;
    }
    if (planjson_dump(p, fuzz_null(), &e) != ERR_OK)
        abort(); /* writing a plan that validated must not fail */
    plan_free(p);
    return 0;
}
