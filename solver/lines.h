/* lines.h — lines mode (定线): the periodic problem solved as fixed lines. A line is one vehicle
 * running the same stops in the same order, leaving its depot at the same time, on every day of
 * a day-set (e.g. mon+wed+fri); so a stop on one line gets the same vehicle and the same arrival
 * time on all its days.
 *
 * Method (a transformation around vrp_solve, which is left as it is):
 * 1. The period's days are partitioned into day-sets (vrp_lines_day_sets: for 6 days and 3
 *    visits, mon+wed+fri and tue+thu+sat). Each stop's line pattern is the smallest union of
 *    day-sets that holds one of its allowed patterns (a 3x village: one day-set; a 5x or 6x
 *    township: both, so a 5x township is served 6x).
 * 2. A reduced periodic problem whose "days" are the day-sets is solved by vrp_solve: a route
 *    on day-set S is a line and counts |S| times in the cost (each vehicle becomes one copy per
 *    day-set it works on all days of, its costs times |S|); a vehicle runs one line per
 *    day-set. GLPK's pattern balancing and set partitioning work on the reduced problem.
 *    The reduced problem keeps each stop's opening window, so its routes keep them.
 * 3. Each line leaves when vrp_route_timeline says (its vehicle's start, or later instead of
 *    waiting at its first stop), on the grid of start_step. Stops on several lines
 *    (townships) get arrival times within their tolerance: each line may leave later, as
 *    long as it is back within the shift and reaches every stop before it closes (a system
 *    of difference constraints, solved for the earliest departures; all times come from
 *    vrp_route_timeline_at, waits included); where no departures do, a visit is moved to the
 *    cheapest position on a line of its day-set that makes them possible and keeps every
 *    window and limit of that line. A stop still out of tolerance after that is left out
 *    (pattern 0).
 * 4. The lines are expanded to the real days: the same route on each day of its day-set.
 * SPDX-License-Identifier: MIT */
#ifndef SOLVER_LINES_H
#define SOLVER_LINES_H

#include <stdbool.h>
#include <stdint.h>

#include "solver/vrp.h"
#include "util/err.h"
#include "util/log.h"

/* Options of vrp_solve_lines. Initialise with vrp_lines_params_init. */
typedef struct vrp_lines_params {
    uint32_t n_sets;             /* day-sets, 1..VRP_MAX_DAYS */
    uint32_t sets[VRP_MAX_DAYS]; /* disjoint non-empty day masks covering the period's days */
    const int32_t *max_spread;   /* [n_nodes] largest difference between a stop's arrival
                                    times over its days (time units), < 0 = any; NULL = any */
    const int32_t *start;        /* [n_vehicles] each vehicle's earliest departure (time units
                                    on the day's clock); NULL = 0 */
    int32_t max_delay;           /* latest a line may leave after its vehicle's start when the
                                    vehicle has no max_duration (time units; default 0) */
    int32_t start_step;          /* departures are the vehicle's start plus a multiple of this
                                    (time units, >= 1; default 1, jincun: 60 s) */
    bool same_van;               /* a stop on several lines keeps one vehicle on all of them */
} vrp_lines_params;

/* One line: vehicle, day-set and departure. Its routes are those of vrp_lines.sol whose
 * route_line entry is its index. */
typedef struct vrp_line {
    uint32_t vehicle; /* index into the problem's vehicles */
    uint32_t days;    /* day mask (one of the day-sets) */
    int32_t start;    /* departure from the depot on each of its days (time units): its
                         vehicle's start plus a multiple of start_step (with windows, when
                         neither neighbouring multiple keeps them, the timeline's own) */
} vrp_line;

/* A plan in lines mode. Free with vrp_lines_free. */
typedef struct vrp_lines {
    vrp_solution *sol;    /* on the problem's real days, routes by day then vehicle; a stop's
                             pattern is its line pattern (may hold more days than its freq) */
    uint32_t *route_line; /* [sol->n_routes] line of each route */
    uint32_t n_lines;
    vrp_line *lines;      /* [n_lines] sorted by vehicle, then first day */
    uint32_t n_unaligned; /* stops left out because no lines reached them within max_spread */
    uint32_t *unaligned;  /* [n_unaligned] their nodes, ascending */
    int64_t moved_cost;   /* cost added by moving visits to align arrival times */
    uint32_t n_moved;     /* visits moved for that */
} vrp_lines;

/* Defaults: no sets (the caller must set them), no spread limit, starts 0, same_van false. */
void vrp_lines_params_init(vrp_lines_params *lp);

/* Partitions days 0..n_days-1 into day-sets for stops visited freq times: evenly spread sets
 * of freq days (day s, s + n_days/freq, ... as in the scenario's spread patterns), taken
 * disjoint in order of their first day, and the days left over as one more set. Writes the
 * masks to sets (VRP_MAX_DAYS entries) and returns their number. 6 days, 3: mon+wed+fri,
 * tue+thu+sat. n_days 1..VRP_MAX_DAYS, freq 1..n_days. */
uint32_t vrp_lines_day_sets(uint32_t n_days, uint32_t freq, uint32_t *sets);

/* Solves p (borrowed) in lines mode under lp and params (NULL = defaults) and writes a new
 * plan to *out (caller frees with vrp_lines_free). Stops vrp_solve leaves out, and stops left
 * out for their spread, have pattern 0. Returns ERR_OK; ERR_USAGE for bad day-sets;
 * ERR_INFEASIBLE when no stop can be served. */
err_code vrp_solve_lines(const vrp_problem *p, const vrp_lines_params *lp, const vrp_params *params,
                         const logger *lg, vrp_lines **out, err *e);

/* Frees l and all it holds; NULL is a no-op. */
void vrp_lines_free(vrp_lines *l);

#endif
