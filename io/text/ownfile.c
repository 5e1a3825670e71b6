/* ownfile.c — single output files that jincun lists beside them with their size and FNV-1a
 * checksum (see ownfile.h). SPDX-License-Identifier: MIT */
#define _XOPEN_SOURCE 700 /* nftw; before any header */
#include "io/text/ownfile.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/text/outdir.h"
#include "util/file.h"
#include "util/mem.h"
#include "util/outfile.h"
#include "util/path.h"
#include "util/vec.h"

typedef struct entry {
    char *name;    /* the file's name in the folder */
    uint64_t size; /* bytes jincun wrote */
    uint64_t hash; /* FNV-1a 64 of them */
} entry;

typedef VEC(entry) entvec;

struct ownfile {
    char *path;       /* as given */
    char *dir;        /* its folder: "." for a bare name */
    const char *name; /* its last part, inside path */
    char *list;       /* the list's path: "DIR/.jincun-files", ".jincun-files" for a bare name */
    char *bak;        /* "PATH.bak" */
    unsigned flags;   /* OWNFILE_* */
    const logger *lg;
    bool existed;     /* path existed at ownfile_open */
    bool own;         /* ... as a file of the list, unchanged */
    struct stat seen; /* its lstat then */
    char *tmpdir;     /* the temporary folder, NULL before ownfile_begin */
    char *tmp;        /* tmpdir/name */
    bool backed_up;   /* ownfile_commit made bak */
};

static void entvec_free(entvec *v)
{
    for (size_t i = 0; i < v->len; i++)
        free(v->data[i].name);
    VEC_FREE(v);
}

/* ---- checksum ------------------------------------------------------------------------------ */

#define FNV_OFFSET UINT64_C(0xcbf29ce484222325)
#define FNV_PRIME UINT64_C(0x100000001b3)

err_code ownfile_fingerprint(const char *path, uint64_t *size, uint64_t *hash, err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
    uint64_t h = FNV_OFFSET, n = 0;
    unsigned char buf[65536];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
        for (size_t i = 0; i < got; i++)
            h = (h ^ buf[i]) * FNV_PRIME;
        n += got;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad)
        return err_set(e, ERR_IO, "%s: read failed", path);
    *size = n;
    *hash = h;
    return ERR_OK;
}

/* ---- the list ------------------------------------------------------------------------------ */

/* A name jincun may list: not empty, ".", "..", or with a '/' or a control character (a tab or
 * a newline would break the line). */
static bool listable(const char *name)
{
    if (!*name || !strcmp(name, ".") || !strcmp(name, ".."))
        return false;
    for (const char *c = name; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f || *c == '/')
            return false;
    return true;
}

/* Parses "NAME\tSIZE\tHASH"; false when the line is not one. */
static bool parse_entry(char *line, entry *out)
{
    char *t2 = strrchr(line, '\t');
    if (!t2 || t2 == line)
        return false;
    *t2 = '\0';
    char *t1 = strrchr(line, '\t');
    if (!t1) {
        *t2 = '\t';
        return false;
    }
    *t1 = '\0';
    const char *sz = t1 + 1, *hx = t2 + 1;
    bool ok = listable(line) && *sz && strspn(sz, "0123456789") == strlen(sz) && strlen(sz) < 20 &&
              strlen(hx) == 16 && strspn(hx, "0123456789abcdef") == 16;
    if (ok) {
        out->name = line;
        out->size = strtoull(sz, NULL, 10);
        out->hash = strtoull(hx, NULL, 16);
    } else {
        *t1 = *t2 = '\t';
    }
    return ok;
}

/* Reads of->list into *v; an absent list is an empty one. */
static err_code read_list(const ownfile *of, entvec *v, err *e)
{
    struct stat st;
    if (lstat(of->list, &st) != 0) {
        if (errno == ENOENT)
            return ERR_OK;
        return err_set(e, ERR_USAGE, "%s: %s", of->list, strerror(errno));
    }
    if (!S_ISREG(st.st_mode))
        return err_set(e, ERR_USAGE,
                       "%s is not the list jincun writes (not a regular file); move it away, or "
                       "choose another -o",
                       of->list);
    err re = {0};
    char *text = file_read_all(of->list, NULL, &re);
    if (!text)
        return err_set(e, ERR_USAGE, "%s (cannot tell which files here are jincun's)", re.msg);
    err_code rc = ERR_OK;
    if (!*text)
        rc =
            err_set(e, ERR_USAGE,
                    "%s is empty, so it is no list of jincun's; move it away, or choose another -o",
                    of->list);
    size_t line_no = 0;
    for (char *line = *text ? text : NULL, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        size_t n = strlen(line);
        if (n && line[n - 1] == '\r')
            line[--n] = '\0';
        if (++line_no == 1) {
            if (!strcmp(line, OWNFILE_FORMAT))
                continue;
            const char *fmt = "# jincun-files ";
            if (!strncmp(line, fmt, strlen(fmt)))
                rc = err_set(e, ERR_USAGE,
                             "%s: written by another version of jincun (format '%s', this one "
                             "reads '%s'); use that version, or choose another -o",
                             of->list, line + strlen(fmt), OWNFILE_FORMAT + strlen(fmt));
            else
                rc = err_set(e, ERR_USAGE,
                             "%s: first line is not '%s', so it is no list of jincun's; move it "
                             "away, or choose another -o",
                             of->list, OWNFILE_FORMAT);
            break;
        }
        if (!n || line[0] == '#')
            continue;
        entry en;
        if (!parse_entry(line, &en)) {
            log_msg(of->lg, LOG_WARN, "%s:%zu: ignored (not 'name<TAB>size<TAB>checksum')",
                    of->list, line_no);
            continue;
        }
        en.name = xstrdup(en.name);
        VEC_PUSH(v, en);
    }
    free(text);
    if (rc != ERR_OK)
        entvec_free(v);
    return rc;
}

/* Writes the list: the entries of v (in order), skipping those of `drop_old` (this file's
 * lines other than `add`) and those of files that no longer exist, then `add`. */
static err_code write_list(const ownfile *of, const entvec *v, bool drop_old, const entry *add,
                           err *e)
{
    outfile *out = outfile_open(of->list, e);
    if (!out)
        return ERR_IO;
    FILE *f = outfile_fp(out);
    fprintf(f,
            "%s\n# The files jincun wrote in this folder (-o FILE): name, size in bytes and "
            "FNV-1a checksum.\n# jincun replaces only these, and only while they are unchanged; "
            "every other file here is\n# yours and stays as it is. Do not edit.\n",
            OWNFILE_FORMAT);
    for (size_t i = 0; i < v->len; i++) {
        const entry *en = &v->data[i];
        bool mine = !strcmp(en->name, of->name);
        if (mine && (drop_old || (en->size == add->size && en->hash == add->hash)))
            continue;
        if (!mine) {
            char *p = path_join(of->dir, en->name);
            struct stat st;
            bool gone = lstat(p, &st) != 0 && errno == ENOENT;
            free(p);
            if (gone)
                continue;
        }
        fprintf(f, "%s\t%" PRIu64 "\t%016" PRIx64 "\n", en->name, en->size, en->hash);
    }
    fprintf(f, "%s\t%" PRIu64 "\t%016" PRIx64 "\n", add->name, add->size, add->hash);
    return outfile_commit(out, e);
}

/* ---- checking the target ------------------------------------------------------------------- */

/* Looks at path now: sets *exists, *own and *st. Refuses what may not be replaced. */
static err_code check_target(const ownfile *of, const entvec *v, bool *exists, bool *own,
                             struct stat *st, err *e)
{
    *exists = *own = false;
    if (lstat(of->path, st) != 0) {
        if (errno == ENOENT)
            return ERR_OK;
        return err_set(e, ERR_USAGE, "%s: %s; choose another -o", of->path, strerror(errno));
    }
    *exists = true;
    if (S_ISDIR(st->st_mode))
        return err_set(e, ERR_USAGE, "%s is a folder; -o names the file to write", of->path);
    bool listed = false;
    if (S_ISREG(st->st_mode)) {
        uint64_t size = 0, hash = 0;
        bool hashed = false;
        for (size_t i = 0; i < v->len && !*own; i++) {
            if (strcmp(v->data[i].name, of->name) != 0)
                continue;
            listed = true;
            if (v->data[i].size != (uint64_t)st->st_size)
                continue;
            if (!hashed) {
                err re = {0};
                if (ownfile_fingerprint(of->path, &size, &hash, &re) != ERR_OK)
                    return err_set(e, ERR_USAGE, "%s (cannot tell whether jincun wrote it)",
                                   re.msg);
                hashed = true;
            }
            *own = size == v->data[i].size && hash == v->data[i].hash;
        }
    }
    if (*own)
        return ERR_OK;
    if (of->flags & OWNFILE_BACKUP) {
        struct stat bst;
        if (lstat(of->bak, &bst) == 0)
            return err_set(e, ERR_USAGE,
                           "%s is not as jincun wrote it and %s already exists, so jincun has "
                           "nowhere to keep a copy of it; move %s away and run again",
                           of->path, of->bak, of->bak);
        if (errno != ENOENT)
            return err_set(e, ERR_USAGE, "%s: %s", of->bak, strerror(errno));
        return ERR_OK;
    }
    if (!S_ISREG(st->st_mode))
        return err_set(e, ERR_USAGE,
                       "%s is not a regular file (a symbolic link, device or pipe), so jincun "
                       "will not replace it; choose another -o",
                       of->path);
    if (listed)
        return err_set(e, ERR_USAGE,
                       "%s has changed since jincun wrote it (its size or checksum is not the "
                       "one in %s), so jincun will not replace it; move it away, or choose "
                       "another -o",
                       of->path, of->list);
    return err_set(e, ERR_USAGE,
                   "%s exists and jincun did not write it (it is not in %s), so jincun will not "
                   "replace it; move it away, or choose another -o",
                   of->path, of->list);
}

/* ---- ownfile_open -------------------------------------------------------------------------- */

static err_code check_folder(const ownfile *of, err *e)
{
    struct stat st;
    if (stat(of->dir, &st) != 0)
        return err_set(e, ERR_USAGE,
                       "%s: folder %s %s (jincun does not create it; create it first, or choose "
                       "another -o)",
                       of->path, of->dir, errno == ENOENT ? "does not exist" : strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return err_set(e, ERR_USAGE, "%s: %s is not a folder; choose another -o", of->path,
                       of->dir);
    /* The temporary folder of ownfile_begin must be possible: make one and remove it. */
    char *base = path_join(of->dir, OUTDIR_TMP_BASE);
    char *t = outfile_mkdtemp(base, NULL);
    int saved = errno;
    free(base);
    if (!t)
        return err_set(e, ERR_USAGE, "%s: cannot write in %s: %s; choose another -o", of->path,
                       of->dir, strerror(saved));
    rmdir(t);
    free(t);
    return ERR_OK;
}

static err_code check_name(const ownfile *of, err *e)
{
    if (!*of->name)
        return err_set(e, ERR_USAGE, "%s: names a folder; -o takes a file name", of->path);
    if (!strncmp(of->name, ".jincun", strlen(".jincun")))
        return err_set(e, ERR_USAGE,
                       "%s: names starting with .jincun are jincun's own lists and temporary "
                       "folders; choose another -o",
                       of->path);
    if (!listable(of->name))
        return err_set(e, ERR_USAGE,
                       "%s: not a file name jincun writes (control characters, "
                       "'.' or '..'); choose another -o",
                       of->path);
    return ERR_OK;
}

err_code ownfile_open(const char *path, unsigned flags, const logger *lg, ownfile **out, err *e)
{
    *out = NULL;
    if (!path || !*path)
        return err_set(e, ERR_USAGE, "output file: empty name; give -o a file");
    ownfile *of = xcalloc(1, sizeof *of);
    of->path = xstrdup(path);
    of->flags = flags;
    of->lg = lg;
    const char *slash = strrchr(of->path, '/');
    of->name = slash ? slash + 1 : of->path;
    if (!slash)
        of->dir = xstrdup(".");
    else if (slash == of->path)
        of->dir = xstrdup("/");
    else {
        size_t dl = (size_t)(slash - of->path);
        of->dir = xmalloc(dl + 1);
        memcpy(of->dir, of->path, dl);
        of->dir[dl] = '\0';
    }
    of->list = slash ? path_join(of->dir, OWNFILE_LIST) : xstrdup(OWNFILE_LIST);
    size_t n = strlen(path) + 5;
    of->bak = xmalloc(n);
    snprintf(of->bak, n, "%s.bak", path);
    entvec v = {0};
    err_code rc = check_name(of, e);
    if (rc == ERR_OK)
        rc = check_folder(of, e);
    if (rc == ERR_OK)
        rc = read_list(of, &v, e);
    if (rc == ERR_OK)
        rc = check_target(of, &v, &of->existed, &of->own, &of->seen, e);
    entvec_free(&v);
    if (rc != ERR_OK) {
        ownfile_free(of);
        return rc;
    }
    *out = of;
    return ERR_OK;
}

const char *ownfile_path(const ownfile *of)
{
    return of->path;
}

const char *ownfile_backup(const ownfile *of)
{
    return of->backed_up ? of->bak : NULL;
}

/* ---- ownfile_begin ------------------------------------------------------------------------- */

const char *ownfile_begin(ownfile *of, err *e)
{
    if (of->tmp)
        return of->tmp;
    char *base = path_join(of->dir, OUTDIR_TMP_BASE);
    of->tmpdir = outfile_mkdtemp(base, e);
    free(base);
    if (!of->tmpdir)
        return NULL;
    of->tmp = path_join(of->tmpdir, of->name);
    return of->tmp;
}

/* ---- ownfile_commit ------------------------------------------------------------------------ */

/* Errors of link() that mean "this file system makes no hard links" rather than a conflict. */
static bool no_hard_links(int err_no)
{
    return err_no == EPERM || err_no == ENOTSUP || err_no == EOPNOTSUPP || err_no == ENOSYS ||
           err_no == EMLINK || err_no == EXDEV;
}

static bool same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
           a->st_mode == b->st_mode;
}

/* Makes bak name what path names now, never replacing an existing bak. */
static err_code make_backup(ownfile *of, err *e)
{
    if (linkat(AT_FDCWD, of->path, AT_FDCWD, of->bak, 0) == 0) {
        of->backed_up = true;
        return ERR_OK;
    }
    int saved = errno;
    if (saved == EEXIST)
        return err_set(e, ERR_USAGE,
                       "%s appeared while jincun was working, so jincun has nowhere to keep a "
                       "copy of %s; nothing was written (move %s away and run again)",
                       of->bak, of->path, of->bak);
    if (!no_hard_links(saved))
        return err_set(e, ERR_IO, "%s: cannot keep a copy of %s: %s; nothing was written", of->bak,
                       of->path, strerror(saved));
    struct stat st;
    if (lstat(of->bak, &st) == 0)
        return err_set(e, ERR_USAGE,
                       "%s appeared while jincun was working; nothing was written (move it away "
                       "and run again)",
                       of->bak);
    if (rename(of->path, of->bak) != 0)
        return err_set(e, ERR_IO, "%s: cannot keep a copy of %s: %s; nothing was written", of->bak,
                       of->path, strerror(errno));
    of->backed_up = true;
    return ERR_OK;
}

/* Puts tmp on path, which did not exist a moment ago: a hard link fails when a file of that
 * name was made meanwhile, where rename would replace it. */
static err_code place_new(const ownfile *of, err *e)
{
    if (link(of->tmp, of->path) == 0) {
        unlink(of->tmp);
        return ERR_OK;
    }
    int saved = errno;
    if (saved == EEXIST)
        return err_set(e, ERR_USAGE,
                       "%s appeared while jincun was working; nothing was written there (run "
                       "again to check it)",
                       of->path);
    if (!no_hard_links(saved))
        return err_set(e, ERR_IO, "%s: cannot put %s in place: %s", of->path, of->tmp,
                       strerror(saved));
    struct stat st;
    if (lstat(of->path, &st) == 0)
        return err_set(e, ERR_USAGE,
                       "%s appeared while jincun was working; nothing was written there (run "
                       "again to check it)",
                       of->path);
    if (rename(of->tmp, of->path) != 0)
        return err_set(e, ERR_IO, "%s: cannot rename %s into place: %s", of->path, of->tmp,
                       strerror(errno));
    return ERR_OK;
}

err_code ownfile_commit(ownfile *of, err *e)
{
    if (!of->tmp)
        return err_set(e, ERR_INTERNAL, "%s: ownfile_commit before ownfile_begin", of->path);
    struct stat st;
    if (lstat(of->tmp, &st) != 0 || !S_ISREG(st.st_mode))
        return err_set(e, ERR_INTERNAL, "%s: no file was written", of->tmp);
    entry add = {.name = (char *)of->name};
    err_code rc = ownfile_fingerprint(of->tmp, &add.size, &add.hash, e);
    if (rc != ERR_OK)
        return rc;
    /* The target again: another program may have made or changed it while jincun worked. */
    entvec v = {0};
    rc = read_list(of, &v, e);
    bool exists = false, own = false;
    if (rc == ERR_OK) {
        if (lstat(of->path, &st) == 0 && of->existed && same_file(&st, &of->seen)) {
            exists = true; /* the very file checked at ownfile_open: the same verdict */
            own = of->own;
            if (!own && (of->flags & OWNFILE_BACKUP) && lstat(of->bak, &st) == 0)
                rc = err_set(e, ERR_USAGE,
                             "%s appeared while jincun was working; nothing was written (move "
                             "it away and run again)",
                             of->bak);
        } else {
            rc = check_target(of, &v, &exists, &own, &st, e);
            if (rc == ERR_USAGE)
                err_wrap(e, "nothing written (the file changed while jincun was working)");
        }
    }
    /* (1) the list holds the old and the new file, so either is recognised after a crash */
    if (rc == ERR_OK)
        rc = write_list(of, &v, false, &add, e);
    /* (2) the user's file kept as FILE.bak (a second name, so the replace below cannot lose it) */
    if (rc == ERR_OK && exists && !own && (of->flags & OWNFILE_BACKUP))
        rc = make_backup(of, e);
    /* (3) the new file in place */
    if (rc == ERR_OK) {
        if (!exists || (of->backed_up && access(of->path, F_OK) != 0))
            rc = place_new(of, e);
        else if (rename(of->tmp, of->path) != 0)
            rc = err_set(e, ERR_IO, "%s: cannot rename %s into place: %s", of->path, of->tmp,
                         strerror(errno));
        if (rc != ERR_OK && of->backed_up)
            err_wrap(e, "%s is kept as %s", of->path, of->bak);
    }
    /* (4) the list with this file's new line only */
    if (rc == ERR_OK)
        rc = write_list(of, &v, true, &add, e);
    entvec_free(&v);
    return rc; /* ownfile_free removes the temporary folder, empty by now on success */
}

/* ---- ownfile_free -------------------------------------------------------------------------- */

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    return flag == FTW_DP ? rmdir(path) : unlink(path);
}

void ownfile_free(ownfile *of)
{
    if (!of)
        return;
    if (of->tmpdir) /* made by this run, holding only its files */
        nftw(of->tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(of->tmpdir);
    free(of->tmp);
    free(of->bak);
    free(of->list);
    free(of->dir);
    free(of->path);
    free(of);
}
