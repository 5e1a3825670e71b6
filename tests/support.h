/* support.h — helpers shared by the Criterion tests: where the repo, the binary and
 * ../shared are, and running the jincun binary. SPDX-License-Identifier: MIT */
#ifndef TESTS_SUPPORT_H
#define TESTS_SUPPORT_H

#include <stddef.h>

/* Repository root (JINCUN_ROOT set by `make test`, else "."). */
const char *test_root(void);

/* Path to the shared material: JINCUN_SHARED, else ROOT/../shared. */
const char *test_shared_dir(void);

/* Writes "SHARED/rel" into buf and returns buf when that file exists, NULL otherwise; the
 * caller then skips with cr_skip_test naming the file (tests never pass vacuously). */
const char *test_shared_path(char *buf, size_t size, const char *rel);

/* Skips the current test with a clear message when the shared file is missing, else fills
 * buf. Use: TEST_SHARED_OR_SKIP(path, "osm/andorra.osm.pbf"); */
#define TEST_SHARED_OR_SKIP(buf, rel)                                                              \
    do {                                                                                           \
        if (!test_shared_path((buf), sizeof(buf), (rel)))                                          \
            cr_skip_test("needs %s/%s (shared material absent)", test_shared_dir(), (rel));        \
    } while (0)

/* Runs the jincun binary (JINCUN_BIN) with the given argument string through /bin/sh;
 * stdout and stderr are captured into freshly allocated strings (caller frees; either may be
 * NULL to discard). Returns the exit status, or -1 if it could not run or was killed. */
int test_run_jincun(const char *args, char **out, char **errout);

/* Makes a fresh temporary directory under $TMPDIR (or /tmp); caller removes it with
 * test_rmtree. Returns a malloc'd path. */
char *test_tmpdir(void);
void test_rmtree(const char *dir);

/* Writes text to DIR/NAME (or to NAME when dir is NULL), replacing the file. Returns 0, or -1
 * if it cannot be written (callers assert on it, naming the file). */
int test_write_file(const char *dir, const char *name, const char *text);

/* Reads a whole file into a malloc'd NUL-terminated string, NULL if unreadable. */
char *test_slurp(const char *path, size_t *len);

#endif
