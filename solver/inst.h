/* inst.h — the problem as the search sees it (internal to solver/; the algorithm is described
 * in solve.h): route slots (one per day and vehicle available that day), the stops to serve
 * with their usable patterns, the price of leaving a stop out, and each stop's nearest stops.
 * Built once per run and read-only afterwards, so every part of the search shares one.
 * The struct is open, not opaque (STYLE §3): its arrays are read in the innermost loops of
 * the insertion and the moves, where a getter call per entry would cost.
 * SPDX-License-Identifier: MIT */
#ifndef SOLVER_INST_H
#define SOLVER_INST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "solver/vrp.h"

#define INST_NONE UINT32_MAX    /* "no route", "no stop", "no day" in the search's arrays */
#define INST_MAX_NEIGHBOURS 100 /* length of each stop's nearest-stop list */

typedef struct inst {
    const vrp_problem *p; /* borrowed; outlives the inst */
    uint32_t nn;          /* nodes: depots + stops (p->n_nodes) */
    uint32_t nd;          /* days of the period (p->n_days) */
    uint32_t nr;          /* route slots: sum over days of the vehicles available that day */
    const int32_t *D, *T; /* p->dist, p->time: [nn * nn] row-major, VRP_UNREACHABLE = none */
    bool any_unreachable; /* some entry of D or T is VRP_UNREACHABLE (else checks are skipped) */
    bool windows;         /* some stop has a window (vrp_has_windows): vehicle starts matter */
    bool timing;          /* windows, or a stop whose pickup exceeds its demand: a route's
                             waiting and feasibility come from vrp_timeline (sol_route.wait,
                             .bad); else they are the plain sums and the fast paths apply
                             (pickups no larger than their stop's demand never raise the load
                             above what the van leaves with, which the capacity test holds) */
    uint32_t *day_first;  /* [nd + 1] slots of day d are day_first[d] .. day_first[d+1]-1 */
    uint32_t *r_day;      /* [nr] day of each slot */
    uint32_t *r_veh;      /* [nr] vehicle of each slot; slots of a day in vehicle order */
    uint32_t *stops;      /* [n_stops] stops to serve: freq > 0 and vrp_stop_reason 0 */
    uint32_t n_stops;     /* stops to serve; the others stay unserved (pattern 0) */
    uint32_t **pats;      /* [nn] usable patterns (vrp_pattern_valid) of each stop to serve */
    uint32_t *n_pats;     /* [nn] their number; 0 for depots and stops left out */
    int64_t *penalty;     /* [nn] cost units charged while a stop to serve is unserved:
                             above what any pattern of it can cost, so serving always pays */
    int64_t *far;         /* [nn] shortest depot round-trip distance of each stop (distance
                             units), for the "farthest / closest first" recreate orders */
    uint32_t K;           /* entries per nearest-stop list: min(n_stops, MAX_NEIGHBOURS) */
    uint32_t *nbr;        /* [nn * K] nearest stops of each stop to serve by symmetric
                             distance, the stop itself first, ties by id */
} inst;

/* Builds the search's view of p (borrowed: kept by the inst). Never NULL; free with
 * inst_free. */
inst *inst_new(const vrp_problem *p);

/* Frees I; NULL is a no-op. */
void inst_free(inst *I);

/* Distance and time from node a to node b. */
static inline int32_t inst_dist(const inst *I, uint32_t a, uint32_t b)
{
    return I->D[(size_t)a * I->nn + b];
}

static inline int32_t inst_time(const inst *I, uint32_t a, uint32_t b)
{
    return I->T[(size_t)a * I->nn + b];
}

/* Demand of stop c's visit on day d when its pattern is `mask` (vrp_visit_demand). */
static inline int32_t inst_demand(const inst *I, uint32_t c, uint32_t mask, uint32_t d)
{
    return vrp_visit_demand(&I->p->nodes[c], I->nd, mask, d);
}

/* The vehicle of slot ri and its depot. */
static inline const vrp_vehicle *inst_vehicle(const inst *I, uint32_t ri)
{
    return &I->p->vehicles[I->r_veh[ri]];
}

static inline uint32_t inst_depot(const inst *I, uint32_t ri)
{
    return I->p->vehicles[I->r_veh[ri]].depot;
}

/* Cost of slot ri's route if it had `len` stops, distance dist and time time (0 when empty:
 * an unused vehicle-day costs nothing). */
static inline int64_t inst_cost(const inst *I, uint32_t ri, uint32_t len, int64_t dist,
                                int64_t time)
{
    if (!len)
        return 0;
    const vrp_vehicle *v = inst_vehicle(I, ri);
    return v->fixed_cost + v->cost_per_dist * dist + v->cost_per_time * time;
}

/* True when distance dist and time time are within slot ri's vehicle's limits. */
static inline bool inst_within(const inst *I, uint32_t ri, int64_t dist, int64_t time)
{
    const vrp_vehicle *v = inst_vehicle(I, ri);
    return (v->max_duration <= 0 || time <= v->max_duration) &&
           (v->max_distance <= 0 || dist <= v->max_distance);
}

/* True when one of the four matrix entries is VRP_UNREACHABLE. */
static inline bool inst_unreachable(int32_t a, int32_t b, int32_t c, int32_t d)
{
    return a == VRP_UNREACHABLE || b == VRP_UNREACHABLE || c == VRP_UNREACHABLE ||
           d == VRP_UNREACHABLE;
}

#endif
