/* outdir.h — the folder a command writes its outputs into (`-o DIR`), under one rule: jincun
 * replaces or removes only files it wrote itself. Every folder jincun writes keeps a hidden
 * list of them, OUTDIR_MANIFEST; the next run into the same folder replaces or removes only
 * listed files and leaves every other file where it is. A run is checked before any long work
 * (outdir_open), written into a temporary folder (outdir_begin), then put in place
 * (outdir_commit). SPDX-License-Identifier: MIT */
#ifndef IO_TEXT_OUTDIR_H
#define IO_TEXT_OUTDIR_H

#include <stdbool.h>
#include <stddef.h>

#include "util/err.h"
#include "util/log.h"

#define OUTDIR_MANIFEST ".jincun-outputs"  /* the list, in the top of the folder */
#define OUTDIR_FORMAT "# jincun-outputs 1" /* its first line; other first lines are refused */
#define OUTDIR_TMP_BASE ".jincun"          /* ".jincun.tmp-XXXXXX": temporary folder inside */

/* The list holds one path per line, relative to the folder: a file ("plan.json",
 * "gpx/mon-van01.gpx") or a sub-folder jincun created ("gpx/", removed only when empty).
 * Lines starting with '#' are comments. */

typedef struct outdir outdir;

/* Checks that path can take this run's outputs, before the run does any long work, and
 * returns a handle for outdir_begin and outdir_commit (caller frees with outdir_free).
 * shapes[0..n_shapes) are the names the run may write, each a file name ("plan.json") or a
 * sub-folder, then a star and an extension (gpx/ then *.gpx: the files of that extension in
 * gpx/); they are borrowed and must outlive the handle. Listed files that match no shape are kept
 * and stay listed. path may be:
 *  - absent, in an existing folder: the run creates it (the parent must be writable);
 *  - an empty folder;
 *  - a folder with a readable OUTDIR_MANIFEST in which every existing file that matches a
 *    shape is listed.
 * Anything else is refused with ERR_USAGE and a message that names the folder or file, why,
 * and what to do: an empty path; a missing parent; a file; a folder that cannot be written; a
 * non-empty folder without the list (one holding plan.json gets its own message: a plan of an
 * older jincun); an unreadable list or one of another format; a file named like an output
 * that the list does not hold. lg (may be NULL) gets warnings (ignored list lines). */
err_code outdir_open(const char *path, const char *const *shapes, size_t n_shapes, const logger *lg,
                     outdir **od, err *e);

/* The folder as given to outdir_open, without trailing '/'. */
const char *outdir_path(const outdir *od);

/* Creates the temporary folder the run writes its outputs into and returns its path (owned by
 * od, valid until outdir_free): "<path>.tmp-XXXXXX" next to a folder that does not exist yet,
 * else "<path>/.jincun.tmp-XXXXXX" inside it (util/outfile.h, outfile_mkdtemp). Files and
 * sub-folders written there must match the shapes, with no name starting with '.'. NULL with ERR_IO
 * on failure. */
const char *outdir_begin(outdir *od, err *e);

/* Puts the temporary folder's files in place. A folder that did not exist is made by renaming
 * the temporary folder (with its list), so it appears complete or not at all. Into an existing
 * folder: (1) each new file whose target exists must be listed, else ERR_USAGE and nothing is
 * changed; (2) the list is rewritten to hold the old and the new files; (3) each file is
 * renamed onto its target (atomic per file); (4) listed files that match a shape but were not
 * written this time are removed (sub-folders only when empty); (5) the list is rewritten with
 * what the folder now holds of jincun's. Nothing here polls for interrupts, so a SIGINT cannot
 * leave a mix; a crash or an I/O error in (3) can, with every file of both runs listed.
 * ERR_IO (rename, write), ERR_USAGE (conflict), ERR_INTERNAL (a file outside the shapes). */
err_code outdir_commit(outdir *od, err *e);

/* Removes the temporary folder unless committed, and frees od. NULL is a no-op. */
void outdir_free(outdir *od);

/* True when rel (a path in a manifest, "gpx/mon-van01.gpx" or "gpx/") matches shape. */
bool outdir_shape_match(const char *shape, const char *rel);

#endif
