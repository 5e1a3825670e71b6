/* solve.h — the periodic VRP solver: up-front per-stop feasibility diagnosis and the
 * metaheuristic (ruin-and-recreate with slack induction by string removals, Christiaens &
 * Vanden Berghe 2020, extended to periodic patterns; simulated-annealing acceptance; granular
 * local search with 2-opt, relocate/or-opt, swap, 2-opt* and pattern moves; GLPK pattern
 * assignment and set partitioning over a route pool when use_lp).
 * SPDX-License-Identifier: MIT */
#ifndef SOLVER_SOLVE_H
#define SOLVER_SOLVE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "solver/vrp.h"
#include "util/err.h"
#include "util/log.h"

/* Options of vrp_solve. Initialise with vrp_params_init, then set fields. */
typedef struct vrp_params {
    uint64_t seed;           /* random seed (default 1); same seed ⇒ same solution when the
                                run is stopped by max_iterations */
    double time_limit_s;     /* wall-clock limit in seconds, 0 = none (default 10) */
    uint64_t max_iterations; /* ruin-and-recreate iterations, 0 = none (default 0) */
    bool use_lp;             /* use the GLPK MIPs of solver/lp.h (default true) */
    const volatile sig_atomic_t *interrupted; /* non-zero ⇒ stop and return the best so far;
                                                 NULL = never */
    uint32_t avg_removed;                     /* mean stops removed per ruin (default 10) */
    double temp_start; /* annealing temperature at the start and at the end of the run, as */
    double temp_end;   /* fractions of the best plan's mean arc cost (3, 0.03) */
    bool local_search; /* the vrp_move local search on each candidate new best (default true) */
} vrp_params;

/* Fills p with the defaults above. */
void vrp_params_init(vrp_params *p);

/* Why a stop cannot be served whatever the other stops do. */
typedef enum vrp_reason {
    VRP_REASON_NO_PATTERN = 1, /* no allowed pattern has `freq` days inside the period */
    VRP_REASON_DEMAND,         /* demand exceeds the capacity of every vehicle */
    VRP_REASON_UNREACHABLE,    /* no vehicle can go there and back (no road, or the round trip
                                  alone exceeds its max duration / max distance) */
    VRP_REASON_NO_DAYS         /* no allowed pattern has a capable vehicle on each of its days */
} vrp_reason;

/* One diagnosed stop. */
typedef struct vrp_diag {
    uint32_t node;     /* stop index (>= n_depots) */
    vrp_reason reason; /* the first failing test, in the order of vrp_reason */
} vrp_diag;

/* Short English text of a reason ("demand exceeds every vehicle's capacity"). Never NULL. */
const char *vrp_reason_text(vrp_reason r);

/* Tests stop i of p on its own: returns 0 when some allowed pattern has, on each of its days, a
 * vehicle that can carry the stop's demand and go there and back within its limits, else the
 * first failing reason. */
vrp_reason vrp_stop_reason(const vrp_problem *p, uint32_t i);

/* Tests every stop of p on its own (can some vehicle on the days of some allowed pattern
 * carry its demand and get there and back within its limits?). Writes a malloc'd array of
 * the infeasible stops, in node order, to *out (caller frees; NULL when none) and their number
 * to *n_out. Returns ERR_OK, or ERR_INFEASIBLE when p has stops and none is feasible (the
 * array is still filled). A stop passing this test may still be left out by vrp_solve when the
 * fleet as a whole is too small. */
err_code vrp_diagnose(const vrp_problem *p, vrp_diag **out, size_t *n_out, err *e);

/* Solves p (borrowed) under params (NULL = defaults) and writes a new solution to *out
 * (caller frees with vrp_solution_free). Stops that vrp_diagnose rejects, and stops the search
 * could not place, get pattern 0 and appear on no route (logged as warnings); the caller
 * decides what to do with them (vrp_solution_unserved counts them). Stops at the time limit,
 * the iteration limit or the interrupt flag, whichever comes first, and returns the best plan
 * found. Progress goes to log_progress(lg, "search", ...); lg may be NULL.
 * Returns ERR_OK; ERR_INFEASIBLE when p has stops and none can be served; ERR_INTERRUPTED when
 * interrupted before any plan existed; ERR_LP is never returned (a failing MIP is logged and
 * the search goes on without it). */
err_code vrp_solve(const vrp_problem *p, const vrp_params *params, const logger *lg,
                   vrp_solution **out, err *e);

/* The moves of the solver's local search. Each is applied only when it lowers the plan's cost
 * and keeps every route within its vehicle's capacity, shift and distance. */
typedef enum vrp_move {
    VRP_MOVE_2OPT = 1,      /* reverse a stretch of a route */
    VRP_MOVE_RELOCATE = 2,  /* move 1-3 consecutive stops elsewhere on the same day (or-opt) */
    VRP_MOVE_SWAP = 4,      /* two stops of different routes of a day trade places */
    VRP_MOVE_2OPT_STAR = 8, /* two routes of a day exchange their tails */
    VRP_MOVE_PATTERN = 16,  /* a stop takes its best day pattern and positions */
    VRP_MOVES_ALL = 31
} vrp_move;

/* Improves plan `in` (borrowed, a plan of p such as vrp_solve writes) by local search with the
 * given moves (vrp_move bits) until none of them helps, and writes the new plan to *out
 * (caller frees). Unserved stops stay unserved. Deterministic. Returns ERR_USAGE, with a
 * message naming the route or stop, when `in` is not a feasible plan of p. */
err_code vrp_improve(const vrp_problem *p, unsigned moves, const vrp_solution *in,
                     vrp_solution **out, err *e);

/* Number of stops (freq > 0) with pattern 0 in s, i.e. not served. */
size_t vrp_solution_unserved(const vrp_problem *p, const vrp_solution *s);

#endif
