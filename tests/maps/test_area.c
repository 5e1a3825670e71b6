/* test_area.c — maps/area.c: the area of points and of a map, and the road nodes dropped far
 * outside it. SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <math.h>

#include "maps/area.h"

Test(area, one_stray_point_moves_neither_the_centre_nor_the_median)
{
    /* five stops of a county near 121.2E 28.7N, one typed as 10E 10N, one invalid */
    double lon[7] = {121.20, 121.22, 121.21, 121.19, 121.23, 10.0, NAN};
    double lat[7] = {28.70, 28.71, 28.72, 28.69, 28.70, 10.0, 28.7};
    area a;
    cr_assert(area_of_points(7, lon, lat, &a));
    cr_assert_eq(a.n_points, 6);
    cr_assert_float_eq(a.centre_lon, (121.20 + 121.21) / 2, 1e-12); /* even count: mean of two */
    cr_assert_float_eq(a.centre_lat, 28.70, 1e-12);
    cr_assert_float_eq(a.box.minlon, 10.0, 1e-12); /* the box holds every valid point */
    cr_assert_float_eq(a.box.maxlon, 121.23, 1e-12);
    cr_assert_float_eq(a.box.maxlat, 28.72, 1e-12);
}

Test(area, no_valid_point_gives_no_area)
{
    double lon[2] = {NAN, 200}, lat[2] = {0, 0};
    area a;
    cr_assert_not(area_of_points(2, lon, lat, &a));
    cr_assert_not(area_of_points(0, lon, lat, &a));
    cr_assert_not(area_of_map(2, lon, lat, &a));
}

Test(area, map_core_is_the_densest_cluster_of_cells)
{
    /* 30 nodes over two neighbouring cells (121.9E and 122.1E), 2 strays at 10E 10N */
    double lon[32], lat[32];
    for (int i = 0; i < 30; i++) {
        lon[i] = 121.5 + 0.03 * i; /* 121.5 .. 122.37 */
        lat[i] = 28.7;
    }
    lon[30] = 10.0, lat[30] = 10.0;
    lon[31] = 10.01, lat[31] = 10.0;
    area a;
    cr_assert(area_of_map(32, lon, lat, &a));
    cr_assert_eq(a.n_points, 30);
    cr_assert_float_eq(a.box.minlon, 121.5, 1e-12);
    cr_assert_float_eq(a.box.maxlon, 121.5 + 0.03 * 29, 1e-12);
    cr_assert_float_eq(a.centre_lon, (121.5 + 121.5 + 0.03 * 29) / 2, 1e-12);
    cr_assert_float_eq(a.centre_lat, 28.7, 1e-12);
}

Test(area, cells_touching_across_the_antimeridian_are_one_core)
{
    double lon[4] = {179.9, 179.8, -179.9, 0}, lat[4] = {-17, -17, -17, 0};
    area a;
    cr_assert(area_of_map(4, lon, lat, &a));
    cr_assert_eq(a.n_points, 3, "Fiji's two sides of 180E are one area, not 0E");
}

Test(area, near_means_within_the_margin_of_the_box)
{
    area a;
    double lon[2] = {121.0, 121.2}, lat[2] = {28.5, 28.7};
    cr_assert(area_of_points(2, lon, lat, &a));
    /* 100 km is 0.899 degrees of latitude */
    cr_assert(area_near(&a, 100, 121.1, 28.7 + 0.89));
    cr_assert_not(area_near(&a, 100, 121.1, 28.7 + 0.91));
    cr_assert(area_near(&a, 100, 121.1, 28.5 - 0.89));
    cr_assert_not(area_near(&a, 100, 121.1, 28.5 - 0.91));
    /* east-west the margin is measured on the parallel farthest from the equator (29.6N):
     * 100 km = 1.035 degrees of longitude there */
    cr_assert(area_near(&a, 100, 121.2 + 1.03, 28.6));
    cr_assert_not(area_near(&a, 100, 121.2 + 1.04, 28.6));
    cr_assert_not(area_near(&a, 100, 10, 10));
}

Test(area, drop_far_counts_whole_and_cut_ways_and_names_the_first)
{
    /* nodes 0..3 near 121.2E 28.7N, node 4 at 10E 10N (a duplicated id's other location),
     * nodes 5, 6 a stray way at 10E 10N; node 7 missing from the file (NaN) */
    int64_t ids[8] = {11, 12, 13, 14, 15, 16, 17, 18};
    double lon[8] = {121.20, 121.21, 121.22, 121.21, 10.0, 10.0, 10.01, NAN};
    double lat[8] = {28.70, 28.70, 28.70, 28.71, 10.0, 10.0, 10.0, NAN};
    uint32_t refs[] = {0, 1, 2, /* way 100: kept */ 1, 4, 3, /* way 101: cut at node 4 */
                       5, 6, 7 /* way 102: wholly outside (and one node missing) */};
    osm_way ways[3] = {{.id = 100, .first_ref = 0, .n_refs = 3},
                       {.id = 101, .first_ref = 3, .n_refs = 3},
                       {.id = 102, .first_ref = 6, .n_refs = 3}};
    osm_data d = {.n_ways = 3,
                  .ways = ways,
                  .n_refs = 9,
                  .refs = refs,
                  .n_nodes = 8,
                  .node_id = ids,
                  .lon = lon,
                  .lat = lat};
    double plon[2] = {121.2, 121.22}, plat[2] = {28.7, 28.71};
    area a;
    cr_assert(area_of_points(2, plon, plat, &a));
    area_dropped dr;
    cr_assert_eq(area_drop_far(&a, 100, &d, &dr), 4);
    cr_assert_eq(dr.nodes, 3);
    cr_assert_eq(dr.ways_whole, 1);
    cr_assert_eq(dr.ways_cut, 1);
    cr_assert_eq(dr.way_id, 101);
    cr_assert_eq(dr.node_id, 15);
    cr_assert_float_eq(dr.lon, 10.0, 1e-12);
    cr_assert(isnan(lon[4]) && isnan(lat[5]) && isnan(lon[6]));
    cr_assert_float_eq(lon[3], 121.21, 1e-12);
}
