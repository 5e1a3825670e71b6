/* test_geocode.c — io/scenario/geocode.h: name normalisation, matching rules, and the rewritten
 * stops file. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/text/csvread.h"
#include "io/scenario/geocode.h"
#include "tests/support.h"

Test(geocode, normalise_drops_suffixes_blanks_and_case)
{
    char b[128];
    geocode_normalise("前进村村委会", b, sizeof b);
    cr_assert_str_eq(b, "前进");
    geocode_normalise(" 前进村 ", b, sizeof b);
    cr_assert_str_eq(b, "前进");
    geocode_normalise("城关镇", b, sizeof b);
    cr_assert_str_eq(b, "城关");
    geocode_normalise("海门街道", b, sizeof b);
    cr_assert_str_eq(b, "海门");
    geocode_normalise("白云社区居委会", b, sizeof b);
    cr_assert_str_eq(b, "白云");
    geocode_normalise("村", b, sizeof b);
    cr_assert_str_eq(b, "村", "a bare suffix is kept");
    geocode_normalise("Bad Berneck", b, sizeof b);
    cr_assert_str_eq(b, "badberneck");
}

static const char settings[] = "[scenario]\nname = t\nmap = m.osm\ncarriers = ems\n";

static char *write_scenario(const char *stops)
{
    char *dir = test_tmpdir();
    const char *names[3] = {"settings.ini", "stops.csv", "vehicles.csv"};
    const char *texts[3] = {settings, stops, "id,depot,capacity,shift_h\nvan,d,100,8\n"};
    for (int i = 0; i < 3; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *f = fopen(path, "wb");
        fputs(texts[i], f);
        fclose(f);
    }
    return dir;
}

static scenario *load(const char *dir)
{
    scenario_opts o;
    scenario_opts_init(&o);
    o.need_map = false;
    scenario *sc = NULL;
    err e = {0};
    cr_assert_eq(scenario_load_opts(dir, &o, &sc, &e), ERR_OK, "%s", e.msg);
    return sc;
}

/* Two townships 20 km apart, each with a village called 前进村 nearby. */
static const geocode_place places[] = {
    {"Chengguan", "城关镇", "town", 121.00, 28.50}, /* 0 */
    {"Xiaozhi", "小芝镇", "town", 121.20, 28.50},   /* 1 */
    {"前进村", "", "village", 121.01, 28.51},       /* 2 near 城关 */
    {"前进村", "", "village", 121.21, 28.49},       /* 3 near 小芝 */
    {"后山", "", "hamlet", 121.02, 28.49},          /* 4 */
    {"东岙", "", "village", 121.03, 28.52},         /* 5 */
    {"东岙", "", "village", 121.035, 28.515},       /* 6: the same hamlet mapped twice */
    {"Remote", "远村", "village", 123.5, 30.0},     /* 7: far away */
    {"双庙", "", "village", 121.10, 28.50},         /* 8 and 9: equidistant from the centre */
    {"双庙", "", "village", 121.10, 28.60},
};

static const char stops_csv[] = "id,name,kind,township,lon,lat,ems\n"
                                "d,中心,depot,城关镇,121.10,28.55,\n"
                                "t1,城关镇,township,城关镇,,,5\n"
                                "t2,小芝镇,township,小芝镇,,,5\n"
                                "v1,前进村村委会,village,城关镇,,,1\n"
                                "v2,前进村,village,小芝镇,,,1\n"
                                "v3,后山村,village,城关镇,,,1\n"
                                "v4,东岙村,village,城关镇,,,1\n"
                                "v5,远村,village,,,,1\n"
                                "v6,无名村,village,城关镇,,,1\n"
                                "v7,双庙村,village,,,,1\n";

Test(geocode, matches_prefer_the_township_and_report_quality)
{
    char *dir = write_scenario(stops_csv);
    scenario *sc = load(dir);
    geocode_params p;
    geocode_params_init(&p);
    geocode_result res[16];
    err e = {0};
    cr_assert_eq(geocode_run(sc, places, sizeof places / sizeof places[0], &p, res, &e), ERR_OK);
    cr_assert_eq(res[0].quality, GEOCODE_KEPT);
    cr_assert_eq(res[1].quality, GEOCODE_EXACT, "城关镇 = name:zh");
    cr_assert_eq(res[1].place, 0);
    cr_assert_eq(res[2].quality, GEOCODE_EXACT);
    cr_assert_eq(res[2].place, 1);
    /* 前进村村委会 → 前进: two places of that name, one within 15 km of 城关镇 */
    cr_assert_eq(res[3].quality, GEOCODE_NORMALISED, "%s", geocode_quality_name(res[3].quality));
    cr_assert_eq(res[3].place, 2);
    cr_assert(res[3].ref_township);
    cr_assert_eq(res[3].n_candidates, 2);
    cr_assert_eq(res[4].quality, GEOCODE_EXACT);
    cr_assert_eq(res[4].place, 3, "the 前进村 of 小芝镇");
    cr_assert_eq(res[5].quality, GEOCODE_NORMALISED);
    cr_assert_eq(res[5].place, 4);
    cr_assert_float_eq(res[5].lon, 121.02, 1e-12);
    cr_assert_eq(res[6].quality, GEOCODE_NEAREST, "same hamlet twice is not ambiguous");
    cr_assert_eq(res[7].quality, GEOCODE_TOO_FAR);
    cr_assert_eq(res[8].quality, GEOCODE_NOT_FOUND);
    cr_assert_eq(res[9].quality, GEOCODE_AMBIGUOUS);
    /* with a wide township radius both 前进村 qualify; the one near 城关镇 is clearly nearer */
    p.township_radius_m = 50000;
    cr_assert_eq(geocode_run(sc, places, sizeof places / sizeof places[0], &p, res, &e), ERR_OK);
    cr_assert_eq(res[3].quality, GEOCODE_NEAREST, "%s", geocode_quality_name(res[3].quality));
    cr_assert_eq(res[3].place, 2);
    cr_assert_eq(res[4].quality, GEOCODE_NEAREST);
    cr_assert_eq(res[4].place, 3);
    scenario_free(sc);
    test_rmtree(dir);
    free(dir);
}

Test(geocode, write_keeps_columns_and_rows_and_fills_points)
{
    char *dir = write_scenario(stops_csv);
    scenario *sc = load(dir);
    geocode_params p;
    geocode_params_init(&p);
    geocode_result res[16];
    cr_assert_eq(geocode_run(sc, places, sizeof places / sizeof places[0], &p, res, NULL), ERR_OK);
    char out[4096];
    snprintf(out, sizeof out, "%s/stops.geocoded.csv", dir);
    err e = {0};
    cr_assert_eq(geocode_write(sc, res, out, &e), ERR_OK, "%s", e.msg);
    csvread *t = csvread_load(out, &e);
    cr_assert_not_null(t, "%s", e.msg);
    cr_assert_eq(csvread_n_cols(t), 8);
    cr_assert_str_eq(csvread_col_name(t, 7), "geocode");
    cr_assert_eq(csvread_n_rows(t), 10);
    cr_assert_str_eq(csvread_field(t, 0, 4), "121.10", "kept rows are untouched");
    cr_assert_str_eq(csvread_field(t, 0, 7), "");
    cr_assert_str_eq(csvread_field(t, 3, 1), "前进村村委会");
    cr_assert_str_eq(csvread_field(t, 3, 4), "121.010000");
    cr_assert_str_eq(csvread_field(t, 3, 5), "28.510000");
    cr_assert_str_eq(csvread_field(t, 3, 7), "normalised");
    cr_assert_str_eq(csvread_field(t, 7, 4), "", "too far: no point");
    cr_assert_str_eq(csvread_field(t, 7, 7), "too-far");
    cr_assert_str_eq(csvread_field(t, 8, 7), "not-found");
    csvread_free(t);
    /* the written file is a valid stops file: the scenario reads with it */
    scenario_opts o;
    scenario_opts_init(&o);
    o.need_map = false;
    o.stops_path = out;
    scenario *sc2 = NULL;
    cr_assert_eq(scenario_load_opts(dir, &o, &sc2, &e), ERR_OK, "%s", e.msg);
    cr_assert(sc2->stops[3].has_point);
    cr_assert_str_eq(sc2->stops[3].geocode, "normalised");
    cr_assert_not(sc2->stops[8].has_point);
    scenario_free(sc2);
    scenario_free(sc);
    test_rmtree(dir);
    free(dir);
}

Test(geocode, all_never_drops_a_given_point)
{
    char *dir = write_scenario("id,name,kind,township,lon,lat,ems\n"
                               "d,中心,depot,,121.10,28.55,\n"
                               "v1,无名村,village,,121.5,28.5,1\n"
                               "v2,后山村,village,,121.5,28.5,1\n");
    scenario *sc = load(dir);
    geocode_params p;
    geocode_params_init(&p);
    p.all = true;
    geocode_result res[3];
    cr_assert_eq(geocode_run(sc, places, sizeof places / sizeof places[0], &p, res, NULL), ERR_OK);
    cr_assert_eq(res[1].quality, GEOCODE_KEPT);
    cr_assert_float_eq(res[1].lon, 121.5, 1e-12);
    cr_assert_eq(res[2].quality, GEOCODE_NORMALISED, "re-placed from the map");
    cr_assert_float_eq(res[2].lon, 121.02, 1e-12);
    scenario_free(sc);
    test_rmtree(dir);
    free(dir);
}
