/* synthcounty.h — a real scenario moved onto synthetic roads (`jincun synth county --from`):
 * the stops without coordinates get points (townships from a file of township seats or spread
 * over the county's extent, villages around their township's seat, all from the seed), and
 * the scenario is written again for a synthetic map, labelled so that no plan of it is taken
 * for one on real roads. The roads themselves are maps/synth.h (synth_region).
 * SPDX-License-Identifier: MIT */
#ifndef IO_SCENARIO_SYNTHCOUNTY_H
#define IO_SCENARIO_SYNTHCOUNTY_H

#include <stddef.h>
#include <stdint.h>

#include "io/scenario/scenario.h"
#include "util/err.h"

/* Put in front of the scenario's name, so every summary and map page says it. */
#define SYNTHCOUNTY_LABEL "SYNTHETIC ROADS 合成路网"

/* The geocode column of a stop placed from the seed. */
#define SYNTHCOUNTY_NOTE "synthetic"

typedef enum synthcounty_origin {
    SYNTHCOUNTY_GIVEN,  /* stops.csv had the point: kept */
    SYNTHCOUNTY_FILE,   /* a township seat from the township points file */
    SYNTHCOUNTY_PLACED, /* placed from the seed: synthetic */
} synthcounty_origin;

typedef struct synthcounty_point {
    double lon, lat; /* WGS84 degrees; placed points are rounded to 1e-6 degree */
    synthcounty_origin origin;
} synthcounty_point;

typedef struct synthcounty_params {
    uint64_t seed;               /* default 1 */
    const char *township_points; /* CSV of township seats or NULL (columns: street_code or
                                    code, street_name or name, lon_wgs84 or lon, lat_wgs84 or
                                    lat); used for townships without a point */
    double village_min_m;        /* a placed village lies at least this far from its township's
                                    seat (default 300) */
    double village_max_m;        /* ... and at most this far (default 5000), less when another
                                    seat is near: 0.6 x the distance to it, at least 1500 */
    double spacing_m;            /* a placed stop keeps this far from every other stop
                                    (default 250) */
    double township_apart_m;     /* a placed township keeps this far from other seats
                                    (default 4000) */
} synthcounty_params;

void synthcounty_params_init(synthcounty_params *p);

typedef struct synthcounty_stats {
    size_t given;               /* stops with a point in stops.csv */
    size_t from_file;           /* townships whose seat came from the township points file */
    size_t townships_placed;    /* townships placed in the county's extent */
    size_t villages_placed;     /* villages placed around their township's seat */
    size_t villages_loose;      /* villages whose township is no row of stops.csv: placed
                                   anywhere in the extent */
    size_t depots_placed;       /* depots placed at their township's seat (or the centre) */
    double width_km, height_km; /* extent of all points */
} synthcounty_stats;

/* Gives every stop of sc a point: pts[i] for sc->stops[i] (pts has sc->n_stops entries).
 * Stops with lon/lat keep them. Townships without: the township points file (matched by the
 * first 9 digits of the NBS code, else by name), else placed uniformly in the extent of the
 * known points (grown to at least 6 km x sqrt(townships) a side), apart from other seats.
 * Depots without: at their township's seat, else the centre. Villages without: uniformly in a
 * ring around their township's seat, at least spacing_m from every other stop (the ring
 * widens when it is full). Deterministic for a seed. st may be NULL.
 * ERR_PARSE (no stop has a point, so the county's extent is unknown; a bad township points
 * file, with its line), ERR_IO (the file cannot be read), ERR_USAGE (bad params). */
err_code synthcounty_place(const scenario *sc, const synthcounty_params *p, synthcounty_point *pts,
                           synthcounty_stats *st, err *e);

/* Writes the scenario's settings.ini again to out_path for a map named map_file in the same
 * folder: the comment lines before the first section are replaced by a note that the roads
 * are synthetic, [scenario] name gets SYNTHCOUNTY_LABEL in front, map = map_file, map_hint
 * is dropped, a profile is named by its absolute path, and week_start is set to week_start
 * (NULL: the scenario's own, which must then exist). Every other line, comment and line end
 * is kept. Atomic. ERR_USAGE (no week start; a line grown past the 197-byte limit of
 * settings.ini), ERR_IO. */
err_code synthcounty_write_settings(const scenario *sc, const char *map_file,
                                    const char *week_start, const char *out_path, err *e);

/* Writes sc's stops file again to out_path with the points of pts: placed ones with geocode
 * SYNTHCOUNTY_NOTE, those from the township points file with "township points FILE" (its
 * base name), given ones as they were. ERR_IO, ERR_PARSE (stops file changed). */
err_code synthcounty_write_stops(const scenario *sc, const synthcounty_point *pts,
                                 const char *township_points, const char *out_path, err *e);

#endif
