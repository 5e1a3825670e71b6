/* test_file.c — util/file: whole-file reads of regular files only, within a size limit.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support.h"
#include "util/file.h"

Test(file, reads_a_regular_file_whole)
{
    char *dir = test_tmpdir();
    cr_assert_eq(test_write_file(dir, "a.txt", "村\nline 2\n"), 0);
    char path[4096];
    snprintf(path, sizeof path, "%s/a.txt", dir);
    size_t len = 0;
    err e = {0};
    char *buf = file_read_all(path, &len, &e);
    cr_assert_not_null(buf, "%s", e.msg);
    cr_assert_eq(len, strlen("村\nline 2\n"));
    cr_assert_str_eq(buf, "村\nline 2\n");
    free(buf);
    test_rmtree(dir);
    free(dir);
}

Test(file, directories_and_devices_are_refused)
{
    char *dir = test_tmpdir();
    err e = {0};
    cr_assert_null(file_read_all(dir, NULL, &e));
    cr_assert_eq(e.code, ERR_USAGE);
    cr_assert_not_null(strstr(e.msg, ": is a directory, not a file"), "%s", e.msg);
    /* /dev/zero never ends: it must be refused, not read until memory runs out */
    cr_assert_null(file_read_all("/dev/zero", NULL, &e));
    cr_assert_eq(e.code, ERR_USAGE);
    cr_assert_str_eq(e.msg,
                     "/dev/zero: not a regular file (a device, pipe or socket); give a file");
    char path[4096];
    snprintf(path, sizeof path, "%s/missing.txt", dir);
    cr_assert_null(file_read_all(path, NULL, &e));
    cr_assert_eq(e.code, ERR_IO);
    cr_assert_not_null(strstr(e.msg, "No such file or directory"), "%s", e.msg);
    test_rmtree(dir);
    free(dir);
}

Test(file, a_file_over_the_limit_is_refused)
{
    char *dir = test_tmpdir();
    cr_assert_eq(test_write_file(dir, "b.txt", "0123456789"), 0);
    char path[4096];
    snprintf(path, sizeof path, "%s/b.txt", dir);
    err e = {0};
    size_t len = 0;
    char *buf = file_read_max(path, 10, &len, &e);
    cr_assert_not_null(buf, "exactly at the limit: %s", e.msg);
    cr_assert_eq(len, 10);
    free(buf);
    cr_assert_null(file_read_max(path, 9, &len, &e));
    cr_assert_eq(e.code, ERR_PARSE);
    cr_assert_not_null(strstr(e.msg, "b.txt: larger than 0 KiB, the most this file may have"), "%s",
                       e.msg);
    test_rmtree(dir);
    free(dir);
}
