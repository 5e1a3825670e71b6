/* test_geo.c — maps/geo.c: CRS choice and projection round trips.
 * SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <math.h>

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
    cr_assert_eq(e.code, ERR_PROJ);
    geo_free(NULL);
}
