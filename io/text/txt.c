/* txt.c — small whitespace-separated text input files (see txt.h).
 * SPDX-License-Identifier: MIT */
#include "io/text/txt.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/file.h"
#include "util/mem.h"

err_code txt_open(txt *t, const char *path, err *e)
{
    memset(t, 0, sizeof *t);
    t->path = path;
    t->line = 1;
    size_t len;
    char *buf = file_read_all(path, &len, e);
    if (!buf)
        return e ? e->code : ERR_IO;
    /* A NUL byte would end a token without consuming it: refuse binary files up front. */
    const char *nul = memchr(buf, '\0', len);
    if (nul) {
        size_t line = 1;
        for (const char *c = buf; c < nul; c++)
            line += *c == '\n';
        free(buf);
        return err_set(e, ERR_PARSE, "%s:%zu: NUL byte: expected a text file", path, line);
    }
    t->buf = buf;
    t->len = len;
    return ERR_OK;
}

void txt_close(txt *t)
{
    free(t->buf);
    t->buf = NULL;
    t->len = t->pos = 0;
}

/* Skips spaces (and newlines unless same_line). */
static void skip_space(txt *t, bool same_line)
{
    while (t->pos < t->len) {
        char c = t->buf[t->pos];
        if (c == '\n') {
            if (same_line)
                return;
            t->line++;
        } else if (!isspace((unsigned char)c)) {
            return;
        }
        t->pos++;
    }
}

const char *txt_next(txt *t, bool same_line, size_t *len)
{
    skip_space(t, same_line);
    t->tok_line = t->line;
    if (t->pos >= t->len || t->buf[t->pos] == '\n') {
        snprintf(t->tok, sizeof t->tok, "%s", t->pos >= t->len ? "" : "\n");
        return NULL;
    }
    size_t start = t->pos;
    while (t->pos < t->len && !isspace((unsigned char)t->buf[t->pos]) && t->buf[t->pos] != '\0')
        t->pos++;
    size_t n = t->pos - start;
    size_t keep = n < sizeof t->tok - 1 ? n : sizeof t->tok - 1;
    memcpy(t->tok, t->buf + start, keep);
    t->tok[keep] = '\0';
    if (len)
        *len = n;
    return t->buf + start;
}

void txt_skip_line(txt *t)
{
    while (t->pos < t->len && t->buf[t->pos] != '\n')
        t->pos++;
    if (t->pos < t->len) {
        t->pos++;
        t->line++;
    }
}

bool txt_at_eol(txt *t)
{
    skip_space(t, true);
    return t->pos >= t->len || t->buf[t->pos] == '\n';
}

/* The error for the token just read: names what was found, or the end of line / file. */
static err_code bad_token(txt *t, const char *field, const char *expected, const char *tok, err *e)
{
    const char *got = tok ? t->tok : (t->pos >= t->len ? "end of file" : "end of line");
    const char *q = tok ? "'" : "";
    return err_set(e, ERR_PARSE, "%s:%zu: field '%s': expected %s, got %s%s%s", t->path,
                   t->tok_line, field, expected, q, got, q);
}

err_code txt_double(txt *t, bool same_line, const char *field, double *v, err *e)
{
    size_t n;
    const char *s = txt_next(t, same_line, &n);
    if (!s)
        return bad_token(t, field, "a number", NULL, e);
    char tmp[64];
    if (n >= sizeof tmp)
        return bad_token(t, field, "a number", s, e);
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    char *end;
    errno = 0;
    double d = strtod(tmp, &end);
    if (end == tmp || *end || errno == ERANGE || !isfinite(d))
        return bad_token(t, field, "a number", s, e);
    *v = d;
    return ERR_OK;
}

err_code txt_u32(txt *t, bool same_line, const char *field, uint32_t *v, err *e)
{
    size_t n;
    const char *s = txt_next(t, same_line, &n);
    if (!s)
        return bad_token(t, field, "a non-negative integer", NULL, e);
    uint64_t x = 0;
    bool over = false;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return bad_token(t, field, "a non-negative integer", s, e);
        x = x * 10 + (uint64_t)(s[i] - '0');
        if (x > UINT32_MAX) {
            over = true; /* keep looking: a later non-digit makes it not a number at all */
            x = (uint64_t)UINT32_MAX + 1;
        }
    }
    if (over)
        return err_set(e, ERR_PARSE, "%s:%zu: field '%s': '%s' is out of range (max %u)", t->path,
                       t->tok_line, field, t->tok, (unsigned)UINT32_MAX);
    *v = (uint32_t)x;
    return ERR_OK;
}

err_code txt_u32_line(txt *t, const char *field, bool stop_at_zero, uint32_t **v, uint32_t *n,
                      bool *zero, err *e)
{
    size_t cap = 16;
    uint32_t *a = xmallocarray(cap, sizeof *a), k = 0;
    *zero = false;
    while (!txt_at_eol(t)) {
        uint32_t c;
        err_code rc = txt_u32(t, true, field, &c, e);
        if (rc != ERR_OK) {
            free(a);
            *v = NULL;
            *n = 0;
            return rc;
        }
        if (c == 0 && stop_at_zero) {
            *zero = true;
            break;
        }
        if (k == cap)
            a = xreallocarray(a, cap *= 2, sizeof *a);
        a[k++] = c;
    }
    *v = a;
    *n = k;
    return ERR_OK;
}

err_code txt_i32(txt *t, bool same_line, const char *field, int32_t *v, err *e)
{
    double d;
    err_code c = txt_double(t, same_line, field, &d, e);
    if (c)
        return c;
    if (d != floor(d) || d < INT32_MIN || d > INT32_MAX)
        return bad_token(t, field, "an integer", t->tok, e);
    *v = (int32_t)d;
    return ERR_OK;
}
