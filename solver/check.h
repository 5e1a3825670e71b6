/* check.h — the independent plan checker: recomputes every route from the problem's matrices
 * and lists every rule a solution breaks, in words. Written apart from the search code (it
 * shares no evaluation routine with it) so that a bug in one is caught by the other; the one
 * thing it takes from vrp.h is the definition of the times (vrp_route_timeline: when a van
 * leaves, waits and arrives), whose every visit it then checks against the legs, the service
 * times and the windows on its own.
 * Used by `jincun plan` before writing any output, by `jincun check`, and by solver tests.
 * SPDX-License-Identifier: MIT */
#ifndef SOLVER_CHECK_H
#define SOLVER_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "solver/vrp.h"

/* What rule a violation breaks. */
typedef enum vrp_violation_kind {
    VRP_VIOL_ROUTE,         /* malformed route: day, vehicle or stop index out of range, depot
                               listed as a stop, routes not sorted by day then vehicle */
    VRP_VIOL_AVAILABLE,     /* vehicle used on a day it is not available */
    VRP_VIOL_VEHICLE_DAY,   /* vehicle has more than one route on a day */
    VRP_VIOL_FLEET,         /* more routes on a day than vehicles available that day */
    VRP_VIOL_CAPACITY,      /* route load > vehicle capacity */
    VRP_VIOL_DURATION,      /* travel + waiting + service > vehicle max_duration */
    VRP_VIOL_DISTANCE,      /* route distance > vehicle max_distance */
    VRP_VIOL_UNREACHABLE,   /* route uses an arc marked VRP_UNREACHABLE */
    VRP_VIOL_DUPLICATE,     /* stop visited more than once on one day */
    VRP_VIOL_MISSING,       /* stop never visited (and skipping is not allowed) */
    VRP_VIOL_PATTERN,       /* the days a stop is visited are none of its allowed patterns */
    VRP_VIOL_NOT_A_STOP,    /* a node with freq 0 is visited */
    VRP_VIOL_PATTERN_FIELD, /* solution->pattern[i] disagrees with the routes */
    VRP_VIOL_STORED,        /* a route's or the solution's stored load/distance/duration/cost
                               disagrees with the recomputed value */
    VRP_VIOL_WINDOW,        /* service starts outside the stop's window, or the timeline's
                               times disagree with the legs, the service and the start */
    VRP_VIOL_LOAD_PROFILE   /* with pickups: the load on board exceeds capacity after a stop */
} vrp_violation_kind;

/* One broken rule. Messages number days and vehicles from 1 (as benchmark files and users
 * do: "day 3 vehicle 2" is day index 2, vehicle index 1) and stops by node index. */
typedef struct vrp_violation {
    vrp_violation_kind kind;
    uint32_t day;     /* 0-based day concerned, or UINT32_MAX */
    uint32_t vehicle; /* vehicle index concerned, or UINT32_MAX */
    uint32_t node;    /* node concerned, or UINT32_MAX */
    char msg[200];    /* "day 3 vehicle 2: load 171 > capacity 160" */
} vrp_violation;

/* The checker's findings. Zero-initialise (or vrp_check fills it from scratch), free with
 * vrp_check_report_free. */
typedef struct vrp_check_report {
    size_t n_violations;       /* total found (may exceed the number stored) */
    size_t n_stored;           /* violations[] entries (at most VRP_CHECK_MAX_STORED) */
    vrp_violation *violations; /* [n_stored], owned */
    int64_t cost;              /* recomputed total cost (fixed + distance + time parts, plus
                                  each used vehicle's weekly_cost) */
    int64_t distance;          /* recomputed total distance */
    int64_t duration;          /* recomputed total duration (travel + service) */
    size_t n_used_routes;      /* routes with at least one stop */
} vrp_check_report;

#define VRP_CHECK_MAX_STORED 1000

/* Options of vrp_check_with. */
typedef struct vrp_check_opts {
    bool allow_skipped; /* stops never visited (pattern 0) are not violations (default false) */
    bool check_stored;  /* compare stored route/solution figures with recomputed ones (true) */
} vrp_check_opts;

/* Defaults: skipping not allowed, stored figures checked. */
void vrp_check_opts_init(vrp_check_opts *o);

/* Checks s against p (both borrowed) with default options: every route's load, distance,
 * duration and cost recomputed from p's matrices; capacity, max duration, max distance; at
 * most one route per vehicle per day and at most as many routes per day as vehicles available;
 * vehicle available on the route's day; every stop visited exactly once on each day of exactly
 * one of its allowed patterns, and solution->pattern consistent with the routes; no other node
 * visited. Fills r (previous contents are discarded without freeing: pass a zeroed or freed
 * report). Returns true when there is no violation. */
bool vrp_check(const vrp_problem *p, const vrp_solution *s, vrp_check_report *r);

/* Same with options (o may be NULL for the defaults). */
bool vrp_check_with(const vrp_problem *p, const vrp_solution *s, const vrp_check_opts *o,
                    vrp_check_report *r);

/* Number of violations of one kind in r. */
size_t vrp_check_count(const vrp_check_report *r, vrp_violation_kind kind);

/* Short stable name of a kind ("capacity", "duration", ...). */
const char *vrp_violation_kind_name(vrp_violation_kind kind);

/* Frees r's array and zeroes it; NULL is a no-op. */
void vrp_check_report_free(vrp_check_report *r);

#endif
