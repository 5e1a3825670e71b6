/* bus.h — scheduled bus runs as a common carrier beside the own fleet (客运班车代运): on its day
 * a run can drop the parcels of the stops it calls at, at its timetable's arrival time, within
 * its capacity, when its loading deadline can be met, for a fee per parcel and per bag.
 * A visit a bus makes counts toward the stop's frequency like a van's.
 *
 * How the choice is made (bus_solve): assign, then route, as in Chu (2005) for a private fleet
 * beside a common carrier, with the carrier's capacity and timetable (scheduled lines, Ghilas
 * et al. 2016) as constraints.
 *  1. Start from a van-only plan (the caller's vrp_solve): it is always a feasible answer.
 *  2. Assign: every van visit on a day a usable run calls at the stop, within the stop's
 *     opening window when it has one (vrp_node open/close), is a candidate unless the stop
 *     has a pickup (buses do not collect outbound parcels); its gain
 *     is what its van route saves without it (the whole route cost when it is the route's last
 *     stop) minus the run's fee. The candidate of highest gain is moved to the bus while the
 *     run has room, the gains of its route's other visits are recomputed, and so on until no
 *     gain is positive. Only removals touch the van routes, so they stay within every limit of
 *     the van problem.
 *  3. Route: the van problem without the bus visits (each stop keeps the days the buses do not
 *     serve, with every allowed pattern that holds the bus days) is improved by the solver's
 *     local search (vrp_improve). Steps 2 and 3 repeat until step 2 moves nothing (at most
 *     BUS_ROUNDS times).
 *  4. The plan with buses is kept only when vans plus fees cost less than the van-only plan;
 *     else the van-only plan is returned. So buses never make a plan dearer.
 * The local search never sees a bus run: the runs' stop order and times come from the
 * timetable, not from the search.
 * SPDX-License-Identifier: MIT */
#ifndef SOLVER_BUS_H
#define SOLVER_BUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "solver/vrp.h"
#include "util/err.h"

#define BUS_ROUNDS 4 /* assign-and-route rounds of bus_solve */

/* One run of a bus line on one day. Borrowed arrays: the caller keeps them alive. */
typedef struct bus_run {
    uint32_t day;          /* 0-based day of the period */
    uint32_t n_stops;      /* stops where it may drop parcels */
    const uint32_t *stops; /* [n_stops] node indices >= n_depots, in calling order, distinct */
    const int32_t *arrive; /* [n_stops] arrival time at each (time units after midnight) */
    int32_t capacity;      /* demand units one run may carry */
    int64_t fee_per_unit;  /* cost units per demand unit carried */
    int64_t fee_per_drop;  /* cost units per stop it drops at (a bag) */
    int32_t depart;        /* departure from its first stop (time units after midnight) */
    int32_t ready;         /* the parcels are at the loading point from this time */
    int32_t deadline;      /* the latest time they must be there */
} bus_run;

/* True when run b can carry parcels at all: ready <= deadline <= depart. */
bool bus_run_usable(const bus_run *b);

/* Fee of run b dropping `units` demand units at one stop. */
int64_t bus_fee(const bus_run *b, int32_t units);

/* One stop's parcels dropped by a run. */
typedef struct bus_drop {
    uint32_t run;  /* index into the runs */
    uint32_t node; /* stop node */
} bus_drop;

/* A plan with buses: van routes over the full problem's nodes plus the drops. */
typedef struct bus_plan {
    vrp_solution *vans; /* the vans' routes; vans->pattern[i] = the days vans serve stop i */
    uint32_t *pattern;  /* [n_nodes] all days stop i is served, by van or bus */
    size_t n_drops;
    bus_drop *drops;   /* [n_drops] by run, then calling order */
    int64_t fees;      /* sum of the drops' fees */
    int64_t cost;      /* vans->cost + fees */
    int64_t van_only;  /* cost of the van-only plan it started from */
    size_t n_eligible; /* van visits of the van-only plan on a day a usable run calls there */
} bus_plan;

/* Frees bp and what it owns; NULL is a no-op. */
void bus_plan_free(bus_plan *bp);

/* Steps 2-4 above: from van-only plan `vans` (borrowed, a plan of p as vrp_solve writes),
 * chooses the visits the n runs (borrowed) make and writes the plan to *out (caller frees).
 * With no usable run or no gain, *out holds a copy of `vans` and no drop. Deterministic.
 * Returns ERR_OK; ERR_USAGE when `vans` is not a feasible plan of p or a run is malformed (a
 * day outside the period, a node that is a depot or out of range, a stop twice). */
err_code bus_solve(const vrp_problem *p, const bus_run *runs, size_t n, const vrp_solution *vans,
                   bus_plan **out, err *e);

#endif
