/* path.c — joining file-system paths (see path.h). SPDX-License-Identifier: MIT */
#include "util/path.h"

#include <stdbool.h>
#include <string.h>

#include "util/mem.h"

char *path_join(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    bool slash = dl > 0 && dir[dl - 1] != '/';
    char *s = xmalloc(dl + slash + nl + 1);
    memcpy(s, dir, dl);
    if (slash)
        s[dl] = '/';
    memcpy(s + dl + slash, name, nl + 1);
    return s;
}

char *path_resolve(const char *dir, const char *rel)
{
    return rel[0] == '/' ? xstrdup(rel) : path_join(dir, rel);
}
