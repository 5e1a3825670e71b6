/* test_csvwrite.c — io/text/csvwrite: RFC 4180 quoting, and fields that csvread reads back
 * exactly as they were written. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>

#include "io/text/csvread.h"
#include "io/text/csvwrite.h"

/* The field as csvwrite_field writes it (caller frees). */
static char *written(const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_not_null(f);
    csvwrite_field(f, s);
    cr_assert_eq(fclose(f), 0);
    return buf;
}

static void expect_written(const char *s, const char *want)
{
    char *got = written(s);
    cr_expect_str_eq(got, want, "field [%s]", s ? s : "(null)");
    free(got);
}

Test(csvwrite, plain_fields_stay_as_they_are)
{
    expect_written("van01", "van01");
    expect_written("云岚镇 中心村", "云岚镇 中心村");
    expect_written("12.5", "12.5");
    expect_written("", "");
    expect_written(NULL, "");
    expect_written("it's", "it's");
}

Test(csvwrite, quotes_what_would_change_on_reading)
{
    expect_written("a,b", "\"a,b\"");
    expect_written("say \"hi\"", "\"say \"\"hi\"\"\"");
    expect_written("\"", "\"\"\"\"");
    expect_written("two\nlines", "\"two\nlines\"");
    expect_written("cr\r\nlf", "\"cr\r\nlf\"");
    expect_written(" lead", "\" lead\"");
    expect_written("trail ", "\"trail \"");
    expect_written("\ttab", "\"\ttab\"");
    expect_written(" ", "\" \"");
    expect_written("in side", "in side");
}

Test(csvwrite, csvread_reads_back_every_field)
{
    static const char *const fields[] = {
        "plain", "a,b", "say \"hi\"", "two\nlines", " lead", "trail ", "\ttab", "中通,圆通", "x",
    };
    size_t n = sizeof fields / sizeof *fields;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_not_null(f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%sc%zu", i ? "," : "", i);
    fputs("\r\n", f);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc(',', f);
        csvwrite_field(f, fields[i]);
    }
    fputs("\r\n", f);
    cr_assert_eq(fclose(f), 0);
    err e = {0};
    csvread *t = csvread_parse(buf, len, "t.csv", &e);
    cr_assert_not_null(t, "%s", e.msg);
    cr_assert_eq(csvread_n_rows(t), 1);
    cr_assert_eq(csvread_n_cols(t), n);
    for (size_t i = 0; i < n; i++)
        cr_expect_str_eq(csvread_field(t, 0, i), fields[i], "column %zu", i);
    csvread_free(t);
    free(buf);
}
