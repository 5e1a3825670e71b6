/* test_chinacrs.c — maps/chinacrs.c: the published GCJ-02 / BD-09 formulas against the
 * published reference pairs, and how close the inverses come.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <math.h>

#include "maps/chinacrs.h"

/* metres between two nearby lon/lat points (equirectangular; fine below 1 km) */
static double metres(double lon1, double lat1, double lon2, double lat2)
{
    const double r = 6371008.8, rad = 3.14159265358979324 / 180;
    double dx = (lon2 - lon1) * rad * cos((lat1 + lat2) / 2 * rad) * r,
           dy = (lat2 - lat1) * rad * r;
    return sqrt(dx * dx + dy * dy);
}

/* Reference pairs of the widely used coordtransform implementation (its README: Tiananmen,
 * 116.404, 39.915), which every other implementation quotes. */
Test(chinacrs, forward_formulas_match_the_published_pairs)
{
    double x, y;
    chinacrs_wgs84_to_gcj02(116.404, 39.915, &x, &y);
    cr_assert_float_eq(x, 116.41024449916938, 1e-11);
    cr_assert_float_eq(y, 39.91640428150164, 1e-11);
    chinacrs_gcj02_to_bd09(116.404, 39.915, &x, &y);
    cr_assert_float_eq(x, 116.41036949371029, 1e-11);
    cr_assert_float_eq(y, 39.92133699351021, 1e-11);
    chinacrs_bd09_to_gcj02(116.404, 39.915, &x, &y);
    cr_assert_float_eq(x, 116.39762729119315, 1e-11);
    cr_assert_float_eq(y, 39.90865673957631, 1e-11);
}

Test(chinacrs, inverse_is_exact_where_the_one_step_inverse_is_off_by_metres)
{
    /* the published one-step inverse of GCJ-02 (116.404, 39.915) */
    const double one_lon = 116.39775550083061, one_lat = 39.91359571849836;
    double x, y, gx, gy;
    chinacrs_gcj02_to_wgs84(116.404, 39.915, &x, &y);
    chinacrs_wgs84_to_gcj02(x, y, &gx, &gy);
    cr_assert_lt(metres(gx, gy, 116.404, 39.915), 0.001, "round trip off");
    double off = metres(x, y, one_lon, one_lat);
    cr_assert(off > 0.01 && off < 3, "one-step inverse %.3f m away", off);
}

Test(chinacrs, round_trips_over_zhejiang_stay_below_a_millimetre)
{
    double worst_gcj = 0, worst_bd = 0, worst_one = 0, biggest = 0;
    for (int i = 0; i <= 20; i++)
        for (int j = 0; j <= 20; j++) {
            double lon = 118.0 + 0.2 * i, lat = 27.0 + 0.15 * j, g[2], b[2], w[2], o[2];
            chinacrs_wgs84_to_gcj02(lon, lat, &g[0], &g[1]);
            chinacrs_gcj02_to_bd09(g[0], g[1], &b[0], &b[1]);
            biggest = fmax(biggest, metres(lon, lat, b[0], b[1]));
            chinacrs_to_wgs84(CHINACRS_GCJ02, g[0], g[1], &w[0], &w[1]);
            worst_gcj = fmax(worst_gcj, metres(lon, lat, w[0], w[1]));
            chinacrs_to_wgs84(CHINACRS_BD09, b[0], b[1], &w[0], &w[1]);
            worst_bd = fmax(worst_bd, metres(lon, lat, w[0], w[1]));
            /* one-step inverse: subtract the shift computed at the GCJ-02 point */
            chinacrs_wgs84_to_gcj02(g[0], g[1], &o[0], &o[1]);
            worst_one = fmax(worst_one, metres(lon, lat, 2 * g[0] - o[0], 2 * g[1] - o[1]));
        }
    cr_assert_lt(worst_gcj, 0.001);
    cr_assert_lt(worst_bd, 0.001);
    cr_assert(worst_one > 1 && worst_one < 3, "one-step inverse worst %.2f m", worst_one);
    cr_assert(biggest > 300 && biggest < 1500, "BD-09 lies %.0f m from WGS84", biggest);
}

Test(chinacrs, outside_china_gcj02_is_wgs84)
{
    double x, y;
    chinacrs_wgs84_to_gcj02(11.5, 50.0, &x, &y);
    cr_assert(x == 11.5 && y == 50.0);
    chinacrs_to_wgs84(CHINACRS_GCJ02, 11.5, 50.0, &x, &y);
    cr_assert(x == 11.5 && y == 50.0);
    cr_assert(chinacrs_outside_china(139.7, 35.7)); /* Tokyo */
    cr_assert(!chinacrs_outside_china(121.4, 28.6));
}

Test(chinacrs, names_parse_in_their_usual_spellings)
{
    chinacrs c = CHINACRS_WGS84;
    cr_assert(chinacrs_parse("GCJ-02", &c) && c == CHINACRS_GCJ02);
    cr_assert(chinacrs_parse("bd09", &c) && c == CHINACRS_BD09);
    cr_assert(chinacrs_parse("WGS 84", &c) && c == CHINACRS_WGS84);
    cr_assert(chinacrs_parse("高德", &c) && c == CHINACRS_GCJ02);
    cr_assert(chinacrs_parse("百度", &c) && c == CHINACRS_BD09);
    cr_assert(chinacrs_parse("Amap", &c) && c == CHINACRS_GCJ02);
    cr_assert_not(chinacrs_parse("gcj03", &c));
    cr_assert_not(chinacrs_parse("", &c));
    cr_assert_not(chinacrs_parse("wgs84wgs84wgs84wgs84wgs84wgs84wgs84", &c));
    cr_assert_str_eq(chinacrs_name(CHINACRS_BD09), "BD-09");
}
