/* test_scenario.c — io/scenario/scenario.h: a good scenario field by field, and each kind of
 * mistake reported as ERR_PARSE with file:line and column. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/text/csvread.h"
#include "io/scenario/scenario.h"
#include "tests/support.h"

static const char good_settings[] = "[scenario]\n"
                                    "name = 测试县\n"
                                    "map = map.osm\n"
                                    "carriers = ems,sf,zto\n"
                                    "days = mon-sat\n"
                                    "week_start = 2026-11-30\n"
                                    "[frequency]\n"
                                    "village = 3\n"
                                    "township = 5\n"
                                    "patterns2 = mon+thu, tue+fri\n"
                                    "[service]\n"
                                    "per_stop_min = 4\n"
                                    "per_parcel_s = 10\n"
                                    "shift_start = 07:30\n"
                                    "[costs]\n"
                                    "per_km_diesel = 0.8\n"
                                    "per_hour = 40\n"
                                    "[solver]\n"
                                    "seed = 7\n"
                                    "iterations = 250000\n";

static const char good_stops[] =
    "\xEF\xBB\xBFid,code,name,kind,township,lon,lat,ems,sf,zto,freq,service_min,patterns\r\n"
    "d1,,县邮政中心,depot,城关镇,121.0,28.5,,,,,,\r\n"
    "t1,331024100000,城关镇,township,城关镇,121.01,28.51,5,3,2,,,\r\n"
    "v1,331024100201,前进村,village,城关镇,121.02,28.52,1,0,2,,,\r\n"
    "v2,,后山村,village,城关镇,,,2,,,2,10,\r\n"
    "v3,,\"东岙村, 下\",村,城关镇,121.03,28.53,1,1,1,1,,wed\r\n";

static const char good_vehicles[] = "id,depot,capacity,shift_h,range_km,days,electric,driver\n"
                                    "van1,d1,120,8,,mon-sat,no,王师傅\n"
                                    "ev1,d1,80,7.5,150,mon+wed+fri,yes,\n";

/* Writes a scenario into a fresh tmpdir; NULL content = do not write that file. */
static char *make_scenario(const char *settings, const char *stops, const char *vehicles,
                           bool with_map)
{
    char *dir = test_tmpdir();
    cr_assert_not_null(dir);
    const char *names[4] = {"settings.ini", "stops.csv", "vehicles.csv", "map.osm"};
    const char *texts[4] = {settings, stops, vehicles, with_map ? "<osm/>\n" : NULL};
    for (int i = 0; i < 4; i++) {
        if (!texts[i])
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *f = fopen(path, "wb");
        cr_assert_not_null(f);
        fputs(texts[i], f);
        fclose(f);
    }
    return dir;
}

/* Replaces the first occurrence of from with to in text (static buffer per call site). */
static char *replace(const char *text, const char *from, const char *to)
{
    const char *p = strstr(text, from);
    cr_assert_not_null(p, "fixture lacks '%s'", from);
    size_t n = strlen(text) - strlen(from) + strlen(to) + 1;
    char *out = malloc(n);
    snprintf(out, n, "%.*s%s%s", (int)(p - text), text, to, p + strlen(from));
    return out;
}

Test(scenario, good_scenario_is_read_field_by_field)
{
    char *dir = make_scenario(good_settings, good_stops, good_vehicles, true);
    scenario *sc = NULL;
    err e = {0};
    cr_assert_eq(scenario_load(dir, &sc, &e), ERR_OK, "%s", e.msg);
    cr_assert_str_eq(sc->name, "测试县");
    cr_assert_not_null(strstr(sc->map_path, "/map.osm"));
    cr_assert_null(sc->profile_path);
    cr_assert_eq(sc->n_days, 6);
    cr_assert_str_eq(sc->day_names[0], "mon");
    cr_assert_str_eq(sc->day_names[5], "sat");
    cr_assert_eq(sc->weekday[5], 5);
    cr_assert_str_eq(sc->week_start, "2026-11-30");
    cr_assert_str_eq(sc->timezone, "Asia/Shanghai");
    cr_assert_str_eq(sc->utc_offset, "+08:00");
    cr_assert_eq(sc->n_carriers, 3);
    cr_assert_str_eq(sc->carriers[1], "sf");
    cr_assert_eq(sc->service_stop_s, 240);
    cr_assert_eq(sc->shift_start_s, 7 * 3600 + 1800);
    cr_assert_eq(sc->seed, 7);
    cr_assert_eq(sc->iterations, 250000u);
    cr_assert_str_eq(sc->currency, "CNY");
    cr_assert_eq(sc->n_stops, 5);

    const scenario_stop *d = &sc->stops[0];
    cr_assert_eq(d->kind, SCENARIO_DEPOT);
    cr_assert_eq(d->freq, 0);
    cr_assert_eq(d->n_patterns, 0);
    cr_assert_eq(d->line, 2);

    const scenario_stop *t = &sc->stops[1];
    cr_assert_eq(t->kind, SCENARIO_TOWNSHIP);
    cr_assert_str_eq(t->code, "331024100000");
    cr_assert_eq(t->freq, 5);
    cr_assert_eq(t->n_patterns, 6, "5 of 6 days: every day but one");
    cr_assert_eq(t->demand[0], 5);
    cr_assert_eq(t->demand_total, 10);
    cr_assert_eq(t->service_s, 240 + 100);
    cr_assert(t->has_point);
    cr_assert_float_eq(t->lon, 121.01, 1e-9);

    const scenario_stop *v1 = &sc->stops[2];
    cr_assert_eq(v1->freq, 3);
    cr_assert_eq(v1->n_patterns, 2);
    cr_assert_eq(v1->patterns[0], 0x15u, "mon+wed+fri"); /* bits 0,2,4 */
    cr_assert_eq(v1->patterns[1], 0x2Au, "tue+thu+sat");
    cr_assert_str_eq(v1->name, "前进村");

    const scenario_stop *v2 = &sc->stops[3];
    cr_assert_not(v2->has_point);
    cr_assert_eq(v2->freq, 2);
    cr_assert_eq(v2->n_patterns, 2, "patterns2 from settings");
    cr_assert_eq(v2->patterns[0], 0x09u); /* mon+thu */
    cr_assert_eq(v2->patterns[1], 0x12u); /* tue+fri */
    cr_assert_eq(v2->service_s, 600 + 20);
    cr_assert_eq(v2->demand[1], 0);

    const scenario_stop *v3 = &sc->stops[4];
    cr_assert_str_eq(v3->name, "东岙村, 下");
    cr_assert_eq(v3->kind, SCENARIO_VILLAGE);
    cr_assert_eq(v3->n_patterns, 1);
    cr_assert_eq(v3->patterns[0], 0x04u);
    cr_assert_eq(v3->line, 6);

    cr_assert_eq(sc->n_vehicles, 2);
    const scenario_vehicle *van = &sc->vehicles[0];
    cr_assert_str_eq(van->id, "van1");
    cr_assert_str_eq(van->driver, "王师傅");
    cr_assert_eq(van->depot, 0);
    cr_assert_eq(van->capacity, 120);
    cr_assert_eq(van->shift_s, 8 * 3600);
    cr_assert_eq(van->range_m, 0);
    cr_assert_not(van->electric);
    cr_assert_eq(van->days, 0x3Fu);
    cr_assert_float_eq(van->cost_per_km, 0.8, 1e-12);
    cr_assert_float_eq(van->cost_per_hour, 40, 1e-12);
    cr_assert_float_eq(van->co2_per_unit, 2.68, 1e-12);
    const scenario_vehicle *ev = &sc->vehicles[1];
    cr_assert(ev->electric);
    cr_assert_eq(ev->range_m, 150000);
    cr_assert_eq(ev->shift_s, 27000);
    cr_assert_eq(ev->days, 0x15u);
    cr_assert_float_eq(ev->cost_per_km, 0.3, 1e-12);

    cr_assert_eq(scenario_find_stop(sc, "v2"), 3);
    cr_assert_eq(scenario_find_stop(sc, "nope"), SIZE_MAX);
    cr_assert_eq(scenario_require_points(sc, &e), ERR_PARSE);
    cr_assert_not_null(strstr(e.msg, "stops.csv:5: stop 'v2' (后山村) has no coordinates"), "%s",
                       e.msg);
    cr_assert_not_null(strstr(e.msg, "jincun geocode"));
    scenario_free(sc);
    test_rmtree(dir);
    free(dir);
}

Test(scenario, a_patterns_longest_gap_wraps_round_the_week)
{
    scenario sc = {.n_days = 6, .weekday = {0, 1, 2, 3, 4, 5}}; /* mon-sat */
    cr_assert_eq(scenario_pattern_gap_days(&sc, 0x15u), 3);     /* mon+wed+fri: fri to mon */
    cr_assert_eq(scenario_pattern_gap_days(&sc, 0x2Au), 3);     /* tue+thu+sat: sat to tue */
    cr_assert_eq(scenario_pattern_gap_days(&sc, 0x07u), 5);     /* mon+tue+wed: wed to mon */
    cr_assert_eq(scenario_pattern_gap_days(&sc, 0x09u), 4);     /* mon+thu: thu to mon */
    cr_assert_eq(scenario_pattern_gap_days(&sc, 0x2Du), 2);     /* mon+wed+thu+sat */
    cr_assert_eq(scenario_pattern_gap_days(&sc, 0x3Fu), 2);     /* every day: sat to mon */
    cr_assert_eq(scenario_pattern_gap_days(&sc, 0x04u), 7);     /* once a week */
    cr_assert_eq(scenario_pattern_gap_days(&sc, 0), 0);
    scenario odd = {.n_days = 3, .weekday = {0, 2, 6}};     /* mon, wed, sun */
    cr_assert_eq(scenario_pattern_gap_days(&odd, 0x5u), 6); /* mon+sun: 6 days on, 1 back */
    cr_assert_eq(scenario_pattern_gap_days(&odd, 0x3u), 5); /* mon+wed: wed to mon */
}

Test(scenario, spread_patterns_are_even)
{
    uint32_t m[16];
    cr_assert_eq(scenario_spread_patterns(6, 3, m, 16), 2);
    cr_assert_eq(m[0], 0x15u);
    cr_assert_eq(m[1], 0x2Au);
    cr_assert_eq(scenario_spread_patterns(6, 2, m, 16), 3); /* mon+thu, tue+fri, wed+sat */
    cr_assert_eq(m[0], 0x09u);
    cr_assert_eq(scenario_spread_patterns(6, 6, m, 16), 1);
    cr_assert_eq(m[0], 0x3Fu);
    cr_assert_eq(scenario_spread_patterns(5, 3, m, 16), 5);
    for (uint32_t i = 0; i < 5; i++) {
        /* never three days in a row on a mon-fri week */
        for (uint32_t s = 0; s + 2 < 5; s++)
            cr_assert_neq(m[i] & (7u << s), 7u << s, "pattern %x", m[i]);
    }
    cr_assert_eq(scenario_spread_patterns(7, 1, m, 16), 7);
}

/* Loads a scenario made from the good one with one replacement in one file; expects failure
 * with a message containing want. */
static void expect_error(const char *file, const char *from, const char *to, err_code code,
                         const char *want)
{
    char *s = strdup(good_settings), *st = strdup(good_stops), *v = strdup(good_vehicles);
    char **target = !strcmp(file, "settings") ? &s : !strcmp(file, "stops") ? &st : &v;
    char *changed = replace(*target, from, to);
    free(*target);
    *target = changed;
    char *dir = make_scenario(s, st, v, true);
    scenario *sc = (scenario *)1;
    err e = {0};
    err_code rc = scenario_load(dir, &sc, &e);
    cr_assert_eq(rc, code, "'%s'→'%s': got %d: %s", from, to, rc, e.msg);
    cr_assert_null(sc);
    cr_assert_not_null(strstr(e.msg, want), "message '%s' lacks '%s'", e.msg, want);
    test_rmtree(dir);
    free(dir);
    free(s);
    free(st);
    free(v);
}

Test(scenario, bad_latitude_names_line_and_column)
{
    expect_error("stops", "121.02,28.52", "121.02,abc", ERR_PARSE,
                 "stops.csv:4: column 'lat': expected a number in -90..90, got 'abc'");
}

Test(scenario, only_one_coordinate_is_an_error)
{
    expect_error("stops", "121.02,28.52", "121.02,", ERR_PARSE,
                 "stops.csv:4: column 'lat': empty while 'lon' is given");
}

Test(scenario, duplicate_stop_id)
{
    expect_error("stops", "v3,,", "v1,,", ERR_PARSE,
                 "stops.csv:6: column 'id': duplicate id 'v1' (first on line 4)");
}

Test(scenario, unknown_kind)
{
    expect_error("stops", "后山村,village", "后山村,hamlet", ERR_PARSE,
                 "stops.csv:5: column 'kind': expected village, township or depot, got 'hamlet'");
}

Test(scenario, negative_demand)
{
    expect_error("stops", "28.52,1,0,2", "28.52,1,-4,2", ERR_PARSE,
                 "stops.csv:4: column 'sf': expected a whole number in 0..100000, got '-4'");
}

Test(scenario, frequency_above_working_days)
{
    /* the range announced is the real one: 1..the working days, not 1..1000 */
    expect_error("stops", ",,2,10,", ",,7,10,", ERR_PARSE,
                 "stops.csv:5: column 'freq': expected visits per week in 1..6 (the working days "
                 "of settings.ini [scenario] days), got '7'");
    expect_error("stops", ",,2,10,", ",,0,10,", ERR_PARSE,
                 "stops.csv:5: column 'freq': expected visits per week in 1..6");
    expect_error("stops", ",,2,10,", ",,1001,10,", ERR_PARSE,
                 "stops.csv:5: column 'freq': expected visits per week in 1..6");
    expect_error("settings", "days = mon-sat", "days = mon-thu", ERR_PARSE,
                 "settings.ini:9: [frequency] township: expected a whole number in 1..4, got '5'");
}

Test(scenario, pattern_with_wrong_day_count)
{
    expect_error("stops", "1,1,1,1,,wed", "1,1,1,1,,wed+fri", ERR_PARSE,
                 "stops.csv:6: column 'patterns': pattern 'wed+fri' has 2 days, expected 1");
}

Test(scenario, pattern_on_a_rest_day)
{
    expect_error("stops", "1,1,1,1,,wed", "1,1,1,1,,sun", ERR_PARSE,
                 "stops.csv:6: column 'patterns': 'sun' is not a working day");
}

Test(scenario, bad_nbs_code_from_a_spreadsheet)
{
    expect_error("stops", "331024100201", "3.31024E+11", ERR_PARSE,
                 "stops.csv:4: column 'code': expected a 12-digit NBS code, got '3.31024E+11' "
                 "(a spreadsheet");
}

Test(scenario, missing_carrier_column)
{
    expect_error("settings", "carriers = ems,sf,zto", "carriers = ems,sf,zto,jd", ERR_PARSE,
                 "stops.csv:1: missing column 'jd'");
}

Test(scenario, unknown_depot)
{
    expect_error("vehicles", "ev1,d1", "ev1,d9", ERR_PARSE,
                 "vehicles.csv:3: column 'depot': unknown depot 'd9' (depots in stops.csv: d1)");
}

Test(scenario, vehicle_depot_that_is_not_a_depot)
{
    expect_error("vehicles", "ev1,d1", "ev1,v1", ERR_PARSE,
                 "vehicles.csv:3: column 'depot': not a depot 'v1'");
}

Test(scenario, duplicate_vehicle_id)
{
    expect_error("vehicles", "ev1,d1", "van1,d1", ERR_PARSE,
                 "vehicles.csv:3: column 'id': duplicate id 'van1' (first on line 2)");
}

Test(scenario, bad_capacity_and_electric)
{
    expect_error("vehicles", "80,7.5", "-80,7.5", ERR_PARSE,
                 "vehicles.csv:3: column 'capacity': expected a whole number in 1..1000000");
    expect_error("vehicles", "mon+wed+fri,yes", "mon+wed+fri,maybe", ERR_PARSE,
                 "vehicles.csv:3: column 'electric': expected yes or no, got 'maybe'");
}

Test(scenario, vehicle_days_unknown)
{
    expect_error("vehicles", "mon+wed+fri", "mon+wed+fry", ERR_PARSE,
                 "vehicles.csv:3: column 'days': unknown day 'fry'");
}

Test(scenario, shift_column_required)
{
    expect_error("vehicles", "shift_h", "shift", ERR_PARSE,
                 "vehicles.csv:1: expected exactly one of the columns 'shift_h'");
}

Test(scenario, unknown_vehicle_column_is_refused_with_a_hint)
{
    /* a typo must not make the electric van's range unlimited */
    expect_error("vehicles", "range_km", "range_kms", ERR_PARSE,
                 "vehicles.csv:1: unknown column 'range_kms' (did you mean 'range_km'?)");
    expect_error("vehicles", ",driver", ",notes", ERR_PARSE,
                 "vehicles.csv:1: unknown column 'notes' (known columns: id depot capacity");
}

Test(scenario, unknown_stop_column_is_refused_with_a_hint)
{
    expect_error("stops", ",service_min,", ",service_mins,", ERR_PARSE,
                 "stops.csv:1: unknown column 'service_mins' (did you mean 'service_min'?)");
    /* a company taken out of carriers while its column stays: its parcels would be dropped */
    expect_error("settings", "carriers = ems,sf,zto", "carriers = ems,zto", ERR_PARSE,
                 "stops.csv:1: unknown column 'sf' (known columns: id code name kind township lon "
                 "lat freq service_min patterns geocode open close crs ems ems_out ems_week zto "
                 "zto_out zto_week); if 'sf' is a courier company, add it to settings.ini "
                 "[scenario] carriers (now: ems,zto), else delete the column");
}

Test(scenario, more_stops_than_the_limit_are_refused)
{
    size_t n = SCENARIO_MAX_STOPS + 1, cap = 64 + n * 32, k = 0;
    char *stops = malloc(cap);
    k += (size_t)snprintf(stops + k, cap - k, "id,name,kind,lon,lat,ems,sf,zto\n");
    for (size_t i = 0; i < n; i++)
        k += (size_t)snprintf(stops + k, cap - k, "v%zu,村%zu,village,,,1,,\n", i, i);
    char *dir = make_scenario(good_settings, stops, good_vehicles, true);
    scenario *sc = NULL;
    err e = {0};
    cr_assert_eq(scenario_load(dir, &sc, &e), ERR_PARSE);
    cr_assert_not_null(strstr(e.msg, "stops.csv: 20001 stops, more than the 20000 a scenario may "
                                     "hold"),
                       "%s", e.msg);
    test_rmtree(dir);
    free(dir);
    free(stops);
}

Test(scenario, settings_typo_and_bad_values)
{
    expect_error("settings", "per_hour = 40", "per_hr = 40", ERR_PARSE,
                 "settings.ini:17: [costs] per_hr: unknown key");
    expect_error("settings", "village = 3", "village = 8", ERR_PARSE,
                 "settings.ini:8: [frequency] village: expected a whole number in 1..6, got '8'");
    expect_error("settings", "days = mon-sat", "days = mon-sad", ERR_PARSE,
                 "settings.ini:5: [scenario] days: unknown day 'mon-sad'");
    expect_error("settings", "week_start = 2026-11-30", "week_start = 2026-12-01", ERR_PARSE,
                 "settings.ini:6: [scenario] week_start: expected the ISO date of a Monday");
    expect_error("settings", "shift_start = 07:30", "shift_start = 7.30", ERR_PARSE,
                 "settings.ini:14: [service] shift_start: expected a time of day");
    expect_error("settings", "patterns2 = mon+thu, tue+fri", "patterns2 = mon+thu, tue", ERR_PARSE,
                 "settings.ini:10: [frequency] patterns2: pattern 'tue' has 1 days, expected 2");
    expect_error("settings", "name = 测试县\n", "", ERR_PARSE,
                 "settings.ini: [scenario] name: missing (required)");
}

Test(scenario, empty_scenario_is_an_error)
{
    char *dir =
        make_scenario(good_settings, "id,name,kind,lon,lat,ems,sf,zto\nd1,中心,depot,121,28,,,\n",
                      good_vehicles, true);
    scenario *sc;
    err e = {0};
    cr_assert_eq(scenario_load(dir, &sc, &e), ERR_PARSE);
    cr_assert_not_null(strstr(e.msg, "stops.csv: no village or township"), "%s", e.msg);
    test_rmtree(dir);
    free(dir);
    dir = make_scenario(good_settings, good_stops, "id,depot,capacity,shift_h\n", true);
    cr_assert_eq(scenario_load(dir, &sc, &e), ERR_PARSE);
    cr_assert_not_null(strstr(e.msg, "vehicles.csv: no vehicles"), "%s", e.msg);
    test_rmtree(dir);
    free(dir);
}

Test(scenario, missing_map_names_file_and_hint)
{
    char *s = replace(good_settings, "map = map.osm\n",
                      "map = taizhou.osm.pbf\nmap_hint = osmium extract -b 1,2,3,4 in.pbf\n");
    char *dir = make_scenario(s, good_stops, good_vehicles, false);
    scenario *sc;
    err e = {0};
    cr_assert_eq(scenario_load(dir, &sc, &e), ERR_IO);
    cr_assert_not_null(strstr(e.msg, "taizhou.osm.pbf' not found"), "%s", e.msg);
    cr_assert_not_null(strstr(e.msg, "get it with: osmium extract -b 1,2,3,4 in.pbf"));
    scenario_opts o;
    scenario_opts_init(&o);
    o.need_map = false;
    cr_assert_eq(scenario_load_opts(dir, &o, &sc, &e), ERR_OK, "%s", e.msg);
    scenario_free(sc);
    test_rmtree(dir);
    free(dir);
    free(s);
}

Test(scenario, map_that_is_a_directory_is_named_as_one)
{
    char *s = replace(good_settings, "map = map.osm\n", "map = roads\n");
    char *dir = make_scenario(s, good_stops, good_vehicles, false);
    char path[4200];
    snprintf(path, sizeof path, "%s/roads", dir);
    cr_assert_eq(mkdir(path, 0755), 0);
    scenario *sc;
    err e = {0};
    cr_assert_eq(scenario_load(dir, &sc, &e), ERR_USAGE);
    char want[4400];
    snprintf(want, sizeof want,
             "map '%s/roads' is a directory, not an OSM file (settings.ini [scenario] map)", dir);
    cr_expect_str_eq(e.msg, want);
    test_rmtree(dir);
    free(dir);
    free(s);
}

Test(scenario, missing_files_are_io_errors)
{
    char *dir = make_scenario(good_settings, NULL, good_vehicles, true);
    scenario *sc;
    err e = {0};
    cr_assert_eq(scenario_load(dir, &sc, &e), ERR_IO);
    cr_assert_not_null(strstr(e.msg, "stops.csv"));
    cr_assert_eq(scenario_load("/nonexistent/scenario", &sc, &e), ERR_IO);
    cr_assert_not_null(strstr(e.msg, "not a scenario folder"));
    test_rmtree(dir);
    free(dir);
}

/* ---- the shipped Taizhou scenarios: generated output is current, every county reads, and
 * without the map the reader says what is missing and how to get it ---- */

static const char *const counties[] = {"jiaojiang", "huangyan", "luqiao", "sanmen", "tiantai",
                                       "xianju",    "wenling",  "linhai", "yuhuan"};

Test(scenario, taizhou_files_match_build_py)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "python3 '%s/scenarios/taizhou/build.py' --check >/dev/null",
             test_root());
    cr_assert_eq(system(cmd), 0, "scenarios/taizhou is stale: run scenarios/taizhou/build.py");
}

Test(scenario, taizhou_counties_read_and_count_rural_villages)
{
    size_t villages = 0, townships = 0;
    for (size_t i = 0; i < sizeof counties / sizeof counties[0]; i++) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/scenarios/taizhou/%s", test_root(), counties[i]);
        scenario_opts o;
        scenario_opts_init(&o);
        o.need_map = false;
        scenario *sc = NULL;
        err e = {0};
        cr_assert_eq(scenario_load_opts(dir, &o, &sc, &e), ERR_OK, "%s: %s", dir, e.msg);
        cr_assert_eq(sc->n_carriers, 8);
        cr_assert_eq(sc->n_days, 6);
        cr_assert_eq(sc->stops[0].kind, SCENARIO_DEPOT);
        cr_assert(sc->stops[0].has_point, "%s: depot without a point", counties[i]);
        for (size_t s = 1; s < sc->n_stops; s++) {
            const scenario_stop *st = &sc->stops[s];
            cr_assert_neq(st->kind, SCENARIO_DEPOT);
            cr_assert_eq(strlen(st->code), 12);
            if (st->kind == SCENARIO_VILLAGE) {
                villages++;
                cr_assert_eq(st->freq, 3);
                cr_assert_eq(st->n_patterns, 2);
                cr_assert_not(st->has_point, "village points are not shipped");
                cr_assert_null(strstr(st->name, "社区"));
                cr_assert_null(strstr(st->name, "居委会"));
            } else {
                townships++;
                cr_assert_eq(st->freq, 5);
            }
            cr_assert_gt(st->demand_total, 0);
        }
        cr_assert_gt(sc->n_vehicles, 0);
        scenario_free(sc);
    }
    cr_assert_eq(villages, 2753 + 265, "村委会 + …村 of the NBS 2023 list");
    cr_assert_eq(townships, 136);
}

Test(scenario, taizhou_without_map_says_how_to_get_it)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/scenarios/taizhou/xianju", test_root());
    char probe[8192];
    snprintf(probe, sizeof probe, "%s/scenarios/taizhou/taizhou.osm.pbf", test_root());
    FILE *f = fopen(probe, "rb");
    if (f) {
        fclose(f);
        cr_skip_test("a Taizhou map is present at %s", probe);
    }
    scenario *sc = NULL;
    err e = {0};
    cr_assert_eq(scenario_load(dir, &sc, &e), ERR_IO);
    cr_assert_not_null(strstr(e.msg, "taizhou.osm.pbf' not found"), "%s", e.msg);
    cr_assert_not_null(strstr(e.msg, "osmium extract -b 120.2,28.0,122.0,29.4"), "%s", e.msg);
}

/* ---- the shipped demo: synthetic, and exactly what `jincun synth county` produces ---- */

Test(scenario, demo_matches_a_fresh_synth_county)
{
    char *tmp = test_tmpdir();
    char args[4096];
    snprintf(args, sizeof args, "synth county --seed 1 -o '%s'", tmp);
    cr_assert_eq(test_run_jincun(args, NULL, NULL), 0);
    char a[8192], b[8192];
    snprintf(a, sizeof a, "%s/county.osm.gz", tmp);
    snprintf(b, sizeof b, "%s/scenarios/demo/county.osm.gz", test_root());
    size_t na = 0, nb = 0;
    char *fa = test_slurp(a, &na), *fb = test_slurp(b, &nb);
    cr_assert_not_null(fa);
    cr_assert_not_null(fb);
    cr_assert(na == nb && !memcmp(fa, fb, na), "scenarios/demo/county.osm.gz is stale: run "
                                               "scenarios/demo/build.py");
    free(fa);
    free(fb);

    snprintf(a, sizeof a, "%s/places.csv", tmp);
    snprintf(b, sizeof b, "%s/scenarios/demo/stops.csv", test_root());
    err e = {0};
    csvread *places = csvread_load(a, &e), *stops = csvread_load(b, &e);
    cr_assert_not_null(places, "%s", e.msg);
    cr_assert_not_null(stops, "%s", e.msg);
    cr_assert_eq(csvread_n_rows(stops), csvread_n_rows(places));
    const char *cols[] = {"id", "kind", "name", "township", "lon", "lat"};
    for (size_t k = 0; k < 6; k++) {
        size_t cp = csvread_col(places, cols[k]), cs = csvread_col(stops, cols[k]);
        cr_assert_neq(cp, CSVREAD_NONE);
        cr_assert_neq(cs, CSVREAD_NONE);
        for (size_t r = 0; r < csvread_n_rows(places); r++)
            cr_assert_str_eq(csvread_field(stops, r, cs), csvread_field(places, r, cp),
                             "stops.csv line %zu column %s", csvread_line(stops, r), cols[k]);
    }
    csvread_free(places);
    csvread_free(stops);
    test_rmtree(tmp);
    free(tmp);

    /* and it is a complete scenario: map present, every stop placed */
    snprintf(b, sizeof b, "%s/scenarios/demo", test_root());
    scenario *sc = NULL;
    cr_assert_eq(scenario_load(b, &sc, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(scenario_require_points(sc, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(sc->n_vehicles, 6);
    cr_assert_eq(sc->n_carriers, 5);
    scenario_free(sc);
}

Test(scenario, weekly_volumes_and_outbound_columns_are_read_per_carrier)
{
    const char *stops = "id,name,kind,lon,lat,ems,sf_week,zto,zto_out,sf_out\n"
                        "d1,中心,depot,121.0,28.5,,,,,\n"
                        "t1,城关镇,township,121.01,28.51,5,70,2,1,\n"
                        "v1,前进村,village,121.02,28.52,1,7,0,,3\n";
    char *dir = make_scenario(good_settings, stops, good_vehicles, true);
    scenario *sc = NULL;
    err e = {0};
    cr_assert_eq(scenario_load(dir, &sc, &e), ERR_OK, "%s", e.msg);
    const scenario_stop *v1 = &sc->stops[2], *d1 = &sc->stops[0];
    cr_assert_null(d1->week);
    cr_assert_not_null(v1->week);
    cr_assert_eq(v1->week[1], 7);
    cr_assert_eq(v1->week[0], 0, "ems is given per visit");
    cr_assert_eq(v1->demand[0], 1);
    cr_assert_eq(v1->pickup[2], 0);
    cr_assert_eq(v1->pickup[1], 3);
    cr_assert_eq(v1->pickup_total, 3);
    /* mon+wed+fri, 7 sf a week: Monday carries Sat, Sun and Mon (3), Wed and Fri 2 each, plus
     * the 1 ems of every visit */
    int32_t by[3];
    cr_assert_eq(scenario_visit_parcels(sc, v1, 4, 0, by), 4);
    cr_assert_eq(by[0], 1);
    cr_assert_eq(by[1], 3);
    cr_assert_eq(scenario_visit_parcels(sc, v1, 0, 2, NULL), 3);
    cr_assert_eq(scenario_visit_parcels(sc, v1, 2, 4, NULL), 3);
    cr_assert_eq(v1->largest_visit, 4, "tue+thu+sat's Tuesday also carries 3 days");
    /* service: 4 min + 10 s x (largest visit 4 + 3 outbound) */
    cr_assert_eq(v1->service_s, 240 + 70);
    /* once a week: the whole week */
    cr_assert_eq(scenario_visit_parcels(sc, &sc->stops[1], 3, 3, by), 5 + 70 + 2);
    /* a township 5x: its visits carry 70 over the week, in any pattern */
    const scenario_stop *t1 = &sc->stops[1];
    for (uint32_t k = 0; k < t1->n_patterns; k++) {
        uint32_t m = t1->patterns[k], sum = 0, prev = 0;
        for (uint32_t d = 0; d < 6; d++)
            if (m >> d & 1)
                prev = d;
        for (uint32_t d = 0; d < 6; d++)
            if (m >> d & 1) {
                sum += (uint32_t)scenario_visit_parcels(sc, t1, prev, d, by) - 5 - 2;
                prev = d;
            }
        cr_assert_eq(sum, 70, "pattern %#x", m);
    }
    scenario_free(sc);
    test_rmtree(dir);
    free(dir);
}
