/* path.h — joining file-system paths, the one place that decides how a folder and a name make
 * a path. SPDX-License-Identifier: MIT */
#ifndef UTIL_PATH_H
#define UTIL_PATH_H

/* Returns "dir/name" (caller frees): one '/' between them, none added when dir is empty or
 * already ends with '/'. name is appended as it is, even when it starts with '/', so a name
 * read from a file can never point outside dir by being absolute (a name with ".." still
 * can: check such names first). join("gpx", "") is "gpx/". Arguments are borrowed. */
char *path_join(const char *dir, const char *name);

/* A path written in a file that lives in dir (a map named in settings.ini): an absolute rel is
 * returned as it is, a relative one is joined to dir with path_join. Caller frees. */
char *path_resolve(const char *dir, const char *rel);

#endif
