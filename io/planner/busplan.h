/* busplan.h — the bus lines of a scenario (buses.csv, io/scenario/buses.h) inside `jincun plan`:
 * their points put on the roads, travel times between stops (given, or the road network's),
 * the week's runs over the solver's nodes (solver/bus.h), the choice of van or bus after the
 * van-only solve, its independent check, and the runs that carry parcels in the plan with the
 * van-only figures beside them. SPDX-License-Identifier: MIT */
#ifndef IO_PLANNER_BUSPLAN_H
#define IO_PLANNER_BUSPLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io/plan/plan.h"
#include "io/scenario/scenario.h"
#include "maps/roads.h"
#include "solver/check.h"
#include "solver/vrp.h"
#include "util/err.h"
#include "util/log.h"

typedef struct busplan busplan;

/* Reads sc's buses.csv (sc borrowed and kept: it must outlive the busplan). *out is NULL when
 * the folder has none. Errors as buses_load (ERR_PARSE with file, line and column). */
err_code busplan_load(const scenario *sc, busplan **out, err *e);

/* Frees b; NULL is a no-op. */
void busplan_free(busplan *b);

/* Puts the lines' points on the roads of rd (a stop of stops.csv keeps its snap, snap[i]),
 * takes each leg's time where buses.csv gives no minutes from the road network, draws each
 * line's road path, and builds the week's runs over the VRP's nodes (stop_node: scenario stop
 * → node or UINT32_MAX), with fees in solver units (cost_scale per currency unit). The parcels
 * are ready at a depot at the scenario's shift start. rd, snap and stop_node are borrowed for
 * this call only. Returns ERR_OK, or ERR_PARSE naming
 * the row when a leg needs the road network and a point is off the roads or unreachable. */
err_code busplan_build(busplan *b, roads *rd, const roads_snap *snap, const uint32_t *stop_node,
                       double cost_scale, const logger *lg, err *e);

/* The buses.csv read (borrowed). */
const char *busplan_path(const busplan *b);

/* Number of runs in the week, and of those that can carry parcels (loading deadline between
 * the parcels' ready time and the departure). */
size_t busplan_n_runs(const busplan *b);
size_t busplan_n_usable(const busplan *b);

/* Chooses van or bus for each visit (bus_solve) from van-only plan `vans` of p (both borrowed,
 * p kept until busplan_free). Returns bus_solve's codes. */
err_code busplan_solve(busplan *b, const vrp_problem *p, const vrp_solution *vans, err *e);

/* After busplan_solve: the van routes of the plan with buses, the days each node is served
 * (van or bus), and the total cost (vans + fees, solver units). */
const vrp_solution *busplan_vans(const busplan *b);
const uint32_t *busplan_days(const busplan *b);
int64_t busplan_cost(const busplan *b);

/* The independent check of the plan with buses (buscheck_plan with options o). */
bool busplan_check(const busplan *b, const vrp_check_opts *o, vrp_check_report *r);

/* Adds to pl the runs that carry parcels (each with its drops, fee and its line's road path)
 * and the van-only figures of `vans` (cost, km, hours, CO2 by each van's factors of the
 * scenario); cost_scale: solver cost units per currency unit; node_stop: node → scenario stop. */
void busplan_fill(const busplan *b, plan *pl, const vrp_solution *vans, const uint32_t *node_stop,
                  double cost_scale);

#endif
