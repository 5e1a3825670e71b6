/* linecheck.h — the independent check of a plan made in lines mode (solver/lines.h): the
 * lines rules, opening windows and the arrival-time spreads, recomputed from the problem's
 * matrices. Written apart from lines.c (it shares no routine with it or with the search), like
 * check.h. SPDX-License-Identifier: MIT */
#ifndef SOLVER_LINECHECK_H
#define SOLVER_LINECHECK_H

#include "solver/lines.h"
#include "solver/vrp.h"
#include "util/err.h"

/* The independent check of the lines rules, recomputed from p's matrices (shares no code
 * with the search or with vrp_solve_lines but the route timeline of vrp.h, the one definition
 * of a route's times, which check.c uses too): every route belongs to a line, on a day of it,
 * with the line's vehicle; each line has one route on each of its days, all with the same
 * stops in the same order; leaving at the line's departure (not before its vehicle's start,
 * waiting where a stop has not opened yet) each line reaches every stop before it closes and
 * keeps its vehicle's capacity, shift and range; with lp->same_van each stop has one vehicle;
 * each stop's arrival times differ by at most its max_spread. Writes the first broken rule to
 * e (stops by node index) and returns ERR_INTERNAL, else ERR_OK. */
err_code vrp_lines_check(const vrp_problem *p, const vrp_lines_params *lp, const vrp_lines *l,
                         err *e);

#endif
