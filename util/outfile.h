/* outfile.h — atomic output files: write to a temporary name in the target's directory, fsync,
 * and rename() it over the target only when everything was written, so a reader never sees a
 * half-written file and a failed write leaves the previous file in place. Every file jincun
 * writes goes through here, so they all get the same permissions: 0666 less the user's umask
 * (0644 with the usual umask 022), like a file made by fopen. The process umask is never
 * changed. SPDX-License-Identifier: MIT */
#ifndef UTIL_OUTFILE_H
#define UTIL_OUTFILE_H

#include <stdio.h>

#include "util/err.h"

typedef struct outfile outfile;

/* Creates a new temporary file ".NAME.XXXXXX" (six random letters or digits; the leading dot
 * keeps it out of globs such as gpx/ *.gpx) next to path, with mode 0666 & ~umask, and opens
 * it for writing. It never opens an existing file: a name that exists is skipped for another.
 * Returns the handle (the caller ends it with outfile_commit or outfile_abort) or NULL with
 * ERR_IO (path names a directory, or the folder is missing or not writable). path is copied. */
outfile *outfile_open(const char *path, err *e);

/* The stream to write to; valid until outfile_commit or outfile_abort. */
FILE *outfile_fp(outfile *of);

/* Flushes, checks that every write succeeded, fsyncs (so after a crash path holds either the
 * old or the whole new content, never an empty file), closes, renames the temporary file onto
 * path and frees the handle. The directory itself is not synced: a crash right after may
 * bring the old file back, which is still whole. On failure removes the temporary file (and
 * nothing else: path is untouched) and returns ERR_IO. of may be NULL (then ERR_IO, e not
 * changed, for `return outfile_commit(outfile_open(...), e)` chains). */
err_code outfile_commit(outfile *of, err *e);

/* Closes and removes the temporary file and frees the handle; NULL is a no-op. */
void outfile_abort(outfile *of);

/* Creates directory path if it does not exist (one level, mode 0777 & ~umask). ERR_IO if it
 * cannot be created or exists as something other than a directory. */
err_code outfile_mkdir(const char *path, err *e);

/* Creates a new empty directory "PATH.tmp-XXXXXX" next to path (six random letters or digits),
 * mode 0777 & ~umask, for output that is renamed onto path once complete. Returns its name
 * (caller frees) or NULL with ERR_IO. */
char *outfile_mkdtemp(const char *path, err *e);

#endif
