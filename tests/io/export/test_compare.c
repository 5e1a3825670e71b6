/* test_compare.c — io/export/compare: two plans side by side, on the hand-built plan
 * (tests/io/plan/fixture_plan.h) and copies of it with known changes.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/export/compare.h"
#include "tests/io/plan/fixture_plan.h"
#include "util/mem.h"

typedef err_code (*writer)(const compare *c, FILE *out, err *e);

static char *render(writer w, const compare *c)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_not_null(f);
    err e = {0};
    cr_assert_eq(w(c, f, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(fclose(f), 0);
    return buf;
}

static compare *compare_default(const plan *a, const plan *b)
{
    compare_opts o;
    compare_opts_init(&o);
    return compare_new(a, b, &o);
}

Test(compare, a_plan_with_itself_has_no_changes)
{
    plan *p = fixture_plan_new();
    compare *c = compare_default(p, p);
    cr_expect_eq(compare_n_changed(c), 0);
    cr_expect_eq(compare_n_added(c), 0);
    cr_expect_eq(compare_n_removed(c), 0);
    cr_expect_eq(compare_n_same_routes(c), p->n_routes);
    size_t n;
    compare_stops(c, &n);
    cr_expect_eq(n, 4, "the four stops that are not depots");
    const compare_figures *fa = compare_figures_of(c, 0), *fb = compare_figures_of(c, 1);
    cr_expect_eq(fa->cost, fb->cost);
    cr_expect_eq(fa->vehicles, 2);
    cr_expect_eq(fa->routes, 3);
    double spread;
    cr_expect_eq(compare_noise(c, &spread), -1, "no spread recorded");
    char *text = render(compare_text, c);
    cr_expect_not_null(strstr(text, "STOPS 站点: 0 changed 有变化, 0 added 新增, 0 removed 删除, 4 "
                                    "unchanged"),
                       "%s", text);
    cr_expect_not_null(strstr(text, "ROUTES 线路: 3 of 3"), "%s", text);
    free(text);
    compare_free(c);
    plan_free(p);
}

Test(compare, one_arrival_moved_beyond_the_tolerance_is_one_changed_stop)
{
    plan *a = fixture_plan_new(), *b = fixture_plan_new();
    /* tue, van01: 上塘村 (V2), the route's last stop, 20 minutes later */
    plan_visit *v = &b->routes[2].visits[1];
    cr_assert_eq(v->stop, 3);
    v->arrival_s += 1200;
    v->departure_s += 1200;
    b->routes[2].end_s += 1200;
    compare *c = compare_default(a, b);
    cr_expect_eq(compare_n_changed(c), 1);
    cr_expect_eq(compare_n_same_routes(c), 2, "the route of the moved arrival changed");
    size_t n;
    const compare_stop *cs = compare_stops(c, &n);
    for (size_t i = 0; i < n; i++) {
        bool v2 = cs[i].a == 3;
        cr_expect_eq(cs[i].time_changed, v2, "stop %zu", cs[i].a);
        cr_expect_eq(cs[i].max_shift_s, v2 ? 1200 : 0, "stop %zu", cs[i].a);
        cr_expect_not(cs[i].days_changed);
        cr_expect_eq(cs[i].van_days, 0);
    }
    char *text = render(compare_text, c);
    cr_expect_not_null(strstr(text, "V2         上塘村: arrival moves up to +20 min"), "%s", text);
    free(text);
    compare_free(c);

    /* within a 30-minute tolerance it is no change */
    compare_opts o;
    compare_opts_init(&o);
    o.tolerance_s = 1800;
    c = compare_new(a, b, &o);
    cr_expect_eq(compare_n_changed(c), 0);
    compare_free(c);
    plan_free(a);
    plan_free(b);
}

Test(compare, vans_swapped_on_one_day_change_the_van_of_those_stops_only)
{
    plan *a = fixture_plan_new(), *b = fixture_plan_new();
    b->routes[0].vehicle = 1; /* mon: van<2> drives 下洋村 and the township, van01 上塘村 */
    b->routes[1].vehicle = 0;
    compare *c = compare_default(a, b);
    cr_expect_eq(compare_n_changed(c), 3);
    cr_expect_eq(compare_n_same_routes(c), 1, "tue is unchanged");
    char *text = render(compare_text, c);
    cr_expect_not_null(strstr(text, "T1         <&>\"'镇: van van01 -> van<2> (mon)"), "%s", text);
    cr_expect_not_null(strstr(text, "van01: tue/周二"), "%s", text);
    free(text);
    compare_free(c);
    plan_free(a);
    plan_free(b);
}

Test(compare, stops_are_matched_by_id_and_days_by_name)
{
    plan *a = fixture_plan_new(), *b = fixture_plan_new();
    free(b->stops[4].id);
    b->stops[4].id = xstrdup("V9"); /* V3 left, V9 came */
    /* B's days in the other order: the same days by name */
    char *t = b->day_names[0];
    b->day_names[0] = b->day_names[1];
    b->day_names[1] = t;
    for (size_t i = 0; i < b->n_routes; i++)
        b->routes[i].day = 1 - b->routes[i].day;
    b->stops[2].days = 2; /* T1 on mon, now day 1 */
    compare *c = compare_default(a, b);
    cr_expect_eq(compare_n_removed(c), 1);
    cr_expect_eq(compare_n_added(c), 1);
    cr_expect_eq(compare_n_changed(c), 0);
    cr_expect_eq(compare_n_same_routes(c), 3);
    compare_free(c);
    plan_free(a);
    plan_free(b);
}

Test(compare, a_cost_difference_is_real_only_beyond_the_recorded_spread)
{
    plan *a = fixture_plan_new(), *b = fixture_plan_new();
    a->n_spread = 3;
    a->spread_seed = xcalloc(3, sizeof *a->spread_seed);
    a->spread_cost = xcalloc(3, sizeof *a->spread_cost);
    a->spread_cost[0] = a->total_cost;
    a->spread_cost[1] = a->total_cost + 10;
    a->spread_cost[2] = a->total_cost + 4;
    double spread;
    b->total_cost = a->total_cost + 10;
    compare *c = compare_default(a, b);
    cr_expect_eq(compare_noise(c, &spread), 0, "equal to the spread: noise");
    cr_expect_float_eq(spread, 10.0, 1e-9);
    char *text = render(compare_text, c);
    cr_expect_not_null(strstr(text, "within noise"), "%s", text);
    free(text);
    compare_free(c);
    b->total_cost = a->total_cost - 10.01;
    c = compare_default(a, b);
    cr_expect_eq(compare_noise(c, &spread), 1);
    text = render(compare_text, c);
    cr_expect_not_null(strstr(text, "REAL"), "%s", text);
    free(text);
    /* the spread of B serves when A has none */
    compare_free(c);
    c = compare_default(b, a);
    cr_expect_eq(compare_noise(c, &spread), 1);
    compare_free(c);
    plan_free(a);
    plan_free(b);
}

Test(compare, html_page_is_deterministic_offline_and_escapes_names)
{
    plan *a = fixture_plan_new(), *b = fixture_plan_new();
    b->routes[0].vehicle = 1;
    b->routes[1].vehicle = 0;
    compare *c = compare_default(a, b);
    char *h1 = render(compare_html, c), *h2 = render(compare_html, c);
    cr_expect_str_eq(h1, h2);
    cr_expect_not_null(strstr(h1, "<svg"));
    cr_expect_null(strstr(h1, "http://www.w3.org/1999"), "no external reference but the SVG ns");
    cr_expect_null(strstr(h1, "<script"));
    cr_expect_null(strstr(h1, "<&>"), "names escaped");
    cr_expect_not_null(strstr(h1, "&lt;&amp;&gt;"));
    free(h1);
    free(h2);
    compare_free(c);
    plan_free(a);
    plan_free(b);
}

/* Lines 0 and 1 on Monday (van01, van<2>), line 2 on Tuesday (van01), one route each. */
static void add_lines(plan *p)
{
    p->n_lines = 3;
    p->lines = xcalloc(3, sizeof *p->lines);
    for (size_t i = 0; i < 3; i++) {
        p->routes[i].line = (uint32_t)i;
        p->lines[i] = (plan_line){.vehicle = p->routes[i].vehicle,
                                  .days = UINT32_C(1) << p->routes[i].day,
                                  .start_s = p->routes[i].start_s};
    }
}

Test(compare, with_lines_a_stop_that_changes_line_is_named_by_van_and_days)
{
    plan *a = fixture_plan_new(), *b = fixture_plan_new();
    add_lines(a);
    add_lines(b);
    compare *c = compare_default(a, a);
    cr_expect_eq(compare_n_same_lines(c), 3);
    cr_expect_eq(compare_n_changed(c), 0);
    compare_free(c);
    b->lines[2].days = 3; /* Tuesday's line now also runs on Monday: another line */
    c = compare_default(a, b);
    cr_expect_eq(compare_n_same_lines(c), 2);
    cr_expect_eq(compare_n_same_routes(c), 3, "the routes themselves did not change");
    cr_expect_eq(compare_n_changed(c), 2, "下洋村 and 上塘村 ride Tuesday's line");
    char *text = render(compare_text, c);
    cr_expect_not_null(strstr(text, "V2         上塘村: line van01 tue/周二 -> van01 mon+tue/周二 "
                                    "(tue/周二)"),
                       "%s", text);
    cr_expect_not_null(strstr(text, "LINES 定线: 2 of 3"), "%s", text);
    free(text);
    compare_free(c);
    plan_free(a);
    plan_free(b);
}
