/* geojson.h — the whole plan as an RFC 7946 FeatureCollection: a LineString per route along
 * the roads (day, vehicle, km, minutes, parcels) and a Point per stop (name, kind, days
 * served). SPDX-License-Identifier: MIT */
#ifndef IO_EXPORT_GEOJSON_H
#define IO_EXPORT_GEOJSON_H

#include <stdio.h>

#include "io/plan/plan.h"
#include "util/err.h"

/* Writes the FeatureCollection to f (no trailing newline); the map page embeds the same text.
 * Route features come first, in plan order, then one feature per stop. Coordinates are WGS84
 * lon/lat with at most 6 decimals. The plan must have passed export_check_plan. */
void geojson_write_features(FILE *f, const plan *p);

/* Writes the FeatureCollection to path atomically. Returns ERR_IO. */
err_code geojson_write(const plan *p, const char *path, err *e);

#endif
