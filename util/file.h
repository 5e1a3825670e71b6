/* file.h — reading a whole file into memory. SPDX-License-Identifier: MIT */
#ifndef UTIL_FILE_H
#define UTIL_FILE_H

#include <stddef.h>

#include "util/err.h"

/* Largest file file_read_all reads: 256 MiB. */
#define FILE_READ_MAX ((size_t)256 << 20)

/* Reads the file at path into a malloc'd buffer with a NUL byte after the last byte read
 * (the caller frees); *len (if non-NULL) gets the byte count. Only regular files are read, and
 * at most max bytes, so a device such as /dev/zero or a huge file cannot exhaust the memory.
 * Returns NULL and fills e on failure: ERR_IO ("PATH: <strerror>"), ERR_USAGE ("PATH: is a
 * directory", "PATH: not a regular file (a device, pipe or socket)") or ERR_PARSE ("PATH:
 * larger than N MiB, the most this file may have"). */
char *file_read_max(const char *path, size_t max, size_t *len, err *e);

/* file_read_max with max = FILE_READ_MAX. */
char *file_read_all(const char *path, size_t *len, err *e);

#endif
