/* test_ownfile.c — single output files: a file jincun wrote is replaced, a file of the user's
 * (or one the user changed since) is refused before any work and at commit, and survives byte
 * for byte; --in-place's backup. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/text/ownfile.h"
#include "tests/support.h"
#include "util/mem.h"

static char *path_of(const char *dir, const char *rel)
{
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *p = xmalloc(n);
    snprintf(p, n, "%s/%s", dir, rel);
    return p;
}

static void put(const char *dir, const char *rel, const char *text)
{
    char *p = path_of(dir, rel);
    cr_assert_eq(test_write_file(NULL, p, text), 0, "cannot write %s", p);
    free(p);
}

/* The content of DIR/REL, or NULL when it does not exist (caller frees). */
static char *get(const char *dir, const char *rel)
{
    char *p = path_of(dir, rel);
    char *t = test_slurp(p, NULL);
    free(p);
    return t;
}

static void expect_content(const char *dir, const char *rel, const char *want)
{
    char *t = get(dir, rel);
    cr_expect(t && !strcmp(t, want), "%s holds '%s', expected '%s'", rel, t ? t : "(none)", want);
    free(t);
}

/* Names in dir, sorted, one per line ("" when empty). */
static char *listing(const char *dir)
{
    char cmd[4400];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | LC_ALL=C sort", dir);
    FILE *f = popen(cmd, "r");
    cr_assert_not_null(f);
    size_t cap = 4096, n = 0, got;
    char *out = xmalloc(cap);
    while ((got = fread(out + n, 1, cap - n - 1, f)) > 0)
        n += got;
    out[n] = '\0';
    pclose(f);
    return out;
}

static void expect_listing(const char *dir, const char *want)
{
    char *ls = listing(dir);
    cr_expect_str_eq(ls, want);
    free(ls);
}

/* The list's lines that are not comments, joined with '\n' ("" without a list). */
static char *entries(const char *dir)
{
    char *m = get(dir, OWNFILE_LIST);
    char *out = xcalloc(1, m ? strlen(m) + 1 : 1);
    for (char *line = m, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (*line != '#') {
            strcat(out, line);
            strcat(out, "\n");
        }
    }
    free(m);
    return out;
}

/* One whole run writing text to dir/name; returns the first error. */
static err_code run(const char *dir, const char *name, unsigned flags, const char *text, err *e)
{
    char *p = path_of(dir, name);
    ownfile *of = NULL;
    err_code rc = ownfile_open(p, flags, NULL, &of, e);
    free(p);
    if (rc != ERR_OK) {
        cr_expect_null(of);
        return rc;
    }
    const char *tmp = ownfile_begin(of, e);
    cr_assert_not_null(tmp, "%s", e->msg);
    cr_assert_eq(test_write_file(NULL, tmp, text), 0);
    rc = ownfile_commit(of, e);
    ownfile_free(of);
    return rc;
}

Test(ownfile, fingerprint_is_fnv1a_64_and_the_size)
{
    char *dir = test_tmpdir();
    static const struct {
        const char *text;
        uint64_t hash;
    } known[] = {{"", UINT64_C(0xcbf29ce484222325)},
                 {"a", UINT64_C(0xaf63dc4c8601ec8c)},
                 {"foobar", UINT64_C(0x85944171f73967e8)}};
    for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
        put(dir, "f", known[i].text);
        char *p = path_of(dir, "f");
        uint64_t size = 99, hash = 0;
        err e = {0};
        cr_expect_eq(ownfile_fingerprint(p, &size, &hash, &e), ERR_OK, "%s", e.msg);
        cr_expect_eq(size, strlen(known[i].text));
        cr_expect_eq(hash, known[i].hash, "'%s': %016llx", known[i].text, (unsigned long long)hash);
        free(p);
    }
    char *p = path_of(dir, "missing");
    uint64_t size, hash;
    err e = {0};
    cr_expect_eq(ownfile_fingerprint(p, &size, &hash, &e), ERR_IO);
    cr_expect_not_null(strstr(e.msg, "missing"), "%s", e.msg);
    free(p);
    test_rmtree(dir);
    free(dir);
}

Test(ownfile, a_new_file_is_written_and_listed_with_size_and_checksum)
{
    char *dir = test_tmpdir();
    err e = {0};
    cr_assert_eq(run(dir, "out.res", 0, "a", &e), ERR_OK, "%s", e.msg);
    expect_content(dir, "out.res", "a");
    char *m = get(dir, OWNFILE_LIST);
    cr_assert_not_null(m);
    cr_expect(!strncmp(m, OWNFILE_FORMAT "\n", strlen(OWNFILE_FORMAT) + 1), "%s", m);
    free(m);
    char *en = entries(dir);
    cr_expect_str_eq(en, "out.res\t1\taf63dc4c8601ec8c\n");
    free(en);
    expect_listing(dir, ".jincun-files\nout.res\n"); /* no temporary folder left */
    test_rmtree(dir);
    free(dir);
}

Test(ownfile, a_file_jincun_wrote_is_replaced_and_listed_once)
{
    char *dir = test_tmpdir();
    err e = {0};
    cr_assert_eq(run(dir, "out.res", 0, "first", &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(run(dir, "other.sol", 0, "x", &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(run(dir, "out.res", 0, "foobar", &e), ERR_OK, "%s", e.msg);
    expect_content(dir, "out.res", "foobar");
    char *en = entries(dir);
    cr_expect_str_eq(en, "other.sol\t1\t" /* "x" */ "af63f54c86021707\nout.res\t6\t"
                         "85944171f73967e8\n");
    free(en);
    expect_listing(dir, ".jincun-files\nother.sol\nout.res\n");
    test_rmtree(dir);
    free(dir);
}

Test(ownfile, a_users_file_is_refused_at_open_and_survives)
{
    char *dir = test_tmpdir();
    put(dir, "mine.sol", "Route #1: 1 2\nCost 10\n");
    err e = {0};
    cr_expect_eq(run(dir, "mine.sol", 0, "new", &e), ERR_USAGE);
    cr_expect_not_null(strstr(e.msg, "mine.sol exists and jincun did not write it"), "%s", e.msg);
    cr_expect_not_null(strstr(e.msg, "move it away, or choose another -o"), "%s", e.msg);
    expect_content(dir, "mine.sol", "Route #1: 1 2\nCost 10\n");
    expect_listing(dir, "mine.sol\n"); /* no list, no temporary folder */

    /* listed under another name only: still the user's */
    cr_assert_eq(run(dir, "jincuns.sol", 0, "j", &e), ERR_OK, "%s", e.msg);
    cr_expect_eq(run(dir, "mine.sol", 0, "new", &e), ERR_USAGE);
    expect_content(dir, "mine.sol", "Route #1: 1 2\nCost 10\n");
    test_rmtree(dir);
    free(dir);
}

Test(ownfile, a_file_changed_since_jincun_wrote_it_is_refused)
{
    char *dir = test_tmpdir();
    err e = {0};
    cr_assert_eq(run(dir, "g.csv", 0, "id,lon\n1,2\n", &e), ERR_OK, "%s", e.msg);
    put(dir, "g.csv", "id,lon\n1,3\n"); /* same size, other bytes */
    cr_expect_eq(run(dir, "g.csv", 0, "new", &e), ERR_USAGE);
    cr_expect_not_null(strstr(e.msg, "g.csv has changed since jincun wrote it"), "%s", e.msg);
    expect_content(dir, "g.csv", "id,lon\n1,3\n");
    put(dir, "g.csv", "id,lon\n1,2\n# note\n"); /* another size */
    cr_expect_eq(run(dir, "g.csv", 0, "new", &e), ERR_USAGE);
    expect_content(dir, "g.csv", "id,lon\n1,2\n# note\n");
    put(dir, "g.csv", "id,lon\n1,2\n"); /* back as jincun wrote it: jincun's again */
    cr_expect_eq(run(dir, "g.csv", 0, "new", &e), ERR_OK, "%s", e.msg);
    expect_content(dir, "g.csv", "new");
    test_rmtree(dir);
    free(dir);
}

/* Another program makes or changes the file between ownfile_open and ownfile_commit. */
Test(ownfile, a_file_made_or_changed_during_the_run_is_kept)
{
    char *dir = test_tmpdir(), *p = path_of(dir, "out.res");
    err e = {0};
    ownfile *of = NULL;
    cr_assert_eq(ownfile_open(p, 0, NULL, &of, &e), ERR_OK, "%s", e.msg);
    const char *tmp = ownfile_begin(of, &e);
    cr_assert_not_null(tmp);
    cr_assert_eq(test_write_file(NULL, tmp, "new"), 0);
    put(dir, "out.res", "mine");
    cr_expect_eq(ownfile_commit(of, &e), ERR_USAGE);
    cr_expect_not_null(strstr(e.msg, "nothing written"), "%s", e.msg);
    ownfile_free(of);
    expect_content(dir, "out.res", "mine");
    expect_listing(dir, "out.res\n");

    cr_assert_eq(unlink(p), 0);
    cr_assert_eq(run(dir, "out.res", 0, "old", &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(ownfile_open(p, 0, NULL, &of, &e), ERR_OK, "%s", e.msg);
    tmp = ownfile_begin(of, &e);
    cr_assert_eq(test_write_file(NULL, tmp, "new"), 0);
    put(dir, "out.res", "edit");
    cr_expect_eq(ownfile_commit(of, &e), ERR_USAGE);
    cr_expect_not_null(strstr(e.msg, "changed since jincun wrote it"), "%s", e.msg);
    ownfile_free(of);
    expect_content(dir, "out.res", "edit");
    expect_listing(dir, ".jincun-files\nout.res\n");
    test_rmtree(dir);
    free(dir);
    free(p);
}

Test(ownfile, a_run_that_does_not_commit_leaves_the_folder_as_it_was)
{
    char *dir = test_tmpdir(), *p = path_of(dir, "out.res");
    err e = {0};
    ownfile *of = NULL;
    cr_assert_eq(ownfile_open(p, 0, NULL, &of, &e), ERR_OK, "%s", e.msg);
    const char *tmp = ownfile_begin(of, &e);
    cr_assert_not_null(tmp);
    cr_expect(strstr(tmp, "/.jincun.tmp-") && !strcmp(strrchr(tmp, '/'), "/out.res"), "%s", tmp);
    cr_assert_eq(test_write_file(NULL, tmp, "new"), 0);
    ownfile_free(of);
    expect_listing(dir, "");
    test_rmtree(dir);
    free(dir);
    free(p);
}

Test(ownfile, backup_keeps_the_users_file_and_is_never_replaced)
{
    char *dir = test_tmpdir();
    put(dir, "stops.csv", "id,lon\nA,\n");
    char *p = path_of(dir, "stops.csv");
    err e = {0};
    ownfile *of = NULL;
    cr_assert_eq(ownfile_open(p, OWNFILE_BACKUP, NULL, &of, &e), ERR_OK, "%s", e.msg);
    const char *tmp = ownfile_begin(of, &e);
    cr_assert_eq(test_write_file(NULL, tmp, "id,lon\nA,1\n"), 0);
    cr_assert_eq(ownfile_commit(of, &e), ERR_OK, "%s", e.msg);
    cr_assert_not_null(ownfile_backup(of));
    cr_expect(strstr(ownfile_backup(of), "stops.csv.bak"));
    ownfile_free(of);
    expect_content(dir, "stops.csv", "id,lon\nA,1\n");
    expect_content(dir, "stops.csv.bak", "id,lon\nA,\n");
    char *en = entries(dir);
    cr_expect(!strncmp(en, "stops.csv\t11\t", 13), "the backup is not listed: %s", en);
    free(en);

    /* again: stops.csv is jincun's now, so it is replaced and the backup stays the user's */
    cr_assert_eq(ownfile_open(p, OWNFILE_BACKUP, NULL, &of, &e), ERR_OK, "%s", e.msg);
    tmp = ownfile_begin(of, &e);
    cr_assert_eq(test_write_file(NULL, tmp, "id,lon\nA,2\n"), 0);
    cr_assert_eq(ownfile_commit(of, &e), ERR_OK, "%s", e.msg);
    cr_expect_null(ownfile_backup(of));
    ownfile_free(of);
    expect_content(dir, "stops.csv", "id,lon\nA,2\n");
    expect_content(dir, "stops.csv.bak", "id,lon\nA,\n");

    /* the user edits stops.csv: it needs a backup, and stops.csv.bak is taken */
    put(dir, "stops.csv", "id,lon\nA,5\n");
    cr_expect_eq(ownfile_open(p, OWNFILE_BACKUP, NULL, &of, &e), ERR_USAGE);
    cr_expect_null(of);
    cr_expect_not_null(strstr(e.msg, "stops.csv.bak already exists"), "%s", e.msg);
    expect_content(dir, "stops.csv", "id,lon\nA,5\n");
    expect_content(dir, "stops.csv.bak", "id,lon\nA,\n");
    expect_listing(dir, ".jincun-files\nstops.csv\nstops.csv.bak\n");
    test_rmtree(dir);
    free(dir);
    free(p);
}

Test(ownfile, a_backup_that_appears_during_the_run_is_kept)
{
    char *dir = test_tmpdir();
    put(dir, "stops.csv", "user");
    char *p = path_of(dir, "stops.csv");
    err e = {0};
    ownfile *of = NULL;
    cr_assert_eq(ownfile_open(p, OWNFILE_BACKUP, NULL, &of, &e), ERR_OK, "%s", e.msg);
    const char *tmp = ownfile_begin(of, &e);
    cr_assert_eq(test_write_file(NULL, tmp, "new"), 0);
    put(dir, "stops.csv.bak", "other");
    cr_expect_eq(ownfile_commit(of, &e), ERR_USAGE);
    ownfile_free(of);
    expect_content(dir, "stops.csv", "user");
    expect_content(dir, "stops.csv.bak", "other");
    test_rmtree(dir);
    free(dir);
    free(p);
}

Test(ownfile, unusable_paths_are_refused_before_any_work)
{
    char *dir = test_tmpdir();
    put(dir, "f", "x");
    char *sub = path_of(dir, "sub");
    cr_assert_eq(mkdir(sub, 0755), 0);
    char *link = path_of(dir, "link");
    cr_assert_eq(symlink("f", link), 0);
    static const struct {
        const char *rel; /* NULL: the empty name */
        const char *says;
    } bad[] = {
        {NULL, "empty name"},
        {"sub/", "names a folder"},
        {"sub", "is a folder"},
        {"missing/out.res", "folder"},
        {"f/out.res", "is not a folder"},
        {"link", "not a regular file"},
        {".jincun-files", "names starting with .jincun"},
        {".jincun.tmp-abc", "names starting with .jincun"},
        {"sub/..", "not a file name jincun writes"},
        {"tab\there", "not a file name jincun writes"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *p = bad[i].rel ? path_of(dir, bad[i].rel) : xstrdup("");
        err e = {0};
        ownfile *of = NULL;
        cr_expect_eq(ownfile_open(p, 0, NULL, &of, &e), ERR_USAGE, "%s", p);
        cr_expect_null(of);
        cr_expect_not_null(strstr(e.msg, bad[i].says), "%s: %s", p, e.msg);
        free(p);
    }
    expect_content(dir, "f", "x");
    expect_listing(dir, "f\nlink\nsub\n");
    test_rmtree(dir);
    free(dir);
    free(sub);
    free(link);
}

Test(ownfile, a_list_of_another_format_is_refused)
{
    char *dir = test_tmpdir();
    err e = {0};
    put(dir, OWNFILE_LIST, "hello\nout.res\t1\taf63dc4c8601ec8c\n");
    put(dir, "out.res", "a");
    cr_expect_eq(run(dir, "out.res", 0, "b", &e), ERR_USAGE);
    cr_expect_not_null(strstr(e.msg, "first line is not"), "%s", e.msg);
    put(dir, OWNFILE_LIST, "# jincun-files 2\nout.res\t1\taf63dc4c8601ec8c\n");
    cr_expect_eq(run(dir, "out.res", 0, "b", &e), ERR_USAGE);
    cr_expect_not_null(strstr(e.msg, "another version of jincun (format '2'"), "%s", e.msg);
    put(dir, OWNFILE_LIST, "");
    cr_expect_eq(run(dir, "new.res", 0, "b", &e), ERR_USAGE);
    cr_expect_not_null(strstr(e.msg, "is empty"), "%s", e.msg);
    expect_content(dir, "out.res", "a");
    /* a line that is not name, size, checksum is ignored: the file is not recognised */
    put(dir, OWNFILE_LIST, OWNFILE_FORMAT "\nout.res\n\nout.res 1 af63dc4c8601ec8c\n");
    cr_expect_eq(run(dir, "out.res", 0, "b", &e), ERR_USAGE);
    cr_expect_not_null(strstr(e.msg, "did not write it"), "%s", e.msg);
    put(dir, OWNFILE_LIST, OWNFILE_FORMAT "\n\nout.res\t1\taf63dc4c8601ec8c\n");
    cr_expect_eq(run(dir, "out.res", 0, "b", &e), ERR_OK, "%s", e.msg);
    expect_content(dir, "out.res", "b");
    test_rmtree(dir);
    free(dir);
}

Test(ownfile, lines_of_files_that_are_gone_are_dropped)
{
    char *dir = test_tmpdir();
    err e = {0};
    cr_assert_eq(run(dir, "a.res", 0, "a", &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(run(dir, "b.res", 0, "b", &e), ERR_OK, "%s", e.msg);
    char *p = path_of(dir, "a.res");
    cr_assert_eq(unlink(p), 0);
    free(p);
    cr_assert_eq(run(dir, "b.res", 0, "a", &e), ERR_OK, "%s", e.msg);
    char *en = entries(dir);
    cr_expect_str_eq(en, "b.res\t1\taf63dc4c8601ec8c\n");
    free(en);
    test_rmtree(dir);
    free(dir);
}

/* A folder its user cannot write: refused at ownfile_open. Root writes anywhere, so the check
 * runs in a child that gives up root when it has it. */
Test(ownfile, a_folder_that_cannot_be_written_is_refused_at_open)
{
    char *dir = test_tmpdir();
    char *ro = path_of(dir, "ro"), *p = path_of(dir, "ro/out.res");
    cr_assert_eq(mkdir(ro, 0755), 0);
    cr_assert_eq(chmod(dir, 0755), 0);
    cr_assert_eq(chmod(ro, 0555), 0);
    pid_t pid = fork();
    cr_assert_neq(pid, -1);
    if (pid == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(10);
        err e = {0};
        ownfile *of = NULL;
        _exit(ownfile_open(p, 0, NULL, &of, &e) == ERR_USAGE && strstr(e.msg, "cannot write in")
                  ? 0
                  : 1);
    }
    int status;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert(WIFEXITED(status));
    cr_expect_neq(WEXITSTATUS(status), 10, "could not give up root");
    cr_expect_eq(WEXITSTATUS(status), 0);
    chmod(ro, 0755);
    test_rmtree(dir);
    free(dir);
    free(ro);
    free(p);
}
