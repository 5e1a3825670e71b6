/* outfile.h — atomic output files: write to a temporary name in the target's directory and
 * rename() it over the target only when everything was written, so a reader never sees a
 * half-written file and a failed export leaves the previous file in place.
 * SPDX-License-Identifier: MIT */
#ifndef IO_TEXT_OUTFILE_H
#define IO_TEXT_OUTFILE_H

#include <stdio.h>

#include "util/err.h"

typedef struct outfile outfile;

/* Creates a uniquely named temporary file ".NAME.XXXXXX" next to path, opened for writing.
 * Returns the handle (caller ends it with outfile_commit or outfile_abort) or NULL with
 * ERR_IO. path is copied. */
outfile *outfile_open(const char *path, err *e);

/* The stream to write to; valid until commit or abort. */
FILE *outfile_fp(outfile *of);

/* Flushes, checks every write succeeded, syncs nothing (exports are re-creatable), closes and
 * renames the temporary file to the target path, then frees the handle. On failure removes
 * the temporary file and returns ERR_IO. of may be NULL (then returns ERR_IO without a
 * message change). */
err_code outfile_commit(outfile *of, err *e);

/* Closes and removes the temporary file and frees the handle; NULL is a no-op. */
void outfile_abort(outfile *of);

/* Creates directory path if it does not exist (one level, mode 0777 & ~umask). ERR_IO if it
 * cannot be created or exists as something other than a directory. */
err_code outfile_mkdir(const char *path, err *e);

#endif
