/* test_ascii.c — util/ascii: case-insensitive comparison of ASCII letters only, edit distance
 * and the nearest keyword for "did you mean" hints.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

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

Test(ascii, distance_counts_insertions_deletions_and_substitutions)
{
    cr_expect_eq(ascii_distance("range_km", "range_km"), 0);
    cr_expect_eq(ascii_distance("range_kms", "range_km"), 1, "one insertion");
    cr_expect_eq(ascii_distance("rnge_km", "range_km"), 1, "one deletion");
    cr_expect_eq(ascii_distance("rangr_km", "range_km"), 1, "one substitution");
    cr_expect_eq(ascii_distance("Range_KM", "range_km"), 0, "ASCII case ignored");
    cr_expect_eq(ascii_distance("", "abc"), 3);
    cr_expect_eq(ascii_distance("kitten", "sitting"), 3);
    cr_expect_eq(ascii_distance("中通", "中通"), 0);
    cr_expect_eq(ascii_distance("中通", "申通"), 3, "bytes, not characters: 3 bytes differ");
    char longer[ASCII_DISTANCE_MAX + 2];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    cr_expect_eq(ascii_distance(longer, "a"), SIZE_MAX, "longer than the limit");
    longer[ASCII_DISTANCE_MAX] = '\0';
    cr_expect_eq(ascii_distance(longer, "a"), ASCII_DISTANCE_MAX - 1, "at the limit");
}

Test(ascii, nearest_suggests_only_likely_typos)
{
    static const char *const cols[] = {"id",       "depot",       "capacity", "shift_h",
                                       "range_km", "cost_per_km", "days"};
    cr_expect_eq(ascii_nearest("range_kms", cols, 7), 4);
    cr_expect_eq(ascii_nearest("capcity", cols, 7), 2);
    cr_expect_eq(ascii_nearest("DEPOTS", cols, 7), 1);
    cr_expect_eq(ascii_nearest("range_km", cols, 7), SIZE_MAX, "a known name is no typo");
    cr_expect_eq(ascii_nearest("colour", cols, 7), SIZE_MAX, "nothing near");
    cr_expect_eq(ascii_nearest("ix", cols, 7), 0, "short words: distance 1");
    cr_expect_eq(ascii_nearest("sf", (const char *const[]){"jd"}, 1), SIZE_MAX,
                 "distance 2 on a 2-letter word is no typo");
    cr_expect_eq(ascii_nearest("x", (const char *const[]){"y"}, 1), SIZE_MAX,
                 "the whole candidate replaced is no typo");
}
