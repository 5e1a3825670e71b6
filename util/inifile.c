/* inifile.c — INI files through libinih, with line numbers and typed lookups.
 * libinih calls back once per `key = value`; its line number is not passed to the handler in
 * Debian's build, so lines are fed through a counting reader. SPDX-License-Identifier: MIT */
#include "util/inifile.h"

#include <assert.h>
#include <errno.h>
#include <ini.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/ascii.h"
#include "util/file.h"
#include "util/mem.h"
#include "util/utf8.h"
#include "util/vec.h"

struct inifile {
    char *name;                 /* file name for messages */
    arena *strings;             /* section, key and value strings */
    VEC(inifile_entry) entries; /* in file order */
    VEC(const char *) sections; /* every [section] header seen */
};

/* State of one parse: the text being fed line by line and the first error found. */
typedef struct feed {
    inifile *f;
    const char *p, *end;   /* rest of the text */
    size_t line;           /* line just handed to libinih, 1-based */
    err_code code;         /* first error of our own (ERR_OK if none) */
    char msg[ERR_MSG_MAX]; /* its message */
} feed;

static void feed_fail(feed *fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void feed_fail(feed *fd, const char *fmt, ...)
{
    if (fd->code != ERR_OK)
        return;
    fd->code = ERR_PARSE;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(fd->msg, sizeof fd->msg, fmt, ap);
    va_end(ap);
}

/* fgets-like reader for libinih: one line per call, counting lines. A line that does not fit
 * libinih's buffer (num bytes) is an error, and an empty line is fed in its place. */
static char *feed_line(char *str, int num, void *stream)
{
    feed *fd = stream;
    if (fd->p >= fd->end)
        return NULL;
    const char *nl = memchr(fd->p, '\n', (size_t)(fd->end - fd->p));
    const char *stop = nl ? nl + 1 : fd->end;
    size_t len = (size_t)(stop - fd->p);
    fd->line++;
    if (fd->line == 1 && len >= 3 && !memcmp(fd->p, "\xEF\xBB\xBF", 3)) {
        fd->p += 3;
        len -= 3;
    }
    /* Leading blanks are dropped, so indented keys are keys: libinih would otherwise take an
     * indented line for the continuation of the previous value. */
    while (len > 0 && (*fd->p == ' ' || *fd->p == '\t')) {
        fd->p++;
        len--;
    }
    /* libinih needs room for the text, "\r\n" and the NUL */
    if (num < 4 || len + 1 > (size_t)num) {
        feed_fail(fd, "%s:%zu: line longer than %d bytes (libinih's limit)", fd->f->name, fd->line,
                  num - 3);
        fd->p = stop;
        str[0] = '\n';
        str[1] = '\0';
        return str;
    }
    memcpy(str, fd->p, len);
    str[len] = '\0';
    fd->p = stop;
    /* remember [section] headers so empty sections are known too */
    const char *s = str;
    if (*s == '[') {
        const char *close = strchr(s, ']');
        if (close) {
            size_t n = (size_t)(close - s - 1);
            char *sec = arena_alloc(fd->f->strings, n + 1);
            memcpy(sec, s + 1, n);
            sec[n] = '\0';
            /* libinih strips blanks inside the brackets' ends too */
            while (n > 0 && (sec[n - 1] == ' ' || sec[n - 1] == '\t'))
                sec[--n] = '\0';
            char *b = sec;
            while (*b == ' ' || *b == '\t')
                b++;
            VEC_PUSH(&fd->f->sections, b);
        }
    }
    return str;
}

static int on_entry(void *user, const char *section, const char *name, const char *value)
{
    feed *fd = user;
    inifile *f = fd->f;
    if (!*name) { /* libinih passes "= value" on as a key "" */
        feed_fail(fd, "%s:%zu: expected a key before '='", f->name, fd->line);
        return 1;
    }
    const inifile_entry *dup = inifile_find(f, section, name);
    if (dup)
        feed_fail(fd, "%s:%zu: [%s] %s: duplicate key (first on line %zu)", f->name, fd->line,
                  section, name, dup->line);
    inifile_entry en = {arena_strdup(f->strings, section), arena_strdup(f->strings, name),
                        arena_strdup(f->strings, value), fd->line};
    VEC_PUSH(&f->entries, en);
    return 1;
}

inifile *inifile_parse_string(const char *text, const char *name, err *e)
{
    /* the values end up in UTF-8 outputs: refuse GBK/ANSI as the CSV files are refused */
    size_t bad = utf8_bad_line(text, strlen(text));
    if (bad) {
        err_set(e, ERR_PARSE,
                "%s:%zu: not UTF-8 text (saved as GBK/ANSI or UTF-16?); save the file as UTF-8",
                name, bad);
        return NULL;
    }
    inifile *f = xcalloc(1, sizeof *f);
    f->name = xstrdup(name);
    f->strings = arena_new(0);
    feed fd = {.f = f, .p = text, .end = text + strlen(text)};
    int rc = ini_parse_stream(feed_line, &fd, on_entry, &fd);
    if (fd.code != ERR_OK) {
        err_set(e, fd.code, "%s", fd.msg);
        inifile_free(f);
        return NULL;
    }
    if (rc != 0) {
        if (rc > 0)
            err_set(e, ERR_PARSE, "%s:%d: expected 'key = value', '[section]' or a comment", name,
                    rc);
        else
            err_set(e, ERR_NOMEM, "%s: libinih failed (%d)", name, rc);
        inifile_free(f);
        return NULL;
    }
    return f;
}

inifile *inifile_load(const char *path, err *e)
{
    size_t len;
    char *buf = file_read_max(path, INIFILE_MAX_BYTES, &len, e);
    if (!buf)
        return NULL;
    if (strlen(buf) != len) {
        free(buf);
        err_set(e, ERR_PARSE, "%s: contains a NUL byte (not a text file; UTF-16?)", path);
        return NULL;
    }
    inifile *f = inifile_parse_string(buf, path, e);
    free(buf);
    return f;
}

void inifile_free(inifile *f)
{
    if (!f)
        return;
    free(f->name);
    arena_free(f->strings);
    VEC_FREE(&f->entries);
    VEC_FREE(&f->sections);
    free(f);
}

const char *inifile_name(const inifile *f)
{
    return f->name;
}

size_t inifile_count(const inifile *f)
{
    return f->entries.len;
}

const inifile_entry *inifile_entry_at(const inifile *f, size_t i)
{
    assert(i < f->entries.len);
    return &f->entries.data[i];
}

bool inifile_has_section(const inifile *f, const char *section)
{
    for (size_t i = 0; i < f->sections.len; i++)
        if (!ascii_casecmp(f->sections.data[i], section))
            return true;
    for (size_t i = 0; i < f->entries.len; i++)
        if (!ascii_casecmp(f->entries.data[i].section, section))
            return true;
    return false;
}

const inifile_entry *inifile_find(const inifile *f, const char *section, const char *key)
{
    for (size_t i = 0; i < f->entries.len; i++) {
        const inifile_entry *en = &f->entries.data[i];
        if (!ascii_casecmp(en->section, section) && !ascii_casecmp(en->key, key))
            return en;
    }
    return NULL;
}

const char *inifile_get_str(const inifile *f, const char *section, const char *key, const char *def)
{
    const inifile_entry *en = inifile_find(f, section, key);
    return en ? en->value : def;
}

err_code inifile_require_str(const inifile *f, const char *section, const char *key,
                             const char **out, err *e)
{
    const inifile_entry *en = inifile_find(f, section, key);
    if (!en)
        return err_set(e, ERR_PARSE, "%s: [%s] %s: missing (required)", f->name, section, key);
    if (!*en->value)
        return inifile_error(f, en, e, "empty (required)");
    *out = en->value;
    return ERR_OK;
}

err_code inifile_error(const inifile *f, const inifile_entry *en, err *e, const char *fmt, ...)
{
    char msg[ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return err_set(e, ERR_PARSE, "%s:%zu: [%s] %s: %s", f->name, en->line, en->section, en->key,
                   msg);
}

err_code inifile_get_int(const inifile *f, const char *section, const char *key, int64_t def,
                         int64_t min, int64_t max, int64_t *out, err *e)
{
    const inifile_entry *en = inifile_find(f, section, key);
    if (!en || !*en->value) {
        *out = def;
        return ERR_OK;
    }
    char *end;
    errno = 0;
    long long v = strtoll(en->value, &end, 10);
    if (errno || *end || end == en->value || v < min || v > max)
        return inifile_error(f, en, e, "expected a whole number in %lld..%lld, got '%s'",
                             (long long)min, (long long)max, en->value);
    *out = v;
    return ERR_OK;
}

err_code inifile_get_double(const inifile *f, const char *section, const char *key, double def,
                            double min, double max, double *out, err *e)
{
    const inifile_entry *en = inifile_find(f, section, key);
    if (!en || !*en->value) {
        *out = def;
        return ERR_OK;
    }
    char *end;
    errno = 0;
    double v = strtod(en->value, &end);
    if (errno || *end || end == en->value || !isfinite(v) || v < min || v > max)
        return inifile_error(f, en, e, "expected a number in %g..%g, got '%s'", min, max,
                             en->value);
    *out = v;
    return ERR_OK;
}

err_code inifile_get_bool(const inifile *f, const char *section, const char *key, bool def,
                          bool *out, err *e)
{
    const inifile_entry *en = inifile_find(f, section, key);
    if (!en || !*en->value) {
        *out = def;
        return ERR_OK;
    }
    static const char *const yes[] = {"yes", "true", "on", "1"};
    static const char *const no[] = {"no", "false", "off", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (!ascii_casecmp(en->value, yes[i])) {
            *out = true;
            return ERR_OK;
        }
        if (!ascii_casecmp(en->value, no[i])) {
            *out = false;
            return ERR_OK;
        }
    }
    return inifile_error(f, en, e, "expected yes or no, got '%s'", en->value);
}

static bool matches(const inifile_entry *en, const char *pattern)
{
    const char *dot = strrchr(pattern, '.');
    assert(dot);
    size_t n = (size_t)(dot - pattern), m = strlen(en->section);
    if (n != m)
        return false;
    for (size_t i = 0; i < n; i++) {
        int a = (unsigned char)pattern[i], b = (unsigned char)en->section[i];
        if (a >= 'A' && a <= 'Z')
            a += 'a' - 'A';
        if (b >= 'A' && b <= 'Z')
            b += 'a' - 'A';
        if (a != b)
            return false;
    }
    return !strcmp(dot + 1, "*") || !ascii_casecmp(dot + 1, en->key);
}

err_code inifile_check_known(const inifile *f, const char *const *patterns, err *e)
{
    for (size_t i = 0; i < f->entries.len; i++) {
        const inifile_entry *en = &f->entries.data[i];
        bool ok = false;
        for (const char *const *p = patterns; *p && !ok; p++)
            ok = matches(en, *p);
        if (!ok)
            return inifile_error(f, en, e, "unknown key");
    }
    return ERR_OK;
}
