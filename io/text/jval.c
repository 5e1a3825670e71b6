/* jval.c — JSON values through jansson (see jval.h); the only file that includes <jansson.h>.
 * SPDX-License-Identifier: MIT */
#include "io/text/jval.h"

#include <errno.h>
#include <jansson.h>
#include <string.h>

/* A jval is a json_t: the struct jval is never defined, only the pointers are converted. */
static json_t *J(const jval *v)
{
    return (json_t *)(uintptr_t)v;
}

static jval *V(json_t *j)
{
    return (jval *)j;
}

jval *jval_object(void)
{
    return V(json_object());
}

jval *jval_array(void)
{
    return V(json_array());
}

jval *jval_string(const char *s)
{
    return V(json_string(s));
}

jval *jval_int(int64_t v)
{
    return V(json_integer((json_int_t)v));
}

jval *jval_real(double v)
{
    return V(json_real(v));
}

jval *jval_bool(bool v)
{
    return V(json_boolean(v));
}

jval *jval_null(void)
{
    return V(json_null());
}

void jval_set(jval *obj, const char *key, jval *v)
{
    json_object_set_new(J(obj), key, J(v));
}

void jval_push(jval *arr, jval *v)
{
    json_array_append_new(J(arr), J(v));
}

void jval_free(jval *v)
{
    json_decref(J(v));
}

/* ---- writing ---- */

static size_t flags_of(jval_layout layout, int real_digits)
{
    size_t fl = JSON_ENCODE_ANY |
                JSON_REAL_PRECISION(real_digits > 0 && real_digits <= 17 ? real_digits : 17);
    return fl | (layout == JVAL_INDENT1 ? JSON_INDENT(1) : JSON_COMPACT);
}

static int write_rows(const json_t *root, FILE *f, size_t fl)
{
    int rc = fputs("{\n", f) == EOF;
    const char *key;
    json_t *val;
    size_t left = json_object_size(root);
    json_object_foreach((json_t *)(uintptr_t)root, key, val)
    {
        json_t *k = json_string(key);
        rc |= fputc(' ', f) == EOF;
        rc |= json_dumpf(k, f, fl);
        rc |= fputs(": ", f) == EOF;
        json_decref(k);
        bool rows = json_is_array(val) && json_array_size(val) > 0 &&
                    json_is_object(json_array_get(val, 0));
        if (rows) {
            rc |= fputs("[\n", f) == EOF;
            size_t i;
            json_t *el;
            json_array_foreach(val, i, el)
            {
                rc |= fputs("  ", f) == EOF;
                rc |= json_dumpf(el, f, fl);
                rc |= fputs(i + 1 < json_array_size(val) ? ",\n" : "\n", f) == EOF;
            }
            rc |= fputs(" ]", f) == EOF;
        } else {
            rc |= json_dumpf(val, f, fl);
        }
        rc |= fputs(--left ? ",\n" : "\n", f) == EOF;
    }
    rc |= fputs("}\n", f) == EOF;
    return rc;
}

err_code jval_write(const jval *v, FILE *f, jval_layout layout, int real_digits, const char *what,
                    err *e)
{
    size_t fl = flags_of(layout, real_digits);
    int rc;
    if (layout == JVAL_ROWS && json_is_object(J(v)))
        rc = write_rows(J(v), f, fl);
    else
        rc = json_dumpf(J(v), f, fl) != 0 || fputc('\n', f) == EOF;
    if (rc != 0 || ferror(f))
        return err_set(e, ERR_IO, "writing %s: %s", what, strerror(errno));
    return ERR_OK;
}

/* ---- parsing ---- */

jval *jval_parse(const char *text, const char *name, bool reject_duplicates, err *e)
{
    json_error_t jerr;
    json_t *root = json_loads(text, reject_duplicates ? JSON_REJECT_DUPLICATES : 0, &jerr);
    if (!root)
        err_set(e, ERR_PARSE, "%s:%d:%d: %s", name, jerr.line, jerr.column, jerr.text);
    return V(root);
}

jval *jval_read(FILE *f, const char *name, bool reject_duplicates, err *e)
{
    json_error_t jerr;
    json_t *root = json_loadf(f, reject_duplicates ? JSON_REJECT_DUPLICATES : 0, &jerr);
    if (!root)
        err_set(e, ferror(f) ? ERR_IO : ERR_PARSE, "%s:%d:%d: %s", name, jerr.line, jerr.column,
                jerr.text);
    return V(root);
}

/* ---- reading ---- */

jval_type jval_typeof(const jval *v)
{
    switch (json_typeof(J(v))) {
    case JSON_OBJECT: return JVAL_OBJECT;
    case JSON_ARRAY: return JVAL_ARRAY;
    case JSON_STRING: return JVAL_STRING;
    case JSON_INTEGER: return JVAL_INTEGER;
    case JSON_REAL: return JVAL_REAL;
    case JSON_TRUE: return JVAL_TRUE;
    case JSON_FALSE: return JVAL_FALSE;
    case JSON_NULL: break;
    }
    return JVAL_NULL;
}

bool jval_is(const jval *v, jval_type t)
{
    return v && jval_typeof(v) == t;
}

bool jval_is_number(const jval *v)
{
    return json_is_number(J(v));
}

bool jval_is_bool(const jval *v)
{
    return json_is_boolean(J(v));
}

jval *jval_get(const jval *obj, const char *key)
{
    return V(json_object_get(J(obj), key));
}

size_t jval_len(const jval *arr)
{
    return json_array_size(J(arr));
}

jval *jval_at(const jval *arr, size_t i)
{
    return V(json_array_get(J(arr), i));
}

const char *jval_str(const jval *v)
{
    return json_string_value(J(v));
}

int64_t jval_int_value(const jval *v)
{
    return (int64_t)json_integer_value(J(v));
}

double jval_num(const jval *v)
{
    return json_number_value(J(v));
}
