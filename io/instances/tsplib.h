/* tsplib.h — TSPLIB CVRP instances (Augerat, Christofides–Eilon; NODE_COORD_SECTION,
 * DEMAND_SECTION, DEPOT_SECTION, CAPACITY, EUC_2D) and CVRPLIB ".sol" solutions
 * ("Route #1: 3 5 ...", "Cost 784").
 * SPDX-License-Identifier: MIT */
#ifndef IO_INSTANCES_TSPLIB_H
#define IO_INSTANCES_TSPLIB_H

#include <stdint.h>
#include <stdio.h>

#include "solver/vrp.h"
#include "util/err.h"

/* A loaded CVRP instance: raw data plus a one-day vrp_problem. Plain read-only data record;
 * create with tsplib_load, release with tsplib_free.
 * Node order of the vrp_problem: the depot is node 0, then the other TSPLIB nodes in file
 * order, so with the usual depot = node 1, vrp node i = TSPLIB node i+1 = CVRPLIB ".sol"
 * customer i. Distances are TSPLIB EUC_2D: Euclidean rounded to the nearest integer
 * (nint(x) = (int)(x + 0.5)); time = distance; no service time; no duration limit.
 * Every customer is visited once: freq 1, one pattern {day 0}. */
typedef struct tsplib_instance {
    char *name;          /* NAME, owned */
    uint32_t dimension;  /* DIMENSION: nodes including the depot */
    int32_t capacity;    /* CAPACITY */
    uint32_t depot;      /* TSPLIB id (1-based) of the depot */
    uint32_t k;          /* "-kN" of the name: in CVRPLIB the minimum number of routes (the
                            fleet is unlimited), kept as information; 0 if the name has none */
    double *x, *y;       /* [dimension] coordinates in vrp node order */
    int32_t *demand;     /* [dimension] in vrp node order, 0 for the depot */
    uint32_t *tsplib_id; /* [dimension] TSPLIB id of vrp node i */
    vrp_problem problem; /* one day; fleet: see tsplib_load */
    vrp_node *nodes;     /* owned storage behind problem */
    vrp_vehicle *vehicles;
    int32_t *dist;         /* [dimension^2] EUC_2D, also used as time */
    uint32_t pattern_day0; /* the single pattern {day 0} all customers point to */
} tsplib_instance;

/* Reads a TSPLIB CVRP file. n_vehicles sets the fleet (identical vehicles of capacity
 * CAPACITY): 0 = no limit, as CVRPLIB reads its instances (the "-kN" of a name is the least
 * number of routes, and the best solution may need more): floor(2 * total demand / CAPACITY)
 * + 2 vehicles (at least k, at most dimension-1), more than a best solution can use when the
 * distances obey the triangle inequality (see tsplib.c).
 * Returns NULL and fills e: ERR_IO, ERR_PARSE ("FILE:LINE: field 'DEMAND_SECTION': expected
 * ..., got '...'"; missing section or keyword, EDGE_WEIGHT_TYPE other than EUC_2D, node id out
 * of range or repeated, more than one depot, truncated file). Caller owns the result. */
tsplib_instance *tsplib_load(const char *path, uint32_t n_vehicles, err *e);

/* Frees the instance; NULL is a no-op. */
void tsplib_free(tsplib_instance *ti);

/* A CVRPLIB ".sol" file as written: routes of customer numbers (1-based, depot excluded). */
typedef struct tsplib_sol {
    size_t n_routes;
    uint32_t *n_stops; /* [n_routes] */
    uint32_t **stops;  /* [n_routes][n_stops[r]] customer numbers as written */
    size_t *line;      /* [n_routes] line in the file */
    bool has_cost;     /* a "Cost X" line was present */
    double cost;       /* stated cost */
    char *path;        /* owned copy, for messages */
} tsplib_sol;

/* Reads a ".sol". NULL + ERR_IO / ERR_PARSE. Caller owns the result. */
tsplib_sol *tsplib_sol_load(const char *path, err *e);

/* Frees a ".sol"; NULL is a no-op. */
void tsplib_sol_free(tsplib_sol *s);

/* Builds a vrp_solution for ti (caller owns): route r gets vehicle r modulo the fleet (so more
 * routes than vehicles shows up to the checker), day 0, load/distance/duration/cost from
 * ti->problem; pattern = 1 for visited customers. ERR_PARSE (FILE:LINE) for a customer number
 * outside 1..dimension-1. */
err_code tsplib_sol_to_solution(const tsplib_instance *ti, const tsplib_sol *s, vrp_solution **out,
                                err *e);

/* Total EUC_2D cost of a solution of ti. */
int64_t tsplib_solution_cost(const tsplib_instance *ti, const vrp_solution *s);

/* Writes s in ".sol" format ("Route #1: ...", "Cost N") to f, or atomically to path. */
void tsplib_sol_fprint(const tsplib_instance *ti, const vrp_solution *s, FILE *f);
err_code tsplib_sol_write(const tsplib_instance *ti, const vrp_solution *s, const char *path,
                          err *e);

#endif
