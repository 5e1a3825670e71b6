/* cordeau.h — Cordeau's periodic-VRP benchmark format (Cordeau, Gendreau & Laporte 1997,
 * instances p01..p32, pr01..pr10) and its ".res" solution format.
 * Instance: line 1 "type m n t"; t lines "D Q" (max route duration, 0 = none; capacity); the
 * depot "0 x y 0 0 0 0"; customers "i x y d q f a c1 .. ca" (service time, demand per visit,
 * visits per period, number of allowed day combinations, the combinations as integers whose
 * binary digits read from the left mark days 1..t, so day 1 is bit 2^(t-1)).
 * Solution: the cost, then one line per route "day vehicle duration load 0 c1 .. ck 0"
 * (day and vehicle 1-based).
 * SPDX-License-Identifier: MIT */
#ifndef IO_INSTANCES_CORDEAU_H
#define IO_INSTANCES_CORDEAU_H

#include <stdint.h>
#include <stdio.h>

#include "solver/vrp.h"
#include "util/err.h"

/* The integer model scales instance units (Euclidean distance, service time, D) by this
 * factor and rounds each arc to the nearest integer: distance 12.3456 -> 123456. Time equals
 * distance. Costs shown to users are recomputed in double precision from the coordinates
 * (cordeau_route_length, cordeau_solution_cost). */
#define CORDEAU_SCALE 10000

/* A loaded instance: the raw data as in the file plus the vrp_problem built from it. A plain
 * data record (like vrp_problem), read-only for users; create with cordeau_load, release with
 * cordeau_free. Node 0 is the depot, customers are nodes 1..n as numbered in the file. */
typedef struct cordeau_instance {
    uint32_t type;           /* 1 = PVRP (the only type read) */
    uint32_t m;              /* vehicles available on each day */
    uint32_t n;              /* customers */
    uint32_t t;              /* days in the period */
    double *max_duration;    /* [t] D per day (instance units), 0 = none */
    int32_t *capacity;       /* [t] Q per day */
    double *x, *y;           /* [n + 1] coordinates */
    double *service;         /* [n + 1] service time per visit (instance units) */
    int32_t *demand;         /* [n + 1] demand per visit */
    uint32_t *freq;          /* [n + 1] visits per period (0 for the depot) */
    uint32_t *n_patterns;    /* [n + 1] allowed day combinations */
    uint32_t **patterns;     /* [n + 1][n_patterns[i]] as vrp.h day masks (bit d = day d,
                                0-based); patterns[0] is NULL */
    uint32_t *file_patterns; /* all combinations as written in the file, concatenated */
    /* vrp_problem view. Uniform days (same D and Q every day): m vehicles available every day,
     * vehicle v = ".res" vehicle v+1. Otherwise m vehicles per day, each available on one day
     * only: vehicle d*m + v = ".res" vehicle v+1 on day d+1. cost = distance. */
    vrp_problem problem;
    vrp_node *nodes;       /* [n + 1] owned storage behind problem */
    vrp_vehicle *vehicles; /* owned */
    int32_t *dist;         /* [(n+1)^2] owned, scaled; also used as time */
    bool uniform_days;     /* see above */
} cordeau_instance;

/* Reads a Cordeau instance. Returns NULL and fills e: ERR_IO (unreadable), ERR_PARSE
 * ("FILE:LINE: field 'demand': expected ..., got '...'"; truncated file, bad number, type not
 * 1, customer numbered out of order, combination outside 1..2^t-1 or whose popcount is not f,
 * scaled distance overflowing int32). The caller owns the result. */
cordeau_instance *cordeau_load(const char *path, err *e);

/* Frees the instance; NULL is a no-op. */
void cordeau_free(cordeau_instance *ci);

/* Converts a file combination (binary digits from the left = days 1..t) to a vrp.h day mask
 * (bit d = day d, 0-based), and back. */
uint32_t cordeau_mask_from_file(uint32_t comb, uint32_t t);
uint32_t cordeau_mask_to_file(uint32_t mask, uint32_t t);

/* Euclidean length (instance units, double) of depot -> stops[0..k) -> depot. */
double cordeau_route_length(const cordeau_instance *ci, const uint32_t *stops, uint32_t k);

/* Service time (instance units) of the stops of a route. */
double cordeau_route_service(const cordeau_instance *ci, const uint32_t *stops, uint32_t k);

/* Total length of a solution in instance units, recomputed from the coordinates. */
double cordeau_solution_cost(const cordeau_instance *ci, const vrp_solution *s);

/* One route of a ".res" file, as written. */
typedef struct cordeau_res_route {
    uint32_t day;     /* 1-based as in the file */
    uint32_t vehicle; /* 1-based as in the file */
    double duration;  /* as stated */
    double load;      /* as stated */
    uint32_t n_stops; /* customers between the two depot zeros */
    uint32_t *stops;  /* [n_stops] customer numbers */
    size_t line;      /* line in the file, for messages */
} cordeau_res_route;

/* A ".res" solution file, as written (no check against an instance). */
typedef struct cordeau_res {
    double cost; /* stated total cost */
    size_t n_routes;
    cordeau_res_route *routes;
    char *path; /* owned copy, for messages */
} cordeau_res;

/* Reads a ".res" file. NULL + ERR_IO / ERR_PARSE (bad number, route not starting and ending
 * with depot 0, depot inside a route, truncated line). Caller owns the result. */
cordeau_res *cordeau_res_load(const char *path, err *e);

/* Frees a ".res"; NULL is a no-op. */
void cordeau_res_free(cordeau_res *r);

/* Builds a vrp_solution (caller owns, vrp_solution_free) from a ".res" for instance ci:
 * routes sorted by day then vehicle, each route's load/distance/duration/cost computed from
 * ci->problem, pattern[i] = union of the days on which customer i is visited. The 1997 files
 * omit routes of length 0: a customer at the depot's coordinates that no route lists gets a
 * single-stop route on each day of its first allowed pattern whose days have a free vehicle
 * (so the solution has more routes than the file). Vehicle numbers
 * above m are wrapped modulo m (so "too many vehicles on a day" shows up to the checker as a
 * vehicle with two routes and as a day with more routes than vehicles). Returns ERR_PARSE
 * (FILE:LINE) for a day outside 1..t, a vehicle number 0, or a customer outside 1..n. */
err_code cordeau_res_to_solution(const cordeau_instance *ci, const cordeau_res *r,
                                 vrp_solution **out, err *e);

/* Writes s in ".res" format to f: the cost and each route's duration (travel + service)
 * recomputed in double precision from the coordinates, "%.2f"; load as an integer. */
void cordeau_res_fprint(const cordeau_instance *ci, const vrp_solution *s, FILE *f);

/* Same, to path atomically (temporary file + rename). ERR_IO on failure. */
err_code cordeau_res_write(const cordeau_instance *ci, const vrp_solution *s, const char *path,
                           err *e);

#endif
