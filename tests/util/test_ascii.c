/* test_ascii.c — util/ascii: case-insensitive comparison of ASCII letters only.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>

#include "util/ascii.h"

Test(ascii, casecmp_folds_ascii_letters_only)
{
    cr_expect_eq(ascii_casecmp("Stop_ID", "stop_id"), 0);
    cr_expect_eq(ascii_casecmp("", ""), 0);
    cr_expect_eq(ascii_casecmp("中通 ZTO", "中通 zto"), 0);
    cr_expect_lt(ascii_casecmp("a", "B"), 0);
    cr_expect_gt(ascii_casecmp("b", "A"), 0);
    cr_expect_lt(ascii_casecmp("id", "ID2"), 0, "a prefix sorts first");
    cr_expect_gt(ascii_casecmp("Zone", "zon"), 0);
    /* Bytes outside A-Z are not folded: '[' (0x5B) and '{' (0x7B) differ, as do Ä and ä. */
    cr_expect_neq(ascii_casecmp("[", "{"), 0);
    cr_expect_neq(ascii_casecmp("Ä", "ä"), 0);
}
