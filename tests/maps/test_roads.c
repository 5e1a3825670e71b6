/* test_roads.c — maps/roads.c on hand-written fixtures (exact answers worked out in
 * tests/maps/fixtures) and on the real extracts in ../shared/osm.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "maps/roads.h"
#include "tests/support.h"
#include "util/rng.h"

/* 0.0009 degrees = exactly 100 m in this CRS (see fixtures/README.md). */
#define EQC "+proj=eqc +R=6366197.723675814 +units=m +no_defs +type=crs"

static roads *load_fixture(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/maps/fixtures/%s", test_root(), name);
    roads_params p;
    roads_params_init(&p);
    p.crs = EQC;
    err e = {0};
    roads *r = roads_load(path, &p, NULL, &e);
    cr_assert_not_null(r, "loading %s: %s", name, e.msg);
    return r;
}

/* Snaps two points (lon, lat) and returns the 2x2 matrices by the given method. */
static void pair(roads *r, double lon0, double lat0, double lon1, double lat1, roads_method m,
                 int32_t t[4], int32_t d[4], roads_snap s[2])
{
    double lon[2] = {lon0, lon1}, lat[2] = {lat0, lat1};
    err e = {0};
    cr_assert_eq(roads_snap_points(r, 2, lon, lat, s, &e), ERR_OK, "%s", e.msg);
    cr_assert(s[0].ok && s[1].ok, "snap failed: %s / %s", s[0].reason, s[1].reason);
    cr_assert_eq(roads_matrix(r, 2, s, m, t, d, NULL, &e), ERR_OK, "%s", e.msg);
}

Test(roads, oneway_street_forces_the_detour)
{
    roads *r = load_fixture("oneway.osm");
    for (int m = ROADS_CH; m <= ROADS_DIJKSTRA; m++) {
        int32_t t[4], d[4];
        roads_snap s[2];
        pair(r, 0.0045, 0, 0.009, 0.0045, (roads_method)m, t, d, s);
        cr_assert_float_eq(s[0].dist_m, 0, 1e-6);
        cr_assert_eq(t[0], 0);
        cr_assert_eq(t[1], 120, "A->B time %d", t[1]);
        cr_assert_eq(d[1], 1000, "A->B dist %d", d[1]);
        cr_assert_eq(t[2], 360, "B->A time %d", t[2]);
        cr_assert_eq(d[2], 3000, "B->A dist %d", d[2]);
    }
    roads_stats st;
    roads_get_stats(r, &st);
    cr_assert_eq(st.graph_nodes, 2);
    cr_assert_eq(st.graph_arcs, 3); /* 1->2, and 2-3-4-1 both ways */
    cr_assert_float_eq(st.road_km, 4.0, 1e-9);
    cr_assert_float_eq(st.dropped_km, 0.0, 1e-9);
    cr_assert_eq(st.components, 1);
    const roads_place *pl;
    cr_assert_eq(roads_places(r, &pl), 1);
    cr_assert_str_eq(pl[0].name, "Middle");
    cr_assert_str_eq(pl[0].name_zh, "中村");
    cr_assert_str_eq(pl[0].place, "village");
    roads_free(r);
}

/* network.osm from the depot end (0, 0) to the island village C by CH and by Dijkstra: the
 * private road is avoided and the ferry taken, 4.5 km in 114 s each way. */
static void assert_private_avoided_ferry_taken(roads *r)
{
    for (int m = ROADS_CH; m <= ROADS_DIJKSTRA; m++) {
        int32_t t[4], d[4];
        roads_snap s[2];
        pair(r, 0, 0, 0.0225, 0.018, (roads_method)m, t, d, s);
        cr_assert_eq(t[1], 1140, "1->C time %d", t[1]);
        cr_assert_eq(d[1], 4500, "1->C dist %d", d[1]);
        cr_assert_eq(t[2], 1140, "C->1 time %d", t[2]);
        cr_assert_eq(d[2], 4500, "C->1 dist %d", d[2]);
    }
}

Test(roads, private_road_is_avoided_and_ferry_reaches_island)
{
    roads *r = load_fixture("network.osm");
    assert_private_avoided_ferry_taken(r);
    roads_stats st;
    roads_get_stats(r, &st);
    cr_assert_eq(st.graph_nodes, 2);
    cr_assert_eq(st.graph_arcs, 2);
    cr_assert_eq(st.components, 2);
    cr_assert_float_eq(st.road_km, 5.0, 1e-9);
    cr_assert_float_eq(st.dropped_km, 1.0, 1e-9);
    cr_assert_str_eq(st.crs, EQC);
    roads_free(r);
}

Test(roads, snapping_reports_distance_and_refuses_far_points)
{
    roads *r = load_fixture("network.osm");
    /* node 6 of the private road: nearest allowed road is node 2, 750 m north */
    double lon[3] = {0.009, 0.0495, 0.0045}, lat[3] = {-0.00675, 0.045, 0.0009};
    roads_snap s[3];
    err e = {0};
    cr_assert_eq(roads_snap_points(r, 3, lon, lat, s, &e), ERR_OK);
    cr_assert(s[0].ok);
    cr_assert_float_eq(s[0].dist_m, 750, 1e-6);
    cr_assert_float_eq(s[0].lon, 0.009, 1e-12);
    cr_assert_float_eq(s[0].lat, 0, 1e-12);
    /* on the dropped island road, 3.6 km from any kept road */
    cr_assert_not(s[1].ok);
    cr_assert_str_eq(s[1].reason, "no road within 1000 m");
    cr_assert(s[2].ok);
    cr_assert_float_eq(s[2].dist_m, 100, 1e-6);
    int32_t t[9], d[9];
    cr_assert_eq(roads_matrix(r, 3, s, ROADS_DIJKSTRA, t, d, NULL, &e), ERR_OK);
    cr_assert_eq(t[1], -1);
    cr_assert_eq(d[3 + 1], 0); /* diagonal */
    cr_assert_eq(t[7], -1);
    cr_assert_eq(t[2], 60); /* 500 m on the unclassified road, same arc */
    cr_assert_eq(d[2], 500);
    roads_free(r);
}

Test(roads, roundabout_is_one_way)
{
    roads *r = load_fixture("roundabout.osm");
    for (int m = ROADS_CH; m <= ROADS_DIJKSTRA; m++) {
        int32_t t[4], d[4];
        roads_snap s[2];
        pair(r, -0.0045, 0, 0.0135, 0, (roads_method)m, t, d, s);
        cr_assert_eq(t[1], 240, "P->Q time %d", t[1]);
        cr_assert_eq(d[1], 2000, "P->Q dist %d", d[1]);
        cr_assert_eq(t[2], 480, "Q->P time %d", t[2]);
        cr_assert_eq(d[2], 4000, "Q->P dist %d", d[2]);
    }
    roads_free(r);
}

Test(roads, leg_geometry_follows_the_roads)
{
    roads *r = load_fixture("oneway.osm");
    for (int m = ROADS_CH; m <= ROADS_DIJKSTRA; m++) {
        int32_t t[4], d[4];
        roads_snap s[2];
        pair(r, 0.0045, 0, 0.009, 0.0045, (roads_method)m, t, d, s);
        roads_leg leg;
        err e = {0};
        /* B -> A: B (10,5), 3 (10,10), 4 (0,10), 1 (0,0), A (5,0) */
        cr_assert_eq(roads_leg_geometry(r, &s[1], &s[0], (roads_method)m, &leg, NULL, &e), ERR_OK,
                     "%s", e.msg);
        double want[][2] = {{0.009, 0.0045}, {0.009, 0.009}, {0, 0.009}, {0, 0}, {0.0045, 0}};
        cr_assert_eq(leg.n_pts, 5, "method %d: got %zu points", m, leg.n_pts);
        for (size_t i = 0; i < leg.n_pts; i++) {
            cr_assert_float_eq(leg.lonlat[2 * i], want[i][0], 1e-9, "point %zu lon", i);
            cr_assert_float_eq(leg.lonlat[2 * i + 1], want[i][1], 1e-9, "point %zu lat", i);
        }
        cr_assert_eq(leg.time_s, t[2], "the leg's time is the matrix entry");
        cr_assert_eq(leg.dist_m, d[2]);
        free(leg.lonlat);
        /* A -> B: A, 2 (10,0), B */
        cr_assert_eq(roads_leg_geometry(r, &s[0], &s[1], (roads_method)m, &leg, NULL, &e), ERR_OK,
                     "%s", e.msg);
        cr_assert_eq(leg.n_pts, 3);
        cr_assert_float_eq(leg.lonlat[2], 0.009, 1e-9);
        cr_assert_float_eq(leg.lonlat[3], 0, 1e-9);
        cr_assert_eq(leg.time_s, t[1]);
        cr_assert_eq(leg.dist_m, d[1]);
        free(leg.lonlat);
    }
    roads_free(r);
}

/* n points at random in the box [lon0, lon1] x [lat0, lat1] are snapped; for every ordered
 * pair, the leg by the hierarchy and by Dijkstra cost the same as the matrix entry and run from
 * the one snapped point to the other; where the two polylines differ, another path costs
 * exactly the same (counted in *n_differ). Returns the legs checked. */
static size_t legs_agree(roads *r, size_t n, double lon0, double lon1, double lat0, double lat1,
                         uint64_t seed, size_t *n_differ)
{
    rng g;
    rng_seed(&g, seed);
    double *lon = malloc(n * sizeof *lon), *lat = malloc(n * sizeof *lat);
    for (size_t i = 0; i < n; i++) {
        lon[i] = lon0 + (lon1 - lon0) * rng_below(&g, 1000000) / 1e6;
        lat[i] = lat0 + (lat1 - lat0) * rng_below(&g, 1000000) / 1e6;
    }
    roads_snap *sn = calloc(n, sizeof *sn);
    err e = {0};
    cr_assert_eq(roads_snap_points(r, n, lon, lat, sn, &e), ERR_OK, "%s", e.msg);
    int32_t *t = malloc(n * n * sizeof *t), *d = malloc(n * n * sizeof *d);
    cr_assert_eq(roads_matrix(r, n, sn, ROADS_CH, t, d, NULL, &e), ERR_OK, "%s", e.msg);
    size_t legs = 0;
    *n_differ = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            if (i == j || !sn[i].ok || !sn[j].ok || t[i * n + j] < 0)
                continue;
            roads_leg a, b;
            cr_assert_eq(roads_leg_geometry(r, &sn[i], &sn[j], ROADS_CH, &a, NULL, &e), ERR_OK,
                         "%s", e.msg);
            cr_assert_eq(roads_leg_geometry(r, &sn[i], &sn[j], ROADS_DIJKSTRA, &b, NULL, &e),
                         ERR_OK, "%s", e.msg);
            cr_assert_eq(a.time_s, t[i * n + j], "leg %zu->%zu: ch %d s, matrix %d s", i, j,
                         a.time_s, t[i * n + j]);
            cr_assert_eq(a.dist_m, d[i * n + j], "leg %zu->%zu: ch %d m, matrix %d m", i, j,
                         a.dist_m, d[i * n + j]);
            cr_assert_eq(b.time_s, a.time_s);
            cr_assert_eq(b.dist_m, a.dist_m);
            cr_assert_geq(a.n_pts, 1);
            cr_assert(a.lonlat[0] == sn[i].lon && a.lonlat[1] == sn[i].lat);
            cr_assert(a.lonlat[2 * a.n_pts - 2] == sn[j].lon &&
                      a.lonlat[2 * a.n_pts - 1] == sn[j].lat);
            if (a.n_pts != b.n_pts ||
                memcmp(a.lonlat, b.lonlat, 2 * a.n_pts * sizeof *a.lonlat) != 0)
                (*n_differ)++;
            free(a.lonlat);
            free(b.lonlat);
            legs++;
        }
    free(t);
    free(d);
    free(sn);
    free(lon);
    free(lat);
    return legs;
}

Test(roads, legs_by_the_hierarchy_equal_dijkstra_legs_on_the_fixtures)
{
    static const char *const names[] = {"oneway.osm", "network.osm", "maxspeed.osm",
                                        "roundabout.osm", "missing_node.osm"};
    for (size_t f = 0; f < sizeof names / sizeof *names; f++) {
        roads *r = load_fixture(names[f]);
        size_t differ;
        /* the fixtures lie within 0..0.02 degrees (a few km) */
        size_t legs = legs_agree(r, 12, -0.001, 0.02, -0.001, 0.02, 11 + f, &differ);
        cr_assert_gt(legs, 20, "%s: %zu legs", names[f], legs);
        cr_assert_eq(differ, 0, "%s: %zu legs drawn differently (no ties on these maps)", names[f],
                     differ);
        roads_free(r);
    }
}

Test(roads, polylines_cover_every_edge)
{
    roads *r = load_fixture("oneway.osm");
    double *ll;
    size_t *first, n;
    err e = {0};
    cr_assert_eq(roads_polylines(r, 1.0, &ll, &first, &n, &e), ERR_OK);
    cr_assert_eq(n, 2);
    /* 1-2 straight: 2 points; 2-3-4-1 keeps its corners: 4 points */
    cr_assert_eq(first[1] - first[0], 2);
    cr_assert_eq(first[2] - first[1], 4);
    free(ll);
    free(first);
    roads_free(r);
}

Test(roads, missing_file_is_an_io_error)
{
    err e = {0};
    roads *r = roads_load("/nonexistent/x.osm.pbf", NULL, NULL, &e);
    cr_assert_null(r);
    cr_assert_eq(e.code, ERR_IO, "code %d: %s", e.code, e.msg);
    cr_assert(strstr(e.msg, "/nonexistent/x.osm.pbf"), "%s", e.msg);
}

Test(roads, unknown_crs_is_a_usage_error)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/maps/fixtures/oneway.osm", test_root());
    roads_params p;
    roads_params_init(&p);
    p.crs = "EPSG:999999";
    err e = {0};
    cr_assert_null(roads_load(path, &p, NULL, &e));
    cr_assert_eq(e.code, ERR_USAGE, "%s", e.msg);
    cr_assert_str_eq(e.msg, "CRS EPSG:999999: unknown CRS");
    cr_assert_eq(roads_check_crs("EPSG:999999", &e), ERR_USAGE);
    cr_assert_str_eq(e.msg, "unknown CRS");
}

/* Log messages collected for the assertions. */
typedef struct logbuf {
    char text[4096];
} logbuf;

static void log_collect(void *ud, log_level level, const char *msg)
{
    logbuf *b = ud;
    size_t n = strlen(b->text);
    snprintf(b->text + n, sizeof b->text - n, "%s: %s\n", log_level_name(level), msg);
}

/* Loads a WGS84 fixture with the stops given (n may be 0), collecting the log in *b. */
static roads *load_wgs84(const char *name, size_t n, const double *lon, const double *lat,
                         const char *crs, logbuf *b, err *e)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/maps/fixtures/%s", test_root(), name);
    roads_params p;
    roads_params_init(&p);
    p.area_lon = lon;
    p.area_lat = lat;
    p.n_area = n;
    p.area_what = "the stops";
    p.crs = crs;
    memset(b, 0, sizeof *b);
    logger lg = {.sink = log_collect, .ud = b, .min_level = LOG_WARN};
    return roads_load(path, &p, &lg, e);
}

/* Metres from 121.20E to 121.22E along 28.70N: 0.02 degrees of the parallel of the WGS84
 * ellipsoid (N cos(phi) dlambda = 1954.4 m) times the scale of EPSG:4549 there (1.0002). */
#define STRAY_AB_M 1955

Test(roads, stray_way_neither_chooses_the_projection_nor_stays)
{
    double lon[2] = {121.20, 121.22}, lat[2] = {28.70, 28.70};
    for (int with_stops = 0; with_stops < 2; with_stops++) {
        logbuf b;
        err e = {0};
        roads *r = load_wgs84("stray.osm", with_stops ? 2 : 0, lon, lat, NULL, &b, &e);
        cr_assert_not_null(r, "%s", e.msg);
        roads_stats st;
        roads_get_stats(r, &st);
        cr_expect_str_eq(st.crs, "EPSG:4549", "not the UTM zone of the stray way's 65E");
        cr_expect_eq(st.far_nodes, 2);
        cr_expect_eq(st.far_ways, 1);
        cr_expect_eq(st.components, 1, "the stray way is not even a component");
        cr_expect(strstr(b.text, "warning: ") && strstr(b.text, "stray.osm: dropped 2 road nodes "
                                                                "more than 100 km outside "),
                  "%s", b.text);
        cr_expect(strstr(b.text, with_stops ? "outside the stops (lon 121.2000..121.2200, lat "
                                              "28.7000..28.7000)"
                                            : "outside the map's main road network (lon "
                                              "121.2000..121.2200, lat 28.7000..28.7100)"),
                  "%s", b.text);
        cr_expect(strstr(b.text, "1 way wholly, 0 in part; the first is node 90 of way 12 at "
                                 "lon 10.0000000, lat 10.0000000"),
                  "%s", b.text);
        for (int m = ROADS_CH; m <= ROADS_DIJKSTRA; m++) {
            int32_t t[4], d[4];
            roads_snap s[2];
            pair(r, lon[0], lat[0], lon[1], lat[1], (roads_method)m, t, d, s);
            cr_expect(abs(d[1] - STRAY_AB_M) <= 1, "1->3: %d m, not %d (stretched?)", d[1],
                      STRAY_AB_M);
        }
        roads_free(r);
    }
}

Test(roads, node_id_given_twice_is_reported_and_its_far_location_dropped)
{
    logbuf b;
    err e = {0};
    roads *r = load_wgs84("duplicate_node.osm", 0, NULL, NULL, NULL, &b, &e);
    cr_assert_not_null(r, "%s", e.msg);
    cr_expect(strstr(b.text, "1 road node id is given more than one location (the last one is "
                             "used), e.g. node 4"),
              "%s", b.text);
    cr_expect(strstr(b.text, "dropped 1 road node more than 100 km outside the map's main road "
                             "network (lon 121.2000..121.2200, lat 28.7000..28.7000): 0 ways "
                             "wholly, 1 in part; the first is node 4 of way 11"),
              "%s", b.text);
    roads_stats st;
    roads_get_stats(r, &st);
    cr_expect_str_eq(st.crs, "EPSG:4549");
    cr_expect(fabs(st.road_km - STRAY_AB_M / 1000.0) < 0.002, "%.4f km: the spoke is cut",
              st.road_km);
    roads_free(r);
}

Test(roads, stops_far_from_every_road_are_refused)
{
    double lon[1] = {116.4}, lat[1] = {39.9}; /* Beijing, 1100 km away */
    logbuf b;
    err e = {0};
    cr_assert_null(load_wgs84("stray.osm", 1, lon, lat, NULL, &b, &e));
    cr_expect_eq(e.code, ERR_NOTFOUND);
    cr_expect(strstr(e.msg, "stray.osm: no road of the map lies within 100 km of the stops (lon "
                            "116.4000..116.4000, lat 39.9000..39.9000)"),
              "%s", e.msg);
}

Test(roads, given_crs_must_suit_the_stops)
{
    double lon[2] = {121.20, 121.22}, lat[2] = {28.70, 28.70};
    logbuf b;
    err e = {0};
    roads *r = load_wgs84("stray.osm", 2, lon, lat, "EPSG:32651", &b, &e); /* UTM 51N */
    cr_assert_not_null(r, "%s", e.msg);
    roads_free(r);
    cr_assert_null(load_wgs84("stray.osm", 2, lon, lat, "EPSG:32650", &b, &e));
    cr_expect_eq(e.code, ERR_USAGE);
    cr_expect(strstr(e.msg, "CRS EPSG:32650 (WGS 84 / UTM zone 50N) is made for lon "
                            "114.00..120.00, lat 0.00..84.00, which does not cover the stops"),
              "%s", e.msg);
    cr_assert_null(load_wgs84("stray.osm", 2, lon, lat, "EPSG:4326", &b, &e));
    cr_expect_eq(e.code, ERR_USAGE);
    cr_expect_str_eq(e.msg, "CRS EPSG:4326: WGS 84 is a geographic CRS in degrees, not a "
                            "projected CRS in metres");
}

Test(roads, maxspeed_forward_and_backward_set_each_direction)
{
    roads *r = load_fixture("maxspeed.osm");
    /* P, Q, M, N as in fixtures/maxspeed.osm */
    double lon[4] = {-0.009, 0.027, 0.009, 0.0135}, lat[4] = {0, 0, 0, 0};
    roads_snap s[4];
    err e = {0};
    cr_assert_eq(roads_snap_points(r, 4, lon, lat, s, &e), ERR_OK, "%s", e.msg);
    static const int32_t want_t[16] = {0,   390, 195, -2, 720, 0,  -2,  -2,
                                       570, -2,  0,   38, -2,  -2, 225, 0};
    static const int32_t want_d[16] = {0,    4000, 2000, -2,  6000, 0,  -2,  -2,
                                       2000, -2,   0,    500, -2,   -2, 500, 0};
    for (int m = ROADS_CH; m <= ROADS_DIJKSTRA; m++) {
        int32_t t[16], d[16];
        cr_assert_eq(roads_matrix(r, 4, s, (roads_method)m, t, d, NULL, &e), ERR_OK, "%s", e.msg);
        for (int k = 0; k < 16; k++) {
            if (want_t[k] == -2)
                continue; /* not worked out by hand */
            cr_assert_eq(t[k], want_t[k], "method %d, %d->%d: time %d", m, k / 4, k % 4, t[k]);
            cr_assert_eq(d[k], want_d[k], "method %d, %d->%d: dist %d", m, k / 4, k % 4, d[k]);
        }
    }
    roads_free(r);
}

Test(roads, unsorted_file_loads_to_the_same_graph)
{
    roads *a = load_fixture("network.osm"), *b = load_fixture("unsorted.osm");
    roads_stats sa, sb;
    roads_get_stats(a, &sa);
    roads_get_stats(b, &sb);
    cr_assert_eq(sb.osm_nodes_used, sa.osm_nodes_used);
    cr_assert_eq(sb.osm_ways_used, sa.osm_ways_used);
    cr_assert_eq(sb.graph_nodes, sa.graph_nodes);
    cr_assert_eq(sb.graph_arcs, sa.graph_arcs);
    cr_assert_eq(sb.components, sa.components);
    cr_assert_eq(sb.road_km, sa.road_km);
    cr_assert_eq(sb.dropped_km, sa.dropped_km);
    assert_private_avoided_ferry_taken(b);
    roads_free(a);
    roads_free(b);
}

Test(roads, missing_node_splits_its_way_and_the_rest_is_kept)
{
    roads *r = load_fixture("missing_node.osm");
    roads_stats st;
    roads_get_stats(r, &st);
    cr_assert_eq(st.osm_ways_used, 2);
    cr_assert_eq(st.osm_nodes_used, 3); /* 1, 2, 5; node 4 lost its only segment */
    cr_assert_eq(st.graph_nodes, 2);
    cr_assert_eq(st.graph_arcs, 2);
    cr_assert_eq(st.components, 1);
    cr_assert_float_eq(st.road_km, 2.0, 1e-9);
    cr_assert_float_eq(st.dropped_km, 0.0, 1e-9);
    for (int m = ROADS_CH; m <= ROADS_DIJKSTRA; m++) {
        int32_t t[4], d[4];
        roads_snap s[2];
        pair(r, 0, 0, 0.009, 0.009, (roads_method)m, t, d, s); /* node 1 to node 5 */
        cr_assert_eq(t[1], 240, "1->5 time %d", t[1]);
        cr_assert_eq(d[1], 2000, "1->5 dist %d", d[1]);
    }
    roads_free(r);
}

/* Loads a real extract, checks its figures, snaps its place nodes, and compares Dijkstra with
 * the hierarchy on n random points (n*(n-1) pairs). */
static void real_extract(const char *rel, uint32_t min_nodes, size_t n_random)
{
    char path[1024];
    TEST_SHARED_OR_SKIP(path, rel);
    err e = {0};
    roads *r = roads_load(path, NULL, NULL, &e);
    cr_assert_not_null(r, "%s", e.msg);
    roads_stats st;
    roads_get_stats(r, &st);
    cr_assert_gt(st.graph_nodes, min_nodes, "%u nodes", st.graph_nodes);
    cr_assert_gt(st.graph_arcs, st.graph_nodes);
    cr_assert_lt(st.graph_arcs, 4 * st.graph_nodes);
    cr_assert_gt(st.road_km, 100);
    cr_assert_gt(st.components, 1);
    cr_assert_gt(st.dropped_km, 0);
    cr_assert_lt(st.dropped_km, st.road_km / 5);
    cr_assert_gt(st.load_seconds, 0);

    const roads_place *pl;
    size_t np = roads_places(r, &pl);
    cr_assert_gt(np, 50);
    double *lon = malloc(np * sizeof *lon), *lat = malloc(np * sizeof *lat);
    for (size_t i = 0; i < np; i++) {
        lon[i] = pl[i].lon;
        lat[i] = pl[i].lat;
    }
    roads_snap *sn = calloc(np, sizeof *sn);
    cr_assert_eq(roads_snap_points(r, np, lon, lat, sn, &e), ERR_OK);
    size_t ok = 0;
    for (size_t i = 0; i < np; i++) {
        if (sn[i].ok) {
            ok++;
            cr_assert_leq(sn[i].dist_m, 1000);
        } else {
            cr_assert_str_eq(sn[i].reason, "no road within 1000 m");
        }
    }
    cr_assert_geq(ok * 10, np * 8, "only %zu of %zu places snapped", ok, np);
    free(sn);
    free(lon);
    free(lat);

    /* random points in the bounding box of the places */
    double lo0 = 1e9, lo1 = -1e9, la0 = 1e9, la1 = -1e9;
    for (size_t i = 0; i < np; i++) {
        lo0 = fmin(lo0, pl[i].lon);
        lo1 = fmax(lo1, pl[i].lon);
        la0 = fmin(la0, pl[i].lat);
        la1 = fmax(la1, pl[i].lat);
    }
    rng g;
    rng_seed(&g, 7);
    size_t n = n_random;
    lon = malloc(n * sizeof *lon);
    lat = malloc(n * sizeof *lat);
    for (size_t i = 0; i < n; i++) {
        lon[i] = lo0 + (lo1 - lo0) * rng_below(&g, 1000000) / 1e6;
        lat[i] = la0 + (la1 - la0) * rng_below(&g, 1000000) / 1e6;
    }
    sn = calloc(n, sizeof *sn);
    cr_assert_eq(roads_snap_points(r, n, lon, lat, sn, &e), ERR_OK);
    int32_t *t1 = malloc(n * n * sizeof *t1), *d1 = malloc(n * n * sizeof *d1);
    int32_t *t2 = malloc(n * n * sizeof *t2), *d2 = malloc(n * n * sizeof *d2);
    cr_assert_eq(roads_matrix(r, n, sn, ROADS_DIJKSTRA, t1, d1, NULL, &e), ERR_OK, "%s", e.msg);
    cr_assert_eq(roads_matrix(r, n, sn, ROADS_CH, t2, d2, NULL, &e), ERR_OK, "%s", e.msg);
    size_t reached = 0;
    for (size_t i = 0; i < n * n; i++) {
        cr_assert_eq(t1[i], t2[i], "time of pair %zu: dijkstra %d, ch %d", i, t1[i], t2[i]);
        cr_assert_eq(d1[i], d2[i], "dist of pair %zu: dijkstra %d, ch %d", i, d1[i], d2[i]);
        reached += t1[i] > 0;
    }
    cr_assert_gt(reached, 1000, "only %zu pairs reachable", reached);
    roads_get_stats(r, &st);
    cr_assert_gt(st.ch_seconds, 0);
    /* legs: the hierarchy's unpacked paths cost what Dijkstra's cost, and the matrix says */
    size_t differ;
    size_t legs = legs_agree(r, 40, lo0, lo1, la0, la1, 9, &differ);
    cr_assert_gt(legs, 150, "%zu legs", legs);
    /* exact ties are rare on real roads; the seeds are chosen as Dijkstra chooses them */
    cr_assert_leq(differ * 100, legs, "%zu of %zu legs drawn differently", differ, legs);
    free(t1);
    free(d1);
    free(t2);
    free(d2);
    free(sn);
    free(lon);
    free(lat);
    roads_free(r);
}

Test(roads, andorra_loads_snaps_and_ch_equals_dijkstra)
{
    real_extract("osm/andorra.osm.pbf", 1000, 100);
}

Test(roads, north_bayreuth_loads_snaps_and_ch_equals_dijkstra)
{
    real_extract("osm/north-bayreuth.osm.gz", 1000, 100);
}
