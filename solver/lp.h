/* lp.h — the GLPK wrapper (the only door to GLPK): two small MIPs for the periodic VRP search
 * (mip.c drives them; the whole algorithm is described in solve.h).
 *   1. Pattern assignment: one allowed day pattern per stop so that the daily load (demand and
 *      an estimate of route time) is balanced across the days of the period.
 *   2. Set partitioning over a route pool (Cordeau, Gendreau & Laporte 1997 style "route
 *      recombination"): choose routes and one pattern per stop so that every stop is served
 *      exactly on the days of exactly one of its allowed patterns, within the fleet per day,
 *      at minimum cost.
 * Both solve with GLPK's branch-and-cut under a time limit and an optional node limit (the
 * node limit makes runs reproducible; the time limit is a safety net, and lp_status says when
 * it was reached) and return the best integer solution found, or the caller's incumbent when
 * GLPK found none.
 * SPDX-License-Identifier: MIT */
#ifndef SOLVER_LP_H
#define SOLVER_LP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "solver/vrp.h"
#include "util/err.h"
#include "util/log.h"

/* Version of the GLPK library linked in ("5.0"). */
const char *lp_glpk_version(void);

/* Releases GLPK's per-thread environment (glp_free_env). Call once at program exit and in test
 * teardown; later lp_* calls re-create it. */
void lp_free_env(void);

/* Limits and logging shared by both models. */
typedef struct lp_params {
    double time_limit;   /* seconds of branch-and-cut, <= 0 = none (default 10) */
    uint64_t node_limit; /* branch-and-bound nodes explored, 0 = none (default 0) */
    double mip_gap;      /* relative gap at which to stop, 0 = prove optimality (default 0) */
    const logger *log;   /* borrowed; NULL = silent */
    bool glpk_messages;  /* route GLPK's own output into log at LOG_DEBUG (default false) */
} lp_params;

/* Fills p with the defaults above. */
void lp_params_init(lp_params *p);

/* What a solve reached. */
typedef struct lp_status {
    bool optimal;        /* GLPK proved optimality (within mip_gap) */
    bool from_incumbent; /* the returned solution is the caller's start (GLPK found nothing
                            better, or it was already the best) */
    double objective;    /* objective value of the returned solution (model units, see below) */
    double bound;        /* best lower bound known (LP relaxation or tree), for gap reports */
    uint64_t nodes;      /* branch-and-bound nodes explored */
    bool time_out;       /* GLPK stopped at time_limit (in the relaxation or the tree), so the
                            result depends on the machine's speed; a node limit, a proof of
                            optimality or mip_gap does not set it */
} lp_status;

/* ---- 1. pattern assignment ----------------------------------------------------------------
 * Variables y[i][p] in {0,1}: stop i uses its p-th allowed pattern; sum_p y[i][p] = 1.
 * Day d's demand  Q_d = sum_i demand_i * y[i][p] [d in p]  and its time estimate
 * T_d = sum_i (time(depot_i, i) + time(i, depot_i) + service_i) * y[i][p] [d in p], where
 * depot_i is the depot of vehicle 0 unless `depot_of` is given (a rough, route-independent
 * proxy of the time a stop adds to a day).
 * With C_d = total capacity of vehicles available on day d and H_d = their total max_duration
 * (or, when any vehicle has no duration limit, the number of vehicles available on d, so time
 * is balanced per vehicle):
 *     minimise  w_load * zq / q_ideal + w_time * zt / t_ideal
 *     s.t.      Q_d <= zq * C_d,   T_d <= zt * H_d   for every day d,
 * where q_ideal and t_ideal are the ratios of a perfectly even spread (so both terms are about
 * 1 at best and the weights are comparable). Balance is soft: zq > 1 (more demand than the
 * day's fleet can carry) is reported, not refused. Patterns that use a day without any
 * available vehicle are never chosen. */
typedef struct lp_pattern_params {
    double w_load;            /* weight of the demand balance term (default 1) */
    double w_time;            /* weight of the time balance term (default 1) */
    const uint32_t *depot_of; /* [n_nodes] depot whose distance estimates time, or NULL */
    const uint32_t *start;    /* [n_nodes] incumbent day masks (one of each stop's allowed
                                 patterns; 0 for depots), or NULL (then a greedy one): given
                                 to GLPK as a first integer solution */
} lp_pattern_params;

/* Defaults: weights 1, no depot map, no start. */
void lp_pattern_params_init(lp_pattern_params *pp);

/* Solves the pattern-assignment MIP for problem p (borrowed). Writes the chosen day mask of
 * every node into pattern_out[n_nodes] (0 for depots); st (may be NULL) gets the outcome, with
 * st->objective in the units of the objective above.
 * Without a (usable) start, a greedy assignment (stops by decreasing demand, each on the
 * pattern whose busiest day ends least loaded) is GLPK's first incumbent, so a solution is
 * always returned, even with node_limit 1.
 * Returns ERR_OK, ERR_INFEASIBLE when some stop has no pattern whose days all have a vehicle,
 * ERR_LP when GLPK itself fails. Never keeps pointers. */
err_code lp_assign_patterns(const vrp_problem *p, const lp_params *prm, const lp_pattern_params *pp,
                            uint32_t *pattern_out, lp_status *st, err *e);

/* ---- 2. set partitioning over a route pool ------------------------------------------------
 * Variables x[r] in {0,1} per pool route, y[i][p] in {0,1} per stop and allowed pattern.
 *     minimise  sum_r cost_r x[r]
 *     s.t.      sum_p y[i][p] = 1                                   for every stop i
 *               sum_{r: day(r)=d, i in r} x[r] = sum_p y[i][p] [d in p]   for every stop i, day d
 *               sum_{r: day(r)=d, group(r)=g} x[r] <= fleet[g * n_days + d]  for every g, d
 * A "group" is whatever the caller's fleet limit counts: one group per vehicle with fleet 1
 * gives "one route per vehicle per day"; one group per depot (or vehicle type) with fleet =
 * number of its vehicles available on d gives the classic "at most m routes per day".
 * A stop listed twice in one route counts twice (so such a route is never chosen). Routes
 * of length 0 (n_stops == 0) are allowed but pointless. Every stop (node >= n_depots with
 * freq > 0) must be covered; a pool that cannot cover them gives ERR_INFEASIBLE. */
typedef struct lp_route {
    uint32_t day;          /* 0-based, < n_days */
    uint32_t group;        /* fleet group, < n_groups */
    uint32_t n_stops;      /* stops visited (depot not listed) */
    const uint32_t *stops; /* [n_stops] node indices >= n_depots, borrowed */
    int64_t cost;          /* route cost in the problem's cost units */
} lp_route;

typedef struct lp_pool {
    size_t n_routes;
    const lp_route *routes; /* [n_routes], borrowed */
    uint32_t n_groups;      /* >= 1 */
    const uint32_t *fleet;  /* [n_groups * n_days] max routes of group g on day d */
    const bool *start;      /* [n_routes] incumbent: routes of a feasible plan, or NULL */
} lp_pool;

/* Solves the set-partitioning MIP for problem p and pool (both borrowed). Writes chosen[r]
 * (true = route r in the plan) for every pool route and pattern_out[n_nodes] (the chosen day
 * mask per node, 0 for depots). st (may be NULL) gets the outcome; st->objective is the total
 * cost of the chosen routes.
 * Returns ERR_OK; ERR_INFEASIBLE when GLPK proves that no selection of pool routes covers the
 * stops; ERR_LP when GLPK fails or finds no integer solution within the limits and no start
 * was given; ERR_USAGE (with the offending index) for a route whose day, group or stop is out
 * of range. Never keeps pointers. */
err_code lp_set_partition(const vrp_problem *p, const lp_pool *pool, const lp_params *prm,
                          bool *chosen, uint32_t *pattern_out, lp_status *st, err *e);

#endif
