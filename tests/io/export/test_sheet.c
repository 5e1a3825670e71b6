/* test_sheet.c — printable driver sheets: A4 print CSS, stops in order with times, parcels
 * per company and kilometres, names escaped. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/export/export.h"
#include "tests/io/plan/fixture_plan.h"
#include "tests/support.h"

Test(sheet, lists_stops_in_order_with_times_parcels_and_km)
{
    plan *p = fixture_plan_new();
    err e = {0};
    char *dir = fixture_export(p, NULL, &e);
    cr_assert_not_null(dir, "%s", e.msg);
    char *file = fixture_route_file(p, dir, "sheets", 0, "html");
    char *html = test_slurp(file, NULL);
    cr_assert_not_null(html, "%s", file);
    cr_expect_not_null(strstr(html, "@page{size:A4"));
    cr_expect_not_null(strstr(html, "<meta charset=\"utf-8\">"));
    cr_expect_null(strstr(html, "<script"), "a sheet needs no scripts");
    const char *a = strstr(html, "下洋村");
    const char *b = strstr(html, "&lt;&amp;&gt;&quot;&#39;镇");
    cr_expect(a && b && a < b, "stops in visiting order");
    cr_expect_not_null(strstr(html, "<td class=\"n\">07:35</td>"), "arrival at the first stop");
    cr_expect_not_null(strstr(html, "<b>12.0 km</b>"), "total km");
    cr_expect_not_null(strstr(html, "<th>邮政&amp;EMS</th>"), "a column per company");
    cr_expect_not_null(strstr(html, "张三"), "driver");
    /* totals per company: 中通 3+10, 圆通 5+7, 邮政 0+2 */
    cr_expect_not_null(strstr(html, "<td class=\"n\">13</td><td class=\"n\">12</td>"
                                    "<td class=\"n\">2</td><td class=\"n\">27</td>"),
                       "%s", html);
    free(html);
    free(file);
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}

Test(sheet, is_well_formed_for_an_html_parser)
{
    cr_assert(fixture_have("xmllint"), "xmllint missing (Debian libxml2-utils)");
    plan *p = fixture_plan_new();
    err e = {0};
    char *dir = fixture_export(p, NULL, &e);
    cr_assert_not_null(dir, "%s", e.msg);
    for (size_t i = 0; i < p->n_routes; i++) {
        char *file = fixture_route_file(p, dir, "sheets", i, "html");
        char cmd[8192], *out = NULL;
        snprintf(cmd, sizeof cmd, "xmllint --html --noout '%s'", file);
        cr_expect_eq(fixture_sh(cmd, &out), 0, "%s", out);
        cr_expect_str_eq(out, "", "parser complaints: %s", out);
        free(out);
        free(file);
    }
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}

Test(sheet, a_line_has_one_week_sheet_with_a_signature_column_per_day)
{
    plan *p = fixture_lines_plan_new();
    err e = {0};
    char *dir = fixture_export(p, NULL, &e);
    cr_assert_not_null(dir, "%s", e.msg);
    char file[4200];
    snprintf(file, sizeof file, "%s/sheets/line-1.html", dir);
    char *html = test_slurp(file, NULL);
    cr_assert_not_null(html, "%s written", file);
    cr_expect_not_null(strstr(html, "<h1>派送单 Driver sheet: van01 · 线路 Line 1 · 周一、tue/周二"
                                    "</h1>"),
                       "%s", html);
    cr_expect_not_null(strstr(html, "每周 Every week: <b>mon+tue/周二</b>"), "%s", html);
    cr_expect_not_null(strstr(html, "<th>签收<br>周一</th><th>签收<br>tue/周二</th></tr>"), "%s",
                       html);
    cr_expect_not_null(strstr(html, "<td class=\"n\">07:35</td>"), "arrival at the first stop");
    cr_expect_not_null(strstr(html, "张三"), "driver");
    cr_expect_null(strstr(html, "2026-11-30"), "no date: the sheet holds for every week");
    free(html);
    snprintf(file, sizeof file, "%s/sheets/line-2.html", dir);
    html = test_slurp(file, NULL);
    cr_assert_not_null(html, "%s written", file);
    cr_expect_not_null(strstr(html, "上塘村"));
    cr_expect_not_null(strstr(html, "<th>签收<br>周一</th></tr>"), "%s", html);
    free(html);
    if (fixture_have("xmllint")) {
        char cmd[8192], *out = NULL;
        snprintf(cmd, sizeof cmd, "xmllint --html --noout '%s'/sheets/line-*.html", dir);
        cr_expect_eq(fixture_sh(cmd, &out), 0, "%s", out);
        cr_expect_str_eq(out, "", "parser complaints: %s", out);
        free(out);
    }
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}
