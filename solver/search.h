/* search.h — the search engine behind vrp_solve (internal to solver/; callers use solve.h).
 * SPDX-License-Identifier: MIT */
#ifndef SOLVER_SEARCH_H
#define SOLVER_SEARCH_H

#include "solver/solve.h"

/* Runs the metaheuristic on p, whose stops rejected by vrp_stop_reason are left out (pattern
 * 0). Writes a new solution to *out (caller frees). Returns ERR_OK, or ERR_INFEASIBLE when
 * no stop can be served. */
err_code search_run(const vrp_problem *p, const vrp_params *par, const logger *lg,
                    vrp_solution **out, err *e);

/* vrp_improve: the local search (moves: vrp_move bits) from plan `in` to a local optimum. */
err_code search_improve(const vrp_problem *p, unsigned moves, const vrp_solution *in,
                        vrp_solution **out, err *e);

#endif
