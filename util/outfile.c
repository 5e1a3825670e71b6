/* outfile.c — atomic output files by temporary name, fsync and rename(). The temporary file is
 * made with open(O_CREAT | O_EXCL, 0666) rather than mkstemp, because mkstemp's 0600 would have
 * to be widened afterwards, and the only way to learn the umask for that is to set it, which
 * changes it for every thread of the process. SPDX-License-Identifier: MIT */
#include "util/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/mem.h"

#define NAME_TRIES 100 /* temporary names tried before giving up (each one existed) */

struct outfile {
    char *path; /* the target */
    char *tmp;  /* the temporary name in the same directory, created by outfile_open */
    FILE *fp;   /* open on tmp, NULL once closed */
};

/* splitmix64 (Steele et al. 2014): a well-mixed 64-bit value from any input. */
static uint64_t mix(uint64_t x)
{
    x += UINT64_C(0x9E3779B97F4A7C15);
    x = (x ^ (x >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    x = (x ^ (x >> 27)) * UINT64_C(0x94D049BB133111EB);
    return x ^ (x >> 31);
}

/* Writes six letters or digits to out, different for each (process, time, handle, try). The
 * name needs only to be unlikely to exist: O_EXCL decides, and a clash means another try. */
static void random_suffix(char out[7], const void *salt, unsigned try)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    struct timespec ts = {0};
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t x =
        mix((uint64_t)getpid() ^ mix((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec) ^
            mix((uint64_t)(uintptr_t)salt + try));
    for (int i = 0; i < 6; i++) {
        out[i] = alphabet[x % 62];
        x /= 62;
    }
    out[6] = '\0';
}

outfile *outfile_open(const char *path, err *e)
{
    /* The temporary file must be in the target's directory: rename() is atomic only within
     * one file system. */
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = path + dirlen;
    if (!*base) {
        err_set(e, ERR_IO, "%s: not a file name", path);
        return NULL;
    }
    outfile *of = xcalloc(1, sizeof *of);
    size_t n = strlen(path) + 16;
    of->tmp = xmalloc(n);
    int fd = -1;
    for (unsigned try = 0; fd < 0 && try < NAME_TRIES; try++) {
        char suffix[7];
        random_suffix(suffix, of, try);
        snprintf(of->tmp, n, "%.*s.%s.%s", (int)dirlen, path, base, suffix);
        /* 0666: open applies the umask, exactly as for a file made by fopen(path, "w"). */
        fd = open(of->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        err_set(e, ERR_IO, "%s: cannot create a temporary file next to it: %s", path,
                strerror(errno));
        free(of->tmp);
        free(of);
        return NULL;
    }
    of->fp = fdopen(fd, "w");
    if (!of->fp) {
        err_set(e, ERR_IO, "%s: %s", of->tmp, strerror(errno));
        close(fd);
        unlink(of->tmp);
        free(of->tmp);
        free(of);
        return NULL;
    }
    of->path = xstrdup(path);
    return of;
}

FILE *outfile_fp(outfile *of)
{
    return of->fp;
}

static void release(outfile *of)
{
    free(of->path);
    free(of->tmp);
    free(of);
}

err_code outfile_commit(outfile *of, err *e)
{
    if (!of)
        return ERR_IO;
    /* ferror covers every earlier write; fflush and fsync the data still in flight. */
    int saved = 0;
    const char *what = NULL;
    if (ferror(of->fp)) {
        what = "write failed"; /* the failed write's errno is long gone */
    } else if (fflush(of->fp) != 0) {
        what = "write failed";
        saved = errno;
    } else if (fsync(fileno(of->fp)) != 0) {
        what = "cannot sync to disk";
        saved = errno;
    }
    if (fclose(of->fp) != 0 && !what) {
        what = "write failed";
        saved = errno;
    }
    of->fp = NULL;
    if (!what && rename(of->tmp, of->path) != 0) {
        err_set(e, ERR_IO, "%s: cannot rename %s into place: %s", of->path, of->tmp,
                strerror(errno));
        unlink(of->tmp);
        release(of);
        return ERR_IO;
    }
    if (what) {
        if (saved)
            err_set(e, ERR_IO, "%s: %s: %s", of->path, what, strerror(saved));
        else
            err_set(e, ERR_IO, "%s: %s", of->path, what);
        unlink(of->tmp);
        release(of);
        return ERR_IO;
    }
    release(of);
    return ERR_OK;
}

void outfile_abort(outfile *of)
{
    if (!of)
        return;
    if (of->fp)
        fclose(of->fp);
    unlink(of->tmp);
    release(of);
}

err_code outfile_mkdir(const char *path, err *e)
{
    if (mkdir(path, 0777) == 0)
        return ERR_OK;
    int saved = errno;
    struct stat st;
    if (saved == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return ERR_OK;
    if (saved == EEXIST)
        return err_set(e, ERR_IO, "%s: exists and is not a directory", path);
    return err_set(e, ERR_IO, "%s: cannot create directory: %s", path, strerror(saved));
}

char *outfile_mkdtemp(const char *path, err *e)
{
    size_t n = strlen(path) + 16;
    char *dir = xmalloc(n);
    for (unsigned try = 0; try < NAME_TRIES; try++) {
        char suffix[7];
        random_suffix(suffix, dir, try);
        snprintf(dir, n, "%s.tmp-%s", path, suffix);
        if (mkdir(dir, 0777) == 0) /* the umask applies, as for outfile_open's files */
            return dir;
        if (errno != EEXIST)
            break;
    }
    err_set(e, ERR_IO, "%s: cannot create a temporary folder next to it: %s", path,
            strerror(errno));
    free(dir);
    return NULL;
}
