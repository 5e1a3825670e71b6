/* test_cmd_geocode.c — `jincun geocode` on the real place nodes of the shared OSM extracts:
 * stops named like villages of north-bayreuth and Andorra, with suffix and spelling variants.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/text/csvread.h"
#include "tests/support.h"

static void put(const char *dir, const char *name, const char *text)
{
    cr_assert_eq(test_write_file(dir, name, text), 0, "cannot write %s/%s", dir, name);
}

/* Writes a scenario using the shared map at map_path; returns the tmpdir. */
static char *scenario_with(const char *map_path, const char *stops)
{
    char *dir = test_tmpdir();
    char settings[8192];
    snprintf(settings, sizeof settings,
             "[scenario]\nname = geocode test\nmap = %s\ncarriers = ems\n", map_path);
    put(dir, "settings.ini", settings);
    put(dir, "stops.csv", stops);
    put(dir, "vehicles.csv", "id,depot,capacity,shift_h\nvan,D,100,8\n");
    return dir;
}

/* Row of the geocoded file whose id is id. */
static size_t row_of(const csvread *t, const char *id)
{
    size_t c = csvread_col(t, "id");
    for (size_t r = 0; r < csvread_n_rows(t); r++)
        if (!strcmp(csvread_field(t, r, c), id))
            return r;
    cr_assert_fail("no row %s", id);
    return 0;
}

static const char *quality(const csvread *t, const char *id)
{
    return csvread_field(t, row_of(t, id), csvread_col(t, "geocode"));
}

static double coord(const csvread *t, const char *id, const char *col)
{
    const char *s = csvread_field(t, row_of(t, id), csvread_col(t, col));
    cr_assert(*s, "%s has no %s", id, col);
    return strtod(s, NULL);
}

Test(cmd_geocode, north_bayreuth_villages_with_suffixes)
{
    char map[4096];
    TEST_SHARED_OR_SKIP(map, "osm/north-bayreuth.osm.gz");
    char *dir = scenario_with(map, "id,name,kind,township,lon,lat,ems\n"
                                   "D,Depot,depot,,11.6068,50.0163,\n"
                                   "T1,Neudrossenfeld镇,township,Neudrossenfeld镇,,,5\n"
                                   "T2,Harsdorf,township,Harsdorf,,,5\n"
                                   "T3,Sorg乡,township,Sorg乡,,,5\n"
                                   "V1,Altenreuth村委会,village,Neudrossenfeld镇,,,1\n"
                                   "V2,Zettlitz,village,Neudrossenfeld镇,,,1\n"
                                   "V3,Ziegelhütte,village,Sorg乡,,,1\n"
                                   "V4, ramsenthal 村,village,Neudrossenfeld镇,,,1\n"
                                   "V5,Nirgendwo村,village,Harsdorf,,,1\n"
                                   "V6,Ziegelhütte,village,Harsdorf,,,1\n");
    char args[8192], *out = NULL, *errtext = NULL;
    snprintf(args, sizeof args, "geocode '%s'", dir);
    int st = test_run_jincun(args, &out, &errtext);
    cr_assert_eq(st, 0, "%s%s", out, errtext);
    cr_assert_not_null(strstr(out, "placed 7 (exact 2, normalised 4, nearest 1), ambiguous 1, "
                                   "not placed 1 (not found 1, too far 0), kept 1"),
                       "%s", out);
    cr_assert_not_null(strstr(out, "stops.csv:10  V5 Nirgendwo村 (Harsdorf): no place"), "%s", out);
    char path[8192];
    snprintf(path, sizeof path, "%s/stops.geocoded.csv", dir);
    err e = {0};
    csvread *t = csvread_load(path, &e);
    cr_assert_not_null(t, "%s", e.msg);
    cr_assert_str_eq(quality(t, "T1"), "normalised");
    cr_assert_float_eq(coord(t, "T1", "lat"), 50.018342, 1e-6);
    cr_assert_str_eq(quality(t, "T2"), "exact");
    cr_assert_str_eq(quality(t, "V1"), "normalised");
    cr_assert_float_eq(coord(t, "V1", "lon"), 11.594627, 1e-6);
    cr_assert_str_eq(quality(t, "V2"), "exact");
    cr_assert_str_eq(quality(t, "T3"), "normalised");
    /* two Ziegelhütte 4 km apart: the one next to Sorg is clear; from Harsdorf (4.0 and
     * 6.7 km) neither is, so the nearest is written and flagged */
    cr_assert_str_eq(quality(t, "V3"), "nearest");
    cr_assert_float_eq(coord(t, "V3", "lon"), 11.493493, 1e-6);
    cr_assert_str_eq(quality(t, "V6"), "ambiguous");
    cr_assert_float_eq(coord(t, "V6", "lon"), 11.512781, 1e-6);
    cr_assert_not_null(strstr(out, "stops.csv:11  V6 Ziegelhütte (Harsdorf): 2 places"), "%s", out);
    cr_assert_str_eq(quality(t, "V4"), "normalised");
    cr_assert_float_eq(coord(t, "V4", "lat"), 50.008080, 1e-6);
    cr_assert_str_eq(quality(t, "V5"), "not-found");
    cr_assert_str_eq(csvread_field(t, row_of(t, "V5"), csvread_col(t, "lon")), "");
    cr_assert_str_eq(quality(t, "D"), "", "the depot kept its point untouched");
    csvread_free(t);
    free(out);
    free(errtext);
    test_rmtree(dir);
    free(dir);
}

Test(cmd_geocode, andorra_pbf_in_place)
{
    char map[4096];
    TEST_SHARED_OR_SKIP(map, "osm/andorra.osm.pbf");
    char *dir = scenario_with(map, "id,name,kind,township,lon,lat,ems\n"
                                   "D,Depot,depot,,1.5218,42.5063,\n"
                                   "T1,Canillo,township,Canillo,,,5\n"
                                   "T2,Ordino镇,township,Ordino镇,,,5\n"
                                   "V1,Soldeu村,village,Canillo,,,1\n"
                                   "V2,El Tarter,village,Canillo,,,1\n"
                                   "V3,Arinsal村委会,village,,,,1\n");
    char args[8192], *out = NULL, *errtext = NULL;
    snprintf(args, sizeof args, "geocode --in-place '%s'", dir);
    int st = test_run_jincun(args, &out, &errtext);
    cr_assert_eq(st, 0, "%s%s", out, errtext);
    cr_assert_not_null(strstr(out, "not placed 0"), "%s", out);
    char path[8192];
    snprintf(path, sizeof path, "%s/stops.csv", dir);
    err e = {0};
    csvread *t = csvread_load(path, &e);
    cr_assert_not_null(t, "%s", e.msg);
    cr_assert_str_eq(quality(t, "T1"), "exact");
    cr_assert_str_eq(quality(t, "T2"), "normalised");
    cr_assert_str_eq(quality(t, "V1"), "normalised");
    cr_assert_str_eq(quality(t, "V2"), "normalised", "case and blanks differ");
    cr_assert_str_eq(quality(t, "V3"), "normalised");
    /* every point lies in Andorra, and Soldeu within 15 km of Canillo */
    const char *ids[] = {"T1", "T2", "V1", "V2", "V3"};
    for (int i = 0; i < 5; i++) {
        double lon = coord(t, ids[i], "lon"), lat = coord(t, ids[i], "lat");
        cr_assert(lon > 1.40 && lon < 1.80 && lat > 42.42 && lat < 42.67, "%s", ids[i]);
    }
    double dx = (coord(t, "V1", "lon") - coord(t, "T1", "lon")) * 82000;
    double dy = (coord(t, "V1", "lat") - coord(t, "T1", "lat")) * 111000;
    cr_assert_lt(sqrt(dx * dx + dy * dy), 15000);
    csvread_free(t);
    free(out);
    free(errtext);
    test_rmtree(dir);
    free(dir);
}

/* The synthetic demo county names its place nodes like its settlements: with every village and
 * township's point blanked, geocode must put each back exactly (the map's node is the point). */
Test(cmd_geocode, demo_points_are_recovered_from_the_map)
{
    char *dir = test_tmpdir();
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "cp '%s'/scenarios/demo/*.csv '%s'/scenarios/demo/settings.ini '%s'/",
             test_root(), test_root(), dir);
    cr_assert_eq(system(cmd), 0);
    char map[8192];
    snprintf(map, sizeof map, "%s/scenarios/demo/county.osm.gz", test_root());
    char path[8192];
    snprintf(path, sizeof path, "%s/settings.ini", dir);
    char *settings = test_slurp(path, NULL);
    cr_assert_not_null(settings);
    FILE *f = fopen(path, "wb");
    /* point the copy at the committed map */
    char *m = strstr(settings, "map = county.osm.gz");
    cr_assert_not_null(m);
    fprintf(f, "%.*smap = %s%s", (int)(m - settings), settings, map,
            m + strlen("map = county.osm.gz"));
    fclose(f);
    free(settings);
    err e = {0};
    snprintf(path, sizeof path, "%s/stops.csv", dir);
    csvread *orig = csvread_load(path, &e);
    cr_assert_not_null(orig, "%s", e.msg);
    size_t c_lon = csvread_col(orig, "lon"), c_lat = csvread_col(orig, "lat"),
           c_kind = csvread_col(orig, "kind");
    f = fopen(path, "wb");
    for (size_t c = 0; c < csvread_n_cols(orig); c++)
        fprintf(f, "%s%s", c ? "," : "", csvread_col_name(orig, c));
    fputc('\n', f);
    for (size_t r = 0; r < csvread_n_rows(orig); r++) {
        bool depot = !strcmp(csvread_field(orig, r, c_kind), "depot");
        for (size_t c = 0; c < csvread_n_cols(orig); c++)
            fprintf(f, "%s%s", c ? "," : "",
                    (c == c_lon || c == c_lat) && !depot ? "" : csvread_field(orig, r, c));
        fputc('\n', f);
    }
    fclose(f);
    char args[8192], *out = NULL;
    snprintf(args, sizeof args, "geocode '%s'", dir);
    cr_assert_eq(test_run_jincun(args, &out, NULL), 0);
    cr_assert_not_null(strstr(out, "not placed 0"), "%s", out);
    snprintf(path, sizeof path, "%s/stops.geocoded.csv", dir);
    csvread *t = csvread_load(path, &e);
    cr_assert_not_null(t, "%s", e.msg);
    cr_assert_eq(csvread_n_rows(t), csvread_n_rows(orig));
    for (size_t r = 0; r < csvread_n_rows(orig); r++) {
        double a = strtod(csvread_field(orig, r, c_lon), NULL);
        double b = strtod(csvread_field(t, r, csvread_col(t, "lon")), NULL);
        double c = strtod(csvread_field(orig, r, c_lat), NULL);
        double d = strtod(csvread_field(t, r, csvread_col(t, "lat")), NULL);
        cr_assert(fabs(a - b) < 1e-6 && fabs(c - d) < 1e-6, "line %zu moved",
                  csvread_line(orig, r));
    }
    csvread_free(t);
    csvread_free(orig);
    free(out);
    test_rmtree(dir);
    free(dir);
}
