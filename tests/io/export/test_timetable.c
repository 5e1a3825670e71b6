/* test_timetable.c — io/export/timetable: each stop's days grouped by arrival time, van and
 * line, and timetable.csv, on the hand-built plan (tests/io/plan/fixture_plan.h).
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/export/timetable.h"
#include "tests/io/plan/fixture_plan.h"
#include "util/mem.h"

Test(timetable, groups_days_with_the_same_time_and_van)
{
    plan *p = fixture_plan_new();
    size_t n;
    timetable_entry *en = timetable_entries(p, &n);
    /* 白水洋镇 first (下洋村 is the first stop after the depot), then <&>"'镇 (T1, no township
     * of its own: listed under its own name). */
    cr_assert_eq(n, 5);
    /* 下洋村: van01 at 07:35 on both days: one group */
    cr_expect_eq(en[0].stop, 1);
    cr_expect_eq(en[0].days, 3u);
    cr_expect_eq(en[0].arrival_s, 7 * 3600 + 35 * 60);
    cr_expect_eq(en[0].vehicle, 0);
    cr_expect_eq(en[0].line, -1, "no lines in this plan");
    /* 上塘村: van<2> at 07:35 on mon, van01 at 07:51 on tue: two groups */
    cr_expect_eq(en[1].stop, 3);
    cr_expect_eq(en[1].days, 1u);
    cr_expect_eq(en[1].vehicle, 1);
    cr_expect_eq(en[1].arrival_s, 7 * 3600 + 35 * 60);
    cr_expect_eq(en[2].stop, 3);
    cr_expect_eq(en[2].days, 2u);
    cr_expect_eq(en[2].vehicle, 0);
    cr_expect_eq(en[2].arrival_s, 7 * 3600 + 51 * 60);
    /* 外岙村 is not served: one entry without days */
    cr_expect_eq(en[3].stop, 4);
    cr_expect_eq(en[3].days, 0u);
    cr_expect_eq(en[4].stop, 2);
    cr_expect_eq(en[4].days, 1u);
    cr_expect_str_eq(timetable_township(&p->stops[2]), "<&>\"'镇");
    free(en);
    plan_free(p);
}

Test(timetable, same_minute_on_two_days_is_one_group)
{
    plan *p = fixture_plan_new();
    /* 上塘村 on both days by van01, 20 s apart within the same minute: one group */
    p->routes[1].vehicle = 0;
    p->routes[1].visits[0].arrival_s = p->routes[2].visits[1].arrival_s + 20;
    p->routes[2].visits[1].arrival_s -= p->routes[2].visits[1].arrival_s % 60;
    size_t n;
    timetable_entry *en = timetable_entries(p, &n);
    cr_assert_eq(n, 4);
    cr_expect_eq(en[1].stop, 3);
    cr_expect_eq(en[1].days, 3u);
    free(en);
    plan_free(p);
}

Test(timetable, csv_has_a_row_per_group_with_van_and_driver)
{
    plan *p = fixture_plan_new();
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    err e = {0};
    cr_assert_eq(timetable_write_csv(p, f, &e), ERR_OK, "%s", e.msg);
    fclose(f);
    const char *want = "\xEF\xBB\xBF"
                       "township,stop_id,stop_name,kind,days,arrival,line,vehicle,driver\r\n"
                       "白水洋镇,V1,下洋村,village,mon+tue/周二,07:35,,van01,张三\r\n"
                       "白水洋镇,V2,上塘村,village,mon,07:35,,van<2>,\"李\"\"四\"\"\"\r\n"
                       "白水洋镇,V2,上塘村,village,tue/周二,07:51,,van01,张三\r\n"
                       "白水洋镇,V3,外岙村,village,,,,,\r\n"
                       "\"<&>\"\"'镇\",T1,\"<&>\"\"'镇\",township,mon,07:51,,van01,张三\r\n";
    cr_expect_str_eq(buf, want);
    free(buf);
    plan_free(p);
}

Test(timetable, a_stop_on_one_line_has_one_row_with_the_line)
{
    plan *p = fixture_lines_plan_new();
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    err e = {0};
    cr_assert_eq(timetable_write_csv(p, f, &e), ERR_OK, "%s", e.msg);
    fclose(f);
    const char *want =
        "\xEF\xBB\xBF"
        "township,stop_id,stop_name,kind,days,arrival,line,vehicle,driver\r\n"
        "白水洋镇,V1,下洋村,village,mon+tue/周二,07:35,1,van01,张三\r\n"
        "白水洋镇,V2,上塘村,village,mon,07:35,2,van<2>,\"李\"\"四\"\"\"\r\n"
        "白水洋镇,V3,外岙村,village,,,,,\r\n"
        "\"<&>\"\"'镇\",T1,\"<&>\"\"'镇\",township,mon+tue/周二,07:51,1,van01,张三\r\n";
    cr_expect_str_eq(buf, want);
    free(buf);
    plan_free(p);
}

Test(timetable, a_bus_drop_is_a_row_with_the_bus_line)
{
    plan *p = fixture_plan_new();
    /* 外岙村 gets its parcels by the K201 bus on tue at 10:05 */
    p->n_bus_runs = 1;
    p->bus_runs = xcalloc(1, sizeof *p->bus_runs);
    plan_bus_run *b = &p->bus_runs[0];
    b->line = xstrdup("K201");
    b->day = 1;
    b->depart_s = 9 * 3600;
    b->n_drops = 1;
    b->drops = xcalloc(1, sizeof *b->drops);
    b->drops[0] = (plan_bus_drop){.stop = 4, .arrival_s = 10 * 3600 + 5 * 60};
    b->drops[0].parcels = xcalloc(3, sizeof *b->drops[0].parcels);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    err e = {0};
    cr_assert_eq(timetable_write_csv(p, f, &e), ERR_OK, "%s", e.msg);
    fclose(f);
    cr_expect_not_null(strstr(buf, "\r\n白水洋镇,V3,外岙村,village,tue/周二,10:05,K201,bus,\r\n"),
                       "%s", buf);
    free(buf);
    plan_free(p);
}
