/* csvread.c — CSV tables through libcsv, with the line each row starts on.
 * libcsv does not count lines, so the text is fed one physical line at a time and a row's
 * line is that of the first line fed while no row was open. SPDX-License-Identifier: MIT */
#include "io/text/csvread.h"

#include <assert.h>
#include <csv.h>
#include <errno.h>
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

typedef struct row {
    size_t line;  /* 1-based line the row starts on */
    size_t first; /* index of its first field in fields */
    size_t n;     /* fields in the row */
} row;

struct csvread {
    char *name;         /* file name for messages */
    arena *strings;     /* field text */
    VEC(char *) fields; /* every field of every record, header first */
    VEC(row) rows;      /* records; rows.data[0] is the header */
    size_t n_cols;      /* header columns kept (trailing empty names dropped) */
};

/* Parse state shared with libcsv's callbacks. */
typedef struct feed {
    csvread *t;
    size_t line;     /* physical line being fed */
    size_t row_line; /* line the open record started on */
    bool open;       /* a record has started and not ended */
} feed;

static void on_field(void *s, size_t len, void *data)
{
    feed *fd = data;
    csvread *t = fd->t;
    if (!fd->open) {
        fd->open = true;
        VEC_PUSH(&t->rows, ((row){fd->row_line, t->fields.len, 0}));
    }
    char *f = arena_alloc(t->strings, len + 1);
    if (len)
        memcpy(f, s, len);
    f[len] = '\0';
    VEC_PUSH(&t->fields, f);
    t->rows.data[t->rows.len - 1].n++;
}

static void on_record(int c, void *data)
{
    (void)c;
    feed *fd = data;
    if (!fd->open) /* libcsv ends a record that had no field callback: cannot happen */
        on_field(NULL, 0, data);
    fd->open = false;
}

static bool all_empty(const csvread *t, const row *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (t->fields.data[r->first + i][0])
            return false;
    return true;
}

/* Header and row checks after parsing; drops empty rows. */
static err_code finish(csvread *t, err *e)
{
    /* drop rows whose fields are all empty */
    size_t k = 0;
    for (size_t i = 0; i < t->rows.len; i++)
        if (!all_empty(t, &t->rows.data[i]))
            t->rows.data[k++] = t->rows.data[i];
    t->rows.len = k;
    if (t->rows.len == 0)
        return err_set(e, ERR_PARSE, "%s: empty file (expected a header line)", t->name);
    const row *h = &t->rows.data[0];
    size_t n = h->n;
    while (n > 0 && !t->fields.data[h->first + n - 1][0])
        n--;
    t->n_cols = n;
    for (size_t c = 0; c < n; c++) {
        const char *name = t->fields.data[h->first + c];
        if (!*name)
            return err_set(e, ERR_PARSE, "%s:%zu: header column %zu has no name", t->name, h->line,
                           c + 1);
        for (size_t d = 0; d < c; d++)
            if (!ascii_casecmp(name, t->fields.data[h->first + d]))
                return err_set(e, ERR_PARSE, "%s:%zu: column '%s' appears twice in the header",
                               t->name, h->line, name);
    }
    for (size_t i = 1; i < t->rows.len; i++) {
        const row *r = &t->rows.data[i];
        for (size_t c = n; c < r->n; c++)
            if (t->fields.data[r->first + c][0])
                return err_set(e, ERR_PARSE,
                               "%s:%zu: %zu fields but the header has %zu columns "
                               "(an unquoted comma in a field?)",
                               t->name, r->line, r->n, n);
    }
    return ERR_OK;
}

csvread *csvread_parse(const char *data, size_t len, const char *name, err *e)
{
    const unsigned char *p = (const unsigned char *)data, *end = p + len;
    if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
        err_set(e, ERR_PARSE, "%s: file is UTF-16; save it as 'CSV UTF-8'", name);
        return NULL;
    }
    if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
        p += 3;
    csvread *t = xcalloc(1, sizeof *t);
    t->name = xstrdup(name);
    t->strings = arena_new(0);
    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        err_set(e, ERR_NOMEM, "%s: libcsv could not start", name);
        csvread_free(t);
        return NULL;
    }
    feed fd = {.t = t};
    err_code rc = ERR_OK;
    while (p < end && rc == ERR_OK) {
        const unsigned char *nl = memchr(p, '\n', (size_t)(end - p));
        const unsigned char *stop = nl ? nl + 1 : end;
        fd.line++;
        if ((size_t)(stop - p) > CSVREAD_MAX_LINE) {
            rc = err_set(e, ERR_PARSE, "%s:%zu: line longer than %zu KiB (not a CSV table?)", name,
                         fd.line, CSVREAD_MAX_LINE >> 10);
            break;
        }
        for (const unsigned char *q = p; q < stop;) {
            size_t n = utf8_seq_len(q, stop);
            if (!n) {
                rc = err_set(e, ERR_PARSE,
                             "%s:%zu: not UTF-8 text (saved as GBK/ANSI or UTF-16?); save the "
                             "file as 'CSV UTF-8'",
                             name, fd.line);
                break;
            }
            q += n;
        }
        if (rc != ERR_OK)
            break;
        if (!fd.open)
            fd.row_line = fd.line;
        size_t want = (size_t)(stop - p);
        if (csv_parse(&parser, p, want, on_field, on_record, &fd) != want)
            rc = err_set(e, ERR_PARSE,
                         "%s:%zu: malformed quoting (a '\"' inside an unquoted field, or text "
                         "after a closing quote)",
                         name, fd.line);
        p = stop;
    }
    if (rc == ERR_OK && csv_fini(&parser, on_field, on_record, &fd) != 0)
        rc = err_set(e, ERR_PARSE, "%s:%zu: a quoted field opened on this line is never closed",
                     name, fd.row_line);
    csv_free(&parser);
    if (rc == ERR_OK)
        rc = finish(t, e);
    if (rc != ERR_OK) {
        csvread_free(t);
        return NULL;
    }
    return t;
}

csvread *csvread_load(const char *path, err *e)
{
    size_t len;
    char *buf = file_read_max(path, CSVREAD_MAX_BYTES, &len, e);
    if (!buf)
        return NULL;
    csvread *t = csvread_parse(buf, len, path, e);
    free(buf);
    return t;
}

void csvread_free(csvread *t)
{
    if (!t)
        return;
    free(t->name);
    arena_free(t->strings);
    VEC_FREE(&t->fields);
    VEC_FREE(&t->rows);
    free(t);
}

const char *csvread_name(const csvread *t)
{
    return t->name;
}

size_t csvread_n_cols(const csvread *t)
{
    return t->n_cols;
}

const char *csvread_col_name(const csvread *t, size_t col)
{
    assert(col < t->n_cols);
    return t->fields.data[t->rows.data[0].first + col];
}

size_t csvread_col(const csvread *t, const char *name)
{
    for (size_t c = 0; c < t->n_cols; c++)
        if (!ascii_casecmp(csvread_col_name(t, c), name))
            return c;
    return CSVREAD_NONE;
}

err_code csvread_require_col(const csvread *t, const char *name, size_t *col, err *e)
{
    *col = csvread_col(t, name);
    if (*col != CSVREAD_NONE)
        return ERR_OK;
    char have[512] = "";
    size_t n = 0;
    for (size_t c = 0; c < t->n_cols && n < sizeof have - 1; c++)
        n += (size_t)snprintf(have + n, sizeof have - n, "%s%s", c ? "," : "",
                              csvread_col_name(t, c));
    return err_set(e, ERR_PARSE, "%s:%zu: missing column '%s' (the header has: %s)", t->name,
                   t->rows.data[0].line, name, have);
}

err_code csvread_check_columns(const csvread *t, const char *const *known, size_t n,
                               const char *hint, err *e)
{
    for (size_t c = 0; c < t->n_cols; c++) {
        const char *name = csvread_col_name(t, c);
        bool ok = false;
        for (size_t k = 0; k < n && !ok; k++)
            ok = !ascii_casecmp(name, known[k]);
        if (ok)
            continue;
        char why[512];
        size_t near = ascii_nearest(name, known, n);
        if (near != SIZE_MAX) {
            snprintf(why, sizeof why, "did you mean '%s'?", known[near]);
        } else {
            size_t w = (size_t)snprintf(why, sizeof why, "known columns:");
            for (size_t k = 0; k < n && w < sizeof why; k++)
                w += (size_t)snprintf(why + w, sizeof why - w, " %s", known[k]);
        }
        char extra[512] = "";
        if (hint) {
            const char *pct = strstr(hint, "%s");
            if (pct)
                snprintf(extra, sizeof extra, "; %.*s%s%s", (int)(pct - hint), hint, name, pct + 2);
            else
                snprintf(extra, sizeof extra, "; %s", hint);
        }
        return err_set(e, ERR_PARSE, "%s:%zu: unknown column '%s' (%s)%s", t->name,
                       t->rows.data[0].line, name, why, extra);
    }
    return ERR_OK;
}

size_t csvread_header_line(const csvread *t)
{
    return t->rows.data[0].line;
}

size_t csvread_n_rows(const csvread *t)
{
    return t->rows.len - 1;
}

size_t csvread_line(const csvread *t, size_t r)
{
    assert(r + 1 < t->rows.len);
    return t->rows.data[r + 1].line;
}

const char *csvread_field(const csvread *t, size_t r, size_t col)
{
    assert(r + 1 < t->rows.len && col < t->n_cols);
    const row *rw = &t->rows.data[r + 1];
    return col < rw->n ? t->fields.data[rw->first + col] : "";
}

bool csvread_empty(const csvread *t, size_t r, size_t col)
{
    return col == CSVREAD_NONE || !csvread_field(t, r, col)[0];
}

err_code csvread_error(const csvread *t, size_t r, size_t col, err *e, const char *fmt, ...)
{
    char msg[ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return err_set(e, ERR_PARSE, "%s:%zu: column '%s': %s", t->name, csvread_line(t, r),
                   csvread_col_name(t, col), msg);
}

err_code csvread_double(const csvread *t, size_t r, size_t col, double min, double max, double *out,
                        err *e)
{
    const char *s = csvread_field(t, r, col);
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (!*s || errno || *end || !isfinite(v) || v < min || v > max)
        return csvread_error(t, r, col, e, "expected a number in %g..%g, got '%s'", min, max, s);
    *out = v;
    return ERR_OK;
}

err_code csvread_int(const csvread *t, size_t r, size_t col, int64_t min, int64_t max, int64_t *out,
                     err *e)
{
    const char *s = csvread_field(t, r, col);
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (!*s || errno || *end || v < min || v > max)
        return csvread_error(t, r, col, e, "expected a whole number in %lld..%lld, got '%s'",
                             (long long)min, (long long)max, s);
    *out = v;
    return ERR_OK;
}
