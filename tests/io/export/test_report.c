/* test_report.c — io/export/report: summary.txt, routes.csv and stops.csv of the hand-built plan
 * (tests/io/plan/fixture_plan.h).
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/export/report.h"
#include "tests/io/plan/fixture_plan.h"
#include "util/mem.h"

typedef err_code (*writer)(const plan *p, FILE *out, err *e);

static char *render(writer w, const plan *p)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    err e = {0};
    cr_assert_eq(w(p, f, &e), ERR_OK, "%s", e.msg);
    fclose(f);
    return buf;
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

Test(report, routes_csv_has_depot_rows_and_per_carrier_columns)
{
    plan *p = fixture_plan_new();
    char *csv = render(report_routes_csv, p);
    cr_assert_eq(memcmp(csv, "\xEF\xBB\xBF", 3), 0, "BOM for WPS/Excel");
    const char *head =
        "day,vehicle,driver,seq,stop_id,stop_name,arrival,departure,中通,圆通,邮政&EMS,"
        "load_after,leg_km,leg_min\r\n";
    cr_assert_eq(strncmp(csv + 3, head, strlen(head)), 0, "%s", csv);
    /* header + routes of 2, 1 and 2 visits, each with a depot row out and back */
    cr_assert_eq(count_lines(csv), 1 + 4 + 3 + 4);
    /* route 0 leaves at 07:30 with V1's 3+5+0 and T1's 10+7+2 parcels on board */
    cr_assert_not_null(strstr(csv, "mon,van01,张三,0,D1,城关网点,,07:30,0,0,0,27,0.000,0.0\r\n"),
                       "%s", csv);
    /* legs of 3, 4, 5 km taking 5, 6, 7 min; 10 min at each stop */
    cr_assert_not_null(strstr(csv, "mon,van01,张三,1,V1,下洋村,07:35,07:45,3,5,0,19,3.000,5.0\r\n"),
                       "%s", csv);
    cr_assert_not_null(
        strstr(csv, "mon,van01,张三,2,T1,\"<&>\"\"'镇\",07:51,08:01,10,7,2,0,4.000,6.0\r\n"), "%s",
        csv);
    cr_assert_not_null(strstr(csv, "mon,van01,张三,3,D1,城关网点,08:08,,0,0,0,0,5.000,7.0\r\n"),
                       "%s", csv);
    cr_assert_not_null(
        strstr(csv, "tue/周二,van01,张三,2,V2,上塘村,07:51,08:01,0,4,1,0,4.000,6.0\r\n"), "%s",
        csv);
    free(csv);
    plan_free(p);
}

Test(report, stops_csv_lists_days_visits_and_problems)
{
    plan *p = fixture_plan_new();
    char *csv = render(report_stops_csv, p);
    cr_assert_eq(count_lines(csv), 1 + p->n_stops);
    cr_assert_not_null(
        strstr(csv, "\nV1,331082100201,下洋村,village,白水洋镇,2,mon+tue/周二,2,144.0,121.1500000,"
                    "28.8800000,12.5,3,5,0,\r\n"),
        "%s", csv);
    /* once a week: a whole week from one arrival to the next */
    cr_assert_not_null(strstr(csv, "\nT1,,\"<&>\"\"'镇\",township,,1,mon,1,168.0,"), "%s", csv);
    /* not served: no days, no visits, no snap distance, 7 decimals kept */
    cr_assert_not_null(strstr(csv,
                              "\nV3,,外岙村,village,白水洋镇,3,-,0,,121.1234567,28.7654321,,2,0,6,"
                              "not snapped: no road within 1000 m\r\n"),
                       "%s", csv);
    free(csv);
    plan_free(p);
}

static err_code summary_default(const plan *p, FILE *out, err *e)
{
    report_factors f;
    report_factors_init(&f);
    return report_summary(p, &f, out, e);
}

Test(report, summary_states_compliance_names_unserved_stops_and_totals)
{
    plan *p = fixture_plan_new();
    char *s = render(summary_default, p);
    /* V1 and V2 get the 2 visits they ask for, T1 its 1; V3 none */
    cr_assert_not_null(strstr(s, "stops planned 已排站点:          3 of 4"), "%s", s);
    /* the rule lines measure the policy (5x, 3x), not what the fixture asks for */
    cr_assert_not_null(strstr(s, "townships 乡镇 (>=5x/week):      0 of 1"), "%s", s);
    cr_assert_not_null(strstr(s, "villages 村 (>=3x/week):         0 of 3"), "%s", s);
    cr_assert_not_null(strstr(s, "compliance 达标率:      0.0%"), "%s", s);
    cr_assert_not_null(strstr(s, "THE SCENARIO ASKS FOR LESS THAN THE 3/5 RULE"), "%s", s);
    cr_assert_not_null(strstr(s, "    townships 乡镇: 1 of 1 asked for 1x/week instead of 5x\n"),
                       "%s", s);
    cr_assert_not_null(strstr(s, "    villages 村: 2 of 3 asked for 2x/week instead of 3x\n"), "%s",
                       s);
    cr_assert_not_null(strstr(s, "V3 外岙村, 白水洋镇: not snapped: no road within 1000 m"), "%s",
                       s);
    /* 中通: V1 3 twice + T1 10; 圆通: V1 5 twice + T1 7 + V2 4 twice; 邮政: T1 2 + V2 1 twice */
    cr_assert_not_null(strstr(s, "  中通                       16\n"), "%s", s);
    cr_assert_not_null(strstr(s, "  圆通                       25\n"), "%s", s);
    cr_assert_not_null(strstr(s, "  total 合计                 45\n"), "%s", s);
    /* van01 (diesel) 12 + 12 km, van<2> (electric) 7 km; 10 L and 20 kWh per 100 km */
    cr_assert_not_null(strstr(s, "柴油车:        24.0 km      2.4 L"), "%s", s);
    cr_assert_not_null(strstr(s, "电动车:       7.0 km      1.4 kWh"), "%s", s);
    cr_assert_not_null(strstr(s, "ASSUMPTIONS"), "%s", s);
    cr_assert_not_null(strstr(s, "所需车辆/司机: 2 (busiest day), fleet 2"), "%s", s);
    cr_assert_not_null(strstr(s, "512.25 CNY"), "%s", s);
    free(s);
    plan_free(p);
}

/* A plan that serves the rule counts as compliant, and a scenario that asks for at least the
 * rule gets no warning block. The fixture has 2 days, so widen it to 6 first. */
Test(report, summary_compliance_counts_stops_served_at_least_by_the_rule)
{
    plan *p = fixture_plan_new();
    p->n_days = 6;
    p->day_names = xreallocarray(p->day_names, 6, sizeof *p->day_names);
    static const char *const more[] = {"wed", "thu", "fri", "sat"};
    for (int d = 0; d < 4; d++)
        p->day_names[2 + d] = xstrdup(more[d]);
    p->stops[1].freq = 3, p->stops[1].days = 0x15; /* V1 mon+wed+fri */
    p->stops[2].freq = 5, p->stops[2].days = 0x1F; /* T1 mon..fri */
    p->stops[3].freq = 4, p->stops[3].days = 0x0F; /* V2 asks for more than the rule */
    char *s = render(summary_default, p);
    cr_assert_not_null(strstr(s, "townships 乡镇 (>=5x/week):      1 of 1"), "%s", s);
    cr_assert_not_null(strstr(s, "villages 村 (>=3x/week):         2 of 3"), "%s", s);
    cr_assert_not_null(strstr(s, "compliance 达标率:      75.0%"), "%s", s);
    cr_assert_null(strstr(s, "ASKS FOR LESS"), "%s", s);
    cr_assert_not_null(strstr(s, "  served  5x/week 每周5次:         1 stops\n"), "%s", s);
    cr_assert_not_null(strstr(s, "  served  4x/week 每周4次:         1 stops\n"), "%s", s);
    cr_assert_not_null(strstr(s, "  served  3x/week 每周3次:         1 stops\n"), "%s", s);
    free(s);
    plan_free(p);
}

static err_code summary_per_vehicle(const plan *p, FILE *out, err *e)
{
    report_factors f;
    report_factors_init(&f);
    const double use[2] = {8.0, 15.0}, co2[2] = {2.5, 0.5};
    f.vehicle_use = use;
    f.vehicle_co2 = co2;
    return report_summary(p, &f, out, e);
}

Test(report, per_vehicle_factors_replace_the_defaults)
{
    plan *p = fixture_plan_new();
    char *s = render(summary_per_vehicle, p);
    /* van01 (diesel) 24 km at 8 L/100km, 2.5 kg/L; van<2> 7 km at 15 kWh/100km, 0.5 kg/kWh */
    cr_assert_not_null(strstr(s, "24.0 km      1.9 L        4.8 kg CO2"), "%s", s);
    cr_assert_not_null(strstr(s, "7.0 km      1.1 kWh      0.5 kg CO2"), "%s", s);
    cr_assert_not_null(strstr(s, "each van's consumption"), "%s", s);
    free(s);
    plan_free(p);
}
