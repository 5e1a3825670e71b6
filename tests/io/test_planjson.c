/* test_planjson.c — io/planjson: plan.json round trip and schema validation.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/planjson.h"
#include "tests/support.h"
#include "util/mem.h"

/* Two depots' worth of variety: a depot, a township, a village with a problem, two carriers,
 * two vehicles, two routes with geometry, UTF-8 names. */
static plan *sample_plan(void)
{
    plan *p = xcalloc(1, sizeof *p);
    p->scenario = xstrdup("示例县 demo");
    p->map_path = xstrdup("maps/demo.osm.pbf");
    p->timezone = xstrdup("Asia/Shanghai");
    p->utc_offset = xstrdup("+08:00");
    p->week_start = xstrdup("2026-11-30");
    p->seed = 42;
    p->n_days = 6;
    p->day_names = xcalloc(6, sizeof *p->day_names);
    const char *dn[] = {"mon", "tue", "wed", "thu", "fri", "sat"};
    for (int d = 0; d < 6; d++)
        p->day_names[d] = xstrdup(dn[d]);
    p->n_carriers = 2;
    p->carriers = xcalloc(2, sizeof *p->carriers);
    p->carriers[0] = xstrdup("中通 ZTO");
    p->carriers[1] = xstrdup("邮政 EMS");
    p->n_stops = 4;
    p->stops = xcalloc(4, sizeof *p->stops);
    const char *names[] = {"县城分拨中心", "白鹤镇", "上岙村 \"quoted\"", "下洋村"};
    const plan_kind kinds[] = {PLAN_DEPOT, PLAN_TOWNSHIP, PLAN_VILLAGE, PLAN_VILLAGE};
    for (int i = 0; i < 4; i++) {
        plan_stop *s = &p->stops[i];
        char id[16];
        snprintf(id, sizeof id, "s%d", i);
        s->id = xstrdup(id);
        s->code = xstrdup(i ? "331082100201" : "");
        s->name = xstrdup(names[i]);
        s->township = xstrdup(i ? "白鹤镇" : "");
        s->kind = kinds[i];
        s->lon = 121.1234567 + 0.01 * i;
        s->lat = 28.7654321 - 0.01 * i;
        s->snap_m = i == 3 ? -1 : 12.5 * i;
        s->freq = kinds[i] == PLAN_DEPOT ? 0 : kinds[i] == PLAN_TOWNSHIP ? 5 : 3;
        s->days = i == 1 ? 0x1f : i == 2 ? 0x15 : 0;
        s->demand = xcalloc(2, sizeof *s->demand);
        s->demand[0] = 3 * i;
        s->demand[1] = i;
        s->problem = i == 3 ? xstrdup("not snapped: no road within 1000 m") : NULL;
    }
    p->n_vehicles = 2;
    p->vehicles = xcalloc(2, sizeof *p->vehicles);
    for (int v = 0; v < 2; v++) {
        p->vehicles[v].id = xstrdup(v ? "ev02" : "van01");
        p->vehicles[v].depot = 0;
        p->vehicles[v].capacity = 120 + v;
        p->vehicles[v].shift_s = 8 * 3600;
        p->vehicles[v].range_m = v ? 150000 : 0;
        p->vehicles[v].electric = v == 1;
        p->vehicles[v].cost_per_km = 1.25;
        p->vehicles[v].fixed_cost = 300;
    }
    p->n_routes = 2;
    p->routes = xcalloc(2, sizeof *p->routes);
    for (int r = 0; r < 2; r++) {
        plan_route *rt = &p->routes[r];
        rt->day = (uint32_t)(2 * r);
        rt->vehicle = (uint32_t)r;
        rt->start_s = 8 * 3600;
        rt->n_visits = 2;
        rt->visits = xcalloc(2, sizeof *rt->visits);
        for (int k = 0; k < 2; k++) {
            plan_visit *v = &rt->visits[k];
            v->stop = (uint32_t)(1 + k);
            v->arrival_s = rt->start_s + 600 * (k + 1);
            v->departure_s = v->arrival_s + 300;
            v->parcels = xcalloc(2, sizeof *v->parcels);
            v->parcels[0] = p->stops[v->stop].demand[0];
            v->parcels[1] = p->stops[v->stop].demand[1];
            v->load_after = 10 - 4 * k;
            v->leg_m = 5000 + k;
            v->leg_s = 600 - 300;
        }
        rt->return_m = 7000;
        rt->return_s = 700;
        rt->km_m = 5000 + 5001 + 7000;
        rt->end_s = rt->visits[1].departure_s + rt->return_s;
        rt->n_points = 3;
        rt->lonlat = xcalloc(6, sizeof *rt->lonlat);
        for (int k = 0; k < 3; k++) {
            rt->lonlat[2 * k] = 121.1 + 0.00012345678 * k;
            rt->lonlat[2 * k + 1] = 28.7 - 0.0001 * k;
        }
    }
    p->total_cost = 1234.56;
    return p;
}

static void assert_same_plan(const plan *a, const plan *b)
{
    cr_assert_str_eq(a->scenario, b->scenario);
    cr_assert_str_eq(a->map_path, b->map_path);
    cr_assert_str_eq(a->timezone, b->timezone);
    cr_assert_str_eq(a->utc_offset, b->utc_offset);
    cr_assert_str_eq(a->week_start, b->week_start);
    cr_assert_eq(a->seed, b->seed);
    cr_assert_float_eq(a->total_cost, b->total_cost, 0.005);
    cr_assert_eq(a->n_days, b->n_days);
    for (uint32_t d = 0; d < a->n_days; d++)
        cr_assert_str_eq(a->day_names[d], b->day_names[d]);
    cr_assert_eq(a->n_carriers, b->n_carriers);
    for (uint32_t c = 0; c < a->n_carriers; c++)
        cr_assert_str_eq(a->carriers[c], b->carriers[c]);
    cr_assert_eq(a->n_stops, b->n_stops);
    for (size_t i = 0; i < a->n_stops; i++) {
        const plan_stop *s = &a->stops[i], *t = &b->stops[i];
        cr_assert_str_eq(s->id, t->id);
        cr_assert_str_eq(s->code, t->code);
        cr_assert_str_eq(s->name, t->name);
        cr_assert_str_eq(s->township, t->township);
        cr_assert_eq(s->kind, t->kind);
        cr_assert_float_eq(s->lon, t->lon, 1e-7);
        cr_assert_float_eq(s->lat, t->lat, 1e-7);
        cr_assert_float_eq(s->snap_m, t->snap_m, 0.05);
        cr_assert_eq(s->freq, t->freq);
        cr_assert_eq(s->days, t->days, "stop %zu days %#x vs %#x", i, s->days, t->days);
        for (uint32_t c = 0; c < a->n_carriers; c++)
            cr_assert_eq(s->demand[c], t->demand[c]);
        if (s->problem)
            cr_assert_str_eq(s->problem, t->problem);
        else
            cr_assert_null(t->problem);
    }
    cr_assert_eq(a->n_vehicles, b->n_vehicles);
    for (size_t i = 0; i < a->n_vehicles; i++) {
        const plan_vehicle *v = &a->vehicles[i], *w = &b->vehicles[i];
        cr_assert_str_eq(v->id, w->id);
        cr_assert_eq(v->depot, w->depot);
        cr_assert_eq(v->capacity, w->capacity);
        cr_assert_eq(v->shift_s, w->shift_s);
        cr_assert_eq(v->range_m, w->range_m);
        cr_assert_eq(v->electric, w->electric);
        cr_assert_float_eq(v->cost_per_km, w->cost_per_km, 1e-4);
        cr_assert_float_eq(v->fixed_cost, w->fixed_cost, 1e-4);
    }
    cr_assert_eq(a->n_routes, b->n_routes);
    for (size_t i = 0; i < a->n_routes; i++) {
        const plan_route *r = &a->routes[i], *q = &b->routes[i];
        cr_assert_eq(r->day, q->day);
        cr_assert_eq(r->vehicle, q->vehicle);
        cr_assert_eq(r->start_s, q->start_s);
        cr_assert_eq(r->end_s, q->end_s);
        cr_assert_eq(r->km_m, q->km_m);
        cr_assert_eq(r->return_m, q->return_m);
        cr_assert_eq(r->return_s, q->return_s);
        cr_assert_eq(r->n_visits, q->n_visits);
        for (size_t k = 0; k < r->n_visits; k++) {
            const plan_visit *v = &r->visits[k], *w = &q->visits[k];
            cr_assert_eq(v->stop, w->stop);
            cr_assert_eq(v->arrival_s, w->arrival_s);
            cr_assert_eq(v->departure_s, w->departure_s);
            cr_assert_eq(v->load_after, w->load_after);
            cr_assert_eq(v->leg_m, w->leg_m);
            cr_assert_eq(v->leg_s, w->leg_s);
            for (uint32_t c = 0; c < a->n_carriers; c++)
                cr_assert_eq(v->parcels[c], w->parcels[c]);
        }
        cr_assert_eq(r->n_points, q->n_points);
        for (size_t k = 0; k < 2 * r->n_points; k++)
            cr_assert_float_eq(r->lonlat[k], q->lonlat[k], 1e-7);
    }
}

Test(planjson, round_trip_keeps_every_field)
{
    char *dir = test_tmpdir();
    char path[4096];
    snprintf(path, sizeof path, "%s/plan.json", dir);
    plan *p = sample_plan();
    err e = {0};
    cr_assert_eq(planjson_write(p, path, &e), ERR_OK, "%s", e.msg);
    plan *q = planjson_read(path, &e);
    cr_assert_not_null(q, "%s", e.msg);
    assert_same_plan(p, q);
    plan_free(q);
    plan_free(p);
    test_rmtree(dir);
    free(dir);
}

Test(planjson, rewriting_a_read_plan_is_byte_identical)
{
    char *dir = test_tmpdir();
    char a[4096], b[4096];
    snprintf(a, sizeof a, "%s/a.json", dir);
    snprintf(b, sizeof b, "%s/b.json", dir);
    plan *p = sample_plan();
    err e = {0};
    cr_assert_eq(planjson_write(p, a, &e), ERR_OK, "%s", e.msg);
    plan *q = planjson_read(a, &e);
    cr_assert_not_null(q, "%s", e.msg);
    cr_assert_eq(planjson_write(q, b, &e), ERR_OK, "%s", e.msg);
    size_t la, lb;
    char *ta = test_slurp(a, &la), *tb = test_slurp(b, &lb);
    cr_assert_eq(la, lb);
    cr_assert_eq(memcmp(ta, tb, la), 0);
    /* Coordinates carry 7 decimals, and names stay readable UTF-8. */
    cr_assert_not_null(strstr(ta, "121.1234567"), "coordinate text");
    cr_assert_not_null(strstr(ta, "\"上岙村 \\\"quoted\\\"\""), "UTF-8 name");
    cr_assert_not_null(strstr(ta, "\"format\": \"jincun-plan\""));
    free(ta);
    free(tb);
    plan_free(q);
    plan_free(p);
    test_rmtree(dir);
    free(dir);
}

Test(planjson, failed_write_leaves_nothing_behind)
{
    plan *p = sample_plan();
    err e = {0};
    cr_assert_eq(planjson_write(p, "/nonexistent-dir-jincun/plan.json", &e), ERR_IO);
    cr_assert_not_null(strstr(e.msg, "/nonexistent-dir-jincun/plan.json"), "%s", e.msg);
    plan_free(p);
}

/* Writes the sample plan as text, applies one textual substitution, parses the result. */
static plan *parse_edited(const char *from, const char *to, err *e)
{
    plan *p = sample_plan();
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_eq(planjson_dump(p, f, e), ERR_OK);
    fclose(f);
    plan_free(p);
    char *at = strstr(buf, from);
    cr_assert_not_null(at, "sample text lacks '%s'", from);
    size_t nf = strlen(from), nt = strlen(to);
    char *edited = xmalloc(len - nf + nt + 1);
    memcpy(edited, buf, (size_t)(at - buf));
    memcpy(edited + (at - buf), to, nt);
    strcpy(edited + (at - buf) + nt, at + nf);
    free(buf);
    plan *q = planjson_parse(edited, "plan.json", e);
    free(edited);
    return q;
}

Test(planjson, out_of_range_stop_index_is_named_with_its_path)
{
    err e = {0};
    plan *q = parse_edited("\"stop\": 2", "\"stop\": 9", &e);
    cr_assert_null(q);
    cr_assert_eq(e.code, ERR_PARSE);
    cr_assert_not_null(strstr(e.msg, "plan.json: routes[0].visits[1].stop: expected an integer"),
                       "%s", e.msg);
}

Test(planjson, visit_to_a_depot_is_refused)
{
    err e = {0};
    plan *q = parse_edited("\"stop\": 2", "\"stop\": 0", &e);
    cr_assert_null(q);
    cr_assert_not_null(strstr(e.msg, "is a depot"), "%s", e.msg);
}

Test(planjson, wrong_number_of_carrier_values_is_refused)
{
    err e = {0};
    plan *q = parse_edited("\"demand\": [\n    3,\n    1\n   ]", "\"demand\": [3]", &e);
    cr_assert_null(q);
    cr_assert_not_null(strstr(e.msg, "stops[1].demand: expected 2 values (one per carrier)"), "%s",
                       e.msg);
}

Test(planjson, missing_member_and_wrong_type_are_reported)
{
    err e = {0};
    plan *q = parse_edited("\"capacity\": 120", "\"capacitx\": 120", &e);
    cr_assert_null(q);
    cr_assert_not_null(strstr(e.msg, "vehicles[0].capacity: missing"), "%s", e.msg);
    q = parse_edited("\"electric\": true", "\"electric\": \"yes\"", &e);
    cr_assert_null(q);
    cr_assert_not_null(strstr(e.msg, "vehicles[1].electric: expected a boolean, got a string"),
                       "%s", e.msg);
}

Test(planjson, bad_json_gives_line_and_column)
{
    err e = {0};
    plan *q = planjson_parse("{\n \"format\": \"jincun-plan\",\n oops\n}", "x.json", &e);
    cr_assert_null(q);
    cr_assert_eq(e.code, ERR_PARSE);
    cr_assert_not_null(strstr(e.msg, "x.json:3:"), "%s", e.msg);
}

Test(planjson, other_formats_and_newer_versions_are_refused)
{
    err e = {0};
    cr_assert_null(parse_edited("\"jincun-plan\"", "\"geojson\"", &e));
    cr_assert_not_null(strstr(e.msg, "format: expected 'jincun-plan'"), "%s", e.msg);
    cr_assert_null(parse_edited("\"version\": 1", "\"version\": 99", &e));
    cr_assert_not_null(strstr(e.msg, "version"), "%s", e.msg);
}

Test(planjson, missing_file_is_an_io_error)
{
    err e = {0};
    cr_assert_null(planjson_read("/nonexistent-dir-jincun/plan.json", &e));
    cr_assert_eq(e.code, ERR_IO);
}
