/* vrp.h — the periodic vehicle-routing problem and its solution: the model shared by the
 * heuristics, the GLPK parts, the checker and the callers. Knows nothing of files or maps.
 * Costs and matrix entries are integers (STYLE §2); the caller chooses units and scale.
 * SPDX-License-Identifier: MIT */
#ifndef SOLVER_VRP_H
#define SOLVER_VRP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define VRP_MAX_DAYS 31           /* day masks are uint32_t, bit d = day d (0-based) */
#define VRP_UNREACHABLE INT32_MAX /* matrix entry for "no route" */

/* One location. Nodes 0..n_depots-1 are depots (freq 0); the rest are stops. */
typedef struct vrp_node {
    int32_t demand;           /* per visit, all carriers together (capacity units) */
    const int32_t *demand_by; /* per visit per carrier [n_carriers], or NULL; sums to demand */
    int32_t service;          /* service time per visit (time units) */
    uint32_t freq;            /* visits per period; 0 for depots */
    uint32_t n_patterns;      /* allowed day combinations */
    const uint32_t *patterns; /* [n_patterns] day masks, each with popcount == freq */
} vrp_node;

/* One vehicle; it may work on every day in `days`, one route per day, from and back to its
 * depot. */
typedef struct vrp_vehicle {
    uint32_t depot;        /* node index < n_depots */
    int32_t capacity;      /* capacity units per route */
    int32_t max_duration;  /* travel + service per route, 0 = unlimited */
    int32_t max_distance;  /* per route (range of an electric van), 0 = unlimited */
    uint32_t days;         /* mask of days it is available */
    int64_t fixed_cost;    /* per used vehicle-day */
    int64_t cost_per_dist; /* per distance unit */
    int64_t cost_per_time; /* per time unit of route duration (travel + service) */
} vrp_vehicle;

/* The instance. Borrowed arrays: the caller keeps them alive while the problem is used. */
typedef struct vrp_problem {
    uint32_t n_nodes;      /* depots + stops */
    uint32_t n_depots;     /* >= 1 */
    uint32_t n_days;       /* period length, 1..VRP_MAX_DAYS */
    uint32_t n_carriers;   /* columns of demand_by (0 = not tracked) */
    const vrp_node *nodes; /* [n_nodes] */
    uint32_t n_vehicles;
    const vrp_vehicle *vehicles; /* [n_vehicles] */
    const int32_t *time;         /* [n_nodes * n_nodes] row-major travel time, asymmetric allowed */
    const int32_t *dist;         /* [n_nodes * n_nodes] travel distance */
} vrp_problem;

/* One route: a vehicle on a day visiting stops in order (depot not listed). */
typedef struct vrp_route {
    uint32_t day;     /* 0-based */
    uint32_t vehicle; /* index into problem->vehicles */
    uint32_t n_stops;
    uint32_t *stops;  /* [n_stops] node indices >= n_depots, owned by the solution */
    int32_t load;     /* sum of demand */
    int64_t distance; /* depot → stops → depot */
    int64_t duration; /* travel + service */
    int64_t cost;     /* fixed + per-distance + per-time of this route */
} vrp_route;

/* A plan. Owned by whoever got it from a solver (free with vrp_solution_free). */
typedef struct vrp_solution {
    uint32_t n_nodes;
    uint32_t *pattern; /* [n_nodes] chosen day mask per node, 0 for depots and skipped stops */
    size_t n_routes;
    vrp_route *routes; /* sorted by day, then vehicle */
    int64_t cost;      /* sum of route costs */
} vrp_solution;

/* Frees a solution's arrays and the solution itself; NULL is a no-op. */
void vrp_solution_free(vrp_solution *s);

#endif
