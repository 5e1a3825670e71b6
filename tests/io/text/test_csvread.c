/* test_csvread.c — io/text/csvread.h. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/text/csvread.h"
#include "tests/support.h"

static csvread *parse(const char *text, err *e)
{
    return csvread_parse(text, strlen(text), "stops.csv", e);
}

Test(csvread, bom_crlf_quotes_and_line_numbers)
{
    const char *text = "\xEF\xBB\xBFid, name ,lat,lon\r\n"
                       "a1,\"前进村, 东\",28.5,121.1\r\n"
                       "\r\n"
                       "a2,\"say \"\"hi\"\"\nsecond line\",28.6,\r\n"
                       "a3,短,,\r\n";
    err e = {0};
    csvread *t = parse(text, &e);
    cr_assert_not_null(t, "%s", e.msg);
    cr_assert_eq(csvread_n_cols(t), 4);
    cr_assert_str_eq(csvread_col_name(t, 0), "id");
    cr_assert_str_eq(csvread_col_name(t, 1), "name");
    cr_assert_eq(csvread_col(t, "NAME"), 1);
    cr_assert_eq(csvread_col(t, "code"), CSVREAD_NONE);
    cr_assert_eq(csvread_header_line(t), 1);
    cr_assert_eq(csvread_n_rows(t), 3);
    cr_assert_str_eq(csvread_field(t, 0, 1), "前进村, 东");
    cr_assert_eq(csvread_line(t, 0), 2);
    cr_assert_str_eq(csvread_field(t, 1, 1), "say \"hi\"\nsecond line");
    cr_assert_eq(csvread_line(t, 1), 4);
    cr_assert(csvread_empty(t, 1, 3));
    cr_assert_eq(csvread_line(t, 2), 6);
    cr_assert_str_eq(csvread_field(t, 2, 1), "短");
    double lat = 0;
    cr_assert_eq(csvread_double(t, 0, 2, -90, 90, &lat, &e), ERR_OK);
    cr_assert_float_eq(lat, 28.5, 1e-12);
    csvread_free(t);
}

Test(csvread, bad_number_message_names_file_line_and_column)
{
    err e = {0};
    csvread *t = parse("id,lat\nx,1\ny,abc\n", &e);
    cr_assert_not_null(t);
    double v;
    cr_assert_eq(csvread_double(t, 1, 1, -90, 90, &v, &e), ERR_PARSE);
    cr_assert_str_eq(e.msg, "stops.csv:3: column 'lat': expected a number in -90..90, got 'abc'");
    int64_t i;
    cr_assert_eq(csvread_int(t, 0, 1, 2, 5, &i, &e), ERR_PARSE);
    cr_assert_str_eq(e.msg, "stops.csv:2: column 'lat': expected a whole number in 2..5, got '1'");
    cr_assert_eq(csvread_int(t, 0, 1, 0, 5, &i, &e), ERR_OK);
    cr_assert_eq(i, 1);
    size_t col;
    cr_assert_eq(csvread_require_col(t, "lon", &col, &e), ERR_PARSE);
    cr_assert_str_eq(e.msg, "stops.csv:1: missing column 'lon' (the header has: id,lat)");
    csvread_free(t);
}

Test(csvread, empty_rows_are_skipped_and_trailing_commas_allowed)
{
    err e = {0};
    csvread *t = parse("id,kind,,\nv1,village,,\n,,,\nv2,township\n", &e);
    cr_assert_not_null(t, "%s", e.msg);
    cr_assert_eq(csvread_n_cols(t), 2);
    cr_assert_eq(csvread_n_rows(t), 2);
    cr_assert_eq(csvread_line(t, 1), 4);
    csvread_free(t);
}

Test(csvread, too_many_fields_is_an_error)
{
    err e = {0};
    cr_assert_null(parse("id,name\na,b\nc,d,e\n", &e));
    cr_assert_eq(e.code, ERR_PARSE);
    cr_assert(strstr(e.msg, "stops.csv:3: 3 fields but the header has 2 columns"), "%s", e.msg);
}

Test(csvread, gbk_text_is_refused_with_a_hint)
{
    err e = {0};
    /* "村" in GBK is 0xB4 0xE5 */
    cr_assert_null(parse("id,name\nv1,\xB4\xE5\n", &e));
    cr_assert_eq(e.code, ERR_PARSE);
    cr_assert(strstr(e.msg, "stops.csv:2: not UTF-8"), "%s", e.msg);
    cr_assert(strstr(e.msg, "CSV UTF-8"));
}

Test(csvread, unclosed_quote_names_the_line_it_opened_on)
{
    err e = {0};
    cr_assert_null(parse("id,name\nv1,ok\nv2,\"never closed\nv3,x\n", &e));
    cr_assert_eq(e.code, ERR_PARSE);
    cr_assert(strstr(e.msg, "stops.csv:3:"), "%s", e.msg);
}

Test(csvread, duplicate_and_empty_header_names_are_errors)
{
    err e = {0};
    cr_assert_null(parse("id,name,ID\n", &e));
    cr_assert_str_eq(e.msg, "stops.csv:1: column 'ID' appears twice in the header");
    cr_assert_null(parse("id,,name\n", &e));
    cr_assert_str_eq(e.msg, "stops.csv:1: header column 2 has no name");
    cr_assert_null(parse("\n\n", &e));
    cr_assert(strstr(e.msg, "empty file"));
}

Test(csvread, last_line_without_newline_and_lf_only)
{
    err e = {0};
    csvread *t = parse("a,b\n1,2\n3,4", &e);
    cr_assert_not_null(t);
    cr_assert_eq(csvread_n_rows(t), 2);
    cr_assert_str_eq(csvread_field(t, 1, 1), "4");
    cr_assert_eq(csvread_line(t, 1), 3);
    csvread_free(t);
}

Test(csvread, load_reads_files_and_reports_missing_ones)
{
    char *dir = test_tmpdir();
    char path[4096];
    snprintf(path, sizeof path, "%s/t.csv", dir);
    FILE *fp = fopen(path, "w");
    fputs("id,name\nv1,上村\n", fp);
    fclose(fp);
    err e = {0};
    csvread *t = csvread_load(path, &e);
    cr_assert_not_null(t, "%s", e.msg);
    cr_assert_str_eq(csvread_field(t, 0, 1), "上村");
    cr_assert_str_eq(csvread_name(t), path);
    csvread_free(t);
    snprintf(path, sizeof path, "%s/none.csv", dir);
    cr_assert_null(csvread_load(path, &e));
    cr_assert_eq(e.code, ERR_IO);
    test_rmtree(dir);
    free(dir);
}

Test(csvread, unknown_columns_are_named_with_the_nearest_known_one)
{
    static const char *const known[] = {"id", "depot", "capacity", "range_km"};
    err e = {0};
    csvread *t = parse("id,depot,capacity,range_kms\nv,d,1,5\n", &e);
    cr_assert_not_null(t, "%s", e.msg);
    cr_assert_eq(csvread_check_columns(t, known, 4, NULL, &e), ERR_PARSE);
    cr_assert_str_eq(e.msg, "stops.csv:1: unknown column 'range_kms' (did you mean 'range_km'?)");
    csvread_free(t);

    /* nothing near: the known names are listed; the hint names the column */
    t = parse("\n\nID,Colour\nv,red\n", &e);
    cr_assert_not_null(t, "%s", e.msg);
    cr_assert_eq(csvread_check_columns(t, known, 4, "is '%s' a company?", &e), ERR_PARSE);
    cr_assert_str_eq(e.msg,
                     "stops.csv:3: unknown column 'Colour' (known columns: id depot capacity "
                     "range_km); is 'Colour' a company?");
    csvread_free(t);

    /* known names in any ASCII case and any order, some absent: fine */
    t = parse("Range_KM,ID\n5,v\n", &e);
    cr_assert_not_null(t, "%s", e.msg);
    cr_assert_eq(csvread_check_columns(t, known, 4, NULL, &e), ERR_OK, "%s", e.msg);
    csvread_free(t);
}

Test(csvread, a_line_over_64_kib_is_refused)
{
    size_t n = CSVREAD_MAX_LINE + 16;
    char *text = malloc(n + 32);
    strcpy(text, "id,name\nv1,");
    size_t k = strlen(text);
    memset(text + k, 'x', n);
    strcpy(text + k + n, "\n");
    err e = {0};
    cr_assert_null(csvread_parse(text, strlen(text), "stops.csv", &e));
    cr_assert_str_eq(e.msg, "stops.csv:2: line longer than 64 KiB (not a CSV table?)");
    free(text);
}
