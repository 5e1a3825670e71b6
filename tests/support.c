/* support.c — test helpers (see support.h). SPDX-License-Identifier: MIT */
#include "tests/support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/mem.h"

const char *test_root(void)
{
    const char *r = getenv("JINCUN_ROOT");
    return r && *r ? r : ".";
}

const char *test_shared_dir(void)
{
    static char buf[4096]; /* set once per process; tests are single-threaded */
    const char *s = getenv("JINCUN_SHARED");
    if (s && *s)
        return s;
    snprintf(buf, sizeof buf, "%s/../shared", test_root());
    return buf;
}

const char *test_shared_path(char *buf, size_t size, const char *rel)
{
    snprintf(buf, size, "%s/%s", test_shared_dir(), rel);
    struct stat st;
    return stat(buf, &st) == 0 ? buf : NULL;
}

int test_write_file(const char *dir, const char *name, const char *text)
{
    size_t n = (dir ? strlen(dir) + 1 : 0) + strlen(name) + 1;
    char *path = xmalloc(n);
    snprintf(path, n, "%s%s%s", dir ? dir : "", dir ? "/" : "", name);
    FILE *f = fopen(path, "wb");
    free(path);
    if (!f)
        return -1;
    int bad = fputs(text, f) == EOF;
    bad |= fclose(f) != 0;
    return bad ? -1 : 0;
}

char *test_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = xmalloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
    }
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

char *test_tmpdir(void)
{
    const char *t = getenv("TMPDIR");
    char tmpl[4096];
    snprintf(tmpl, sizeof tmpl, "%s/jincun-test-XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(tmpl))
        return NULL;
    return xstrdup(tmpl);
}

void test_rmtree(const char *dir)
{
    if (!dir || !*dir || !strcmp(dir, "/"))
        return;
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "test_rmtree: could not remove %s\n", dir);
}

int test_run_jincun(const char *args, char **out, char **errout)
{
    const char *bin = getenv("JINCUN_BIN");
    char defbin[4096];
    if (!bin || !*bin) {
        snprintf(defbin, sizeof defbin, "%s/build/jincun", test_root());
        bin = defbin;
    }
    char *dir = test_tmpdir();
    if (!dir)
        return -1;
    char fo[4200], fe[4200], cmd[16384];
    snprintf(fo, sizeof fo, "%s/out", dir);
    snprintf(fe, sizeof fe, "%s/err", dir);
    snprintf(cmd, sizeof cmd, "'%s' %s >'%s' 2>'%s' </dev/null", bin, args, fo, fe);
    int st = system(cmd);
    if (out)
        *out = test_slurp(fo, NULL);
    if (errout)
        *errout = test_slurp(fe, NULL);
    test_rmtree(dir);
    free(dir);
    if (st == -1 || !WIFEXITED(st))
        return -1;
    return WEXITSTATUS(st);
}
