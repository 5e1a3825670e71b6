/* geocode.h — coordinates for scenario stops from OSM place names: each stop without a point
 * (or every stop) is matched by name to place nodes (name, name:zh), tolerant of suffixes
 * such as 村/村委会/居委会/社区/镇/乡/街道, preferring places near the stop's township point
 * and never taking one far outside the county. The result is written as a new stops file.
 * SPDX-License-Identifier: MIT */
#ifndef IO_SCENARIO_GEOCODE_H
#define IO_SCENARIO_GEOCODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io/scenario/scenario.h"
#include "util/err.h"

/* A named place (borrowed strings; maps/roads.h roads_place has the same fields). */
typedef struct geocode_place {
    const char *name;    /* name tag, "" if none */
    const char *name_zh; /* name:zh tag, "" if none */
    const char *place;   /* "village", "hamlet", "town", ... */
    double lon, lat;     /* WGS84 */
} geocode_place;

typedef struct geocode_params {
    bool all;                 /* also re-place stops that have coordinates */
    double township_radius_m; /* a match must lie this close to the stop's township point */
    double county_radius_m;   /* ... or, without one, to the centre of the known points */
    double clear_ratio;       /* the nearest of several is taken when the next is this many
                                 times farther; else the match is "ambiguous" */
} geocode_params;

/* all = false, township_radius_m = 15000, county_radius_m = 60000, clear_ratio = 2. */
void geocode_params_init(geocode_params *p);

typedef enum geocode_quality {
    GEOCODE_KEPT,       /* had coordinates and was left alone */
    GEOCODE_EXACT,      /* one place with exactly the stop's name */
    GEOCODE_NORMALISED, /* one place whose name equals after dropping suffixes (村委会 → 村 ...) */
    GEOCODE_NEAREST,   /* several places of that name; the nearest to the reference is clear */
    GEOCODE_AMBIGUOUS, /* several at similar distances: the nearest is written, review it */
    GEOCODE_TOO_FAR,   /* places of that name exist, but none near the township/county */
    GEOCODE_NOT_FOUND  /* no place of that name */
} geocode_quality;

typedef struct geocode_result {
    geocode_quality quality;
    double lon, lat;       /* the point found (or kept); valid unless TOO_FAR/NOT_FOUND */
    size_t place;          /* index of the place used, SIZE_MAX if none */
    uint32_t n_candidates; /* places with a matching name */
    double ref_dist_m;     /* distance of the point from the reference, -1 if no reference */
    bool ref_township;     /* the reference was the stop's township point (else the county) */
} geocode_result;

/* Short name written to the stops file's geocode column: "exact", "normalised", "nearest",
 * "ambiguous", "too-far", "not-found", "kept". */
const char *geocode_quality_name(geocode_quality q);

/* Name reduced for comparison: blanks dropped, ASCII lower-cased, and administrative suffixes
 * (村民委员会, 村委会, 居委会, 社区, 街道办事处, 街道, 行政村, 自然村, 村, 镇, 乡) removed
 * repeatedly while something remains. Writes a NUL-terminated string to buf. */
void geocode_normalise(const char *name, char *buf, size_t size);

/* Matches the stops of sc against places; res has sc->n_stops entries. Townships are placed
 * first so villages can use their points as reference. Never fails on data (always ERR_OK);
 * returns ERR_USAGE for invalid params. */
err_code geocode_run(const scenario *sc, const geocode_place *places, size_t n_places,
                     const geocode_params *p, geocode_result *res, err *e);

/* Writes sc's stops file again to out_path with every original column and row kept, lon/lat
 * set from res (for EXACT..AMBIGUOUS) and a geocode column (added if missing) holding the
 * quality. Atomic: a temporary file in the same folder renamed at the end. ERR_IO, ERR_PARSE
 * (the stops file changed since sc was read). */
err_code geocode_write(const scenario *sc, const geocode_result *res, const char *out_path, err *e);

/* What geocode_write_points writes for one stop. */
typedef struct geocode_point {
    bool set;         /* write lon/lat (else the row's own, possibly empty, are kept) */
    double lon, lat;  /* WGS84, written with 6 decimals */
    const char *note; /* the geocode column's text; NULL keeps the row's own */
} geocode_point;

/* Like geocode_write with one point per stop of sc (pts has sc->n_stops entries): the same
 * columns, rows, BOM and line ends as the stops file sc was read from, lon/lat and geocode
 * replaced where pts says so. Every point written is WGS84: a kept point the scenario gave in
 * GCJ-02 or BD-09 is written converted, and a row with a new or converted point gets 'wgs84' in
 * the crs column (added at the end when the file has none and settings.ini's [scenario] crs is
 * not WGS84). ERR_IO, ERR_PARSE (the stops file changed since sc was read). */
err_code geocode_write_points(const scenario *sc, const geocode_point *pts, const char *out_path,
                              err *e);

#endif
