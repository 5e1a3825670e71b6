/* export.h — everything a plan is turned into for people: per vehicle and day a GPX itinerary
 * (gpx/<day>-<vehicle>.gpx) and a printable driver sheet (sheets/<day>-<vehicle>.html), in a
 * plan with lines also per line, for all its days (gpx/line-<n>.gpx, sheets/line-<n>.html), the
 * whole plan as GeoJSON (plan.geojson) and as one offline map page (map.html, Leaflet inlined),
 * the timetable of every stop (timetable.csv) and a printable notice per township
 * (timetables/<township>.html). SPDX-License-Identifier: MIT */
#ifndef IO_EXPORT_EXPORT_H
#define IO_EXPORT_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "io/plan/plan.h"
#include "util/err.h"
#include "util/log.h"

#define EXPORT_LEAFLET_DIR "/usr/share/javascript/leaflet" /* Debian libjs-leaflet */

/* Douglas-Peucker tolerance of the map page's background roads (roads_polylines): invisible at
 * county zoom levels, and it keeps map.html a few MB for a whole county. */
#define EXPORT_BACKGROUND_TOLERANCE_M 15.0

typedef struct export_opts {
    bool gpx;                /* write gpx/ (default true) */
    bool geojson;            /* write plan.geojson (default true) */
    bool map;                /* write map.html (default true) */
    bool sheets;             /* write sheets/ (default true) */
    bool timetable;          /* write timetable.csv (default true) */
    bool notices;            /* write timetables/<township>.html (default true) */
    const char *leaflet_dir; /* holds leaflet.js and leaflet.css (default EXPORT_LEAFLET_DIR) */
    /* Background road layer of the map page, as returned by roads_polylines (maps/roads.h):
     * line k has the points road_lonlat[2*i], [2*i+1] for road_first[k] <= i <
     * road_first[k+1]. Borrowed. road_n_lines == 0: no background. */
    const double *road_lonlat;
    const size_t *road_first; /* [road_n_lines + 1] */
    size_t road_n_lines;
    const logger *log; /* warnings and what was written; NULL = silent */
} export_opts;

/* Sets every output on, the Debian Leaflet directory, no background, no logger. */
void export_opts_init(export_opts *o);

/* Checks that a plan's indices and arrays are consistent (stop, vehicle and day indices in
 * range, arrays present where counts say so), so the writers can trust it. ERR_PARSE with
 * what is wrong ("route 3: vehicle 7 of 2"). */
err_code export_check_plan(const plan *p, err *e);

/* Writes the outputs selected in o (NULL = all, defaults) into out_dir, creating out_dir and
 * its gpx/, sheets/ and timetables/ subdirectories as needed, and replacing files of the same
 * names. Meant
 * for a new folder, normally the temporary folder of io/text/outdir.h, whose rules decide
 * what an existing folder may have replaced or removed. Every file is written under a
 * temporary name and renamed into place when complete. Day names, vehicle ids and township
 * names are sanitised into file names (outfmt_file_part); names that collide after sanitising
 * get "-2", "-3"... p
 * and o are borrowed. Returns ERR_PARSE (a plan that fails export_check_plan or plan_check,
 * io/plan/plan.h), ERR_IO (cannot write; Leaflet missing). */
err_code export_plan(const plan *p, const export_opts *o, const char *out_dir, err *e);

/* The names export_plan writes for the outputs selected in o (NULL = all), as shapes of
 * io/text/outdir.h ("plan.geojson", "gpx/" then "*.gpx", ...): fills shapes[] (static
 * strings) and returns how many, at most EXPORT_N_SHAPES. */
#define EXPORT_N_SHAPES 6
size_t export_shapes(const export_opts *o, const char **shapes);

/* File-name stems used by export_plan, for callers that list or link the outputs: fills
 * day_part[d] and vehicle_part[v] (each malloc'd, caller frees each and the arrays) with the
 * sanitised, de-duplicated names. */
void export_file_parts(const plan *p, char ***day_part, char ***vehicle_part);

/* The townships that get a notice, in the order of timetable_entries (io/export/timetable.h),
 * and their file-name stems (sanitised and de-duplicated like export_file_parts): fills
 * *names (borrowed from p or static) and *parts (malloc'd, caller frees each and both arrays)
 * and returns how many. */
size_t export_township_parts(const plan *p, const char ***names, char ***parts);

#endif
