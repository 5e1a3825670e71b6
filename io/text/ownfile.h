/* ownfile.h — one output file (`-o FILE`) under the project's rule: jincun replaces only files
 * it wrote itself. Every folder jincun writes such a file into keeps a hidden list,
 * OWNFILE_LIST, of the files it wrote there with the size and a checksum of what it wrote. An
 * existing FILE is replaced only when the list holds it and it is unchanged since, so neither a
 * file of the user's nor one the user edited after jincun wrote it is lost. The list is kept
 * beside the file rather than as a marker inside it, because most of these formats (CSV, a
 * Cordeau .res, a CVRPLIB .sol) have no room for one, and a marker would travel with a copy the
 * user makes to work on. A run is checked before any long work (ownfile_open), written into a
 * temporary folder next to FILE (ownfile_begin) and put in place (ownfile_commit).
 * SPDX-License-Identifier: MIT */
#ifndef IO_TEXT_OWNFILE_H
#define IO_TEXT_OWNFILE_H

#include <stdbool.h>
#include <stdint.h>

#include "util/err.h"
#include "util/log.h"

#define OWNFILE_LIST ".jincun-files"      /* the list, in the folder of FILE */
#define OWNFILE_FORMAT "# jincun-files 1" /* its first line; other first lines are refused */

/* The list holds one line per file: its name in the folder, a tab, its size in bytes, a tab,
 * and the FNV-1a 64-bit hash of its bytes as 16 lower-case hex digits. Lines starting with '#'
 * are comments. A name may have two lines while a file is being replaced. */

/* ownfile_open flags. */
enum {
    /* FILE may be a file of the user's (the scenario's stops.csv for `geocode --in-place`):
     * jincun then keeps it as FILE.bak, which must not exist, instead of refusing. */
    OWNFILE_BACKUP = 1u << 0,
};

typedef struct ownfile ownfile;

/* Checks that path can take this run's output file, before the run does any long work, and
 * returns a handle for ownfile_begin and ownfile_commit (caller frees with ownfile_free).
 * path may name:
 *  - no file, in an existing folder that can be written;
 *  - a regular file that the folder's OWNFILE_LIST holds with its present size and checksum;
 *  - with OWNFILE_BACKUP, any other file (not a folder) when path.bak does not exist.
 * Anything else is refused with ERR_USAGE and a message that names the file, says why and what
 * to do: an empty name or one ending in '/'; a name starting with ".jincun"; a missing parent
 * folder; a folder that cannot be written; a folder; a symbolic link, device or pipe; a file
 * the list does not hold; a file changed since jincun wrote it; an unreadable list or one of
 * another format; with OWNFILE_BACKUP, an existing path.bak. An existing file may be read
 * whole, to compare its checksum. lg (may be NULL) gets warnings (ignored list lines). */
err_code ownfile_open(const char *path, unsigned flags, const logger *lg, ownfile **of, err *e);

/* The file as given to ownfile_open. */
const char *ownfile_path(const ownfile *of);

/* Creates the temporary folder "<folder>/.jincun.tmp-XXXXXX" and returns the path to write the
 * new file to (owned by of, valid until ownfile_free): a file of the same name inside it, so
 * a writer that looks at the name (".gz") behaves the same. NULL with ERR_IO on failure. */
const char *ownfile_begin(ownfile *of, err *e);

/* Puts the file written at ownfile_begin's path in place. It checks the target again (a file
 * that appeared or changed meanwhile is refused, ERR_USAGE, and nothing changes); adds the new
 * file to the list (keeping the old line, so a crash leaves the file recognised either way);
 * with OWNFILE_BACKUP and a file that is not jincun's, makes path.bak a hard link to it (or
 * renames it there, where the file system has no hard links); renames the new file onto path
 * (a new file is linked, so one made meanwhile is never replaced); rewrites the list without
 * the old line and without files that no longer exist. ERR_USAGE (conflict), ERR_IO (write,
 * rename, link), ERR_INTERNAL (no file written, or called before ownfile_begin). */
err_code ownfile_commit(ownfile *of, err *e);

/* The backup ownfile_commit made ("FILE.bak"), or NULL when it made none. */
const char *ownfile_backup(const ownfile *of);

/* Removes the temporary folder and what is in it, and frees of. NULL is a no-op. */
void ownfile_free(ownfile *of);

/* The FNV-1a 64-bit hash and the size of the file at path, read in chunks (any size).
 * ERR_IO naming the file when it cannot be read. */
err_code ownfile_fingerprint(const char *path, uint64_t *size, uint64_t *hash, err *e);

#endif
