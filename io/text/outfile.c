/* outfile.c — atomic output files by temporary name + rename(). SPDX-License-Identifier: MIT */
#include "io/text/outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/mem.h"

struct outfile {
    char *path; /* the target */
    char *tmp;  /* the temporary name in the same directory */
    FILE *fp;   /* open on tmp */
};

outfile *outfile_open(const char *path, err *e)
{
    /* The temporary file must be in the target's directory: rename() is atomic only within
     * one file system. A leading dot keeps it out of globs such as gpx/ *.gpx. */
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = path + dirlen;
    if (!*base) {
        err_set(e, ERR_IO, "%s: not a file name", path);
        return NULL;
    }
    size_t n = strlen(path) + 16;
    char *tmp = xmalloc(n);
    snprintf(tmp, n, "%.*s.%s.XXXXXX", (int)dirlen, path, base);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        err_set(e, ERR_IO, "%s: cannot create a temporary file: %s", tmp, strerror(errno));
        free(tmp);
        return NULL;
    }
    /* mkstemp makes the file 0600; outputs are meant to be shared like any other file. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    FILE *fp = fdopen(fd, "w");
    if (!fp) {
        err_set(e, ERR_IO, "%s: %s", tmp, strerror(errno));
        close(fd);
        unlink(tmp);
        free(tmp);
        return NULL;
    }
    outfile *of = xmalloc(sizeof *of);
    of->path = xstrdup(path);
    of->tmp = tmp;
    of->fp = fp;
    return of;
}

FILE *outfile_fp(outfile *of)
{
    return of->fp;
}

static void outfile_release(outfile *of)
{
    free(of->path);
    free(of->tmp);
    free(of);
}

err_code outfile_commit(outfile *of, err *e)
{
    if (!of)
        return ERR_IO;
    int bad = ferror(of->fp);
    int saved = errno;
    if (fclose(of->fp) != 0 && !bad) {
        bad = 1;
        saved = errno;
    }
    of->fp = NULL;
    if (bad) {
        err_set(e, ERR_IO, "%s: write failed: %s", of->path, strerror(saved));
        unlink(of->tmp);
        outfile_release(of);
        return ERR_IO;
    }
    if (rename(of->tmp, of->path) != 0) {
        err_set(e, ERR_IO, "%s: cannot rename %s into place: %s", of->path, of->tmp,
                strerror(errno));
        unlink(of->tmp);
        outfile_release(of);
        return ERR_IO;
    }
    outfile_release(of);
    return ERR_OK;
}

void outfile_abort(outfile *of)
{
    if (!of)
        return;
    if (of->fp)
        fclose(of->fp);
    unlink(of->tmp);
    outfile_release(of);
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
