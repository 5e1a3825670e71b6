/* solve.h — the periodic VRP solver: vrp_solve and vrp_improve. This is the one description
 * of the algorithm; the files named below describe only their own part.
 *
 * 0. Diagnosis (vrp.c). Each stop is tested alone (vrp_stop_reason); stops no vehicle can
 *    serve on the days of any allowed pattern are logged and left out (pattern 0).
 * 1. Set-up (inst.c). One route slot per day and vehicle working that day; per stop its usable
 *    patterns, a penalty for leaving it unserved (above any cost of serving it) and its 100
 *    nearest stops.
 * 2. Start (sisr.c, sol.c). From the empty plan, every stop is inserted with the pattern whose
 *    days have the cheapest sum of best insertions, in a SISR order. With use_lp, when that
 *    start serves every stop, GLPK balances the day patterns (mip.c → lp.c) and a second start
 *    is built from them; the cheaper start is kept.
 * 3. Search (solve.c): ruin and recreate with slack induction by string removals (SISR,
 *    Christiaens & Vanden Berghe, Transp. Sci. 2020) adapted to day patterns (sisr.c). Each
 *    iteration:
 *    - ruins: strings of consecutive stops around a random stop's nearest stops, at most one
 *      string per route. Half of the ruins remove every visit of the stops they pick; the other
 *      half (one-day ruins) remove only the visits of one day of the first stop's pattern;
 *    - recreates: the one-day ruin's visits go back on their day, patterns kept (a visit that
 *      fits nowhere takes its whole stop out); then every unserved stop is inserted with its
 *      cheapest pattern. Both in a SISR order (random, demand, far or close first) with blinks
 *      (each position skipped with probability 0.01);
 *    - local search (ls.c) when the candidate beats the best plan: 2-opt and or-opt/relocate
 *      inside and between routes, swap and 2-opt* between the routes of a day towards each
 *      stop's 20 nearest stops (granular), and the pattern move (a stop takes its best pattern
 *      and positions), starting from the routes the iteration changed;
 *    - acceptance by simulated annealing: the temperature falls geometrically from temp_start
 *      to temp_end times the best plan's mean arc cost over the run (the run's progress is the
 *      share of max_iterations done when there is an iteration limit, else of time_limit_s);
 *    - with use_lp, the routes of accepted plans within 0.5 % of the best feed the route pool
 *      (pool.c); at 50 % and at 80 % of the run, set partitioning over the pool (mip.c → lp.c)
 *      recombines them and replaces the best and current plans when it finds a cheaper one.
 *    Only the routes and stops an iteration changed are copied between the current and the
 *    candidate plan (sol.c's change record), so an iteration costs what it changes.
 * 4. Polish (ls.c): the local search over every route of the best plan, once at the end.
 * Routes always keep within their vehicle's capacity, duration and distance; stops that fit
 * nowhere stay unserved at their penalty. The run stops at the iteration limit, the time limit
 * or the interrupt flag, whichever comes first (vrp_solution.end says which).
 * Reproducibility: with an iteration limit nothing but the safety net reads the clock. The
 * temperature and the GLPK rounds follow the iteration count; GLPK stops at node limits (200
 * nodes for the patterns, 40 per set partitioning) and its time limit is only what is left of
 * time_limit_s. Same problem, seed and iteration limit then give the same plan whatever the
 * machine's speed or load, unless the time limit ends the run (or a GLPK step) first: the end
 * is then VRP_END_TIME and a warning is logged. Without an iteration limit the run follows the
 * clock, and GLPK gets a few percent of the time limit per step.
 * SPDX-License-Identifier: MIT */
#ifndef SOLVER_SOLVE_H
#define SOLVER_SOLVE_H

#include "solver/vrp.h"
#include "util/err.h"
#include "util/log.h"

/* Solves p (borrowed) under params (NULL = defaults) and writes a new solution to *out
 * (caller frees with vrp_solution_free). Stops that vrp_diagnose rejects, and stops the search
 * could not place, get pattern 0 and appear on no route (logged as warnings); the caller
 * decides what to do with them (vrp_solution_unserved counts them). Stops at the time limit,
 * the iteration limit or the interrupt flag, whichever comes first, and returns the best plan
 * found. Progress goes to log_progress(lg, "search", ...); lg may be NULL.
 * Returns ERR_OK (also when interrupted: the plan is then the best so far, at least the start);
 * ERR_INFEASIBLE when p has stops and none can be served. A failing MIP is logged and the
 * search goes on without it. */
err_code vrp_solve(const vrp_problem *p, const vrp_params *params, const logger *lg,
                   vrp_solution **out, err *e);

/* Improves plan `in` (borrowed, a plan of p such as vrp_solve writes) by the local search of
 * step 3 with the given moves (vrp_move bits) over all its routes until none of them helps,
 * and writes the new plan to *out (caller frees). Unserved stops stay unserved.
 * Deterministic. Returns ERR_USAGE, with a message naming the route or stop, when `in` is not
 * a feasible plan of p. */
err_code vrp_improve(const vrp_problem *p, unsigned moves, const vrp_solution *in,
                     vrp_solution **out, err *e);

#endif
