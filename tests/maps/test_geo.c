/* test_geo.c — maps/geo.c: CRS choice and projection round trips.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "maps/geo.h"

Test(geo, auto_crs_picks_gauss_kruger_in_china_and_utm_elsewhere)
{
    char b[32];
    geo_auto_crs(121.4, 28.6, b, sizeof b); /* Taizhou */
    cr_assert_str_eq(b, "EPSG:4549");
    geo_auto_crs(75.2, 39.5, b, sizeof b); /* Kashgar */
    cr_assert_str_eq(b, "EPSG:4534");
    geo_auto_crs(11.5, 50.0, b, sizeof b); /* Bayreuth */
    cr_assert_str_eq(b, "EPSG:32632");
    geo_auto_crs(1.6, 42.5, b, sizeof b); /* Andorra */
    cr_assert_str_eq(b, "EPSG:32631");
    geo_auto_crs(-58.4, -34.6, b, sizeof b); /* Buenos Aires */
    cr_assert_str_eq(b, "EPSG:32721");
}

Test(geo, taizhou_projection_has_its_central_meridian_at_500km)
{
    err e = {0};
    geo *g = geo_new(NULL, 121.4, 28.6, &e);
    cr_assert_not_null(g, "%s", e.msg);
    cr_assert_str_eq(geo_crs(g), "EPSG:4549");
    double lon[2] = {120.0, 121.4}, lat[2] = {28.6, 28.65}, x[2], y[2], lo[2], la[2];
    cr_assert_eq(geo_forward(g, 2, lon, lat, x, y, &e), ERR_OK, "%s", e.msg);
    cr_assert_float_eq(x[0], 500000, 1e-3); /* CM 120E, false easting 500 km, no zone prefix */
    cr_assert_gt(y[0], 3100000);
    cr_assert_lt(y[0], 3200000);
    cr_assert_eq(geo_inverse(g, 2, x, y, lo, la, &e), ERR_OK);
    for (int i = 0; i < 2; i++) {
        cr_assert_float_eq(lo[i], lon[i], 1e-9);
        cr_assert_float_eq(la[i], lat[i], 1e-9);
    }
    geo_free(g);
}

Test(geo, unknown_crs_is_reported)
{
    err e = {0};
    cr_assert_null(geo_new("EPSG:999999", 0, 0, &e));
    cr_assert_eq(e.code, ERR_USAGE);
    cr_assert_str_eq(e.msg, "CRS EPSG:999999: unknown CRS");
    geo_free(NULL);
}

Test(geo, check_crs_accepts_projected_crs_in_metres_only)
{
    static const char *const good[] = {
        "EPSG:4549", "EPSG:32651", "EPSG:4549+5773", /* compound: GK zone + EGM96 height */
        "+proj=utm +zone=51 +datum=WGS84",           /* a PROJ string without +type=crs */
        "+proj=eqc +R=6366197.723675814 +units=m +no_defs +type=crs"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        err e = {0};
        cr_expect_eq(geo_check_crs(good[i], &e), ERR_OK, "%s: %s", good[i], e.msg);
    }
    static const struct {
        const char *crs, *msg;
    } bad[] = {
        {"EPSG:99999", "unknown CRS"},
        {"EPSG:4326", "WGS 84 is a geographic CRS in degrees, not a projected CRS in metres"},
        {"EPSG:4978", "WGS 84 is a geocentric CRS, not a projected CRS in metres"},
        {"EPSG:2263",
         "the axes of NAD83 / New York Long Island (ftUS) are in US survey foot, not metres"},
        {"EPSG:5773", "EGM96 height is not a projected CRS in metres"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err e = {0};
        cr_expect_eq(geo_check_crs(bad[i].crs, &e), ERR_USAGE, "%s accepted", bad[i].crs);
        cr_expect_str_eq(e.msg, bad[i].msg);
    }
}

Test(geo, check_area_refuses_a_crs_made_for_elsewhere)
{
    geo_box county = {121.0, 28.5, 121.4, 28.9};
    err e = {0};
    geo *g = geo_new("EPSG:32651", 0, 0, &e); /* UTM 51N, 120..126E */
    cr_assert_not_null(g, "%s", e.msg);
    cr_expect_eq(geo_check_area(g, &county, "the points", &e), ERR_OK, "%s", e.msg);
    geo_free(g);

    g = geo_new("EPSG:32650", 0, 0, &e); /* UTM 50N, 114..120E */
    cr_assert_not_null(g, "%s", e.msg);
    cr_expect_eq(geo_check_area(g, &county, "the points", &e), ERR_USAGE);
    cr_expect_str_eq(e.msg, "CRS EPSG:32650 (WGS 84 / UTM zone 50N) is made for lon "
                            "114.00..120.00, lat 0.00..84.00, which does not cover the points "
                            "(lon 121.0000..121.4000, lat 28.5000..28.9000)");
    geo_free(g);

    g = geo_new("EPSG:3857", 0, 0, &e); /* Web Mercator: world-wide, but 1/cos(lat) too long */
    cr_assert_not_null(g, "%s", e.msg);
    cr_expect_eq(geo_check_area(g, &county, "the points", &e), ERR_USAGE);
    cr_expect(strstr(e.msg, "distorts distances at the points by 14."), "%s", e.msg);
    geo_free(g);
}

Test(geo, scale_error_is_small_inside_the_zone_and_large_far_from_it)
{
    err e = {0};
    geo *g = geo_new(NULL, 121.2, 28.7, &e);
    cr_assert_not_null(g, "%s", e.msg);
    geo_box county = {121.0, 28.5, 121.4, 28.9};
    double worst = -1, lon = 0, lat = 0;
    cr_assert_eq(geo_scale_error(g, &county, &worst, &lon, &lat, &e), ERR_OK, "%s", e.msg);
    cr_expect_lt(worst, 3e-4, "GK CM 120E within 1.4 degrees: %g", worst);
    /* Transverse Mercator at 10 degrees from its central meridian: k = 1 + (dx/R)^2/2 */
    geo_box far = {130.0, 28.5, 130.0, 28.5};
    cr_assert_eq(geo_scale_error(g, &far, &worst, &lon, &lat, &e), ERR_OK, "%s", e.msg);
    cr_expect_gt(worst, 0.01, "%g", worst);
    cr_expect_float_eq(lon, 130.0, 1e-12);
    geo_free(g);
}
