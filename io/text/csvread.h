/* csvread.h — CSV tables (libcsv) as people save them from a text editor, WPS or Excel:
 * UTF-8 with an optional BOM, CRLF or LF, quoted fields (may hold commas, quotes and line
 * breaks). A table is a header row plus data rows; every row keeps the 1-based line it starts
 * on so messages read "stops.csv:17: column 'lat': expected a number in -90..90, got 'abc'".
 * The only file that includes <csv.h> is io/text/csvread.c; writing CSV is io/text/csvwrite.h.
 * SPDX-License-Identifier: MIT */
#ifndef IO_TEXT_CSVREAD_H
#define IO_TEXT_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

typedef struct csvread csvread;

/* Column index meaning "no such column". */
#define CSVREAD_NONE ((size_t)-1)

/* Limits of a CSV file: 64 MiB, a line at most 64 KiB (a longer one is ERR_PARSE naming it). */
#define CSVREAD_MAX_BYTES ((size_t)64 << 20)
#define CSVREAD_MAX_LINE ((size_t)64 << 10)

/* Reads the CSV file at path. The first non-empty line is the header; names are trimmed.
 * Blanks around unquoted fields are dropped; rows whose fields are all empty are skipped
 * (spreadsheets write ",,,," for deleted rows); a row may have fewer fields than the header
 * (the missing ones read as ""), but not more non-empty ones. Messages use path as given.
 * Returns a new table (caller frees with csvread_free) or NULL with e set: ERR_IO (cannot
 * read; only regular files of at most CSVREAD_MAX_BYTES are read, see
 * file_read_max), ERR_PARSE (not UTF-8 — e.g. saved as GBK —, unbalanced quotes, empty header name,
 * duplicate header name, too many fields in a row, no header at all). */
csvread *csvread_load(const char *path, err *e);

/* Same for len bytes in memory; name stands for the file name in messages. */
csvread *csvread_parse(const char *data, size_t len, const char *name, err *e);

/* Frees t; NULL is a no-op. */
void csvread_free(csvread *t);

/* File name used in messages (borrowed). */
const char *csvread_name(const csvread *t);

/* Header: number of columns and the i-th name (borrowed). */
size_t csvread_n_cols(const csvread *t);
const char *csvread_col_name(const csvread *t, size_t col);

/* Index of the column named name (trimmed, ASCII case ignored), or CSVREAD_NONE. */
size_t csvread_col(const csvread *t, const char *name);

/* Like csvread_col, but a missing column is ERR_PARSE
 * "FILE:LINE: missing column 'lat' (the header has: id,name,...)". */
err_code csvread_require_col(const csvread *t, const char *name, size_t *col, err *e);

/* Catches typos in the header: every column must be one of the n names in known (ASCII case
 * ignored), else ERR_PARSE "FILE:LINE: unknown column 'range_kms' (did you mean 'range_km'?)"
 * for the first unknown one, with the nearest known name when it is a likely typo
 * (ascii_nearest), else the list of known names. hint, when not NULL, is appended after "; "
 * (it may hold one "%s", replaced by the unknown column's name). */
err_code csvread_check_columns(const csvread *t, const char *const *known, size_t n,
                               const char *hint, err *e);

/* Line of the header (1-based). */
size_t csvread_header_line(const csvread *t);

/* Data rows: count, the line each starts on, and field col of row ("" when the row is short;
 * col must be < csvread_n_cols). Strings are borrowed, valid until csvread_free. */
size_t csvread_n_rows(const csvread *t);
size_t csvread_line(const csvread *t, size_t row);
const char *csvread_field(const csvread *t, size_t row, size_t col);

/* True when the field is empty (col may be CSVREAD_NONE: then always true). */
bool csvread_empty(const csvread *t, size_t row, size_t col);

/* Typed fields: a finite number (decimal point '.') / a whole number in [min, max]. An empty
 * field is an error too (test csvread_empty first for optional fields). ERR_PARSE
 * "FILE:LINE: column 'lat': expected a number in -90..90, got 'abc'". */
err_code csvread_double(const csvread *t, size_t row, size_t col, double min, double max,
                        double *out, err *e);
err_code csvread_int(const csvread *t, size_t row, size_t col, int64_t min, int64_t max,
                     int64_t *out, err *e);

/* ERR_PARSE "FILE:LINE: column 'NAME': MESSAGE" for a value the caller checked itself.
 * Returns ERR_PARSE. */
err_code csvread_error(const csvread *t, size_t row, size_t col, err *e, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#endif
