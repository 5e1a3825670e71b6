/* test_outdir.c — output folders: which folders a run may write into, that a second run
 * replaces and removes only the files the list holds, and that every other file survives.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/text/outdir.h"
#include "tests/support.h"
#include "util/mem.h"

/* The outputs of a plan, as planner.c names them. */
static const char *const shapes[] = {"summary.txt", "routes.csv",    "stops.csv",    "plan.json",
                                     "gpx/*.gpx",   "sheets/*.html", "plan.geojson", "map.html"};
#define N_SHAPES (sizeof shapes / sizeof *shapes)

static char *path_of(const char *dir, const char *rel)
{
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *p = xmalloc(n);
    snprintf(p, n, "%s/%s", dir, rel);
    return p;
}

/* DIR/REL holds text (parent folders made as needed), or the test fails. */
static void put(const char *dir, const char *rel, const char *text)
{
    char *p = path_of(dir, rel);
    for (char *s = strchr(p + strlen(dir) + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        mkdir(p, 0755);
        *s = '/';
    }
    cr_assert_eq(test_write_file(NULL, p, text), 0, "cannot write %s", p);
    free(p);
}

static char *get(const char *dir, const char *rel)
{
    char *p = path_of(dir, rel);
    char *t = test_slurp(p, NULL);
    free(p);
    return t;
}

static bool exists(const char *dir, const char *rel)
{
    char *p = path_of(dir, rel);
    bool ok = access(p, F_OK) == 0;
    free(p);
    return ok;
}

/* Names in dir, sorted, one per line ("" when empty). */
static char *listing(const char *dir)
{
    char *out = NULL;
    char cmd[4400];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | LC_ALL=C sort", dir);
    FILE *f = popen(cmd, "r");
    cr_assert_not_null(f);
    size_t cap = 4096, n = 0;
    out = xmalloc(cap);
    size_t got;
    while ((got = fread(out + n, 1, cap - n - 1, f)) > 0)
        n += got;
    out[n] = '\0';
    pclose(f);
    return out;
}

/* One run: open, write the given files ("rel=text" pairs) into the temporary folder, commit. */
static err_code run(const char *dir, const char *const *sh, size_t n_sh, const char *const *files,
                    size_t n_files, err *e)
{
    outdir *od = NULL;
    err_code rc = outdir_open(dir, sh, n_sh, NULL, &od, e);
    if (rc != ERR_OK)
        return rc;
    const char *tmp = outdir_begin(od, e);
    cr_assert_not_null(tmp, "%s", e->msg);
    for (size_t i = 0; i < n_files; i++) {
        const char *eq = strchr(files[i], '=');
        char rel[256];
        snprintf(rel, sizeof rel, "%.*s", (int)(eq - files[i]), files[i]);
        put(tmp, rel, eq + 1);
    }
    rc = outdir_commit(od, e);
    outdir_free(od);
    return rc;
}

static const char *const plan_a[] = {"summary.txt=A", "plan.json=A", "gpx/mon-van01.gpx=A",
                                     "gpx/tue-van01.gpx=A", "map.html=A"};
static const char *const plan_b[] = {"summary.txt=B", "plan.json=B", "gpx/mon-van01.gpx=B",
                                     "sheets/mon-van01.html=B"};

Test(outdir, a_new_folder_gets_the_files_and_their_list)
{
    char *top = test_tmpdir(), *dir = path_of(top, "out");
    err e = {0};
    cr_assert_eq(run(dir, shapes, N_SHAPES, plan_a, 5, &e), ERR_OK, "%s", e.msg);
    char *m = get(dir, OUTDIR_MANIFEST);
    cr_assert_not_null(m);
    cr_expect(!strncmp(m, OUTDIR_FORMAT "\n", strlen(OUTDIR_FORMAT) + 1), "%s", m);
    const char *body = strstr(m, "\ngpx/\n");
    cr_assert_not_null(body, "%s", m);
    cr_expect_str_eq(body, "\ngpx/\ngpx/mon-van01.gpx\ngpx/tue-van01.gpx\nmap.html\nplan.json\n"
                           "summary.txt\n");
    free(m);
    char *ls = listing(top);
    cr_expect_str_eq(ls, "out\n", "no temporary folder left next to it");
    free(ls);
    test_rmtree(top);
    free(top);
    free(dir);
}

Test(outdir, a_second_run_replaces_only_listed_files_and_keeps_the_users)
{
    char *dir = test_tmpdir();
    err e = {0};
    cr_assert_eq(run(dir, shapes, N_SHAPES, plan_a, 5, &e), ERR_OK, "%s", e.msg);
    put(dir, "notes.txt", "mine");
    put(dir, "src/lib.py", "mine");
    put(dir, "gpx/notes.txt", "mine");
    put(dir, "gpx/.hidden.gpx", "mine");
    cr_assert_eq(run(dir, shapes, N_SHAPES, plan_b, 4, &e), ERR_OK, "%s", e.msg);
    static const char *const mine[] = {"notes.txt", "src/lib.py", "gpx/notes.txt",
                                       "gpx/.hidden.gpx"};
    for (size_t i = 0; i < sizeof mine / sizeof *mine; i++) {
        char *t = get(dir, mine[i]);
        cr_expect(t && !strcmp(t, "mine"), "%s survives unchanged", mine[i]);
        free(t);
    }
    static const char *const now_b[] = {"summary.txt", "plan.json", "gpx/mon-van01.gpx",
                                        "sheets/mon-van01.html"};
    for (size_t i = 0; i < sizeof now_b / sizeof *now_b; i++) {
        char *t = get(dir, now_b[i]);
        cr_expect(t && !strcmp(t, "B"), "%s replaced", now_b[i]);
        free(t);
    }
    cr_expect(!exists(dir, "gpx/tue-van01.gpx"), "the previous run's stale file is removed");
    cr_expect(!exists(dir, "map.html"), "the previous run's stale file is removed");
    char *m = get(dir, OUTDIR_MANIFEST);
    const char *body = strstr(m, "\ngpx/\n");
    cr_assert_not_null(body, "%s", m);
    cr_expect_str_eq(body, "\ngpx/\ngpx/mon-van01.gpx\nplan.json\nsheets/\nsheets/mon-van01.html\n"
                           "summary.txt\n");
    free(m);
    char *ls = listing(dir);
    cr_expect_str_eq(ls, ".jincun-outputs\ngpx\nnotes.txt\nplan.json\nsheets\nsrc\nsummary.txt\n",
                     "no temporary folder left inside");
    free(ls);
    test_rmtree(dir);
    free(dir);
}

Test(outdir, a_sub_folder_is_removed_only_when_jincun_made_it_and_it_is_empty)
{
    char *dir = test_tmpdir();
    err e = {0};
    cr_assert_eq(run(dir, shapes, N_SHAPES, plan_b, 4, &e), ERR_OK, "%s", e.msg);
    put(dir, "gpx/notes.txt", "mine");
    static const char *const only_summary[] = {"summary.txt=C"};
    cr_assert_eq(run(dir, shapes, N_SHAPES, only_summary, 1, &e), ERR_OK, "%s", e.msg);
    cr_expect(!exists(dir, "sheets"), "sheets/ was jincun's and is empty now");
    cr_expect(exists(dir, "gpx/notes.txt"), "gpx/ keeps the user's file");
    cr_expect(!exists(dir, "gpx/mon-van01.gpx"));
    char *m = get(dir, OUTDIR_MANIFEST);
    cr_expect_not_null(strstr(m, "\ngpx/\nsummary.txt\n"), "gpx/ stays listed: %s", m);
    free(m);
    test_rmtree(dir);
    free(dir);
}

Test(outdir, an_empty_folder_is_fine_and_a_users_folder_is_refused_untouched)
{
    char *dir = test_tmpdir();
    err e = {0};
    cr_assert_eq(run(dir, shapes, N_SHAPES, plan_b, 4, &e), ERR_OK, "empty folder: %s", e.msg);
    test_rmtree(dir);
    free(dir);

    dir = test_tmpdir();
    put(dir, "src/lib.py", "c");
    outdir *od = NULL;
    cr_expect_eq(outdir_open(dir, shapes, N_SHAPES, NULL, &od, &e), ERR_USAGE);
    cr_expect_null(od);
    cr_expect_not_null(strstr(e.msg, "not empty (it holds 'src')"), "%s", e.msg);
    cr_expect_not_null(strstr(e.msg, "choose another -o"), "%s", e.msg);
    char *ls = listing(dir);
    cr_expect_str_eq(ls, "src\n");
    free(ls);
    test_rmtree(dir);
    free(dir);
}

/* The reported bug: a folder with any plan.json used to be replaced whole. */
Test(outdir, a_plan_json_without_the_list_is_refused_untouched)
{
    char *dir = test_tmpdir();
    put(dir, "plan.json", "{\"x\":1}");
    put(dir, "src/lib.py", "c");
    err e = {0};
    outdir *od = NULL;
    cr_expect_eq(outdir_open(dir, shapes, N_SHAPES, NULL, &od, &e), ERR_USAGE);
    cr_expect_not_null(strstr(e.msg, "holds a plan.json but no " OUTDIR_MANIFEST), "%s", e.msg);
    cr_expect_not_null(strstr(e.msg, dir), "names the folder: %s", e.msg);
    char *ls = listing(dir);
    cr_expect_str_eq(ls, "plan.json\nsrc\n");
    free(ls);
    test_rmtree(dir);
    free(dir);
}

Test(outdir, an_unlisted_file_named_like_an_output_is_refused_before_and_at_commit)
{
    char *dir = test_tmpdir();
    err e = {0};
    cr_assert_eq(run(dir, shapes, N_SHAPES, plan_b, 4, &e), ERR_OK, "%s", e.msg);
    put(dir, "map.html", "my own map");
    outdir *od = NULL;
    cr_expect_eq(outdir_open(dir, shapes, N_SHAPES, NULL, &od, &e), ERR_USAGE);
    cr_expect_not_null(strstr(e.msg, "/map.html is not a file jincun wrote"), "%s", e.msg);
    /* a run that does not write map.html may go on */
    static const char *const gpx_only[] = {"gpx/*.gpx"};
    cr_expect_eq(outdir_open(dir, gpx_only, 1, NULL, &od, &e), ERR_OK, "%s", e.msg);
    outdir_free(od);
    char *t = get(dir, "map.html");
    cr_expect_str_eq(t, "my own map");
    free(t);
    /* in a sub-folder */
    put(dir, "sheets/wed-van09.html", "mine");
    cr_expect_eq(outdir_open(dir, gpx_only, 1, NULL, &od, &e), ERR_OK, "%s", e.msg);
    outdir_free(od);
    static const char *const sheets_only[] = {"sheets/*.html"};
    cr_expect_eq(outdir_open(dir, sheets_only, 1, NULL, &od, &e), ERR_USAGE);
    cr_expect_not_null(strstr(e.msg, "sheets/wed-van09.html is not a file jincun wrote"), "%s",
                       e.msg);
    /* A file that appears while the run works: the commit refuses and changes nothing. */
    cr_assert_eq(outdir_open(dir, gpx_only, 1, NULL, &od, &e), ERR_OK, "%s", e.msg);
    const char *tmp = outdir_begin(od, &e);
    cr_assert_not_null(tmp);
    put(tmp, "gpx/mon-van01.gpx", "C");
    put(tmp, "gpx/thu-van01.gpx", "C");
    put(dir, "gpx/thu-van01.gpx", "appeared");
    char *before = get(dir, OUTDIR_MANIFEST);
    cr_expect_eq(outdir_commit(od, &e), ERR_USAGE);
    cr_expect_not_null(strstr(e.msg, "gpx/thu-van01.gpx is not a file jincun wrote"), "%s", e.msg);
    outdir_free(od);
    t = get(dir, "gpx/mon-van01.gpx");
    cr_expect_str_eq(t, "B", "nothing installed");
    free(t);
    t = get(dir, OUTDIR_MANIFEST);
    cr_expect_str_eq(t, before, "list unchanged");
    free(t);
    free(before);
    char *ls = listing(dir);
    cr_expect_str_eq(ls, ".jincun-outputs\ngpx\nmap.html\nplan.json\nsheets\nsummary.txt\n",
                     "temporary folder removed");
    free(ls);
    test_rmtree(dir);
    free(dir);
}

Test(outdir, an_edited_list_cannot_reach_other_files)
{
    char *top = test_tmpdir(), *dir = path_of(top, "out");
    err e = {0};
    cr_assert_eq(run(dir, shapes, N_SHAPES, plan_b, 4, &e), ERR_OK, "%s", e.msg);
    put(top, "outside.gpx", "mine");
    put(dir, "src/lib.py", "mine");
    put(dir, ".hidden", "mine");
    put(dir, "gpx/.x.gpx", "mine");
    put(dir, "gpx/wed-van09.gpx", "was jincun's");
    put(dir, OUTDIR_MANIFEST,
        OUTDIR_FORMAT "\n../outside.gpx\n/etc/hostname\nsrc/lib.py\nsrc/\n.hidden\ngpx/.x.gpx\n"
                      "gpx/../../outside.gpx\ngpx/wed-van09.gpx\nplan.json\nsummary.txt\n"
                      "gpx/\ngpx/mon-van01.gpx\nsheets/\nsheets/mon-van01.html\n");
    static const char *const c[] = {"summary.txt=C", "plan.json=C"};
    cr_assert_eq(run(dir, shapes, N_SHAPES, c, 2, &e), ERR_OK, "%s", e.msg);
    cr_expect(exists(top, "outside.gpx"));
    cr_expect(exists(dir, "src/lib.py"), "listed but no output name: kept");
    cr_expect(exists(dir, ".hidden"));
    cr_expect(exists(dir, "gpx/.x.gpx"));
    cr_expect(!exists(dir, "gpx/wed-van09.gpx"), "listed and named like an output: removed");
    char *m = get(dir, OUTDIR_MANIFEST);
    cr_expect_not_null(strstr(m, "\nsrc/\nsrc/lib.py\n"), "kept as listed, not ours to drop: %s",
                       m);
    cr_expect_null(strstr(m, "outside"), "%s", m);
    cr_expect_null(strstr(m, "hidden"), "%s", m);
    free(m);
    test_rmtree(top);
    free(top);
    free(dir);
}

Test(outdir, a_list_of_another_format_is_refused)
{
    char *dir = test_tmpdir();
    err e = {0};
    outdir *od = NULL;
    put(dir, OUTDIR_MANIFEST, "# jincun-outputs 2\nplan.json\n");
    cr_expect_eq(outdir_open(dir, shapes, N_SHAPES, NULL, &od, &e), ERR_USAGE);
    cr_expect_not_null(strstr(e.msg, "another version of jincun (format '2'"), "%s", e.msg);
    put(dir, OUTDIR_MANIFEST, "plan.json\n");
    cr_expect_eq(outdir_open(dir, shapes, N_SHAPES, NULL, &od, &e), ERR_USAGE);
    cr_expect_not_null(strstr(e.msg, "first line is not"), "%s", e.msg);
    put(dir, OUTDIR_MANIFEST, "");
    cr_expect_eq(outdir_open(dir, shapes, N_SHAPES, NULL, &od, &e), ERR_USAGE);
    cr_expect_not_null(strstr(e.msg, "is empty"), "%s", e.msg);
    /* CRLF and comments are fine */
    put(dir, OUTDIR_MANIFEST, OUTDIR_FORMAT "\r\n# note\r\nplan.json\r\n\r\n");
    put(dir, "plan.json", "old");
    cr_expect_eq(outdir_open(dir, shapes, N_SHAPES, NULL, &od, &e), ERR_OK, "%s", e.msg);
    outdir_free(od);
    test_rmtree(dir);
    free(dir);
}

Test(outdir, unusable_paths_are_refused_before_any_work)
{
    char *dir = test_tmpdir();
    err e = {0};
    outdir *od = NULL;
    cr_expect_eq(outdir_open("", shapes, N_SHAPES, NULL, &od, &e), ERR_USAGE);
    cr_expect_not_null(strstr(e.msg, "empty name"), "%s", e.msg);
    char *p = path_of(dir, "missing/out");
    cr_expect_eq(outdir_open(p, shapes, N_SHAPES, NULL, &od, &e), ERR_USAGE);
    cr_expect_not_null(strstr(e.msg, "missing does not exist"), "%s", e.msg);
    free(p);
    put(dir, "file", "x");
    p = path_of(dir, "file");
    cr_expect_eq(outdir_open(p, shapes, N_SHAPES, NULL, &od, &e), ERR_USAGE);
    cr_expect_not_null(strstr(e.msg, "is not a folder"), "%s", e.msg);
    free(p);
    p = path_of(dir, "file/out");
    cr_expect_eq(outdir_open(p, shapes, N_SHAPES, NULL, &od, &e), ERR_USAGE);
    free(p);
    p = path_of(dir, "link");
    cr_assert_eq(symlink("nowhere", p), 0);
    cr_expect_eq(outdir_open(p, shapes, N_SHAPES, NULL, &od, &e), ERR_USAGE);
    cr_expect_not_null(strstr(e.msg, "symbolic link to nothing"), "%s", e.msg);
    free(p);
    cr_expect_null(od);
    char *ls = listing(dir);
    cr_expect_str_eq(ls, "file\nlink\n", "nothing created");
    free(ls);
    test_rmtree(dir);
    free(dir);
}

/* A folder its user cannot write: refused at outdir_open. Root writes anywhere, so the check
 * runs in a child that gives up root when it has it. */
Test(outdir, a_folder_that_cannot_be_written_is_refused_at_open)
{
    char *dir = test_tmpdir();
    char *ro = path_of(dir, "ro"), *sub = path_of(dir, "ro/out");
    cr_assert_eq(mkdir(ro, 0755), 0);
    cr_assert_eq(chmod(dir, 0755), 0);
    cr_assert_eq(chmod(ro, 0555), 0);
    pid_t pid = fork();
    cr_assert_neq(pid, -1);
    if (pid == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(10);
        err e = {0};
        outdir *od = NULL;
        int st = 0;
        if (outdir_open(ro, shapes, N_SHAPES, NULL, &od, &e) != ERR_USAGE ||
            !strstr(e.msg, "cannot write in"))
            st |= 1;
        if (outdir_open(sub, shapes, N_SHAPES, NULL, &od, &e) != ERR_USAGE ||
            !strstr(e.msg, "cannot write in"))
            st |= 2;
        _exit(st);
    }
    int status;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert(WIFEXITED(status));
    cr_expect_neq(WEXITSTATUS(status), 10, "could not give up root");
    cr_expect_eq(WEXITSTATUS(status) & 1, 0, "the read-only folder itself");
    cr_expect_eq(WEXITSTATUS(status) & 2, 0, "a new folder in it");
    chmod(ro, 0755);
    test_rmtree(dir);
    free(dir);
    free(ro);
    free(sub);
}

Test(outdir, a_run_that_does_not_commit_leaves_the_folder_as_it_was)
{
    char *top = test_tmpdir(), *dir = path_of(top, "out");
    err e = {0};
    outdir *od = NULL;
    cr_assert_eq(outdir_open(dir, shapes, N_SHAPES, NULL, &od, &e), ERR_OK, "%s", e.msg);
    const char *tmp = outdir_begin(od, &e);
    cr_assert_not_null(tmp);
    put(tmp, "plan.json", "half");
    outdir_free(od);
    char *ls = listing(top);
    cr_expect_str_eq(ls, "", "no folder, no temporary folder");
    free(ls);
    cr_assert_eq(run(dir, shapes, N_SHAPES, plan_b, 4, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(outdir_open(dir, shapes, N_SHAPES, NULL, &od, &e), ERR_OK, "%s", e.msg);
    tmp = outdir_begin(od, &e);
    put(tmp, "plan.json", "half");
    outdir_free(od);
    ls = listing(dir);
    cr_expect_str_eq(ls, ".jincun-outputs\ngpx\nplan.json\nsheets\nsummary.txt\n");
    free(ls);
    char *t = get(dir, "plan.json");
    cr_expect_str_eq(t, "B");
    free(t);
    test_rmtree(top);
    free(top);
    free(dir);
}

Test(outdir, a_file_outside_the_shapes_is_an_internal_error_and_nothing_moves)
{
    char *dir = test_tmpdir();
    err e = {0};
    static const char *const odd[] = {"plan.json=X", "notes.txt=X"};
    cr_expect_eq(run(dir, shapes, N_SHAPES, odd, 2, &e), ERR_INTERNAL);
    cr_expect_not_null(strstr(e.msg, "notes.txt: not one of the outputs"), "%s", e.msg);
    char *ls = listing(dir);
    cr_expect_str_eq(ls, "");
    free(ls);
    test_rmtree(dir);
    free(dir);
}

Test(outdir, shapes_match_files_and_their_folder)
{
    cr_expect(outdir_shape_match("plan.json", "plan.json"));
    cr_expect(!outdir_shape_match("plan.json", "plan.jsonx"));
    cr_expect(outdir_shape_match("gpx/*.gpx", "gpx/mon-van01.gpx"));
    cr_expect(outdir_shape_match("gpx/*.gpx", "gpx/"));
    cr_expect(!outdir_shape_match("gpx/*.gpx", "gpx/.gpx"));
    cr_expect(!outdir_shape_match("gpx/*.gpx", "gpx/.x.gpx"));
    cr_expect(!outdir_shape_match("gpx/*.gpx", "gpx/notes.txt"));
    cr_expect(!outdir_shape_match("gpx/*.gpx", "gpx/a/b.gpx"));
    cr_expect(!outdir_shape_match("gpx/*.gpx", "gpxx/a.gpx"));
    cr_expect(!outdir_shape_match("gpx/*.gpx", "sheets/a.gpx"));
}
