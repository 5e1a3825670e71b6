/* fixture.h — problems and plans built in code for the solver tests, and an independent
 * check of a plan (every rule of vrp.h recomputed here, then solver/check.c must agree).
 * SPDX-License-Identifier: MIT */
#ifndef TESTS_SOLVER_FIXTURE_H
#define TESTS_SOLVER_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "solver/inst.h"
#include "solver/sol.h"
#include "solver/vrp.h"

/* A problem built from points in the plane (Euclidean distances rounded, time = distance):
 * every stop has demand 1, frequency 1 and one single-day pattern per day (at most 8); every
 * vehicle starts at depot 0 with capacity 1000, works every day and costs 1 per distance. */
typedef struct built {
    vrp_problem p;
    vrp_node *nodes;
    vrp_vehicle *veh;
    int32_t *m;     /* [n_nodes^2] the matrix (time and distance) */
    uint32_t *pats; /* storage for patterns, 8 per node: node i's are pats + 8 * i */
} built;

/* Builds b from n_nodes points xy[2 * n_nodes], the first n_depots being depots. */
void fixture_build(built *b, uint32_t n_nodes, uint32_t n_depots, uint32_t n_days, const double *xy,
                   uint32_t n_veh);
void fixture_unbuild(built *b);

/* n random points with integer coordinates in [0, 1000). */
void fixture_random_points(double *xy, uint32_t n, uint64_t seed);

/* A periodic instance: 30 stops over 3 days, frequencies 1..3 with every pattern of that many
 * days allowed, demands 1-2, service 10, 2 vehicles of capacity 20 with max duration 6000. */
void fixture_periodic(built *b, uint64_t seed);

/* 8 nodes over 2 days, 2 vehicles, where stops 2..6 cannot be served, each for one reason of
 * vrp_reason: 2 demand, 3 no road, 4 no pattern of its frequency, 5 no vehicle on its days,
 * 6 too far for the duration limit. Stops 1 and 7 can be served. */
void fixture_infeasible(built *b);

/* Gives every stop of b visit demands as from weekly volumes: rate[i] per day of the period,
 * so a visit carries rate[i] times the days since the stop's previous visit (a whole period
 * for freq 1). table holds n_nodes * n_days^2 entries and must outlive b's use; each stop's
 * demand becomes its largest visit. */
void fixture_weekly(built *b, int32_t *table, const int32_t *rate);

/* Checks s against p independently (fails the test on any broken rule; all_served: no stop
 * may be left out) and returns its recomputed cost. */
int64_t fixture_check(const vrp_problem *p, const vrp_solution *s, bool all_served);

/* A plan of b's problem from routes given as (day, vehicle, stops..., FIXTURE_END) rows,
 * closed by FIXTURE_PLAN_END; patterns follow from the routes. Caller frees. */
#define FIXTURE_END UINT32_MAX
#define FIXTURE_PLAN_END (UINT32_MAX - 1)
vrp_solution *fixture_plan(const built *b, const uint32_t *rows);

/* Fills x (uninitialised) with a plan of I: every stop to serve inserted at its cheapest
 * place with its cheapest pattern, in id order, without blinks; fails the test when a stop does
 * not fit. D is left empty. */
void fixture_greedy(const inst *I, sol_delta *D, sol *x);

#endif
