/* test_planjson.c — io/plan/planjson: plan.json round trip and schema validation.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/plan/planjson.h"
#include "tests/io/plan/fixture_plan.h"
#include "tests/support.h"
#include "util/mem.h"

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
        cr_assert_eq(r->dist_m, q->dist_m);
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
    plan *p = fixture_plan_new();
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

Test(planjson, lines_and_consistency_round_trip)
{
    char *dir = test_tmpdir();
    char path[4096];
    snprintf(path, sizeof path, "%s/plan.json", dir);
    plan *p = fixture_lines_plan_new();
    err e = {0};
    cr_assert_eq(planjson_write(p, path, &e), ERR_OK, "%s", e.msg);
    plan *q = planjson_read(path, &e);
    cr_assert_not_null(q, "%s", e.msg);
    assert_same_plan(p, q);
    cr_assert_eq(q->n_lines, 2);
    for (size_t l = 0; l < 2; l++) {
        cr_expect_eq(q->lines[l].vehicle, p->lines[l].vehicle);
        cr_expect_eq(q->lines[l].days, p->lines[l].days);
        cr_expect_eq(q->lines[l].start_s, p->lines[l].start_s);
    }
    for (size_t i = 0; i < p->n_routes; i++)
        cr_expect_eq(q->routes[i].line, p->routes[i].line);
    cr_expect(q->has_consistency && q->consistency.lines && q->consistency.same_van);
    cr_expect_eq(q->consistency.township_spread_s, 1800);
    cr_expect_eq(q->consistency.village_spread_s, 900);
    cr_expect_eq(plan_check(q, &e), ERR_OK, "%s", e.msg);
    plan_free(q);
    plan_free(p);
    test_rmtree(dir);
    free(dir);
}

Test(planjson, bus_runs_round_trip)
{
    plan *p = fixture_bus_plan_new();
    err e = {0};
    cr_assert_eq(plan_check(p, &e), ERR_OK, "%s", e.msg);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cr_assert_eq(planjson_dump(p, f, &e), ERR_OK, "%s", e.msg);
    fclose(f);
    plan *q = planjson_parse(text, "plan.json", &e);
    cr_assert_not_null(q, "%s", e.msg);
    assert_same_plan(p, q);
    cr_assert_eq(q->n_bus_runs, 1);
    const plan_bus_run *a = &p->bus_runs[0], *b = &q->bus_runs[0];
    cr_expect_str_eq(b->line, a->line);
    cr_expect_eq(b->day, a->day);
    cr_expect_eq(b->depart_s, a->depart_s);
    cr_expect_eq(b->loading, a->loading);
    cr_expect_eq(b->deadline_s, a->deadline_s);
    cr_expect_eq(b->capacity, a->capacity);
    cr_expect_eq(b->fee, a->fee);
    cr_assert_eq(b->n_drops, 1);
    cr_expect_eq(b->drops[0].stop, 2);
    cr_expect_eq(b->drops[0].arrival_s, a->drops[0].arrival_s);
    cr_expect_eq(memcmp(b->drops[0].parcels, a->drops[0].parcels,
                        p->n_carriers * sizeof *a->drops[0].parcels),
                 0);
    cr_assert_eq(b->n_points, 3);
    cr_expect_eq(b->lonlat[4], a->lonlat[4]);
    cr_expect(q->has_van_only);
    cr_expect_eq(q->van_only.cost, 420.5);
    cr_expect_eq(q->van_only.co2_kg, 20.75);
    cr_expect_eq(plan_check(q, &e), ERR_OK, "%s", e.msg);
    plan_free(q);
    plan_free(p);
    free(text);
}

Test(planjson, a_plan_without_buses_has_no_bus_members)
{
    plan *p = fixture_plan_new();
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    err e = {0};
    cr_assert_eq(planjson_dump(p, f, &e), ERR_OK, "%s", e.msg);
    fclose(f);
    cr_expect_null(strstr(text, "bus_runs"));
    cr_expect_null(strstr(text, "van_only"));
    plan_free(p);
    free(text);
}

Test(planjson, a_route_line_out_of_range_is_named)
{
    plan *p = fixture_lines_plan_new();
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    err e = {0};
    cr_assert_eq(planjson_dump(p, f, &e), ERR_OK, "%s", e.msg);
    fclose(f);
    char *at = strstr(text, "\"line\":1");
    cr_assert_not_null(at);
    at[7] = '5';
    plan *q = planjson_parse(text, "plan.json", &e);
    cr_expect_null(q);
    cr_expect_not_null(strstr(e.msg, "routes[1].line: expected an integer in [0, 1], got 5"), "%s",
                       e.msg);
    plan_free(q);
    plan_free(p);
    free(text);
}

Test(planjson, rewriting_a_read_plan_is_byte_identical)
{
    char *dir = test_tmpdir();
    char a[4096], b[4096];
    snprintf(a, sizeof a, "%s/a.json", dir);
    snprintf(b, sizeof b, "%s/b.json", dir);
    plan *p = fixture_plan_new();
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
    cr_assert_not_null(strstr(ta, "\"<&>\\\"'镇\""), "UTF-8 name, JSON escapes only");
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
    plan *p = fixture_plan_new();
    err e = {0};
    cr_assert_eq(planjson_write(p, "/nonexistent-dir-jincun/plan.json", &e), ERR_IO);
    cr_assert_not_null(strstr(e.msg, "/nonexistent-dir-jincun/plan.json"), "%s", e.msg);
    plan_free(p);
}

/* Writes the sample plan as text, applies one textual substitution, parses the result. */
static plan *parse_edited(const char *from, const char *to, err *e)
{
    plan *p = fixture_plan_new();
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
    plan *q = parse_edited("\"stop\":2", "\"stop\":9", &e);
    cr_assert_null(q);
    cr_assert_eq(e.code, ERR_PARSE);
    cr_assert_not_null(strstr(e.msg, "plan.json: routes[0].visits[1].stop: expected an integer"),
                       "%s", e.msg);
}

Test(planjson, visit_to_a_depot_is_refused)
{
    err e = {0};
    plan *q = parse_edited("\"stop\":2", "\"stop\":0", &e);
    cr_assert_null(q);
    cr_assert_not_null(strstr(e.msg, "is a depot"), "%s", e.msg);
}

Test(planjson, wrong_number_of_carrier_values_is_refused)
{
    err e = {0};
    plan *q = parse_edited("\"demand\":[3,5,0]", "\"demand\":[3,5]", &e);
    cr_assert_null(q);
    cr_assert_not_null(strstr(e.msg, "stops[1].demand: expected 3 values (one per carrier)"), "%s",
                       e.msg);
}

Test(planjson, missing_member_and_wrong_type_are_reported)
{
    err e = {0};
    plan *q = parse_edited("\"capacity\":200", "\"capacitx\":200", &e);
    cr_assert_null(q);
    cr_assert_not_null(strstr(e.msg, "vehicles[0].capacity: missing"), "%s", e.msg);
    q = parse_edited("\"electric\":true", "\"electric\":\"yes\"", &e);
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

/* ---- roads.geojson ---- */

Test(planjson, roads_round_trip_at_six_decimals)
{
    char *dir = test_tmpdir();
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, PLANJSON_ROADS_FILE);
    const double ll[] = {121.1, 28.7, 121.10000049, 28.7123456789, 121.2, 28.8, -0.5, -1.25};
    const size_t first[] = {0, 2, 2, 4}; /* a line, an empty line, a line */
    err e = {0};
    cr_assert_eq(planjson_write_roads(path, ll, first, 3, &e), ERR_OK, "%s", e.msg);
    double *got;
    size_t *gf, n;
    cr_assert_eq(planjson_read_roads(path, &got, &gf, &n, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(n, 3);
    for (size_t k = 0; k <= n; k++)
        cr_assert_eq(gf[k], first[k], "line %zu starts at %zu", k, gf[k]);
    for (size_t i = 0; i < 8; i++)
        cr_assert_float_eq(got[i], ll[i], 5e-7, "value %zu: %.9f", i, got[i]);
    cr_assert_eq(got[2], 121.1, "printed as 121.1, read back exactly");
    char *text = test_slurp(path, NULL);
    cr_assert_not_null(strstr(text, "\"MultiLineString\""), "%s", text);
    cr_assert_not_null(strstr(text, "[121.1,28.712346]"), "6 decimals: %s", text);
    free(text);
    free(got);
    free(gf);
    test_rmtree(dir);
    free(dir);
}

Test(planjson, roads_from_other_geojson_and_bad_files)
{
    char *dir = test_tmpdir();
    char path[4200];
    snprintf(path, sizeof path, "%s/r.geojson", dir);
    double *ll;
    size_t *first, n;
    err e = {0};
    /* LineString features with properties, as another tool might save them */
    cr_assert_eq(test_write_file(NULL, path,
                                 "{\"type\": \"FeatureCollection\", \"features\": [\n"
                                 " {\"type\": \"Feature\", \"properties\": {\"name\": \"a\"},\n"
                                 "  \"geometry\": {\"type\": \"LineString\",\n"
                                 "   \"coordinates\": [[1, 2], [3.5, 4, 100]]}}]}\n"),
                 0);
    cr_assert_eq(planjson_read_roads(path, &ll, &first, &n, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(n, 1);
    cr_assert_eq(first[1], 2);
    cr_assert(ll[0] == 1 && ll[1] == 2 && ll[2] == 3.5 && ll[3] == 4);
    free(ll);
    free(first);

    static const struct {
        const char *text, *want;
    } bad[] = {
        {"[1, 2]", "expected a GeoJSON object"},
        {"{\"type\": \"FeatureCollection\"}", "features: missing"},
        {"{\"features\": [{\"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]}}]}",
         "features[0].geometry.type: expected LineString or MultiLineString, got 'Point'"},
        {"{\"features\": [{\"geometry\": {\"type\": \"LineString\", \"coordinates\": [[1, "
         "2], [3]]}}]}",
         "features[0].geometry.coordinates[1]: expected [lon, lat]"},
        {"{\"features\": [{\"geometry\": {\"type\": \"LineString\", \"coordinates\": [[1, "
         "95]]}}]}",
         "coordinates[0]: (1, 95) is not a longitude and latitude"},
        {"{\"features\": [", ":1:"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        cr_assert_eq(test_write_file(NULL, path, bad[i].text), 0);
        err_clear(&e);
        cr_assert_eq(planjson_read_roads(path, &ll, &first, &n, &e), ERR_PARSE, "%s", bad[i].text);
        cr_assert_not_null(strstr(e.msg, bad[i].want), "want '%s' in: %s", bad[i].want, e.msg);
        cr_assert_not_null(strstr(e.msg, path), "names the file: %s", e.msg);
        cr_assert_null(ll);
        cr_assert_null(first);
        cr_assert_eq(n, 0);
    }
    snprintf(path, sizeof path, "%s/none.geojson", dir);
    cr_assert_eq(planjson_read_roads(path, &ll, &first, &n, &e), ERR_IO);
    test_rmtree(dir);
    free(dir);
}

/* planjson_dump into a string, and planjson_parse of it. */
static plan *dump_and_parse(const plan *p)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cr_assert_not_null(f);
    err e = {0};
    cr_assert_eq(planjson_dump(p, f, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(fclose(f), 0);
    plan *q = planjson_parse(text, "dump", &e);
    cr_assert_not_null(q, "%s", e.msg);
    free(text);
    return q;
}

Test(planjson, rounded_plan_reads_back_with_the_very_same_reals)
{
    plan *p = fixture_plan_new();
    /* an 8th decimal: round to 7, then to 6 (GPX), is not round to 6 at once */
    p->stops[1].lon = 121.00500051;
    p->routes[0].lonlat[2] = 121.01500051;
    p->stops[1].snap_m = 12.345;
    p->vehicles[0].cost_per_km = 0.123456;
    p->total_cost = 1234.5678;
    planjson_round(p);
    cr_expect_eq(p->stops[1].lon, 121.0050005);
    cr_expect_eq(p->stops[1].snap_m, 12.3);
    cr_expect_eq(p->vehicles[0].cost_per_km, 0.1235);
    cr_expect_eq(p->total_cost, 1234.57);
    plan *q = dump_and_parse(p);
    cr_assert_eq(q->n_stops, p->n_stops);
    for (size_t i = 0; i < p->n_stops; i++) {
        cr_expect_eq(q->stops[i].lon, p->stops[i].lon, "stop %zu", i);
        cr_expect_eq(q->stops[i].lat, p->stops[i].lat, "stop %zu", i);
        cr_expect_eq(q->stops[i].snap_m, p->stops[i].snap_m, "stop %zu", i);
    }
    for (size_t i = 0; i < p->n_vehicles; i++) {
        cr_expect_eq(q->vehicles[i].cost_per_km, p->vehicles[i].cost_per_km);
        cr_expect_eq(q->vehicles[i].fixed_cost, p->vehicles[i].fixed_cost);
    }
    cr_assert_eq(q->n_routes, p->n_routes);
    for (size_t i = 0; i < p->n_routes; i++) {
        cr_assert_eq(q->routes[i].n_points, p->routes[i].n_points);
        for (size_t k = 0; k < 2 * p->routes[i].n_points; k++)
            cr_expect_eq(q->routes[i].lonlat[k], p->routes[i].lonlat[k], "route %zu, %zu", i, k);
    }
    cr_expect_eq(q->total_cost, p->total_cost);
    /* rounding twice changes nothing */
    planjson_round(q);
    cr_expect_eq(q->stops[1].lon, p->stops[1].lon);
    plan_free(q);
    plan_free(p);
}

Test(planjson, windows_and_own_starts_round_trip)
{
    plan *p = fixture_plan_new();
    p->stops[2].has_window = true;
    p->stops[2].open_s = 7 * 3600;
    p->stops[2].close_s = 17 * 3600;
    p->vehicles[1].start_s = 7 * 3600 + 15 * 60;
    p->vehicles[1].own_start = true;
    plan *q = dump_and_parse(p);
    cr_assert(q->stops[2].has_window);
    cr_assert_eq(q->stops[2].open_s, 7 * 3600);
    cr_assert_eq(q->stops[2].close_s, 17 * 3600);
    cr_assert_not(q->stops[1].has_window);
    cr_assert(q->vehicles[1].own_start);
    cr_assert_eq(q->vehicles[1].start_s, 7 * 3600 + 15 * 60);
    cr_assert_not(q->vehicles[0].own_start);
    cr_assert_eq(q->vehicles[0].start_s, -1, "not recorded");
    plan_free(q);
    plan_free(p);
}

Test(planjson, optional_fuel_factors_and_spread_round_trip_and_stay_absent_when_unset)
{
    plan *p = fixture_plan_new();
    /* unset: neither member is written, as in plans made before them */
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    err e = {0};
    cr_assert_eq(planjson_dump(p, f, &e), ERR_OK, "%s", e.msg);
    fclose(f);
    cr_expect_null(strstr(text, "use_per_100km"));
    cr_expect_null(strstr(text, "\"spread\""));
    cr_expect_null(strstr(text, "time_stopped"));
    free(text);

    p->vehicles[0].use_per_100km = 9.5;
    p->vehicles[0].co2_per_unit = 2.68;
    p->n_spread = 3;
    p->spread_seed = xcalloc(3, sizeof *p->spread_seed);
    p->spread_cost = xcalloc(3, sizeof *p->spread_cost);
    const uint64_t seeds[3] = {1, 2, UINT64_MAX};
    const double costs[3] = {7163.72, 7170.004, 7158.1};
    memcpy(p->spread_seed, seeds, sizeof seeds);
    memcpy(p->spread_cost, costs, sizeof costs);
    p->time_stopped = true;
    planjson_round(p);
    plan *q = dump_and_parse(p);
    cr_expect(q->time_stopped);
    cr_expect_eq(q->vehicles[0].use_per_100km, 9.5);
    cr_expect_eq(q->vehicles[0].co2_per_unit, 2.68);
    cr_expect_eq(q->vehicles[1].use_per_100km, 0.0);
    cr_assert_eq(q->n_spread, 3);
    for (size_t i = 0; i < 3; i++)
        cr_expect_eq(q->spread_seed[i], seeds[i], "seed %zu", i);
    cr_expect_eq(q->spread_cost[0], 7163.72);
    cr_expect_eq(q->spread_cost[1], 7170.0);
    plan_free(q);
    plan_free(p);
}

Test(planjson, bad_spread_and_factors_are_named)
{
    err e = {0};
    plan *q = parse_edited("\"fixed_cost\":", "\"use_per_100km\":-1,\"fixed_cost\":", &e);
    cr_assert_null(q);
    cr_expect_not_null(strstr(e.msg, "vehicles[0].use_per_100km: expected a non-negative number"),
                       "%s", e.msg);
    q = parse_edited("\"routes\":", "\"spread\":{\"seeds\":[1,2],\"costs\":[5]},\"routes\":", &e);
    cr_assert_null(q);
    cr_expect_not_null(strstr(e.msg, "spread.costs: expected as many costs as seeds"), "%s", e.msg);
}

Test(planjson, weekly_volumes_and_outbound_parcels_round_trip)
{
    char *dir = test_tmpdir();
    char path[4096];
    snprintf(path, sizeof path, "%s/plan.json", dir);
    plan *p = fixture_plan_new();
    plan_stop *s = &p->stops[1];
    s->week = xcalloc(p->n_carriers, sizeof *s->week);
    s->week[1] = 21;
    s->pickup = xcalloc(p->n_carriers, sizeof *s->pickup);
    s->pickup[2] = 4;
    plan_visit *v = &p->routes[0].visits[0];
    v->pickup = xcalloc(p->n_carriers, sizeof *v->pickup);
    v->pickup[2] = 4;
    v->load_after += 4;
    err e = {0};
    cr_assert_eq(planjson_write(p, path, &e), ERR_OK, "%s", e.msg);
    plan *q = planjson_read(path, &e);
    cr_assert_not_null(q, "%s", e.msg);
    assert_same_plan(p, q);
    cr_assert_not_null(q->stops[1].week);
    cr_expect_eq(q->stops[1].week[1], 21);
    cr_assert_not_null(q->stops[1].pickup);
    cr_expect_eq(q->stops[1].pickup[2], 4);
    cr_expect_null(q->stops[2].week, "absent stays absent");
    cr_expect_null(q->stops[2].pickup);
    cr_assert_not_null(q->routes[0].visits[0].pickup);
    cr_expect_eq(q->routes[0].visits[0].pickup[2], 4);
    cr_expect_null(q->routes[0].visits[1].pickup);
    plan_free(q);
    plan_free(p);
    test_rmtree(dir);
    free(dir);
}
