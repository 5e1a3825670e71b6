/* outdir.c — output folders that hold a list of the files jincun wrote (see outdir.h).
 * SPDX-License-Identifier: MIT */
#define _XOPEN_SOURCE 700 /* nftw; before any header */
#include "io/text/outdir.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/file.h"
#include "util/mem.h"
#include "util/outfile.h"
#include "util/path.h"
#include "util/vec.h"

typedef VEC(char *) strvec;

struct outdir {
    char *path;                /* the folder, without trailing '/' */
    const char *const *shapes; /* [n_shapes], borrowed */
    size_t n_shapes;
    const logger *lg;
    bool fresh;    /* path did not exist at outdir_open: commit renames the temporary folder */
    strvec old;    /* valid lines of the list found by outdir_open, sorted, unique */
    char *tmp;     /* temporary folder, NULL before outdir_begin */
    bool finished; /* committed: nothing to clean up */
};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts v and drops repeated strings. */
static void sort_unique(strvec *v)
{
    if (v->len)
        qsort(v->data, v->len, sizeof *v->data, cmp_str);
    size_t k = 0;
    for (size_t i = 0; i < v->len; i++) {
        if (k && !strcmp(v->data[k - 1], v->data[i]))
            free(v->data[i]);
        else
            v->data[k++] = v->data[i];
    }
    v->len = k;
}

static bool has(const strvec *v, const char *s)
{
    return v->len && bsearch(&s, v->data, v->len, sizeof *v->data, cmp_str);
}

static void strvec_free(strvec *v)
{
    for (size_t i = 0; i < v->len; i++)
        free(v->data[i]);
    VEC_FREE(v);
}

bool outdir_shape_match(const char *shape, const char *rel)
{
    const char *star = strstr(shape, "/*");
    if (!star)
        return strcmp(shape, rel) == 0;
    size_t dl = (size_t)(star - shape) + 1; /* "gpx/" */
    if (strncmp(shape, rel, dl) != 0)
        return false;
    const char *name = rel + dl, *ext = star + 2;
    if (!*name)
        return true; /* the sub-folder itself */
    size_t n = strlen(name), x = strlen(ext);
    return name[0] != '.' && !strchr(name, '/') && n > x && !strcmp(name + n - x, ext);
}

static bool in_scope(const outdir *od, const char *rel)
{
    for (size_t i = 0; i < od->n_shapes; i++)
        if (outdir_shape_match(od->shapes[i], rel))
            return true;
    return false;
}

/* A list line jincun may act on: one or two path parts, none empty or starting with '.' (so
 * never "..", an absolute path or a temporary file), no control characters; "dir/" names a
 * sub-folder. An edited list therefore cannot reach outside the folder. */
static bool valid_entry(const char *s)
{
    if (!*s || *s == '.' || *s == '/')
        return false;
    for (const char *c = s; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            return false;
    const char *slash = strchr(s, '/');
    return !slash || (slash[1] != '.' && !strchr(slash + 1, '/'));
}

static bool is_tmp_name(const char *name)
{
    return !strncmp(name, OUTDIR_TMP_BASE ".tmp-", strlen(OUTDIR_TMP_BASE ".tmp-"));
}

/* ---- outdir_open --------------------------------------------------------------------------- */

/* Reads path/OUTDIR_MANIFEST into od->old. *present = false when there is none. */
static err_code read_manifest(outdir *od, bool *present, err *e)
{
    char *mpath = path_join(od->path, OUTDIR_MANIFEST);
    struct stat st;
    err_code rc = ERR_OK;
    *present = false;
    char *text = NULL;
    if (lstat(mpath, &st) != 0) {
        if (errno != ENOENT)
            rc = err_set(e, ERR_USAGE, "%s: %s", mpath, strerror(errno));
        goto done;
    }
    *present = true;
    if (!S_ISREG(st.st_mode)) {
        rc = err_set(e, ERR_USAGE, "%s is not a file jincun wrote (not a regular file)", mpath);
        goto done;
    }
    err re = {0};
    text = file_read_all(mpath, NULL, &re);
    if (!text) {
        rc = err_set(e, ERR_USAGE, "%s (cannot tell which files here are jincun's)", re.msg);
        goto done;
    }
    if (!*text) {
        rc = err_set(e, ERR_USAGE, "%s is empty, so it is no list of jincun's; choose another -o",
                     mpath);
        goto done;
    }
    size_t line_no = 0;
    for (char *line = text, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        size_t n = strlen(line);
        if (n && line[n - 1] == '\r')
            line[--n] = '\0';
        if (++line_no == 1) {
            if (!strcmp(line, OUTDIR_FORMAT))
                continue;
            const char *fmt = "# jincun-outputs ";
            if (!strncmp(line, fmt, strlen(fmt)))
                rc = err_set(e, ERR_USAGE,
                             "%s: written by another version of jincun (format '%s', this one "
                             "reads '%s'); use that version, or choose another -o",
                             mpath, line + strlen(fmt), OUTDIR_FORMAT + strlen(fmt));
            else
                rc = err_set(e, ERR_USAGE,
                             "%s: first line is not '%s', so it is no list of jincun's; "
                             "choose another -o",
                             mpath, OUTDIR_FORMAT);
            goto done;
        }
        if (!n || line[0] == '#')
            continue;
        if (!valid_entry(line)) {
            log_msg(od->lg, LOG_WARN, "%s:%zu: '%s' ignored (not a file name jincun writes)", mpath,
                    line_no, line);
            continue;
        }
        VEC_PUSH(&od->old, xstrdup(line));
    }
    sort_unique(&od->old);
done:
    free(text);
    free(mpath);
    return rc;
}

/* The smallest name in dir other than ".", ".." and temporary folders of an earlier run, or
 * NULL when there is none (malloc'd). */
static char *first_entry(const char *dir, err_code *rc, err *e)
{
    *rc = ERR_OK;
    DIR *d = opendir(dir);
    if (!d) {
        *rc = err_set(e, ERR_USAGE, "%s: %s", dir, strerror(errno));
        return NULL;
    }
    char *first = NULL;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") || is_tmp_name(de->d_name))
            continue;
        if (!first || strcmp(de->d_name, first) < 0) {
            free(first);
            first = xstrdup(de->d_name);
        }
    }
    closedir(d);
    return first;
}

static err_code not_listed(const outdir *od, const char *rel, err *e)
{
    return err_set(e, ERR_USAGE,
                   "%s/%s is not a file jincun wrote (it is not in %s/%s), so jincun will not "
                   "replace it; move it away, or choose another -o",
                   od->path, rel, od->path, OUTDIR_MANIFEST);
}

/* Every existing file that the run may write must be listed. */
static err_code check_names(const outdir *od, err *e)
{
    for (size_t i = 0; i < od->n_shapes; i++) {
        const char *shape = od->shapes[i];
        const char *star = strstr(shape, "/*");
        struct stat st;
        if (!star) {
            char *p = path_join(od->path, shape);
            int got = lstat(p, &st);
            free(p);
            if (got != 0)
                continue;
            if (!has(&od->old, shape))
                return not_listed(od, shape, e);
            if (S_ISDIR(st.st_mode))
                return err_set(e, ERR_USAGE,
                               "%s/%s is a folder, not the file jincun wrote; "
                               "move it away, or choose another -o",
                               od->path, shape);
            continue;
        }
        char *sub = xmalloc((size_t)(star - shape) + 1);
        memcpy(sub, shape, (size_t)(star - shape));
        sub[star - shape] = '\0';
        char *p = path_join(od->path, sub);
        err_code rc = ERR_OK;
        DIR *d = NULL;
        if (lstat(p, &st) != 0) {
            /* absent: created when needed */
        } else if (!S_ISDIR(st.st_mode)) {
            rc = err_set(e, ERR_USAGE,
                         "%s is not a folder, and jincun writes its %s files there; move it "
                         "away, or choose another -o",
                         p, star + 2);
        } else if (!(d = opendir(p))) {
            rc = err_set(e, ERR_USAGE, "%s: %s", p, strerror(errno));
        } else {
            char *worst = NULL; /* the smallest unlisted name, so the message is stable */
            struct dirent *de;
            while ((de = readdir(d))) {
                char *rel = path_join(sub, de->d_name);
                if (outdir_shape_match(shape, rel) && !has(&od->old, rel) &&
                    (!worst || strcmp(rel, worst) < 0)) {
                    free(worst);
                    worst = rel;
                } else {
                    free(rel);
                }
            }
            closedir(d);
            if (worst)
                rc = not_listed(od, worst, e);
            free(worst);
        }
        free(p);
        free(sub);
        if (rc != ERR_OK)
            return rc;
    }
    return ERR_OK;
}

/* The folder path is in: "a" for "a/b", "/" for "/b", "." for "b" (malloc'd). */
static char *parent_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    char *parent = xstrdup(path);
    parent[slash == path ? 1 : slash - path] = '\0';
    return parent;
}

/* Proves that the temporary folder of outdir_begin can be made next to base by making and
 * removing one. */
static err_code probe(const char *base, const char *what, err *e)
{
    char *t = outfile_mkdtemp(base, NULL);
    if (!t) {
        int saved = errno;
        char *dir = parent_of(base);
        err_code rc = err_set(e, ERR_USAGE, "%s: cannot write in %s: %s; choose another -o", what,
                              dir, strerror(saved));
        free(dir);
        return rc;
    }
    rmdir(t);
    free(t);
    return ERR_OK;
}

static err_code open_absent(outdir *od, err *e)
{
    char *parent = parent_of(od->path);
    struct stat st;
    err_code rc = ERR_OK;
    if (stat(parent, &st) != 0)
        rc = err_set(e, ERR_USAGE,
                     "%s: folder %s %s (jincun creates only the last folder of -o; create "
                     "the others first, or choose another -o)",
                     od->path, parent, errno == ENOENT ? "does not exist" : strerror(errno));
    else if (!S_ISDIR(st.st_mode))
        rc = err_set(e, ERR_USAGE, "%s: %s is not a folder; choose another -o", od->path, parent);
    else
        rc = probe(od->path, od->path, e);
    free(parent);
    od->fresh = true;
    return rc;
}

static err_code open_existing(outdir *od, err *e)
{
    bool present;
    err_code rc = read_manifest(od, &present, e);
    if (rc != ERR_OK)
        return rc;
    if (!present) {
        char *first = first_entry(od->path, &rc, e);
        if (rc == ERR_OK && first) {
            char *pj = path_join(od->path, "plan.json");
            struct stat st;
            if (lstat(pj, &st) == 0)
                rc = err_set(e, ERR_USAGE,
                             "%s holds a plan.json but no %s (the list of the files jincun "
                             "wrote): an older jincun wrote it, or someone else did, so jincun "
                             "cannot tell its files from yours and changes nothing in it. "
                             "Choose another -o (a new or empty folder), or move what you want "
                             "to keep out of %s and delete it",
                             od->path, OUTDIR_MANIFEST, od->path);
            else
                rc = err_set(e, ERR_USAGE,
                             "%s is not empty (it holds '%s') and is not a folder jincun wrote "
                             "(no %s); choose another -o (a new or empty folder)",
                             od->path, first, OUTDIR_MANIFEST);
            free(pj);
        }
        free(first);
        if (rc != ERR_OK)
            return rc;
    }
    rc = check_names(od, e);
    if (rc == ERR_OK) {
        char *base = path_join(od->path, OUTDIR_TMP_BASE);
        rc = probe(base, od->path, e);
        free(base);
    }
    return rc;
}

err_code outdir_open(const char *path, const char *const *shapes, size_t n_shapes, const logger *lg,
                     outdir **out, err *e)
{
    *out = NULL;
    if (!path || !*path)
        return err_set(e, ERR_USAGE, "output folder: empty name; give -o a folder");
    outdir *od = xcalloc(1, sizeof *od);
    od->path = xstrdup(path);
    for (size_t n = strlen(od->path); n > 1 && od->path[n - 1] == '/'; n--)
        od->path[n - 1] = '\0';
    od->shapes = shapes;
    od->n_shapes = n_shapes;
    od->lg = lg;
    struct stat st;
    err_code rc;
    if (stat(od->path, &st) == 0)
        rc = S_ISDIR(st.st_mode)
                 ? open_existing(od, e)
                 : err_set(e, ERR_USAGE, "%s exists and is not a folder; choose another -o",
                           od->path);
    else if (errno == ENOENT && lstat(od->path, &st) == 0)
        rc = err_set(e, ERR_USAGE, "%s is a symbolic link to nothing; choose another -o", od->path);
    else if (errno == ENOENT)
        rc = open_absent(od, e);
    else
        rc = err_set(e, ERR_USAGE, "%s: %s; choose another -o", od->path, strerror(errno));
    if (rc != ERR_OK) {
        outdir_free(od);
        return rc;
    }
    *out = od;
    return ERR_OK;
}

const char *outdir_path(const outdir *od)
{
    return od->path;
}

/* ---- outdir_begin -------------------------------------------------------------------------- */

const char *outdir_begin(outdir *od, err *e)
{
    if (od->tmp)
        return od->tmp;
    char *base = od->fresh ? xstrdup(od->path) : path_join(od->path, OUTDIR_TMP_BASE);
    od->tmp = outfile_mkdtemp(base, e);
    free(base);
    return od->tmp;
}

/* ---- outdir_commit ------------------------------------------------------------------------- */

static err_code bad_output(const outdir *od, const char *rel, err *e)
{
    return err_set(e, ERR_INTERNAL, "%s/%s: not one of the outputs this command may write", od->tmp,
                   rel);
}

/* The files (and sub-folders, as "dir/") in the temporary folder, sorted. */
static err_code scan_new(const outdir *od, strvec *files, strvec *dirs, err *e)
{
    DIR *d = opendir(od->tmp);
    if (!d)
        return err_set(e, ERR_IO, "%s: %s", od->tmp, strerror(errno));
    err_code rc = ERR_OK;
    struct dirent *de;
    while (rc == ERR_OK && (de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char *p = path_join(od->tmp, de->d_name);
        struct stat st;
        if (lstat(p, &st) != 0) {
            rc = err_set(e, ERR_IO, "%s: %s", p, strerror(errno));
        } else if (S_ISREG(st.st_mode)) {
            if (!valid_entry(de->d_name) || !in_scope(od, de->d_name))
                rc = bad_output(od, de->d_name, e);
            else
                VEC_PUSH(files, xstrdup(de->d_name));
        } else if (S_ISDIR(st.st_mode)) {
            char *dirrel = path_join(de->d_name, "");
            if (!valid_entry(dirrel) || !in_scope(od, dirrel))
                rc = bad_output(od, dirrel, e);
            else
                VEC_PUSH(dirs, xstrdup(dirrel));
            DIR *sd = rc == ERR_OK ? opendir(p) : NULL;
            if (rc == ERR_OK && !sd)
                rc = err_set(e, ERR_IO, "%s: %s", p, strerror(errno));
            struct dirent *se;
            while (sd && rc == ERR_OK && (se = readdir(sd))) {
                if (se->d_name[0] == '.')
                    continue;
                char *rel = path_join(de->d_name, se->d_name), *sp = path_join(p, se->d_name);
                if (lstat(sp, &st) != 0 || !S_ISREG(st.st_mode) || !valid_entry(rel) ||
                    !in_scope(od, rel))
                    rc = bad_output(od, rel, e);
                else
                    VEC_PUSH(files, xstrdup(rel));
                free(sp);
                free(rel);
            }
            if (sd)
                closedir(sd);
            free(dirrel);
        } else {
            rc = bad_output(od, de->d_name, e);
        }
        free(p);
    }
    closedir(d);
    sort_unique(files);
    sort_unique(dirs);
    return rc;
}

static err_code write_manifest(const char *dir, const strvec *a, const strvec *b, err *e)
{
    strvec all = {0};
    for (size_t i = 0; i < a->len; i++)
        VEC_PUSH(&all, xstrdup(a->data[i]));
    for (size_t i = 0; b && i < b->len; i++)
        VEC_PUSH(&all, xstrdup(b->data[i]));
    sort_unique(&all);
    char *mpath = path_join(dir, OUTDIR_MANIFEST);
    outfile *of = outfile_open(mpath, e);
    err_code rc = ERR_IO;
    if (of) {
        FILE *f = outfile_fp(of);
        fprintf(f,
                "%s\n# The files jincun wrote in this folder. jincun replaces or removes only "
                "these; every other file here\n# is yours and stays as it is. Do not edit.\n",
                OUTDIR_FORMAT);
        for (size_t i = 0; i < all.len; i++)
            fprintf(f, "%s\n", all.data[i]);
        rc = outfile_commit(of, e);
    }
    free(mpath);
    strvec_free(&all);
    return rc;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* Removes the temporary folder and whatever is left in it; it holds only this run's files. */
static void remove_tmp(outdir *od)
{
    if (od->tmp)
        nftw(od->tmp, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(od->tmp);
    od->tmp = NULL;
}

static err_code commit_fresh(outdir *od, const strvec *files, const strvec *dirs, err *e)
{
    err_code rc = write_manifest(od->tmp, files, dirs, e);
    if (rc != ERR_OK)
        return rc;
    if (rename(od->tmp, od->path) != 0) {
        if (errno == EEXIST || errno == ENOTEMPTY)
            return err_set(e, ERR_USAGE,
                           "%s appeared while jincun was working and is not empty; nothing was "
                           "written there (run again to check it)",
                           od->path);
        return err_set(e, ERR_IO, "%s: cannot rename %s into place: %s", od->path, od->tmp,
                       strerror(errno));
    }
    free(od->tmp);
    od->tmp = NULL;
    return ERR_OK;
}

static err_code commit_update(outdir *od, const strvec *files, const strvec *dirs, err *e)
{
    /* (1) conflicts, before anything changes */
    strvec made = {0}; /* sub-folders this run creates: jincun's */
    err_code rc = ERR_OK;
    for (size_t i = 0; rc == ERR_OK && i < dirs->len; i++) {
        char *p = path_join(od->path, dirs->data[i]);
        struct stat st;
        if (lstat(p, &st) != 0)
            VEC_PUSH(&made, xstrdup(dirs->data[i]));
        else if (!S_ISDIR(st.st_mode))
            rc = err_set(e, ERR_USAGE, "%s is not a folder; move it away, or choose another -o", p);
        free(p);
    }
    for (size_t i = 0; rc == ERR_OK && i < files->len; i++) {
        char *p = path_join(od->path, files->data[i]);
        struct stat st;
        if (lstat(p, &st) == 0) {
            if (!has(&od->old, files->data[i]))
                rc = not_listed(od, files->data[i], e);
            else if (S_ISDIR(st.st_mode))
                rc = err_set(e, ERR_USAGE,
                             "%s is a folder, not the file jincun wrote; move it "
                             "away, or choose another -o",
                             p);
        }
        free(p);
    }
    /* (2) the list covers the old and the new files before any of them moves */
    strvec mid = {0};
    for (size_t i = 0; i < od->old.len; i++)
        VEC_PUSH(&mid, xstrdup(od->old.data[i]));
    for (size_t i = 0; i < made.len; i++)
        VEC_PUSH(&mid, xstrdup(made.data[i]));
    if (rc == ERR_OK)
        rc = write_manifest(od->path, &mid, files, e);
    strvec_free(&mid);
    /* (3) into place */
    for (size_t i = 0; rc == ERR_OK && i < made.len; i++) {
        char *p = path_join(od->path, made.data[i]);
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            rc = err_set(e, ERR_IO, "%s: cannot create folder: %s", p, strerror(errno));
        free(p);
    }
    size_t moved = 0;
    for (size_t i = 0; rc == ERR_OK && i < files->len; i++) {
        char *from = path_join(od->tmp, files->data[i]), *to = path_join(od->path, files->data[i]);
        if (rename(from, to) == 0)
            moved++;
        else
            rc = err_set(e, ERR_IO,
                         "%s: cannot rename into place (%s) after %zu of %zu files: %s now holds "
                         "a mix of the previous and the new outputs, all listed in %s; run "
                         "again",
                         to, strerror(errno), moved, files->len, od->path, OUTDIR_MANIFEST);
        free(from);
        free(to);
    }
    if (rc != ERR_OK) {
        strvec_free(&made);
        return rc;
    }
    /* (4) listed files of this run's kinds that it did not write: files first, then folders */
    strvec keep = {0};
    size_t removed = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < od->old.len; i++) {
            const char *rel = od->old.data[i];
            bool is_dir = rel[strlen(rel) - 1] == '/';
            if (is_dir != (pass == 1))
                continue;
            if (!in_scope(od, rel)) {
                VEC_PUSH(&keep, xstrdup(rel)); /* another command's file: stays listed */
                continue;
            }
            if (has(files, rel) || has(dirs, rel)) {
                if (is_dir)
                    VEC_PUSH(&keep, xstrdup(rel)); /* still jincun's folder */
                continue;
            }
            char *p = path_join(od->path, rel);
            if ((is_dir ? rmdir(p) : unlink(p)) == 0) {
                removed += !is_dir;
            } else if (errno != ENOENT) {
                if (!is_dir)
                    log_msg(od->lg, LOG_WARN, "%s: cannot remove this file of the previous run: %s",
                            p, strerror(errno));
                VEC_PUSH(&keep, xstrdup(rel)); /* a folder with a user's files stays listed */
            }
            free(p);
        }
    }
    if (removed)
        log_msg(od->lg, LOG_INFO, "removed %zu files of the previous run from %s", removed,
                od->path);
    /* (5) the list of what the folder now holds of jincun's */
    for (size_t i = 0; i < made.len; i++)
        VEC_PUSH(&keep, xstrdup(made.data[i]));
    rc = write_manifest(od->path, &keep, files, e);
    strvec_free(&keep);
    strvec_free(&made);
    return rc;
}

err_code outdir_commit(outdir *od, err *e)
{
    if (!od->tmp)
        return err_set(e, ERR_INTERNAL, "%s: outdir_commit before outdir_begin", od->path);
    strvec files = {0}, dirs = {0};
    err_code rc = scan_new(od, &files, &dirs, e);
    if (rc == ERR_OK)
        rc = od->fresh ? commit_fresh(od, &files, &dirs, e) : commit_update(od, &files, &dirs, e);
    strvec_free(&files);
    strvec_free(&dirs);
    if (rc == ERR_OK) {
        remove_tmp(od); /* empty sub-folders of the temporary folder, if updating */
        od->finished = true;
    }
    return rc;
}

void outdir_free(outdir *od)
{
    if (!od)
        return;
    remove_tmp(od);
    strvec_free(&od->old);
    free(od->path);
    free(od);
}
