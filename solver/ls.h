/* ls.h — the search's local search (internal to solver/ except through vrp_improve; the
 * whole algorithm is described in solve.h): 2-opt and or-opt/relocate inside and between the
 * routes of a day, swap and 2-opt* (tail exchange) between the routes of a day tried only
 * towards each stop's GRANULAR nearest stops (granular neighbourhoods, Toth & Vigo 2003, as in
 * Vidal's HGS), and the pattern move. It starts from the slots the change record marks dirty,
 * so the work follows what an iteration changed rather than the size of the plan.
 * SPDX-License-Identifier: MIT */
#ifndef SOLVER_LS_H
#define SOLVER_LS_H

#include "solver/inst.h"
#include "solver/sol.h"
#include "solver/vrp.h"
#include "util/err.h"

#define LS_GRANULAR 20 /* nearest stops tried per stop by swap and 2-opt* */

typedef struct ls ls;

/* A local search over plans of I with the given moves (vrp_move bits) that records its edits
 * in D (both borrowed, kept until ls_free). Never NULL. */
ls *ls_new(const inst *I, sol_delta *D, unsigned moves);

/* Frees L; NULL is a no-op. */
void ls_free(ls *L);

/* Improves x from its dirty slots (D->dirty, which grows as moves touch other slots of the
 * same day) until no move lowers its cost, or 100 rounds: per round, 2-opt and or-opt on each
 * dirty slot, swap and 2-opt* on each day with a dirty slot, then the pattern move of every
 * stop on a dirty slot. Each move is applied only when it lowers the cost and keeps both
 * routes within their limits (with windows or pickups: by their vrp_timeline, waiting
 * included in the duration and the cost). Deterministic. */
void ls_run(ls *L, sol *x);

/* vrp_improve (solve.h): loads plan `in` (borrowed) of p, runs the local search with `moves`
 * over all its routes and writes the result to *out (caller frees). Returns ERR_OK, or
 * ERR_USAGE naming the route or stop when `in` is not a feasible plan of p (*out NULL). */
err_code ls_improve(const vrp_problem *p, unsigned moves, const vrp_solution *in,
                    vrp_solution **out, err *e);

#endif
