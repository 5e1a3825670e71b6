/* geo.h — coordinate projection (the only door to PROJ): WGS84 lon/lat to a metric CRS and
 * back, with the CRS chosen automatically (CGCS2000 3° Gauss–Krüger in China, UTM elsewhere).
 * SPDX-License-Identifier: MIT */
#ifndef MAPS_GEO_H
#define MAPS_GEO_H

#include <stddef.h>

#include "util/err.h"

typedef struct geo geo;

/* The metric CRS for data centred at (lon, lat), written to buf as "EPSG:n": inside China's
 * bounding box the CGCS2000 3-degree Gauss–Krüger "CM" zone of the nearest central meridian
 * (EPSG:4534 = CM 75E .. EPSG:4554 = CM 135E; Taizhou 121.4E → EPSG:4549), elsewhere the
 * WGS84 UTM zone (EPSG:326zz north, 327zz south). */
void geo_auto_crs(double lon, double lat, char *buf, size_t size);

/* Checks that crs ("EPSG:4549", a PROJ string with +type=crs, ...) names a projected CRS whose
 * axes are in metres, following a bound or compound CRS to its horizontal part: a geographic
 * CRS (EPSG:4326, degrees), a geocentric one or axes in feet would give wrong distances.
 * ERR_USAGE with the reason ("unknown CRS", "EPSG:4326 (WGS 84) is a geographic CRS in
 * degrees, not a projected CRS in metres", ...), which callers prefix with where crs came
 * from; ERR_PROJ if PROJ cannot start. */
err_code geo_check_crs(const char *crs, err *e);

/* A transformation from WGS84 lon/lat to crs (anything geo_check_crs accepts; NULL =
 * geo_auto_crs(center_lon, center_lat)). Owns its PJ_CONTEXT. Caller frees. Returns NULL and
 * fills e: ERR_USAGE when geo_check_crs refuses crs, ERR_PROJ when PROJ fails. */
geo *geo_new(const char *crs, double center_lon, double center_lat, err *e);

/* A lon/lat box (degrees, minlon <= maxlon: boxes across the antimeridian are not handled). */
typedef struct geo_box {
    double minlon, minlat, maxlon, maxlat;
} geo_box;

/* Checks that g's CRS suits box b, named `what` in messages ("the points"): its area of use,
 * when PROJ knows one, covers b (to GEO_AREA_SLACK_DEG), and its scale error, measured at b's
 * corners and centre, is at most GEO_MAX_SCALE_ERROR. So EPSG:32650 (UTM 50N, 114..120E) is
 * refused for a county at 121E, and EPSG:3857 (Web Mercator, 13% too long at 28N) anywhere
 * in China. ERR_USAGE with the reason, ERR_PROJ if a point of b cannot be projected. */
err_code geo_check_area(geo *g, const geo_box *b, const char *what, err *e);
#define GEO_AREA_SLACK_DEG 0.01 /* the area-of-use bounds of the EPSG database have 2 decimals */
#define GEO_MAX_SCALE_ERROR 0.01

/* Largest |scale - 1| of g's projection at b's corners and centre, east-west and north-south,
 * against the WGS84 ellipsoid; *at_lon, *at_lat (may be NULL) get where. A projection made
 * for the area stays below 0.001; the automatic CRS on an area much wider than its zone does
 * not. ERR_PROJ if a point of b cannot be projected. */
err_code geo_scale_error(geo *g, const geo_box *b, double *error, double *at_lon, double *at_lat,
                         err *e);
void geo_free(geo *g);

/* The CRS in use ("EPSG:4549"), valid while g lives. */
const char *geo_crs(const geo *g);

/* Projects n points: x[i], y[i] in metres (east, north). NaN input gives NaN output.
 * ERR_PROJ if PROJ fails on a finite point. Arrays may not alias. */
err_code geo_forward(geo *g, size_t n, const double *lon, const double *lat, double *x, double *y,
                     err *e);

/* The inverse of geo_forward. ERR_PROJ on failure. */
err_code geo_inverse(geo *g, size_t n, const double *x, const double *y, double *lon, double *lat,
                     err *e);

/* Version of the PROJ library linked in ("9.1.1"). */
const char *geo_proj_version(void);

#endif
