/* jval.h — JSON values: build, write, parse and read them. The only file that includes
 * <jansson.h> is io/text/jval.c (STYLE §1: one file per third-party library), so plan.json
 * (io/plan/planjson.c), `jincun matrix --format json` and anything else that reads or writes
 * JSON through jansson go through here. A jval is jansson's json_t under another name; the
 * functions keep jansson's meaning (NULL-safe getters, set and push take ownership).
 * SPDX-License-Identifier: MIT */
#ifndef IO_TEXT_JVAL_H
#define IO_TEXT_JVAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util/err.h"

typedef struct jval jval;

typedef enum jval_type {
    JVAL_OBJECT,
    JVAL_ARRAY,
    JVAL_STRING,
    JVAL_INTEGER,
    JVAL_REAL,
    JVAL_TRUE,
    JVAL_FALSE,
    JVAL_NULL
} jval_type;

/* ---- building: each returns a new value the caller owns (freed by jval_free or by the
 * container it is set or pushed into); jval_string returns NULL for a string that is not
 * UTF-8, and setting or pushing NULL adds nothing. */
jval *jval_object(void);
jval *jval_array(void);
jval *jval_string(const char *s);
jval *jval_int(int64_t v);
jval *jval_real(double v);
jval *jval_bool(bool v);
jval *jval_null(void);

/* Sets member key of obj to v (takes v; a member of that name is replaced); members keep the
 * order they were first set in. */
void jval_set(jval *obj, const char *key, jval *v);

/* Appends v to arr (takes v). */
void jval_push(jval *arr, jval *v);

/* Releases v and everything in it; NULL is a no-op. */
void jval_free(jval *v);

/* ---- writing */

typedef enum jval_layout {
    JVAL_COMPACT, /* one line, no spaces */
    JVAL_INDENT1, /* every member and element on its own line, indented by one space a level */
    JVAL_ROWS     /* an object, one top-level member a line, and in an array of objects one
                   * object a line, each compact: short, yet a diff shows which row changed */
} jval_layout;

/* Writes v to f (borrowed, not closed) in layout, with a newline at the end. Reals are printed
 * with real_digits significant digits (1..17; 0 means 17, which reads back exactly). JVAL_ROWS
 * needs an object. Returns ERR_OK, or ERR_IO (write error; e says "writing WHAT: ..."). */
err_code jval_write(const jval *v, FILE *f, jval_layout layout, int real_digits, const char *what,
                    err *e);

/* ---- parsing: return a new value (caller frees with jval_free), or NULL with e set. A
 * duplicate member name is an error when reject_duplicates is set. Messages are
 * "NAME:LINE:COLUMN: what is wrong". */
jval *jval_parse(const char *text, const char *name, bool reject_duplicates, err *e);

/* From an open stream (borrowed, read to its end): ERR_PARSE for bad JSON, ERR_IO when reading
 * failed. */
jval *jval_read(FILE *f, const char *name, bool reject_duplicates, err *e);

/* ---- reading: all accept NULL, and borrow what they return (valid while its root lives). */

/* The type of v; v must not be NULL. */
jval_type jval_typeof(const jval *v);

/* True when v is not NULL and of type t; jval_is_number also for JVAL_INTEGER and JVAL_REAL,
 * jval_is_bool for JVAL_TRUE and JVAL_FALSE. */
bool jval_is(const jval *v, jval_type t);
bool jval_is_number(const jval *v);
bool jval_is_bool(const jval *v);

/* Member key of an object; NULL when missing or obj is not an object. */
jval *jval_get(const jval *obj, const char *key);

/* Elements of an array (0 for anything else), and element i (NULL when out of range). */
size_t jval_len(const jval *arr);
jval *jval_at(const jval *arr, size_t i);

/* Loops over the elements of an array: JVAL_FOREACH(arr, i, el) { ... } with size_t i and
 * jval *el. */
#define JVAL_FOREACH(arr, i, el)                                                                   \
    for ((i) = 0; (i) < jval_len(arr) && ((el) = jval_at((arr), (i))) != NULL; (i)++)

/* The string (NULL unless a string), the integer (0 unless an integer), the number as a double
 * (an integer too; 0 otherwise). */
const char *jval_str(const jval *v);
int64_t jval_int_value(const jval *v);
double jval_num(const jval *v);

#endif
