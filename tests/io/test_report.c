/* test_report.c — io/report: summary.txt, routes.csv and stops.csv of a hand-built plan.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/report.h"
#include "tests/io/sample_plan.h"

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
    plan *p = sample_plan();
    char *csv = render(report_routes_csv, p);
    cr_assert_eq(memcmp(csv, "\xEF\xBB\xBF", 3), 0, "BOM for WPS/Excel");
    cr_assert_eq(strncmp(csv + 3,
                         "day,vehicle,seq,stop_id,stop_name,arrival,departure,中通 ZTO,邮政 EMS,"
                         "load_after,leg_km,leg_min\r\n",
                         94),
                 0, "%s", csv);
    /* 2 routes x (depot out + 2 visits + depot back) + header */
    cr_assert_eq(count_lines(csv), 9);
    cr_assert_not_null(strstr(csv, "mon,van01,0,s0,县城分拨中心,,08:00,0,0,12,0.000,0.0\r\n"), "%s",
                       csv);
    cr_assert_not_null(strstr(csv, "mon,van01,1,s1,白鹤镇,08:10,08:15,3,1,10,5.000,5.0\r\n"), "%s",
                       csv);
    cr_assert_not_null(strstr(csv, "wed,ev02,2,s2,\"上岙村 \"\"quoted\"\"\",08:20,08:25,6,2,6,"),
                       "%s", csv);
    cr_assert_not_null(strstr(csv, "wed,ev02,3,s0,县城分拨中心,08:36,,0,0,0,7.000,11.7\r\n"), "%s",
                       csv);
    free(csv);
    plan_free(p);
}

Test(report, stops_csv_lists_days_visits_and_problems)
{
    plan *p = sample_plan();
    char *csv = render(report_stops_csv, p);
    cr_assert_eq(count_lines(csv), 5);
    cr_assert_not_null(
        strstr(csv, "s1,331082100201,白鹤镇,township,白鹤镇,5,mon+tue+wed+thu+fri,2,"), "%s", csv);
    cr_assert_not_null(strstr(csv, "s2,331082100201,\"上岙村 \"\"quoted\"\"\",village,白鹤镇,3,"
                                   "mon+wed+fri,2,"),
                       "%s", csv);
    cr_assert_not_null(strstr(csv, ",3,-,0,121.1534567,28.7354321,,9,3,not snapped: no road within "
                                   "1000 m\r\n"),
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
    plan *p = sample_plan();
    char *s = render(summary_default, p);
    cr_assert_not_null(strstr(s, "stops planned 已排站点:          2 of 3"), "%s", s);
    cr_assert_not_null(strstr(s, "townships 乡镇 (>=5x/week):      1 of 1"), "%s", s);
    cr_assert_not_null(strstr(s, "villages 村 (>=3x/week):         1 of 2"), "%s", s);
    cr_assert_not_null(strstr(s, "compliance 达标率:      66.7%"), "%s", s);
    cr_assert_not_null(strstr(s, "s3 下洋村, 白鹤镇: not snapped: no road within 1000 m"), "%s", s);
    /* parcels: each route drops (3+6) ZTO and (1+2) EMS */
    cr_assert_not_null(strstr(s, "  中通 ZTO                   18\n"), "%s", s);
    cr_assert_not_null(strstr(s, "  total 合计                 24\n"), "%s", s);
    /* one diesel and one electric route of 17.001 km each */
    cr_assert_not_null(strstr(s, "柴油车:        17.0 km      1.7 L"), "%s", s);
    cr_assert_not_null(strstr(s, "电动车:      17.0 km      3.4 kWh"), "%s", s);
    cr_assert_not_null(strstr(s, "ASSUMPTIONS"), "%s", s);
    cr_assert_not_null(strstr(s, "所需车辆/司机: 1 (busiest day), fleet 2"), "%s", s);
    cr_assert_not_null(strstr(s, "1234.56 CNY"), "%s", s);
    free(s);
    plan_free(p);
}

Test(report, days_are_joined_with_plus)
{
    plan *p = sample_plan();
    char buf[64];
    report_days(p, 0x15, buf, sizeof buf);
    cr_assert_str_eq(buf, "mon+wed+fri");
    report_days(p, 0, buf, sizeof buf);
    cr_assert_str_eq(buf, "-");
    report_days(p, 0x3f, buf, 10);
    cr_assert_str_eq(buf, "mon+tue+w");
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
    plan *p = sample_plan();
    char *s = render(summary_per_vehicle, p);
    /* van01 (diesel) 17.001 km at 8 L/100km; ev02 17.001 km at 15 kWh/100km */
    cr_assert_not_null(strstr(s, "17.0 km      1.4 L        3.4 kg CO2"), "%s", s);
    cr_assert_not_null(strstr(s, "17.0 km      2.6 kWh      1.3 kg CO2"), "%s", s);
    cr_assert_not_null(strstr(s, "each van's consumption"), "%s", s);
    free(s);
    plan_free(p);
}
