/* buses.h — the scenario's bus lines that may carry parcels (客运班车代运), read from the optional
 * buses.csv of a scenario folder: each line's ordered stops, its runs (days and departures from
 * the first stop), the travel minutes between stops (or the road network's), the parcels one
 * run may carry, its fees, its loading point and loading deadline. Format in
 * scenarios/README.md. Reading validates everything: any mistake is ERR_PARSE naming file, line
 * and column, never a half-read file. SPDX-License-Identifier: MIT */
#ifndef IO_SCENARIO_BUSES_H
#define IO_SCENARIO_BUSES_H

#include <stddef.h>
#include <stdint.h>

#include "io/scenario/scenario.h"
#include "util/err.h"

#define BUSES_FILE "buses.csv"
#define BUSES_MAX_LINES 500     /* bus lines in one scenario */
#define BUSES_MAX_STOPS 100     /* stops of one line */
#define BUSES_MAX_DEPARTURES 24 /* runs of one line per day */
#define BUSES_NONE ((size_t)-1) /* "not a stop of stops.csv" */

/* One stop of a line, in the order the bus calls. */
typedef struct buses_stop {
    size_t stop;     /* index into the scenario's stops, or BUSES_NONE for a point given by
                        name and coordinates (a bus station, a junction: no parcels there) */
    char *name;      /* the scenario stop's name, or the row's */
    double lon, lat; /* WGS84 degrees (the scenario stop's point when stop != BUSES_NONE) */
    int32_t leg_s;   /* seconds from the previous stop as given in 'minutes'; -1 = from the
                        road network; 0 for the first stop */
    size_t line;     /* line of its row in buses.csv */
} buses_stop;

/* One bus line. Its runs are every (day in days, departure in departures). */
typedef struct buses_line {
    char *id;              /* the line's name as written ("K101 县城—青坪") */
    size_t n_stops;        /* >= 2 */
    buses_stop *stops;     /* [n_stops] */
    uint32_t days;         /* mask of scenario days the line runs */
    size_t n_departures;   /* runs per day, 1..BUSES_MAX_DEPARTURES */
    int32_t *departures;   /* [n_departures] seconds after midnight at the first stop, ascending */
    int32_t capacity;      /* parcels one run may carry */
    double fee_per_parcel; /* currency per parcel carried */
    double fee_per_bag;    /* currency per bag: one bag per stop a run drops parcels at */
    size_t loading;        /* index of the depot (stops.csv) where parcels are handed to the bus */
    int32_t deadline_s;    /* latest time, seconds after midnight, parcels must be there: a run
                              departing before it cannot take any */
    size_t line;           /* line of the line's first row in buses.csv */
} buses_line;

/* The file read. Owns everything. */
typedef struct buses {
    char *path; /* the file read */
    size_t n_lines;
    buses_line *lines; /* [n_lines] in file order */
} buses;

/* Reads SC's folder's buses.csv, checked against the scenario sc (borrowed: its stops, depots and
 * days). *out gets a new table (free with buses_free), or NULL when the folder has no
 * buses.csv. Returns ERR_OK; ERR_IO when the file cannot be read; ERR_PARSE for any mistake,
 * "buses.csv:7: column 'stop': unknown stop 'v99' (not in stops.csv)". On error *out = NULL. */
err_code buses_load(const scenario *sc, buses **out, err *e);

/* Same for a given file path. */
err_code buses_load_path(const scenario *sc, const char *path, buses **out, err *e);

/* Frees b; NULL is a no-op. */
void buses_free(buses *b);

/* Number of runs of all lines in the week. */
size_t buses_n_runs(const buses *b);

#endif
