/* file.h — reading a whole file into memory. SPDX-License-Identifier: MIT */
#ifndef UTIL_FILE_H
#define UTIL_FILE_H

#include <stddef.h>

#include "util/err.h"

/* Reads the file at path into a malloc'd buffer with a NUL byte after the last byte read
 * (the caller frees); *len (if non-NULL) gets the byte count. Returns NULL and fills e with
 * ERR_IO ("PATH: <strerror>" or "PATH: read error") on failure. */
char *file_read_all(const char *path, size_t *len, err *e);

#endif
