/* test_txt.c — the whitespace-token reader shared by the Cordeau and TSPLIB loaders: the list
 * of numbers on the rest of a line. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/text/txt.h"
#include "tests/support.h"

/* Writes text to a file in a fresh temporary directory *dir and opens it. */
static void open_text(txt *t, char **dir, char *path, size_t size, const char *text)
{
    *dir = test_tmpdir();
    cr_assert_not_null(*dir);
    snprintf(path, size, "%s/in.txt", *dir);
    cr_assert_eq(test_write_file(NULL, path, text), 0, "%s", path);
    err e = {0};
    cr_assert_eq(txt_open(t, path, &e), ERR_OK, "%s", e.msg);
}

Test(txt, u32_line_reads_to_the_end_of_the_line_or_the_first_zero)
{
    txt t;
    char *dir, path[4200];
    open_text(&t, &dir, path, sizeof path,
              "route 3 1 0 7\n  4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20\n");
    err e = {0};
    uint32_t *v, n;
    bool zero;
    size_t len;
    cr_assert_not_null(txt_next(&t, false, &len));
    cr_assert_eq(txt_u32_line(&t, "customer", true, &v, &n, &zero, &e), ERR_OK, "%s", e.msg);
    cr_expect(zero);
    cr_assert_eq(n, 2);
    cr_expect(v[0] == 3 && v[1] == 1);
    free(v);
    cr_assert_eq(txt_u32_line(&t, "customer", false, &v, &n, &zero, &e), ERR_OK, "%s", e.msg);
    cr_expect(!zero);
    cr_assert_eq(n, 1, "rest of line 1 only");
    cr_expect_eq(v[0], 7);
    free(v);
    cr_assert_not_null(txt_next(&t, false, &len)); /* "4" on line 2 */
    cr_assert_eq(txt_u32_line(&t, "customer", true, &v, &n, &zero, &e), ERR_OK, "%s", e.msg);
    cr_expect(!zero, "no 0 on the line");
    cr_assert_eq(n, 16, "grows past its first 16 slots");
    for (uint32_t i = 0; i < n; i++)
        cr_expect_eq(v[i], i + 5);
    free(v);
    cr_expect(txt_at_eol(&t));
    txt_close(&t);
    test_rmtree(dir);
    free(dir);
}

Test(txt, u32_line_error_names_file_line_and_field)
{
    txt t;
    char *dir, path[4200];
    open_text(&t, &dir, path, sizeof path, "\nR 1 2 x3 4\n");
    err e = {0};
    uint32_t *v = (uint32_t *)&e, n = 9;
    bool zero;
    size_t len;
    cr_assert_not_null(txt_next(&t, false, &len));
    cr_expect_eq(txt_u32_line(&t, "customer", true, &v, &n, &zero, &e), ERR_PARSE);
    cr_expect_null(v);
    cr_expect_eq(n, 0);
    char want[4300];
    snprintf(want, sizeof want, "%s:2: field 'customer'", path);
    cr_expect(strstr(e.msg, want) && strstr(e.msg, "'x3'"), "%s", e.msg);
    txt_close(&t);
    test_rmtree(dir);
    free(dir);
}

/* Found by fuzzing (tests/fuzz/corpus/tsplib_sol): a NUL byte ended a token without consuming
 * it, so the numbers of a line were read as endless zeros. */
Test(txt, nul_byte_is_refused_with_its_line)
{
    char *dir = test_tmpdir();
    cr_assert_not_null(dir);
    char path[4200];
    snprintf(path, sizeof path, "%s/in.sol", dir);
    static const char text[] = "Route #1: 1 2\nRoute #2: \0\0003 2 1\n";
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "%s", path);
    cr_assert_eq(fwrite(text, 1, sizeof text - 1, f), sizeof text - 1);
    cr_assert_eq(fclose(f), 0);
    txt t;
    err e = {0};
    cr_assert_eq(txt_open(&t, path, &e), ERR_PARSE);
    char want[4300];
    snprintf(want, sizeof want, "%s:2: NUL byte", path);
    cr_expect(strstr(e.msg, want), "%s", e.msg);
    txt_close(&t);
    test_rmtree(dir);
    free(dir);
}

Test(txt, u32_out_of_range_says_so_with_the_maximum)
{
    txt t;
    char *dir, path[4200];
    open_text(&t, &dir, path, sizeof path, "4294967295\n4294967296 99999999999999999999x\n");
    err e = {0};
    uint32_t v = 0;
    cr_assert_eq(txt_u32(&t, false, "n", &v, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(v, UINT32_MAX);
    cr_assert_eq(txt_u32(&t, false, "n", &v, &e), ERR_PARSE);
    char want[4300];
    snprintf(want, sizeof want, "%s:2: field 'n': '4294967296' is out of range (max 4294967295)",
             path);
    cr_assert_str_eq(e.msg, want);
    /* digits then a letter: not a number at all, however long */
    cr_assert_eq(txt_u32(&t, false, "n", &v, &e), ERR_PARSE);
    cr_assert_not_null(strstr(e.msg, "expected a non-negative integer, got '9999"), "%s", e.msg);
    txt_close(&t);
    test_rmtree(dir);
    free(dir);
}

Test(txt, a_directory_is_named_as_one)
{
    char *dir = test_tmpdir();
    txt t;
    err e = {0};
    cr_assert_eq(txt_open(&t, dir, &e), ERR_USAGE);
    cr_assert_not_null(strstr(e.msg, ": is a directory, not a file"), "%s", e.msg);
    test_rmtree(dir);
    free(dir);
}
