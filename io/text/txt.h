/* txt.h — reading small text input files: whole-file load, whitespace tokens with line
 * numbers, number parsing whose errors name FILE:LINE, the field and what was found.
 * (Output files: util/outfile.h.)
 * SPDX-License-Identifier: MIT */
#ifndef IO_TEXT_TXT_H
#define IO_TEXT_TXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

/* A text file held in memory and a cursor over its tokens. */
typedef struct txt {
    const char *path; /* borrowed, used in messages */
    char *buf;        /* whole file, NUL-terminated, owned */
    size_t len;       /* bytes in buf */
    size_t pos;       /* cursor */
    size_t line;      /* 1-based line of the cursor */
    size_t tok_line;  /* line of the last token returned */
    char tok[128];    /* last token (truncated copy, for messages) */
} txt;

/* Reads the whole file into t (path is borrowed and must outlive t). ERR_IO if unreadable,
 * ERR_USAGE for a directory or another non-regular file (file_read_all), ERR_PARSE above
 * FILE_READ_MAX or "FILE:LINE: NUL byte: expected a text file" if it holds a NUL byte. */
err_code txt_open(txt *t, const char *path, err *e);

/* Frees t's buffer; safe on a zeroed or already-closed txt. */
void txt_close(txt *t);

/* Next whitespace-separated token on any line: start pointer and length, or NULL at end of
 * file. When same_line is true, stops at a newline instead (returns NULL there, without
 * consuming it). */
const char *txt_next(txt *t, bool same_line, size_t *len);

/* Skips to the start of the next line. */
void txt_skip_line(txt *t);

/* True when only whitespace remains on the current line (or the file ended). */
bool txt_at_eol(txt *t);

/* Next token parsed as a number; ERR_PARSE "FILE:LINE: field 'F': expected ..., got '...'"
 * (or "got end of file" / "got end of line"). */
err_code txt_u32(txt *t, bool same_line, const char *field, uint32_t *v, err *e);
err_code txt_double(txt *t, bool same_line, const char *field, double *v, err *e);

/* Reads the unsigned numbers left on the current line (field names them in messages) into a
 * new malloc'd array *v of *n numbers (caller frees). With stop_at_zero it stops after the
 * first 0, which it does not store, and sets *zero; otherwise a 0 is stored like any number
 * and *zero stays false. ERR_PARSE as txt_u32 (then *v is NULL and *n 0). */
err_code txt_u32_line(txt *t, const char *field, bool stop_at_zero, uint32_t **v, uint32_t *n,
                      bool *zero, err *e);

/* A double that must be integral (e.g. "12" or "12.00") and fit int32. */
err_code txt_i32(txt *t, bool same_line, const char *field, int32_t *v, err *e);

#endif
