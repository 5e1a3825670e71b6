/* buscheck.h — the independent checker of a plan with buses (solver/bus.h). Written apart from
 * bus.c (it shares no routine with it) so that a bug in one is caught by the other; the van
 * routes are checked by vrp_check_with (solver/check.h). SPDX-License-Identifier: MIT */
#ifndef SOLVER_BUSCHECK_H
#define SOLVER_BUSCHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "solver/bus.h"
#include "solver/check.h"
#include "solver/vrp.h"

/* Checks bp against p and the n runs (all borrowed): each drop's run calls at its stop on the
 * run's day, within the stop's opening window if it has one, at a stop without pickup, and
 * can carry parcels (ready <=
 * deadline <= departure); no run over its capacity; no stop served twice on a day (two runs, or a
 * run and a van); each stop's van days plus bus days form one of its allowed patterns (a stop left
 * out: none) and equal bp->pattern; the fees and the total cost as stated; and the van routes pass
 * vrp_check_with(o) on p with each stop's visits reduced by its bus visits. Fills r like vrp_check:
 * the van routes' violations, then the buses' (VRP_VIOL_ROUTE for a malformed drop or an unusable
 * run, VRP_VIOL_CAPACITY for a run over capacity, VRP_VIOL_DUPLICATE, VRP_VIOL_PATTERN,
 * VRP_VIOL_PATTERN_FIELD, VRP_VIOL_STORED); r->cost is the vans' plus the fees. Returns true when
 * there is none. */
bool buscheck_plan(const vrp_problem *p, const bus_run *runs, size_t n, const bus_plan *bp,
                   const vrp_check_opts *o, vrp_check_report *r);

#endif
