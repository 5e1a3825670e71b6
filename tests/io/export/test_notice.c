/* test_notice.c — the township timetable notices: one file per township with a safe name,
 * every stop of the township with days, time, van and driver, no script and no network; and
 * printed by headless Chromium to one A4 page set in the CJK font of fonts-wqy-microhei.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/export/export.h"
#include "io/export/notice.h"
#include "tests/io/plan/fixture_plan.h"
#include "util/mem.h"
#include "tests/support.h"

static char *notice_of(const char *dir, const char *file)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/timetables/%s", dir, file);
    char *html = test_slurp(path, NULL);
    cr_assert_not_null(html, "%s written", path);
    return html;
}

Test(notice, day_names_in_chinese)
{
    cr_expect_str_eq(notice_day_name("mon"), "周一");
    cr_expect_str_eq(notice_day_name("SUN"), "周日");
    cr_expect_str_eq(notice_day_name("tue/周二"), "tue/周二");
}

Test(notice, one_per_township_with_every_stop_days_time_van_and_driver)
{
    plan *p = fixture_plan_new();
    err e = {0};
    char *dir = fixture_export(p, NULL, &e);
    cr_assert_not_null(dir, "%s", e.msg);
    char *html = notice_of(dir, "白水洋镇.html");
    cr_expect_not_null(strstr(html, "@page{size:A4"));
    cr_expect_not_null(strstr(html, "<html lang=\"zh-CN\">"));
    cr_expect_null(strstr(html, "<script"), "a notice needs no script");
    cr_expect_null(strstr(html, "http"), "nothing from the network");
    cr_expect_not_null(strstr(html, "<h1>白水洋镇 快递进村班次表</h1>"), "%s", html);
    /* 下洋村: one row for both days; 上塘村: a row per day (different van and time) */
    cr_expect_not_null(strstr(html, "<tr><td>下洋村</td><td>周一、tue/周二</td>"
                                    "<td class=\"t\">07:35</td><td>van01</td><td>张三</td></tr>"),
                       "%s", html);
    cr_expect_not_null(strstr(html, "<tr><td rowspan=\"2\">上塘村</td><td>周一</td>"
                                    "<td class=\"t\">07:35</td><td>van&lt;2&gt;</td>"
                                    "<td>李&quot;四&quot;</td></tr>\n"
                                    "<tr><td>tue/周二</td><td class=\"t\">07:51</td>"),
                       "%s", html);
    cr_expect_not_null(strstr(html, "<tr><td>外岙村</td><td colspan=\"4\">暂未安排"), "%s", html);
    cr_expect_not_null(strstr(html, "按送达日分行列出"), "says why a stop has two rows");
    cr_expect_null(strstr(html, "镇</td><td>周一</td><td class=\"t\">07:51"),
                   "the township stop of another township is not listed");
    free(html);
    /* T1 has no township: listed under its own name, which is made safe for a file name */
    html = notice_of(dir, "_____镇.html");
    cr_expect_not_null(strstr(html, "<h1>&lt;&amp;&gt;&quot;&#39;镇 快递进村班次表</h1>"));
    cr_expect_not_null(strstr(html, "<td class=\"t\">07:51</td>"));
    cr_expect_null(strstr(html, "下洋村"));
    free(html);
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}

Test(notice, a_plan_with_lines_has_a_line_column_and_one_row_per_stop)
{
    plan *p = fixture_lines_plan_new();
    err e = {0};
    char *dir = fixture_export(p, NULL, &e);
    cr_assert_not_null(dir, "%s", e.msg);
    char *html = notice_of(dir, "白水洋镇.html");
    cr_expect_not_null(strstr(html, "<th>线路<br>Line</th>"), "%s", html);
    cr_expect_not_null(strstr(html, "<tr><td>下洋村</td><td>周一、tue/周二</td>"
                                    "<td class=\"t\">07:35</td><td>1</td><td>van01</td>"
                                    "<td>张三</td></tr>"),
                       "%s", html);
    cr_expect_not_null(strstr(html, "<tr><td>外岙村</td><td colspan=\"5\">暂未安排"), "%s", html);
    cr_expect_null(strstr(html, "按送达日分行列出"), "no stop has two rows");
    free(html);
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}

Test(notice, township_names_become_safe_distinct_file_names)
{
    plan *p = fixture_plan_new();
    /* "../x" and ".hidden" must neither leave timetables/ nor hide, and "a/b" and "a_b", which
     * sanitise alike, must not overwrite each other. */
    const char *tw[5] = {NULL, "../x", "a_b", "a/b", ".hidden"};
    for (size_t i = 1; i < 5; i++) {
        free(p->stops[i].township);
        p->stops[i].township = strdup(tw[i]);
    }
    const char **names;
    char **parts;
    size_t n = export_township_parts(p, &names, &parts);
    cr_assert_eq(n, 4);
    const char *want[4] = {"_._x", "a_b", "a_b-2", "_hidden"};
    for (size_t i = 0; i < n; i++) {
        cr_expect_str_eq(names[i], tw[i + 1]);
        cr_expect_str_eq(parts[i], want[i]);
        free(parts[i]);
    }
    free(parts);
    free(names);
    err e = {0};
    char *dir = fixture_export(p, NULL, &e);
    cr_assert_not_null(dir, "%s", e.msg);
    char *a = notice_of(dir, "a_b.html"), *b = notice_of(dir, "a_b-2.html");
    cr_expect_not_null(strstr(a, "<h1>a_b "));
    cr_expect_not_null(strstr(b, "<h1>a/b "));
    cr_expect_not_null(strstr(b, "上塘村"));
    free(a);
    free(b);
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}

Test(notice, is_well_formed_for_an_html_parser)
{
    cr_assert(fixture_have("xmllint"), "xmllint missing (Debian libxml2-utils)");
    plan *p = fixture_plan_new();
    err e = {0};
    char *dir = fixture_export(p, NULL, &e);
    cr_assert_not_null(dir, "%s", e.msg);
    char cmd[8192], *out = NULL;
    snprintf(cmd, sizeof cmd, "xmllint --html --noout '%s'/timetables/*.html", dir);
    cr_expect_eq(fixture_sh(cmd, &out), 0, "%s", out);
    cr_expect_str_eq(out, "", "parser complaints: %s", out);
    free(out);
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}

static const char *chromium(void)
{
    if (fixture_have("chromium"))
        return "chromium";
    if (fixture_have("chromium-browser"))
        return "chromium-browser";
    return NULL;
}

/* Occurrences of needle in hay[0..len) (hay may hold NUL bytes). */
static size_t count_in(const char *hay, size_t len, const char *needle)
{
    size_t n = 0, k = strlen(needle);
    for (size_t i = 0; i + k <= len; i++)
        n += memcmp(hay + i, needle, k) == 0;
    return n;
}

Test(notice, renders_in_headless_chromium_as_one_a4_page_of_chinese_text, .timeout = 300)
{
    if (!chromium())
        cr_skip_test("chromium not installed (Debian package chromium, see .ci/deps.sh)");
    plan *p = fixture_plan_new();
    err e = {0};
    char *dir = fixture_export(p, NULL, &e);
    cr_assert_not_null(dir, "%s", e.msg);
    char page[4400];
    snprintf(page, sizeof page, "%s/timetables/白水洋镇.html", dir);

    /* The DOM as Chromium built it holds the Chinese text. */
    char cmd[16384], *dom = NULL;
    snprintf(cmd, sizeof cmd,
             "timeout 120 %s --headless --no-sandbox --disable-gpu --no-first-run "
             "--disable-background-networking --disable-component-update --disable-sync "
             "--user-data-dir='%s/profile' --dump-dom 'file://%s' 2>/dev/null",
             chromium(), dir, page);
    cr_assert_eq(fixture_sh(cmd, &dom), 0, "chromium failed: %s", dom ? dom : "");
    cr_expect_not_null(strstr(dom, "白水洋镇 快递进村班次表"), "%s", dom);
    cr_expect_not_null(strstr(dom, "上塘村"), "%s", dom);
    cr_expect_not_null(strstr(dom, "周一、tue/周二"), "%s", dom);
    free(dom);

    /* Printed: one A4 page (595 x 842 pt) whose text is set in WenQuanYi Micro Hei, which
     * Chromium embeds only for glyphs it drew; a blank page embeds no font. */
    char pdf[4400], *log = NULL;
    snprintf(pdf, sizeof pdf, "%s/notice.pdf", dir);
    snprintf(cmd, sizeof cmd,
             "timeout 120 %s --headless --no-sandbox --disable-gpu --no-first-run "
             "--disable-background-networking --disable-component-update --disable-sync "
             "--user-data-dir='%s/profile2' --no-pdf-header-footer --print-to-pdf='%s' "
             "'file://%s'",
             chromium(), dir, pdf, page);
    cr_assert_eq(fixture_sh(cmd, &log), 0, "chromium failed: %s", log ? log : "");
    free(log);
    size_t len = 0;
    char *doc = test_slurp(pdf, &len);
    cr_assert(doc && len > 1000 && !memcmp(doc, "%PDF", 4), "no PDF written");
    cr_expect_eq(count_in(doc, len, "/Type /Page") - count_in(doc, len, "/Type /Pages"), 1,
                 "one page");
    cr_expect_gt(count_in(doc, len, "/MediaBox [0 0 594.9"), 0, "A4 width");
    cr_expect_gt(count_in(doc, len, "841.9"), 0, "A4 height");
    cr_expect_gt(count_in(doc, len, "WenQuanYiMicroHei"), 0,
                 "text set in WenQuanYi Micro Hei (fonts-wqy-microhei)");
    free(doc);
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}

Test(notice, a_bus_drop_names_the_bus_line)
{
    plan *p = fixture_plan_new();
    p->n_bus_runs = 1;
    p->bus_runs = xcalloc(1, sizeof *p->bus_runs);
    plan_bus_run *b = &p->bus_runs[0];
    b->line = xstrdup("K201 <城乡>");
    b->day = 1;
    b->n_drops = 1;
    b->drops = xcalloc(1, sizeof *b->drops);
    b->drops[0] = (plan_bus_drop){.stop = 4, .arrival_s = 10 * 3600 + 5 * 60};
    b->drops[0].parcels = xcalloc(3, sizeof *b->drops[0].parcels);
    size_t n;
    timetable_entry *en = timetable_entries(p, &n);
    char *dir = test_tmpdir(), path[4200];
    snprintf(path, sizeof path, "%s/n.html", dir);
    err e = {0};
    cr_assert_eq(notice_write(p, en, n, "白水洋镇", path, &e), ERR_OK, "%s", e.msg);
    char *html = test_slurp(path, NULL);
    cr_assert_not_null(html);
    cr_expect_not_null(strstr(html, "<th>线路<br>Line</th>"), "%s", html);
    cr_expect_not_null(strstr(html,
                              "<tr><td>外岙村</td><td>tue/周二</td><td class=\"t\">10:05</td>"
                              "<td>K201 &lt;城乡&gt;</td><td>客运班车 bus</td><td>—</td></tr>"),
                       "%s", html);
    free(html);
    free(en);
    test_rmtree(dir);
    free(dir);
    plan_free(p);
}
