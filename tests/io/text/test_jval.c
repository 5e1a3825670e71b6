/* test_jval.c — io/text/jval: the three layouts, real digits, parse errors with their place,
 * duplicate members, and getters that accept anything. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/text/jval.h"

static char *written(const jval *v, jval_layout layout, int digits)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_not_null(f);
    err e = {0};
    cr_assert_eq(jval_write(v, f, layout, digits, "test", &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(fclose(f), 0);
    return buf;
}

static jval *sample(void)
{
    jval *root = jval_object();
    jval_set(root, "name", jval_string("云岚县"));
    jval_set(root, "n", jval_int(3));
    jval *rows = jval_array();
    for (int i = 0; i < 2; i++) {
        jval *o = jval_object();
        jval_set(o, "id", jval_int(i));
        jval_set(o, "ok", jval_bool(i == 0));
        jval_push(rows, o);
    }
    jval_set(root, "rows", rows);
    jval *xs = jval_array();
    jval_push(xs, jval_real(0.1));
    jval_push(xs, jval_null());
    jval_set(root, "xs", xs);
    return root;
}

Test(jval, layouts)
{
    jval *v = sample();
    char *c = written(v, JVAL_COMPACT, 15);
    cr_expect_str_eq(c, "{\"name\":\"云岚县\",\"n\":3,\"rows\":[{\"id\":0,\"ok\":true},"
                        "{\"id\":1,\"ok\":false}],\"xs\":[0.1,null]}\n");
    char *r = written(v, JVAL_ROWS, 15);
    cr_expect_str_eq(r, "{\n"
                        " \"name\": \"云岚县\",\n"
                        " \"n\": 3,\n"
                        " \"rows\": [\n"
                        "  {\"id\":0,\"ok\":true},\n"
                        "  {\"id\":1,\"ok\":false}\n"
                        " ],\n"
                        " \"xs\": [0.1,null]\n"
                        "}\n");
    char *i = written(v, JVAL_INDENT1, 0);
    cr_expect(
        strncmp(
            i, "{\n \"name\": \"云岚县\",\n \"n\": 3,\n \"rows\": [\n  {\n   \"id\": 0,",
            strlen("{\n \"name\": \"云岚县\",\n \"n\": 3,\n \"rows\": [\n  {\n   \"id\": 0,")) == 0,
        "%s", i);
    cr_expect(strstr(i, "0.10000000000000001"), "17 digits by default: %s", i);
    free(c);
    free(r);
    free(i);
    jval_free(v);
}

Test(jval, parse_reads_back_and_names_the_place_of_an_error)
{
    err e = {0};
    jval *v = jval_parse("{\"a\": [1, 2.5, \"x\", true, null], \"b\": {}}", "t.json", true, &e);
    cr_assert_not_null(v, "%s", e.msg);
    jval *a = jval_get(v, "a");
    cr_expect_eq(jval_len(a), 5);
    cr_expect_eq(jval_int_value(jval_at(a, 0)), 1);
    cr_expect(jval_is(jval_at(a, 0), JVAL_INTEGER) && jval_is_number(jval_at(a, 0)));
    cr_expect(jval_num(jval_at(a, 1)) == 2.5);
    cr_expect_str_eq(jval_str(jval_at(a, 2)), "x");
    cr_expect(jval_is_bool(jval_at(a, 3)) && jval_is(jval_at(a, 3), JVAL_TRUE));
    cr_expect_eq(jval_typeof(jval_at(a, 4)), JVAL_NULL);
    cr_expect(jval_is(jval_get(v, "b"), JVAL_OBJECT));
    size_t i, n = 0;
    jval *el;
    JVAL_FOREACH(a, i, el)
    n++;
    cr_expect_eq(n, 5);
    /* anything missing reads as nothing, never a crash */
    cr_expect_null(jval_get(v, "zz"));
    cr_expect_null(jval_get(a, "a"), "an array has no members");
    cr_expect_null(jval_at(a, 5));
    cr_expect_eq(jval_len(NULL), 0);
    cr_expect_null(jval_str(jval_at(a, 0)));
    cr_expect_not(jval_is(NULL, JVAL_NULL));
    jval_free(v);
    jval_free(NULL);

    cr_expect_null(jval_parse("{\"a\": 1,\n \"b\": }", "bad.json", true, &e));
    cr_expect_eq(e.code, ERR_PARSE);
    cr_expect(strncmp(e.msg, "bad.json:2:", 11) == 0, "%s", e.msg);
    cr_expect_null(jval_parse("{\"a\": 1, \"a\": 2}", "dup.json", true, &e));
    cr_expect(strstr(e.msg, "dup.json:"), "%s", e.msg);
    v = jval_parse("{\"a\": 1, \"a\": 2}", "dup.json", false, &e);
    cr_expect_not_null(v, "duplicates allowed when asked");
    jval_free(v);
}

Test(jval, read_from_a_stream)
{
    FILE *f = tmpfile();
    cr_assert_not_null(f);
    fputs("[1, 2, 3]", f);
    rewind(f);
    err e = {0};
    jval *v = jval_read(f, "s.json", true, &e);
    cr_assert_not_null(v, "%s", e.msg);
    cr_expect_eq(jval_len(v), 3);
    jval_free(v);
    fclose(f);
}
