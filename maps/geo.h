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

/* A transformation from WGS84 lon/lat to crs ("EPSG:4549", or anything PROJ accepts; NULL =
 * geo_auto_crs(center_lon, center_lat)). Owns its PJ_CONTEXT. Caller frees. Returns NULL and
 * fills e (ERR_PROJ) when PROJ does not know the CRS. */
geo *geo_new(const char *crs, double center_lon, double center_lat, err *e);
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
