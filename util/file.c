/* file.c — reading a whole file into memory. SPDX-License-Identifier: MIT */
#include "util/file.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/mem.h"

static void too_large(const char *path, size_t max, err *e)
{
    if (max >= (1u << 20))
        err_set(e, ERR_PARSE, "%s: larger than %zu MiB, the most this file may have", path,
                max >> 20);
    else
        err_set(e, ERR_PARSE, "%s: larger than %zu KiB, the most this file may have", path,
                max >> 10);
}

char *file_read_max(const char *path, size_t max, size_t *len, err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0) {
        err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
        fclose(f);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        err_set(e, ERR_USAGE, "%s: %s", path,
                S_ISDIR(st.st_mode) ? "is a directory, not a file"
                                    : "not a regular file (a device, pipe or socket); give a file");
        fclose(f);
        return NULL;
    }
    if ((uint64_t)st.st_size > max) {
        too_large(path, max, e);
        fclose(f);
        return NULL;
    }
    /* the size may change while reading: read at most max bytes whatever fstat said */
    size_t cap = (size_t)st.st_size + 1 < (1 << 16) ? (1 << 16) : (size_t)st.st_size + 1, n = 0;
    char *buf = xmalloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n > max)
            break;
        if (n + 1 == cap)
            buf = xreallocarray(buf, cap *= 2, 1);
    }
    bool bad = ferror(f);
    fclose(f);
    if (n > max) {
        free(buf);
        too_large(path, max, e);
        return NULL;
    }
    if (bad) {
        free(buf);
        err_set(e, ERR_IO, "%s: read error", path);
        return NULL;
    }
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

char *file_read_all(const char *path, size_t *len, err *e)
{
    return file_read_max(path, FILE_READ_MAX, len, e);
}
