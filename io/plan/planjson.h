/* planjson.h — plan.json: the whole solved plan (io/plan/plan.h) as JSON, written by `jincun plan`
 * and read back by `jincun export`. The schema is documented in docs/plan-json.md.
 * SPDX-License-Identifier: MIT */
#ifndef IO_PLAN_PLANJSON_H
#define IO_PLAN_PLANJSON_H

#include <stdio.h>

#include "io/plan/plan.h"
#include "util/err.h"

#define PLANJSON_FORMAT "jincun-plan" /* value of the top-level "format" member */
#define PLANJSON_VERSION 1            /* value of "version"; readers refuse newer versions */

/* Writes p as JSON to f (borrowed, not closed). Output is deterministic: the same plan gives
 * byte-identical text (fixed member order; coordinates rounded to 7 decimals, other reals to
 * 1 to 4, then printed with at most 15 significant digits). Returns ERR_OK or ERR_IO. */
err_code planjson_dump(const plan *p, FILE *f, err *e);

/* Rounds every real of p to what plan.json keeps of it (coordinates to 7 decimals, snap
 * distances to 0.1 m, a vehicle's costs to 4 decimals, the total cost to 2), so whatever is
 * written from p (GPX, GeoJSON, sheets, the map page, the summary) is what `jincun export`
 * writes from p's plan.json: planjson_parse(planjson_dump(p)) gives back p's reals exactly.
 * `jincun plan` rounds its plan once, before writing anything. */
void planjson_round(plan *p);

/* Writes p to path atomically: a temporary file in the same directory renamed onto path at the
 * end; on failure the temporary file is removed and path is untouched. ERR_IO. */
err_code planjson_write(const plan *p, const char *path, err *e);

/* Reads a plan written by planjson_write. Validates the structure (types, array lengths
 * against n_days/n_carriers, every stop/vehicle/day index in range) and reports the first
 * problem as "PATH: routes[3].visits[1].stop: expected ..., got ...". Returns a new plan that
 * the caller frees with plan_free, or NULL with ERR_IO (unreadable) or ERR_PARSE (bad JSON or
 * schema). */
plan *planjson_read(const char *path, err *e);

/* As planjson_read, from a NUL-terminated string; `name` labels messages. */
plan *planjson_parse(const char *text, const char *name, err *e);

/* The map's roads, simplified, that the plan's map page draws as its background: written by
 * `jincun plan` into the plan folder, so `jincun export` draws the same background without
 * reading the OSM file again. A GeoJSON (RFC 7946) FeatureCollection of one MultiLineString,
 * coordinates with at most 6 decimals (as the map page prints them, so a page drawn from the
 * file is byte-identical to one drawn from the map). */
#define PLANJSON_ROADS_FILE "roads.geojson"

/* Writes n_lines polylines (line k: the points lonlat[2*i], lonlat[2*i+1] for first[k] <= i <
 * first[k+1]) to path atomically. Deterministic. ERR_IO. */
err_code planjson_write_roads(const char *path, const double *lonlat, const size_t *first,
                              size_t n_lines, err *e);

/* Reads a file written by planjson_write_roads (or any GeoJSON whose features are LineStrings
 * and MultiLineStrings) into new arrays in the same layout; the caller frees *lonlat and
 * *first. ERR_IO (unreadable), ERR_PARSE ("PATH: features[0].geometry.coordinates[3][1]:
 * expected [lon, lat], got ..."). */
err_code planjson_read_roads(const char *path, double **lonlat, size_t **first, size_t *n_lines,
                             err *e);

#endif
