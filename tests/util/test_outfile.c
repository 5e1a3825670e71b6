/* test_outfile.c — util/outfile: atomic output files, their permissions, and what a failure
 * leaves behind. SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE /* syscall */
#include <criterion/criterion.h>
#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tests/support.h"
#include "util/outfile.h"

/* Every umask() call of this process (one test = one process) comes here: the test binary's
 * definition wins over libc's for the library linked into it, so a writer that set the umask,
 * even only to read it and put it back, is caught. */
static unsigned umask_calls;

mode_t umask(mode_t mask)
{
    umask_calls++;
    return (mode_t)syscall(SYS_umask, mask);
}

/* Names in dir, sorted, joined by spaces ("" for none), for exact comparisons. */
static char *listing(const char *dir)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    cr_assert_geq(n, 0, "cannot list %s", dir);
    size_t cap = 1;
    for (int i = 0; i < n; i++)
        cap += strlen(names[i]->d_name) + 1;
    char *s = calloc(cap, 1);
    for (int i = 0; i < n; i++) {
        if (strcmp(names[i]->d_name, ".") && strcmp(names[i]->d_name, "..")) {
            if (*s)
                strcat(s, " ");
            strcat(s, names[i]->d_name);
        }
        free(names[i]);
    }
    free(names);
    return s;
}

static err_code write_text(const char *path, const char *text, err *e)
{
    outfile *of = outfile_open(path, e);
    if (!of)
        return ERR_IO;
    fputs(text, outfile_fp(of));
    return outfile_commit(of, e);
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    cr_assert_eq(stat(path, &st), 0, "stat %s", path);
    return st.st_mode & 07777;
}

Test(outfile, replaces_the_target_and_leaves_nothing_else)
{
    char *dir = test_tmpdir();
    char path[512];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    cr_assert_eq(test_write_file(dir, "out.txt", "old\n"), 0);
    err e = {0};
    cr_assert_eq(write_text(path, "new content\n", &e), ERR_OK, "%s", e.msg);
    char *got = test_slurp(path, NULL);
    cr_expect_str_eq(got, "new content\n");
    char *ls = listing(dir);
    cr_expect_str_eq(ls, "out.txt");
    free(ls);
    free(got);
    test_rmtree(dir);
    free(dir);
}

/* The file gets 0666 less the umask, as fopen would give it, and the umask is never touched. */
static void check_mode_under(mode_t mask, mode_t want)
{
    char *dir = test_tmpdir();
    char path[512];
    snprintf(path, sizeof path, "%s/f.csv", dir);
    umask(mask);
    umask_calls = 0;
    err e = {0};
    cr_assert_eq(write_text(path, "x\n", &e), ERR_OK, "%s", e.msg);
    cr_expect_eq(mode_of(path), want, "umask %03o: mode %03o, expected %03o", (unsigned)mask,
                 (unsigned)mode_of(path), (unsigned)want);
    /* a second write replaces the file: the mode comes from the umask again, not the old file */
    cr_assert_eq(chmod(path, 0600), 0);
    cr_assert_eq(write_text(path, "y\n", &e), ERR_OK, "%s", e.msg);
    cr_expect_eq(mode_of(path), want);
    cr_expect_eq(umask_calls, 0u, "the writer called umask() %u times", umask_calls);
    cr_expect_eq(umask(mask), mask, "the process umask changed");
    test_rmtree(dir);
    free(dir);
}

Test(outfile, mode_follows_the_umask_which_it_never_changes)
{
    check_mode_under(027, 0640);
    check_mode_under(022, 0644);
    check_mode_under(002, 0664);
    check_mode_under(077, 0600);
}

Test(outfile, failed_rename_removes_only_its_temporary_file)
{
    /* The target is a folder: the temporary file is written, the rename fails. */
    char *dir = test_tmpdir();
    char path[512], sub[512];
    snprintf(sub, sizeof sub, "%s/target", dir);
    cr_assert_eq(mkdir(sub, 0755), 0);
    cr_assert_eq(test_write_file(sub, "keep.txt", "mine\n"), 0);
    cr_assert_eq(test_write_file(dir, ".target.user", "a user's hidden file\n"), 0);
    snprintf(path, sizeof path, "%s/target", dir);
    err e = {0};
    cr_expect_eq(write_text(path, "data\n", &e), ERR_IO);
    cr_expect(strstr(e.msg, "target"), "message names the file: %s", e.msg);
    char *ls = listing(dir);
    cr_expect_str_eq(ls, ".target.user target");
    free(ls);
    ls = listing(sub);
    cr_expect_str_eq(ls, "keep.txt");
    free(ls);
    test_rmtree(dir);
    free(dir);
}

Test(outfile, failed_write_keeps_the_old_file_and_no_temporary)
{
    /* A file size limit makes the writes fail half-way, as a full disk would. */
    char *dir = test_tmpdir();
    char path[512];
    snprintf(path, sizeof path, "%s/big.txt", dir);
    cr_assert_eq(test_write_file(dir, "big.txt", "previous\n"), 0);
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit old, lim;
    cr_assert_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
    lim = old;
    lim.rlim_cur = 4096;
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
    err e = {0};
    outfile *of = outfile_open(path, &e);
    cr_assert(of, "%s", e.msg);
    for (int i = 0; i < 10000; i++)
        fputs("0123456789\n", outfile_fp(of));
    err_code rc = outfile_commit(of, &e);
    setrlimit(RLIMIT_FSIZE, &old);
    cr_expect_eq(rc, ERR_IO);
    cr_expect(strstr(e.msg, "big.txt"), "message names the file: %s", e.msg);
    char *got = test_slurp(path, NULL);
    cr_expect_str_eq(got, "previous\n");
    free(got);
    char *ls = listing(dir);
    cr_expect_str_eq(ls, "big.txt");
    free(ls);
    test_rmtree(dir);
    free(dir);
}

Test(outfile, abort_removes_the_temporary_file)
{
    char *dir = test_tmpdir();
    char path[512];
    snprintf(path, sizeof path, "%s/a.json", dir);
    err e = {0};
    outfile *of = outfile_open(path, &e);
    cr_assert(of, "%s", e.msg);
    fputs("{", outfile_fp(of));
    char *ls = listing(dir);
    cr_expect_eq(strncmp(ls, ".a.json.", 8), 0, "a hidden temporary file while writing: %s", ls);
    cr_expect_eq(strlen(ls), strlen(".a.json.") + 6);
    free(ls);
    outfile_abort(of);
    outfile_abort(NULL);
    ls = listing(dir);
    cr_expect_str_eq(ls, "");
    free(ls);
    test_rmtree(dir);
    free(dir);
}

Test(outfile, open_in_a_missing_folder_fails_cleanly)
{
    char *dir = test_tmpdir();
    char path[512];
    snprintf(path, sizeof path, "%s/no-such-folder/x.txt", dir);
    err e = {0};
    cr_expect_null(outfile_open(path, &e));
    cr_expect_eq(e.code, ERR_IO);
    cr_expect(strstr(e.msg, "x.txt"), "%s", e.msg);
    cr_expect_eq(outfile_commit(NULL, &e), ERR_IO);
    snprintf(path, sizeof path, "%s/", dir);
    cr_expect_null(outfile_open(path, &e), "a folder path is not a file name");
    char *ls = listing(dir);
    cr_expect_str_eq(ls, "");
    free(ls);
    test_rmtree(dir);
    free(dir);
}

Test(outfile, mkdir_accepts_a_folder_and_refuses_a_file)
{
    char *dir = test_tmpdir();
    char path[512];
    snprintf(path, sizeof path, "%s/sub", dir);
    err e = {0};
    cr_expect_eq(outfile_mkdir(path, &e), ERR_OK, "%s", e.msg);
    cr_expect_eq(outfile_mkdir(path, &e), ERR_OK, "an existing folder is fine");
    cr_assert_eq(test_write_file(dir, "file", "x"), 0);
    snprintf(path, sizeof path, "%s/file", dir);
    cr_expect_eq(outfile_mkdir(path, &e), ERR_IO);
    cr_expect(strstr(e.msg, "not a directory"), "%s", e.msg);
    test_rmtree(dir);
    free(dir);
}

Test(outfile, mkdtemp_makes_a_new_folder_by_the_umask)
{
    char *dir = test_tmpdir();
    char path[512];
    snprintf(path, sizeof path, "%s/plan", dir);
    umask(027);
    umask_calls = 0;
    err e = {0};
    char *a = outfile_mkdtemp(path, &e), *b = outfile_mkdtemp(path, &e);
    cr_assert(a && b, "%s", e.msg);
    cr_expect_neq(strcmp(a, b), 0, "two calls, two folders");
    cr_expect_eq(strncmp(a, path, strlen(path)), 0);
    cr_expect_eq(strncmp(a + strlen(path), ".tmp-", 5), 0, "%s", a);
    cr_expect_eq(strlen(a), strlen(path) + 5 + 6);
    cr_expect_eq(mode_of(a), 0750);
    cr_expect_eq(umask_calls, 0u);
    snprintf(path, sizeof path, "%s/missing/plan", dir);
    cr_expect_null(outfile_mkdtemp(path, &e));
    cr_expect_eq(e.code, ERR_IO);
    free(a);
    free(b);
    test_rmtree(dir);
    free(dir);
}
